"""Map: the places the kept passages name, counted per country and per city, drawn offline.

The geometry ships with the dashboard (``dashboard/geo``) and is embedded in the chart, so neither
the page nor its exports fetch anything. A country's colour counts the mentions of the country and
of its cities and regions (``places.map_frames``); the table lists every counted place with links
to its passages and its entity page.
"""

from __future__ import annotations

from urllib.parse import quote

import pandas as pd
import streamlit as st

from dashboard import charts, data, export, places
from dashboard.filters import entity_link
from dashboard.i18n import t, tn
from dashboard.views.common import Context, export_chart, link_column, nothing, require_context, show_table, site_root

VIEWS = ("mena", "world")
K_VIEW = "map_view"
# Our own widget, right to left and at the right edge in the Arabic interface (the frame's RTL_CSS covers
# labels, not radio groups, and the group is only as wide as its options).
RTL_VIEW_CSS = f"<style>.st-key-{K_VIEW} {{ direction: rtl; align-self: flex-end; }}</style>"


def passages_link(entity_ids, lang: str) -> str:
    """The passages page filtered by these entities (any of them: one place, several spellings)."""
    actors = "&".join(f"actor={quote(str(e), safe='')}" for e in entity_ids)
    return f"passages?{actors}&lang={lang}"


def entity_page(place_id: str, entity_ids) -> str:
    """The entity whose page a place links to: the gazetteer place when this dataset names it, else
    the spelling that was counted as it (an entity the model found)."""
    ids = list(entity_ids)
    return place_id if place_id in ids or not ids else ids[0]


def place_table(rows: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The table under the map: place, kind, country, mentions, articles, links (passages, entity page)."""
    return pd.DataFrame(
        {
            t("map_col_place", lang): rows["label"],
            t("map_col_kind", lang): rows["kind"].map(lambda k: t(f"place_kind_{k}", lang)),
            t("map_col_country", lang): rows["country_label"],
            t("col_mentions", lang): rows["mentions"],
            t("col_documents", lang): rows["documents"],
            t("col_link", lang): [passages_link(ids, lang) for ids in rows["entity_ids"]],
            t("map_col_entity", lang): export.absolute_links(
                pd.Series([entity_link(entity_page(p, ids), lang) for p, ids in zip(rows["place_id"], rows["entity_ids"])],
                          dtype=object), site_root()),
        }
    )


def render(ctx: Context) -> None:
    if nothing(ctx):
        return
    lang = ctx.lang
    st.subheader(t("map_title", lang))
    if lang == "ar":
        st.html(RTL_VIEW_CSS)
    view = st.radio(t("map_view", lang), VIEWS, key=K_VIEW, horizontal=True, format_func=lambda v: t(f"map_view_{v}", lang))
    counts = data.place_counts(ctx.folder, ctx.version, ctx.filters)
    frames = places.map_frames(counts, lang)
    if frames["places"].empty:
        st.info(t("empty_map", lang))
        return
    st.caption(t("map_caption", lang))
    unplaced = int(counts["unplaced"]["mentions"].iloc[0]) if len(counts["unplaced"]) else 0
    if unplaced:
        st.caption(tn("map_unplaced", unplaced, lang))
    chart = charts.place_map_chart(frames["countries"], frames["points"], lang, view)
    st.vega_lite_chart(charts.map_screen_spec(chart), key="map_chart", width="stretch")
    export_chart(chart, f"map_{view}", "map_chart_export", lang)
    table = place_table(frames["places"], lang)
    config = {
        t("col_link", lang): link_column(lang, text_key="page_passages"),
        t("map_col_entity", lang): link_column(lang, label_key="map_col_entity", text_key="map_open_entity"),
    }
    show_table(table, config, "map_table", lang, "places")


render(require_context())
