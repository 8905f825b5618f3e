"""Digit runs: their value (``parse_digits``) and whether a run is a number at all (``digit_run_ok``).

A run is rejected by the first of ``DIGIT_RUN_REJECTS`` that applies: each is a named check on the
characters around the run (codes like F16 or ج2, times, dates, model numbers, phone numbers).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..lang.ar.clitics import CONJUNCTIONS, PREPOSITIONS
from ..lang.ar.letters import LETTER_RANGE
from ..lang.ar.punctuation import ARABIC_COMMA
from .lexicon import glued_words

_LATIN = re.compile(r"[a-z]")
_ARABIC_LETTER = re.compile(f"[{LETTER_RANGE}]")
# و ب ل ف ك written against a digit (بـ12 typed without its tatweel): not a code letter
_DIGIT_CLITICS = "".join(CONJUNCTIONS + PREPOSITIONS)
_GLUED_WORD = re.compile(f"(?<![^\\W\\d_])[{LETTER_RANGE}]+$")  # the Arabic word a digit is glued to
_GLUED_WORD_MIN = 3  # letters: shorter runs (ج2، بي2) are codes, not a word missing its space
_PHONE_DIGITS = 10  # a run this long is a phone number or an identifier
_DASHES = "-\u2013"


def parse_digits(s: str, decimal_comma: bool = False) -> float | None:
    """Value of a digit string with , ، and . separators; None for versions, IDs and odd groupings.

    ``1,500`` and ``1.500.000`` are thousands groupings; a single ``.`` or a single
    ``,`` not followed by exactly three digits is a decimal point (``1,5`` = 1.5). The Arabic
    comma between digits is a comma (``2،5`` = 2.5, ``167،771`` = 167771). ``decimal_comma``: the
    string stands before a scale word that makes a single comma decimal (``1,279 تريليون``).
    """
    if not s or not s[0].isdigit():
        return None
    s = s.replace(ARABIC_COMMA, ",")
    commas, dots = s.count(","), s.count(".")
    if not commas and not dots:
        return float(s)
    if commas and dots:
        return _decimal_after_groups(s)
    sep = "," if commas else "."
    groups = s.split(sep)
    if len(groups) == 2:
        if sep == "," and len(groups[1]) == 3 and _thousands(groups) and not decimal_comma:
            return float("".join(groups))
        return float(groups[0] + "." + groups[1])
    if _thousands(groups):
        return float("".join(groups))
    return None  # 1.2.3: a version or an identifier


def _decimal_after_groups(s: str) -> float | None:
    """1,500.5 or 1.500,5: the last separator is the decimal point, the others group thousands."""
    point, sep = (".", ",") if s.rfind(".") > s.rfind(",") else (",", ".")
    int_part, dec = s.rsplit(point, 1)
    groups = int_part.split(sep)
    if not _thousands(groups):
        return None
    return float("".join(groups) + "." + dec)


def _thousands(groups: list[str]) -> bool:
    return 1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])


@dataclass(frozen=True)
class _Around:
    """A digit run ``text[start:end]`` and the two characters on each side (space off the text)."""

    text: str
    start: int
    end: int
    before: str
    before2: str
    after: str
    after2: str

    @classmethod
    def of(cls, text: str, start: int, end: int, after_article: bool) -> _Around:
        return cls(
            text,
            start,
            end,
            before=text[start - 1] if start > 0 and not after_article else " ",
            before2=text[start - 2] if start > 1 else " ",
            after=text[end] if end < len(text) else " ",
            after2=text[end + 1] if end + 1 < len(text) else " ",
        )


def _glued_to_latin(a: _Around) -> bool:
    """F16, 5G, iOS12 written together."""
    return bool(_LATIN.match(a.before) or _LATIN.match(a.after))


def _hash_or_plus(a: _Around) -> bool:
    """+966..., #5: a phone prefix or a tag."""
    return a.before in "+#" or a.after in "#"


def _code_letter(a: _Around) -> bool:
    """ج2, ب12: a code. A whole word glued by a missing space is not (قيمته5,3 مليار، عند1307.80)."""
    if not _ARABIC_LETTER.match(a.before) or (a.before in _DIGIT_CLITICS and not _ARABIC_LETTER.match(a.before2)):
        return False
    glued = _GLUED_WORD.search(a.text, max(0, a.start - 20), a.start)
    return glued is None or (len(glued.group()) < _GLUED_WORD_MIN and glued.group() not in glued_words())


def _time_or_date(a: _Around) -> bool:
    """10:30, 18/6/2024."""
    return any(
        ch in ":/\\" and (nxt.isdigit() or ch != ":") for ch, nxt in ((a.before, a.before2), (a.after, a.after2))
    )


def _model_name(a: _Around) -> bool:
    """S-400, F-16, كوفيد-19: a dash between the digits and letters."""
    return any(
        ch in _DASHES and bool(_LATIN.match(nxt) or _ARABIC_LETTER.match(nxt))
        for ch, nxt in ((a.before, a.before2), (a.after, a.after2))
    )


def _leading_zero(a: _Around) -> bool:
    """050..., 0123: phone numbers and codes."""
    s = a.text[a.start : a.end]
    return len(s) > 1 and s[0] == "0" and s[1].isdigit()


def _phone_length(a: _Around) -> bool:
    """A run of ten digits or more: phone numbers, identifiers."""
    s = a.text[a.start : a.end]
    return s.isdigit() and len(s) >= _PHONE_DIGITS


DIGIT_RUN_REJECTS = (
    _glued_to_latin,
    _hash_or_plus,
    _code_letter,
    _time_or_date,
    _model_name,
    _leading_zero,
    _phone_length,
)


def digit_run_ok(text: str, start: int, end: int, after_article: bool = False) -> bool:
    """Is ``text[start:end]`` a number? No when one of ``DIGIT_RUN_REJECTS`` applies.

    ``after_article``: the run follows the article (الـ10), so the letter before it is not a code.
    """
    around = _Around.of(text, start, end, after_article)
    return not any(reject(around) for reject in DIGIT_RUN_REJECTS)
