"""The rule ids of the quantity extractor and what each matched, in words an analyst reads.

Every ``Quantity`` record carries the id of the rule that proposed it (``Quantity.rule``).
"""

from __future__ import annotations

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

RULES: dict[str, str] = {
    NUMBER_THEN_UNIT: "A number followed by a unit of measure or time, or by a counted noun from the unit list "
    "(152 ملم، 3 أيام، 25 شخصا).",
    PERCENT: "A number followed by a percent sign or by بالمئة / في المئة (50%، 7 بالمئة).",
    CURRENCY: "A number followed by a currency (3 ملايين دولار، 500 روبل).",
    SYMBOL_THEN_NUMBER: "A currency or percent symbol written before the number ($100، %50).",
    NUMBER_OF_NOUN: "A number, then من and a counted noun from the unit list (20 من الجنود، 5 من جنودها).",
    NUMBER_OF_PLURAL: "A number, then من and a plural noun missing from the unit list, counted as items (38 من رفات).",
    COUNT_OF: "A number next to عدد and the noun it counts (بلغ عدد القتلى 300).",
    NOUN_THEN_CARDINAL: "A definite number after the plural noun it counts (الخبراء الثمانية، أطفالها الأربعة، "
    "السنوات الـ25).",
    NOUN_THEN_ONE: "The word for one after a unit or counted noun (يوم واحد، سنتيمتر واحد أو اثنين).",
    RANGE: "Two numbers sharing one unit, read as the lower bound and marked approximate "
    "(بين 10 و20 شخصا، 150-200 مسلمة).",
    SHARED_UNIT: "A number that takes the unit of the number after it (3 أو 4 أيام: 3 days).",
    NUMBER_THEN_NOUN: "A number followed by a noun missing from the unit list, counted as items "
    "(or people for a nationality: 500 فلسطيني).",
    DUAL: "A unit or counted noun in the dual, meaning two (يومين، شخصين).",
    OPEN_DUAL: "A dual of a noun missing from the unit list that the news vocabulary knows, meaning two items "
    "(مجموعتين، فلسطينيان).",
    AGE_OF_LIFE: "An age in years: a number before من العمر / من عمره (في الرابعة والخمسين من عمرها).",
    AGE_AFTER_CUE: "An age in years: a definite number after سن، ابن، ابنة، بعمر (دون سن الثلاثين).",
    FRACTION: "A fraction of one unit of time, measure or money (نصف ساعة = 0.5 hour، ربع قرن).",
    UNIT_AND_FRACTION: "One unit of time, measure or money and a fraction (عام ونصف = 1.5 years).",
    TWICE: "مثلي after a comparison word, meaning twice (بما يعادل مثلي = 2 fold).",
}
