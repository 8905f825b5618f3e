"""Exports of hostile article text: the HTML chart runs none of it, the CSV hands no formula to a
spreadsheet, JSON and Parquet keep every value exactly as the article had it.

The browser side (opening the downloaded files in Chromium) is in tests/e2e/test_export_hostile_e2e.py.
"""

from __future__ import annotations

import io
import json
import re

import pandas as pd
import pyarrow as pa
import pytest

from dashboard import charts, export

SCRIPT_END = "</script><img src=x onerror=alert(1)>"
FORMULA = '=HYPERLINK("http://203.0.113.5")'
DDE = "=cmd|' /C calc'!A0"
SPEC_RE = re.compile(r'<script type="application/json" id="marsad-spec">(.*?)</script>', re.S)


@pytest.fixture(scope="module")
def hostile_chart():
    counts = pd.DataFrame(
        {
            "entity_id": ["e1", "e2"],
            "name_ar": ["كيم جونغ أون", "بوتين \u2028 & <b>"],
            "name_en": [SCRIPT_END, FORMULA],
            "type": ["PERSON", "PERSON"],
            "mentions": [3, 2],
        }
    )
    return charts.top_actors_chart(counts, "en")


@pytest.fixture(scope="module")
def hostile_html(hostile_chart) -> str:
    return export.chart_bytes(hostile_chart, "html").decode("utf-8")


# ------------------------------------------------------------------ HTML


def test_script_json_escapes_what_could_end_a_script_element():
    assert export.script_json({"a": "</script><!--&\u2028\u2029", "n": [1, 2.5, None]}) == (
        '{"a":"\\u003c/script\\u003e\\u003c!--\\u0026\\u2028\\u2029","n":[1,2.5,null]}'
    )


def test_script_json_reads_back_to_the_same_value_and_turns_nan_into_null():
    value = {"text": SCRIPT_END + "\u2028" + "كيم & <b>", "x": float("nan"), "nested": [{"y": float("inf")}]}
    assert json.loads(export.script_json(value)) == {"text": value["text"], "x": None, "nested": [{"y": None}]}


def test_html_export_never_contains_article_markup_raw(hostile_html):
    assert SCRIPT_END not in hostile_html
    assert "<b>" not in hostile_html
    # The only script elements are ours: the Vega bundle, the spec (JSON) and the call that draws it.
    assert hostile_html.count("</script>") == 3
    assert len(re.findall(r"<script\b", hostile_html)) == 3
    assert "\\u003c/script\\u003e\\u003cimg src=x onerror=alert(1)\\u003e" in hostile_html


def test_html_export_holds_exactly_the_chart_spec(hostile_chart, hostile_html):
    (embedded,) = SPEC_RE.findall(hostile_html)
    assert json.loads(embedded) == export.chart_spec(hostile_chart)
    names = {row["name_en"] for row in json.loads(embedded)["datasets"].popitem()[1]}
    assert names == {SCRIPT_END, FORMULA}


def test_html_export_forbids_every_fetch_and_the_editor_action(hostile_html):
    assert f'<meta http-equiv="Content-Security-Policy" content="{export.HTML_CSP}">' in hostile_html
    assert "default-src 'none'" in export.HTML_CSP and "connect-src" not in export.HTML_CSP
    assert '"editor":false' in hostile_html
    assert not re.search(r"<script[^>]+src=", hostile_html)


def test_the_bundled_vega_script_cannot_end_its_own_element():
    assert not re.search(r"</script", export._vega_bundle(), re.IGNORECASE)
    assert len(export._vega_bundle()) > 500_000  # vega, vega-lite and vega-embed, nothing fetched


def test_svg_export_keeps_article_markup_as_text(hostile_chart):
    svg = export.chart_bytes(hostile_chart, "svg").decode("utf-8")
    assert "&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;" in svg
    assert "<img" not in svg and "<script" not in svg and "<b>" not in svg


# ------------------------------------------------------------------ CSV


def test_csv_neutralises_formula_cells_and_leaves_numbers_alone():
    df = pd.DataFrame(
        {
            "id": [FORMULA, DDE, "+1", "-2", "@SUM(A1)", "\tx", "\r=1+1", "a=b", None],
            "value": [-1.5, 2.0, -3.0, 0.0, 1.0, 1.0, 1.0, 1.0, float("nan")],
            "n": [-1, 2, 3, 4, 5, 6, 7, 8, 9],
        }
    )
    assert export.table_bytes(df, "csv") == (
        b"\xef\xbb\xbfid,value,n\r\n"
        b'"\'=HYPERLINK(""http://203.0.113.5"")",-1.5,-1\r\n'
        b"'=cmd|' /C calc'!A0,2.0,2\r\n"
        b"'+1,-3.0,3\r\n"
        b"'-2,0.0,4\r\n"
        b"'@SUM(A1),1.0,5\r\n"
        b"'\tx,1.0,6\r\n"
        # quoted: a bare CR could otherwise start a new row whose first cell is "=1+1"
        b"\"'\r=1+1\",1.0,7\r\n"
        b"a=b,1.0,8\r\n"
        b",,9\r\n"
    )


@pytest.mark.parametrize(
    "column",
    [
        pd.Series(["=1+1", "ok"], dtype="string"),
        pd.Series(["=1+1", "ok"], dtype="category"),
        pd.Series(["=1+1", "ok"], dtype=pd.ArrowDtype(pa.string())),
        pd.Series(["=1+1", 7], dtype=object),
    ],
    ids=["string", "category", "arrow", "mixed-object"],
)
def test_csv_neutralises_every_kind_of_text_column(column):
    rows = export.table_bytes(pd.DataFrame({"c": column}), "csv").decode("utf-8-sig").split("\r\n")
    assert rows[:3] == ["c", "'=1+1", ("ok" if column.iloc[1] == "ok" else "7")]


def test_csv_neutralises_a_joined_list_that_starts_with_a_formula():
    df = pd.DataFrame({"actors": [[DDE, "kim"], ["kim", DDE]]})
    assert export.table_bytes(df, "csv").decode("utf-8-sig") == f"actors\r\n'{DDE}; kim\r\nkim; {DDE}\r\n"


def test_csv_neutralises_a_formula_header():
    assert export.table_bytes(pd.DataFrame({"=x": [1]}), "csv").decode("utf-8-sig") == "'=x\r\n1\r\n"


HOSTILE_TABLE = pd.DataFrame(
    {
        "doc_id": [FORMULA, DDE],
        "title": ["@SUM(1+1)*cmd|' /C calc'!A0", SCRIPT_END],
        "actors": [["=a", "b"], []],
        "value": [-2.5, 3.0],
    }
)


def test_json_export_keeps_the_raw_values():
    records = json.loads(export.table_bytes(HOSTILE_TABLE, "json"))
    assert records == [
        {"doc_id": FORMULA, "title": "@SUM(1+1)*cmd|' /C calc'!A0", "actors": ["=a", "b"], "value": -2.5},
        {"doc_id": DDE, "title": SCRIPT_END, "actors": [], "value": 3.0},
    ]


def test_parquet_export_keeps_the_raw_values():
    back = pd.read_parquet(io.BytesIO(export.table_bytes(HOSTILE_TABLE, "parquet")))
    assert back["doc_id"].tolist() == [FORMULA, DDE]
    assert back["title"].tolist() == ["@SUM(1+1)*cmd|' /C calc'!A0", SCRIPT_END]
    assert [list(v) for v in back["actors"]] == [["=a", "b"], []]
    assert back["value"].tolist() == [-2.5, 3.0]


@pytest.mark.parametrize(
    ("value", "expected"),
    [("=1", "'=1"), ("+1", "'+1"), ("-1", "'-1"), ("@x", "'@x"), ("\t1", "'\t1"), ("\r1", "'\r1"),
     (" =1", " =1"), ("1-", "1-"), ("", ""), (-1.5, -1.5), (None, None)],
)
def test_neutralise_formula(value, expected):
    assert export.neutralise_formula(value) == expected
