"""What a rule proposes: a ``Candidate`` quantity on the normalised text, with its rule id."""

from __future__ import annotations

from dataclasses import dataclass

from .lexicon import and_fractions, cue_words
from .tokens import tokens_after


@dataclass(frozen=True)
class Candidate:
    """A proposed quantity. ``start``/``end`` index the normalised text (end exclusive).

    ``what`` is the normalised span of the counted (or measured) noun, or None. ``numbers`` are the
    indices, in ``find_numbers``' list, of the numbers the candidate reads (empty for word rules
    such as duals): the resolver lets each number be read once.
    """

    start: int
    end: int
    value: float
    unit: str
    what: tuple[int, int] | None
    approximate: bool
    rule: str
    numbers: tuple[int, ...] = ()


@dataclass(frozen=True)
class Tail:
    """What may follow a unit: ونصف / وربع (a share of one to add) and a hedge (تقريبا)."""

    end: int
    fraction: float
    approximate: bool


def tail(t: str, end: int, value: float) -> Tail:
    """Read ونصف / وربع (only after a whole ``value`` below 1000) and تقريبا after ``end``."""
    toks = tokens_after(t, end, 2)
    fraction = 0.0
    if toks:
        share = and_fractions().get(toks[0][0])
        if share and value.is_integer() and value < 1000:
            fraction = share
            end = toks[0][2]
            toks = toks[1:]
    return Tail(end, fraction, bool(toks) and toks[0][0] in cue_words("approx_after"))


def finished(
    t: str, start: int, end: int, value: float, unit: str, what, approximate: bool, rule: str, numbers=()
) -> Candidate:
    """The candidate with what follows its unit at ``end`` read (see ``tail``)."""
    after = tail(t, end, value)
    return Candidate(
        start, after.end, value + after.fraction, unit, what, approximate or after.approximate, rule, numbers
    )


@dataclass(frozen=True)
class Reading:
    """What one number counts or measures: its rule, unit, span and noun (normalised offsets).

    ``noun_before``: the counted noun comes before the number (الخبراء الثمانية، يوم واحد), so the
    span starts at the noun; otherwise the span starts at the number and ``end`` is the unit's end.
    """

    rule: str
    unit: str
    start: int
    end: int
    what: tuple[int, int] | None
    value: float
    approximate: bool = False
    noun_before: bool = False
