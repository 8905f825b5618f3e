"""A normalised view of Arabic text for matching, with a map back to the original.

Matching happens on ``NormText.text``; every match is reported through
``NormText.span`` as offsets into the original string, so nothing that is
highlighted later was ever rewritten.

What the view folds (for matching only):
- diacritics (harakat, tanween, shadda, sukun, dagger alef), tatweel, Quranic marks: removed
- zero-width and bidi control characters, BOM: removed
- alef forms (أ إ آ ٱ) -> ا, alef maqsura ى -> ي, teh marbuta ة -> ه
- Persian/Urdu letters (ک ی ۀ ھ ے) -> Arabic ones
- Arabic-Indic and Persian digits -> ASCII digits; ٫ -> '.', ٬ -> ','
- presentation forms (ﻻ, ﺑ ...) -> their NFKC letters
- Latin letters -> lower case
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from .clitics import NOUN_PROCLITICS
from .letters import ALEF, ALEF_MAQSURA, HA, SHADDA, TATWEEL, TEH_MARBUTA, YA

# The letters are named in letters.py; the ranges and look-alikes that fold are code points here.

_DIACRITICS = "\u064b-\u065f\u0670\u06d6-\u06ed\u08d3-\u08ff"
_MARKS_RE = f"[{_DIACRITICS}{TATWEEL}]"
_FORMAT = "\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\u061c\u00ad"
_PRESENTATION = "\ufb50-\ufdff\ufe70-\ufefe"

_ONE_TO_ONE: dict[int, str] = {}
for _ch in "\u0623\u0625\u0622\u0671":  # أ إ آ ٱ
    _ONE_TO_ONE[ord(_ch)] = ALEF
_ONE_TO_ONE[ord(ALEF_MAQSURA)] = YA
_ONE_TO_ONE[ord(TEH_MARBUTA)] = HA
_ONE_TO_ONE[ord("\u06a9")] = "\u0643"  # Persian keheh -> kaf
_ONE_TO_ONE[ord("\u06cc")] = YA  # Farsi yeh
_ONE_TO_ONE[ord("\u06d2")] = YA  # yeh barree
_ONE_TO_ONE[ord("\u06c0")] = HA  # heh with yeh above
_ONE_TO_ONE[ord("\u06be")] = HA  # heh doachashmee
_ONE_TO_ONE[ord("\u06c1")] = HA  # heh goal
for _i in range(10):
    _ONE_TO_ONE[0x0660 + _i] = str(_i)
    _ONE_TO_ONE[0x06F0 + _i] = str(_i)
_ONE_TO_ONE[0x066B] = "."  # Arabic decimal separator
_ONE_TO_ONE[0x066C] = ","  # Arabic thousands separator
for _c in range(ord("A"), ord("Z") + 1):
    _ONE_TO_ONE[_c] = chr(_c + 32)

# Public names for code that needs the same folding elsewhere (e.g. the dashboard's search regex).
DIACRITIC_RANGES = _DIACRITICS  # character-class ranges of removed marks
FORMAT_RANGES = _FORMAT  # character-class ranges of removed format characters
FOLD_TABLE = _ONE_TO_ONE  # str.translate table of the 1:1 folds

_SPECIAL = re.compile(f"[{_DIACRITICS}{TATWEEL}{_FORMAT}{_PRESENTATION}]")
_IS_MARK = re.compile(_MARKS_RE)


@lru_cache(maxsize=4096)
def _expand(ch: str) -> str:
    """Replacement for one special character: '' for marks, NFKC letters for presentation forms."""
    if _IS_MARK.fullmatch(ch) or re.fullmatch(f"[{_FORMAT}]", ch):
        return ""
    folded = unicodedata.normalize("NFKC", ch)
    if folded == ch:
        return ch
    return _SPECIAL.sub("", folded.translate(_ONE_TO_ONE))


@dataclass(frozen=True)
class NormText:
    """``text`` is the normalised view of ``original``.

    ``starts[i]`` is the original index of normalised character ``i``; ``ends[i]``
    is the original index just after it (covering diacritics and tatweel that
    followed it). Both are ``None`` when the view is a 1:1 copy of the original.
    """

    original: str
    text: str
    starts: list[int] | None = None
    ends: list[int] | None = None

    def span(self, nstart: int, nend: int) -> tuple[int, int]:
        """Original (start, end) for the normalised slice [nstart, nend)."""
        if self.starts is None:
            return nstart, nend
        n = len(self.text)
        start = self.starts[nstart] if nstart < n else len(self.original)
        if nend <= nstart:
            return start, start
        return start, self.ends[nend - 1]

    def to_original(self, nstart: int, nend: int) -> str:
        start, end = self.span(nstart, nend)
        return self.original[start:end]


def normalize(text: str) -> NormText:
    """Build the matching view of ``text`` with its offset map."""
    folded = text.translate(_ONE_TO_ONE)
    if not _SPECIAL.search(folded):
        return NormText(text, folded)
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    for m in _SPECIAL.finditer(folded):
        a = m.start()
        if a > pos:
            out.append(folded[pos:a])
            starts.extend(range(pos, a))
            ends.extend(range(pos + 1, a + 1))
        repl = _expand(m.group())
        if repl:
            out.append(repl)
            starts.extend([a] * len(repl))
            ends.extend([a + 1] * len(repl))
        elif ends and ends[-1] == a and _IS_MARK.match(m.group()):
            ends[-1] = a + 1  # a diacritic belongs to the letter before it
        pos = a + 1
    if pos < len(folded):
        out.append(folded[pos:])
        starts.extend(range(pos, len(folded)))
        ends.extend(range(pos + 1, len(folded) + 1))
    return NormText(text, "".join(out), starts, ends)


def shadda_positions(norm: NormText) -> frozenset[int]:
    """Positions of ``norm.text`` whose letter carries a shadda in the original (the view drops it)."""
    if norm.starts is None or SHADDA not in norm.original:
        return frozenset()
    out = set()
    for m in re.finditer(SHADDA, norm.original):
        i = bisect.bisect_right(norm.starts, m.start()) - 1
        if i >= 0 and norm.ends[i] > m.start():
            out.add(i)
    return frozenset(out)


def strip_marks(text: str) -> str:
    """``text`` without diacritics and tatweel, nothing else changed (no offsets kept: for comparing
    spellings, not for spans)."""
    return _IS_MARK.sub("", text)


def normalize_key(text: str) -> str:
    """Normalised form of a short string (an alias, a cue word) for dictionary keys.

    Punctuation and quotes are dropped and whitespace is collapsed, so
    ``«كيم يونج» أون`` and ``كيم يونج أون`` share a key.
    """
    norm = normalize(text).text
    return " ".join(TOKEN_RE.findall(norm))


# A token of the normalised view: a run of letters or digits (Arabic, Latin, ...).
TOKEN_RE = re.compile(r"[^\W_]+")


def clitic_variants(token: str) -> list[tuple[str, int]]:
    """Readings of a normalised token with proclitics removed.

    Returns ``(stem, n)`` pairs, ``n`` being how many leading characters the
    proclitics take; the token itself comes first with ``n == 0``. ``لل`` before
    a noun stands for ``ل + ال``, so ``للولايات`` also reads as ``الولايات``.
    """
    out = [(token, 0)]
    for prefix in NOUN_PROCLITICS:
        if token.startswith(prefix) and len(token) - len(prefix) >= 2:
            stem = token[len(prefix) :]
            out.append((stem, len(prefix)))
            if prefix.endswith("ل") and stem.startswith("ل") and len(stem) >= 3:
                out.append(("ا" + stem, len(prefix) - 1))
    return out
