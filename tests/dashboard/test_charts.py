"""Chart helpers give the right numbers; chart specs carry spans, selections and tooltips."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard import bidi, charts
from dashboard.time_window import TimeWindow

ENTITIES = pd.DataFrame(
    {
        "entity_id": ["putin", "kim", "kremlin", "seoul", "unnamed"],
        "type": ["PERSON", "PERSON", "ORG", "GPE", "ORG"],
        "name_ar": ["فلاديمير بوتين", "كيم جونغ أون", "الكرملين", "سيول", "جهة مجهولة"],
        "name_en": ["Vladimir Putin", "Kim Jong Un", "Kremlin", "Seoul", ""],
        "aliases": [[], [], [], [], []],
        "mentions": [999, 999, 999, 999, 999],  # corpus-wide counts: must not leak into slice counts
        "documents": [9, 9, 9, 9, 9],
        "known": [True, True, True, True, False],
    }
)

# (doc_id, passage_id, entity_id)
_MENTIONS = [
    ("d1", "d1:p0", "putin"),
    ("d1", "d1:p0", "kim"),
    ("d1", "d1:p0", "putin"),  # named twice in one passage: 2 mentions, 1 co-occurrence
    ("d1", "d1:p1", "kim"),
    ("d1", "d1:p2", "putin"),
    ("d1", "d1:p2", "kremlin"),
    ("d2", "d2:p0", "seoul"),
    ("d2", "d2:p0", "kim"),
    ("d2", "d2:p0", "putin"),
    ("d3", "d3:p0", "kim"),
    ("d3", "d3:p0", "unnamed"),
]
MENTIONS = pd.DataFrame(
    {
        "doc_id": [m[0] for m in _MENTIONS],
        "entity_id": [m[2] for m in _MENTIONS],
        "type": "PERSON",
        "text": "x",
        "start": 0,
        "end": 1,
        "name_ar": "اسم كما في الإشارة",
        "name_en": "as in mention",
        "method": "gazetteer",
        "passage_id": [m[1] for m in _MENTIONS],
    }
)

DOCUMENTS = pd.DataFrame({"doc_id": ["d1", "d2", "d3"], "published": ["2024-06-18", "2024-06-19", "2023-01-05"]})
PASSAGES = pd.DataFrame(
    {
        "doc_id": ["d1", "d1", "d1", "d2", "d2", "d3"],
        "passage_id": ["d1:p0", "d1:p1", "d1:p2", "d2:p0", "d2:p1", "d3:p0"],
        "topics": [["politics"], ["politics", "military", "politics"], ["military"], ["politics"], [], ["politics"]],
    }
)
TIMELINE = pd.DataFrame(
    {
        "doc_id": ["d1", "d1", "d2", "d3"],
        "date": ["2024-06-18", "2023-09", "2024", "2024-06-16"],
        "precision": ["day", "month", "year", "day"],
        "text": ["اليوم", "في سبتمبر 2023", "عام 2024", "الأحد الماضي"],
        "start": [0, 0, 0, 0],
        "end": [5, 14, 8, 12],
        "event": ["بدأ الرئيس الروسي زيارة " * 20, "ذهب كيم إلى روسيا", "استقبل الضيف", "رسالة"],
        "actors": [["putin", "putin"], ["kim"], ["kim", "seoul"], []],
        "relative": [True, False, False, True],
        "calendar": ["gregorian"] * 4,
        "passage_id": ["d1:p0", "d1:p1", "d2:p0", "d3:p0"],
    }
)
LABELS = {"politics": "Politics", "military": "Military"}


# ------------------------------------------------------------------ helpers


def test_entity_counts_counts_mentions_and_documents_of_the_slice():
    got = charts.entity_counts(MENTIONS, ENTITIES, top_n=3)
    assert list(got.columns) == ["entity_id", "name_ar", "name_en", "type", "mentions", "documents"]
    assert got["entity_id"].tolist() == ["kim", "putin", "kremlin"]
    assert got["mentions"].tolist() == [4, 4, 1]
    assert got["documents"].tolist() == [3, 2, 1]
    kim = got.iloc[0]
    assert (kim["name_ar"], kim["name_en"], kim["type"]) == ("كيم جونغ أون", "Kim Jong Un", "PERSON")


def test_entity_counts_falls_back_to_names_in_mentions_for_unknown_ids():
    got = charts.entity_counts(MENTIONS, ENTITIES.iloc[:2], top_n=None).set_index("entity_id")
    assert got.loc["seoul", "name_ar"] == "اسم كما في الإشارة"
    assert got.loc["kim", "name_ar"] == "كيم جونغ أون"
    assert len(got) == 5


def test_entity_counts_empty():
    got = charts.entity_counts(MENTIONS.iloc[:0], ENTITIES, 10)
    assert got.empty and "mentions" in got


@pytest.mark.parametrize(
    ("freq", "expected"),
    [
        ("M", {("2024-06", "politics"): 3, ("2024-06", "military"): 2, ("2023-01", "politics"): 1}),
        ("Y", {("2024", "politics"): 3, ("2024", "military"): 2, ("2023", "politics"): 1}),
        (
            "D",
            {
                ("2024-06-18", "politics"): 2,
                ("2024-06-18", "military"): 2,
                ("2024-06-19", "politics"): 1,
                ("2023-01-05", "politics"): 1,
            },
        ),
        ("W", {("2024-06-17", "politics"): 3, ("2024-06-17", "military"): 2, ("2023-01-02", "politics"): 1}),
    ],
)
def test_topic_counts_per_period(freq, expected):
    # politics: d1:p0, d1:p1 (listed twice, counts once), d2:p0, d3:p0; military: d1:p1, d1:p2.
    got = charts.topic_counts(PASSAGES, DOCUMENTS, freq, labels=LABELS)
    assert {(r.period, r.topic): r.passages for r in got.itertuples()} == expected
    assert set(got["topic_label"]) == {"Politics", "Military"}
    assert got["period"].is_monotonic_increasing


def test_topic_counts_skips_undated_articles_and_unknown_labels_show_the_id():
    docs = DOCUMENTS.assign(published=["2024-06-18", None, ""])
    got = charts.topic_counts(PASSAGES, docs, "M", labels={})
    assert got[["period", "topic", "topic_label", "passages", "documents"]].values.tolist() == [
        ["2024-06", "military", "military", 2, 1],
        ["2024-06", "politics", "politics", 2, 1],
    ]


def test_cooccurrence_pairs_count_distinct_passages():
    got = charts.cooccurrence_pairs(MENTIONS, ENTITIES, top_n=4, lang="en")
    weights = {(r.source_id, r.target_id): r.weight for r in got.itertuples()}
    # putin+kim share d1:p0 and d2:p0; the repeated putin in d1:p0 does not count twice.
    assert weights == {
        ("kim", "putin"): 2,
        ("kim", "seoul"): 1,
        ("putin", "seoul"): 1,
        ("kremlin", "putin"): 1,
    }
    assert got.iloc[0][["source_label", "target_label", "weight"]].tolist() == ["Kim Jong Un", "Vladimir Putin", 2]
    ar = charts.cooccurrence_pairs(MENTIONS, ENTITIES, top_n=4, lang="ar")
    assert ar.iloc[0]["source_label"] == "كيم جونغ أون"


def test_cooccurrence_pairs_top_n_limits_entities():
    got = charts.cooccurrence_pairs(MENTIONS, ENTITIES, top_n=2)
    assert got[["source_id", "target_id", "weight"]].values.tolist() == [["kim", "putin", 2]]
    assert charts.cooccurrence_pairs(MENTIONS.iloc[:0], ENTITIES).empty


def test_timeline_lanes_by_actor():
    got = charts.timeline_lanes(TIMELINE, ENTITIES, PASSAGES, "actor", "en")
    assert list(zip(got["passage_id"], got["lane"])) == [
        ("d1:p0", "Vladimir Putin"),  # the actor listed twice makes one row
        ("d1:p1", "Kim Jong Un"),
        ("d2:p0", "Kim Jong Un"),
        ("d2:p0", "Seoul"),
        ("d3:p0", "(none)"),
    ]
    assert got["lane_id"].tolist() == ["putin", "kim", "kim", "seoul", ""]
    ar = charts.timeline_lanes(TIMELINE, ENTITIES, PASSAGES, "actor", "ar")
    assert ar["lane"].tolist()[:2] == ["فلاديمير بوتين", "كيم جونغ أون"]
    assert ar["lane"].tolist()[-1] == charts.ui_strings("ar")["none"]


def test_timeline_lanes_by_topic():
    got = charts.timeline_lanes(TIMELINE, ENTITIES, PASSAGES, "topic", "en", topic_label_map=LABELS)
    assert list(zip(got["passage_id"], got["lane"])) == [
        ("d1:p0", "Politics"),
        ("d1:p1", "Politics"),
        ("d1:p1", "Military"),
        ("d2:p0", "Politics"),
        ("d3:p0", "Politics"),
    ]
    assert {"date", "event", "actors"} <= set(got.columns)


def test_timeline_lanes_rejects_unknown_lane_kind():
    with pytest.raises(ValueError):
        charts.timeline_lanes(TIMELINE, ENTITIES, PASSAGES, "outlet")


# ------------------------------------------------------------------ chart specs


def _spec(chart) -> dict:
    return chart.to_dict()


def _layers(spec: dict) -> list[dict]:
    return spec.get("layer", [spec])


def _rows(spec: dict) -> list[dict]:
    return next(iter(spec["datasets"].values()))


def test_timeline_spans_are_whole_periods():
    spans = charts.timeline_spans(TIMELINE).set_index("passage_id")
    assert spans.loc["d1:p0", ["x_start", "x_end"]].tolist() == [pd.Timestamp("2024-06-18"), pd.Timestamp("2024-06-19")]
    assert spans.loc["d1:p1", ["x_start", "x_end"]].tolist() == [pd.Timestamp("2023-09-01"), pd.Timestamp("2023-10-01")]
    assert spans.loc["d2:p0", ["x_start", "x_end"]].tolist() == [pd.Timestamp("2024-01-01"), pd.Timestamp("2025-01-01")]


@pytest.mark.parametrize(
    ("date", "precision", "expected"),
    [("2024-06-18", "month", "month"), ("2024-06", "day", "month"), ("2024", None, "year"), ("1445-12", "month", "month")],
)
def test_timeline_spans_never_finer_than_the_date_written(date, precision, expected):
    row = pd.DataFrame({"date": [date], "precision": [precision], "passage_id": ["p"]})
    assert charts.timeline_spans(row)["precision"].tolist() == [expected]


def test_timeline_spans_drop_unparseable_dates():
    rows = pd.DataFrame({"date": ["2024-13", "", "soon", "2024-02-30"], "precision": ["month", "day", "day", "day"]})
    assert charts.timeline_spans(rows).empty


def test_timeline_chart_spec_spans_points_selection_and_tooltips():
    lanes = charts.timeline_lanes(TIMELINE, ENTITIES, PASSAGES, "actor", "en")
    spec = _spec(charts.timeline_chart(lanes, "actor", "en"))
    layers = _layers(spec)
    bars = [lay for lay in layers if lay["mark"]["type"] == "bar"]
    dots = [lay for lay in layers if lay["mark"]["type"] == "circle"]
    assert len(bars) == 1 and len(dots) == 1
    assert bars[0]["encoding"]["x2"]["field"] == "x_end"
    assert "x2" not in dots[0]["encoding"]
    assert bars[0]["transform"] == [{"filter": "(datum.precision !== 'day')"}]
    # Month and year bands lie under the day points, thinner than a point and pale: they do not hide them.
    assert layers.index(bars[0]) < layers.index(dots[0])
    assert bars[0]["mark"]["height"] < 10 and bars[0]["encoding"]["opacity"]["condition"]["value"] <= 0.5
    # Day dates sit on their day; month/year rows in the dot layer are invisible click targets.
    conditions = dots[0]["encoding"]["opacity"]["condition"]
    assert conditions[0] == {"test": "datum.precision != 'day'", "value": charts.HIT_TARGET_OPACITY}
    params = spec["params"]
    assert [p["name"] for p in params] == ["point", "zoom"]
    assert params[0]["select"]["type"] == "point" and params[0]["select"]["fields"] == ["passage_id"]
    assert params[1]["select"] == {"type": "interval", "encodings": ["x"]} and params[1]["bind"] == "scales"
    tips = {t["field"] for t in bars[0]["encoding"]["tooltip"]}
    assert tips == {"written", "date", "precision_label", "event", "lane"}
    rows = {r["passage_id"] + "|" + r["lane"]: r for r in _rows(spec)}
    assert rows["d1:p1|Kim Jong Un"]["x_end"].startswith("2023-10-01")
    assert rows["d1:p1|Kim Jong Un"]["date"] == "2023-09"
    assert rows["d1:p0|Vladimir Putin"]["event"].endswith("…")
    assert len(rows["d1:p0|Vladimir Putin"]["event"]) == charts.EVENT_MAX_CHARS
    # Busiest lane first, "(none)" last.
    assert spec["layer"][0]["encoding"]["y"]["sort"][0] == "Kim Jong Un"
    assert spec["layer"][0]["encoding"]["y"]["sort"][-1] == "(none)"


def test_timeline_chart_wraps_arabic_lanes_and_uses_arabic_titles():
    lanes = charts.timeline_lanes(TIMELINE, ENTITIES, PASSAGES, "actor", "ar")
    spec = _spec(charts.timeline_chart(lanes, "actor", "ar"))
    rows = _rows(spec)
    assert bidi.rtl("كيم جونغ أون") in {r["lane_label"] for r in rows}
    assert "كيم جونغ أون" in {r["lane"] for r in rows}  # tooltips keep the raw name
    assert spec["layer"][0]["encoding"]["y"]["title"] == "الفاعل"
    assert "Noto Naskh Arabic" in spec["config"]["font"]


def test_timeline_chart_days_only_has_no_x2_anywhere():
    days = TIMELINE[TIMELINE["precision"] == "day"].assign(lane="x")
    spec = _spec(charts.timeline_chart(days, "actor", "en"))
    assert all("x2" not in lay["encoding"] for lay in _layers(spec))
    assert spec["params"][0]["name"] == "point"


@pytest.mark.parametrize("frame", [pd.DataFrame(), TIMELINE.iloc[:0], pd.DataFrame({"date": ["junk"], "precision": ["day"], "passage_id": ["p"], "lane": ["x"]})])
def test_timeline_chart_empty_says_no_data_and_keeps_the_selection(frame):
    spec = _spec(charts.timeline_chart(frame, "actor", "en"))
    assert spec["mark"]["type"] == "text"
    assert _rows(spec)[0]["message"] == charts.ui_strings("en")["no_data"]
    assert spec["params"][0]["name"] == "point"


def test_top_actors_chart_sorted_bars_with_names_in_language():
    counts = charts.entity_counts(MENTIONS, ENTITIES, 5)
    spec = _spec(charts.top_actors_chart(counts, "ar"))
    assert spec["mark"]["type"] == "bar"
    enc = spec["encoding"]
    assert enc["x"]["field"] == "mentions" and enc["y"]["field"] == "label"
    assert enc["y"]["sort"][:2] == [bidi.rtl("كيم جونغ أون"), bidi.rtl("فلاديمير بوتين")]
    assert {t["field"] for t in enc["tooltip"]} >= {"name_ar", "name_en", "mentions"}
    en = _spec(charts.top_actors_chart(counts, "en"))
    labels = en["encoding"]["y"]["sort"]
    assert labels[:2] == ["Kim Jong Un", "Vladimir Putin"]
    unnamed = pd.DataFrame({"entity_id": ["x"], "name_ar": ["جهة مجهولة"], "name_en": [""], "type": ["ORG"], "mentions": [1]})
    # No English name: the English chart falls back to the Arabic one.
    assert _spec(charts.top_actors_chart(unnamed, "en"))["encoding"]["y"]["sort"] == [bidi.rtl("جهة مجهولة")]


def test_top_actors_chart_keeps_entities_with_the_same_name_apart():
    counts = pd.DataFrame(
        {"entity_id": ["a", "b"], "name_ar": ["محمد", "محمد"], "name_en": ["Mohammed", "Mohammed"], "type": ["PERSON", "PERSON"], "mentions": [3, 2]}
    )
    spec = _spec(charts.top_actors_chart(counts, "en"))
    assert len(set(spec["encoding"]["y"]["sort"])) == 2


def test_topics_over_time_fills_missing_periods_with_zero():
    counts = charts.topic_counts(PASSAGES, DOCUMENTS, "M", labels=LABELS)
    spec = _spec(charts.topics_over_time_chart(counts, "en"))
    assert spec["mark"]["type"] == "area"
    assert spec["encoding"]["y"]["stack"] == "zero"
    rows = {(r["period"], r["topic"]): r["passages"] for r in _rows(spec)}
    assert rows[("2023-01", "military")] == 0
    assert rows[("2024-06", "military")] == 2
    assert spec["encoding"]["x"]["axis"]["format"] == "%Y-%m"


def test_cooccurrence_chart_is_a_symmetric_matrix():
    pairs = charts.cooccurrence_pairs(MENTIONS, ENTITIES, 4, "en")
    spec = _spec(charts.cooccurrence_chart(pairs, "en"))
    heat = spec["layer"][0]
    assert heat["mark"]["type"] == "rect"
    rows = {(r["source_label"], r["target_label"]): r["weight"] for r in _rows(spec)}
    assert rows[("Kim Jong Un", "Vladimir Putin")] == rows[("Vladimir Putin", "Kim Jong Un")] == 2
    assert heat["encoding"]["x"]["sort"] == heat["encoding"]["y"]["sort"]
    assert heat["encoding"]["x"]["sort"][0] == "Vladimir Putin"  # largest total weight first
    assert spec["layer"][1]["encoding"]["text"]["field"] == "weight"


def _complete_pairs(n: int) -> pd.DataFrame:
    """Every pair of ``n`` actors, each with its own weight (a matrix of n rows and columns)."""
    ids = [f"e{i}" for i in range(n)]
    rows = [(a, f"فاعل {a}", b, f"فاعل {b}", i + j + 1) for i, a in enumerate(ids) for j, b in enumerate(ids) if i < j]
    return pd.DataFrame(rows, columns=["source_id", "source_label", "target_id", "target_label", "weight"])


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_cooccurrence_chart_draws_every_actor_label_with_18_px_or_more_per_row(lang):
    sizes = []
    for n in (4, 25, 40, 60):
        spec = _spec(charts.cooccurrence_chart(_complete_pairs(n), lang))
        x_axis, y_axis = (spec["layer"][0]["encoding"][c]["axis"] for c in ("x", "y"))
        # Vega would otherwise hide labels that touch (every other actor lost its name).
        assert (x_axis["labelOverlap"], y_axis["labelOverlap"]) == (False, False)
        assert len(spec["layer"][0]["encoding"]["y"]["sort"]) == n
        # Rows of 18 px or more, plus the column names and the legend that Streamlit fits into the height.
        assert spec["height"] - spec["width"] == round(160 * (0.71 if abs(x_axis["labelAngle"]) == 45 else 1)) + 10 + 60
        assert spec["width"] >= 18 * n
        sizes.append((spec["width"], x_axis["labelAngle"], len(spec["layer"])))
    # 34 px a row for few actors, 700 px shared by 25, then 18 px a row with upright column names;
    # past 30 actors the cells no longer print their counts (wider than a column), tooltips still do.
    # Slanted names lean over their own column: up and to the right in English, to the left in Arabic.
    slant = 45 if lang == "ar" else -45
    assert sizes == [(136, slant, 2), (700, slant, 2), (720, -90, 1), (1080, -90, 1)]


@pytest.mark.parametrize(("lang", "reverse", "orient"), [("en", False, "left"), ("ar", True, "right")])
def test_cooccurrence_matrix_reads_right_to_left_in_arabic(lang, reverse, orient):
    spec = _spec(charts.cooccurrence_chart(_complete_pairs(6), lang))
    enc = spec["layer"][0]["encoding"]
    # The first (busiest) actor's column at the reading start: a reversed band scale in Arabic.
    assert enc["x"]["scale"]["reverse"] is reverse
    assert enc["y"]["axis"]["orient"] == orient
    assert enc["x"]["sort"] == enc["y"]["sort"]


@pytest.mark.parametrize("builder", [charts.top_actors_chart, charts.topics_over_time_chart, charts.cooccurrence_chart])
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_charts_on_empty_frames_say_no_data(builder, lang):
    spec = _spec(builder(pd.DataFrame(), lang))
    assert _rows(spec)[0]["message"] == bidi.label(charts.ui_strings(lang)["no_data"])


def test_ui_strings_fall_back_to_english_for_unknown_language():
    assert charts.ui_strings("fr") == charts.ui_strings("en")
    assert set(charts.ui_strings("ar")) == set(charts.ui_strings("en"))


# ------------------------------------------------------------------ bidi


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("فلاديمير بوتين", "\u2067فلاديمير بوتين\u2069"),
        ("حركة حماس Hamas 2024", "\u2067حركة حماس Hamas 2024\u2069"),
        ("2024-06-18", "\u20662024-06-18\u2069"),
        ("١٢٬٥٠٠", "\u2066١٢٬٥٠٠\u2069"),
        ("Vladimir Putin", "Vladimir Putin"),
        ("\u2067سيول\u2069", "\u2067سيول\u2069"),
        (None, ""),
        (float("nan"), ""),
    ],
)
def test_bidi_label(text, expected):
    assert bidi.label(text) == expected


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=40))
def test_bidi_label_round_trips_and_is_idempotent(text):
    wrapped = bidi.label(text)
    assert bidi.strip(wrapped) == bidi.strip(text)
    assert bidi.label(wrapped) == wrapped


def test_label_series_matches_label_and_keeps_index():
    values = pd.Series(["سيول", None, "Seoul", "سيول", "2024"], index=[5, 6, 7, 8, 9])
    got = bidi.label_series(values)
    assert got.tolist() == [bidi.label(v) for v in values]
    assert got.index.tolist() == [5, 6, 7, 8, 9]


@settings(max_examples=8, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["2024-06-18", "2024-06", "2024", "2024-02-30", "", "x", "1999-12-31"]),
            st.sampled_from(["day", "month", "year", None, "week"]),
            st.lists(st.sampled_from(["putin", "kim", "ghost", ""]), max_size=3),
            st.text(max_size=30),
        ),
        max_size=8,
    )
)
def test_timeline_chart_never_raises_and_spans_cover_their_date(rows):
    frame = pd.DataFrame(
        {
            "doc_id": "d",
            "date": [r[0] for r in rows],
            "precision": [r[1] for r in rows],
            "actors": [r[2] for r in rows],
            "event": [r[3] for r in rows],
            "text": [r[3] for r in rows],
            "passage_id": [f"d:p{i}" for i in range(len(rows))],
        }
    )
    lanes = charts.timeline_lanes(frame, ENTITIES, PASSAGES, "actor", "ar")
    spec = charts.timeline_chart(lanes, "actor", "ar").to_dict()
    assert any(p["name"] == "point" for p in spec["params"])
    json.dumps(spec)
    spans = charts.timeline_spans(frame) if len(frame) else frame
    for r in spans.itertuples():
        n = {"day": 10, "month": 7, "year": 4}[r.precision]
        assert r.x_start.strftime("%Y-%m-%d")[:n] == r.date[:n]
        assert r.x_start < r.x_end


def _encodings(spec: dict) -> list[dict]:
    """Every encoding block of a (possibly layered) Vega-Lite spec."""
    layers = spec.get("layer", [spec])
    return [layer["encoding"] for layer in layers if "encoding" in layer]


@pytest.mark.parametrize("lang, reverse, orient", [("ar", True, "right"), ("en", False, "left")])
def test_charts_read_right_to_left_in_arabic(lang, reverse, orient):
    lanes = charts.timeline_lanes(TIMELINE, ENTITIES, PASSAGES, "actor", lang)
    counts = charts.entity_counts(MENTIONS, ENTITIES)
    for chart in (charts.timeline_chart(lanes, "actor", lang), charts.top_actors_chart(counts, lang)):
        spec = chart.to_dict()
        for enc in _encodings(spec):
            assert enc["x"]["scale"]["reverse"] is reverse  # time and counts grow leftward in Arabic
            assert enc["y"]["axis"]["orient"] == orient  # names where reading starts
        assert spec["config"]["legend"]["orient"] == ("left" if reverse else "right")


# ------------------------------------------------------------------ time windows, zoom and pan

WINDOW = TimeWindow(
    start=pd.Timestamp("2023-09-01"), end=pd.Timestamp("2024-07-01"), unit="month", total=4, before=0, after=0,
    first=pd.Timestamp("2023-09-01"), last=pd.Timestamp("2025-01-01"),
)
WINDOW_DOMAIN = [{"year": 2023, "month": 9, "date": 1}, {"year": 2024, "month": 7, "date": 1}]


@pytest.mark.parametrize("lang, reverse", [("en", False), ("ar", True)])
def test_timeline_chart_opens_on_the_window_and_pans_and_zooms(lang, reverse):
    lanes = charts.timeline_lanes(TIMELINE, ENTITIES, PASSAGES, "actor", lang)
    spec = _spec(charts.timeline_chart(lanes, "actor", lang, WINDOW))
    for layer in _layers(spec):
        assert layer["encoding"]["x"]["scale"] == {"domain": WINDOW_DOMAIN, "reverse": reverse}
        assert layer["mark"]["clip"] is True  # marks outside the window are not drawn over the axis
    zoom = next(p for p in spec["params"] if p["name"] == charts.ZOOM)
    assert zoom["select"] == {"type": "interval", "encodings": ["x"]} and zoom["bind"] == "scales"
    assert spec["layer"][0]["encoding"]["x"]["axis"]["labelExpr"] == charts.ISO_TICK_LABEL


def test_timeline_chart_without_a_window_lets_the_data_set_the_domain():
    lanes = charts.timeline_lanes(TIMELINE, ENTITIES, PASSAGES, "actor", "ar")
    spec = _spec(charts.timeline_chart(lanes, "actor", "ar"))
    assert all(layer["encoding"]["x"]["scale"] == {"reverse": True} for layer in _layers(spec))


def test_timeline_lanes_are_sorted_by_their_number_of_points():
    rows = pd.DataFrame({
        "date": ["2024-01-01"] * 6, "precision": ["day"] * 6, "passage_id": [f"p{i}" for i in range(6)],
        "lane": ["Seoul", "Kim", "Kim", "Putin", "Putin", "Putin"],
    })
    spec = _spec(charts.timeline_chart(rows, "actor", "en"))
    assert _layers(spec)[0]["encoding"]["y"]["sort"] == ["Putin", "Kim", "Seoul"]


@pytest.mark.parametrize("lang, reverse", [("en", False), ("ar", True)])
def test_topics_over_time_opens_on_the_window_and_pans_and_zooms(lang, reverse):
    counts = charts.topic_counts(PASSAGES, DOCUMENTS, "M", labels=LABELS)
    window = TimeWindow(
        start=pd.Timestamp("2024-06-01"), end=pd.Timestamp("2024-07-01"), unit="month", total=6, before=1, after=0,
        first=pd.Timestamp("2023-01-01"), last=pd.Timestamp("2024-07-01"),
    )
    spec = _spec(charts.topics_over_time_chart(counts, lang, window))
    assert spec["encoding"]["x"]["scale"] == {
        "domain": [{"year": 2024, "month": 6, "date": 1}, {"year": 2024, "month": 7, "date": 1}], "reverse": reverse,
    }
    assert spec["mark"]["clip"] is True
    assert [p["name"] for p in spec["params"]] == ["topic", charts.ZOOM]
    # Ticks counted over the months in the window (one), not the 18 months of the data.
    assert spec["encoding"]["x"]["axis"]["tickCount"] == {"interval": "month", "step": 1}


def test_actor_names_joined_once_each_in_the_language():
    actors = pd.Series([["putin", "kim", "putin"], [], None, ["nobody\u202e"]])
    assert charts.actor_names_joined(actors, ENTITIES, "en").tolist() == [
        "Vladimir Putin, Kim Jong Un", "", "", "nobody"]
    assert charts.actor_names_joined(actors, ENTITIES, "ar").tolist()[0] == "فلاديمير بوتين، كيم جونغ أون"


def test_timeline_lanes_follow_their_weight_over_every_point_not_the_rows_drawn():
    # The query cut the rows: Kim has 40 points in all but one drawn, Seoul 3 points, two drawn.
    rows = pd.DataFrame({
        "date": ["2024-01-01"] * 4, "precision": ["day"] * 4, "passage_id": ["p0", "p1", "p2", "p3"],
        "lane": ["Seoul", "Seoul", "Kim", "(none)"], "lane_points": [3, 3, 40, 90],
    })
    spec = _spec(charts.timeline_chart(rows, "actor", "en"))
    assert _layers(spec)[0]["encoding"]["y"]["sort"] == ["Kim", "Seoul", "(none)"]


# ------------------------------------------------------------------ network (node-link)


def _network(lang: str):
    from dashboard import graph

    pairs = charts.cooccurrence_pairs(MENTIONS, ENTITIES, 5, lang)
    counts = charts.entity_counts(MENTIONS, ENTITIES, None)
    nodes, edges = graph.layout_network(counts, pairs, 1)
    return nodes, edges, _spec(charts.network_chart(nodes, edges, lang))


def _layer_rows(spec: dict, layer: dict) -> list[dict]:
    return spec["datasets"][layer["data"]["name"]]


def test_network_chart_draws_lines_then_circles_then_names():
    nodes, edges, spec = _network("en")
    marks = [layer["mark"]["type"] for layer in spec["layer"]]
    assert marks == ["rule", "circle", "text", "text"]  # lines under circles, a halo under each name
    rule, circle, halo, text = spec["layer"]
    lines = _layer_rows(spec, rule)
    assert len(lines) == len(edges) == 5
    # Kim and Putin share 2 passages: the widest line; widths follow the passages naming both.
    heavy = max(lines, key=lambda r: r["weight"])
    assert {heavy["source_label"], heavy["target_label"]} == {"Vladimir Putin", "Kim Jong Un"}
    assert heavy["weight"] == 2
    assert rule["encoding"]["strokeWidth"]["field"] == "weight"
    assert {rule["encoding"][c]["field"] for c in ("x", "y", "x2", "y2")} == {"x", "y", "x2", "y2"}
    circles = _layer_rows(spec, circle)
    assert len(circles) == len(nodes) == 5
    by_id = {r["entity_id"]: r for r in circles}
    # Area grows with mentions: Putin (4) and Kim (4) are the largest, Seoul (1) the smallest.
    assert by_id["putin"]["area"] == max(r["area"] for r in circles) > by_id["seoul"]["area"]
    assert circle["encoding"]["size"]["field"] == "area" and circle["encoding"]["size"]["scale"] is None
    assert [tt["field"] for tt in circle["encoding"]["tooltip"]] == ["name_ar", "name_en", "type_label", "mentions", "degree"]
    assert text["encoding"]["text"]["field"] == "label" and halo["mark"]["stroke"] == "white"
    # Each name sits under its own circle.
    assert all(r["label_y"] < r["y"] for r in _layer_rows(spec, text))
    (param,) = spec["params"]  # the selection lives on the circles' view
    assert param["name"] == "node" and param["views"] == [circle["name"]]


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_network_chart_colours_each_type_with_its_palette_colour(lang):
    from dashboard import palette

    _, _, spec = _network(lang)
    scale = spec["layer"][1]["encoding"]["color"]["scale"]
    labels = {r["type_label"]: r["type"] for r in _layer_rows(spec, spec["layer"][1])}
    assert dict(zip(scale["domain"], scale["range"])) == {lab: palette.type_colour(ty) for lab, ty in labels.items()}
    assert set(labels.values()) == {"PERSON", "ORG", "GPE"}


def test_network_chart_names_actors_in_arabic_in_the_arabic_interface():
    _, _, en = _network("en")
    _, _, ar = _network("ar")
    names_en = {r["entity_id"]: r["label"] for r in _layer_rows(en, en["layer"][3])}
    names_ar = {r["entity_id"]: r["label"] for r in _layer_rows(ar, ar["layer"][3])}
    assert names_en["putin"] == "Vladimir Putin" and names_en["kremlin"] == "Kremlin"
    assert names_ar["putin"] == "\u2067فلاديمير بوتين\u2069" and names_ar["seoul"] == "\u2067سيول\u2069"
    types_ar = {r["type_label"] for r in _layer_rows(ar, ar["layer"][1])}
    assert types_ar == {"شخص", "منظمة", "دولة أو مدينة"}
    # Same picture in both languages: the positions do not depend on the labels.
    assert [(r["x"], r["y"]) for r in _layer_rows(en, en["layer"][1])] == [
        (r["x"], r["y"]) for r in _layer_rows(ar, ar["layer"][1])]


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_network_chart_without_actors_says_no_data(lang):
    spec = _spec(charts.network_chart(pd.DataFrame(), pd.DataFrame(), lang))
    assert _rows(spec)[0]["message"] == bidi.label(charts.ui_strings(lang)["no_data"])


def test_network_chart_without_lines_still_draws_the_actors():
    from dashboard import graph

    counts = charts.entity_counts(MENTIONS, ENTITIES, None)
    nodes, edges = graph.layout_network(counts, charts.cooccurrence_pairs(MENTIONS, ENTITIES, 5), 99)
    spec = _spec(charts.network_chart(nodes, edges, "en"))
    assert edges.empty and [layer["mark"]["type"] for layer in spec["layer"]] == ["circle", "text", "text"]
