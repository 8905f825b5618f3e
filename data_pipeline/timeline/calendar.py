"""Calendar arithmetic for the date rules: ISO strings, month steps, Hijri conversion.

Hijri dates are converted with ``hijridate`` (1343-1500 AH); outside that range a year is
approximated arithmetically and a full date is not converted.
"""

from __future__ import annotations

from datetime import date

# Plausible year ranges: bare years announced only by a preposition or a list need a modern
# range; a year noun (عام 1517) or a calendar suffix (622م, 1445هـ) is trusted further back.
MODERN_YEARS = (1800, 2100)
NAMED_YEARS = (1000, 2100)
SUFFIXED_GREGORIAN_YEARS = (1, 2100)
HIJRI_YEARS = (1, 1500)
HIJRIDATE_RANGE = (1343, 1500)
# Relative dates are resolved only for publication dates a year of arithmetic away from the
# calendar's ends (date(9999, 12, 31) + 1 day would overflow).
PUBLISHED_RANGE = (date(2, 1, 1), date(9998, 12, 31))
# The qualifier a future cue in the clause gives a month or day without a year: on or after
# publication (the written qualifiers are -1 الماضي, +1 المقبل, 0 الجاري).
FUTURE = 2


def parse_published(value: str | None) -> date | None:
    """The publication date of an ISO string, or None when it is missing, malformed or out of range."""
    if not value:
        return None
    try:
        pub = date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None
    return pub if PUBLISHED_RANGE[0] <= pub <= PUBLISHED_RANGE[1] else None


def add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    idx = year * 12 + (month - 1) + delta
    return idx // 12, idx % 12 + 1


def hijri_to_gregorian(year: int, month: int, day: int) -> date | None:
    if not (HIJRIDATE_RANGE[0] <= year <= HIJRIDATE_RANGE[1]):
        return None
    try:
        from hijridate import Hijri

        return Hijri(year, month, day).to_gregorian()
    except (ValueError, OverflowError):
        return None


def hijri_year_to_gregorian(year: int) -> int:
    """Gregorian year containing 1 Muharram of Hijri ``year``."""
    g = hijri_to_gregorian(year, 1, 1)
    if g is not None:
        return g.year
    return int(year * 0.970229 + 621.5643)  # mean length ratio of the two years


def gregorian_to_hijri(d: date) -> tuple[int, int, int] | None:
    try:
        from hijridate import Gregorian

        h = Gregorian(d.year, d.month, d.day).to_hijri()
        return h.year, h.month, h.day
    except (ValueError, OverflowError):
        return None


def year_for_month(month: int, ref_year: int, ref_month: int, qualifier: int | None) -> int:
    """The year of ``month`` written without one, seen from ``ref_year``-``ref_month``.

    No qualifier: the latest such month not later than the reference; -1 strictly before, +1
    strictly after, 0 the reference year, FUTURE on or after the reference.
    """
    if qualifier == FUTURE:
        return ref_year if month >= ref_month else ref_year + 1
    if qualifier == -1:
        return ref_year if month < ref_month else ref_year - 1
    if qualifier == 1:
        return ref_year if month > ref_month else ref_year + 1
    if qualifier == 0:
        return ref_year
    return ref_year if month <= ref_month else ref_year - 1


def iso(y: int, m: int | None = None, d: int | None = None) -> str | None:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; None when the date does not exist."""
    try:
        if d is not None:
            return date(y, m, d).isoformat()
        if m is not None:
            return f"{date(y, m, 1).isoformat()[:7]}"
        return f"{date(y, 1, 1).isoformat()[:4]}"
    except (ValueError, TypeError):
        return None
