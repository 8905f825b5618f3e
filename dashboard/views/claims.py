"""Claims: who said what (speaker, cue, content, hedged, denial), each row linked to its passage."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import data
from dashboard.filters import passage_links
from dashboard.i18n import t
from dashboard.views.common import MAX_TABLE_ROWS, Context, link_column, nothing, require_context, show_table


def claims_table(ctx: Context) -> tuple[pd.DataFrame, int]:
    """The first MAX_TABLE_ROWS claims under the filters (file order), and how many there are."""
    c, total = data.fact_rows(ctx.folder, ctx.version, ctx.filters, "claims", MAX_TABLE_ROWS)
    lang = ctx.lang
    return _claims_table(c, lang), total


def _claims_table(c: pd.DataFrame, lang: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            t("col_speaker", lang): c["speaker"],
            t("col_cue", lang): c["cue"],
            t("col_content", lang): c["content"],
            t("col_hedged", lang): c["hedged"].astype(bool),
            t("col_denial", lang): (c["stance"] == "deny"),
            t("col_passage_id", lang): c["passage_id"],
            t("col_link", lang): passage_links(c["passage_id"], lang),
        }
    )


def render(ctx: Context) -> None:
    if nothing(ctx):
        return
    lang = ctx.lang
    config = {
        t("col_link", lang): link_column(lang),
        t("col_hedged", lang): st.column_config.CheckboxColumn(t("col_hedged", lang)),
        t("col_denial", lang): st.column_config.CheckboxColumn(t("col_denial", lang)),
        t("col_content", lang): st.column_config.TextColumn(t("col_content", lang), width="large"),
    }
    table, total = claims_table(ctx)
    if total == 0:
        st.info(t("empty_claims", lang))
        return
    show_table(table, config, "claims_table", lang, "claims", total=total)


render(require_context())
