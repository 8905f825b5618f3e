"""The dashboard driven through Streamlit's AppTest on the real seed tables (and the hostile fixture).

AppTest sees widget values, the HTML we hand to st.html, chart specs and
dataframes; it does not see pixels or layout (the browser tests do).
"""

from __future__ import annotations

import io
import json
import re
from html import unescape
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest
from streamlit.proto.SelectWidgetFilterMode_pb2 import SelectWidgetFilterMode as FilterMode
from streamlit.testing.v1 import AppTest

from data_pipeline.lang.ar.normalize import normalize_key
from tests.dashboard.oracle import read_tables

REPO = Path(__file__).resolve().parents[2]
APP = str(REPO / "dashboard" / "app.py")
KIM = "person:kim_jong_un"
PUTIN = "person:vladimir_putin"
TIMEOUT = 60


@pytest.fixture(scope="session")
def seed_dir(tmp_path_factory) -> Path:
    """Tables built from seeds/ by the real pipeline, once per session."""
    from data_pipeline.build import build

    out = tmp_path_factory.mktemp("dashboard_seed_tables")
    summary = build([REPO / "seeds" / "000_af8d0ac7418768f7.txt"], out, workers=1, progress=False)
    assert summary.documents_read == 1, summary.report()
    return out


@pytest.fixture(scope="session")
def seed(seed_dir):
    return read_tables(seed_dir)


def make_app(monkeypatch, data_dir: Path, page: str | None = None, **params) -> AppTest:
    monkeypatch.setenv("MARSAD_DATA", str(data_dir))
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    for key, value in params.items():
        at.query_params[key] = value
    if page:
        at.switch_page(f"views/{page}.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def sentence(at: AppTest) -> str:
    html = next(h.proto.body for h in at.get("html") if "marsad-filters" in h.proto.body)
    return unescape(re.sub(r"<[^>]+>", "", html))


def passage_blocks(at: AppTest) -> list[str]:
    """Each rendered passage's HTML."""
    body = "".join(h.proto.body for h in at.get("html") if "marsad-passage" in h.proto.body)
    return re.findall(r'<div class="marsad-passage".*?</div></div>', body, flags=re.S)


def shown_passage_ids(at: AppTest) -> list[str]:
    ids = []
    for block in passage_blocks(at):
        m = re.search(r"passages\?passage=([^&\"]+)", block)
        ids.append(unescape(m.group(1)).replace("%3A", ":"))
    return ids


def chart_data(at: AppTest, index: int = 0) -> pd.DataFrame:
    chart = at.get("vega_lite_chart")[index]
    frames = [pa.ipc.open_stream(d.data.data).read_all().to_pandas() for d in chart.proto.datasets]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def html_tags(markup: str) -> tuple[set[str], set[str]]:
    """Tag and attribute names a browser would build from ``markup``."""
    from html.parser import HTMLParser

    tags, attrs = set(), set()

    class Parser(HTMLParser):
        def handle_starttag(self, tag, attributes):
            tags.add(tag)
            attrs.update(name for name, _ in attributes)

    Parser().feed(markup)
    return tags, attrs


def go(at: AppTest, page: str) -> AppTest:
    at.switch_page(f"views/{page}.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


# ---------------------------------------------------------------- overview and frame


def test_overview_shows_the_seed_at_a_glance(monkeypatch, seed_dir, seed):
    at = make_app(monkeypatch, seed_dir, lang="en")
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Stories"] == "1"  # stories, not articles: the caption under it gives the articles
    assert metrics["Actors"] == str(seed.entities["entity_id"].nunique())
    assert metrics["Claims"] == str(len(seed.claims))
    assert metrics["Quantities"] == str(len(seed.quantities))
    assert metrics["Time span"] == "2024-06-18"
    assert sentence(at) == f"Showing all {len(seed.passages)} passages from 1 document."
    top = chart_data(at, 0)
    assert "Vladimir Putin" in set(top.get("name_en", pd.Series(dtype=str))) or "Vladimir Putin" in top.to_string()
    assert len(at.get("vega_lite_chart")) == 2  # top actors, topics over time
    labels = [b.label for b in at.get("download_button")]
    assert labels.count("PNG") == 2 and labels.count("SVG") == 2 and labels.count("HTML") == 2
    assert labels.count("CSV") == 2 and labels.count("JSON") == 2 and labels.count("PARQUET") == 2


def test_interface_switches_language_and_keeps_it_in_the_url(monkeypatch, seed_dir):
    at = make_app(monkeypatch, seed_dir)
    assert at.title[0].value == "نظرة عامة"
    assert sentence(at).startswith("عرض كل المقاطع")
    at.radio(key="ui_lang").set_value("en").run()
    assert at.title[0].value == "Overview"
    assert sentence(at).startswith("Showing all")
    assert at.query_params["lang"] == ["en"] or at.query_params["lang"] == "en"


def test_rtl_css_never_flips_the_whole_app(monkeypatch, seed_dir):
    at = make_app(monkeypatch, seed_dir, lang="ar")
    css = " ".join(h.proto.body for h in at.get("html") if "<style>" in h.proto.body)
    assert "direction: rtl" in css and ".stApp" not in css and "body" not in css.replace("stAlert", "")


# ---------------------------------------------------------------- filters


def test_actor_filter_keeps_only_passages_naming_kim_under_any_spelling(monkeypatch, seed_dir, seed):
    at = make_app(monkeypatch, seed_dir, page="passages", lang="en")
    at.multiselect(key="filter_actor").set_value([KIM]).run()
    m = seed.mentions
    expected = set(m.loc[m["entity_id"] == KIM, "passage_id"])
    assert set(shown_passage_ids(at)) == expected
    assert len(expected) >= 3  # كيم، كيم يونغ أون، «كيم يونج» أون، كيم جونغ أون
    for block in passage_blocks(at):
        assert re.search(r'class="marsad-entity"[^>]*title="Kim Jong Un', block), block[:300]
    assert sentence(at) == f"Showing {len(expected)} passages from 1 document that mention \u2068Kim Jong Un\u2069."
    assert at.query_params["actor"] in ([KIM], KIM)


def test_two_actors_with_all_of_them_keep_exactly_the_passages_naming_both(monkeypatch, seed_dir, seed):
    at = make_app(monkeypatch, seed_dir, page="passages", lang="en")
    assert at.radio(key="filter_actor_mode").disabled  # one actor or none: nothing to combine
    at.multiselect(key="filter_actor").set_value([KIM, PUTIN]).run()
    m = seed.mentions
    kim, putin = (set(m.loc[m["entity_id"] == e, "passage_id"]) for e in (KIM, PUTIN))
    assert set(shown_passage_ids(at)) == kim | putin  # "any of them" by default
    assert not at.radio(key="filter_actor_mode").disabled
    at.radio(key="filter_actor_mode").set_value("all").run()
    both = kim & putin
    assert set(shown_passage_ids(at)) == both
    assert len(both) == 2 and len(kim) == 4  # Kim is named in two passages without Putin
    assert sentence(at) == (
        "Showing 2 passages from 1 document that mention \u2068Kim Jong Un\u2069 and \u2068Vladimir Putin\u2069."
    )
    assert at.query_params["actor_mode"] in (["all"], "all")
    # Shared: the link opens the same selection.
    again = make_app(monkeypatch, seed_dir, page="passages", lang="en", actor=[KIM, PUTIN], actor_mode="all")
    assert again.radio(key="filter_actor_mode").value == "all"
    assert set(shown_passage_ids(again)) == both


def test_actor_search_offers_the_best_match_first_and_the_list_filters_without_fuzz(monkeypatch, seed_dir):
    at = make_app(monkeypatch, seed_dir, lang="en")
    actors = at.multiselect(key="filter_actor")
    # Typing in the list keeps our order (Streamlit's default fuzzy ranking put rare names first).
    assert actors.proto.filter_mode == FilterMode.FILTER_MODE_CONTAINS
    assert actors.proto.select_all == 0  # never: Enter picks the first match, not all actors
    at.text_input(key="filter_actor_search").input("بوتين").run()
    assert at.multiselect(key="filter_actor").options[0].startswith("Vladimir Putin · فلاديمير بوتين (")
    note = next(h.proto.body for h in at.get("html") if "marsad-actor-match" in h.proto.body)
    assert "Best match for “\u2068بوتين\u2069”: \u2068Vladimir Putin · فلاديمير بوتين (" in unescape(note)
    default = actors.options
    at.text_input(key="filter_actor_search").input("كوريا").run()
    options = at.multiselect(key="filter_actor").options
    assert [o.split(" (")[0] for o in options[:2]] == ["North Korea · كوريا الشمالية", "South Korea · كوريا الجنوبية"]
    assert sorted(options) == sorted(default)  # the matches come first; a search hides no actor
    at.text_input(key="filter_actor_search").input("ليس اسما").run()
    assert at.multiselect(key="filter_actor").options == default
    note = next(h.proto.body for h in at.get("html") if "marsad-actor-match" in h.proto.body)
    assert unescape(note).endswith("No actor matches “\u2068ليس اسما\u2069”.</p>")


def test_the_actor_widgets_never_copy_the_whole_entity_table_on_a_rerun(monkeypatch, seed_dir):
    # On the 48k-article corpus, the frame copied its 70,000 entities out of a data cache twice a
    # rerun (0.3 s each): the sidebar now reads a shared table through small cached answers.
    from dashboard import data

    def copied(*args, **kwargs):
        raise AssertionError("the whole entity table was copied")

    monkeypatch.setattr(data, "all_entity_counts", copied)
    at = make_app(monkeypatch, seed_dir, page="passages", lang="ar", actor=KIM)
    at.text_input(key="filter_actor_search").input("بوتين").run()
    at.multiselect(key="filter_actor").set_value([KIM, PUTIN]).run()
    assert not at.exception, [e.value for e in at.exception]
    assert "تذكر \u2068كيم جونغ أون\u2069 أو \u2068فلاديمير بوتين\u2069" in sentence(at)


def test_actor_filter_from_the_url_applies_to_every_view(monkeypatch, seed_dir, seed):
    at = make_app(monkeypatch, seed_dir, page="timeline", lang="en", actor=KIM)
    assert at.multiselect(key="filter_actor").value == [KIM]
    points = chart_data(at)
    assert "2023-09" in set(points["date"])  # Kim's visit to Russia, a month-precision span
    assert set(points["precision"]) <= {"day", "month", "year"}
    m = seed.mentions
    kim_passages = set(m.loc[m["entity_id"] == KIM, "passage_id"])
    assert set(points["passage_id"]) <= kim_passages
    spec = json.loads(at.get("vega_lite_chart")[0].proto.spec)
    assert "x2" in json.dumps(spec)  # month and year points are spans
    assert '"name": "point"' in json.dumps(spec)
    table = at.dataframe[0].value
    assert set(table["Date"]) == set(points["date"])
    assert table["Passage"].str.startswith("http://localhost:8501/passages?passage=").all()

    go(at, "claims")
    claims = at.dataframe[0].value
    assert set(claims["Passage id"]) <= kim_passages
    assert "علاقة لا تنفصم بين رفاق السلاح" in set(claims["Content"])

    go(at, "entities")
    entities = at.dataframe[0].value
    kim = entities[entities["English name"] == "Kim Jong Un"].iloc[0]
    assert kim["Mentions"] == int((m["entity_id"] == KIM).sum())
    assert "كيم جونغ أون" in kim["Aliases"]


def test_text_filter_matches_arabic_loosely(monkeypatch, seed_dir, seed):
    at = make_app(monkeypatch, seed_dir, page="passages", lang="en")
    at.text_input(key="filter_text").input("كوريا").run()
    p = seed.passages
    expected = set(p.loc[p["text"].map(normalize_key).str.contains("كوريا"), "passage_id"])
    shown = at.number_input(key="passages_page")
    ids = set(shown_passage_ids(at))
    # Page through every result.
    page = 1
    while len(ids) < len(expected) and page < 10:
        page += 1
        shown.set_value(page).run()
        ids |= set(shown_passage_ids(at))
    assert ids == expected
    assert any("لكوريا" in p.set_index("passage_id").loc[i, "text"] for i in ids)
    assert sentence(at).endswith("containing “\u2068كوريا\u2069”.")
    assert at.query_params["q"] in (["كوريا"], "كوريا")


@pytest.mark.parametrize(
    # Newest first: d2 (2024-06-19), d1 (2024-06-18), d3 (2023-01-05).
    "text, expected", [("كوريا", ["d1:p0", "d3:p0"]), ("الكوري الشمالي", ["d1:p1"]), ("كيم", ["d2:p0", "d1:p1", "d3:p0"])]
)
def test_text_filter_reads_the_index_and_shows_the_passages_of_the_scan(monkeypatch, tmp_path, text, expected):
    from dashboard import query
    from data_pipeline.text_index import INDEX_FILE, write_text_index

    from .conftest import write_fixture

    calls = []
    search = query.search_text
    monkeypatch.setattr(query, "search_text", lambda path, q: calls.append((Path(path), q)) or search(path, q))
    shown = {}
    for name, indexed in (("scan", False), ("indexed", True)):
        folder = write_fixture(tmp_path / name)
        if indexed:
            write_text_index(folder)
        at = make_app(monkeypatch, folder, page="passages", lang="en", q=text)
        shown[name] = shown_passage_ids(at)
    assert shown == {"scan": expected, "indexed": expected}
    assert calls == [(tmp_path / "indexed" / INDEX_FILE, text)]  # the scan had no index to ask


def test_filters_combine_and_reset(monkeypatch, seed_dir):
    at = make_app(monkeypatch, seed_dir, lang="en", actor=KIM, q="روسيا")
    text = sentence(at)
    assert "that mention \u2068Kim Jong Un\u2069" in text and "containing “\u2068روسيا\u2069”" in text
    at.button(key="filter_reset").click().run()
    assert sentence(at).startswith("Showing all")
    assert at.multiselect(key="filter_actor").value == []
    assert "actor" not in at.query_params and "q" not in at.query_params


def test_entity_type_and_topic_filters(monkeypatch, seed_dir, seed):
    at = make_app(monkeypatch, seed_dir, page="entities", lang="en")
    at.multiselect(key="filter_type").set_value(["ORG"]).run()
    types = set(at.dataframe[0].value["Type"])
    assert types == {"organisation"}
    topics = at.multiselect(key="filter_topic").options
    assert topics, "the seed passages carry topics"


def test_a_filter_that_matches_nothing_says_so(monkeypatch, seed_dir):
    at = make_app(monkeypatch, seed_dir, page="claims", lang="en", q="لا يوجد هذا النص أبدا")
    assert at.info[0].value == "Nothing matches these filters."
    assert sentence(at).startswith("Showing 0 passages from 0 documents")


# ---------------------------------------------------------------- passages and links


def test_passage_link_shows_that_passage_highlighted(monkeypatch, seed_dir, seed):
    claim = seed.claims.iloc[0]
    at = make_app(monkeypatch, seed_dir, page="passages", lang="en", passage=claim["passage_id"])
    assert shown_passage_ids(at) == [claim["passage_id"]]
    block = passage_blocks(at)[0]
    assert 'dir="rtl" lang="ar"' in block
    assert "marsad-claim" in block
    assert f"article?doc={claim['doc_id']}&amp;passage=" in block  # the whole article, in the reader


def test_document_link_filters_to_that_article(monkeypatch, seed_dir, seed):
    doc_id = seed.documents["doc_id"].iloc[0]
    at = make_app(monkeypatch, seed_dir, page="passages", lang="en", doc=doc_id)
    assert at.multiselect(key="filter_doc").value == [doc_id]
    assert "in the article" in sentence(at)
    assert len(shown_passage_ids(at)) == min(20, len(seed.passages))


def test_quantities_and_claims_tables_link_every_row_to_its_passage(monkeypatch, seed_dir, seed):
    at = make_app(monkeypatch, seed_dir, page="quantities", lang="en")
    q = at.dataframe[0].value
    row = q[q["Unit"] == "container"].iloc[0]
    assert row["Value"] == 11000 and row["What"] == "حاوية"
    assert row["Passage"] == "http://localhost:8501/passages?passage=" + row["Passage id"].replace(":", "%3A") + "&lang=en"
    go(at, "claims")
    c = at.dataframe[0].value
    assert len(c) == len(seed.claims)
    assert set(c.columns) >= {"Speaker", "Cue", "Content", "Hedged", "Denial", "Passage"}
    assert c["Denial"].sum() == (seed.claims["stance"] == "deny").sum()
    assert c["Hedged"].sum() == seed.claims["hedged"].sum()


def test_network_page_draws_cooccurrence(monkeypatch, seed_dir):
    at = make_app(monkeypatch, seed_dir, page="network", lang="en")
    pairs = at.dataframe[0].value
    assert len(pairs) > 0 and (pairs["Passages together"] >= 1).all()
    top = pairs.iloc[0]
    assert {top["Actor"], top["With"]} & {"North Korea", "Russia", "Vladimir Putin"}


def test_add_articles_page_renders_the_uploader(monkeypatch, seed_dir):
    at = make_app(monkeypatch, seed_dir, page="add_articles", lang="en")
    assert at.button(key="upload_process").label == "Process and add"


# ---------------------------------------------------------------- untrusted text


def test_hostile_article_text_is_escaped_in_every_html_block(monkeypatch, fixture_dir):
    at = make_app(monkeypatch, fixture_dir, page="passages", lang="en", doc="d3")
    body = "".join(h.proto.body for h in at.get("html"))
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    tags, attrs = html_tags(body)
    assert tags <= {"p", "div", "mark", "span", "a", "style"}, tags
    assert not [a for a in attrs if a.startswith("on")]
    assert "<img" not in body and "<script" not in body
    # Entity names from articles are escaped in titles too.
    at2 = make_app(monkeypatch, fixture_dir, page="passages", lang="en", passage="d1:p2")
    block = passage_blocks(at2)[0]
    assert "Kremlin &lt;b&gt;Moscow&lt;/b&gt;" in block and "<b>" not in block
    # The filter sentence carries a title from the article: escaped as well.
    assert "<img" not in "".join(h.proto.body for h in at.get("html") if "marsad-filters" in h.proto.body)


# ---------------------------------------------------------------- uploads (no browser: the function the page calls)


class Upload(io.BytesIO):
    def __init__(self, name: str, content: bytes):
        super().__init__(content)
        self.name = name


def test_an_upload_job_saves_merges_and_reports(tmp_path, seed_dir):
    """What the page does: stage the files, start ``marsad add`` in its own process, watch its status."""
    import shutil
    import time

    from data_pipeline import uploads
    from data_pipeline.layout import uploads_dir

    folder = tmp_path / "tables"
    shutil.copytree(seed_dir, folder)
    article = "زيارة جديدة\n\nقال المتحدث باسم الكرملين إن بوتين سيزور فيتنام في يوليو 2024.\n"
    job, rejected = uploads.stage([Upload("../../evil name.txt", article.encode()), Upload("notes.exe", b"MZ")], folder)
    assert rejected == [("notes.exe", "type")]
    uploads.start(folder, job)
    deadline = time.monotonic() + 120
    while (status := uploads.status(job))["state"] not in ("done", "failed", "cancelled", "conflict"):
        assert time.monotonic() < deadline, status
        time.sleep(0.1)
    assert status["state"] == "done", status
    saved = list(p for p in uploads_dir(folder).iterdir() if not p.name.startswith("."))
    assert len(saved) == 1 and saved[0].name.endswith("_evil_name.txt")  # beside the tables: rebuilds keep it
    assert status["documents"] == [{"doc_id": saved[0].stem, "title": "زيارة جديدة"}]
    tables = read_tables(folder)
    assert len(tables.documents) == 2  # the seed and the new article, on disk (survives a restart)
    assert status["rows"]["documents"] == 2


def test_date_range_from_the_url(monkeypatch, fixture_dir):
    import datetime as dt

    at = make_app(monkeypatch, fixture_dir, page="passages", lang="en", **{"from": "2024-06-19"})
    assert at.date_input(key="filter_dates").value == (dt.date(2024, 6, 19), dt.date(2024, 6, 19))
    assert sentence(at) == "Showing 2 passages from 1 document published on or after 2024-06-19."
    assert set(shown_passage_ids(at)) == {"d2:p0", "d2:p1"}
    at.date_input(key="filter_dates").set_value((dt.date(2023, 1, 5), dt.date(2024, 6, 18))).run()
    assert sentence(at) == "Showing 4 passages from 2 documents published on or before 2024-06-18."
    assert at.query_params.get("to") in (["2024-06-18"], "2024-06-18") and "from" not in at.query_params


def test_outlet_filter_and_unknown_ids_in_the_url_are_dropped(monkeypatch, fixture_dir):
    at = make_app(monkeypatch, fixture_dir, page="claims", lang="en", outlet="وكالة الأنباء", actor="no_such_actor")
    assert at.multiselect(key="filter_actor").value == []
    assert at.multiselect(key="filter_outlet").value == ["وكالة الأنباء"]
    assert sentence(at) == "Showing 2 passages from 1 document from \u2068وكالة الأنباء\u2069."
    assert at.dataframe[0].value["Speaker"].tolist() == ["سيول"]


def test_without_tables_the_app_explains_how_to_build_them(monkeypatch, tmp_path):
    monkeypatch.setenv("MARSAD_DATA", str(tmp_path))
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params["lang"] = "en"
    at.run()
    assert not at.exception
    assert f"`marsad build ARTICLES --out {tmp_path}`" in at.warning[0].value


def test_overview_charts_follow_the_filters(monkeypatch, seed_dir, seed):
    at = make_app(monkeypatch, seed_dir, lang="en")
    all_topics = chart_data(at, 1)["passages"].sum()
    at.multiselect(key="filter_actor").set_value([KIM]).run()
    m = seed.mentions
    kim_passages = seed.passages[seed.passages["passage_id"].isin(m.loc[m["entity_id"] == KIM, "passage_id"])]
    assert chart_data(at, 1)["passages"].sum() == kim_passages["topics"].map(len).sum() < all_topics
    top = chart_data(at, 0)
    assert top.sort_values("mentions", ascending=False).iloc[0]["name_en"] == "Kim Jong Un"
    assert {m.label: m.value for m in at.metric}["Claims"] == str(
        seed.claims["passage_id"].isin(kim_passages["passage_id"]).sum()
    )


def test_passage_pages_restart_at_one_when_filters_change(monkeypatch, seed_dir):
    at = make_app(monkeypatch, seed_dir, page="passages", lang="en")
    at.number_input(key="passages_page").set_value(2).run()
    assert at.number_input(key="passages_page").value == 2
    at.text_input(key="filter_text").input("روسيا").run()
    assert at.number_input(key="passages_page").value == 1


def test_a_passage_link_param_is_dropped_on_other_pages(monkeypatch, seed_dir, seed):
    at = make_app(monkeypatch, seed_dir, page="claims", lang="en", passage=seed.passages["passage_id"].iloc[0])
    assert "passage" not in at.query_params
    assert len(at.dataframe[0].value) == len(seed.claims)


def test_the_upload_help_keeps_suffixes_and_path_left_to_right_in_arabic(monkeypatch, fixture_dir):
    at = make_app(monkeypatch, fixture_dir, page="add_articles", lang="ar")
    help_text = next(c.value for c in at.caption if c.value.startswith("المقبول:"))
    assert "\u2066.txt .md .html .htm .json .jsonl .gz .csv\u2069" in help_text
    assert f"\u2066{fixture_dir}-uploads\u2069" in help_text
