"""Entities: names, aliases, mentions and documents under the filters; each name opens the actor's page,
the last column its passages."""

from __future__ import annotations

from urllib.parse import quote

import numpy as np
import pandas as pd
import streamlit as st

from dashboard import charts, data
from dashboard.filters import entity_name_links
from dashboard.i18n import t
from dashboard.views.common import (
    MAX_TABLE_ROWS,
    Context,
    link_column,
    name_link_column,
    nothing,
    require_context,
    show_table,
)


def _aliases(values: pd.Series) -> pd.Series:
    return values.map(lambda v: " · ".join(str(a) for a in v) if isinstance(v, (list, tuple, np.ndarray)) else "")


def entities_table(ctx: Context) -> pd.DataFrame:
    """The first MAX_TABLE_ROWS entities under the filters, most mentioned first."""
    e, lang = data.entity_counts(ctx.folder, ctx.version, ctx.filters, MAX_TABLE_ROWS), ctx.lang
    suffix = f"&lang={lang}"
    names = charts._display_names(e["name_ar"], e["name_en"], lang)
    return pd.DataFrame(
        {
            # The name in the interface's language, opening the actor's own page (entity_name_links).
            t("col_actor_profile", lang): entity_name_links(e["entity_id"], names.where(names != "", e["entity_id"]), lang),
            t("col_name_ar", lang): e["name_ar"],
            t("col_name_en", lang): e["name_en"],
            t("col_type", lang): e["type"].map(lambda x: t(f"type_{x}", lang)),
            t("col_aliases", lang): _aliases(e["aliases"]),
            t("col_mentions", lang): e["mentions"].astype("int64"),
            t("col_documents", lang): e["documents"].astype("int64"),
            t("col_known", lang): e["known"].fillna(False).astype(bool),
            t("col_link", lang): e["entity_id"].map(lambda i: f"passages?actor={quote(str(i), safe='')}{suffix}"),
        }
    )


def render(ctx: Context) -> None:
    if nothing(ctx):
        return
    lang = ctx.lang
    if ctx.summary["entities"] == 0:
        st.info(t("empty_actors", lang))
        return
    # Aliases run long: without fixed widths they push the names off the grid (in Arabic order, the
    # Arabic name first). The widths sum to what a laptop's page holds beside the sidebar.
    config = {
        t("col_actor_profile", lang): name_link_column(t("col_actor_profile", lang), width=140),
        t("col_name_ar", lang): st.column_config.TextColumn(t("col_name_ar", lang), width=140),
        t("col_name_en", lang): st.column_config.TextColumn(t("col_name_en", lang), width=140),
        t("col_type", lang): st.column_config.TextColumn(t("col_type", lang), width=90),
        t("col_aliases", lang): st.column_config.TextColumn(t("col_aliases", lang), width=220),
        t("col_mentions", lang): st.column_config.NumberColumn(t("col_mentions", lang), width=75, format="localized"),
        t("col_documents", lang): st.column_config.NumberColumn(t("col_documents", lang), width=70, format="localized"),
        t("col_link", lang): link_column(lang, text_key="page_passages", width=70),
        t("col_known", lang): st.column_config.CheckboxColumn(t("col_known", lang), width=70),
    }
    # The plain name in the interface's language is exported, not drawn: the linked one shows it.
    own_name = t("col_name_ar" if lang == "ar" else "col_name_en", lang)
    show_table(entities_table(ctx), config, "entities_table", lang, "entities", total=ctx.summary["entities"],
               off_screen=(own_name,))


render(require_context())
