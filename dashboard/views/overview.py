"""Overview: the filtered corpus at a glance, most mentioned actors, topics over time."""

from __future__ import annotations

import streamlit as st

from dashboard import charts, data, time_window
from dashboard.i18n import t, tn
from dashboard.views.common import Context, export_chart, export_table, ltr_in, nothing, require_context

TOP_ACTORS = 15
K_TOPICS_ALL = "overview_topics_all"


def time_span(date_min, date_max) -> tuple[str, str]:
    """(compact value, full range) of the publication dates, the value short enough for a fifth of
    the page: the years when they differ (``2012–2018``), else the year, else the month, else the
    day; the full range (``2012-10-03 → 2018-06-30``, "" for one day) goes in a caption under it."""
    if not date_min or not date_max:
        return "–", ""
    lo, hi = str(date_min)[:10], str(date_max)[:10]
    if lo == hi:
        return lo, ""
    full = f"{lo} → {hi}"
    for n in (4, 7):
        if lo[:n] != hi[:n]:
            return (f"{lo[:4]}–{hi[:4]}" if n == 4 else lo[:4]), full
    return lo[:7], full


def render(ctx: Context) -> None:
    lang, counts = ctx.lang, ctx.summary
    cols = st.columns(5)
    # Stories, not articles: wire copies of one story would otherwise count once per outlet.
    cols[0].metric(t("metric_stories", lang), f"{counts['stories']:,}")
    cols[0].caption(t("overview_stories_caption", lang, articles=f"{counts['documents']:,}"))
    cols[1].metric(t("metric_actors", lang), f"{counts['entities']:,}")
    cols[2].metric(t("metric_claims", lang), f"{counts['claims']:,}")
    cols[3].metric(t("metric_quantities", lang), f"{counts['quantities']:,}")
    span, full = time_span(counts["date_min"], counts["date_max"])
    cols[4].metric(t("metric_timespan", lang), ltr_in(span, lang))
    if full:
        cols[4].caption(ltr_in(full, lang))
    if nothing(ctx):
        return

    st.subheader(t("top_actors", lang))
    top = data.entity_counts(ctx.folder, ctx.version, ctx.filters, TOP_ACTORS)
    top = top[["entity_id", "name_ar", "name_en", "type", "mentions", "documents"]]
    if top.empty:  # an empty chart with download buttons would say nothing
        st.info(t("empty_actors", lang))
    else:
        chart = charts.top_actors_chart(top, lang)
        # A click on a bar opens that actor's page (the chart's point selection "actor").
        picked = st.altair_chart(chart, key="overview_top_actors", width="stretch", on_select="rerun",
                                 selection_mode="actor")
        points = ((picked or {}).get("selection") or {}).get("actor") or []
        chosen = [p.get("entity_id") for p in points if p.get("entity_id")]
        if chosen:
            st.switch_page("views/entity.py", query_params={"entity": chosen[0], "lang": lang})
        st.caption(t("overview_click_actor", lang))
        export_chart(chart, "top_actors", "overview_top_actors_chart", lang)
        export_table(top, "top_actors", "overview_top_actors_table", lang)

    st.subheader(t("topics_over_time", lang))
    counts = data.topic_counts(ctx.folder, ctx.version, ctx.filters, lang)
    if counts.empty:
        st.info(t("empty_topics", lang))
        return
    chart = charts.topics_over_time_chart(counts, lang, topics_window(counts, lang))
    st.altair_chart(chart, key="overview_topics", width="stretch")
    export_chart(chart, "topics_over_time", "overview_topics_chart", lang)
    export_table(counts, "topics_over_time", "overview_topics_table", lang)


def topics_window(counts, lang: str):
    """The robust window of the passages' publication months (None: show every month, when none
    is left out or the analyst asked for all), with the
    passages left outside it said under the chart and a toggle to show every month."""
    per_period = counts.groupby("period", as_index=False)["passages"].sum()
    window = time_window.publication_window(per_period, "passages")
    if window is None or not window.outside:
        return None
    full = time_window.full_window(*time_window.period_spans(per_period["period"]), per_period["passages"])
    st.toggle(t("topics_show_all", lang, extent=ltr_in(full.label(), lang)), key=K_TOPICS_ALL)
    if st.session_state.get(K_TOPICS_ALL):
        return None
    st.caption(tn("topics_window", window.outside, lang, window=ltr_in(window.label(), lang),
                  before=f"{window.before:,}", after=f"{window.after:,}"))
    return window


render(require_context())
