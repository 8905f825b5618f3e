"""Which stretch of time a chart shows first, when its dates have a long tail (pure: pandas only).

Timeline dates run from Hijri-dated history (the 12th century) to targets such as 2050,
while most of them sit within a few years of the articles; topics over time can have a few
old articles years before the rest. An axis from the first to the last date squeezes the
bulk into a few pixels. ``robust_window`` fits the bulk instead: it drops at most ``LOW``
of the points at the early end and ``1 - HIGH`` at the late end, always keeps a span the
caller names (the articles' publication dates), and widens the result to whole months or
whole years. The points it leaves out are counted, so the page can say so and offer them
back (zoom and pan, or "show all").

Every date is a calendar span: ``start`` is its first day and ``end`` the day after its last
day (a month date covers the month), as ``charts.timeline_spans`` computes them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

LOW, HIGH = 0.02, 0.98  # the share of points that may fall before / not after the window
# A window longer than this is widened to whole years (ticks by year), a shorter one to months.
YEARS_OVER_DAYS = 3 * 365


@dataclass(frozen=True)
class TimeWindow:
    """A window on the time axis and how many points lie wholly outside it.

    ``start`` is the first day shown, ``end`` the day after the last day shown (exclusive),
    both at the start of a ``unit`` ("month" or "year"). ``before`` counts points that end on or
    before ``start``, ``after`` those that begin on or after ``end`` (a point that overlaps the
    window is inside). ``first``/``last`` are the full extent (first start, last end) of all points.
    """

    start: pd.Timestamp
    end: pd.Timestamp
    unit: str
    total: int
    before: int
    after: int
    first: pd.Timestamp
    last: pd.Timestamp

    @property
    def outside(self) -> int:
        return self.before + self.after

    @property
    def inside(self) -> int:
        return self.total - self.outside

    def label(self) -> str:
        """``2016 → 2019`` or ``2018-01 → 2018-06``: the first and last unit shown, inclusive."""
        fmt = "%Y" if self.unit == "year" else "%Y-%m"
        last = self.end - pd.Timedelta(days=1)
        a, b = self.start.strftime(fmt), last.strftime(fmt)
        return a if a == b else f"{a} → {b}"

    def extent_label(self) -> str:
        """The full extent of the points, by year (``1100 → 2050``)."""
        a, b = self.first.strftime("%Y"), (self.last - pd.Timedelta(days=1)).strftime("%Y")
        return a if a == b else f"{a} → {b}"


def floor_unit(ts: pd.Timestamp, unit: str) -> pd.Timestamp:
    """The first day of the month or year holding ``ts``."""
    return pd.Timestamp(year=ts.year, month=1 if unit == "year" else ts.month, day=1)


def ceil_unit(ts: pd.Timestamp, unit: str) -> pd.Timestamp:
    """``ts`` itself when it starts a month / year, else the start of the next one."""
    floor = floor_unit(ts, unit)
    if ts == floor:
        return floor
    return floor + (pd.DateOffset(years=1) if unit == "year" else pd.DateOffset(months=1))


def _unit(start: pd.Timestamp, end: pd.Timestamp) -> str:
    return "year" if (end - start).days > YEARS_OVER_DAYS else "month"


def _timestamps(values) -> pd.Series:
    return pd.Series(pd.to_datetime(pd.Series(values), errors="coerce")).reset_index(drop=True)


def robust_window(
    start,
    end,
    weight=None,
    *,
    include: tuple | None = None,
    low: float = LOW,
    high: float = HIGH,
) -> TimeWindow | None:
    """The window that holds the bulk of the spans ``[start, end)`` (None when there is none).

    ``weight``: how many points each span stands for (default 1 each), so a table of
    (date, count) works as well as one row per point. The window begins at the start of the
    point that follows the first ``floor(low * total)`` points in start order, and ends at the
    end of the point that precedes the last ``floor((1 - high) * total)`` points in end order;
    it is then stretched to hold ``include`` (a (first day, last day) pair, inclusive, e.g. the
    publication dates of the articles; either may be None) and widened to whole years when it
    spans more than three years, to whole months otherwise.
    """
    s, e = _timestamps(start), _timestamps(end)
    w = pd.Series(np.ones(len(s), dtype=np.int64) if weight is None else np.asarray(weight, dtype=np.int64))
    ok = s.notna() & e.notna() & (w > 0)
    s, e, w = s[ok].reset_index(drop=True), e[ok].reset_index(drop=True), w[ok].reset_index(drop=True)
    if s.empty:
        return None
    total = int(w.sum())
    # How many points each end may leave out (a small epsilon: 0.02 * 50 is 1.0000000000000002).
    drop_low = math.floor(low * total + 1e-9)
    drop_high = math.floor((1 - high) * total + 1e-9)
    by_start = s.sort_values(kind="stable")
    lo = by_start.iloc[int(np.searchsorted(w[by_start.index].cumsum().to_numpy(), drop_low, side="right"))]
    by_end = e.sort_values(ascending=False, kind="stable")
    hi = by_end.iloc[int(np.searchsorted(w[by_end.index].cumsum().to_numpy(), drop_high, side="right"))]
    if include is not None:
        first_day, last_day = (_timestamps([v]).iloc[0] if v is not None else pd.NaT for v in include)
        if pd.notna(first_day):
            lo = min(lo, first_day)
        if pd.notna(last_day):
            hi = max(hi, last_day.normalize() + pd.Timedelta(days=1))
    unit = _unit(lo, hi)
    lo, hi = floor_unit(lo, unit), ceil_unit(hi, unit)
    return TimeWindow(
        start=lo,
        end=hi,
        unit=unit,
        total=total,
        before=int(w[e <= lo].sum()),
        after=int(w[s >= hi].sum()),
        first=s.min(),
        last=e.max(),
    )


def full_window(start, end, weight=None) -> TimeWindow | None:
    """The window holding every span, widened like ``robust_window`` (nothing outside)."""
    return robust_window(start, end, weight, low=0.0, high=1.0)


def period_spans(periods: pd.Series) -> tuple[pd.Series, pd.Series]:
    """(first day, day after the last day) of ``YYYY`` / ``YYYY-MM`` / ``YYYY-MM-DD`` periods."""
    p = periods.astype("string").str.strip()
    n = p.str.len()
    padded = p.where(n != 7, p + "-01").where(n != 4, p + "-01-01")
    start = pd.to_datetime(padded, format="%Y-%m-%d", errors="coerce")
    end = start + pd.Timedelta(days=1)
    end = end.where(n != 7, start + pd.offsets.MonthBegin(1)).where(n != 4, start + pd.offsets.YearBegin(1))
    return start, end


def publication_window(months: pd.DataFrame | None) -> TimeWindow | None:
    """The robust window of the articles' publication months (``period`` YYYY-MM, ``documents``)."""
    if months is None or months.empty:
        return None
    start, end = period_spans(months["period"])
    return robust_window(start, end, months["documents"])


def timeline_window(
    date_counts: pd.DataFrame, publication: pd.DataFrame | None = None, *, full: bool = False
) -> TimeWindow | None:
    """The window a timeline opens on: the robust window of its points (``date``, ``precision``,
    ``points``: one row per distinct date, as ``query.timeline_date_counts``), stretched to hold the
    robust window of the articles' publication months; with ``full``, every point.

    The publication span is taken robustly too: a few articles from years earlier (an archive
    page) would otherwise stretch the window just as far-off dates do.
    """
    if date_counts is None or date_counts.empty:
        return None
    from dashboard.charts import timeline_spans  # charts imports altair: only when asked

    spans = timeline_spans(date_counts)
    weight = spans["points"] if "points" in spans else None
    if full:
        return full_window(spans["x_start"], spans["x_end"], weight)
    pub = publication_window(publication)
    include = None if pub is None else (pub.start, pub.end - pd.Timedelta(days=1))
    return robust_window(spans["x_start"], spans["x_end"], weight, include=include)
