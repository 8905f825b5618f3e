"""The gazetteer: known entities, their aliases, and the lookup tables matching reads.

``resources/gazetteer_*.jsonl`` are merged by ``id`` (hand-written files first: their names win,
their aliases win ties). Aliases are indexed as normalised token tuples (``exact``); transliterated
names of two or more tokens also under a *loose key* (:func:`loose_token`), and multi-word place
names under their tokens after the first (``fuzzy_rest``: one wrong letter in the first token).
One-token aliases that are common words (``entity_stopwords.tsv``), shorter than three letters or
holding a digit, the surnames of known persons, and the name after a media head (وكالة وام -> وام)
are *short forms*: they link to an entity
only when it is named in full in the same article (coreference).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from ..lang.ar.clitics import YA
from ..lang.ar.letters import ALEF, ARTICLE
from ..lang.ar.normalize import clitic_variants, normalize_key
from ..records import ENTITY_TYPES
from ..resources import load_jsonl
from . import lexicon
from .lexicon import BLOCK_PHRASES, COMPOUND_NAME_ENDS, MINISTRY_SHORT_NAMES, NAME_CONNECTORS
from .morphology import FEMININE_PLURAL, HAS_DIGIT, TEH_MARBUTA_FOLDED

# Hand-written files first: their names win when ids are merged, their aliases win ties.
GAZETTEER_FILES = (
    "gazetteer_places.jsonl",
    "gazetteer_orgs.jsonl",
    "gazetteer_persons.jsonl",
    "gazetteer_countries.jsonl",
    "gazetteer_cities.jsonl",
)
FUZZY_TYPES = frozenset({"GPE", "LOC", "FAC"})
JOINED_LOOSE_MIN = 6  # a name written as one word must keep this many letters in its loose key
LOOSE_TYPES = frozenset({"PERSON", "GPE", "LOC", "FAC"})
PLACE_TYPES = ("GPE", "LOC")

# Loose key: letters that transliterations swap (ط/ت ص/س ظ/ذ/ز ث/س ق/ك, hamza seats dropped),
# vowel letters (ا و ي) after the first letter, a final نج/نك/نق written نغ.
_LOOSE_FOLD = str.maketrans(
    {"ط": "ت", "ص": "س", "ظ": "ز", "ذ": "ز", "ث": "س", "ق": "ك", "ء": None, "ؤ": None, "ئ": None}
)
_LOOSE_FINAL_NG = re.compile("(?<=ن)[جكق]$")
_LOOSE_VOWELS = re.compile("(?<=.)[اوي]")
_LOOSE_DOUBLE = re.compile(r"(.)\1+")
_VOWEL_LETTERS = "اوي"
SHORT_EXACT_MAX = 3  # a word of three letters or less is matched only as it is spelled (مي is not ماي)


@dataclass(frozen=True)
class Entity:
    id: str
    type: str
    name_ar: str
    name_en: str
    aliases: tuple[str, ...]
    short: tuple[str, ...] = ()


@dataclass
class Gazetteer:
    entities: dict[str, Entity]
    exact: dict[tuple[str, ...], str | None]  # None: a block phrase
    first: frozenset[str]
    max_len: int
    loose: dict[tuple[str, ...], str | None]
    loose_first: frozenset[str]
    loose_pairs: frozenset[tuple[str, str]]
    fuzzy_rest: dict[tuple[str, ...], list[tuple[str, str]]]
    fuzzy_second: frozenset[str]
    short: dict[str, tuple[str, ...]]
    stopwords: dict[str, str] = field(default_factory=dict)
    loose_sources: dict[tuple[str, ...], list[tuple[str, ...]]] = field(default_factory=dict)


@lru_cache(maxsize=262144)
def loose_token(token: str) -> str:
    """Loose spelling of a normalised token: جونج -> جنغ, كيربي -> كرب."""
    t = _LOOSE_FINAL_NG.sub("غ", token.translate(_LOOSE_FOLD))
    t = _LOOSE_VOWELS.sub("", t)
    return _LOOSE_DOUBLE.sub(r"\1", t)


@lru_cache(maxsize=262144)
@lru_cache(maxsize=1)
def loose_ambiguous_names() -> frozenset[str]:
    """Given names whose loose spelling another given name shares (سعيد، سعد; محمد، محمود): kept exact."""
    by_loose: dict[str, set[str]] = defaultdict(set)
    for name in lexicon.GIVEN_NAMES.words():
        for tok in name.split():
            by_loose[loose_token(tok)].add(tok)
    return frozenset(t for group in by_loose.values() if len(group) > 1 for t in group)


def _skeleton(token: str) -> tuple[list[str], list[str]]:
    """Consonants of a folded token and the vowel letters after each (the first letter is kept)."""
    t = _LOOSE_FINAL_NG.sub("غ", token.translate(_LOOSE_FOLD))
    cons, gaps = [t[:1]], [""]
    for ch in t[1:]:
        if ch in _VOWEL_LETTERS:
            gaps[-1] += ch
        else:
            cons.append(ch)
            gaps.append("")
    return cons, gaps


def _subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


@lru_cache(maxsize=262144)
def loose_spelling_of(word: str, alias: str) -> bool:
    """``word`` may be a transliteration variant of the alias word ``alias``: the same consonants,
    vowel letters only added or dropped between them (ترمب، ترامب; فلادمير، فلاديمير), never another
    vowel in their place (ماتاس is not ماتيس), nor a different ending (عباسي is not عباس), nor a
    doubled consonant (بوتانين is not بوتين). Short words (مي، اون) and given names that
    another given name spells loosely alike (محمد، محمود; صالح، صلاح) match only as they are spelled."""
    if word == alias:
        return True
    if min(len(word), len(alias)) <= SHORT_EXACT_MAX or word in loose_ambiguous_names() or alias in loose_ambiguous_names():
        return False
    (c1, g1), (c2, g2) = _skeleton(word), _skeleton(alias)
    if c1 != c2 or g1[-1] != g2[-1]:
        return False
    return all(_subsequence(a, b) if len(a) <= len(b) else _subsequence(b, a) for a, b in zip(g1, g2))


def loose_key_fits(words: tuple[str, ...], sources: list[tuple[str, ...]]) -> bool:
    """Some alias behind a loose key is spelled like ``words`` word by word (:func:`loose_spelling_of`)."""
    return any(len(src) == len(words) and all(map(loose_spelling_of, words, src)) for src in sources)


@lru_cache(maxsize=262144)
def variants(token: str) -> tuple[tuple[str, int], ...]:
    """clitic_variants, cached: corpus vocabularies repeat heavily."""
    return tuple(clitic_variants(token))


def within_one_edit(a: str, b: str) -> bool:
    """One substitution, insertion or deletion turns ``a`` into ``b`` (or they are equal)."""
    la, lb = len(a), len(b)
    if abs(la - lb) > 1 or a == b:
        return a == b
    if la == lb:
        return sum(x != y for x, y in zip(a, b)) == 1
    if la > lb:
        a, b, la, lb = b, a, lb, la
    i = 0
    while i < la and a[i] == b[i]:
        i += 1
    return a[i:] == b[i + 1 :]


def _is_transliterated(tokens: tuple[str, ...]) -> bool:
    return all(not t.startswith(ARTICLE) and len(t) >= 2 for t in tokens)


def is_surname_of(key: tuple[str, ...]) -> bool:
    """The last word of a person's name (two words or more) may stand alone for the person: three
    letters or more, no common word, not the second half of a compound name (عبد الرحمن، حمد الله:
    after a name connector or a compound's last word), not an adjective agreeing with a definite
    word before it (خادم الحرمين الشريفين), not a definite feminine plural (بأضرار المخدرات)."""
    last, prev = key[-1], key[-2]
    definite = last.startswith(ARTICLE)
    return (len(last) >= 3 and last not in lexicon.stopwords() and last not in COMPOUND_NAME_ENDS.words()
            and prev not in NAME_CONNECTORS.words() and not (definite and prev.startswith(ARTICLE))
            and not (definite and last.endswith(FEMININE_PLURAL)))


def _merge_entries() -> dict[str, Entity]:
    merged: dict[str, dict] = {}
    for name in GAZETTEER_FILES:
        for row in load_jsonl(name, required=("id", "type", "name_ar", "name_en")):
            if row["type"] not in ENTITY_TYPES:
                raise ValueError(f"{name}: entity {row['id']} has unknown type {row['type']}")
            cur = merged.setdefault(row["id"], {"row": row, "aliases": [], "short": []})
            cur["aliases"] += [row["name_ar"], *row.get("aliases", [])]
            cur["short"] += row.get("short", [])
    out = {}
    for eid, cur in merged.items():
        row = cur["row"]
        out[eid] = Entity(eid, row["type"], row["name_ar"], row["name_en"], tuple(dict.fromkeys(cur["aliases"])),
                          tuple(dict.fromkeys(cur["short"])))
    return out


class _Index:
    """The lookup tables, filled alias by alias."""

    def __init__(self, stopwords: dict[str, str]):
        self.stopwords = stopwords
        self.exact: dict[tuple[str, ...], str | None] = {}
        self.loose: dict[tuple[str, ...], str | None] = {}
        self.loose_sources: dict[tuple[str, ...], list[tuple[str, ...]]] = defaultdict(list)
        self.fuzzy_rest: dict[tuple[str, ...], list[tuple[str, str]]] = defaultdict(list)
        self.short: dict[str, list[str]] = defaultdict(list)

    def is_short_only(self, key: tuple[str, ...]) -> bool:
        """A one-token alias that never fires alone: a common word, under three letters, a digit."""
        return len(key) == 1 and (key[0] in self.stopwords or len(key[0]) < 3 or bool(HAS_DIGIT.search(key[0])))

    def add_alias(self, ent: Entity, key: tuple[str, ...]) -> None:
        if self.is_short_only(key):
            self.short[key[0]].append(ent.id)
            return
        if key not in self.exact:
            self.exact[key] = ent.id
        if len(key) >= 2 and ent.type in LOOSE_TYPES and _is_transliterated(key):
            self.add_loose(ent, key)
        if len(key) >= 2 and ent.type in FUZZY_TYPES and _is_transliterated(key) and len(key[0]) >= 4:
            self.fuzzy_rest[key[1:]].append((key[0], ent.id))
        if ent.type == "PERSON" and len(key) >= 2 and is_surname_of(key):
            self.short[key[-1]].append(ent.id)
        if len(key) == 2 and key[0] in lexicon.MEDIA_HEADS.words() and len(key[1]) >= 3:
            self.short[key[1]].append(ent.id)  # وكالة وام: وام alone is the agency's short name

    def add_loose(self, ent: Entity, key: tuple[str, ...]) -> None:
        lkeys = [(tuple(loose_token(t) for t in key), key)]
        joined = "".join(key)
        if len(key) == 2 and len(joined) >= 8 and len(loose_token(joined)) >= JOINED_LOOSE_MIN:
            lkeys.append(((loose_token(joined),), (joined,)))
        for lk, src in lkeys:
            self.loose_sources[lk].append(src)
            if lk in self.loose and self.loose[lk] != ent.id:
                self.loose[lk] = None  # two entities share it: too loose
            else:
                self.loose[lk] = ent.id

    def gazetteer(self, entities: dict[str, Entity]) -> Gazetteer:
        # A loose key never overrides an exact alias of another entity.
        for k, eid in list(self.loose.items()):
            if k in self.exact and self.exact[k] != eid:
                self.loose[k] = None
        exact, loose = self.exact, self.loose
        return Gazetteer(
            entities=entities,
            exact=exact,
            first=frozenset(k[0] for k in exact),
            max_len=max(len(k) for k in exact),
            loose=loose,
            loose_first=frozenset(k[0] for k in loose),
            loose_pairs=frozenset(k[:2] for k in loose if len(k) >= 2),
            fuzzy_rest=dict(self.fuzzy_rest),
            fuzzy_second=frozenset(k[0] for k in self.fuzzy_rest),
            short={k: tuple(dict.fromkeys(v)) for k, v in self.short.items()},
            stopwords=self.stopwords,
            loose_sources=dict(self.loose_sources),
        )


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The merged gazetteer and its lookup tables (built once)."""
    entities = _merge_entries()
    index = _Index(dict(lexicon.stopwords()))
    for phrase in BLOCK_PHRASES.words():
        index.exact[tuple(phrase.split())] = None
    for ent in entities.values():
        for alias in ent.aliases:
            key = tuple(normalize_key(alias).split())
            if key:
                index.add_alias(ent, key)
        for s in ent.short:
            skey = normalize_key(s)
            if skey:
                index.short[skey].append(ent.id)
    return index.gazetteer(entities)


@dataclass(frozen=True)
class WordInfo:
    """What one token string can start or be: computed once per distinct word."""

    exact: tuple[tuple[str, int], ...]  # (stem, cut) whose stem starts a gazetteer alias
    loose: tuple[tuple[str, int], ...]  # (loose stem, cut) that starts a loose key
    title: tuple[tuple[str, int], ...]
    head: tuple[tuple[str, int], ...]
    short: tuple[tuple[str, int], ...]  # (stem, cut) that is a gazetteer short form
    ministry: int | None = None  # proclitic length when the word is a short ministry name


EMPTY_INFO = WordInfo((), (), (), (), ())


@lru_cache(maxsize=1 << 19)
def word_info(word: str) -> WordInfo:
    gz = load_gazetteer()
    tfirst, hfirst = lexicon.titles().first, lexicon.org_heads().first
    word_variants = variants(word)
    loose = []
    for stem, cut in word_variants:
        ls = loose_token(stem)
        if ls in gz.loose_first:
            loose.append((ls, cut))
    info = WordInfo(
        exact=tuple(v for v in word_variants if v[0] in gz.first),
        loose=tuple(loose),
        title=tuple(v for v in word_variants if v[0] in tfirst),
        head=tuple(v for v in word_variants if v[0] in hfirst),
        short=tuple(v for v in word_variants if v[0] in gz.short),
        ministry=ministry_cut(word),
    )
    return info if info != EMPTY_INFO else EMPTY_INFO


@lru_cache(maxsize=1 << 18)
def ministry_cut(word: str) -> int | None:
    """Proclitic length if ``word`` is a short ministry name (والخارجية -> 1), else None."""
    names = MINISTRY_SHORT_NAMES.words()
    return next((cut for stem, cut in variants(word) if stem in names), None)


def is_place_adjective(key: str, gz: Gazetteer) -> bool:
    """روسي، أمريكي، سوري: the adjective of a known place, not a name (one token ending in ي)."""
    return place_of_adjective(key, gz) is not None


def place_of_adjective(key: str, gz: Gazetteer) -> str | None:
    """The id of the known place ``key`` is the adjective of (روسي -> gpe:russia), or None."""
    if " " in key or not key.endswith(YA):
        return None
    stem = key[:-1]
    for cand in (stem, stem + ALEF, key + ALEF, ARTICLE + stem, ARTICLE + key + TEH_MARBUTA_FOLDED):
        eid = gz.exact.get((cand,))
        if eid and gz.entities[eid].type in PLACE_TYPES:
            return eid
    return None


def is_two_word_place_adjective(key: str, compass: str, gz: Gazetteer) -> bool:
    """الكورية الجنوبية: كوري + a compass adjective names a place (كوريا الجنوبية) a lone كوري does not."""
    eid = gz.exact.get((key[:-1] + ALEF, compass)) or gz.exact.get((key + ALEF, compass))
    return bool(eid) and gz.entities[eid].type in PLACE_TYPES
