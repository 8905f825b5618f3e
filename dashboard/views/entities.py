"""Entities: names, aliases, mentions and documents under the filters, each linked to its passages."""

from __future__ import annotations

from urllib.parse import quote

import numpy as np
import pandas as pd
import streamlit as st

from dashboard import data
from dashboard.i18n import t
from dashboard.views.common import MAX_TABLE_ROWS, Context, link_column, nothing, require_context, show_table


def _aliases(values: pd.Series) -> pd.Series:
    return values.map(lambda v: " · ".join(str(a) for a in v) if isinstance(v, (list, tuple, np.ndarray)) else "")


def entities_table(ctx: Context) -> pd.DataFrame:
    """The first MAX_TABLE_ROWS entities under the filters, most mentioned first."""
    e, lang = data.entity_counts(ctx.folder, ctx.version, ctx.filters, MAX_TABLE_ROWS), ctx.lang
    suffix = f"&lang={lang}"
    return pd.DataFrame(
        {
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
    config = {
        t("col_link", lang): link_column(lang, text_key="page_passages"),
        t("col_known", lang): st.column_config.CheckboxColumn(t("col_known", lang)),
    }
    show_table(entities_table(ctx), config, "entities_table", lang, "entities", total=ctx.summary["entities"])


render(require_context())
