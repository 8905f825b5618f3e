"""Timeline extraction: every date an article states, resolved to an ISO Gregorian date.

``extract_dates(doc)`` returns one ``TimelinePoint`` per date expression. Offsets index
``doc.text`` (end exclusive); ``point.text == doc.text[point.start:point.end]``. Matching runs
on the normalised view (``data_pipeline.lang.ar.normalize``) and is mapped back through ``NormText.span``.

Knowledge lives in ``data_pipeline/resources/``: ``months.tsv`` (Gregorian Egyptian/Gulf,
Levantine/Iraqi, Maghrebi and Hijri month names), ``weekdays.tsv``, ``relative_dates.tsv``
(اليوم، أمس، الشهر الماضي ... and the qualifiers الماضي/المقبل/الجاري) and ``date_cues.tsv``
(year cues, calendar suffixes, counted nouns, ordinal days).

Conventions a caller needs:
- ``date`` is ISO ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` with ``precision`` year/month/day,
  always Gregorian; ``calendar`` says how the date was written.
- Relative expressions resolve against ``doc.published`` (ISO date), never the machine clock,
  and are skipped when it is None. ``relative=True`` marks them.
  * اليوم (optionally + weekday) = publication day; أمس = -1 day; أول أمس = -2 ...
  * a bare weekday (الإثنين، يوم الأحد، مساء السبت) = the latest such day on or before
    publication; with الماضي strictly before, with المقبل/القادم strictly after; after a future
    cue earlier in its clause (من المقرر، ستجرى; not كان من المقرر, not past a reporting verb) the
    first such day on or after publication. A night over two days (ليل الخميس الجمعة) gives
    both days, consecutive.
  * a day range before a month (من 8 إلى 19 أيار، يومي 20 و21 مارس) gives its first day too.
  * a month without a year (في سبتمبر، في 30 أبريل) = that month in the publication year if it is
    not later in the calendar than the publication month, else the year before; with الماضي the
    latest one strictly before the publication month, with المقبل the next one strictly after.
  * الشهر الماضي / العام الماضي ... move by whole months / years.
  * week phrases (الأسبوع الماضي) are recognised but emit no point: TimelinePoint has no week
    precision and a single day would claim more than the text says.
- Hijri: a full date is converted with ``hijridate``; month + year gives the Gregorian month
  containing the 1st of that Hijri month (precision month); a year alone (1445هـ) gives the
  Gregorian year containing its 1 Muharram (precision year). Outside hijridate's range
  (1343-1500 AH) a year is approximated arithmetically.
- A bare 4-digit number is a year only with a cue (a year noun عام/سنة, a preposition such as
  في/منذ/حتى/خلال/مطلع, an event, season or period noun such as انتخابات/صيف/الربع الأول من,
  a calendar suffix م/هـ, a list or range of years) and within a
  plausible range, and never when a counted noun or unit follows (2000 جندي، 1500 دولار).
- Durations (يومين، لمدة عامين، منذ ثلاث سنوات) are not points.
"""

from __future__ import annotations

import bisect
import re
from datetime import date, timedelta
from functools import lru_cache

from .lang.ar.normalize import NormText, normalize
from .records import Document, TimelinePoint
from .resources import load_tsv

# Plausible year ranges: bare years announced only by a preposition or a list need a modern
# range; a year noun (عام 1517) or a calendar suffix (622م, 1445هـ) is trusted further back.
MODERN_YEARS = (1800, 2100)
NAMED_YEARS = (1000, 2100)
SUFFIXED_GREGORIAN_YEARS = (1, 2100)
HIJRI_YEARS = (1, 1500)
HIJRIDATE_RANGE = (1343, 1500)
# How far back from a date anchor the left context (weekday, day, cue) is searched, in characters.
LEFT_WINDOW = 48
# A dateline date sits near the start of its line.
DATELINE_LINE_PREFIX = 90

LETTER = r"[^\W\d_]"
NOT_LETTER_BEFORE = rf"(?<!{LETTER})"
NOT_LETTER_AFTER = rf"(?!{LETTER})"
DIGIT = "[0-9]"
ARTICLE = "\u0627\u0644"  # ال
ARABIC_COMMA = "\u060c"


def _norm(word: str) -> str:
    return normalize(word).text.strip()


def _alternation(words) -> str:
    """A regex matching any of ``words``, longest first, factored as a trie.

    Python's engine tries alternatives one by one at every position; sharing prefixes
    (ال...) makes scanning several times faster than a flat ``a|b|c``. A space in a word
    matches any run of whitespace.
    """
    trie: dict = {}
    for word in {w for w in words if w}:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_regex(trie) or "(?!)"


def _trie_regex(node: dict) -> str:
    alts = [(r"\s+" if ch == " " else re.escape(ch)) + _trie_regex(sub) for ch, sub in sorted(node.items()) if ch]
    if not alts:
        return ""
    if "" in node:
        return "(?:" + "|".join(alts) + ")?"  # greedy: the longer word is tried first
    return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"


def _with_lil(words) -> list[str]:
    """Add the ل + ال -> لل spelling of words that carry the article (العام -> للعام)."""
    out = list(words)
    out += ["\u0644" + w[1:] for w in words if w.startswith(ARTICLE)]
    return out


class _Lexicon:
    """Month, weekday, relative-phrase and cue data, normalised once, with the regexes built from them."""

    def __init__(self) -> None:
        self.months: dict[str, tuple[int, str, bool]] = {}
        for row in load_tsv("months.tsv", required=("name", "month", "calendar", "gloss")):
            self.months[_norm(row["name"])] = (int(row["month"]), row["calendar"], row.get("ambiguous") == "1")
        self.weekdays = {
            _norm(r["name"]): int(r["isoweekday"])
            for r in load_tsv("weekdays.tsv", required=("name", "isoweekday", "gloss"))
        }
        self.phrases: dict[str, tuple[str, int, bool]] = {}
        self.qualifiers: dict[str, int] = {}
        for row in load_tsv("relative_dates.tsv", required=("phrase", "unit", "offset", "gloss")):
            key = _norm(row["phrase"])
            if row["unit"] == "qualifier":
                self.qualifiers[key] = int(row["offset"])
            else:
                self.phrases[key] = (row["unit"], int(row["offset"]), row.get("strict") == "1")
        cues: dict[str, dict[str, str]] = {}
        for row in load_tsv("date_cues.tsv", required=("kind", "word", "gloss")):
            cues.setdefault(row["kind"], {})[_norm(row["word"])] = row.get("value", "")
        self.calendar_suffix = cues.get("calendar", {})
        self.counted_nouns = set(cues.get("counted_noun", {}))
        self.ordinals = {w: int(v) for w, v in cues.get("day_ordinal", {}).items()}
        self.not_today = set(cues.get("not_today", {}))
        self.period_nouns = set(cues.get("period_noun", {}))
        future_before = list(cues.get("future_before", {}))
        future = list(cues.get("future", {}))
        self.future_re = re.compile(rf"{NOT_LETTER_BEFORE}[\u0648\u0641]?(?:{_alternation(future)}){NOT_LETTER_AFTER}") if future else None
        self.future_left_re = re.compile(
            rf"{NOT_LETTER_BEFORE}[\u0648\u0641]?(?:{_alternation(future + future_before)}){NOT_LETTER_AFTER}"
        )
        self.future_before_re = (
            re.compile(rf"{NOT_LETTER_BEFORE}[\u0648\u0641]?(?:{_alternation(future_before)}){NOT_LETTER_AFTER}")
            if future_before else None
        )
        # كان من المقرر، وكانت ستعقد: the plan lies in the past
        self.past_before_re = re.compile(
            rf"{NOT_LETTER_BEFORE}(?:{_alternation(cues.get('past_before', {}))})\s+(?:\u0645\u0646\s+)?$"
        )
        self.frame_break_re = re.compile(
            rf"{NOT_LETTER_BEFORE}[\u0648\u0641]?(?:{_alternation(cues.get('frame_break', {}))}){NOT_LETTER_AFTER}"
        )
        self.night_before_re = re.compile(rf"{NOT_LETTER_BEFORE}(?:{_alternation(cues.get('night', {}))})\s+$")
        year_words = list(cues.get("year_word", {}))
        month_words = list(cues.get("month_word", {}))
        cue_words = list(cues.get("cue", {}))

        mon = _alternation(self.months)
        wd = _alternation(self.weekdays)
        qual = _alternation(self.qualifiers)
        cal = _alternation(self.calendar_suffix)
        yw = _alternation(_with_lil(year_words))
        mw = _alternation(month_words)
        year_phrases = [p for p, (u, _, _) in self.phrases.items() if u == "year"]
        clitic = "(?:[\u0648\u0641]?[\u0628\u0644\u0643]?)"  # و ف then ب ل ك

        # Scanning patterns start with the word itself: a leading look-behind would make the engine try
        # every position; the left boundary and clitics are checked by _word_start instead.
        self.month_re = re.compile(rf"(?:{mon}){NOT_LETTER_AFTER}")
        # حزيران/يونيو, حزيران (يونيو), يونيو - حزيران, نوفمبر تشرين الثاني (kept only when both name one month)
        self.second_month_re = re.compile(rf"\s*(?:[/(\-\u2013]\s*)?({mon}){NOT_LETTER_AFTER}(?:\s*\))?")
        self.year_after_re = re.compile(
            rf"\s*[,{ARABIC_COMMA}]?\s*(?:\u0645\u0646\s+)?(?:(?:{yw})\s*)?"  # من عام
            rf"(?<![0-9])({DIGIT}{{4}})(?![0-9]|[.,][0-9])"
            rf"(?:\s*({cal}){NOT_LETTER_AFTER})?"
        )
        self.rel_year_after_re = re.compile(
            rf"\s+(?:\u0645\u0646\s+)?({_alternation(_with_lil(year_phrases))}){NOT_LETTER_AFTER}"
        )
        self.same_year_after_re = re.compile(
            rf"\s+(?:\u0645\u0646\s+)?(?:{_alternation(cues.get('same_year', {}))}){NOT_LETTER_AFTER}"
        )
        self.qualifier_after_re = re.compile(rf"\s+({qual}){NOT_LETTER_AFTER}")
        # Left of a month: optional weekday, then a day number or an ordinal + من, optional شهر.
        self.day_before_re = re.compile(
            rf"(?:{NOT_LETTER_BEFORE}{clitic}({wd})\s*[,{ARABIC_COMMA}]?\s*(?:\u0627\u0644\u0645\u0648\u0627\u0641\u0642\s*)?)?"
            rf"(?:{NOT_LETTER_BEFORE}\u0648?(?:{ARTICLE})?(?<![0-9.,/])({DIGIT}{{1,2}})|{NOT_LETTER_BEFORE}({_alternation(self.ordinals)})\s+\u0645\u0646)"
            rf"\s*(?:\u0645\u0646\s+)?(?:(?:{mw})\s+)?$"
        )
        # the first day of a day range written before the day of a month: من 8 إلى 19 أيار، يومي 20 و21 مارس
        self.range_first_day_re = re.compile(
            rf"{NOT_LETTER_BEFORE}(?:{ARTICLE})?(?<![0-9.,/])({DIGIT}{{1,2}})\s*"
            r"(?:[\-\u2013]|\u0627\u0644\u064a|\u062d\u062a\u064a|\u0648\s*\u062d\u062a\u064a|\u0648)\s*$"
        )  # - – إلى حتى و
        self.month_word_before_re = re.compile(rf"{NOT_LETTER_BEFORE}{clitic}({mw})\s+$")
        self.cue_before_re = re.compile(
            rf"{NOT_LETTER_BEFORE}{clitic}(?:{_alternation(cue_words)})\s*(?:{NOT_LETTER_BEFORE}(?:{mw}|{yw})\s*)?$"
        )
        self.weekday_before_re = re.compile(
            rf"{NOT_LETTER_BEFORE}{clitic}({wd})\s*[,{ARABIC_COMMA}]?\s*(?:\u0627\u0644\u0645\u0648\u0627\u0641\u0642\s*)?$"
        )
        # 18/06/2024, 18-6-2024, 3 / 2 / 1440 هـ, 2024-06-18
        cal_after = rf"(?:\s*({cal}){NOT_LETTER_AFTER})?"
        self.numeric_re = re.compile(
            rf"({DIGIT}{{1,2}}) ?([\-/.]) ?({DIGIT}{{1,2}}) ?\2 ?({DIGIT}{{4}})(?![0-9]|[./\-][0-9]){cal_after}"
            rf"|({DIGIT}{{4}}) ?([\-/.]) ?({DIGIT}{{1,2}}) ?\7 ?({DIGIT}{{1,2}})(?![0-9]|[./\-][0-9]){cal_after}"
        )
        self.year_re = re.compile(
            rf"({DIGIT}{{3,4}})(?![0-9]|[.,/:][0-9])(?:\s*({cal}){NOT_LETTER_AFTER})?"
        )
        self.year_cue_before_re = re.compile(
            rf"{NOT_LETTER_BEFORE}{clitic}(?:{_alternation(_with_lil(cues.get('year_cue', {})))})\s*$"
        )
        self.year_word_before_re = re.compile(rf"{NOT_LETTER_BEFORE}{clitic}({yw})\s*$")
        self.year_sep_re = re.compile(
            r"\s*(?:[,\u060c\-\u2013\u2014/]|\u0648|\u0627\u0648|\u062b\u0645|\u0627\u0644\u064a|\u062d\u062a\u064a)?"
            r"\s*(?:\u0648\s*)?(?:\u0627\u0644\u064a|\u062d\u062a\u064a)?\s*"
        )  # , - / و أو ثم إلى حتى
        self.range_sep_re = re.compile(r"\s*(?:[\-\u2013\u2014/]|\u0627\u0644\u064a|\u062d\u062a\u064a|\u0648\s*\u062d\u062a\u064a)\s*")
        self.next_token_re = re.compile(rf"\s*({LETTER}+)")
        self.after_number_block_re = re.compile(r"\s*[%$\u20ac\u00a3]")
        self.relative_re = re.compile(
            rf"({_alternation(_with_lil(self.phrases))}){NOT_LETTER_AFTER}"
            rf"(?:\s*[,{ARABIC_COMMA}]?\s*({wd}){NOT_LETTER_AFTER})?"
        )
        self.weekday_re = re.compile(
            rf"({wd}){NOT_LETTER_AFTER}(?:\s+({qual}){NOT_LETTER_AFTER})?"
        )
        self.prev_token_re = re.compile(rf"({LETTER}+)\s*$")
        self.lil_phrases = {("\u0644" + p[1:]): p for p in self.phrases if p.startswith(ARTICLE)}


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    return _Lexicon()


_BOUNDARY_RE = re.compile(r"\.(?![0-9])|:(?![0-9])|[\u061f?!\u061b;\n]")


# ---------------------------------------------------------------- calendar helpers


# Relative dates are resolved only for publication dates a year of arithmetic away from the
# calendar's ends (date(9999, 12, 31) + 1 day would overflow).
_PUBLISHED_RANGE = (date(2, 1, 1), date(9998, 12, 31))


def _parse_published(value: str | None) -> date | None:
    if not value:
        return None
    try:
        pub = date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None
    return pub if _PUBLISHED_RANGE[0] <= pub <= _PUBLISHED_RANGE[1] else None


def _add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    idx = year * 12 + (month - 1) + delta
    return idx // 12, idx % 12 + 1


def _hijri_to_gregorian(year: int, month: int, day: int) -> date | None:
    if not (HIJRIDATE_RANGE[0] <= year <= HIJRIDATE_RANGE[1]):
        return None
    try:
        from hijridate import Hijri

        return Hijri(year, month, day).to_gregorian()
    except (ValueError, OverflowError):
        return None


def _hijri_year_to_gregorian(year: int) -> int:
    """Gregorian year containing 1 Muharram of Hijri ``year``."""
    g = _hijri_to_gregorian(year, 1, 1)
    if g is not None:
        return g.year
    return int(year * 0.970229 + 621.5643)  # mean length ratio of the two years


def _gregorian_to_hijri(d: date) -> tuple[int, int, int] | None:
    try:
        from hijridate import Gregorian

        h = Gregorian(d.year, d.month, d.day).to_hijri()
        return h.year, h.month, h.day
    except (ValueError, OverflowError):
        return None


# between the two weekdays of a night: ليل الخميس الجمعة، ليل الخميس - الجمعة، ليل الخميس إلى الجمعة
NIGHT_GAP_RE = re.compile(r"\s*(?:[\-\u2013/]|\u0627\u0644\u064a|\u0648)?\s*(?:\u064a\u0648\u0645\s+)?")
FUTURE = 2  # qualifier set by a future cue in the clause: on or after publication
FUTURE_LEFT_WINDOW = 150  # characters of clause before a month scanned for a future cue
FUTURE_RIGHT_WINDOW = 80
_CLAUSE_BOUNDARY_RE = re.compile(r"\.(?![0-9])|[\u061f?!\u061b;\n]")


def _future_clause(lex, nt: str, start: int, end: int) -> bool:
    """True when the clause around [start, end) speaks of something ahead (سوف، المقبل، من المقرر ...)."""
    if lex.future_re is None:
        return False
    lo = max(0, start - FUTURE_LEFT_WINDOW)
    for b in _CLAUSE_BOUNDARY_RE.finditer(nt, lo, start):
        lo = b.end()
    hi = min(len(nt), end + FUTURE_RIGHT_WINDOW)
    b = _CLAUSE_BOUNDARY_RE.search(nt, end, hi)
    if b:
        hi = b.start()
    # Before the month كان من المقرر still names a coming month (a called-off plan); after it, a
    # retracted cue belongs to another event (أعلنت في فبراير تأجيل جولة كان من المقرر ...).
    if lex.future_left_re.search(nt, lo, start) is not None:
        return True
    return _unretracted_cue(lex, lex.future_re, nt, end, hi) is not None


def _unretracted_cue(lex, cue_re, nt: str, lo: int, hi: int) -> int | None:
    """End of the last future cue in [lo, hi) not put in the past by كان before it, else None."""
    last = None
    for m in cue_re.finditer(nt, lo, hi):
        if not lex.past_before_re.search(nt, max(0, m.start() - 12), m.start()):
            last = m.end()
    return last


def _weekday_ahead(lex, nt: str, start: int) -> bool:
    """True when a future cue is written before the weekday at ``start`` in its clause (ستجرى الأحد)."""
    if lex.future_before_re is None:
        return False
    lo = max(0, start - FUTURE_LEFT_WINDOW)
    for b in _CLAUSE_BOUNDARY_RE.finditer(nt, lo, start):
        lo = b.end()
    cue_end = _unretracted_cue(lex, lex.future_before_re, nt, lo, start)
    return cue_end is not None and lex.frame_break_re.search(nt, cue_end, start) is None


def _year_for_month(month: int, ref_year: int, ref_month: int, qualifier: int | None) -> int:
    if qualifier == FUTURE:
        return ref_year if month >= ref_month else ref_year + 1
    if qualifier == -1:
        return ref_year if month < ref_month else ref_year - 1
    if qualifier == 1:
        return ref_year if month > ref_month else ref_year + 1
    if qualifier == 0:
        return ref_year
    return ref_year if month <= ref_month else ref_year - 1


def _iso(y: int, m: int | None = None, d: int | None = None) -> str | None:
    try:
        if d is not None:
            return date(y, m, d).isoformat()
        if m is not None:
            return f"{date(y, m, 1).isoformat()[:7]}"
        return f"{date(y, 1, 1).isoformat()[:4]}"
    except (ValueError, TypeError):
        return None


# ---------------------------------------------------------------- matching


class _Cand:
    """A matched date expression in normalised coordinates, before overlap resolution."""

    __slots__ = ("start", "end", "date", "precision", "relative", "calendar", "same_year")

    def __init__(self, start, end, iso, precision, relative=False, calendar="gregorian", same_year=None):
        self.start, self.end, self.date = start, end, iso
        self.precision, self.relative, self.calendar = precision, relative, calendar
        self.same_year = same_year  # (month, day) waiting for the year written before it


_CLITIC_PREFIXES = frozenset(
    ["", "\u0648", "\u0641", "\u0628", "\u0644", "\u0643"]  # و ف ب ل ك
    + [a + b for a in "\u0648\u0641" for b in "\u0628\u0644\u0643"]  # وب ول وك فب فل فك
)
_NO_CLITIC = frozenset([""])
_CONJUNCTION_ONLY = frozenset(["", "\u0648"])  # و


def _word_start(nt: str, i: int, allowed: frozenset = _CLITIC_PREFIXES) -> int | None:
    """Start of the word whose stem begins at ``i`` if the letters before it are allowed clitics, else None."""
    k = i
    while k > 0 and i - k < 3 and nt[k - 1].isalpha():
        k -= 1
    if k > 0 and nt[k - 1].isalpha():
        return None
    return k if nt[k:i] in allowed else None


def _next_token(lex: _Lexicon, nt: str, pos: int) -> str:
    m = lex.next_token_re.match(nt, pos)
    return m.group(1) if m else ""


def _match_months(lex: _Lexicon, nt: str, pub: date | None, out: list) -> None:
    for m in lex.month_re.finditer(nt):
        if _word_start(nt, m.start(), _CONJUNCTION_ONLY) is None:
            continue
        name = m.group()
        key = re.sub(r"\s+", " ", name)
        month, calendar, ambiguous = lex.months[key]
        start, end = m.start(), m.end()
        m2 = lex.second_month_re.match(nt, end)
        if m2:
            month2, cal2, _ = lex.months[re.sub(r"\s+", " ", m2.group(1))]
            if cal2 == calendar and month2 == month:
                end = m2.end()
                ambiguous = False
        year = cal_word = None
        qualifier = rel_year = None
        same_year = False
        ya = lex.year_after_re.match(nt, end)
        sy = None if ya else lex.same_year_after_re.match(nt, end)
        if sy:
            same_year = True
            end = sy.end()
        elif ya:
            year, cal_word = int(ya.group(1)), ya.group(2)
            end = ya.end()
        else:
            ry = lex.rel_year_after_re.match(nt, end)
            if ry:
                phrase = re.sub(r"\s+", " ", ry.group(1))
                rel_year = lex.phrases[lex.lil_phrases.get(phrase, phrase)][1]
                end = ry.end()
            else:
                q = lex.qualifier_after_re.match(nt, end)
                if q:
                    qualifier = lex.qualifiers[q.group(1)]
                    end = q.end()
        day = None
        first_day = None
        lo = max(0, start - LEFT_WINDOW)
        db = lex.day_before_re.search(nt, lo, start)
        if db:
            day = int(db.group(2)) if db.group(2) else lex.ordinals[re.sub(r"\s+", " ", db.group(3))]
            if db.group(2) and not db.group(1):
                rf = lex.range_first_day_re.search(nt, max(0, db.start(2) - 16), db.start(2))
                if rf and 1 <= int(rf.group(1)) < day:
                    first_day = (rf.start(1), rf.end(1), int(rf.group(1)))
            start = db.start(1) if db.group(1) else (db.start(2) if db.group(2) else db.start(3))
            if db.group(3):
                pn = lex.prev_token_re.search(nt, max(0, start - 20), start)
                if pn and pn.group(1) in lex.period_nouns:
                    day = None  # الأسبوع الأول من أكتوبر: a part of the month, month precision
                    start = pn.start(1)
            # a leading "ال" of "الـ18" stays outside the span only if the digit group is the start
            if db.group(2) and not db.group(1) and nt[max(0, start - 2) : start] == ARTICLE:
                start -= 2
        cued = False
        mw = lex.month_word_before_re.search(nt, lo, start) if day is None else None
        if mw:
            cued = True
            start = mw.start(1)
        if day is None and year is None:
            if not cued and lex.cue_before_re.search(nt, lo, start):
                cued = True
            if qualifier is not None or rel_year is not None or same_year:
                cued = True
            if not cued or ambiguous:
                continue
        if same_year:
            if calendar == "gregorian":
                out.append(_Cand(start, end, "", "day" if day else "month", same_year=(month, day)))
            continue
        if year is None and qualifier is None and rel_year is None and _future_clause(lex, nt, start, end):
            qualifier = FUTURE
        if calendar == "hijri" or (cal_word and lex.calendar_suffix.get(cal_word) == "hijri"):
            cand = _resolve_hijri(month, day, year, calendar, ambiguous, pub, start, end)
        else:
            cand = _resolve_gregorian(month, day, year, qualifier, rel_year, ambiguous, pub, start, end)
        if cand:
            out.append(cand)
            if first_day and cand.precision == "day":
                s1, e1, d1 = first_day
                iso1 = (date.fromisoformat(cand.date) - timedelta(days=day - d1)).isoformat()
                out.append(_Cand(s1, e1, iso1, "day", cand.relative, cand.calendar))


def _resolve_gregorian(month, day, year, qualifier, rel_year, ambiguous, pub, start, end):
    if year is not None:
        if not (NAMED_YEARS[0] <= year <= NAMED_YEARS[1]):
            return None
        iso = _iso(year, month, day)
        return _Cand(start, end, iso, "day" if day else "month") if iso else None
    if ambiguous and day is None:
        return None
    if pub is None:
        return None
    if rel_year is not None:
        y = pub.year + rel_year
    elif day is not None and qualifier == FUTURE:
        y = pub.year if (month, day) >= (pub.month, pub.day) else pub.year + 1
    elif day is not None and qualifier in (-1, 1):
        later = (month, day) > (pub.month, pub.day)
        earlier = (month, day) < (pub.month, pub.day)
        y = (pub.year if earlier else pub.year - 1) if qualifier == -1 else (pub.year if later else pub.year + 1)
    else:
        y = _year_for_month(month, pub.year, pub.month, qualifier)
    iso = _iso(y, month, day)
    return _Cand(start, end, iso, "day" if day else "month", relative=True) if iso else None


def _resolve_hijri(month, day, year, calendar, ambiguous, pub, start, end):
    if calendar != "hijri":
        # a Gregorian month name with a هـ suffix: trust the month name, ignore the suffix
        return None
    if year is None:
        if ambiguous or day is None or pub is None:
            return None
        h = _gregorian_to_hijri(pub)
        if h is None:
            return None
        year = _year_for_month(month, h[0], h[1], None)
        g = _hijri_to_gregorian(year, month, day)
        return _Cand(start, end, g.isoformat(), "day", True, "hijri") if g else None
    if not (HIJRI_YEARS[0] <= year <= HIJRI_YEARS[1]):
        return None
    g = _hijri_to_gregorian(year, month, day or 1)
    if g is None:
        return _Cand(start, end, f"{_hijri_year_to_gregorian(year):04d}", "year", calendar="hijri")
    if day:
        return _Cand(start, end, g.isoformat(), "day", calendar="hijri")
    return _Cand(start, end, g.isoformat()[:7], "month", calendar="hijri")


def _match_numeric(lex: _Lexicon, nt: str, out: list) -> None:
    for m in lex.numeric_re.finditer(nt):
        if m.start() > 0 and nt[m.start() - 1] in "0123456789./-":
            continue
        if m.group(1):
            a, b, y = int(m.group(1)), int(m.group(3)), int(m.group(4))
            d, mo = (a, b) if b <= 12 else (b, a)  # Arabic writes day first; swap only when forced
            cal = m.group(5)
        else:
            y, mo, d = int(m.group(6)), int(m.group(8)), int(m.group(9))
            cal = m.group(10)
        calendar = lex.calendar_suffix.get(cal or "", "gregorian")
        if calendar == "hijri":
            g = _hijri_to_gregorian(y, mo, d) if 1 <= mo <= 12 and 1 <= d <= 30 else None
            iso = g.isoformat() if g else None
        elif MODERN_YEARS[0] <= y <= MODERN_YEARS[1]:
            iso = _iso(y, mo, d)
        else:
            iso = None
        if not iso:
            continue
        start = m.start()
        wb = lex.weekday_before_re.search(nt, max(0, start - LEFT_WINDOW), start)
        if wb:
            start = wb.start(1)
        out.append(_Cand(start, m.end(), iso, "day", calendar=calendar))


class _YearNumber:
    """A 3-4 digit number that may be a year, with what its context says about it."""

    __slots__ = ("start", "end", "year", "cued", "named", "cal", "blocked", "weak_suffix")

    def __init__(self, start, end, year, cued, named, cal, blocked, weak_suffix):
        self.start, self.end, self.year, self.cued, self.named = start, end, year, cued, named
        self.cal, self.blocked, self.weak_suffix = cal, blocked, weak_suffix


def _year_numbers(lex: _Lexicon, nt: str) -> list[_YearNumber]:
    items = []
    for m in lex.year_re.finditer(nt):
        num_start = m.start(1)
        if num_start > 0 and nt[num_start - 1] in "0123456789.,:":
            continue
        cal = lex.calendar_suffix.get(m.group(2) or "", "")
        lo = max(0, num_start - LEFT_WINDOW)
        yw = lex.year_word_before_re.search(nt, lo, num_start)
        named = yw is not None
        # a lone م after a number may be metres (سباق 1500 م): it names the calendar, but is no cue
        weak_suffix = cal == "gregorian" and len(m.group(2)) == 1
        if len(m.group(1)) == 3 and not (cal and (named or not weak_suffix)):
            continue  # a 3-digit year needs its calendar written (عام 622م, 132هـ)
        start = yw.start(1) if yw else num_start
        cued = (
            named
            or (bool(cal) and not weak_suffix)
            or bool(lex.cue_before_re.search(nt, lo, start))
            or bool(lex.year_cue_before_re.search(nt, lo, start))
        )
        blocked = bool(lex.after_number_block_re.match(nt, m.end())) or (
            not cal and _next_token(lex, nt, m.end()) in lex.counted_nouns
        )
        items.append(_YearNumber(start, m.end(), int(m.group(1)), cued, named, cal, blocked, weak_suffix))
    return items


def _match_years(lex: _Lexicon, nt: str, out: list) -> None:
    """Bare years: cued ones, and lists/ranges of years (1961 و2000 و2001, 2003-2011)."""
    items = _year_numbers(lex, nt)
    i, n = 0, len(items)
    while i < n:
        j = i
        range_like = False
        while j + 1 < n:
            gap = nt[items[j].end : items[j + 1].start]
            if not lex.year_sep_re.fullmatch(gap):
                break
            range_like = range_like or bool(lex.range_sep_re.fullmatch(gap))
            j += 1
        chain = items[i : j + 1]
        i = j + 1
        last = chain[-1]
        ends_clause = not re.match(rf"\s*{LETTER}", nt[last.end : last.end + 3])
        chain_cued = any(c.cued for c in chain) or len(chain) >= 3 or (
            len(chain) == 2 and (range_like or ends_clause) and chain[0].year < chain[1].year
        )
        for c in chain:
            if c.blocked or (last.blocked and not c.cued) or not (c.cued or chain_cued):
                continue
            if c.cal == "hijri":
                if HIJRI_YEARS[0] <= c.year <= HIJRI_YEARS[1]:
                    iso = f"{_hijri_year_to_gregorian(c.year):04d}"
                    out.append(_Cand(c.start, c.end, iso, "year", calendar="hijri"))
                continue
            if c.cal and (c.named or not c.weak_suffix):
                lo_hi = SUFFIXED_GREGORIAN_YEARS
            else:
                lo_hi = NAMED_YEARS if c.named else MODERN_YEARS
            if lo_hi[0] <= c.year <= lo_hi[1]:
                out.append(_Cand(c.start, c.end, f"{c.year:04d}", "year"))


def _match_relative(lex: _Lexicon, nt: str, original: NormText, pub: date, out: list) -> None:
    for m in lex.relative_re.finditer(nt):
        if _word_start(nt, m.start()) is None:
            continue
        phrase = re.sub(r"\s+", " ", m.group(1))
        phrase = lex.lil_phrases.get(phrase, phrase)
        unit, offset, strict = lex.phrases[phrase]
        start, end = m.start(1), m.end()
        if (start and nt[start - 1] in "#_") or nt[m.end(1) : m.end(1) + 1] == "_":
            continue  # a hashtag phrase (#اليوم_العالمي_للمرأة) names no day
        has_weekday = m.group(2) is not None
        if not has_weekday:
            end = m.end(1)
            nxt = _next_token(lex, nt, end)
            prev = lex.prev_token_re.search(nt, max(0, start - 20), start)
            if unit == "day" and offset == 0 and (
                nxt in lex.not_today
                or (prev and prev.group(1) in lex.not_today)
                or (nxt.startswith(ARTICLE) and phrase == "\u0627\u0644\u064a\u0648\u0645")  # اليوم + ال-noun
            ):
                continue
            if strict:
                a, b = original.span(start, end)
                tanween = "\u064b" in original.original[a : b + 1]
                if not (tanween or not re.match(rf"\s*{LETTER}", nt[end : end + 3])):
                    continue
        if unit == "day":
            out.append(_Cand(start, end, (pub + timedelta(days=offset)).isoformat(), "day", relative=True))
        elif unit == "month":
            y, mo = _add_months(pub.year, pub.month, offset)
            out.append(_Cand(start, end, f"{y:04d}-{mo:02d}", "month", relative=True))
        elif unit == "year":
            out.append(_Cand(start, end, f"{pub.year + offset:04d}", "year", relative=True))
        # unit == "week": recognised, no point (see module docstring)


def _match_weekdays(lex: _Lexicon, nt: str, pub: date, out: list) -> None:
    matches = [
        m for m in lex.weekday_re.finditer(nt)
        if _word_start(nt, m.start()) is not None
        and _next_token(lex, nt, m.end(1)) != "\u0639\u0634\u0631"  # الأحد عشر = eleven
    ]
    night_second = {}  # index of the second weekday of ليل الخميس الجمعة -> date of the first
    for i, m in enumerate(matches):
        if i in night_second:
            d = night_second[i] + timedelta(days=1)
            out.append(_Cand(m.start(1), m.end(), d.isoformat(), "day", relative=True))
            continue
        target = lex.weekdays[m.group(1)]
        qualifier = lex.qualifiers[m.group(2)] if m.group(2) else None
        nxt = matches[i + 1] if i + 1 < len(matches) else None
        if (
            qualifier is None and nxt is not None and not nxt.group(2)
            and lex.weekdays[nxt.group(1)] == target % 7 + 1
            and NIGHT_GAP_RE.fullmatch(nt, m.end(), nxt.start())
            and lex.night_before_re.search(nt, max(0, m.start() - 16), m.start())
        ):
            # a night over two days: anchor the pair on the first day (on or before publication), or,
            # announced ahead, on the second day (on or after publication)
            if _weekday_ahead(lex, nt, m.start()):
                second = pub + timedelta(days=(target % 7 + 1 - pub.isoweekday()) % 7)
                d = second - timedelta(days=1)
            else:
                d = pub - timedelta(days=(pub.isoweekday() - target) % 7)
            night_second[i + 1] = d
            out.append(_Cand(m.start(1), m.end(), d.isoformat(), "day", relative=True))
            continue
        back = (pub.isoweekday() - target) % 7
        if qualifier == -1 and back == 0:
            back = 7
        if qualifier == 1:
            d = pub + timedelta(days=(target - pub.isoweekday()) % 7 or 7)
        elif qualifier is None and _weekday_ahead(lex, nt, m.start()):
            d = pub + timedelta(days=(target - pub.isoweekday()) % 7)  # on or after publication
        else:
            d = pub - timedelta(days=back)
        out.append(_Cand(m.start(1), m.end(), d.isoformat(), "day", relative=True))


def _resolve_overlaps(cands: list[_Cand]) -> list[_Cand]:
    """Keep the longest expression where matches overlap; ties go to the earlier-found matcher."""
    order = sorted(range(len(cands)), key=lambda i: (-(cands[i].end - cands[i].start), i))
    # Kept spans never overlap, so sorted by (start, end) their ends rise too: the one kept span
    # that can overlap [start, end) is the last that starts before end (bisect, not a scan).
    taken: list[tuple[int, int]] = []
    kept = []
    for i in order:
        c = cands[i]
        j = bisect.bisect_left(taken, (c.end,))
        if j > 0 and taken[j - 1][1] > c.start:
            continue
        bisect.insort(taken, (c.start, c.end))
        kept.append(c)
    kept.sort(key=lambda c: (c.start, c.end))
    return kept


def _candidates(nt: NormText, pub: date | None) -> list[_Cand]:
    lex = _lexicon()
    text = nt.text
    cands: list[_Cand] = []
    _match_months(lex, text, pub, cands)
    _match_numeric(lex, text, cands)
    _match_years(lex, text, cands)
    if pub is not None:
        _match_relative(lex, text, nt, pub, cands)
        _match_weekdays(lex, text, pub, cands)
    kept = _resolve_overlaps(cands)
    last_year = None
    for c in kept:
        if c.same_year is not None:
            month, day = c.same_year
            c.date = _iso(last_year, month, day) if last_year else None
        elif c.date and not c.relative and c.calendar == "gregorian":
            last_year = int(c.date[:4])
    return [c for c in kept if c.date]


# ---------------------------------------------------------------- public API


def _event_bounds(text: str) -> list[int]:
    return [m.start() for m in _BOUNDARY_RE.finditer(text)]


def extract_dates(doc: Document, norm: NormText | None = None) -> list[TimelinePoint]:
    """Every date expression in ``doc.text`` as a TimelinePoint (offsets into ``doc.text``).

    ``norm`` may pass an already computed ``normalize(doc.text)``. Relative expressions
    resolve against ``doc.published`` and are skipped when it is None.
    """
    text = doc.text or ""
    if norm is None or norm.original != text:
        norm = normalize(text)
    pub = _parse_published(doc.published)
    cands = _candidates(norm, pub)
    if not cands:
        return []
    bounds = _event_bounds(text)
    # Points in one event share its text: cut and strip it once (a table of years with no
    # sentence end copied the whole text for each of them: quadratic time and memory).
    events: dict[tuple[int, int], str] = {}
    points = []
    for c in cands:
        start, end = norm.span(c.start, c.end)
        if end <= start:
            continue
        i = bisect.bisect_left(bounds, start)
        ev_start = bounds[i - 1] + 1 if i > 0 else 0
        j = bisect.bisect_left(bounds, end)
        ev_end = bounds[j] if j < len(bounds) else len(text)
        event = events.get((ev_start, ev_end))
        if event is None:
            event = events[ev_start, ev_end] = text[ev_start:ev_end].strip()
        points.append(
            TimelinePoint(
                doc_id=doc.doc_id,
                date=c.date,
                precision=c.precision,
                text=text[start:end],
                start=start,
                end=end,
                event=event,
                relative=c.relative,
                calendar=c.calendar,
            )
        )
    return points


def find_dateline_date(text: str, window: int = 400) -> str | None:
    """The publication date (ISO YYYY-MM-DD) stated in a dateline among the first ``window`` characters.

    A dateline date is an absolute, day-precision date (Gregorian or Hijri) written near the
    start of its line ("الإيطالية نيوز، الثلاثاء 18 يونيو 2024 - ...", "الرياض - 12 ذو الحجة 1445 هـ").
    Returns None when there is none.
    """
    head = (text or "")[: max(0, window)]
    if not head:
        return None
    norm = normalize(head)
    for c in _candidates(norm, None):
        if c.precision != "day" or c.relative:
            continue
        line_start = norm.text.rfind("\n", 0, c.start) + 1
        if c.start - line_start <= DATELINE_LINE_PREFIX:
            return c.date
    return None
