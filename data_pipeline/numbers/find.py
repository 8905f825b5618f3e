"""Numbers in a normalised text: atoms read into groups by the grammar, one ``NumberSpan`` each."""

from __future__ import annotations

from dataclasses import dataclass

from ..lang.ar.letters import ARTICLE
from ..lang.ar.normalize import TOKEN_RE, normalize
from .atoms import Atom, atoms, joined, previous_token
from .grammar import Group
from .lexicon import ordinals


@dataclass(frozen=True)
class NumberSpan:
    """A number in the normalised text: ``start``/``end`` index ``NormText.text``."""

    start: int
    end: int
    value: float
    has_digits: bool  # written (partly) with digits
    has_words: bool  # written (partly) with number words
    definite: bool = False  # a single number word with the article: الثمانية
    core: str = ""  # the normalised text of the number without proclitics
    scale: float = 1.0  # the last multiplier applied (11 ألف -> 1000): shared by "بين 10 و20 ألف"


def find_numbers(text: str) -> list[NumberSpan]:
    """Numbers in the normalised ``text`` (see the package docstring), in order."""
    found = atoms(text)
    out: list[NumberSpan] = []
    i = 0
    while i < len(found):
        if _cannot_start(text, found[i]):
            i += 1
            continue
        group, j = _read(text, found, i)
        if j == i:
            i += 1
            continue
        if group.value() is not None:
            out.append(_span(text, group))
        i = j
    return out


def _cannot_start(text: str, first: Atom) -> bool:
    """عشر after an ordinal (الثالث عشر); a multiplier after digits that were rejected (الـ400 مليون)."""
    if first.kind == "ten_word" and not first.prefix and previous_token(text, first.start) in ordinals():
        return True
    return first.kind in ("multiplier", "plural_multiplier") and text[: first.start].rstrip()[-1:].isdigit()


def _read(text: str, found: list[Atom], i: int) -> tuple[Group, int]:
    """The group read from ``found[i]`` on, and the index of the first atom it did not take."""
    group = Group()
    j = i
    while j < len(found):
        waw = False
        if j > i:
            adjacent, waw = joined(text, found[j - 1], found[j])
            if not adjacent:
                break
        if not group.take(found[j], waw, found[j + 1] if j + 1 < len(found) else None):
            break
        j += 1
    return group, j


def _span(text: str, group: Group) -> NumberSpan:
    """The NumberSpan of a read group; a definite number's span keeps its article (الثمانية)."""
    a0, a1 = group.atoms[0], group.atoms[-1]
    definite = a0.definite
    article = 2 if a0.prefix.endswith(ARTICLE) else 1  # ال, or the ل left of لل
    start = a0.core_start - article if definite else a0.core_start
    if definite and a0.kind == "digits":  # الـ 25: the article may stand apart from the digits
        start = a0.start + len(a0.prefix) - article
    return NumberSpan(
        start,
        a1.end,
        group.value(),
        any(a.kind == "digits" for a in group.atoms),
        any(a.kind != "digits" for a in group.atoms),
        definite=definite,
        core=text[a0.core_start : a1.end],
        scale=group.last_mult or 1.0,
    )


def parse_number(text: str) -> float | None:
    """Value of ``text`` if the whole string is one number ("11 ألف", "مليون ونصف"), else None."""
    norm = normalize(text.strip()).text
    nums = find_numbers(norm)
    if len(nums) != 1:
        return None
    n = nums[0]
    rest = (norm[: n.start] + norm[n.end :]).strip()
    if rest and TOKEN_RE.search(rest):
        return None
    return n.value
