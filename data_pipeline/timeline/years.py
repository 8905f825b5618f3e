"""Years written alone: عام 2000، في 2006، صيف 2014، 622م، 1445هـ، and lists or ranges of years.

A bare 3-4 digit number is a year only with a cue (a year noun عام/سنة, a preposition such as
في/منذ/حتى/خلال/مطلع, an event, season or period noun such as انتخابات/صيف/الربع الأول من, a
calendar suffix م/هـ) or in a list or range of years, within a plausible range, and never when a
counted noun, a unit or a currency follows (2000 جندي، 1500 دولار، 2000$).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from ..lang.ar.normalize import NormText
from . import lexicon as lx
from .calendar import HIJRI_YEARS, MODERN_YEARS, NAMED_YEARS, SUFFIXED_GREGORIAN_YEARS, hijri_year_to_gregorian
from .candidate import Candidate
from .patterns import (
    CLITIC,
    DIGIT,
    LEFT_WINDOW,
    LETTER,
    NOT_LETTER_AFTER,
    NOT_LETTER_BEFORE,
    alt,
    cue_before_re,
    next_token,
)

# a digit or separator just before the number: part of a longer number (1.2000، 3,2000)
_NUMBER_BEFORE = "0123456789.,:"
_LETTER_NEXT_RE = re.compile(rf"\s*{LETTER}")


@dataclass(frozen=True)
class _Patterns:
    year: re.Pattern  # 3-4 digits and an optional calendar suffix (the scan)
    year_word_before: re.Pattern  # عام، سنة، للعام
    year_cue_before: re.Pattern  # صيف، انتخابات، الربع الأول من
    block_after: re.Pattern  # % $ € £ after the number: an amount
    list_gap: re.Pattern  # between two years of a list or range: , و أو ثم - / إلى حتى
    range_gap: re.Pattern  # between the two years of a range: - / إلى حتى وحتى


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    cal = alt(lx.calendar_suffixes())
    return _Patterns(
        year=re.compile(rf"({DIGIT}{{3,4}})(?![0-9]|[.,/:][0-9])(?:\s*({cal}){NOT_LETTER_AFTER})?"),
        year_word_before=re.compile(rf"{NOT_LETTER_BEFORE}{CLITIC}({alt(lx.with_lil(lx.YEAR_WORDS.words()))})\s*$"),
        year_cue_before=re.compile(rf"{NOT_LETTER_BEFORE}{CLITIC}{alt(lx.with_lil(lx.YEAR_CUES.words()))}\s*$"),
        block_after=re.compile(r"\s*[%$\u20ac\u00a3]"),
        list_gap=re.compile(
            rf"\s*(?:[,،\-\u2013\u2014/]|{alt(lx.YEAR_JOINERS)})?\s*(?:{alt(lx.AND)}\s*)?(?:{alt(lx.RANGE_ENDS)})?\s*"
        ),
        range_gap=re.compile(rf"\s*(?:[\-\u2013\u2014/]|{alt(lx.RANGE_WORDS)})\s*"),
    )


@dataclass(frozen=True, slots=True)
class YearNumber:
    """A 3-4 digit number that may be a year, with what its context says about it."""

    start: int  # of the year noun before it when there is one (عام 2000)
    end: int
    year: int
    cued: bool  # announced by a year noun, a cue or a calendar suffix
    named: bool  # a year noun is written before it
    calendar: str  # named by its suffix: hijri, gregorian, or "" without a suffix
    blocked: bool  # a counted noun, unit or currency follows: a count, not a year
    weak_suffix: bool  # a lone م (metres?) names the calendar but is no cue


def year_dates(norm: NormText, pub: date | None) -> list[Candidate]:
    nt = norm.text
    out = []
    for chain, chain_cued in _chains(_year_numbers(nt), nt):
        last = chain[-1]
        for c in chain:
            if c.blocked or (last.blocked and not c.cued) or not (c.cued or chain_cued):
                continue
            cand = _year_candidate(c)
            if cand:
                out.append(cand)
    return out


def _year_numbers(nt: str) -> list[YearNumber]:
    return [y for m in _patterns().year.finditer(nt) if (y := _year_number(nt, m)) is not None]


def _year_number(nt: str, m: re.Match) -> YearNumber | None:
    pat = _patterns()
    num_start = m.start(1)
    if num_start > 0 and nt[num_start - 1] in _NUMBER_BEFORE:
        return None
    calendar = lx.calendar_suffixes().get(m.group(2) or "", "")
    lo = max(0, num_start - LEFT_WINDOW)
    yw = pat.year_word_before.search(nt, lo, num_start)
    named = yw is not None
    # a lone م after a number may be metres (سباق 1500 م): it names the calendar, but is no cue
    weak_suffix = calendar == "gregorian" and len(m.group(2)) == 1
    if len(m.group(1)) == 3 and not (calendar and (named or not weak_suffix)):
        return None  # a 3-digit year needs its calendar written (عام 622م, 132هـ)
    start = yw.start(1) if yw else num_start
    cued = (
        named
        or (bool(calendar) and not weak_suffix)
        or bool(cue_before_re().search(nt, lo, start))
        or bool(pat.year_cue_before.search(nt, lo, start))
    )
    blocked = bool(pat.block_after.match(nt, m.end())) or (
        not calendar and next_token(nt, m.end()) in lx.COUNTED_NOUNS.words()
    )
    return YearNumber(start, m.end(), int(m.group(1)), cued, named, calendar, blocked, weak_suffix)


def _chains(items: list[YearNumber], nt: str) -> Iterator[tuple[list[YearNumber], bool]]:
    """Runs of years joined by list or range words, each with whether the run reads as years.

    A run is years when one of them is cued, when it holds three or more, or when two rise and are
    joined as a range or end the clause (1961 و2000.).
    """
    pat = _patterns()
    i, n = 0, len(items)
    while i < n:
        j = i
        range_like = False
        while j + 1 < n:
            gap = nt[items[j].end : items[j + 1].start]
            if not pat.list_gap.fullmatch(gap):
                break
            range_like = range_like or bool(pat.range_gap.fullmatch(gap))
            j += 1
        chain = items[i : j + 1]
        i = j + 1
        ends_clause = not _LETTER_NEXT_RE.match(nt[chain[-1].end : chain[-1].end + 3])
        yield chain, (any(c.cued for c in chain) or len(chain) >= 3 or (
            len(chain) == 2 and (range_like or ends_clause) and chain[0].year < chain[1].year
        ))


def _year_candidate(c: YearNumber) -> Candidate | None:
    if c.calendar == "hijri":
        if HIJRI_YEARS[0] <= c.year <= HIJRI_YEARS[1]:
            iso = f"{hijri_year_to_gregorian(c.year):04d}"
            return Candidate(c.start, c.end, iso, "year", "timeline.hijri_year", calendar="hijri")
        return None
    if c.calendar and (c.named or not c.weak_suffix):
        lo_hi = SUFFIXED_GREGORIAN_YEARS
    else:
        lo_hi = NAMED_YEARS if c.named else MODERN_YEARS
    if not (lo_hi[0] <= c.year <= lo_hi[1]):
        return None
    rule = "timeline.year" if c.cued else "timeline.year_list"
    return Candidate(c.start, c.end, f"{c.year:04d}", "year", rule)
