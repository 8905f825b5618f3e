"""What every page shares: the current context (filters, counts), export buttons, tables.

The frame (``app.py``) computes the context once per rerun and stores it in the
session; pages read it with ``current()``, ask ``dashboard.data`` for the rows they
show (DuckDB queries, cached per filter value) and only lay out widgets.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import partial

import pandas as pd
import streamlit as st

from dashboard import bidi, data, export
from dashboard.filters import NAME_IN_LINK, Filters, article_link, entity_link, network_link, passage_link
from dashboard.highlight import esc, legend_html, render_passage, spans_by_passage
from dashboard.i18n import t

CONTEXT_KEY = "_marsad_context"
# The event-date range: (event_from, event_to) ISO or None, kept in the session by the frame (so it
# survives other pages and reaches the URL) and set by the timeline page's date widget.
EVENT_DATES_KEY = "_marsad_event_dates"
EVENT_DATES_WIDGET = "timeline_event_dates"
# The sidebar's document filter (set by the article reader's chooser too).
DOC_FILTER_KEY = "filter_doc"
# Rows sent to the browser per table; the export is the same frame.
MAX_TABLE_ROWS = 10_000
# A grid is as tall as its rows, up to this many (then it scrolls): no ten-row box over empty space.
MAX_VISIBLE_ROWS = 20
ROW_PX = 35  # Streamlit's grid row (and header) height, in pixels
# The public address of the app when the browser's is not the one to cite (behind a proxy).
BASE_URL_ENV = "MARSAD_BASE_URL"


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


def export_chart(chart, base: str, key: str, lang: str, filters: Filters | None = None) -> None:
    """PNG, SVG and self-contained HTML of exactly this chart (bytes made on click); ``filters``: what
    made it, when not the sidebar's (``download_base``)."""
    cols = st.columns(len(export.CHART_FORMATS) + 1, gap="small")
    cols[0].caption(t("export_chart", lang))
    for col, fmt in zip(cols[1:], export.CHART_FORMATS):
        col.download_button(
            fmt.upper(),
            data=partial(export.chart_bytes, chart, fmt),
            file_name=export.file_name(download_base(base, filters), fmt),
            mime=export.mime_type(fmt),
            key=f"{key}_{fmt}",
            on_click="ignore",
        )


def export_table(
    df: pd.DataFrame, base: str, key: str, lang: str, label: str | None = None, filters: Filters | None = None
) -> None:
    """CSV (UTF-8 with BOM), JSON and Parquet of exactly this frame (bytes made on click)."""
    export_rows(lambda: df, base, key, lang, label, filters)


def export_rows(fetch, base: str, key: str, lang: str, label: str | None = None, filters: Filters | None = None) -> None:
    """CSV, JSON and Parquet of the frame ``fetch()`` returns; it runs only when a button is clicked,
    so a large export (every kept passage) costs nothing until it is asked for."""
    cols = st.columns(len(export.TABLE_FORMATS) + 1, gap="small")
    cols[0].caption(label or t("export_table", lang))
    for col, fmt in zip(cols[1:], export.TABLE_FORMATS):
        col.download_button(
            fmt.upper(),
            data=partial(_export_bytes, fetch, fmt),
            file_name=export.file_name(download_base(base, filters), fmt),
            mime=export.mime_type(fmt),
            key=f"{key}_{fmt}",
            on_click="ignore",
        )


def _export_bytes(fetch, fmt: str) -> bytes:
    return export.table_bytes(fetch(), fmt)


def download_base(base: str, filters: Filters | None = None) -> str:
    """A download name that says which filters made the file (``export.filtered_name``): the sidebar's,
    or ``filters`` when a page replaced some (the compare page's series replace its actors and text);
    actors by their English name (file names travel best in ASCII); ``base`` alone outside a page."""
    ctx = current()
    if ctx is None:
        return base
    filters = ctx.filters if filters is None else filters
    names = data.actor_names(ctx.folder, ctx.version, "en", filters.actors) if filters.actors else {}
    return export.filtered_name(base, filters, names)


def site_root() -> str:
    """Where the app's links start (``export.site_root``): ``MARSAD_BASE_URL``, else the browser's
    address, else the local server."""
    url = getattr(st.context, "url", None)
    return export.site_root(url, os.environ.get(BASE_URL_ENV), st.get_option("server.port"),
                            st.get_option("server.baseUrlPath"))


def table_height(rows: int) -> int:
    """Pixels for a grid of ``rows`` rows: the header and up to MAX_VISIBLE_ROWS rows (+ border)."""
    return (min(max(rows, 1), MAX_VISIBLE_ROWS) + 1) * ROW_PX + 3


def reading_order(columns, lang: str) -> list:
    """Columns in the order a reader meets them: grids lay out left to right, so for Arabic the
    list is reversed and the first column (the text that matters) sits at the right edge."""
    columns = list(columns)
    return columns[::-1] if lang == "ar" else columns


def showing_first(shown: int, total: int, base: str, lang: str) -> str:
    """"Showing the first 10,000 of 109,819 claims", in ``lang``."""
    return t("showing_first", lang, shown=f"{shown:,}", total=f"{total:,}", noun=t(f"rows_{base}", lang))


def show_table(
    df: pd.DataFrame, column_config: dict, key: str, lang: str, base: str, total: int | None = None,
    off_screen: tuple[str, ...] = (), filters: Filters | None = None, export_base: str | None = None,
) -> pd.DataFrame:
    """A sortable table of at most MAX_TABLE_ROWS rows, with its export buttons; returns what is shown.

    ``total``: how many rows the filters keep, when ``df`` was already fetched with a limit. The
    passage and article links (columns ``col_link``, ``col_article``) are made absolute, so an
    exported row can be opened from anywhere; Arabic tables read right to left (``reading_order``);
    the grid is sized to its rows.
    ``off_screen``: columns exported but not drawn (a grid wider than the page scrolls from the
    left, which in Arabic order hides the columns that matter). ``export_base``: the download's name
    when it is not ``base`` (the word for the rows in "showing the first ...").
    """
    total = len(df) if total is None else max(total, len(df))
    shown = df.head(MAX_TABLE_ROWS)
    own = (t("col_link", lang), t("col_article", lang))
    links = [c for c in shown.columns if c in own or _is_link(column_config.get(c))]
    if links and len(shown):
        root = site_root()
        shown = shown.assign(**{c: export.absolute_links(shown[c], root) for c in links})
    if total > len(shown):
        st.caption(showing_first(len(shown), total, base, lang))
    drawn = reading_order([c for c in shown.columns if c not in off_screen], lang)
    st.dataframe(shown, column_config=column_config, hide_index=True, key=key, width="stretch",
                 column_order=drawn, height=table_height(len(shown)))
    export_table(shown, export_base or base, f"{key}_export", lang, filters=filters)
    return shown


def _is_link(config) -> bool:
    """Whether a column config is a LinkColumn (its relative app links are made absolute)."""
    return isinstance(config, dict) and (config.get("type_config") or {}).get("type") == "link"


def ltr_in(text: str, lang: str) -> str:
    """A date or a date range kept left to right in an Arabic line (LRI ... PDI); as is in English.

    Unisolated, "1950–2018" in a right-to-left line shows as "2018–1950" and the arrow of
    "2013 → 2018" points back in time."""
    return bidi.ltr(text) if lang == "ar" else text


def link_column(
    lang: str, label_key: str = "col_link", text_key: str = "open_passage", width: int | str | None = None
) -> st.column_config.LinkColumn:
    return st.column_config.LinkColumn(t(label_key, lang), display_text=t(text_key, lang), width=width)


def name_link_column(label: str, width: int | str | None = None) -> st.column_config.LinkColumn:
    """A column of ``filters.entity_name_links``: shows the names, opens the entity pages."""
    return st.column_config.LinkColumn(label, display_text=NAME_IN_LINK, width=width)


def entity_links_html(entity_ids, names: dict[str, str], lang: str, separator: str = " · ") -> str:
    """Links to the entity pages of ``entity_ids``, named by ``names`` (id -> name, else the id):
    each name escaped and isolated (article data), the hrefs escaped."""
    return separator.join(
        f'<a href="{esc(entity_link(e, lang))}" target="_self">{esc(bidi.isolate(names.get(e) or e))}</a>'
        for e in entity_ids
    )


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
    every = spans_by_passage(passages, facts["mentions"], facts["quantities"], facts["timeline"], facts["claims"], lang)
    for row, spans in zip(passages.to_dict("records"), every):
        doc_id = row["doc_id"]
        title = docs["title"].get(doc_id, "") if "title" in docs else ""
        published = docs["published"].get(doc_id, "") if "published" in docs else ""
        source = docs["source"].get(doc_id, "") if "source" in docs else ""
        # Each part is isolated by its own direction, so an Arabic title does not flip the ISO date after it.
        caption = " · ".join(bidi.label(x) for x in (title, source, published) if isinstance(x, str) and x)
        links = [
            # The id is isolated left to right (LRI ... PDI), without any bidi control it carries, so it
            # reads the same in an Arabic line.
            (f"{t('open_passage', lang)} {bidi.ltr(row['passage_id'])}", passage_link(row["passage_id"], lang)),
            # The whole article in the reader, scrolled to this passage.
            (t("open_document", lang), article_link(doc_id, lang, row["passage_id"])),
        ]
        blocks.append(render_passage(row["text"], spans, lang=lang, header_links=links, caption=caption))
    st.html("".join(blocks))


def actor_links_html(entity_id: str, name: str, lang: str) -> str:
    """"<name>: its page · centre the network on it", for an actor clicked in a chart (a Vega click
    cannot navigate). The name comes from articles: controls dropped, isolated, escaped; the links
    are ``filters.entity_link`` and ``filters.network_link``, escaped as attributes."""
    label = bidi.isolate(name) or bidi.ltr(entity_id)
    links = " · ".join(
        f'<a href="{esc(href)}" target="_self">{esc(t(key, lang))}</a>'
        for key, href in (("open_entity", entity_link(entity_id, lang)), ("network_centre_on", network_link(entity_id, lang)))
    )
    return (f'<p class="marsad-actor-links" dir="{"rtl" if lang == "ar" else "ltr"}" style="margin:0;">'
            f"<strong>{esc(label)}</strong>: {links}</p>")
