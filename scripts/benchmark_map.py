"""How fast the map page answers on built tables: its first draw, a rerun, filter changes, the view switch.

    python3 scripts/benchmark_map.py --tables /work/data/news48k [--lang ar]

Drives the app with ``streamlit.testing`` AppTest in this process (the server's code path: the page
script, the caches, the DuckDB queries) and prints each step's wall-clock seconds; filter changes are
made on the map page, so each one recomputes the selection and the place counts.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
APP = str(REPO / "dashboard" / "app.py")
TARGET = 1.0  # seconds of server time for a filter change (issue 10)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tables", type=Path, required=True)
    ap.add_argument("--lang", default="en", choices=("en", "ar"))
    ap.add_argument("--topic", default="politics")
    ap.add_argument("--text", default="كوريا")
    args = ap.parse_args()
    os.environ["MARSAD_DATA"] = str(args.tables)
    sys.path.insert(0, str(REPO))
    from streamlit.testing.v1 import AppTest

    from dashboard import data
    from scripts import benchmark_dashboard

    rows = []

    def timed(label, fn, target=None):
        return benchmark_dashboard.timed(label, fn, rows, target)

    folder = args.tables.resolve()
    top = data.all_entity_counts(str(folder), data.dataset_version(folder))["entity_id"].iloc[0]
    at = AppTest.from_file(APP, default_timeout=180)
    at.query_params["lang"] = args.lang
    at = timed("first page (overview, cold)", at.run)
    at = timed("switch to the map (place table and counts, cold)", lambda: at.switch_page("views/map.py").run())
    at = timed("map rerun (warm)", at.run)
    at = timed(f"filter change on the map: actor {top}", lambda: at.multiselect(key="filter_actor").set_value([top]).run(),
               TARGET)
    at = timed(f"filter change on the map: + topic {args.topic}",
               lambda: at.multiselect(key="filter_topic").set_value([args.topic]).run(), TARGET)
    at = timed(f"filter change on the map: + text {args.text}",
               lambda: at.text_input(key="filter_text").set_value(args.text).run(), TARGET)
    at = timed("map view: world", lambda: at.radio(key="map_view").set_value("world").run(), TARGET)
    at = timed("filter change on the map: clear all filters", lambda: at.button(key="filter_reset").click().run(), TARGET)
    at = timed("filter change on the map: actor again (cached)",
               lambda: at.multiselect(key="filter_actor").set_value([top]).run(), TARGET)

    print(f"\nTables: `{args.tables}`, interface `{args.lang}`\n")
    print("| step | seconds | target |")
    print("|---|---:|---|")
    for label, seconds, target in rows:
        mark = "" if target is None else (f"< {target:g} s ✓" if seconds < target else f"< {target:g} s ✗")
        print(f"| {label} | {seconds:.2f} | {mark} |")


if __name__ == "__main__":
    main()
