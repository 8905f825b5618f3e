"""Recurring dates are not points: يوم الاثنين من كل أسبوع، كل يوم الاثنين، سنويا في مارس، في 21 مارس من كل عام.

``recurring_cues`` proposes one candidate per recurrence cue of ``recurring_dates.tsv``, rule
``timeline.recurring``, with no date; its ``precision`` lists the precisions of the dates it makes recurring
(``drops``: كل drops days and months, not كل العام الماضي "the whole of last year"; سنويا drops days and months,
not a year). Its span is the cue with what joins it to its date: a ``before`` cue
(كل، سنويا) with the ``skip`` words after it (يوم، في، عام) and the spaces up to the date; an ``after`` cue
(من كل أسبوع، سنويا) with the spaces and comma before it. ``resolve.resolve`` drops every date that touches
or overlaps such a span, then the cue itself (it has no date).
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from ..lang.ar.clitics import CONJUNCTIONS, PREPOSITIONS
from ..lang.ar.normalize import NormText
from . import lexicon as lx
from .candidate import Candidate
from .patterns import COMMA, NOT_LETTER_AFTER, alt, one_space, word_start

RECURRING_RULE = "timeline.recurring"
_BACK_OVER = f" \t\u00a0{COMMA[1:-1]}"  # what may stand between a date and an `after` cue
_CONJUNCTION_ONLY = frozenset(("", *CONJUNCTIONS))
PREPOSITION = f"[{''.join(PREPOSITIONS)}]?"  # on a skip word; not و, which starts a new phrase


@lru_cache(maxsize=1)
def _before_re() -> re.Pattern:
    return re.compile(rf"({alt(lx.RECURRING_BEFORE)}){NOT_LETTER_AFTER}")


@lru_cache(maxsize=1)
def _skips_re() -> re.Pattern:
    return re.compile(rf"(?:\s+{PREPOSITION}{alt(lx.RECURRING_SKIP)}{NOT_LETTER_AFTER})*\s+")


@lru_cache(maxsize=1)
def _after_re() -> re.Pattern:
    return re.compile(rf"({alt(lx.RECURRING_AFTER)}){NOT_LETTER_AFTER}")


def recurring_cues(norm: NormText, pub: date | None) -> list[Candidate]:
    """The recurrence cues of ``norm`` as dateless candidates (see the module docstring)."""
    nt = norm.text
    drops = lx.recurring_drops()
    out = []
    for m in _before_re().finditer(nt):
        start = word_start(nt, m.start())
        skips = _skips_re().match(nt, m.end())
        if start is not None and skips is not None:
            out.append(Candidate(start, skips.end(), "", drops["before", m.group(1)], RECURRING_RULE))
    for m in _after_re().finditer(nt):
        start = word_start(nt, m.start(), _CONJUNCTION_ONLY)
        if start is None:
            continue
        while start > 0 and nt[start - 1] in _BACK_OVER:
            start -= 1
        out.append(Candidate(start, m.end(), "", drops["after", one_space(m.group(1))], RECURRING_RULE))
    return out


def is_recurrence(c: Candidate) -> bool:
    return c.rule == RECURRING_RULE


def qualified_by(c: Candidate, cues: list[Candidate]) -> bool:
    """A date that touches or overlaps a recurrence cue that drops its precision (a cue's ``precision``
    holds the precisions it drops, ``drops`` in the file): it names a recurring day, not a point."""
    return any(r.start <= c.end and c.start <= r.end and c.precision in r.precision.split("|") for r in cues)
