"""Draw the audit samples of a built corpus, and score the verdicts auditors wrote for them.

    python3 scripts/audit_sample.py draw --data /work/data/ant20k --name ant --out eval/audits
    python3 scripts/audit_sample.py score eval/audits

``draw`` writes, for one corpus (a folder of tables), three JSON-lines files under ``OUT/NAME/``:

- ``claims.sample.jsonl``: 300 claims drawn at random (seeded), each with its passage;
- ``entities.sample.jsonl``: the 200 entities with the most mentions, each alias with its mention
  count and up to two passages where it occurs;
- ``quantities.sample.jsonl``: 200 quantities drawn at random, each with its passage.

Documents that belong to a gold or held-out set (``eval/*/``) are left out. An auditor who did not
write the rules reads each item and writes ``<kind>.verdicts.jsonl`` beside it, one line per item:
``{"n": ..., "verdict": ..., "note": ...}``; the verdicts each kind accepts are in ``VERDICTS``.
``score`` counts them and prints the rates the issue's targets are stated in.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dashboard.query import connect  # noqa: E402

SIZES = {"claims": 300, "entities": 200, "quantities": 200}
# What an auditor may answer for each kind of item (the first is "right").
VERDICTS = {
    # speaker: the noun phrase that made the claim (entity, described person/body, document);
    # junk: a pronoun, verb, particle, clause, addressee or fragment; empty: no speaker;
    # wrong: a real noun phrase, but not who made this claim; not_a_claim: no attributed statement.
    "claims": ("ok", "junk", "empty", "wrong", "not_a_claim"),
    # an entity is ok when its type is right and every alias names it; bad_alias lists the aliases
    # that name something else (a common word, another entity) in "aliases"; wrong_type; not_an_entity.
    "entities": ("ok", "bad_alias", "wrong_type", "bad_alias_and_type", "not_an_entity"),
    # value and unit both right; or which one is wrong; not_a_quantity (a year, an ordinal, a verb).
    "quantities": ("ok", "wrong_value", "wrong_unit", "wrong_value_and_unit", "not_a_quantity"),
}


def _gold_ids() -> set[str]:
    return {p.stem for p in (ROOT / "eval").glob("*/*.json")}


def _passages(con, ids: list[str]) -> dict[str, str]:
    if not ids:
        return {}
    rows = con.execute("SELECT passage_id, text FROM passages WHERE passage_id IN (SELECT unnest(?))", [ids]).fetchall()
    return dict(rows)


def draw_claims(con, rng: random.Random, skip: set[str]) -> list[dict]:
    columns = [r[0] for r in con.execute("DESCRIBE claims").fetchall()]
    wanted = [c for c in ("doc_id", "claim_id", "speaker", "frame", "target", "via", "cue", "content", "text",
                          "stance", "hedged", "rule", "passage_id") if c in columns]
    ids = [r[0] for r in con.execute("SELECT claim_id FROM claims ORDER BY claim_id").fetchall()]
    rng.shuffle(ids)
    out = []
    for claim_id in ids:
        if len(out) == SIZES["claims"]:
            break
        row = dict(zip(wanted, con.execute(f"SELECT {', '.join(wanted)} FROM claims WHERE claim_id = ?", [claim_id]).fetchone()))
        if row["doc_id"] not in skip:
            out.append(row)
    passages = _passages(con, [r["passage_id"] for r in out if r.get("passage_id")])
    for n, row in enumerate(out, start=1):
        row["n"], row["passage"] = n, passages.get(row.get("passage_id"), "")
    return out


def draw_entities(con, skip: set[str]) -> list[dict]:
    top = con.execute(
        "SELECT entity_id, type, name_ar, name_en, mentions, documents, known FROM entities "
        "ORDER BY mentions DESC, entity_id LIMIT ?", [SIZES["entities"]]
    ).fetchall()
    out = []
    for n, (eid, etype, name_ar, name_en, mentions, documents, known) in enumerate(top, start=1):
        aliases = con.execute(
            "SELECT text, count(*) AS k, list(passage_id ORDER BY doc_id, start)[1:2] AS at FROM mentions "
            "WHERE entity_id = ? GROUP BY text ORDER BY k DESC, text", [eid]
        ).fetchall()
        passages = _passages(con, [p for _, _, at in aliases for p in at if p])
        out.append({
            "n": n, "entity_id": eid, "type": etype, "name_ar": name_ar, "name_en": name_en, "mentions": mentions,
            "documents": documents, "known": known,
            "aliases": [{"text": text, "mentions": k, "passages": [passages.get(p, "") for p in at if p]} for text, k, at in aliases],
        })
    return out


def draw_quantities(con, rng: random.Random, skip: set[str]) -> list[dict]:
    rows = con.execute(
        "SELECT doc_id, value, unit, what, text, approximate, rule, passage_id FROM quantities "
        "ORDER BY doc_id, start, \"end\""
    ).fetchall()
    rng.shuffle(rows)
    keys = ("doc_id", "value", "unit", "what", "text", "approximate", "rule", "passage_id")
    out = [dict(zip(keys, r)) for r in rows if r[0] not in skip][: SIZES["quantities"]]
    passages = _passages(con, [r["passage_id"] for r in out if r["passage_id"]])
    for n, row in enumerate(out, start=1):
        row["n"], row["passage"] = n, passages.get(row["passage_id"], "")
    return out


def draw(data: Path, name: str, out: Path, seed: int) -> None:
    con = connect(data)
    skip = _gold_ids()
    folder = out / name
    folder.mkdir(parents=True, exist_ok=True)
    samples = {
        "claims": draw_claims(con, random.Random(seed), skip),
        "entities": draw_entities(con, skip),
        "quantities": draw_quantities(con, random.Random(seed + 1), skip),
    }
    for kind, items in samples.items():
        path = folder / f"{kind}.sample.jsonl"
        path.write_text("".join(json.dumps(i, ensure_ascii=False, default=str) + "\n" for i in items), encoding="utf-8")
        print(f"{path}: {len(items)} items")


def score(folder: Path) -> int:
    """Print, per corpus and kind, the verdict counts and rates; 1 when a verdicts file is missing or
    answers an item with a verdict not in VERDICTS."""
    bad = 0
    for sample in sorted(folder.glob("*/*.sample.jsonl")):
        kind = sample.name.split(".")[0]
        verdicts_path = sample.with_name(f"{kind}.verdicts.jsonl")
        items = [json.loads(line) for line in sample.read_text(encoding="utf-8").splitlines() if line.strip()]
        if not verdicts_path.exists():
            print(f"{sample.parent.name} {kind}: no verdicts yet ({len(items)} items)")
            bad = 1
            continue
        verdicts = {v["n"]: v["verdict"] for v in map(json.loads, verdicts_path.read_text(encoding="utf-8").splitlines()) if v}
        unknown = {v for v in verdicts.values() if v not in VERDICTS[kind]}
        missing = [i["n"] for i in items if i["n"] not in verdicts]
        if unknown or missing:
            print(f"{sample.parent.name} {kind}: unknown verdicts {sorted(unknown)}, {len(missing)} items without one")
            bad = 1
        counts = Counter(verdicts.values())
        total = sum(counts.values())
        rates = ", ".join(f"{v} {counts[v]} ({counts[v] / total:.1%})" for v in VERDICTS[kind] if counts[v])
        print(f"{sample.parent.name} {kind}: {total} audited: {rates}")
    return bad


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="command", required=True)
    d = sub.add_parser("draw")
    d.add_argument("--data", type=Path, required=True, help="folder of built tables")
    d.add_argument("--name", required=True, help="the corpus's short name (a sub-folder of --out)")
    d.add_argument("--out", type=Path, default=ROOT / "eval" / "audits")
    d.add_argument("--seed", type=int, default=2030)
    s = sub.add_parser("score")
    s.add_argument("folder", type=Path, nargs="?", default=ROOT / "eval" / "audits")
    args = ap.parse_args(argv)
    if args.command == "draw":
        draw(args.data, args.name, args.out, args.seed)
        return 0
    return score(args.folder)


if __name__ == "__main__":
    raise SystemExit(main())
