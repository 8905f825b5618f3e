"""Exports are real files: PNG/SVG with Arabic text, offline HTML, tables that round-trip Arabic."""

from __future__ import annotations

import io
import json
import re

import pandas as pd
import pytest

from dashboard import bidi, charts, export

ARABIC_NAMES = ["فلاديمير بوتين", "كيم جونغ أون", "الأمم المتحدة"]


@pytest.fixture(scope="module")
def actors_chart():
    counts = pd.DataFrame(
        {
            "entity_id": ["putin", "kim", "un"],
            "name_ar": ARABIC_NAMES,
            "name_en": ["Vladimir Putin", "Kim Jong Un", "United Nations"],
            "type": ["PERSON", "PERSON", "ORG"],
            "mentions": [12, 7, 3],
        }
    )
    return charts.top_actors_chart(counts, "ar")


@pytest.fixture(scope="module")
def svg_text(actors_chart) -> str:
    return export.chart_bytes(actors_chart, "svg").decode("utf-8")


def test_png_has_signature_and_sane_size(actors_chart):
    png = export.chart_bytes(actors_chart, "png")
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    # "container" width becomes EXPORT_WIDTH, drawn at scale 2.
    assert width >= 2 * export.EXPORT_WIDTH and 100 < height < 1000
    assert 5_000 < len(png) < 2_000_000


@pytest.mark.parametrize("name", ARABIC_NAMES)
def test_svg_keeps_arabic_labels_as_text_in_logical_order(svg_text, name):
    assert svg_text.startswith("<svg")
    assert name in svg_text
    assert bidi.rtl(name) in svg_text  # isolated so Vega lays it out right to left


def test_svg_has_arabic_titles_and_font(svg_text):
    assert "الإشارات" in svg_text and "الفاعل" in svg_text
    assert "Noto Naskh Arabic" in svg_text


def test_html_is_self_contained(actors_chart):
    html = export.chart_bytes(actors_chart, "html").decode("utf-8")
    assert "https://cdn" not in html and "jsdelivr" not in html
    assert not re.search(r"<script[^>]+src=[\"']https?://", html)
    assert "vegaEmbed" in html or "vega-embed" in html
    assert len(html) > 500_000  # vega, vega-lite and vega-embed are bundled
    assert "فلاديمير بوتين" in html


def test_export_width_replaces_container_only():
    chart = charts.top_actors_chart(pd.DataFrame({"entity_id": ["a"], "name_ar": ["أ"], "name_en": ["A"], "type": ["ORG"], "mentions": [1]}))
    assert chart.to_dict()["width"] == "container"
    assert export.chart_spec(chart)["width"] == export.EXPORT_WIDTH
    assert export.chart_spec(chart.properties(width=333))["width"] == 333


def test_chart_bytes_rejects_unknown_format(actors_chart):
    with pytest.raises(ValueError):
        export.chart_bytes(actors_chart, "gif")


def test_fonts_with_arabic_glyphs_are_registered():
    assert any("noto" in d or "amiri" in d for d in export.register_fonts())


# ------------------------------------------------------------------ tables

TABLE = pd.DataFrame(
    {
        "doc_id": ["d1", "d2"],
        "speaker": ["وزير الخارجية الروسي", "Antony Blinken"],
        "content": ['قال إن "التعاون" سيتعزز، في 2024/06/18', "line\nbreak, comma"],
        "actors": [["putin", "kim"], []],
        "value": [11000.0, 2.5],
        "hedged": [True, False],
    }
)


def test_csv_has_bom_and_round_trips_arabic():
    data = export.table_bytes(TABLE, "csv")
    assert data.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig", keep_default_na=False)
    assert back["speaker"].tolist() == TABLE["speaker"].tolist()
    assert back["content"].tolist() == TABLE["content"].tolist()
    assert back["actors"].tolist() == ["putin; kim", ""]
    assert back["value"].tolist() == [11000.0, 2.5]


def test_json_records_round_trip_with_arabic_as_characters():
    data = export.table_bytes(TABLE, "json")
    text = data.decode("utf-8")
    assert "وزير الخارجية الروسي" in text and "\\u0648" not in text
    assert "2024/06/18" in text
    records = json.loads(text)
    assert records[0] == {
        "doc_id": "d1",
        "speaker": "وزير الخارجية الروسي",
        "content": 'قال إن "التعاون" سيتعزز، في 2024/06/18',
        "actors": ["putin", "kim"],
        "value": 11000.0,
        "hedged": True,
    }
    assert records[1]["actors"] == []


def test_parquet_round_trips_list_columns():
    back = pd.read_parquet(io.BytesIO(export.table_bytes(TABLE, "parquet")))
    assert back["speaker"].tolist() == TABLE["speaker"].tolist()
    assert [list(v) for v in back["actors"]] == [["putin", "kim"], []]
    assert back["hedged"].tolist() == [True, False]


def test_list_columns_from_parquet_are_joined_in_csv():
    from_parquet = pd.read_parquet(io.BytesIO(export.table_bytes(TABLE, "parquet")))
    back = pd.read_csv(io.BytesIO(export.table_bytes(from_parquet, "csv")), encoding="utf-8-sig", keep_default_na=False)
    assert back["actors"].tolist() == ["putin; kim", ""]


def test_empty_table_exports():
    empty = TABLE.iloc[:0]
    assert export.table_bytes(empty, "csv").decode("utf-8-sig").startswith("doc_id,speaker")
    assert json.loads(export.table_bytes(empty, "json")) == []


def test_table_bytes_rejects_unknown_format():
    with pytest.raises(ValueError):
        export.table_bytes(TABLE, "xlsx")


@pytest.mark.parametrize(
    ("fmt", "mime"),
    [("png", "image/png"), ("SVG", "image/svg+xml"), ("html", "text/html"), ("csv", "text/csv"), ("json", "application/json"), ("parquet", "application/vnd.apache.parquet")],
)
def test_mime_type(fmt, mime):
    assert export.mime_type(fmt) == mime


@pytest.mark.parametrize(
    ("base", "fmt", "expected"),
    [
        ("timeline", "png", "timeline.png"),
        ("أكثر الفاعلين ذكرا", "csv", "أكثر_الفاعلين_ذكرا.csv"),
        ("../../etc/passwd", "json", "etc_passwd.json"),
        ("", "svg", "marsad.svg"),
        ("claims 2024-06-18", "PARQUET", "claims_2024-06-18.parquet"),
    ],
)
def test_file_name(base, fmt, expected):
    assert export.file_name(base, fmt) == expected


def test_file_name_rejects_unknown_format():
    with pytest.raises(ValueError):
        export.file_name("x", "exe")


def test_network_graph_exports_with_arabic_names_and_the_palette():
    from dashboard import graph, palette

    nodes = pd.DataFrame({"entity_id": ["putin", "kim", "un"], "name_ar": ARABIC_NAMES,
                          "name_en": ["Vladimir Putin", "Kim Jong Un", "United Nations"],
                          "type": ["PERSON", "PERSON", "ORG"], "mentions": [12, 7, 3]})
    pairs = pd.DataFrame({"source_id": ["kim", "putin"], "target_id": ["putin", "un"], "weight": [5, 2]})
    chart = charts.network_chart(*graph.layout_network(nodes, pairs), "ar")
    svg = export.chart_bytes(chart, "svg").decode("utf-8")
    for name in ARABIC_NAMES:
        assert bidi.rtl(name) in svg  # each circle's name, isolated right to left
    # The screen's colours, not Vega's defaults: a person is the palette's blue, an organisation its orange.
    assert palette.type_colour("PERSON") in svg and palette.type_colour("ORG") in svg
    assert svg.count("<line") >= 2  # one rule per pair
    png = export.chart_bytes(chart, "png")
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
