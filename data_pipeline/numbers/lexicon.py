"""The word lists the number grammar reads, declared once (``resources/number_words.tsv``, the
``glued_before`` cues of ``resources/quantity_cues.tsv`` and the ``decimal_comma`` scales of
``resources/quantity_grammar.tsv``)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..lang.ar.lexicon import Lexicon
from ..lang.ar.normalize import normalize_key

NUMBER_WORDS = Lexicon("number_words.tsv", key="word", required=("value", "kind", "gloss"))
# Short words a number is often typed against by a missing space (من55 ألف): the digits still count.
# Scale words before which "1,279" is 1.279 (quantity_grammar.tsv, role decimal_comma).
DECIMAL_COMMA_SCALES = Lexicon("quantity_grammar.tsv", key="word", required=("role", "gloss"), where=("role", "decimal_comma"))
GLUED_BEFORE = Lexicon("quantity_cues.tsv", key="cue", required=("role", "gloss"), where=("role", "glued_before"))


@dataclass(frozen=True)
class NumberWord:
    word: str  # normalised spelling
    value: float
    kind: str  # unit, ten_word, ten, hundred, multiplier, ... (see number_words.tsv)


@lru_cache(maxsize=1)
def number_words() -> dict[str, NumberWord]:
    """Normalised spelling -> NumberWord, from resources/number_words.tsv (a later row wins)."""
    out: dict[str, NumberWord] = {}
    for row in NUMBER_WORDS.rows():
        key = normalize_key(row["word"])
        out[key] = NumberWord(key, float(row["value"]), row["kind"])
    return out


@lru_cache(maxsize=1)
def ordinals() -> frozenset[str]:
    """Ordinal words (الثالث): never a number; a following عشر makes a teen ordinal."""
    return frozenset(w for w, nw in number_words().items() if nw.kind == "ordinal")


def decimal_comma_scales() -> frozenset[str]:
    """Scale words before which one comma and three digits are a decimal comma (1,279 تريليون)."""
    return DECIMAL_COMMA_SCALES.words()


def glued_words() -> frozenset[str]:
    """Short words a number is often typed against (من55 ألف): role glued_before in quantity_cues.tsv."""
    return GLUED_BEFORE.words()
