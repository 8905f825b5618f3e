"""Dates written in digits: 18/06/2024، 18-6-2024، 2024-06-18، 3 / 2 / 1440 هـ."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from ..lang.ar.normalize import NormText
from . import lexicon as lx
from .calendar import MODERN_YEARS, hijri_to_gregorian, iso
from .candidate import Candidate
from .patterns import DIGIT, LEFT_WINDOW, NOT_LETTER_AFTER, alt, weekday_before_re

RULE = "timeline.numeric_date"
# a digit or separator just before the match: part of a longer number (1.18/06/2024)
_NUMBER_BEFORE = "0123456789./-"
HIJRI_MONTH_DAYS = 30


@lru_cache(maxsize=1)
def _numeric_re() -> re.Pattern:
    cal_after = rf"(?:\s*({alt(lx.calendar_suffixes())}){NOT_LETTER_AFTER})?"
    return re.compile(
        rf"({DIGIT}{{1,2}}) ?([\-/.]) ?({DIGIT}{{1,2}}) ?\2 ?({DIGIT}{{4}})(?![0-9]|[./\-][0-9]){cal_after}"
        rf"|({DIGIT}{{4}}) ?([\-/.]) ?({DIGIT}{{1,2}}) ?\7 ?({DIGIT}{{1,2}})(?![0-9]|[./\-][0-9]){cal_after}"
    )


def numeric_dates(norm: NormText, pub: date | None) -> list[Candidate]:
    nt = norm.text
    out = []
    for m in _numeric_re().finditer(nt):
        if m.start() > 0 and nt[m.start() - 1] in _NUMBER_BEFORE:
            continue
        y, mo, d, suffix = _parts(m)
        calendar = lx.calendar_suffixes().get(suffix or "", "gregorian")
        day = _hijri_day(y, mo, d) if calendar == "hijri" else _gregorian_day(y, mo, d)
        if not day:
            continue
        start = m.start()
        wb = weekday_before_re().search(nt, max(0, start - LEFT_WINDOW), start)
        if wb:
            start = wb.start(1)
        out.append(Candidate(start, m.end(), day, "day", RULE, calendar=calendar))
    return out


def _parts(m: re.Match) -> tuple[int, int, int, str | None]:
    """(year, month, day, calendar suffix) of a day-first or a year-first date."""
    if m.group(1):
        a, b, y = int(m.group(1)), int(m.group(3)), int(m.group(4))
        d, mo = (a, b) if b <= 12 else (b, a)  # Arabic writes day first; swap only when forced
        return y, mo, d, m.group(5)
    return int(m.group(6)), int(m.group(8)), int(m.group(9)), m.group(10)


def _hijri_day(y: int, mo: int, d: int) -> str | None:
    g = hijri_to_gregorian(y, mo, d) if 1 <= mo <= 12 and 1 <= d <= HIJRI_MONTH_DAYS else None
    return g.isoformat() if g else None


def _gregorian_day(y: int, mo: int, d: int) -> str | None:
    return iso(y, mo, d) if MODERN_YEARS[0] <= y <= MODERN_YEARS[1] else None
