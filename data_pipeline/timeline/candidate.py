"""A date a rule proposes, before the resolver chooses between overlapping ones."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Candidate:
    """A matched date expression in normalised coordinates (``NormText.text``, end exclusive).

    ``date`` is ISO ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (Gregorian), matching ``precision``;
    ``rule`` is the id of the rule that proposed it (``RULES``). A month written "of the same year"
    waits for its year: ``date`` is empty and ``same_year`` holds ``(month, day or None)`` until the
    resolver gives it the year of the date before it.
    """

    start: int
    end: int
    date: str
    precision: str  # year, month or day
    rule: str
    relative: bool = False  # resolved against the publication date
    calendar: str = "gregorian"  # as written: gregorian or hijri
    same_year: tuple[int, int | None] | None = None
