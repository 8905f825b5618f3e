"""One actor: names and aliases, mentions over time, co-mentioned actors, claims by and about it,
its quantities and passages. ``?entity=<id>`` (``filters.entity_link``); without an id, a search.

Names and aliases come from the entities table and hold for the whole corpus; every count, the
chart and the tables are under the sidebar's filters (the passages they keep that mention it).
"""

from __future__ import annotations

import math
from dataclasses import replace

import pandas as pd
import streamlit as st

from dashboard import bidi, charts, data, export, time_window
from dashboard.filters import Filters, entity_link, entity_name_links
from dashboard.highlight import esc
from dashboard.i18n import direction, t, tn
from dashboard.views.common import (
    Context,
    export_chart,
    export_table,
    link_column,
    name_link_column,
    reading_order,
    render_passages,
    require_context,
    show_table,
)
from dashboard.views.fact_tables import claims_config, claims_frame, quantities_config, quantities_frame

PARAM = "entity"
FIND_PARAM = "find"  # the search box's text, from a link to a name without an id (entity_name_links)
FIND_KEY = "entity_find"
PAGE_KEY = "entity_page"
SEEN_KEY = "_marsad_entity_seen"
SHOW_ALL_KEY = "entity_time_all"
SECTION_KEY = "entity_section"
SECTIONS = ("claims_by", "claims_about", "quantities", "passages")  # the long lists, one shown at a time
PICK_LIMIT = 20  # actors listed by the search (or, before one, the most mentioned)
CO_MENTIONED = 20
PAGE_SIZE = 10
# Rows of each table (claims by, claims about, quantities), newest first: reading 10,000 claims whole
# took 1.5 s on the 48,631-article tables, 500 take about 0.2 s (the caption gives the total).
TABLE_ROWS = 500
MAX_ALIASES = 40  # spellings listed under the name (a country can have hundreds); the rest are counted


# ---------------------------------------------------------------- tables (frames shown and exported)


def co_mentioned_table(co: pd.DataFrame, entity_id: str, lang: str) -> pd.DataFrame:
    """The co-mentioned actors: each name opens its own page, the last column the passages naming both."""
    names = charts._display_names(co["name_ar"], co["name_en"], lang)
    both = [
        "passages" + Filters(actors=(entity_id, other), actor_mode="all").query_string(lang=lang)
        for other in co["entity_id"]
    ]
    return pd.DataFrame(
        {
            t("col_actor_profile", lang): entity_name_links(co["entity_id"], names, lang),
            t("col_type", lang): co["type"].map(lambda x: t(f"type_{x}", lang)),
            t("col_weight", lang): co["passages"].astype("int64"),
            t("col_documents", lang): co["documents"].astype("int64"),
            t("col_link", lang): pd.Series(both, index=co.index, dtype=object),
        }
    )


def passages_link(filters: Filters, entity_id: str, lang: str) -> str:
    """The passages page on this entity's passages under the filters: its id joins the chosen actors
    ("all of them": the passages naming it among those kept); with several actors chosen as "any of
    them", which the passages page cannot combine with it, it replaces them."""
    actors = filters.actors
    if entity_id in actors and (len(actors) == 1 or filters.actor_mode == "all"):
        chosen = replace(filters, actors=actors)
    elif len(actors) <= 1 or filters.actor_mode == "all":
        chosen = replace(filters, actors=(*actors, entity_id), actor_mode="all")
    else:
        chosen = replace(filters, actors=(entity_id,), actor_mode="any")
    return "passages" + chosen.query_string(lang=lang)


def _aliases(value) -> list[str]:
    if value is None or isinstance(value, str) or not hasattr(value, "__iter__"):
        return []
    return list(dict.fromkeys(a for a in (bidi.strip(v).strip() for v in value if isinstance(v, str)) if a))


def profile_html(row: pd.Series, entity_id: str, lang: str) -> str:
    """The entity's names, type, id, gazetteer flag and aliases; every value from the tables escaped
    and stripped of bidi controls, in containers of its own direction."""
    name_ar, name_en = bidi.strip(row.get("name_ar")).strip(), bidi.strip(row.get("name_en")).strip()
    heading = name_ar or name_en or bidi.strip(entity_id)
    gloss = name_en if name_ar and name_en and name_en != name_ar else ""
    etype = row.get("type")
    known = bool(row.get("known")) if pd.notna(row.get("known")) else False
    facts = [
        (t("col_type", lang), esc(t(f"type_{etype}", lang)) if isinstance(etype, str) and etype else "–"),
        (t("entity_id", lang), f'<bdi dir="ltr">{esc(bidi.strip(entity_id))}</bdi>'),
        (t("col_known", lang), esc(t("yes", lang) if known else t("entity_unknown", lang))),
    ]
    aliases = [a for a in _aliases(row.get("aliases")) if a not in (name_ar, name_en)]
    if aliases:
        shown = " · ".join(f"<bdi>{esc(a)}</bdi>" for a in aliases[:MAX_ALIASES])
        more = len(aliases) - MAX_ALIASES
        facts.append((t("col_aliases", lang), shown + (f' · <bdi dir="ltr">+{more:,}</bdi>' if more > 0 else "")))
    items = "".join(f'<li><b>{esc(label)}:</b> {value}</li>' for label, value in facts)
    english = (f' <span class="marsad-entity-gloss" dir="ltr" lang="en" style="font-size:1.1rem;color:#555;">'
               f"{esc(gloss)}</span>") if gloss else ""
    return (
        f'<div class="marsad-entity" dir="{direction(lang)}">'
        f'<h2 class="marsad-entity-name" style="margin:0 0 .3rem 0;"><bdi lang="{"ar" if bidi.has_arabic(heading) else "en"}">'
        f"{esc(heading)}</bdi>{english}</h2>"
        f'<ul class="marsad-entity-facts" style="list-style:none;padding:0;margin:0;">{items}</ul></div>'
    )


# ---------------------------------------------------------------- the page


def pick_actor(ctx: Context, note: str = "") -> None:
    """No entity chosen: a search box, and links to the matches (or to the most mentioned)."""
    lang = ctx.lang
    if note:
        st.warning(note)
    if FIND_KEY not in st.session_state and st.query_params.get(FIND_PARAM):
        st.session_state[FIND_KEY] = st.query_params.get(FIND_PARAM)
    st.caption(t("entity_pick", lang))
    query = st.text_input(t("entity_search", lang), key=FIND_KEY, help=t("entity_search_help", lang)).strip()
    if query:
        ids = data.find_actors(ctx.folder, ctx.version, query, PICK_LIMIT)
        if not ids:
            st.info(t("actor_no_match", lang, query=bidi.isolate(query)))
            return
        head = f"<p>{esc(t('entity_matches', lang, query=bidi.isolate(query)))}</p>"
    else:
        ids, _ = data.actor_options(ctx.folder, ctx.version, lang, PICK_LIMIT)
        head = ""
        if not ids:
            st.info(t("empty_actors", lang))
            return
    labels = data.actor_labels(ctx.folder, ctx.version, lang, tuple(ids))
    items = "".join(
        f'<li><a href="{esc(entity_link(e, lang))}" target="_self">{esc(bidi.isolate(labels.get(e, e)))}</a></li>'
        for e in ids
    )
    st.html(f'<div class="marsad-entity-pick" dir="{direction(lang)}">{head}<ol>{items}</ol></div>')


def render(ctx: Context) -> None:
    lang = ctx.lang
    entity_id = (st.query_params.get(PARAM) or "").strip()
    table = data.entity_table(ctx.folder, ctx.version)
    if not entity_id:
        pick_actor(ctx)
        return
    if entity_id not in table.index:
        pick_actor(ctx, t("entity_not_found", lang, id=bidi.isolate(entity_id)))
        return
    row = table.loc[entity_id]
    st.html(profile_html(row, entity_id, lang))
    st.caption(t("entity_whole_corpus", lang, mentions=tn("count_mentions", int(row["mentions"]), lang),
                 documents=tn("count_in_documents", int(row["documents"]), lang)))
    if ctx.filters.active:
        st.caption(t("entity_under_filters", lang))

    f = ctx.filters
    totals = data.entity_totals(ctx.folder, ctx.version, f, entity_id)
    counts = data.entity_fact_counts(ctx.folder, ctx.version, f, entity_id)
    shown = [("entity_metric_mentions", totals["mentions"]), ("entity_metric_passages", totals["passages"]),
             ("entity_metric_documents", totals["documents"]), ("entity_metric_claims_by", counts["claims_by"])]
    # Columns lay out left to right: in Arabic the first figure goes to the right, where reading starts.
    for col, (key, value) in zip(st.columns(len(shown)), reading_order(shown, lang)):
        col.metric(t(key, lang), f"{value:,}")
    if totals["passages"] == 0:
        st.info(t("entity_nothing", lang))
        return
    base = export.file_name(bidi.strip(row.get("name_en")) or entity_id, "csv")[:-4]

    mentions_over_time(ctx, entity_id, row.get("type"), base)
    co_mentioned(ctx, entity_id, base)

    # One of the long lists at a time (each reads its rows from the tables): the page opens faster,
    # and the choice says how many rows each holds.
    sizes = {**counts, "passages": totals["passages"]}
    if lang == "ar":  # the choices read from the right, like the text (this widget only: no global direction)
        st.html(f"<style>.st-key-{SECTION_KEY} {{ direction: rtl; width: 100%; }}</style>")
    first = next((i for i, s in enumerate(SECTIONS) if sizes[s]), len(SECTIONS) - 1)  # the first that has rows
    section = st.radio(t("entity_section", lang), SECTIONS, index=first, key=SECTION_KEY, horizontal=True,
                       format_func=lambda s: f"{t(f'entity_tab_{s}', lang)} ({sizes[s]:,})")
    st.subheader(t(f"entity_{section}", lang))
    if section in ("claims_by", "claims_about"):
        side = section.removeprefix("claims_")
        claims, total = data.entity_claims(ctx.folder, ctx.version, f, entity_id, side, TABLE_ROWS)
        claims_section(ctx, claims, total, side, base)
    elif section == "quantities":
        quantities_section(ctx, entity_id, base)
    else:
        passages_section(ctx, entity_id, totals["passages"], base)


def quantities_section(ctx: Context, entity_id: str, base: str) -> None:
    lang = ctx.lang
    q, n_q = data.entity_quantities(ctx.folder, ctx.version, ctx.filters, entity_id, TABLE_ROWS)
    if n_q == 0:
        st.info(t("entity_quantities_none", lang))
        return
    config = quantities_config(lang)
    show_table(quantities_frame(q, lang), config, "entity_quantities_table", lang, "quantities", total=n_q,
               off_screen=(t("col_passage_id", lang),), export_base=f"{base}_quantities")


def mentions_over_time(ctx: Context, entity_id: str, entity_type, base: str) -> None:
    lang = ctx.lang
    st.subheader(t("entity_over_time", lang))
    days = data.entity_mention_days(ctx.folder, ctx.version, ctx.filters, entity_id)
    if days.empty:
        st.info(charts.ui_strings(lang)["no_data"])  # its articles carry no publication date
        return
    window, full = time_windows(days)
    shown = window
    if window is not None:
        st.toggle(t("entity_show_all", lang, extent=span_label(full, lang)), key=SHOW_ALL_KEY)
        if st.session_state.get(SHOW_ALL_KEY):
            shown = None
        else:
            st.caption(tn("entity_window", window.outside, lang, window=span_label(window, lang),
                          before=f"{window.before:,}", after=f"{window.after:,}"))
    if shown is not None:
        unit = charts.mention_bin_unit(shown.start, shown.end)
    else:
        first, last = time_window.period_spans(days["period"])
        unit = charts.mention_bin_unit(first.min(), last.max())
    bins = charts.mention_bins(days, unit)
    chart = charts.mentions_over_time_chart(bins, entity_type if isinstance(entity_type, str) else None, lang,
                                            shown if (shown is not None and shown.outside) else None)
    st.altair_chart(chart, key="entity_over_time_chart", width="stretch")
    st.caption(t("entity_bin", lang, unit=t(f"bin_{unit}", lang)))
    export_chart(chart, f"{base}_mentions_over_time", "entity_over_time_export", lang)
    export_table(bins.assign(start=bins["start"].dt.strftime("%Y-%m-%d"), end=bins["end"].dt.strftime("%Y-%m-%d")),
                 f"{base}_mentions_over_time", "entity_over_time_table", lang)


# The chart opens on the bulk of the mentions only when a tail would squeeze it: when the window
# holding all but 2% of them (time_window.publication_window) is under half the whole span.
WINDOW_SHARE_OF_SPAN = 0.5


def time_windows(days: pd.DataFrame):
    """(window the chart opens on, or None to show every period; the full window) of per-day counts."""
    full = time_window.full_window(*time_window.period_spans(days["period"]), days["mentions"])
    window = time_window.publication_window(days, "mentions")
    if window is None or full is None or not window.outside:
        return None, full
    if (window.end - window.start) >= WINDOW_SHARE_OF_SPAN * (full.end - full.start):
        return None, full
    return window, full


def span_label(window, lang: str) -> str:
    """The first and last period of a window in words that read in order in either direction
    ("2016 → 2018"; in Arabic "من 2016 إلى 2018": an arrow between two dates reverses in a
    right-to-left line where the label's isolates are not kept)."""
    label = window.label()
    if " → " not in label:
        return label
    start, end = label.split(" → ")
    return t("entity_span", lang, start=start, end=end)


def co_mentioned(ctx: Context, entity_id: str, base: str) -> None:
    lang = ctx.lang
    st.subheader(t("entity_co_mentioned", lang))
    co = data.entity_co_mentions(ctx.folder, ctx.version, ctx.filters, entity_id, CO_MENTIONED)
    if co.empty:
        st.info(t("entity_co_none", lang))
        return
    config = {
        t("col_actor_profile", lang): name_link_column(t("col_actor_profile", lang), width=220),
        t("col_type", lang): st.column_config.TextColumn(t("col_type", lang), width=120),
        t("col_weight", lang): st.column_config.NumberColumn(t("col_weight", lang), format="localized", width=110),
        t("col_documents", lang): st.column_config.NumberColumn(t("col_documents", lang), format="localized", width=90),
        t("col_link", lang): link_column(lang, text_key="page_passages", width=80),
    }
    show_table(co_mentioned_table(co, entity_id, lang), config, "entity_co_table", lang, "co_mentioned",
               export_base=f"{base}_co_mentioned")


def claims_section(ctx: Context, claims: pd.DataFrame, total: int, side: str, base: str) -> None:
    lang = ctx.lang
    if total == 0:
        st.info(t(f"entity_claims_{side}_none", lang))
        return
    config = claims_config(lang)
    show_table(claims_frame(claims, lang), config, f"entity_claims_{side}_table", lang, f"claims_{side}", total=total,
               off_screen=(t("col_passage_id", lang),), export_base=f"{base}_claims_{side}")


def passages_section(ctx: Context, entity_id: str, total: int, base: str) -> None:
    lang = ctx.lang
    st.subheader(t("entity_passages", lang))
    pages = max(1, math.ceil(total / PAGE_SIZE))
    seen = (entity_id, ctx.filters)
    if st.session_state.get(SEEN_KEY) != seen or st.session_state.get(PAGE_KEY, 1) > pages:
        st.session_state[PAGE_KEY] = 1  # another entity or other filters: back to the first page
    st.session_state[SEEN_KEY] = seen
    link = passages_link(ctx.filters, entity_id, lang)
    st.html(
        f'<p class="marsad-entity-all" dir="{direction(lang)}"><a href="{esc(link)}" target="_self">'
        f'{esc(t("entity_all_passages", lang, n=f"{total:,}"))}</a></p>'
    )
    page = st.number_input(t("page_number", lang), min_value=1, max_value=pages, step=1, key=PAGE_KEY)
    first = (int(page) - 1) * PAGE_SIZE
    shown = data.entity_passage_page(ctx.folder, ctx.version, ctx.filters, entity_id, first, PAGE_SIZE)
    st.caption(t("page_of", lang, first=first + 1, last=first + len(shown), total=f"{total:,}"))
    render_passages(ctx, shown)


render(require_context())
