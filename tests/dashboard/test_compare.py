"""The compare page: series in the URL, counts and shares per period against a direct count, outlets
side by side, the attention chart in both languages, and the page driven through AppTest.

The fixture (tests/dashboard/conftest.py): Kim Jong Un is named in d1 (2024-06-18, الإيطالية نيوز),
d2 (2024-06-19, وكالة الأنباء) and d3 (2023-01-05, الإيطالية نيوز); Putin in d1 only.
"""

from __future__ import annotations

import re
from html import unescape

import pandas as pd
import pytest

from dashboard import bidi, charts, compare, export, palette, query
from dashboard.compare import Series
from dashboard.filters import Filters
from dashboard.i18n import t
from tests.dashboard.conftest import build_fixture_frames
from tests.dashboard.test_app import chart_data, make_app

KIM, PUTIN = "kim_jong_un", "vladimir_putin"
FSI, PDI, RLI, RLO = "\u2068", "\u2069", "\u2067", "\u202e"


# ---------------------------------------------------------------- series and the URL


def test_series_round_trip_through_their_url_form():
    series = (Series("actor", KIM), Series("q", "كوريا الشمالية"), Series("actor", PUTIN))
    assert [s.spec for s in series] == [f"actor:{KIM}", "q:كوريا الشمالية", f"actor:{PUTIN}"]
    assert compare.parse_series([s.spec for s in series]) == series


@pytest.mark.parametrize("spec", ["", "kim", "actor:", "q:   ", "q:!!! ؟", "topic:politics", None, 7])
def test_a_url_value_that_names_no_series_is_dropped(spec):
    assert compare.parse_series([spec, f"actor:{KIM}"]) == (Series("actor", KIM),)


def test_series_keep_their_order_without_repeats_and_at_most_six():
    specs = [f"actor:e{n}" for n in range(8)]
    assert compare.parse_series([specs[1], specs[0], specs[1]]) == (Series("actor", "e1"), Series("actor", "e0"))
    assert [s.value for s in compare.parse_series(specs)] == [f"e{n}" for n in range(6)]


def test_a_series_replaces_the_sidebars_actors_and_text_and_keeps_the_rest():
    base = Filters(actors=("x", "y"), actor_mode="all", text="سوريا", topics=("politics",), outlets=("BBC",),
                   date_from="2018-01-01", event_from="2017-01-01")
    assert Series("actor", KIM).filters(base) == Filters(actors=(KIM,), topics=("politics",), outlets=("BBC",),
                                                         date_from="2018-01-01")
    assert Series("q", "كوريا").filters(base) == Filters(text="كوريا", topics=("politics",), outlets=("BBC",),
                                                         date_from="2018-01-01")
    assert compare.collection_filters(base) == Filters(outlets=("BBC",), date_from="2018-01-01")


def test_series_labels_name_actors_in_the_language_and_quote_texts():
    series = [Series("actor", KIM), Series("q", f"كوريا{RLO}"), Series("actor", "unknown")]
    names = {KIM: "كيم جونغ أون"}
    assert compare.series_labels(series, names, "ar") == ["كيم جونغ أون", "«كوريا»", "unknown"]
    assert compare.series_labels(series, {KIM: "Kim Jong Un"}, "en") == ["Kim Jong Un", "“كوريا”", "unknown"]
    twins = [Series("actor", "a"), Series("actor", "b")]
    assert compare.series_labels(twins, {"a": "Ali", "b": "Ali"}, "en") == ["Ali (1)", "Ali (2)"]


@pytest.mark.parametrize(
    ("first", "last", "period"),
    [("2018-06-01", "2018-06-30", "day"), ("2018-01-01", "2018-03-03", "day"), ("2018-01-01", "2018-03-05", "week"),
     ("2017-01-01", "2018-06-30", "week"), ("2015-03-01", "2018-10-31", "month"), (None, None, "month")],
)
def test_the_period_follows_the_span(first, last, period):
    assert compare.auto_period(first, last) == period


def test_periods_start_on_the_day_the_monday_and_the_first_of_the_month():
    days = pd.Series(["2018-06-20", "2018-06-24", "2018-06-25", None])
    assert compare.period_start(days, "day").tolist() == ["2018-06-20", "2018-06-24", "2018-06-25", None]
    assert compare.period_start(days, "week").tolist() == ["2018-06-18", "2018-06-18", "2018-06-25", None]
    assert compare.period_start(days, "month").tolist() == ["2018-06-01", "2018-06-01", "2018-06-01", None]


# ---------------------------------------------------------------- counts against a direct count


def direct_counts(entity_id: str, period: str) -> pd.DataFrame:
    """Articles naming ``entity_id`` and all articles, per period, counted from the frames in pandas."""
    frames = build_fixture_frames()
    docs = frames["documents"][["doc_id", "published"]].assign(
        period=lambda d: compare.period_start(d["published"], period))
    named = set(frames["mentions"].loc[frames["mentions"]["entity_id"] == entity_id, "doc_id"])
    out = docs.groupby("period").agg(total=("doc_id", "nunique"),
                                     articles=("doc_id", lambda ids: len(set(ids) & named)))
    return out.reset_index()


def fixture_counts(fixture_dir, series, base: Filters | None = None):
    base = base or Filters()
    con = query.connect(fixture_dir)
    counts = {n: query.day_outlet_counts(con, query.select_passages(con, s.filters(base)))
              for n, s in enumerate(series, start=1)}
    return counts, query.collection_counts(con, compare.collection_filters(base))


@pytest.mark.parametrize("period", compare.PERIODS)
def test_articles_per_period_equal_a_direct_count_and_share_is_articles_over_all(fixture_dir, period):
    series = [Series("actor", KIM), Series("actor", PUTIN)]
    counts, collection = fixture_counts(fixture_dir, series)
    points = compare.attention(counts, collection, ["Kim", "Putin"], period)
    for position, entity in enumerate((KIM, PUTIN), start=1):
        got = points[points["position"] == position].set_index("period")
        want = direct_counts(entity, period).set_index("period")
        assert got["articles"].to_dict() == want["articles"].to_dict()
        assert got["total"].to_dict() == want["total"].to_dict()
        assert (got["share"] == got["articles"] / got["total"]).all()


def test_putin_is_half_the_june_2024_articles_and_none_of_january_2023(fixture_dir):
    counts, collection = fixture_counts(fixture_dir, [Series("actor", PUTIN)])
    points = compare.attention(counts, collection, ["Putin"], "month").set_index("period")
    assert points.loc["2024-06-01", ["articles", "total", "share"]].tolist() == [1, 2, 0.5]
    assert points.loc["2023-01-01", ["articles", "total", "share"]].tolist() == [0, 1, 0.0]


def test_a_text_series_counts_the_articles_whose_passages_hold_the_text(fixture_dir):
    # كوريا: d1 (لكوريا, with a clitic) and d3 (كُورِيَا, with diacritics), found as the sidebar's text filter finds them.
    counts, collection = fixture_counts(fixture_dir, [Series("q", "كوريا")])
    totals = compare.series_totals(counts, collection, [Series("q", "كوريا")], ["«كوريا»"]).iloc[0]
    frames = build_fixture_frames()
    folded = frames["passages"]["text"].str.replace(r"[\u064b-\u0652]", "", regex=True)
    hits = frames["passages"][folded.str.contains("كوريا")]
    assert (totals["articles"], totals["passages"]) == (hits["doc_id"].nunique(), len(hits))
    assert (totals["first"], totals["last"]) == ("2023-01-05", "2024-06-18")
    assert totals["share"] == hits["doc_id"].nunique() / 3


def test_sidebar_outlet_and_dates_cut_the_series_and_the_articles_shares_are_taken_of(fixture_dir):
    base = Filters(outlets=("الإيطالية نيوز",), date_from="2024-01-01")
    counts, collection = fixture_counts(fixture_dir, [Series("actor", KIM)], base)
    assert collection["articles"].sum() == 1  # d1 only
    points = compare.attention(counts, collection, ["Kim"], "month")
    assert points[["period", "articles", "total", "share"]].values.tolist() == [["2024-06-01", 1, 1, 1.0]]


def test_outlets_side_by_side_give_each_outlets_share(fixture_dir):
    counts, collection = fixture_counts(fixture_dir, [Series("actor", PUTIN)])
    rows = compare.outlet_shares(counts[1], collection)
    assert rows[["outlet", "articles", "total", "share"]].values.tolist() == [
        ["الإيطالية نيوز", 1, 2, 0.5], ["وكالة الأنباء", 0, 1, 0.0]]


def test_outlets_over_time_give_each_outlets_share_per_period(fixture_dir):
    counts, collection = fixture_counts(fixture_dir, [Series("actor", PUTIN)])
    cells = compare.outlet_periods(counts[1], collection, "month", ["الإيطالية نيوز", "وكالة الأنباء"])
    assert cells.sort_values(["outlet", "period"]).values.tolist() == [
        ["الإيطالية نيوز", "2023-01-01", 0, 1, 0.0],
        ["الإيطالية نيوز", "2024-06-01", 1, 1, 1.0],
        ["وكالة الأنباء", "2024-06-01", 0, 1, 0.0],
    ]
    assert compare.outlet_periods(counts[1], collection, "month", ["وكالة الأنباء"])["outlet"].unique().tolist() == [
        "وكالة الأنباء"]


# ---------------------------------------------------------------- the charts


def attention_points(fixture_dir, lang: str) -> pd.DataFrame:
    series = [Series("actor", KIM), Series("actor", PUTIN)]
    names = {"ar": {KIM: "كيم جونغ أون", PUTIN: "فلاديمير بوتين"}, "en": {KIM: "Kim Jong Un", PUTIN: "Vladimir Putin"}}
    counts, collection = fixture_counts(fixture_dir, series)
    return compare.attention(counts, collection, compare.series_labels(series, names[lang], lang), "month")


@pytest.mark.parametrize("measure", compare.MEASURES)
def test_attention_chart_in_arabic_names_the_series_and_axes_in_arabic(fixture_dir, measure):
    spec = charts.attention_chart(attention_points(fixture_dir, "ar"), measure, "month", "ar").to_dict()
    enc = spec["encoding"]
    assert enc["color"]["title"] == "السلسلة"
    assert enc["y"]["title"] == t(f"compare_axis_{'share' if measure == 'share' else 'articles'}", "ar")
    assert enc["x"]["title"] == "الشهر"
    assert enc["x"]["scale"]["reverse"] is True and enc["y"]["axis"]["orient"] == "right"
    assert enc["y"]["field"] == measure
    # The legend's names are the Arabic names, isolated right to left.
    assert enc["color"]["scale"]["domain"] == [f"{RLI}كيم جونغ أون{PDI}", f"{RLI}فلاديمير بوتين{PDI}"]


def test_series_colours_follow_their_position_in_both_languages(fixture_dir):
    ranges = [charts.attention_chart(attention_points(fixture_dir, lang), lang=lang).to_dict()["encoding"]["color"]
              ["scale"]["range"] for lang in ("ar", "en")]
    assert ranges[0] == ranges[1] == [palette.series_colour(1), palette.series_colour(2)]
    assert len({palette.series_colour(n) for n in range(1, compare.MAX_SERIES + 1)}) == compare.MAX_SERIES


def test_attention_chart_opens_on_the_window_and_pans_and_zooms(fixture_dir):
    from dashboard import time_window

    window = time_window.robust_window(["2024-06-01"], ["2024-07-01"])
    spec = charts.attention_chart(attention_points(fixture_dir, "en"), "share", "month", "en", window).to_dict()
    assert spec["encoding"]["x"]["scale"]["domain"] == [{"year": 2024, "month": 6, "date": 1},
                                                       {"year": 2024, "month": 7, "date": 1}]
    assert any(p.get("bind") == "scales" for p in spec["params"])


def test_outlet_chart_writes_the_counts_and_drops_controls_from_outlet_names():
    rows = pd.DataFrame({"outlet": [f"{RLO}وكالة", ""], "articles": [3, 1], "passages": [4, 1], "total": [10, 1],
                         "share": [0.3, 1.0]})
    spec = charts.outlet_share_chart(rows, 2, "en").to_dict()
    data = pd.DataFrame(spec["datasets"][next(iter(spec["datasets"]))])
    assert data["counts"].tolist() == ["3 / 10", "1 / 1"]
    assert data["outlet"].tolist() == ["وكالة", "(no outlet)"]
    assert spec["layer"][0]["mark"]["color"] == palette.series_colour(2)


# ---------------------------------------------------------------- the page (AppTest)


def series_html(at) -> list[str]:
    return [unescape(re.sub(r"<[^>]+>", "", h.proto.body)) for h in at.get("html") if "marsad-series" in h.proto.body]


def test_page_with_two_actors_from_the_url_shows_their_lines_and_totals(monkeypatch, fixture_dir):
    at = make_app(monkeypatch, fixture_dir, "compare", lang="en", cmp=[f"actor:{KIM}", f"actor:{PUTIN}"])
    assert series_html(at) == [f"{FSI}Kim Jong Un{PDI}", f"{FSI}Vladimir Putin{PDI}"]
    lines = chart_data(at, 0)
    assert set(lines["series"]) == {"Kim Jong Un", "Vladimir Putin"}
    totals = at.dataframe[0].value
    assert totals["Series"].tolist() == ["Kim Jong Un", "Vladimir Putin"]
    # Stories by default, and the page says so (each fixture article is a story of its own).
    assert totals["Stories"].tolist() == [3, 1]
    assert any(c.value.startswith("Counting stories: the 3 articles of these outlets and dates are 3 stories")
               for c in at.caption)
    assert at.toggle(key="compare_stories").value is True
    assert totals["Passages"].tolist() == [3, 2]
    assert totals["First published"].tolist() == ["2023-01-05", "2024-06-18"]
    assert totals["Last published"].tolist() == ["2024-06-19", "2024-06-18"]
    links = totals["Passage"].tolist()
    assert links == [f"http://localhost:8501/passages?actor={KIM}&lang=en",
                     f"http://localhost:8501/passages?actor={PUTIN}&lang=en"]
    assert totals["Actor page"].tolist() == [f"http://localhost:8501/entity?entity={KIM}&lang=en",
                                             f"http://localhost:8501/entity?entity={PUTIN}&lang=en"]
    # Outlets side by side, for the first series.
    outlets = at.dataframe[1].value
    assert outlets["Outlet"].tolist() == ["الإيطالية نيوز", "وكالة الأنباء"]
    assert outlets["Articles"].tolist() == [2, 1]
    at.toggle(key="compare_stories").set_value(False).run()
    assert at.dataframe[0].value["Articles"].tolist() == [3, 1]


def test_series_added_and_removed_on_the_page_round_trip_the_url(monkeypatch, fixture_dir):
    at = make_app(monkeypatch, fixture_dir, "compare", lang="ar", cmp=[f"actor:{KIM}"])
    at.text_input(key="compare_actor_search").set_value("بوتين").run()
    assert at.selectbox(key="compare_actor_pick").value == PUTIN  # the best match, picked first
    at.button(key="compare_add").click().run()
    at.radio(key="compare_kind").set_value("q").run()
    at.text_input(key="compare_query").set_value("كوريا").run()
    at.button(key="compare_add").click().run()
    at.radio(key="compare_measure").set_value("share").run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.query_params["cmp"] == [f"actor:{KIM}", f"actor:{PUTIN}", "q:كوريا"]
    assert at.query_params["cmp_measure"] == "share"
    assert series_html(at) == [f"{FSI}كيم جونغ أون{PDI}", f"{FSI}فلاديمير بوتين{PDI}", f"{FSI}«كوريا»{PDI}"]
    at.button(key="compare_remove_1").click().run()
    assert at.query_params["cmp"] == [f"actor:{PUTIN}", "q:كوريا"]

    # The URL written opens the same comparison in a new session.
    shared = {k: v for k, v in at.query_params.items()}
    again = make_app(monkeypatch, fixture_dir, "compare", **shared)
    assert series_html(again) == series_html(at)
    assert again.radio(key="compare_measure").value == "share"
    assert again.dataframe[0].value["القصص"].tolist() == [1, 2]  # stories: the default unit


def test_series_and_options_survive_a_visit_to_another_page(monkeypatch, fixture_dir):
    at = make_app(monkeypatch, fixture_dir, "compare", lang="en", cmp=[f"actor:{KIM}", f"actor:{PUTIN}"])
    at.radio(key="compare_measure").set_value("share").run()
    at.selectbox(key="compare_period").set_value("month").run()
    at.selectbox(key="compare_outlets").set_value(2).run()
    at.switch_page("views/overview.py").run()
    at.switch_page("views/compare.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.radio(key="compare_measure").value == "share"
    assert at.selectbox(key="compare_period").value == "month"
    assert at.selectbox(key="compare_outlets").value == 2
    assert at.query_params["cmp"] == [f"actor:{KIM}", f"actor:{PUTIN}"]
    assert (at.query_params["cmp_period"], at.query_params["cmp_outlets"]) == ("month", "2")


def test_an_empty_cmp_opens_no_series_and_says_how_to_add_one(monkeypatch, fixture_dir):
    at = make_app(monkeypatch, fixture_dir, "compare", lang="en", cmp="")
    assert [i.value for i in at.info] == [t("compare_none", "en")]
    assert not at.get("vega_lite_chart")


def test_without_series_in_the_url_the_sidebars_actors_are_compared(monkeypatch, fixture_dir):
    at = make_app(monkeypatch, fixture_dir, "compare", lang="en", actor=[PUTIN, KIM])
    assert at.dataframe[0].value["Series"].tolist() == ["Kim Jong Un", "Vladimir Putin"]


def test_a_seventh_series_is_refused(monkeypatch, fixture_dir):
    six = [f"actor:{e}" for e in ("kim_jong_un", "vladimir_putin", "north_korea", "russia", "kremlin", "seoul")]
    at = make_app(monkeypatch, fixture_dir, "compare", lang="en", cmp=six)
    assert at.button(key="compare_add").disabled
    assert len(series_html(at)) == 6


def test_hostile_names_and_queries_are_text_in_the_chips(monkeypatch, fixture_dir):
    query_text = '<img src=x onerror="alert(1)">'
    at = make_app(monkeypatch, fixture_dir, "compare", lang="en", cmp=["actor:kremlin", f"q:{query_text}"])
    bodies = [h.proto.body for h in at.get("html") if "marsad-series" in h.proto.body]
    assert "<b>" not in "".join(bodies) and "<img" not in "".join(bodies)
    assert series_html(at) == [f"{FSI}Kremlin <b>Moscow</b>{PDI}", f"{FSI}“{query_text}”{PDI}"]


def test_download_names_say_what_was_compared(monkeypatch, fixture_dir):
    names = []
    real = export.file_name

    def recording(base, fmt):
        names.append(real(base, fmt))
        return names[-1]

    monkeypatch.setattr(export, "file_name", recording)
    make_app(monkeypatch, fixture_dir, "compare", lang="ar", cmp=[f"actor:{KIM}", "q:كوريا"], topic="politics")
    assert "compare_Kim_Jong_Un_vs_كوريا_articles_by_week_topic-politics.png" in names
    assert "compare_Kim_Jong_Un_vs_كوريا_topic-politics.csv" in names
    assert "compare_outlets_Kim_Jong_Un_topic-politics.csv" in names


def test_download_names_leave_out_the_sidebar_actors_the_series_replace(monkeypatch, fixture_dir):
    # The sidebar's actor does not make the comparison (each series replaces it): no "actor-..." in the names.
    names = []
    real = export.file_name

    def recording(base, fmt):
        names.append(real(base, fmt))
        return names[-1]

    monkeypatch.setattr(export, "file_name", recording)
    make_app(monkeypatch, fixture_dir, "compare", lang="en", cmp=[f"actor:{KIM}", f"actor:{PUTIN}"], actor=PUTIN,
             topic="politics")
    compared = [n for n in names if n.startswith("compare_")]
    assert "compare_Kim_Jong_Un_vs_Vladimir_Putin_topic-politics.csv" in compared
    assert compared and not any("actor-" in n for n in compared)


@pytest.mark.parametrize(("lang", "first_column"), [("en", "2023-01"), ("ar", "2024-06")])
def test_outlet_heatmap_runs_with_the_reading_direction_in_the_series_colour(fixture_dir, lang, first_column):
    counts, collection = fixture_counts(fixture_dir, [Series("actor", KIM), Series("actor", PUTIN)])
    cells = compare.outlet_periods(counts[2], collection, "month", ["الإيطالية نيوز", "وكالة الأنباء"])
    spec = charts.outlet_period_chart(cells, 2, "month", lang, order=["وكالة الأنباء", "الإيطالية نيوز"]).to_dict()
    enc = spec["encoding"]
    assert bidi.strip(enc["x"]["sort"][0]) == first_column  # time runs leftward in Arabic
    assert [bidi.strip(r) for r in enc["y"]["sort"]] == ["وكالة الأنباء", "الإيطالية نيوز"]
    assert enc["color"]["scale"]["range"][-1] == palette.series_colour(2)
    assert enc["x"]["title"] == t("compare_axis_month", lang)


# ---------------------------------------------------------------- stories: copies of one story count once


def test_copies_of_one_story_count_once_on_the_day_and_outlet_of_the_first_copy(tmp_path):
    """d2 (2024-06-19, وكالة الأنباء) made a copy of d1 (2024-06-18, الإيطالية نيوز): counting stories,
    Kim is named in 2 stories (d1's, on d1's day and outlet, and d3), out of 2 stories in all."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from data_pipeline.schemas import TABLES
    from tests.dashboard.conftest import write_fixture

    folder = write_fixture(tmp_path / "tables")
    docs = build_fixture_frames()["documents"]
    docs.loc[docs["doc_id"] == "d2", "story_id"] = "d1"
    pq.write_table(pa.Table.from_pandas(docs, schema=TABLES["documents"].arrow(), preserve_index=False),
                   folder / "documents.parquet")
    counts, collection = fixture_counts(folder, [Series("actor", KIM)])
    kim = counts[1]
    assert (kim["articles"].sum(), kim["stories"].sum()) == (3, 2)
    assert kim.loc[kim["stories"] > 0, ["day", "source"]].values.tolist() == [
        ["2023-01-05", "الإيطالية نيوز"], ["2024-06-18", "الإيطالية نيوز"]]
    assert (collection["articles"].sum(), collection["stories"].sum()) == (3, 2)
    by_story, all_stories = compare.count_unit(counts, collection, "stories")
    june = compare.attention(by_story, all_stories, ["Kim"], "month").set_index("period").loc["2024-06-01"]
    assert june[["articles", "total", "share"]].tolist() == [1, 1, 1.0]
    assert query.summary(query.connect(folder), None)["stories"] == 2
    with pytest.raises(ValueError):
        compare.count_unit(counts, collection, "passages")


def test_tables_built_before_stories_count_every_article_as_its_own_story(tmp_path):
    import pyarrow.parquet as pq

    from tests.dashboard.conftest import write_fixture

    folder = write_fixture(tmp_path / "tables")
    old = pq.read_table(folder / "documents.parquet").drop_columns(["story_id"])
    pq.write_table(old, folder / "documents.parquet")
    counts, collection = fixture_counts(folder, [Series("actor", KIM)])
    assert (collection["articles"].sum(), collection["stories"].sum()) == (3, 3)
