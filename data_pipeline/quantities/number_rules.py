"""Rules that turn the numbers of a text into candidates, each tagged with its rule id.

They read ``read_numbers``' result: a number's own reading, a range or a shared unit with the
number after it, an unknown noun after a bare number, a symbol written before a number. A number
may get several proposals here (a reading and a symbol, a shared unit and an unknown noun); the
resolver keeps one per number (``resolve.NUMBER_PRECEDENCE``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..lang.ar.letters import WAW
from ..numbers import NumberSpan, glued_words
from .candidates import Candidate, finished
from .guards import DASHES, connector_between, is_year_like
from .lexicon import AMBIGUOUS_COUNTS, SYMBOLS, bare_multipliers, unit_forms
from .nouns import generic_noun, is_arabic_word, lookup_unit
from .readings import NumberReading
from .rules import NUMBER_THEN_NOUN, RANGE, SHARED_UNIT, SYMBOL_THEN_NUMBER
from .tokens import Token, approximate_before, cue_before, in_role, last_word, tokens_before

_TO = "الي"  # إلى normalised
_RANGE_JOIN = frozenset({WAW, _TO})  # بين X و Y, بين X إلى Y
_SCORE_BEFORE = re.compile(r"\d\s*[-\u2013]\s*$")  # 2-1: a match score
_MIN_RANGE_HIGH = 10  # 2-1 is a score, 150-200 a range


def reading_candidates(t: str, reads: list[NumberReading]) -> list[Candidate]:
    """A candidate for each number with a reading (its rule is the reading's)."""
    out = []
    for r in reads:
        rd = r.reading
        if rd is None:
            continue
        if rd.noun_before:
            out.append(Candidate(rd.start, rd.end, rd.value, rd.unit, rd.what, rd.approximate, rd.rule, (r.index,)))
            continue
        approx = cue_before(r.before, "approx")
        n = r.number
        out.append(finished(t, n.start, max(rd.end, n.end), n.value, rd.unit, rd.what, approx, rd.rule, (r.index,)))
    return out


def glued_to_word(t: str, n: NumberSpan) -> bool:
    """Digits written against a whole word (قيمته5,3، فرانس24): numbers keeps them for typos."""
    if not (n.has_digits and n.start > 1 and is_arabic_word(t[n.start - 2 : n.start])):
        return False
    word = tokens_before(t, n.start, 1)
    return not (word and word[0][0] in glued_words())  # أكثر من55 ألف: a missing space, not a name


def _name_with_number(t: str, r: NumberReading) -> bool:
    """فرانس24 أنهم، لإس9: a name with a number, unless a range cue (بين) stands before it."""
    return glued_to_word(t, r.number) and not cue_before(r.before, "range", 1)


def _glued(t: str, n: NumberSpan, before: list[Token]) -> bool:
    return glued_to_word(t, n)


def _year(t: str, n: NumberSpan, before: list[Token]) -> bool:
    return is_year_like(n)


def _ambiguous_word(t: str, n: NumberSpan, before: list[Token]) -> bool:
    """ست، سبع، ثلث ...: also a lady, a lion, a third."""
    return n.has_words and not n.has_digits and n.core in AMBIGUOUS_COUNTS.words()


def _small_or_lone_multiplier(t: str, n: NumberSpan, before: list[Token]) -> bool:
    """ألف مبروك، مليون شكر: a lone multiplier needs a known noun (not ألفي، مليونا); words below 3."""
    return not n.has_digits and (n.value < 3 or (n.core in bare_multipliers() and n.value == n.scale))


def _second_goal_count(t: str, n: NumberSpan, before: list[Token]) -> bool:
    """1-3 جعلته: the second goal count of a match score."""
    return n.value < 10 and bool(_SCORE_BEFORE.search(t[max(0, n.start - 6) : n.start]))


# Why a number does not count the unknown noun after it: the first check that applies.
CANNOT_COUNT_UNKNOWN_NOUN = (_glued, _year, _ambiguous_word, _small_or_lone_multiplier, _second_goal_count)


def generic_after(t: str, n: NumberSpan, before: list[Token]) -> tuple[str, int, int] | None:
    """An unknown counted noun after ``n``: (unit item or person, start, end), or None."""
    if any(check(t, n, before) for check in CANNOT_COUNT_UNKNOWN_NOUN):
        return None
    gen = generic_noun(t, n.end)
    if gen and unit_forms().get(t[gen[1] : gen[2]]) is None:
        return gen
    return None


def unknown_nouns(t: str, reads: list[NumberReading]) -> list[Candidate]:
    """'500 فلسطيني' = 500 person, '12 مقعدا' = 12 item: a bare number and a noun missing from units.tsv."""
    out = []
    for r in reads:
        if not r.bare:
            continue
        gen = generic_after(t, r.number, r.before)
        if gen:
            unit, s, e = gen
            n = r.number
            out.append(
                finished(
                    t, n.start, e, n.value, unit, (s, e), cue_before(r.before, "approx"), NUMBER_THEN_NOUN, (r.index,)
                )
            )
    return out


@dataclass(frozen=True)
class _Pair:
    """A bare number and the next one, joined by a connector, with the unit of the second."""

    low: NumberReading
    high: NumberReading
    connector: str
    unit: str
    end: int  # of the second number's unit
    what: tuple[int, int] | None
    low_value: float  # the first number with the multiplier of the second (بين 25 و30 مليار)


def _inherit_scale(low: NumberSpan, high: NumberSpan) -> float:
    """'بين 25 و30 مليار': the low bound takes the multiplier of the high one."""
    if low.scale == 1.0 and high.scale > 1.0 and low.value < 1000:
        return low.value * high.scale
    return low.value


def dash_range(t: str, low: NumberSpan, high: NumberSpan) -> bool:
    """'150-200 مسلمة' is a range; '2-1 ذهابا' a match score, 'بوينغ 737-800' and 'ATR 72-500' models."""
    if high.value < _MIN_RANGE_HIGH or low.value >= high.value:
        return False
    before = t[max(0, low.start - 12) : low.start].rstrip()
    return not (before[-1:].isascii() and before[-1:].isalnum()) and not cue_before(
        tokens_before(t, low.start, 2), "id_before", 2
    )


def _high_unit(t: str, low: NumberReading, high: NumberReading) -> tuple[str, int, tuple[int, int] | None] | None:
    """The unit of the second number: its own reading, or an unknown noun after it."""
    own = high.unit_after
    if own is not None:
        return own.unit, own.end, own.what
    if not high.bare:
        return None
    dash = t[low.number.end : high.number.start].strip() in DASHES
    if dash and not dash_range(t, low.number, high.number):
        return None
    gen = generic_after(t, high.number, high.before)
    return (gen[0], gen[2], (gen[1], gen[2])) if gen else None


def _pair(t: str, reads: list[NumberReading], i: int) -> _Pair | None:
    """The i-th number joined to the next one that has a unit, or None."""
    low = reads[i]
    if i + 1 >= len(reads) or not low.bare or _name_with_number(t, low) or is_year_like(low.number):
        return None
    high = reads[i + 1]
    unit = _high_unit(t, low, high)
    conn = connector_between(t, low.number, high.number) if unit else None
    if conn is None:
        return None
    return _Pair(low, high, conn, unit[0], unit[1], unit[2], _inherit_scale(low.number, high.number))


def _is_range(p: _Pair) -> bool:
    """A dash, بين X و Y, or X إلى Y with Y larger (but من 20 إلى 30: a change, two amounts)."""
    if p.connector in DASHES:
        return True
    if p.connector in _RANGE_JOIN and cue_before(p.low.before, "range", 2):
        return True
    return (
        p.connector == _TO and p.low_value < p.high.number.value and not in_role(last_word(p.low.before), "partitive")
    )


def ranges(t: str, reads: list[NumberReading]) -> list[Candidate]:
    """'بين 10 و20 شخصا', '20 إلى 30 مترا', '150-200 مسلمة': one quantity, the low bound, approximate.

    The second number of a range does not start another one.
    """
    out = []
    taken = -1
    for i in range(len(reads)):
        p = _pair(t, reads, i) if i != taken else None
        if p is None or not _is_range(p):
            continue
        n = p.low.number
        cand = finished(t, n.start, p.end, n.value, p.unit, p.what, True, RANGE, (i, i + 1))
        out.append(replace(cand, value=p.low_value))
        taken = i + 1
    return out


def shared_units(t: str, reads: list[NumberReading]) -> list[Candidate]:
    """'3 أو 4 أيام' = 3 day: a number joined to the next one (not as a range) takes its unit."""
    out = []
    for i in range(len(reads)):
        p = _pair(t, reads, i)
        if p is None or _is_range(p):
            continue
        n = p.low.number
        out.append(
            Candidate(
                n.start, n.end, p.low_value, p.unit, p.what, cue_before(p.low.before, "approx"), SHARED_UNIT, (i,)
            )
        )
    return out


def symbols_before(t: str, reads: list[NumberReading]) -> list[Candidate]:
    """'$100', '%50': a currency or percent symbol written before the number (no unit after it)."""
    forms = unit_forms()
    out = []
    for r in reads:
        n = r.number
        if n.start == 0:
            continue
        p = n.start - 1
        while p > 0 and t[p] == " ":
            p -= 1
        ch = t[p]
        if ch not in SYMBOLS or ch not in forms or lookup_unit(t, n.end):
            continue
        approx = approximate_before(t, p)
        out.append(Candidate(p, n.end, n.value, forms[ch].unit, None, approx, SYMBOL_THEN_NUMBER, (r.index,)))
    return out
