"""The demo's real-news sample (seeds/) and what `marsad serve` builds the demo from."""

import gzip
import json
import re

import pytest

from data_pipeline import cli
from scripts import make_demo_sample as mds

from .conftest import CORPUS, REPO

SAMPLE = REPO / "seeds" / "ant-news-2018-sample.jsonl.gz"
ANT_FIELDS = ["id", "source", "category", "url", "title", "published", "author", "text"]
# The ANT corpus's DOCNO: outlet acronym - category - running number - publication day.
ANT_ID = re.compile(r"(AL|BB|FR|SK)-(culture|economy|internationalNews|middleEast|technology)-\d+-\d{8}")


def _sample() -> list[dict]:
    with gzip.open(SAMPLE, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def test_demo_sample_holds_one_thousand_ant_articles_with_the_corpus_fields_only():
    rows = _sample()
    assert len(rows) == 1000
    assert {tuple(r) for r in rows} == {tuple(ANT_FIELDS)}
    assert [r["id"] for r in rows if not ANT_ID.fullmatch(r["id"])] == []
    assert len({r["id"] for r in rows}) == 1000
    assert {r["source"] for r in rows} == {"alarabia", "BBC", "france24", "skynews"}


def test_demo_sample_leaves_out_every_hand_annotated_article():
    gold, heldout = mds.eval_ids([REPO / "eval" / "gold"]), mds.eval_ids([REPO / "eval" / "heldout"])
    assert (len(gold), len(heldout)) == (39, 20)
    assert {r["id"] for r in _sample()} & (gold | heldout) == set()


@pytest.mark.corpus
def test_demo_sample_is_the_scripts_deterministic_draw_of_unchanged_corpus_articles(tmp_path):
    if not CORPUS.exists():
        pytest.skip("news corpus not available")
    corpus = {a["id"]: a for a in mds.read_corpus(CORPUS)}
    rows = _sample()
    assert [r for r in rows if corpus.get(r["id"]) != r] == []
    out = tmp_path / "again.jsonl.gz"
    assert mds.main(["--corpus", str(CORPUS), "--out", str(out)]) == 0
    assert out.read_bytes() == SAMPLE.read_bytes()


def _article(i, source="BBC", category="culture", day="Mon, 05 Mar 2018 10:00:00 GMT", title=None, text=None):
    return {"id": f"{source}-{category}-{i}", "source": source, "category": category, "url": "", "author": "",
            "title": title or f"عنوان {i}", "published": day, "text": text or f"نص المقال رقم {i} " * 5}


def test_select_skips_same_titles_same_openings_eval_ids_and_months_outside_the_crawl():
    articles = [
        _article(1, title="عنوان 2"),  # 2's headline
        _article(2),
        _article(3, title="«عنوان 2»!"),  # 2's headline with other punctuation
        _article(4),  # an eval id
        _article(5, day="Tue, 01 Oct 2013 10:00:00 GMT"),  # before the crawl window
        _article(6),
        _article(7, text=_article(6)["text"]),  # 6's opening
    ]
    chosen = mds.select(articles, 10, excluded={"BBC-culture-4"})
    # Taken in SHA-256 order of the ids (2, 6, 1, 7, 3): 1 and 3 repeat 2's headline, 7 repeats 6's text.
    assert [a["id"] for a in chosen] == ["BBC-culture-2", "BBC-culture-6"]


def test_select_shares_the_size_by_square_root_of_each_outlet_category_cell():
    big = [_article(i, source="skynews", category="economy") for i in range(400)]
    small = [_article(1000 + i, source="france24", category="economy") for i in range(100)]
    chosen = mds.select(big + small, 30, excluded=set())
    counts = {s: sum(a["source"] == s for a in chosen) for s in ("skynews", "france24")}
    assert counts == {"skynews": 20, "france24": 10}  # sqrt 400 : sqrt 100 = 2 : 1
    assert chosen == mds.select(list(reversed(big + small)), 30, excluded=set())  # not the input order


def test_serve_without_data_builds_the_seed_article_and_the_ant_sample(monkeypatch, tmp_path):
    import data_pipeline.build as build_module

    calls = []

    class Summary:
        def report(self):
            return "built"

    def fake_build(inputs, out, **options):
        calls.append(([str(p) for p in inputs], out))
        return Summary()

    monkeypatch.setattr(build_module, "build", fake_build)
    cli.build_demo_tables(tmp_path / "demo")
    assert calls == [([str(REPO / "seeds")], tmp_path / "demo")]
    assert sorted(p.name for p in (REPO / "seeds").iterdir()) == ["000_af8d0ac7418768f7.txt", SAMPLE.name]
