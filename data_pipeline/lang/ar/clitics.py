"""Clitics: what Arabic writes attached to a word.

Proclitics come before the word (و "and", ف "so", ب "with", ل "for", ك "like", س future); the
pronoun suffixes come after it (ـه "his", ـها "her", ـهم "their", ...). Lists are longest first,
so stripping with the first suffix that fits takes the whole suffix (ـهما before ـهم before ـه).
"""

from __future__ import annotations

from .letters import ALEF, BA, FA, HA, KAF, LAM, MEEM, NOON, SEEN, WAW, YA

CONJUNCTIONS = (WAW, FA)  # و ف
PREPOSITIONS = (BA, LAM, KAF)  # ب ل ك
PROCLITICS = CONJUNCTIONS + PREPOSITIONS + (SEEN,)
# What a noun may carry before it, longest first: a conjunction then a preposition (وب ول وك فب فل فك),
# or either alone (و ف ب ل ك).
NOUN_PROCLITICS = tuple(c + p for c in CONJUNCTIONS for p in PREPOSITIONS) + CONJUNCTIONS + PREPOSITIONS

# Third-person object and possessive suffixes: ـهما ـهم ـهن ـها ـه.
THIRD_PERSON_SUFFIXES = (HA + MEEM + ALEF, HA + MEEM, HA + NOON, HA + ALEF, HA)
# Every pronoun suffix, first and second person included: ـهما ـهم ـهن ـها ـنا ـني ـه ـي.
PRONOUN_SUFFIXES = THIRD_PERSON_SUFFIXES[:4] + (NOON + ALEF, NOON + YA, HA, YA)
