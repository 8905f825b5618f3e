"""Passages: the source text right to left, facts highlighted; ?passage=<id> shows one passage."""

from __future__ import annotations

import math
from functools import partial

import streamlit as st

from dashboard import data, export
from dashboard.i18n import t
from dashboard.query import PASSAGE_COLUMNS
from dashboard.views.common import (
    Context,
    export_rows,
    export_table,
    nothing,
    render_passages,
    require_context,
    site_root,
)

PAGE_SIZE = 20
EXPORT_LIMIT = 50_000  # passages in the "all kept passages" export (about 25 MB of CSV)
SEEN_FILTERS = "_marsad_passages_filters"


def show_all() -> None:
    if "passage" in st.query_params:
        del st.query_params["passage"]


def _all_cited(ctx: Context, lang: str):
    return export.cited_passages(data.all_passages(ctx.folder, ctx.version, ctx.filters, EXPORT_LIMIT), site_root(), lang)


def render(ctx: Context) -> None:
    lang = ctx.lang
    wanted = st.query_params.get("passage")
    if wanted:
        one = data.passages_by_id(ctx.folder, ctx.version, (wanted,))
        st.button(t("show_all_passages", lang), key="passages_show_all", on_click=show_all)
        if one.empty:
            st.warning(t("passage_not_found", lang, id=wanted))
        else:
            render_passages(ctx, one)
        return
    if nothing(ctx):
        return
    total = ctx.summary["passages"]
    pages = max(1, math.ceil(total / PAGE_SIZE))
    if st.session_state.get(SEEN_FILTERS) != ctx.filters or st.session_state.get("passages_page", 1) > pages:
        st.session_state["passages_page"] = 1  # new filters: back to the first page
    st.session_state[SEEN_FILTERS] = ctx.filters
    page = st.number_input(t("page_number", lang), min_value=1, max_value=pages, step=1, key="passages_page")
    first = (int(page) - 1) * PAGE_SIZE
    shown = data.passage_page(ctx.folder, ctx.version, ctx.filters, first, PAGE_SIZE)
    st.caption(t("page_of", lang, first=first + 1, last=first + len(shown), total=f"{total:,}"))
    render_passages(ctx, shown)
    # Exports carry what a citation needs (title, outlet, date, url) and an absolute link back.
    cited = data.cite_passages(ctx.folder, ctx.version, shown[PASSAGE_COLUMNS])
    table = export.cited_passages(cited, site_root(), lang)
    export_table(table, "passages", "passages_export", lang, t("export_page", lang))
    # Every kept passage (up to EXPORT_LIMIT), fetched from DuckDB only when a button is clicked.
    fetch = partial(_all_cited, ctx, lang)
    export_rows(fetch, "passages_all", "passages_export_all", lang,
                t("export_all_passages", lang, n=f"{min(total, EXPORT_LIMIT):,}"))


render(require_context())
