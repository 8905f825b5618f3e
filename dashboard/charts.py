"""Chart builders and the table reshaping behind them (pure: pandas and altair, no Streamlit).

Inputs are the tables of ``data_pipeline/schemas.py`` (or filtered slices of them).
Helpers (``entity_counts``, ``topic_counts``, ``cooccurrence_pairs``, ``timeline_lanes``)
turn them into the small frames the charts draw; builders return altair charts that the
app shows with ``st.altair_chart`` and ``dashboard.export`` writes to PNG/SVG/HTML.

Labels drawn inside the chart (axes, legends) are wrapped in Unicode isolates
(``dashboard.bidi``) so Arabic, mixed and date labels keep their order; tooltips
show the raw values (the browser lays out HTML text itself).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache

import altair as alt
import numpy as np
import pandas as pd

from dashboard import bidi, graph, i18n, palette, places
from dashboard.i18n import t
from data_pipeline.records import ENTITY_TYPES

# Arabic glyphs come from Noto Naskh Arabic (Debian fonts-noto-core), Latin from Noto Sans;
# the names after them are fallbacks for viewers without these fonts.
FONTS = {
    "en": "Noto Sans, Noto Naskh Arabic, Amiri, DejaVu Sans, sans-serif",
    "ar": "Noto Naskh Arabic, Amiri, Noto Sans, DejaVu Sans, sans-serif",
}
EVENT_MAX_CHARS = 200
PRECISIONS = ("day", "month", "year")
LANE_HEIGHT = 26  # pixels per lane / matrix row
TIMELINE_SELECTION = "point"
ZOOM = "zoom"  # interval selection bound to the x scale: drag pans, the wheel zooms, double-click resets
# Tick labels stay ISO at every zoom level (Vega's own multi-format would write English month names):
# a tick on the first of January is a year, on the first of a month a month, else a day.
ISO_TICK_LABEL = (
    "month(datum.value) == 0 && date(datum.value) == 1 ? timeFormat(datum.value, '%Y') : "
    "date(datum.value) == 1 ? timeFormat(datum.value, '%Y-%m') : timeFormat(datum.value, '%Y-%m-%d')"
)
HIT_TARGET_OPACITY = 0.001  # invisible but still picked by Vega's event handling

# Chart texts, each a ``chart_<key>`` entry of strings.json (type and precision labels are the
# interface's own ``type_<TYPE>`` and ``precision_<p>``: one translation of each, everywhere).
CHART_KEYS = ('no_data', 'none', 'date', 'as_written', 'iso_date', 'precision', 'event', 'actor', 'topic', 'type', 'mentions', 'documents', 'period', 'passages', 'weight', 'degree', 'name_ar', 'name_en', 'place', 'country', 'country_total', 'country_own', 'country_within', 'city_mentions')


def ui_strings(lang: str = "en") -> dict[str, str]:
    """Chart texts in ``lang`` (English for a language the interface lacks): ``CHART_KEYS``, the
    precisions (day, month, year) and the entity types (PERSON ...), all from ``strings.json``."""
    lang = _lang(lang)
    out = {key: t(f"chart_{key}", lang) for key in CHART_KEYS}
    out.update({p: t(f"precision_{p}", lang) for p in PRECISIONS})
    out.update({x: t(f"type_{x}", lang) for x in ENTITY_TYPES})
    return out


def _lang(lang: str) -> str:
    return lang if lang in i18n.LANGS else "en"


# --------------------------------------------------------------------------- names


def _display_names(name_ar: pd.Series, name_en: pd.Series, lang: str) -> pd.Series:
    """The name to show in ``lang``, falling back to the other language when empty. Names come
    from articles: bidi controls are dropped (a U+202E would reverse a label or tooltip)."""
    name_ar, name_en = bidi.strip_series(name_ar), bidi.strip_series(name_en)
    first, second = (name_ar, name_en) if _lang(lang) == "ar" else (name_en, name_ar)
    first = first.astype(object).where(first.notna() & (first.astype(str).str.strip() != ""), None)
    return first.fillna(second).fillna("").astype(str)


def _entity_names(entities: pd.DataFrame | None, lang: str) -> pd.Series:
    """entity_id -> display name in ``lang``."""
    if entities is None or entities.empty:
        return pd.Series(dtype=object)
    ents = entities.drop_duplicates("entity_id").set_index("entity_id")
    return _display_names(ents["name_ar"], ents["name_en"], lang)


@lru_cache(maxsize=4)
def topic_labels(lang: str = "en") -> dict[str, str]:
    """topic id -> label in ``lang`` from ``data_pipeline/resources/topics.tsv`` ({} when absent).

    Accepts the usual column spellings (id/topic/topic_id; label_<lang>/name_<lang>/<lang>,
    and gloss or label for English)."""
    try:
        from data_pipeline.resources import ResourceError, load_tsv

        rows = load_tsv("topics.tsv")
    except (ImportError, ResourceError, OSError):
        return {}
    lang = _lang(lang)
    id_keys = ("topic_id", "id", "topic")
    label_keys = (f"label_{lang}", f"name_{lang}", lang, f"topic_{lang}")
    if lang == "en":
        label_keys += ("gloss", "label", "name")
    out = {}
    for row in rows:
        tid = next((row[k] for k in id_keys if row.get(k)), None)
        lab = next((row[k] for k in label_keys if row.get(k)), None)
        if tid:
            out[tid] = lab or tid
    return out


def _topic_label_series(ids: pd.Series, labels: Mapping[str, str] | None, lang: str) -> pd.Series:
    labels = topic_labels(lang) if labels is None else labels
    ids = ids.astype(object)
    return bidi.strip_series(ids.map(labels).astype(object).fillna(ids).astype(str))


# --------------------------------------------------------------------------- helpers


def entity_counts(mentions: pd.DataFrame, entities: pd.DataFrame | None = None, top_n: int | None = 20) -> pd.DataFrame:
    """Most-mentioned entities in ``mentions`` (a slice of the mentions table).

    Returns columns entity_id, name_ar, name_en, type, mentions (rows of ``mentions``),
    documents (distinct doc_id), sorted by mentions then documents (descending) then
    entity_id; at most ``top_n`` rows (all when None). Names and type come from
    ``entities`` when it has the id, else from the mentions themselves.
    """
    cols = ["entity_id", "name_ar", "name_en", "type", "mentions", "documents"]
    if mentions is None or mentions.empty:
        return pd.DataFrame({c: pd.Series(dtype="int64" if c in ("mentions", "documents") else object) for c in cols})
    m = mentions[mentions["entity_id"].notna()]
    grouped = m.groupby("entity_id", sort=False)
    counts = grouped.agg(mentions=("doc_id", "size"), documents=("doc_id", "nunique"))
    # Names as the mentions carry them (first seen), replaced by the entities table where known.
    names = grouped[["name_ar", "name_en", "type"]].first()
    if entities is not None and not entities.empty:
        known = entities.drop_duplicates("entity_id").set_index("entity_id")[["name_ar", "name_en", "type"]]
        known = known.reindex(names.index)
        names = known.where(known.notna() & (known != ""), names)
    out = counts.join(names).reset_index()
    out = out.sort_values(["mentions", "documents", "entity_id"], ascending=[False, False, True], kind="stable")
    if top_n is not None:
        out = out.head(top_n)
    out["mentions"] = out["mentions"].astype("int64")
    out["documents"] = out["documents"].astype("int64")
    return out[cols].reset_index(drop=True)


_FREQ_CHARS = {"Y": 4, "A": 4, "M": 7, "D": 10}


def _periods(published: pd.Series, freq: str) -> pd.Series:
    """ISO period labels: Y -> YYYY, M -> YYYY-MM, D -> YYYY-MM-DD, W -> the week's Monday."""
    freq = freq.upper()[:1]
    pub = published.astype("string").str.strip()
    if freq == "W":
        dates = pd.to_datetime(pub.str.slice(0, 10), format="%Y-%m-%d", errors="coerce")
        monday = dates - pd.to_timedelta(dates.dt.day_of_week, unit="D")
        return monday.dt.strftime("%Y-%m-%d").astype("string")
    n = _FREQ_CHARS.get(freq)
    if n is None:
        raise ValueError(f"unknown freq {freq!r}: use Y, M, W or D")
    period = pub.str.slice(0, n)
    return period.where(period.str.len() == n)


def topic_counts(
    passages: pd.DataFrame,
    documents: pd.DataFrame,
    freq: str = "M",
    labels: Mapping[str, str] | None = None,
    lang: str = "en",
) -> pd.DataFrame:
    """Passages per topic per period of the article's publication date.

    ``passages`` has doc_id, passage_id and the list column topics; ``documents`` has
    doc_id and published (ISO). ``freq``: "M" (YYYY-MM), "D" (YYYY-MM-DD), "W" (Monday
    of the week, YYYY-MM-DD) or "Y" (YYYY). A passage counts once per topic; passages
    without topics or of undated articles are left out. ``labels`` maps topic id to the
    label shown (default: topics.tsv in ``lang``, else the id).
    Returns period, topic, topic_label, passages, documents sorted by period then topic.
    """
    cols = ["period", "topic", "topic_label", "passages", "documents"]
    empty = pd.DataFrame({c: pd.Series(dtype="int64" if c in ("passages", "documents") else object) for c in cols})
    if passages is None or passages.empty or documents is None or documents.empty:
        return empty
    pub = documents.drop_duplicates("doc_id").set_index("doc_id")["published"]
    p = passages[["doc_id", "passage_id", "topics"]].explode("topics").rename(columns={"topics": "topic"})
    p = p[p["topic"].notna() & (p["topic"].astype(str) != "")]
    p["period"] = _periods(p["doc_id"].map(pub), freq)
    p = p[p["period"].notna()].drop_duplicates(["passage_id", "topic"])
    if p.empty:
        return empty
    out = (
        p.groupby(["period", "topic"], sort=True)
        .agg(passages=("passage_id", "size"), documents=("doc_id", "nunique"))
        .reset_index()
    )
    out["period"] = out["period"].astype(str)
    out["topic"] = out["topic"].astype(str)
    out["topic_label"] = _topic_label_series(out["topic"], labels, lang)
    out["passages"] = out["passages"].astype("int64")
    out["documents"] = out["documents"].astype("int64")
    return out[cols]


def cooccurrence_pairs(
    mentions: pd.DataFrame, entities: pd.DataFrame | None = None, top_n: int = 25, lang: str = "en"
) -> pd.DataFrame:
    """How often the ``top_n`` most-mentioned entities are named in the same passage.

    Returns one row per unordered pair that co-occurs at least once: source_id,
    source_label, target_id, target_label, weight (distinct passages naming both),
    with source_id < target_id, sorted by weight descending. Labels are names in ``lang``.
    """
    cols = ["source_id", "source_label", "target_id", "target_label", "weight"]
    empty = pd.DataFrame({c: pd.Series(dtype="int64" if c == "weight" else object) for c in cols})
    if mentions is None or mentions.empty:
        return empty
    top = entity_counts(mentions, entities, top_n)
    if len(top) < 2:
        return empty
    m = mentions.loc[mentions["entity_id"].isin(top["entity_id"]) & mentions["passage_id"].notna(), ["passage_id", "entity_id"]]
    m = m.drop_duplicates()
    # Passages naming a single top entity cannot form a pair: drop them before the self-join.
    m = m[m.groupby("passage_id")["entity_id"].transform("size") > 1]
    if m.empty:
        return empty
    pairs = m.merge(m, on="passage_id", suffixes=("_s", "_t"))
    pairs = pairs[pairs["entity_id_s"] < pairs["entity_id_t"]]
    out = pairs.groupby(["entity_id_s", "entity_id_t"], sort=False).size().rename("weight").reset_index()
    out = out.rename(columns={"entity_id_s": "source_id", "entity_id_t": "target_id"})
    names = pd.Series(_display_names(top["name_ar"], top["name_en"], lang).to_numpy(), index=top["entity_id"])
    out["source_label"] = out["source_id"].map(names)
    out["target_label"] = out["target_id"].map(names)
    out["weight"] = out["weight"].astype("int64")
    out = out.sort_values(["weight", "source_id", "target_id"], ascending=[False, True, True], kind="stable")
    return out[cols].reset_index(drop=True)


def timeline_lanes(
    timeline: pd.DataFrame,
    entities: pd.DataFrame | None,
    passages: pd.DataFrame | None,
    lanes: str = "actor",
    lang: str = "en",
    topic_label_map: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """Timeline rows with a ``lane`` column, one row per (timeline row, lane).

    ``lanes="actor"`` explodes the actors list (entity ids -> names in ``lang`` through
    ``entities``); ``lanes="topic"`` explodes the topics of the row's passage (through
    ``passages``, labels from ``topic_label_map`` or topics.tsv). Rows with no actor or topic
    get the lane ``ui_strings(lang)["none"]``. Adds ``lane_id`` (entity or topic id, "" for
    none) and keeps every original column.
    """
    if lanes not in ("actor", "topic"):
        raise ValueError(f"lanes must be 'actor' or 'topic', not {lanes!r}")
    if timeline is None or timeline.empty:
        out = (timeline if timeline is not None else pd.DataFrame()).copy()
        out["lane_id"] = pd.Series(dtype=object)
        out["lane"] = pd.Series(dtype=object)
        return out
    df = timeline.reset_index(drop=True)
    if lanes == "actor":
        ids = df["actors"]
    elif passages is None or passages.empty:
        ids = pd.Series([[]] * len(df), index=df.index, dtype=object)
    else:
        topics = passages.drop_duplicates("passage_id").set_index("passage_id")["topics"]
        ids = df["passage_id"].map(topics)
    exploded = ids.explode()
    exploded = exploded.where(exploded.notna() & (exploded.astype(str) != ""), None)
    # One row per distinct lane of a timeline row (an actor named twice still makes one row).
    keys = pd.DataFrame({"row": exploded.index, "lane_id": exploded.to_numpy()}).drop_duplicates()
    has_lane = keys["lane_id"].notna().groupby(keys["row"]).transform("any")
    keys = keys[keys["lane_id"].notna() | ~has_lane]
    out = df.loc[keys["row"].to_numpy()].reset_index(drop=True)
    lane_id = keys["lane_id"].reset_index(drop=True)
    out["lane_id"] = lane_id.fillna("").astype(str)
    out["lane"] = lane_labels(out["lane_id"], entities, lanes, lang, topic_label_map)
    return out


def lane_labels(
    lane_id: pd.Series,
    entities: pd.DataFrame | None,
    lanes: str = "actor",
    lang: str = "en",
    topic_label_map: Mapping[str, str] | None = None,
) -> pd.Series:
    """Display names of lane ids: entity names in ``lang`` (the id when unknown) or topic labels;
    "" (no actor or topic) becomes ``ui_strings(lang)["none"]``."""
    none = ui_strings(lang)["none"]
    named = lane_id.fillna("").astype(str)
    named = named.where(named != "")
    if lanes == "actor":
        lookup = _entity_names(entities, lang)
        label = named.map(lookup) if not lookup.empty else named.copy()
        label = label.where(label.notna() & (label.astype(str) != ""), named)
    else:
        label = _topic_label_series(named.dropna(), topic_label_map, lang).reindex(named.index)
    return label.fillna(none).astype(str)


def actor_names_joined(actors: pd.Series, entities: pd.DataFrame | None, lang: str = "en") -> pd.Series:
    """Each row's actor ids as one string of names in ``lang`` (the id when unknown), in the order
    written, each once, joined by "، " in Arabic and ", " in English ("" for a row with none)."""
    lookup = _entity_names(entities, lang).to_dict()
    sep = "، " if _lang(lang) == "ar" else ", "

    def join(ids) -> str:
        if not isinstance(ids, (list, tuple, np.ndarray)):
            return ""
        names = (lookup.get(str(i)) or bidi.strip(str(i)) for i in ids if isinstance(i, str) and i)
        return sep.join(dict.fromkeys(n for n in names if n))

    return pd.Series([join(v) for v in actors], index=actors.index, dtype=object)


# --------------------------------------------------------------------------- charts


def _x_scale(lang: str, **kw) -> alt.Scale:
    """The horizontal scale: in Arabic it runs right to left (time and counts grow leftward)."""
    return alt.Scale(reverse=_lang(lang) == "ar", **kw)


def _datetime(ts: pd.Timestamp) -> alt.DateTime:
    """A day as a Vega-Lite DateTime (local time, like the ISO strings the data carries)."""
    return alt.DateTime(year=int(ts.year), month=int(ts.month), date=int(ts.day))


def _time_domain(window) -> list | None:
    """The x domain of a ``time_window.TimeWindow``: its first day to the day after its last."""
    return None if window is None else [_datetime(window.start), _datetime(window.end)]


def _colour_scale(df: pd.DataFrame, label: str, ident: str, kind: str, order: list | None = None) -> alt.Scale:
    """A colour scale with its domain (the ``label`` values shown) and range (``palette`` colours of the
    ``ident`` behind each label) written out, so the colours do not depend on the language of the
    labels nor on the renderer (Streamlit's theme on screen, Vega's defaults in exports)."""
    pairs = df[[label, ident]].drop_duplicates(label)
    by_label = dict(zip(pairs[label].astype(str), pairs[ident].astype(str)))
    if order is None:  # the file's order, so a type keeps its place in the legend in both languages
        rank = {i: n for n, i in enumerate(palette.ids(kind))}
        order = sorted(by_label, key=lambda x: (rank.get(by_label[x], len(rank)), x))
    domain = [x for x in order if x in by_label]
    return alt.Scale(domain=domain, range=[palette.colour(kind, by_label[x]) for x in domain])


def _zoom() -> alt.Parameter:
    return alt.selection_interval(name=ZOOM, bind="scales", encodings=["x"])


def _y_orient(lang: str) -> str:
    """Category labels sit where reading starts: on the right in Arabic."""
    return "right" if _lang(lang) == "ar" else "left"


def _finish(chart, lang: str):
    """Shared look: the font that has Arabic glyphs, readable label sizes; in Arabic the legend goes
    to the left, away from the category labels on the right."""
    return chart.configure(font=FONTS[_lang(lang)]).configure_axis(labelFontSize=12, titleFontSize=13).configure_legend(
        labelFontSize=12, titleFontSize=13, orient="left" if _lang(lang) == "ar" else "right"
    ).configure_view(stroke=None)


def _empty_chart(lang: str, selection: alt.Parameter | None = None) -> alt.Chart:
    """A "no data" message; carries ``selection`` so ``on_select`` still works in the app."""
    msg = ui_strings(lang)["no_data"]
    chart = (
        alt.Chart(pd.DataFrame({"message": [bidi.label(msg)]}))
        .mark_text(size=16, color="#666")
        .encode(text="message:N")
        .properties(height=120, width="container")
    )
    if selection is not None:
        chart = chart.add_params(selection)
    return _finish(chart, lang)


def _truncate(text: pd.Series, limit: int = EVENT_MAX_CHARS) -> pd.Series:
    text = text.fillna("").astype(str)
    long = text.str.len() > limit
    return text.where(~long, text.str.slice(0, limit - 1).str.rstrip() + "…")


def timeline_spans(timeline: pd.DataFrame) -> pd.DataFrame:
    """Calendar extent of each timeline row: precision (day/month/year, never finer than
    the ISO date written), x_start (first day) and x_end (the day after the last day,
    so a month's bar covers the whole month). Rows whose date does not parse are dropped."""
    date = timeline["date"].astype("string").str.strip().str.slice(0, 10)
    by_length = date.str.len().map({4: "year", 7: "month", 10: "day"})
    stated = timeline["precision"].astype("string") if "precision" in timeline else by_length
    rank = {p: i for i, p in enumerate(PRECISIONS)}
    coarsest = np.maximum(stated.map(rank).fillna(-1).to_numpy(dtype=float), by_length.map(rank).fillna(99).to_numpy(dtype=float))
    precision = pd.Series(np.array(PRECISIONS + (None,), dtype=object)[np.minimum(coarsest, 3).astype(int)], index=timeline.index)
    padded = date.str.slice(0, 4) + "-01-01"
    padded = padded.where(precision != "month", date.str.slice(0, 7) + "-01")
    padded = padded.where(precision != "day", date)
    start = pd.to_datetime(padded, format="%Y-%m-%d", errors="coerce")
    year = start.dt.year
    start = start.where(year.between(1000, 2999))
    out = timeline.assign(precision=precision, x_start=start)
    out = out[out["x_start"].notna() & out["precision"].notna()].copy()
    p = out["precision"]
    end = out["x_start"] + pd.Timedelta(days=1)
    month_end = out["x_start"] + pd.offsets.MonthBegin(1)
    year_end = out["x_start"] + pd.offsets.YearBegin(1)
    end = end.where(p != "month", month_end).where(p != "year", year_end)
    out["x_end"] = end
    return out


SPAN_HEIGHT = 5  # px of a month or year band in a lane
SPAN_OPACITY = 0.4


def timeline_chart(timeline: pd.DataFrame, lanes: str = "actor", lang: str = "en", window=None) -> alt.Chart:
    """Dates on a time axis, one horizontal lane per actor or topic, busiest lane on top.

    ``timeline``: timeline rows plus a ``lane`` column (see ``timeline_lanes``). Day dates
    are points; month and year dates are bars from the first to the last day of the period
    (x/x2), so a month is never drawn as a false day. Clicking a mark selects its passage
    through the point selection named "point" on passage_id. ``window`` (a
    ``time_window.TimeWindow``) is the x domain the chart opens on; marks outside it are
    clipped, and the interval selection "zoom", bound to the x scale, pans and zooms to them.
    """
    lang = _lang(lang)
    s = ui_strings(lang)
    selection = alt.selection_point(name=TIMELINE_SELECTION, fields=["passage_id"], on="click", clear="dblclick")
    if timeline is None or timeline.empty:
        return _empty_chart(lang, selection)
    df = timeline_spans(timeline)
    if df.empty:
        return _empty_chart(lang, selection)
    if "lane" not in df:
        df["lane"] = s["none"]
    df["lane"] = df["lane"].fillna(s["none"]).astype(str)
    data = pd.DataFrame(
        {
            "passage_id": df["passage_id"].astype(str),
            "doc_id": df["doc_id"].astype(str) if "doc_id" in df else "",
            "lane": df["lane"],
            "lane_label": bidi.label_series(df["lane"]),
            "written": df["text"].fillna("").astype(str) if "text" in df else "",
            "date": df["date"].astype(str),
            "precision": df["precision"].astype(str),
            "precision_label": df["precision"].map(s).astype(str),
            "event": _truncate(df["event"]) if "event" in df else "",
            "x_start": df["x_start"],
            "x_end": df["x_end"],
        }
    )
    # Busiest lanes first, the "none" lane last: by the lane's weight over every kept point when the
    # query says it (``lane_points``; the rows drawn may be a cut), else by the rows drawn.
    if "lane_points" in df:
        weights = pd.Series(df["lane_points"].to_numpy(), index=data["lane_label"].to_numpy())
        order = weights.groupby(level=0).max().sort_values(ascending=False, kind="stable")
    else:
        order = data["lane_label"].value_counts(sort=True)
    none_label = bidi.label(s["none"])
    lane_order = [lab for lab in order.index if lab != none_label] + ([none_label] if none_label in order.index else [])

    lane_title = s["actor"] if lanes == "actor" else s["topic"]
    tooltip = [
        alt.Tooltip("written:N", title=s["as_written"]),
        alt.Tooltip("date:N", title=s["iso_date"]),
        alt.Tooltip("precision_label:N", title=s["precision"]),
        alt.Tooltip("event:N", title=s["event"]),
        alt.Tooltip("lane:N", title=lane_title),
    ]
    y = alt.Y("lane_label:N", sort=lane_order, title=lane_title, axis=alt.Axis(labelLimit=220, orient=_y_orient(lang)))
    x_axis = alt.Axis(labelExpr=ISO_TICK_LABEL, labelOverlap=True)
    domain = _time_domain(window)
    x_scale = _x_scale(lang, domain=domain) if domain else _x_scale(lang)
    x = alt.X("x_start:T", title=s["date"], axis=x_axis, scale=x_scale)
    color = alt.Color(
        "precision_label:N",
        title=s["precision"],
        scale=alt.Scale(domain=[s[p] for p in PRECISIONS], range=["#1f77b4", "#ff7f0e", "#2ca02c"]),
    )
    # Vega-Lite cannot share one selection between two layers (duplicate signals), so one
    # layer carries it: every row as a circle, visible for day dates; for month/year dates an
    # invisible hit target at the middle of the bar, so clicking a span selects it too.
    data["x_mark"] = data["x_start"].where(
        data["precision"] == "day", data["x_start"] + (data["x_end"] - data["x_start"]) / 2
    )
    base = alt.Chart(data).encode(y=y, tooltip=tooltip, color=color)
    layers = []
    if (data["precision"] != "day").any():
        layers.append(
            base.transform_filter(alt.datum.precision != "day")
            # A thin, pale band under the day points: a year is long, and at 12 px and 0.75 opacity
            # its bars covered the lanes and hid the day points (seen on the 20k ANT corpus).
            .mark_bar(height=SPAN_HEIGHT, cornerRadius=2, clip=True)
            .encode(x=x, x2="x_end:T", opacity=alt.condition(selection, alt.value(SPAN_OPACITY), alt.value(0.12)))
        )
    marks_opacity = {
        "condition": [
            {"test": "datum.precision != 'day'", "value": HIT_TARGET_OPACITY},
            {"param": selection.name, "empty": True, "value": 0.9},
        ],
        "value": 0.25,
    }
    layers.append(
        base.mark_circle(size=90, stroke="white", strokeWidth=0.5, clip=True)
        .encode(x=alt.X("x_mark:T", title=s["date"], axis=x_axis, scale=x_scale), opacity=marks_opacity)
        .add_params(selection, _zoom())
    )
    chart = alt.layer(*layers) if len(layers) > 1 else layers[0]
    chart = chart.properties(width="container", height=max(140, LANE_HEIGHT * len(lane_order)))
    return _finish(chart, lang)


BAR_STEP = 22  # px per actor bar
AXIS_SPACE = 70  # px for the x axis, its labels and title


def top_actors_chart(entity_counts: pd.DataFrame, lang: str = "en") -> alt.Chart:
    """Horizontal bars of the most-mentioned entities (output of ``entity_counts``), longest first.
    Clicking a bar selects its entity through the point selection named "actor"."""
    lang = _lang(lang)
    s = ui_strings(lang)
    selection = alt.selection_point(name="actor", fields=["entity_id"], on="click", clear="dblclick")
    if entity_counts is None or entity_counts.empty:
        return _empty_chart(lang, selection)
    df = entity_counts.copy()
    df["name_ar"], df["name_en"] = bidi.strip_series(df["name_ar"]), bidi.strip_series(df["name_en"])  # tooltips
    name = _display_names(df["name_ar"], df["name_en"], lang)
    name = name.where(name != "", df["entity_id"].astype(str))
    # Two entities with the same display name would merge into one bar: tell them apart.
    dup = name.duplicated(keep=False)
    name = name.where(~dup, name + " (" + df["type"].fillna("").astype(str) + " " + df["entity_id"].astype(str) + ")")
    df["name"] = name
    df["label"] = bidi.label_series(name)
    # The same type names as the tables and the filter sentence (strings.json ``type_*``).
    df["type_label"] = df["type"].map(lambda x: t(f"type_{x}", lang) if isinstance(x, str) and x else "").astype(str)
    df = df.sort_values("mentions", ascending=False, kind="stable")
    tooltip = [
        alt.Tooltip("name_ar:N", title=s["name_ar"]),
        alt.Tooltip("name_en:N", title=s["name_en"]),
        alt.Tooltip("type_label:N", title=s["type"]),
        alt.Tooltip("mentions:Q", title=s["mentions"], format=","),
    ]
    if "documents" in df:
        tooltip.append(alt.Tooltip("documents:Q", title=s["documents"], format=","))
    chart = (
        alt.Chart(df[[c for c in df.columns if c in {"entity_id", "name_ar", "name_en", "type", "type_label", "mentions", "documents", "name", "label"}]])
        .mark_bar(cornerRadiusEnd=3)
        .encode(
            # labelOverlap off: with Arabic glyphs' line height Vega would hide every other name.
            y=alt.Y(
                "label:N", sort=list(df["label"]), title=s["actor"],
                axis=alt.Axis(labelLimit=240, labelOverlap=False, orient=_y_orient(lang)),
            ),
            x=alt.X("mentions:Q", title=s["mentions"], axis=alt.Axis(tickMinStep=1, format=",d"), scale=_x_scale(lang)),
            color=alt.Color("type_label:N", title=s["type"], scale=_colour_scale(df, "type_label", "type", "type")),
            opacity=alt.condition(selection, alt.value(1.0), alt.value(0.35)),
            tooltip=tooltip,
        )
        .add_params(selection)
        # The height includes the x axis (Streamlit fits the whole chart to it): keep ~22 px per bar.
        .properties(width="container", height=max(120, BAR_STEP * len(df) + AXIS_SPACE))
    )
    return _finish(chart, lang)


def topics_over_time_chart(topic_counts: pd.DataFrame, lang: str = "en", window=None) -> alt.Chart:
    """Stacked areas of passages per topic over time (output of ``topic_counts``).

    Periods with no passage for a topic are drawn as zero, not interpolated across.
    Clicking a legend entry highlights its topic (selection named "topic"). ``window`` (a
    ``time_window.TimeWindow``) is the x domain shown first; the rest is clipped and reached
    by panning or zooming (interval selection "zoom" bound to the x scale)."""
    lang = _lang(lang)
    s = ui_strings(lang)
    selection = alt.selection_point(name="topic", fields=["topic"], bind="legend")
    if topic_counts is None or topic_counts.empty:
        return _empty_chart(lang, selection)
    df = topic_counts[["period", "topic", "topic_label", "passages"]].copy()
    df["period"] = df["period"].astype(str)
    labels = df.drop_duplicates("topic").set_index("topic")["topic_label"]
    grid = df.pivot_table(index="period", columns="topic", values="passages", aggfunc="sum", fill_value=0)
    long = grid.stack().rename("passages").reset_index()
    long["topic_label"] = long["topic"].map(labels).astype(str)
    long["legend"] = bidi.label_series(long["topic_label"])
    padded = long["period"].where(long["period"].str.len() != 7, long["period"] + "-01")
    padded = padded.where(padded.str.len() != 4, padded + "-01-01")
    long["x"] = pd.to_datetime(padded, format="%Y-%m-%d", errors="coerce")
    long = long[long["x"].notna()]
    long["passages"] = long["passages"].astype("int64")
    totals = long.groupby("legend")["passages"].sum().sort_values(ascending=False)
    # Ticks on whole periods, so a monthly chart never labels the same month twice.
    width = int(df["period"].str.len().max())
    domain = _time_domain(window)
    shown = long["x"] if window is None else long["x"][(long["x"] >= window.start) & (long["x"] < window.end)]
    n_periods = max(1, shown.nunique())
    x_format, unit = {4: ("%Y", "year"), 7: ("%Y-%m", "month")}.get(width, ("%Y-%m-%d", "day"))
    tick_count = {"interval": unit, "step": max(1, -(-n_periods // 12))}
    if long["x"].nunique() > 1:
        mark = alt.Chart(long).mark_area(interpolate="monotone", clip=True)
    else:
        mark = alt.Chart(long).mark_bar(clip=True)
    x_scale = _x_scale(lang, domain=domain) if domain else _x_scale(lang)
    chart = (
        mark.encode(
            x=alt.X("x:T", title=s["period"], axis=alt.Axis(format=x_format, tickCount=tick_count), scale=x_scale),
            y=alt.Y("passages:Q", stack="zero", title=s["passages"],
                    axis=alt.Axis(tickMinStep=1, format=",d", orient=_y_orient(lang))),
            color=alt.Color("legend:N", title=s["topic"], sort=list(totals.index), legend=alt.Legend(labelLimit=220),
                            scale=_colour_scale(long, "legend", "topic", "topic", order=list(totals.index))),
            opacity=alt.condition(selection, alt.value(0.9), alt.value(0.15)),
            tooltip=[
                alt.Tooltip("period:N", title=s["period"]),
                alt.Tooltip("topic_label:N", title=s["topic"]),
                alt.Tooltip("passages:Q", title=s["passages"], format=","),
            ],
        )
        .add_params(selection, _zoom())
        .properties(width="container", height=320)
    )
    return _finish(chart, lang)


MATRIX_CELL_MIN = 18  # px per actor row and column: a label of 12 px with room above and below
MATRIX_SLANT_MIN = 24  # px per column under which names slanted at -45 degrees would touch
MATRIX_LABEL_LIMIT = 160  # px of a column name
MATRIX_LEGEND_PX = 60  # the colour legend under the matrix (beside it, it took the columns' width)
MATRIX_NUMBERS_MAX = 30  # actors up to which each cell shows its count: past it a column is narrower than "1,234"


def cooccurrence_chart(pairs: pd.DataFrame, lang: str = "en") -> alt.Chart:
    """Co-occurrence matrix (heatmap) of actors (output of ``cooccurrence_pairs``).

    The matrix is symmetric (each pair drawn both ways); actors are ordered by their total
    co-occurrence weight on both axes; each cell shows its passage count."""
    lang = _lang(lang)
    s = ui_strings(lang)
    selection = alt.selection_point(name="pair", fields=["source_id", "target_id"], on="click", clear="dblclick")
    if pairs is None or pairs.empty:
        return _empty_chart(lang, selection)
    p = pairs[["source_id", "source_label", "target_id", "target_label", "weight"]]
    mirrored = p.rename(
        columns={"source_id": "target_id", "source_label": "target_label", "target_id": "source_id", "target_label": "source_label"}
    )
    both = pd.concat([p, mirrored[p.columns]], ignore_index=True)
    both = both[both["source_id"] != both["target_id"]]
    both = both.groupby(["source_id", "target_id"], sort=False).agg(
        source_label=("source_label", "first"), target_label=("target_label", "first"), weight=("weight", "max")
    ).reset_index()
    labels = pd.concat(
        [both[["source_id", "source_label"]].set_axis(["id", "label"], axis=1), both[["target_id", "target_label"]].set_axis(["id", "label"], axis=1)]
    ).drop_duplicates("id").set_index("id")["label"].fillna("").astype(str)
    labels = labels.where(labels != "", labels.index.to_series())
    dup = labels.duplicated(keep=False)
    labels = labels.where(~dup, labels + " (" + labels.index.to_series() + ")")
    wrapped = pd.Series(bidi.label_series(labels).to_numpy(), index=labels.index)
    both["source"] = both["source_id"].map(wrapped)
    both["target"] = both["target_id"].map(wrapped)
    both["source_label"] = both["source_id"].map(labels)
    both["target_label"] = both["target_id"].map(labels)
    totals = both.groupby("source")["weight"].sum().sort_values(ascending=False, kind="stable")
    order = list(totals.index)
    n = len(order)
    cell = max(MATRIX_CELL_MIN, min(34, 700 // max(n, 1)))
    slant = cell >= MATRIX_SLANT_MIN
    tooltip = [
        alt.Tooltip("source_label:N", title=s["actor"]),
        alt.Tooltip("target_label:N", title=s["actor"] + " "),
        alt.Tooltip("weight:Q", title=s["weight"], format=","),
    ]
    base = alt.Chart(both).encode(
        # labelOverlap off: Vega hides every label whose box touches another, and a name slanted
        # at -45 degrees has a wide box (every other or every fourth actor lost its column name).
        # Slanted names stay apart while a column is wide enough; narrower columns get upright names.
        # In Arabic the matrix reads right to left like the other charts: the first actor's column at
        # the right edge (a reversed band scale), the row names on the right; column names slant the
        # other way so each still leans over its own column.
        x=alt.X("target:N", sort=order, title=None, scale=_x_scale(lang), axis=alt.Axis(
            labelAngle=(45 if lang == "ar" else -45) if slant else -90, labelLimit=MATRIX_LABEL_LIMIT,
            labelOverlap=False, orient="top", labelFontSize=12 if slant else 11)),
        y=alt.Y("source:N", sort=order, title=None,
                axis=alt.Axis(labelLimit=180, labelOverlap=False, orient=_y_orient(lang))),
        tooltip=tooltip,
    )
    max_w = float(both["weight"].max())
    heat = base.mark_rect(stroke="white", strokeWidth=0.5).encode(
        color=alt.Color("weight:Q", title=s["weight"], scale=alt.Scale(scheme="blues", domainMin=0),
                        legend=alt.Legend(orient="bottom", direction="horizontal")),
        opacity=alt.condition(selection, alt.value(1.0), alt.value(0.35)),
    ).add_params(selection)
    text = base.mark_text(fontSize=max(9, min(12, cell // 2))).encode(
        text=alt.Text("weight:Q", format="d"),
        color=alt.condition(alt.datum.weight > max_w * 0.55, alt.value("white"), alt.value("#222")),
    )
    # Streamlit fits the whole chart, column names and legend included, into its height: they are
    # added to the rows' pixels, or the rows would shrink under MATRIX_CELL_MIN and names would touch.
    labels_px = round(MATRIX_LABEL_LIMIT * (0.71 if slant else 1.0)) + 10
    layers = [heat, text] if n <= MATRIX_NUMBERS_MAX else [heat]
    chart = alt.layer(*layers).properties(width=cell * n, height=cell * n + labels_px + MATRIX_LEGEND_PX)
    return _finish(chart, lang)


# ---------------------------------------------------------------- the map

# What each view of the map fits into its frame (GeoJSON, as Vega's projection ``fit`` takes it).
MAP_VIEWS = {
    "mena": {"type": "Feature", "properties": {},
             "geometry": {"type": "MultiPoint", "coordinates": [[-17.0, 12.0], [62.0, 41.0]]}},
    "world": {"type": "Feature", "properties": {},
              # the widest parallel (the equator) and the inhabited latitudes
              "geometry": {"type": "MultiPoint", "coordinates": [[-179.9, 0.0], [179.9, 0.0], [0.0, -56.0], [0.0, 78.0]]}},
}
MAP_HEIGHT = 520
MAP_WIDTH = 900  # exports; on screen the chart takes the page's width and the projection refits
MAP_POINT_RANGE = [12, 1400]  # circle areas, in square pixels, of the least and most mentioned city
MAP_NO_DATA = "#ececec"
MAP_BORDER = "#ffffff"
MAP_CITY = "#e15759"


MAP_DATASET = "marsad_world_110m"
MAP_CITY_STROKE = "#7a1f1f"
MAP_LEGEND_TITLE_PX = 400


def map_geometry() -> alt.NamedData:
    """The shipped world geometry: the chart's inline dataset ``MAP_DATASET`` (``alt.topo_feature``
    would fetch a URL). The spec holds it once, as the TopoJSON text: altair deep-copies parsed
    objects several times per chart (0.8 s for this file); Vega parses the text by its format."""
    return alt.NamedData(name=MAP_DATASET, format=alt.DataFormat(type="topojson", feature="countries"))


def map_screen_spec(chart: alt.TopLevelMixin) -> dict:
    """The chart's Vega-Lite spec for ``st.vega_lite_chart``: the same spec, with the geometry parsed
    (Streamlit keeps a TopoJSON object in ``datasets`` but would read a text as a table)."""
    spec = chart.to_dict(validate=False)  # built by place_map_chart from checked parts; validation took 0.1 s
    spec["datasets"] = {**spec.get("datasets", {}), MAP_DATASET: places.atlas()}
    return spec


def _legend_values(top: float) -> list[int]:
    """Three round sizes for the circles' legend, up to ``top``: 1, 2 or 5 times a power of ten."""
    if top < 1:
        return [1]
    nice = [m * 10 ** e for e in range(10) for m in (1, 2, 5)]
    return sorted({max((n for n in nice if n <= v), default=1) for v in (top / 20, top / 4, top)})


def place_map_chart(countries: pd.DataFrame, points: pd.DataFrame, lang: str = "en", view: str = "mena") -> alt.LayerChart:
    """World choropleth of mentions per country, with circles for cities (area by mentions) and
    squares for countries too small for a shape; ``places.map_frames`` makes the frames.

    Everything is inline: the TopoJSON geometry (``places.atlas``) and the counts, so the chart,
    its PNG/SVG and its HTML export draw without the network. ``view``: "mena" (the Middle East
    and North Africa fill the frame) or "world"; both use the Equal Earth projection.
    """
    lang = _lang(lang)
    s = ui_strings(lang)
    # The projection clips the shapes to the frame (as a stream, before drawing): a clip path on the
    # marks made rasterising the PNG five times slower (11.6 s instead of 2.3 s).
    projection = alt.Projection(type="equalEarth", fit=MAP_VIEWS.get(view, MAP_VIEWS["mena"]),
                                clipExtent=alt.ExprRef("[[0, 0], [width, height]]"))
    geo = map_geometry()
    colour = alt.Scale(type="log", scheme="greens")
    colour_legend = alt.Legend(title=s["country_total"], orient="bottom", direction="horizontal", format="~s",
                               titleLimit=MAP_LEGEND_TITLE_PX)
    # One geoshape layer (the geometry once in the spec): countries without a count stay grey.
    # The countries' count is "total", the cities' "mentions": one field on two channels (colour of the
    # countries, size of the circles) would merge their legends into one.
    fields = ["label", "total", "own", "within", "documents"]
    counts = countries if countries is not None and not countries.empty else pd.DataFrame(
        {"map_id": pd.Series(dtype=str), "mentions": pd.Series(dtype="int64"),
         **{f: pd.Series(dtype=object) for f in fields if f != "total"}})
    counts = counts.rename(columns={"mentions": "total"})
    # Two layers over the one geometry (held once in ``datasets``): every country in grey, then the
    # counted ones in colour (the lookup drops a country without a count from the second layer).
    background = alt.Chart(geo).mark_geoshape(fill=MAP_NO_DATA, stroke=MAP_BORDER, strokeWidth=0.5)
    shapes = (
        alt.Chart(geo).mark_geoshape(stroke=MAP_BORDER, strokeWidth=0.5)
        .transform_lookup(lookup="id", from_=alt.LookupData(data=counts[["map_id", *fields]], key="map_id",
                                                           fields=fields))
        .transform_filter("isValid(datum.total)")
        .encode(
            color=alt.Color("total:Q", scale=colour, legend=colour_legend),
            tooltip=[
                alt.Tooltip("label:N", title=s["country"]),
                alt.Tooltip("total:Q", title=s["country_total"], format=","),
                alt.Tooltip("own:Q", title=s["country_own"], format=","),
                alt.Tooltip("within:Q", title=s["country_within"], format=","),
                alt.Tooltip("documents:Q", title=s["documents"], format=","),
            ],
        )
    )
    layers = [background, shapes]
    if points is not None and not points.empty:
        tooltip = [
            alt.Tooltip("label:N", title=s["place"]),
            alt.Tooltip("country_label:N", title=s["country"]),
            alt.Tooltip("mentions:Q", title=s["mentions"], format=","),
            alt.Tooltip("documents:Q", title=s["documents"], format=","),
        ]
        small = points[points["kind"] == "country"].rename(columns={"mentions": "total"})
        cities = points[points["kind"] == "city"].sort_values("mentions", ascending=False)
        if not small.empty:
            layers.append(
                alt.Chart(small).mark_square(size=70, stroke="#555", strokeWidth=0.6, opacity=1, clip=True).encode(
                    longitude="lon:Q", latitude="lat:Q",
                    color=alt.Color("total:Q", scale=colour, legend=colour_legend),
                    tooltip=[*tooltip[:2], alt.Tooltip("total:Q", title=s["country_total"], format=","), tooltip[3]],
                )
            )
        if not cities.empty:
            layers.append(
                alt.Chart(cities).mark_circle(color=MAP_CITY, opacity=0.75, stroke=MAP_CITY_STROKE, strokeWidth=0.6,
                                              clip=True)
                .encode(
                    longitude="lon:Q", latitude="lat:Q",
                    size=alt.Size("mentions:Q", scale=alt.Scale(range=MAP_POINT_RANGE),
                                  legend=alt.Legend(title=s["city_mentions"], orient="bottom", direction="horizontal",
                                                    titleLimit=MAP_LEGEND_TITLE_PX,
                                                    format=",d", symbolFillColor=MAP_CITY,
                                                    values=_legend_values(float(cities["mentions"].max())))),
                    tooltip=tooltip,
                )
            )
    chart = alt.layer(*layers, projection=projection, datasets={MAP_DATASET: places.atlas_text()})
    return _finish(chart.properties(width=MAP_WIDTH, height=MAP_HEIGHT), lang)
NETWORK_HEIGHT = graph.PLOT_PX[1]  # px: fixed, so a label's offset below its node can be computed in data units
NETWORK_DOMAIN = graph.DOMAIN  # the layout fills [-1, 1]; the rest is room for the labels at the edges
EDGE_WIDTH = (0.6, 7.0)  # px of the weakest and the strongest pair's line
EDGE_COLOUR = "#8c8c8c"
NETWORK_SELECTION = "node"  # clicking a circle selects its actor (the page then links its entity page)
LABEL_GAP_PX = 2
NETWORK_LABEL_PX = {"en": 11, "ar": 13}  # Naskh letters are smaller than Latin ones at the same size


def network_chart(nodes: pd.DataFrame, edges: pd.DataFrame, lang: str = "en") -> alt.LayerChart:
    """Node-link drawing of co-mentioned actors (``graph.layout_network``'s nodes and edges).

    Layers: one rule per pair (width = passages naming both), one circle per actor (area =
    mentions, colour = entity type from ``palette``), and its name in ``lang`` under it (a white
    halo, then the text). Positions are the layout's, so the picture does not depend on the
    language or the renderer. Clicking a circle selects its actor (point selection "node")."""
    lang = _lang(lang)
    s = ui_strings(lang)
    selection = alt.selection_point(name=NETWORK_SELECTION, fields=["entity_id"], on="click", clear="dblclick")
    if nodes is None or nodes.empty:
        return _empty_chart(lang, selection)
    n = nodes.copy()
    n["name_ar"], n["name_en"] = bidi.strip_series(n["name_ar"]), bidi.strip_series(n["name_en"])
    name = _display_names(n["name_ar"], n["name_en"], lang)
    n["name"] = name.where(name != "", bidi.strip_series(n["entity_id"].astype(str)))
    n["label"] = bidi.label_series(n["name"])
    n["type_label"] = n["type"].map(lambda x: t(f"type_{x}", lang) if isinstance(x, str) and x else "").astype(str)
    n["area"] = graph.node_areas(n["mentions"])  # px², as the layout assumed when it kept circles apart
    # The name sits under its circle: the radius (px) turned into the y scale's units.
    units_per_px = 2 * NETWORK_DOMAIN / NETWORK_HEIGHT
    n["label_y"] = n["y"] - (np.sqrt(n["area"] / np.pi) + LABEL_GAP_PX) * units_per_px
    names = n.set_index("entity_id")["name"]
    x_scale = alt.Scale(domain=[-NETWORK_DOMAIN, NETWORK_DOMAIN], nice=False, zero=False)
    y_scale = alt.Scale(domain=[-NETWORK_DOMAIN, NETWORK_DOMAIN], nice=False, zero=False)
    layers = []
    if edges is not None and not edges.empty:
        e = edges.copy()
        e["source_label"] = e["source_id"].map(names).fillna(e["source_id"]).astype(str)
        e["target_label"] = e["target_id"].map(names).fillna(e["target_id"]).astype(str)
        layers.append(
            alt.Chart(e[["source_id", "target_id", "source_label", "target_label", "weight", "x", "y", "x2", "y2"]])
            .mark_rule(color=EDGE_COLOUR, opacity=0.45, strokeCap="round")
            .encode(
                x=alt.X("x:Q", axis=None, scale=x_scale), y=alt.Y("y:Q", axis=None, scale=y_scale),
                x2="x2:Q", y2="y2:Q",
                strokeWidth=alt.StrokeWidth("weight:Q", scale=alt.Scale(range=list(EDGE_WIDTH), zero=False), legend=None),
                tooltip=[
                    alt.Tooltip("source_label:N", title=s["actor"]),
                    alt.Tooltip("target_label:N", title=s["actor"] + " "),
                    alt.Tooltip("weight:Q", title=s["weight"], format=","),
                ],
            )
        )
    cols = ["entity_id", "name_ar", "name_en", "type", "type_label", "mentions", "degree", "x", "y", "area", "label",
            "label_y"]
    base = alt.Chart(n[cols])
    layers.append(
        base.mark_circle(stroke="white", strokeWidth=1.2)
        .encode(
            x=alt.X("x:Q", axis=None, scale=x_scale), y=alt.Y("y:Q", axis=None, scale=y_scale),
            size=alt.Size("area:Q", scale=None),
            color=alt.Color("type_label:N", title=s["type"], scale=_colour_scale(n, "type_label", "type", "type")),
            opacity=alt.condition(selection, alt.value(0.95), alt.value(0.3)),
            tooltip=[
                alt.Tooltip("name_ar:N", title=s["name_ar"]),
                alt.Tooltip("name_en:N", title=s["name_en"]),
                alt.Tooltip("type_label:N", title=s["type"]),
                alt.Tooltip("mentions:Q", title=s["mentions"], format=","),
                alt.Tooltip("degree:Q", title=s["degree"], format=","),
            ],
        )
        .add_params(selection)
    )
    text = {"x": alt.X("x:Q", axis=None, scale=x_scale), "y": alt.Y("label_y:Q", axis=None, scale=y_scale),
            "text": "label:N"}
    # The halo is drawn, not read: screen readers get each name once (aria off).
    size = NETWORK_LABEL_PX[lang]
    layers.append(base.mark_text(baseline="top", fontSize=size, stroke="white", strokeWidth=3, strokeJoin="round",
                                 opacity=0.9, aria=False).encode(**text))
    layers.append(base.mark_text(baseline="top", fontSize=size, color="#222").encode(**text))
    chart = alt.layer(*layers).properties(width="container", height=NETWORK_HEIGHT)
    return _finish(chart, lang)


# --------------------------------------------------------------------------- compare

COMPARE_SELECTION = "series"
_PERIOD_FORMAT = {"day": "%Y-%m-%d", "week": "%Y-%m-%d", "month": "%Y-%m"}
OUTLET_BAR_STEP = 24  # px per outlet bar
OUTLET_LABEL_LIMIT = 220  # px of an outlet's name
OUTLET_SHARE_ROOM = 1.2  # the share axis runs this far past the highest share


def _series_scale(df: pd.DataFrame) -> alt.Scale:
    """Series colours by position (``palette.series_colour``): the first series is blue in both
    languages, on screen and in exports, whatever its name."""
    pairs = df[["legend", "position"]].drop_duplicates("legend").sort_values("position")
    return alt.Scale(domain=list(pairs["legend"]), range=[palette.series_colour(int(p)) for p in pairs["position"]])


def _period_ticks(first: pd.Timestamp, last: pd.Timestamp, period: str) -> dict:
    """Ticks on whole days or months, about a dozen: Vega's own week ticks fall on Sundays, and a
    Sunday label under Monday weeks would read as the wrong start."""
    if period == "day":
        return {"interval": "day", "step": max(1, -(-(last - first).days // 12))}
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    return {"interval": "month", "step": max(1, -(-months // 12))}


# The compare page counts articles, or stories (copies of one story counted once): titles per unit.
_COUNT_TITLES = {
    "articles": {"count": "compare_axis_articles", "share": "compare_axis_share", "all": "compare_all_articles"},
    "stories": {"count": "compare_axis_stories", "share": "compare_axis_share_stories", "all": "compare_all_stories"},
}


def attention_chart(points: pd.DataFrame, measure: str = "articles", period: str = "week", lang: str = "en",
                    window=None, unit: str = "articles") -> alt.Chart:
    """One line per compared series over time (output of ``compare.attention``): its articles per
    period, or with ``measure="share"`` its share of every article published in the period (Media
    Cloud's attention). The legend names the series in ``lang`` and clicking an entry highlights it
    (selection "series"); ``window`` (a ``time_window.TimeWindow``) is the x domain shown first, the rest
    reached by panning and zooming. ``unit`` ("articles" or "stories") names what was counted."""
    lang = _lang(lang)
    titles = _COUNT_TITLES[unit]
    if measure not in ("articles", "share"):
        raise ValueError(f"measure must be 'articles' or 'share', not {measure!r}")
    selection = alt.selection_point(name=COMPARE_SELECTION, fields=["legend"], bind="legend")
    if points is None or points.empty:
        return _empty_chart(lang, selection)
    df = points[["position", "series", "period", "articles", "total", "share"]].copy()
    df["series"] = bidi.strip_series(df["series"]).astype(str)
    df["legend"] = bidi.label_series(df["series"])
    df["x"] = pd.to_datetime(df["period"], format="%Y-%m-%d", errors="coerce")
    df = df[df["x"].notna()]
    df["period_label"] = df["x"].dt.strftime(_PERIOD_FORMAT.get(period, "%Y-%m-%d"))
    domain = _time_domain(window)
    x_scale = _x_scale(lang, domain=domain) if domain else _x_scale(lang)
    share = measure == "share"
    y_title = t(titles["share" if share else "count"], lang)
    y_axis = (alt.Axis(format=".1%", orient=_y_orient(lang)) if share
              else alt.Axis(format=",d", tickMinStep=1, orient=_y_orient(lang)))
    many = df["x"].nunique() > 60
    first, last = (window.start, window.end) if window is not None else (df["x"].min(), df["x"].max())
    tick_count = _period_ticks(first, last, period)
    chart = (
        alt.Chart(df)
        .mark_line(point=not many, clip=True, strokeWidth=2)
        .encode(
            x=alt.X("x:T", title=t(f"compare_axis_{period}", lang),
                    axis=alt.Axis(format=_PERIOD_FORMAT.get(period, "%Y-%m-%d"), labelOverlap=True, tickCount=tick_count),
                    scale=x_scale),
            y=alt.Y(f"{measure}:Q", title=y_title, axis=y_axis),
            color=alt.Color("legend:N", title=t("compare_legend", lang), scale=_series_scale(df),
                            legend=alt.Legend(labelLimit=240, symbolType="stroke", symbolStrokeWidth=3)),
            opacity=alt.condition(selection, alt.value(1.0), alt.value(0.2)),
            tooltip=[
                alt.Tooltip("series:N", title=t("compare_legend", lang)),
                alt.Tooltip("period_label:N", title=t(f"compare_axis_{period}", lang)),
                alt.Tooltip("articles:Q", title=t(titles["count"], lang), format=","),
                alt.Tooltip("total:Q", title=t(titles["all"], lang), format=","),
                alt.Tooltip("share:Q", title=t(titles["share"], lang), format=".2%"),
            ],
        )
        .add_params(selection, _zoom())
        .properties(width="container", height=360)
    )
    return _finish(chart, lang)


def outlet_share_chart(outlets: pd.DataFrame, position: int = 1, lang: str = "en") -> alt.Chart:
    """Horizontal bars, one per outlet (output of ``compare.outlet_shares``), highest share first:
    the share of the outlet's articles that belong to the series, in the series' colour, with
    "articles / all articles" written at the end of each bar."""
    lang = _lang(lang)
    if outlets is None or outlets.empty:
        return _empty_chart(lang)
    df = outlets[["outlet", "articles", "total", "share"]].copy()
    name = bidi.strip_series(df["outlet"]).fillna("").astype(str)
    df["outlet"] = name.where(name.str.strip() != "", t("compare_no_outlet", lang))
    df["label"] = bidi.label_series(df["outlet"])
    df["counts"] = [f"{a:,} / {b:,}" for a, b in zip(df["articles"], df["total"])]
    order = list(df["label"])
    arabic = lang == "ar"
    base = alt.Chart(df).encode(
        y=alt.Y("label:N", sort=order, title=t("compare_outlet", lang),
                axis=alt.Axis(labelLimit=OUTLET_LABEL_LIMIT, labelOverlap=False, orient=_y_orient(lang))),
        # Room past the longest bar for its counts.
        x=alt.X("share:Q", title=t("compare_outlet_share", lang), axis=alt.Axis(format=".0%", tickCount=8),
                scale=_x_scale(lang, domain=[0, min(1.0, max(float(df["share"].max()), 0.01) * OUTLET_SHARE_ROOM)],
                               nice=False)),
        tooltip=[
            alt.Tooltip("outlet:N", title=t("compare_outlet", lang)),
            alt.Tooltip("articles:Q", title=t("compare_axis_articles", lang), format=","),
            alt.Tooltip("total:Q", title=t("compare_all_articles", lang), format=","),
            alt.Tooltip("share:Q", title=t("compare_outlet_share", lang), format=".2%"),
        ],
    )
    bars = base.mark_bar(cornerRadiusEnd=3, color=palette.series_colour(position))
    # The counts sit past the end of each bar: leftward in Arabic, where the bars grow to the left.
    text = base.mark_text(align="right" if arabic else "left", dx=-4 if arabic else 4, fontSize=11,
                          color="#333").encode(text="counts:N")
    chart = alt.layer(bars, text).properties(width="container", height=max(120, OUTLET_BAR_STEP * len(df) + AXIS_SPACE))
    return _finish(chart, lang)


HEAT_ROW = 22  # px per outlet row of the heatmap
# Streamlit fits the whole chart into its height: upright ISO dates (~90 px), the axis title and the
# legend under it are added to the rows' pixels, or the rows would be squeezed to nothing.
HEAT_ROOM = 240


def outlet_period_chart(cells: pd.DataFrame, position: int = 1, period: str = "month", lang: str = "en",
                        order: list[str] | None = None) -> alt.Chart:
    """One row per outlet, one column per period (output of ``compare.outlet_periods``): the share of
    the outlet's articles of that period that belong to the series, from white to the series' colour;
    a period where the outlet published nothing is left blank. ``order``: the outlets top to bottom
    (default: by name)."""
    lang = _lang(lang)
    if cells is None or cells.empty:
        return _empty_chart(lang)
    df = cells[["outlet", "period", "articles", "total", "share"]].copy()
    name = bidi.strip_series(df["outlet"]).fillna("").astype(str)
    df["outlet"] = name.where(name.str.strip() != "", t("compare_no_outlet", lang))
    df["label"] = bidi.label_series(df["outlet"])
    fmt = _PERIOD_FORMAT.get(period, "%Y-%m-%d")
    df["period_label"] = pd.to_datetime(df["period"], format="%Y-%m-%d").dt.strftime(fmt)
    df["column"] = bidi.label_series(df["period_label"])
    columns = sorted(df["column"].unique(), key=bidi.strip, reverse=lang == "ar")  # time runs leftward in Arabic
    rows = [bidi.label(o) for o in (order or sorted(df["outlet"].unique()))]
    rows = [r for r in rows if r in set(df["label"])]
    chart = (
        alt.Chart(df)
        .mark_rect(stroke="white", strokeWidth=0.5)
        .encode(
            x=alt.X("column:O", sort=columns, title=t(f"compare_axis_{period}", lang),
                    axis=alt.Axis(labelAngle=-90, labelOverlap=True)),
            y=alt.Y("label:N", sort=rows, title=t("compare_outlet", lang),
                    axis=alt.Axis(labelLimit=OUTLET_LABEL_LIMIT, labelOverlap=False, orient=_y_orient(lang))),
            color=alt.Color("share:Q", title=t("compare_outlet_share", lang),
                            scale=alt.Scale(domainMin=0, range=["#f4f4f4", palette.series_colour(position)]),
                            legend=alt.Legend(format=".0%", orient="bottom", direction="horizontal")),
            tooltip=[
                alt.Tooltip("outlet:N", title=t("compare_outlet", lang)),
                alt.Tooltip("period_label:N", title=t(f"compare_axis_{period}", lang)),
                alt.Tooltip("articles:Q", title=t("compare_axis_articles", lang), format=","),
                alt.Tooltip("total:Q", title=t("compare_all_articles", lang), format=","),
                alt.Tooltip("share:Q", title=t("compare_outlet_share", lang), format=".2%"),
            ],
        )
        .properties(width="container", height=HEAT_ROW * len(rows) + HEAT_ROOM)
    )
    return _finish(chart, lang)


# --------------------------------------------------------------------------- one entity over time

# The bin of the mentions-over-time chart, by the span shown: days for a few months, weeks for up to
# three years (52 bars for a year of news), months for up to twenty years, years beyond.
MENTION_BIN_SPANS = (("day", 92), ("week", 3 * 365), ("month", 20 * 365))


def mention_bin_unit(start, end) -> str:
    """``day``, ``week``, ``month`` or ``year``: the bin for a chart spanning ``start`` to ``end``."""
    days = (pd.Timestamp(end) - pd.Timestamp(start)).days
    return next((unit for unit, limit in MENTION_BIN_SPANS if days <= limit), "year")


def mention_bins(days: pd.DataFrame, unit: str) -> pd.DataFrame:
    """Mentions and articles per ``unit`` from per-day counts (``query.entity_mention_days``: period
    YYYY-MM-DD, mentions, documents): start (first day), end (the day after the last), label
    (``2018-03-05 – 2018-03-11`` for a week, ``2018-03`` for a month ...), mentions, documents.
    Weeks start on Monday; days that do not parse are left out."""
    cols = ["start", "end", "label", "mentions", "documents"]
    day = pd.to_datetime(days["period"].astype(str).str.slice(0, 10), format="%Y-%m-%d", errors="coerce") \
        if len(days) else pd.Series(dtype="datetime64[ns]")
    ok = day.notna()
    if not ok.any():
        return pd.DataFrame(columns=cols)
    day, counts = day[ok], days.loc[ok, ["mentions", "documents"]]
    if unit == "day":
        start = day
    elif unit == "week":
        start = day - pd.to_timedelta(day.dt.day_of_week, unit="D")
    elif unit == "month":
        start = day.dt.to_period("M").dt.start_time
    else:
        start = day.dt.to_period("Y").dt.start_time
    out = counts.groupby(start.to_numpy()).sum().rename_axis("start").reset_index()
    out["start"] = pd.to_datetime(out["start"])
    step = {"day": pd.DateOffset(days=1), "week": pd.DateOffset(days=7), "month": pd.DateOffset(months=1),
            "year": pd.DateOffset(years=1)}[unit]
    out["end"] = out["start"] + step
    if unit == "week":
        out["label"] = out["start"].dt.strftime("%Y-%m-%d") + " – " + (out["end"] - pd.Timedelta(days=1)).dt.strftime("%Y-%m-%d")
    else:
        out["label"] = out["start"].dt.strftime({"day": "%Y-%m-%d", "month": "%Y-%m", "year": "%Y"}[unit])
    for c in ("mentions", "documents"):
        out[c] = out[c].astype("int64")
    return out[cols]


def _bin_ticks(bins: pd.DataFrame) -> dict:
    """Ticks on whole calendar units a step above the bins (weeks get month ticks, labelled ``2018-04``):
    ticks on arbitrary Mondays would read ``2018-04-29``."""
    days = (bins["end"] - bins["start"]).dt.days.max() if len(bins) else 1
    span_years = (bins["end"].max() - bins["start"].min()).days / 365 if len(bins) else 1
    if days <= 1:
        return {"interval": "week", "step": 1}
    if days <= 7:
        return {"interval": "month", "step": 1}
    if days <= 31:
        return {"interval": "year", "step": 1} if span_years > 2 else {"interval": "month", "step": 3}
    return {"interval": "year", "step": max(1, round(span_years / 12))}


def mentions_over_time_chart(bins: pd.DataFrame, entity_type: str | None = None, lang: str = "en",
                             window=None) -> alt.Chart:
    """Bars of an entity's mentions per period (output of ``mention_bins``), in its type's colour.
    ``window`` (a ``time_window.TimeWindow``) is the x domain shown first; the rest is reached by
    panning or zooming (interval selection "zoom" bound to the x scale)."""
    lang = _lang(lang)
    s = ui_strings(lang)
    if bins is None or bins.empty:
        return _empty_chart(lang)
    df = bins[["start", "end", "label", "mentions", "documents"]].copy()
    domain = _time_domain(window)
    x_scale = _x_scale(lang, domain=domain) if domain else _x_scale(lang)
    chart = (
        alt.Chart(df)
        .mark_bar(clip=True, color=palette.type_colour(entity_type or ""), stroke="white", strokeWidth=0.5)
        .encode(
            x=alt.X("start:T", title=s["period"], scale=x_scale,
                    axis=alt.Axis(labelExpr=ISO_TICK_LABEL, labelOverlap=True, tickCount=_bin_ticks(df))),
            x2="end:T",
            y=alt.Y("mentions:Q", title=s["mentions"], axis=alt.Axis(tickMinStep=1, format=",d", orient=_y_orient(lang))),
            y2=alt.datum(0),  # bars from zero (with x and x2 set, Vega-Lite would draw a thin range mark)
            tooltip=[
                alt.Tooltip("label:N", title=s["period"]),
                alt.Tooltip("mentions:Q", title=s["mentions"], format=","),
                alt.Tooltip("documents:Q", title=s["documents"], format=","),
            ],
        )
        .add_params(_zoom())
        .properties(width="container", height=260)
    )
    return _finish(chart, lang)
