"""The dashboard in a real headless Chromium, on tables the pipeline built from the seed article.

Expected values come from the same Parquet tables the server reads, so the
tests check what the analyst sees (passages, timeline rows, downloaded bytes)
against the data, not against numbers copied from a run.
"""

from __future__ import annotations

import csv
import io
import os
import re
from pathlib import Path

import pandas as pd
import pytest
from playwright.sync_api import expect

from dashboard.i18n import t
from scripts.browser import REPO, wait_rendered
from scripts.screenshot import take_screenshot

pytestmark = pytest.mark.e2e

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
UTF8_BOM = b"\xef\xbb\xbf"
KIM = "\u0643\u064a\u0645"  # كيم: every spelling of Kim Jong Un in Arabic starts with it
NUCLEAR = "nuclear"


# ---------------------------------------------------------------- helpers


def choose(page, key: str, typed: str, option_text: str | None = None) -> None:
    """Pick an option of the multiselect ``key`` through its UI: type, click the option, close the list."""
    box = page.locator(f".st-key-{key} input[role=combobox]")
    box.click()
    box.fill(typed)
    option = page.get_by_role("option").filter(has_text=option_text or typed).first
    option.click()
    page.keyboard.press("Escape")


def passage_total(page) -> int:
    """The total in the passages page's caption ("Passages 1–20 of 32")."""
    caption = page.locator("[data-testid=stCaptionContainer]").filter(has_text="–").first
    return int(re.findall(r"[\d,]+", caption.inner_text())[-1].replace(",", ""))


def grid_rows(page, index: int = 0) -> int:
    """Data rows of the ``index``-th table on the page (the grid's accessible row count, minus the header)."""
    grid = page.locator("[data-testid=stDataFrame] table[aria-rowcount]").nth(index)
    return int(grid.get_attribute("aria-rowcount")) - 1


def download(page, key: str) -> bytes:
    with page.expect_download() as info:
        page.locator(f".st-key-{key} button").click()
    return Path(info.value.path()).read_bytes()


def read_csv(data: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


@pytest.fixture(scope="module")
def seed(seed_tables):
    return {name: pd.read_parquet(seed_tables / f"{name}.parquet") for name in
            ("documents", "passages", "mentions", "entities", "timeline")}


@pytest.fixture(scope="module")
def kim(seed) -> str:
    e = seed["entities"]
    return e.loc[e["name_en"] == "Kim Jong Un", "entity_id"].item()


# ---------------------------------------------------------------- filters


def test_actor_filter_in_the_multiselect_keeps_only_passages_naming_kim(page, seed_url, seed, kim):
    page.goto(seed_url + "passages")
    wait_rendered(page)
    before = passage_total(page)
    assert before == len(seed["passages"])

    choose(page, "filter_actor", "Kim Jong Un")

    m = seed["mentions"]
    expected = set(m.loc[m["entity_id"] == kim, "passage_id"])
    passages = page.locator("div.marsad-passage")
    expect(passages).to_have_count(len(expected))
    assert passage_total(page) == len(expected) < before
    for text in passages.all_inner_texts():
        assert KIM in text, text
    # The choice is in the URL (shareable) and in the sentence above the results.
    assert f"actor={kim.replace(':', '%3A')}" in page.url or f"actor={kim}" in page.url
    expect(page.locator("p.marsad-filters")).to_contain_text("كيم جونغ أون")
    # Each highlighted Kim mention is marked as an entity.
    assert page.locator("div.marsad-passage mark.marsad-entity").filter(has_text=KIM).count() >= len(expected)


def test_actor_search_offers_putin_first_and_all_of_them_keeps_passages_naming_both(page, seed_url, seed, kim):
    page.goto(seed_url + "passages?lang=en")
    wait_rendered(page)
    search = page.locator(".st-key-filter_actor_search input")
    search.fill("\u0628\u0648\u062a\u064a\u0646")  # بوتين
    search.press("Enter")
    expect(page.locator("p.marsad-actor-match")).to_contain_text("Vladimir Putin")
    box = page.locator(".st-key-filter_actor input[role=combobox]")
    box.click()
    first = page.get_by_role("option").first
    expect(first).to_contain_text("Vladimir Putin")
    first.click()
    page.keyboard.press("Escape")
    choose(page, "filter_actor", "Kim Jong Un")
    mode = page.locator(".st-key-filter_actor_mode")
    mode.get_by_text("all of them").click()
    expect(page.locator("p.marsad-filters")).to_contain_text(" and ")

    m = seed["mentions"]
    putin = m.loc[m["name_en"] == "Vladimir Putin", "entity_id"].iloc[0]
    both = set(m.loc[m["entity_id"] == kim, "passage_id"]) & set(m.loc[m["entity_id"] == putin, "passage_id"])
    expect(page.locator("div.marsad-passage")).to_have_count(len(both))
    assert passage_total(page) == len(both) == 2
    assert "actor_mode=all" in page.url


def test_topic_filter_changes_the_timeline_to_that_topics_passages(page, seed_url, seed):
    page.goto(seed_url + "timeline?lang=en")
    wait_rendered(page)
    expect(page.locator(".st-key-timeline_chart")).to_be_visible()
    rows_before = grid_rows(page)
    tl = seed["timeline"]
    assert rows_before >= tl["passage_id"].nunique()

    choose(page, "filter_topic", "Nuclear")
    expect(page.locator("p.marsad-filters")).to_contain_text("Nuclear")
    p = seed["passages"]
    nuclear = set(p.loc[p["topics"].map(lambda ts: NUCLEAR in list(ts)), "passage_id"])
    wanted = set(tl.loc[tl["passage_id"].isin(nuclear), "passage_id"])
    assert wanted and wanted != set(tl["passage_id"])

    page.wait_for_function(
        "n => { const g = document.querySelector('[data-testid=stDataFrame] table[aria-rowcount]');"
        " return g && Number(g.getAttribute('aria-rowcount')) - 1 < n; }",
        arg=rows_before,
    )
    rows = read_csv(download(page, "timeline_table_export_csv"))
    assert rows and len(rows) == grid_rows(page) < rows_before
    assert {r[t("col_passage_id", "en")] for r in rows} == wanted
    assert "topic=nuclear" in page.url


def test_url_parameters_restore_the_filters_and_clear_all_resets_them(page, seed_url, seed, kim):
    page.goto(seed_url + f"passages?actor={kim}&q=%D8%A8%D9%88%D8%AA%D9%8A%D9%86&lang=en")  # q=بوتين
    wait_rendered(page)
    expect(page.locator(".st-key-filter_actor")).to_contain_text("Kim Jong Un")
    expect(page.locator(".st-key-filter_text input")).to_have_value("بوتين")
    p, m = seed["passages"], seed["mentions"]
    with_kim = set(m.loc[m["entity_id"] == kim, "passage_id"])
    both = p[p["passage_id"].isin(with_kim) & p["text"].str.contains("بوتين")]
    expect(page.locator("div.marsad-passage")).to_have_count(len(both))
    expect(page.locator("p.marsad-filters")).to_contain_text("Kim Jong Un")

    page.locator(".st-key-filter_reset button").click()
    expect(page.locator("p.marsad-filters")).to_contain_text(f"{len(p)} passages")
    assert "actor=" not in page.url and "q=" not in page.url


def test_one_passage_link_shows_that_passage_highlighted(page, seed_url, seed):
    m = seed["mentions"]
    row = m.iloc[len(m) // 2]  # a passage from the middle of the article (the first is its title)
    page.goto(seed_url + f"passages?passage={row['passage_id']}")
    wait_rendered(page)
    passage = page.locator("div.marsad-passage")
    expect(passage).to_have_count(1)
    text = seed["passages"].set_index("passage_id").loc[row["passage_id"], "text"]
    assert text in passage.inner_text()
    expect(passage.locator("mark.marsad-entity").first).to_be_visible()
    expect(page.locator("div.marsad-legend")).to_be_visible()


# ---------------------------------------------------------------- downloads


def test_chart_png_and_table_csv_downloads_hold_what_is_shown(page, seed_url, seed):
    page.goto(seed_url)
    wait_rendered(page)
    png = download(page, "overview_top_actors_chart_png")
    assert png.startswith(PNG_SIGNATURE)
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert width > 300 and height > 150

    data = download(page, "overview_top_actors_table_csv")
    assert data.startswith(UTF8_BOM)
    rows = read_csv(data)
    top = seed["mentions"]["entity_id"].value_counts()
    assert len(rows) == min(15, len(top))
    names = [r["name_ar"] for r in rows]
    assert "كوريا الشمالية" in names and "فلاديمير بوتين" in names
    assert int(rows[0]["mentions"]) == top.iloc[0]


def test_passages_export_holds_the_page_or_every_kept_passage(page, seed_url, seed, kim):
    page.goto(seed_url + "passages?lang=en")
    wait_rendered(page)
    all_rows = read_csv(download(page, "passages_export_all_csv"))
    assert [r["passage_id"] for r in all_rows] == seed["passages"]["passage_id"].tolist()  # all 32, in order
    assert all_rows[0]["text"] == seed["passages"]["text"].iloc[0]  # the original Arabic text
    assert len(read_csv(download(page, "passages_export_csv"))) == min(20, len(seed["passages"]))
    # with a filter, only the kept passages
    page.goto(seed_url + f"passages?actor={kim}&lang=en")
    wait_rendered(page)
    kept = read_csv(download(page, "passages_export_all_csv"))
    assert 0 < len(kept) == passage_total(page) < len(seed["passages"])
    assert all("كيم" in r["text"] for r in kept)


def test_timeline_chart_downloads_as_png(page, seed_url):
    page.goto(seed_url + "timeline")
    wait_rendered(page)
    assert download(page, "timeline_chart_export_png").startswith(PNG_SIGNATURE)
    svg = download(page, "timeline_chart_export_svg").decode("utf-8")
    assert svg.lstrip().startswith("<svg") and "<script" not in svg


# ---------------------------------------------------------------- every page renders


@pytest.mark.parametrize(
    ("path", "marker"),
    [
        ("claims", "[data-testid=stDataFrame]"),
        ("quantities", "[data-testid=stDataFrame]"),
        ("entities", "[data-testid=stDataFrame]"),
        ("network", ".st-key-network_top"),
    ],
)
def test_each_page_renders_without_an_exception(page, seed_url, path, marker):
    page.goto(seed_url + path)
    wait_rendered(page)
    expect(page.locator(marker).first).to_be_visible()
    assert page.locator("[data-testid=stException]").count() == 0


# ---------------------------------------------------------------- adding articles

NEW_ARTICLE = (
    "وصول بعثة أممية إلى الخرطوم لتقييم الأوضاع الإنسانية\n\n"
    "الخرطوم، الاثنين 3 يونيو 2024 - وصلت بعثة تابعة للأمم المتحدة إلى العاصمة السودانية الخرطوم "
    "لتقييم الأوضاع الإنسانية، وقال المتحدث باسم البعثة إن نحو 25 ألف أسرة تحتاج إلى مساعدات عاجلة.\n"
)


JOB_TIMEOUT_MS = 240_000  # an upload job on a loaded machine; the page is polled, the wait ends with the job


def open_upload_page(page, url: str) -> None:
    page.goto(url + "add_articles?lang=en")
    wait_rendered(page)


def upload(page, files: list[dict]) -> None:
    page.locator(".st-key-upload_files input[type=file]").set_input_files(files)


def test_uploading_a_program_is_refused_in_the_browser(page, upload_url):
    open_upload_page(page, upload_url)
    upload(page, [{"name": "tool.exe", "mimeType": "application/x-msdownload", "buffer": b"MZ\x90\x00" + b"\x00" * 64}])
    widget = page.locator(".st-key-upload_files")
    expect(widget).to_contain_text("tool.exe")
    expect(widget).to_contain_text(re.compile(r"not (allowed|supported)", re.I))
    page.locator(".st-key-upload_process button").click()
    expect(page.locator("[data-testid=stAlert]").filter(has_text="Choose files first")).to_be_visible()
    expect(page.locator("p.marsad-filters")).to_contain_text("1 document")


def test_uploading_an_unreadable_file_is_skipped_with_a_reason(page, upload_url):
    open_upload_page(page, upload_url)
    garbage = bytes(range(256)) * 8  # NULs and control bytes: no text encoding reads this
    upload(page, [{"name": "broken.txt", "mimeType": "text/plain", "buffer": garbage}])
    expect(page.locator(".st-key-upload_files")).to_contain_text("broken.txt")
    page.locator(".st-key-upload_process button").click()
    # The job runs outside the server: wait for its end (however loaded the machine), not a fixed time.
    expect(page.locator("[data-testid=stAlert]").filter(has_text="Skipped")).to_be_visible(timeout=JOB_TIMEOUT_MS)
    expect(page.locator("[data-testid=stDataFrame]")).to_have_count(1)  # the file and its reason
    expect(page.locator("[data-testid=stAlert]").filter(has_text="No article was added")).to_be_visible()
    expect(page.locator("p.marsad-filters")).to_contain_text("1 document")


def test_uploading_a_txt_article_adds_a_document(page, upload_url):
    # Runs after the refusals above (same server): until now the dataset has the seed only.
    open_upload_page(page, upload_url)
    expect(page.locator("p.marsad-filters")).to_contain_text("1 document")
    upload(page, [{"name": "khartoum.txt", "mimeType": "text/plain", "buffer": NEW_ARTICLE.encode("utf-8")}])
    expect(page.locator(".st-key-upload_files")).to_contain_text("khartoum.txt")
    page.locator(".st-key-upload_process button").click()
    expect(page.locator("[data-testid=stAlert]").filter(has_text="1 article added.")).to_be_visible(timeout=JOB_TIMEOUT_MS)
    expect(page.locator(".marsad-upload-docs a")).to_have_text("وصول بعثة أممية إلى الخرطوم لتقييم الأوضاع الإنسانية")
    expect(page.locator("p.marsad-filters")).to_contain_text("2 documents")
    # The new article is a choice in the documents filter, and its passage is searchable.
    page.goto(upload_url + "passages?lang=en&q=%D8%A7%D9%84%D8%AE%D8%B1%D8%B7%D9%88%D9%85")  # q=الخرطوم
    wait_rendered(page)
    expect(page.locator("div.marsad-passage").first).to_contain_text("بعثة تابعة للأمم المتحدة")
    page.locator(".st-key-filter_doc input[role=combobox]").click()
    expect(page.get_by_role("option").filter(has_text="الخرطوم")).to_have_count(1)


# ---------------------------------------------------------------- README screenshot


def test_readme_screenshot_of_the_seed_dashboard(page, seed_url, tmp_path):
    """Writes docs/screenshot.png with MARSAD_UPDATE_SCREENSHOT=1, a temporary file otherwise."""
    update = os.environ.get("MARSAD_UPDATE_SCREENSHOT") == "1"
    out = REPO / "docs" / "screenshot.png" if update else tmp_path / "screenshot.png"
    take_screenshot(page, seed_url, out)
    data = out.read_bytes()
    assert data.startswith(PNG_SIGNATURE)
    assert int.from_bytes(data[16:20], "big") == 1400
    assert len(data) > 50_000  # drawn charts and text, not a blank skeleton
