"""The one resolver: which of the proposed candidates become quantities.

Policy, in two steps (``resolve`` is pure: candidates in, kept candidates out, in text order):

1. A number is read once. When several candidates read the same number (``Candidate.numbers``),
   only those whose rule comes first in ``NUMBER_PRECEDENCE`` stay: a range reads its two numbers
   (the second number's own reading gives way), then the number's own reading (a unit, a noun
   before it, من + noun, عدد + noun), then a unit shared with the next number ("3 أو 4 أيام"),
   then an unknown noun after it, and last a symbol written before it.
2. Overlapping spans: the longest span wins; between spans of one length the earlier start wins,
   and between identical spans the candidate proposed first (the order of ``extract.propose``).
"""

from __future__ import annotations

import bisect

from .candidates import Candidate
from .rules import NUMBER_THEN_NOUN, RANGE, SHARED_UNIT, SYMBOL_THEN_NUMBER

# Rank of a rule among the candidates reading one number (lower wins); unlisted rules are the
# number's own readings (readings.READINGS), which never compete with each other.
NUMBER_PRECEDENCE = {RANGE: 0, SHARED_UNIT: 2, NUMBER_THEN_NOUN: 3, SYMBOL_THEN_NUMBER: 4}
_OWN_READING = 1


def _rank(c: Candidate) -> int:
    return NUMBER_PRECEDENCE.get(c.rule, _OWN_READING)


def one_reading_per_number(cands: list[Candidate]) -> list[Candidate]:
    """Step 1: drop a candidate when a number it reads has a candidate of a better rank."""
    best: dict[int, int] = {}
    for c in cands:
        for i in c.numbers:
            best[i] = min(best.get(i, _rank(c)), _rank(c))
    return [c for c in cands if all(best[i] == _rank(c) for i in c.numbers)]


def longest_first(cands: list[Candidate]) -> list[Candidate]:
    """Step 2: keep the longest of overlapping spans (ties: earlier start, then list order)."""
    kept: list[Candidate] = []
    # Kept spans never overlap, so sorted by (start, end) their ends rise too: the one kept span
    # that can overlap [a, b) is the last that starts before b (bisect, not a scan of all kept).
    taken: list[tuple[int, int]] = []
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), c.start)):
        i = bisect.bisect_left(taken, (c.end,))
        if i == 0 or taken[i - 1][1] <= c.start:
            bisect.insort(taken, (c.start, c.end))
            kept.append(c)
    return sorted(kept, key=lambda c: c.start)


def resolve(cands: list[Candidate]) -> list[Candidate]:
    """The quantities among ``cands`` (in ``extract.propose`` order), in text order."""
    return longest_first(one_reading_per_number(cands))
