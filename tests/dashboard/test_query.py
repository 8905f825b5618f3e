"""DuckDB queries over the Parquet tables: same answers as the pandas reference (filters.apply), small results."""

from __future__ import annotations

import shutil

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard import query
from dashboard.filters import Filters
from data_pipeline.schemas import TABLES
from tests.dashboard.conftest import build_fixture_frames
from tests.dashboard.oracle import apply, build_index, event_mask, sort_passages

KIM = "kim_jong_un"
PUTIN = "vladimir_putin"


@pytest.fixture
def con(fixture_dir):
    return query.connect(fixture_dir)


@pytest.fixture
def index(fixture_tables):
    return build_index(fixture_tables)


def kept(con, filters) -> list[str]:
    """The kept passages in file order (the selection's order; pages choose their own)."""
    sel = query.select_passages(con, filters)
    if sel is None:
        return query.passage_page(con, None, 0, 10**6, query.FILE_ORDER)["passage_id"].tolist()
    return sel.column("passage_id").to_pylist()


# ---------------------------------------------------------------- the selection, value by value


@pytest.mark.parametrize(
    "filters, expected",
    [
        (Filters(actors=(KIM,)), ["d1:p1", "d2:p0", "d3:p0"]),  # every spelling of Kim
        (Filters(actors=(KIM, PUTIN)), ["d1:p0", "d1:p1", "d1:p2", "d2:p0", "d3:p0"]),
        (Filters(actors=(KIM, "seoul"), actor_mode="all"), ["d2:p0"]),  # both named in one passage
        (Filters(actors=(KIM, PUTIN), actor_mode="all"), []),  # one article, never one passage
        (Filters(actors=(KIM, "russia", "seoul"), actor_mode="all"), []),
        (Filters(actors=(PUTIN, "kremlin", "nobody"), actor_mode="all"), []),
        (Filters(actors=(KIM,), outlets=("وكالة الأنباء",)), ["d2:p0"]),
        (Filters(topics=("military",)), ["d1:p1", "d1:p2"]),
        (Filters(types=("ORG",)), ["d1:p2"]),
        (Filters(docs=("d2",)), ["d2:p0", "d2:p1"]),
        (Filters(text="كوريا"), ["d1:p0", "d3:p0"]),  # لكوريا and the vocalised كُورِيَا
        (Filters(text="اكدت"), ["d2:p0"]),  # hamza form أكدت
        (Filters(text="العاصمه"), ["d2:p1"]),  # ة written as ه
        (Filters(text="نص مشكل"), ["d3:p0"]),  # diacritics and punctuation between the words
        (Filters(text="script"), ["d3:p0"]),
        (Filters(text="غير موجود"), []),
        (Filters(actors=("nobody",)), []),
    ],
)
def test_selection_keeps_exactly_these_passages_in_file_order(con, filters, expected):
    assert kept(con, filters) == expected


@pytest.mark.parametrize(
    "date_from, date_to, docs",
    [
        ("2024-06-18", None, {"d1", "d2"}),
        (None, "2024-06-18", {"d1", "d3"}),
        ("2024-06-19", "2024-06-19", {"d2"}),
        ("2025-01-01", None, set()),
    ],
)
def test_date_range_is_on_publication_date_inclusive(con, date_from, date_to, docs):
    sel = query.select_passages(con, Filters(date_from=date_from, date_to=date_to))
    assert set(sel.column("doc_id").to_pylist()) == docs
    assert query.summary(con, sel)["documents"] == len(docs)


def test_no_filter_means_no_selection_and_everything_counts(con, fixture_tables):
    assert query.select_passages(con, Filters()) is None
    counts = query.summary(con, None)
    assert counts["passages"] == len(fixture_tables.passages)
    assert counts["documents"] == len(fixture_tables.documents)
    assert counts["claims"] == len(fixture_tables.claims)
    assert counts["quantities"] == len(fixture_tables.quantities)
    published = fixture_tables.documents["published"]
    assert (counts["date_min"], counts["date_max"]) == (published.min(), published.max())


# ---------------------------------------------------------------- same answers as the pandas reference

FILTER_CASES = [
    Filters(),
    Filters(actors=(KIM,)),
    Filters(actors=(KIM, PUTIN), topics=("politics",)),
    Filters(actors=(KIM, "russia"), actor_mode="all"),
    Filters(actors=(PUTIN, "kremlin"), actor_mode="all", types=("ORG",)),
    Filters(types=("ORG",)),
    Filters(types=("PERSON", "GPE"), text="كيم"),
    Filters(topics=("military",)),
    Filters(docs=("d1", "d3")),
    Filters(outlets=("وكالة الأنباء",)),
    Filters(date_from="2024-06-18", date_to="2024-06-19"),
    Filters(text="كوريا", date_to="2024-06-18"),
]


@pytest.mark.parametrize("filters", FILTER_CASES, ids=lambda f: repr(f.to_query_params()))
def test_sql_agrees_with_the_pandas_reference(con, fixture_tables, index, filters):
    ref = apply(filters, fixture_tables, index)
    sel = query.select_passages(con, filters)
    assert kept(con, filters) == ref.passages["passage_id"].tolist()
    counts = query.summary(con, sel, filters.types)
    assert counts["documents"] == len(ref.documents)
    assert counts["claims"] == len(ref.claims)
    assert counts["quantities"] == len(ref.quantities)
    assert counts["entities"] == len(ref.entities)
    for table in ("claims", "quantities", "timeline"):
        rows, total = query.fact_rows(con, table, sel)
        assert total == len(ref[table])
        assert rows["passage_id"].tolist() == ref[table]["passage_id"].tolist()
    ents = query.entity_counts(con, sel, filters.types)
    expected = ref.entities[["entity_id", "mentions", "documents", "name_ar", "type"]].reset_index(drop=True)
    pd.testing.assert_frame_equal(
        ents[["entity_id", "mentions", "documents", "name_ar", "type"]], expected, check_dtype=False
    )


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    actors=st.lists(st.sampled_from([KIM, PUTIN, "kremlin", "russia", "seoul", "north_korea", "x"]), max_size=3),
    topics=st.lists(st.sampled_from(["politics", "military", "weather", "none"]), max_size=2),
    types=st.lists(st.sampled_from(["PERSON", "ORG", "GPE"]), max_size=2),
    text=st.sampled_from(["", "كيم", "كوريا", "ال", "بوتين", "script", "٢٠٢٣"]),
    docs=st.lists(st.sampled_from(["d1", "d2", "d3", "zz"]), max_size=2),
    actor_mode=st.sampled_from(["any", "all"]),
    sort=st.sampled_from(query.PASSAGE_SORTS),
)
def test_sql_selection_equals_pandas_for_any_combination(
    con, fixture_dir, fixture_tables, index, actors, topics, types, text, docs, actor_mode, sort
):
    filters = Filters(actors=tuple(actors), topics=tuple(topics), types=tuple(types), text=text, docs=tuple(docs),
                      actor_mode=actor_mode)
    ref = apply(filters, fixture_tables, index)
    assert kept(con, filters) == ref.passages["passage_id"].tolist()
    sel = query.select_passages(con, filters)
    assert query.summary(con, sel, filters.types)["entities"] == len(ref.entities)
    scores, table = _scores(fixture_dir, text) if text else (None, None)
    expected = sort_passages(ref.passages, fixture_tables.documents, sort, mentions=fixture_tables.mentions,
                             actors=filters.actors, scores=scores)
    page = query.passage_page(con, sel, 0, 100, sort, actors=filters.actors, text_scores=table)
    assert page["passage_id"].tolist() == expected["passage_id"].tolist()


# ---------------------------------------------------------------- what each view fetches


def test_topic_counts_match_the_chart_helper(con, fixture_tables):
    from dashboard import charts

    expected = charts.topic_counts(fixture_tables.passages, fixture_tables.documents, "M")
    got = query.topic_counts(con, None)
    pd.testing.assert_frame_equal(
        got, expected[["period", "topic", "passages", "documents"]].reset_index(drop=True), check_dtype=False
    )
    politics = query.topic_counts(con, query.select_passages(con, Filters(topics=("politics",))))
    expected_politics = fixture_tables.passages["topics"].map(lambda t: "politics" in list(t)).sum()
    assert politics.loc[politics["topic"] == "politics", "passages"].sum() == expected_politics >= 2


def _lane_pairs(rows) -> set:
    return set(zip(rows["doc_id"], rows["start"], rows["end"], rows["lane_id"]))


@pytest.mark.parametrize("lanes", ["actor", "topic"])
@pytest.mark.parametrize("filters", [None, Filters(topics=("politics",)), "an actor of the timeline"])
def test_timeline_lanes_in_sql_equal_the_pandas_reference(con, fixture_tables, index, lanes, filters):
    from dashboard import charts

    timeline = fixture_tables.timeline
    if isinstance(filters, str):
        actor = next(a for actors in timeline["actors"] for a in actors)
        filters = Filters(actors=(actor,))
    if filters is not None:
        passages = set(apply(filters, fixture_tables, index).passages["passage_id"])
        timeline = timeline[timeline["passage_id"].isin(passages)]
    expected = charts.timeline_lanes(timeline, None, fixture_tables.passages, lanes, "en", {})
    sel = query.select_passages(con, filters) if filters is not None else None
    got = query.timeline_lane_rows(con, sel, lanes, max_lanes=10**6, max_points=10**6)
    assert len(got) == len(expected) > 0
    assert _lane_pairs(got) == _lane_pairs(expected)
    assert "" in set(got["lane_id"]) or (got["lane_id"] != "").all()


def test_timeline_lanes_keep_the_busiest_and_the_chosen_first(con, fixture_tables):
    all_rows = query.timeline_lane_rows(con, None, "actor", max_lanes=10**6, max_points=10**6)
    counts = all_rows["lane_id"].value_counts()
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))  # busiest first, ties by id
    top2 = query.timeline_lane_rows(con, None, "actor", max_lanes=2)
    assert set(top2["lane_id"]) == {lane for lane, _ in ranked[:2]}
    assert len(top2) == sum(n for _, n in ranked[:2])
    assert dict(zip(all_rows["lane_id"], all_rows["lane_points"])) == dict(counts)
    assert dict(zip(top2["lane_id"], top2["lane_points"])) == dict(ranked[:2])
    rarest = ranked[-1][0]
    chosen = query.timeline_lane_rows(con, None, "actor", chosen=(rarest,), max_lanes=2)
    assert rarest in set(chosen["lane_id"]) and chosen["lane_id"].nunique() == 2
    assert len(query.timeline_lane_rows(con, None, "actor", max_points=3)) == 3
    with pytest.raises(ValueError):
        query.timeline_lane_rows(con, None, "outlet")


def test_passage_pages_fetch_only_the_page_with_its_text(con, fixture_tables):
    # Newest first by default: d2 (2024-06-19), d1 (2024-06-18), d3 (2023-01-05); an article's passages in order.
    newest = sort_passages(fixture_tables.passages, fixture_tables.documents, "newest")
    assert newest["passage_id"].tolist() == ["d2:p0", "d2:p1", "d1:p0", "d1:p1", "d1:p2", "d3:p0"]
    first = query.passage_page(con, None, 0, 2)
    second = query.passage_page(con, None, 2, 2)
    assert first["passage_id"].tolist() == newest["passage_id"].tolist()[:2]
    assert second["passage_id"].tolist() == newest["passage_id"].tolist()[2:4]
    assert first["text"].tolist() == newest["text"].tolist()[:2]
    in_file = query.passage_page(con, None, 0, 2, query.FILE_ORDER)
    assert in_file["text"].tolist() == fixture_tables.passages["text"].tolist()[:2]
    sel = query.select_passages(con, Filters(actors=(KIM,)))
    assert query.passage_page(con, sel, 1, 5)["passage_id"].tolist() == ["d1:p1", "d3:p0"]
    assert query.passage_page(con, sel, 0, 5, "oldest")["passage_id"].tolist() == ["d3:p0", "d1:p1", "d2:p0"]


def _scores(fixture_dir, text):
    from data_pipeline.text_index import index_path, score_text, write_text_index

    write_text_index(fixture_dir)
    scores = score_text(index_path(fixture_dir), text)
    if scores is None:  # a key too short to have a trigram: no score, newest first
        return None, None
    return dict(scores), pa.table({"passage_id": [p for p, _ in scores], "score": [v for _, v in scores]})


@pytest.mark.parametrize("sort", query.PASSAGE_SORTS)
@pytest.mark.parametrize("filters", FILTER_CASES, ids=lambda f: repr(f.to_query_params()))
def test_passage_pages_follow_the_reference_order(con, fixture_dir, fixture_tables, index, filters, sort):
    ref = apply(filters, fixture_tables, index)
    scores, table = _scores(fixture_dir, filters.text) if filters.text else (None, None)
    expected = sort_passages(ref.passages, fixture_tables.documents, sort, mentions=fixture_tables.mentions,
                             actors=filters.actors, scores=scores)["passage_id"].tolist()
    sel = query.select_passages(con, filters)
    page = query.passage_page(con, sel, 0, 100, sort, actors=filters.actors, text_scores=table)
    assert page["passage_id"].tolist() == expected
    dates = page["doc_id"].map(fixture_tables.documents.set_index("doc_id")["published"]).tolist()
    if sort == "newest":
        assert dates == sorted(dates, reverse=True)
    elif sort == "oldest":
        assert dates == sorted(dates)
    for offset in range(len(expected)):  # every page is its slice of the whole order
        assert query.passage_page(con, sel, offset, 2, sort, actors=filters.actors, text_scores=table)[
            "passage_id"].tolist() == expected[offset : offset + 2]


def test_relevance_puts_the_passages_naming_more_chosen_actors_first(con):
    filters = Filters(actors=(KIM, "seoul", PUTIN))
    sel = query.select_passages(con, filters)
    page = query.passage_page(con, sel, 0, 10, "relevance", actors=filters.actors)
    # d2:p0 names Kim and Seoul; then one actor each, newest first (d1 before d3), in reading order.
    assert page["passage_id"].tolist() == ["d2:p0", "d1:p0", "d1:p1", "d1:p2", "d3:p0"]


def test_relevance_puts_the_best_bm25_first(fixture_dir):
    """The passage holding the query most often, in the fewest words, comes first: SQLite's bm25."""
    import sqlite3

    from .conftest import write_fixture

    frames = build_fixture_frames()
    folder = write_fixture(fixture_dir.parent / "bm25")
    passages = pq.read_table(folder / "passages.parquet").to_pandas()
    # Three more passages of d2 naming كيم: twice in a short one, once in a long one, once in a short one.
    extra = ["كيم وكيم في القمة.", "قال كيم " + "كلام طويل جدا " * 20, "زار كيم سيول."]
    at = int(passages["end"].max()) + 2
    rows = []
    for i, text in enumerate(extra, start=2):
        rows.append({"doc_id": "d2", "passage_id": f"d2:p{i}", "start": at, "end": at + len(text), "text": text,
                     "topics": ["politics"]})
        at += len(text) + 2
    passages = pd.concat([passages, pd.DataFrame(rows)], ignore_index=True)
    pq.write_table(pa.Table.from_pandas(passages[frames["passages"].columns], schema=TABLES["passages"].arrow(),
                                        preserve_index=False), folder / "passages.parquet")
    con = query.connect(folder)
    scores, table = _scores(folder, "كيم")
    sel = query.select_passages(con, Filters(text="كيم"), query.usable_text_index(con, folder))
    page = query.passage_page(con, sel, 0, 10, "relevance", text_scores=table)
    ranked = page["passage_id"].tolist()
    assert ranked[0] == "d2:p2"  # twice, short
    assert ranked.index("d2:p4") < ranked.index("d2:p3")  # once: the short passage before the long one
    assert [scores[p] for p in ranked] == sorted(scores[p] for p in ranked)
    # The scores are SQLite FTS5's own bm25 over the same trigrams.
    with sqlite3.connect(folder / "passages_fts.sqlite") as db:
        best = db.execute(
            "SELECT passage_id FROM passages WHERE passages MATCH ? ORDER BY bm25(passages) LIMIT 1", ('"كيم"',)
        ).fetchone()[0]
    assert best == "d2:p2"


def test_limited_rows_report_the_full_total(con):
    rows, total = query.fact_rows(con, "claims", None, limit=1)
    assert len(rows) == 1 and total > 1


def test_top_entities_are_most_mentioned_first(con):
    top = query.entity_counts(con, None, limit=1)
    assert top["entity_id"].tolist() == [KIM]
    assert (top["mentions"].iloc[0], top["documents"].iloc[0]) == (3, 3)


def test_facets_list_topics_outlets_and_dates(con):
    f = query.facets(con)
    assert "politics" in f["topics"] and "military" in f["topics"]
    assert "وكالة الأنباء" in f["outlets"]
    assert f["date_max"] == "2024-06-19" and f["date_min"] < "2024-06-18"


def test_highlight_facts_and_documents_by_id_never_include_the_article_text(con):
    docs = query.document_info(con, ["d2"])
    assert docs["doc_id"].tolist() == ["d2"] and "text" not in docs
    facts = query.facts_for_docs(con, ["d2"])
    assert set(facts["mentions"]["doc_id"]) == {"d2"}
    assert query.passages_by_id(con, ["d2:p1"])["passage_id"].tolist() == ["d2:p1"]
    assert query.existing(con, "documents", "doc_id", ["d1", "nope"]) == {"d1"}


def test_partitioned_tables_and_missing_tables_are_read(fixture_dir, tmp_path):
    """A table may be a folder of part files; a missing table is empty with the schema's columns."""
    out = tmp_path / "parts"
    shutil.copytree(fixture_dir, out)
    passages = pq.read_table(out / "passages.parquet")
    (out / "passages.parquet").unlink()
    (out / "passages.parquet").mkdir()
    pq.write_table(passages.slice(0, 3), out / "passages.parquet" / "part-0.parquet")
    pq.write_table(passages.slice(3), out / "passages.parquet" / "part-1.parquet")
    (out / "claims.parquet").unlink()
    con = query.connect(out)
    assert kept(con, Filters()) == passages.column("passage_id").to_pylist()
    assert kept(con, Filters(actors=(KIM,))) == ["d1:p1", "d2:p0", "d3:p0"]
    assert query.summary(con, None)["claims"] == 0
    assert "speaker" in query.columns(con, "claims")


def test_quotes_in_values_are_parameters_not_sql(con):
    assert kept(con, Filters(actors=("x' OR '1'='1",), text="'; DROP TABLE passages; --")) == []
    assert query.summary(con, None)["passages"] > 0


# ---------------------------------------------------------------- the timeline: event dates, points, windows

EVENT_DATES = [  # (date, precision): years, months, days, a day stated as a month, dates that are not real
    ("1100", "year"), ("2018", "year"), ("2018-02", "month"), ("2018-02-28", "day"), ("2018-03-01", "day"),
    ("2018-02-28", "month"), ("2050", "year"), ("junk", "day"), ("2018-13", "month"), ("2018-02-30", "day"),
]


@pytest.fixture
def event_con(fixture_dir):
    from data_pipeline.schemas import TABLES

    base = pd.read_parquet(fixture_dir / "timeline.parquet").iloc[[0] * len(EVENT_DATES)].reset_index(drop=True)
    base["date"] = [d for d, _ in EVENT_DATES]
    base["precision"] = [p for _, p in EVENT_DATES]
    base["start"] = range(len(base))  # tells the rows apart
    pq.write_table(pa.Table.from_pandas(base, schema=TABLES["timeline"].arrow(), preserve_index=False),
                   fixture_dir / "timeline.parquet")
    return query.connect(fixture_dir), base


def _dated(rows) -> list[tuple]:
    return sorted(zip(rows["date"], rows["precision"]))


@pytest.mark.parametrize(
    "event_from, event_to",
    [("2018-02-15", "2018-02-28"), ("2018-03-01", None), (None, "1999-12-31"), ("2018-02-28", "2018-02-28"),
     ("2051-01-01", None), ("1100-12-31", "2018-01-01")],
)
def test_event_dates_in_sql_equal_the_pandas_reference(event_con, event_from, event_to):
    con, rows = event_con
    filters = Filters(event_from=event_from, event_to=event_to)
    expected = rows[event_mask(rows, filters.event_from, filters.event_to)]
    points, total = query.timeline_points(con, None, filters)
    assert total == len(points) == len(expected)
    assert _dated(points) == _dated(expected)
    counts = query.timeline_date_counts(con, None, filters)
    assert int(counts["points"].sum()) == len(expected)


def test_event_dates_never_pick_passages(con):
    assert query.select_passages(con, Filters(event_from="2024-01-01")) is None
    with_actor = query.select_passages(con, Filters(actors=(KIM,), event_from="2024-01-01"))
    assert with_actor.column("passage_id").to_pylist() == kept(con, Filters(actors=(KIM,)))


def test_timeline_points_one_row_per_point_sorted_by_date(con):
    points, total = query.timeline_points(con, None)
    # Each fixture point names two actors: one row each all the same, not one per lane.
    assert points["date"].tolist() == ["2023-09", "2024", "2024-06-18"] and total == 3
    assert points["actors"].map(list).tolist() == [["kim_jong_un", "russia"], ["seoul", "kim_jong_un"],
                                                   ["vladimir_putin", "north_korea"]]
    first, total = query.timeline_points(con, None, limit=2)
    assert first["date"].tolist() == ["2023-09", "2024"] and total == 3
    sel = query.select_passages(con, Filters(actors=(PUTIN,)))
    assert query.timeline_points(con, sel)[0]["date"].tolist() == ["2024-06-18"]
    later, total = query.timeline_points(con, None, Filters(event_from="2024-01-01"))
    assert later["date"].tolist() == ["2024", "2024-06-18"] and total == 2


def test_timeline_date_counts_and_publication_months(con):
    counts = query.timeline_date_counts(con, None)
    assert counts[["date", "precision", "points"]].values.tolist() == [
        ["2023-09", "month", 1], ["2024", "year", 1], ["2024-06-18", "day", 1]]
    months = query.publication_months(con, None)
    assert months.values.tolist() == [["2023-01", 1], ["2024-06", 2]]
    sel = query.select_passages(con, Filters(docs=("d3",)))
    assert query.publication_months(con, sel).values.tolist() == [["2023-01", 1]]


def test_lane_rows_cut_keeps_the_points_in_the_window_first(con):
    # File order starts with 2024-06-18 (two lanes); preferring September 2023 keeps its two lanes instead.
    plain = query.timeline_lane_rows(con, None, "actor", max_points=2)
    assert set(plain["date"]) == {"2024-06-18"}
    preferred = query.timeline_lane_rows(con, None, "actor", max_points=2, prefer=("2023-09-01", "2023-09-30"))
    assert preferred["date"].tolist() == ["2023-09", "2023-09"]
    assert set(preferred["lane_id"]) == {"kim_jong_un", "russia"}
    cut = query.timeline_lane_rows(con, None, "actor", filters=Filters(event_to="2023-12-31"))
    assert set(cut["date"]) == {"2023-09"}
