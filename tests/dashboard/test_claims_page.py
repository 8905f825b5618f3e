"""Claims page and fact tables on the fixture: order, speaker filter, captions in words, Arabic
reading order, grid height, absolute links, download names that say the filter, cited passages."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from dashboard import export, query
from dashboard.filters import Filters
from dashboard.views import common
from tests.dashboard.conftest import build_fixture_frames
from tests.dashboard.test_app import make_app

REPO = Path(__file__).resolve().parents[2]
LOCAL_ROOT = "http://localhost:8501/"


def open_page(monkeypatch, data_dir: Path, page: str, **params) -> AppTest:
    monkeypatch.delenv(common.BASE_URL_ENV, raising=False)
    return make_app(monkeypatch, data_dir, page, **params)


def expected_claims(sort_by_newest: bool = True) -> pd.DataFrame:
    """The fixture's claims with their document's date, newest article first, then by position."""
    frames = build_fixture_frames()
    c = frames["claims"].merge(frames["documents"][["doc_id", "published"]], on="doc_id")
    return c.sort_values(["published", "start"], ascending=[False, True], kind="stable")


def test_claims_open_newest_first(monkeypatch, fixture_dir):
    at = open_page(monkeypatch, fixture_dir, "claims", lang="en")
    table = at.dataframe[0].value
    want = expected_claims()
    assert table["Speaker"].tolist() == want["speaker"].tolist()
    assert table["Published"].tolist() == want["published"].tolist()
    # In file order the first claim is بوتين's (d1); newest first it is سيول's (d2, a day later).
    assert table["Speaker"].tolist()[0] == "سيول"


def test_claims_sorted_by_article_follow_the_title_then_the_position(monkeypatch, fixture_dir):
    at = open_page(monkeypatch, fixture_dir, "claims", lang="en")
    at.selectbox(key="claims_sort").set_value("document").run()
    frames = build_fixture_frames()
    want = frames["claims"].merge(frames["documents"][["doc_id", "title"]], on="doc_id")
    want = want.sort_values(["title", "doc_id", "start"], kind="stable")
    assert at.dataframe[0].value["Speaker"].tolist() == want["speaker"].tolist()


def test_claims_sorted_by_speaker_follow_the_speakers_english_name(monkeypatch, fixture_dir):
    at = open_page(monkeypatch, fixture_dir, "claims", lang="ar")
    at.selectbox(key="claims_sort").set_value("speaker").run()
    frames = build_fixture_frames()
    names = frames["entities"].set_index("entity_id")["name_en"].str.lower()
    want = frames["claims"].assign(name=frames["claims"]["speaker_entity_id"].map(names)).sort_values("name")
    assert at.dataframe[0].value["المتحدث"].tolist() == want["speaker"].tolist()


def test_speaker_filter_keeps_only_that_speakers_claims(monkeypatch, fixture_dir):
    at = open_page(monkeypatch, fixture_dir, "claims", lang="en")
    box = at.multiselect(key="claims_speaker")
    # Every speaker of the fixture claims once; labels are the entity's English name and count.
    assert box.options == ["Kremlin <b>Moscow</b> (1)", "Seoul (1)", "Vladimir Putin (1)"]
    box.set_value(["kremlin"]).run()
    table = at.dataframe[0].value
    assert table["Speaker"].tolist() == ["الكرملين"]
    assert table["Content"].tolist() == ["إرسال 11 ألف حاوية ذخيرة"]
    assert table["Denial"].tolist() == [True]


def test_speaker_choices_put_the_empty_speaker_last_whatever_its_count(fixture_dir):
    con = query.connect(fixture_dir)
    # Six claims without a speaker (junk) and Seoul's one.
    con.execute(
        "CREATE TABLE junk AS SELECT * REPLACE ('' AS speaker, NULL AS speaker_entity_id) FROM claims "
        "UNION ALL SELECT * REPLACE (' ' AS speaker, '' AS speaker_entity_id) FROM claims "
        "UNION ALL SELECT * FROM claims WHERE speaker_entity_id = 'seoul'"
    )
    con.execute("CREATE OR REPLACE VIEW claims AS SELECT * FROM junk")
    top = query.speaker_counts(con, None, 10)
    assert top["key"].tolist() == ["seoul", ""]
    assert top["claims"].tolist() == [1, 6]


@pytest.mark.parametrize(
    "lang, caption",
    [("en", "Showing the first 2 of 3 claims"), ("ar", "يُعرض أول 2 تصريح من أصل 3")],
)
def test_a_cut_table_says_in_words_how_much_is_shown(monkeypatch, fixture_dir, lang, caption):
    monkeypatch.setattr(common, "MAX_TABLE_ROWS", 2)
    at = open_page(monkeypatch, fixture_dir, "claims", lang=lang)
    assert [c.value for c in at.caption if c.value == caption] == [caption]
    assert len(at.dataframe[0].value) == 2


@pytest.mark.parametrize(
    "lang, sentence",
    [("en", "Showing the first 10,000 of 109,819 claims"), ("ar", "يُعرض أول 10,000 تصريح من أصل 109,819")],
)
def test_the_corpus_sized_caption_reads_as_a_sentence(lang, sentence):
    assert common.showing_first(10_000, 109_819, "claims", lang) == sentence


def record_heights(monkeypatch) -> list:
    """The ``height`` each st.dataframe call asks for (AppTest keeps no element height)."""
    heights, real = [], st.dataframe

    def recording(*args, **kwargs):
        heights.append(kwargs.get("height"))
        return real(*args, **kwargs)

    monkeypatch.setattr(st, "dataframe", recording)
    return heights


def test_arabic_tables_read_from_the_right_and_fit_their_rows(monkeypatch, fixture_dir):
    heights = record_heights(monkeypatch)
    at = open_page(monkeypatch, fixture_dir, "claims", lang="ar")
    grid = at.dataframe[0]
    columns = list(grid.value.columns)
    assert columns[0] == "المتحدث"
    # Grids lay out left to right: reversed, the speaker sits at the right edge, where Arabic starts;
    # the passage id, the title and the denial flag are exported but not drawn (the link, the article
    # and the frame carry them), so the grid fits the page and the speaker is not scrolled away.
    off_screen = {"معرّف المقطع", "العنوان", "نفي"}
    assert off_screen <= set(columns)
    assert list(grid.proto.column_order) == [c for c in columns if c not in off_screen][::-1]
    assert grid.proto.column_order[-1] == "المتحدث"
    # Three rows and the header, 35 px each, plus the border: no ten-row box over empty space.
    assert heights == [(3 + 1) * 35 + 3]


def test_english_tables_keep_their_order(monkeypatch, fixture_dir):
    heights = record_heights(monkeypatch)
    at = open_page(monkeypatch, fixture_dir, "quantities", lang="en")
    grid = at.dataframe[0]
    assert list(grid.proto.column_order) == list(grid.value.columns)
    assert heights == [(2 + 1) * 35 + 3]


@pytest.mark.parametrize("rows, height", [(0, 73), (1, 73), (3, 143), (20, 738), (10_000, 738)])
def test_grids_grow_with_their_rows_up_to_twenty(rows, height):
    assert common.table_height(rows) == height


def test_table_links_are_absolute(monkeypatch, fixture_dir):
    at = open_page(monkeypatch, fixture_dir, "claims", lang="en")
    links = at.dataframe[0].value["Passage"].tolist()
    ids = expected_claims()["passage_id"].tolist()
    assert links == [f"{LOCAL_ROOT}passages?passage={i.replace(':', '%3A')}&lang=en" for i in ids]


def test_the_analyst_can_set_the_address_links_start_from(monkeypatch, fixture_dir):
    at = open_page(monkeypatch, fixture_dir, "claims", lang="en")
    monkeypatch.setenv(common.BASE_URL_ENV, "https://marsad.example.org/app")
    at.run()
    assert at.dataframe[0].value["Passage"].tolist()[0] == "https://marsad.example.org/app/passages?passage=d2%3Ap0&lang=en"


def test_download_names_say_the_filter(monkeypatch, fixture_dir):
    names = []
    real = export.file_name

    def recording(base, fmt):
        names.append(real(base, fmt))
        return names[-1]

    monkeypatch.setattr(export, "file_name", recording)
    open_page(monkeypatch, fixture_dir, "claims", lang="ar", actor="vladimir_putin", topic="military")
    assert "claims_actor-vladimir_putin_topic-military.csv" in names
    assert "claims_actor-vladimir_putin_topic-military.parquet" in names


@pytest.mark.parametrize(
    "filters, name",
    [
        (Filters(actors=("donald_trump",), topics=("politics",)), "claims_actor-donald_trump_topic-politics"),
        (Filters(), "claims"),
        (Filters(actors=("a", "b"), actor_mode="all", date_from="2018-01-01"), "claims_actor-a-b_from-2018-01-01_all-actors"),
        (Filters(text="كوريا الشمالية", outlets=("CNN Arabic",)), "claims_outlet-cnn_arabic_text-كوريا_الشمالية"),
    ],
)
def test_filtered_name_lists_each_active_filter(filters, name):
    assert export.filtered_name("claims", filters, {"donald_trump": "Donald Trump"}) == name


def test_exported_passages_carry_their_citation_and_an_absolute_link(fixture_dir):
    con = query.connect(fixture_dir)
    page = query.passage_page(con, None, 0, 2, query.FILE_ORDER)
    out = export.cited_passages(query.cite_passages(con, page), LOCAL_ROOT, "ar")
    assert list(out.columns) == ["doc_id", "passage_id", "title", "source", "published", "url", "start", "end",
                                 "text", "topics", "link"]
    docs = build_fixture_frames()["documents"].set_index("doc_id")
    assert out["title"].tolist() == [docs.loc["d1", "title"]] * 2
    assert out["source"].tolist() == ["الإيطالية نيوز"] * 2
    assert out["published"].tolist() == ["2024-06-18"] * 2
    assert out["url"].tolist() == ["https://example.org/d1"] * 2
    assert out["link"].tolist() == [f"{LOCAL_ROOT}passages?passage=d1%3Ap{i}&lang=ar" for i in (0, 1)]


@pytest.mark.parametrize(
    "page_url, configured, port, base_path, root",
    [
        ("http://10.0.0.5:8501/claims?lang=ar", None, 8501, "", "http://10.0.0.5:8501/"),
        (None, None, 8502, "marsad", "http://localhost:8502/marsad/"),
        ("http://10.0.0.5:8501/claims", "https://news.example.org/marsad", 8501, "", "https://news.example.org/marsad/"),
    ],
)
def test_site_root_prefers_the_configured_address_then_the_browsers(page_url, configured, port, base_path, root):
    assert export.site_root(page_url, configured, port, base_path) == root


def test_speaker_and_order_come_from_a_shared_link_and_go_back_to_the_url(monkeypatch, fixture_dir):
    at = open_page(monkeypatch, fixture_dir, "claims", lang="en", speaker=["kremlin", "seoul"], claims_sort="document")
    assert at.multiselect(key="claims_speaker").value == ["kremlin", "seoul"]
    assert at.selectbox(key="claims_sort").value == "document"
    # By article title: "سيول تراقب القمة" (d2) sorts after "بوتين يزور ..." (d1).
    assert at.dataframe[0].value["Speaker"].tolist() == ["الكرملين", "سيول"]
    at.multiselect(key="claims_speaker").set_value(["vladimir_putin"]).run()
    at.selectbox(key="claims_sort").set_value("speaker").run()
    assert at.query_params["speaker"] in ("vladimir_putin", ["vladimir_putin"])
    assert at.query_params["claims_sort"] in ("speaker", ["speaker"])
    assert at.dataframe[0].value["Speaker"].tolist() == ["بوتين"]
    # The defaults leave the URL: no speaker, newest first.
    at.multiselect(key="claims_speaker").set_value([]).run()
    at.selectbox(key="claims_sort").set_value("newest").run()
    assert "speaker" not in at.query_params and "claims_sort" not in at.query_params
    # A speaker and an order belong to the claims page: other pages drop them.
    again = open_page(monkeypatch, fixture_dir, "claims", lang="en", speaker="seoul")
    again.switch_page("views/overview.py").run()
    assert "speaker" not in again.query_params



def test_claims_without_a_speaker_travel_in_the_url_as_a_dash(monkeypatch, fixture_dir):
    at = open_page(monkeypatch, fixture_dir, "claims", lang="en", speaker=["-", "seoul"])
    assert at.multiselect(key="claims_speaker").value == ["", "seoul"]  # "-": the claims with no speaker
    assert at.dataframe[0].value["Speaker"].tolist() == ["سيول"]
    at.selectbox(key="claims_sort").set_value("speaker").run()
    assert at.query_params["speaker"] == ["-", "seoul"]


def test_frame_filter_keeps_that_frame_and_travels_in_the_url(monkeypatch, fixture_dir):
    at = open_page(monkeypatch, fixture_dir, "claims", lang="en")
    table = at.dataframe[0].value
    # The frame is shown translated, with the target and the relaying outlet beside the content.
    assert {"Frame", "Target", "Via"} <= set(table.columns)
    assert sorted(table["Frame"]) == ["denies", "says", "says"]
    assert list(table.columns)[-1] == "Why extracted"  # the narrow reason stays last
    at.multiselect(key="claims_frame").set_value(["deny"]).run()
    assert at.dataframe[0].value["Speaker"].tolist() == ["الكرملين"]
    assert at.query_params["claim_frame"] in ("deny", ["deny"])
    shared = open_page(monkeypatch, fixture_dir, "claims", lang="ar", claim_frame="say")
    assert shared.multiselect(key="claims_frame").value == ["say"]
    assert sorted(shared.dataframe[0].value["نوع التصريح"]) == ["قول", "قول"]


def test_claims_of_tables_built_before_frames_read_as_said(tmp_path):
    import pyarrow.parquet as pq

    from tests.dashboard.conftest import write_fixture

    out = write_fixture(tmp_path / "old")
    old = pq.read_table(out / "claims.parquet").drop(["frame", "target", "target_entity_id", "via"])
    pq.write_table(old, out / "claims.parquet")
    con = query.connect(out)
    rows, total = query.claim_rows(con, None, frames=("say",))
    assert total == 3 and set(rows["frame"]) == {"say"} and set(rows["via"]) == {""}
    assert rows["target_entity_id"].isna().all()
