"""Quantities: value, unit and what is counted, each row linked to its passage and to its article."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import data
from dashboard.i18n import t
from dashboard.views.common import MAX_TABLE_ROWS, Context, nothing, require_context, show_table
from dashboard.views.fact_tables import quantities_config, quantities_frame


def quantities_table(ctx: Context) -> tuple[pd.DataFrame, int]:
    """The first MAX_TABLE_ROWS quantities under the filters (file order), and how many there are."""
    q, total = data.fact_rows(ctx.folder, ctx.version, ctx.filters, "quantities", MAX_TABLE_ROWS)
    lang = ctx.lang
    return quantities_frame(q, lang), total


def render(ctx: Context) -> None:
    if nothing(ctx):
        return
    lang = ctx.lang
    config = quantities_config(lang)
    table, total = quantities_table(ctx)
    if total == 0:
        st.info(t("empty_quantities", lang))
        return
    show_table(table, config, "quantities_table", lang, "quantities", total=total)


render(require_context())
