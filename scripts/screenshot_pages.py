"""Take every dashboard page in Arabic and English: ``docs/screenshots/<page>_<lang>.png``.

    python3 scripts/screenshot_pages.py --data /tmp/ant20k/tables
    python3 scripts/screenshot_pages.py --data DIR --out docs/screenshots --pages claims timeline --langs ar

Each page is taken once its charts are drawn (every Vega chart holds a canvas or an svg, no
loading skeleton left), in a 1400 x 1100 window. The browser helpers live in ``scripts/browser.py``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make ``scripts`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from scripts.browser import RENDER_TIMEOUT_MS, REPO, launch_chromium, serve, wait_idle, wait_rendered

# URL path of each page ("" is the overview, the default page), in the sidebar's order.
PAGES = {
    "overview": "",
    "timeline": "timeline",
    "passages": "passages",
    "article": "article",  # opened on an article of the data, at a passage (``article_path``)
    "claims": "claims",
    "quantities": "quantities",
    "entities": "entities",
    "entity": "entity?entity=person%3Adonald_trump",  # the entity page needs an actor: the most mentioned
    "network": "network",
    "compare": "compare",
    "map": "map",
    "add_articles": "add_articles",
}
# Charts each page draws under the default filters: the filter sentence and an idle status can come
# before a heavy page has even created its chart (seen on the timeline over 20,000 articles).
CHARTS = {"overview": 2, "timeline": 1, "network": 1, "compare": 3, "map": 1, "entity": 1}
# Tables each page shows: "every visible grid is drawn" holds before the first grid exists.
GRIDS = {"claims": 1, "quantities": 1, "entities": 1, "article": 1, "timeline": 1}
LANGS = ("ar", "en")
VIEWPORT = {"width": 1400, "height": 1100}
# Pages over 20,000 articles take several seconds to query and draw on two cores.
DRAWN_TIMEOUT_MS = 4 * RENDER_TIMEOUT_MS
SETTLE_MS = 800  # vega's enter transition

CHARTS_DRAWN = """([n, g]) => {
  const charts = [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')];
  const grids = [...document.querySelectorAll('[data-testid="stDataFrame"]')].filter(e => e.offsetParent !== null);  // not in a hidden tab
  return charts.length >= n && grids.length >= g && charts.every(e => e.querySelector('canvas, svg.marks'))
         && grids.every(e => e.querySelector('canvas') && e.querySelector('.dvn-scroller'))
         && !document.querySelector('[data-testid="stSkeleton"]');
}"""


ARTICLE_PASSAGES = 8  # at most: the screenshot shows the article's head and the marked passage together


def article_path(data: Path) -> str:
    """The reader on a short article (at most ARTICLE_PASSAGES passages) with the most claims (ties: the
    most mentions), at the passage of its first claim: every kind of highlight and the marked passage."""
    from urllib.parse import quote

    import pandas as pd
    import pyarrow.parquet as pq

    def per_doc(name: str):
        return pq.read_table(data / f"{name}.parquet", columns=["doc_id"]).to_pandas()["doc_id"].value_counts()

    claims = pq.read_table(data / "claims.parquet", columns=["doc_id", "passage_id"]).to_pandas()
    counts = pd.concat({"claims": per_doc("claims"), "mentions": per_doc("mentions"), "passages": per_doc("passages")},
                       axis=1).fillna(0)
    counts = counts[(counts["passages"] <= ARTICLE_PASSAGES) & (counts["claims"] > 0)]
    if counts.empty:
        return "article"
    doc = counts.sort_values(["claims", "mentions"], ascending=False).index[0]
    mine = claims[claims["doc_id"] == doc]["passage_id"].tolist()
    return f"article?doc={quote(doc, safe='')}&passage={quote(mine[0], safe='')}"


def take_page(page, url: str, name: str, lang: str, out: Path, path: str | None = None) -> float:
    """Open page ``name`` (at ``path``, its URL path and query, when given) in ``lang``, wait until it
    is drawn, save ``out``; return the seconds it took."""
    t0 = time.monotonic()
    path = PAGES[name] if path is None else path
    page.goto(f"{url}{path}{'&' if '?' in path else '?'}lang={lang}")
    wait_rendered(page)
    page.wait_for_function(CHARTS_DRAWN, arg=[CHARTS.get(name, 0), GRIDS.get(name, 0)], timeout=DRAWN_TIMEOUT_MS)
    wait_idle(page)
    page.evaluate("document.fonts.ready")
    page.wait_for_timeout(SETTLE_MS)
    seconds = time.monotonic() - t0
    out.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(out), full_page=False)
    return seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="tables folder (marsad build --out)")
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    parser.add_argument("--pages", nargs="+", choices=list(PAGES), default=list(PAGES))
    parser.add_argument("--langs", nargs="+", choices=LANGS, default=list(LANGS))
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    paths = {**PAGES, "article": article_path(args.data)} if "article" in args.pages else PAGES
    with (tempfile.TemporaryDirectory() as tmp, serve(args.data, Path(tmp) / "server.log") as url,
          sync_playwright() as p):
        browser = launch_chromium(p)
        for lang in args.langs:
            # A fresh window per language: the language is read from the URL at the first run.
            page = browser.new_page(viewport=VIEWPORT, locale=lang)
            page.set_default_timeout(DRAWN_TIMEOUT_MS)
            for name in args.pages:
                out = args.out / f"{name}_{lang}.png"
                seconds = take_page(page, url, name, lang, out, paths[name])
                print(f"{out}  {out.stat().st_size / 1024:,.0f} KB  {seconds:.1f} s", flush=True)
            page.close()
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
