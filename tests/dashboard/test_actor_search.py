"""Actor search: what the analyst types offers the right entity first (issue 10).

The fixture is a slice of the real entity table of the 20k ANT corpus: the
names that Streamlit's fuzzy search put first, with their mention counts.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest

from dashboard.actor_search import PREFIX, WHOLE_NAME, build_actor_index, match_kinds, rank_actors

# entity id: (name_ar, name_en, aliases, mentions)
ENTITIES = {
    "person:donald_trump": ("دونالد ترامب", "Donald Trump", ["ترامب", "دونالد ترامب", "ترمب"], 11129),
    "person:fred_trump": ("فريد ترامب", "Fred Trump", ["فريد ترامب"], 10),
    "person:ivanka_trump": ("إيفانكا ترامب", "Ivanka Trump", ["إيفانكا ترامب", "إيفانكا"], 214),
    "person:vladimir_putin": ("فلاديمير بوتين", "Vladimir Putin", ["بوتين", "فلاديمير بوتين"], 6312),
    "person:maria_butina": ("ماريا بوتينا", "Maria Butina", ["ماريا بوتينا", "بوتينا"], 61),
    "gpe:saudi_arabia": ("السعودية", "Saudi Arabia", ["السعودية", "المملكة العربية السعودية", "المملكة"], 15004),
    "org:saudi_aramco": ("أرامكو السعودية", "Saudi Aramco", ["أرامكو", "أرامكو السعودية"], 389),
    "org:future_movement": ("تيار المستقبل", "Future Movement", ["تيار المستقبل"], 702),
    "gpe:israel": ("إسرائيل", "Israel", ["إسرائيل", "اسرائيل"], 9121),
    "person:kim_jong_un": ("كيم جونغ أون", "Kim Jong Un", ["كيم جونغ أون", "كيم يونغ أون", "كيم"], 2210),
    "gpe:united_states": ("الولايات المتحدة", "United States", ["الولايات المتحدة", "واشنطن"], 20050),
}


def entity_frame(entities=ENTITIES) -> pd.DataFrame:
    rows = [
        {"entity_id": eid, "name_ar": ar, "name_en": en, "aliases": aliases, "mentions": n}
        for eid, (ar, en, aliases, n) in entities.items()
    ]
    return pd.DataFrame(rows).sort_values("mentions", ascending=False, ignore_index=True)


@pytest.fixture(scope="module")
def index():
    return build_actor_index(entity_frame())


@pytest.mark.parametrize(
    "query, first",
    [
        ("ترامب", "person:donald_trump"),
        ("بوتين", "person:vladimir_putin"),
        ("Saudi", "gpe:saudi_arabia"),
        ("saudi", "gpe:saudi_arabia"),
        ("السعودية", "gpe:saudi_arabia"),
        ("السعوديه", "gpe:saudi_arabia"),  # ة typed as ه
        ("سعودية", "gpe:saudi_arabia"),  # without the article
        ("اسرائيل", "gpe:israel"),  # hamza left out
        ("ترا", "person:donald_trump"),  # a prefix: the most mentioned name starting with it
        ("Don", "person:donald_trump"),
        ("بوتينا", "person:maria_butina"),  # typed in full, her name wins
        ("فريد ترامب", "person:fred_trump"),
        ("ترامب فريد", "person:fred_trump"),  # words in any order
        ("إيفانكا", "person:ivanka_trump"),
        ("كيم يونغ", "person:kim_jong_un"),  # an alias
        ("واشنطن", "gpe:united_states"),
    ],
)
def test_the_intended_actor_comes_first(index, query, first):
    assert rank_actors(index, query)[0] == first


def test_trump_offers_the_trumps_most_mentioned_first_and_nothing_unrelated(index):
    assert rank_actors(index, "ترامب") == ["person:donald_trump", "person:ivanka_trump", "person:fred_trump"]


def test_putin_comes_before_butina_whose_name_only_starts_with_his(index):
    assert rank_actors(index, "بوتين") == ["person:vladimir_putin", "person:maria_butina"]
    kinds = dict(zip(index.entity_ids, match_kinds(index, "بوتين")))
    assert (kinds["person:vladimir_putin"], kinds["person:maria_butina"]) == (WHOLE_NAME, PREFIX)


def test_saudi_offers_the_country_then_the_company(index):
    assert rank_actors(index, "Saudi") == ["gpe:saudi_arabia", "org:saudi_aramco"]
    assert rank_actors(index, "السعودية") == ["gpe:saudi_arabia", "org:saudi_aramco"]


@pytest.mark.parametrize("query", ["ترامب", "ترمب", "بوتين", "Saudi", "ترا"])
def test_letters_in_order_across_unrelated_words_are_no_match(index, query):
    # Streamlit's fuzzy search matched تيار المستقبل for ترامب: ت…ر…ا…م…ب across two words.
    assert "org:future_movement" not in rank_actors(index, query)


@pytest.mark.parametrize("query", ["", "  ", "،", "xyz", "رامب"])  # رامب is inside ترامب, not its start
def test_nothing_matches_an_empty_query_or_a_word_inside_another(index, query):
    assert rank_actors(index, query) == []


def test_a_whole_name_beats_a_word_unless_far_rarer():
    entities = {
        **ENTITIES,
        "person:trump_stray": ("ترامب", None, [], 300),  # an unresolved duplicate named exactly as typed
        "org:trump_tower": ("برج ترامب", "Trump Tower", [], 12),
    }
    idx = build_actor_index(entity_frame(entities))
    # 11,129 mentions outweigh the exact name's bonus (x20); the stray's 300 beat Ivanka's 214 word match.
    assert rank_actors(idx, "ترامب")[:3] == ["person:donald_trump", "person:trump_stray", "person:ivanka_trump"]
    # Trump Tower (12) names Trump as a word: above Fred (10), each one word of a longer name.
    assert rank_actors(idx, "ترامب")[3:] == ["org:trump_tower", "person:fred_trump"]


def test_the_limit_keeps_the_best(index):
    assert rank_actors(index, "ترامب", limit=1) == ["person:donald_trump"]


def test_entities_without_names_or_aliases_are_indexed_without_error():
    frame = pd.DataFrame(
        {"entity_id": ["a", "b"], "name_ar": [None, "بوتين"], "name_en": [None, None], "aliases": [None, None],
         "mentions": [5, 1]}
    )
    assert rank_actors(build_actor_index(frame), "بوتين") == ["b"]
    empty = build_actor_index(frame.iloc[:0])
    assert rank_actors(empty, "بوتين") == []


CORPUS = Path(os.environ.get("MARSAD_CORPUS_TABLES", "/tmp/corpus/tables"))


@pytest.mark.corpus
@pytest.mark.skipif(not (CORPUS / "mentions.parquet").exists(), reason="the real-corpus tables are not built here")
def test_first_matches_on_the_real_corpus():
    from dashboard import query

    counts = query.entity_counts(query.connect(CORPUS), None)
    idx = build_actor_index(counts)
    names = dict(zip(counts["entity_id"], counts["name_en"]))

    def first(q):
        return names[rank_actors(idx, q)[0]]

    assert first("ترامب") == "Donald Trump"
    assert first("بوتين") == "Vladimir Putin"
    assert first("Saudi") == "Saudi Arabia"
    assert first("السعودية") == "Saudi Arabia"
    future = set(counts.loc[counts["name_ar"] == "تيار المستقبل", "entity_id"])
    assert future, "the fuzzy non-match is in the corpus"
    assert not future & set(rank_actors(idx, "ترامب", limit=None))
