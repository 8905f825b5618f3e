"""The network page through AppTest: the graph first, the controls (actors, minimum, types, centre),
the matrix, tables whose counts equal a direct count and whose links open the entity and passages
pages, both languages, and hostile names kept as text."""

from __future__ import annotations

import itertools
import json
import re
from collections import Counter
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.i18n import t
from dashboard.views import common
from tests.dashboard.conftest import build_fixture_frames
from tests.dashboard.oracle import read_tables
from tests.dashboard.test_app import html_tags, make_app, seed_dir, sentence  # noqa: F401 - seed_dir is a fixture

ROOT = "http://localhost:8501/"
LINK = t("col_link", "en")
PAGE = "network"


def open_page(monkeypatch, data_dir: Path, **params) -> AppTest:
    monkeypatch.delenv(common.BASE_URL_ENV, raising=False)
    return make_app(monkeypatch, data_dir, PAGE, **params)


def specs(at: AppTest) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]


def datasets(at: AppTest, index: int = 0) -> list[list[dict]]:
    """The rows of each dataset of chart ``index`` (Streamlit sends them beside the spec, as Arrow)."""
    chart = at.get("vega_lite_chart")[index]
    return [pa.ipc.open_stream(d.data.data).read_all().to_pylist() for d in chart.proto.datasets]


def circles(at: AppTest) -> list[dict]:
    return next(d for d in datasets(at) if d and "area" in d[0])


def marks(spec: dict) -> list[str]:
    return [layer["mark"]["type"] if isinstance(layer["mark"], dict) else layer["mark"] for layer in spec["layer"]]


def summary_caption(at: AppTest) -> str:
    return next(c.value for c in at.caption if re.search(r"\d", c.value) and ("together" in c.value or "معًا" in c.value))


def direct_pairs(mentions, ids=None) -> Counter:
    """{(a, b): passages naming both} counted by hand, a < b."""
    count: Counter = Counter()
    for _, group in mentions.groupby("passage_id"):
        named = sorted({e for e in group["entity_id"] if e and (ids is None or e in ids)})
        count.update(itertools.combinations(named, 2))
    return count


def test_the_page_opens_on_the_graph_of_every_actor_and_pair(monkeypatch, fixture_dir):
    at = open_page(monkeypatch, fixture_dir, lang="en")
    assert at.radio(key="network_view").value == "graph"
    (spec,) = specs(at)
    assert marks(spec) == ["rule", "circle", "text", "text"]
    mentions = build_fixture_frames()["mentions"]
    pairs = direct_pairs(mentions)
    actors = mentions["entity_id"].nunique()
    assert summary_caption(at) == f"{actors} actors, {len(pairs)} pairs named together in 1 passage or more."
    table = at.dataframe[0].value
    got = {tuple(sorted((a, b))): w for a, b, w in zip(table["Actor"], table["With"], table["Passages together"])}
    names = build_fixture_frames()["entities"].set_index("entity_id")["name_en"]
    assert got == {tuple(sorted((names[a], names[b]))): w for (a, b), w in pairs.items()}


def test_pair_rows_link_both_actors_pages_and_the_passages_naming_both(monkeypatch, fixture_dir):
    at = open_page(monkeypatch, fixture_dir, lang="en", topic="politics")
    table = at.dataframe[0].value
    row = table[table["Actor"] == "Kim Jong Un"].iloc[0] if (table["Actor"] == "Kim Jong Un").any() else None
    row = row if row is not None else table[table["With"] == "Kim Jong Un"].iloc[0]
    pages = {row["Actor's page"], row["With's page"]}
    assert f"{ROOT}entity?entity=kim_jong_un&lang=en" in pages
    link = urlsplit(row[LINK])
    assert link.scheme == "http" and link.path == "/passages"
    q = parse_qs(link.query)
    # Passages naming both, under the page's own filters (here the topic).
    assert q["actor_mode"] == ["all"] and q["topic"] == ["politics"] and q["lang"] == ["en"]
    assert "kim_jong_un" in q["actor"] and len(q["actor"]) == 2
    actors = at.dataframe[1].value
    assert set(actors.columns) == {"Actor", "Type", "Mentions", "Actors linked", "Actor's page"}
    kim = actors[actors["Actor"] == "Kim Jong Un"].iloc[0]
    assert kim["Actor's page"] == f"{ROOT}entity?entity=kim_jong_un&lang=en" and kim["Type"] == "person"


def test_a_pair_link_opens_exactly_the_passages_the_line_counts(monkeypatch, seed_dir):  # noqa: F811
    at = open_page(monkeypatch, seed_dir, lang="en")
    row = at.dataframe[0].value.iloc[0]  # the strongest pair
    at2 = make_app(monkeypatch, seed_dir, "passages", **parse_qs(urlsplit(row[LINK]).query))
    assert sentence(at2).startswith(f"Showing {row['Passages together']} passages ")


def test_weights_equal_a_direct_count_on_the_seed_article(monkeypatch, seed_dir):  # noqa: F811
    at = open_page(monkeypatch, seed_dir, lang="en")
    at.selectbox(key="network_min").set_value(1).run()
    tables = read_tables(seed_dir)
    counts = tables.mentions["entity_id"].value_counts()
    actors = at.dataframe[1].value
    assert len(actors) == min(30, len(counts))
    assert dict(zip(actors["Actor's page"].str.extract(r"entity=([^&]+)")[0].str.replace("%3A", ":"),
                    actors["Mentions"])) == {e: counts[e] for e in actors["Actor's page"].str.extract(
                        r"entity=([^&]+)")[0].str.replace("%3A", ":")}
    ids = set(actors["Actor's page"].str.extract(r"entity=([^&]+)")[0].str.replace("%3A", ":"))
    want = direct_pairs(tables.mentions, ids)
    pairs = at.dataframe[0].value
    assert sorted(pairs["Passages together"], reverse=True) == sorted(want.values(), reverse=True)
    assert max(want.values()) > 1  # the seed has pairs named together more than once


def test_minimum_types_and_centre_cut_the_graph(monkeypatch, fixture_dir):
    at = open_page(monkeypatch, fixture_dir, lang="en")
    at.selectbox(key="network_min").set_value(2).run()
    assert "0 pairs named together in 2 passages or more." in summary_caption(at)
    assert any("lower the minimum" in i.value for i in at.info)
    assert marks(specs(at)[0]) == ["circle", "text", "text"]  # actors still drawn, no line

    at.selectbox(key="network_min").set_value(1).run()
    at.multiselect(key="network_types").set_value(["GPE"]).run()
    assert {r["type"] for r in circles(at)} == {"GPE"} and len(circles(at)) == 3
    assert summary_caption(at).startswith("3 actors, 0 pairs")

    at.multiselect(key="network_types").set_value([]).run()
    at.selectbox(key="network_centre").set_value("kim_jong_un").run()
    assert {r["entity_id"] for r in circles(at)} == {"kim_jong_un", "russia", "seoul"}  # Kim and those beside him
    kim = next(r for r in circles(at) if r["entity_id"] == "kim_jong_un")
    assert (kim["x"], kim["y"]) == (0.0, 0.0)
    assert summary_caption(at).startswith("3 actors, 2 pairs")


def test_sidebar_filters_apply_to_the_graph(monkeypatch, fixture_dir):
    at = open_page(monkeypatch, fixture_dir, lang="en", actor="vladimir_putin")
    assert {r["entity_id"] for r in circles(at)} == {"vladimir_putin", "north_korea", "kremlin"}
    # The centre list offers the actors of the filtered view, the chosen actor first.
    assert at.selectbox(key="network_centre").options[:2] == [t("network_centre_none", "en"), "Vladimir Putin · فلاديمير بوتين (2)"]


def test_matrix_view_reads_right_to_left_in_arabic(monkeypatch, fixture_dir):
    at = open_page(monkeypatch, fixture_dir, lang="ar")
    at.radio(key="network_view").set_value("matrix").run()
    (spec,) = specs(at)
    heat = spec["layer"][0]
    assert heat["mark"]["type"] == "rect"
    assert heat["encoding"]["x"]["scale"]["reverse"] is True and heat["encoding"]["y"]["axis"]["orient"] == "right"


def test_the_arabic_page_names_actors_in_arabic_and_reads_right_to_left(monkeypatch, fixture_dir):
    at = open_page(monkeypatch, fixture_dir, lang="ar")
    labels = {r["entity_id"]: r["label"] for r in circles(at)}
    assert labels["kim_jong_un"] == "\u2067كيم جونغ أون\u2069"
    assert summary_caption(at) == "6 فاعلين، و4 أزواج ذُكر طرفاه معًا في مقطع واحد على الأقل."
    table = at.dataframe[0]
    # Arabic grids list their columns right to left: the actor is the first column a reader meets.
    assert list(table.proto.column_order)[-1] == t("col_source_actor", "ar")
    assert at.radio(key="network_view").options == [t("network_view_graph", "ar"), t("network_view_matrix", "ar")]


def test_hostile_names_stay_text_on_the_network_page(monkeypatch, fixture_dir):
    at = open_page(monkeypatch, fixture_dir, lang="en")
    table = at.dataframe[1].value
    assert "Kremlin <b>Moscow</b>" in set(table["Actor"])  # a grid cell is text, never markup
    body = "".join(h.proto.body for h in at.get("html"))
    tags, attrs = html_tags(body)
    assert "b" not in tags and not [a for a in attrs if a.startswith("on")]
    assert next(r for r in circles(at) if r["entity_id"] == "kremlin")["name_en"] == "Kremlin <b>Moscow</b>"


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_every_network_string_exists_in_both_languages(lang):
    from dashboard.i18n import strings

    keys = {k for k in strings()["en"] if k.startswith("network_")}
    assert keys <= set(strings()[lang]) and len(keys) > 15


def test_a_centre_link_opens_the_ego_network_and_the_choice_reaches_the_url(monkeypatch, fixture_dir):
    from dashboard.filters import network_link

    link = urlsplit(network_link("kim_jong_un", "en"))
    assert link.path == "network"
    at = open_page(monkeypatch, fixture_dir, **{k: v[0] for k, v in parse_qs(link.query).items()})
    assert at.selectbox(key="network_centre").value == "kim_jong_un"
    assert {r["entity_id"] for r in circles(at)} == {"kim_jong_un", "russia", "seoul"}
    at.selectbox(key="network_top").set_value(5).run()  # a rerun keeps the centre
    assert at.selectbox(key="network_centre").value == "kim_jong_un"
    at.selectbox(key="network_centre").set_value("").run()
    assert "centre" not in at.query_params and len(circles(at)) == 5  # the 5 most mentioned
    at.selectbox(key="network_centre").set_value("seoul").run()
    assert at.query_params["centre"] == "seoul"
    at.switch_page("views/overview.py").run()
    assert "centre" not in at.query_params  # it belongs to the network page only
    # An unknown id (an old link) opens the most mentioned actors.
    at = open_page(monkeypatch, fixture_dir, lang="en", centre="person:nobody")
    assert at.selectbox(key="network_centre").value == "" and len(circles(at)) == 6


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_clicked_actor_gets_links_to_its_page_and_its_network_with_its_name_escaped(lang):
    name = '<img src=x onerror="window.__pwned=1">\u202eKim'
    block = common.actor_links_html("person:kim", name, lang)
    tags, attrs = html_tags(block)
    assert tags == {"p", "strong", "a"} and not [a for a in attrs if a.startswith("on")]
    assert "&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;Kim" in block and "\u202e" not in block
    hrefs = re.findall(r'href="([^"]+)"', block)
    assert hrefs == [f"entity?entity=person%3Akim&amp;lang={lang}", f"network?centre=person%3Akim&amp;lang={lang}"]
    assert t("open_entity", lang) in block and t("network_centre_on", lang) in block
    assert f'dir="{"rtl" if lang == "ar" else "ltr"}"' in block
