"""An article full of hostile markup, shown by the dashboard in a real browser: nothing in it runs,
restyles the page or is fetched, and every payload reads as literal text in its passage.

``hostile_article.txt`` carries script tags, event handlers, an ``iframe srcdoc``, a
``<style>`` that would hide the page, ``javascript:`` links, remote images and
Markdown (links, images, ``:red[...]``). Remote addresses are TEST-NET-3
(203.0.113.0/24): never routable, and the browser is told to abort them anyway.
Every request the page makes is recorded; all must go to the dashboard on 127.0.0.1.
"""

from __future__ import annotations

from urllib.parse import quote, urlsplit

import pandas as pd
import pytest
from playwright.sync_api import expect

from dashboard.i18n import t
from scripts.browser import wait_idle, wait_rendered

pytestmark = pytest.mark.e2e

LOCAL_HOSTS = {"127.0.0.1", "localhost"}
PAYLOADS = [
    "<script>window.__pwned=1</script>",
    '<img src=x onerror="window.__pwned=2">',
    '<img src="http://203.0.113.5/x.png">',
    '<iframe srcdoc="<script>parent.__pwned=3</script>"></iframe>',
    "<style>body{display:none}</style>",
    '<a href="javascript:window.__pwned=4">',
    '<svg onload="window.__pwned=5">',
    "[التقرير](http://203.0.113.5)",
    "![صورة](http://203.0.113.5/i.png)",
    ":red[تحذير عاجل]",
    "**نص عريض**",
    "«javascript:alert(1)»",
]


@pytest.fixture
def guarded(page):
    """The page, with every request recorded, TEST-NET requests aborted and dialogs recorded."""
    requests, blocked, dialogs = [], [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))

    def abort(route):
        blocked.append(route.request.url)
        route.abort()

    page.route("**/203.0.113.*/**", abort)
    page.route("http://203.0.113.*/**", abort)
    yield page, requests, blocked, dialogs
    hosts = {urlsplit(u).hostname for u in requests if urlsplit(u).scheme in ("http", "https", "ws", "wss")}
    assert hosts <= LOCAL_HOSTS, f"requests left the machine: {sorted(hosts - LOCAL_HOSTS)}"
    assert not blocked, f"the page tried to fetch {blocked}"
    assert not dialogs, f"a dialog fired: {dialogs}"


@pytest.fixture(scope="module")
def hostile(hostile_tables):
    docs = pd.read_parquet(hostile_tables / "documents.parquet")
    doc_id = docs.loc[docs["title"].str.contains("window.__pwned", regex=False), "doc_id"].item()
    passages = pd.read_parquet(hostile_tables / "passages.parquet")
    return doc_id, passages[passages["doc_id"] == doc_id]


def assert_nothing_ran(page) -> None:
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.evaluate("getComputedStyle(document.body).display") != "none"
    # None of the article's markup became an element anywhere in the app.
    for selector in ("iframe[srcdoc]", "img[src='x']", "img[src*='203.0.113']", "svg[onload]",
                     "a[href^='javascript:']", "[onerror]"):
        assert page.locator(selector).count() == 0, selector


def test_hostile_article_shows_every_payload_as_text_and_runs_nothing(guarded, hostile_url, hostile):
    page, requests, _, _ = guarded
    doc_id, passages = hostile
    page.goto(hostile_url + f"passages?doc={quote(doc_id)}")
    wait_rendered(page)
    shown = page.locator("div.marsad-passage")
    expect(shown).to_have_count(len(passages))
    page.wait_for_load_state("networkidle")  # anything the page loads or runs has had its turn
    text = "\n".join(shown.all_inner_texts())
    for payload in PAYLOADS:
        assert payload in text, payload
    # Our own markup is still there: the passages are highlighted, in Arabic, right to left.
    assert shown.first.locator("div[dir=rtl][lang=ar]").count() == 1
    assert page.locator("div.marsad-passage mark, div.marsad-passage span.marsad-claim").count() > 0
    assert page.locator("div.marsad-passage script, div.marsad-passage style").count() == 0
    assert_nothing_ran(page)
    assert requests and all(urlsplit(u).hostname in {"127.0.0.1", "localhost"} for u in requests)


def test_the_article_reader_shows_every_payload_as_text_and_runs_nothing(guarded, hostile_url, hostile):
    page, requests, _, _ = guarded
    doc_id, passages = hostile
    last = passages.sort_values("start")["passage_id"].iloc[-1]
    page.goto(hostile_url + f"article?doc={quote(doc_id)}&passage={quote(last)}&lang=en")
    wait_rendered(page)
    shown = page.locator("div.marsad-passage")
    expect(shown).to_have_count(len(passages))
    marked = page.locator('div.marsad-passage[data-marked="true"]')
    expect(marked).to_have_count(1)
    expect(marked).to_be_in_viewport()  # our scroll script ran: anything else that could run had its turn
    text = "\n".join(shown.all_inner_texts())
    for payload in PAYLOADS:
        assert payload in text, payload
    # The title is text in the reader's heading; the facts table and actors are ours.
    expect(page.locator("h2.marsad-article-title")).to_contain_text("<script>window.__pwned=1</script>")
    assert page.locator("div.marsad-passage script, div.marsad-passage style, h2 script").count() == 0
    assert_nothing_ran(page)
    assert requests and all(urlsplit(u).hostname in {"127.0.0.1", "localhost"} for u in requests)


@pytest.mark.parametrize("path", ["", "timeline", "article", "claims", "quantities", "entities", "entity", "network", "compare", "map"])
def test_every_page_with_the_hostile_article_runs_nothing(guarded, hostile_url, hostile, path):
    page, _, _, _ = guarded
    page.goto(hostile_url + path)
    wait_rendered(page)
    page.wait_for_load_state("networkidle")
    assert page.locator("[data-testid=stException]").count() == 0
    assert_nothing_ran(page)


def test_hostile_document_title_in_the_documents_filter_is_text(guarded, hostile_url):
    page, _, _, _ = guarded
    page.goto(hostile_url + "passages")
    wait_rendered(page)
    page.locator(".st-key-filter_doc input[role=combobox]").click()
    option = page.get_by_role("option").filter(has_text="window.__pwned=1")
    expect(option).to_have_count(1)
    option.click()
    page.keyboard.press("Escape")
    expect(page.locator("p.marsad-filters")).to_contain_text("<script>window.__pwned=1</script>")
    assert_nothing_ran(page)


def test_hostile_url_parameters_are_shown_as_text(guarded, hostile_url):
    page, _, _, _ = guarded
    query = '<img src=x onerror="window.__pwned=6"><script>window.__pwned=7</script>'
    page.goto(hostile_url + f"passages?q={quote(query)}&actor={quote('<b>x</b>')}&passage={quote('<i>p</i>')}")
    wait_rendered(page)
    # A single-passage link to an unknown id says so, with the id as text.
    expect(page.locator("[data-testid=stAlert]")).to_contain_text("<i>p</i>")
    page.goto(hostile_url + f"passages?q={quote(query)}")
    wait_rendered(page)
    expect(page.locator("p.marsad-filters")).to_contain_text(query)
    assert_nothing_ran(page)


def test_entity_page_of_an_actor_of_the_hostile_article_shows_its_payloads_as_text(guarded, hostile_url, hostile,
                                                                                    hostile_tables):
    page, _, _, _ = guarded
    doc_id, passages = hostile
    mentions = pd.read_parquet(hostile_tables / "mentions.parquet")
    mentions = mentions[mentions["entity_id"].notna()]
    # An actor named in the hostile article, the one with the fewest passages: its page lists all of them.
    named = mentions[mentions["doc_id"] == doc_id]["entity_id"].unique()
    entity_id = min(named, key=lambda e: (mentions.loc[mentions["entity_id"] == e, "passage_id"].nunique(), e))
    own = mentions.loc[mentions["entity_id"] == entity_id, "passage_id"].unique()
    page.goto(hostile_url + f"entity?entity={quote(entity_id, safe='')}")
    wait_rendered(page)
    page.locator(".st-key-entity_section label").filter(has_text=t("entity_tab_passages", "ar")).click()
    wait_idle(page)
    shown = page.locator("div.marsad-passage")
    expect(shown).to_have_count(len(own))
    page.wait_for_timeout(300)
    text = "\n".join(shown.all_inner_texts())
    hostile_text = "\n".join(passages.loc[passages["passage_id"].isin(own), "text"])
    for payload in PAYLOADS:
        if payload in hostile_text:
            assert payload in text, payload
    assert page.locator("[data-testid=stException]").count() == 0
    assert_nothing_ran(page)


def test_entity_page_search_and_unknown_id_show_hostile_text_as_text(guarded, hostile_url):
    page, _, _, _ = guarded
    query = '<img src=x onerror="window.__pwned=8">'
    page.goto(hostile_url + f"entity?entity={quote(query)}")
    wait_rendered(page)
    expect(page.locator("[data-testid=stAlert]").first).to_contain_text(query)
    page.goto(hostile_url + f"entity?find={quote(query)}")
    wait_rendered(page)
    expect(page.locator(".st-key-entity_find input")).to_have_value(query)


def test_hostile_compare_series_from_the_url_are_text(guarded, hostile_url):
    page, _, _, _ = guarded
    query = '<img src=x onerror="window.__pwned=8"><script>window.__pwned=9</script>'
    page.goto(hostile_url + f"compare?lang=en&cmp={quote('q:' + query)}&cmp={quote('actor:<b>x</b>')}")
    wait_rendered(page)
    # The text is a series, named as typed; the unknown actor id is dropped.
    chips = page.locator("div.marsad-series")
    expect(chips).to_have_count(1)
    expect(chips.first).to_contain_text(query)
    legend = page.locator("[data-testid=stVegaLiteChart] >> nth=0 >> g.role-legend-label text")  # the attention chart
    expect(legend).to_have_count(1)
    assert_nothing_ran(page)
