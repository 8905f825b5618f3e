"""Stage 4: names no list or pattern has, from the CRF tagger (``data_pipeline/ner.py``).

A tagger span is kept only where no earlier stage's mention (or blocked span) is, and only when
the tagger is confident (its mean marginal over the span's tokens; see README "Entities"). Spans
are trimmed of edge words a name never has (كونريكوس للصحفيين) and lone nationality adjectives
(روسي) are dropped. Then in-document coreference for the tagger's persons: a span that is part of
a fuller person name links to it, and the surname of a tagger-found full name links when it
recurs alone (وقال الجبوري).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from ..lang.ar.letters import (
    ARTICLE,
    DEFINITE_PREFIXES,
    EXTENDED_LETTER_RANGE,
    HARAKAT_RANGE,
    LETTER_RANGE,
    TANWEEN,
    WAW,
)
from ..lang.ar.normalize import TATWEEL, NormText, normalize_key
from ..records import Document, Mention
from . import lexicon
from .gazetteer import Gazetteer, is_place_adjective, is_surname_of, load_gazetteer, variants
from .guards import NOT_A_NAME_END, NOT_A_NAME_START, fails, is_lone_surname
from .lexicon import GIVEN_NAMES, NAME_CONNECTORS, NAME_OPENERS
from .linking import article_scoped, unknown_entity_id
from .morphology import FUTURE_VERB_STARTS, PLURAL_ENDINGS, VERB_SHAPE
from .naming import english_name
from .resolve import Candidate, Intervals, resolve
from .view import DocView, Layer, strip_quotes

MODEL_MIN_CONFIDENCE = 0.75
MODEL_TYPES = frozenset({"PERSON", "ORG", "GPE", "LOC"})
MODEL_PERSON_MAX_TOKENS = 4
RULE_MODEL = "entities.model"
RULE_FULLER_NAME = "entities.part_of_fuller_name"
RULE_MODEL_SURNAME = "entities.model_surname"
RULE_LONE_GIVEN_NAME = "entities.lone_given_name"

_SPAN_WORD = re.compile(r"\S+")
_PREV_WORD = re.compile(r"(\S+)[ \t\u00a0]+$")
# The word right after a span, when only blanks separate them and a word boundary ends it.
_NEXT_WORD = re.compile(rf"[ \t\u00a0]+([{LETTER_RANGE}{EXTENDED_LETTER_RANGE}{HARAKAT_RANGE}{TATWEEL}]+)(?![\w])")
_BLOCKED = "blocked"  # the holder of a blocked span (سيول: floods): no entity, and no tagger span there


def model_mentions(
    doc: Document, norm: NormText, found: list[Mention], blocked: list[tuple[int, int]]
) -> list[Mention]:
    """Mentions of names no list has, from the CRF tagger, where no earlier mention or blocked span is."""
    from ..ner import predict_spans

    gz = load_gazetteer()
    taken = Intervals([(m.start, m.end, m) for m in found] + [(a, b, _BLOCKED) for a, b in blocked])
    out = []
    for start, end, etype, confidence in predict_spans(doc, norm):
        if confidence < MODEL_MIN_CONFIDENCE or etype not in MODEL_TYPES:
            continue
        start, end = trim_model_span(doc.text, start, end)
        candidates = [Candidate(RULE_MODEL, start, start, end)]
        if end > start and etype == "PERSON":
            fixed = fix_model_person(doc.text, start, end, gz)
            # the fixed span, or when it runs into another mention the tagger's own, cut at the fixed end
            candidates = [Candidate(RULE_MODEL, start, *fixed),
                          Candidate(RULE_MODEL, start, start, min(end, fixed[1]), priority=1)]
        chosen = resolve(candidates, taken)
        if not chosen or chosen[0].end <= chosen[0].start:
            continue  # overlaps a gazetteer or pattern mention, which wins
        start, end = chosen[0].start, chosen[0].end
        name = strip_quotes(doc.text[start:end])
        key = normalize_key(name)
        if not key or key in gz.stopwords or len(key) < 3 or is_place_adjective(key, gz) or key in lexicon.head_words():
            continue  # ريف، شبه، سلطنة alone: the head of a longer place name, not a name
        if gz.exact.get(tuple(key.split()), "") is None:
            continue  # a block phrase (بلوك تشين): no name
        out.append(_model_mention(doc, start, end, name, key, known_type(key, gz) or etype, gz))
    return out


def known_type(key: str, gz: Gazetteer) -> str | None:
    """The type of the known entities a short form stands for (وام: the Emirates news agency, an
    organisation), when they share one."""
    types = {gz.entities[e].type for e in gz.short.get(key, ())}
    return types.pop() if len(types) == 1 else None


def is_given_name(key: str) -> bool:
    """A listed given name (محمد), or a compound one: a name opener and a definite word (عبدالعزيز،
    عبد الحميد، أبو الفضل)."""
    if key in GIVEN_NAMES.words():
        return True
    joined = key.replace(" ", "")
    return key.count(" ") <= 1 and any(joined.startswith(o + ARTICLE) for o in NAME_OPENERS.words())


def _model_mention(doc: Document, start: int, end: int, name: str, key: str, etype: str, gz: Gazetteer) -> Mention:
    """A tagger mention; a given name alone (محمد) is an entity of this article only, and a place or
    organisation that is the short form of one known entity is that entity (سورية: Syria)."""
    known = gz.short.get(key, ())
    if etype != "PERSON" and len(known) == 1 and not is_given_name(key):
        ent = gz.entities[known[0]]
        return Mention(doc.doc_id, ent.id, ent.type, doc.text[start:end], start, end, ent.name_ar, ent.name_en,
                       "model", RULE_MODEL)
    if etype == "PERSON" and is_given_name(key):
        return Mention(doc.doc_id, unknown_entity_id(etype, name, doc.doc_id), etype, doc.text[start:end], start,
                       end, name, english_name(etype, name), "model", RULE_LONE_GIVEN_NAME)
    eid, rule = article_scoped(doc.doc_id, unknown_entity_id(etype, name), etype, name, RULE_MODEL)
    return Mention(doc.doc_id, eid, etype, doc.text[start:end], start, end, name, english_name(etype, name), "model",
                   rule)


def trim_model_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop words a name never ends or starts with from a model span: a stopword (قال، في), a
    preposition phrase (للصحفيين، بالرصاص), a title (الرئيس): كونريكوس للصحفيين -> كونريكوس."""
    words = [(m.start(), m.end()) for m in _SPAN_WORD.finditer(text, start, end)]
    # رجل الدين مقتدى الصدر, كاتب السيناريو سكوت: a span that opens with the second word of a title
    before = _PREV_WORD.search(text, max(0, start - 80), start)  # a window: a search from 0 is quadratic
    if before and len(words) > 1:
        prev = normalize_key(strip_quotes(before.group(1)))
        first = normalize_key(strip_quotes(text[words[0][0] : words[0][1]]))
        if any(stem_p and (stem_p, first) in lexicon.titles().phrases for stem_p, _ in variants(prev)):
            words.pop(0)

    def word(a: int, b: int) -> str:
        return normalize_key(strip_quotes(text[a:b]))

    while len(words) > 1 and (fails(NOT_A_NAME_END, word(*words[-1])) or _has_tanween(text[words[-1][0] : words[-1][1]])):
        words.pop()  # سعود نائبًا: a word with tanween is an indefinite noun, no name
    while len(words) > 1 and fails(NOT_A_NAME_START, word(*words[0])):
        words.pop(0)
    if len(words) == 1 and fails(NOT_A_NAME_START, word(*words[0])):
        return (start, start)  # a title alone (ولي العهد): no name
    return (words[0][0], words[-1][1]) if words else (start, start)


def _has_tanween(word: str) -> bool:
    return any(ch in TANWEEN for ch in word)


@lru_cache(maxsize=1)
def name_extenders() -> frozenset[str]:
    """Normalised words that may continue a person's name the tagger cut short: listed given
    names (transliteration_names.tsv) and the given names opening known persons' aliases
    (سيمون، روبرت), without name connectors (عبد، بن) and stopwords."""
    gz = load_gazetteer()
    words = set(GIVEN_NAMES.words())
    for ent in gz.entities.values():
        if ent.type != "PERSON":
            continue
        for alias in ent.aliases:
            toks = normalize_key(alias).split()
            if len(toks) >= 2:
                words.add(toks[0])
    return frozenset(w for w in words if " " not in w and len(w) >= 3 and not w.startswith(ARTICLE)
                     and w not in NAME_CONNECTORS.words() and w not in gz.stopwords)


def fix_model_person(text: str, start: int, end: int, gz: Gazetteer) -> tuple[int, int]:
    """Boundaries of a model PERSON span: cut at a و-conjunct given name (مصطفى وعلي: two people),
    drop a trailing verb (عبد الحليم سيعود) or nationality adjective (وفد كوري: a delegation, not a
    name), and extend over a following given name the tagger left out (إيلين جويس سيمون).
    (start, start): no person."""
    words = [(m.start(), m.end()) for m in _SPAN_WORD.finditer(text, start, end)]
    keys = [normalize_key(strip_quotes(text[a:b])) for a, b in words]
    given = GIVEN_NAMES.words()
    cut = next((k for k in range(1, len(keys)) if len(keys[k]) > 3 and keys[k][0] == WAW and keys[k][1:] in given
                and keys[k] not in given), len(keys))
    words, keys = words[:cut], keys[:cut]
    if len(keys) == 1 and (keys[0] in lexicon.leading_titles() or (keys[0],) in lexicon.org_heads().phrases):
        return start, start  # القس، حزب: a title or an organisation head alone
    while len(keys) >= 2 and _is_verb(keys[-1]):
        words, keys = words[:-1], keys[:-1]  # عبد الحليم سيعود: a verb after the name
    kept = _without_nationality(keys, gz)
    if kept is None or kept == 0:
        return start, start
    words, keys = words[:kept], keys[:kept]
    return words[0][0], _extend_over_given_names(text, words[-1][1], keys, gz)


def _is_verb(key: str) -> bool:
    """A present-tense or future verb that is no listed given name."""
    return key not in GIVEN_NAMES.words() and bool(
        VERB_SHAPE.match(key) or (key.startswith(FUTURE_VERB_STARTS) and len(key) >= 5))


def _without_nationality(keys: list[str], gz: Gazetteer) -> int | None:
    """How many of the span's words are the name once a trailing nationality adjective is dropped;
    None: a plural noun and its nationality (برلمانيون بريطانيون), or a lone word before one that is
    no given name (وفد كوري)."""
    last = keys[-1]
    if len(keys) >= 2 and last.endswith(PLURAL_ENDINGS) and is_place_adjective(last[:-2], gz):
        return None
    if len(keys) >= 2 and is_place_adjective(last, gz):
        if len(keys) == 2 and keys[0] not in name_extenders():
            return None
        return len(keys) - 1
    return len(keys)


def _extend_over_given_names(text: str, end: int, keys: list[str], gz: Gazetteer) -> int:
    """The end of the span after the listed given names that follow it (up to the name's length)."""
    extenders = name_extenders()
    while len(keys) < MODEL_PERSON_MAX_TOKENS - 1:
        nxt = _NEXT_WORD.match(text, end)
        if nxt is None:
            break
        key = normalize_key(nxt.group(1))
        if key not in extenders or key in gz.first:
            break  # a known entity starts there: its own mention
        end = nxt.end(1)
        keys = [*keys, key]
    return end


def _full_person_names(mentions: list[Mention]) -> dict[str, list]:
    """Entity id -> [tokens, count, first start, name_ar, name_en] of persons named with two tokens
    or more (coreference mentions aside)."""
    full: dict[str, list] = {}
    for x in mentions:
        if x.type != "PERSON" or x.method == "coreference":
            continue
        toks = tuple(normalize_key(strip_quotes(x.text)).split())
        if len(toks) < 2:
            continue
        cur = full.get(x.entity_id)
        if cur is None:
            full[x.entity_id] = [toks, 1, x.start, x.name_ar, x.name_en]
        else:
            cur[1] += 1
    return full


def _fuller_name(full: dict[str, list], toks: tuple[str, ...], own: str) -> str | None:
    """The person whose full name ends with ``toks`` (when its last word is a surname: not الحرمين
    الشريفين of خادم الحرمين الشريفين) or holds two or more of them in a row (most mentioned, then
    first mentioned)."""
    cands = []
    n = len(toks)
    for eid, (ftoks, count, first, _, _) in full.items():
        if eid == own or len(ftoks) <= n:
            continue
        if (ftoks[-n:] == toks and is_surname_of(ftoks)) or (
                n >= 2 and any(ftoks[k : k + n] == toks for k in range(len(ftoks) - n))):
            cands.append((-count, first, eid))
    return min(cands)[2] if cands else None


def _linked(x: Mention, full: dict[str, list]) -> Mention:
    """A tagger person that is part of a fuller person name in the article, as a mention of it."""
    if x.type != "PERSON":
        return x
    toks = tuple(normalize_key(strip_quotes(x.text)).split())
    if not toks or (len(toks) == 1 and not is_lone_surname(toks[0])):
        return x
    eid = _fuller_name(full, toks, x.entity_id)
    if not eid:
        return x
    _, _, _, name_ar, name_en = full[eid]
    return Mention(x.doc_id, eid, "PERSON", x.text, x.start, x.end, name_ar, name_en, "coreference", RULE_FULLER_NAME)


def link_model_persons(
    doc: Document, view: DocView, layer: Layer, found: list[Mention], model: list[Mention]
) -> list[Mention]:
    """In-document coreference for the model's persons.

    A model span that is part of a fuller person name in the same document (its last words, or
    two or more of its words: عبد الله in عبد الله المأمون, ديفيس in ديفيد ديفيس) links to that
    person; a lone surname of a model-found full name elsewhere in the document (وقال ديفيس)
    becomes a coreference mention of it. A given name alone (محمد) never links.
    """
    full = _full_person_names([*found, *model])
    if not full:
        return found + model
    out = found + [_linked(x, full) for x in model]
    surnames: dict[str, str] = {}
    for x in model:
        if x.type == "PERSON" and x.entity_id in full:
            last = full[x.entity_id][0][-1]
            if is_lone_surname(last):
                surnames.setdefault(last, x.entity_id)
    if surnames:
        taken = Intervals((x.start, x.end, x) for x in out)
        candidates = _lone_surnames(doc, view, layer, surnames, full)
        out += [c.match for c in resolve(candidates, taken)]
    return out


def _lone_surnames(doc: Document, view: DocView, layer: Layer, surnames: dict[str, str],
                   full: dict[str, list]) -> list[Candidate]:
    """وقال الجبوري: a free token that is the surname of a tagger-found full name (not an adjective
    after a definite noun, not part of another name)."""
    ntext, norm = view.norm.text, view.norm
    positions = set()
    for surname in surnames:
        pos = ntext.find(surname)
        while pos >= 0:
            positions.add(bisect_token(view, pos))
            pos = ntext.find(surname, pos + len(surname))
    out = []
    for i in sorted(positions):
        if i < 0 or layer.owner[i] is not None:
            continue
        hit = next(((stem, cut) for stem, cut in variants(view.words[i]) if stem in surnames), None)
        if hit is None:
            continue
        stem, cut = hit
        if stem.startswith(ARTICLE) and i > 0 and view.words[i - 1].startswith(DEFINITE_PREFIXES):
            continue  # الجيش اليماني: an adjective agreeing with its noun, not the surname
        if i > 0 and view.joined[i - 1] and any(v in NAME_CONNECTORS.words() for v, _ in variants(view.words[i - 1])):
            continue  # لعبد السلام، بن تركي: part of another name
        eid = surnames[stem]
        start, end = norm.span(view.tok_spans[i][0] + cut, view.tok_spans[i][1])
        _, _, _, name_ar, name_en = full[eid]
        mention = Mention(doc.doc_id, eid, "PERSON", doc.text[start:end], start, end, name_ar, name_en, "coreference",
                          RULE_MODEL_SURNAME)
        out.append(Candidate(RULE_MODEL_SURNAME, start, start, end, mention))
    return out


def bisect_token(view: DocView, pos: int) -> int:
    """The token that starts at or before normalised offset ``pos`` (-1: none)."""
    return bisect_right(view.tok_starts, pos) - 1
