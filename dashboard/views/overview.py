"""Overview: the filtered corpus at a glance, most mentioned actors, topics over time."""

from __future__ import annotations

import streamlit as st

from dashboard import charts, data
from dashboard.i18n import t
from dashboard.views.common import Context, export_chart, export_table, nothing, require_context

TOP_ACTORS = 15


def time_span(ctx: Context) -> tuple[str, str]:
    """(compact value, full range) of the publication dates: one day, or months when they differ."""
    lo, hi = ctx.summary["date_min"], ctx.summary["date_max"]
    if not lo or not hi:
        return "–", ""
    lo, hi = str(lo)[:10], str(hi)[:10]
    if lo == hi:
        return lo, lo
    full = f"{lo} → {hi}"
    return (lo[:7] if lo[:7] == hi[:7] else f"{lo[:7]} → {hi[:7]}"), full


def render(ctx: Context) -> None:
    lang, counts = ctx.lang, ctx.summary
    cols = st.columns(5)
    cols[0].metric(t("metric_documents", lang), f"{counts['documents']:,}")
    cols[1].metric(t("metric_actors", lang), f"{counts['entities']:,}")
    cols[2].metric(t("metric_claims", lang), f"{counts['claims']:,}")
    cols[3].metric(t("metric_quantities", lang), f"{counts['quantities']:,}")
    span, full = time_span(ctx)
    cols[4].metric(t("metric_timespan", lang), span, help=full or None)
    if nothing(ctx):
        return

    st.subheader(t("top_actors", lang))
    top = data.entity_counts(ctx.folder, ctx.version, ctx.filters, TOP_ACTORS)
    top = top[["entity_id", "name_ar", "name_en", "type", "mentions", "documents"]]
    if top.empty:  # an empty chart with download buttons would say nothing
        st.info(t("empty_actors", lang))
    else:
        chart = charts.top_actors_chart(top, lang)
        st.altair_chart(chart, key="overview_top_actors", width="stretch")
        export_chart(chart, "top_actors", "overview_top_actors_chart", lang)
        export_table(top, "top_actors", "overview_top_actors_table", lang)

    st.subheader(t("topics_over_time", lang))
    counts = data.topic_counts(ctx.folder, ctx.version, ctx.filters, lang)
    if counts.empty:
        st.info(t("empty_topics", lang))
        return
    chart = charts.topics_over_time_chart(counts, lang)
    st.altair_chart(chart, key="overview_topics", width="stretch")
    export_chart(chart, "topics_over_time", "overview_topics_chart", lang)
    export_table(counts, "topics_over_time", "overview_topics_table", lang)


render(require_context())
