"""The map's data: the shipped place table and geometry, counts per place and per country, the map chart.

Counts are checked against a direct count in pandas over the same Parquet files.
"""

from __future__ import annotations

import json
import re

import pandas as pd
import pyarrow as pa
import pytest

from dashboard import charts, export, places, query
from dashboard.filters import Filters
from data_pipeline.resources import load_jsonl
from tests.dashboard.test_app import seed_dir  # noqa: F401 - the seed tables fixture

PLACE_GAZETTEERS = ("gazetteer_countries.jsonl", "gazetteer_cities.jsonl", "gazetteer_places.jsonl")


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    return places.load_places()


# ------------------------------------------------------------------ the place table


@pytest.mark.parametrize(
    ("entity_id", "country", "lat", "lon"),
    [
        ("gpe:cairo", "EG", 30.06, 31.25),
        ("gpe:baghdad", "IQ", 33.34, 44.40),
        ("gpe:damascus", "SY", 33.51, 36.29),
        ("gpe:riyadh", "SA", 24.69, 46.72),
        ("gpe:aleppo", "SY", 36.20, 37.16),
        ("gpe:sanaa", "YE", 15.35, 44.21),
        ("gpe:london", "GB", 51.51, -0.13),  # a CLDR link zone (Europe/Belfast) in the gazetteer
        ("gpe:bethlehem", "PS", 31.70, 35.20),  # not Bethlehem, Pennsylvania
        ("gpe:birmingham", "GB", 52.48, -1.90),  # not Birmingham, Alabama
    ],
)
def test_a_city_lies_in_its_country_at_its_coordinates(table, entity_id, country, lat, lon):
    row = table.set_index("entity_id").loc[entity_id]
    assert row["kind"] == "city"
    assert row["country"] == country
    assert abs(row["lat"] - lat) < 0.5 and abs(row["lon"] - lon) < 0.5, (row["lat"], row["lon"])


@pytest.mark.parametrize(
    ("entity_id", "country", "map_id"),
    [("gpe:egypt", "EG", "818"), ("gpe:syria", "SY", "760"), ("gpe:palestinian_territories", "PS", "275"),
     ("gpe:turkey", "TR", "792"), ("gpe:turkiye", "TR", "792"), ("gpe:united_states", "US", "840")],
)
def test_a_country_has_its_iso_code_and_shape(table, entity_id, country, map_id):
    row = table.set_index("entity_id").loc[entity_id]
    assert (row["kind"], row["country"], row["map_id"]) == ("country", country, map_id)
    assert map_id in places.shape_ids()


def test_a_country_too_small_for_a_shape_is_a_point_at_its_capital(table):
    bahrain = table.set_index("entity_id").loc["gpe:bahrain"]
    assert bahrain["map_id"] == "" and "048" not in places.shape_ids()
    assert abs(bahrain["lat"] - 26.2) < 0.3 and abs(bahrain["lon"] - 50.6) < 0.3  # Manama


def test_every_shape_id_exists_in_the_geometry_and_every_place_can_be_drawn_or_counted(table):
    shaped = set(table["map_id"]) - {""}
    assert shaped <= places.shape_ids(), shaped - places.shape_ids()
    assert set(table["kind"]) <= set(places.KINDS)
    countries = table[table["kind"] == "country"]
    # A country is a shape or a point; a city a point; a region (a US state) counts toward its country.
    assert ((countries["map_id"] != "") | countries["lat"].notna()).all()
    assert table.loc[table["kind"] == "city", "lat"].notna().all()
    assert table["lat"].dropna().between(-90, 90).all() and table["lon"].dropna().between(-180, 180).all()
    assert table["country"].str.fullmatch(r"[A-Z]{2}").all()


def test_every_place_is_a_gazetteer_entity_with_its_aliases(table):
    gazetteer = {}
    for name in PLACE_GAZETTEERS:
        for row in load_jsonl(name):
            gazetteer.setdefault(row["id"], set()).update([row["name_ar"], *row.get("aliases", [])])
    assert set(table["entity_id"]) <= set(gazetteer)
    cairo = table.set_index("entity_id").loc["gpe:cairo", "aliases_ar"].split(places.ALIAS_SEPARATOR)
    assert set(cairo) == gazetteer["gpe:cairo"]


def test_the_geometry_is_natural_earth_countries_by_iso_numeric_code():
    topo = places.atlas()
    assert topo["type"] == "Topology" and set(topo["objects"]) == {"countries", "land"}
    names = {g.get("id"): g["properties"]["name"] for g in topo["objects"]["countries"]["geometries"]}
    assert names["818"] == "Egypt" and names["368"] == "Iraq" and names["682"] == "Saudi Arabia"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("القاهرة", "gpe:cairo"),
        ("سورية", "gpe:syria"),  # the "-ية" spelling of سوريا
        ("السعودية", "gpe:saudi_arabia"),
        ("كوريا الشمالية", "gpe:north_korea"),
        ("مدينة لا وجود لها", None),
        ("الكونغو", None),  # an alias of two countries: not placed
        (None, None),
    ],
)
def test_an_arabic_name_is_placed_only_when_one_gazetteer_place_has_it(name, expected):
    assert places.match_name(name) == expected


def test_entities_found_by_the_model_are_placed_by_their_arabic_name():
    entities = pd.DataFrame(
        {"entity_id": ["gpe:3635dc13b2", "gpe:0000000000", "person:x", "gpe:cairo"],
         "type": ["GPE", "GPE", "PERSON", "GPE"],
         "name_ar": ["سورية", "مكان مجهول", "القاهرة", "القاهرة"]}
    )
    table = places.place_table(entities).set_index("entity_id")
    assert table.loc["gpe:3635dc13b2", "place_id"] == "gpe:syria"
    assert table.loc["gpe:3635dc13b2", "placed_by"] == "name"
    assert (table.loc["gpe:3635dc13b2", "country"], table.loc["gpe:3635dc13b2", "map_id"]) == ("SY", "760")
    assert "gpe:0000000000" not in table.index and "person:x" not in table.index  # unknown; not a place
    assert table.loc["gpe:cairo", "placed_by"] == "gazetteer"


# ------------------------------------------------------------------ counts


def _direct_counts(folder, kept_passages=None):
    """Mentions per country and per place, counted in pandas from the Parquet files."""
    mentions = pd.read_parquet(folder / "mentions.parquet")
    entities = pd.read_parquet(folder / "entities.parquet", columns=["entity_id", "type", "name_ar"])
    table = places.place_table(entities)
    if kept_passages is not None:
        mentions = mentions[mentions["passage_id"].isin(kept_passages)]
    placed = mentions.merge(table, on="entity_id")
    per_country = placed.groupby("country").agg(mentions=("entity_id", "size"), documents=("doc_id", "nunique"))
    per_place = placed.groupby("place_id").agg(mentions=("entity_id", "size"), documents=("doc_id", "nunique"))
    own = placed[placed["kind"] == "country"].groupby("country").size()
    return table, per_country, per_place, own


def _query_counts(folder, table, filters: Filters | None = None):
    filters = filters or Filters()
    con = query.connect(folder)
    sel = query.select_passages(con, filters)
    placed = query.place_mentions(con, pa.Table.from_pandas(table, preserve_index=False))
    return query.place_counts(con, sel, placed, filters.types), sel


def test_counts_per_country_and_place_equal_a_direct_count_on_the_seed(seed_dir):  # noqa: F811
    table, per_country, per_place, own = _direct_counts(seed_dir)
    assert len(per_country) >= 2, "the seed article names places in several countries"
    counts, _ = _query_counts(seed_dir, table)
    got = counts["countries"].set_index("country")
    assert got["mentions"].to_dict() == per_country["mentions"].to_dict()
    assert got["documents"].to_dict() == per_country["documents"].to_dict()
    assert got["own"].to_dict() == own.reindex(got.index, fill_value=0).to_dict()
    got_places = counts["places"].set_index("place_id")
    assert got_places["mentions"].to_dict() == per_place["mentions"].to_dict()


def test_counts_follow_the_filters_and_spelling_variants_count_as_their_place(fixture_dir):
    # The fixture's ids carry no prefix (russia, seoul): placed by their Arabic names.
    filters = Filters(actors=("kim_jong_un",))
    con = query.connect(fixture_dir)
    kept = set(query.select_passages(con, filters).column("passage_id").to_pylist())
    table, per_country, _, _ = _direct_counts(fixture_dir, kept)
    counts, _ = _query_counts(fixture_dir, table, filters)
    got = counts["countries"].set_index("country")["mentions"].to_dict()
    assert got == per_country["mentions"].to_dict() == {"RU": 1, "KR": 1}
    assert set(counts["places"]["place_id"]) == {"gpe:russia", "gpe:seoul"}
    assert counts["places"].set_index("place_id").loc["gpe:seoul", "entity_ids"].tolist() == ["seoul"]
    # The type filter applies to the mentions counted, as elsewhere: no place is a person.
    none, _ = _query_counts(fixture_dir, table, Filters(types=("PERSON",)))
    assert none["places"].empty and none["countries"].empty


def test_map_frames_split_a_country_into_its_own_and_its_places_mentions_in_the_ui_language():
    counts = {
        "places": pd.DataFrame({"place_id": ["gpe:egypt", "gpe:cairo", "gpe:bahrain"],
                                "entity_ids": [["gpe:egypt"], ["gpe:cairo"], ["gpe:bahrain"]],
                                "name_ar": ["مصر", "القاهرة", "البحرين"], "name_en": ["Egypt", "Cairo", "Bahrain"],
                                "mentions": [5, 3, 2], "documents": [4, 2, 1]}),
        "countries": pd.DataFrame({"country": ["EG", "BH"], "mentions": [8, 2], "own": [5, 2], "documents": [5, 1]}),
        "unplaced": pd.DataFrame({"mentions": [0], "entities": [0]}),
    }
    frames = places.map_frames(counts, "ar")
    egypt = frames["countries"].set_index("country").loc["EG"]
    assert (egypt["label"], egypt["map_id"], egypt["mentions"], egypt["own"], egypt["within"]) == ("مصر", "818", 8, 5, 3)
    points = frames["points"].set_index("label")
    assert points.loc["القاهرة", "kind"] == "city" and points.loc["القاهرة", "country_label"] == "مصر"
    assert points.loc["البحرين", "kind"] == "country" and points.loc["البحرين", "mentions"] == 2  # no shape: a point
    assert frames["places"]["label"].tolist() == ["مصر", "القاهرة", "البحرين"]
    assert places.map_frames(counts, "en")["places"]["label"].tolist() == ["Egypt", "Cairo", "Bahrain"]


# ------------------------------------------------------------------ the chart


def _frames():
    counts = {
        "places": pd.DataFrame({"place_id": ["gpe:iraq", "gpe:baghdad"], "entity_ids": [["gpe:iraq"], ["gpe:baghdad"]],
                                "name_ar": ["العراق", "بغداد"], "name_en": ["Iraq", "Baghdad"],
                                "mentions": [7, 4], "documents": [5, 3]}),
        "countries": pd.DataFrame({"country": ["IQ"], "mentions": [11], "own": [7], "documents": [6]}),
        "unplaced": pd.DataFrame({"mentions": [0], "entities": [0]}),
    }
    return places.map_frames(counts, "en")


def _urls(spec) -> list:
    found = []
    if isinstance(spec, dict):
        found += [v for k, v in spec.items() if k == "url"]
        for v in spec.values():
            found += _urls(v)
    elif isinstance(spec, list):
        for v in spec:
            found += _urls(v)
    return found


@pytest.mark.parametrize("view", charts.MAP_VIEWS)
def test_the_map_carries_its_geometry_inline_and_fetches_nothing(view):
    frames = _frames()
    spec = charts.place_map_chart(frames["countries"], frames["points"], "ar", view).to_dict()
    assert _urls(spec) == []
    geometry = json.loads(spec["datasets"][charts.MAP_DATASET])
    assert geometry["objects"]["countries"]["geometries"][0]["id"]
    for shapes in spec["layer"][:2]:  # the grey world, then the counted countries: one geometry, named twice
        assert shapes["data"] == {"name": charts.MAP_DATASET, "format": {"type": "topojson", "feature": "countries"}}
    assert spec["projection"]["type"] == "equalEarth" and spec["projection"]["fit"] == charts.MAP_VIEWS[view]
    # Streamlit gets the same spec with the geometry parsed (it would read a text as a table).
    screen = charts.map_screen_spec(charts.place_map_chart(frames["countries"], frames["points"], "ar", view))
    assert screen["datasets"][charts.MAP_DATASET] == places.atlas()
    assert {k: v for k, v in screen.items() if k != "datasets"} == {k: v for k, v in spec.items() if k != "datasets"}


def test_the_map_draws_counts_per_country_and_cities_with_localised_tooltips():
    frames = _frames()
    spec = charts.place_map_chart(frames["countries"], frames["points"], "en").to_dict()
    lookup = spec["layer"][1]["transform"][0]
    values = spec["datasets"][lookup["from"]["data"]["name"]]
    assert [(v["map_id"], v["label"], v["total"], v["own"], v["within"]) for v in values] == [("368", "Iraq", 11, 7, 4)]
    cities = spec["datasets"][spec["layer"][2]["data"]["name"]]
    assert [(c["label"], c["country_label"], c["mentions"]) for c in cities] == [("Baghdad", "Iraq", 4)]
    titles = [t["title"] for t in spec["layer"][1]["encoding"]["tooltip"]]
    assert titles[:2] == ["Country", "Mentions (the country and its places)"]
    ar = charts.place_map_chart(frames["countries"], frames["points"], "ar").to_dict()
    assert ar["layer"][1]["encoding"]["tooltip"][0]["title"] == "الدولة"


def test_an_empty_map_still_draws_the_world():
    empty = pd.DataFrame()
    spec = charts.place_map_chart(empty, empty, "en").to_dict()
    assert len(spec["layer"]) == 2 and charts.MAP_DATASET in spec["datasets"]


def test_exported_map_html_holds_the_geometry_and_loads_no_script_from_elsewhere():
    frames = _frames()
    chart = charts.place_map_chart(frames["countries"], frames["points"], "en")
    html = export.chart_bytes(chart, "html").decode("utf-8")
    assert charts.MAP_DATASET in html and '\\"arcs\\"' in html  # the TopoJSON text, inline
    assert not re.search(r"<script[^>]+src=", html) and not re.search(r"<link[^>]+href=\"?https?:", html)
    svg = export.chart_bytes(chart, "svg").decode("utf-8")
    # Drawn offline: every country in the frame (grey), Iraq once more in colour with its numbers.
    assert svg.count("<path") > 100
    assert svg.count("Country: Iraq; Mentions (the country and its places): 11;") == 1
