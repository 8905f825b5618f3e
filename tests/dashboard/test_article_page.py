"""The article reader (views/article.py, dashboard/reader.py): the whole article in order, every fact
highlighted on exactly its characters, the passage asked for marked, actors linked to their pages,
the facts exported; hostile titles, texts and URLs stay text. Links from other pages open it."""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from dashboard import reader
from dashboard.filters import article_link, article_links, entity_link
from dashboard.highlight import KINDS
from data_pipeline.schemas import TABLES
from tests.dashboard.conftest import HOSTILE, write_fixture
from tests.dashboard.test_app import html_tags, make_app, passage_blocks, seed_dir, sentence  # noqa: F401 - a fixture

FACT_TABLES = {"entity": "mentions", "quantity": "quantities", "date": "timeline", "claim": "claims"}


class Coverage(HTMLParser):
    """The text of a highlighted container and, for each character, the highlight kinds around it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[str | None] = []
        self.text: list[str] = []
        self.kinds: list[frozenset[str]] = []

    def handle_starttag(self, tag, attrs):
        cls = dict(attrs).get("class") or ""
        m = re.fullmatch(r"marsad-(\w+)", cls)
        self.stack.append(m.group(1) if m and m.group(1) in KINDS else None)

    def handle_endtag(self, tag):
        self.stack.pop()

    def handle_data(self, data):
        open_kinds = frozenset(k for k in self.stack if k)
        self.text.append(data)
        self.kinds.extend([open_kinds] * len(data))


def covered(block: str) -> tuple[str, list[frozenset[str]]]:
    inner = re.search(r'<div dir="rtl" lang="ar"[^>]*>(.*)</div></div>$', block, flags=re.DOTALL).group(1)
    parser = Coverage()
    parser.feed(inner)
    parser.close()
    return "".join(parser.text), parser.kinds


def doc_texts(folder: Path) -> dict[str, str]:
    docs = pq.read_table(folder / "documents.parquet", columns=["doc_id", "text"]).to_pandas()
    return dict(zip(docs["doc_id"], docs["text"]))


def tables(folder: Path) -> dict[str, pd.DataFrame]:
    return {name: pq.read_table(folder / f"{name}.parquet").to_pandas() for name in TABLES if name != "documents"}


def html_bodies(at) -> str:
    return "".join(h.proto.body for h in at.get("html"))


# ---------------------------------------------------------------- the whole article, every fact


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_reader_shows_every_passage_in_order_each_fact_on_its_own_characters(monkeypatch, seed_dir, lang):  # noqa: F811
    t = tables(seed_dir)
    doc_id = t["passages"]["doc_id"].iloc[0]
    text = doc_texts(seed_dir)[doc_id]
    at = make_app(monkeypatch, seed_dir, page="article", lang=lang, doc=doc_id)
    passages = t["passages"][t["passages"]["doc_id"] == doc_id].sort_values("start")
    blocks = passage_blocks(at)
    assert len(blocks) == len(passages) > 5
    checked = {kind: 0 for kind in KINDS}
    for block, p in zip(blocks, passages.itertuples()):
        shown, kinds = covered(block)
        assert shown == p.text == text[p.start : p.end]  # in order, nothing lost or added
        for kind, name in FACT_TABLES.items():
            facts = t[name][(t[name]["doc_id"] == doc_id) & (t[name]["start"] >= p.start) & (t[name]["end"] <= p.end)]
            for f in facts.itertuples():
                a, b = f.start - p.start, f.end - p.start
                assert shown[a:b] == text[f.start : f.end] == f.text  # the highlight is the fact's own slice
                assert all(kind in k for k in kinds[a:b]), (kind, f.text)
                checked[kind] += 1
    assert all(checked.values()), checked  # the seed has facts of every kind
    # Every highlighted character belongs to some fact of that kind (nothing highlighted by mistake).
    for block, p in zip(blocks, passages.itertuples()):
        _, kinds = covered(block)
        for kind, name in FACT_TABLES.items():
            f = t[name][t[name]["doc_id"] == doc_id]
            inside = set()
            for a, b in zip(f["start"], f["end"]):
                inside.update(range(max(a, p.start) - p.start, min(b, p.end) - p.start))
            assert {i for i, k in enumerate(kinds) if kind in k} == inside, kind


def test_the_reader_heads_the_article_with_its_title_outlet_date_source_and_counts(monkeypatch, fixture_dir):
    at = make_app(monkeypatch, fixture_dir, page="article", lang="en", doc="d1")
    head = next(h.proto.body for h in at.get("html") if "marsad-article-head" in h.proto.body)
    assert ">بوتين يزور كوريا الشمالية</h2>" in head
    assert 'Outlet: <bdi class="marsad-article-outlet">الإيطالية نيوز</bdi>' in head
    assert '<bdi class="marsad-article-date" dir="ltr">2024-06-18</bdi>' in head
    assert 'href="https://example.org/d1" target="_blank" rel="noopener noreferrer nofollow"' in head
    metrics = {m.label: m.value for m in at.metric}
    assert metrics == {"Paragraphs": "3", "Actors": "5", "Mentions": "6", "Claims": "2", "Quantities": "1",
                       "Dates": "2"}
    # The title alone, isolated: with its date inside, an Arabic title reversed "(2024-06-18)" in English.
    assert sentence(at).endswith("in the article \u2068بوتين يزور كوريا الشمالية\u2069.")


def test_the_passage_asked_for_is_marked_and_scrolled_to_by_our_constant_script(monkeypatch, fixture_dir):
    at = make_app(monkeypatch, fixture_dir, page="article", lang="en", doc="d1", passage="d1:p1")
    blocks = passage_blocks(at)
    marked = [b for b in blocks if 'data-marked="true"' in b]
    assert len(marked) == 1 and "كيم يونغ أون" in marked[0]
    assert 'id="marsad-p2"' in marked[0] and "the passage you opened" in marked[0]
    scripts = [h.proto.body for h in at.get("html") if "<script" in h.proto.body]
    assert scripts == [reader.SCROLL_SCRIPT]  # the only script: ours, with no article data in it
    assert at.query_params["passage"] in ("d1:p1", ["d1:p1"])  # the reader keeps its passage
    # Without a passage (or with one of another article), nothing is marked and no script is sent.
    for params in ({}, {"passage": "d2:p0"}):
        other = make_app(monkeypatch, fixture_dir, page="article", lang="en", doc="d1", **params)
        assert not any('data-marked="true"' in b for b in passage_blocks(other))
        assert not any("<script" in h.proto.body for h in other.get("html"))


def test_the_actors_link_to_their_entity_pages_most_mentioned_first(monkeypatch, fixture_dir):
    at = make_app(monkeypatch, fixture_dir, page="article", lang="ar", doc="d1")
    body = next(h.proto.body for h in at.get("html") if "marsad-actors" in h.proto.body)
    links = [unescape(h) for h in re.findall(r'class="marsad-actor" href="([^"]+)"', body)]
    assert links[0] == entity_link("vladimir_putin", "ar")  # named twice in d1
    assert set(links) == {entity_link(e, "ar") for e in ("vladimir_putin", "north_korea", "kim_jong_un", "russia",
                                                           "kremlin")}
    assert "<bdi>فلاديمير بوتين</bdi>" in body and "(2)" in body


def test_the_facts_table_lists_every_fact_by_position_with_its_text_and_a_link(monkeypatch, fixture_dir):
    at = make_app(monkeypatch, fixture_dir, page="article", lang="en", doc="d1")
    table = at.dataframe[0].value
    frames = tables(fixture_dir)
    n = sum(int((frames[name]["doc_id"] == "d1").sum()) for name in FACT_TABLES.values())
    assert len(table) == n == 11
    assert table["Start"].is_monotonic_increasing
    text = doc_texts(fixture_dir)["d1"]
    assert [text[a:b] for a, b in zip(table["Start"], table["End"])] == table["As written"].tolist()
    claim = table[table["Fact"] == "claim"].iloc[-1]
    assert claim["Read as"] == "الكرملين: نفى «إرسال 11 ألف حاوية ذخيرة» (Denial)"
    assert claim["Paragraph"] == 3
    assert claim["Passage"] == "http://localhost:8501/" + article_link("d1", "en", "d1:p2")


def test_without_an_article_the_reader_offers_recent_articles_and_a_title_search(monkeypatch, fixture_dir):
    at = make_app(monkeypatch, fixture_dir, page="article", lang="en")
    assert at.info[0].value.startswith("No article chosen.")
    box = at.selectbox(key="article_choice")
    assert box.options and box.value is None
    assert [o.split("\u2069")[0].lstrip("\u2068") for o in box.options][:2] == ["سيول تراقب القمة",
                                                                               "بوتين يزور كوريا الشمالية"]
    listed = next(h.proto.body for h in at.get("html") if "marsad-article-list" in h.proto.body)
    assert re.findall(r'href="([^"]+)"', listed)[:2] == [article_link("d2", "en").replace("&", "&amp;"),
                                                         article_link("d1", "en").replace("&", "&amp;")]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in listed and "<script>" not in listed  # d3's hostile title
    at.text_input(key="article_search").input("القمه").run()  # ة written as ه
    assert len(at.selectbox(key="article_choice").options) == 1
    at.selectbox(key="article_choice").set_value("d2").run()
    assert not at.exception
    assert at.multiselect(key="filter_doc").value == ["d2"]
    assert at.query_params["doc"] in ("d2", ["d2"])
    assert len(passage_blocks(at)) == 2


# ---------------------------------------------------------------- hostile articles


def hostile_folder(tmp_path: Path) -> Path:
    """The fixture, with d3's title and URL hostile too (script, bidi override, javascript: URL)."""
    folder = write_fixture(tmp_path / "hostile")
    docs = pq.read_table(folder / "documents.parquet").to_pandas()
    docs.loc[docs["doc_id"] == "d3", "url"] = "javascript:alert(document.cookie)"
    docs.loc[docs["doc_id"] == "d3", "source"] = "\u202eسبنألا ةلاكو"
    import pyarrow as pa

    pq.write_table(pa.Table.from_pandas(docs, schema=TABLES["documents"].arrow(), preserve_index=False),
                   folder / "documents.parquet")
    return folder


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_hostile_article_reads_as_text_in_the_reader(monkeypatch, tmp_path, lang):
    folder = hostile_folder(tmp_path)
    at = make_app(monkeypatch, folder, page="article", lang=lang, doc="d3", passage="d3:p0")
    body = html_bodies(at)
    # Only our own tags: the article's script, img, iframe and event handlers stay text.
    tags, attrs = html_tags(body.replace(reader.SCROLL_SCRIPT, ""))
    assert not tags & {"script", "img", "iframe", "svg", "link"}
    assert not {a for a in attrs if a.startswith("on")}
    scripts = re.findall(r"<script.*?</script>", body, flags=re.DOTALL)
    assert scripts == [reader.SCROLL_SCRIPT]
    head = next(h.proto.body for h in at.get("html") if "marsad-article-head" in h.proto.body)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;" in head
    assert "javascript:" not in re.findall(r'href="([^"]*)"', head).__str__()  # the URL is no link
    assert "javascript:alert(document.cookie)" in unescape(head)  # but it is shown, as text
    assert "\u202e" not in head  # the outlet's override is gone
    block = passage_blocks(at)[0]
    assert HOSTILE not in block and "&lt;script&gt;alert(1)&lt;/script&gt;" in block
    assert covered(block)[0] == tables(folder)["passages"].set_index("passage_id").loc["d3:p0", "text"]


@pytest.mark.parametrize(
    "url, href",
    [
        ("https://example.org/a?b=1&c=2", "https://example.org/a?b=1&c=2"),
        ("HTTP://example.org/", "HTTP://example.org/"),
        ("javascript:alert(1)", None),
        ("data:text/html,<script>alert(1)</script>", None),
        ("//example.org/x", None),
        ("https://", None),
        ("https://exa mple.org/", None),
        ("https://example.org/\u202etxt.exe", None),
        (" https://example.org/", None),
        (None, None),
        (float("nan"), None),
    ],
)
def test_only_plain_web_addresses_become_links(url, href):
    assert reader.source_href(url) == href
    html = reader.header_html({"doc_id": "x", "title": "t", "url": url}, "en")
    hrefs = [unescape(h) for h in re.findall(r'href="([^"]*)"', html)]
    assert hrefs == ([href] if href else [])


# ---------------------------------------------------------------- links to the reader


def test_every_open_article_link_goes_to_the_reader_at_its_passage(monkeypatch, fixture_dir):
    at = make_app(monkeypatch, fixture_dir, page="passages", lang="en")
    for block in passage_blocks(at):
        pid = re.search(r"passages\?passage=([^&\"]+)", block).group(1).replace("%3A", ":")
        doc = pid.split(":")[0]
        assert f'href="{article_link(doc, "en", pid).replace("&", "&amp;")}"' in block
    root = "http://localhost:8501/"
    for page in ("claims", "quantities", "timeline"):
        at = make_app(monkeypatch, fixture_dir, page=page, lang="en")
        table = at.dataframe[0].value
        want = article_links(table["Passage id"].str.split(":").str[0], table["Passage id"], "en")
        assert table["Article"].tolist() == (root + want).tolist(), page


def test_article_links_escape_ids_and_carry_the_passage():
    links = article_links(pd.Series(["d 1", "x&y", ""]), pd.Series(["d 1:p0", None, None]), "ar")
    assert links.tolist() == ["article?doc=d%201&passage=d%201%3Ap0&lang=ar", "article?doc=x%26y&lang=ar", ""]


def test_names_speakers_and_outlets_lose_their_bidi_controls_in_the_reader():
    rlo = "\u202e"
    mentions = pd.DataFrame([{"doc_id": "d", "entity_id": "x", "type": "PERSON", "text": "كيم", "start": 0, "end": 3,
                              "name_ar": f"كيم{rlo} جونغ", "name_en": f"Kim{rlo} Jong", "passage_id": "d:p0"}])
    claims = pd.DataFrame([{"doc_id": "d", "speaker": f"{rlo}كيم", "cue": f"قال{rlo}", "content": f"{rlo}نص",
                            "hedged": False, "stance": "assert", "text": "كيم قال", "start": 0, "end": 7,
                            "passage_id": "d:p0"}])
    empty = pd.DataFrame(columns=["doc_id", "start", "end", "passage_id"])
    facts = {"mentions": mentions, "claims": claims, "quantities": empty, "timeline": empty}
    passages = pd.DataFrame([{"doc_id": "d", "passage_id": "d:p0", "start": 0, "end": 7, "text": "كيم قال"}])
    for lang in ("ar", "en"):
        html = reader.actors_html(reader.article_actors(mentions), lang) + reader.passages_html(passages, facts, lang)
        html += reader.header_html({"doc_id": "d", "title": f"{rlo}عنوان", "source": f"{rlo}وكالة"}, lang)
        assert rlo not in html
        table = reader.fact_table("d", passages, facts, lang)
        assert not table.astype(str).apply(lambda c: c.str.contains(rlo)).any().any()


def test_with_several_articles_in_the_filter_the_reader_reads_one_at_a_time(monkeypatch, fixture_dir):
    at = make_app(monkeypatch, fixture_dir, page="article", lang="en", doc=["d2", "d1"])
    pick = at.selectbox(key="article_pick")
    assert pick.value == "d1" and len(pick.options) == 2
    assert len(passage_blocks(at)) == 3
    pick.set_value("d2").run()
    assert len(passage_blocks(at)) == 2 and "سيول" in passage_blocks(at)[0]


# ---------------------------------------------------------------- why each fact was extracted


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_facts_table_says_why_each_fact_was_extracted_in_the_interface_language(monkeypatch, fixture_dir, lang):
    from data_pipeline.resources import load_tsv

    sentence_of = {r["rule"]: r[lang] for r in load_tsv("rules.tsv")}
    at = make_app(monkeypatch, fixture_dir, page="article", lang=lang, doc="d1")
    table = at.dataframe[0].value
    why = "Why extracted" if lang == "en" else "سبب الاستخراج"
    fact = "Fact" if lang == "en" else table.columns[0]
    claims = table[table[fact] == reader.t("fact_claim", lang)]
    assert len(claims) and set(claims[why]) == {sentence_of["claims.verb_then_clause"]}
    quantities = table[table[fact] == reader.t("fact_quantity", lang)]
    assert len(quantities) and set(quantities[why]) == {sentence_of["quantities.number_then_unit"]}
    # The highlight's hover title says it too, on a line of its own.
    assert f"{why}: {sentence_of['claims.verb_then_clause']}" in unescape(html_bodies(at))


def test_tables_built_before_rules_were_named_open_with_an_empty_reason(monkeypatch, tmp_path):
    folder = write_fixture(tmp_path / "old")
    for name in ("mentions", "quantities", "timeline", "claims"):
        path = folder / f"{name}.parquet"
        pq.write_table(pq.read_table(path).drop_columns(["rule"]), path)
    at = make_app(monkeypatch, folder, page="article", lang="en", doc="d1")
    assert not at.exception and not at.error
    table = at.dataframe[0].value
    assert len(table) == 11 and set(table["Why extracted"]) == {""}
    claims = make_app(monkeypatch, folder, page="claims", lang="en")
    assert not claims.exception and not claims.error and set(claims.dataframe[0].value["Why extracted"]) == {""}


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_every_fact_of_the_seed_says_which_rule_found_it(monkeypatch, seed_dir, lang):  # noqa: F811
    from data_pipeline.resources import load_tsv

    sentences = {r[lang] for r in load_tsv("rules.tsv")}
    doc_id = tables(seed_dir)["passages"]["doc_id"].iloc[0]
    at = make_app(monkeypatch, seed_dir, page="article", lang=lang, doc=doc_id)
    table = at.dataframe[0].value
    why = table["Why extracted" if lang == "en" else "سبب الاستخراج"]
    assert len(table) > 50 and why.isin(sentences).all(), table[~why.isin(sentences)].head()
    assert why.nunique() >= 8  # entities, quantities, dates and claims by rules of their own
