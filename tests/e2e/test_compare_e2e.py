"""The compare page in headless Chromium on real news (``corpus_url``): an analyst adds an actor and a
text and sees two lines in the series' colours, named in the legend, with their totals.

Expected values are read from the Parquet tables the server reads (pyarrow), never copied from a run.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest
from playwright.sync_api import expect

from dashboard import bidi, palette
from dashboard.i18n import t
from scripts.browser import wait_idle, wait_rendered
from tests.e2e.test_corpus_e2e import HEAVY_MS, TRUMP_AR, grid_rows

pytestmark = pytest.mark.e2e

KOREA_AR = "\u0643\u0648\u0631\u064a\u0627"  # كوريا
# The attention chart is the page's first chart (the outlets' bars and heatmap follow).
CHART = "[data-testid=stVegaLiteChart] >> nth=0"
LINES = f"{CHART} >> g.mark-line.role-mark path"
LEGEND = f"{CHART} >> g.role-legend-label text"


def add(page) -> None:
    page.locator(".st-key-compare_add button").click()
    wait_idle(page)


def test_adding_an_actor_and_a_text_draws_two_lines_in_their_colours(page, corpus_url, corpus_tables):
    entities = pq.read_table(corpus_tables / "entities.parquet", columns=["entity_id", "name_en"])
    trump = entities.filter(pc.equal(entities["name_en"], "Donald Trump"))["entity_id"][0].as_py()
    mentions = pq.read_table(corpus_tables / "mentions.parquet", columns=["entity_id", "doc_id", "passage_id"])
    trump_mentions = mentions.filter(pc.equal(mentions["entity_id"], trump))

    page.goto(corpus_url + "compare?lang=en&cmp=")  # an empty comparison, not the default one
    wait_rendered(page)
    expect(page.get_by_text(t("compare_none", "en"))).to_be_visible()

    search = page.locator(".st-key-compare_actor_search input")
    search.fill(TRUMP_AR)
    search.press("Enter")
    # The best match is picked (the combobox shows it as its input's value).
    expect(page.locator(".st-key-compare_actor_pick input")).to_have_value(re.compile(r"^Donald Trump · "),
                                                                          timeout=HEAVY_MS)
    wait_idle(page)
    add(page)
    page.locator(".st-key-compare_kind").get_by_text(t("compare_kind_q", "en")).click()
    wait_idle(page)
    query = page.locator(".st-key-compare_query input")
    query.fill(KOREA_AR)
    query.press("Enter")
    wait_idle(page)
    add(page)

    lines = page.locator(LINES)
    expect(lines).to_have_count(2, timeout=HEAVY_MS)
    strokes = lines.evaluate_all("paths => paths.map(p => p.getAttribute('stroke'))")
    assert strokes == [palette.series_colour(1), palette.series_colour(2)]
    legend = [bidi.strip(text) for text in page.locator(LEGEND).evaluate_all("ts => ts.map(t => t.textContent)")]
    assert legend == ["Donald Trump", f"“{KOREA_AR}”"]

    # The comparison is in the address, to be shared.
    params = parse_qs(urlsplit(page.url).query)
    assert params["cmp"] == [f"actor:{trump}", f"q:{KOREA_AR}"]

    # Totals: Trump's stories (the page counts each story once by default) and passages are those his
    # mentions fall in.
    docs = pq.read_table(corpus_tables / "documents.parquet", columns=["doc_id", "story_id"]).to_pylist()
    story = {d["doc_id"]: d["story_id"] or d["doc_id"] for d in docs}
    header, first = grid_rows(page, 2)
    row = dict(zip(header, first))
    assert row[t("col_series", "en")] == "Donald Trump"
    assert int(row[t("col_stories", "en")]) == len({story[d] for d in pc.unique(trump_mentions["doc_id"]).to_pylist()})
    assert int(row[t("col_passages", "en")]) == len(pc.unique(trump_mentions["passage_id"]))


def test_arabic_compare_page_reads_right_to_left(page, corpus_url):
    page.goto(corpus_url + "compare?lang=ar")
    wait_rendered(page)
    expect(page.locator(LINES).first).to_be_attached(timeout=HEAVY_MS)
    # In the picker the series kind comes first from the right and the "Add" button last.
    kind = page.locator(".st-key-compare_kind").bounding_box()
    button = page.locator(".st-key-compare_add").bounding_box()
    assert kind["x"] > button["x"]
    # The first series' chip sits at the right of the second.
    chips = page.locator("div.marsad-series")
    assert chips.nth(0).bounding_box()["x"] > chips.nth(1).bounding_box()["x"]
    header, _ = grid_rows(page, 2)
    assert header[-1] == t("col_series", "ar")  # the totals' first column, at the right edge
