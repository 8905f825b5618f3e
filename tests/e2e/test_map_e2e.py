"""The map page in headless Chromium on real news (``corpus_url``): the world drawn from the shipped
geometry, the most mentioned place heading the table, and not one request beyond the app itself.

Expected values are counted from the Parquet tables the server reads, never copied from a run.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pandas as pd
import pytest
from playwright.sync_api import expect

from dashboard import places
from dashboard.i18n import t
from scripts.browser import wait_rendered
from tests.e2e.test_corpus_e2e import HEAVY_MS, grid_rows

pytestmark = pytest.mark.e2e

MAP = "[data-testid=stVegaLiteChart]"  # the only chart of the page
# Vega's svg renderer draws each country as a path: the grey world first (unlabelled), then every
# counted country again in colour, labelled with its numbers for screen readers (and the tooltip).
PATHS = f"{MAP} svg.marks path"
MIN_PATHS = 150  # 177 countries at 1:110m
SHAPES = f"{MAP} svg.marks path[aria-roledescription=geoshape]"
MIN_COUNTED = 20  # countries named in 2,000 articles of Arab news
TOOLTIP = "#vg-tooltip-element"


def _top_place(tables) -> tuple[str, str, str, int]:
    """(place id, English name, Arabic name, mentions) of the most mentioned place, counted directly."""
    mentions = pd.read_parquet(tables / "mentions.parquet", columns=["entity_id"])
    entities = pd.read_parquet(tables / "entities.parquet", columns=["entity_id", "type", "name_ar", "name_en"])
    placed = mentions.merge(places.place_table(entities), on="entity_id")
    counts = placed.groupby("place_id").size().reset_index(name="n").sort_values(["n", "place_id"],
                                                                                  ascending=[False, True])
    top, n = counts.iloc[0]["place_id"], int(counts.iloc[0]["n"])
    names = entities.set_index("entity_id")
    return top, names.loc[top, "name_en"], names.loc[top, "name_ar"], n


def _top_country(tables) -> tuple[str, int]:
    """(English CLDR name, mentions of it and its places) of the most mentioned country, counted directly."""
    mentions = pd.read_parquet(tables / "mentions.parquet", columns=["entity_id"])
    entities = pd.read_parquet(tables / "entities.parquet", columns=["entity_id", "type", "name_ar"])
    per_country = mentions.merge(places.place_table(entities), on="entity_id").groupby("country").size()
    code = per_country.sort_values(ascending=False).index[0]
    return places.country_names("en")[code], int(per_country[code])


def _drawn(page, world: bool = False) -> None:
    """Wait until the map is drawn; ``world``: in the world view, where no counted country lies outside
    the frame (the projection clips a shape outside it to an empty path)."""
    page.wait_for_function(f"() => document.querySelectorAll({PATHS!r}).length > {MIN_PATHS}"
                           f" && document.querySelectorAll({SHAPES!r}).length > {MIN_COUNTED}", timeout=HEAVY_MS)
    if world:
        page.wait_for_function(f"() => [...document.querySelectorAll({SHAPES!r})].every(p => p.getAttribute('d'))",
                               timeout=HEAVY_MS)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_map_draws_the_countries_and_lists_the_most_mentioned_place_first_offline(page, corpus_url, corpus_tables,
                                                                                   lang):
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    _, name_en, name_ar, mentions = _top_place(corpus_tables)
    page.goto(corpus_url + f"map?lang={lang}")
    wait_rendered(page)
    _drawn(page)
    header, first = grid_rows(page, 2)
    row = dict(zip(header, first))
    assert row[t("map_col_place", lang)] == (name_en if lang == "en" else name_ar)
    assert row[t("col_mentions", lang)].replace(",", "") == str(mentions)
    if lang == "ar":  # read from the right: the place is the rightmost column
        assert header[-1] == t("map_col_place", "ar")
    origin = urlsplit(corpus_url)
    outside = [u for u in requests if urlsplit(u).scheme in ("http", "https", "ws", "wss")
               and (urlsplit(u).hostname, urlsplit(u).port) != (origin.hostname, origin.port)]
    assert requests and not outside, outside


def test_world_view_shows_the_most_mentioned_country_with_its_count_in_a_tooltip(page, corpus_url, corpus_tables):
    name, mentions = _top_country(corpus_tables)
    page.goto(corpus_url + "map?lang=en")
    wait_rendered(page)
    _drawn(page)
    page.locator(".st-key-map_view").get_by_text(t("map_view_world", "en")).click()
    wait_rendered(page)
    _drawn(page, world=True)
    country = page.locator(f"{SHAPES}[aria-label*='Country: {name};']")
    expect(country).to_have_count(1)
    box = country.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    tooltip = page.locator(TOOLTIP)
    expect(tooltip).to_contain_text(name, timeout=HEAVY_MS)
    expect(tooltip).to_contain_text(f"{mentions:,}")
