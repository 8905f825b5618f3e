"""Phrases that name a date against the publication date: اليوم، أمس، أول أمس، الشهر الماضي، العام المقبل.

``relative_dates.tsv`` gives each phrase its unit and offset. Week phrases (الأسبوع الماضي) are
recognised but emit no point: TimelinePoint has no week precision and a single day would claim
more than the text says.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from ..lang.ar.letters import ARTICLE, BA, FATHATAN
from ..lang.ar.normalize import NormText
from . import lexicon as lx
from .calendar import add_months
from .candidate import Candidate
from .patterns import COMMA, LETTER, NOT_LETTER_AFTER, PREV_TOKEN_RE, alt, next_token, one_space, word_start

PREV_TOKEN_WINDOW = 20
_LETTER_NEXT_RE = re.compile(rf"\s*{LETTER}")
_HASHTAG_MARKS = "#_"


@lru_cache(maxsize=1)
def _relative_re() -> re.Pattern:
    return re.compile(
        rf"({alt(lx.with_lil(lx.relative_phrases()))}){NOT_LETTER_AFTER}"
        rf"(?:\s*{COMMA}?\s*({alt(lx.weekday_numbers())}){NOT_LETTER_AFTER})?"
    )


@dataclass(frozen=True, slots=True)
class _Found:
    """A relative phrase as matched: the phrase's key, its span, and the words on either side."""

    phrase: str
    start: int
    end: int
    next_word: str
    prev_word: str
    clitic: str = ""  # the letter glued before the phrase (ب of باليوم), '' when none


def relative_dates(norm: NormText, pub: date | None) -> list[Candidate]:
    if pub is None:
        return []
    nt = norm.text
    phrases = lx.relative_phrases()
    out = []
    for m in _relative_re().finditer(nt):
        if word_start(nt, m.start()) is None or _in_hashtag(nt, m):
            continue
        phrase = one_space(m.group(1))
        phrase = lx.lil_phrases().get(phrase, phrase)
        rel = phrases[phrase]
        start, end = m.start(1), m.end()
        if m.group(2) is None:  # no weekday after it: the phrase alone
            end = m.end(1)
            prev = PREV_TOKEN_RE.search(nt, max(0, start - PREV_TOKEN_WINDOW), start)
            clitic = nt[start - 1] if start and nt[start - 1].isalpha() else ""
            found = _Found(phrase, start, end, next_token(nt, end), prev.group(1) if prev else "", clitic)
            if rel.unit == "day" and rel.offset == 0 and any(check(found) for check in NOT_TODAY_CHECKS):
                continue
            if rel.strict and not _stands_alone(norm, found):
                continue
        build = _UNITS.get(rel.unit)
        cand = build(start, end, rel.offset, pub) if build else None
        if cand is not None:
            out.append(cand)
    return out


def _in_hashtag(nt: str, m: re.Match) -> bool:
    """#اليوم_العالمي_للمرأة names no day."""
    start = m.start(1)
    return bool(start and nt[start - 1] in _HASHTAG_MARKS) or nt[m.end(1) : m.end(1) + 1] == "_"


# ---------------------------------------------------------------- اليوم that is not today


def _that_day_after(f: _Found) -> bool:
    """اليوم نفسه، اليوم ذاته: that day."""
    return f.next_word in lx.NOT_TODAY.words()


def _that_day_before(f: _Found) -> bool:
    """ذلك اليوم، في هذا اليوم: that day."""
    return f.prev_word in lx.NOT_TODAY.words()


def _day_noun_phrase(f: _Found) -> bool:
    """اليوم الوطني، اليوم العالمي: a named day, not today."""
    return f.next_word.startswith(ARTICLE) and f.phrase in {ARTICLE + w for w in lx.DAY_NOUNS.words()}


def _per_day(f: _Found) -> bool:
    """برميل باليوم، حجز الموعد باليوم والساعة: "per day", "by the day", not today."""
    return f.clitic == BA


def _name_with_today(f: _Found) -> bool:
    """روسيا اليوم، عين اليوم، المصري اليوم: the name of a channel or a newspaper."""
    return f.prev_word in lx.TODAY_NAMES.words()


NOT_TODAY_CHECKS = (_that_day_after, _that_day_before, _day_noun_phrase, _name_with_today, _per_day)


def _stands_alone(norm: NormText, f: _Found) -> bool:
    """A strict phrase (غدا) is a date with its tanween written, or with no word after it (not غد + noun)."""
    a, b = norm.span(f.start, f.end)
    return FATHATAN in norm.original[a : b + 1] or not _LETTER_NEXT_RE.match(norm.text[f.end : f.end + 3])


# ---------------------------------------------------------------- one builder per unit


def _day(start: int, end: int, offset: int, pub: date) -> Candidate:
    return Candidate(start, end, (pub + timedelta(days=offset)).isoformat(), "day", "timeline.relative_day", True)


def _month(start: int, end: int, offset: int, pub: date) -> Candidate:
    y, mo = add_months(pub.year, pub.month, offset)
    return Candidate(start, end, f"{y:04d}-{mo:02d}", "month", "timeline.relative_month", True)


def _year(start: int, end: int, offset: int, pub: date) -> Candidate:
    return Candidate(start, end, f"{pub.year + offset:04d}", "year", "timeline.relative_year", True)


def _week(start: int, end: int, offset: int, pub: date) -> None:
    return None  # recognised, no point (see the module docstring)


_UNITS = {"day": _day, "month": _month, "year": _year, "week": _week}
