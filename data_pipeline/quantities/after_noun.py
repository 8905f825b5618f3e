"""Readings of a number written after the noun it counts: "الخبراء الثمانية", "يوم واحد".

A definite cardinal (3-99, a definite hundred, or digits after the article up to 999) counts the
plural noun before it, also across up to three nisba adjectives ("المعابر الحدودية الرئيسية الـ19")
or after a possessed plural ("أطفالها الأربعة"). It is not a count when the noun makes it an ordinal
(``NOT_COUNTED_BY_CARDINAL``). The word for one counts a known unit or noun before it ("يوم واحد").
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..lang.ar.clitics import YA
from ..lang.ar.letters import ARTICLE, WAW
from ..lang.ar.letters import HA
from ..numbers import NumberSpan
from .candidates import Reading
from .lexicon import TWO_WORDS, cue_words, unit_forms, unit_lexicon
from .nouns import NISBA_FEM, is_nisba_adjective, is_time_noun, plural_looking, possessed_count_unit, suffix_unit
from .rules import NOUN_THEN_CARDINAL, NOUN_THEN_ONE
from .tokens import Token, in_role, strip_clitics, tokens_after

_MAX_ADJECTIVES = 3  # nisba adjectives between the noun and the number
_OR = "او"  # أو normalised


@dataclass(frozen=True)
class _Head:
    """The noun a definite cardinal follows: the token, its span, its stem without the article."""

    word: str
    start: int
    end: int
    noun: str
    feminine_adjective: bool  # a feminine singular nisba adjective stood between (المعابر الحدودية)


def _cardinal_in_range(n: NumberSpan) -> bool:
    """3-99 in words, up to 999 in digits or a definite hundred (الأعوام المئة)."""
    digits = n.has_digits
    hundreds = not digits and n.value % 100 == 0 and n.value <= 900
    return 3 <= n.value <= (999 if digits or hundreds else 99) and n.value.is_integer()


def _head_token(before: list[Token]) -> tuple[Token, bool]:
    """The noun token before the number, past nisba adjectives; and whether one was feminine."""
    k = len(before) - 1
    feminine = False
    while k > 0 and len(before) - 1 - k < _MAX_ADJECTIVES and is_nisba_adjective(before[k][0]):
        feminine = feminine or before[k][0].endswith(NISBA_FEM)
        k -= 1
    if k == len(before) - 1:
        return before[-1], feminine
    if before[k][0].startswith(ARTICLE) or possessed_count_unit(before[k][0]):
        return before[k], feminine
    return before[-1], False  # الإيطاليين الثلاثة: the nisba plural is the noun itself


def _definite_stem(word: str) -> str | None:
    """The noun without proclitics and article (الخبراء -> خبراء), None when it has no article."""
    return next((v[2:] for v in strip_clitics(word) if v.startswith(ARTICLE) and len(v) > 4), None)


def _time_noun_ordinal(t: str, n: NumberSpan, h: _Head) -> bool:
    """القرن العشرين، العام العشرين: a cardinal used as an ordinal (السنوات الـ25 is a count)."""
    ordinal_head = h.noun in cue_words("not_count") or in_role(h.noun, "month") or is_time_noun(h.word)
    return ordinal_head and not (n.has_digits and plural_looking(h.noun))


def _after_a_singular(t: str, n: NumberSpan, h: _Head) -> bool:
    """الطابق الخمسين، الدورة الـ17، المرة العشرين: ordinal use after a singular.

    (a broken plural of things takes a feminine singular adjective: المعابر الحدودية)
    """
    plural = plural_looking(h.noun) or (h.feminine_adjective and not h.noun.endswith(HA))
    return (n.value > 10 or n.has_digits) and not plural


def _adjective_not_noun(t: str, n: NumberSpan, h: _Head) -> bool:
    """الاتحاد الأوروبي الثمانية والعشرين: an adjective, not the counted noun (الجرحى is one)."""
    return h.noun.endswith(YA) and h.noun not in unit_forms()


def _first_of_a_compound(t: str, n: NumberSpan, h: _Head) -> bool:
    """الثمانية والعشرين: a compound number, read as a whole elsewhere."""
    return t[n.end : n.end + 4].lstrip().startswith(WAW + ARTICLE)


def _feminine_singular(t: str, n: NumberSpan, h: _Head) -> bool:
    """A singular feminine noun + الثالثة-like forms: an ordinal, not a count."""
    return h.noun not in unit_forms() and h.noun.endswith(HA)


# Why a definite cardinal after a definite noun does not count it: the first check that applies.
NOT_COUNTED_BY_CARDINAL = (
    _time_noun_ordinal,
    _after_a_singular,
    _adjective_not_noun,
    _first_of_a_compound,
    _feminine_singular,
)


def cardinal_after_noun(t: str, n: NumberSpan, before: list[Token]) -> Reading | None:
    """'الخبراء الثمانية' = 8 expert, 'أطفالها الأربعة' = 4 child: a definite cardinal after its noun."""
    if not before or not _cardinal_in_range(n):
        return None
    (word, s, e), feminine = _head_token(before)
    noun = _definite_stem(word)
    if noun is None:
        u = possessed_count_unit(word)  # أطفالها الأربعة، قضاتها التسعة
        return Reading(NOUN_THEN_CARDINAL, u.unit, s, n.end, (s, e), n.value, noun_before=True) if u else None
    head = _Head(word, s, e, noun, feminine)
    if any(check(t, n, head) for check in NOT_COUNTED_BY_CARDINAL):
        return None
    u = unit_forms().get(noun)
    unit = u.unit if u else suffix_unit(noun)
    what = (s, e) if u is None or u.kind == "count" else None
    return Reading(NOUN_THEN_CARDINAL, unit, s, n.end, what, n.value, noun_before=True)


def one_after_noun(t: str, n: NumberSpan, before: list[Token]) -> Reading | None:
    """'يوم واحد' = 1 day: the word for one after a known unit or counted noun.

    'سنتيمتر واحد أو اثنين', 'يوما واحدا أو يومين': a range from one, the span over both.
    """
    if not before:
        return None
    word, s, e = before[-1]
    forms = unit_forms()
    u = next((forms[v] for v in strip_clitics(word) if v in forms), None)
    if u is None:
        return None
    reading = Reading(NOUN_THEN_ONE, u.unit, s, n.end, (s, e) if u.kind == "count" else None, n.value, noun_before=True)
    toks = tokens_after(t, reading.end, 2)
    if len(toks) == 2 and toks[0][0] == _OR:
        dual = unit_lexicon()[1].get(toks[1][0])
        if toks[1][0] in TWO_WORDS.words() or (dual is not None and dual.unit == reading.unit):
            reading = replace(reading, end=toks[1][2], approximate=True)
    return reading
