"""Weekday names: الإثنين، يوم الأحد، مساء السبت، الخميس الماضي، ليل الخميس الجمعة.

A bare weekday is the latest such day on or before publication; with الماضي strictly before, with
المقبل/القادم strictly after; after a future cue earlier in its clause (من المقرر، ستجرى; not كان
من المقرر, not past a reporting verb) the first such day on or after publication. A night over two
days (ليل الخميس الجمعة) gives both days, consecutive.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

from ..lang.ar.normalize import NormText
from . import lexicon as lx
from .candidate import Candidate
from .future import weekday_ahead
from .patterns import NOT_LETTER_AFTER, NOT_LETTER_BEFORE, alt, next_token, word_start

WEEKDAY_RULE = "timeline.weekday"
NIGHT_RULE = "timeline.weekday_night"
NIGHT_WORD_WINDOW = 16  # characters before the first weekday scanned for ليل


@lru_cache(maxsize=1)
def _weekday_re() -> re.Pattern:
    return re.compile(
        rf"({alt(lx.weekday_numbers())}){NOT_LETTER_AFTER}(?:\s+({alt(lx.qualifier_offsets())}){NOT_LETTER_AFTER})?"
    )


@lru_cache(maxsize=1)
def _night_before_re() -> re.Pattern:
    return re.compile(rf"{NOT_LETTER_BEFORE}{alt(lx.NIGHT)}\s+$")


@lru_cache(maxsize=1)
def _night_gap_re() -> re.Pattern:
    """Between the two weekdays of a night: ليل الخميس الجمعة، الخميس - الجمعة، الخميس إلى يوم الجمعة."""
    return re.compile(rf"\s*(?:[\-\u2013/]|{alt(lx.NIGHT_JOINERS)})?\s*(?:{alt(lx.DAY_NOUNS)}\s+)?")


def weekday_dates(norm: NormText, pub: date | None) -> list[Candidate]:
    if pub is None:
        return []
    nt = norm.text
    matches = [
        m for m in _weekday_re().finditer(nt)
        if word_start(nt, m.start()) is not None
        and next_token(nt, m.end(1)) not in lx.TEENS.words()  # الأحد عشر = eleven
    ]
    out = []
    night_first_day: date | None = None  # set while the weekday before opened a night
    for i, m in enumerate(matches):
        if night_first_day is not None:
            out.append(_candidate(m, night_first_day + timedelta(days=1), NIGHT_RULE))
            night_first_day = None
            continue
        nxt = matches[i + 1] if i + 1 < len(matches) else None
        if _opens_night(nt, m, nxt):
            night_first_day = _night_first_day(nt, m, pub)
            out.append(_candidate(m, night_first_day, NIGHT_RULE))
            continue
        out.append(_candidate(m, _weekday_date(nt, m, pub), WEEKDAY_RULE))
    return out


def _candidate(m: re.Match, d: date, rule: str) -> Candidate:
    return Candidate(m.start(1), m.end(), d.isoformat(), "day", rule, relative=True)


def _opens_night(nt: str, m: re.Match, nxt: re.Match | None) -> bool:
    """ليل الخميس الجمعة: the weekday at ``m`` and the next one, its following day, share a night."""
    days = lx.weekday_numbers()
    return (
        m.group(2) is None and nxt is not None and not nxt.group(2)
        and days[nxt.group(1)] == days[m.group(1)] % 7 + 1
        and _night_gap_re().fullmatch(nt, m.end(), nxt.start()) is not None
        and _night_before_re().search(nt, max(0, m.start() - NIGHT_WORD_WINDOW), m.start()) is not None
    )


def _night_first_day(nt: str, m: re.Match, pub: date) -> date:
    """The first day of a night: on or before publication, or, announced ahead, the day before a
    second day on or after publication."""
    target = lx.weekday_numbers()[m.group(1)]
    if weekday_ahead(nt, m.start()):
        second = pub + timedelta(days=(target % 7 + 1 - pub.isoweekday()) % 7)
        return second - timedelta(days=1)
    return pub - timedelta(days=(pub.isoweekday() - target) % 7)


def _weekday_date(nt: str, m: re.Match, pub: date) -> date:
    target = lx.weekday_numbers()[m.group(1)]
    qualifier = lx.qualifier_offsets()[m.group(2)] if m.group(2) else None
    if qualifier == 1:
        return pub + timedelta(days=(target - pub.isoweekday()) % 7 or 7)
    if qualifier is None and weekday_ahead(nt, m.start()):
        return pub + timedelta(days=(target - pub.isoweekday()) % 7)  # on or after publication
    back = (pub.isoweekday() - target) % 7
    if qualifier == -1 and back == 0:
        back = 7
    return pub - timedelta(days=back)

