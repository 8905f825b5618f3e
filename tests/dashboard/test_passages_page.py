"""The passages page on a dataset of many articles: newest first by default, oldest first, by
relevance to the filter (chosen actors named, the text's bm25); pages that say where they are,
first/previous/next/last buttons; the order and the page in the URL, so a shared link reopens them."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from streamlit.testing.v1 import AppTest

from data_pipeline.schemas import TABLES
from tests.dashboard.oracle import sort_passages
from tests.dashboard.test_app import APP, TIMEOUT, make_app, shown_passage_ids

DOCS = 9
PER_DOC = 5  # 45 passages: three pages of 20
KIM, SEOUL = "kim_jong_un", "seoul"


def published(i: int) -> str | None:
    # Dates out of file order, one article undated and one with a time of day.
    dates = ["2024-03-05", "2023-12-31", None, "2024-06-19", "2024-06-19T08:30:00", "2022-01-01", "2024-01-15",
             "2021-07-04", "2024-06-18"]
    return dates[i]


def write_many(folder: Path) -> Path:
    """DOCS articles of PER_DOC passages; Kim is named in some passages, Seoul in fewer, كوريا written
    once or twice in short or long passages."""
    folder.mkdir(parents=True, exist_ok=True)
    docs, passages, mentions = [], [], []
    for i in range(DOCS):
        doc_id = f"doc{i}"
        text = f"عنوان المقال {i}\n\n"
        for j in range(PER_DOC):
            body = f"المقطع {j} من المقال {i}"
            if (i + j) % 3 == 0:
                body += " ذكر كيم"
            if (i, j) == (5, 1):
                body += " كوريا وكوريا"  # twice, short: the best match
            elif (i, j) == (2, 3):
                body += " كوريا " + "كلام طويل " * 30  # once, long
            elif (i, j) == (7, 4):
                body += " كوريا"  # once, short
            if (i + j) % 6 == 0:
                body += " في سيول"
            start = len(text)
            text += body + "\n\n"
            pid = f"{doc_id}:p{j}"
            passages.append({"doc_id": doc_id, "passage_id": pid, "start": start, "end": start + len(body),
                             "text": body, "topics": ["politics"]})
            for surface, eid, etype in (("كيم", KIM, "PERSON"), ("سيول", SEOUL, "GPE")):
                at = body.find(surface)
                if at >= 0:
                    mentions.append({"doc_id": doc_id, "entity_id": eid, "type": etype, "text": surface,
                                     "start": start + at, "end": start + at + len(surface), "name_ar": surface,
                                     "name_en": "Kim Jong Un" if eid == KIM else "Seoul", "method": "gazetteer",
                                     "passage_id": pid})
        docs.append({"doc_id": doc_id, "title": f"المقال {i}", "source": "وكالة", "published": published(i),
                     "url": f"https://example.org/{i}", "text": text, "content_hash": str(i),
                     "input_path": f"x/{i}.txt"})
    m = pd.DataFrame(mentions)
    entities = [{"entity_id": e, "type": ty, "name_ar": n, "name_en": en, "aliases": [n], "known": True,
                 "mentions": int((m["entity_id"] == e).sum()), "documents": int(m.loc[m["entity_id"] == e, "doc_id"]
                                                                                .nunique())}
                for e, ty, n, en in ((KIM, "PERSON", "كيم", "Kim Jong Un"), (SEOUL, "GPE", "سيول", "Seoul"))]
    frames = {"documents": pd.DataFrame(docs), "passages": pd.DataFrame(passages), "mentions": m,
              "entities": pd.DataFrame(entities)}
    for name in TABLES:
        df = frames.get(name, pd.DataFrame())
        for col in TABLES[name].columns:
            if col.name not in df:
                df[col.name] = pd.Series([col.default] * len(df), dtype=object)
        pq.write_table(pa.Table.from_pandas(df[TABLES[name].names], schema=TABLES[name].arrow(), preserve_index=False),
                       folder / f"{name}.parquet")
    return folder


@pytest.fixture
def many(tmp_path) -> Path:
    return write_many(tmp_path / "many")


def frames(folder: Path) -> dict[str, pd.DataFrame]:
    return {n: pq.read_table(folder / f"{n}.parquet").to_pandas() for n in ("documents", "passages", "mentions")}


def order(folder: Path, sort: str, **kwargs) -> list[str]:
    f = frames(folder)
    return sort_passages(f["passages"], f["documents"], sort, mentions=f["mentions"], **kwargs)["passage_id"].tolist()


def dates_of(folder: Path, ids: list[str]) -> list[str | None]:
    docs = frames(folder)["documents"].set_index("doc_id")["published"]
    return [docs[i.split(":")[0]] for i in ids]


def open_passages(monkeypatch, folder: Path, params: dict) -> AppTest:
    """The passages page opened on a URL with these query parameters (``page`` among them, which
    ``make_app`` takes for the page to switch to)."""
    monkeypatch.setenv("MARSAD_DATA", str(folder))
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    for key, value in params.items():
        at.query_params[key] = value
    at.switch_page("views/passages.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def caption(at) -> str:
    return next(c.value for c in at.caption if "Page" in c.value or "الصفحة" in c.value)


def test_passages_open_newest_first_and_the_pages_say_where_they_are(monkeypatch, many):
    at = make_app(monkeypatch, many, page="passages", lang="en")
    assert at.radio(key="passages_sort").value == "newest"
    assert at.radio(key="passages_sort").options == ["Newest first", "Oldest first"]  # nothing to rank by
    newest = order(many, "newest")
    seen = shown_passage_ids(at)
    assert seen == newest[:20]
    assert caption(at) == "Page 1 of 3 · passages 1–20 of 45"
    assert at.button(key="passages_first").disabled and at.button(key="passages_prev").disabled
    at.button(key="passages_next").click().run()
    assert shown_passage_ids(at) == newest[20:40]
    assert caption(at) == "Page 2 of 3 · passages 21–40 of 45"
    assert at.query_params["page"] in ("2", ["2"])
    at.button(key="passages_last").click().run()
    seen += shown_passage_ids(at)
    assert shown_passage_ids(at) == newest[40:]
    assert caption(at) == "Page 3 of 3 · passages 41–45 of 45"
    assert at.button(key="passages_next").disabled and at.button(key="passages_last").disabled
    at.button(key="passages_prev").click().run()
    assert at.number_input(key="passages_page").value == 2
    at.button(key="passages_first").click().run()
    assert at.number_input(key="passages_page").value == 1 and "page" not in at.query_params
    # Dates never go up down the pages; the undated article comes last; a time of day sorts within its day.
    dated = [d for d in dates_of(many, newest) if isinstance(d, str)]
    assert dated == sorted(dated, reverse=True)
    assert not any(isinstance(d, str) for d in dates_of(many, newest[-PER_DOC:]))
    assert newest[:PER_DOC] == [f"doc4:p{j}" for j in range(PER_DOC)]  # 2024-06-19T08:30 before 2024-06-19


def test_the_arabic_position_keeps_its_numbers_left_to_right(monkeypatch, many):
    at = make_app(monkeypatch, many, page="passages", lang="ar")
    assert caption(at) == "الصفحة \u20661\u2069 من \u20663\u2069 · المقاطع \u20661–20\u2069 من \u206645\u2069"
    assert at.button(key="passages_next").label == "التالية"


def test_oldest_first_and_its_page_come_back_from_a_shared_link(monkeypatch, many):
    at = make_app(monkeypatch, many, page="passages", lang="en")
    at.radio(key="passages_sort").set_value("oldest").run()
    oldest = order(many, "oldest")
    assert shown_passage_ids(at) == oldest[:20]
    assert at.query_params["sort"] in ("oldest", ["oldest"])
    dated = [d for d in dates_of(many, oldest) if isinstance(d, str)]
    assert dated == sorted(dated)
    at.button(key="passages_next").click().run()
    shared = {k: at.query_params[k] for k in ("sort", "page", "lang")}
    again = open_passages(monkeypatch, many, shared)
    assert again.radio(key="passages_sort").value == "oldest"
    assert again.number_input(key="passages_page").value == 2
    assert shown_passage_ids(again) == oldest[20:40]
    # The order and page belong to this page: another page drops them from its URL.
    again.switch_page("views/claims.py").run()
    assert "sort" not in again.query_params and "page" not in again.query_params


def test_a_new_order_goes_back_to_the_first_page(monkeypatch, many):
    at = make_app(monkeypatch, many, page="passages", lang="en")
    at.button(key="passages_last").click().run()
    at.radio(key="passages_sort").set_value("oldest").run()
    assert at.number_input(key="passages_page").value == 1


def test_relevance_ranks_passages_naming_more_chosen_actors_first(monkeypatch, many):
    at = make_app(monkeypatch, many, page="passages", lang="en", actor=[KIM, SEOUL], sort="relevance")
    assert at.radio(key="passages_sort").value == "relevance"
    want = order(many, "relevance", actors=(KIM, SEOUL))
    shown = shown_passage_ids(at)
    assert shown == want[: len(shown)]
    m = frames(many)["mentions"]
    both = set(m[m["entity_id"] == KIM]["passage_id"]) & set(m[m["entity_id"] == SEOUL]["passage_id"])
    assert set(shown[: len(both)]) == both and both  # every passage naming both heads the list
    # Without actors or text there is nothing to rank by: the page falls back to newest first.
    at.multiselect(key="filter_actor").set_value([]).run()
    assert at.radio(key="passages_sort").value == "newest"
    assert "sort" not in at.query_params


def test_relevance_puts_the_best_text_match_first(monkeypatch, many):
    from data_pipeline.text_index import write_text_index

    write_text_index(many)
    at = make_app(monkeypatch, many, page="passages", lang="en", q="كوريا", sort="relevance")
    shown = shown_passage_ids(at)
    assert shown == ["doc5:p1", "doc7:p4", "doc2:p3"]  # twice in a short passage; once short; once long
    at.radio(key="passages_sort").set_value("newest").run()
    assert shown_passage_ids(at) == [p for p in order(many, "newest") if p in set(shown)]
