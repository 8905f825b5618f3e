"""Is a date without a year spoken of as ahead of publication? (سوف، المقبل، من المقرر ...)

A month or a day of a month written without a year is placed on or after publication when its
clause holds a future cue (``date_cues.tsv`` kind ``future``, or ``future_before`` written before
it); a bare weekday only when a ``future_before`` cue is written before it in its clause with no
``frame_break`` (a past reporting verb, لكن) in between. A cue with a past auxiliary just before it
(كان من المقرر) is retracted, except before a month, where it still names a coming month (a
called-off plan).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..lang.ar.sentences import CLAUSE_BREAK
from . import lexicon as lx
from .patterns import CONJUNCTION, NOT_LETTER_AFTER, NOT_LETTER_BEFORE, alt

LEFT_WINDOW = 150  # characters of clause before a date scanned for a future cue
RIGHT_WINDOW = 80  # characters of clause after a month scanned for a future cue
PAST_WINDOW = 12  # characters before a cue scanned for a past auxiliary


@dataclass(frozen=True)
class _Patterns:
    future: re.Pattern | None  # a future cue (anywhere in the clause of a month)
    future_left: re.Pattern  # a future cue before a month, future_before cues included
    future_before: re.Pattern | None  # a future cue before a weekday
    past_before: re.Pattern  # كان من ... right before a cue
    frame_break: re.Pattern  # a past reporting verb or لكن between a cue and a weekday


def _cue_re(words) -> re.Pattern:
    return re.compile(rf"{NOT_LETTER_BEFORE}{CONJUNCTION}{alt(words)}{NOT_LETTER_AFTER}")


@lru_cache(maxsize=1)
def _patterns() -> _Patterns:
    future, future_before = lx.FUTURE.words(), lx.FUTURE_BEFORE.words()
    return _Patterns(
        future=_cue_re(future) if future else None,
        future_left=_cue_re(future | future_before),
        future_before=_cue_re(future_before) if future_before else None,
        # كان من المقرر، وكانت ستعقد: the plan lies in the past
        past_before=re.compile(rf"{NOT_LETTER_BEFORE}{alt(lx.PAST_BEFORE)}\s+(?:{alt(lx.OF)}\s+)?$"),
        frame_break=_cue_re(lx.FRAME_BREAK.words()),
    )


def _clause_start(nt: str, start: int) -> int:
    lo = max(0, start - LEFT_WINDOW)
    for b in CLAUSE_BREAK.finditer(nt, lo, start):
        lo = b.end()
    return lo


def future_clause(nt: str, start: int, end: int) -> bool:
    """True when the clause around the month at [start, end) speaks of something ahead."""
    pat = _patterns()
    if pat.future is None:
        return False
    lo = _clause_start(nt, start)
    hi = min(len(nt), end + RIGHT_WINDOW)
    b = CLAUSE_BREAK.search(nt, end, hi)
    if b:
        hi = b.start()
    # Before the month كان من المقرر still names a coming month (a called-off plan); after it, a
    # retracted cue belongs to another event (أعلنت في فبراير تأجيل جولة كان من المقرر ...).
    if pat.future_left.search(nt, lo, start) is not None:
        return True
    return _unretracted_cue(pat.future, nt, end, hi) is not None


def weekday_ahead(nt: str, start: int) -> bool:
    """True when a future cue is written before the weekday at ``start`` in its clause (ستجرى الأحد)."""
    pat = _patterns()
    if pat.future_before is None:
        return False
    lo = _clause_start(nt, start)
    cue_end = _unretracted_cue(pat.future_before, nt, lo, start)
    return cue_end is not None and pat.frame_break.search(nt, cue_end, start) is None


def _unretracted_cue(cue_re: re.Pattern, nt: str, lo: int, hi: int) -> int | None:
    """End of the last cue in [lo, hi) not put in the past by كان before it, else None."""
    past_before = _patterns().past_before
    last = None
    for m in cue_re.finditer(nt, lo, hi):
        if not past_before.search(nt, max(0, m.start() - PAST_WINDOW), m.start()):
            last = m.end()
    return last
