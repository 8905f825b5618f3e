"""Readable Latin spelling of Arabic names that no gazetteer knows.

Arabic script omits short vowels, so no rule set can restore ``Muhammad`` from
``محمد``; the aim is a spelling an analyst can read and search, not a standard.
Per token:

1. Known name parts (``transliteration_names.tsv``: محمد -> Mohammed, عبد -> Abd,
   بن -> bin ...) are looked up first, also after the article: العزيز -> al-Aziz.
2. The article ``ال`` becomes ``al-`` (no sun-letter assimilation).
3. Letters: the long-vowel letters are vowels between consonants (ا -> a, و -> u
   (o in foreign names), ي -> i) and consonants next to a vowel or at the start
   (و -> w, ي -> y); digraphs ث th, خ kh, ذ dh, ش sh, غ gh; ة -> a; ع and hamzas
   are dropped inside a word.
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

from .lang.ar.normalize import TOKEN_RE, normalize
from .resources import load_tsv

ARTICLE = "\u0627\u0644"  # ال
ALEF = "\u0627"
WAW = "\u0648"
YEH = "\u064a"
TEH_MARBUTA_NORM = "\u0647"  # ة is folded to ه by normalize()

_CONSONANTS = {
    "\u0621": "",  # ء
    "\u0628": "b",
    "\u062a": "t",
    "\u062b": "th",
    "\u062c": "j",
    "\u062d": "h",
    "\u062e": "kh",
    "\u062f": "d",
    "\u0630": "dh",
    "\u0631": "r",
    "\u0632": "z",
    "\u0633": "s",
    "\u0634": "sh",
    "\u0635": "s",
    "\u0636": "d",
    "\u0637": "t",
    "\u0638": "z",
    "\u0639": "",  # ع: no Latin letter readers agree on
    "\u063a": "gh",
    "\u0641": "f",
    "\u0642": "q",
    "\u0643": "k",
    "\u0644": "l",
    "\u0645": "m",
    "\u0646": "n",
    "\u0647": "h",
    "\u0624": "",  # ؤ
    "\u0626": "",  # ئ
    "\u067e": "p",  # پ
    "\u0686": "ch",  # چ
    "\u06af": "g",  # گ
    "\u06a4": "v",  # ڤ
    "\u0698": "zh",  # ژ
}
_VOWEL_LETTERS = {ALEF, WAW, YEH}
_ARABIC_ONLY = set("\u062d\u0639\u0635\u0636\u0637\u0638\u0642\u062b\u0630")  # ح ع ص ض ط ظ ق ث ذ
_LIQUIDS = set("\u0631\u0644")  # ر ل: clusters like br, pl need no vowel


@lru_cache(maxsize=1)
def _known_parts() -> dict[str, str]:
    rows = load_tsv("transliteration_names.tsv", required=("arabic", "latin"))
    return {normalize(r["arabic"]).text: r["latin"] for r in rows}


def _letters(word: str, foreign: bool) -> str:
    out: list[str] = []
    n = len(word)
    prev_vowel = False  # was the previous output a vowel?
    i = 0
    if n > 1 and word[0] == ALEF and word[1] in (WAW, YEH):
        # أون، إيل: the alef only carries the hamza, the next letter is the vowel
        out.append(("o" if foreign else "u") if word[1] == WAW else "i")
        prev_vowel = True
        i = 2
    while i < n:
        ch = word[i]
        nxt = word[i + 1] if i + 1 < n else ""
        latin: str | None
        if ch == ALEF:
            out.append("a")
            prev_vowel = True
            i += 1
            continue
        if ch in (WAW, YEH):
            consonant_reading = i < n - 1 and (i == 0 or prev_vowel or nxt == ALEF or (ch == YEH and nxt == WAW))
            if ch == YEH and i == 0 and nxt and nxt not in _VOWEL_LETTERS:
                out.append("ye" if foreign else "ya")
                prev_vowel = True
                i += 1
                continue
            if ch == YEH and nxt == TEH_MARBUTA_NORM and i == n - 2:
                consonant_reading = True
            if consonant_reading:
                latin = "w" if ch == WAW else "y"
            else:
                if ch == WAW:
                    out.append("o" if foreign and nxt == "\u0646" else "u")
                else:
                    out.append("i")
                prev_vowel = True
                i += 1
                continue
        elif ch == TEH_MARBUTA_NORM and i == n - 1 and i > 0:
            out.append("a")
            prev_vowel = True
            i += 1
            continue
        else:
            latin = _CONSONANTS.get(ch)
            if latin is None:
                out.append(ch if ch.isascii() else "")
                prev_vowel = False
                i += 1
                continue
            if foreign:
                if ch == "\u063a":  # غ
                    latin = "g"
                elif ch == "\u062c" and i == n - 1 and i > 0 and word[i - 1] == "\u0646":  # نج final
                    latin = "g"
        out.append(latin)
        prev_vowel = False
        if latin and nxt and nxt not in _VOWEL_LETTERS and not (nxt == TEH_MARBUTA_NORM and i + 1 == n - 1):
            # an unwritten short vowel: guessed after the first consonant of a word, and
            # in foreign names before a final n, r, l or m (بايدن -> Bayden)
            if i == 0 and not (foreign and (nxt in _LIQUIDS or ch in "\u0633\u0634")):
                out.append("e" if foreign else "a")
                prev_vowel = True
            elif foreign and i == n - 2 and nxt in "\u0646\u0631\u0644\u0645" and _CONSONANTS.get(nxt):
                out.append("e")
                prev_vowel = True
        i += 1
    return "".join(out)


def _is_foreign(tokens: list[str]) -> bool:
    return not any(t.startswith(ARTICLE) or _ARABIC_ONLY & set(t) for t in tokens)


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
        if merged and merged[-1] == "\u0639\u0628\u062f" and merged[-1] + tok in known and tok.startswith(ARTICLE):
            merged[-1] = merged[-1] + tok
        else:
            merged.append(tok)
    tokens = merged
    words = [_token(t, foreign) if re.search("[\u0600-\u06ff]", t) else t.capitalize() for t in tokens]
    return re.sub(r"\s+", " ", " ".join(w for w in words if w)).strip()
