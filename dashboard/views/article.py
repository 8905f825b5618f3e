"""Article reader: one whole article, every fact highlighted; ``?doc=<id>[&passage=<pid>]``.

The article is the document filter's (``doc=`` is the filters' own URL key, so a link from any
page opens the reader on that article and the sidebar says so); ``passage=`` marks one passage,
which the page scrolls to with our own constant script. Without a document: a search over titles
and the most recent articles to choose from.
"""

from __future__ import annotations

import streamlit as st

from dashboard import bidi, data, reader
from dashboard.highlight import esc
from dashboard.i18n import direction, t
from dashboard.views.common import (
    DOC_FILTER_KEY,
    Context,
    link_column,
    reading_order,
    require_context,
    show_table,
)
from dashboard.views.fact_tables import rule_column

CHOICE_KEY = "article_choice"
SEARCH_KEY = "article_search"
PICK_KEY = "article_pick"
MAX_CHOICES = 200
LISTED = 15  # of the choices, also listed as links
TITLE_CHARS = 110


def _open_choice() -> None:
    # A callback runs before the rerun: the frame then builds its filters from this document.
    chosen = st.session_state.get(CHOICE_KEY)
    if chosen:
        st.session_state[DOC_FILTER_KEY] = [chosen]
        st.session_state[CHOICE_KEY] = None


def _title(info, doc_id: str) -> str:
    sub = info[info["doc_id"] == doc_id]
    if sub.empty:
        return bidi.strip(doc_id)
    row = sub.iloc[0]
    title = bidi.strip(row["title"]) or bidi.strip(doc_id)
    title = title if len(title) <= TITLE_CHARS else title[: TITLE_CHARS - 1] + "…"
    published = bidi.strip(row["published"]) if isinstance(row["published"], str) else ""
    source = bidi.strip(row["source"]) if isinstance(row["source"], str) else ""
    extra = " · ".join(x for x in (source, bidi.ltr(published) if published else "") if x)
    return f"{bidi.isolate(title)} ({extra})" if extra else bidi.isolate(title)


def choose(ctx: Context) -> None:
    """No article chosen: say so, and offer a title search over every article (newest first)."""
    lang = ctx.lang
    st.info(t("article_none", lang))
    text = st.text_input(t("article_search", lang), key=SEARCH_KEY, help=t("article_search_help", lang)).strip()
    doc_ids = data.find_documents(ctx.folder, ctx.version, text, MAX_CHOICES)
    if not doc_ids:
        st.warning(t("article_search_none", lang))
        return
    info = data.document_info(ctx.folder, ctx.version, tuple(doc_ids))
    label = t("article_choose_found", lang, n=f"{len(doc_ids):,}") if text else t("article_choose_recent", lang)
    st.selectbox(label, doc_ids, index=None, key=CHOICE_KEY, format_func=lambda d: _title(info, d),
                 placeholder=t("choose", lang), on_change=_open_choice)
    # The first of them as links too: one click to read.
    st.html(reader.article_list_html(info, doc_ids[:LISTED], lang))


def render(ctx: Context) -> None:
    lang = ctx.lang
    docs = list(ctx.filters.docs)
    if not docs:
        choose(ctx)
        return
    doc_id = docs[0]
    if len(docs) > 1:  # several articles in the filter: read one at a time
        info = data.document_info(ctx.folder, ctx.version, tuple(docs))
        doc_id = st.selectbox(t("article_pick", lang), docs, key=PICK_KEY, format_func=lambda d: _title(info, d))
    doc = data.article(ctx.folder, ctx.version, doc_id)
    if doc is None:  # an id is article data: escaped HTML, never Markdown
        st.html(f'<p class="marsad-article-missing" dir="{direction(lang)}">'
                f'{esc(t("article_not_found", lang, id=bidi.isolate(doc_id)))}</p>')
        return
    passages = data.article_passages(ctx.folder, ctx.version, doc_id)
    facts = data.facts_for_docs(ctx.folder, ctx.version, (doc_id,))
    marked = st.query_params.get("passage")
    marked = marked if marked in set(passages["passage_id"].astype(str)) else None

    st.html(reader.header_html(doc, lang))
    counts = {"passages": len(passages), **reader.fact_counts(facts)}
    keys = ("passages", "actors", "mentions", "claims", "quantities", "dates")
    for col, key in zip(st.columns(len(keys)), reading_order(keys, lang)):  # Arabic: the first at the right
        col.metric(t(f"article_count_{key}", lang), f"{counts[key]:,}")

    actors = reader.article_actors(facts["mentions"])
    if len(actors):
        st.subheader(t("article_actors", lang))
        st.caption(t("article_actors_help", lang))
        st.html(reader.actors_html(actors, lang))

    st.subheader(t("article_text", lang))
    if passages.empty:
        st.info(t("article_no_passages", lang))
    else:
        st.html(reader.passages_html(passages, facts, lang, marked))
    if marked:
        # Our constant script only: it finds the marked block by its data attribute; no article data in it.
        st.html(reader.SCROLL_SCRIPT, unsafe_allow_javascript=True)

    st.subheader(t("article_facts", lang))
    table = reader.fact_table(doc_id, passages, facts, lang)
    if table.empty:
        st.info(t("article_no_facts", lang))
        return
    config = {t("col_link", lang): link_column(lang, text_key="open_in_article"), t("col_rule", lang): rule_column(lang)}
    show_table(table, config, "article_facts", lang, "article_facts",
               off_screen=(t("col_passage_id", lang), t("col_start", lang), t("col_end", lang)))


render(require_context())
