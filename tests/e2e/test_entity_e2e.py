"""The entity page in headless Chromium on real news (``corpus_url``): reached by clicking a name in
the entities table, it names the actor and draws its mentions over time; the sidebar's chosen actor
links to it. Expected values are read from the Parquet tables the server reads."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from dashboard import query
from scripts.browser import wait_rendered

pytestmark = pytest.mark.e2e

HEAVY_MS = 30_000  # over 2,000 articles on two shared cores
ROW_PX = 35  # Streamlit's grid row and header height (views.common.ROW_PX)
TEXT_PAD_PX = 12
BAR_CENTRE_PX = 16  # the first bar of the overview's actor chart: a few pixels of padding, then 22 px per bar  # a link cell opens its link when the click falls on its text, which starts after the padding
CHART_DRAWN = """() => { const c = document.querySelector('[data-testid="stVegaLiteChart"]');
  return !!c && !!c.querySelector('canvas, svg.marks'); }"""


@pytest.fixture(scope="module")
def most_mentioned(corpus_tables) -> dict:
    """The entities page's first row: the most mentioned entity of the corpus, with its counts."""
    con = query.connect(corpus_tables)
    return query.entity_counts(con, None, limit=1).iloc[0].to_dict()


def open_entity_from_the_entities_page(context, page, url: str):
    """Click the first row's name in the entities grid; return the page it opens."""
    page.goto(url + "entities?lang=en")
    wait_rendered(page)
    grid = page.locator("[data-testid=stDataFrame]").first
    expect(grid).to_be_visible(timeout=HEAVY_MS)
    box = grid.bounding_box()
    x, y = box["x"] + TEXT_PAD_PX, box["y"] + ROW_PX + ROW_PX / 2  # the first column ("Actor"), first row
    page.mouse.move(x, y)
    with context.expect_page(timeout=HEAVY_MS) as opened:  # a grid link opens a new tab
        page.mouse.click(x, y)
    return opened.value


def test_clicking_a_name_in_the_entities_table_opens_its_page(context, page, corpus_url, most_mentioned):
    profile = open_entity_from_the_entities_page(context, page, corpus_url)
    assert f"entity={quote(most_mentioned['entity_id'], safe='')}" in profile.url
    wait_rendered(profile)
    heading = profile.locator("h2.marsad-entity-name")
    expect(heading).to_contain_text(most_mentioned["name_ar"], timeout=HEAVY_MS)
    expect(heading).to_contain_text(most_mentioned["name_en"])
    # Its figures are the entities table's for the whole corpus (no filter is set).
    mentions = profile.locator("[data-testid=stMetric]").filter(has_text="Mentions")
    expect(mentions).to_contain_text(f"{int(most_mentioned['mentions']):,}", timeout=HEAVY_MS)
    profile.wait_for_function(CHART_DRAWN, timeout=HEAVY_MS)
    expect(profile.locator("[data-testid=stException]")).to_have_count(0)


def test_the_chosen_actor_links_to_its_page_from_the_sidebar(page, corpus_url, most_mentioned):
    entity_id = most_mentioned["entity_id"]
    page.goto(corpus_url + f"passages?actor={quote(entity_id, safe='')}&lang=ar")
    wait_rendered(page)
    link = page.locator("p.marsad-actor-profiles a")
    expect(link).to_have_count(1)
    expect(link).to_contain_text(most_mentioned["name_ar"])
    link.click()
    wait_rendered(page)
    expect(page.locator("h2.marsad-entity-name")).to_contain_text(most_mentioned["name_ar"], timeout=HEAVY_MS)
    assert f"entity={quote(entity_id, safe='')}" in page.url


def test_clicking_the_top_bar_of_the_overview_opens_that_actors_page(page, corpus_url, most_mentioned):
    page.goto(corpus_url + "?lang=en")
    wait_rendered(page)
    chart = page.locator(".st-key-overview_top_actors canvas, .st-key-overview_top_actors svg.marks").first
    expect(chart).to_be_visible(timeout=HEAVY_MS)
    box = chart.bounding_box()
    # The first bar is the most mentioned actor's, the longest: the middle of the chart's width is on it.
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + BAR_CENTRE_PX)
    page.wait_for_url(f"**/entity?entity={quote(most_mentioned['entity_id'], safe='')}*", timeout=HEAVY_MS)
    wait_rendered(page)
    expect(page.locator("h2.marsad-entity-name")).to_contain_text(most_mentioned["name_en"], timeout=HEAVY_MS)
    # The language came along (the switch keeps the sidebar's state).
    expect(page.locator("h1")).to_contain_text("Actor profile")
