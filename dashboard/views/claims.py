"""Claims: who said what (speaker, cue, content, hedged, denial), each row linked to its passage."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.filters import passage_links
from dashboard.i18n import t
from dashboard.views.common import Context, link_column, nothing, require_context, show_table


def claims_table(ctx: Context) -> pd.DataFrame:
    c, lang = ctx.view.claims, ctx.lang
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
    show_table(claims_table(ctx), config, "claims_table", lang, "claims")


render(require_context())
