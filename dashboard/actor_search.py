"""Finding an actor from what the analyst types: matches ranked on the server, over every name and alias.

Pure module (no Streamlit). Streamlit's own multiselect search ranks options by
a fuzzy subsequence score: ترامب then offered فريد ترامب (10 mentions) before
Donald Trump (11,129) and even تيار المستقبل (ت…ر…ا…م…ب). Here a query matches
a name only word by word, after ``normalize_key`` folding on both sides (hamza
forms, ى/ي, ة/ه, diacritics, case):

- every word of the query must be a word of one name of the entity (its Arabic
  or English name or an alias), or the beginning of one (``بوتين`` finds
  ``بوتينا``, never a word that merely contains the letters in order);
- the definite article is optional on both sides (``سعوديه`` finds ``السعودية``).

The best way one of its names matches gives the entity a kind of match
(``WHOLE_NAME`` > ``EVERY_WORD`` > ``PREFIX``); the score is
``log(1 + mentions) + BONUS[kind]``, most first. A bonus of ``log(k)`` lets a
better kind of match win unless the other entity is mentioned ``k`` times
more: ``ترامب`` alone, if a stray entity has that exact name, does not beat
Donald Trump mentioned a thousand times as often.

Build an ``ActorIndex`` once per dataset (``build_actor_index`` on the entity
counts), then ``rank_actors(index, query)`` per query (a few milliseconds on
100,000 entities: the words are matched once per distinct word, in numpy).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from data_pipeline.lang.ar.normalize import normalize_key

# Kinds of match, best last (they index BONUS).
NO_MATCH, PREFIX, EVERY_WORD, WHOLE_NAME = 0, 1, 2, 3
BONUS = {
    PREFIX: 0.0,
    EVERY_WORD: math.log(4),  # a whole word typed beats a longer word that starts with it, unless 4x rarer
    WHOLE_NAME: math.log(20),  # a name typed in full wins unless the other entity is 20x more mentioned
}
ARTICLE = "\u0627\u0644"  # ال, written as part of a name (السعودية) but often left out when typed
MIN_BARE = 2  # letters left after the article for it to count as one (ال alone, الم are not an article + word)
DEFAULT_LIMIT = 100


@dataclass(frozen=True)
class ActorIndex:
    """Every name and word of every entity, normalised, as flat arrays.

    Entities keep the order they were given (most mentioned first); names and
    words point back to their entity and name by row number.
    """

    entity_ids: np.ndarray  # per entity (object)
    mentions: np.ndarray  # per entity (int64)
    name_entity: np.ndarray  # per name: its entity's row
    name_words: np.ndarray  # per name: how many words it has
    word_name: np.ndarray  # per word occurrence: its name's row
    word_code: np.ndarray  # per word occurrence: its row in ``vocab``
    vocab: np.ndarray  # distinct words (str)
    vocab_bare: np.ndarray  # the same without the article


def bare(word: str) -> str:
    """``word`` without a leading definite article (``السعوديه`` -> ``سعوديه``); short words stay as they are."""
    return word[len(ARTICLE) :] if word.startswith(ARTICLE) and len(word) - len(ARTICLE) >= MIN_BARE else word


def entity_names(name_ar: object, name_en: object, aliases: object) -> list[str]:
    """The distinct normalised names of one entity (empty names dropped)."""
    names = [name_ar, name_en]
    if isinstance(aliases, (list, tuple, np.ndarray)):
        names.extend(aliases)
    keys = (normalize_key(n) for n in dict.fromkeys(n for n in names if isinstance(n, str)))
    return list(dict.fromkeys(k for k in keys if k))


def build_actor_index(entities: pd.DataFrame) -> ActorIndex:
    """The index of an entity counts frame (``entity_id``, ``name_ar``, ``name_en``, ``aliases``, ``mentions``)."""
    n = len(entities)
    aliases: Iterable = entities["aliases"] if "aliases" in entities else [None] * n
    name_entity, name_words, word_name, words = [], [], [], []
    for row, (ar, en, al) in enumerate(zip(entities["name_ar"], entities["name_en"], aliases)):
        for name in entity_names(ar, en, al):
            tokens = name.split(" ")
            word_name.extend([len(name_entity)] * len(tokens))
            words.extend(tokens)
            name_entity.append(row)
            name_words.append(len(tokens))
    codes, vocab = pd.factorize(pd.Series(words, dtype=object))
    vocab = np.asarray(vocab, dtype=str)
    arrays = {
        "entity_ids": entities["entity_id"].astype(str).to_numpy(dtype=object),
        "mentions": pd.to_numeric(entities["mentions"], errors="coerce").fillna(0).to_numpy(dtype=np.int64),
        "name_entity": np.asarray(name_entity, dtype=np.int64),
        "name_words": np.asarray(name_words, dtype=np.int64),
        "word_name": np.asarray(word_name, dtype=np.int64),
        "word_code": np.asarray(codes, dtype=np.int64),
        "vocab": vocab,
        "vocab_bare": np.asarray([bare(w) for w in vocab], dtype=str),
    }
    for array in arrays.values():
        array.flags.writeable = False  # the dashboard shares one index between sessions
    return ActorIndex(**arrays)


def _word_kinds(index: ActorIndex, word: str) -> np.ndarray:
    """Per vocabulary word: EVERY_WORD when it is ``word`` (article aside), PREFIX when it starts with it, else 0."""
    if not len(index.vocab):
        return np.zeros(0, dtype=np.int8)
    word_bare = bare(word)
    same = (index.vocab == word) | (index.vocab_bare == word_bare)
    starts = np.char.startswith(index.vocab, word) | np.char.startswith(index.vocab_bare, word_bare)
    return np.where(same, EVERY_WORD, np.where(starts, PREFIX, NO_MATCH)).astype(np.int8)


def match_kinds(index: ActorIndex, query: str) -> np.ndarray:
    """Per entity: the best kind of match of ``query`` over its names (``NO_MATCH`` for none)."""
    kinds = np.zeros(len(index.entity_ids), dtype=np.int8)
    words = list(dict.fromkeys(normalize_key(query).split()))
    if not words or not len(index.name_entity):
        return kinds
    name_kind = np.full(len(index.name_entity), EVERY_WORD, dtype=np.int8)
    for word in words:
        per_word = _word_kinds(index, word)[index.word_code]
        best = np.zeros(len(index.name_entity), dtype=np.int8)
        np.maximum.at(best, index.word_name, per_word)  # the best word of each name for this query word
        name_kind = np.minimum(name_kind, best)  # a name is only as good as its worst-matched query word
    whole = (name_kind == EVERY_WORD) & (index.name_words == len(words))
    name_kind[whole] = WHOLE_NAME
    np.maximum.at(kinds, index.name_entity, name_kind)
    return kinds


def rank_actors(index: ActorIndex, query: str, limit: int | None = DEFAULT_LIMIT) -> list[str]:
    """Ids of the entities matching ``query``, best first (see the module docstring), at most ``limit``.

    Ties (same score) go to the entity given first to ``build_actor_index``.
    An empty query matches nothing.
    """
    kinds = match_kinds(index, query)
    rows = np.flatnonzero(kinds)
    if not len(rows):
        return []
    bonus = np.array([0.0] + [BONUS[k] for k in (PREFIX, EVERY_WORD, WHOLE_NAME)])
    score = np.log1p(index.mentions[rows]) + bonus[kinds[rows]]
    order = rows[np.lexsort((rows, -score))]
    if limit is not None:
        order = order[:limit]
    return index.entity_ids[order].tolist()
