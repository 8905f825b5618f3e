"""Entity mentions: gazetteer matching, title and organisation patterns, in-document coreference.

``extract_mentions(doc)`` returns non-overlapping :class:`Mention` records sorted by
``start``; offsets index ``doc.text`` (end exclusive). Matching runs on the normalised view
(``normalize(doc.text)``) over ``TOKEN_RE`` tokens and maps spans back through
``NormText.span``. Four stages, each on the tokens the earlier ones left free:

1. **gazetteer** (``resources/gazetteer_*.jsonl``, merged by ``id``): longest alias first
   over token n-grams, the first token may carry proclitics (و ف ب ل ك, and لل = ل + ال);
   the mention excludes the proclitic except for لل, where it is the whole token. Quotes,
   guillemets, hyphens and hashtag marks between tokens are ignored (``«كيم يونج» أون``,
   ``#كوريا_الشمالية``), any other punctuation ends a name; a span holding only the
   closing guillemet takes the opening one in (``«كيم يونج» أون``). Two fallbacks for transliterated names of two or more tokens:
   a *loose key* (vowel letters after the first letter dropped, doubled letters collapsed,
   final نج/نك/نق -> نغ, emphatic letters folded: كيم جونج اون = كيم جونغ أون; a two-token
   name also matches written as one word: بيونغيانغ) and, for places, a single-letter
   substitution, insertion or deletion in one token of four or more letters (بيونع يانغ).
   Aliases that are common words (``entity_stopwords.tsv``) never fire alone; phrases in
   ``entity_block_phrases.tsv`` stop a shorter alias from firing inside them
   (مجلس الأمن القومي is not the UN Security Council).
2. **pattern**: a title (``person_titles.tsv``), optionally followed by nisba adjectives or
   a known organisation/place, then a quoted name «...» or "..." (1-4 tokens) or 2-3
   unquoted name tokens -> PERSON; an organisation head (``org_patterns.tsv``) plus 1-3
   definite tokens -> ORG (an appositive known ORG right after it takes its identity:
   وكالة الأنباء الروسية "تاس"). Unknown entities get ``type.lower() + ":" + hash`` of the
   normalised name, so the same name links across documents, and a transliterated
   ``name_en``.
   Before the patterns, ``entity_context.tsv`` settles aliases whose entity depends on the
   article (عمّان with shadda or Jordan nearby is Amman, else Oman; سيول is Seoul only where
   Korea is named, otherwise "floods" and no entity), a media head is dropped from a known
   outlet (وكالة فرانس برس -> فرانس برس), and a title right after a facility word
   (``entity_facility_words.tsv``: مطار الملك عبد العزيز، مدينة الملك سلمان) makes one FAC
   mention instead of a person. An organisation head (``entity_quoted_org_heads.tsv``,
   ``org_patterns.tsv``) before a quoted name gives an ORG of the quoted name only
   (صحيفة «الشرق الأوسط»); جامعة الملك سعود is one ORG.
3. **coreference**: a single token that is a short form (gazetteer ``short``, the last
   token of a known person's alias, the last token of a pattern-found person) of an entity
   fully mentioned in the same document links to it, before or after the full mention.
   With several candidates the one with most full mentions wins, ties -> first mentioned.
4. **model** (``ner.py``): confident CRF spans where nothing else fired, trimmed of edge words
   a name never has (كونريكوس للصحفيين), nationality adjectives dropped (روسي). A model person
   that is part of a fuller person name in the document links to it, and the surname of a
   model-found full name links when it recurs alone (وقال الجبوري).

Unknown entities get ``unknown_entity_id`` = hash of :func:`linking_key`: titles dropped,
transliterated tokens in their loose spelling, so ترامب/ترمب and الرئيس X/X are one entity
across documents, while names differing in a given name (سعيد/سعد الحسن) stay apart.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from functools import lru_cache

from ..lang.ar.letters import ARTICLE, DEFINITE_PREFIXES
from ..lang.ar.punctuation import QUOTES
from ..lang.ar.normalize import TOKEN_RE, NormText, clitic_variants, normalize, normalize_key
from ..records import ENTITY_TYPES, Document, Mention
from ..resources import load_jsonl, load_tsv
from ..transliterate import transliterate

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

_ORG_CHAIN_PREFIXES = ("\u0627\u0644", "\u0648\u0627\u0644", "\u0644\u0644")  # ال وال لل: a genitive chain
# Between two tokens of one name only spaces, quotes, guillemets, hyphens, '#' and '_'
# (hashtags: #رامز_جلال) may stand; any other character (and a newline) ends the name.
_GAP_BREAK = re.compile(r"[^\w \t\u00a0#_\"'\u00ab\u00bb\u201c\u201d\u2018\u2019\u201e\u2039\u203a\-\u2010\u2011]")
_OPEN_QUOTES = "\u00ab\"\u201c\u201e\u2039'"
_OPEN_QUOTE_RE = re.compile("[\u00ab\"\u201c\u201e\u2039']")
_CLOSE_FOR = {"\u00bb": "\u00ab", "\"": "\"", "\u201d": "\u201c", "\u203a": "\u2039", "'": "'"}
_QUOTE_CHARS = QUOTES
# Loose key: letters that transliterations swap, vowel letters after the first letter.
_LOOSE_FOLD = str.maketrans({"\u0637": "\u062a", "\u0635": "\u0633", "\u0638": "\u0632", "\u0630": "\u0632", "\u062b": "\u0633", "\u0642": "\u0643", "\u0621": None, "\u0624": None, "\u0626": None})
_LOOSE_FINAL_NG = re.compile("(?<=\u0646)[\u062c\u0643\u0642]$")  # نج نك نق at the end -> نغ
_LOOSE_VOWELS = re.compile("(?<=.)[\u0627\u0648\u064a]")
_LOOSE_DOUBLE = re.compile(r"(.)\1+")
_HAS_DIGIT = re.compile(r"\d")
_ARABIC_WORD = re.compile("[\u0621-\u064a]+")
WAW = "\u0648"
_VERBAL_INITIALS = "\u0648\u064a\u062a\u0644"  # و ي ت ل
BEH = "\u0628"
_HAMZA_ALEFS = ("\u0623", "\u0625", "\u0622")  # أ إ آ
ALEF = "\u0627"
_FUTURE_VERB_STARTS = ("\u0633\u064a", "\u0633\u062a", "\u0633\u0646")  # سي ست سن: future prefix + verb
_PREP_NOUN_STARTS = ("\u0628\u0645", "\u0628\u0627\u0644")  # بم بال: a preposition + noun
_PROCLITIC_LETTERS = "\u0648\u0641\u0628\u0644\u0643"  # و ف ب ل ك
LAM = "\u0644"
TEH_MARBUTA_FOLDED = "\u0647"  # ة as normalize() writes it
# Nisba endings (normalised): ـي ـية ـيون ـيين
_NISBA_ENDINGS = ("\u064a", "\u064a\u0647", "\u064a\u0648\u0646", "\u064a\u064a\u0646")
# A present-tense verb (يشعر: ي/ت + three consonants) or a verbal noun تفعيل (تعزيز).
_VERB_SHAPE = re.compile("^[\u064a\u062a][^\u0627\u0648\u064a]{3}$|^\u062a[^\u0627\u0648\u064a]{2}\u064a[^\u0627\u0648\u064a]$")
_PRONOUN_SUFFIXES = ("\u0647\u0627", "\u0647\u0645", "\u0647\u0645\u0627")  # ـها ـهم ـهما
# Name-internal words: بن ابن بنت ابو عبد ال ولد (normalised)
_NAME_OPENERS = frozenset({"\u0639\u0628\u062f", "\u0627\u0628\u0648"})  # عبد ابو may start a name
_NAME_CONNECTORS = frozenset({"\u0628\u0646", "\u0627\u0628\u0646", "\u0628\u0646\u062a", "\u0627\u0628\u0648", "\u0639\u0628\u062f", "\u0627\u0644", "\u0648\u0644\u062f"})


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


@lru_cache(maxsize=262144)
def _variants(token: str) -> tuple[tuple[str, int], ...]:
    """clitic_variants, cached: corpus vocabularies repeat heavily."""
    return tuple(clitic_variants(token))


@dataclass(frozen=True)
class _WordInfo:
    """What one token string can start or be: computed once per distinct word."""

    exact: tuple[tuple[str, int], ...]  # (stem, cut) whose stem starts a gazetteer alias
    loose: tuple[tuple[str, int], ...]  # (loose stem, cut) that starts a loose key
    title: tuple[tuple[str, int], ...]
    head: tuple[tuple[str, int], ...]
    short: tuple[tuple[str, int], ...]  # (stem, cut) that is a gazetteer short form
    ministry: int | None = None  # proclitic length when the word is a short ministry name



@lru_cache(maxsize=1 << 19)
def _word_info(word: str) -> _WordInfo:
    gz = load_gazetteer()
    _, tfirst, _ = _titles()
    _, hfirst, _ = _org_heads()
    variants = _variants(word)
    loose = []
    for stem, cut in variants:
        ls = loose_token(stem)
        if ls in gz.loose_first:
            loose.append((ls, cut))
    info = _WordInfo(
        exact=tuple(v for v in variants if v[0] in gz.first),
        loose=tuple(loose),
        title=tuple(v for v in variants if v[0] in tfirst),
        head=tuple(v for v in variants if v[0] in hfirst),
        short=tuple(v for v in variants if v[0] in gz.short),
        ministry=_ministry_cut(word),
    )
    return info if info != _EMPTY_INFO else _EMPTY_INFO


_EMPTY_INFO = _WordInfo((), (), (), (), ())


@lru_cache(maxsize=262144)
def loose_token(token: str) -> str:
    """Loose spelling of a normalised token: جونج -> جنغ, كيربي -> كرب."""
    t = _LOOSE_FINAL_NG.sub("\u063a", token.translate(_LOOSE_FOLD))
    t = _LOOSE_VOWELS.sub("", t)
    return _LOOSE_DOUBLE.sub(r"\1", t)


def _is_transliterated(tokens: tuple[str, ...]) -> bool:
    return all(not t.startswith(ARTICLE) and len(t) >= 2 for t in tokens)


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
        out[eid] = Entity(
            eid,
            row["type"],
            row["name_ar"],
            row["name_en"],
            tuple(dict.fromkeys(cur["aliases"])),
            tuple(dict.fromkeys(cur["short"])),
        )
    return out


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The merged gazetteer and its lookup tables (built once)."""
    stop_rows = load_tsv("entity_stopwords.tsv", required=("word", "kind"))
    stopwords = {normalize_key(r["word"]): r["kind"] for r in stop_rows}
    entities = _merge_entries()
    exact: dict[tuple[str, ...], str | None] = {}
    loose: dict[tuple[str, ...], str | None] = {}
    fuzzy_rest: dict[tuple[str, ...], list[tuple[str, str]]] = defaultdict(list)
    short: dict[str, list[str]] = defaultdict(list)
    for row in load_tsv("entity_block_phrases.tsv", required=("phrase",)):
        exact[tuple(normalize_key(row["phrase"]).split())] = None
    for ent in entities.values():
        for alias in ent.aliases:
            key = tuple(normalize_key(alias).split())
            if not key:
                continue
            if len(key) == 1 and (key[0] in stopwords or len(key[0]) < 3 or _HAS_DIGIT.search(key[0])):
                short[key[0]].append(ent.id)
                continue
            if key not in exact:
                exact[key] = ent.id
            if len(key) >= 2 and ent.type in LOOSE_TYPES and _is_transliterated(key):
                lkeys = [tuple(loose_token(t) for t in key)]
                joined = "".join(key)
                if len(key) == 2 and len(joined) >= 8 and len(loose_token(joined)) >= JOINED_LOOSE_MIN:
                    lkeys.append((loose_token(joined),))
                for lk in lkeys:
                    if lk in loose and loose[lk] != ent.id:
                        loose[lk] = None  # two entities share it: too loose
                    else:
                        loose[lk] = ent.id
            if len(key) >= 2 and ent.type in FUZZY_TYPES and _is_transliterated(key) and len(key[0]) >= 4:
                fuzzy_rest[key[1:]].append((key[0], ent.id))
            if ent.type == "PERSON" and len(key) >= 2:
                last = key[-1]
                if len(last) >= 3 and last not in stopwords:
                    short[last].append(ent.id)
        for s in ent.short:
            skey = normalize_key(s)
            if skey:
                short[skey].append(ent.id)
    # A loose key never overrides an exact alias of another entity.
    for k, eid in list(loose.items()):
        if k in exact and exact[k] != eid:
            loose[k] = None
    return Gazetteer(
        entities=entities,
        exact=exact,
        first=frozenset(k[0] for k in exact),
        max_len=max(len(k) for k in exact),
        loose=loose,
        loose_first=frozenset(k[0] for k in loose),
        loose_pairs=frozenset(k[:2] for k in loose if len(k) >= 2),
        fuzzy_rest=dict(fuzzy_rest),
        fuzzy_second=frozenset(k[0] for k in fuzzy_rest),
        short={k: tuple(dict.fromkeys(v)) for k, v in short.items()},
        stopwords=stopwords,
    )


@lru_cache(maxsize=None)
def _word_set(name: str) -> frozenset[str]:
    """The normalised ``word`` column of a word list in resources/ (each row has a ``gloss``)."""
    return frozenset(normalize_key(r["word"]) for r in load_tsv(name, required=("word", "gloss")))


@lru_cache(maxsize=1)
def _titles() -> tuple[dict[tuple[str, ...], str], frozenset[str], int]:
    rows = load_tsv("person_titles.tsv", required=("title", "gloss"))
    table = {tuple(normalize_key(r["title"]).split()): r["gloss"] for r in rows}
    return table, frozenset(k[0] for k in table), max(len(k) for k in table)


@lru_cache(maxsize=1)
def _org_heads() -> tuple[dict[tuple[str, ...], str], frozenset[str], int]:
    rows = load_tsv("org_patterns.tsv", required=("head", "gloss"))
    table = {tuple(normalize_key(r["head"]).split()): r["gloss"] for r in rows}
    return table, frozenset(k[0] for k in table), max(len(k) for k in table)


def _within_one_edit(a: str, b: str) -> bool:
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


@lru_cache(maxsize=1)
def _context_rules() -> dict[str, list[tuple[str, str, tuple[str, ...], int]]]:
    """alias -> [(entity id, mark, context words, window)] from entity_context.tsv, in file order."""
    rules: dict[str, list[tuple[str, str, tuple[str, ...], int]]] = defaultdict(list)
    for r in load_tsv("entity_context.tsv", required=("alias", "entity_id", "window", "gloss")):
        context = tuple(normalize_key(w) for w in (r["context"] or "").split())
        rules[normalize_key(r["alias"])].append((r["entity_id"], r["mark"] or "", context, int(r["window"] or 0)))
    return dict(rules)


@lru_cache(maxsize=1)
def _quoted_org_heads() -> frozenset[str]:
    """Normalised heads that announce a quoted organisation name (and the org_patterns heads)."""
    rows = load_tsv("entity_quoted_org_heads.tsv", required=("head", "kind", "gloss"))
    heads = {normalize_key(r["head"]) for r in rows}
    heads |= {" ".join(k) for k in _org_heads()[0] if len(k) == 1}
    return frozenset(heads)


@lru_cache(maxsize=1)
def _media_heads() -> frozenset[str]:
    """Heads that are not part of a media outlet's name (صحيفة، وكالة، قناة)."""
    rows = load_tsv("entity_quoted_org_heads.tsv", required=("head", "kind", "gloss"))
    return frozenset(normalize_key(r["head"]) for r in rows if r["kind"] == "media")


@lru_cache(maxsize=1)
def _generic_org_heads() -> frozenset[str]:
    """Heads dropped from a known organisation's alias (صحيفة، وكالة، شركة، حركة; not منظمة: منظمة الأمم
    المتحدة is written as a name): entity_quoted_org_heads.tsv kinds media and descriptive."""
    rows = load_tsv("entity_quoted_org_heads.tsv", required=("head", "kind", "gloss"))
    return frozenset(normalize_key(r["head"]) for r in rows if r["kind"] in ("media", "descriptive"))


@lru_cache(maxsize=1)
def _generic_bodies() -> frozenset[str]:
    """Normalised bodies (with and without ال) that start a new organisation, so they never
    continue one: the org_patterns heads and entity_quoted_org_heads heads (حكومة، منظمة، وكالة)."""
    heads = {w for k in _org_heads()[0] for w in k[:1]} | _quoted_org_heads()
    heads |= {w[2:] for w in heads if w.startswith(ARTICLE)}
    heads |= {ARTICLE + w for w in heads if not w.startswith(ARTICLE)}
    heads |= {normalize_key(w) for w in ("الحكومة", "الدولة", "الرئيس", "رئيس", "الجيش", "الشرطة", "الحزب", "المحكمة")}
    return frozenset(heads)


@lru_cache(maxsize=1)
def _definite_org_heads() -> frozenset[str]:
    """One-word organisation heads with the article (الوكالة، الهيئة، المركز): org_patterns.tsv and
    entity_org_purpose_heads.tsv."""
    words = {k[0] for k in _org_heads()[0] if len(k) == 1 and not k[0].startswith(ARTICLE)}
    words |= {normalize_key(r["word"]) for r in load_tsv("entity_org_purpose_heads.tsv", required=("word", "gloss"))}
    return frozenset(ARTICLE + w for w in words)


@lru_cache(maxsize=1)
def _head_words() -> frozenset[str]:
    """Words that head a name but are never one alone: place heads, geographic feature nouns
    (ner_cues.tsv loc_head), organisation heads and one-word titles."""
    from ..ner import cue_words

    words = set(_place_heads()) | set(cue_words().get("loc_head", ())) | set(_leading_titles())
    words |= {k[0] for k in _org_heads()[0] if len(k) == 1} | _quoted_org_heads()
    return frozenset(words)  # as written: المدينة alone is also Medina


@lru_cache(maxsize=1)
def _generic_body_words() -> frozenset[str]:
    """Words of a generic body after قوات/جيش (entity_generic_bodies.tsv)."""
    return _word_set("entity_generic_bodies.tsv")


@lru_cache(maxsize=1)
def _group_heads() -> frozenset[str]:
    """Heads that name an organisation's members (entity_group_heads.tsv): ميليشيات، مسلحو."""
    return _word_set("entity_group_heads.tsv")


@lru_cache(maxsize=1)
def _descriptive_org_heads() -> frozenset[str]:
    """Heads that are never part of an organisation's name (شركة، تنظيم، حركة، جماعة)."""
    rows = load_tsv("entity_quoted_org_heads.tsv", required=("head", "kind", "gloss"))
    return frozenset(normalize_key(r["head"]) for r in rows if r["kind"] == "descriptive")


@lru_cache(maxsize=1)
def _ministry_short_names() -> frozenset[str]:
    """Normalised short ministry names (entity_ministry_short.tsv): الخارجية الروسية."""
    return _word_set("entity_ministry_short.tsv")


@lru_cache(maxsize=1 << 18)
def _ministry_cut(word: str) -> int | None:
    """Proclitic length if ``word`` is a short ministry name (والخارجية -> 1), else None."""
    names = _ministry_short_names()
    return next((cut for stem, cut in _variants(word) if stem in names), None)


@lru_cache(maxsize=1)
def _facility_words() -> frozenset[str]:
    """Normalised words that open a facility's name (entity_facility_words.tsv)."""
    return _word_set("entity_facility_words.tsv")


@lru_cache(maxsize=1)
def _place_heads() -> frozenset[str]:
    """Normalised generic heads before a place name (entity_place_heads.tsv): ولاية، إقليم، جزيرة."""
    return _word_set("entity_place_heads.tsv")


@lru_cache(maxsize=1)
def _given_names() -> frozenset[str]:
    """Normalised given names and name parts (transliteration_names.tsv)."""
    return frozenset(normalize_key(r["arabic"]) for r in load_tsv("transliteration_names.tsv", required=("arabic",)))


@lru_cache(maxsize=1)
def _org_adjectives() -> frozenset[str]:
    """Normalised adjectives that continue an organisation name (entity_org_adjectives.tsv)."""
    return _word_set("entity_org_adjectives.tsv")


@lru_cache(maxsize=1)
def _ordinals() -> frozenset[str]:
    """Normalised ordinal adjectives (entity_ordinals.tsv): a title before one names a unit."""
    return _word_set("entity_ordinals.tsv")


@lru_cache(maxsize=1)
def _leading_titles() -> frozenset[str]:
    """One-word titles and honorifics (normalised) that may precede a person's name."""
    table, _, _ = _titles()
    return frozenset(k[0] for k in table if len(k) == 1)


def linking_key(etype: str, name: str) -> str:
    """The key that decides whether two unknown names are one entity across documents.

    Persons lose leading titles and honorifics (الرئيس، الشيخ، الدكتور). Each token of a
    transliterated name is reduced to its loose spelling (ترامب = ترمب, جونج = جونغ), so spelling
    variants meet; Arabic given names (``transliteration_names.tsv``) and definite tokens (الحسن)
    stay exact, so سعيد الحسن and سعد الحسن, or two people sharing a surname, stay apart.
    """
    tokens = normalize_key(name).split()
    if etype == "PERSON":
        titles = _leading_titles()
        while len(tokens) > 1 and tokens[0] in titles:
            tokens = tokens[1:]
    keep = _loose_ambiguous_names()
    return " ".join(
        t if t in keep or t.startswith(ARTICLE) or len(t) < 3
        else _fold_jeem(loose_token(t)) if _FOREIGN_SHAPE.search(t)
        else loose_token(t)
        for t in tokens
    )


# A transliterated word: two vowel letters after the first letter (سيرجي، جورجيو) or a
# ج/غ at both ends (جورج); its ج and غ render one foreign g (سيرجي = سيرغي). Listed Arabic
# given names (جمال، نجيب) have one vowel letter at most and keep their ج.
_FOREIGN_SHAPE = re.compile("^.[^\u0627\u0648\u064a]*[\u0627\u0648\u064a].*[\u0627\u0648\u064a]|^[\u062c\u063a].*[\u062c\u063a]$")
_JEEM_FOLD = str.maketrans({"\u062c": "\u063a"})  # ج -> غ


def _fold_jeem(token: str) -> str:
    return token.translate(_JEEM_FOLD)


@lru_cache(maxsize=1)
def _loose_ambiguous_names() -> frozenset[str]:
    """Given names whose loose spelling another given name shares (سعيد، سعد -> سعد): kept exact."""
    by_loose: dict[str, set[str]] = defaultdict(set)
    for name in _given_names():
        for tok in name.split():
            by_loose[loose_token(tok)].add(tok)
    return frozenset(t for group in by_loose.values() if len(group) > 1 for t in group)


def unknown_entity_id(etype: str, name: str) -> str:
    """Stable id of an entity no gazetteer has: ``person:`` + hash of :func:`linking_key`."""
    digest = hashlib.sha1(linking_key(etype, name).encode("utf-8")).hexdigest()[:10]
    return f"{etype.lower()}:{digest}"


def _strip_quotes(text: str) -> str:
    return re.sub(r"\s+", " ", "".join(ch for ch in text if ch not in _QUOTE_CHARS)).strip()


@dataclass
class _Found:
    start_tok: int
    end_tok: int  # exclusive
    nstart: int  # normalised offsets
    nend: int
    entity_id: str
    etype: str
    method: str
    name_ar: str = ""
    name_en: str = ""


class _DocMatcher:
    """Token view of one document and the three matching stages."""

    def __init__(self, norm: NormText):
        self.norm = norm
        text = norm.text
        self.tok_spans = [(m.start(), m.end()) for m in TOKEN_RE.finditer(text)]
        self.words = [text[a:b] for a, b in self.tok_spans]
        n = len(self.words)
        # run[i]: how many tokens from i on are joined by name-internal gaps (i itself counts).
        joined = [True] * max(n - 1, 0)
        if n > 1:
            starts = [a for a, _ in self.tok_spans]
            for m in _GAP_BREAK.finditer(text, self.tok_spans[0][1], self.tok_spans[-1][0]):
                k = bisect_right(starts, m.start()) - 1  # the gap after token k
                if 0 <= k < n - 1:
                    joined[k] = False
        run = [1] * n
        for i in range(n - 2, -1, -1):
            if joined[i]:
                run[i] = run[i + 1] + 1
        self.joined = joined
        self.run = run
        self.owner: list[_Found | None] = [None] * n
        self.found: list[_Found] = []
        self.blocked: list[tuple[int, int]] = []  # normalised spans that are no entity here (سيول: floods)
        self.abbreviations: dict[str, str] = {}  # a short name in brackets -> its organisation (يوروستات)
        self._stop = load_gazetteer().stopwords

    # -- helpers ---------------------------------------------------------------------------
    def gap(self, i: int) -> str:
        """Normalised text between token i-1 and token i."""
        a = self.tok_spans[i - 1][1] if i > 0 else 0
        return self.norm.text[a : self.tok_spans[i][0]]

    def definite(self, k: int) -> bool:
        """Token k really starts with ال: ألمانية and إلكترونية only look so once hamza is folded."""
        a, _ = self.tok_spans[k]
        start, _ = self.norm.span(a, a + 1)
        return self.norm.original[start : start + 1] not in _HAMZA_ALEFS

    def free(self, i: int, j: int) -> bool:
        return all(self.owner[k] is None for k in range(i, j))

    def add(self, f: _Found) -> None:
        self.found.append(f)
        for k in range(f.start_tok, f.end_tok):
            self.owner[k] = f

    def swap(self, old: _Found, new: _Found) -> _Found:
        """``new`` takes the place of ``old`` (a narrower, wider or retyped span): the tokens only
        ``old`` covered are free again. Returns ``new``."""
        for k in range(old.start_tok, old.end_tok):
            if self.owner[k] is old:
                self.owner[k] = None
        for k in range(new.start_tok, new.end_tok):
            self.owner[k] = new
        return new

    def stem(self, f: _Found) -> str:
        """The first token of ``f`` without the proclitic its span leaves out."""
        return self.words[f.start_tok][f.nstart - self.tok_spans[f.start_tok][0] :]

    def key(self, f: _Found) -> tuple[str, ...]:
        """The normalised tokens of ``f``'s span."""
        return (self.stem(f), *self.words[f.start_tok + 1 : f.end_tok])

    # -- stage 1: gazetteer ----------------------------------------------------------------
    def match_gazetteer(self, gz: Gazetteer) -> None:
        words, run, n = self.words, self.run, len(self.words)
        self.info = infos = [_word_info(w) for w in words]
        i = 0
        max_len, fuzzy_second = gz.max_len, gz.fuzzy_second
        while i < n:
            info = infos[i]
            if info is _EMPTY_INFO and (i + 1 >= n or words[i + 1] not in fuzzy_second):
                i += 1
                continue
            best: tuple[int, int, str | None, str] | None = None  # (length, cut, id, method)
            limit = run[i] if run[i] < max_len else max_len
            for stem, cut in info.exact:
                for length in range(limit, 0, -1):
                    if best and length <= best[0]:
                        break
                    key = (stem, *words[i + 1 : i + length]) if length > 1 else (stem,)
                    if key in gz.exact:
                        best = (length, cut, gz.exact[key], "exact")
                        break
            if info.loose and (best is None or best[0] == 1):
                best = self._loose(gz, i, info.loose, limit, best) or best
            if best is None and limit >= 2 and words[i + 1] in fuzzy_second:
                best = self._fuzzy(gz, i, [v for v in _variants(words[i]) if len(v[0]) >= 4], limit)
            if best is None:
                i += 1
                continue
            length, cut, eid, _ = best
            if eid is None:  # block phrase: the words stay free for patterns
                i += length
                continue
            ent = gz.entities[eid]
            nstart = self.tok_spans[i][0] + cut
            nend = self.tok_spans[i + length - 1][1]
            self.add(_Found(i, i + length, nstart, nend, eid, ent.type, "gazetteer", ent.name_ar, ent.name_en))
            i += length

    def _loose(self, gz, i, loose_variants, limit, best):
        words = self.words
        second = loose_token(words[i + 1]) if limit >= 2 else ""
        for lstem, cut in loose_variants:
            if (limit < 2 or (lstem, second) not in gz.loose_pairs) and (lstem,) not in gz.loose:
                continue
            for length in range(limit, 0, -1):
                if best and length <= best[0]:
                    break
                key = (lstem, *(loose_token(w) for w in words[i + 1 : i + length]))
                eid = gz.loose.get(key)
                if eid:
                    return (length, cut, eid, "loose")
        return None

    def _fuzzy(self, gz, i, variants, limit):
        words = self.words
        for length in range(min(limit, gz.max_len), 1, -1):
            rest = tuple(words[i + 1 : i + length])
            cands = gz.fuzzy_rest.get(rest)
            if not cands:
                continue
            for stem, cut in variants:
                hits = {eid for first, eid in cands if _within_one_edit(stem, first)}
                if len(hits) == 1:
                    return (length, cut, hits.pop(), "fuzzy")
        return None

    def apply_context(self, gz: Gazetteer) -> None:
        """Settle aliases whose entity depends on the article (entity_context.tsv) and person
        matches that are part of a facility's name (مدينة الملك سلمان)."""
        rules = _context_rules()
        facility = _facility_words()
        titles_first = _titles()[1]
        org_heads = _generic_org_heads()
        text = self.norm.text
        kept: list[_Found] = []
        for f in self.found:
            words = self.words[f.start_tok : f.end_tok]
            stem = self.stem(f)
            key = " ".join([stem, *words[1:]])
            if key in rules:
                choice = None
                for eid, mark, context, window in rules[key]:
                    if mark and mark not in self.norm.to_original(f.nstart, f.nend):
                        continue
                    if context:
                        a, b = (f.nstart - window, f.nend + window) if window else (0, len(text))
                        around = text[max(a, 0) : b]
                        if not any(c in around for c in context):
                            continue
                    choice = eid
                    break
                if choice is None:
                    self.blocked.append((f.nstart, f.nend))
                    for k in range(f.start_tok, f.end_tok):
                        self.owner[k] = None
                    continue
                if choice != f.entity_id and choice in gz.entities:
                    ent = gz.entities[choice]
                    f = self.swap(f, replace(f, entity_id=ent.id, etype=ent.type, name_ar=ent.name_ar, name_en=ent.name_en))
            if f.end_tok - f.start_tok >= 2 and f.etype == "ORG":
                f = self._drop_generic_head(f, gz, org_heads)
            elif f.end_tok - f.start_tok >= 2 and f.etype in ("GPE", "LOC"):
                f = self._drop_generic_head(f, gz, _place_heads())
            if self._is_agreeing_adjective(f):
                # السلطات السعودية: a nisba adjective after a definite noun, not the country
                self.blocked.append((f.nstart, f.nend))
                for k in range(f.start_tok, f.end_tok):
                    self.owner[k] = None
                continue
            i = f.start_tok
            if (
                f.etype == "PERSON" and i > 0 and stem in titles_first and self.joined[i - 1]
                and self.owner[i - 1] is None
            ):
                fac = next((cut for st, cut in _variants(self.words[i - 1]) if st in facility), None)
                if fac is not None:  # مدينة الملك سلمان: a facility, not the king
                    nstart = self.tok_spans[i - 1][0] + fac
                    name_ar = _strip_quotes(self.norm.to_original(nstart, f.nend))
                    name_norm = " ".join([self.words[i - 1][fac:], *self.words[i : f.end_tok]])
                    f = self.swap(f, _Found(i - 1, f.end_tok, nstart, f.nend, unknown_entity_id("FAC", name_norm), "FAC",
                                            "pattern", name_ar, transliterate(name_ar)))
            if f.etype == "PERSON" and f.method != "pattern":
                f = self._drop_titles(f)
                f = self._other_given_name(f, gz)
            if f.etype == "ORG" and self._names_members(f):
                f = self.swap(f, replace(f, etype="NORP"))
            kept.append(f)
        self.found = kept

    def _names_members(self, f: _Found) -> bool:
        """الحوثيون، ميليشيات الحوثي: the members of an organisation, a group (NORP), not the organisation."""
        stem = self.stem(f)
        if f.end_tok - f.start_tok == 1:
            return stem.startswith(ARTICLE) and stem.endswith(_NISBA_ENDINGS[2:])  # الحوثيون، الحوثيين
        return stem in _group_heads()

    def _other_given_name(self, f: _Found, gz: Gazetteer) -> _Found:
        """ابراهيم نصر الله is not حسن نصر الله: a listed given name right before a known person's
        alias, that none of the person's names contains, makes the whole a different (unknown) person."""
        i = f.start_tok
        if i == 0 or f.nstart != self.tok_spans[i][0] or not self.joined[i - 1] or self.owner[i - 1] is not None:
            return f
        prev = self.words[i - 1]
        if prev not in _given_names() or prev.startswith(ARTICLE) or prev in _NAME_CONNECTORS or prev in self._stop:
            # على ترامب: علي is also the folded preposition على
            return f  # الدين (رجل الدين، صلاح الدين) and بن are name parts, not a first name
        ent = gz.entities[f.entity_id]
        own_tokens = {t for a in (ent.name_ar, *ent.aliases) for t in normalize_key(a).split()}
        if prev in own_tokens:
            return f
        name_norm = " ".join(self.words[i - 1 : f.end_tok])
        nstart = self.tok_spans[i - 1][0]
        name_ar = _strip_quotes(self.norm.to_original(nstart, f.nend))
        return self.swap(f, _Found(i - 1, f.end_tok, nstart, f.nend, unknown_entity_id("PERSON", name_norm), "PERSON",
                                   "pattern", name_ar, transliterate(name_ar)))

    def _drop_titles(self, f: _Found) -> _Found:
        """الملك سلمان -> سلمان, الأمير محمد بن سلمان -> محمد بن سلمان: an alias may carry a title
        (it helps recognise the person) but the mention is the name only."""
        titles, _, max_len = _titles()
        s0 = f.start_tok
        stem = self.stem(f)
        while f.end_tok - s0 >= 2:
            for hl in range(min(max_len, f.end_tok - s0 - 1), 0, -1):
                head = (stem if s0 == f.start_tok else self.words[s0], *self.words[s0 + 1 : s0 + hl])
                if head in titles:
                    s0 += hl
                    break
            else:
                break
        if s0 == f.start_tok:
            return f
        return self.swap(f, replace(f, start_tok=s0, nstart=self.tok_spans[s0][0]))

    def _is_agreeing_adjective(self, f: _Found) -> bool:
        """A one-word place name that is also a feminine nisba (السعودية) right after a definite
        noun (السلطات، الخارجية) agrees with it as an adjective."""
        i = f.start_tok
        if f.etype not in ("GPE", "LOC") or f.end_tok - i != 1 or i == 0 or not self.joined[i - 1]:
            return False
        w = self.words[i]
        if f.nstart != self.tok_spans[i][0] or not (w.startswith(ARTICLE) and w.endswith(_NISBA_ENDINGS[1])):
            return False
        prev = self.words[i - 1]
        return prev.startswith(ARTICLE) and self.definite(i - 1) and self.owner[i - 1] is None and prev not in self._stop

    def _drop_generic_head(self, f: _Found, gz: Gazetteer, qheads: frozenset[str]) -> _Found:
        """وكالة "فرانس برس" -> فرانس برس: a generic head is not part of the name when the rest
        is itself an alias of the same organisation (صحيفة نيويورك تايمز -> نيويورك تايمز)."""
        words = self.words
        stem = self.stem(f)
        for hl in (2, 1):
            s0 = f.start_tok + hl
            if f.end_tok - s0 < 1:
                continue
            head = " ".join([stem, *words[f.start_tok + 1 : s0]])
            if head not in qheads:
                continue
            # the longest alias of the same entity from s0 on; it may run past the old end
            # (دولة الإمارات | العربية المتحدة -> الإمارات العربية المتحدة)
            end = None
            for e in range(min(s0 + gz.max_len, s0 + self.run[s0]), f.end_tok - 1, -1):
                if gz.exact.get(tuple(words[s0:e])) == f.entity_id and all(self.owner[k] in (None, f) for k in range(s0, e)):
                    end = e
                    break
            if end is None and head in _descriptive_org_heads() and f.etype == "ORG":
                end = f.end_tok  # شركة أبل -> أبل: the head describes, the rest names
            if end is None:
                continue
            return self.swap(f, replace(f, start_tok=s0, end_tok=end, nstart=self.tok_spans[s0][0],
                                        nend=self.tok_spans[end - 1][1]))
        return f

    # -- stage 2: patterns -----------------------------------------------------------------
    def _is_name_token(self, w: str, stop: dict[str, str]) -> bool:
        if len(w) < 2 or not _ARABIC_WORD.fullmatch(w):
            return False
        if w[0] == WAW and len(w) < 7 and w not in _given_names():
            return False  # وتنمية، وربما، وكيت: a conjunction, not a name (وليد is listed)
        if w in stop:
            return False
        if w[0] in _PROCLITIC_LETTERS and w[1:] in stop:  # و/ف/ب/ل/ك + a stopword: وقال، بأن
            return False
        return True

    def _longest(self, table: dict, variants, max_len: int, i: int) -> tuple[int, int] | None:
        """(length, cut) of the longest table key starting at token i, proclitics allowed."""
        words, limit = self.words, min(self.run[i], max_len)
        for stem, cut in variants:
            for length in range(limit, 0, -1):
                key = (stem, *words[i + 1 : i + length])
                if key in table:
                    return length, cut
        return None

    def match_patterns(self, gz: Gazetteer) -> None:
        titles, tfirst, tmax = _titles()
        heads, hfirst, hmax = _org_heads()
        stop = gz.stopwords
        not_names = tfirst | hfirst
        facility = _facility_words()
        qheads = _quoted_org_heads()
        tok_starts = [a for a, _ in self.tok_spans]
        quoted = {bisect_left(tok_starts, q.end()) for q in _OPEN_QUOTE_RE.finditer(self.norm.text)}  # tokens after a quote
        words = self.words
        n = len(self.words)
        i = 0
        while i < n:
            if self.owner[i] is not None:
                i += 1
                continue
            k = self._definite_org_with_purpose(i, stop)
            if k:
                i = k
                continue
            info = self.info[i]
            if info is _EMPTY_INFO and i + 1 not in quoted:
                i += 1
                continue
            cut = info.ministry
            if cut is not None and i + 1 < n and self.joined[i] and self.owner[i + 1] is None and (
                    i == 0 or not self.joined[i - 1] or not words[i - 1].startswith(ARTICLE)):
                nxt = words[i + 1]
                compass = i + 2 < n and self.joined[i + 1] and self.owner[i + 2] is None and words[i + 2] in _org_adjectives()
                if nxt.startswith(ARTICLE) and nxt.endswith(_NISBA_ENDINGS[1]) and (
                        _is_place_adjective(nxt[2:-1], gz)
                        or (compass and _is_two_word_place_adjective(nxt[2:-1], words[i + 2], gz))):
                    end = i + 3 if compass else i + 2  # الخارجية الروسية; الرئاسة الكورية الجنوبية
                    self._add_unknown(i, end, "ORG", cut)
                    i = end
                    continue
            if i + 1 < n and i + 1 in quoted and self.joined[i]:
                k = self._quoted_org(i, qheads, stop, gz)
                if k:
                    i = k
                    continue
            info = self.info[i]
            if info is _EMPTY_INFO or not (info.title or info.head):
                i += 1
                continue
            t = self._longest(titles, info.title, tmax, i) if info.title else None
            if t and i > 0 and self.info[i - 1].head and self.joined[i - 1]:
                t = None  # مؤسسة الملك فيصل: a title inside an organisation's name
            if t and i > 0 and self.joined[i - 1] and self.owner[i - 1] is None and words[i].startswith(ARTICLE):
                fac = next((cut for stem, cut in _variants(words[i - 1]) if stem in facility), None)
                if fac is not None:
                    # مطار الملك عبد العزيز: a facility named after a person
                    end = self._name_run(i + t[0], stop, not_names)
                    if end > i + t[0]:
                        self._add_unknown(i - 1, end, "FAC", fac)
                        i = end
                        continue
                    t = None
            if t and t[0] == 1 and i + 1 < n and self.joined[i] and self.owner[i + 1] is None and words[i + 1] in _ordinals():
                stem = words[i][t[1]:]
                if stem.startswith(ARTICLE) and (stem[2:],) in heads:
                    # اللواء الأول حرس حدود: a unit (لواء = brigade) with its ordinal, not a person
                    end = i + 2
                    while end < n and end - i < 4 and self.joined[end - 1] and self.owner[end] is None and not words[end].startswith(DEFINITE_PREFIXES) and self._is_name_token(words[end], stop) and words[end] not in not_names:
                        end += 1
                    self._add_unknown(i, end, "ORG", t[1])
                    i = end
                    continue
            if t:
                nxt = self._person_after_title(i + t[0], stop, not_names)
                if nxt:
                    i = nxt
                    continue
            h = self._longest(heads, info.head, hmax, i) if info.head else None
            if h:
                nxt = self._org_after_head(i, h[0], h[1], gz, stop)
                if nxt:
                    i = nxt
                    continue
            i += 1

    def _quoted_org(self, i: int, qheads: frozenset[str], stop: dict[str, str], gz: Gazetteer) -> int | None:
        """صحيفة «الشرق الأوسط»: an organisation head, then a quoted name of 1-4 tokens -> ORG."""
        words, n = self.words, len(self.words)
        gap = self.gap(i + 1).rstrip()
        if not gap or gap[-1] not in _OPEN_QUOTES:
            return None
        if not any(stem in qheads for stem, _ in _variants(words[i])):
            if not (i > 0 and self.joined[i - 1] and any(f"{stem} {words[i]}" in qheads for stem, _ in _variants(words[i - 1]))):
                return None
        j = k = i + 1
        while k < n and k - j < 5:
            k += 1
            if k >= n or not self.joined[k - 1] or any(c in _QUOTE_CHARS for c in self.gap(k)):
                break
        closing = (self.gap(k) if k < n else self.norm.text[self.tok_spans[k - 1][1] :]).lstrip()
        if not closing or closing[0] not in _QUOTE_CHARS or k - j > 4:
            return None
        if any(stop.get(w) in ("function", "verb") for w in words[j:k]) or any(not _ARABIC_WORD.fullmatch(w) and not w.isalpha() for w in words[j:k]):
            return None  # a quoted phrase or sentence, not a name
        owners = {id(self.owner[t]) for t in range(j, k)}
        first = self.owner[j]
        if first is not None:
            if len(owners) == 1 and first.start_tok == j and first.end_tok == k and first.etype in ("GPE", "LOC"):
                self.found.remove(first)  # صحيفة «الشرق الأوسط»: the newspaper, not the region
                for t in range(j, k):
                    self.owner[t] = None
            else:
                return None  # a known organisation already (وكالة «رويترز»)
        elif any(self.owner[t] is not None for t in range(j, k)):
            return None
        self._add_unknown(j, k, "ORG")
        return k

    def _name_run(self, j: int, stop: dict[str, str], not_names: frozenset[str], limit: int = 3) -> int:
        """End of the undefined name tokens from j on (at most ``limit`` besides بن/عبد/آل)."""
        words, n = self.words, len(self.words)
        k, core = j, 0
        while k < n and core < limit and self.owner[k] is None and (k == j or self.joined[k - 1]):
            w = words[k]
            if not self._is_name_token(w, stop) or w in not_names or (k > j and w in _time_words()):
                break
            if w.startswith(ARTICLE) and w not in _NAME_CONNECTORS and (k == j or words[k - 1] not in _NAME_CONNECTORS):
                break  # الاقتصادية: an adjective after the name (عبد العزيز keeps its ال)
            if w not in _NAME_CONNECTORS:
                core += 1
            k += 1
        while k > j and words[k - 1] in _NAME_CONNECTORS:
            k -= 1
        return k

    def _person_after_title(self, j: int, stop: dict[str, str], not_names: frozenset[str]) -> int | None:
        words, n = self.words, len(self.words)
        skipped = 0
        construct = not words[j - 1].startswith(DEFINITE_PREFIXES)  # وزير، رئيس: a genitive follows
        genitives = 2 if construct else 0
        # nisba adjectives and known organisations/places between title and name
        while j < n and skipped < 5:
            owner = self.owner[j]
            if owner is not None and owner.etype in ("ORG", "GPE", "LOC") and owner.start_tok == j:
                skipped += owner.end_tok - j
                j = owner.end_tok
                continue
            w = words[j]
            kind = stop.get(w)
            if owner is None and w.startswith(ARTICLE) and (kind == "modifier" or (kind is None and w.endswith(_NISBA_ENDINGS))):
                j += 1
                skipped += 1
                continue
            if owner is None and genitives and w.startswith(ARTICLE) and w not in stop and w not in not_names:
                genitives -= 1  # وزير الإسكان المصري ...
                j += 1
                skipped += 1
                continue
            break
        if j >= n or j == 0 or self.owner[j] is not None or not self.joined[j - 1]:
            return None

        def name_token(k: int) -> bool:
            w = words[k]
            if self.owner[k] is not None or not self._is_name_token(w, stop) or w in not_names:
                return False
            return not (w[0] in _PROCLITIC_LETTERS and w[1:] in not_names)  # لصحيفة، لمجموعة

        gap = self.gap(j).rstrip()
        if gap and gap[-1] in _OPEN_QUOTES:
            # a quoted name: 1-4 tokens up to the closing quote
            k = j
            while k < n and k - j < 4 and name_token(k):  # 4: to see a fourth and refuse
                k += 1
                if k < n and (not self.joined[k - 1] or any(c in _QUOTE_CHARS for c in self.gap(k))):
                    break
            closing = (self.gap(k) if k < n else self.norm.text[self.tok_spans[k - 1][1] :]).lstrip()
            if k == j or not closing or closing[0] not in _QUOTE_CHARS or k - j > 3:
                return None
            if words[j].startswith(DEFINITE_PREFIXES) or any(
                w.startswith(ARTICLE) and w.endswith(TEH_MARBUTA_FOLDED) for w in words[j:k]
            ):
                return None  # "زيادة الرواتب": a quoted phrase, not a name
            if k - j == 1 and words[j] in load_gazetteer().short:
                return None  # «كيم»: a short form, left to coreference
            self._add_unknown(j, k, "PERSON")
            return k
        first = words[j]
        if first.startswith(DEFINITE_PREFIXES) or (first in _NAME_CONNECTORS and first not in _NAME_OPENERS):
            return None
        if (first[0] in _VERBAL_INITIALS or first.endswith(TEH_MARBUTA_FOLDED)) and first not in _given_names():
            # و: a conjunction (وتنمية); ل: a preposition (لطب); ي ت: a verb (يزور، تعديل);
            # ـة: a verbal noun (إحالة);
            # such a first name must be a listed given name (وليد، يوسف، تامر، حمزة)
            return None
        if first.startswith(LAM) and len(first) >= 5:
            return None  # لدراسات: a preposition, not a name (names rarely start so)
        if first.startswith(_PREP_NOUN_STARTS) and first not in _given_names():
            return None  # المكلف بملف: ب + a noun, not a name
        if first.startswith(_FUTURE_VERB_STARTS) and len(first) >= 5 and first not in _given_names():
            return None  # الفريق سيعرض، الرئيس سيسافر: a future verb
        if construct and skipped == 0:
            return None  # وزير اتحادي بارز: an indefinite title needs its genitive first
        k, core = j, 0
        while k < n and core < 3 and name_token(k):
            w = words[k]
            if k > j and (not self.joined[k - 1] or any(c in _QUOTE_CHARS for c in self.gap(k))):
                break
            if k > j and w.startswith(ARTICLE) and w.endswith((*_NISBA_ENDINGS[1:], TEH_MARBUTA_FOLDED)) and w not in _given_names():
                break  # an adjective or a verbal noun, not a surname: البحرينية، الموافقة
            if k > j and w[0] == BEH and len(w) >= 7:
                break  # باستقالته: a prepositional phrase
            if k > j and w in _time_words():
                break  # سواراج الشهر الماضي: a date after the name
            if k > j and (w.startswith(LAM + LAM) or (w.startswith(LAM) and len(w) >= 5)):
                break  # لبلدنا، للكتاب: a preposition phrase after the name
            if k > j and (_VERB_SHAPE.match(w) or (w[0] == WAW and w.endswith(TEH_MARBUTA_FOLDED))) and w not in _given_names():
                break  # أحلام يشعر، تميم تعزيز، باكلي وزملاؤه: a verb, verbal noun or conjunct, not a surname
            if k > j and w.endswith(_PRONOUN_SUFFIXES) and len(w) >= 4 and w not in _given_names():
                break  # فقدت دورها: a noun with a pronoun suffix, not a surname
            if core >= 2 and w.endswith(TEH_MARBUTA_FOLDED) and w not in _given_names():
                break  # مصرعه: a noun with a pronoun suffix after a two-word name
            if core >= 2 and w[0] in _PROCLITIC_LETTERS:
                break  # a third word with a proclitic is rarely a surname: بعيدا، لصحيفة
            if w not in _NAME_CONNECTORS:
                core += 1
            k += 1
        while k > j and words[k - 1] in _NAME_CONNECTORS:
            k -= 1  # a name never ends with بن / أبو / عبد
        if core >= 2 and k - j >= 2:
            given = _given_names()
            if all(w.endswith(ALEF) and w not in given for w in words[j:k]):
                return None  # قرارا مماثلا: an indefinite accusative noun and its adjective
            self._add_unknown(j, k, "PERSON")
            return k
        return None

    def _org_after_head(self, i: int, hlen: int, cut: int, gz: Gazetteer, stop: dict[str, str]) -> int | None:
        words, n = self.words, len(self.words)
        titles_first = _titles()[1]
        k = i + hlen
        if not self.free(i, k):
            return None
        place = self.owner[k] if k < n and self.joined[k - 1] else None
        noun = 0  # شركة نفط الكويت، هيئة كهرباء دبي: an indefinite noun between head and place
        if (place is None and k + 1 < n and self.joined[k] and self.owner[k + 1] is not None
                and _ARABIC_WORD.fullmatch(words[k]) and not words[k].startswith(ARTICLE) and words[k] not in stop
                and not words[k].endswith(_NISBA_ENDINGS[:2]) and words[k][0] not in _PROCLITIC_LETTERS + "\u064a"
                and not self._pronoun_suffixed(k)):  # not مقرها لندن، تقوده السعودية، يرأسها
            place, noun = self.owner[k + 1], 1
        if place is not None and place.start_tok == k + noun and place.etype == "GPE" and place.nstart == self.tok_spans[k + noun][0] and (
                noun == 0 or place.end_tok - place.start_tok <= 2):
            # هيئة أبوظبي للسياحة، جامعة القاهرة، بلدية إسطنبول: a place inside an organisation's name
            end = self._org_complement(place.end_tok, stop)
            if end > place.end_tok or noun or words[i][cut:] in _PLACE_NAMED_ORG_HEADS:
                self.found.remove(place)
                for t in range(place.start_tok, place.end_tok):
                    self.owner[t] = None
                self._add_unknown(i, end, "ORG", cut)
                return end
        after_nisba = False
        org_adj = _org_adjectives()
        # a definite head (المحكمة، البنك) takes adjectives only: اللجنة التهديدات is a verb's subject and object
        definite_head = words[i][cut:].startswith((ARTICLE, LAM + LAM))
        while k < n and (k - i < 4 or (k - i < 6 and (after_nisba or words[k].startswith(_ORG_CHAIN_PREFIXES[1])))) and self.owner[k] is None and self.joined[k - 1]:
            w = words[k]
            if k == i + hlen and not (w.startswith(ARTICLE) and self.definite(k)):
                break  # the first word after the head is definite: وزارة الصحة, not مركز للصيد / صحيفة ألمانية
            adjective = w in org_adj and (k > i + hlen or definite_head)
            if adjective and k + 1 < n and self.joined[k] and stop.get(words[k + 1]) == "time":
                break  # العام الماضي: a time phrase, not مكتب المدعي العام
            if not w.startswith(_ORG_CHAIN_PREFIXES) or _HAS_DIGIT.search(w) or (
                    not adjective and stop.get(w) in ("function", "time", "verb", "word")):
                break
            if w.startswith(LAM + LAM) and (stop.get(ARTICLE + w[2:]) in ("function", "time") or ARTICLE + w[2:] in _time_words()):
                break  # هيئة الأركان | للمرة الثانية: a time phrase after the name
            if any(c in _QUOTE_CHARS for c in self.gap(k)):
                break
            nisba = w.startswith(ARTICLE) and w.endswith(_NISBA_ENDINGS)
            if definite_head and not (nisba or adjective):
                break  # البنك العالمي والأرقام، للحرس الجمهوري والفرقة: a conjunct, not the name
            if after_nisba and not nisba and not adjective and not w.startswith(_ORG_CHAIN_PREFIXES[1]):
                break  # وزارة البترول المصرية | الجزء: only adjectives or وال... follow a nisba
            after_nisba = after_nisba or nisba
            k += 1
            if w in titles_first and k < n and self.joined[k - 1]:
                end = self._name_run(k, stop, titles_first)
                if end > k:  # جامعة الملك سعود: an organisation named after a person
                    k = end
                    break
        if k == i + hlen:
            return None
        if words[i][cut:] in _FORCE_HEADS and all(
                w in _generic_body_words() or (w.startswith(ARTICLE) and w.endswith(_NISBA_ENDINGS[:2]))
                for w in words[i + hlen : k]):
            return None  # قوات الجيش اليمني، جيش الاحتلال: a generic body, not a name
        if words[k - 1].startswith(ARTICLE) and words[k - 1].endswith(_NISBA_ENDINGS[:2]):
            k = self._org_complement(k, stop)  # after a nisba only: هيئة الأركان | للصحافة stays out
        # an appositive known organisation right after: وكالة الأنباء الروسية "تاس"
        if k < n and self.joined[k - 1]:
            owner = self.owner[k]
            if owner is not None and owner.etype == "ORG" and owner.start_tok == k:
                ent = gz.entities[owner.entity_id]
                nstart = self.tok_spans[i][0] + cut
                self.add(_Found(i, k, nstart, self.tok_spans[k - 1][1], ent.id, ent.type, "coreference", ent.name_ar, ent.name_en))
                return k
        self._add_unknown(i, k, "ORG", cut)
        return k

    def _definite_org_with_purpose(self, i: int, stop: dict[str, str]) -> int | None:
        """المركز الأمريكي لرصد الزلازل، الوكالة الإندونيسية لإدارة الكوارث: a definite head, its
        nisba adjectives and a purpose phrase name an organisation (without the purpose phrase,
        الوكالة الأمريكية is only a description)."""
        words, n = self.words, len(self.words)
        if self.owner[i] is not None or i + 2 >= n or ARTICLE not in words[i][:4]:
            return None  # (the head is ال + a noun, perhaps after a proclitic: a cheap test first)
        heads = _definite_org_heads()
        cut = next((c for stem, c in _variants(words[i]) if stem in heads), None)
        if cut is None:
            return None
        k = i + 1
        while k < n and k - i <= 2 and self.owner[k] is None and self.joined[k - 1]:
            w = words[k]
            nisba = w.startswith(ARTICLE) and w.endswith(_NISBA_ENDINGS[:2]) and stop.get(w) in (None, "modifier")
            if not (nisba or w in _org_adjectives()):
                break
            k += 1
        if k == i + 1:
            return None
        end = self._org_complement(k, stop)
        if end == k:
            return None
        self._add_unknown(i, end, "ORG", cut)
        return end

    def _pronoun_suffixed(self, k: int) -> bool:
        """Token k ends with an object or possessive pronoun as written (ـه ـها ـهم, not ة)."""
        a, b = self.tok_spans[k]
        written = self.norm.to_original(a, b)
        return written.endswith(("\u0647", "\u0647\u0627", "\u0647\u0645", "\u0647\u0645\u0627"))

    def _org_complement(self, k: int, stop: dict[str, str]) -> int:
        """The purpose phrase that ends many organisation names, from token k on: المكتب الأوروبي
        للإحصاء، الوكالة الدولية للطاقة الذرية، المركز الأمريكي لرصد الزلازل، اللجنة الدولية للصليب
        الأحمر. A ل/لل noun (not a function word, time word or another body: لمنظمة، للحكومة) and up
        to two definite words after it; an indefinite ل noun needs its definite genitive (لرصد الزلازل)."""
        words, n = self.words, len(self.words)
        if k >= n or self.owner[k] is not None or not self.joined[k - 1] or any(c in _QUOTE_CHARS for c in self.gap(k)):
            return k
        w = words[k]
        if not w.startswith(LAM) or len(w) < 4 or _HAS_DIGIT.search(w) or w in stop:
            return k
        definite = w.startswith(LAM + LAM)
        stem = ARTICLE + w[2:] if definite else w[1:]
        bodies = _org_heads()[1] | _generic_bodies()
        if stem in stop or stem in _time_words() or stem in bodies or (definite and stem[2:] in bodies):
            return k
        end = k + 1
        while end < n and end - k <= 2 and self.owner[end] is None and self.joined[end - 1]:
            nxt = words[end]
            if not nxt.startswith(_ORG_CHAIN_PREFIXES[:2]) or nxt in stop or nxt in _time_words() or _HAS_DIGIT.search(nxt):
                break
            if any(c in _QUOTE_CHARS for c in self.gap(end)) or nxt.lstrip(WAW) in bodies or nxt in _titles()[1]:
                break  # للتقاعد | والمؤسسة العامة: a second organisation
            end += 1
        if not definite and end == k + 1:
            return k  # لم، ليبحث، لصالح: an indefinite ل word alone is no name part
        if end < n and self.joined[end - 1] and words[end] in _OBJECT_PREPOSITIONS:
            return k  # للتوصل إلى، للتأكد من، للاجتماع مع: a purpose clause with its object, not a name
        return end

    def _add_unknown(self, i: int, k: int, etype: str, cut: int = 0) -> None:
        nstart = self.tok_spans[i][0] + cut
        nend = self.tok_spans[k - 1][1]
        name_norm = " ".join([self.words[i][cut:], *self.words[i + 1 : k]])
        name_ar = _strip_quotes(self.norm.to_original(nstart, nend))
        eid = unknown_entity_id(etype, name_norm)
        self.add(_Found(i, k, nstart, nend, eid, etype, "pattern", name_ar, transliterate(name_ar)))

    # -- stage 3: coreference --------------------------------------------------------------
    def match_abbreviations(self) -> None:
        """المكتب الأوروبي للإحصاء (يوروستات): one word in brackets right after an organisation's
        name of three words or more is its short name: a mention of the same entity, and later bare uses of a
        one-word short name in the article are that organisation too (see resolve_short_forms)."""
        text, n = self.norm.text, len(self.words)
        for f in list(self.found):
            # a long name (three words or more) needs a short one; after a short name the brackets
            # hold other things (مانشستر يونايتد (لوكاكو), الاتحاد الأوروبي (بريكست))
            if f.etype != "ORG" or f.end_tok >= n or f.end_tok - f.start_tok < 3:
                continue
            j = f.end_tok
            if self.owner[j] is not None or _BRACKET_OPEN.fullmatch(text[f.nend : self.tok_spans[j][0]]) is None:
                continue
            w = self.words[j]
            after = text[self.tok_spans[j][1] : self.tok_spans[j + 1][0] if j + 1 < n else len(text)]
            if _BRACKET_CLOSE.fullmatch(after) is None or len(w) < 2 or w in self._stop or _HAS_DIGIT.search(w):
                continue
            if w.endswith(_NISBA_ENDINGS[:2]):
                continue  # (الكردية), (حكومية): an adjective, not a short name
            self.add(_Found(j, j + 1, self.tok_spans[j][0], self.tok_spans[j][1], f.entity_id, "ORG", "coreference",
                            f.name_ar, f.name_en))
            self.abbreviations[w] = f.entity_id

    def _relink_shared_surnames(self) -> None:
        """After ابراهيم نصر الله, a bare نصر الله in the same article is that person, not the known
        حسن نصر الله, unless the known person is named in full somewhere in the article."""
        tails: dict[tuple[str, ...], _Found] = {}
        for f in self.found:
            if f.method == "pattern" and f.etype == "PERSON" and f.end_tok - f.start_tok >= 2:
                for a in range(f.start_tok + 1, f.end_tok):
                    tails.setdefault(tuple(self.words[a : f.end_tok]), f)
        if not tails:
            return
        hits = [(idx, f, tails.get(self.key(f))) for idx, f in enumerate(self.found)
                if f.etype == "PERSON" and f.method != "pattern"]
        shared = {f.entity_id for _, f, t in hits if t is not None and t.start_tok < f.start_tok}
        named_in_full = {f.entity_id for _, f, t in hits if t is None}
        for idx, f, src in hits:
            if src is None or f.entity_id not in shared or f.entity_id in named_in_full or src.start_tok > f.start_tok:
                continue
            self.found[idx] = self.swap(f, replace(f, entity_id=src.entity_id, etype="PERSON", method="coreference",
                                                   name_ar=src.name_ar, name_en=src.name_en))

    def resolve_short_forms(self, gz: Gazetteer) -> None:
        self._relink_shared_surnames()
        full_count: Counter[str] = Counter()
        first_seen: dict[str, int] = {}
        info: dict[str, _Found] = {}
        dynamic: dict[str, list[str]] = defaultdict(list)
        for f in self.found:
            if f.method == "coreference":
                continue
            full_count[f.entity_id] += 1
            first_seen.setdefault(f.entity_id, f.start_tok)
            info.setdefault(f.entity_id, f)
            if f.method == "pattern" and f.etype == "PERSON" and f.end_tok - f.start_tok >= 2:
                last = self.words[f.end_tok - 1]
                if len(last) >= 3 and last not in gz.stopwords:
                    dynamic[last].append(f.entity_id)
        for short, eid in self.abbreviations.items():
            dynamic[short].append(eid)
        if not full_count:
            return
        for idx, f in enumerate(self.found):
            if f.method != "pattern":
                continue
            key = " ".join(self.key(f))
            cands = [e for e in gz.short.get(key, ()) if e in full_count and e != f.entity_id]
            if cands:
                best = min(dict.fromkeys(cands), key=lambda e: (-full_count[e], first_seen[e]))
                src = info[best]
                self.found[idx] = self.swap(f, replace(f, entity_id=best, etype=src.etype, method="coreference",
                                                       name_ar=src.name_ar, name_en=src.name_en))
        words = self.words
        indices = range(len(words)) if dynamic else [i for i, inf in enumerate(self.info) if inf.short]
        for i in indices:
            if self.owner[i] is not None:
                continue
            variants = _variants(words[i]) if dynamic else self.info[i].short
            for stem, cut in variants:
                cands = [e for e in (*gz.short.get(stem, ()), *dynamic.get(stem, ())) if e in full_count]
                if not cands:
                    continue
                best = min(dict.fromkeys(cands), key=lambda e: (-full_count[e], first_seen[e]))
                src = info[best]
                nstart = self.tok_spans[i][0] + cut
                self.add(_Found(i, i + 1, nstart, self.tok_spans[i][1], best, src.etype, "coreference", src.name_ar, src.name_en))
                break


def _to_mention(doc: Document, norm: NormText, f: _Found) -> Mention:
    start, end = norm.span(f.nstart, f.nend)
    text = doc.text
    inner = text[start:end]
    # «كيم يونج» أون: take the opening guillemet in when the span holds only the closing one
    for close, open_ in _CLOSE_FOR.items():
        if close in inner and open_ not in inner.replace(close, "") and start > 0 and text[start - 1] == open_:
            if close != open_ or inner.count(close) % 2 == 1:
                start -= 1
                break
    return Mention(doc.doc_id, f.entity_id, f.etype, text[start:end], start, end, f.name_ar, f.name_en, f.method)


def extract_mentions(doc: Document, norm: NormText | None = None) -> list[Mention]:
    """Entity mentions of ``doc``: non-overlapping, sorted by ``start``, offsets into ``doc.text``."""
    if norm is None:
        norm = normalize(doc.text)
    gz = load_gazetteer()
    m = _DocMatcher(norm)
    if not m.words:
        return []
    m.match_gazetteer(gz)
    m.apply_context(gz)
    m.match_patterns(gz)
    m.match_abbreviations()
    m.resolve_short_forms(gz)
    out = [_to_mention(doc, norm, f) for f in m.found if f.nend > f.nstart]
    blocked = [norm.span(a, b) for a, b in m.blocked]
    model = _model_mentions(doc, norm, out, gz, blocked)
    if model:
        out = _link_model_persons(doc, norm, m, out, model, gz)
    out.sort(key=lambda x: (x.start, x.end))
    return out


# The model's spans are kept only where no gazetteer entry or pattern found anything, and only when
# the tagger is confident (its mean marginal over the span's tokens); see README "Entities".
MODEL_MIN_CONFIDENCE = 0.75
MODEL_TYPES = frozenset({"PERSON", "ORG", "GPE", "LOC"})


def _model_mentions(
    doc: Document, norm: NormText, found: list[Mention], gz: Gazetteer, blocked: list[tuple[int, int]] = ()
) -> list[Mention]:
    """Mentions of names no list has, from the CRF tagger (data_pipeline/ner.py)."""
    from ..ner import predict_spans

    taken = sorted([(m.start, m.end) for m in found] + list(blocked))
    starts = [a for a, _ in taken]
    out = []
    for start, end, etype, confidence in predict_spans(doc, norm):
        if confidence < MODEL_MIN_CONFIDENCE or etype not in MODEL_TYPES:
            continue
        start, end = _trim_model_span(doc.text, start, end, gz)
        if end > start and etype == "PERSON":
            fixed = _fix_model_person(doc.text, start, end, gz)
            start, end = fixed if not _overlaps(taken, starts, *fixed) else (start, min(end, fixed[1]))
        if end <= start:
            continue
        if _overlaps(taken, starts, start, end):
            continue  # overlaps a gazetteer or pattern mention, which wins
        name = _strip_quotes(doc.text[start:end])
        key = normalize_key(name)
        if not key or key in gz.stopwords or len(key) < 3 or _is_place_adjective(key, gz) or key in _head_words():
            continue  # ريف، شبه، سلطنة alone: the head of a longer place name, not a name
        out.append(Mention(doc.doc_id, unknown_entity_id(etype, name), etype, doc.text[start:end], start, end,
                           name, transliterate(name), "model"))
    return out


_SPAN_WORD = re.compile(r"\S+")
_FORCE_HEADS = frozenset({"\u0642\u0648\u0627\u062a", "\u062c\u064a\u0634"})  # قوات جيش
# جامعة، بلدية، بنك (normalised): heads that name an organisation with a bare place name after them
_PLACE_NAMED_ORG_HEADS = frozenset({"\u062c\u0627\u0645\u0639\u0647", "\u0628\u0644\u062f\u064a\u0647", "\u0628\u0646\u0643"})
# Around a short name in brackets: only blanks and quote marks besides the bracket.
_BRACKET_OPEN = re.compile(r"[ \t\u00a0]*\([ \t\u00a0\"'\u00ab\u201c]*")
_BRACKET_CLOSE = re.compile(r"[ \t\u00a0\"'\u00bb\u201d]*\).*", re.S)
# إلى من على مع عن (normalised): the object of a purpose verbal noun follows them (not إن: قال X إن)
_OBJECT_PREPOSITIONS = frozenset({"\u0627\u0644\u064a", "\u0645\u0646", "\u0639\u0644\u064a", "\u0645\u0639", "\u0639\u0646"})
_OBJECT_SUFFIXES = ("\u0647", "\u0647\u0627", "\u0647\u0645", "\u0647\u0645\u0627")  # ـه ـها ـهم ـهما (ة is folded to ه too)
_PREV_WORD = re.compile(r"(\S+)[ \t\u00a0]+$")


def _overlaps(taken: list[tuple[int, int]], starts: list[int], start: int, end: int) -> bool:
    i = bisect_right(starts, start)
    return (i > 0 and taken[i - 1][1] > start) or (i < len(taken) and taken[i][0] < end)


def _trim_model_span(text: str, start: int, end: int, gz: Gazetteer) -> tuple[int, int]:
    """Drop words a name never ends or starts with from a model span: a stopword (قال، في), a
    preposition phrase (للصحفيين، بالرصاص), a title (الرئيس): كونريكوس للصحفيين -> كونريكوس."""
    words = [(m.start(), m.end()) for m in _SPAN_WORD.finditer(text, start, end)]
    titles = _titles()[1]
    # رجل الدين مقتدى الصدر, كاتب السيناريو سكوت: a span that opens with the second word of a title
    before = _PREV_WORD.search(text, max(0, start - 80), start)  # a window: a search from 0 is quadratic
    if before and len(words) > 1:
        table = _titles()[0]
        prev = normalize_key(_strip_quotes(before.group(1)))
        first = normalize_key(_strip_quotes(text[words[0][0] : words[0][1]]))
        if any(stem_p and (stem_p, first) in table for stem_p, _ in _variants(prev)):
            words.pop(0)

    def bad(a: int, b: int, edge: str) -> bool:
        w = normalize_key(_strip_quotes(text[a:b]))
        if not w or w in gz.stopwords:
            return True
        if edge == "end" and w in _time_words():
            return True
        if edge == "end" and w[0] in (WAW, BEH, LAM) and w.endswith(_OBJECT_SUFFIXES) and w not in _given_names():
            return True  # باكلي وزملاؤه، ليو بتصريحه: a conjunct or preposition phrase, not a surname
        if edge == "end" and (w.startswith(LAM + LAM) or (w[0] in "\u0628\u0644" and w[1:].startswith(ARTICLE))):
            return True
        return edge == "start" and w in titles
    while len(words) > 1 and bad(*words[-1], "end"):
        words.pop()
    while len(words) > 1 and bad(*words[0], "start"):
        words.pop(0)
    if len(words) == 1 and bad(*words[0], "start"):
        return (start, start)  # a title alone (ولي العهد): no name
    return (words[0][0], words[-1][1]) if words else (start, start)


# The word right after a span, when only blanks separate them and a word boundary ends it.
_NEXT_WORD = re.compile(r"[ \t\u00a0]+([\u0621-\u064a\u0671-\u06d3\u064b-\u0652\u0640]+)(?![\w])")
MODEL_PERSON_MAX_TOKENS = 4


@lru_cache(maxsize=1)
def _name_extenders() -> frozenset[str]:
    """Normalised words that may continue a person's name the tagger cut short: listed given
    names (transliteration_names.tsv) and the given names opening known persons' aliases
    (سيمون، روبرت), without name connectors (عبد، بن) and stopwords."""
    gz = load_gazetteer()
    words = set(_given_names())
    for ent in gz.entities.values():
        if ent.type != "PERSON":
            continue
        for alias in ent.aliases:
            toks = normalize_key(alias).split()
            if len(toks) >= 2:
                words.add(toks[0])
    return frozenset(w for w in words if " " not in w and len(w) >= 3 and not w.startswith(ARTICLE)
                     and w not in _NAME_CONNECTORS and w not in gz.stopwords)


def _fix_model_person(text: str, start: int, end: int, gz: Gazetteer) -> tuple[int, int]:
    """Boundaries of a model PERSON span: cut at a و-conjunct given name (مصطفى وعلي: two people),
    drop a trailing nationality adjective (وفد كوري: a delegation, not a name), and extend
    over a following given name the tagger left out (إيلين جويس سيمون)."""
    words = [(m.start(), m.end()) for m in _SPAN_WORD.finditer(text, start, end)]
    given = _given_names()
    keys = [normalize_key(_strip_quotes(text[a:b])) for a, b in words]
    for k in range(1, len(keys)):
        w = keys[k]
        if len(w) > 3 and w[0] == WAW and w[1:] in given and w not in given:
            words, keys = words[:k], keys[:k]
            break
    if len(keys) == 1 and (keys[0] in _leading_titles() or (keys[0],) in _org_heads()[0]):
        return start, start  # القس، حزب: a title or an organisation head alone
    while len(keys) >= 2 and keys[-1] not in given and (
            _VERB_SHAPE.match(keys[-1]) or (keys[-1].startswith(_FUTURE_VERB_STARTS) and len(keys[-1]) >= 5)):
        words, keys = words[:-1], keys[:-1]  # عبد الحليم سيعود: a verb after the name
    last = keys[-1]
    if len(keys) >= 2 and last.endswith(("\u0648\u0646", "\u064a\u0646")) and _is_place_adjective(last[:-2], gz):
        return start, start  # برلمانيون بريطانيون: a plural noun and its nationality
    if len(keys) >= 2 and _is_place_adjective(keys[-1], gz):
        words, keys = words[:-1], keys[:-1]
        if len(keys) == 1 and keys[0] not in _name_extenders():
            return start, start
    if not words:
        return start, start
    start, end = words[0][0], words[-1][1]
    extenders = _name_extenders()
    while len(keys) < MODEL_PERSON_MAX_TOKENS - 1:
        nxt = _NEXT_WORD.match(text, end)
        if nxt is None:
            break
        key = normalize_key(nxt.group(1))
        if key not in extenders or key in gz.first:
            break  # a known entity starts there: its own mention
        end = nxt.end(1)
        keys.append(key)
    return start, end


def _is_two_word_place_adjective(key: str, compass: str, gz: Gazetteer) -> bool:
    """الكورية الجنوبية: كوري + a compass adjective names a place (كوريا الجنوبية) a lone كوري does not."""
    eid = gz.exact.get((key[:-1] + "\u0627", compass)) or gz.exact.get((key + "\u0627", compass))
    return bool(eid) and gz.entities[eid].type in ("GPE", "LOC")


def _is_place_adjective(key: str, gz: Gazetteer) -> bool:
    """روسي، أمريكي، سوري: the adjective of a known place, not a name (one token ending in ي)."""
    if " " in key or not key.endswith("\u064a"):
        return False
    stem = key[:-1]
    for cand in (stem, stem + "\u0627", key + "\u0627", ARTICLE + stem, ARTICLE + key + TEH_MARBUTA_FOLDED):
        eid = gz.exact.get((cand,))
        if eid and gz.entities[eid].type in ("GPE", "LOC"):
            return True
    return False


@lru_cache(maxsize=1)
def _month_words() -> frozenset[str]:
    return frozenset(normalize_key(r["name"]) for r in load_tsv("months.tsv", required=("name",)))


@lru_cache(maxsize=1)
def _time_words() -> frozenset[str]:
    """Words that end a name when they follow it (سواراج الشهر الماضي, ماي أمس): month and weekday
    names and the first word of every relative date phrase (relative_dates.tsv)."""
    words = set(_month_words())
    words |= {normalize_key(r["name"]) for r in load_tsv("weekdays.tsv", required=("name",))}
    words |= {normalize_key(r["phrase"]).split()[0] for r in load_tsv("relative_dates.tsv", required=("phrase",))}
    return frozenset(w for w in words if w)


def _is_surname(token: str, gz: Gazetteer) -> bool:
    """Whether the last word of a model-found name may stand alone for the person elsewhere.

    Not a given name (محمد), a stopword or a month (أيار); a definite surname must be a nisba
    (النعيمي، الجبوري): a definite noun (الشعب، الجنود) is too often a model error.
    """
    if len(token) < 3 or token in gz.stopwords or token in _given_names() or token in _month_words():
        return False
    if token.startswith(ARTICLE):
        return token.endswith("\u064a")
    return not (token[0] in _PROCLITIC_LETTERS and token[1:].startswith(ARTICLE))


def _link_model_persons(
    doc: Document, norm: NormText, m: _DocMatcher, found: list[Mention], model: list[Mention], gz: Gazetteer
) -> list[Mention]:
    """In-document coreference for the model's persons.

    A model span that is part of a fuller person name in the same document (its last words, or
    two or more of its words: عبد الله in عبد الله المأمون, ديفيس in ديفيد ديفيس) links to that
    person; a lone surname of a model-found full name elsewhere in the document (وقال ديفيس)
    becomes a coreference mention of it. A given name alone (محمد) never links.
    """
    full: dict[str, list] = {}  # entity id -> [tokens, count, first start, name_ar, name_en]
    for x in (*found, *model):
        if x.type != "PERSON" or x.method == "coreference":
            continue
        toks = tuple(normalize_key(_strip_quotes(x.text)).split())
        if len(toks) < 2:
            continue
        cur = full.get(x.entity_id)
        if cur is None:
            full[x.entity_id] = [toks, 1, x.start, x.name_ar, x.name_en]
        else:
            cur[1] += 1
    if not full:
        return found + model

    def best_for(toks: tuple[str, ...], own: str) -> str | None:
        cands = []
        n = len(toks)
        for eid, (ftoks, count, first, _, _) in full.items():
            if eid == own or len(ftoks) <= n:
                continue
            if ftoks[-n:] == toks or (n >= 2 and any(ftoks[k : k + n] == toks for k in range(len(ftoks) - n))):
                cands.append((-count, first, eid))
        return min(cands)[2] if cands else None

    linked = []
    for x in model:
        if x.type == "PERSON":
            toks = tuple(normalize_key(_strip_quotes(x.text)).split())
            if toks and not (len(toks) == 1 and not _is_surname(toks[0], gz)):
                eid = best_for(toks, x.entity_id)
                if eid:
                    _, _, _, name_ar, name_en = full[eid]
                    x = Mention(x.doc_id, eid, "PERSON", x.text, x.start, x.end, name_ar, name_en, "coreference")
        linked.append(x)
    # lone surnames of model-found persons
    surnames: dict[str, str] = {}
    for x in model:
        if x.type == "PERSON" and x.entity_id in full:
            last = full[x.entity_id][0][-1]
            if _is_surname(last, gz):
                surnames.setdefault(last, x.entity_id)
    out = found + linked
    if surnames:
        taken = sorted((x.start, x.end) for x in out)
        starts = [a for a, _ in taken]
        extra = []
        ntext = norm.text
        tok_starts = [a for a, _ in m.tok_spans]
        candidates = set()
        for surname in surnames:
            pos = ntext.find(surname)
            while pos >= 0:
                candidates.add(bisect_right(tok_starts, pos) - 1)
                pos = ntext.find(surname, pos + len(surname))
        for i in sorted(candidates):
            w = m.words[i]
            if i < 0 or m.owner[i] is not None:
                continue
            for stem, cut in _variants(w):
                eid = surnames.get(stem)
                if eid is None:
                    continue
                if stem.startswith(ARTICLE) and i > 0 and m.words[i - 1].startswith(DEFINITE_PREFIXES):
                    break  # الجيش اليماني: an adjective agreeing with its noun, not the surname
                if i > 0 and m.joined[i - 1] and any(v in _NAME_CONNECTORS for v, _ in _variants(m.words[i - 1])):
                    break  # لعبد السلام، بن تركي: part of another name
                start, end = norm.span(m.tok_spans[i][0] + cut, m.tok_spans[i][1])
                j = bisect_right(starts, start)
                if (j > 0 and taken[j - 1][1] > start) or (j < len(taken) and taken[j][0] < end):
                    break
                _, _, _, name_ar, name_en = full[eid]
                extra.append(Mention(doc.doc_id, eid, "PERSON", doc.text[start:end], start, end, name_ar, name_en, "coreference"))
                break
        out += extra
    return out
