"""The window a long-tailed time axis opens on (dashboard.time_window): exact bounds and counts."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard import charts
from dashboard.time_window import full_window, period_spans, publication_window, robust_window, timeline_window

TS = pd.Timestamp

# 100 timeline points with the shape of the corpus: a Hijri-dated one (1100), one in 1950, the bulk
# on days of 2018, two in a month of 2019 and two targets in 2050.
BULK_DAYS = [f"2018-{m:02d}-{d:02d}" for m in range(3, 9) for d in range(4, 20)][:94]
LONG_TAIL = pd.DataFrame(
    {
        "date": ["1100", "1950-05"] + BULK_DAYS + ["2019-03", "2019-03", "2050", "2050"],
        "precision": ["year", "month"] + ["day"] * 94 + ["month", "month", "year", "year"],
    }
)


def spans(frame: pd.DataFrame) -> pd.DataFrame:
    return charts.timeline_spans(frame)


def test_long_tail_window_is_the_shortest_stretch_holding_80_percent_and_counts_the_rest():
    s = spans(LONG_TAIL)
    w = robust_window(s["x_start"], s["x_end"])
    # 80 points, 16 days a month: the shortest stretch runs from 2018-03-04 to 2018-07-19 (137 days;
    # one point later it would end on 2018-08-04), widened to whole months.
    assert (w.start, w.end, w.unit) == (TS("2018-03-01"), TS("2018-08-01"), "month")
    # Before: 1100 and 1950-05; after: the 14 August days, 2019-03 twice, 2050 twice.
    assert (w.total, w.before, w.after, w.inside) == (100, 2, 18, 80)
    assert (w.first, w.last) == (TS("1100-01-01"), TS("2051-01-01"))
    assert w.label() == "2018-03 → 2018-07"
    assert w.extent_label() == "1100 → 2050"


def test_window_always_holds_the_publication_span_widened_to_months():
    s = spans(LONG_TAIL)
    w = robust_window(s["x_start"], s["x_end"], include=("2018-01-15", "2018-08-02"))
    assert (w.start, w.end, w.unit) == (TS("2018-01-01"), TS("2018-09-01"), "month")
    assert (w.before, w.after) == (2, 4)


def test_window_longer_than_three_years_is_widened_to_whole_years():
    s = spans(LONG_TAIL)
    w = robust_window(s["x_start"], s["x_end"], include=("2012-10-03", "2018-06-30"))
    assert (w.start, w.end, w.unit) == (TS("2012-01-01"), TS("2019-01-01"), "year")
    assert (w.before, w.after) == (2, 4)
    assert w.label() == "2012 → 2018"


def test_weights_count_as_that_many_points():
    counts = LONG_TAIL.value_counts(["date", "precision"]).rename("points").reset_index()
    assert len(counts) == 98  # the two 2019-03 and the two 2050 collapse into one row each
    s = spans(counts)
    weighted = robust_window(s["x_start"], s["x_end"], s["points"])
    one_each = robust_window(spans(LONG_TAIL)["x_start"], spans(LONG_TAIL)["x_end"])
    assert weighted == one_each


def test_a_year_that_overlaps_the_window_is_inside_not_before():
    # 50 days in 2018-06 and a year date "2018": the window starts at 2018-06, the year overlaps it.
    frame = pd.DataFrame({"date": ["2018"] + [f"2018-06-{d:02d}" for d in range(1, 29)] * 2,
                          "precision": ["year"] + ["day"] * 56})
    s = spans(frame)
    w = robust_window(s["x_start"], s["x_end"])
    # 46 points are needed: June 1-23; the window is June, which the year 2018 overlaps.
    assert (w.start, w.end) == (TS("2018-06-01"), TS("2018-07-01"))
    assert (w.total, w.before, w.after) == (57, 0, 0)


def test_full_window_holds_every_point():
    s = spans(LONG_TAIL)
    w = full_window(s["x_start"], s["x_end"])
    assert (w.start, w.end, w.unit, w.outside) == (TS("1100-01-01"), TS("2051-01-01"), "year", 0)
    assert w.label() == "1100 → 2050"


def test_no_points_no_window():
    assert robust_window([], []) is None
    assert timeline_window(pd.DataFrame(columns=["date", "precision", "points"])) is None
    assert publication_window(pd.DataFrame(columns=["period", "documents"])) is None


def test_timeline_window_holds_the_robust_publication_months():
    counts = LONG_TAIL.value_counts(["date", "precision"]).rename("points").reset_index()
    # One archive article from 2012 and 500 from 2018-01 to 2018-05: 491 (98%) are needed, the
    # five months of 2018 hold them, the 2012 one is left out.
    months = pd.DataFrame({"period": ["2012-10"] + [f"2018-{m:02d}" for m in range(1, 6)],
                           "documents": [1] + [100] * 5})
    pub = publication_window(months)
    assert (pub.start, pub.end, pub.before, pub.after) == (TS("2018-01-01"), TS("2018-06-01"), 1, 0)
    w = timeline_window(counts, months)
    assert (w.start, w.end, w.before, w.after) == (TS("2018-01-01"), TS("2018-08-01"), 2, 18)
    everything = timeline_window(counts, months, full=True)
    assert (everything.start, everything.end, everything.outside) == (TS("1100-01-01"), TS("2051-01-01"), 0)


@pytest.mark.parametrize(
    "period, start, end",
    [("2018", "2018-01-01", "2019-01-01"), ("2018-12", "2018-12-01", "2019-01-01"), ("2018-02-28", "2018-02-28", "2018-03-01")],
)
def test_period_spans_cover_the_whole_period(period, start, end):
    s, e = period_spans(pd.Series([period]))
    assert (s.iloc[0], e.iloc[0]) == (TS(start), TS(end))


def test_publication_window_keeps_all_but_two_percent():
    # 64 archive articles over 2012-2017 and 4,000 in 2018: the archive is cut, every 2018 month kept.
    months = pd.DataFrame({"period": [f"{y}-06" for y in range(2012, 2018)] + [f"2018-{m:02d}" for m in range(1, 11)],
                           "documents": [10, 10, 10, 10, 10, 14] + [400] * 10})
    pub = publication_window(months)
    assert (pub.start, pub.end, pub.before, pub.after) == (TS("2018-01-01"), TS("2018-11-01"), 64, 0)
    assert pub.label() == "2018-01 → 2018-10"
