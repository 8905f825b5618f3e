"""Ages in years: "في الرابعة والخمسين من عمرها" = 54, "الـ19 من عمره" = 19, "دون سن الثلاثين" = 30.

Two rules find the number of an age (``AGE_NUMBER``: digits, or a definite ordinal or cardinal with
its teen and tens); ``age_value`` reads it, and the named checks of ``NOT_AN_AGE`` reject readings
that are not one age (الأولى من العمر: "the first years of life"; سن الأربعين والخمسين: two ages).
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..lang.ar.clitics import PRONOUN_SUFFIXES
from ..lang.ar.letters import ARTICLE, BA, FA, KAF, LAM, WAW
from ..lang.ar.patterns import alternation
from ..numbers import NumberWord, number_words
from .candidates import Candidate
from .lexicon import cue_words
from .nouns import is_time_noun
from .rules import AGE_AFTER_CUE, AGE_OF_LIFE
from .tokens import tokens_before

_AGE_TAIL = re.compile(f"من\\s+(?:{ARTICLE})?عمر")  # من العمر، من عمره
_OF_LIFE = f"من\\s+(?:{ARTICLE}عمر|عمر{alternation(PRONOUN_SUFFIXES + (KAF,))})"  # (not من عمر الجزيرة)
_NEAR = 40  # characters before "من العمر" where its number may start
_MAX_AGE = 120


@lru_cache(maxsize=1)
def age_number() -> str:
    """The number of an age: 16، الـ16، الرابعة، السادسة عشرة، الرابعة والخمسين (group num)."""
    words = number_words()
    stems = [w[2:] if w.startswith(ARTICLE) else w for w, nw in words.items() if nw.kind in ("ordinal", "unit", "ten")]
    tens = [w for w, nw in words.items() if nw.kind == "ten"]
    ten_word = alternation(w for w, nw in words.items() if nw.kind == "ten_word")
    return (
        rf"(?P<num>(?:{ARTICLE} ?)?\d{{1,3}}(?![\d.,])"
        rf"|{ARTICLE}(?P<first>{alternation(stems)})(?:\s+(?P<teen>{ten_word}))?"
        rf"(?:\s+{WAW}\s?{ARTICLE}(?P<ten>{alternation(tens)}))?)"
    )


@lru_cache(maxsize=1)
def _of_life_re() -> re.Pattern:
    return re.compile(rf"(?<![^\W\d_])[{WAW}{FA}{BA}]?{age_number()}\s+{_OF_LIFE}(?![^\W\d_])")


@lru_cache(maxsize=1)
def _after_cue_re() -> re.Pattern:
    """'دون سن الثلاثين', 'ابنة الرابعة عشرة', 'بعمر الـ12': an age cue (quantity_cues.tsv) + a number."""
    cue = alternation(cue_words("age_before"))
    return re.compile(rf"(?<![^\W\d_])[{WAW}{FA}{BA}{LAM}]?(?:{cue})\s+{age_number()}(?![^\W\d_])")


def _compound_teen(first: NumberWord, teen: str | None, ten: str | None) -> bool:
    """A teen word after a ten-or-more, or both a teen and a tens word; الحادية alone."""
    return bool(teen and (ten or 10 <= first.value != 11)) or (first.value == 11 and not (teen or ten))


def _two_tens(first: NumberWord, teen: str | None, ten: str | None) -> bool:
    """سن الأربعين والخمسين: two ages, not 90."""
    return bool(ten) and 10 <= first.value != 11


# Why a worded age is not one number: the first check that applies.
NOT_AN_AGE = (_compound_teen, _two_tens)


def age_value(m: re.Match) -> float | None:
    """The age an ``age_number`` match names, or None when it is not one age."""
    if m.group("first") is None:
        return float(m.group("num").lstrip(ARTICLE[0]).lstrip(ARTICLE[1]).strip())
    words = number_words()
    first = words.get(ARTICLE + m.group("first")) or words.get(m.group("first"))
    teen, ten = m.group("teen"), m.group("ten")
    if first is None or any(check(first, teen, ten) for check in NOT_AN_AGE):
        return None
    base = 1 if first.value == 11 else first.value  # الحادية عشرة، الحادية والعشرين
    value = base + (10 if teen else 0) + (words[ten].value if ten else 0)
    if value == 1 and not ten:
        return None  # الأولى من العمر: "the first (years) of life"
    return value


def _age(t: str, m: re.Match, rule: str) -> Candidate | None:
    value = age_value(m)
    if value is None or not 1 <= value <= _MAX_AGE:
        return None
    before = tokens_before(t, m.start("num"), 1)
    if before and is_time_noun(before[0][0]):
        return None  # العقد الثاني من العمر: an ordinal of a decade, not an age
    return Candidate(m.start("num"), m.end(), value, "year", None, False, rule)


def ages_of_life(t: str) -> list[Candidate]:
    """'في الرابعة والخمسين من عمرها' = 54 year, 'في الثلاثين من العمر' = 30 year."""
    out = []
    for tail in _AGE_TAIL.finditer(t):
        # the full pattern only near "من العمر": scanning the whole text with it is slow
        m = _of_life_re().search(t, max(0, tail.start() - _NEAR), tail.end() + 4)
        if m is not None and m.end() >= tail.end():
            cand = _age(t, m, AGE_OF_LIFE)
            if cand is not None:
                out.append(cand)
    return out


def ages_after_cue(t: str) -> list[Candidate]:
    """'دون سن الثلاثين' = 30 year, 'ابنة الرابعة عشرة' = 14 year (سن 18 is left to the unit after it)."""
    out = []
    for m in _after_cue_re().finditer(t):
        if m.group("num").startswith(ARTICLE):
            cand = _age(t, m, AGE_AFTER_CUE)
            if cand is not None:
                out.append(cand)
    return out
