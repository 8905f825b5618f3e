"""The rule ids of the quantity extractor and what each matched, in words an analyst reads.

Every ``Quantity`` record carries the id of the rule that proposed it (``Quantity.rule``).
"""

from __future__ import annotations

from ..resources import rule_descriptions

NUMBER_THEN_UNIT = "quantities.number_then_unit"
PERCENT = "quantities.percent"
CURRENCY = "quantities.currency"
SYMBOL_THEN_NUMBER = "quantities.symbol_then_number"
NUMBER_OF_NOUN = "quantities.number_of_noun"
NUMBER_OF_PLURAL = "quantities.number_of_plural"
COUNT_OF = "quantities.count_of"
NOUN_THEN_CARDINAL = "quantities.noun_then_cardinal"
NOUN_THEN_ONE = "quantities.noun_then_one"
RANGE = "quantities.range"
SHARED_UNIT = "quantities.shared_unit"
NUMBER_THEN_NOUN = "quantities.number_then_noun"
DUAL = "quantities.dual"
OPEN_DUAL = "quantities.open_dual"
AGE_OF_LIFE = "quantities.age_of_life"
AGE_AFTER_CUE = "quantities.age_after_cue"
FRACTION = "quantities.fraction"
UNIT_AND_FRACTION = "quantities.unit_and_fraction"
TWICE = "quantities.twice"

# rule id -> what it matched, in English (resources/rules.tsv: "why extracted" in both languages)
RULES: dict[str, str] = rule_descriptions("quantities")
