"""Regex pieces every date rule shares, built from the declared word lists.

Patterns run on the normalised view (``lang.ar.normalize``): digits are ASCII, alef forms are ا,
ى is ي and ة is ه. Scanning patterns start with the word itself (a leading look-behind would make
the engine try every position); the left boundary and clitics are checked by ``word_start``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..lang.ar.clitics import CONJUNCTIONS, PREPOSITIONS
from ..lang.ar.letters import WAW
from ..lang.ar.patterns import alternation
from ..lang.ar.punctuation import ARABIC_COMMA
from . import lexicon as lx

LETTER = r"[^\W\d_]"
NOT_LETTER_BEFORE = rf"(?<!{LETTER})"
NOT_LETTER_AFTER = rf"(?!{LETTER})"
DIGIT = "[0-9]"
COMMA = rf"[,{ARABIC_COMMA}]"
# a conjunction (و ف) then a preposition (ب ل ك), each optional
CLITIC = rf"(?:[{''.join(CONJUNCTIONS)}]?[{''.join(PREPOSITIONS)}]?)"
CONJUNCTION = rf"[{''.join(CONJUNCTIONS)}]?"
# How far back from a date anchor the left context (weekday, day, cue) is searched, in characters.
LEFT_WINDOW = 48

NEXT_TOKEN_RE = re.compile(rf"\s*({LETTER}+)")
PREV_TOKEN_RE = re.compile(rf"({LETTER}+)\s*$")
_SPACES_RE = re.compile(r"\s+")

_CLITIC_PREFIXES = frozenset(
    ["", *CONJUNCTIONS, *PREPOSITIONS] + [a + b for a in CONJUNCTIONS for b in PREPOSITIONS]
)
_CONJUNCTION_ONLY = frozenset(["", WAW])


def alt(words) -> str:
    """A non-capturing group matching any of ``words`` (a Lexicon or an iterable), longest first."""
    return "(?:" + alternation(words.words() if isinstance(words, lx.Lexicon) else words) + ")"


def one_space(text: str) -> str:
    """``text`` with each run of whitespace as one space (the form of the lexicon's keys)."""
    return _SPACES_RE.sub(" ", text)


def word_start(nt: str, i: int, allowed: frozenset = _CLITIC_PREFIXES) -> int | None:
    """Start of the word whose stem begins at ``i`` if the letters before it are allowed clitics, else None."""
    k = i
    while k > 0 and i - k < 3 and nt[k - 1].isalpha():
        k -= 1
    if k > 0 and nt[k - 1].isalpha():
        return None
    return k if nt[k:i] in allowed else None


def after_conjunction(nt: str, i: int) -> bool:
    """True when the word at ``i`` starts a word or follows a bare و (وأكتوبر)."""
    return word_start(nt, i, _CONJUNCTION_ONLY) is not None


def next_token(nt: str, pos: int) -> str:
    m = NEXT_TOKEN_RE.match(nt, pos)
    return m.group(1) if m else ""


@lru_cache(maxsize=1)
def weekday_before_re() -> re.Pattern:
    """A weekday written just before a date, with its comma and الموافق (الخميس، الموافق 5 ...)."""
    return re.compile(
        rf"{NOT_LETTER_BEFORE}{CLITIC}({alt(lx.weekday_numbers())})\s*{COMMA}?\s*(?:{alt(lx.CORRESPONDING)}\s*)?$"
    )


@lru_cache(maxsize=1)
def cue_before_re() -> re.Pattern:
    """A cue (في، منذ، مطلع ...) just before a month or year, with an optional شهر or عام after it."""
    year_words = alt(lx.with_lil(lx.YEAR_WORDS.words()))
    return re.compile(
        rf"{NOT_LETTER_BEFORE}{CLITIC}{alt(lx.CUES)}\s*(?:{NOT_LETTER_BEFORE}(?:{alt(lx.MONTH_WORDS)}|{year_words})\s*)?$"
    )
