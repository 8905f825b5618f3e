"""Arabic letters by name, and the definite article with the clitics that attach before it.

Extractors spell Arabic with these names rather than ``\\u06xx`` escapes, and take the article
from here (it was defined in six modules).
"""

from __future__ import annotations

ALEF = "ا"
BA = "ب"
FA = "ف"
KAF = "ك"
LAM = "ل"
WAW = "و"

ARTICLE = ALEF + LAM  # ال
# The article with what a word may carry before it: ال وال فال بال, and لل (لِ + ال, its alef dropped).
DEFINITE_PREFIXES = (ARTICLE, WAW + ARTICLE, FA + ARTICLE, BA + ARTICLE, LAM + LAM)

# Regex character-class ranges: the letters hamza .. yeh, the extended letters alef wasla .. yeh
# barree (Persian and Urdu forms), and the short-vowel marks fathatan .. sukun.
LETTER_RANGE = "ء-ي"
EXTENDED_LETTER_RANGE = "ٱ-ۓ"
HARAKAT_RANGE = "\u064b-\u0652"
