"""Compare: actors or texts side by side over time (Media Cloud's attention), and outlets side by side.

Series live in the session and in the URL (``cmp=actor:<id>``, ``cmp=q:<text>``, repeated), so a
comparison can be shared. Each series is one DuckDB query (``data.day_outlet_counts``, cached per
its filters) giving articles and passages per (day, outlet); periods, shares and outlets are sums
of those rows (``dashboard.compare``).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import bidi, charts, compare, data, export, i18n, palette, time_window
from dashboard.compare import MAX_SERIES, Series
from dashboard.filters import entity_link
from dashboard.highlight import esc
from dashboard.i18n import t, tn
from dashboard.views.common import (
    Context,
    export_chart,
    link_column,
    ltr_in,
    require_context,
    show_table,
    site_root,
)

SERIES_KEY = "_marsad_compare_series"  # the series' URL forms, in order (not a widget: it survives other pages)
LOADED_KEY = "_marsad_compare_loaded"
NOTE_KEY = "_marsad_compare_note"  # why the last "Add" added nothing
KEPT_KEY = "_marsad_compare_options"  # the options' widget values, kept while another page is shown
K_KIND = "compare_kind"
K_SEARCH = "compare_actor_search"
K_PICK = "compare_actor_pick"
K_QUERY = "compare_query"
K_ADD = "compare_add"
K_MEASURE = "compare_measure"
K_STORIES = "compare_stories"
# The measure's label for each counting unit (a share is of every article, or of every story).
MEASURE_LABELS = {
    "articles": {"articles": "compare_measure_articles", "share": "compare_measure_share"},
    "stories": {"articles": "compare_measure_stories", "share": "compare_measure_share_stories"},
}
K_PERIOD = "compare_period"
K_SHOW_ALL = "compare_show_all"
K_OUTLETS = "compare_outlets"
OPTION_KEYS = (K_MEASURE, K_PERIOD, K_SHOW_ALL, K_OUTLETS)
AUTO = "auto"
ACTOR_CHOICES = 200  # actors offered before anything is typed: the most mentioned
ACTOR_MATCHES = 50
DEFAULT_ACTORS = 3  # series a first visit opens on: the most mentioned people under the filters
CHIP_COLUMNS = 4  # at least: a chip in a sixth of the page broke "Donald Trump" over two lines
MAX_OUTLET_BARS = 40
# Our own containers of widgets read right to left in Arabic (columns, radio options): the "Add"
# button comes last and the first series first, from the right. Never the charts' containers.
RTL_CONTROLS_CSS = """<style>
.st-key-compare_picker, .st-key-compare_chips, .st-key-compare_options { direction: rtl; }
</style>"""  # the biggest outlets in the chart; the table has them all


# ---------------------------------------------------------------- state and URL


def load_state(ctx: Context) -> None:
    """On the page's first run in a session: the series and options from the URL, else the sidebar's
    actors and text, else the most mentioned people under the filters."""
    ss = st.session_state
    if ss.get(LOADED_KEY):
        return
    params = st.query_params
    series = compare.parse_series(params.get_all(compare.URL_KEY))
    known = set(data.known_actors(ctx.folder, ctx.version, tuple(s.value for s in series if s.kind == compare.ACTOR)))
    series = tuple(s for s in series if s.kind != compare.ACTOR or s.value in known)
    if not params.get_all(compare.URL_KEY):
        series = default_series(ctx)
    ss[SERIES_KEY] = [s.spec for s in series]
    if params.get(compare.URL_PERIOD) in compare.PERIODS:
        ss[K_PERIOD] = params.get(compare.URL_PERIOD)
    if params.get(compare.URL_MEASURE) in compare.MEASURES:
        ss[K_MEASURE] = params.get(compare.URL_MEASURE)
    outlets = params.get(compare.URL_OUTLETS)
    if outlets and outlets.isdigit():
        ss[K_OUTLETS] = int(outlets)
    ss[LOADED_KEY] = True


def default_series(ctx: Context) -> tuple[Series, ...]:
    f = ctx.filters
    chosen = [Series(compare.ACTOR, a) for a in f.actors]
    if f.text and Series.parse(f"{compare.QUERY}:{f.text}"):
        chosen.append(Series(compare.QUERY, f.text))
    if chosen:
        return tuple(chosen[:MAX_SERIES])
    top = data.entity_counts(ctx.folder, ctx.version, f, 50)
    people = top[top["type"] == "PERSON"]
    pick = (people if len(people) >= 2 else top)["entity_id"].head(DEFAULT_ACTORS)
    return tuple(Series(compare.ACTOR, str(e)) for e in pick)


def restore_options() -> None:
    """Streamlit forgets a widget's value when a run does not draw it (another page): put back the
    measure, period, window and outlet series the analyst chose, so they survive a visit elsewhere."""
    ss = st.session_state
    for key, value in ss.get(KEPT_KEY, {}).items():
        if key not in ss:
            ss[key] = value


def keep_options() -> None:
    ss = st.session_state
    ss[KEPT_KEY] = {key: ss[key] for key in OPTION_KEYS if key in ss}


def current_series() -> tuple[Series, ...]:
    return compare.parse_series(st.session_state.get(SERIES_KEY, []))


def sync_url(series, period: str, measure: str, outlets: int) -> None:
    """Write the comparison into the URL (our keys only; defaults left out)."""
    want = {
        compare.URL_KEY: [s.spec for s in series],
        compare.URL_PERIOD: [] if period == AUTO else [period],
        compare.URL_MEASURE: [] if measure == compare.MEASURES[0] else [measure],
        compare.URL_OUTLETS: [] if outlets <= 1 else [str(outlets)],
    }
    for key, values in want.items():
        if st.query_params.get_all(key) == values:
            continue
        if values:
            st.query_params[key] = values if len(values) > 1 else values[0]
        elif key in st.query_params:
            del st.query_params[key]


def add_series(lang: str, names: dict) -> None:
    """The "Add" button: the actor picked or the text typed becomes the last series."""
    ss = st.session_state
    ss[NOTE_KEY] = None
    if ss.get(K_KIND) == compare.QUERY:
        new = Series.parse(f"{compare.QUERY}:{ss.get(K_QUERY) or ''}")
        if new is None:
            ss[NOTE_KEY] = t("compare_query_empty", lang)
            return
    else:
        pick = ss.get(K_PICK)
        if not pick:
            return
        new = Series(compare.ACTOR, str(pick))
    series = list(current_series())
    if new in series:
        label = compare.series_labels([new], names, lang)[0]
        ss[NOTE_KEY] = t("compare_already", lang, name=label)
        return
    if len(series) >= MAX_SERIES:
        ss[NOTE_KEY] = t("compare_full", lang)
        return
    ss[SERIES_KEY] = [s.spec for s in (*series, new)]
    if new.kind == compare.QUERY:
        ss[K_QUERY] = ""


def remove_series(spec: str) -> None:
    st.session_state[SERIES_KEY] = [s for s in st.session_state.get(SERIES_KEY, []) if s != spec]
    st.session_state[NOTE_KEY] = None


# ---------------------------------------------------------------- widgets


def actor_choices(ctx: Context, search: str) -> tuple[list[str], dict[str, str]]:
    """Actors offered: the ranked matches of ``search`` (``data.find_actors``, as the sidebar), else
    the most mentioned; with their labels "name · other name (mentions)"."""
    top, labels = data.actor_options(ctx.folder, ctx.version, ctx.lang, ACTOR_CHOICES)
    options = data.find_actors(ctx.folder, ctx.version, search, ACTOR_MATCHES) if search else top
    missing = tuple(a for a in options if a not in labels)
    if missing:
        labels = {**labels, **data.actor_labels(ctx.folder, ctx.version, ctx.lang, missing)}
    return list(options), labels


def series_picker(ctx: Context, names: dict) -> None:
    lang = ctx.lang
    ss = st.session_state
    with st.container(border=True, key="compare_picker"):
        st.markdown(f"**{t('compare_add_title', lang)}**")
        cols = st.columns([1.1, 2, 2.4, 0.7], vertical_alignment="bottom")
        kind = cols[0].radio(t("compare_kind", lang), compare.KINDS, key=K_KIND, horizontal=True,
                             format_func=lambda k: t(f"compare_kind_{k}", lang))
        if kind == compare.QUERY:
            cols[1].text_input(t("compare_query", lang), key=K_QUERY, help=t("compare_query_help", lang))
        else:
            search = cols[1].text_input(t("compare_actor_search", lang), key=K_SEARCH,
                                        help=t("compare_actor_search_help", lang)).strip()
            options, labels = actor_choices(ctx, search)
            if ss.get(K_PICK) not in options:
                ss[K_PICK] = options[0] if options else None
            cols[2].selectbox(t("compare_actor_pick", lang), options, key=K_PICK,
                              format_func=lambda e: labels.get(e, e), placeholder=t("choose", lang))
        full = len(current_series()) >= MAX_SERIES
        cols[3].button(t("compare_add", lang), key=K_ADD, on_click=add_series, args=(lang, names), type="primary",
                       disabled=full, width="stretch")
        note = ss.get(NOTE_KEY) or (t("compare_full", lang) if full else None)
        if note:  # may carry a name from the articles: escaped, not Markdown
            st.html(f'<p class="marsad-compare-note" dir="{i18n.direction(lang)}" style="margin:0;">{esc(note)}</p>')


def series_chips(series, labels: list[str], lang: str) -> None:
    """Each series with its colour and a button that removes it, in one row."""
    with st.container(key="compare_chips"):
        cols = st.columns(max(len(series), CHIP_COLUMNS))
        for position, (s, label) in enumerate(zip(series, labels), start=1):
            name, remove = cols[position - 1].columns([4, 1], vertical_alignment="center", gap="small")
            colour = palette.series_colour(position)
            name.html(
                f'<div class="marsad-series" data-position="{position}" dir="{i18n.direction(lang)}" '
                f'style="display:flex;align-items:center;gap:0.4rem;font-size:0.95rem;line-height:1.2;">'
                f'<span style="flex:none;width:0.9rem;height:0.9rem;border-radius:3px;background:{colour};"></span>'
                f"<span>{esc(bidi.isolate(label))}</span></div>"
            )
            remove.button("✕", key=f"compare_remove_{position}", on_click=remove_series, args=(s.spec,),
                          help=t("compare_remove", lang, name=bidi.strip(label)), type="tertiary")


# ---------------------------------------------------------------- page


def render(ctx: Context) -> None:
    lang = ctx.lang
    if lang == "ar":
        st.html(RTL_CONTROLS_CSS)
    load_state(ctx)
    restore_options()
    st.caption(t("compare_intro", lang))
    series = current_series()
    actor_ids = tuple(s.value for s in series if s.kind == compare.ACTOR)
    names = data.actor_names(ctx.folder, ctx.version, lang, actor_ids)
    series_picker(ctx, names)
    series = current_series()  # "Add" and the remove buttons ran their callbacks before this run
    names = data.actor_names(ctx.folder, ctx.version, lang, tuple(s.value for s in series if s.kind == compare.ACTOR))
    labels = compare.series_labels(series, names, lang)
    shared = compare.shared_filters(ctx.filters)  # the series replace the sidebar's actors and text
    period_choice, measure, outlets_at = AUTO, compare.MEASURES[0], 1
    if not series:
        st.info(t("compare_none", lang))
        sync_url(series, period_choice, measure, outlets_at)
        return
    series_chips(series, labels, lang)
    st.caption(t("compare_filters_apply", lang))

    collection = data.collection_counts(ctx.folder, ctx.version, compare.collection_filters(ctx.filters))
    counts = {n: data.day_outlet_counts(ctx.folder, ctx.version, s.filters(ctx.filters))
              for n, s in enumerate(series, start=1)}
    window, full = windows(collection)

    cols = st.container(key="compare_options").columns([2, 1, 2])
    unit = "stories" if cols[0].toggle(t("compare_count_stories", lang), value=True, key=K_STORIES,
                                       help=t("compare_count_stories_help", lang)) else "articles"
    measure = cols[0].radio(t("compare_measure", lang), compare.MEASURES, key=K_MEASURE, horizontal=True,
                            format_func=lambda m: t(MEASURE_LABELS[unit][m], lang))
    st.caption(t(f"compare_counting_{unit}", lang, articles=f"{int(collection['articles'].sum()):,}",
                 stories=f"{int(collection['stories'].sum()):,}"))
    by_unit, collection_by_unit = compare.count_unit(counts, collection, unit)
    shown = window or full
    auto = compare.auto_period(shown.start, shown.end - pd.Timedelta(days=1)) if shown else "month"
    period_choice = cols[1].selectbox(
        t("compare_period", lang), (AUTO, *compare.PERIODS), key=K_PERIOD,
        format_func=lambda p: t("compare_period_auto", lang, period=t(f"compare_period_{auto}", lang)) if p == AUTO
        else t(f"compare_period_{p}", lang),
    )
    period = auto if period_choice == AUTO else period_choice
    if window is not None and window.outside:
        with cols[2]:
            st.toggle(t("compare_show_all", lang, extent=ltr_in(full.label(), lang)), key=K_SHOW_ALL)
        if st.session_state.get(K_SHOW_ALL):
            window = None
        else:
            st.caption(tn("compare_window", window.outside, lang, window=ltr_in(window.label(), lang),
                          before=f"{window.before:,}", after=f"{window.after:,}"))
    else:
        window = None

    points = compare.attention(by_unit, collection_by_unit, labels, period)
    chart = charts.attention_chart(points, measure, period, lang, window, unit=unit)
    st.altair_chart(chart, key="compare_chart", width="stretch")
    base = file_base(series, ctx)
    export_chart(chart, f"{base}_{measure}_by_{period}", "compare_chart_export", lang, shared)

    st.subheader(t("compare_totals", lang))
    totals = compare.series_totals(by_unit, collection_by_unit, series, labels)
    share_col = t("col_share" if unit == "articles" else "col_share_stories", lang)
    table = pd.DataFrame({
        t("col_series", lang): totals["series"],
        t("col_series_kind", lang): totals["kind"].map(lambda k: t(f"series_kind_{k}", lang)),
        t(f"col_{unit}", lang): totals["articles"],
        t("col_passages", lang): totals["passages"],
        share_col: totals["share"],
        t("col_first", lang): totals["first"],
        t("col_last", lang): totals["last"],
        t("col_link", lang): ["passages" + s.filters(ctx.filters).query_string(lang=lang) for s in series],
        # An actor's own page (names, mentions over time, claims); none for a text.
        t("compare_col_actor_page", lang): export.absolute_links(pd.Series(
            [entity_link(s.value, lang) if s.kind == compare.ACTOR else "" for s in series], dtype=object), site_root()),
    })
    config = {
        share_col: st.column_config.NumberColumn(format="percent"),
        t("col_link", lang): link_column(lang, text_key="page_passages"),
        t("compare_col_actor_page", lang): link_column(lang, "compare_col_actor_page", "compare_open_actor_page"),
    }
    show_table(table, config, "compare_table", lang, base, filters=shared)

    outlets_at = outlets_section(ctx, series, labels, counts, collection, period, window)
    sync_url(series, period_choice, measure, outlets_at)
    keep_options()


def windows(collection: pd.DataFrame):
    """(robust window, full window) of the collection's publication months (None when nothing is dated)."""
    months = compare.monthly_totals(collection)
    if months.empty:
        return None, None
    window = time_window.publication_window(months)
    full = time_window.full_window(*time_window.period_spans(months["period"]), months["documents"])
    return window, full


def outlets_section(ctx: Context, series, labels, counts, collection, period: str, window) -> int:
    """One series' share of each outlet's articles, in all and per period (in the chart's window);
    returns the position of the series shown."""
    shared = compare.shared_filters(ctx.filters)
    lang = ctx.lang
    st.subheader(t("compare_outlets_title", lang))
    positions = list(range(1, len(series) + 1))
    if st.session_state.get(K_OUTLETS) not in positions:
        st.session_state[K_OUTLETS] = 1
    position = st.selectbox(t("compare_outlets_series", lang), positions, key=K_OUTLETS,
                            format_func=lambda n: labels[n - 1])
    st.caption(t("compare_outlets_caption", lang))
    rows = compare.outlet_shares(counts[position], collection)
    biggest = rows.sort_values("total", ascending=False, kind="stable").head(MAX_OUTLET_BARS).index
    chart = charts.outlet_share_chart(rows.loc[rows.index.isin(biggest)], position, lang)
    st.altair_chart(chart, key="compare_outlets_chart", width="stretch")
    s = series[position - 1]
    base = f"compare_outlets_{name_part(s, ctx)}"
    export_chart(chart, base, "compare_outlets_chart_export", lang, shared)

    # Over time: the same share per period, outlet by outlet (days would be too thin: weeks then).
    heat_period = "week" if period == "day" else period
    shown = rows.loc[rows.index.isin(biggest)]
    cells = compare.outlet_periods(in_window(counts[position], window), in_window(collection, window), heat_period,
                                   list(shown["outlet"]))
    st.caption(t("compare_outlets_time_caption", lang, period=t(f"compare_period_{heat_period}", lang)))
    heat = charts.outlet_period_chart(cells, position, heat_period, lang, order=list(shown["outlet"]))
    st.altair_chart(heat, key="compare_outlets_time_chart", width="stretch")
    export_chart(heat, f"{base}_by_{heat_period}", "compare_outlets_time_chart_export", lang, shared)
    outlet = bidi.strip_series(rows["outlet"]).fillna("").astype(str)
    table = pd.DataFrame({
        t("col_source", lang): outlet.where(outlet.str.strip() != "", t("compare_no_outlet", lang)),
        t("col_articles", lang): rows["articles"],
        t("col_outlet_articles", lang): rows["total"],
        t("compare_outlet_share", lang): rows["share"],
        t("col_passages", lang): rows["passages"],
    })
    config = {t("compare_outlet_share", lang): st.column_config.NumberColumn(format="percent")}
    show_table(table, config, "compare_outlets_table", lang, base, filters=shared)
    return position


def in_window(rows: pd.DataFrame, window) -> pd.DataFrame:
    """The rows (with an ISO ``day``) published inside ``window`` (all dated rows when None)."""
    dated = rows[rows["day"].notna()]
    if window is None:
        return dated
    day = dated["day"].astype(str)
    return dated[(day >= window.start.strftime("%Y-%m-%d")) & (day < window.end.strftime("%Y-%m-%d"))]


def name_part(series: Series, ctx: Context) -> str:
    """A series in a download name: an actor by its English name (names travel best in ASCII), a text as typed."""
    if series.kind == compare.ACTOR:
        return data.actor_names(ctx.folder, ctx.version, "en", (series.value,)).get(series.value) or series.value
    return series.value


def file_base(series, ctx: Context) -> str:
    """``compare_<series>_vs_<series>...``: what was compared (``download_base`` adds the sidebar's filters)."""
    return "compare_" + "_vs_".join(name_part(s, ctx) for s in series)


render(require_context())
