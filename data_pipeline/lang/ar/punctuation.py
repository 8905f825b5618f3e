"""Quotation marks of Arabic news text, named once for every extractor.

Arabic outlets quote with guillemets (« »), English double quotes (" “ ” „) and, less often, single
quotes and single guillemets (' ‘ ’ ‹ ›). Claims look for a quoted statement only between double
marks (an apostrophe inside a transliterated name is not a quote); names and aliases drop every mark.
"""

from __future__ import annotations

DOUBLE_QUOTES = "«»\"“”„"
SINGLE_QUOTES = "'‘’‹›"
QUOTES = "«»\"'“”‘’„‹›"  # every mark, in the order the entity aliases have always used

assert set(QUOTES) == set(DOUBLE_QUOTES + SINGLE_QUOTES)

COMMAS = "،,"  # Arabic and Latin comma
# The mark that closes a double quotation opened by each mark (” also opens one, typed with a single key).
CLOSING_QUOTE = {"«": "»", '"': '"', "“": "”", "”": "”", "„": "”"}
ARABIC_COMMA = "،"
ARABIC_SEMICOLON = "؛"
ARABIC_QUESTION_MARK = "؟"
