"""Word shapes the entity rules test, spelled once: affixes as normalised text writes them
(ة is folded to ه, every alef form to ا, ى to ي)."""

from __future__ import annotations

import re

from ..lang.ar.clitics import HA, NOON, SEEN, THIRD_PERSON_SUFFIXES, YA
from ..lang.ar.letters import ALEF, ARTICLE, BA, FA, KAF, LAM, LETTER_RANGE, WAW

TEH = "ت"
TEH_MARBUTA_FOLDED = HA  # ة as normalize() writes it
MEEM = "م"

NISBA = YA  # ـي: روسي
NISBA_FEMININE = YA + HA  # ـية: الروسية
NISBA_PLURALS = (YA + WAW + NOON, YA + YA + NOON)  # ـيون ـيين: الحوثيون
NISBA_ENDINGS = (NISBA, NISBA_FEMININE, *NISBA_PLURALS)
SINGULAR_NISBA = (NISBA, NISBA_FEMININE)
FEMININE_PLURAL = ALEF + TEH  # ـات: المخدرات
PLURAL_ENDINGS = (WAW + NOON, YA + NOON)  # ـون ـين: برلمانيون

# Pronoun suffixes of the third person, without ـهن: ـهما ـهم ـها (a noun's possessor) and ـه.
POSSESSIVE_SUFFIXES = tuple(s for s in THIRD_PERSON_SUFFIXES if s not in (HA, HA + NOON))
OBJECT_SUFFIXES = tuple(s for s in THIRD_PERSON_SUFFIXES if s != HA + NOON)

PROCLITIC_LETTERS = WAW + FA + BA + LAM + KAF  # و ف ب ل ك
VERBAL_INITIALS = WAW + YA + TEH + LAM  # و ي ت ل: a conjunction, a verb's prefix, a preposition
FUTURE_VERB_STARTS = (SEEN + YA, SEEN + TEH, SEEN + NOON)  # سي ست سن: the future prefix and a verb
PREP_NOUN_STARTS = (BA + MEEM, BA + ARTICLE)  # بم بال: a preposition and a noun
DOUBLE_LAM = LAM + LAM  # لل: ل + ال
CONJUNCT_ARTICLE = WAW + ARTICLE  # وال
ORG_CHAIN_PREFIXES = (ARTICLE, CONJUNCT_ARTICLE, DOUBLE_LAM)  # ال وال لل: a genitive chain

# A present-tense verb (يشعر: ي/ت + three consonants) or a verbal noun تفعيل (تعزيز).
VERB_SHAPE = re.compile(f"^[{YA}{TEH}][^{ALEF}{WAW}{YA}]{{3}}$|^{TEH}[^{ALEF}{WAW}{YA}]{{2}}{YA}[^{ALEF}{WAW}{YA}]$")
ARABIC_WORD = re.compile(f"[{LETTER_RANGE}]+")  # letters hamza .. yeh only
HAS_DIGIT = re.compile(r"\d")
