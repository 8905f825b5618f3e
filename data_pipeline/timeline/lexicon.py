"""The words the timeline reads, declared once (``data_pipeline/resources/``).

``months.tsv`` (Gregorian Egyptian/Gulf, Levantine/Iraqi, Maghrebi and Hijri month names),
``weekdays.tsv``, ``relative_dates.tsv`` (اليوم، أمس، الشهر الماضي ... and the qualifiers
الماضي/المقبل/الجاري), ``recurring_dates.tsv`` (كل، من كل أسبوع، سنويا: a recurring date is no point),
``date_cues.tsv`` (year cues, calendar suffixes, counted nouns, ordinal
days, future cues ...) and ``timeline_connectors.tsv`` (من، الموافق، إلى، حتى ... between the
parts of a date). Every word is normalised as the text is matched (``normalize_key``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..lang.ar.letters import ARTICLE, LAM
from ..lang.ar.lexicon import Lexicon
from ..lang.ar.normalize import normalize_key

MONTHS = Lexicon("months.tsv", key="name", required=("month", "calendar", "gloss"))
WEEKDAYS = Lexicon("weekdays.tsv", key="name", required=("isoweekday", "gloss"))
RELATIVE_DATES = Lexicon("relative_dates.tsv", key="phrase", required=("unit", "offset", "gloss"))
RECURRING = Lexicon("recurring_dates.tsv", required=("kind", "drops", "gloss"))
RECURRING_BEFORE = Lexicon("recurring_dates.tsv", required=("kind", "drops", "gloss"), where=("kind", "before"))
RECURRING_AFTER = Lexicon("recurring_dates.tsv", required=("kind", "drops", "gloss"), where=("kind", "after"))
RECURRING_SKIP = Lexicon("recurring_dates.tsv", required=("kind", "drops", "gloss"), where=("kind", "skip"))
QUALIFIERS = Lexicon("relative_dates.tsv", key="phrase", required=("unit", "offset", "gloss"),
                     where=("unit", "qualifier"))


def _cues(kind: str) -> Lexicon:
    return Lexicon("date_cues.tsv", key="word", required=("kind", "gloss"), where=("kind", kind))


def _connectors(kind: str) -> Lexicon:
    return Lexicon("timeline_connectors.tsv", key="word", required=("kind", "gloss"), where=("kind", kind))


# date_cues.tsv, one declaration per kind (the file's header explains each)
CUES = _cues("cue")
YEAR_CUES = _cues("year_cue")
YEAR_WORDS = _cues("year_word")
MONTH_WORDS = _cues("month_word")
COUNTED_NOUNS = _cues("counted_noun")
CALENDAR_SUFFIXES = _cues("calendar")
DAY_ORDINALS = _cues("day_ordinal")
NOT_TODAY = _cues("not_today")
TODAY_NAMES = _cues("today_name")
FUTURE = _cues("future")
FUTURE_BEFORE = _cues("future_before")
PAST_BEFORE = _cues("past_before")
FRAME_BREAK = _cues("frame_break")
NIGHT = _cues("night")
PERIOD_NOUNS = _cues("period_noun")
SAME_YEAR = _cues("same_year")

# timeline_connectors.tsv
OF = _connectors("of")
CORRESPONDING = _connectors("corresponding")
AND = _connectors("and")
YEAR_JOINERS = _connectors("year_joiner")
RANGE_ENDS = _connectors("range_end")
RANGE_WORDS = _connectors("range_word")
NIGHT_JOINERS = _connectors("night_joiner")
DAY_NOUNS = _connectors("day_noun")
TEENS = _connectors("teen")


@dataclass(frozen=True)
class MonthName:
    month: int  # 1-12 in its calendar
    calendar: str  # gregorian or hijri
    ambiguous: bool  # also a common word or a personal name (صفر، رمضان)


@dataclass(frozen=True)
class RelativePhrase:
    unit: str  # day, week, month or year
    offset: int  # how many units from publication
    strict: bool  # a date only with tanween or at a clause end (غدا، not غد + noun)


@lru_cache(maxsize=1)
def month_names() -> dict[str, MonthName]:
    """Normalised month name -> what it names."""
    return {name: MonthName(int(r["month"]), r["calendar"], r.get("ambiguous") == "1")
            for name, r in _by_word(MONTHS).items()}


@lru_cache(maxsize=1)
def recurring_drops() -> dict[tuple[str, str], str]:
    """(kind, normalised cue) -> the precisions it makes recurring (day|month)."""
    return {(r["kind"], normalize_key(r["word"])): r["drops"] for r in RECURRING.rows()}


@lru_cache(maxsize=1)
def weekday_numbers() -> dict[str, int]:
    """Normalised weekday name -> ISO weekday (Monday = 1)."""
    return {name: int(n) for name, n in WEEKDAYS.mapping("isoweekday").items()}


@lru_cache(maxsize=1)
def relative_phrases() -> dict[str, RelativePhrase]:
    """Normalised phrase (اليوم، الشهر الماضي ...) -> how far it moves from publication."""
    return {phrase: RelativePhrase(r["unit"], int(r["offset"]), r.get("strict") == "1")
            for phrase, r in _by_word(RELATIVE_DATES).items() if r["unit"] != "qualifier"}


@lru_cache(maxsize=1)
def qualifier_offsets() -> dict[str, int]:
    """Normalised qualifier after a month or weekday (الماضي -1, المقبل +1, الجاري 0)."""
    return {word: int(offset) for word, offset in QUALIFIERS.mapping("offset").items()}


@lru_cache(maxsize=1)
def calendar_suffixes() -> dict[str, str]:
    """Normalised suffix after a year (هـ، م) -> the calendar it names."""
    return CALENDAR_SUFFIXES.mapping("value")


@lru_cache(maxsize=1)
def ordinal_days() -> dict[str, int]:
    """Normalised ordinal day written in words (الأول، الخامس عشر) -> day of month."""
    return {word: int(day) for word, day in DAY_ORDINALS.mapping("value").items()}


@lru_cache(maxsize=1)
def lil_phrases() -> dict[str, str]:
    """The لل spelling of a relative phrase with the article -> the phrase (للعام الماضي -> العام الماضي)."""
    return {LAM + p[1:]: p for p in relative_phrases() if p.startswith(ARTICLE)}


def with_lil(words) -> list[str]:
    """``words`` and the ل + ال -> لل spelling of those that carry the article (العام -> للعام)."""
    out = list(words)
    out += [LAM + w[1:] for w in words if w.startswith(ARTICLE)]
    return out


def _by_word(spec: Lexicon) -> dict[str, dict[str, str]]:
    """Normalised key word -> its row (the first row wins for a repeated word)."""
    out: dict[str, dict[str, str]] = {}
    for row in spec.rows():
        out.setdefault(normalize_key(row[spec.key]), row)
    return out
