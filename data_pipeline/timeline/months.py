"""Dates written with a month name: 18 يونيو 2024، حزيران/يونيو 2024، في سبتمبر، مايو الماضي، 12 ذو الحجة 1445 هـ.

Each month name is read with what is written around it (``MonthPhrase``): after it a year (with an
optional calendar suffix), "of the same year", a relative year (من العام الماضي) or a qualifier
(الماضي، المقبل); before it a day (a number or an ordinal in words, optionally after a weekday), or
شهر. One rule of ``RULES`` then turns the phrase into a candidate; the first rule whose test fits
the phrase decides (``_RULE_TABLE``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from ..lang.ar.letters import ARTICLE
from ..lang.ar.normalize import NormText
from . import lexicon as lx
from .calendar import (
    FUTURE,
    HIJRI_YEARS,
    NAMED_YEARS,
    gregorian_to_hijri,
    hijri_to_gregorian,
    hijri_year_to_gregorian,
    iso,
    year_for_month,
)
from .candidate import Candidate
from .future import future_clause
from .patterns import (
    CLITIC,
    COMMA,
    DIGIT,
    LEFT_WINDOW,
    NOT_LETTER_AFTER,
    NOT_LETTER_BEFORE,
    PREV_TOKEN_RE,
    after_conjunction,
    alt,
    cue_before_re,
    one_space,
)

# before a month name: the first day of a range (من 8 إلى 19، يومي 20 و21)
RANGE_START_WINDOW = 16
# before an ordinal day: a part of the month (الأسبوع الأول من أكتوبر)
PERIOD_NOUN_WINDOW = 20


@dataclass(frozen=True)
class _Patterns:
    month: re.Pattern  # a month name (the scan)
    second_month: re.Pattern  # حزيران/يونيو، حزيران (يونيو)، يونيو - حزيران
    year_after: re.Pattern  # 2024، من عام 2024، 1445 هـ
    relative_year_after: re.Pattern  # من العام الماضي
    same_year_after: re.Pattern  # من العام نفسه
    qualifier_after: re.Pattern  # الماضي، المقبل
    day_before: re.Pattern  # [weekday] 18، الـ18، الخامس عشر من [شهر]
    range_start_before: re.Pattern  # من 8 إلى، 20 و
    month_word_before: re.Pattern  # شهر


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    mon = alt(lx.month_names())
    year_words = alt(lx.with_lil(lx.YEAR_WORDS.words()))
    month_words = alt(lx.MONTH_WORDS)
    of = alt(lx.OF)
    cal = alt(lx.calendar_suffixes())
    year_phrases = [p for p, r in lx.relative_phrases().items() if r.unit == "year"]
    weekday = alt(lx.weekday_numbers())
    return _Patterns(
        month=re.compile(rf"{mon}{NOT_LETTER_AFTER}"),
        # kept only when both names name one month (see _month_phrase)
        second_month=re.compile(rf"\s*(?:[/(\-\u2013]\s*)?({mon}){NOT_LETTER_AFTER}(?:\s*\))?"),
        year_after=re.compile(
            rf"\s*{COMMA}?\s*(?:{of}\s+)?(?:{year_words}\s*)?"
            rf"(?<![0-9])({DIGIT}{{4}})(?![0-9]|[.,][0-9])"
            rf"(?:\s*({cal}){NOT_LETTER_AFTER})?"
        ),
        relative_year_after=re.compile(rf"\s+(?:{of}\s+)?({alt(lx.with_lil(year_phrases))}){NOT_LETTER_AFTER}"),
        same_year_after=re.compile(rf"\s+(?:{of}\s+)?{alt(lx.SAME_YEAR)}{NOT_LETTER_AFTER}"),
        qualifier_after=re.compile(rf"\s+({alt(lx.qualifier_offsets())}){NOT_LETTER_AFTER}"),
        # optional weekday, then a day number or an ordinal + من, optional شهر
        day_before=re.compile(
            rf"(?:{NOT_LETTER_BEFORE}{CLITIC}({weekday})\s*{COMMA}?\s*(?:{alt(lx.CORRESPONDING)}\s*)?)?"
            rf"(?:{NOT_LETTER_BEFORE}{alt(lx.AND)}?(?:{ARTICLE})?(?<![0-9.,/])({DIGIT}{{1,2}})"
            rf"|{NOT_LETTER_BEFORE}({alt(lx.ordinal_days())})\s+{of})"
            rf"\s*(?:{of}\s+)?(?:{month_words}\s+)?$"
        ),
        range_start_before=re.compile(
            rf"{NOT_LETTER_BEFORE}(?:{ARTICLE})?(?<![0-9.,/])({DIGIT}{{1,2}})\s*"
            rf"(?:[\-\u2013]|{alt(lx.RANGE_WORDS.words() | lx.AND.words())})\s*$"
        ),
        month_word_before=re.compile(rf"{NOT_LETTER_BEFORE}{CLITIC}({month_words})\s+$"),
    )


@dataclass
class MonthPhrase:
    """A month name with what is written around it, in normalised offsets (end exclusive)."""

    start: int
    end: int
    name: lx.MonthName
    ambiguous: bool  # the name may be a word or a personal name, and no second name settles it
    year: int | None = None
    year_suffix: str | None = None  # the calendar the suffix after the year names (هـ hijri, م gregorian)
    same_year: bool = False
    relative_year: int | None = None  # من العام الماضي: -1
    qualifier: int | None = None  # الماضي -1, المقبل +1, الجاري 0
    day: int | None = None
    range_start: tuple[int, int, int] | None = None  # (start, end, day) of من 8 in من 8 إلى 19 أيار
    cued: bool = False  # announced by شهر or a cue (في، منذ ...)

    @property
    def hijri(self) -> bool:
        return self.name.calendar == "hijri" or self.year_suffix == "hijri"


def month_dates(norm: NormText, pub: date | None) -> list[Candidate]:
    """Candidates of every month name that reads as a date, in text order."""
    nt = norm.text
    out: list[Candidate] = []
    for m in _patterns().month.finditer(nt):
        p = _month_phrase(nt, m)
        if p is None:
            continue
        rule, build = next((rule, build) for rule, fits, build in _RULE_TABLE if fits(p))
        cand = build(p, rule, nt, pub)
        if cand is None:
            continue
        out.append(cand)
        if p.range_start and cand.precision == "day":
            out.append(_range_start(p, cand))
    return out


def _month_phrase(nt: str, m: re.Match) -> MonthPhrase | None:
    """The month name at ``m`` with its context, or None when it does not read as a date."""
    if not after_conjunction(nt, m.start()):
        return None
    name = lx.month_names()[one_space(m.group())]
    p = MonthPhrase(m.start(), m.end(), name, name.ambiguous)
    _read_second_name(p, nt)
    for read in _AFTER_MONTH:  # the first reading that fits
        if read(p, nt):
            break
    lo = max(0, p.start - LEFT_WINDOW)
    _read_day_before(p, nt, lo)
    if p.day is None:
        _read_month_word_before(p, nt, lo)
    return p if _announced(p, nt, lo) else None


def _read_second_name(p: MonthPhrase, nt: str) -> None:
    m2 = _patterns().second_month.match(nt, p.end)
    if m2:
        second = lx.month_names()[one_space(m2.group(1))]
        if second.calendar == p.name.calendar and second.month == p.name.month:
            p.end = m2.end()
            p.ambiguous = False


def _read_year_after(p: MonthPhrase, nt: str) -> bool:
    m = _patterns().year_after.match(nt, p.end)
    if m:
        p.year, p.end = int(m.group(1)), m.end()
        p.year_suffix = lx.calendar_suffixes().get(m.group(2)) if m.group(2) else None
    return m is not None


def _read_same_year_after(p: MonthPhrase, nt: str) -> bool:
    m = _patterns().same_year_after.match(nt, p.end)
    if m:
        p.same_year, p.end = True, m.end()
    return m is not None


def _read_relative_year_after(p: MonthPhrase, nt: str) -> bool:
    m = _patterns().relative_year_after.match(nt, p.end)
    if m:
        phrase = one_space(m.group(1))
        p.relative_year = lx.relative_phrases()[lx.lil_phrases().get(phrase, phrase)].offset
        p.end = m.end()
    return m is not None


def _read_qualifier_after(p: MonthPhrase, nt: str) -> bool:
    m = _patterns().qualifier_after.match(nt, p.end)
    if m:
        p.qualifier, p.end = lx.qualifier_offsets()[m.group(1)], m.end()
    return m is not None


# What may follow a month name, tried in this order; the first that fits is taken.
_AFTER_MONTH = (_read_year_after, _read_same_year_after, _read_relative_year_after, _read_qualifier_after)


def _read_day_before(p: MonthPhrase, nt: str, lo: int) -> None:
    db = _patterns().day_before.search(nt, lo, p.start)
    if not db:
        return
    weekday, digits, ordinal = db.group(1), db.group(2), db.group(3)
    p.day = int(digits) if digits else lx.ordinal_days()[one_space(ordinal)]
    if digits and not weekday:
        rs = _patterns().range_start_before.search(nt, max(0, db.start(2) - RANGE_START_WINDOW), db.start(2))
        if rs and 1 <= int(rs.group(1)) < p.day:
            p.range_start = (rs.start(1), rs.end(1), int(rs.group(1)))
    p.start = db.start(1) if weekday else (db.start(2) if digits else db.start(3))
    if ordinal:
        pn = PREV_TOKEN_RE.search(nt, max(0, p.start - PERIOD_NOUN_WINDOW), p.start)
        if pn and pn.group(1) in lx.PERIOD_NOUNS.words():
            p.day = None  # الأسبوع الأول من أكتوبر: a part of the month, month precision
            p.start = pn.start(1)
    # a leading "ال" of "الـ18" stays outside the span only if the digit group is the start
    if digits and not weekday and nt[max(0, p.start - 2) : p.start] == ARTICLE:
        p.start -= 2


def _read_month_word_before(p: MonthPhrase, nt: str, lo: int) -> None:
    mw = _patterns().month_word_before.search(nt, lo, p.start)
    if mw:
        p.cued, p.start = True, mw.start(1)


def _announced(p: MonthPhrase, nt: str, lo: int) -> bool:
    """A month name alone is a date only when something announces it and it is no common word."""
    if p.day is not None or p.year is not None:
        return True
    if not p.cued and cue_before_re().search(nt, lo, p.start):
        p.cued = True
    if p.qualifier is not None or p.relative_year is not None or p.same_year:
        p.cued = True
    return p.cued and not p.ambiguous


# ---------------------------------------------------------------- one builder per rule


def _same_year(p: MonthPhrase, rule: str, nt: str, pub: date | None) -> Candidate | None:
    if p.name.calendar != "gregorian":
        return None
    return Candidate(p.start, p.end, "", "day" if p.day else "month", rule, same_year=(p.name.month, p.day))


def _hijri_with_year(p: MonthPhrase, rule: str, nt: str, pub: date | None) -> Candidate | None:
    if p.name.calendar != "hijri":
        return None  # a Gregorian month name with a هـ suffix: the two disagree, no date
    if not (HIJRI_YEARS[0] <= p.year <= HIJRI_YEARS[1]):
        return None
    g = hijri_to_gregorian(p.year, p.name.month, p.day or 1)
    if g is None:
        return Candidate(p.start, p.end, f"{hijri_year_to_gregorian(p.year):04d}", "year", rule, calendar="hijri")
    if p.day:
        return Candidate(p.start, p.end, g.isoformat(), "day", rule, calendar="hijri")
    return Candidate(p.start, p.end, g.isoformat()[:7], "month", rule, calendar="hijri")


def _hijri_day_month(p: MonthPhrase, rule: str, nt: str, pub: date | None) -> Candidate | None:
    if p.name.calendar != "hijri" or p.ambiguous or p.day is None or pub is None:
        return None
    h = gregorian_to_hijri(pub)
    if h is None:
        return None
    g = hijri_to_gregorian(year_for_month(p.name.month, h[0], h[1], None), p.name.month, p.day)
    return Candidate(p.start, p.end, g.isoformat(), "day", rule, True, "hijri") if g else None


def _with_year(p: MonthPhrase, rule: str, nt: str, pub: date | None) -> Candidate | None:
    if not (NAMED_YEARS[0] <= p.year <= NAMED_YEARS[1]):
        return None
    d = iso(p.year, p.name.month, p.day)
    return Candidate(p.start, p.end, d, "day" if p.day else "month", rule) if d else None


def _relative_year(p: MonthPhrase, rule: str, nt: str, pub: date | None) -> Candidate | None:
    if pub is None:
        return None
    return _relative(p, rule, pub.year + p.relative_year)


def _day_month(p: MonthPhrase, rule: str, nt: str, pub: date | None) -> Candidate | None:
    if pub is None:
        return None
    q = _qualifier(p, nt)
    here, then = (p.name.month, p.day), (pub.month, pub.day)
    if q == FUTURE:
        y = pub.year if here >= then else pub.year + 1
    elif q == -1:
        y = pub.year if here < then else pub.year - 1
    elif q == 1:
        y = pub.year if here > then else pub.year + 1
    else:
        y = year_for_month(p.name.month, pub.year, pub.month, q)
    return _relative(p, rule, y)


def _month(p: MonthPhrase, rule: str, nt: str, pub: date | None) -> Candidate | None:
    if pub is None:
        return None
    return _relative(p, rule, year_for_month(p.name.month, pub.year, pub.month, _qualifier(p, nt)))


def _qualifier(p: MonthPhrase, nt: str) -> int | None:
    """The written qualifier, else FUTURE when the clause speaks of something ahead."""
    if p.qualifier is not None:
        return p.qualifier
    return FUTURE if future_clause(nt, p.start, p.end) else None


def _relative(p: MonthPhrase, rule: str, year: int) -> Candidate | None:
    d = iso(year, p.name.month, p.day)
    return Candidate(p.start, p.end, d, "day" if p.day else "month", rule, relative=True) if d else None


def _range_start(p: MonthPhrase, cand: Candidate) -> Candidate:
    start, end, first = p.range_start
    d = (date.fromisoformat(cand.date) - timedelta(days=p.day - first)).isoformat()
    return Candidate(start, end, d, "day", "timeline.day_range_start", cand.relative, cand.calendar)


def _says_same_year(p: MonthPhrase) -> bool:
    return p.same_year


def _hijri_day_and_year(p: MonthPhrase) -> bool:
    return p.hijri and p.year is not None and bool(p.day)


def _hijri_and_year(p: MonthPhrase) -> bool:
    return p.hijri and p.year is not None


def _hijri_only(p: MonthPhrase) -> bool:
    return p.hijri


def _day_and_year(p: MonthPhrase) -> bool:
    return p.year is not None and bool(p.day)


def _has_year(p: MonthPhrase) -> bool:
    return p.year is not None


def _has_relative_year(p: MonthPhrase) -> bool:
    return p.relative_year is not None


def _has_day(p: MonthPhrase) -> bool:
    return p.day is not None


def _always(p: MonthPhrase) -> bool:
    return True


# (rule, test, builder): the first rule whose test fits the phrase builds its candidate.
_RULE_TABLE = (
    ("timeline.month_same_year", _says_same_year, _same_year),
    ("timeline.hijri_day_month_year", _hijri_day_and_year, _hijri_with_year),
    ("timeline.hijri_month_year", _hijri_and_year, _hijri_with_year),
    ("timeline.hijri_day_month", _hijri_only, _hijri_day_month),
    ("timeline.day_month_year", _day_and_year, _with_year),
    ("timeline.month_year", _has_year, _with_year),
    ("timeline.month_relative_year", _has_relative_year, _relative_year),
    ("timeline.day_month", _has_day, _day_month),
    ("timeline.month", _always, _month),
)
