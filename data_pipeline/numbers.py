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
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .lang.ar.letters import ARTICLE
from .lang.ar.normalize import TOKEN_RE, normalize, normalize_key
from .resources import load_tsv

WAW = "\u0648"  # و conjunction

# Digit runs: separators , and . between digits (٬ ٫ are folded to them by normalize).
_DIGITS = r"\d+(?:[.,]\d+)*"


@dataclass(frozen=True)
class NumberWord:
    word: str  # normalised spelling
    value: float
    kind: str


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


@dataclass(frozen=True)
class _Atom:
    start: int  # of the whole token including proclitics
    core_start: int
    end: int
    prefix: str
    core: str
    value: float
    kind: str  # digits or a NumberWord kind


@lru_cache(maxsize=1)
def number_words() -> dict[str, NumberWord]:
    """Normalised spelling -> NumberWord, from resources/number_words.tsv."""
    out: dict[str, NumberWord] = {}
    for row in load_tsv("number_words.tsv", required=("word", "value", "kind", "gloss")):
        key = normalize_key(row["word"])
        out[key] = NumberWord(key, float(row["value"]), row["kind"])
    return out


def trie_regex(words) -> str:
    """A regex alternation of ``words`` factored by common prefixes (much faster than a flat one).

    Longer words win over their prefixes, as in a length-sorted alternation.
    """
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends else body

    return build(trie)


@lru_cache(maxsize=1)
def _atom_re() -> re.Pattern:
    alt = trie_regex(w for w, nw in number_words().items() if nw.kind != "ordinal")
    # Proclitics: conjunction و/ف, preposition ب/ل/ك, article ال (or لل = ل + ال).
    prefix = rf"(?:[{WAW}\u0641]?(?:\u0644\u0644|[\u0628\u0644\u0643]?(?:{ARTICLE})?))"
    return re.compile(
        rf"(?P<digits>(?<![\d.,])\d+(?:[.,]\d+)*(?![\d]))"
        rf"|(?<![^\W\d_])(?:(?P<w0>{alt})|(?P<pre>{prefix})(?P<word>{alt}))(?![^\W\d_])"
    )


# الـ10، الـ 25، بالـ5: digits with the article written before them (tatweel is gone in the view)
_ARTICLE_BEFORE_DIGITS = re.compile(rf"(?<![^\W\d_])([{WAW}\u0641]?(?:\u0644\u0644|[\u0628\u0643]?{ARTICLE})) ?$")
_LATIN = re.compile(r"[a-z]")
_ARABIC_LETTER = re.compile(r"[\u0621-\u064a]")
_DIGIT_CLITICS = "\u0648\u0628\u0644\u0641\u0643"  # و ب ل ف ك written against a digit
_GLUED_WORD = re.compile(r"(?<![^\W\d_])[\u0621-\u064a]+$")  # the Arabic word a digit is glued to
_GLUED_WORD_MIN = 3  # letters: shorter runs (ج2، بي2) are codes, not a word missing its space


@lru_cache(maxsize=1)
def glued_words() -> frozenset[str]:
    """Short words a number is often typed against (من55 ألف): role glued_before in quantity_cues.tsv."""
    rows = load_tsv("quantity_cues.tsv", required=("cue", "role", "gloss"))
    return frozenset(normalize_key(r["cue"]) for r in rows if r["role"] == "glued_before")


def parse_digits(s: str) -> float | None:
    """Value of a digit string with , and . separators; None for versions, IDs and odd groupings.

    ``1,500`` and ``1.500.000`` are thousands groupings; a single ``.`` or a single
    ``,`` not followed by exactly three digits is a decimal point (``1,5`` = 1.5).
    """
    if not s or not s[0].isdigit():
        return None
    commas, dots = s.count(","), s.count(".")
    if not commas and not dots:
        return float(s)
    if commas and dots:
        # 1,500.5 or 1.500,5: the last one is the decimal point
        if s.rfind(".") > s.rfind(","):
            int_part, dec = s.rsplit(".", 1)
            sep = ","
        else:
            int_part, dec = s.rsplit(",", 1)
            sep = "."
        groups = int_part.split(sep)
        if not _thousands(groups):
            return None
        return float("".join(groups) + "." + dec)
    sep = "," if commas else "."
    groups = s.split(sep)
    if len(groups) == 2:
        if sep == "," and len(groups[1]) == 3 and _thousands(groups):
            return float("".join(groups))
        return float(groups[0] + "." + groups[1])
    if _thousands(groups):
        return float("".join(groups))
    return None  # 1.2.3: a version or an identifier


def _thousands(groups: list[str]) -> bool:
    return 1 <= len(groups[0]) <= 3 and all(len(g) == 3 for g in groups[1:])


def _digit_atom_ok(text: str, start: int, end: int, after_article: bool = False) -> bool:
    """Reject digits glued to Latin letters, times, dates, scores, phone-like runs."""
    before = text[start - 1] if start > 0 and not after_article else " "
    after = text[end] if end < len(text) else " "
    before2 = text[start - 2] if start > 1 else " "
    after2 = text[end + 1] if end + 1 < len(text) else " "
    if _LATIN.match(before) or _LATIN.match(after):
        return False  # F16, 5G, iOS 12 written together
    if before in "+#" or after in "#":
        return False
    if _ARABIC_LETTER.match(before) and not (before in _DIGIT_CLITICS and not _ARABIC_LETTER.match(before2)):
        # ج2, ب12: a code; a whole word glued by a missing space is not (قيمته5,3 مليار، عند1307.80)
        glued = _GLUED_WORD.search(text, max(0, start - 20), start)
        if glued is None or (len(glued.group()) < _GLUED_WORD_MIN and glued.group() not in glued_words()):
            return False
    for ch, nxt in ((before, before2), (after, after2)):
        if ch in ":/\\" and (nxt.isdigit() or ch != ":"):
            return False  # 10:30, 18/6/2024
        if ch in "-\u2013" and (_LATIN.match(nxt) or _ARABIC_LETTER.match(nxt)):
            return False  # S-400, F-16, كوفيد-19
    s = text[start:end]
    if len(s) > 1 and s[0] == "0" and s[1].isdigit():
        return False  # 050..., 0123: phone numbers and codes
    if s.isdigit() and len(s) >= 10:
        return False  # phone numbers, IDs
    return True


def _atoms(text: str) -> list[_Atom]:
    words = number_words()
    out = []
    for m in _atom_re().finditer(text):
        if m.group("digits") is not None:
            s = m.group("digits")
            art = _ARTICLE_BEFORE_DIGITS.search(text, max(0, m.start() - 6), m.start())
            pre = art.group(1) if art else ""
            if not _digit_atom_ok(text, m.start(), m.end(), after_article=bool(pre)):
                continue
            value = parse_digits(s)
            if value is None:
                continue
            out.append(_Atom(art.start() if art else m.start(), m.start(), m.end(), pre, s, value, "digits"))
        else:
            group = "w0" if m.group("w0") is not None else "word"
            nw = words[m.group(group)]
            pre = m.group("pre") or ""
            out.append(_Atom(m.start(), m.start(group), m.end(), pre, m.group(group), nw.value, nw.kind))
    return out


def _joined(text: str, a: _Atom, b: _Atom) -> tuple[bool, bool]:
    """(adjacent, joined by و): atoms separated only by spaces and an optional و."""
    gap = text[a.end : b.start]
    if "\n" in gap:
        return False, False
    if gap.strip() == "":
        return True, b.prefix.startswith(WAW)
    if gap.strip() == WAW and not b.prefix:
        return True, True
    return False, False


def _previous_token(text: str, pos: int) -> str:
    m = re.search(r"([^\W_]+)[^\S\n]*$", text[max(0, pos - 40) : pos])
    return m.group(1) if m else ""


@lru_cache(maxsize=1)
def _ordinals() -> frozenset[str]:
    return frozenset(w for w, nw in number_words().items() if nw.kind == "ordinal")


class _Group:
    """The number being read: a running total and the current group."""

    def __init__(self) -> None:
        self.atoms: list[_Atom] = []
        self.total = 0.0
        self.h = self.u = self.t = 0.0
        self.digits: float | None = None
        self.last_mult: float | None = None
        self.teen_needed = False
        self.closed = False  # after ونصف nothing more joins
        self.definite_teen = False  # الخمسة may still take عشر

    @property
    def group_empty(self) -> bool:
        return self.digits is None and not (self.h or self.u or self.t)

    @property
    def group_value(self) -> float:
        return self.digits if self.digits is not None else self.h + self.u + self.t

    def value(self) -> float | None:
        if not self.atoms or self.teen_needed:
            return None
        if self.atoms[-1].kind == "fraction" and len(self.atoms) == 1:
            return None
        v = self.total + self.group_value
        return v if v > 0 else None

    def take(self, atom: _Atom, waw: bool, next_atom: _Atom | None) -> bool:
        """Add ``atom`` if the grammar allows; False means the number ends before it."""
        if self.closed:
            if self.definite_teen and atom.kind == "ten_word" and not waw and not atom.prefix:
                self.t, self.definite_teen, self.teen_needed = 10, False, False  # الاثني عشر
                self.atoms.append(atom)
                return True
            if self.definite_teen and atom.kind == "ten" and waw and atom.prefix.endswith(ARTICLE):
                self.t, self.definite_teen = atom.value, False  # الخمس والعشرين: a definite compound
                self.atoms.append(atom)
                return True
            return False
        if atom.prefix.endswith(ARTICLE) or atom.prefix.endswith("\u0644\u0644"):
            return not self.atoms and self._start_definite(atom)
        if self.atoms and self.atoms[0].prefix.endswith((ARTICLE, "\u0644\u0644")) and self.atoms[0].kind != "digits":
            return False  # الثلاثة closes at once; الـ10 آلاف goes on
        k, v = atom.kind, atom.value
        empty = self.group_empty
        if self.teen_needed and k != "ten_word":
            return False
        if k == "digits":
            if not empty:
                return False
            if self.atoms and not (waw and self.last_mult is not None and v < self.last_mult):
                return False
            if (
                self.atoms
                and next_atom is not None
                and "multiplier" in next_atom.kind
                and next_atom.value >= self.last_mult
                and next_atom.start - atom.end <= 2
            ):
                return False  # 50 ألفا و60 ألف: a second amount of the same scale, not 50,060
            self.digits = v
        elif k in ("unit", "teen_only"):
            if self.digits is not None or self.u or self.t or (self.h and not waw):
                return False
            if self.atoms and empty and not waw:
                return False
            self.u = v
            self.teen_needed = k == "teen_only"
        elif k == "ten_word":
            if self.u and not self.t and not waw and self.digits is None:
                self.t = 10  # teen: ثلاثة عشر
                self.teen_needed = False
            elif (empty and (not self.atoms or waw)) or (self.h and waw and not self.u and not self.t):
                self.t = 10
            else:
                return False
        elif k == "ten":
            if self.t or self.digits is not None:
                return False
            if not empty and not waw:
                return False
            if empty and self.atoms and not waw:
                return False
            self.t = v
        elif k == "hundred":
            if empty and (not self.atoms or waw):
                self.h = v
            elif self.u and not self.t and not self.h and not waw and self.digits is None and v == 100:
                self.h, self.u = self.u * 100, 0  # ثلاث مئة
            else:
                return False
        elif k in ("multiplier", "plural_multiplier"):
            if self.last_mult is not None and v >= self.last_mult:
                return False
            if empty:
                if k == "plural_multiplier":
                    return False  # آلاف alone: vague
                if self.atoms and not waw:
                    return False
                g = 2.0 if atom.core.endswith("\u0627") and not self.atoms else 1.0  # ألفا جندي: two thousand
            else:
                if waw:
                    return False
                g = self.group_value
                if k == "plural_multiplier" and self.digits is None and not 3 <= g <= 10:
                    return False
            self.total += g * v
            self.h = self.u = self.t = 0
            self.digits = None
            self.last_mult = v
        elif k == "dual_multiplier":
            if not empty or (self.atoms and not (waw and self.last_mult and v < self.last_mult)):
                return False
            self.total += v
            self.last_mult = v / 2
        elif k == "fraction":
            if waw and empty and self.last_mult is not None:
                self.total += v * self.last_mult
                self.closed = True
            elif not self.atoms and next_atom is not None and next_atom.kind == "multiplier":
                self.digits = v  # نصف مليون
            else:
                return False
        else:
            return False
        self.atoms.append(atom)
        return True

    def _start_definite(self, atom: _Atom) -> bool:
        if atom.kind == "digits":
            self.atoms.append(atom)
            self.digits = atom.value  # الـ10 آلاف: multipliers may still follow
            return True
        if atom.kind not in ("unit", "teen_only", "ten_word", "ten", "hundred"):
            return False  # (الأعوام المئة: a definite hundred counts too)
        self.atoms.append(atom)
        if atom.kind in ("unit", "teen_only"):
            self.u = atom.value
            self.definite_teen = True
            self.teen_needed = atom.kind == "teen_only"
        else:
            self.t = atom.value
        self.closed = True
        return True


def find_numbers(text: str) -> list[NumberSpan]:
    """Numbers in the normalised ``text`` (see module docstring), in order."""
    atoms = _atoms(text)
    out: list[NumberSpan] = []
    ordinals = _ordinals()
    i = 0
    while i < len(atoms):
        first = atoms[i]
        if first.kind == "ten_word" and not first.prefix and _previous_token(text, first.start) in ordinals:
            i += 1  # الثالث عشر
            continue
        if first.kind in ("multiplier", "plural_multiplier") and text[: first.start].rstrip()[-1:].isdigit():
            i += 1  # الـ400 مليون: the digits were rejected, the multiplier alone is not a number
            continue
        g = _Group()
        j = i
        while j < len(atoms):
            a = atoms[j]
            waw = False
            if j > i:
                adjacent, waw = _joined(text, atoms[j - 1], a)
                if not adjacent:
                    break
            if not g.take(a, waw, atoms[j + 1] if j + 1 < len(atoms) else None):
                break
            j += 1
        value = g.value()
        if j == i:
            i += 1
            continue
        if value is not None:
            a0, a1 = g.atoms[0], g.atoms[-1]
            has_digits = any(a.kind == "digits" for a in g.atoms)
            definite = a0.prefix.endswith((ARTICLE, "\u0644\u0644"))
            # a definite number's span keeps its article: الثمانية
            start = a0.core_start - (2 if a0.prefix.endswith(ARTICLE) else 1) if definite else a0.core_start
            if definite and a0.kind == "digits":  # الـ 25: the article may stand apart from the digits
                start = a0.start + len(a0.prefix) - (2 if a0.prefix.endswith(ARTICLE) else 1)
            out.append(
                NumberSpan(
                    start,
                    a1.end,
                    value,
                    has_digits,
                    any(a.kind != "digits" for a in g.atoms),
                    definite=definite,
                    core=text[a0.core_start : a1.end],
                    scale=g.last_mult or 1.0,
                )
            )
        i = j
    return out


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
