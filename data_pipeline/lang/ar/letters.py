"""Arabic letters by name, and the definite article with the clitics that attach before it.

Extractors spell Arabic with these names rather than ``\\u`` escapes, and take the article
from here (it was defined in six modules).
"""

from __future__ import annotations

ALEF = "ا"
BA = "ب"
FA = "ف"
KAF = "ك"
LAM = "ل"
WAW = "و"
HA = "ه"
MEEM = "م"
NOON = "ن"
SEEN = "س"
ALEF_MAQSURA = "ى"

ARTICLE = ALEF + LAM  # ال
# The article with what a word may carry before it: ال وال فال بال, and لل (لِ + ال, its alef dropped).
DEFINITE_PREFIXES = (ARTICLE, WAW + ARTICLE, FA + ARTICLE, BA + ARTICLE, LAM + LAM)

# The letters of the normalised view, hamza (ء) to yeh (ي), as a range for a regex character class.
LETTER_RANGE = "ء-ي"
# Tanween fath (ـً), a combining mark: named by its code point, as a literal it would sit on the quote.
FATHATAN = chr(0x064B)
# The Unicode Arabic block as a regex character-class range: a character in it is Arabic script.
ARABIC_BLOCK = chr(0x0600) + "-" + chr(0x06FF)
# The ends of the letter ranges the readers and the tagger test for Arabic script.
HAMZA = "ء"
GHAIN = "غ"
YA = "ي"
ALEF_WASLA = "ٱ"
YEH_BARREE_WITH_HAMZA = "ۓ"
TA = "ت"
TEH_MARBUTA = "ة"
SHADDA = chr(0x0651)  # doubles its letter: ألّف (authored) against ألف (thousand)
SUKUN = chr(0x0652)  # the last of the harakat (a combining mark, like FATHATAN)
TATWEEL = "ـ"
# Regex character-class ranges: the extended letters alef wasla .. yeh barree (Persian and Urdu
# forms), and the short-vowel marks fathatan .. sukun (combining marks, named by their code points).
EXTENDED_LETTER_RANGE = ALEF_WASLA + "-" + YEH_BARREE_WITH_HAMZA
HARAKAT_RANGE = FATHATAN + "-" + SUKUN
