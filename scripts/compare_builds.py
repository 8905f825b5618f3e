"""Build the same articles with two revisions of Marsad and list every row that changed.

    python3 scripts/compare_builds.py --base main~3                  # base revision against this checkout
    python3 scripts/compare_builds.py --base v1 --head v2 --n 2000 --out /tmp/compare

The articles are the first ``--n`` of each corpus in ``../shared/corpora/news/`` (2,000 ANT and
2,000 SaudiNewsNet by default), written once to ``OUT/inputs``. Each revision is checked out in a
detached worktree under ``OUT`` (``--head`` defaults to this checkout, uncommitted changes
included) and builds ``OUT/<name>-tables``. For every fact table the rows are compared by their
identity (document, offsets, and the fact's kind); ``OUT/diff/<table>.csv`` lists each removed,
added and changed row with the columns that differ, and a summary table is printed. A restructuring
that should not change the output must print zeros; every other line is a change to explain.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd

from data_pipeline.layout import lock_path, versions_dir

REPO = Path(__file__).resolve().parents[1]
CORPORA = REPO.parent / "shared" / "corpora" / "news"
# The identity of a row in each table: two builds agree on a row when these columns match.
KEYS = {
    "documents": ["doc_id"],
    "passages": ["passage_id"],
    "mentions": ["doc_id", "start", "end"],
    "claims": ["doc_id", "start", "end"],
    "quantities": ["doc_id", "start", "end"],
    "timeline": ["doc_id", "start", "end"],
    "entities": ["entity_id"],
}
# Columns that say nothing about extraction (where the build read its input, content digests).
IGNORED = {"input_path"}


def write_inputs(out: Path, n: int) -> list[Path]:
    """The first ``n`` articles of each corpus file, as plain JSONL files in ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for source in sorted(CORPORA.glob("*.jsonl.gz")):
        target = out / source.name.replace(".jsonl.gz", f"-first{n}.jsonl")
        if not target.exists():
            with gzip.open(source, "rt", encoding="utf-8") as src, open(target, "w", encoding="utf-8") as dst:
                dst.writelines(itertools.islice(src, n))
        paths.append(target)
    if not paths:
        sys.exit(f"compare_builds: no corpus in {CORPORA}")
    return paths


def checkout(rev: str, where: Path) -> Path:
    """A detached worktree of ``rev`` at ``where`` (reused when it already holds that commit)."""
    commit = subprocess.run(["git", "rev-parse", f"{rev}^{{commit}}"], cwd=REPO, check=True, capture_output=True,
                            text=True).stdout.strip()
    if where.exists():
        here = subprocess.run(["git", "rev-parse", "HEAD"], cwd=where, capture_output=True, text=True).stdout.strip()
        if here == commit:
            return where
        subprocess.run(["git", "worktree", "remove", "--force", str(where)], cwd=REPO, check=True)
    subprocess.run(["git", "worktree", "add", "--detach", str(where), commit], cwd=REPO, check=True,
                   capture_output=True)
    return where


def _commit(tree: Path) -> str:
    return subprocess.run(["git", "rev-parse", "HEAD"], cwd=tree, capture_output=True, text=True).stdout.strip()


def _built_by(tables: Path, tree: Path) -> bool:
    stamp = tables / "BUILT_BY"
    return stamp.exists() and stamp.read_text() == _commit(tree)


def remove_dataset(tables: Path) -> None:
    """Delete a dataset: its link (or plain folder), its versions and its lock file (see layout.py)."""
    if tables.is_symlink():
        tables.unlink()
    else:
        shutil.rmtree(tables, ignore_errors=True)
    shutil.rmtree(versions_dir(tables), ignore_errors=True)
    lock_path(tables).unlink(missing_ok=True)


def build(tree: Path, inputs: list[Path], tables: Path) -> Path:
    """``marsad build`` of ``inputs`` with the code of ``tree`` (its own modules first on the path)."""
    cmd = [sys.executable, "-m", "data_pipeline.cli", "build", *map(str, inputs), "--out", str(tables),
           "--without-uploads"]
    env = {**os.environ, "PYTHONPATH": str(tree)}
    remove_dataset(tables)  # a build over old tables would reuse their rows
    print(f"compare_builds: building with {tree} ...", file=sys.stderr)
    subprocess.run(cmd, cwd=tree, check=True, env=env, stdout=subprocess.DEVNULL)
    return tables


def _comparable(df: pd.DataFrame) -> pd.DataFrame:
    """Cells as strings (lists and arrays joined), so rows compare by value whatever their types."""
    def cell(v) -> str:
        if isinstance(v, (list, tuple, np.ndarray)):
            return "|".join(map(str, v))
        if v is None or (isinstance(v, float) and np.isnan(v)):
            return ""
        return str(v)

    return df.apply(lambda col: col.map(cell))


def _numbered(df: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """``nth``: the row's rank among rows with the same identity (two claims may share a span),
    by their values, so equal sets of rows pair up one for one."""
    df = df.sort_values(list(df.columns), kind="stable")
    return df.assign(nth=df.groupby(keys, sort=False).cumcount().astype(str))


def diff_table(name: str, base: Path, head: Path, ignored: set[str] = IGNORED) -> tuple[pd.DataFrame, dict]:
    """Rows removed, added and changed between the two builds' ``name`` tables."""
    a = pd.read_parquet(base / f"{name}.parquet")
    b = pd.read_parquet(head / f"{name}.parquet")
    keys = KEYS[name]
    # A column only one build has (one added by the change) is listed, not compared.
    columns = [c for c in a.columns if c in b.columns and c not in ignored]
    only = sorted(set(a.columns) ^ set(b.columns))
    a = _numbered(_comparable(a.reindex(columns=columns)), keys)
    b = _numbered(_comparable(b.reindex(columns=columns)), keys)
    keys = [*keys, "nth"]
    merged = a.merge(b, on=keys, how="outer", suffixes=("_base", "_head"), indicator=True)
    rows = []
    changed = 0
    others = [c for c in columns if c not in keys and c != "nth"]
    for rec in merged.to_dict("records"):
        key = {k: rec[k] for k in keys}
        if rec["_merge"] == "left_only":
            rows.append({**key, "change": "removed", "columns": "", "base": _row(rec, others, "_base"), "head": ""})
        elif rec["_merge"] == "right_only":
            rows.append({**key, "change": "added", "columns": "", "base": "", "head": _row(rec, others, "_head")})
        else:
            differ = [c for c in others if rec[f"{c}_base"] != rec[f"{c}_head"]]
            if differ:
                changed += 1
                rows.append({**key, "change": "changed", "columns": ",".join(differ),
                             "base": _row(rec, differ, "_base"), "head": _row(rec, differ, "_head")})
    out = pd.DataFrame(rows, columns=[*keys, "change", "columns", "base", "head"])
    counts = {
        "table": name, "base rows": len(a), "head rows": len(b),
        "removed": int((merged["_merge"] == "left_only").sum()),
        "added": int((merged["_merge"] == "right_only").sum()), "changed": changed,
        "not compared": ", ".join(only),
    }
    return out, counts


def _row(rec: dict, columns: list[str], suffix: str) -> str:
    return " ; ".join(f"{c}={rec[c + suffix]}" for c in columns)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base", required=True, help="git revision to compare against")
    ap.add_argument("--head", help="git revision to compare (default: this checkout as it is)")
    ap.add_argument("--n", type=int, default=2000, help="articles from each corpus (default 2000)")
    ap.add_argument("--out", type=Path, default=Path("/tmp/marsad-compare"))
    ap.add_argument("--ignore", action="append", default=[], metavar="COLUMN",
                    help="a column not to compare (repeatable), e.g. rule while rule ids are being named")
    args = ap.parse_args()

    out = args.out.absolute()
    inputs = write_inputs(out / "inputs", args.n)
    base_tree = checkout(args.base, out / "base")
    base_tables = out / "base-tables"
    if not _built_by(base_tables, base_tree):  # the base of one commit is built once
        build(base_tree, inputs, base_tables)
        (base_tables / "BUILT_BY").write_text(_commit(base_tree))
    head_tree = checkout(args.head, out / "head") if args.head else REPO
    head_tables = build(head_tree, inputs, out / "head-tables")

    (out / "diff").mkdir(exist_ok=True)
    summary = []
    for name in KEYS:
        rows, counts = diff_table(name, base_tables, head_tables, ignored=IGNORED | set(args.ignore))
        rows.to_csv(out / "diff" / f"{name}.csv", index=False)
        summary.append(counts)
    print(f"\nInputs: {', '.join(p.name for p in inputs)}; diffs in {out / 'diff'}\n")
    print("| table | base rows | head rows | removed | added | changed | columns in one build only |")
    print("|---|---:|---:|---:|---:|---:|---|")
    for c in summary:
        print(f"| {c['table']} | {c['base rows']:,} | {c['head rows']:,} | {c['removed']:,} | {c['added']:,} | "
              f"{c['changed']:,} | {c['not compared']} |")


if __name__ == "__main__":
    main()
