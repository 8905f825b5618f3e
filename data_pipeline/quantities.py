"""Quantities: a number with its unit or counted noun, as written in the article.

``extract_quantities(doc, norm=None) -> list[Quantity]``. Offsets index
``doc.text`` (end exclusive); matching runs on the normalised view and is
mapped back through ``NormText.span``.

What counts as a quantity (knowledge is in ``resources/units.tsv``,
``number_words.tsv``, ``quantity_cues.tsv``, ``quantity_suffixes.tsv``):
- a number (``numbers.find_numbers``) followed by a unit or counted noun from
  units.tsv: "11 ألف حاوية" = 11000 container, "152 ملم" = 152 mm,
  "50 في المئة" = 50 percent; or by "من" + a known noun ("20 من الجنود");
- "من" + a counted noun in construct or with a possessive ("31 من مسلحي",
  "5 من جنودها"), or + another plural noun: unit item ("38 من رفات");
- a dual noun alone: "يومين" = 2 day, "مليوني دولار" = 2,000,000 dollar;
  count duals only indefinite ("جريحين"; "البلدين" names two already known);
- a definite cardinal after a definite or possessed plural noun: "الخبراء
  الثمانية" = 8 expert, "السنوات الخمس والعشرين" = 25 year, "أطفالها
  الأربعة" = 4 child (span covers noun and number); "يوم واحد" = 1 day;
  also with the article on digits and nisba adjectives between ("المعابر الحدودية
  الرئيسية الـ19" = 19 item, "الأعوام المئة" = 100 year);
- an age: "في الرابعة والخمسين من عمرها" = 54 year, "الـ19 من عمره" = 19 year,
  "دون سن الثلاثين" = 30 year (an ``age_before`` cue + a definite number);
- a fraction of one unit of time, measure or money: "نصف ساعة" = 0.5 hour, "عام ونصف
  العام" = 1.5 year; "مثلي" after a comparison cue = 2 fold ("بما يعادل مثلي وتيرة");
- a digit number followed by an unknown indefinite noun: unit "item" (or
  "person" for nisba plurals such as فلسطينيين), ``what`` = that noun.
``what`` is the counted noun as written (count units), or for measures and
currencies the noun after "من" ("50% من الأصوات" -> الأصوات), else "".
Ranges "بين 10 و20 شخصا", "20 إلى 30 مترا" (not "من 20 إلى 30", a change), "150-200 مسلمة"
and "سنتيمتر واحد أو اثنين" give ONE quantity: value = the low bound, span over the
whole range, ``approximate=True``. "3 أو 4 أيام": the first number takes
the unit of the second. Hedges (نحو، أكثر من ...) set ``approximate`` and are
not part of the span.
A number right after a month, a year cue or "ما مجموعه" is still an amount when it
cannot be a year and a unit follows ("تسليم يونيو 0.3 بالمئة").
Not quantities: bare numbers with no unit or noun, years (عام 2000، 1961
و2000، يونيو 2024), days of a date (18 يونيو), times (الساعة 10، 10:30),
identifiers and ranks (رقم 5، المادة 55، الدقيقة 90), ordinals, phone numbers,
versions (1.2.3), digits glued to Latin letters (F16).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from .lang.ar.letters import ARTICLE
from .lang.ar.normalize import NormText, clitic_variants, normalize, normalize_key
from .numbers import NumberSpan, find_numbers, glued_words
from .lang.ar.patterns import alternation as trie_regex
from .records import Document, Quantity
from .resources import load_jsonl, load_tsv

GENERIC_UNIT = "item"
_SYMBOLS = "%\u066a$\u20ac\u00a3"  # % ٪ $ € £
_TOKEN_RE = re.compile(rf"[^\W_]+[23\u00b2\u00b3]?|[{re.escape(_SYMBOLS)}]")
_ACC_ALEF = "\u0627"  # tanween accusative alef: شخصا
_TEH_MARBUTA_N = "\u0647"  # ة after normalisation
_WAW = "\u0648"
_MIN_WINDOW = 80  # characters looked at around a number
_CONNECTORS = frozenset({_WAW, "\u0627\u0648", "\u0627\u0644\u064a", "\u062d\u062a\u064a", "-", "\u2013"})  # و او الي حتي
_DASHES = frozenset({"-", "\u2013"})
_RANGE_JOIN = frozenset({_WAW, "\u0627\u0644\u064a"})  # بين X و Y, بين X إلى Y
# لل (ل + ال), or ب/ل/ك then the article, an imperfect-verb prefix, or a bare alef (not ئ as in لائحة)
_PREPOSITION_ON_NOUN = re.compile("\u0644\u0644|[\u0628\u0644\u0643](?:\u0627\u0644|[\u062a\u064a\u0646]|\u0627(?!\u0626))")
_YEAR_DIGITS = re.compile(r"(?:1[89]|20)\d\d(?!\d|[.,]\d)")
_AGE_TAIL = re.compile("\u0645\u0646\\s+(?:\u0627\u0644)?\u0639\u0645\u0631")  # من العمر، من عمره
_AMBIGUOUS_SHORT = frozenset(normalize_key(w) for w in ("ست", "سبع", "خمس", "تسع", "ثمان", "عشر", "ثلث", "ربع"))


@dataclass(frozen=True)
class Unit:
    unit: str
    kind: str  # measure, time, currency, percent, count


@lru_cache(maxsize=1)
def unit_lexicon() -> tuple[dict[str, Unit], dict[str, Unit], int]:
    """(form -> Unit, dual form -> Unit, longest form in tokens), keys normalised."""
    forms: dict[str, Unit] = {}
    duals: dict[str, Unit] = {}
    for row in load_tsv("units.tsv", required=("unit", "kind", "dual", "forms", "gloss")):
        u = Unit(row["unit"], row["kind"])
        for f in row["forms"].split("|"):
            key = normalize_key(f) if f not in _SYMBOLS else f
            if not key:
                key = f.strip()
            forms.setdefault(key, u)
            # accusative of an indefinite singular: شخصا، جنيها (not after ة، ا، ى)
            if " " not in key and len(key) > 2 and not f.endswith(("\u0629", "\u0627", "\u0649")):
                forms.setdefault(key + _ACC_ALEF, u)
        if row["dual"] != "-":
            for f in row["dual"].split("|"):
                duals[normalize_key(f)] = u
    for d in list(duals):
        if d in forms:
            del duals[d]  # a spelling shared with a plural (صحفيين) is not a safe dual
    longest = max(len(k.split()) for k in forms)
    return forms, duals, longest


@lru_cache(maxsize=1)
def cues() -> dict[str, frozenset[str]]:
    """role -> normalised cue strings, from resources/quantity_cues.tsv."""
    out: dict[str, set[str]] = {}
    for row in load_tsv("quantity_cues.tsv", required=("cue", "role", "gloss")):
        key = normalize_key(row["cue"]) or row["cue"]
        out.setdefault(row["role"], set()).add(key)
    return {k: frozenset(v) for k, v in out.items()}


@lru_cache(maxsize=1)
def _suffixes() -> tuple[tuple[str, str], ...]:
    rows = load_tsv("quantity_suffixes.tsv", required=("suffix", "unit", "gloss"))
    return tuple((normalize_key(r["suffix"]), r["unit"]) for r in rows)


@lru_cache(maxsize=1)
def _dual_re() -> re.Pattern:
    _, duals, _ = unit_lexicon()
    alt = trie_regex(duals)
    return re.compile(
        rf"(?<![^\W\d_])(?P<pre>[\u0648\u0641]?(?:\u0644\u0644|[\u0628\u0644\u0643]?(?:{ARTICLE})?))"
        rf"(?P<word>{alt})(?![^\W\d_])"
    )


# ---------------------------------------------------------------- tokens around a position


def _tokens_after(t: str, pos: int, k: int) -> list[tuple[str, int, int]]:
    """Up to k tokens after pos, separated only by spaces (stops at punctuation and newlines)."""
    out = []
    end = min(len(t), pos + _MIN_WINDOW)
    while len(out) < k:
        p = pos
        while p < end and t[p] in " \t\u00a0":
            p += 1
        m = _TOKEN_RE.match(t, p, end)
        if not m:
            break
        out.append((m.group(), m.start(), m.end()))
        pos = m.end()
    return out


def _tokens_before(t: str, pos: int, k: int) -> list[tuple[str, int, int]]:
    """Up to k tokens before pos, nearest last, separated only by spaces."""
    lo = max(0, pos - _MIN_WINDOW)
    out: list[tuple[str, int, int]] = []
    i = pos
    while len(out) < k:
        j = i
        while j > lo and t[j - 1] in " \t\u00a0":
            j -= 1
        if j > lo and t[j - 1] in _SYMBOLS:
            out.append((t[j - 1], j - 1, j))
            i = j - 1
            continue
        b = j
        while b > lo and (t[b - 1].isalnum() and t[b - 1] != "_"):
            b -= 1
        if b == j:
            break
        out.append((t[b:j], b, j))
        i = b
    out.reverse()
    return out


@lru_cache(maxsize=65536)
def _strip_clitics(token: str) -> tuple[str, ...]:
    return tuple(v for v, _ in clitic_variants(token))


def _cue_before(tokens: list[tuple[str, int, int]], role: str, max_len: int = 4) -> bool:
    """Do the last tokens form a cue of ``role``? The cue's first word may carry proclitics."""
    table = cues().get(role, frozenset())
    words = [w for w, _, _ in tokens]
    for n in range(1, min(max_len, len(words)) + 1):
        tail = words[-n:]
        for head in _strip_clitics(tail[0]):
            if " ".join([head] + tail[1:]) in table:
                return True
    return False


def _in_role(token: str, role: str) -> bool:
    table = cues().get(role, frozenset())
    return any(v in table for v in _strip_clitics(token))


# ---------------------------------------------------------------- candidates


@dataclass
class _Cand:
    nstart: int
    nend: int
    value: float
    unit: str
    what: tuple[int, int] | None  # normalised span of the counted noun
    approximate: bool


def _lookup_unit(t: str, pos: int) -> tuple[Unit, int, int] | None:
    """Longest unit form starting at the first token after pos: (unit, token start, end)."""
    forms, _, longest = unit_lexicon()
    toks = _tokens_after(t, pos, longest)
    for n in range(len(toks), 0, -1):
        key = " ".join(w for w, _, _ in toks[:n])
        u = forms.get(key)
        if u is not None:
            return u, toks[0][1], toks[n - 1][2]
    return None


def _partitive_noun(t: str, pos: int, count_only: bool) -> tuple[Unit | None, int, int] | None:
    """'من' + noun after pos: (unit of the noun or None, noun start, noun end).

    The noun may be a construct or carry a possessive: "من مستخدمي فيسبوك", "من جنودها".
    """
    toks = _tokens_after(t, pos, 2)
    if len(toks) < 2 or toks[0][0] not in cues().get("partitive", ()):
        return None
    word, s, e = toks[1]
    u = _construct_count_unit(word)
    if u is not None:
        return u, s, e
    if count_only:
        return None
    if word.isalpha() and len(word) >= 3 and not _in_role(word, "not_count"):
        return None, s, e
    return None


def _partitive_other(t: str, pos: int) -> tuple[int, int] | None:
    """'38 من رفات', '100 من الرعايا': من + a plural-looking noun not in units.tsv (unit item).

    Not "one of the biggest" (elatives أكبر، أهم), "out of" (من أصل), months, days of a
    month (من الشهر), demonstratives or quantifiers (من هؤلاء، من كل): see ``not_partitive``.
    """
    toks = _tokens_after(t, pos, 3)
    if len(toks) < 2 or toks[0][0] not in cues().get("partitive", ()):
        return None
    word, s, e = toks[1]
    if not word.isalpha() or len(word) < 4 or not all("\u0621" <= c <= "\u064a" for c in word):
        return None
    bare = word[2:] if word.startswith(ARTICLE) else word
    if len(bare) < 3 or _ELATIVE.fullmatch(bare) or _in_role(word, "month") or _in_role(word, "not_count"):
        return None
    if any(v in cues().get("not_partitive", ()) for v in (word, bare)) or _is_time_noun(word):
        return None
    if word in _place_names():
        return None  # 105 من مالي: "from Mali"
    if _TEH_MARBUTA_N == bare[-1] or (word.startswith(ARTICLE) and bare.endswith(_YEH)):
        return None  # من المدينة، من الحكومة، من الجانب الأمريكي: a place or a body, "from"
    if not word.startswith(ARTICLE) and (
        len(toks) < 3 or not toks[2][0].isalpha() or not _BROKEN_OR_CONSTRUCT.search(word)
    ):
        return None  # an indefinite plural counts only as a construct: من مقاتلي التنظيم، من رفات
    # (not a singular or a name: إيرباص 320 من مطار دوموديفوفو، 845 من كوالكوم)
    return s, e


@lru_cache(maxsize=1)
def _place_names() -> frozenset[str]:
    """First words of country and city names (the entity gazetteers), for "من <place>" = from."""
    out = set()
    for name in ("gazetteer_countries.jsonl", "gazetteer_cities.jsonl"):
        for row in load_jsonl(name, required=("aliases",)):
            for alias in row["aliases"]:
                key = normalize_key(alias)
                if key:
                    out.add(key.split()[0])
    return frozenset(out)


# an indefinite plural in construct: -ات، -اء، -ي (مسلحي) or أفعال (أنصار، أبناء)
_BROKEN_OR_CONSTRUCT = re.compile(
    "(?:\u0627\u062a|\u0627\u0621|\u064a)$|^\u0627[\u0621-\u064a]{2}\u0627[\u0621-\u064a]$"
)
_ELATIVE = re.compile("\u0627[\u0621-\u064a]{2}[\u0621-\u064a\u0649]")  # أكبر، أهم، أسوأ، أعلى


def _possessed_count_unit(word: str) -> Unit | None:
    """Unit of a known plural counted noun + possessive pronoun (أطفالها، أبنائه), else None.

    The word itself must not be a known form (مجموعة السبع: ة is read as ه), and before a
    bare ه the stem must look plural (أطفاله، قضاته، أبنائه; not متهمة ألستون).
    """
    forms = unit_lexicon()[0]
    variants = _strip_clitics(word)
    if any(v in forms or (v.startswith(ARTICLE) and v[2:] in forms) for v in variants):
        return None
    for v in variants:
        suf = next((x for x in _PRONOUN_SUFFIXES if v.endswith(x) and len(v) - len(x) >= 3), None)
        if suf is None:
            continue
        stem = v[: -len(suf)]
        if suf == _PRONOUN_SUFFIXES[-1] and not _PLURAL_STEM.search(stem):
            continue
        u = _construct_count_unit(v)
        if u is not None:
            return u
    return None


# plural-looking stems before a possessive: أفعال (أطفال), -ات، -اء (أبنائ), construct -ي
_PLURAL_STEM = re.compile("(?:\u0627[\u0621-\u064a]|\u0627\u062a|\u0627\u0626|\u064a)$")


_PRONOUN_SUFFIXES = ("\u0647\u0645\u0627", "\u0647\u0645", "\u0647\u0627", "\u0647")  # هما هم ها ه
_YEH = "\u064a"


@lru_cache(maxsize=65536)
def _construct_count_unit(word: str) -> Unit | None:
    """Unit of a counted noun with clitics, article, a construct ending or a possessive.

    الجنود، جنودها، مستخدمي (construct of مستخدمين)، موظفيها، قواتها -> the noun's unit.
    """
    forms = unit_lexicon()[0]
    for v in _strip_clitics(word):
        bare = v[2:] if v.startswith(ARTICLE) else v
        stems = [bare]
        for suf in _PRONOUN_SUFFIXES:
            if bare.endswith(suf) and len(bare) - len(suf) >= 3:
                stem = bare[: -len(suf)]
                if stem.endswith("\u062a") and not stem.endswith("\u0627\u062a"):
                    stem = stem[:-1] + _TEH_MARBUTA_N  # سيارته -> سيارة (not قواتها -> قوات)
                stems.append(stem)
                break
        for stem in list(stems):
            if stem.endswith("\u0627\u0626"):
                stems.append(stem[:-1] + "\u0621")  # أبنائه، أعضائها: the hamza of أبناء، أعضاء
            if stem.endswith(_YEH) and len(stem) >= 4:
                stems += [stem + "\u0646", stem[:-1] + "\u0648\u0646"]  # مستخدمي -> مستخدمين، مستخدمون
        for stem in stems:
            u = forms.get(stem)
            if u is not None and u.kind == "count":
                return u
    return None


def _noun_unit(word: str) -> Unit | None:
    """Unit of a counted noun written with or without the article and proclitics."""
    forms = unit_lexicon()[0]
    for v in _strip_clitics(word):
        bare = v[2:] if v.startswith(ARTICLE) else v
        u = forms.get(bare)
        if u is not None and u.kind == "count":
            return u
        if v.startswith(ARTICLE):
            for suffix, unit in _suffixes():
                if len(suffix) > 1 and bare.endswith(suffix) and len(bare) > len(suffix) + 2:
                    return Unit(unit, "count")
    return None


def _count_of(t: str, n: NumberSpan, before) -> tuple[Unit, int, int, tuple[int, int]] | None:
    """'ارتفع إلى 38 عدد الفلسطينيين' (after) or 'بلغ عدد القتلى 300' (before): what a bare number counts."""
    if _is_year_like(n) or (not n.has_digits and n.value < 3):
        return None
    table = cues().get("count_of", frozenset())
    after = _tokens_after(t, n.end, 2)
    if len(after) == 2 and after[0][0] in table:
        u = _noun_unit(after[1][0])
        if u is not None:
            return u, n.start, after[1][2], (after[1][1], after[1][2])
    words = [w for w, _, _ in before]
    for k in range(len(words) - 2, max(-1, len(words) - 5), -1):
        if k >= 0 and words[k] in table:
            u = _noun_unit(words[k + 1])
            if u is not None:
                return u, n.start, n.end, (before[k + 1][1], before[k + 1][2])
    return None


def _generic_noun(t: str, pos: int) -> tuple[str, int, int] | None:
    """An unknown indefinite noun right after a number: (unit, start, end)."""
    toks = _tokens_after(t, pos, 1)
    if not toks:
        return None
    word, s, e = toks[0]
    if len(word) < 3 or not all("\u0621" <= c <= "\u064a" for c in word):
        return None
    if word.startswith((ARTICLE, _WAW)) or word[0] == "\u064a":  # ال, و, imperfect ي
        return None
    if word.endswith("\u062a") and not word.endswith("\u0627\u062a"):
        return None  # أكدت: a past-tense verb (a plural in ات is still a noun)
    if word.endswith(_WAW + _ACC_ALEF):
        return None  # خرجوا، قتلوا: a plural past-tense verb
    if _PREPOSITION_ON_NOUN.match(word):
        return None  # لتصبح، لإعادة، بالمئة: a counted noun never carries a preposition
    c = cues()
    for role in ("not_count", "month", "time_after", "year_after", "vague", "approx", "partitive"):
        if word in c.get(role, ()):
            return None
    if _in_role(word, "month"):
        return None
    for suffix, unit in _suffixes():
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            return unit, s, e
    return GENERIC_UNIT, s, e


@lru_cache(maxsize=1)
def _bare_multipliers() -> frozenset[str]:
    from .numbers import number_words

    return frozenset(w for w, nw in number_words().items() if "multiplier" in nw.kind)


def _is_amount(t: str, n: NumberSpan, before: list[tuple[str, int, int]], after_month: bool = False) -> bool:
    """A number that cannot be a year, day or identifier, with a unit after it.

    After a month only a year follows ("يونيو 2018"), so there any other number with a
    unit is an amount ("تسليم يونيو 45 سنتا").
    """
    if _cue_before(before, "total", 3):
        return True  # ما مجموعه 20 شخصا: "a total of", not group 20
    if _is_year_like(n) or _YEAR_DIGITS.match(n.core):
        return False  # عام 2014 مليار دولار: the year, then an amount with no number of its own
    if not (after_month or n.scale > 1 or not n.value.is_integer() or n.value > 2100):
        return False  # المادة 55، عام 48: still an identifier or a year
    found = _lookup_unit(t, n.end)
    return found is not None and found[0].kind in ("currency", "percent", "measure")


def _is_year_like(n: NumberSpan) -> bool:
    return n.has_digits and not n.has_words and n.value.is_integer() and 1000 <= n.value <= 2100 and "," not in n.core


def _connector_between(t: str, a: NumberSpan, b: NumberSpan) -> str | None:
    gap = t[a.end : b.start].strip()
    if gap in _CONNECTORS or gap == "":
        return gap or _WAW  # "و2000" glued: the و is the first char of the gap-less token
    if gap.endswith(_WAW) and gap[:-1].strip() in ("", "\u060c", ","):
        return _WAW
    return None


def _classify(t: str, nums: list[NumberSpan]) -> tuple[list[_Cand], set[int]]:
    """Candidates from numbers; also returns indices consumed by ranges."""
    c = cues()
    forms = unit_lexicon()[0]
    year_idx: set[int] = set()
    units: dict[int, tuple[Unit, int, int, tuple[int, int] | None]] = {}
    skip: set[int] = set()
    post: dict[int, _Cand] = {}

    for i, n in enumerate(nums):
        before = _tokens_before(t, n.start, 4)
        prev = before[-1][0] if before else ""
        after = _tokens_after(t, n.end, 1)
        nxt = after[0][0] if after else ""
        # calendar, clock and identifier readings come first; an amount with a unit after it
        # ("تسليم يونيو 0.3 بالمئة", "الدين العام 35 مليار دولار", "ما مجموعه 6 ملايين") is not one
        amount = _is_amount(t, n, before)
        if (nxt and _in_role(nxt, "month")) or (
            prev and _in_role(prev, "month") and not _is_amount(t, n, before, after_month=True)
        ):
            skip.add(i)
            continue
        if (_cue_before(before, "year_before", 2) or _cue_before(before, "id_before", 2)) and not amount:
            if n.has_digits or _is_year_like(n):
                year_idx.add(i)
                skip.add(i)
                continue
        if i > 0 and (i - 1) in year_idx and _is_year_like(n) and _connector_between(t, nums[i - 1], n):
            year_idx.add(i)
            skip.add(i)
            continue
        if _cue_before(before, "time_before", 1) or (nxt and _in_role(nxt, "time_after")):
            skip.add(i)
            continue
        if nxt in c.get("year_after", ()) and n.has_digits and n.value.is_integer() and n.value <= 2100:
            skip.add(i)
            continue
        if n.definite and _percent_word(t, n, prev):
            skip.add(i)  # 2 بالمئة، 40 في المئة: the percent sign in words, not a hundred
            continue
        if n.definite:
            cand = _post_nominal(t, n, before)
            if cand:
                post[i] = cand
                skip.add(i)
                continue
            found = _lookup_unit(t, n.end)
            if found is None or n.value < 3:
                skip.add(i)  # الثلاثة alone: "the three"; الاثنين: Monday; الـ54 مهمة: a birthday, not a count
                continue
        found = _lookup_unit(t, n.end)
        if found:
            u, s, e = found
            what = (s, e) if u.kind == "count" else None
            if u.kind in ("measure", "currency", "percent"):
                part = _partitive_noun(t, e, count_only=False)
                if part:
                    what = (part[1], part[2])
            units[i] = (u, n.start, e, what)
            continue
        part = _partitive_noun(t, n.end, count_only=True) if n.has_digits or n.value > 1 else None
        if part and part[0] is not None:  # (واحد من: "one of", not a count)
            units[i] = (part[0], n.start, part[2], (part[1], part[2]))
            continue
        counted = _count_of(t, n, before)
        if counted:
            units[i] = counted
            continue
        if n.value.is_integer() and (n.has_digits or n.value >= 3) and not _is_year_like(n):
            part = _partitive_other(t, n.end)
            if part:
                units[i] = (Unit(GENERIC_UNIT, "count"), n.start, part[1], part)
                continue
        if not n.has_digits and n.value == 1:
            cand = _post_nominal(t, n, before)
            counted = cand is not None and i - 1 in units and units[i - 1][2] > cand.nstart
            if cand and not counted:
                post[i] = _one_or_two(t, cand)  # (90 عاما واحد من أشهر: the noun is already counted by 90)
            skip.add(i)

    cands: list[_Cand] = []
    consumed: set[int] = set()
    for i, n in enumerate(nums):
        if i in consumed:
            continue
        if i in post:
            cands.append(post[i])
            continue
        if i in skip:
            continue
        before = _tokens_before(t, n.start, 4)
        approx = _cue_before(before, "approx")
        if i in units:
            u, s, e, what = units[i]
            cands.append(_finish(t, n, u.unit, s, e, what, approx))
            continue
        glued = _glued_to_word(t, n)
        if glued and not _cue_before(before, "range", 1):
            continue  # فرانس24 أنهم، لإس9: a name with a number, unless its own unit follows
        # the unit of the next number: "3 أو 4 أيام", "بين 10 و20 شخصا", "بين 270 و330 ألف سوري"
        j = i + 1
        if j < len(nums) and j not in skip and not _is_year_like(n):
            nxt_unit = units.get(j)
            dash = t[n.end : nums[j].start].strip() in _DASHES
            if nxt_unit is None and (not dash or _dash_range(t, n, nums[j])):
                gen = _generic_after(t, nums[j], _tokens_before(t, nums[j].start, 4), forms)
                if gen:
                    nxt_unit = (Unit(gen[0], "count"), nums[j].start, gen[2], (gen[1], gen[2]))
            conn = _connector_between(t, n, nums[j]) if nxt_unit else None
            if conn is not None:
                u, _, e, what = nxt_unit
                low = _inherit_scale(n, nums[j])
                if (
                    conn in _DASHES
                    or (conn in _RANGE_JOIN and _cue_before(before, "range", 2))
                    or (conn == _TO and low < nums[j].value and not _in_role(prev_word(before), "partitive"))
                ):  # بارتفاع 20 إلى 30 مترا (but من 20 إلى 30: a change, two amounts)
                    cand = _finish(t, n, u.unit, n.start, e, what, True)
                    cand.value = low
                    cands.append(cand)
                    consumed.add(j)
                else:
                    cands.append(_Cand(n.start, n.end, low, u.unit, what, approx))
                continue
        gen = _generic_after(t, n, before, forms)
        if gen:
            unit, s, e = gen
            cands.append(_finish(t, n, unit, s, e, (s, e), approx))
    return cands, consumed


_TO = "\u0627\u0644\u064a"  # الي (إلى normalised)


def prev_word(before: list[tuple[str, int, int]]) -> str:
    return before[-1][0] if before else ""


_OR = "\u0627\u0648"  # أو normalised


def _one_or_two(t: str, cand: _Cand) -> _Cand:
    """'سنتيمتر واحد أو اثنين', 'يوما واحدا أو يومين': a range from one, the span over both."""
    toks = _tokens_after(t, cand.nend, 2)
    if len(toks) == 2 and toks[0][0] == _OR:
        dual = unit_lexicon()[1].get(toks[1][0])
        if toks[1][0] in _TWO_WORDS or (dual is not None and dual.unit == cand.unit):
            cand.nend, cand.approximate = toks[1][2], True
    return cand


def _percent_word(t: str, n: NumberSpan, prev: str) -> bool:
    """المئة in "بالمئة" or "في المئة" (per cent), not the number 100 (الأعوام المئة، المئة قتيل)."""
    if n.has_digits or n.value != 100:
        return False
    return prev in _PERCENT_PREPOSITIONS or (n.start > 0 and t[n.start - 1] not in " \t\n\u00a0([\"'\u00ab")


_PERCENT_PREPOSITIONS = frozenset({"\u0641\u064a"})  # في


def _dash_range(t: str, low: NumberSpan, high: NumberSpan) -> bool:
    """'150-200 مسلمة' is a range; '2-1 ذهابا' a match score, 'بوينغ 737-800' and 'ATR 72-500' models."""
    if high.value < 10 or low.value >= high.value:
        return False
    before = t[max(0, low.start - 12) : low.start].rstrip()
    return not (before[-1:].isascii() and before[-1:].isalnum()) and not _cue_before(_tokens_before(t, low.start, 2), "id_before", 2)


def _generic_after(t: str, n: NumberSpan, before, forms) -> tuple[str, int, int] | None:
    """An unknown counted noun after ``n`` (unit item or person), or None when ``n`` cannot count one."""
    glued = _glued_to_word(t, n)
    if glued and not _cue_before(before, "range", 1):
        return None  # فرانس24 أنهم، لإس9: a name with a number
    if glued or _is_year_like(n) or (n.has_words and not n.has_digits and n.core in _AMBIGUOUS_SHORT):
        return None
    if not n.has_digits and (n.value < 3 or (n.core in _bare_multipliers() and n.value == n.scale)):
        return None  # ألف مبروك، مليون شكر: a lone multiplier needs a known noun (not ألفي، مليونا)
    if n.value < 10 and re.search(r"\d\s*[-\u2013]\s*$", t[max(0, n.start - 6) : n.start]):
        return None  # 1-3 جعلته: the second goal count of a match score
    gen = _generic_noun(t, n.end)
    if gen and forms.get(t[gen[1] : gen[2]]) is None:
        return gen
    return None


def _glued_to_word(t: str, n: NumberSpan) -> bool:
    """Digits written against a whole word (قيمته5,3، فرانس24): numbers.py keeps them for typos."""
    if not (n.has_digits and n.start > 1 and all("\u0621" <= ch <= "\u064a" for ch in t[n.start - 2 : n.start])):
        return False
    word = _tokens_before(t, n.start, 1)
    return not (word and word[0][0] in glued_words())  # أكثر من55 ألف: a missing space, not a name


def _inherit_scale(low: NumberSpan, high: NumberSpan) -> float:
    """'بين 25 و30 مليار': the low bound takes the multiplier of the high one."""
    if low.scale == 1.0 and high.scale > 1.0 and low.value < 1000:
        return low.value * high.scale
    return low.value


def _finish(t: str, n: NumberSpan, unit: str, s: int, e: int, what, approx: bool) -> _Cand:
    """Extend with ونصف / تقريبا after the unit and build the candidate."""
    value = n.value
    end = max(e, n.end)
    toks = _tokens_after(t, end, 2)
    if toks:
        frac = {normalize_key("ونصف"): 0.5, normalize_key("وربع"): 0.25}.get(toks[0][0])
        if frac and value.is_integer() and value < 1000:
            value += frac
            end = toks[0][2]
            toks = toks[1:]
    if toks and toks[0][0] in cues().get("approx_after", ()):
        approx = True
    return _Cand(n.start, end, value, unit, what, approx)


def _post_nominal(t: str, n: NumberSpan, before: list[tuple[str, int, int]]) -> _Cand | None:
    """'الخبراء الثمانية' (definite 3-10 after a definite noun) or 'يوم واحد' (1 after a known noun)."""
    if not before:
        return None
    word, s, e = before[-1]
    forms = unit_lexicon()[0]
    if n.definite:
        digits = n.has_digits
        hundreds = not digits and n.value % 100 == 0 and n.value <= 900  # الأعوام المئة
        if not (3 <= n.value <= (999 if digits or hundreds else 99)) or not n.value.is_integer():
            return None
        # nisba adjectives between the noun and the number: المعابر الحدودية الرئيسية الـ19
        k = len(before) - 1
        feminine_adj = False
        while k > 0 and len(before) - 1 - k < 3 and _is_nisba_adjective(before[k][0]):
            feminine_adj = feminine_adj or before[k][0].endswith(_NISBA_FEM)
            k -= 1
        if k < len(before) - 1:
            if before[k][0].startswith(ARTICLE) or _possessed_count_unit(before[k][0]):
                word, s, e = before[k]
            else:
                feminine_adj = False  # الإيطاليين الثلاثة: the nisba plural is the noun itself
        noun = None
        for v in _strip_clitics(word):
            if v.startswith(ARTICLE) and len(v) > 4:
                noun = v[2:]
                break
        if noun is None:
            u = _possessed_count_unit(word)  # أطفالها الأربعة، قضاتها التسعة
            return _Cand(s, n.end, n.value, u.unit, (s, e), False) if u else None
        ordinal_head = noun in cues().get("not_count", ()) or _in_role(noun, "month") or _is_time_noun(word)
        if ordinal_head and not (digits and _plural_looking(noun)):
            return None  # القرن العشرين، العام العشرين: a cardinal used as an ordinal (السنوات الـ25 is a count)
        # (a broken plural of things takes a feminine singular adjective: المعابر الحدودية)
        plural = _plural_looking(noun) or (feminine_adj and not noun.endswith(_TEH_MARBUTA_N))
        if (n.value > 10 or digits) and not plural:
            return None  # الطابق الخمسين، الدورة الـ17، المرة العشرين: ordinal use after a singular
        if noun.endswith("\u064a") and forms.get(noun) is None:
            return None  # الاتحاد الأوروبي الثمانية والعشرين: an adjective, not the counted noun (الجرحى is)
        rest = t[n.end : n.end + 4].lstrip()
        if rest.startswith(_WAW + ARTICLE):
            return None  # الثمانية والعشرين: a compound number, read as a whole elsewhere
        u = forms.get(noun)
        unit = u.unit if u else _nisba_unit(noun)
        what = (s, e) if u is None or u.kind == "count" else None
        if u is None and noun.endswith(_TEH_MARBUTA_N):
            return None  # singular feminine noun + الثالثة-like forms are ordinals, not counts
        return _Cand(s, n.end, n.value, unit, what, False)
    for v in _strip_clitics(word):
        u = forms.get(v)
        if u is not None:
            return _Cand(s, n.end, n.value, u.unit, (s, e) if u.kind == "count" else None, False)
    return None


_NISBA_FEM = "\u064a\u0647"  # ية after normalisation
_NISBA_ENDS = (_NISBA_FEM, "\u064a\u064a\u0646", "\u064a\u0648\u0646", "\u064a")  # ية يين يون ي


def _nisba_unit(noun: str) -> str:
    """person for a nisba plural of people (الإيطاليين، الفلسطينيون: quantity_suffixes.tsv), else item."""
    for suffix, unit in _suffixes():
        if len(suffix) > 1 and noun.endswith(suffix) and len(noun) > len(suffix) + 2:
            return unit
    return GENERIC_UNIT


def _is_nisba_adjective(word: str) -> bool:
    """A definite nisba adjective (الحدودية، الرئيسية، الأمريكيين) that is not itself a known noun."""
    if not word.startswith(ARTICLE) or len(word) < 6 or not word.endswith(_NISBA_ENDS):
        return False
    bare = word[2:]
    return bare not in unit_lexicon()[0] and not _in_role(bare, "not_count")


_TWO = NumberSpan(0, 0, 2.0, False, True)
_TWO_WORDS = frozenset(normalize_key(w) for w in ("اثنين", "اثنان", "اثنتين", "اثنتان"))


def _plural_looking(noun: str) -> bool:
    """A plural noun: a sound plural ending, or a known form that is not the singular of its unit."""
    if noun.endswith(_SOUND_PLURAL):
        return True
    return noun in unit_lexicon()[0] and noun not in _singular_forms()


_SOUND_PLURAL = ("\u0627\u062a", "\u064a\u0646", "\u0648\u0646", "\u0627\u0621")  # ات ين ون اء


@lru_cache(maxsize=1)
def _singular_forms() -> frozenset[str]:
    """The first spelling of each units.tsv row (its singular) and its accusative."""
    out = set()
    for row in load_tsv("units.tsv", required=("unit", "kind", "dual", "forms", "gloss")):
        first = normalize_key(row["forms"].split("|")[0])
        out.update((first, first + _ACC_ALEF))
    return frozenset(out)


def _duals(t: str) -> list[_Cand]:
    """'يومين' = 2 day, 'شخصين' = 2 person."""
    _, duals, _ = unit_lexicon()
    out = []
    for m in _dual_re().finditer(t):
        u = duals[m.group("word")]
        pre = m.group("pre")
        if u.kind == "count" and pre.endswith((ARTICLE, "\u0644\u0644")):
            continue  # البلدين، الرجلين: "the two" already named, not a count (العامين is a span)
        # the article belongs to the dual as written (العامين); conjunctions and prepositions do not
        s = m.start("word") - (2 if pre.endswith(ARTICLE) else 1 if pre.endswith("\u0644\u0644") else 0)
        e = m.end()
        toks = _tokens_before(t, m.start(), 4)
        approx = _cue_before(toks, "approx")
        what = (s, e) if u.kind == "count" else None
        nxt = _tokens_after(t, e, 1)
        if nxt and nxt[0][0] in _TWO_WORDS:
            e = nxt[0][2]  # كيلومترين اثنين: the number repeats the dual
        cand = _finish(t, _TWO, u.unit, s, e, what, approx)  # ساعتين ونصف = 2.5 hour
        cand.nstart = s
        out.append(cand)
    return out


# an indefinite feminine dual (مجموعتين، حافلتان) or a nisba dual in the nominative (فلسطينيان)
_OPEN_DUAL_RE = re.compile(
    "(?<![^\\W\\d_])[\u0621-\u064a]{4,}(?:\u062a\u064a\u0646|\u062a\u0627\u0646|\u064a\u0627\u0646)(?![^\\W\\d_])"
)
_OPEN_DUAL_ENDS = ("\u062a\u064a\u0646", "\u062a\u0627\u0646", "\u064a\u0627\u0646")  # تين تان يان
# a dual before (حافلتين، سائحان، أذنين) or a feminine construct dual (ناقلتا، ناقلتي): then an adjective
_DUAL_BEFORE = re.compile("(?:[\u0621-\u064a]{3}(?:\u064a\u0646|\u0627\u0646)|\u062a[\u0627\u064a])$")


def _open_duals(t: str) -> list[_Cand]:
    """Duals of counted nouns missing from units.tsv: 'مجموعتين' = 2 item, 'فلسطينيان' = 2 person.

    The noun must be known to the news vocabulary (``word_clusters.tsv``) with its singular and
    its plural: stem + ة and stem + ات (مجموعة، مجموعات), or for a nisba stem + ي and stem + يون
    (فلسطيني، فلسطينيون). Not after another dual or a feminine construct dual: there it is an
    adjective (حكومتين متنافستين، سائحان بريطانيان، ناقلتي نفط سعوديتين); not after غير.
    """
    from .word_clusters import cluster_ids

    vocab = cluster_ids()
    _, duals, _ = unit_lexicon()
    out = []
    for m in _OPEN_DUAL_RE.finditer(t):
        token = m.group()
        if token in duals or token in _number_word_set():
            continue
        variants = clitic_variants(token)
        if any(v.startswith(ARTICLE) or v in duals for v, _ in variants):
            continue  # الحكومتين، للجانبين: "the two" already named, not a count
        found = None
        unit = GENERIC_UNIT
        for v, k in sorted(variants, key=lambda vk: -vk[1]):  # the bare noun first: و+مجموعتين
            if len(v) < 6:
                continue
            stem, end = v[:-3], v[-3:]
            if end == _OPEN_DUAL_ENDS[2]:
                ok = stem + _YEH in vocab and stem + _YEH + "\u0648\u0646" in vocab  # فلسطيني، فلسطينيون
                unit = "person"  # people of a nation or group, like the nisba plurals (quantity_suffixes.tsv)
            else:
                ok = stem + _TEH_MARBUTA_N in vocab and stem + "\u0627\u062a" in vocab  # مجموعة، مجموعات
                unit = GENERIC_UNIT
            if ok:
                found = k
                break
        if found is None:
            continue
        before = _tokens_before(t, m.start(), 4)
        if before and (_DUAL_BEFORE.search(before[-1][0]) or _in_role(before[-1][0], "not_before_dual")):
            continue
        s, e = m.start() + found, m.end()
        cand = _finish(t, _TWO, unit, s, e, (s, e), _cue_before(before, "approx"))
        cand.nstart = s
        out.append(cand)
    return out


_FRACTION_CLITICS = "\u0648\u0641\u0628"  # و ف ب


@lru_cache(maxsize=1)
def _fraction_re() -> tuple[re.Pattern, dict[str, float]]:
    """نصف، ربع، ثلث (kind fraction in number_words.tsv) as a word of their own, and their values."""
    from .numbers import number_words

    values = {w: nw.value for w, nw in number_words().items() if nw.kind == "fraction"}
    return re.compile(rf"(?P<f>{trie_regex(values)})(?![^\W\d_])"), values


# the word before "ونصف"/"وربع" (a lookbehind-free form: the fraction is found first, then the word)
_AND_HALF_RE = re.compile("(?P<w>[\u0621-\u064a]{3,})\\s+\u0648(?P<f>\u0646\u0635\u0641|\u0631\u0628\u0639)(?![^\\W\\d_])")
_AND_HALF_HINT = re.compile("\\s\u0648(?:\u0646\u0635\u0641|\u0631\u0628\u0639)(?![^\\W\\d_])")
_FRACTION_KINDS = ("time", "measure", "currency")


def _singular_like(form: str) -> bool:
    """Not a sound plural (سنوات) nor an أفعال broken plural (أعوام): the unit noun after نصف or before ونصف."""
    return not form.endswith(_SOUND_PLURAL) and not _AFAAL.fullmatch(form)


_AFAAL = re.compile("\u0627[\u0621-\u064a]{2}\u0627[\u0621-\u064a]")


def _fractions(t: str) -> list[_Cand]:
    """'نصف ساعة' = 0.5 hour, 'ربع قرن' = 0.25 century; 'عام ونصف [العام]' = 1.5 year.

    Only units of time, measure and money: "نصف سكان" is a share, not an amount.
    """
    forms = unit_lexicon()[0]
    out = []
    fraction_re, values = _fraction_re()
    for m in fraction_re.finditer(t):
        head = t[max(0, m.start() - 2) : m.start()]
        if head[-1:].isalnum() and not (head[-1] in _FRACTION_CLITICS and not head[:-1].isalnum()):
            continue  # inside a word (منتصف); و/ف/ب alone may be written on it (بنصف ساعة)
        found = _lookup_unit(t, m.end())
        if found is None or found[0].kind not in _FRACTION_KINDS or not _singular_like(t[found[1] : found[2]]):
            continue
        u, _, e = found
        before = _tokens_before(t, m.start(), 4)
        out.append(_Cand(m.start("f"), e, values[m.group("f")], u.unit, None, _cue_before(before, "approx")))
    for hint in _AND_HALF_HINT.finditer(t):
        m = _AND_HALF_RE.search(t, max(0, hint.start() - 24), hint.end())
        if m is None or m.end() != hint.end() or (m.start() > 0 and t[m.start() - 1].isalnum()):
            continue
        word = m.group("w")
        u = next((forms[v] for v in _strip_clitics(word) if v in forms and _singular_like(v)), None)
        if u is None or u.kind not in _FRACTION_KINDS:
            continue
        before = _tokens_before(t, m.start("w"), 4)
        if before and (before[-1][0][-1:].isdigit() or before[-1][0] in _number_word_set()):
            continue  # 3 سنوات ونصف: the number's own candidate covers it
        s = m.start("w") + (len(word) - len(next(v for v in _strip_clitics(word) if v in forms)))
        e = m.end()
        nxt = _tokens_after(t, e, 1)
        if nxt and nxt[0][0].startswith(ARTICLE) and forms.get(nxt[0][0][2:]) == u:
            e = nxt[0][2]  # عام ونصف العام
        value = 1 + values[m.group("f")]
        out.append(_Cand(s, e, value, u.unit, None, _cue_before(before, "approx")))
    return out


_TWICE_RE = re.compile("(?<![^\\W\\d_])[\u0648\u0628]?(?P<w>\u0645\u062b\u0644\u064a)(?![^\\W\\d_])")  # مثلي


def _twice(t: str) -> list[_Cand]:
    """'بما يعادل مثلي وتيرة' = 2 fold: مثلي is "twice" only after a comparison cue (twice_before).

    Elsewhere it is "like me" (فتاة صغيرة مثلي) or "gay" (مثلي الجنس).
    """
    out = []
    for m in _TWICE_RE.finditer(t):
        before = _tokens_before(t, m.start(), 4)
        nxt = _tokens_after(t, m.end(), 1)
        if not before or not nxt or not nxt[0][0].isalpha() or _in_role(nxt[0][0], "not_count"):
            continue  # مثلي. / مثلي أن / مثلي على: "like me"
        if not _cue_before(before, "twice_before", 2) or nxt[0][0] == _SEX:
            continue
        out.append(_Cand(m.start("w"), m.end(), 2.0, "fold", None, _cue_before(before, "approx")))
    return out


_SEX = "\u0627\u0644\u062c\u0646\u0633"  # الجنس: مثلي الجنس = gay


@lru_cache(maxsize=1)
def _number_word_set() -> frozenset[str]:
    from .numbers import number_words

    return frozenset(number_words())


@lru_cache(maxsize=1)
def _age_re() -> re.Pattern:
    return re.compile(
        rf"(?<![^\W\d_])[\u0648\u0641\u0628]?{_age_number()}"
        rf"\s+\u0645\u0646\s+(?:{ARTICLE}\u0639\u0645\u0631"
        rf"|\u0639\u0645\u0631(?:\u0647\u0645\u0627|\u0647\u0627|\u0647\u0645|\u0647|\u064a|\u0643))"
        rf"(?![^\W\d_])"
    )  # [في] الرابعة والخمسين من عمرها، الثلاثين من العمر، 16 من عمره (not من عمر الجزيرة)


@lru_cache(maxsize=1)
def _age_before_re() -> re.Pattern:
    """'دون سن الثلاثين', 'ابنة الرابعة عشرة', 'بعمر الـ12': an age cue (quantity_cues.tsv) + a definite number."""
    cue = trie_regex(cues().get("age_before", ()))
    return re.compile(rf"(?<![^\W\d_])[\u0648\u0641\u0628\u0644]?(?:{cue})\s+{_age_number()}(?![^\W\d_])")


@lru_cache(maxsize=1)
def _age_number() -> str:
    """The number of an age: 16، الـ16، الرابعة، السادسة عشرة، الرابعة والخمسين (group num)."""
    from .numbers import number_words

    words = number_words()
    stems = [w[2:] if w.startswith(ARTICLE) else w for w, nw in words.items() if nw.kind in ("ordinal", "unit", "ten")]
    tens = [w for w, nw in words.items() if nw.kind == "ten"]
    ten_word = "|".join(w for w, nw in words.items() if nw.kind == "ten_word")
    return (
        rf"(?P<num>(?:{ARTICLE} ?)?\d{{1,3}}(?![\d.,])"
        rf"|{ARTICLE}(?P<first>{trie_regex(stems)})(?:\s+(?P<teen>{ten_word}))?"
        rf"(?:\s+{_WAW}\s?{ARTICLE}(?P<ten>{trie_regex(tens)}))?)"
    )


def _is_time_noun(word: str) -> bool:
    """العقد، عقدها، الشهر: a time noun (with article or possessive) that an ordinal can modify."""
    table = cues().get("ordinal_head", frozenset())
    for v in _strip_clitics(word):
        bare = v[2:] if v.startswith(ARTICLE) else v
        if any(stem in table for stem in (bare, bare[:-2], bare[:-1])):
            return True
    return False


def _ages(t: str) -> list[_Cand]:
    """'في الرابعة والخمسين من عمرها' = 54 year, 'في الثلاثين من العمر' = 30 year (an age)."""
    from .numbers import number_words

    words = number_words()
    out = []
    matches = []
    for tail in _AGE_TAIL.finditer(t):
        # the full pattern only near "من العمر": scanning the whole text with it is slow
        m = _age_re().search(t, max(0, tail.start() - 40), tail.end() + 4)
        if m is not None and m.end() >= tail.end():
            matches.append(m)
    for m in _age_before_re().finditer(t):
        if m.group("num").startswith(ARTICLE):  # سن الثلاثين (سن 18 is left to the unit after it)
            matches.append(m)
    for m in matches:
        num = m.group("num")
        if m.group("first") is None:
            value = float(num.lstrip(ARTICLE[0]).lstrip(ARTICLE[1]).strip())
        else:
            first = m.group("first")
            nw = words.get(ARTICLE + first) or words.get(first)
            if nw is None:
                continue
            teen, ten = m.group("teen"), m.group("ten")
            if (teen and (ten or 10 <= nw.value != 11)) or (nw.value == 11 and not (teen or ten)):
                continue
            if ten and 10 <= nw.value != 11:  # سن الأربعين والخمسين: two ages, not 90
                continue
            base = 1 if nw.value == 11 else nw.value  # الحادية عشرة، الحادية والعشرين
            value = base + (10 if teen else 0) + (words[ten].value if ten else 0)
            if value == 1 and not m.group("ten"):
                continue  # الأولى من العمر: "the first (years) of life"
        if not 1 <= value <= 120:
            continue
        before = _tokens_before(t, m.start("num"), 1)
        if before and _is_time_noun(before[0][0]):
            continue  # العقد الثاني من العمر: an ordinal of a decade, not an age
        out.append(_Cand(m.start("num"), m.end(), value, "year", None, False))
    return out


def _resolve(cands: list[_Cand]) -> list[_Cand]:
    """Keep the longest of overlapping candidates, then order by position."""
    kept: list[_Cand] = []
    # Kept spans never overlap, so sorted by (start, end) their ends rise too: the one kept span
    # that can overlap [a, b) is the last that starts before b (bisect, not a scan of all kept).
    taken: list[tuple[int, int]] = []
    for cnd in sorted(cands, key=lambda c: (-(c.nend - c.nstart), c.nstart)):
        i = bisect.bisect_left(taken, (cnd.nend,))
        if i == 0 or taken[i - 1][1] <= cnd.nstart:
            bisect.insort(taken, (cnd.nstart, cnd.nend))
            kept.append(cnd)
    return sorted(kept, key=lambda c: c.nstart)


def extract_quantities(doc: Document, norm: NormText | None = None) -> list[Quantity]:
    """Quantities in ``doc`` (see module docstring); offsets index ``doc.text``, end exclusive.

    ``norm`` is ``normalize(doc.text)`` when the caller already has it.
    """
    if norm is None or norm.original != doc.text:
        norm = normalize(doc.text)
    t = norm.text
    nums = find_numbers(t)
    cands, _ = _classify(t, nums)
    cands.extend(_symbol_prefixed(t, nums, cands))
    cands.extend(_duals(t))
    cands.extend(_open_duals(t))
    cands.extend(_ages(t))
    cands.extend(_fractions(t))
    cands.extend(_twice(t))
    out = []
    for c in _resolve(cands):
        start, end = norm.span(c.nstart, c.nend)
        what = ""
        if c.what is not None:
            ws, we = norm.span(*c.what)
            what = doc.text[ws:we]
            # drop proclitics written on the noun (بـ، و، ل) but keep it as written otherwise
            variants = clitic_variants(t[c.what[0] : c.what[1]])
            if len(variants) > 1 and _is_known_after_clitic(variants):
                k = _known_clitic_len(variants)
                ws2, _ = norm.span(c.what[0] + k, c.what[1])
                what = doc.text[ws2:we]
        out.append(Quantity(doc.doc_id, float(c.value), c.unit, what, doc.text[start:end], start, end, c.approximate))
    return out


def _is_known_after_clitic(variants: list[tuple[str, int]]) -> bool:
    return _known_clitic_len(variants) > 0


def _known_clitic_len(variants: list[tuple[str, int]]) -> int:
    forms = unit_lexicon()[0]
    token = variants[0][0]
    if token in forms or token.startswith(ARTICLE):
        return 0
    for v, k in variants[1:]:
        bare = v[2:] if v.startswith(ARTICLE) else v
        if (v in forms or bare in forms) and k:
            return k
    return 0


def _symbol_prefixed(t: str, nums: list[NumberSpan], cands: list[_Cand]) -> list[_Cand]:
    """'$100', '%50' (the symbol written before the number)."""
    forms = unit_lexicon()[0]
    taken = {c.nstart for c in cands}
    out = []
    for n in nums:
        if n.start in taken or n.start == 0:
            continue
        p = n.start - 1
        while p > 0 and t[p] == " ":
            p -= 1
        ch = t[p]
        if ch in _SYMBOLS and ch in forms:
            if _lookup_unit(t, n.end):
                continue
            before = _tokens_before(t, p, 4)
            out.append(_Cand(p, n.end, n.value, forms[ch].unit, None, _cue_before(before, "approx")))
    return out
