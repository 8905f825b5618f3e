"""Network: actors named in the same passage, as a co-occurrence matrix and a table."""

from __future__ import annotations

from urllib.parse import quote

import pandas as pd
import streamlit as st

from dashboard import charts, data
from dashboard.filters import entity_name_links
from dashboard.i18n import t
from dashboard.views.common import (
    Context,
    export_chart,
    link_column,
    name_link_column,
    nothing,
    require_context,
    show_table,
)


def render(ctx: Context) -> None:
    if nothing(ctx):
        return
    lang = ctx.lang
    st.subheader(t("network_title", lang))
    top_n = st.slider(t("network_top", lang), min_value=5, max_value=60, value=25, step=5, key="network_top")
    pairs = data.cooccurrence(ctx.folder, ctx.version, ctx.filters, top_n, lang)
    if pairs.empty:
        st.info(t("empty_network", lang))
        return
    chart = charts.cooccurrence_chart(pairs, lang)
    st.altair_chart(chart, key="network_chart", width="stretch")
    export_chart(chart, "cooccurrence", "network_chart_export", lang)
    links = [
        f"passages?actor={quote(a, safe='')}&actor={quote(b, safe='')}&lang={lang}"
        for a, b in zip(pairs["source_id"], pairs["target_id"])
    ]
    table = pd.DataFrame(
        {  # each name opens the actor's page (entity_name_links), the last column the pair's passages
            t("col_source_actor", lang): entity_name_links(pairs["source_id"], pairs["source_label"], lang),
            t("col_target_actor", lang): entity_name_links(pairs["target_id"], pairs["target_label"], lang),
            t("col_weight", lang): pairs["weight"],
            t("col_link", lang): links,
        }
    )
    config = {t("col_link", lang): link_column(lang, text_key="page_passages"),
              **{t(k, lang): name_link_column(t(k, lang)) for k in ("col_source_actor", "col_target_actor")}}
    show_table(table, config, "network_table", lang, "cooccurrence")


render(require_context())
