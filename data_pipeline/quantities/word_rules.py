"""Rules that find a quantity written without a number: duals, fractions of one unit, مثلي.

Each returns candidates tagged with its rule id; offsets index the normalised text.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..lang.ar.clitics import YA
from ..lang.ar.letters import ARTICLE, BA, FA, KAF, LAM, LETTER_RANGE, WAW
from ..lang.ar.letters import HA
from ..lang.ar.normalize import clitic_variants
from ..lang.ar.patterns import alternation
from .candidates import Candidate, finished
from .lexicon import (
    AND_FRACTIONS,
    GENERIC_UNIT,
    TWO_WORDS,
    fraction_values,
    number_word_set,
    unit_forms,
    unit_lexicon,
)
from ..numbers.lexicon import ordinals
from .nouns import lookup_unit, singular_like
from .rules import DUAL, FRACTION, OPEN_DUAL, TWICE, UNIT_AND_FRACTION
from .tokens import Token, approximate_before, cue_before, in_role, strip_clitics, tokens_after, tokens_before

_L = LETTER_RANGE
_TWO = 2.0
_DEFINITE = (ARTICLE, LAM + LAM)  # البلدين، للبلدين
# an indefinite feminine dual (مجموعتين، حافلتان) or a nisba dual in the nominative (فلسطينيان)
_NISBA_DUAL = "يان"
_OPEN_DUAL_RE = re.compile(f"(?<![^\\W\\d_])[{_L}]{{4,}}(?:تين|تان|{_NISBA_DUAL})(?![^\\W\\d_])")
_OPEN_DUAL_MIN = 6  # letters of a dual noun without proclitics
# a dual before (حافلتين، سائحان، أذنين) or a feminine construct dual (ناقلتا، ناقلتي): then an adjective
_DUAL_BEFORE = re.compile(f"(?:[{_L}]{{3}}(?:ين|ان)|ت[ا{YA}])$")
_FRACTION_CLITICS = WAW + FA + BA  # written on نصف: بنصف ساعة
_FRACTION_KINDS = ("time", "measure", "currency")
_TWICE_RE = re.compile(f"(?<![^\\W\\d_])[{WAW}{BA}]?(?P<w>مثلي)(?![^\\W\\d_])")
_SEX = "الجنس"  # مثلي الجنس = gay
_PERSON = "person"  # people of a nation or group, like the nisba plurals (quantity_suffixes.tsv)


@lru_cache(maxsize=1)
def _dual_re() -> re.Pattern:
    alt = alternation(unit_lexicon()[1])
    return re.compile(
        rf"(?<![^\W\d_])(?P<pre>[{WAW}{FA}]?(?:{LAM}{LAM}|[{BA}{LAM}{KAF}]?(?:{ARTICLE})?))"
        rf"(?P<word>{alt})(?![^\W\d_])"
    )


def duals(t: str) -> list[Candidate]:
    """'يومين' = 2 day, 'شخصين' = 2 person, 'ساعتين ونصف' = 2.5 hour; count duals only indefinite."""
    dual_forms = unit_lexicon()[1]
    out = []
    for m in _dual_re().finditer(t):
        u = dual_forms[m.group("word")]
        pre = m.group("pre")
        if u.kind == "count" and pre.endswith(_DEFINITE):
            continue  # البلدين، الرجلين: "the two" already named, not a count (العامين is a span)
        if pre.endswith(_DEFINITE) and _ordinal_after(t, m.end()):
            continue  # القرنين الثالث والسابع: two named ones (ordinals), not a span of two
        # the article belongs to the dual as written (العامين); conjunctions and prepositions do not
        s = m.start("word") - (2 if pre.endswith(ARTICLE) else 1 if pre.endswith(LAM + LAM) else 0)
        e = m.end()
        approx = approximate_before(t, m.start())
        what = (s, e) if u.kind == "count" else None
        nxt = tokens_after(t, e, 1)
        if nxt and nxt[0][0] in TWO_WORDS.words():
            e = nxt[0][2]  # كيلومترين اثنين: the number repeats the dual
        out.append(finished(t, s, e, _TWO, u.unit, what, approx, DUAL))
    return out


def _ordinal_after(t: str, end: int) -> bool:
    nxt = tokens_after(t, end, 1)
    return bool(nxt) and nxt[0][0] in ordinals()


def _open_dual_reading(token: str, vocab) -> tuple[int, str] | None:
    """(length of the proclitics, unit) when the news vocabulary knows the singular and plural."""
    variants = clitic_variants(token)
    if any(v.startswith(ARTICLE) or v in unit_lexicon()[1] for v, _ in variants):
        return None  # الحكومتين، للجانبين: "the two" already named, not a count
    for v, k in sorted(variants, key=lambda vk: -vk[1]):  # the bare noun first: و+مجموعتين
        if len(v) < _OPEN_DUAL_MIN:
            continue
        stem = v[:-3]
        if v.endswith(_NISBA_DUAL):
            if stem + YA in vocab and stem + YA + WAW + "ن" in vocab:  # فلسطيني، فلسطينيون
                return k, _PERSON
        elif stem + HA in vocab and stem + "ات" in vocab:  # مجموعة، مجموعات
            return k, GENERIC_UNIT
    return None


def _adjective_position(before: list[Token]) -> bool:
    """After another dual or a feminine construct dual, or a predicate cue: an adjective."""
    return bool(before) and (bool(_DUAL_BEFORE.search(before[-1][0])) or in_role(before[-1][0], "not_before_dual"))


def open_duals(t: str) -> list[Candidate]:
    """Duals of counted nouns missing from units.tsv: 'مجموعتين' = 2 item, 'فلسطينيان' = 2 person.

    The noun must be known to the news vocabulary (``word_clusters.tsv``) with its singular and
    its plural: stem + ة and stem + ات (مجموعة، مجموعات), or for a nisba stem + ي and stem + يون
    (فلسطيني، فلسطينيون). Not after another dual or a feminine construct dual: there it is an
    adjective (حكومتين متنافستين، سائحان بريطانيان، ناقلتي نفط سعوديتين); not after غير.
    """
    from ..word_clusters import cluster_ids

    vocab = cluster_ids()
    out = []
    for m in _OPEN_DUAL_RE.finditer(t):
        token = m.group()
        if token in unit_lexicon()[1] or token in number_word_set():
            continue
        found = _open_dual_reading(token, vocab)
        if found is None:
            continue
        before = tokens_before(t, m.start(), 4)
        if _adjective_position(before):
            continue
        s, e = m.start() + found[0], m.end()
        out.append(finished(t, s, e, _TWO, found[1], (s, e), cue_before(before, "approx"), OPEN_DUAL))
    return out


@lru_cache(maxsize=1)
def _fraction_re() -> re.Pattern:
    """نصف، ربع، ثلث as a word of their own."""
    return re.compile(rf"(?P<f>{alternation(fraction_values())})(?![^\W\d_])")


def _inside_a_word(t: str, pos: int) -> bool:
    """منتصف: the fraction is the end of another word; و/ف/ب alone may be written on it (بنصف ساعة)."""
    head = t[max(0, pos - 2) : pos]
    return head[-1:].isalnum() and not (head[-1] in _FRACTION_CLITICS and not head[:-1].isalnum())


def fractions(t: str) -> list[Candidate]:
    """'نصف ساعة' = 0.5 hour, 'ربع قرن' = 0.25 century: a fraction of one unit of time, measure or money.

    Only those units: "نصف سكان" is a share, not an amount; the unit is singular (not نصف السنوات).
    """
    values = fraction_values()
    out = []
    for m in _fraction_re().finditer(t):
        if _inside_a_word(t, m.start()):
            continue
        found = lookup_unit(t, m.end())
        if found is None or found[0].kind not in _FRACTION_KINDS or not singular_like(t[found[1] : found[2]]):
            continue
        approx = approximate_before(t, m.start())
        out.append(Candidate(m.start("f"), found[2], values[m.group("f")], found[0].unit, None, approx, FRACTION))
    return out


@lru_cache(maxsize=1)
def _and_fraction_res() -> tuple[re.Pattern, re.Pattern]:
    """(a hint: و + fraction after a space; the word before it and the fraction)."""
    shares = alternation(w[1:] for w in AND_FRACTIONS.words())
    hint = re.compile(rf"\s{WAW}(?:{shares})(?![^\W\d_])")
    full = re.compile(rf"(?P<w>[{_L}]{{3,}})\s+{WAW}(?P<f>{shares})(?![^\W\d_])")
    return hint, full


def _unit_before_and_fraction(t: str, hint: re.Match, full: re.Pattern) -> re.Match | None:
    """The word and fraction ending at the hint (found without a lookbehind: scanning is faster)."""
    m = full.search(t, max(0, hint.start() - 24), hint.end())
    if m is None or m.end() != hint.end() or (m.start() > 0 and t[m.start() - 1].isalnum()):
        return None
    return m


def unit_and_fractions(t: str) -> list[Candidate]:
    """'عام ونصف [العام]' = 1.5 year, 'ساعة وربع' = 1.25 hour: one unit of time, measure or money.

    Not after a number: "3 سنوات ونصف" is the number's own candidate.
    """
    forms = unit_forms()
    values = fraction_values()
    hint_re, full_re = _and_fraction_res()
    out = []
    for hint in hint_re.finditer(t):
        m = _unit_before_and_fraction(t, hint, full_re)
        if m is None:
            continue
        word = m.group("w")
        u = next((forms[v] for v in strip_clitics(word) if v in forms and singular_like(v)), None)
        if u is None or u.kind not in _FRACTION_KINDS:
            continue
        before = tokens_before(t, m.start("w"), 4)
        if before and (before[-1][0][-1:].isdigit() or before[-1][0] in number_word_set()):
            continue
        s = m.start("w") + (len(word) - len(next(v for v in strip_clitics(word) if v in forms)))
        e = m.end()
        nxt = tokens_after(t, e, 1)
        if nxt and nxt[0][0].startswith(ARTICLE) and forms.get(nxt[0][0][2:]) == u:
            e = nxt[0][2]  # عام ونصف العام
        out.append(
            Candidate(s, e, 1 + values[m.group("f")], u.unit, None, cue_before(before, "approx"), UNIT_AND_FRACTION)
        )
    return out


def twice(t: str) -> list[Candidate]:
    """'بما يعادل مثلي وتيرة' = 2 fold: مثلي is "twice" only after a comparison cue (twice_before).

    Elsewhere it is "like me" (فتاة صغيرة مثلي) or "gay" (مثلي الجنس).
    """
    out = []
    for m in _TWICE_RE.finditer(t):
        before = tokens_before(t, m.start(), 4)
        nxt = tokens_after(t, m.end(), 1)
        if not before or not nxt or not nxt[0][0].isalpha() or in_role(nxt[0][0], "not_count"):
            continue  # مثلي. / مثلي أن / مثلي على: "like me"
        if not cue_before(before, "twice_before", 2) or nxt[0][0] == _SEX:
            continue
        out.append(Candidate(m.start("w"), m.end(), _TWO, "fold", None, cue_before(before, "approx"), TWICE))
    return out
