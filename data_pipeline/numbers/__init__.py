"""Arabic number grammar: digits with separators and cardinal number words.

Works on the normalised view (``normalize(text).text``: Arabic-Indic digits are
ASCII there, ٫ is ``.`` and ٬ is ``,``, alef/hamza, ى/ي and ة/ه are folded).
``find_numbers`` returns ``NumberSpan`` records whose ``start``/``end`` index
that normalised text (end exclusive); map them to the original text with
``NormText.span``. ``parse_number`` reads one whole string ("11 ألف",
"خمسة وعشرون", "مليون ونصف", "1,500.5") and returns its value or ``None``.

Grammar, kept simple and explicit:
- a group is hundreds + units + tens (مئة وخمسة وعشرون = 125), a teen
  (ثلاثة عشر = 13) or a digit string (11, 1.5, 1,500);
- a multiplier multiplies the group before it (11 ألف = 11000, ثلاثة آلاف =
  3000, 1.5 مليار); a multiplier alone means one (ألف = 1000); groups joined
  by و add up in decreasing order (مليون و200 ألف = 1,200,000);
- duals of multipliers are two of them (ألفين = 2000, مليوني = 2,000,000);
- ونصف / وربع after a multiplier adds that fraction of it (مليون ونصف);
  نصف before a multiplier is a half of it (نصف مليون);
- plural multipliers with no count (آلاف، ملايين) are vague, not numbers;
- أحد / إحدى are numbers only in أحد عشر / إحدى عشرة; عشر after an ordinal
  (الثالث عشر) is part of the ordinal, not a number.
Number words with the article (الثلاثة) are returned with ``definite=True``
and joined only into a definite teen or compound (الاثني عشر، الخمس والعشرين):
whether they count anything depends on the noun before them, which the caller
decides.

Modules: ``lexicon`` (the number words), ``digits`` (digit runs: value, and the named checks that
reject codes, times, dates and phone numbers), ``atoms`` (digit runs and number words with their
proclitics), ``grammar`` (the state machine, one step per kind of atom), ``find`` (numbers in a text).
"""

from __future__ import annotations

from .digits import parse_digits
from .find import NumberSpan, find_numbers, parse_number
from .lexicon import NumberWord, glued_words, number_words

__all__ = ["NumberSpan", "NumberWord", "find_numbers", "glued_words", "number_words", "parse_digits", "parse_number"]
