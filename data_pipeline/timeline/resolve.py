"""The one resolver: from every rule's candidates to the dates the timeline reports."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import replace

from .calendar import iso
from .candidate import Candidate
from .recurring import is_recurrence, qualified_by


def resolve(candidates: Sequence[Candidate]) -> list[Candidate]:
    """The dates to report, in text order, from candidates listed in rule order (a pure function).

    1. Where candidates overlap the longest one is kept; between equally long ones, the one listed
       first (rules in ``rules.MATCHERS`` order, each in text order).
    2. A month "of the same year" (مايو من العام نفسه) takes the year of the last absolute
       Gregorian date kept before it; with none before it, it is dropped.
    3. Candidates without a date are dropped.

    Recurrence cues (``recurring``: كل، من كل أسبوع، سنويا) take no part in 1: every date that touches or
    overlaps one is dropped (يوم الاثنين من كل أسبوع is no point), and the cue with it.
    """
    cues = [c for c in candidates if is_recurrence(c)]
    kept = _longest_first([c for c in candidates if not is_recurrence(c)])
    if cues:
        kept = [c for c in kept if not qualified_by(c, cues)]
    return [c for c in _with_same_year(kept) if c.date]


def _longest_first(cands: Sequence[Candidate]) -> list[Candidate]:
    """Non-overlapping candidates, longest first, ties to the earlier listed; sorted by position."""
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


def _with_same_year(kept: list[Candidate]) -> list[Candidate]:
    out = []
    last_year = None
    for c in kept:
        if c.same_year is not None:
            month, day = c.same_year
            c = replace(c, date=(iso(last_year, month, day) or "") if last_year else "")
        elif c.date and not c.relative and c.calendar == "gregorian":
            last_year = int(c.date[:4])
        out.append(c)
    return out
