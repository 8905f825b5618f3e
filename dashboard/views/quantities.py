"""Quantities: value, unit and what is counted, each row linked to its passage."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.filters import passage_links
from dashboard.i18n import t
from dashboard.views.common import Context, link_column, nothing, require_context, show_table


def quantities_table(ctx: Context) -> pd.DataFrame:
    q, lang = ctx.view.quantities, ctx.lang
    return pd.DataFrame(
        {
            t("col_value", lang): q["value"].astype(float),
            t("col_unit", lang): q["unit"],
            t("col_what", lang): q["what"],
            t("col_text", lang): q["text"],
            t("col_approximate", lang): q["approximate"].astype(bool),
            t("col_passage_id", lang): q["passage_id"],
            t("col_link", lang): passage_links(q["passage_id"], lang),
        }
    )


def render(ctx: Context) -> None:
    if nothing(ctx):
        return
    lang = ctx.lang
    config = {
        t("col_link", lang): link_column(lang),
        t("col_value", lang): st.column_config.NumberColumn(t("col_value", lang), format="localized"),
        t("col_approximate", lang): st.column_config.CheckboxColumn(t("col_approximate", lang)),
    }
    show_table(quantities_table(ctx), config, "quantities_table", lang, "quantities")


render(require_context())
