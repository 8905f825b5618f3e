"""The map page through AppTest: the chart, the caption, the table and its links, in both languages,
on the seed tables (built by the real pipeline) and on the synthetic fixture (with hostile names)."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from dashboard import bidi, charts, places
from dashboard.i18n import t, tn
from data_pipeline.schemas import TABLES
from tests.dashboard.test_app import chart_data, make_app, seed_dir  # noqa: F401 - fixture

RLO = "\u202e"


def _seed_places(folder) -> pd.DataFrame:
    """Mentions per place in the seed tables, counted directly, most mentioned first."""
    mentions = pd.read_parquet(folder / "mentions.parquet", columns=["entity_id", "doc_id"])
    entities = pd.read_parquet(folder / "entities.parquet", columns=["entity_id", "type", "name_ar", "name_en"])
    table = places.place_table(entities)
    placed = mentions.merge(table, on="entity_id")
    counts = placed.groupby("place_id").size().rename("mentions").reset_index()
    return counts.sort_values(["mentions", "place_id"], ascending=[False, True]).reset_index(drop=True)


def test_map_page_shows_the_places_of_the_seed_with_their_counts_and_links(monkeypatch, seed_dir):  # noqa: F811
    expected = _seed_places(seed_dir)
    at = make_app(monkeypatch, seed_dir, page="map", lang="en")
    assert at.caption[0].value == t("map_caption", "en")
    assert len(at.get("vega_lite_chart")) == 1
    table = at.dataframe[0].value
    assert table[t("col_mentions", "en")].tolist() == expected["mentions"].tolist()
    top = expected["place_id"].iloc[0]
    names = pd.read_parquet(seed_dir / "entities.parquet").set_index("entity_id")
    assert table[t("map_col_place", "en")].iloc[0] == names.loc[top, "name_en"]
    link = urlsplit(table[t("col_link", "en")].iloc[0])
    assert link.path.endswith("/passages") and parse_qs(link.query) == {"actor": [top], "lang": ["en"]}
    entity = urlsplit(table[t("map_col_entity", "en")].iloc[0])
    assert entity.path.endswith("/entity") and parse_qs(entity.query) == {"entity": [top], "lang": ["en"]}


def test_map_page_in_arabic_reads_from_the_right_with_arabic_names(monkeypatch, seed_dir):  # noqa: F811
    at = make_app(monkeypatch, seed_dir, page="map", lang="ar")
    grid = at.dataframe[0]
    order = list(grid.proto.column_order)
    assert order[-1] == t("map_col_place", "ar") and order[0] == t("map_col_entity", "ar")
    kinds = set(grid.value[t("map_col_kind", "ar")])
    assert kinds <= {t(f"place_kind_{k}", "ar") for k in places.KINDS}
    spec = json.loads(at.get("vega_lite_chart")[0].proto.spec)
    assert spec["projection"]["type"] == "equalEarth"
    assert places.atlas() == spec["datasets"][charts.MAP_DATASET]  # the geometry, inline
    tooltip = [x["title"] for x in spec["layer"][1]["encoding"]["tooltip"]]
    assert tooltip[0] == charts.ui_strings("ar")["country"]


def test_map_view_switches_to_the_world(monkeypatch, seed_dir):  # noqa: F811
    at = make_app(monkeypatch, seed_dir, page="map", lang="en")
    at = at.radio(key="map_view").set_value("world").run()
    assert not at.exception
    spec = json.loads(at.get("vega_lite_chart")[0].proto.spec)
    assert spec["projection"]["fit"] == charts.MAP_VIEWS["world"]


def test_map_counts_follow_the_actor_filter(monkeypatch, fixture_dir):
    # In the fixture, Kim is named with Russia (d1) and Seoul (d2): North Korea drops out.
    at = make_app(monkeypatch, fixture_dir, page="map", lang="en", actor="kim_jong_un")
    table = at.dataframe[0].value
    assert dict(zip(table[t("map_col_place", "en")], table[t("col_mentions", "en")])) == {"Russia": 1, "Seoul": 1}
    assert set(table[t("map_col_country", "en")]) == {"Russia", "South Korea"}
    assert not [c for c in at.caption if c.value.startswith(tn("map_unplaced", 1, "en")[:10])]


def test_map_page_with_no_place_says_so(monkeypatch, fixture_dir):
    at = make_app(monkeypatch, fixture_dir, page="map", lang="en", type="PERSON")
    assert [i.value for i in at.info] == [t("empty_map", "en")]
    assert not at.get("vega_lite_chart")


def test_hostile_place_names_reach_the_map_without_bidi_controls(monkeypatch, tmp_path):
    from tests.dashboard.conftest import build_fixture_frames

    frames = build_fixture_frames()
    hostile = f"روسيا{RLO}<script>alert(1)</script>"
    for name in ("mentions", "entities"):
        df = frames[name]
        df.loc[df["entity_id"] == "seoul", ["name_ar", "name_en"]] = [f"سيول{RLO}", f"Seoul{RLO}<b>x</b>"]
        df.loc[df["entity_id"] == "russia", "name_en"] = hostile
    out = tmp_path / "tables"
    out.mkdir()
    for name, df in frames.items():
        pq.write_table(pa.Table.from_pandas(df, schema=TABLES[name].arrow(), preserve_index=False),
                       out / f"{name}.parquet")
    at = make_app(monkeypatch, out, page="map", lang="en")
    table = at.dataframe[0].value
    labels = table[t("map_col_place", "en")].tolist()
    assert "Seoul<b>x</b>" in labels and "روسيا<script>alert(1)</script>" in labels  # text, shown as text
    assert not any(bidi.strip(x) != x for x in labels)
    points = chart_data(at)
    assert not points.empty
    texts = [str(v) for c in points.columns for v in points[c].dropna() if isinstance(v, str)]
    assert "Seoul<b>x</b>" in texts and not [x for x in texts if bidi.strip(x) != x]
    # The seoul entity, found by its Arabic name with a control in it, is still placed in Korea.
    assert "South Korea" in set(table[t("map_col_country", "en")])
