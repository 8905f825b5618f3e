"""The entity page (``entity?entity=<id>``) through AppTest on the fixture: names and counts equal to a
direct count of the tables, claims by it and about it told apart, co-mentioned actors linked to their
own pages, newest passages first, the sidebar's filters applied, hostile names escaped; the links
that lead to it from the other pages; the chart's bins."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import charts, query
from dashboard.filters import NAME_IN_LINK, Filters, entity_link, entity_name_links
from dashboard.highlight import esc
from dashboard.views import common
from tests.dashboard.conftest import HOSTILE, MENTIONS, build_fixture_frames
from tests.dashboard.test_app import make_app, passage_blocks, shown_passage_ids
from tests.dashboard.test_bidi_safety import RLO, _hostile_fixture

LOCAL_ROOT = "http://localhost:8501/"


def open_entity(monkeypatch, data_dir: Path, entity_id: str | None, **params) -> AppTest:
    monkeypatch.delenv(common.BASE_URL_ENV, raising=False)
    if entity_id is not None:
        params["entity"] = entity_id
    return make_app(monkeypatch, data_dir, "entity", **params)


def show(at: AppTest, section: str) -> AppTest:
    """Choose which of the long lists the page shows (claims_by, claims_about, quantities, passages)."""
    at.radio(key="entity_section").set_value(section).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def profile(at: AppTest) -> str:
    return next(h.proto.body for h in at.get("html") if "marsad-entity-facts" in h.proto.body)


def table_after(at: AppTest, heading: str) -> pd.DataFrame | None:
    """The dataframe drawn under the subheader ``heading`` (None when that section shows none)."""
    found, current = {}, None
    for node in _walk(at.main):
        if node.type == "subheader":
            current = node.value
        elif node.type == "dataframe" and current is not None:
            found.setdefault(current, node.value)
    return found.get(heading)


def _walk(node):
    for child in getattr(node, "children", {}).values():
        yield child
        yield from _walk(child)


def names_of(links: pd.Series) -> list[str]:
    """What a column of ``entity_name_links`` shows (the grid decodes the part after ``#``)."""
    return [unquote(re.search(NAME_IN_LINK, link).group(1)) for link in links]


@pytest.fixture
def frames():
    return build_fixture_frames()


# ---------------------------------------------------------------- the page


def test_names_aliases_and_counts_equal_a_direct_count(monkeypatch, fixture_dir, frames):
    at = open_entity(monkeypatch, fixture_dir, "kim_jong_un", lang="en")
    html = profile(at)
    assert "كيم جونغ أون" in html and "Kim Jong Un" in html
    assert "كيم يونغ أون" in html  # an alias (the names themselves are not repeated as aliases)
    assert "<b>In gazetteer:</b> yes" in html and "<b>Type:</b> person" in html
    m = frames["mentions"]
    kim = m[m["entity_id"] == "kim_jong_un"]
    assert metrics(at) == {
        "Mentions": str(len(kim)),
        "Passages": str(kim["passage_id"].nunique()),
        "Articles": str(kim["doc_id"].nunique()),
        "Claims it makes": "0",
    }
    assert "In the whole corpus: 3 mentions in 3 documents." in [c.value for c in at.caption]


def test_claims_by_it_and_about_it_are_told_apart(monkeypatch, fixture_dir, frames):
    at = open_entity(monkeypatch, fixture_dir, "vladimir_putin", lang="en")
    c = frames["claims"]
    passages = set(frames["mentions"].query("entity_id == 'vladimir_putin'")["passage_id"])
    by = c[c["speaker_entity_id"] == "vladimir_putin"]
    about = c[c["passage_id"].isin(passages) & (c["speaker_entity_id"] != "vladimir_putin")]
    assert len(by) == 1 and len(about) == 1  # the fixture: Putin speaks once, the Kremlin beside him
    assert metrics(at)["Claims it makes"] == "1"
    assert at.radio(key="entity_section").value == "claims_by"  # the first list that has rows
    assert at.radio(key="entity_section").options == [
        "Claims it makes (1)", "Claims about it (1)", "Quantities (1)", "Passages (2)"]
    by_table = table_after(at, "Claims it makes (it is the speaker)")
    about_table = table_after(show(at, "claims_about"), "Claims about it (in its passages, someone else speaks)")
    assert by_table["Content"].tolist() == by["content"].tolist()
    assert about_table["Content"].tolist() == about["content"].tolist()
    assert about_table["Speaker"].tolist() == ["الكرملين"]
    assert about_table["Profile"].tolist() == [LOCAL_ROOT + entity_link("kremlin", "en")]
    assert by_table["Passage"].tolist() == [LOCAL_ROOT + "passages?passage=d1%3Ap2&lang=en"]


def test_claims_about_it_exclude_its_own(monkeypatch, fixture_dir):
    """Kim speaks nowhere: Seoul's claim in his passage is about him, and nothing is by him."""
    at = open_entity(monkeypatch, fixture_dir, "kim_jong_un", lang="en")
    # Nothing said by him: the page opens on the claims about him.
    assert at.radio(key="entity_section").value == "claims_about"
    assert at.radio(key="entity_section").options[:2] == ["Claims it makes (0)", "Claims about it (1)"]
    assert table_after(at, "Claims about it (in its passages, someone else speaks)")["Speaker"].tolist() == ["سيول"]
    show(at, "claims_by")
    assert table_after(at, "Claims it makes (it is the speaker)") is None
    assert any(i.value == "No claim is attributed to it in these passages." for i in at.info)


def test_co_mentioned_actors_open_their_own_pages(monkeypatch, fixture_dir, frames):
    at = open_entity(monkeypatch, fixture_dir, "vladimir_putin", lang="en")
    co = table_after(at, "Named in the same passages")
    m = frames["mentions"]
    passages = set(m.loc[m["entity_id"] == "vladimir_putin", "passage_id"])
    others = m[m["passage_id"].isin(passages) & (m["entity_id"] != "vladimir_putin")]
    want = others.groupby("entity_id")["passage_id"].nunique().sort_values(ascending=False, kind="stable")
    assert sorted(co["Actor"].str.extract(r"entity\?entity=([^&]+)")[0]) == sorted(want.index)
    assert sorted(names_of(co["Actor"])) == sorted(["Kremlin <b>Moscow</b>", "North Korea"])
    assert (co["Passages together"] == 1).all()
    assert co["Actor"].str.startswith(LOCAL_ROOT + "entity?entity=").all()
    assert set(co["Passage"]) == {
        LOCAL_ROOT + "passages" + Filters(actors=("vladimir_putin", other), actor_mode="all").query_string(lang="en")
        for other in want.index
    }


def test_quantities_and_passages_come_newest_first(monkeypatch, fixture_dir):
    at = show(open_entity(monkeypatch, fixture_dir, "kim_jong_un", lang="en"), "passages")
    # d2 was published on 2024-06-19, d1 the day before, d3 in 2023.
    assert shown_passage_ids(at) == ["d2:p0", "d1:p1", "d3:p0"]
    show(at, "quantities")
    assert table_after(at, "Quantities in its passages") is None  # none in Kim's passages
    assert any(i.value == "No quantity in its passages." for i in at.info)
    putin = show(open_entity(monkeypatch, fixture_dir, "vladimir_putin", lang="en"), "quantities")
    q = table_after(putin, "Quantities in its passages")
    assert q["As written"].tolist() == ["11 ألف حاوية"] and q["Value"].tolist() == [11000.0]
    show(putin, "passages")
    link = next(h.proto.body for h in putin.get("html") if "marsad-entity-all" in h.proto.body)
    assert 'href="passages?actor=vladimir_putin&amp;lang=en"' in link and "All 2 on the passages page" in link


def test_mentions_over_time_count_the_entitys_mentions_per_week(monkeypatch, fixture_dir, frames):
    at = open_entity(monkeypatch, fixture_dir, "kim_jong_un", lang="en")
    chart = at.get("vega_lite_chart")[0]
    import pyarrow as pa

    drawn = pd.concat([pa.ipc.open_stream(d.data.data).read_all().to_pandas() for d in chart.proto.datasets])
    assert drawn["mentions"].sum() == 3
    assert set(drawn["label"]) == {"2024-06-17 – 2024-06-23", "2023-01-02 – 2023-01-08"}
    assert drawn.set_index("label").loc["2024-06-17 – 2024-06-23", "documents"] == 2
    assert "One bar per week of publication." in [c.value for c in at.caption]


def test_the_sidebar_filters_cut_the_page_and_it_says_so(monkeypatch, fixture_dir):
    at = open_entity(monkeypatch, fixture_dir, "kim_jong_un", lang="en", outlet="وكالة الأنباء")
    assert metrics(at)["Mentions"] == "1" and metrics(at)["Articles"] == "1"
    captions = [c.value for c in at.caption]
    assert any(c.startswith("The counts, chart and tables below are under the sidebar's filters") for c in captions)
    assert "In the whole corpus: 3 mentions in 3 documents." in captions  # the names' and corpus' facts are not cut
    assert shown_passage_ids(show(at, "passages")) == ["d2:p0"]
    link = next(h.proto.body for h in at.get("html") if "marsad-entity-all" in h.proto.body)
    assert "outlet=" in link and "actor=kim_jong_un" in link


def test_an_entity_the_filters_leave_out_says_so(monkeypatch, fixture_dir):
    at = open_entity(monkeypatch, fixture_dir, "vladimir_putin", lang="en", outlet="وكالة الأنباء")
    assert metrics(at)["Mentions"] == "0"
    assert any(i.value == "It is not mentioned in the passages these filters keep." for i in at.info)
    assert not at.get("vega_lite_chart")


def test_arabic_page_reads_in_arabic(monkeypatch, fixture_dir):
    at = open_entity(monkeypatch, fixture_dir, "kim_jong_un", lang="ar")
    assert at.title[0].value == "ملف الفاعل"
    assert 'dir="rtl"' in profile(at) and "<b>في المعجم:</b> نعم" in profile(at)
    assert metrics(at) == {"الإشارات": "3", "المقاطع": "3", "المقالات": "3", "تصريحاته": "0"}
    assert "في المدوّنة كلها: 3 إشارات في 3 مقالات." in [c.value for c in at.caption]
    co = table_after(at, "يُذكرون في المقاطع نفسها")
    assert sorted(names_of(co["الفاعل"])) == ["روسيا", "سيول"]


def test_without_an_id_the_page_offers_a_search(monkeypatch, fixture_dir):
    at = open_entity(monkeypatch, fixture_dir, None, lang="en")
    listing = next(h.proto.body for h in at.get("html") if "marsad-entity-pick" in h.proto.body)
    hrefs = re.findall(r'href="([^"]+)"', listing)
    assert hrefs[0] == entity_link("kim_jong_un", "en").replace("&", "&amp;")  # the most mentioned first
    at.text_input(key="entity_find").input("بوتين").run()
    listing = next(h.proto.body for h in at.get("html") if "marsad-entity-pick" in h.proto.body)
    assert re.findall(r'href="([^"]+)"', listing) == [entity_link("vladimir_putin", "en").replace("&", "&amp;")]


def test_an_unknown_id_says_so_and_offers_the_search(monkeypatch, fixture_dir):
    at = open_entity(monkeypatch, fixture_dir, "<b>nobody</b>", lang="en")
    assert at.warning[0].value == "No actor has the id \u2068<b>nobody</b>\u2069."
    assert at.text_input(key="entity_find")


def test_a_name_without_an_id_opens_the_search_for_it(monkeypatch, fixture_dir):
    at = open_entity(monkeypatch, fixture_dir, None, lang="en", find="كيم")
    assert at.text_input(key="entity_find").value == "كيم"
    listing = next(h.proto.body for h in at.get("html") if "marsad-entity-pick" in h.proto.body)
    assert "entity=kim_jong_un" in listing


# ---------------------------------------------------------------- untrusted names


def test_a_hostile_name_is_escaped(monkeypatch, fixture_dir):
    at = show(open_entity(monkeypatch, fixture_dir, "kremlin", lang="en"), "passages")
    html = profile(at)
    assert "Kremlin &lt;b&gt;Moscow&lt;/b&gt;" in html and "<b>Moscow" not in html
    blocks = passage_blocks(at)
    assert blocks and all("<script>" not in block for block in blocks)
    # Kim is named in the passage that carries the fixture's markup: it reads as text on his page.
    kim = "".join(passage_blocks(show(open_entity(monkeypatch, fixture_dir, "kim_jong_un", lang="en"), "passages")))
    assert esc(HOSTILE) in kim and "<script>" not in kim and "<img" not in kim


def test_names_with_bidi_overrides_lose_them(monkeypatch, tmp_path):
    data = _hostile_fixture(tmp_path / "tables")
    at = open_entity(monkeypatch, data, "kim_jong_un", lang="en")
    html = profile(at)
    assert RLO not in html and "كيم جونغ أون" in html and "Kim Jong Un" in html
    co = open_entity(monkeypatch, data, "russia", lang="en")
    assert all(RLO not in name for name in names_of(table_after(co, "Named in the same passages")["Actor"]))


def test_entity_name_links_hold_the_name_after_the_hash():
    links = entity_name_links(pd.Series(["kremlin", None, ""]), pd.Series([f"Kremlin {RLO}<b>", "بوتين", None]), "ar")
    assert links[0] == "entity?entity=kremlin&lang=ar#Kremlin%20%3Cb%3E"
    assert links[1] == "entity?find=%D8%A8%D9%88%D8%AA%D9%8A%D9%86&lang=ar#%D8%A8%D9%88%D8%AA%D9%8A%D9%86"
    assert links[2] is None
    assert names_of(links[:2]) == ["Kremlin <b>", "بوتين"]


# ---------------------------------------------------------------- links that lead to it


def test_entities_page_names_open_the_entity_page(monkeypatch, fixture_dir):
    at = make_app(monkeypatch, fixture_dir, "entities", lang="en")
    table = at.dataframe[0].value
    kim = table[table["English name"] == "Kim Jong Un"].iloc[0]
    assert kim["Actor"] == LOCAL_ROOT + "entity?entity=kim_jong_un&lang=en#Kim%20Jong%20Un"
    # The linked name replaces the plain one on screen; both are exported.
    assert "English name" not in at.dataframe[0].proto.column_order
    assert at.dataframe[0].proto.column_order[0] == "Actor"


def test_claims_page_links_each_known_speaker_to_its_page(monkeypatch, fixture_dir):
    at = make_app(monkeypatch, fixture_dir, "claims", lang="en")
    table = at.dataframe[0].value
    want = {s: LOCAL_ROOT + entity_link(e, "en") for s, e in
            zip(build_fixture_frames()["claims"]["speaker"], build_fixture_frames()["claims"]["speaker_entity_id"])}
    assert dict(zip(table["Speaker"], table["Profile"])) == want


def test_network_table_names_open_their_pages(monkeypatch, fixture_dir):
    at = make_app(monkeypatch, fixture_dir, "network", lang="en")
    pairs = at.dataframe[0].value
    assert pairs["Actor's page"].str.startswith(LOCAL_ROOT + "entity?entity=").all()


def test_chosen_actors_link_to_their_pages_from_the_sidebar(monkeypatch, fixture_dir):
    at = make_app(monkeypatch, fixture_dir, "passages", lang="en", actor=["kim_jong_un", "kremlin"])
    html = next(h.proto.body for h in at.get("html") if "marsad-actor-profiles" in h.proto.body)
    assert 'href="entity?entity=kim_jong_un&amp;lang=en"' in html
    assert "Kremlin &lt;b&gt;Moscow&lt;/b&gt;" in html and "<b>" not in html


def test_overview_top_actors_chart_opens_the_page_it_is_clicked_on(monkeypatch, fixture_dir):
    at = make_app(monkeypatch, fixture_dir, lang="en")
    spec = json.loads(at.get("vega_lite_chart")[0].proto.spec)
    assert '"name": "actor"' in json.dumps(spec)
    assert "Click a bar to open that actor's page." in [c.value for c in at.caption]
    at.multiselect(key="filter_topic").set_value(["politics"]).run()
    # What a click on the Kremlin's bar sends back (the chart's point selection "actor").
    at.session_state["overview_top_actors"] = {"selection": {"actor": [{"entity_id": "kremlin"}]}}
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == "Actor profile"  # the language survives the switch, and the filters
    assert "Kremlin &lt;b&gt;Moscow&lt;/b&gt;" in profile(at)
    assert at.query_params["entity"] in ("kremlin", ["kremlin"]) and at.query_params["topic"] in ("politics", ["politics"])


# ---------------------------------------------------------------- bins and queries


@pytest.mark.parametrize(
    ("start", "end", "unit"),
    [("2018-01-01", "2018-03-01", "day"), ("2018-01-01", "2019-01-01", "week"),
     ("2009-01-01", "2019-01-01", "month"), ("1950-01-01", "2019-01-01", "year")],
)
def test_bins_fit_the_span_shown(start, end, unit):
    assert charts.mention_bin_unit(start, end) == unit


def test_bins_add_up_days_into_weeks_from_monday_and_into_months():
    days = pd.DataFrame({"period": ["2018-03-04", "2018-03-05", "2018-03-11", "2018-03-12", "bad"],
                         "mentions": [1, 2, 3, 4, 9], "documents": [1, 1, 1, 1, 1]})
    weeks = charts.mention_bins(days, "week")
    assert weeks["label"].tolist() == ["2018-02-26 – 2018-03-04", "2018-03-05 – 2018-03-11", "2018-03-12 – 2018-03-18"]
    assert weeks["mentions"].tolist() == [1, 5, 4]
    months = charts.mention_bins(days, "month")
    assert months["label"].tolist() == ["2018-03"] and months["mentions"].tolist() == [10]
    assert months["documents"].tolist() == [4]


def test_entity_queries_follow_the_selection(fixture_dir, frames):
    con = query.connect(fixture_dir)
    sel = query.select_passages(con, Filters(topics=("military",)))
    ent = query.entity_passages(con, sel, "vladimir_putin")
    assert ent.column("passage_id").to_pylist() == ["d1:p2"]  # d1:p0 is politics only
    about, total = query.entity_claims_about(con, ent, "vladimir_putin")
    assert total == 1 and about["speaker_entity_id"].tolist() == ["kremlin"]
    by, total = query.entity_claims_by(con, sel, "vladimir_putin")
    assert total == 1 and by["title"].tolist() == ["بوتين يزور كوريا الشمالية"]
    co = query.entity_co_mentions(con, ent, "vladimir_putin")
    assert co["entity_id"].tolist() == ["kremlin"] and co["name_en"].tolist() == ["Kremlin <b>Moscow</b>"]
    page = query.entity_passage_page(con, query.entity_passages(con, None, "kim_jong_un"), 1, 1)
    assert page["passage_id"].tolist() == ["d1:p1"] and "كيم يونغ أون" in page["text"].iloc[0]
    # The facts of a document come whole, in file order, read by their place in the file.
    facts = query.facts_for_docs(con, ["d1"])
    assert facts["claims"]["claim_id"].tolist() == ["d1:c0", "d1:c1"]
    assert facts["mentions"]["text"].tolist() == [surface for doc, _, surface, _ in MENTIONS if doc == "d1"]
