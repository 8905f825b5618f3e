"""Every export of a hostile article, downloaded from the dashboard and opened where the harm would happen.

One article (a JSONL record written in the test's tmp dir) carries payloads in every field:
``</script><img onerror>`` (ends vl-convert's script element), spreadsheet formulas
(``=HYPERLINK``, ``=cmd|...``, ``@SUM``, ``-2+3``) and U+202E RIGHT-TO-LEFT OVERRIDE in its id,
title, text, outlet, author and url. The pipeline builds it, the dashboard serves it, and the
test downloads each export the pages offer: PNG, SVG and HTML of the timeline chart; CSV, JSON
and Parquet of the timeline table and of the passages page.

- The HTML and SVG files are opened in Chromium with ``dialog`` and ``request`` listeners: no
  dialog, no ``window.__pwned``, no request outside ``file:``; the HTML still draws the chart
  offline, and its data reads back with the raw ids.
- CSV cells that would run as formulas start with an apostrophe; JSON and Parquet keep the raw values.
- The filter sentence names the outlet and the title without their override, each isolated.

Remote addresses are TEST-NET-3 (203.0.113.0/24): never routable, and aborted anyway.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from urllib.parse import quote, urlsplit

import pandas as pd
import pytest
from playwright.sync_api import expect

from dashboard.i18n import t
from scripts.browser import build_tables, serve, wait_rendered

pytestmark = pytest.mark.e2e

RLO, FSI, PDI = "\u202e", "\u2068", "\u2069"
# No quotes inside: the chart data is JSON, where a quote would become \" and break the handler.
SCRIPT = "</script><img src=x onerror=window.__pwned=1;alert(1)>"
FORMULA = '=HYPERLINK("http://203.0.113.5/x","click")'
ARTICLE = {
    "id": FORMULA + SCRIPT + RLO + "id",
    "title": "زيارة " + SCRIPT + RLO + " عاجل",
    "source": RLO + "وكالة " + SCRIPT,
    "author": FORMULA + SCRIPT,
    "url": "http://203.0.113.5/" + SCRIPT,
    "published": "2024-06-18",
    "text": (
        "=cmd|' /C calc'!A0 قال المتحدث باسم الكرملين إن بوتين سيزور كوريا الشمالية في 19 يونيو 2024 "
        + SCRIPT + ".\n\n"
        "@SUM(1+1)*cmd|' /C calc'!A0 وأعلن كيم جونغ أون أن 11 ألف جندي شاركوا في العرض يوم 20 يونيو 2024 "
        + SCRIPT + RLO + " نهاية.\n\n"
        "-2+3 وقالت وزارة الخارجية الروسية إن الاجتماع سيعقد في موسكو في يوليو 2024.\n"
    ),
}
# JSONL field -> documents column
COLUMNS = {"id": "doc_id", "title": "title", "source": "source", "author": "author", "url": "url", "text": "text"}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # OWASP's list: what a spreadsheet runs
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
FILE_SCHEMES = {"file", "data", "blob"}


def neutral(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_STARTS) else value


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """(dashboard URL, tables) for the one hostile article."""
    tmp = tmp_path_factory.mktemp("export_hostile")
    inputs = tmp / "inputs"
    inputs.mkdir()
    (inputs / "hostile.jsonl").write_text(json.dumps(ARTICLE, ensure_ascii=False) + "\n", encoding="utf-8")
    tables = build_tables([inputs], tmp / "tables")
    frames = {name: pd.read_parquet(tables / f"{name}.parquet") for name in ("documents", "passages", "timeline")}
    with serve(tables, tmp / "server.log") as url:
        yield url, frames


@pytest.fixture
def watched(context):
    """A new page in ``context`` with its requests, TEST-NET attempts and dialogs recorded; checked at the end."""
    pages = []

    def new_page():
        page = context.new_page()
        log = {"requests": [], "blocked": [], "dialogs": []}
        page.on("request", lambda r: log["requests"].append(r.url))
        page.on("dialog", lambda d: (log["dialogs"].append(d.message), d.dismiss()))

        def abort(route):
            log["blocked"].append(route.request.url)
            route.abort()

        page.route("http://203.0.113.*/**", abort)
        pages.append((page, log))
        return page

    yield new_page
    for page, log in pages:
        assert not log["dialogs"], f"a dialog fired: {log['dialogs']}"
        assert not log["blocked"], f"a page tried to fetch {log['blocked']}"
        outside = [u for u in log["requests"]
                   if urlsplit(u).scheme not in FILE_SCHEMES and urlsplit(u).hostname not in LOCAL_HOSTS]
        assert not outside, f"requests left the machine: {outside}"
        assert page.evaluate("typeof window.__pwned") == "undefined"


def download(page, key: str, dest: Path) -> bytes:
    with page.expect_download() as info:
        page.locator(f".st-key-{key} button").click()
    info.value.save_as(dest)
    return dest.read_bytes()


def csv_rows(data: bytes) -> list[dict]:
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def open_file(new_page, path: Path):
    page = new_page()
    page.goto(path.as_uri())
    return page


def test_every_field_of_the_article_reaches_the_tables_raw(hostile):
    _, tables = hostile
    doc = tables["documents"].iloc[0]
    assert {field: doc[column] for field, column in COLUMNS.items()} == {f: ARTICLE[f] for f in COLUMNS}


def test_timeline_chart_and_table_exports_run_nothing(watched, hostile, tmp_path):
    url, tables = hostile
    page = watched()
    page.goto(url + "timeline?lang=en")
    wait_rendered(page)

    png = download(page, "timeline_chart_export_png", tmp_path / "timeline.png")
    assert png[:8] == b"\x89PNG\r\n\x1a\n"

    svg = download(page, "timeline_chart_export_svg", tmp_path / "timeline.svg").decode("utf-8")
    assert svg.startswith("<svg") and "<img" not in svg and "<script" not in svg
    svg_page = open_file(watched, tmp_path / "timeline.svg")
    expect(svg_page.locator("svg.marks")).to_have_count(1)
    assert svg_page.locator("img, script, [onerror]").count() == 0

    html = download(page, "timeline_chart_export_html", tmp_path / "timeline.html").decode("utf-8")
    assert SCRIPT not in html and "\\u003c/script\\u003e\\u003cimg" in html
    chart = open_file(watched, tmp_path / "timeline.html")
    # Drawn offline: one circle per (timeline row, actor lane); dates of every precision carry one.
    lanes = sum(max(1, len(actors)) for actors in tables["timeline"]["actors"])
    expect(chart.locator("#vega-chart svg g.mark-symbol.role-mark path")).to_have_count(lanes)
    assert chart.locator("img, [onerror]").count() == 0
    # The chart's data holds the raw ids (read back as JSON, never run).
    ids = chart.evaluate(
        """() => [...new Set(Object.values(JSON.parse(document.getElementById('marsad-spec').textContent).datasets)
                  .flat().map(r => r.passage_id))].sort()"""
    )
    assert ids == sorted(set(tables["timeline"]["passage_id"]))

    col_id, col_event = t("col_passage_id", "en"), t("col_event", "en")
    rows = csv_rows(download(page, "timeline_table_export_csv", tmp_path / "timeline.csv"))
    raw_ids = set(tables["timeline"]["passage_id"])
    assert all(i.startswith("=") for i in raw_ids)  # the id begins with the formula
    assert {r[col_id] for r in rows} == {neutral(i) for i in raw_ids}
    assert {r[col_event] for r in rows} == {neutral(e) for e in tables["timeline"]["event"]}
    assert any(r[col_event].startswith("'-2+3") for r in rows)

    records = json.loads(download(page, "timeline_table_export_json", tmp_path / "timeline.json"))
    assert {r[col_id] for r in records} == raw_ids
    assert {r[col_event] for r in records} == set(tables["timeline"]["event"])
    back = pd.read_parquet(io.BytesIO(download(page, "timeline_table_export_parquet", tmp_path / "timeline.parquet")))
    assert set(back[col_id]) == raw_ids and set(back[col_event]) == set(tables["timeline"]["event"])


def test_passages_exports_and_sentence_with_hostile_outlet_and_title(watched, hostile, tmp_path):
    url, tables = hostile
    doc = tables["documents"].iloc[0]
    passages = tables["passages"].sort_values("start")
    page = watched()
    page.goto(url + f"passages?lang=en&outlet={quote(doc['source'])}&doc={quote(doc['doc_id'])}")
    wait_rendered(page)
    expect(page.locator("div.marsad-passage")).to_have_count(len(passages))

    # The sentence: outlet and title without their override, each in its own isolate, in order.
    sentence = page.locator("p.marsad-filters").text_content()
    clean_outlet, clean_title = doc["source"].replace(RLO, ""), doc["title"].replace(RLO, "")
    assert RLO not in sentence
    assert f"from {FSI}{clean_outlet}{PDI}, in the article {FSI}{clean_title}{PDI}." in sentence
    # Each passage's caption (title · outlet · date): no override either; the article text keeps its own.
    captions = page.locator("div.marsad-passage > div:first-child").all_text_contents()
    assert captions and not any(RLO in c for c in captions)
    assert page.locator("img[src='x'], [onerror]").count() == 0

    rows = csv_rows(download(page, "passages_export_csv", tmp_path / "passages.csv"))
    assert [r["text"] for r in rows] == [neutral(x) for x in passages["text"]]
    assert [r["text"][:3] for r in rows] == ["'=c", "'@S", "'-2"]
    assert {r["doc_id"] for r in rows} == {neutral(doc["doc_id"])}
    assert [r["passage_id"] for r in rows] == [neutral(p) for p in passages["passage_id"]]

    records = json.loads(download(page, "passages_export_json", tmp_path / "passages.json"))
    assert [r["text"] for r in records] == passages["text"].tolist()
    assert [r["passage_id"] for r in records] == passages["passage_id"].tolist()
    back = pd.read_parquet(io.BytesIO(download(page, "passages_export_parquet", tmp_path / "passages.parquet")))
    assert back["text"].tolist() == passages["text"].tolist() and set(back["doc_id"]) == {doc["doc_id"]}
