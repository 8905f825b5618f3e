"""The network page in headless Chromium on real news (``corpus_url``): the graph is drawn with the
palette's colours, its strongest pair is the one a direct count over the Parquet tables finds, the
matrix is one click away, and the Arabic page names actors in Arabic and reads right to left.

Expected values are computed from the tables the server reads (pyarrow and pandas), never copied from a run.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pyarrow.parquet as pq
import pytest
from playwright.sync_api import expect

from dashboard import palette
from dashboard.filters import ENTITY_TYPES
from dashboard.graph import DEFAULT_ACTORS
from dashboard.i18n import t
from scripts.browser import wait_idle, wait_rendered
from tests.e2e.test_corpus_e2e import HEAVY_MS, grid_rows

pytestmark = pytest.mark.e2e

CHART = "[data-testid=stVegaLiteChart]"
# What the chart's SVG draws (Streamlit renders Vega as SVG): the circles' fills, the number of
# lines, the names (the text marks without the white halo), the matrix's cells.
DRAWN = """s => {
  const svg = document.querySelector(s + ' svg.marks');
  if (!svg) return null;
  return {
    fills: [...svg.querySelectorAll('g.mark-symbol.role-mark path')].map(p => p.getAttribute('fill')),
    lines: svg.querySelectorAll('g.mark-rule.role-mark line').length,
    names: [...svg.querySelectorAll('g.mark-text.role-mark text:not([stroke])')].map(t => t.textContent),
    cells: svg.querySelectorAll('g.mark-rect.role-mark path').length,
  };
}"""


def drawn(page, condition: str) -> dict:
    """The chart's marks once ``condition`` (JS over ``d``, the DRAWN result) holds."""
    page.wait_for_function(f"s => {{ const d = ({DRAWN})(s); return d && ({condition}); }}", arg=CHART,
                           timeout=HEAVY_MS)
    return page.evaluate(DRAWN, CHART)


def strongest_pair(tables, top_n: int) -> tuple[list[str], set[str], int]:
    """Ids and names (English, else Arabic) of the pair of the ``top_n`` most mentioned actors named together in
    the most passages, and that count: the first row of the page's pairs table."""
    mentions = pq.read_table(tables / "mentions.parquet", columns=["doc_id", "passage_id", "entity_id"]).to_pandas()
    mentions = mentions[mentions["entity_id"].notna()]
    counts = mentions.groupby("entity_id").agg(mentions=("doc_id", "size"), documents=("doc_id", "nunique"))
    counts = counts.reset_index().sort_values(["mentions", "documents", "entity_id"], ascending=[False, False, True])
    top = set(counts["entity_id"].head(top_n))
    m = mentions[mentions["entity_id"].isin(top)][["passage_id", "entity_id"]].drop_duplicates()
    pairs = m.merge(m, on="passage_id")
    pairs = pairs[pairs["entity_id_x"] < pairs["entity_id_y"]]
    weights = pairs.groupby(["entity_id_x", "entity_id_y"]).size().reset_index(name="weight")
    best = weights.sort_values(["weight", "entity_id_x", "entity_id_y"], ascending=[False, True, True]).iloc[0]
    entities = pq.read_table(tables / "entities.parquet", columns=["entity_id", "name_en", "name_ar"]).to_pandas()
    names = entities.drop_duplicates("entity_id").set_index("entity_id")
    name = lambda e: names.loc[e, "name_en"] or names.loc[e, "name_ar"]
    ids = [best["entity_id_x"], best["entity_id_y"]]
    return ids, {name(e) for e in ids}, int(best["weight"])


def test_the_graph_is_drawn_in_type_colours_and_its_strongest_pair_is_the_counted_one(page, corpus_url, corpus_tables):
    page.goto(corpus_url + "network?lang=en")
    wait_rendered(page)
    marks = drawn(page, f"d.fills.length === {DEFAULT_ACTORS}")
    wait_idle(page)
    # One circle per actor in its type's colour (the palette's, as on every page and in exports).
    type_colours = {palette.type_colour(x) for x in ENTITY_TYPES}
    assert set(marks["fills"]) <= type_colours
    assert {palette.type_colour("PERSON"), palette.type_colour("GPE")} <= set(marks["fills"])
    assert len(marks["names"]) == DEFAULT_ACTORS and marks["cells"] == 0

    ids, names, weight = strongest_pair(corpus_tables, DEFAULT_ACTORS)
    assert names <= set(marks["names"])
    caption = page.locator("[data-testid=stCaptionContainer]").filter(has_text="named together in")
    expect(caption).to_contain_text(f"{DEFAULT_ACTORS} actors, {marks['lines']:,} pair")
    header, first = grid_rows(page, 2)
    row = dict(zip(header, first))
    assert {row[t("col_source_actor", "en")], row[t("col_target_actor", "en")]} == names
    assert int(row[t("col_weight", "en")].replace(",", "")) == weight
    # Its link opens the passages naming both (the grid's accessible table holds the address).
    link = urlsplit(row[t("col_link", "en")])
    assert link.path == "/passages"
    assert parse_qs(link.query) == {"actor": sorted(ids), "actor_mode": ["all"], "lang": ["en"]}


def test_the_matrix_is_one_click_away_and_the_arabic_page_reads_right_to_left(page, corpus_url):
    page.goto(corpus_url + "network?lang=ar")
    wait_rendered(page)
    marks = drawn(page, "d.fills.length > 0")
    wait_idle(page)
    # Names in Arabic, isolated right to left (RLI ... PDI) so Vega keeps their letters in order.
    arabic = [n for n in marks["names"] if n.startswith("\u2067") and n.endswith("\u2069")]
    assert len(arabic) >= len(marks["names"]) // 2, marks["names"]
    header, _ = grid_rows(page, 2)
    assert header[-1] == t("col_source_actor", "ar")  # the actor at the right edge, where reading starts
    page.locator(".st-key-network_view label").filter(has_text=t("network_view_matrix", "ar")).click()
    marks = drawn(page, "d.cells > 0")
    assert marks["fills"] == [] and marks["lines"] == 0


# ---------------------------------------------------------------- hostile names

HOSTILE_NAME = '<img src=x onerror="window.__pwned=9">Kim'
RLO = "\u202e"


@pytest.fixture(scope="module")
def hostile_names_url(tmp_path_factory):
    """The dashboard fixture (tests/dashboard/conftest.py) with an actor named in markup and a bidi override."""
    import pyarrow as pa

    from data_pipeline.schemas import TABLES
    from scripts.browser import serve
    from tests.dashboard.conftest import build_fixture_frames

    out = tmp_path_factory.mktemp("network_hostile") / "tables"
    out.mkdir()
    frames = build_fixture_frames()
    for name in ("mentions", "entities"):
        kim = frames[name]["entity_id"] == "kim_jong_un"
        frames[name].loc[kim, "name_en"] = HOSTILE_NAME + RLO
        frames[name].loc[kim, "name_ar"] = f"{RLO}كيم <b>جونغ</b>"
    for name, df in frames.items():
        pq.write_table(pa.Table.from_pandas(df, schema=TABLES[name].arrow(), preserve_index=False),
                       out / f"{name}.parquet")
    with serve(out, tmp_path_factory.mktemp("logs") / "network_hostile.log") as url:
        yield url


@pytest.mark.parametrize(("lang", "shown"), [("en", HOSTILE_NAME), ("ar", "\u2067كيم <b>جونغ</b>\u2069")])
def test_hostile_actor_names_are_text_in_labels_tooltips_and_click_links(page, hostile_names_url, lang, shown):
    page.goto(hostile_names_url + f"network?lang={lang}")
    wait_rendered(page)
    marks = drawn(page, "d.fills.length === 6")
    wait_idle(page)
    # The name is the label's text, without the article's override; no element was made of it.
    assert shown in marks["names"]
    assert not [n for n in marks["names"] if RLO in n]
    # Kim's circle: its accessible label lists both names, the English one with "Kim" in it.
    circle = page.locator(f"{CHART} g.mark-symbol.role-mark path[aria-label*='Kim']")
    circle.first.hover()
    tooltip = page.locator("#vg-tooltip-element")
    expect(tooltip).to_contain_text(HOSTILE_NAME, timeout=HEAVY_MS)  # the English name, as text
    assert tooltip.locator("img, b").count() == 0
    # A click cannot navigate in Vega: it selects the actor, and the page links its entity page and its network.
    circle.first.click()
    links = page.locator("p.marsad-actor-links")
    expect(links).to_have_count(1, timeout=HEAVY_MS)
    expect(links.locator("strong")).to_contain_text(HOSTILE_NAME if lang == "en" else "كيم <b>جونغ</b>")
    hrefs = [a.get_attribute("href") for a in links.locator("a").all()]
    assert hrefs == [f"entity?entity=kim_jong_un&lang={lang}", f"network?centre=kim_jong_un&lang={lang}"]
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("img[src='x'], [onerror]").count() == 0
