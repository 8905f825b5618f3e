"""Distributional word classes learned from unlabelled Arabic news, as features for the CRF tagger.

A CRF trained on ANERcorp's 130k tokens has never seen most names in today's news. Word classes
learned from millions of unlabelled news tokens carry what a word *behaves like* (a first name,
a city, a ministry word, a reporting verb) to words the labelled corpus never had: the classic
semi-supervised boost for feature-based NER (Turian, Ratinov & Bengio 2010).

``marsad train-clusters`` (``word_clusters_train``, training code the run time never imports) tokenises news text exactly as the tagger does (``ner.tokenize`` on
the normalised view), trains word2vec (gensim, skip-gram) and cuts the vectors into k-means
classes at three granularities. The result ships as ``resources/word_clusters.tsv``
(``word``, ``c64``, ``c256``, ``c1024``), read once by ``cluster_ids``. gensim is needed only to
train (``pip install marsad[train]``), never at run time.

Gold articles (``--exclude`` folders of gold JSON) are left out of the training text so the
evaluation stays held out.
"""

from __future__ import annotations

from functools import lru_cache

from .resources import load_tsv

CLUSTERS_NAME = "word_clusters.tsv"
LEVELS = (64, 256, 1024)


@lru_cache(maxsize=1)
def cluster_ids() -> dict[str, tuple[str, ...]]:
    """Normalised word -> its class at each level in ``LEVELS``."""
    rows = load_tsv(CLUSTERS_NAME, required=("word",) + tuple(f"c{k}" for k in LEVELS))
    return {r["word"]: tuple(r[f"c{k}"] for k in LEVELS) for r in rows}
