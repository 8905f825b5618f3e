"""What every page shares: the current context (filters, counts), export buttons, tables.

The frame (``app.py``) computes the context once per rerun and stores it in the
session; pages read it with ``current()``, ask ``dashboard.data`` for the rows they
show (DuckDB queries, cached per filter value) and only lay out widgets.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

import pandas as pd
import streamlit as st

from dashboard import bidi, data, export
from dashboard.filters import Filters, doc_link, passage_link
from dashboard.highlight import legend_html, render_passage, spans_for_passage
from dashboard.i18n import t, tn

CONTEXT_KEY = "_marsad_context"
# The event-date range: (event_from, event_to) ISO or None, kept in the session by the frame (so it
# survives other pages and reaches the URL) and set by the timeline page's date widget.
EVENT_DATES_KEY = "_marsad_event_dates"
EVENT_DATES_WIDGET = "timeline_event_dates"
# Rows sent to the browser per table; the export is the same frame.
MAX_TABLE_ROWS = 10_000


@dataclass(frozen=True)
class Context:
    lang: str
    filters: Filters
    folder: str
    version: tuple
    facets: dict  # topics, outlets, date_min, date_max of the whole dataset
    summary: dict  # counts of the filtered view (query.summary)
    topic_names: dict


def current() -> Context | None:
    return st.session_state.get(CONTEXT_KEY)


def export_chart(chart, base: str, key: str, lang: str) -> None:
    """PNG, SVG and self-contained HTML of exactly this chart (bytes made on click)."""
    cols = st.columns(len(export.CHART_FORMATS) + 1, gap="small")
    cols[0].caption(t("export_chart", lang))
    for col, fmt in zip(cols[1:], export.CHART_FORMATS):
        col.download_button(
            fmt.upper(),
            data=partial(export.chart_bytes, chart, fmt),
            file_name=export.file_name(base, fmt),
            mime=export.mime_type(fmt),
            key=f"{key}_{fmt}",
            on_click="ignore",
        )


def export_table(df: pd.DataFrame, base: str, key: str, lang: str, label: str | None = None) -> None:
    """CSV (UTF-8 with BOM), JSON and Parquet of exactly this frame (bytes made on click)."""
    export_rows(lambda: df, base, key, lang, label)


def export_rows(fetch, base: str, key: str, lang: str, label: str | None = None) -> None:
    """CSV, JSON and Parquet of the frame ``fetch()`` returns; it runs only when a button is clicked,
    so a large export (every kept passage) costs nothing until it is asked for."""
    cols = st.columns(len(export.TABLE_FORMATS) + 1, gap="small")
    cols[0].caption(label or t("export_table", lang))
    for col, fmt in zip(cols[1:], export.TABLE_FORMATS):
        col.download_button(
            fmt.upper(),
            data=partial(_export_bytes, fetch, fmt),
            file_name=export.file_name(base, fmt),
            mime=export.mime_type(fmt),
            key=f"{key}_{fmt}",
            on_click="ignore",
        )


def _export_bytes(fetch, fmt: str) -> bytes:
    return export.table_bytes(fetch(), fmt)


def show_table(
    df: pd.DataFrame, column_config: dict, key: str, lang: str, base: str, total: int | None = None
) -> pd.DataFrame:
    """A sortable table of at most MAX_TABLE_ROWS rows, with its export buttons; returns what is shown.

    ``total``: how many rows the filters keep, when ``df`` was already fetched with a limit.
    """
    total = len(df) if total is None else max(total, len(df))
    shown = df.head(MAX_TABLE_ROWS)
    if total > len(shown):
        st.caption(tn("table_first_rows", total, lang, shown=f"{len(shown):,}"))
    st.dataframe(shown, column_config=column_config, hide_index=True, key=key, width="stretch")
    export_table(shown, base, f"{key}_export", lang)
    return shown


def ltr_in(text: str, lang: str) -> str:
    """A date or a date range kept left to right in an Arabic line (LRI ... PDI); as is in English.

    Unisolated, "1950–2018" in a right-to-left line shows as "2018–1950" and the arrow of
    "2013 → 2018" points back in time."""
    return bidi.ltr(text) if lang == "ar" else text


def link_column(lang: str, label_key: str = "col_link", text_key: str = "open_passage") -> st.column_config.LinkColumn:
    return st.column_config.LinkColumn(t(label_key, lang), display_text=t(text_key, lang))


def require_context() -> Context:
    ctx = current()
    if ctx is None:
        st.stop()
    return ctx


def nothing(ctx: Context) -> bool:
    """Say so and return True when the filters leave no passage."""
    if ctx.summary["passages"] == 0:
        st.info(t("nothing_matches", ctx.lang))
        return True
    return False


def render_passages(ctx: Context, passages: pd.DataFrame, *, legend: bool = True) -> None:
    """Highlighted passages (a handful: a page of results), each linked to itself and its article.

    Highlights come from the whole tables, so a passage shows all its facts
    whatever the filters cut from the tables.
    """
    if passages.empty:
        return
    lang = ctx.lang
    doc_ids = tuple(sorted(passages["doc_id"].astype(str).unique()))
    facts = data.facts_for_docs(ctx.folder, ctx.version, doc_ids)
    docs = data.document_info(ctx.folder, ctx.version, doc_ids).drop_duplicates("doc_id").set_index("doc_id")
    blocks = [legend_html(lang)] if legend else []
    for row in passages.to_dict("records"):
        doc_id = row["doc_id"]
        title = docs["title"].get(doc_id, "") if "title" in docs else ""
        published = docs["published"].get(doc_id, "") if "published" in docs else ""
        source = docs["source"].get(doc_id, "") if "source" in docs else ""
        # Each part is isolated by its own direction, so an Arabic title does not flip the ISO date after it.
        caption = " · ".join(bidi.label(x) for x in (title, source, published) if isinstance(x, str) and x)
        spans = spans_for_passage(row, facts["mentions"], facts["quantities"], facts["timeline"], facts["claims"], lang)
        links = [
            # The id is isolated left to right (LRI ... PDI), without any bidi control it carries, so it
            # reads the same in an Arabic line.
            (f"{t('open_passage', lang)} {bidi.ltr(row['passage_id'])}", passage_link(row["passage_id"], lang)),
            (t("open_document", lang), doc_link(doc_id, lang)),
        ]
        blocks.append(render_passage(row["text"], spans, lang=lang, header_links=links, caption=caption))
    st.html("".join(blocks))
