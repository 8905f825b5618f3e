"""The timeline page through AppTest on the fixture: the window it opens on, the event-date
filter and its URL round trip, and a table with one row per point sorted by date."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from streamlit.testing.v1 import AppTest

from data_pipeline.schemas import TABLES
from tests.dashboard.test_app import make_app, sentence

REPO = Path(__file__).resolve().parents[2]


def chart_spec(at: AppTest) -> dict:
    return json.loads(at.get("vega_lite_chart")[0].proto.spec)


def chart_dates(at: AppTest) -> set[str]:
    chart = at.get("vega_lite_chart")[0]
    frames = [pa.ipc.open_stream(d.data.data).read_all().to_pandas() for d in chart.proto.datasets]
    return set(pd.concat(frames)["date"])


def x_scales(spec: dict) -> list[dict]:
    return [layer["encoding"]["x"]["scale"] for layer in spec.get("layer", [spec])]


def captions(at: AppTest) -> list[str]:
    return [c.value for c in at.caption]


def test_timeline_table_has_one_row_per_point_sorted_by_date(monkeypatch, fixture_dir):
    at = make_app(monkeypatch, fixture_dir, "timeline", lang="en")
    table = at.dataframe[0].value
    # Every fixture point names two actors: before, each point came twice (once per lane).
    assert table["Date"].tolist() == ["2023-09", "2024", "2024-06-18"]
    assert table["Precision"].tolist() == ["month", "year", "day"]
    assert table["Actors"].tolist() == ["Kim Jong Un, Russia", "Seoul, Kim Jong Un", "Vladimir Putin, North Korea"]
    assert table["As written"].tolist() == ["سبتمبر 2023", "عام 2024", "اليوم"]
    assert table["Passage"].tolist() == [f"http://localhost:8501/passages?passage=d{d}%3Ap{p}&lang=en" for d, p in ((1, 1), (2, 0), (1, 0))]
    assert "3 timeline points, sorted by date." in captions(at)
    ar = make_app(monkeypatch, fixture_dir, "timeline", lang="ar").dataframe[0].value
    assert ar["الفاعلون"].tolist()[0] == "كيم جونغ أون، روسيا"
    assert ar["الدقة"].tolist() == ["شهر", "سنة", "يوم"]


def test_event_dates_from_the_url_cut_the_timeline_and_go_back_to_the_url(monkeypatch, fixture_dir):
    at = make_app(monkeypatch, fixture_dir, "timeline", lang="en", event_from="2024-01-01")
    widget = at.date_input(key="timeline_event_dates")
    # The widget spans the dataset's dates: September 2023 to the end of the year 2024.
    assert widget.value == (dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    assert at.dataframe[0].value["Date"].tolist() == ["2024", "2024-06-18"]
    assert chart_dates(at) == {"2024", "2024-06-18"}
    assert sentence(at) == "Showing all 6 passages from 3 documents. Timeline points dated on or after 2024-01-01."
    assert at.query_params["event_from"] in (["2024-01-01"], "2024-01-01")

    widget.set_value((dt.date(2023, 9, 1), dt.date(2023, 12, 31))).run()
    assert not at.exception
    assert at.dataframe[0].value["Date"].tolist() == ["2023-09"]
    assert chart_dates(at) == {"2023-09"}
    # The first day is the dataset's first: only the end filters.
    assert "event_from" not in at.query_params
    assert at.query_params["event_to"] in (["2023-12-31"], "2023-12-31")
    assert sentence(at).endswith("Timeline points dated on or before 2023-12-31.")

    # Other pages keep the range in the URL; their passages are not cut by it.
    at.switch_page("views/passages.py").run()
    assert at.query_params["event_to"] in (["2023-12-31"], "2023-12-31")
    assert sentence(at).startswith("Showing all 6 passages from 3 documents.")

    # "Clear all filters" clears the event dates too.
    at.button(key="filter_reset").click().run()
    assert "event_to" not in at.query_params
    assert sentence(at) == "Showing all 6 passages from 3 documents."
    at.switch_page("views/timeline.py").run()
    assert at.dataframe[0].value["Date"].tolist() == ["2023-09", "2024", "2024-06-18"]
    assert at.date_input(key="timeline_event_dates").value == (dt.date(2023, 9, 1), dt.date(2024, 12, 31))


# The fixture's articles are from 2023-01 to 2024-06; 100 timeline points with a long tail: one in
# 1100, one in 1950, 94 days from March 2024, two in March 2025 and two in 2050.
BULK_DAYS = [f"2024-{m:02d}-{d:02d}" for m in range(3, 9) for d in range(4, 20)][:94]
LONG_TAIL = [("1100", "year"), ("1950-05", "month")] + [(d, "day") for d in BULK_DAYS] + [
    ("2025-03", "month"), ("2025-03", "month"), ("2050", "year"), ("2050", "year")]


@pytest.fixture
def long_tail_dir(fixture_dir) -> Path:
    path = fixture_dir / "timeline.parquet"
    base = pd.read_parquet(path).iloc[[0] * len(LONG_TAIL)].reset_index(drop=True)
    base["date"] = [d for d, _ in LONG_TAIL]
    base["precision"] = [p for _, p in LONG_TAIL]
    pq.write_table(pa.Table.from_pandas(base, schema=TABLES["timeline"].arrow(), preserve_index=False), path)
    return fixture_dir


@pytest.mark.parametrize("lang, reverse", [("en", False), ("ar", True)])
def test_long_tailed_timeline_opens_on_the_window_and_shows_all_on_request(monkeypatch, long_tail_dir, lang, reverse):
    at = make_app(monkeypatch, long_tail_dir, "timeline", lang=lang)
    # 80 points hold from 2024-03-04 to 2024-07-19; the articles' months (2023-01 to 2024-06) are added.
    window = [{"year": 2023, "month": 1, "date": 1}, {"year": 2024, "month": 8, "date": 1}]
    # Both layers (bars for months and years, dots for days) share the window.
    assert x_scales(chart_spec(at)) == [{"domain": window, "reverse": reverse}] * 2
    if lang == "en":
        assert captions(at)[0] == ("Showing 2023-01 → 2024-07: 80 of 100 points; 2 earlier and 18 later lie outside. "
                                   "Drag to pan, scroll to zoom, double-click to reset.")
        assert at.toggle(key="timeline_show_all").label == "Show all 100 points (1100 → 2050)"
    assert [p["name"] for p in chart_spec(at)["params"]] == ["point", "zoom"]
    # The table lists every point, not only those in the window.
    assert len(at.dataframe[0].value) == 100

    at.toggle(key="timeline_show_all").set_value(True).run()
    everything = [{"year": 1100, "month": 1, "date": 1}, {"year": 2051, "month": 1, "date": 1}]
    assert x_scales(chart_spec(at)) == [{"domain": everything, "reverse": reverse}] * 2
    if lang == "en":
        assert captions(at)[0] == "Showing all 100 points (1100 → 2050). Drag to pan, scroll to zoom, double-click to reset."


def test_overview_time_span_is_short_with_the_full_range_under_it(monkeypatch, fixture_dir):
    at = make_app(monkeypatch, fixture_dir, "overview", lang="en")
    assert {m.label: m.value for m in at.metric}["Time span"] == "2023–2024"
    assert captions(at)[:2] == ["3 articles; wire copies and syndicated versions of one story count once.",
                                "2023-01-05 → 2024-06-19"]
    # In Arabic both are isolated left to right: unisolated, the line would show "2024–2023".
    ar = make_app(monkeypatch, fixture_dir, "overview", lang="ar")
    assert {m.label: m.value for m in ar.metric}["المدى الزمني"] == "\u20662023–2024\u2069"
    assert captions(ar)[:2] == ["عدد المقالات: 3؛ نسخ الوكالات والنسخ المعاد نشرها من القصة الواحدة تُحتسب مرة واحدة.",
                                "\u20662023-01-05 → 2024-06-19\u2069"]


def test_arabic_window_caption_keeps_its_dates_left_to_right(monkeypatch, long_tail_dir):
    at = make_app(monkeypatch, long_tail_dir, "timeline", lang="ar")
    assert captions(at)[0].startswith("المعروض \u20662023-01 → 2024-07\u2069: 80 من 100 نقطة")
    assert at.toggle(key="timeline_show_all").label == "عرض كل النقاط (100) من \u20661100 → 2050\u2069"
