"""Streamlit's own uploader texts in the Arabic page: hidden, ours drawn in their place (CSS ::after)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from scripts.browser import wait_rendered

pytestmark = pytest.mark.e2e

COMPUTED = """() => {
  const zone = document.querySelector('[data-testid=stFileUploaderDropzone]');
  const parts = ['[data-testid=stFileUploaderDropzoneInstructions]', '[data-testid=stBaseButton-secondary]'];
  return parts.map(sel => {
    const el = zone.querySelector(sel);
    const texts = [...el.querySelectorAll('*')].filter(e => e.childElementCount === 0 && e.textContent.trim());
    return {after: getComputedStyle(el, '::after').content, sizes: texts.map(e => getComputedStyle(e).fontSize)};
  });
}"""


def test_arabic_uploader_shows_arabic_limit_and_button_instead_of_streamlits_english(page, seed_url):
    page.goto(seed_url + "add_articles?lang=ar")
    wait_rendered(page)
    expect(page.locator("[data-testid=stFileUploaderDropzone]")).to_be_visible()
    instructions, button = page.evaluate(COMPUTED)
    assert instructions["after"] == '"حتى 50 ميغابايت لكل ملف • TXT, MD, HTML, HTM, JSON, JSONL, GZ, CSV"'
    assert button["after"] == '"رفع الملفات"'
    # Streamlit's "50MB per file • ..." and "Upload" are still in the page but drawn at size 0.
    assert instructions["sizes"] and set(instructions["sizes"]) == {"0px"}
    assert button["sizes"] and set(button["sizes"]) == {"0px"}


def test_arabic_date_range_reads_year_month_day_left_to_right(page, seed_url):
    """The sidebar is right to left in Arabic; the date field (React Aria spin buttons, not an
    input) read 20-10-2018 for 2018-10-20 until it was set left to right."""
    page.goto(seed_url + "?lang=ar")
    wait_rendered(page)
    field = page.locator(".st-key-filter_dates [data-testid=stDateInputField]")
    expect(field).to_be_visible()
    assert field.evaluate("e => getComputedStyle(e).direction") == "ltr"
    years = field.locator("[data-type=year]").first.bounding_box()
    days = field.locator("[data-type=day]").first.bounding_box()
    assert years["x"] < days["x"]  # the year comes first, on the left
