"""Benchmark `marsad build` on a real corpus: words/s, per-stage time, peak memory, and a reference run
of dateparser's Arabic date search on the same texts.

    python3 scripts/benchmark_build.py ../shared/corpora/news/ant-news-2018.jsonl.gz --out /tmp/bench
    python3 scripts/benchmark_build.py CORPUS --limit 2000 --dateparser-docs 300

Prints a Markdown table for the README and writes the figures to OUT/benchmark.json.
Not a test: shared machines are noisy, so figures are measured here and reported, never asserted.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from data_pipeline.build import build  # noqa: E402
from data_pipeline.readers import make_document  # noqa: E402


def _limited_copy(corpus: Path, limit: int, tmp: Path) -> Path:
    out = tmp / "sample.jsonl"
    opener = gzip.open if corpus.suffix == ".gz" else open
    with opener(corpus, "rt", encoding="utf-8") as src, out.open("w", encoding="utf-8") as dst:
        for line in itertools.islice(src, limit):
            dst.write(line)
    return out


def dateparser_reference(corpus: Path, n_docs: int) -> dict:
    import warnings

    from dateparser.search import search_dates

    warnings.filterwarnings("ignore")
    opener = gzip.open if corpus.suffix == ".gz" else open
    docs = []
    with opener(corpus, "rt", encoding="utf-8") as fh:
        for i, line in enumerate(itertools.islice(fh, n_docs)):
            docs.append(make_document(json.loads(line), f"d{i}"))
    words = sum(len(d.text.split()) for d in docs)
    found = 0
    t0 = time.perf_counter()
    from datetime import datetime

    for d in docs:
        base = datetime.fromisoformat(d.published) if d.published else datetime(2018, 6, 1)
        res = search_dates(d.text, languages=["ar"], settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"})
        found += len(res or [])
    secs = time.perf_counter() - t0
    return {"documents": len(docs), "words": words, "seconds": round(secs, 2), "words_per_s": round(words / secs), "dates_found": found}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--out", type=Path, default=None)
    ap.add_argument("--limit", type=int, default=0, help="first N articles only (0 = all)")
    ap.add_argument("--workers", type=int, default=None)
    ap.add_argument("--dateparser-docs", type=int, default=200, help="articles for the dateparser reference (0 = skip)")
    args = ap.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="marsad-bench-"))
    out = args.out or tmp / "tables"
    if out.exists():
        shutil.rmtree(out)
    source = _limited_copy(args.corpus, args.limit, tmp) if args.limit else args.corpus

    t0 = time.perf_counter()
    summary = build([source], out, workers=args.workers, progress=False, incremental=False)
    cold = time.perf_counter() - t0
    t0 = time.perf_counter()
    again = build([source], out, workers=args.workers, progress=False)
    unchanged = time.perf_counter() - t0

    # A few changed documents: the same corpus with five articles edited.
    edited = tmp / "edited.jsonl"
    opener = gzip.open if source.suffix == ".gz" else open
    with opener(source, "rt", encoding="utf-8") as src, edited.open("w", encoding="utf-8") as dst:
        for i, line in enumerate(src):
            if i < 5:
                row = json.loads(line)
                row["text"] += "\nوقال المتحدث إن الوضع مستقر."
                line = json.dumps(row, ensure_ascii=False) + "\n"
            dst.write(line)
    t0 = time.perf_counter()
    changed = build([edited], out, workers=args.workers, progress=False)
    few_changed = time.perf_counter() - t0

    peak_self = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    peak_child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    figures = {
        "documents": summary.documents_read,
        "words": summary.words,
        "workers": args.workers or os.cpu_count(),
        "cores": os.cpu_count(),
        "cold_build_s": round(cold, 1),
        "words_per_s": round(summary.words / cold),
        "unchanged_rebuild_s": round(unchanged, 1),
        "reused": again.documents_reused,
        "five_changed_rebuild_s": round(few_changed, 1),
        "five_changed_processed": changed.documents_processed,
        "peak_rss_main_mb": round(peak_self),
        "peak_rss_largest_worker_mb": round(peak_child),
        "stage_cpu_s": {k: round(v, 1) for k, v in sorted(summary.stage_seconds.items(), key=lambda kv: -kv[1])},
        "rows": summary.rows,
        "errors": len(summary.errors),
        "skipped": len(summary.skipped),
    }
    if args.dateparser_docs:
        figures["dateparser_reference"] = dateparser_reference(args.corpus, args.dateparser_docs)
    out.mkdir(parents=True, exist_ok=True)
    (out / "benchmark.json").write_text(json.dumps(figures, ensure_ascii=False, indent=2))
    print(json.dumps(figures, ensure_ascii=False, indent=2))
    print("\n| figure | value |\n|---|---|")
    for key in ("documents", "words", "workers", "cold_build_s", "words_per_s", "unchanged_rebuild_s",
                "five_changed_rebuild_s",
                "peak_rss_main_mb", "peak_rss_largest_worker_mb"):
        print(f"| {key} | {figures[key]:,} |" if isinstance(figures[key], int) else f"| {key} | {figures[key]} |")
    for stage, secs in figures["stage_cpu_s"].items():
        print(f"| CPU s in stage `{stage}` (all workers) | {secs} |")
    if "dateparser_reference" in figures:
        ref = figures["dateparser_reference"]
        print(f"| dateparser search_dates (ar), {ref['documents']} docs | {ref['words_per_s']:,} words/s |")


if __name__ == "__main__":
    main()
