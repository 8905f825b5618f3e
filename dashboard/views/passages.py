"""Passages: the source text right to left, facts highlighted; ?passage=<id> shows one passage.

The kept passages come newest first, oldest first, or by relevance to the filter (the chosen
actors a passage names, the text query's BM25 score): ``?sort=``. Pages of ``PAGE_SIZE`` say
where they are ("page 3 of 1,204 · passages 41–60 of 24,071"), with first/previous/next/last
buttons; the page number is in the URL (``?page=``) too, so a shared link opens the same page.
"""

from __future__ import annotations

import math
from functools import partial

import streamlit as st

from dashboard import data, export
from dashboard.i18n import t
from dashboard.query import PASSAGE_COLUMNS, PASSAGE_SORTS
from dashboard.views.common import (
    Context,
    export_rows,
    export_table,
    ltr_in,
    nothing,
    reading_order,
    render_passages,
    require_context,
    site_root,
)

PAGE_SIZE = 20
EXPORT_LIMIT = 50_000  # passages in the "all kept passages" export (about 25 MB of CSV)
SEEN_FILTERS = "_marsad_passages_filters"
PAGE_KEY = "passages_page"
SORT_KEY = "passages_sort"
# Page-level URL parameters (not filters: they belong to this page only; the frame drops them elsewhere).
SORT_PARAM = "sort"
PAGE_PARAM = "page"
URL_PARAMS = ("passage", SORT_PARAM, PAGE_PARAM)
STEPS = ("first", "prev", "next", "last")
# Our own CSS: in Arabic the order's options run from the right edge, under their label.
RTL_SORT_CSS = "<style>.st-key-passages_sort { direction: rtl; margin-left: auto; }</style>"


def show_all() -> None:
    if "passage" in st.query_params:
        del st.query_params["passage"]


def sorts_for(ctx: Context) -> list[str]:
    """The orders offered: relevance only when the filters give something to rank by."""
    return [s for s in PASSAGE_SORTS if s != "relevance" or data.relevance_available(ctx.filters)]


def _url_int(name: str) -> int | None:
    try:
        return int(st.query_params.get(name, ""))
    except ValueError:
        return None


def _go(step: str, pages: int) -> None:
    ss = st.session_state
    page = int(ss.get(PAGE_KEY, 1))
    ss[PAGE_KEY] = {"first": 1, "prev": max(1, page - 1), "next": min(pages, page + 1), "last": pages}[step]


def _set_param(name: str, value: str | None) -> None:
    if value is None:
        if name in st.query_params:
            del st.query_params[name]
    elif st.query_params.get(name) != value:
        st.query_params[name] = value


def where_am_i(page: int, pages: int, first: int, last: int, total: int, lang: str) -> str:
    """"Page 3 of 1,204 · passages 41–60 of 24,071" in ``lang`` (numbers and the range left to right)."""
    return t("page_position", lang, page=ltr_in(f"{page:,}", lang), pages=ltr_in(f"{pages:,}", lang),
             range=ltr_in(f"{first:,}–{last:,}", lang), total=ltr_in(f"{total:,}", lang))


# The pager's row: its slots and their widths, in English reading order (Arabic reverses both).
PAGER_SLOTS = (("first", 1.0), ("prev", 1.0), ("number", 1.2), ("next", 1.0), ("last", 1.0), ("space", 3.0))


def pager(ctx: Context, total: int, sort: str, where) -> int:
    """The page number widget and its buttons; returns the page to show (1-based) and writes
    "page 3 of 1,204 · passages 41–60 of 24,071" into ``where`` (a container above them)."""
    lang = ctx.lang
    ss = st.session_state
    pages = max(1, math.ceil(total / PAGE_SIZE))
    seen = (ctx.filters, sort)
    if PAGE_KEY not in ss and SEEN_FILTERS not in ss:
        ss[PAGE_KEY] = min(max(_url_int(PAGE_PARAM) or 1, 1), pages)  # a shared link opens its page
    elif ss.get(SEEN_FILTERS) != seen or ss.get(PAGE_KEY, 1) > pages:
        ss[PAGE_KEY] = 1  # new filters or order: back to the first page
    ss[SEEN_FILTERS] = seen
    page = int(ss.get(PAGE_KEY, 1))
    order = reading_order(PAGER_SLOTS, lang)
    slots = dict(zip((name for name, _ in order), st.columns([w for _, w in order], vertical_alignment="bottom")))
    for step in STEPS:
        at_edge = page <= 1 if step in ("first", "prev") else page >= pages
        slots[step].button(t(f"page_{step}", lang), key=f"passages_{step}", on_click=_go, args=(step, pages),
                           disabled=at_edge, width="stretch")
    page = int(slots["number"].number_input(t("page_number", lang), min_value=1, max_value=pages, step=1,
                                            key=PAGE_KEY))
    _set_param(PAGE_PARAM, str(page) if page > 1 else None)
    first = (page - 1) * PAGE_SIZE + 1
    where.caption(where_am_i(page, pages, first, min(first + PAGE_SIZE - 1, total), total, lang))
    return page


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
    sorts = sorts_for(ctx)
    ss = st.session_state
    if SORT_KEY not in ss:
        ss[SORT_KEY] = st.query_params.get(SORT_PARAM) or sorts[0]
    if ss[SORT_KEY] not in sorts:  # relevance without a query or actors: the default order
        ss[SORT_KEY] = sorts[0]
    # The order, then where the page is, in the reader's direction (Arabic: the order at the right).
    if lang == "ar":
        st.html(RTL_SORT_CSS)
    top = dict(zip(reading_order(("sort", "where"), lang), st.columns(2, vertical_alignment="bottom")))
    sort = top["sort"].radio(t("passages_sort", lang), sorts, key=SORT_KEY, horizontal=True,
                             format_func=lambda s: t(f"passages_sort_{s}", lang), help=t("passages_sort_help", lang))
    _set_param(SORT_PARAM, sort if sort != sorts[0] else None)
    page = pager(ctx, total, sort, top["where"])
    first = (page - 1) * PAGE_SIZE
    with st.spinner(t("loading_passages", lang)):
        shown = data.passage_page(ctx.folder, ctx.version, ctx.filters, first, PAGE_SIZE, sort)
    render_passages(ctx, shown)
    # Exports carry what a citation needs (title, outlet, date, url) and an absolute link back.
    cited = data.cite_passages(ctx.folder, ctx.version, shown[PASSAGE_COLUMNS])
    table = export.cited_passages(cited, site_root(), lang)
    export_table(table, "passages", "passages_export", lang, t("export_page", lang))
    # Every kept passage (up to EXPORT_LIMIT) in the order shown, fetched only when a button is clicked.
    fetch = partial(_all_cited, ctx, lang, sort)
    export_rows(fetch, "passages_all", "passages_export_all", lang,
                t("export_all_passages", lang, n=f"{min(total, EXPORT_LIMIT):,}"))


def _all_cited(ctx: Context, lang: str, sort: str):
    passages = data.all_passages(ctx.folder, ctx.version, ctx.filters, EXPORT_LIMIT, sort)
    return export.cited_passages(passages, site_root(), lang)


render(require_context())
