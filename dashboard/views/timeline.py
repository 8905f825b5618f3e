"""Timeline: dated events in actor or topic lanes; selecting a point shows its passage."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import charts, data
from dashboard.filters import passage_links
from dashboard.i18n import t
from dashboard.views.common import Context, export_chart, link_column, nothing, require_context, show_table
from dashboard.views.common import render_passages

MAX_LANES = 30  # busiest lanes drawn; the rest would not be readable anyway
MAX_POINTS = 5000  # rows embedded in the chart spec


def lane_rows(ctx: Context, lanes: str) -> pd.DataFrame:
    """Timeline rows of the view, one per lane, in the busiest lanes (the chosen actors' lanes first).

    DuckDB counts the lanes and cuts the rows (``query.timeline_lane_rows``); only the drawn rows
    come to pandas, which adds the lanes' display names.
    """
    chosen = tuple(ctx.filters.actors) if lanes == "actor" else ()
    rows = data.timeline_lane_rows(ctx.folder, ctx.version, ctx.filters, lanes, chosen, MAX_LANES, MAX_POINTS)
    rows = rows.copy()
    rows["lane"] = charts.lane_labels(rows["lane_id"], data.entities(ctx.folder, ctx.version), lanes, ctx.lang,
                                      ctx.topic_names)
    return rows


def render(ctx: Context) -> None:
    lang = ctx.lang
    if nothing(ctx):
        return
    lanes = st.radio(
        t("timeline_lanes", lang),
        ["actor", "topic"],
        key="timeline_lanes",
        horizontal=True,
        format_func=lambda x: t(f"lanes_{x}", lang),
    )
    rows = lane_rows(ctx, lanes)
    if rows.empty:
        st.info(t("empty_timeline", lang))
        return
    chart = charts.timeline_chart(rows, lanes, lang)
    st.caption(t("timeline_select_hint", lang))
    event = st.altair_chart(chart, key="timeline_chart", on_select="rerun", width="stretch")
    export_chart(chart, "timeline", "timeline_chart_export", lang)

    points = event.selection.get(charts.TIMELINE_SELECTION) or []
    selected = [p.get("passage_id") for p in points if p.get("passage_id")]
    if selected:
        st.subheader(t("selected_passage", lang))
        render_passages(ctx, data.passages_by_id(ctx.folder, ctx.version, tuple(selected[:5])))

    table = pd.DataFrame(
        {
            t("col_date", lang): rows["date"],
            t("col_precision", lang): rows["precision"],
            t("col_text", lang): rows["text"],
            t("col_lane", lang): rows["lane"],
            t("col_event", lang): rows["event"],
            t("col_passage_id", lang): rows["passage_id"],
            t("col_link", lang): passage_links(rows["passage_id"], lang),
        }
    )
    show_table(table, {t("col_link", lang): link_column(lang)}, "timeline_table", lang, "timeline")


render(require_context())
