"""Atoms: the pieces a number is read from, a digit run or a number word, with their proclitics.

Offsets index the normalised text (end exclusive).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..lang.ar.letters import ARTICLE, BA, FA, KAF, LAM, WAW
from ..lang.ar.patterns import alternation
from ..lang.ar.punctuation import ARABIC_COMMA
from .digits import digit_run_ok, parse_digits
from .lexicon import NumberWord, decimal_comma_scales, number_words

# Proclitics before a number word: conjunction و/ف, preposition ب/ل/ك, article ال (or لل = ل + ال).
_PROCLITICS = rf"(?:[{WAW}{FA}]?(?:{LAM}{LAM}|[{BA}{LAM}{KAF}]?(?:{ARTICLE})?))"
# الـ10، الـ 25، بالـ5: digits with the article written before them (tatweel is gone in the view)
_ARTICLE_BEFORE_DIGITS = re.compile(rf"(?<![^\W\d_])([{WAW}{FA}]?(?:{LAM}{LAM}|[{BA}{KAF}]?{ARTICLE})) ?$")
_NEXT_WORD = re.compile(r"[^\S\n]*([^\W\d_]+)")
_PREVIOUS_TOKEN = re.compile(r"([^\W_]+)[^\S\n]*$")


@dataclass(frozen=True)
class Atom:
    start: int  # of the whole token including proclitics
    core_start: int
    end: int
    prefix: str
    core: str
    value: float
    kind: str  # digits or a NumberWord kind

    @property
    def definite(self) -> bool:
        """Written with the article (الثلاثة، الـ10، للعشرين)."""
        return self.prefix.endswith((ARTICLE, LAM + LAM))


@lru_cache(maxsize=1)
def _atom_re() -> re.Pattern:
    alt = alternation(w for w, nw in number_words().items() if nw.kind != "ordinal")
    return re.compile(
        rf"(?P<digits>(?<![\d.,])\d+(?:[.,]\d+|{ARABIC_COMMA}\d{{1,3}}(?!\d))*(?![\d]))"
        rf"|(?<![^\W\d_])(?:(?P<w0>{alt})|(?P<pre>{_PROCLITICS})(?P<word>{alt}))(?![^\W\d_])"
    )


def atoms(text: str) -> list[Atom]:
    """Every digit run and number word of the normalised ``text``, in order."""
    words = number_words()
    out = []
    for m in _atom_re().finditer(text):
        atom = _digit_atom(text, m) if m.group("digits") is not None else _word_atom(m, words)
        if atom is not None:
            out.append(atom)
    return out


def _digit_atom(text: str, m: re.Match) -> Atom | None:
    art = _ARTICLE_BEFORE_DIGITS.search(text, max(0, m.start() - 6), m.start())
    pre = art.group(1) if art else ""
    if not digit_run_ok(text, m.start(), m.end(), after_article=bool(pre)):
        return None
    after = _NEXT_WORD.match(text, m.end())
    value = parse_digits(m.group("digits"), decimal_comma=bool(after) and after.group(1) in decimal_comma_scales())
    if value is None:
        return None
    return Atom(art.start() if art else m.start(), m.start(), m.end(), pre, m.group("digits"), value, "digits")


def _word_atom(m: re.Match, words: dict[str, NumberWord]) -> Atom:
    group = "w0" if m.group("w0") is not None else "word"
    nw = words[m.group(group)]
    return Atom(m.start(), m.start(group), m.end(), m.group("pre") or "", m.group(group), nw.value, nw.kind)


_CLOSE_BRACKET = ")"
_BRACKET_MAX = 1000  # a bracketed group a scale word multiplies is below a thousand


def joined(text: str, a: Atom, b: Atom) -> tuple[bool, bool]:
    """(adjacent, joined by و): atoms separated only by spaces and an optional و."""
    gap = text[a.end : b.start]
    if "\n" in gap:
        return False, False
    if gap.strip() == "":
        return True, b.prefix.startswith(WAW)
    if gap.strip() == WAW and not b.prefix:
        return True, True
    if gap.strip() == _CLOSE_BRACKET and a.kind == "digits" and a.value < _BRACKET_MAX and "multiplier" in b.kind:
        return not b.prefix, False  # (612) مليون دولار; not (5,712,778) مليون معتمر, a full number then a label
    return False, False


def previous_token(text: str, pos: int) -> str:
    """The word right before ``pos`` on the same line ('' when none)."""
    m = _PREVIOUS_TOKEN.search(text[max(0, pos - 40) : pos])
    return m.group(1) if m else ""
