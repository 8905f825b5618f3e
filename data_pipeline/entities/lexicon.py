"""The word lists entity matching reads, declared once (``data_pipeline/resources/``).

Each list is a :class:`Lexicon` declaration; ``.words()`` gives its words normalised as the text is
matched (``normalize_key``). The functions below combine lists that the rules read together
(every head that starts an organisation, every word a name ends before); each is computed once.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

from ..lang.ar.letters import ARTICLE
from ..lang.ar.lexicon import Lexicon
from ..lang.ar.normalize import normalize_key

STOPWORDS = Lexicon("entity_stopwords.tsv", required=("kind",))
BLOCK_PHRASES = Lexicon("entity_block_phrases.tsv", key="phrase", required=())
CONTEXT_RULES = Lexicon("entity_context.tsv", key="alias", required=("entity_id", "window", "gloss"))
TITLES = Lexicon("person_titles.tsv", key="title")
ORG_HEADS = Lexicon("org_patterns.tsv", key="head")
QUOTED_ORG_HEADS = Lexicon("entity_quoted_org_heads.tsv", key="head", required=("kind", "gloss"))
MEDIA_HEADS = Lexicon("entity_quoted_org_heads.tsv", key="head", required=("kind", "gloss"), where=("kind", "media"))
DESCRIPTIVE_HEADS = Lexicon("entity_quoted_org_heads.tsv", key="head", required=("kind", "gloss"),
                            where=("kind", "descriptive"))
ORG_PURPOSE_HEADS = Lexicon("entity_org_purpose_heads.tsv")
NEW_BODY_WORDS = Lexicon("entity_new_body_words.tsv")
GENERIC_BODY_WORDS = Lexicon("entity_generic_bodies.tsv")
FORCE_HEADS = Lexicon("entity_force_heads.tsv")
PLACE_NAMED_ORG_HEADS = Lexicon("entity_place_named_org_heads.tsv")
GROUP_HEADS = Lexicon("entity_group_heads.tsv")
MINISTRY_SHORT_NAMES = Lexicon("entity_ministry_short.tsv")
FACILITY_WORDS = Lexicon("entity_facility_words.tsv")
PLACE_HEADS = Lexicon("entity_place_heads.tsv")
ORG_ADJECTIVES = Lexicon("entity_org_adjectives.tsv")
ORDINALS = Lexicon("entity_ordinals.tsv")
OBJECT_PREPOSITIONS = Lexicon("entity_object_prepositions.tsv")
NAME_CONNECTORS = Lexicon("entity_name_connectors.tsv", required=("opens", "gloss"))
COMPOUND_NAME_ENDS = Lexicon("entity_compound_name_ends.tsv")
NAME_OPENERS = Lexicon("entity_name_connectors.tsv", required=("opens", "gloss"), where=("opens", "yes"))
GENERIC_INSTITUTIONS = Lexicon("entity_generic_institutions.tsv")
GIVEN_NAMES = Lexicon("transliteration_names.tsv", key="arabic", required=())
MONTHS = Lexicon("months.tsv", key="name", required=())
WEEKDAYS = Lexicon("weekdays.tsv", key="name", required=())
RELATIVE_DATES = Lexicon("relative_dates.tsv", key="phrase", required=())


@dataclass(frozen=True)
class PhraseTable:
    """Phrases of one or more words as token tuples, with their first words and the longest length."""

    phrases: frozenset[tuple[str, ...]]
    first: frozenset[str]
    max_len: int


@cache
def phrase_table(spec: Lexicon) -> PhraseTable:
    phrases = frozenset(tuple(w.split()) for w in spec.words())
    return PhraseTable(phrases, frozenset(p[0] for p in phrases), max(len(p) for p in phrases))


def titles() -> PhraseTable:
    """Titles that announce a person (الرئيس، المتحدث باسم، وزير الخارجية)."""
    return phrase_table(TITLES)


def org_heads() -> PhraseTable:
    """Heads that start an organisation's name (وزارة، وكالة، حزب)."""
    return phrase_table(ORG_HEADS)


@lru_cache(maxsize=1)
def stopwords() -> dict[str, str]:
    """Normalised word -> its kind (function, verb, time, modifier, given, word)."""
    return STOPWORDS.mapping("kind")


@lru_cache(maxsize=1)
def leading_titles() -> frozenset[str]:
    """One-word titles and honorifics that may precede a person's name."""
    return frozenset(k[0] for k in titles().phrases if len(k) == 1)


@lru_cache(maxsize=1)
def one_word_org_heads() -> frozenset[str]:
    return frozenset(k[0] for k in org_heads().phrases if len(k) == 1)


@lru_cache(maxsize=1)
def quoted_org_heads() -> frozenset[str]:
    """Heads that announce a quoted organisation name, and the one-word org_patterns heads."""
    return QUOTED_ORG_HEADS.words() | one_word_org_heads()


@lru_cache(maxsize=1)
def generic_org_heads() -> frozenset[str]:
    """Heads dropped from a known organisation's alias (صحيفة، وكالة، شركة، حركة; not منظمة: منظمة
    الأمم المتحدة is written as a name): entity_quoted_org_heads.tsv kinds media and descriptive."""
    return MEDIA_HEADS.words() | DESCRIPTIVE_HEADS.words()


@lru_cache(maxsize=1)
def generic_bodies() -> frozenset[str]:
    """Bodies (with and without ال) that start a new organisation, so they never continue one: the
    org_patterns and entity_quoted_org_heads heads and entity_new_body_words.tsv."""
    heads = {k[0] for k in org_heads().phrases} | quoted_org_heads()
    heads |= {w[2:] for w in heads if w.startswith(ARTICLE)}
    heads |= {ARTICLE + w for w in heads if not w.startswith(ARTICLE)}
    return frozenset(heads | NEW_BODY_WORDS.words())


@lru_cache(maxsize=1)
def org_bodies() -> frozenset[str]:
    """Words a purpose phrase never starts with: an organisation head's first word or a body."""
    return org_heads().first | generic_bodies()


@lru_cache(maxsize=1)
def definite_org_heads() -> frozenset[str]:
    """One-word organisation heads with the article (الوكالة، الهيئة، المركز): org_patterns.tsv and
    entity_org_purpose_heads.tsv."""
    words = {w for w in one_word_org_heads() if not w.startswith(ARTICLE)} | ORG_PURPOSE_HEADS.words()
    return frozenset(ARTICLE + w for w in words)


@lru_cache(maxsize=1)
def head_words() -> frozenset[str]:
    """Words that head a name but are never one alone: place heads, geographic feature nouns
    (ner_cues.tsv loc_head), organisation heads and one-word titles (as written: المدينة alone is
    also Medina)."""
    from ..ner import cue_words

    words = set(PLACE_HEADS.words()) | set(cue_words().get("loc_head", ())) | set(leading_titles())
    return frozenset(words | one_word_org_heads() | quoted_org_heads())


@lru_cache(maxsize=1)
def month_words() -> frozenset[str]:
    return MONTHS.words()


@lru_cache(maxsize=1)
def time_words() -> frozenset[str]:
    """Words that end a name when they follow it (سواراج الشهر الماضي, ماي أمس): month and weekday
    names and the first word of every relative date phrase (relative_dates.tsv)."""
    words = set(MONTHS.words()) | WEEKDAYS.words()
    words |= {phrase.split()[0] for phrase in RELATIVE_DATES.words()}
    return frozenset(w for w in words if w)


@lru_cache(maxsize=1)
def context_rules() -> dict[str, list[tuple[str, str, tuple[str, ...], int]]]:
    """alias -> [(entity id, mark, context words, window)] from entity_context.tsv, in file order."""
    rules: dict[str, list[tuple[str, str, tuple[str, ...], int]]] = {}
    for r in CONTEXT_RULES.rows():
        context = tuple(normalize_key(w) for w in (r["context"] or "").split())
        rule = (r["entity_id"], r["mark"] or "", context, int(r["window"] or 0))
        rules.setdefault(normalize_key(r["alias"]), []).append(rule)
    return rules
