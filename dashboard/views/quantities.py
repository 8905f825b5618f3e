"""Quantities: value, unit and what is counted, each row linked to its passage and to its article."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import data
from dashboard.filters import article_links, passage_links
from dashboard.i18n import t, unit_label
from dashboard.views.common import MAX_TABLE_ROWS, Context, link_column, nothing, require_context, show_table


def quantities_table(ctx: Context) -> tuple[pd.DataFrame, int]:
    """The first MAX_TABLE_ROWS quantities under the filters (file order), and how many there are."""
    q, total = data.fact_rows(ctx.folder, ctx.version, ctx.filters, "quantities", MAX_TABLE_ROWS)
    lang = ctx.lang
    return _quantities_table(q, lang), total


def _quantities_table(q: pd.DataFrame, lang: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            t("col_value", lang): q["value"].astype(float),
            t("col_unit", lang): q["unit"].map(lambda u: unit_label(u, lang)),
            t("col_what", lang): q["what"],
            t("col_text", lang): q["text"],
            t("col_approximate", lang): q["approximate"].astype(bool),
            t("col_passage_id", lang): q["passage_id"],
            t("col_link", lang): passage_links(q["passage_id"], lang),
            t("col_article", lang): article_links(q["doc_id"], q["passage_id"], lang),
        }
    )


def render(ctx: Context) -> None:
    if nothing(ctx):
        return
    lang = ctx.lang
    config = {
        t("col_link", lang): link_column(lang),
        t("col_article", lang): link_column(lang, "col_article", "open_article"),
        t("col_value", lang): st.column_config.NumberColumn(t("col_value", lang), format="localized"),
        t("col_approximate", lang): st.column_config.CheckboxColumn(t("col_approximate", lang)),
    }
    table, total = quantities_table(ctx)
    if total == 0:
        st.info(t("empty_quantities", lang))
        return
    show_table(table, config, "quantities_table", lang, "quantities", total=total)


render(require_context())
