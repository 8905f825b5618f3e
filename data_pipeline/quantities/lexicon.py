"""The word lists the quantity rules read, declared once, and the tables derived from them.

Files: ``units.tsv`` (units and counted nouns), ``quantity_cues.tsv`` (words around a number, by
role), ``quantity_suffixes.tsv`` (endings that give an unknown noun its unit),
``quantity_grammar.tsv`` (connectors, the spellings of two, ambiguous number words, ونصف / وربع),
``number_words.tsv`` (through ``numbers``) and the country and city gazetteers (for "من <place>").
Every key is normalised as the text is matched (``normalize_key``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..lang.ar.letters import ALEF
from ..lang.ar.lexicon import Lexicon
from ..lang.ar.letters import ALEF_MAQSURA, TEH_MARBUTA
from ..lang.ar.normalize import normalize_key
from ..numbers import number_words
from ..resources import load_jsonl

UNITS = Lexicon("units.tsv", key="unit", required=("kind", "dual", "forms", "gloss"))
CUES = Lexicon("quantity_cues.tsv", key="cue", required=("role", "gloss"))
SUFFIXES = Lexicon("quantity_suffixes.tsv", key="suffix", required=("unit", "gloss"))
_GRAMMAR = ("quantity_grammar.tsv", "word", ("role", "gloss"))
CONNECTORS = Lexicon(*_GRAMMAR, where=("role", "connector"))
TWO_WORDS = Lexicon(*_GRAMMAR, where=("role", "two"))
AMBIGUOUS_COUNTS = Lexicon(*_GRAMMAR, where=("role", "ambiguous_count"))
AND_FRACTIONS = Lexicon(*_GRAMMAR, where=("role", "and_fraction"))
VERB_HOMOGRAPHS = Lexicon(*_GRAMMAR, where=("role", "verb_homograph"))
NAMES_WITH_NUMBERS = Lexicon(*_GRAMMAR, where=("role", "name"))
PLACE_GAZETTEERS = ("gazetteer_countries.jsonl", "gazetteer_cities.jsonl")

GENERIC_UNIT = "item"  # the unit of a counted noun missing from units.tsv
SYMBOLS = "%٪$€£"  # unit forms kept as written (normalize_key drops punctuation)
ACC_ALEF = ALEF  # the tanween accusative alef of an indefinite singular: شخصا، جنيها


@dataclass(frozen=True)
class Unit:
    unit: str  # English, singular (container, mm, day, dollar, percent, person)
    kind: str  # measure, time, currency, percent, count


@lru_cache(maxsize=1)
def unit_lexicon() -> tuple[dict[str, Unit], dict[str, Unit], int]:
    """(form -> Unit, dual form -> Unit, longest form in tokens), keys normalised."""
    forms: dict[str, Unit] = {}
    duals: dict[str, Unit] = {}
    for row in UNITS.rows():
        u = Unit(row["unit"], row["kind"])
        for f in row["forms"].split("|"):
            key = (normalize_key(f) if f not in SYMBOLS else f) or f.strip()
            forms.setdefault(key, u)
            # accusative of an indefinite singular: شخصا، جنيها (not after ة، ا، ى)
            if " " not in key and len(key) > 2 and not f.endswith((TEH_MARBUTA, ALEF, ALEF_MAQSURA)):
                forms.setdefault(key + ACC_ALEF, u)
        if row["dual"] != "-":
            for f in row["dual"].split("|"):
                duals[normalize_key(f)] = u
    for d in list(duals):
        if d in forms:
            del duals[d]  # a spelling shared with a plural (صحفيين) is not a safe dual
    longest = max(len(k.split()) for k in forms)
    return forms, duals, longest


def unit_forms() -> dict[str, Unit]:
    """Normalised form (singular, plural, accusative, symbol) -> Unit."""
    return unit_lexicon()[0]


@lru_cache(maxsize=1)
def singular_forms() -> frozenset[str]:
    """The first spelling of each units.tsv row (its singular) and its accusative."""
    out = set()
    for row in UNITS.rows():
        first = normalize_key(row["forms"].split("|")[0])
        out.update((first, first + ACC_ALEF))
    return frozenset(out)


@lru_cache(maxsize=1)
def cues() -> dict[str, frozenset[str]]:
    """role -> normalised cue strings, from resources/quantity_cues.tsv."""
    out: dict[str, set[str]] = {}
    for row in CUES.rows():
        key = normalize_key(row["cue"]) or row["cue"]
        out.setdefault(row["role"], set()).add(key)
    return {k: frozenset(v) for k, v in out.items()}


def cue_words(role: str) -> frozenset[str]:
    """The normalised cues of ``role`` (empty for a role the file does not use)."""
    return cues().get(role, frozenset())


@lru_cache(maxsize=1)
def suffixes() -> tuple[tuple[str, str], ...]:
    """(normalised ending, unit) of unknown counted nouns, in file order."""
    return tuple((normalize_key(r["suffix"]), r["unit"]) for r in SUFFIXES.rows())


@lru_cache(maxsize=1)
def place_first_words() -> frozenset[str]:
    """First words of country and city names (the entity gazetteers), for "من <place>" = from."""
    out = set()
    for name in PLACE_GAZETTEERS:
        for row in load_jsonl(name, required=("aliases",)):
            for alias in row["aliases"]:
                key = normalize_key(alias)
                if key:
                    out.add(key.split()[0])
    return frozenset(out)


@lru_cache(maxsize=1)
def number_word_set() -> frozenset[str]:
    return frozenset(number_words())


@lru_cache(maxsize=1)
def bare_multipliers() -> frozenset[str]:
    """ألف، مليون، آلاف ... (every kind of multiplier in number_words.tsv)."""
    return frozenset(w for w, nw in number_words().items() if "multiplier" in nw.kind)


@lru_cache(maxsize=1)
def fraction_values() -> dict[str, float]:
    """نصف، ربع، ثلث (kind fraction in number_words.tsv) -> their value."""
    return {w: nw.value for w, nw in number_words().items() if nw.kind == "fraction"}


@lru_cache(maxsize=1)
def and_fractions() -> dict[str, float]:
    """ونصف، وربع -> the share they add (the value of the fraction word after و)."""
    return {w: fraction_values()[w[1:]] for w in AND_FRACTIONS.words()}
