"""Golden files pin the seed's tables so that any change in what is extracted shows up in review.

Regenerate after an intended change with:  python3 -m tests.golden_tables
"""

from __future__ import annotations

import json
from pathlib import Path

GOLDEN_DIR = Path(__file__).parent / "golden"
REPO = Path(__file__).resolve().parents[1]

# The columns pinned per table (text columns that follow from offsets are pinned through text/start/end).
PINNED = {
    "mentions": ["entity_id", "type", "text", "start", "end", "name_en", "method"],
    "entities": ["entity_id", "type", "name_ar", "name_en", "aliases", "mentions"],
    "quantities": ["value", "unit", "what", "text", "start", "end", "approximate"],
    "timeline": ["date", "precision", "text", "start", "end", "relative", "actors"],
    "claims": ["speaker", "speaker_entity_id", "cue", "content", "start", "end", "hedged", "stance", "frame", "target",
               "via"],
    "passages": ["passage_id", "start", "end", "topics"],
}


def golden_rows(tables: dict, name: str) -> list[dict]:
    frame = tables[name][PINNED[name]]
    rows = []
    for rec in frame.to_dict(orient="records"):
        rows.append({k: (list(v) if hasattr(v, "tolist") or isinstance(v, tuple) else v) for k, v in rec.items()})
    return json.loads(json.dumps(rows, ensure_ascii=False, default=str))


def regenerate() -> None:
    import tempfile

    from data_pipeline.build import build, read_tables

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "tables"  # build links this name to a version folder beside it
        build([REPO / "seeds" / "000_af8d0ac7418768f7.txt"], out, workers=1, progress=False)
        tables = read_tables(out)
    GOLDEN_DIR.mkdir(exist_ok=True)
    for name in PINNED:
        path = GOLDEN_DIR / f"seed_{name}.json"
        path.write_text(json.dumps(golden_rows(tables, name), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {path} ({len(tables[name])} rows)")


if __name__ == "__main__":
    regenerate()
