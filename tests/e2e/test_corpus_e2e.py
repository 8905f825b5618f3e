"""The dashboard in headless Chromium on real news (``corpus_url``: 2,000 ANT articles, or the
shipped 1,000-article sample): what issue 10 found wrong on a real corpus, checked as fixed.

Expected values are read from the Parquet tables the server reads (pyarrow), never copied from a run.
"""

from __future__ import annotations

import re

import pyarrow.parquet as pq
import pytest
from playwright.sync_api import expect

from dashboard.i18n import t
from scripts.browser import wait_idle, wait_rendered

pytestmark = pytest.mark.e2e

TRUMP_AR = "\u062a\u0631\u0627\u0645\u0628"  # ترامب
HEAVY_MS = 20_000  # a page over 2,000 articles renders in a few seconds on two shared cores
# The timeline's window must open on the news, not on a stray date decades back (issue 10).
EARLIEST_WINDOW_YEAR = 2010

# Rows of the first grid on the page, as its accessible table holds them (header first): each row
# a list of {col: aria-colindex, text}, in the grid's left-to-right order.
# The grids a reader sees (one in a hidden tab is never drawn), each drawn; then the first one's rows.
VISIBLE_GRIDS = "[...document.querySelectorAll('[data-testid=stDataFrame]')].filter(e => e.offsetParent !== null)"
GRIDS_DRAWN = f"""() => {{ const grids = {VISIBLE_GRIDS};
  return grids.length > 0 && grids.every(g => g.querySelector('table[aria-rowcount]')); }}"""
GRID_ROWS = f"""n => {{
  const g = {VISIBLE_GRIDS}[0].querySelector('table[aria-rowcount]');
  return [...g.querySelectorAll('tr')].slice(0, n).map(r => [...r.children].map(c => c.textContent));
}}"""

# Texts of the main area a reader can see: elements holding text themselves, drawn (font size
# not 0: the Arabic page hides Streamlit's own uploader texts that way and draws its own).
VISIBLE_TEXTS = """() => [...document.querySelectorAll('[data-testid=stMain] *')]
  .filter(e => [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
  .filter(e => parseFloat(getComputedStyle(e).fontSize) > 0 && e.getClientRects().length > 0
               && getComputedStyle(e).visibility !== 'hidden')
  .map(e => e.textContent.trim())"""
# Latin that belongs in an Arabic line: file extensions and a folder path (isolated LRI ... PDI).
NOT_ENGLISH = re.compile(r"\.[a-z]+\b|\u2066[^\u2069]*\u2069")


def grid_rows(page, n: int) -> list[list[str]]:
    """The first ``n`` rows (header first) of the page's first visible grid, once every visible grid is
    drawn (a later grid could draw first: the first drawn is not the first on the page)."""
    page.wait_for_function(GRIDS_DRAWN, timeout=HEAVY_MS)
    return page.evaluate(GRID_ROWS, n)


def test_typing_trump_in_arabic_offers_donald_trump_first(page, corpus_url, corpus_tables):
    entities = pq.read_table(corpus_tables / "entities.parquet", columns=["name_en", "name_ar"]).to_pylist()
    trump = next(e for e in entities if e["name_en"] == "Donald Trump")
    page.goto(corpus_url + "?lang=en")
    wait_rendered(page)
    box = page.locator(".st-key-filter_actor_search input")
    box.fill(TRUMP_AR)
    box.press("Enter")
    expect(page.locator("p.marsad-actor-match")).to_contain_text("Donald Trump", timeout=HEAVY_MS)
    wait_idle(page)
    page.locator(".st-key-filter_actor input[role=combobox]").click()
    first = page.get_by_role("option").first
    expect(first).to_contain_text(f"Donald Trump · {trump['name_ar']}")


def test_claims_open_on_the_newest_article_with_the_speaker_at_the_right_in_arabic(page, corpus_url, corpus_tables):
    docs = {d["doc_id"]: d for d in pq.read_table(corpus_tables / "documents.parquet",
                                                  columns=["doc_id", "title", "published"]).to_pylist()}
    claims = pq.read_table(corpus_tables / "claims.parquet", columns=["doc_id", "start", "speaker", "cue"]).to_pylist()
    # Newest first; ties by document id, then by position in the article (query.CLAIM_SORTS "newest").
    expected = min(claims, key=lambda c: (_negated(docs[c["doc_id"]]["published"][:10]), c["doc_id"], c["start"]))
    newest = docs[expected["doc_id"]]

    page.goto(corpus_url + "claims?lang=ar")
    wait_rendered(page)
    header, first = grid_rows(page, 2)
    row = dict(zip(header, first))
    assert row[t("col_published", "ar")] == newest["published"][:10]
    assert row[t("col_speaker", "ar")] == expected["speaker"]
    assert row[t("col_cue", "ar")] == expected["cue"]  # the title is exported, not drawn: the article link has it
    # Arabic reads from the right: the rightmost column is the speaker (text), not a link or a checkbox.
    assert header[-1] == t("col_speaker", "ar")


def _negated(iso_date: str) -> tuple[int, ...]:
    """A key that sorts ISO dates newest first."""
    return tuple(-int(part) for part in iso_date.split("-"))


def test_timeline_window_on_ant_2018_starts_in_the_news_decade(page, corpus_url):
    page.goto(corpus_url + "timeline?lang=en")
    wait_rendered(page)
    window = page.locator("[data-testid=stCaptionContainer]").filter(has_text=re.compile(r"^Showing"))
    expect(window).to_have_count(1, timeout=HEAVY_MS)
    # "Showing 2015 → 2019: ..." or "Showing all 6,070 points (2012 → 2018)": the first year shown.
    start = int(re.search(r"(?<![\d,])(\d{4})(?:-\d\d)?(?: → |[:)])", window.inner_text()).group(1))
    assert EARLIEST_WINDOW_YEAR <= start <= 2018, window.inner_text()


def test_arabic_upload_page_shows_no_english_uploader_text(page, corpus_url):
    page.goto(corpus_url + "add_articles?lang=ar")
    wait_rendered(page)
    expect(page.locator("[data-testid=stFileUploaderDropzone]")).to_be_visible(timeout=HEAVY_MS)
    shown = page.evaluate(VISIBLE_TEXTS)
    english = [text for text in shown if re.search(r"[A-Za-z]{3,}", NOT_ENGLISH.sub("", text))]
    assert english == []
    assert t("upload_files", "ar") in shown  # the uploader's own label: the page did draw its texts
