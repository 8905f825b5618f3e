"""Network: actors named in the same passage, as a node-link graph or a matrix, and two tables.

The graph's actors, pairs and layout come from ``data.network_layout`` (SQL counts, then
``dashboard.graph``); the sidebar filters apply, and the controls here choose how many actors,
the minimum of passages together for a line, the entity types and an actor to centre on.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from dashboard import charts, data, export
from dashboard.filters import ENTITY_TYPES, entity_link
from dashboard.graph import DEFAULT_ACTORS, MAX_ACTORS
from dashboard.i18n import t, tn
from dashboard.views.common import (
    Context,
    actor_links_html,
    export_chart,
    link_column,
    nothing,
    require_context,
    show_table,
    site_root,
)

# The minimum of passages together for a line: "auto" (None) or one of these.
MIN_WEIGHTS = (None, 1, 2, 3, 5, 10, 20, 50, 100, 200, 500, 1000)
ACTOR_COUNTS = (5, 10, 15, 20, 25, 30, 40, 50, MAX_ACTORS)
VIEWS = ("graph", "matrix")
K_TOP, K_MIN, K_TYPES, K_CENTRE, K_VIEW = "network_top", "network_min", "network_types", "network_centre", "network_view"
URL_CENTRE = "centre"
K_TABLES = "network_tables"
VIEW_RTL_CSS = (f"<style>.st-key-{K_VIEW} {{ direction: rtl; align-self: flex-end; }}"
                f".st-key-{K_TABLES} [role=tablist] {{ direction: rtl; }}</style>")


def render(ctx: Context) -> None:
    if nothing(ctx):
        return
    lang, ss = ctx.lang, st.session_state
    st.subheader(t("network_title", lang))

    # Types: those with mentions, cut to the sidebar's types when it names some; none chosen here means all.
    present = set(data.entity_types(ctx.folder, ctx.version))
    offered = [x for x in ENTITY_TYPES if x in present and (not ctx.filters.types or x in ctx.filters.types)]
    ss[K_TYPES] = [x for x in ss.get(K_TYPES, []) if x in offered]
    controls = st.columns([1.1, 1.3, 1.4, 1.6], gap="medium")
    # Arabic reads from the right: the first control (how many actors) sits at the right edge.
    controls = controls[::-1] if lang == "ar" else controls
    # Choices, not sliders: in an Arabic browser Streamlit's slider draws its thumb right to left and its
    # filled track left to right, so it reads wrong.
    top_n = controls[0].selectbox(t("network_top", lang), ACTOR_COUNTS, index=ACTOR_COUNTS.index(DEFAULT_ACTORS),
                                  key=K_TOP, help=t("network_top_help", lang))
    min_weight = controls[1].selectbox(
        t("network_min_weight", lang), MIN_WEIGHTS, index=0, key=K_MIN, help=t("network_min_weight_help", lang),
        format_func=lambda w: t("network_min_auto", lang) if w is None else f"{w:,}",
    )
    chosen = controls[2].multiselect(
        t("network_types", lang), offered, key=K_TYPES, format_func=lambda x: t(f"type_{x}", lang),
        placeholder=t("network_types_all", lang),
    )
    # No type clause when every type is shown (also keeps mentions of types outside ENTITY_TYPES).
    types = tuple(sorted(chosen)) if chosen and set(chosen) != set(offered) else tuple(ctx.filters.types)

    # ``network?centre=<entity id>`` opens on that actor's ego network (a link from its entity page).
    asked = st.query_params.get(URL_CENTRE)
    asked = data.known_actors(ctx.folder, ctx.version, (asked,)) if asked and K_CENTRE not in ss else []
    candidates = data.network_top(ctx.folder, ctx.version, ctx.filters, types)[0]["entity_id"].tolist()
    if asked:
        ss[K_CENTRE] = asked[0]
    current = [ss[K_CENTRE]] if ss.get(K_CENTRE) else []  # stays an option whatever the filters keep
    options = [""] + list(dict.fromkeys([*current, *ctx.filters.actors, *candidates]))
    labels = data.actor_labels(ctx.folder, ctx.version, lang, tuple(options[1:]))
    centre = controls[3].selectbox(
        t("network_centre", lang), options, key=K_CENTRE, help=t("network_centre_help", lang),
        format_func=lambda e: labels.get(e, e) if e else t("network_centre_none", lang),
    ) or None
    if centre:
        st.query_params[URL_CENTRE] = centre  # the view can be shared
    elif URL_CENTRE in st.query_params:
        del st.query_params[URL_CENTRE]

    nodes, edges, used = data.network_layout(ctx.folder, ctx.version, ctx.filters, top_n, types, centre, min_weight)
    if nodes.empty:
        st.info(t("network_centre_missing", lang) if centre else t("empty_network", lang))
        return
    if centre and centre not in set(nodes["entity_id"]):
        st.info(t("network_centre_missing", lang))
    at_least = tn("count_passages", used, lang)
    # One row: the choice of view where reading starts, what is drawn beside it.
    row = st.columns([3, 1] if lang == "ar" else [1, 3], vertical_alignment="center")
    choice, summary = row[::-1] if lang == "ar" else row
    if lang == "ar":  # the choice reads from the right like the page (scoped to this widget, not global)
        st.html(VIEW_RTL_CSS)
    view = choice.radio(t("network_view", lang), VIEWS, key=K_VIEW, horizontal=True,
                        format_func=lambda v: t(f"network_view_{v}", lang), label_visibility="collapsed")
    summary.caption(t("network_summary", lang, actors=tn("network_count_actors", len(nodes), lang),
                      pairs=tn("network_count_pairs", len(edges), lang), min=at_least))
    names = pd.Series(data.actor_names(ctx.folder, ctx.version, lang, tuple(nodes["entity_id"])), dtype=object)
    pairs = edges.assign(
        source_label=edges["source_id"].map(names).fillna(edges["source_id"]),
        target_label=edges["target_id"].map(names).fillna(edges["target_id"]),
    )
    if view == "graph":
        chart = charts.network_chart(nodes, edges, lang)
        event = st.altair_chart(chart, key="network_graph", width="stretch", on_select="rerun",
                                selection_mode=[charts.NETWORK_SELECTION])
        picked = [p.get("entity_id") for p in event.selection.get(charts.NETWORK_SELECTION) or []]
        picked = [e for e in picked if e in set(nodes["entity_id"])]  # a click from before the filters changed
        if picked:
            st.html("".join(actor_links_html(e, names.get(e, e), lang) for e in picked[:3]))
        st.caption(t("network_legend", lang))
        export_chart(chart, "network", "network_graph_export", lang)
    elif pairs.empty:
        st.info(t("network_no_pairs", lang, min=at_least))
    else:
        chart = charts.cooccurrence_chart(pairs, lang)
        st.altair_chart(chart, key="network_chart", width="stretch")
        export_chart(chart, "cooccurrence", "network_chart_export", lang)
    if view == "graph" and pairs.empty:
        st.info(t("network_no_pairs", lang, min=at_least))

    with st.container(key=K_TABLES):
        pairs_tab, actors_tab = st.tabs([t("network_pairs", lang), t("network_actors", lang)])
        with pairs_tab:
            _pairs_table(ctx, pairs)
        with actors_tab:
            _actors_table(ctx, nodes, names)


def _pairs_table(ctx: Context, pairs: pd.DataFrame) -> None:
    """One row per line drawn: both actors, their pages, and the passages naming both under the same filters."""
    lang = ctx.lang
    if pairs.empty:
        return
    root = site_root()
    table = pd.DataFrame(
        {
            t("col_source_actor", lang): pairs["source_label"],
            t("col_target_actor", lang): pairs["target_label"],
            t("col_weight", lang): pairs["weight"],
            t("col_actor_page", lang): _entity_links(pairs["source_id"], lang, root),
            t("col_target_page", lang): _entity_links(pairs["target_id"], lang, root),
            t("col_link", lang): [pair_link(ctx, a, b) for a, b in zip(pairs["source_id"], pairs["target_id"])],
        }
    )
    config = {
        t("col_actor_page", lang): link_column(lang, "col_actor_page", "open_entity"),
        t("col_target_page", lang): link_column(lang, "col_target_page", "open_entity"),
        t("col_link", lang): link_column(lang, text_key="open_pair_passages"),
    }
    show_table(table, config, "network_table", lang, "cooccurrence")


def _actors_table(ctx: Context, nodes: pd.DataFrame, names: pd.Series) -> None:
    """One row per actor drawn, with its page (reached from here: a click on a circle cannot navigate)."""
    lang = ctx.lang
    table = pd.DataFrame(
        {
            t("col_source_actor", lang): nodes["entity_id"].map(names).fillna(nodes["entity_id"]),
            t("col_type", lang): nodes["type"].map(lambda x: t(f"type_{x}", lang) if isinstance(x, str) and x else ""),
            t("col_mentions", lang): nodes["mentions"],
            t("col_actor_degree", lang): nodes["degree"],
            t("col_actor_page", lang): _entity_links(nodes["entity_id"], lang, site_root()),
        }
    )
    config = {t("col_actor_page", lang): link_column(lang, "col_actor_page", "open_entity")}
    show_table(table, config, "network_actors_table", lang, "network_actors")


def _entity_links(ids: pd.Series, lang: str, root: str) -> pd.Series:
    return export.absolute_links(pd.Series([entity_link(e, lang) for e in ids], index=ids.index, dtype=object), root)


def pair_link(ctx: Context, a: str, b: str) -> str:
    """The passages page for the passages naming both ``a`` and ``b`` under the current filters.

    The line counts passages the filters keep that name both; the link asks for the same: the pair
    joins the chosen actors with "all of them". Several actors chosen with "any of them" cannot be
    combined with a pair in one address: the link then keeps the pair and the other filters."""
    f = ctx.filters
    kept = f.actors if (f.actor_mode == "all" or len(f.actors) <= 1) else ()
    return "passages" + replace(f, actors=(*kept, a, b), actor_mode="all").query_string(lang=ctx.lang)


render(require_context())
