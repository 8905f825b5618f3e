"""Which stretch of time a chart shows first, when its dates have a long tail (pure: pandas only).

Timeline dates run from Hijri-dated history (the 12th century) to targets such as 2050,
while most of them sit within a few years of the articles; topics over time can have a few
old articles years before the rest. An axis from the first to the last date squeezes the
bulk into a few pixels. ``robust_window`` fits the bulk instead: the shortest stretch that
holds ``SHARE`` of the points, stretched to hold a span the caller names (the articles'
publication dates) and widened to whole months or whole years. The points it leaves out are
counted, so the page can say so and offer them back (zoom and pan, or "show all").

Why the densest stretch and not percentiles: on the real corpus (111,047 timeline points) the
2nd-98th percentiles run from 1949 to 2019, because history is a thick tail (16% of the points
fall before 2013), and 2018, with 40% of the points, would still get a seventieth of the axis.
The shortest stretch holding 80% of them is 2013 to 2018. Publication dates are different:
a few archive articles, years before the rest; their window holds 98% of the articles.

Every date is a calendar span: ``start`` is its first day and ``end`` the day after its last
day (a month date covers the month), as ``charts.timeline_spans`` computes them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

SHARE = 0.8  # the share of the timeline points the default window holds at least
# Publication dates have a thin tail (a few archive articles), not a thick one: the window of the
# articles keeps all but 2% of them (0.8 would cut the last four months of the 2018 articles).
PUBLICATION_SHARE = 0.98
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


def robust_window(start, end, weight=None, *, include: tuple | None = None, share: float = SHARE) -> TimeWindow | None:
    """The window that holds the bulk of the spans ``[start, end)`` (None when there is none).

    ``weight``: how many points each span stands for (default 1 each), so a table of
    (date, count) works as well as one row per point. Among the stretches of start dates that
    hold at least ``share`` of the points, the shortest is chosen (the earliest of equal ones);
    the window runs from its first start to the last end of the points starting in it. It is
    then stretched to hold ``include`` (a (first day, last day) pair, inclusive, e.g. the
    publication dates of the articles; either may be None) and widened to whole years when it
    spans more than three years, to whole months otherwise. ``share=1`` holds every point.
    """
    s, e = _timestamps(start), _timestamps(end)
    w = pd.Series(np.ones(len(s), dtype=np.int64) if weight is None else np.asarray(weight, dtype=np.int64))
    ok = s.notna() & e.notna() & (w > 0)
    s, e, w = s[ok].reset_index(drop=True), e[ok].reset_index(drop=True), w[ok].reset_index(drop=True)
    if s.empty:
        return None
    total = int(w.sum())
    order = np.argsort(s.to_numpy(), kind="stable")
    starts, ends, weights = s.to_numpy()[order], e.to_numpy()[order], w.to_numpy()[order]
    cum = np.concatenate([[0], np.cumsum(weights)])
    # For each first point i, the fewest points i..j that hold the share (j = stop - 1); a small
    # epsilon so 0.8 * 5 asks for 4 points, not 4.000000000000001.
    stop = np.searchsorted(cum, cum[:-1] + share * total - 1e-9, side="left")
    first = np.flatnonzero(stop <= len(starts))
    last = np.maximum(stop[first] - 1, first)
    best = int(np.argmin(starts[last] - starts[first]))
    i, j = int(first[best]), int(last[best])
    lo, hi = pd.Timestamp(starts[i]), pd.Timestamp(ends[i : j + 1].max())
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
    return robust_window(start, end, weight, share=1.0)


def period_spans(periods: pd.Series) -> tuple[pd.Series, pd.Series]:
    """(first day, day after the last day) of ``YYYY`` / ``YYYY-MM`` / ``YYYY-MM-DD`` periods."""
    p = periods.astype("string").str.strip()
    n = p.str.len()
    padded = p.where(n != 7, p + "-01").where(n != 4, p + "-01-01")
    start = pd.to_datetime(padded, format="%Y-%m-%d", errors="coerce")
    end = start + pd.Timedelta(days=1)
    end = end.where(n != 7, start + pd.offsets.MonthBegin(1)).where(n != 4, start + pd.offsets.YearBegin(1))
    return start, end


def publication_window(months: pd.DataFrame | None, weight: str = "documents") -> TimeWindow | None:
    """The robust window of publication periods (``period`` YYYY, YYYY-MM or YYYY-MM-DD, and a
    count column ``weight``), holding ``PUBLICATION_SHARE`` of them."""
    if months is None or months.empty:
        return None
    start, end = period_spans(months["period"])
    return robust_window(start, end, months[weight], share=PUBLICATION_SHARE)


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
    weight = spans.get("points")
    if full:
        return full_window(spans["x_start"], spans["x_end"], weight)
    pub = publication_window(publication)
    include = None if pub is None else (pub.start, pub.end - pd.Timedelta(days=1))
    return robust_window(spans["x_start"], spans["x_end"], weight, include=include)
