"""Marsad dashboard, the frame: page config, shared sidebar filters, navigation.

Run from the repository root (Streamlit reads ``.streamlit/config.toml`` from the
working directory)::

    MARSAD_DATA=data/seeds streamlit run dashboard/app.py

The filters live in the URL (``?actor=...&topic=...&q=...&lang=en``) so a view can
be shared; every page gets the same filters and counts through ``views.common.current()`` and asks
``dashboard.data`` (DuckDB over the Parquet files) for exactly the rows it shows.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # `streamlit run dashboard/app.py` puts only dashboard/ on the path
    sys.path.insert(0, str(ROOT))

import duckdb  # noqa: E402
import pyarrow as pa  # noqa: E402
import streamlit as st  # noqa: E402

from dashboard import bidi, charts, data, i18n, validate  # noqa: E402
from dashboard.filters import ACTOR_MODES, ENTITY_TYPES, URL_KEYS, Filters, describe  # noqa: E402
from dashboard.highlight import esc  # noqa: E402
from dashboard.i18n import t  # noqa: E402
from dashboard.views.common import (  # noqa: E402
    CONTEXT_KEY,
    DOC_FILTER_KEY,
    EVENT_DATES_KEY,
    EVENT_DATES_WIDGET,
    Context,
    entity_links_html,
)

# Widget keys (stable, for URL sync and for browser tests: Streamlit adds the class st-key-<key>).
K_LANG = "ui_lang"
K_ACTOR = "filter_actor"
K_ACTOR_SEARCH = "filter_actor_search"
K_ACTOR_MODE = "filter_actor_mode"
K_TOPIC = "filter_topic"
K_TYPE = "filter_type"
K_DATES = "filter_dates"
K_OUTLET = "filter_outlet"
K_DOC = DOC_FILTER_KEY
K_TEXT = "filter_text"
K_RESET = "filter_reset"
FILTER_KEYS = (K_ACTOR, K_ACTOR_SEARCH, K_ACTOR_MODE, K_TOPIC, K_TYPE, K_DATES, K_OUTLET, K_DOC, K_TEXT,
               EVENT_DATES_KEY, EVENT_DATES_WIDGET)
URL_LOADED = "_marsad_url_loaded"
K_DATE_BOUNDS = "_marsad_date_bounds"

# Options sent to the browser with every rerun: enough to search, small enough to stay fast.
MAX_ACTOR_OPTIONS = 3000
MAX_ACTOR_MATCHES = 100  # of a search: the best ones, offered first
MAX_DOC_OPTIONS = 1000
TITLE_CHARS = 90

# No page icons: Streamlit turns the current page's icon into a favicon fetched from a CDN.
PAGES = (
    ("overview", "views/overview.py"),
    ("timeline", "views/timeline.py"),
    ("passages", "views/passages.py"),
    ("article", "views/article.py"),
    ("claims", "views/claims.py"),
    ("quantities", "views/quantities.py"),
    ("entities", "views/entities.py"),
    ("entity", "views/entity.py"),
    ("network", "views/network.py"),
    ("compare", "views/compare.py"),
    ("map", "views/map.py"),
    ("add", "views/add_articles.py"),
)

# URL parameters that belong to pages, not to the filters: each is dropped on the pages it does not
# belong to, so a link to one passage or an order chosen on one page does not follow the analyst.
PAGE_PARAMS = {
    "passage": ("passages", "article"),
    "sort": ("passages",),
    "page": ("passages",),
    "speaker": ("claims",),
    "claims_sort": ("claims",),
    "claim_frame": ("claims",),
    "centre": ("network",),
    "entity": ("entity",),  # filters.entity_link
    "find": ("entity",),  # filters.entity_name_links: a name without an id, searched on the entity page
}

# Our own CSS (no article text): right-to-left text blocks for the Arabic interface,
# without a global direction that would flip the charts' legends.
RTL_CSS = """<style>
section[data-testid="stSidebar"] { direction: rtl; }
[data-testid="stMarkdownContainer"], [data-testid="stCaptionContainer"], [data-testid="stHeading"],
[data-testid="stWidgetLabel"], [data-testid="stMetric"], [data-testid="stAlert"] { direction: rtl; text-align: right; }
[data-testid="stDateInput"] input, [data-testid="stDateInputField"], [data-testid="stMetricValue"] {
  direction: ltr; unicode-bidi: isolate; }
</style>"""
# Metric values at Streamlit's 2.25rem cut a date (2024-06-18) to "…24-06-18" in a fifth of the page.
TOOLTIP_CSS = """<style>#vg-tooltip-element { direction: rtl; text-align: right; }
[data-testid="stMetricValue"] { font-size: 1.8rem; }</style>"""


def load_url_state(facets: dict) -> None:
    """On a session's first run, seed the widgets from the URL's query params."""
    if st.session_state.get(URL_LOADED):
        return
    params = st.query_params
    f = Filters.from_query_params(params)
    st.session_state[K_LANG] = i18n.lang_or_default(params.get("lang"))
    st.session_state[K_ACTOR] = list(f.actors)
    st.session_state[K_ACTOR_MODE] = f.actor_mode
    st.session_state[K_TOPIC] = list(f.topics)
    st.session_state[K_TYPE] = list(f.types)
    st.session_state[K_OUTLET] = list(f.outlets)
    st.session_state[K_DOC] = list(f.docs)
    st.session_state[K_TEXT] = f.text
    st.session_state[EVENT_DATES_KEY] = (f.event_from, f.event_to)
    if facets["date_min"] and facets["date_max"]:
        lo, hi = _date(facets["date_min"]), _date(facets["date_max"])
        start = max(lo, _date(f.date_from)) if f.date_from else lo
        end = min(hi, _date(f.date_to)) if f.date_to else hi
        st.session_state[K_DATES] = (start, end) if start <= end else (lo, hi)
    st.session_state[URL_LOADED] = True


def _date(iso: str):
    import datetime as dt

    return dt.date.fromisoformat(str(iso)[:10])


def reset_filters() -> None:
    for key in FILTER_KEYS:
        st.session_state.pop(key, None)
    st.session_state[URL_LOADED] = False
    for key in URL_KEYS.values():
        if key in st.query_params:
            del st.query_params[key]


def sidebar_filters(lang: str, folder: str, version: tuple, facets: dict) -> Filters:
    """Draw the shared filters; return them as one Filters value."""
    ss = st.session_state
    st.sidebar.header(t("filters", lang))

    # Actors: a search box ranked here (every name and alias, normalised, whole words before prefixes,
    # weighted by mentions: actor_search) puts its matches first in the list, the most mentioned follow
    # (a search never hides an actor). The list's own typing filter is "contains", which keeps this order
    # (its default fuzzy ranking put فريد ترامب before Donald Trump). Chosen actors always stay options.
    top, labels = data.actor_options(folder, version, lang, MAX_ACTOR_OPTIONS)
    ss[K_ACTOR] = data.known_actors(folder, version, tuple(ss.get(K_ACTOR, [])))
    search = st.sidebar.text_input(
        t("filter_actor_search", lang), key=K_ACTOR_SEARCH, help=t("filter_actor_search_help", lang)
    ).strip()
    matches = data.find_actors(folder, version, search, MAX_ACTOR_MATCHES) if search else []
    options = list(dict.fromkeys([*matches, *top, *ss[K_ACTOR]]))
    missing = tuple(a for a in options if a not in labels)
    if missing:
        labels = {**labels, **data.actor_labels(folder, version, lang, missing)}
    if search:
        # Names come from articles: escaped and isolated, in HTML (st.caption would read them as Markdown).
        note = (t("actor_best_match", lang, query=bidi.isolate(search), best=bidi.isolate(labels[matches[0]]))
                if matches else t("actor_no_match", lang, query=bidi.isolate(search)))
        st.sidebar.html(
            f'<p class="marsad-actor-match" dir="{i18n.direction(lang)}" style="font-size:0.85rem;margin:0;">'
            f"{esc(note)}</p>"
        )
    st.sidebar.multiselect(
        t("filter_actor", lang), options, key=K_ACTOR, format_func=lambda e: labels.get(e, e),
        help=t("filter_actor_help", lang), placeholder=t("choose", lang), filter_mode="contains",
        select_all=False,  # no "Select all" row: Enter then picks the first (best) match, not every actor
    )
    if ss[K_ACTOR]:  # each chosen actor's own page (names are article data: escaped, isolated)
        names = data.actor_names(folder, version, lang, tuple(ss[K_ACTOR]))
        st.sidebar.html(
            f'<p class="marsad-actor-profiles" dir="{i18n.direction(lang)}" style="font-size:0.85rem;margin:0;">'
            f'{esc(t("entity_chosen_actors", lang))} {entity_links_html(ss[K_ACTOR], names, lang)}</p>'
        )
    if ss.get(K_ACTOR_MODE) not in ACTOR_MODES:
        ss[K_ACTOR_MODE] = ACTOR_MODES[0]
    st.sidebar.radio(
        t("filter_actor_mode", lang), ACTOR_MODES, key=K_ACTOR_MODE, horizontal=True,
        format_func=lambda m: t(f"actor_mode_{m}", lang), help=t("filter_actor_mode_help", lang),
        disabled=len(ss[K_ACTOR]) < 2,  # one actor: "all" and "any" are the same passages
    )

    topic_names = charts.topic_labels(lang)
    topics = list(facets["topics"])
    ss[K_TOPIC] = [x for x in ss.get(K_TOPIC, []) if x in set(topics)]
    st.sidebar.multiselect(
        t("filter_topic", lang), topics, key=K_TOPIC, format_func=lambda x: topic_names.get(x, x),
        placeholder=t("choose", lang),
    )

    types = [x for x in ENTITY_TYPES if x in data.entity_types(folder, version)] or list(ENTITY_TYPES)
    ss[K_TYPE] = [x for x in ss.get(K_TYPE, []) if x in types]
    st.sidebar.multiselect(
        t("filter_type", lang), types, key=K_TYPE, format_func=lambda x: t(f"type_{x}", lang),
        placeholder=t("choose", lang),
    )

    date_from = date_to = None
    if facets["date_min"] and facets["date_max"]:
        lo, hi = _date(facets["date_min"]), _date(facets["date_max"])
        value = ss.get(K_DATES) or (lo, hi)
        if ss.get(K_DATE_BOUNDS) not in (None, (lo, hi)) and tuple(value) == ss[K_DATE_BOUNDS]:
            value = (lo, hi)  # new articles widened the range: "everything" stays everything
        ss[K_DATE_BOUNDS] = (lo, hi)
        value = tuple(min(max(v, lo), hi) for v in value)
        ss[K_DATES] = value
        st.sidebar.date_input(t("filter_dates", lang), min_value=lo, max_value=hi, key=K_DATES, format="YYYY-MM-DD")
        chosen = tuple(ss.get(K_DATES) or ())
        if len(chosen) >= 1 and chosen[0] > lo:
            date_from = chosen[0].isoformat()
        if len(chosen) == 2 and chosen[1] < hi:
            date_to = chosen[1].isoformat()

    outlets = list(facets["outlets"])
    ss[K_OUTLET] = [x for x in ss.get(K_OUTLET, []) if x in set(outlets)]
    st.sidebar.multiselect(t("filter_outlet", lang), outlets, key=K_OUTLET, placeholder=t("choose", lang),
                           format_func=bidi.strip)  # an outlet name is article data: no bidi control

    doc_ids = data.existing(folder, version, "documents", "doc_id", tuple(ss.get(K_DOC, [])))
    ss[K_DOC] = [d for d in ss.get(K_DOC, []) if d in doc_ids]
    recent = data.recent_documents(folder, version, MAX_DOC_OPTIONS)
    doc_options = list(ss[K_DOC]) + [d for d in recent if d not in set(ss[K_DOC])]
    titles = _doc_titles(data.document_info(folder, version, tuple(doc_options)), doc_options)
    st.sidebar.multiselect(
        t("filter_doc", lang), doc_options, key=K_DOC, format_func=lambda d: titles.get(d, d),
        placeholder=t("choose", lang),
    )

    st.sidebar.text_input(t("filter_text", lang), key=K_TEXT, help=t("filter_text_help", lang))
    st.sidebar.button(t("filter_reset", lang), key=K_RESET, on_click=reset_filters)

    # Set on the timeline page (it cuts the timeline only); kept here so every page carries it in the URL.
    event_from, event_to = ss.get(EVENT_DATES_KEY) or (None, None)
    return Filters(
        actors=tuple(ss[K_ACTOR]),
        actor_mode=ss[K_ACTOR_MODE],
        topics=tuple(ss[K_TOPIC]),
        types=tuple(ss[K_TYPE]),
        date_from=date_from,
        date_to=date_to,
        outlets=tuple(ss[K_OUTLET]),
        docs=tuple(ss[K_DOC]),
        text=ss.get(K_TEXT, ""),
        event_from=event_from,
        event_to=event_to,
    )


def _doc_titles(documents, doc_ids, dates: bool = True) -> dict[str, str]:
    """Doc id -> "title (published)" for the documents filter; the title alone with ``dates=False``
    (for the filter sentence, which drops every bidi control of a name, the date's isolate included:
    an Arabic title then pulled "(2018-06-01)" into its run and reversed it, in the English sentence)."""
    sub = documents[documents["doc_id"].isin(doc_ids)]
    out = {}
    for doc_id, title, published in zip(sub["doc_id"], sub["title"], sub["published"]):
        # Without its bidi controls (an article's title is untrusted); isolated, so an Arabic title
        # does not reorder the ISO date after it (an LTR run of its own).
        title = bidi.strip(title) or bidi.strip(doc_id) or str(doc_id)
        title = title if len(title) <= TITLE_CHARS else title[: TITLE_CHARS - 1] + "…"
        published = bidi.strip(published) if isinstance(published, str) and dates else ""
        out[doc_id] = f"{bidi.isolate(title)} ({bidi.ltr(published)})" if published else bidi.isolate(title)
    return out


def sync_url(filters: Filters, lang: str) -> None:
    """Write the filters (and language) into the URL, touching only our keys."""
    want = filters.to_query_params()
    want["lang"] = lang
    for key in (*URL_KEYS.values(), "lang"):
        value = want.get(key)
        if value is None:
            if key in st.query_params:
                del st.query_params[key]
            continue
        values = [value] if isinstance(value, str) else list(value)
        if st.query_params.get_all(key) != values:
            st.query_params[key] = values if len(values) > 1 else values[0]


def main() -> None:
    # No page_icon: a material or emoji favicon is fetched from a CDN, and the app must work offline.
    st.set_page_config(page_title="Marsad · مرصد", layout="wide")
    params_lang = st.session_state.get(K_LANG) or i18n.lang_or_default(st.query_params.get("lang"))
    # Caches are keyed by the resolved folder: a symlink swapped to a new version is a new key.
    folder = data.data_dir().resolve()
    version = data.dataset_version(folder)

    # The dataset's name for `--out` (a link to the version read is not followed: rebuilding
    # into the version folder itself would be wrong).
    out = data.data_dir().absolute()
    if not version:
        lang = params_lang
        if lang == "ar":
            st.html(RTL_CSS)
        st.title(t("app_title", lang))
        st.warning(t("no_data", lang, path=str(out)))
        pages = [_page(name, path, lang) for name, path in PAGES if name == "add"]
        st.session_state[CONTEXT_KEY] = None
        st.navigation(pages).run()
        return
    # A missing, unreadable or malformed table: one message naming it and the rebuild command,
    # instead of a DuckDB or pandas trace on every page (checked once per version).
    problems = data.table_problems(str(folder), version)
    if problems:
        lang = params_lang
        if lang == "ar":
            st.html(RTL_CSS)
        st.title(t("app_title", lang))
        st.error(validate.message(problems, folder, out, lang))
        st.session_state[CONTEXT_KEY] = None
        st.stop()
    try:
        _dashboard(folder, version, params_lang)
    except (duckdb.Error, pa.ArrowException, OSError) as exc:  # a data page broken behind a sound footer
        st.error(validate.read_error_message(exc, folder, out, params_lang))


def _dashboard(folder: Path, version: tuple, params_lang: str) -> None:
    """The sidebar, the filter sentence and the page chosen, on tables that passed the check."""
    facets = data.facets(str(folder), version)
    load_url_state(facets)

    # Set, not only read: a widget's value survives st.switch_page (the overview's actor bars) only
    # when the script writes it back (like the filters below).
    st.session_state[K_LANG] = params_lang
    lang = st.sidebar.radio(
        t("language", params_lang), list(i18n.LANGS), key=K_LANG, format_func=i18n.LANG_NAMES.get, horizontal=True
    )
    if lang == "ar":
        st.html(RTL_CSS)
    st.html(TOOLTIP_CSS)

    # Read-only (``marsad serve --read-only``): no page to add articles (the server refuses uploads too).
    pages = [_page(name, path, lang) for name, path in PAGES if name != "add" or not data.read_only()]
    page = st.navigation(pages)
    for param, owners in PAGE_PARAMS.items():
        if page.url_path not in owners and param in st.query_params:
            del st.query_params[param]
    filters = sidebar_filters(lang, str(folder), version, facets)
    sync_url(filters, lang)
    summary = data.summary(str(folder), version, filters)

    actor_names = data.actor_names(str(folder), version, lang, filters.actors)
    topic_names = charts.topic_labels(lang)
    doc_titles = _doc_titles(data.document_info(str(folder), version, filters.docs), list(filters.docs), dates=False)
    sentence = describe(
        filters,
        lang,
        n_passages=summary["passages"],
        n_documents=summary["documents"],
        actor_names=actor_names,
        topic_names=topic_names,
        doc_titles=doc_titles,
    )
    st.session_state[CONTEXT_KEY] = Context(
        lang=lang,
        filters=filters,
        folder=str(folder),
        version=version,
        facets=facets,
        summary=summary,
        topic_names=topic_names,
    )
    st.title(page.title)
    st.html(
        f'<p class="marsad-filters" dir="{i18n.direction(lang)}" style="font-size:1.05rem;margin:0;">'
        f"{esc(sentence)}</p>"
    )
    page.run()
    data.warm_up(str(folder), version)


def _page(name: str, path: str, lang: str) -> st.Page:
    return st.Page(
        path,
        title=t(f"page_{name}", lang),
        url_path=Path(path).stem,  # /passages, /add_articles ...: the links use these
        default=(name == "overview"),
    )


main()
