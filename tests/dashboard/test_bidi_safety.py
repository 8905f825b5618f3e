"""Bidi controls from articles (U+202E RIGHT-TO-LEFT OVERRIDE and friends) never reorder our UI text.

Names, titles and outlets lose their controls; every untrusted string placed in the filter
sentence is wrapped in FSI ... PDI, so the sentence reads in order whatever an article holds.
"""

from __future__ import annotations

import re
from html import unescape

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from dashboard import bidi, charts
from dashboard.filters import Filters, describe
from dashboard.highlight import spans_for_passage
from data_pipeline.schemas import TABLES

FSI, PDI, RLO = "\u2068", "\u2069", "\u202e"
# Every bidi control (embeddings, overrides, isolates, marks): none may survive in a name.
CONTROLS = ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069",
            "\u200e", "\u200f", "\u061c"]


@pytest.mark.parametrize("control", CONTROLS, ids=[f"U+{ord(c):04X}" for c in CONTROLS])
def test_strip_drops_every_bidi_control(control):
    assert bidi.strip(f"وكالة{control} الأنباء{control}") == "وكالة الأنباء"
    assert bidi.isolate(f"{control}Reuters") == f"{FSI}Reuters{PDI}"
    assert bidi.label(f"Kim{control} Jong Un") == "Kim Jong Un"


def test_strip_keeps_the_joiners_arabic_and_persian_need():
    assert bidi.strip("می\u200cخواهم\u200d") == "می\u200cخواهم\u200d"


@pytest.mark.parametrize(
    ("value", "expected"), [(None, ""), (float("nan"), ""), ("", ""), (RLO, ""), (7, f"{FSI}7{PDI}")]
)
def test_isolate_of_missing_or_empty_values(value, expected):
    assert bidi.isolate(value) == expected


def test_strip_series_keeps_missing_values():
    out = bidi.strip_series(pd.Series([f"a{RLO}b", None], dtype=object))
    assert out.iloc[0] == "ab" and pd.isna(out.iloc[1])


# ------------------------------------------------------------------ the filter sentence


def test_an_outlet_with_an_override_reads_in_order_in_english():
    sentence = describe(Filters(outlets=(f"{RLO}وكالة الأنباء",)), "en", n_passages=2, n_documents=1)
    assert sentence == f"Showing 2 passages from 1 document from {FSI}وكالة الأنباء{PDI}."


def test_an_outlet_with_an_override_reads_in_order_in_arabic():
    sentence = describe(Filters(outlets=(f"Reuters{RLO} evil",)), "ar", n_passages=2, n_documents=1)
    assert sentence == f"المقاطع التي مصدرها {FSI}Reuters evil{PDI}: مقطعان في مقال واحد."


def test_actor_title_and_query_with_controls_are_isolated_without_them():
    f = Filters(actors=("kim",), docs=("d1",), text=f"كوريا{RLO}")
    sentence = describe(
        f, "en", n_passages=1, n_documents=1,
        actor_names={"kim": f"Kim{RLO} Jong Un\u202c"}, doc_titles={"d1": f"\u2067{RLO}زيارة{PDI}{PDI}"},
    )
    assert sentence == (
        f"Showing 1 passage from 1 document that mention {FSI}Kim Jong Un{PDI}, containing “{FSI}كوريا{PDI}”, "
        f"in the article {FSI}زيارة{PDI}."
    )
    # Only our own isolates are left, and they pair up.
    assert re.sub(f"[^{FSI}{PDI}]", "", sentence) == (FSI + PDI) * 3


def test_a_name_made_only_of_controls_falls_back_to_the_id():
    sentence = describe(Filters(actors=("kim",)), "en", n_passages=1, n_documents=1, actor_names={"kim": RLO * 3})
    assert sentence == f"Showing 1 passage from 1 document that mention {FSI}kim{PDI}."


# ------------------------------------------------------------------ charts and highlights


def test_actor_chart_labels_and_tooltips_carry_no_control():
    counts = pd.DataFrame(
        {"entity_id": ["kim"], "name_ar": [f"كيم{RLO} جونغ أون"], "name_en": [f"Kim{RLO} Jong Un"],
         "type": ["PERSON"], "mentions": [3]}
    )
    spec = charts.top_actors_chart(counts, "ar").to_dict()
    (row,) = next(iter(spec["datasets"].values()))
    assert (row["name_ar"], row["name_en"], row["label"]) == ("كيم جونغ أون", "Kim Jong Un", "\u2067كيم جونغ أون\u2069")


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_network_graph_names_and_tooltips_carry_no_control_and_markup_stays_text(lang):
    from dashboard import graph

    hostile = '<img src=x onerror="window.__pwned=1">'
    nodes = pd.DataFrame(
        {"entity_id": ["kim", "evil"], "name_ar": [f"كيم{RLO} جونغ أون", f"{RLO}شر {hostile}"],
         "name_en": [f"Kim{RLO} Jong Un", f"Evil{RLO} {hostile}"], "type": ["PERSON", "ORG"], "mentions": [3, 2]}
    )
    pairs = pd.DataFrame({"source_id": ["evil"], "target_id": ["kim"], "weight": [2]})
    spec = charts.network_chart(*graph.layout_network(nodes, pairs), lang).to_dict()
    rows = [row for data in spec["datasets"].values() for row in data]
    texts = [v for row in rows for v in row.values() if isinstance(v, str)]
    # Our own isolates only (RLI ... PDI around an Arabic label), never an article's override.
    assert not [x for x in texts if set(x) & set(CONTROLS[:5] + CONTROLS[9:])]
    circles = {r["entity_id"]: r for r in rows if "area" in r}
    assert (circles["kim"]["name_ar"], circles["kim"]["name_en"]) == ("كيم جونغ أون", "Kim Jong Un")
    assert circles["evil"]["name_en"] == f"Evil {hostile}"  # drawn as text by Vega, not parsed as HTML
    line = next(r for r in rows if "x2" in r)
    assert {line["source_label"], line["target_label"]} == (
        {"كيم جونغ أون", f"شر {hostile}"} if lang == "ar" else {"Kim Jong Un", f"Evil {hostile}"})
    label = circles["kim"]["label"]
    assert label == ("\u2067كيم جونغ أون\u2069" if lang == "ar" else "Kim Jong Un")


def test_highlight_titles_drop_controls_from_names_and_speakers():
    passage = {"doc_id": "d", "start": 0, "end": 20}
    mentions = pd.DataFrame(
        {"doc_id": ["d"], "start": [0], "end": [3], "type": ["PERSON"], "name_en": [f"Kim{RLO} Jong Un"],
         "name_ar": [f"{RLO}كيم"]}
    )
    claims = pd.DataFrame(
        {"doc_id": ["d"], "start": [0], "end": [10], "speaker": [f"سيول{RLO}"], "cue": [f"{RLO}قال"],
         "hedged": [False], "stance": ["assert"]}
    )
    empty = pd.DataFrame({"doc_id": [], "start": [], "end": []})
    spans = spans_for_passage(passage, mentions, empty, empty, claims, "en")
    assert [s.title for s in spans] == ["Kim Jong Un (person) · كيم", "سيول: قال"]


# ------------------------------------------------------------------ the app (AppTest)


def _hostile_fixture(out):
    """The dashboard fixture with overrides in an outlet, a title and an entity's names."""
    from tests.dashboard.conftest import build_fixture_frames

    frames = build_fixture_frames()
    docs = frames["documents"]
    docs.loc[docs["doc_id"] == "d2", "source"] = f"{RLO}وكالة الأنباء"
    docs.loc[docs["doc_id"] == "d1", "title"] = f"بوتين {RLO}يزور كوريا"
    for name in ("mentions", "entities"):
        df = frames[name]
        kim = df["entity_id"] == "kim_jong_un"
        df.loc[kim, "name_en"] = f"Kim{RLO} Jong Un"
        df.loc[kim, "name_ar"] = f"كيم{RLO} جونغ أون"
    out.mkdir(parents=True)
    for name, df in frames.items():
        pq.write_table(pa.Table.from_pandas(df, schema=TABLES[name].arrow(), preserve_index=False),
                       out / f"{name}.parquet")
    return out


def test_app_sentence_and_options_carry_no_control(monkeypatch, tmp_path):
    from streamlit.testing.v1 import AppTest

    from tests.dashboard.test_app import APP, TIMEOUT

    monkeypatch.setenv("MARSAD_DATA", str(_hostile_fixture(tmp_path / "tables")))
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params.update({"lang": "en", "outlet": f"{RLO}وكالة الأنباء", "actor": "kim_jong_un", "doc": "d1"})
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    html = next(h.proto.body for h in at.get("html") if "marsad-filters" in h.proto.body)
    sentence = unescape(re.sub(r"<[^>]+>", "", html))
    assert sentence == (
        f"Showing 0 passages from 0 documents that mention {FSI}Kim Jong Un{PDI}, from {FSI}وكالة الأنباء{PDI}, "
        f"in the article {FSI}بوتين يزور كوريا{PDI}."  # the title alone: its date would lose its isolate here
    )
    # The sidebar's labels: the actor without its override, the title isolated from its date.
    assert "Kim Jong Un · كيم جونغ أون (3)" in at.multiselect(key="filter_actor").options
    assert f"{FSI}بوتين يزور كوريا{PDI} (\u20662024-06-18{PDI})" in at.multiselect(key="filter_doc").options
