"""Comparing series over time: what the compare page draws, as pure functions (pandas only).

A *series* is an actor (an entity id) or a text query. Each one picks passages like the sidebar
would with that actor or that text (``Series.filters``: the sidebar's dates, outlets, topics,
entity types and documents still apply; its own actors and text are replaced by the series).

Media Cloud's attention chart: for each period, a series' *articles* (distinct articles with at
least one kept passage) and its *share*, those articles out of every article published in that
period in the chosen outlets, documents and dates (the collection: topics and entity types pick
passages, not the collection). ``query.day_outlet_counts`` and ``query.collection_counts`` bring
the counts per (publication day, outlet) from DuckDB; everything here adds them up by period
(an article has one day and one outlet, so sums of per-day counts are exact).

Series travel in the URL as repeated ``cmp`` values: ``cmp=actor:<entity id>``, ``cmp=q:<text>``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

import pandas as pd

from dashboard import bidi
from dashboard.filters import Filters
from data_pipeline.lang.ar.normalize import normalize_key

MAX_SERIES = 6
URL_KEY = "cmp"
URL_PERIOD = "cmp_period"  # day, week or month; absent: chosen from the span
URL_MEASURE = "cmp_measure"  # "share"; absent: article counts
URL_OUTLETS = "cmp_outlets"  # position (1-based) of the series whose outlets are compared; absent: the first
ACTOR, QUERY = "actor", "q"
KINDS = (ACTOR, QUERY)
PERIODS = ("day", "week", "month")
MEASURES = ("articles", "share")
# The period chosen from the span shown: days up to two months, weeks up to a year and a half.
DAY_SPAN_MAX = 62
WEEK_SPAN_MAX = 548
NO_OUTLET = ""  # the outlet of an article that names none


@dataclass(frozen=True)
class Series:
    """One compared series: ``kind`` is ``"actor"`` (``value`` an entity id) or ``"q"`` (a text query)."""

    kind: str
    value: str

    @property
    def spec(self) -> str:
        """Its URL form, ``actor:<id>`` or ``q:<text>``."""
        return f"{self.kind}:{self.value}"

    @classmethod
    def parse(cls, spec: object) -> Series | None:
        """The series a URL value names, None when it names none (unknown kind, empty value, or a
        query with nothing to search once normalised: it would match every passage)."""
        if not isinstance(spec, str) or ":" not in spec:
            return None
        kind, _, value = spec.partition(":")
        value = value.strip()
        if kind not in KINDS or not value:
            return None
        if kind == QUERY and not normalize_key(value):
            return None
        return cls(kind, value)

    def filters(self, base: Filters) -> Filters:
        """The sidebar's filters with this series in place of its actors and text (event dates,
        which cut timeline rows only, are dropped)."""
        base = base.passage_filters
        if self.kind == ACTOR:
            return replace(base, actors=(self.value,), actor_mode="any", text="")
        return replace(base, actors=(), actor_mode="any", text=self.value)


def parse_series(specs: Iterable[object]) -> tuple[Series, ...]:
    """The series named by ``specs`` (URL values), in order, without repeats, at most MAX_SERIES."""
    out: list[Series] = []
    for spec in specs:
        series = Series.parse(spec)
        if series is not None and series not in out:
            out.append(series)
    return tuple(out[:MAX_SERIES])


def shared_filters(base: Filters) -> Filters:
    """The sidebar's filters every series keeps (its actors and text are replaced by each series'):
    what a download's name reports beside the series compared."""
    return replace(base.passage_filters, actors=(), actor_mode="any", text="")


def collection_filters(base: Filters) -> Filters:
    """What picks the articles a share is taken of: the outlets, documents and publication dates only."""
    return Filters(outlets=base.outlets, docs=base.docs, date_from=base.date_from, date_to=base.date_to)


def count_unit(counts: Mapping[int, pd.DataFrame], collection: pd.DataFrame,
               unit: str) -> tuple[dict[int, pd.DataFrame], pd.DataFrame]:
    """``counts`` and ``collection`` with their ``articles`` column counting ``unit``: "articles" as
    they are, or "stories" (``query.day_outlet_counts``' ``stories``: a story counts once, on the day
    and at the outlet of its first copy), so the attention and totals below count either."""
    if unit == "articles":
        return dict(counts), collection
    if unit != "stories":
        raise ValueError(f"unit must be 'articles' or 'stories', not {unit!r}")
    return ({n: c.assign(articles=c["stories"]) for n, c in counts.items()},
            collection.assign(articles=collection["stories"]))


def series_labels(series: Sequence[Series], actor_names: Mapping[str, str], lang: str) -> list[str]:
    """The name each series goes by in ``lang``: an actor's name (its id when it has none), a query in
    quotation marks. Names come from articles and queries from the URL: bidi controls are dropped.
    Two series that would read the same get their position after the name."""
    quote = ("«", "»") if lang == "ar" else ("“", "”")
    labels = []
    for s in series:
        if s.kind == ACTOR:
            labels.append(bidi.strip(actor_names.get(s.value) or "") or bidi.strip(s.value) or s.value)
        else:
            labels.append(f"{quote[0]}{bidi.strip(s.value)}{quote[1]}")
    seen = pd.Series(labels).duplicated(keep=False)
    return [f"{label} ({n})" if dup else label for n, (label, dup) in enumerate(zip(labels, seen), start=1)]


# ---------------------------------------------------------------- periods


def auto_period(first_day, last_day) -> str:
    """The period that suits a span: ``day`` up to two months, ``week`` up to a year and a half, else ``month``."""
    if first_day is None or last_day is None or pd.isna(first_day) or pd.isna(last_day):
        return "month"
    days = (pd.Timestamp(last_day) - pd.Timestamp(first_day)).days
    if days <= DAY_SPAN_MAX:
        return "day"
    return "week" if days <= WEEK_SPAN_MAX else "month"


def period_start(days: pd.Series, period: str) -> pd.Series:
    """The first day (ISO) of the ``period`` (day, week from Monday, month) holding each ISO day; None for none."""
    if period not in PERIODS:
        raise ValueError(f"unknown period {period!r}; expected one of {PERIODS}")
    dates = pd.to_datetime(days.astype("string").str.slice(0, 10), format="%Y-%m-%d", errors="coerce")
    if period == "week":
        dates = dates - pd.to_timedelta(dates.dt.day_of_week, unit="D")
    elif period == "month":
        dates = dates - pd.to_timedelta(dates.dt.day - 1, unit="D")
    return dates.dt.strftime("%Y-%m-%d").astype(object).where(dates.notna(), None)


def period_end(start: pd.Series, period: str) -> pd.Series:
    """The day after the last day of each period starting on ``start`` (ISO)."""
    dates = pd.to_datetime(start, format="%Y-%m-%d")
    step = {"day": pd.DateOffset(days=1), "week": pd.DateOffset(weeks=1), "month": pd.DateOffset(months=1)}[period]
    return (dates + step).dt.strftime("%Y-%m-%d")


def monthly_totals(collection: pd.DataFrame) -> pd.DataFrame:
    """The collection's dated articles per month (period YYYY-MM, documents), for ``time_window``."""
    dated = collection[collection["day"].notna()]
    months = dated["day"].astype(str).str.slice(0, 7)
    out = dated.groupby(months)["articles"].sum().rename("documents").reset_index()
    return out.rename(columns={"day": "period"})


# ---------------------------------------------------------------- attention over time


ATTENTION_COLUMNS = ["position", "series", "period", "articles", "passages", "total", "share"]


def attention(
    counts: Mapping[int, pd.DataFrame], collection: pd.DataFrame, labels: Sequence[str], period: str
) -> pd.DataFrame:
    """One row per (series, period) of the collection: the series' articles and passages published in
    that period, every article of the collection published then (``total``) and ``share`` =
    articles / total. ``counts`` maps a series' position (1-based, its colour) to its
    ``query.day_outlet_counts``; ``collection`` is ``query.collection_counts``. Every period where the
    collection has an article is a row (a series absent then counts 0); undated articles are left out."""
    totals = collection[collection["day"].notna()].assign(period=lambda d: period_start(d["day"], period))
    totals = totals.groupby("period", as_index=False)["articles"].sum().rename(columns={"articles": "total"})
    rows = []
    for position, label in enumerate(labels, start=1):
        c = counts.get(position)
        if c is None:
            continue
        c = c[c["day"].notna()].assign(period=lambda d: period_start(d["day"], period))
        per = c.groupby("period")[["articles", "passages"]].sum()
        frame = totals.join(per, on="period")
        frame[["articles", "passages"]] = frame[["articles", "passages"]].fillna(0).astype("int64")
        rows.append(frame.assign(position=position, series=label))
    if not rows:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in ATTENTION_COLUMNS})
    out = pd.concat(rows, ignore_index=True)
    out["total"] = out["total"].astype("int64")
    out["share"] = out["articles"] / out["total"]
    return out.sort_values(["position", "period"], ignore_index=True)[ATTENTION_COLUMNS]


TOTAL_COLUMNS = ["position", "series", "kind", "articles", "passages", "share", "first", "last"]


def series_totals(counts: Mapping[int, pd.DataFrame], collection: pd.DataFrame, series: Sequence[Series],
                  labels: Sequence[str]) -> pd.DataFrame:
    """One row per series: its articles and passages in all (undated ones included), its share of
    the collection's articles, the first and last day it was published on."""
    everything = int(collection["articles"].sum())
    rows = []
    for position, (s, label) in enumerate(zip(series, labels), start=1):
        c = counts.get(position)
        if c is None:
            c = pd.DataFrame({"day": [], "articles": [], "passages": []})
        days = c["day"].dropna()
        articles = int(c["articles"].sum())
        rows.append({
            "position": position, "series": label, "kind": s.kind, "articles": articles,
            "passages": int(c["passages"].sum()), "share": articles / everything if everything else 0.0,
            "first": str(days.min())[:10] if len(days) else None, "last": str(days.max())[:10] if len(days) else None,
        })
    return pd.DataFrame(rows, columns=TOTAL_COLUMNS)


# ---------------------------------------------------------------- outlets side by side


OUTLET_COLUMNS = ["outlet", "articles", "passages", "total", "share"]


def outlet_shares(counts: pd.DataFrame, collection: pd.DataFrame) -> pd.DataFrame:
    """One series per outlet: its articles and passages there, the outlet's articles in all
    (``total``, dated or not) and ``share`` = articles / total; every outlet of the collection, the
    highest share first (ties: the bigger outlet, then the name). An article without an outlet
    counts under ``NO_OUTLET``."""
    totals = collection.groupby("source")["articles"].sum().rename("total")
    per = counts.groupby("source")[["articles", "passages"]].sum()
    out = per.reindex(totals.index).fillna(0).astype("int64").join(totals).reset_index()
    out = out.rename(columns={"source": "outlet"})
    out = out[out["total"] > 0]
    out["share"] = out["articles"] / out["total"]
    out = out.sort_values(["share", "total", "outlet"], ascending=[False, False, True], ignore_index=True)
    return out[OUTLET_COLUMNS]


def outlet_periods(counts: pd.DataFrame, collection: pd.DataFrame, period: str, outlets: Sequence[str]) -> pd.DataFrame:
    """One row per (outlet, period) where the outlet published: outlet, period, articles, total, share;
    ``outlets`` only (in that order: their order is kept by the caller's chart)."""
    dated = collection[collection["day"].notna() & collection["source"].isin(outlets)]
    totals = dated.assign(period=period_start(dated["day"], period)).groupby(["source", "period"])["articles"].sum()
    c = counts[counts["day"].notna() & counts["source"].isin(outlets)]
    per = c.assign(period=period_start(c["day"], period)).groupby(["source", "period"])["articles"].sum()
    out = pd.DataFrame({"total": totals}).join(per.rename("articles")).fillna(0).reset_index()
    out = out.rename(columns={"source": "outlet"})
    out[["articles", "total"]] = out[["articles", "total"]].astype("int64")
    out["share"] = out["articles"] / out["total"]
    return out[["outlet", "period", "articles", "total", "share"]]
