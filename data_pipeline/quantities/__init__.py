"""Quantities: a number with its unit or counted noun, as written in the article.

``extract_quantities(doc, norm=None) -> list[Quantity]``. Offsets index ``doc.text`` (end
exclusive); matching runs on the normalised view and is mapped back through ``NormText.span``.
Every record carries the id of the rule that found it (``RULES`` says what each one matched).

How it runs (``extract.propose``, then ``resolve.resolve``):
- ``numbers.find_numbers`` reads the numbers; ``readings.read_numbers`` gives each one a guard
  (``guards.GUARDS``: ألف the verb ألّف, a title such as ألف ليلة وليلة, a year, a day, a time, an
  identifier, the percent sign in words) or its
  reading, the first of ``readings.READINGS`` that applies (a noun before it, a unit after it,
  من + noun, عدد + noun, the word for one after its noun);
- ``number_rules`` proposes from the readings (ranges, a unit shared with the next number, an
  unknown noun after a bare number, a symbol before a number), ``word_rules`` and ``ages`` from
  the text (duals, fractions of one unit, مثلي, ages);
- ``resolve.resolve`` keeps one reading per number and the longest of overlapping spans;
- ``variants.specify_units`` turns a unit several currencies share (جنيه) into the one the article names
  (its statement, the article, then the outlet's country: ``unit_variants.tsv``, ``outlets.tsv``).

Knowledge lives in ``resources/units.tsv``, ``quantity_cues.tsv``, ``quantity_suffixes.tsv``,
``quantity_grammar.tsv`` and ``number_words.tsv`` (``lexicon``). Not quantities: bare numbers with
no unit or noun, years, days of a date, times, identifiers and ranks, ordinals, phone numbers,
versions, digits glued to Latin letters. ``docs/extractors.md`` lists what each rule reads.
"""

from __future__ import annotations

from .extract import extract_quantities
from .lexicon import GENERIC_UNIT, Unit, cues, unit_lexicon
from .rules import RULES

__all__ = ["GENERIC_UNIT", "RULES", "Unit", "cues", "extract_quantities", "unit_lexicon"]
