"""Readable Latin spelling of Arabic names that no gazetteer knows.

Arabic script omits short vowels, so no rule set can restore ``Muhammad`` from
``محمد``; the aim is a spelling an analyst can read and search, not a standard.
Per token:

1. Known name parts (``transliteration_names.tsv``: محمد -> Mohammed, عبد -> Abd,
   بن -> bin ...) are looked up first, also after the article: العزيز -> al-Aziz.
2. The article ``ال`` becomes ``al-`` (no sun-letter assimilation).
3. Letters: the long-vowel letters are vowels between consonants (ا -> a, و -> u
   (o in foreign names), ي -> i) and consonants next to a vowel or at the start
   (و -> w, ي -> y); the consonants are spelled as ``transliteration_letters.tsv`` says
   (digraphs ث th, خ kh, ذ dh, ش sh, غ gh); ة -> a; ع and hamzas are dropped inside a word.
4. Foreign names (no token with ال and none of the letters ح ع ص ض ط ظ ق ث ذ,
   which transliterations of non-Arabic names rarely use) read غ as g, ج as j
   (ج after ن at the end as g: جونج -> Jung), و between consonants as o, and
   a word-initial ي before a consonant as Ye: يفغيني بريغوجين -> Yefgini Brigojin.
5. Arabic names get an ``a`` between two consonants at the start of a word
   (حمدوك -> Hamduk), the best guess for an unwritten short vowel.

The output is capitalised per token (the article stays lower case).
"""

from __future__ import annotations

import re
from functools import lru_cache

from .lang.ar.clitics import NOON
from .lang.ar.letters import ALEF, ARABIC_BLOCK, ARTICLE, WAW
from .lang.ar.lexicon import Lexicon
from .lang.ar.letters import HA, YA
from .lang.ar.normalize import TOKEN_RE, normalize
from .resources import load_tsv

LETTERS = Lexicon("transliteration_letters.tsv", key="letter", required=("gloss",))
TEH_MARBUTA_NORM = HA  # ة is folded to ه by normalize()
JEEM = "ج"
ABD = "عبد"  # "servant of": عبد الله is one name, Abdullah
_VOWEL_LETTERS = {ALEF, WAW, YA}
_ARABIC_SCRIPT_RE = re.compile(f"[{ARABIC_BLOCK}]")


@lru_cache(maxsize=1)
def _known_parts() -> dict[str, str]:
    rows = load_tsv("transliteration_names.tsv", required=("arabic", "latin"))
    return {normalize(r["arabic"]).text: r["latin"] for r in rows}


@lru_cache(maxsize=1)
def _consonants() -> dict[str, str]:
    """Letter -> its Latin spelling as a consonant ("" = dropped)."""
    return {r["letter"]: r["latin"] for r in LETTERS.rows()}


@lru_cache(maxsize=1)
def _foreign_consonants() -> dict[str, str]:
    """Letter -> its spelling in a foreign name, where it differs (غ -> g)."""
    return {r["letter"]: r["foreign"] for r in LETTERS.rows() if r.get("foreign")}


@lru_cache(maxsize=8)
def _letter_class(name: str) -> frozenset[str]:
    return frozenset(r["letter"] for r in LETTERS.rows() if name in r.get("classes", "").split())


def _letters(word: str, foreign: bool) -> str:
    """Latin letters of one token (no known part, article removed), left to right."""
    out: list[str] = []
    prev_vowel = False  # was the previous output a vowel?
    i = 0
    if len(word) > 1 and word[0] == ALEF and word[1] in (WAW, YA):
        # أون، إيل: the alef only carries the hamza, the next letter is the vowel
        out.append(("o" if foreign else "u") if word[1] == WAW else "i")
        prev_vowel = True
        i = 2
    while i < len(word):
        latin, prev_vowel = _letter(word, i, foreign, prev_vowel)
        out.append(latin)
        i += 1
    return "".join(out)


def _letter(word: str, i: int, foreign: bool, prev_vowel: bool) -> tuple[str, bool]:
    """The Latin of ``word[i]`` and whether it ends in a vowel."""
    ch = word[i]
    if ch == ALEF:
        return "a", True
    if ch == TEH_MARBUTA_NORM and i == len(word) - 1 and i > 0:
        return "a", True  # a final ة
    if ch in (WAW, YA):
        vowel = _long_vowel(word, i, foreign, prev_vowel)
        if vowel is not None:
            return vowel, True
        latin = "w" if ch == WAW else "y"
    else:
        latin = _consonant(word, i, foreign)
        if latin is None:  # not an Arabic letter: Latin and digits pass, the rest is dropped
            return (ch if ch.isascii() else ""), False
    short = _short_vowel_after(word, i, foreign, latin)
    return latin + short, bool(short)


def _long_vowel(word: str, i: int, foreign: bool, prev_vowel: bool) -> str | None:
    """The vowel و or ي at ``i`` stands for, or None when it is a consonant (w, y).

    Between consonants they are vowels (و u, o in a foreign name before ن; ي i); at the start, after
    a vowel, before ا, and ي before و or before a final ة they are consonants. A word-initial ي before
    a consonant is Ya (Ye in a foreign name: يفغيني -> Yefgini).
    """
    ch, n = word[i], len(word)
    nxt = word[i + 1] if i + 1 < n else ""
    if ch == YA and i == 0 and nxt and nxt not in _VOWEL_LETTERS:
        return "ye" if foreign else "ya"
    consonant = i < n - 1 and (i == 0 or prev_vowel or nxt == ALEF or (ch == YA and nxt == WAW))
    if ch == YA and nxt == TEH_MARBUTA_NORM and i == n - 2:
        consonant = True
    if consonant:
        return None
    if ch == WAW:
        return "o" if foreign and nxt == NOON else "u"
    return "i"


def _consonant(word: str, i: int, foreign: bool) -> str | None:
    """The Latin of the consonant at ``i``; None when the table has no such letter."""
    ch = word[i]
    latin = _consonants().get(ch)
    if latin is None or not foreign:
        return latin
    if ch == JEEM and i == len(word) - 1 and i > 0 and word[i - 1] == NOON:
        return "g"  # a final نج in a foreign name: جونج -> Jung
    return _foreign_consonants().get(ch, latin)


def _short_vowel_after(word: str, i: int, foreign: bool, latin: str) -> str:
    """An unwritten short vowel guessed after the consonant at ``i``, or "".

    After the first consonant of a word (a in Arabic names, e in foreign ones, none in a foreign
    cluster such as br, st), and in foreign names before a final n, r, l or m (بايدن -> Bayden).
    """
    n = len(word)
    nxt = word[i + 1] if i + 1 < n else ""
    if not latin or not nxt or nxt in _VOWEL_LETTERS or (nxt == TEH_MARBUTA_NORM and i + 1 == n - 1):
        return ""
    cluster = foreign and (nxt in _letter_class("liquid") or word[i] in _letter_class("sibilant"))
    if i == 0 and not cluster:
        return "e" if foreign else "a"
    if foreign and i == n - 2 and nxt in _letter_class("sonorant"):
        return "e"
    return ""


def _is_foreign(tokens: list[str]) -> bool:
    arabic_only = _letter_class("arabic_only")
    return not any(t.startswith(ARTICLE) or arabic_only & set(t) for t in tokens)


def _token(word: str, foreign: bool) -> str:
    known = _known_parts()
    if word in known:
        return known[word]
    if word.startswith(ARTICLE) and len(word) > 3:
        rest = word[2:]
        if ARTICLE + rest in known:
            return known[ARTICLE + rest]
        latin = _letters(rest, foreign)
        return "al-" + latin[:1].upper() + latin[1:] if latin else "al"
    latin = _letters(word, foreign)
    return latin[:1].upper() + latin[1:]


def transliterate(name: str) -> str:
    """Latin spelling of an Arabic name: ``"يفغيني بريغوجين"`` -> ``"Yefgini Brigojin"``.

    Latin input comes back title-cased; other scripts pass through unchanged.
    Never raises; returns ``""`` for input without letters.
    """
    tokens = TOKEN_RE.findall(normalize(name).text)
    if not tokens:
        return ""
    foreign = _is_foreign(tokens)
    known = _known_parts()
    merged: list[str] = []
    for tok in tokens:  # عبد الله -> عبدالله (Abdullah) when the pair is a known name
        if merged and merged[-1] == ABD and merged[-1] + tok in known and tok.startswith(ARTICLE):
            merged[-1] = merged[-1] + tok
        else:
            merged.append(tok)
    tokens = merged
    words = [_token(t, foreign) if _ARABIC_SCRIPT_RE.search(t) else t.capitalize() for t in tokens]
    return re.sub(r"\s+", " ", " ".join(w for w in words if w)).strip()
