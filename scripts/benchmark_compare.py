"""How fast the compare page answers (issue 10: any change ≤ 1 s of server time on the 48k tables).

Drives the app with ``streamlit.testing`` AppTest in this process (the server's code path: scripts,
caches, DuckDB queries) and prints a Markdown table of wall-clock seconds per step::

    python3 scripts/benchmark_compare.py --tables /work/data/news48k

Steps: the page opened with its default series (the most mentioned people), an actor added
through the ranked search, a text added (the text index), the measure and the period switched,
the sidebar's outlet filter changed (every series queried again), the outlet chart's series changed,
a series removed, and the page opened from a shared URL in a new session (caches warm).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
APP = str(REPO / "dashboard" / "app.py")
TARGET = 1.0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tables", type=Path, required=True)
    ap.add_argument("--actor-search", default="بوتين")
    ap.add_argument("--text", default="كوريا")
    args = ap.parse_args()
    os.environ["MARSAD_DATA"] = str(args.tables)
    sys.path.insert(0, str(REPO))
    os.chdir(REPO)
    from streamlit.testing.v1 import AppTest

    from dashboard import data
    from scripts import benchmark_dashboard

    rows: list[tuple[str, float, float | None]] = []

    def timed(label, fn, target=TARGET):
        return benchmark_dashboard.timed(label, fn, rows, target)

    data.clear_caches()
    at = AppTest.from_file(APP, default_timeout=120)
    at.query_params["lang"] = "en"
    at = timed("first page (overview, empty caches)", lambda: at.run(), None)
    at = timed("switch to compare (3 default series, cold)", lambda: at.switch_page("views/compare.py").run(), None)
    at = timed(f"actor search typed: {args.actor_search} (builds the actor index, once per version)",
               lambda: at.text_input(key="compare_actor_search").set_value(args.actor_search).run(), None)
    at = timed("another actor search: ترامب", lambda: at.text_input(key="compare_actor_search").set_value("ترامب").run())
    at = at.text_input(key="compare_actor_search").set_value(args.actor_search).run()
    at = timed("add the best match (1 new series query)", lambda: at.button(key="compare_add").click().run())
    at = at.radio(key="compare_kind").set_value("q").run()
    at = at.text_input(key="compare_query").set_value(args.text).run()
    at = timed(f"add a text series: {args.text} (text index)", lambda: at.button(key="compare_add").click().run())
    at = timed("measure: share of all articles", lambda: at.radio(key="compare_measure").set_value("share").run())
    at = timed("period: day", lambda: at.selectbox(key="compare_period").set_value("day").run())
    outlet = data.facets(str(Path(args.tables).resolve()), data.dataset_version(Path(args.tables)))["outlets"][0]
    at = timed(f"sidebar outlet filter ({outlet}): 5 series queried again",
               lambda: at.multiselect(key="filter_outlet").set_value([outlet]).run())
    at = timed("sidebar outlet filter cleared (cached)", lambda: at.multiselect(key="filter_outlet").set_value([]).run())
    at = timed("outlets side by side: series 2", lambda: at.selectbox(key="compare_outlets").set_value(2).run())
    at = timed("remove series 1", lambda: at.button(key="compare_remove_1").click().run())
    shared = dict(at.query_params)

    def new_session():
        fresh = AppTest.from_file(APP, default_timeout=120)
        for key, value in shared.items():
            fresh.query_params[key] = value
        fresh.switch_page("views/compare.py")
        return fresh.run()

    timed("shared URL opened in a new session (caches warm)", new_session, 1.5)

    print(f"\nTables: `{args.tables}`\n")
    print("| step | seconds | target |")
    print("|---|---:|---|")
    for label, secs, target in rows:
        mark = "" if target is None else (f"≤ {target:g} s ✓" if secs <= target else f"≤ {target:g} s ✗")
        print(f"| {label} | {secs:.2f} | {mark} |")


if __name__ == "__main__":
    main()
