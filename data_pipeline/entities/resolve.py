"""The one resolver: which candidates become mentions when rules propose overlapping spans.

Rules (``match_gazetteer``, ``refine``, ``persons``, ``orgs``, ``coreference``, ``model``) only
propose :class:`Candidate` spans; :func:`resolve` decides. It is pure: it reads the candidates and
what earlier stages accepted (``taken``) and returns the accepted candidates, changing neither.

The policy, in order:

1. Candidates are visited by ``trigger`` (the position where the rule fired), then ``priority``
   (lower first: the rule's rank, then its own preference among alternatives, e.g. the longer
   span first).
2. A trigger inside the *reach* of the last accepted candidate is skipped: a name matched from
   the left keeps its words, and nothing fires inside it (leftmost first, then the rule order).
3. At one trigger the first *admissible* candidate is accepted and the rest are dropped. A
   candidate is admissible when every position of its span is free: held neither by a mention of
   ``taken`` it does not ``replace``, nor by a candidate accepted before it in this call.
4. A *veto* (a candidate with ``silences``) that is admissible makes no mention: it drops the
   candidates of the rules it silences at its trigger (مطار الملك with no name after it: the title
   announces no person), and the next candidates there are tried.
5. A *block* (a candidate without a mention and without ``silences``) is accepted like a mention
   (it keeps its span and reach) but makes none: a block phrase keeps a shorter alias from firing
   inside it.

Each stage calls :func:`resolve` once over its candidates, or once per mention it rewrites (a
refinement proposes alternatives for one mention; the first admissible replaces it).
"""

from __future__ import annotations

from bisect import bisect_right, insort
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import groupby
from typing import Any, Protocol


@dataclass(frozen=True, eq=False)
class Candidate:
    """A span a rule proposes: positions ``start`` .. ``end`` (exclusive) in the stage's units
    (tokens, or characters of the original text for the tagger's spans)."""

    rule: str  # the rule id (entities.RULES)
    trigger: int
    start: int
    end: int
    match: Any = None  # what accepting it makes; None: a block or a veto
    priority: int = 0
    reach: int | None = None  # the next trigger visited is at or after it (default: ``end``)
    replaces: tuple = ()  # mentions of ``taken`` this candidate takes the place of
    silences: frozenset[str] = field(default_factory=frozenset)  # a veto: rules dropped at its trigger

    @property
    def next_trigger(self) -> int:
        return self.end if self.reach is None else self.reach


class Occupancy(Protocol):
    """What earlier stages accepted: the mentions holding positions ``start`` .. ``end``."""

    def holders(self, start: int, end: int) -> Iterable[object]: ...


class Intervals:
    """Accepted spans as sorted, non-overlapping intervals; a span is checked against its two
    neighbours by start (the one starting last at or before it, the one starting first after it)."""

    def __init__(self, spans: Iterable[tuple[int, int, object]] = ()):
        self.spans = sorted(spans, key=lambda s: (s[0], s[1]))
        self.starts = [s[0] for s in self.spans]

    def holders(self, start: int, end: int) -> list[object]:
        i = bisect_right(self.starts, start)
        out = []
        if i > 0 and self.spans[i - 1][1] > start:
            out.append(self.spans[i - 1][2])
        if i < len(self.spans) and self.spans[i][0] < end:
            out.append(self.spans[i][2])
        return out

    def overlaps(self, start: int, end: int) -> bool:
        return bool(self.holders(start, end))


class _Nothing:
    def holders(self, start: int, end: int) -> tuple:
        return ()


def resolve(candidates: Iterable[Candidate], taken: Occupancy | None = None) -> list[Candidate]:
    """The accepted candidates, in the order they were accepted (see the module's policy)."""
    taken = taken if taken is not None else _Nothing()
    ordered = sorted(candidates, key=lambda c: (c.trigger, c.priority))
    accepted: list[Candidate] = []
    mine: list[tuple[int, int]] = []  # spans accepted in this call, sorted
    reach: int | None = None
    for trigger, group in groupby(ordered, key=lambda c: c.trigger):
        if reach is not None and trigger < reach:
            continue
        chosen = _first_admissible(list(group), taken, mine)
        if chosen is not None:
            accepted.append(chosen)
            insort(mine, (chosen.start, chosen.end))
            reach = chosen.next_trigger
    return accepted


def _first_admissible(group: Sequence[Candidate], taken: Occupancy, mine: list[tuple[int, int]]) -> Candidate | None:
    silenced: set[str] = set()
    for c in group:
        if c.rule in silenced or not _admissible(c, taken, mine):
            continue
        if c.silences:
            silenced |= c.silences
            continue
        return c
    return None


def _admissible(c: Candidate, taken: Occupancy, mine: list[tuple[int, int]]) -> bool:
    if any(all(h is not r for r in c.replaces) for h in taken.holders(c.start, c.end)):
        return False
    i = bisect_right(mine, (c.start, c.end))
    return not ((i > 0 and mine[i - 1][1] > c.start) or (i < len(mine) and mine[i][0] < c.end))
