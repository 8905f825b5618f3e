"""Write the text index (passages_fts.sqlite) into a folder of tables built before the build wrote one.

    python3 scripts/text_index.py TABLES_DIR          # index, then time the text filter with and without it

Reads passages.parquet row group by row group (memory stays flat). A running dashboard picks the
index up at its next dataset version (a rebuild) or restart.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import time

from dashboard import query
from dashboard.filters import Filters
from data_pipeline.text_index import index_path, write_text_index

QUERIES = ["كوريا", "ترامب", "الأمم المتحدة"]


def _best_of(con, filters: Filters, index, runs: int = 3) -> tuple[float, int]:
    times, rows = [], 0
    for _ in range(runs):
        t0 = time.perf_counter()
        rows = query.select_passages(con, filters, index).num_rows
        times.append(time.perf_counter() - t0)
    return statistics.median(times), rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tables")
    parser.add_argument("--no-build", action="store_true", help="only time the queries")
    args = parser.parse_args()
    if not args.no_build:
        t0 = time.perf_counter()
        n = write_text_index(args.tables)
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        size = os.path.getsize(index_path(args.tables)) / 1e6
        print(f"indexed {n:,} passages in {time.perf_counter() - t0:.1f} s, {size:.0f} MB, peak RSS {rss:.0f} MB")
    con = query.connect(args.tables)
    index = query.usable_text_index(con, args.tables)
    print("query\tregex scan (median of 3)\tindex (median of 3)\tpassages")
    for text in QUERIES:
        scan, n_scan = _best_of(con, Filters(text=text), None)
        fts, n_fts = _best_of(con, Filters(text=text), index)
        print(f"{text}\t{scan:.2f} s\t{fts:.2f} s\t{n_scan:,} / {n_fts:,}")


if __name__ == "__main__":
    main()
