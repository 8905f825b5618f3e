"""The noun after (or before) a number: its unit, and whether it can be counted at all.

Words are tokens of the normalised text (alef forms folded, ة read as ه, ى as ي).
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..lang.ar.clitics import THIRD_PERSON_SUFFIXES
from ..lang.ar.letters import ALEF, ARTICLE, HA, LETTER_RANGE, WAW, YA
from .lexicon import (
    GENERIC_UNIT,
    Unit,
    cue_words,
    place_first_words,
    singular_forms,
    suffixes,
    unit_forms,
    unit_lexicon,
)
from .tokens import bare_noun, in_role, strip_clitics, tokens_after

_L = LETTER_RANGE
_TEH = "ت"
_HAMZA_SEAT = "ائ"  # أبنائه، أعضائها: the hamza of أبناء، أعضاء before a suffix
_POSSESSIVES = THIRD_PERSON_SUFFIXES  # ـهما ـهم ـهن ـها ـه, longest first
# an indefinite plural in construct: -ات، -اء، -ي (مسلحي) or أفعال (أنصار، أبناء)
_BROKEN_OR_CONSTRUCT = re.compile(f"(?:ات|اء|{YA})$|^ا[{_L}]{{2}}ا[{_L}]$")
_ELATIVE = re.compile(f"ا[{_L}]{{2}}[{_L}]")  # أكبر، أهم، أسوأ، أعلى
# plural-looking stems before a possessive: أفعال (أطفال), -ات، -اء (أبنائ), construct -ي
_PLURAL_STEM = re.compile(f"(?:ا[{_L}]|ات|ائ|{YA})$")
_AFAAL = re.compile(f"ا[{_L}]{{2}}ا[{_L}]")  # أفعال: أعوام، أطفال
# لل (ل + ال), or ب/ل/ك then the article, an imperfect-verb prefix, or a bare alef (not ئ as in لائحة)
_PREPOSITION_ON_NOUN = re.compile("لل|[بلك](?:ال|[تين]|ا(?!ئ))")
SOUND_PLURAL = ("ات", "ين", "ون", "اء")
NISBA_FEM = YA + HA  # ية after normalisation
_NISBA_ENDS = (NISBA_FEM, "يين", "يون", YA)
# roles of quantity_cues.tsv whose words are never the noun a number counts
_NOT_NOUN_ROLES = ("not_count", "month", "time_after", "year_after", "vague", "approx", "partitive")


def is_arabic_word(word: str) -> bool:
    return all("ء" <= c <= "ي" for c in word)


def lookup_unit(t: str, pos: int) -> tuple[Unit, int, int] | None:
    """Longest unit form starting at the first token after pos: (unit, token start, end)."""
    forms, _, longest = unit_lexicon()
    toks = tokens_after(t, pos, longest)
    for n in range(len(toks), 0, -1):
        key = " ".join(w for w, _, _ in toks[:n])
        u = forms.get(key)
        if u is not None:
            return u, toks[0][1], toks[n - 1][2]
    return None


@lru_cache(maxsize=65536)
def construct_count_unit(word: str) -> Unit | None:
    """Unit of a counted noun with clitics, article, a construct ending or a possessive.

    الجنود، جنودها، مستخدمي (construct of مستخدمين)، موظفيها، قواتها -> the noun's unit.
    """
    forms = unit_forms()
    for v in strip_clitics(word):
        for stem in _stems(bare_noun(v)):
            u = forms.get(stem)
            if u is not None and u.kind == "count":
                return u
    return None


def _stems(bare: str) -> list[str]:
    """The noun, without its possessive, and the plurals a construct or a hamza seat stands for."""
    stems = [bare]
    suf = next((s for s in _POSSESSIVES if bare.endswith(s) and len(bare) - len(s) >= 3), None)
    if suf is not None:
        stem = bare[: -len(suf)]
        if stem.endswith(_TEH) and not stem.endswith("ات"):
            stem = stem[:-1] + HA  # سيارته -> سيارة (not قواتها -> قوات)
        stems.append(stem)
    for stem in list(stems):
        if stem.endswith(_HAMZA_SEAT):
            stems.append(stem[:-1] + "ء")  # أبنائه، أعضائها: the hamza of أبناء، أعضاء
        if stem.endswith(YA) and len(stem) >= 4:
            stems += [stem + "ن", stem[:-1] + WAW + "ن"]  # مستخدمي -> مستخدمين، مستخدمون
            stems.append(stem[:-1])  # رفاقي، أبنائي: the first-person possessive ي
    return stems


def possessed_count_unit(word: str) -> Unit | None:
    """Unit of a known plural counted noun + possessive pronoun (أطفالها، أبنائه), else None.

    The word itself must not be a known form (مجموعة السبع: ة is read as ه), and before a
    bare ه the stem must look plural (أطفاله، قضاته، أبنائه; not متهمة ألستون).
    """
    forms = unit_forms()
    variants = strip_clitics(word)
    if any(v in forms or (v.startswith(ARTICLE) and v[2:] in forms) for v in variants):
        return None
    for v in variants:
        suf = next((x for x in _POSSESSIVES if v.endswith(x) and len(v) - len(x) >= 3), None)
        if suf is None:
            continue
        if suf == HA and not _PLURAL_STEM.search(v[: -len(suf)]):
            continue
        u = construct_count_unit(v)
        if u is not None:
            return u
    return None


def noun_unit(word: str) -> Unit | None:
    """Unit of a counted noun written with or without the article and proclitics."""
    forms = unit_forms()
    for v in strip_clitics(word):
        bare = bare_noun(v)
        u = forms.get(bare)
        if u is not None and u.kind == "count":
            return u
        if v.startswith(ARTICLE):
            for suffix, unit in suffixes():
                if len(suffix) > 1 and bare.endswith(suffix) and len(bare) > len(suffix) + 2:
                    return Unit(unit, "count")
    return None


def partitive_noun(t: str, pos: int, count_only: bool) -> tuple[Unit | None, int, int] | None:
    """'من' + noun after pos: (unit of the noun or None, noun start, noun end).

    The noun may be a construct or carry a possessive: "من مستخدمي فيسبوك", "من جنودها".
    """
    toks = tokens_after(t, pos, 2)
    if len(toks) < 2 or toks[0][0] not in cue_words("partitive"):
        return None
    word, s, e = toks[1]
    u = construct_count_unit(word)
    if u is not None:
        return u, s, e
    if count_only:
        return None
    if word.isalpha() and len(word) >= 3 and not in_role(word, "not_count"):
        return None, s, e
    return None


def _not_long_arabic(word: str, toks) -> bool:
    return not word.isalpha() or len(word) < 4 or not is_arabic_word(word)


def _elative_or_not_count(word: str, toks) -> bool:
    """أكبر، أهم (من أكبر: one of the biggest); months; words never counted."""
    bare = bare_noun(word)
    return len(bare) < 3 or bool(_ELATIVE.fullmatch(bare)) or in_role(word, "month") or in_role(word, "not_count")


def _not_partitive_or_time(word: str, toks) -> bool:
    """من أصل (out of), من الشهر, من هؤلاء, من كل: not_partitive cues and time nouns."""
    table = cue_words("not_partitive")
    return word in table or bare_noun(word) in table or is_time_noun(word)


def _place(word: str, toks) -> bool:
    """105 من مالي: "from Mali"."""
    return word in place_first_words()


def _place_or_body(word: str, toks) -> bool:
    """من المدينة، من الحكومة، من الجانب الأمريكي: a place or a body, "from"."""
    return bare_noun(word)[-1] == HA or (word.startswith(ARTICLE) and word.endswith(YA))


def _indefinite_not_construct(word: str, toks) -> bool:
    """An indefinite plural counts only as a construct: من مقاتلي التنظيم، من رفات.

    (not a singular or a name: إيرباص 320 من مطار دوموديفوفو، 845 من كوالكوم)
    """
    if word.startswith(ARTICLE):
        return False
    return len(toks) < 3 or not toks[2][0].isalpha() or not _BROKEN_OR_CONSTRUCT.search(word)


# Why the noun after "من" is not a plural the number counts: the first check that applies.
NOT_A_PARTITIVE_PLURAL = (
    _not_long_arabic,
    _elative_or_not_count,
    _not_partitive_or_time,
    _place,
    _place_or_body,
    _indefinite_not_construct,
)


def partitive_plural(t: str, pos: int) -> tuple[int, int] | None:
    """'38 من رفات', '100 من الرعايا': من + a plural-looking noun not in units.tsv (unit item).

    Not "one of the biggest" (elatives أكبر، أهم), "out of" (من أصل), months, days of a
    month (من الشهر), demonstratives or quantifiers (من هؤلاء، من كل): see ``NOT_A_PARTITIVE_PLURAL``.
    """
    toks = tokens_after(t, pos, 3)
    if len(toks) < 2 or toks[0][0] not in cue_words("partitive"):
        return None
    word, s, e = toks[1]
    if any(check(word, toks) for check in NOT_A_PARTITIVE_PLURAL):
        return None
    return s, e


def _not_arabic_noun_shape(word: str) -> bool:
    """Too short, not Arabic letters, or starting with ال, و or the imperfect ي."""
    return len(word) < 3 or not is_arabic_word(word) or word.startswith((ARTICLE, WAW)) or word[0] == YA


def _verb_ending(word: str) -> bool:
    """أكدت (a past-tense verb; a plural in ات is still a noun), خرجوا (a plural past-tense verb)."""
    return (word.endswith(_TEH) and not word.endswith("ات")) or word.endswith(WAW + ALEF)


def _with_preposition(word: str) -> bool:
    """لتصبح، لإعادة، بالمئة: a counted noun never carries a preposition."""
    return bool(_PREPOSITION_ON_NOUN.match(word))


def _cue_word(word: str) -> bool:
    """A particle, month, time or year word, a vague plural, a hedge or من."""
    return any(word in cue_words(role) for role in _NOT_NOUN_ROLES) or in_role(word, "month")


# Why the word after a number is not an unknown counted noun: the first check that applies.
NOT_A_COUNTED_NOUN = (_not_arabic_noun_shape, _verb_ending, _with_preposition, _cue_word)


def generic_noun(t: str, pos: int) -> tuple[str, int, int] | None:
    """An unknown indefinite noun right after a number: (unit, start, end)."""
    toks = tokens_after(t, pos, 1)
    if not toks:
        return None
    word, s, e = toks[0]
    if any(check(word) for check in NOT_A_COUNTED_NOUN):
        return None
    return suffix_unit(word, min_suffix=1), s, e


def suffix_unit(noun: str, min_suffix: int = 2) -> str:
    """The unit an ending gives an unknown noun (nisba plurals: person), else item.

    Endings shorter than ``min_suffix`` letters are not tried.
    """
    for suffix, unit in suffixes():
        if len(suffix) >= min_suffix and noun.endswith(suffix) and len(noun) > len(suffix) + 2:
            return unit
    return GENERIC_UNIT


def is_time_noun(word: str) -> bool:
    """العقد، عقدها، الشهر: a time noun (with article or possessive) that an ordinal can modify."""
    table = cue_words("ordinal_head")
    for v in strip_clitics(word):
        bare = bare_noun(v)
        if any(stem in table for stem in (bare, bare[:-2], bare[:-1])):
            return True
    return False


def is_nisba_adjective(word: str) -> bool:
    """A definite nisba adjective (الحدودية، الرئيسية، الأمريكيين) that is not itself a known noun."""
    if not word.startswith(ARTICLE) or len(word) < 6 or not word.endswith(_NISBA_ENDS):
        return False
    bare = word[2:]
    return bare not in unit_forms() and not in_role(bare, "not_count")


def plural_looking(noun: str) -> bool:
    """A plural noun: a sound plural ending, or a known form that is not the singular of its unit."""
    if noun.endswith(SOUND_PLURAL):
        return True
    return noun in unit_forms() and noun not in singular_forms()


def singular_like(form: str) -> bool:
    """Not a sound plural (سنوات) nor an أفعال broken plural (أعوام): the unit noun after نصف or before ونصف."""
    return not form.endswith(SOUND_PLURAL) and not _AFAAL.fullmatch(form)
