"""How fast the dashboard answers on the real corpus (issue 3): first page, filter changes, page switches.

Builds the tables of the news corpus once (or reuses ``--tables DIR``), then drives
the app with ``streamlit.testing`` AppTest in this process (the same code path as
the server: scripts, caches, DuckDB queries) and prints a Markdown table::

    python3 scripts/benchmark_dashboard.py --tables /tmp/corpus_tables_v2

Rows: cold first page (empty caches), warm first page (a new session, caches
filled), filter changes (actor, an actor search, two actors with any / all of
them, topic, text), page switches, the entity page (first open of an actor and
again from the caches), and the peak resident memory of the
process. Times are wall-clock seconds.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = Path("/work/shared/corpora/news/ant-news-2018.jsonl.gz")
APP = str(REPO / "dashboard" / "app.py")
PAGES = ("timeline", "passages", "article", "claims", "quantities", "entities", "network", "compare", "map")
# Issue 10's targets on the two news corpora (48,631 articles): first page 3 s cold and 1.5 s warm,
# any filter change 1 s of server time, the entity page 1.5 s, text search 1 s.
TARGETS = {"first page": 3.0, "warm first page": 1.5, "filter change": 1.0, "article": 1.5, "entity page": 1.5}


def rss_mb() -> float:
    """Current resident memory of this process in MB (Linux /proc)."""
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def ensure_tables(tables: Path | None, corpus: Path) -> Path:
    if tables and (tables / "passages.parquet").exists():
        return tables
    out = tables or Path("/tmp/corpus_tables_v2")
    print(f"building {out} from {corpus} ...", file=sys.stderr)
    subprocess.run([sys.executable, "-m", "data_pipeline.cli", "build", str(corpus), "--out", str(out)], check=True,
                   cwd=REPO)
    return out


def timed(label: str, fn, rows: list, target: float | None = None):
    start = time.perf_counter()
    at = fn()
    elapsed = time.perf_counter() - start
    if at.exception:
        raise RuntimeError(f"{label}: {[e.value for e in at.exception]}")
    rows.append((label, elapsed, target))
    print(f"{label}: {elapsed:.2f} s", file=sys.stderr)
    return at


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tables", type=Path, help="folder with the corpus tables (built there if missing)")
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--actor", help="entity id for the actor filter (default: the most mentioned)")
    ap.add_argument("--actor-search", default="ترامب", help="text typed in the actor search box")
    ap.add_argument("--topic", default="politics")
    ap.add_argument("--text", default="كوريا")
    ap.add_argument("--entity", help="entity id for the entity page (default: the most mentioned)")
    args = ap.parse_args()

    folder = ensure_tables(args.tables, args.corpus)
    os.environ["MARSAD_DATA"] = str(folder)
    sys.path.insert(0, str(REPO))
    os.chdir(REPO)
    from streamlit.testing.v1 import AppTest

    from dashboard import data

    base_rss = rss_mb()
    rows: list = []

    def session():
        return AppTest.from_file(APP, default_timeout=120)

    data.clear_caches()
    at = timed("cold first page (overview, empty caches)", lambda: session().run(), rows, TARGETS["first page"])
    at = timed("warm first page (new session)", lambda: session().run(), rows, TARGETS["warm first page"])

    top = data.all_entity_counts(str(folder.resolve()), data.dataset_version(folder))["entity_id"]
    actor = args.actor or top[0]
    second = next(e for e in top if e != actor)
    at = timed(f"filter change: actor ({actor})", lambda: at.multiselect(key="filter_actor").set_value([actor]).run(),
               rows, TARGETS["filter change"])
    at = timed(f"actor search: {args.actor_search} (ranked on the server)",
               lambda: at.text_input(key="filter_actor_search").set_value(args.actor_search).run(), rows,
               TARGETS["filter change"])
    at = timed(f"filter change: two actors, any of them (+ {second})",
               lambda: at.multiselect(key="filter_actor").set_value([actor, second]).run(), rows,
               TARGETS["filter change"])
    at = timed("filter change: two actors, all of them (one passage)",
               lambda: at.radio(key="filter_actor_mode").set_value("all").run(), rows, TARGETS["filter change"])
    at = at.radio(key="filter_actor_mode").set_value("any").run()
    at = at.text_input(key="filter_actor_search").set_value("").run()
    at = timed("filter change: clear actor", lambda: at.multiselect(key="filter_actor").set_value([]).run(), rows,
               TARGETS["filter change"])
    at = timed(f"filter change: topic ({args.topic})",
               lambda: at.multiselect(key="filter_topic").set_value([args.topic]).run(), rows, TARGETS["filter change"])
    at = timed(f"filter change: text ({args.text}) on top of topic",
               lambda: at.text_input(key="filter_text").set_value(args.text).run(), rows, TARGETS["filter change"])
    at = timed("filter change: clear topic (text only)",
               lambda: at.multiselect(key="filter_topic").set_value([]).run(), rows, TARGETS["filter change"])
    at = timed("filter change: clear text (everything)",
               lambda: at.text_input(key="filter_text").set_value("").run(), rows, TARGETS["filter change"])
    for page in PAGES:
        at = timed(f"page switch: {page} (no filter)", lambda: at.switch_page(f"views/{page}.py").run(), rows)
        if page == "passages":
            at = passages_steps(at, rows, args.text, actor, second)
        if page == "network":
            at = network_steps(at, actor, rows)
    doc, passage = longest_article(folder)

    def reader(doc_id: str, passage_id: str):
        reader_at = session()
        reader_at.query_params.update({"doc": doc_id, "passage": passage_id})
        reader_at.switch_page("views/article.py")
        return reader_at.run()

    timed(f"article reader, new session: longest article ({doc}, at {passage})", lambda: reader(doc, passage), rows,
          TARGETS["article"])
    timed("article reader, the same article again (cached)", lambda: reader(doc, passage), rows, TARGETS["article"])
    at = at.switch_page("views/overview.py").run()
    at = timed(f"filter change on overview: text ({args.text}) again (cached)",
               lambda: at.text_input(key="filter_text").set_value(args.text).run(), rows, TARGETS["filter change"])
    at = at.text_input(key="filter_text").set_value("").run()

    # The entity page (``entity?entity=<id>``), as a click on a name opens it: the first time its own
    # queries run (the dataset's connection and the sidebar already warm), then from the caches. Each
    # opens in a session already started on the overview, so AppTest's own start of a session (it scans
    # the installed packages for components, 0.2-0.9 s here) is not counted as the page's time.
    entity = args.entity or actor

    def open_entity(page):
        page.query_params["entity"] = entity
        page = page.switch_page("views/entity.py").run()
        if len(page.metric) != 4:  # the page drew the search, not the actor
            raise RuntimeError(f"the entity page did not show {entity}")
        return page

    for label in ("first open, its queries cold", "new session, warm"):
        started = session().run()
        timed(f"entity page: {entity} ({label})", lambda s=started: open_entity(s), rows, TARGETS["entity page"])
    entity = next(e for e in top if e not in (entity, second))
    started = session().run()
    timed(f"entity page: {entity} (another actor, its queries cold)", lambda s=started: open_entity(s), rows,
          TARGETS["entity page"])

    print(f"\nTables: `{folder}` ({_table_sizes(folder)})\n")
    print("| step | seconds | target |")
    print("|---|---:|---|")
    for label, secs, target in rows:
        mark = "" if target is None else (f"< {target:g} s ✓" if secs < target else f"< {target:g} s ✗")
        print(f"| {label} | {secs:.2f} | {mark} |")
    print(f"| resident memory before the first page | {base_rss:.0f} MB | |")
    print(f"| peak resident memory (whole run) | {peak_rss_mb():.0f} MB | |")


def passages_steps(at, rows: list, text: str, actor: str, second: str):
    """On the passages page: paging, each order, relevance to a text and to two actors."""
    target = TARGETS["filter change"]
    at = timed("passages: next page", lambda: at.button(key="passages_next").click().run(), rows, target)
    at = timed("passages: last page", lambda: at.button(key="passages_last").click().run(), rows, target)
    at = timed("passages: oldest first", lambda: at.radio(key="passages_sort").set_value("oldest").run(), rows, target)
    at = timed(f"passages: text ({text}), oldest first",
               lambda: at.text_input(key="filter_text").set_value(text).run(), rows, target)
    at = timed(f"passages: text ({text}) by relevance (bm25)",
               lambda: at.radio(key="passages_sort").set_value("relevance").run(), rows, target)
    at = timed(f"passages: {actor} and {second}, by relevance",
               lambda: at.multiselect(key="filter_actor").set_value([actor, second]).run(), rows, target)
    at = at.multiselect(key="filter_actor").set_value([]).run()
    return at.text_input(key="filter_text").set_value("").run()


def longest_article(folder: Path) -> tuple[str, str]:
    """The article with the most passages, and its middle passage: the reader's heaviest page."""
    import duckdb

    path = folder / "passages.parquet"
    glob = str(path / "*.parquet") if path.is_dir() else str(path)
    con = duckdb.connect()
    doc = con.execute(f"SELECT doc_id FROM read_parquet('{glob}') GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1").fetchone()[0]
    ids = [r[0] for r in con.execute(f"SELECT passage_id FROM read_parquet('{glob}') WHERE doc_id = ? ORDER BY start",
                                     [doc]).fetchall()]
    return doc, ids[len(ids) // 2]
def network_steps(at, actor: str, rows: list):
    """The network page's own controls (graph of up to 60 actors, laid out on the server), then back
    to its defaults."""
    target = TARGETS["filter change"]
    at = timed("network: 60 actors (graph)", lambda: at.selectbox(key="network_top").set_value(60).run(), rows, target)
    at = timed("network: at least 50 passages per line",
               lambda: at.selectbox(key="network_min").set_value(50).run(), rows, target)
    at = timed("network: people and organisations only",
               lambda: at.multiselect(key="network_types").set_value(["PERSON", "ORG"]).run(), rows, target)
    at = at.multiselect(key="network_types").set_value([]).run()
    at = timed(f"network: centred on {actor} (ego network, 60 actors)",
               lambda: at.selectbox(key="network_centre").set_value(actor).run(), rows, target)
    at = timed("network: matrix view", lambda: at.radio(key="network_view").set_value("matrix").run(), rows, target)
    at = at.radio(key="network_view").set_value("graph").run()
    at = timed(f"network: sidebar actor filter ({actor}), 60 actors",
               lambda: at.multiselect(key="filter_actor").set_value([actor]).run(), rows, target)
    at = at.multiselect(key="filter_actor").set_value([]).run()
    at = at.selectbox(key="network_centre").set_value("").run()
    at = at.selectbox(key="network_min").set_value(None).run()
    return at.selectbox(key="network_top").set_value(30).run()


def _table_sizes(folder: Path) -> str:
    import duckdb

    con = duckdb.connect()
    out = []
    for name in ("documents", "passages", "mentions", "claims"):
        path = folder / f"{name}.parquet"
        glob = str(path / "*.parquet") if path.is_dir() else str(path)
        n = con.execute(f"SELECT count(*) FROM read_parquet('{glob}')").fetchone()[0]
        out.append(f"{n:,} {name}")
    return ", ".join(out)


if __name__ == "__main__":
    main()
