"""Timeline: dated events in actor or topic lanes; selecting a point shows its passage.

The chart opens on the window where the points are (``time_window.timeline_window``): dates
run from Hijri-dated history to targets decades ahead, and an axis over all of them would
squeeze the bulk into a few pixels. The points outside are counted under the chart and one
toggle away; drag and the mouse wheel pan and zoom. The event-date filter (dates the articles
speak of, not their publication) lives here, and the app keeps it in the URL with the others.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from dashboard import charts, data, time_window
from dashboard.filters import Filters, article_links, passage_links
from dashboard.i18n import t, tn
from dashboard.views.common import (
    EVENT_DATES_KEY,
    EVENT_DATES_WIDGET,
    MAX_TABLE_ROWS,
    Context,
    export_chart,
    link_column,
    ltr_in,
    nothing,
    render_passages,
    require_context,
    show_table,
)
from dashboard.views.fact_tables import rule_column, rule_labels

MAX_LANES = 30  # busiest lanes drawn; the rest would not be readable anyway
MAX_POINTS = 5000  # rows embedded in the chart spec
K_SHOW_ALL = "timeline_show_all"


def lane_rows(ctx: Context, lanes: str, window: time_window.TimeWindow | None) -> pd.DataFrame:
    """Timeline rows of the view, one per lane, in the busiest lanes (the chosen actors' lanes first).

    DuckDB counts the lanes and cuts the rows (``query.timeline_lane_rows``, rows in ``window``
    kept first); only the drawn rows come to pandas, which adds the lanes' display names.
    """
    chosen = tuple(ctx.filters.actors) if lanes == "actor" else ()
    prefer = None
    if window is not None:
        prefer = (window.start.strftime("%Y-%m-%d"), (window.end - pd.Timedelta(days=1)).strftime("%Y-%m-%d"))
    rows = data.timeline_lane_rows(
        ctx.folder, ctx.version, ctx.filters, lanes, chosen, MAX_LANES, MAX_POINTS, prefer
    )
    rows = rows.copy()
    named = data.entities_of(ctx.folder, ctx.version, rows["lane_id"]) if lanes == "actor" else None
    rows["lane"] = charts.lane_labels(rows["lane_id"], named, lanes, ctx.lang,
                                      ctx.topic_names)
    return rows


def event_bounds(ctx: Context) -> tuple[dt.date, dt.date] | None:
    """First and last day of every timeline date of the dataset (the event filter's range)."""
    window = time_window.timeline_window(data.timeline_date_counts(ctx.folder, ctx.version, Filters()), full=True)
    if window is None:
        return None
    return window.first.date(), (window.last - pd.Timedelta(days=1)).date()


def _event_range(chosen, lo: dt.date, hi: dt.date) -> tuple[str | None, str | None]:
    """The widget's dates as (event_from, event_to); a bound at the dataset's edge does not filter."""
    chosen = tuple(chosen or ())
    start = chosen[0].isoformat() if len(chosen) >= 1 and chosen[0] > lo else None
    end = chosen[1].isoformat() if len(chosen) == 2 and chosen[1] < hi else None
    return start, end


def _store_event_range(lo: dt.date, hi: dt.date) -> None:
    # A callback runs before the rerun, so the frame builds its Filters (and the URL) from the new range.
    st.session_state[EVENT_DATES_KEY] = _event_range(st.session_state.get(EVENT_DATES_WIDGET), lo, hi)


def event_filter(ctx: Context, bounds: tuple[dt.date, dt.date]) -> None:
    lo, hi = bounds
    f = ctx.filters
    ss = st.session_state
    if _event_range(ss.get(EVENT_DATES_WIDGET), lo, hi) != (f.event_from, f.event_to) or EVENT_DATES_WIDGET not in ss:
        start = min(max(dt.date.fromisoformat(f.event_from), lo), hi) if f.event_from else lo
        end = max(min(dt.date.fromisoformat(f.event_to), hi), lo) if f.event_to else hi
        ss[EVENT_DATES_WIDGET] = (start, max(start, end))
    st.date_input(
        t("filter_event_dates", ctx.lang), min_value=lo, max_value=hi, key=EVENT_DATES_WIDGET, format="YYYY-MM-DD",
        help=t("filter_event_dates_help", ctx.lang), on_change=_store_event_range, args=(lo, hi),
    )


def render(ctx: Context) -> None:
    lang = ctx.lang
    if nothing(ctx):
        return
    bounds = event_bounds(ctx)
    cols = st.columns(2)
    with cols[0]:
        lanes = st.radio(
            t("timeline_lanes", lang),
            ["actor", "topic"],
            key="timeline_lanes",
            horizontal=True,
            format_func=lambda x: t(f"lanes_{x}", lang),
        )
    if bounds is not None:
        with cols[1]:
            event_filter(ctx, bounds)

    counts = data.timeline_date_counts(ctx.folder, ctx.version, ctx.filters)
    full = time_window.timeline_window(counts, full=True)
    if full is None:
        st.info(t("empty_timeline", lang))
        return
    # With event dates chosen the analyst has said where to look: every kept point is shown.
    window = full
    if not ctx.filters.has_event_dates:
        fitted = time_window.timeline_window(counts, data.publication_months(ctx.folder, ctx.version, ctx.filters))
        if fitted.outside and not st.session_state.get(K_SHOW_ALL):
            window = fitted
        if fitted.outside:
            st.toggle(t("timeline_show_all", lang, total=f"{full.total:,}", extent=ltr_in(full.extent_label(), lang)),
                      key=K_SHOW_ALL)
    if window is full:
        st.caption(t("timeline_window_all", lang, total=f"{full.total:,}", extent=ltr_in(full.extent_label(), lang)))
    else:
        st.caption(t("timeline_window", lang, window=ltr_in(window.label(), lang), inside=f"{window.inside:,}",
                     total=f"{window.total:,}", before=f"{window.before:,}", after=f"{window.after:,}"))

    rows = lane_rows(ctx, lanes, window)
    table, total = points_table(ctx)
    if len(rows) >= MAX_POINTS:  # the query cut the rows: say how many points the chart holds
        drawn = len(rows[["doc_id", "start", "end"]].drop_duplicates())
        st.caption(t("timeline_drawn", lang, drawn=f"{drawn:,}", lanes=MAX_LANES, total=f"{total:,}"))
    chart = charts.timeline_chart(rows, lanes, lang, window)
    st.caption(t("timeline_select_hint", lang))
    # Only the point selection reruns the page: zooming and panning stay in the browser.
    event = st.altair_chart(chart, key="timeline_chart", on_select="rerun", selection_mode=[charts.TIMELINE_SELECTION],
                            width="stretch")
    export_chart(chart, "timeline", "timeline_chart_export", lang)

    points = event.selection.get(charts.TIMELINE_SELECTION) or []
    selected = [p.get("passage_id") for p in points if p.get("passage_id")]
    if selected:
        st.subheader(t("selected_passage", lang))
        render_passages(ctx, data.passages_by_id(ctx.folder, ctx.version, tuple(selected[:5])))

    shown = min(len(table), MAX_TABLE_ROWS)
    if total > shown:
        st.caption(tn("timeline_table_some", total, lang, shown=f"{shown:,}"))
    else:
        st.caption(tn("timeline_table_all", total, lang))
    links = {t("col_link", lang): link_column(lang), t("col_article", lang): link_column(lang, "col_article", "open_article"),
             t("col_rule", lang): rule_column(lang)}
    show_table(table, links, "timeline_table", lang, "timeline")


def points_table(ctx: Context) -> tuple[pd.DataFrame, int]:
    """One row per kept timeline point, by date (at most MAX_TABLE_ROWS), and how many are kept."""
    lang = ctx.lang
    rows, total = data.timeline_points(ctx.folder, ctx.version, ctx.filters, MAX_TABLE_ROWS)
    precision = charts.ui_strings(lang)
    named = data.entities_of(ctx.folder, ctx.version, (a for ids in rows["actors"] if ids is not None for a in ids))
    table = pd.DataFrame(
        {
            t("col_date", lang): rows["date"],
            t("col_precision", lang): rows["precision"].map(lambda p: precision.get(p, p)),
            t("col_text", lang): rows["text"],
            t("col_event", lang): rows["event"],
            t("col_actors", lang): charts.actor_names_joined(rows["actors"], named, lang),
            t("col_passage_id", lang): rows["passage_id"],
            t("col_link", lang): passage_links(rows["passage_id"], lang),
            t("col_article", lang): article_links(rows["doc_id"], rows["passage_id"], lang),
            t("col_rule", lang): rule_labels(rows, lang),
        }
    )
    return table, total


render(require_context())
