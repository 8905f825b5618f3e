"""Word classes from unlabelled news (data_pipeline/word_clusters.py) and their use as CRF features."""

import numpy as np
import pytest

from data_pipeline import ner
from data_pipeline.lang.ar.normalize import normalize_key
from data_pipeline.word_clusters import LEVELS, cluster_ids
from data_pipeline.word_clusters_train import _sentences_from_text, kmeans


def test_shipped_classes_cover_news_vocabulary():
    table = cluster_ids()
    assert len(table) > 40_000
    for word in ("ترامب", "موسكو", "وزارة", "قال", "الخارجية"):
        classes = table[normalize_key(word)]
        assert len(classes) == len(LEVELS)
        assert all(int(c) < k for c, k in zip(classes, LEVELS))


@pytest.mark.parametrize(
    "group",
    [
        ("ترامب", "ماكرون", "نتنياهو", "بومبيو"),  # politicians' names
        ("روسيا", "إيران", "تركيا", "الصين"),  # countries
    ],
)
def test_words_of_one_kind_share_a_coarse_class(group):
    table = cluster_ids()
    coarse = {table[normalize_key(w)][0] for w in group}
    assert len(coarse) == 1, coarse


def test_kmeans_separates_clear_groups_deterministically():
    rng = np.random.default_rng(3)
    a = rng.normal([5, 0, 0], 0.1, size=(50, 3))
    b = rng.normal([0, 5, 0], 0.1, size=(50, 3))
    c = rng.normal([0, 0, 5], 0.1, size=(50, 3))
    x = np.vstack([a, b, c])
    first = kmeans(x, 3, seed=1)
    assert (first == kmeans(x, 3, seed=1)).all()
    assert len(set(first[:50])) == len(set(first[50:100])) == len(set(first[100:])) == 1
    assert len({first[0], first[50], first[100]}) == 3


def test_training_text_is_tokenised_like_the_tagger():
    sents = _sentences_from_text("قال الرئيسُ إن الوضع \u0640\u0640جيد. وأضاف: نعم")
    assert sents == [["قال", "الرئيس", "ان", "الوضع", "جيد", "."], ["واضاف", ":", "نعم"]]


def test_features_carry_word_classes_and_fall_back_to_the_stem():
    own = ner._word_features(normalize_key("موسكو"))[0]
    assert {f"c{k}" for k in LEVELS} <= {f.split("=")[0] for f in own}
    # a proclitic form absent from the table takes the classes of its stem
    table = cluster_ids()
    stem = normalize_key("بريطانيا")
    if "وبريطانيا" not in table:
        own_clitic = ner._word_features("وبريطانيا")[0]
        assert f"c{LEVELS[-1]}={table[stem][-1]}" in own_clitic
    assert not any(f.startswith("c64=") for f in ner._word_features("zzzqqq")[0])
