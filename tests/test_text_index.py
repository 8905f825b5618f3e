"""The passages' text index (SQLite FTS5): written by the build, same answers as the regex scan."""

from __future__ import annotations

import json
import shutil

import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard import query
from dashboard.filters import Filters
from data_pipeline.build import build
from data_pipeline.text_index import INDEX_FILE, index_passage_count, search_text, write_text_index
from tests.dashboard.conftest import write_fixture
from tests.dashboard.oracle import text_matches

ARTICLES = [
    {"id": "n1", "title": "زيارة", "published": "2024-03-05",
     "text": "قال الرئيس الأمريكي جو بايدن، الثلاثاء، إن واشنطن سترسل 500 جندي إلى بولندا.\n\n"
             "وأكدت الأمم المتحدة أن المساعدات وصلت."},
    {"id": "n2", "title": "اقتصاد", "published": "2024-03-06",
     "text": "أعلنت وزارة المالية السعودية أن العجز بلغ 2.5 مليار ريال في عام 2023."},
]

# Queries over the dashboard fixture, with the passages the regex scan keeps (checked below too).
FIXTURE_QUERIES = [
    ("كوريا", ["d1:p0", "d3:p0"]),  # inside لكوريا, and the vocalised كُورِيَا
    ("اكدت", ["d2:p0"]),  # hamza form أكدت
    ("العاصمه", ["d2:p1"]),  # ة written as ه
    ("نص مشكل", ["d3:p0"]),  # diacritics and punctuation between the words
    ("كيم", ["d1:p1", "d2:p0", "d3:p0"]),  # also inside لكيم
    ("الكوري الشمالي", ["d1:p1"]),  # a phrase
    ("يونغ أون", ["d1:p1"]),
    ("إلى روسيا", ["d1:p1"]),  # across the final full stop
    ("ذخيرة", ["d1:p2"]),
    ("2023", ["d1:p1"]),
    ("٢٠٢٣", ["d1:p1"]),  # Arabic-Indic digits fold to ASCII
    ("SCRIPT", ["d3:p0"]),  # Latin case folds
    ("ال", ["d1:p0", "d1:p1", "d1:p2", "d2:p0", "d2:p1", "d3:p0"]),  # under 3 letters: no trigram, a scan of the keys
    ("ون", ["d1:p1", "d1:p2", "d2:p0"]),  # أون, التعاون
    ("غير موجود", []),
    ("روسيا كوريا", []),  # both words, but not side by side
]


@pytest.fixture
def indexed_fixture(tmp_path):
    folder = write_fixture(tmp_path / "tables")
    write_text_index(folder)
    return folder


def regex_ids(folder, text: str) -> list[str]:
    passages = pq.read_table(folder / "passages.parquet").to_pandas()
    return passages.loc[text_matches(passages["text"], text), "passage_id"].tolist()


@pytest.mark.parametrize("text, expected", FIXTURE_QUERIES)
def test_index_finds_the_passages_the_regex_scan_finds(indexed_fixture, text, expected):
    assert sorted(search_text(indexed_fixture / INDEX_FILE, text)) == expected
    assert regex_ids(indexed_fixture, text) == expected


@pytest.mark.parametrize("text", ["", "  ", "«»", "...", "ـــ"])
def test_a_query_without_letters_filters_nothing(indexed_fixture, text):
    assert search_text(indexed_fixture / INDEX_FILE, text) is None
    con = query.connect(indexed_fixture)
    every = ["d1:p0", "d1:p1", "d1:p2", "d2:p0", "d2:p1", "d3:p0"]
    for index in (indexed_fixture / INDEX_FILE, None):
        sel = query.select_passages(con, Filters(text=text), index)
        assert sel is None or sel.column("passage_id").to_pylist() == every


def test_build_writes_an_index_of_every_passage_in_the_version_folder(tmp_path):
    src = tmp_path / "a.jsonl"
    src.write_text("\n".join(json.dumps(a, ensure_ascii=False) for a in ARTICLES) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    summary = build([src], out, workers=1, progress=False)
    index = out / INDEX_FILE
    assert out.is_symlink() and index.resolve().parent == out.resolve()  # switched with the tables
    assert index_passage_count(index) == summary.rows["passages"]
    passages = pq.read_table(out / "passages.parquet").to_pandas()
    united_nations = passages.loc[passages["text"].str.contains("الأمم المتحدة"), "passage_id"].tolist()
    assert len(united_nations) == 1
    assert search_text(index, "الامم المتحده") == united_nations
    assert search_text(index, "بايدن") == passages.loc[passages["text"].str.contains("بايدن"), "passage_id"].tolist()


def test_a_partitioned_build_indexes_every_part(tmp_path):
    src = tmp_path / "a.jsonl"
    src.write_text("\n".join(json.dumps(a, ensure_ascii=False) for a in ARTICLES) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    summary = build([src], out, workers=1, progress=False, partition_rows=1)
    assert len(list((out / "passages.parquet").glob("part-*.parquet"))) == summary.rows["passages"] >= 3
    assert index_passage_count(out / INDEX_FILE) == summary.rows["passages"]
    passages = pq.read_table(out / "passages.parquet").to_pandas()
    assert search_text(out / INDEX_FILE, "ريال") == passages.loc[passages["text"].str.contains("ريال"), "passage_id"].tolist()
    assert passages["text"].str.contains("ريال").sum() == 1


@pytest.mark.parametrize(
    "filters",
    [
        Filters(text="كوريا"),
        Filters(text="كيم", outlets=("الإيطالية نيوز",)),
        Filters(text="كيم", actors=("kim_jong_un",), topics=("politics",)),
        Filters(text="كوريا", date_to="2024-06-18"),
        Filters(text="غير موجود", types=("GPE",)),
    ],
)
def test_selection_with_the_index_equals_the_regex_selection(indexed_fixture, filters):
    con = query.connect(indexed_fixture)
    with_index = query.select_passages(con, filters, indexed_fixture / INDEX_FILE)
    scan = query.select_passages(con, filters)
    assert with_index.to_pylist() == scan.to_pylist()


def test_selection_with_the_index_never_scans_the_passage_text():
    sql, params = query.selection_sql(Filters(text="كوريا"), text_hits=True)
    assert "p.text" not in sql and "text_hits" in sql and params == []


def test_index_is_used_only_when_it_describes_these_passages(tmp_path, indexed_fixture):
    con = query.connect(indexed_fixture)
    assert query.usable_text_index(con, indexed_fixture) == indexed_fixture / INDEX_FILE
    bare = write_fixture(tmp_path / "bare")  # tables built before the index existed
    assert query.usable_text_index(query.connect(bare), bare) is None
    shutil.copy(indexed_fixture / INDEX_FILE, bare / INDEX_FILE)
    passages = pq.read_table(bare / "passages.parquet")
    pq.write_table(passages.slice(0, 3), bare / "passages.parquet")  # another set of passages
    assert query.usable_text_index(query.connect(bare), bare) is None


WORDS = ["كوريا", "لكوريا", "الأمم", "المتحدة", "أكدت", "إلى", "مُشَكَّل", "ـكيـم", "2024", "٢٠٢٤", "Seoul", "،", ".", "«", "»"]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    texts=st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=6).map(" ".join), min_size=1, max_size=6),
    needle=st.lists(st.sampled_from(WORDS), min_size=1, max_size=2).map(" ".join),
)
def test_index_and_regex_agree_on_any_passages(tmp_path_factory, texts, needle):
    import pyarrow as pa

    folder = tmp_path_factory.mktemp("prop")
    ids = [f"x:p{i}" for i in range(len(texts))]
    pq.write_table(pa.table({"passage_id": ids, "text": texts}), folder / "passages.parquet")
    write_text_index(folder)
    found = search_text(folder / INDEX_FILE, needle)
    mask = text_matches(pa.table({"t": texts}).to_pandas()["t"], needle)
    expected = [i for i, keep in zip(ids, mask) if keep]
    assert (found is None and all(mask)) or found == expected


def test_index_follows_lam_alef_ligatures_that_the_regex_misses(tmp_path):
    # ﻷ (U+FEF7) and ﻻ (U+FEFB) fold to two letters (لا): normalize_key reads them, the RE2
    # pattern (one character class per folded letter) cannot. Seen in 2 of 472,707 real passages.
    import pyarrow as pa

    texts = ["ورؤاك في عيني كا\ufef7شباح", "من عهد ا\ufefbجداد", "كالأشباح"]
    pq.write_table(pa.table({"passage_id": ["a", "b", "c"], "text": texts}), tmp_path / "passages.parquet")
    write_text_index(tmp_path)
    assert search_text(tmp_path / INDEX_FILE, "كالاشباح") == ["a", "c"]
    assert search_text(tmp_path / INDEX_FILE, "الاجداد") == ["b"]
    assert text_matches(pa.table({"t": texts}).to_pandas()["t"], "كالاشباح").tolist() == [False, False, True]


def test_a_rebuild_reuses_the_previous_index_and_reindexes_only_changed_documents(tmp_path, monkeypatch):
    rows = [
        {"id": "a", "title": "أ", "text": "قال مسؤول في كوريا الشمالية إن الزيارة ناجحة."},
        {"id": "b", "title": "ب", "text": "أعلنت الأمم المتحدة أن 500 أسرة نزحت من المدينة."},
        {"id": "c", "title": "ج", "text": "وصل الوفد إلى بغداد يوم الاثنين."},
    ]
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "out"
    build([src], out, workers=1)
    # b changes, c goes, d arrives: the copied index drops b's and c's rows and indexes b and d anew.
    rows = [rows[0], {**rows[1], "text": "أعلنت منظمة الصحة أن 70 مريضا شفوا في المدينة."},
            {"id": "d", "title": "د", "text": "زار الرئيس كوريا الجنوبية."}]
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    indexed = []
    real_batches = __import__("data_pipeline.text_index", fromlist=["_batches"])._batches

    def counting(folder, skip_docs=frozenset()):
        for batch in real_batches(folder, skip_docs):
            indexed.extend(pid for _, pid in batch)
            yield batch

    monkeypatch.setattr("data_pipeline.text_index._batches", counting)
    summary = build([src], out, workers=1)
    assert summary.documents_reused == 1 and summary.documents_processed == 2
    assert sorted({pid.split(":")[0] for pid in indexed}) == ["b", "d"]  # a was not indexed again
    passages = pq.read_table(out / "passages.parquet", columns=["passage_id"])["passage_id"].to_pylist()
    assert index_passage_count(out / INDEX_FILE) == len(passages)
    assert sorted(search_text(out / INDEX_FILE, "كوريا")) == sorted(p for p in passages if p.split(":")[0] in ("a", "d"))
    assert search_text(out / INDEX_FILE, "الأمم المتحدة") == []  # b's old text is gone
    assert search_text(out / INDEX_FILE, "بغداد") == []  # so is c
    assert [p.split(":")[0] for p in search_text(out / INDEX_FILE, "منظمة الصحة")] == ["b"]
