"""The article reader in headless Chromium on real news (``corpus_url``): a passage's "whole article"
link opens the whole article, every passage in order, the passage marked and scrolled into view.

Expected values are read from the Parquet tables the server reads (pyarrow), never copied from a run.
"""

from __future__ import annotations

from urllib.parse import quote

import pyarrow.parquet as pq
import pytest
from playwright.sync_api import expect

from dashboard.i18n import t
from scripts.browser import wait_rendered

pytestmark = pytest.mark.e2e

HEAVY_MS = 20_000  # a page over 2,000 articles renders in a few seconds on two shared cores
MIN_PASSAGES = 30  # an article long enough that its last passage is far below its head


def long_article(tables) -> tuple[dict, list[dict]]:
    """An article with at least MIN_PASSAGES passages (the longest if none), and its passages in order."""
    passages = pq.read_table(tables / "passages.parquet", columns=["doc_id", "passage_id", "start", "text"]).to_pandas()
    sizes = passages["doc_id"].value_counts()
    doc_id = sizes.index[0] if sizes.iloc[0] < MIN_PASSAGES else sizes[sizes >= MIN_PASSAGES].sort_index().index[0]
    docs = pq.read_table(tables / "documents.parquet", columns=["doc_id", "title", "source"]).to_pandas()
    doc = docs[docs["doc_id"] == doc_id].iloc[0].to_dict()
    return doc, passages[passages["doc_id"] == doc_id].sort_values("start").to_dict("records")


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_passages_whole_article_link_opens_the_reader_marked_and_scrolled_there(page, corpus_url, corpus_tables, lang):
    doc, passages = long_article(corpus_tables)
    assert len(passages) > 20, "the fixture needs an article longer than a page of passages"
    # The passages page, filtered to the article: 20 passages in reading order (one article, one date).
    page.goto(corpus_url + f"passages?doc={quote(doc['doc_id'])}&lang={lang}")
    wait_rendered(page)
    blocks = page.locator("div.marsad-passage")
    expect(blocks).to_have_count(20, timeout=HEAVY_MS)
    target = passages[19]  # the last of the page: far below the article's head in the reader
    block = blocks.nth(19)
    expect(block).to_contain_text(target["text"][:40])
    block.get_by_role("link", name=t("open_document", lang)).click()

    page.wait_for_url("**/article?**", timeout=HEAVY_MS)
    wait_rendered(page)
    assert f"passage={quote(target['passage_id'], safe='')}" in page.url
    shown = page.locator("div.marsad-passage")
    expect(shown).to_have_count(len(passages), timeout=HEAVY_MS)
    # Every passage, in the article's order, each its own text.
    texts = shown.locator("div[dir=rtl][lang=ar]").all_inner_texts()
    assert [x.strip() for x in texts] == [p["text"].strip() for p in passages]
    marked = page.locator('div.marsad-passage[data-marked="true"]')
    expect(marked).to_have_count(1)
    expect(marked).to_contain_text(target["text"][:40])
    expect(marked).to_contain_text(t("article_marked", lang))
    # Our script brought it into view: the passage is on screen, the article's head scrolled away.
    expect(marked).to_be_in_viewport(timeout=HEAVY_MS)
    expect(page.locator("h2.marsad-article-title")).not_to_be_in_viewport()
    expect(page.locator("h2.marsad-article-title")).to_have_text(doc["title"].strip())
    # The sidebar's document filter holds the article; the filter sentence names it.
    expect(page.locator("p.marsad-filters")).to_contain_text(doc["title"].strip()[:30])
