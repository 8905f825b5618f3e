"""Stage 1b: known names settled in their article.

Each gazetteer match passes the refinements of :data:`REFINEMENTS` in order. A refinement proposes
alternatives for the match (a narrower, wider or retyped span, or none at all: the words are no
entity here); :func:`resolve.resolve` takes the first whose span is free besides the match itself.
Matches are refined left to right, so a refinement sees its left neighbours already settled.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from ..lang.ar.clitics import YA
from ..lang.ar.letters import ARTICLE, FATHATAN, SHADDA, SUKUN, TANWEEN
from ..lang.ar.normalize import normalize_key
from . import lexicon
from .gazetteer import Gazetteer, variants
from .lexicon import DESCRIPTIVE_HEADS, FACILITY_WORDS, GIVEN_NAMES, GROUP_HEADS, NAME_CONNECTORS, PLACE_HEADS
from .morphology import NISBA_FEMININE, NISBA_PLURALS
from .resolve import Candidate, resolve
from .view import DocView, Layer, Match

RULE_CONTEXT = "entities.context_choice"
RULE_FACILITY = "entities.facility_named_after_person"
RULE_OTHER_GIVEN_NAME = "entities.other_given_name"
RULE_MEMBERS = "entities.members_of_organisation"
RULE_DIACRITICS = "entities.diacritics_contradict_name"
_HARAKAT = "".join(chr(c) for c in range(ord(FATHATAN), ord(SUKUN) + 1))

Refinement = Callable[[DocView, Layer, Gazetteer, Match], list[Candidate]]


def _instead(m: Match, new: Match | None, rule: str, priority: int = 0) -> Candidate:
    """A candidate taking ``m``'s place (``new`` None: no entity there)."""
    start, end = (m.start_tok, m.end_tok) if new is None else (new.start_tok, new.end_tok)
    return Candidate(rule, m.start_tok, start, end, new, priority=priority, replaces=(m,))


def choose_by_context(view: DocView, layer: Layer, gz: Gazetteer, m: Match) -> list[Candidate]:
    """عمّان with shadda or Jordan nearby is Amman, else Oman; سيول is Seoul only where Korea is named
    (entity_context.tsv: the first row whose mark and context words hold decides; none: no entity)."""
    rows = lexicon.context_rules().get(" ".join(view.key(m)))
    if rows is None:
        return []
    text = view.norm.text
    for eid, mark, context, window in rows:
        if mark and mark not in view.norm.to_original(m.nstart, m.nend):
            continue
        if context:
            a, b = (m.nstart - window, m.nend + window) if window else (0, len(text))
            around = text[max(a, 0) : b]
            if not any(c in around for c in context):
                continue
        if eid != m.entity_id and eid in gz.entities:
            ent = gz.entities[eid]
            new = replace(m, entity_id=ent.id, etype=ent.type, name_ar=ent.name_ar, name_en=ent.name_en,
                          rule=RULE_CONTEXT)
            return [_instead(m, new, RULE_CONTEXT)]
        return [_instead(m, replace(m, rule=RULE_CONTEXT), RULE_CONTEXT)] if eid in gz.entities else []
    return [_instead(m, None, RULE_CONTEXT)]


def diacritics_contradict(view: DocView, layer: Layer, gz: Gazetteer, m: Match) -> list[Candidate]:
    """دوماً (always), مصرّ (insistent): a one-word alias written with a tanween, or a shadda on its
    last letter, that none of the entity's names has, is a common word that looks like the name
    (دوما، مصر): no entity."""
    if m.end_tok - m.start_tok != 1:
        return []
    written = view.norm.to_original(m.nstart, m.nend)
    marks = {ch for ch in written if ch in TANWEEN}
    base = written.rstrip(_HARAKAT)
    if SHADDA in written[len(base) :] and base and base[-1] != YA:
        marks.add(SHADDA)  # مصرّ; a final ي may carry one in a name (عليّ)
    if not marks:
        return []
    ent = gz.entities[m.entity_id]
    if any(mark in alias for alias in ent.aliases for mark in marks):
        return []
    return [_instead(m, None, RULE_DIACRITICS)]


def drop_generic_head(view: DocView, layer: Layer, gz: Gazetteer, m: Match) -> list[Candidate]:
    """وكالة "فرانس برس" -> فرانس برس: a generic head is not part of the name when the rest is itself
    an alias of the same entity (صحيفة نيويورك تايمز -> نيويورك تايمز), the longest such alias, which
    may run past the match (دولة الإمارات | العربية المتحدة -> الإمارات العربية المتحدة); a
    descriptive head (شركة أبل -> أبل) is dropped from any organisation."""
    if m.end_tok - m.start_tok < 2 or m.etype not in ("ORG", "GPE", "LOC"):
        return []
    heads = lexicon.generic_org_heads() if m.etype == "ORG" else PLACE_HEADS.words()
    words, stem, out = view.words, view.stem(m), []
    for hl in (2, 1):
        s0 = m.start_tok + hl
        if m.end_tok - s0 < 1:
            continue
        head = " ".join([stem, *words[m.start_tok + 1 : s0]])
        if head not in heads:
            continue
        for e in range(min(s0 + gz.max_len, s0 + view.run[s0]), m.end_tok - 1, -1):
            if gz.exact.get(tuple(words[s0:e])) == m.entity_id:
                out.append(_narrowed(view, m, s0, e, len(out)))
        if head in DESCRIPTIVE_HEADS.words() and m.etype == "ORG" and not _common_word_left(view, gz, m, s0):
            out.append(_narrowed(view, m, s0, m.end_tok, len(out)))
    return out


def _common_word_left(view: DocView, gz: Gazetteer, m: Match, s0: int) -> bool:
    """Without its head the name would be one word that is no name of the entity (تنظيم الدولة ->
    الدولة, "the state"; القاعدة is a short name of al-Qaeda): the head stays."""
    w = view.words[s0]
    return m.end_tok - s0 == 1 and (w,) not in gz.exact and m.entity_id not in gz.short.get(w, ())


def _narrowed(view: DocView, m: Match, s0: int, end: int, priority: int) -> Candidate:
    new = replace(m, start_tok=s0, end_tok=end, nstart=view.tok_spans[s0][0], nend=view.tok_spans[end - 1][1])
    return _instead(m, new, m.rule, priority)


def agreeing_adjective(view: DocView, layer: Layer, gz: Gazetteer, m: Match) -> list[Candidate]:
    """السلطات السعودية: a one-word place name that is also a feminine nisba, right after a definite
    noun, agrees with it as an adjective: not the country."""
    i = m.start_tok
    if m.etype not in ("GPE", "LOC") or m.end_tok - i != 1 or i == 0 or not view.joined[i - 1]:
        return []
    w = view.words[i]
    if m.nstart != view.tok_spans[i][0] or not (w.startswith(ARTICLE) and w.endswith(NISBA_FEMININE)):
        return []
    prev = view.words[i - 1]
    if prev.startswith(ARTICLE) and view.definite(i - 1) and layer.owner[i - 1] is None and prev not in view.stop:
        return [_instead(m, None, m.rule)]
    return []


def facility_named_after_title(view: DocView, layer: Layer, gz: Gazetteer, m: Match) -> list[Candidate]:
    """مدينة الملك سلمان: a known person's alias opening with a title, right after a facility word
    (entity_facility_words.tsv), is part of the facility's name: one FAC mention."""
    i = m.start_tok
    if m.etype != "PERSON" or i == 0 or view.stem(m) not in lexicon.titles().first or not view.joined[i - 1]:
        return []
    fac = next((cut for st, cut in variants(view.words[i - 1]) if st in FACILITY_WORDS.words()), None)
    if fac is None:
        return []
    return [_instead(m, view.unknown(i - 1, m.end_tok, "FAC", RULE_FACILITY, fac), RULE_FACILITY)]


def drop_titles(view: DocView, layer: Layer, gz: Gazetteer, m: Match) -> list[Candidate]:
    """الملك سلمان -> سلمان, الأمير محمد بن سلمان -> محمد بن سلمان: an alias may carry a title (it
    helps recognise the person) but the mention is the name only."""
    if m.etype != "PERSON" or m.method == "pattern":
        return []
    table = lexicon.titles()
    s0, stem = m.start_tok, view.stem(m)
    while m.end_tok - s0 >= 2:
        for hl in range(min(table.max_len, m.end_tok - s0 - 1), 0, -1):
            head = (stem if s0 == m.start_tok else view.words[s0], *view.words[s0 + 1 : s0 + hl])
            if head in table.phrases:
                s0 += hl
                break
        else:
            break
    if s0 == m.start_tok:
        return []
    return [_instead(m, replace(m, start_tok=s0, nstart=view.tok_spans[s0][0]), m.rule)]


def other_given_name(view: DocView, layer: Layer, gz: Gazetteer, m: Match) -> list[Candidate]:
    """ابراهيم نصر الله is not حسن نصر الله: a listed given name right before a known person's alias,
    that none of the person's names contains, makes the whole a different (unknown) person."""
    i = m.start_tok
    if m.etype != "PERSON" or m.method == "pattern" or i == 0 or m.nstart != view.tok_spans[i][0]:
        return []
    prev = view.words[i - 1]
    if not view.joined[i - 1] or prev not in GIVEN_NAMES.words() or prev.startswith(ARTICLE):
        return []
    if prev in NAME_CONNECTORS.words() or prev in view.stop:
        # على ترامب: علي is also the folded preposition على; الدين (رجل الدين، صلاح الدين) and بن
        # are name parts, not a first name
        return []
    ent = gz.entities[m.entity_id]
    if prev in {t for a in (ent.name_ar, *ent.aliases) for t in normalize_key(a).split()}:
        return []
    return [_instead(m, view.unknown(i - 1, m.end_tok, "PERSON", RULE_OTHER_GIVEN_NAME), RULE_OTHER_GIVEN_NAME)]


def members_as_group(view: DocView, layer: Layer, gz: Gazetteer, m: Match) -> list[Candidate]:
    """الحوثيون، ميليشيات الحوثي: the members of an organisation, a group (NORP), not the organisation."""
    if m.etype != "ORG":
        return []
    stem = view.stem(m)
    if m.end_tok - m.start_tok == 1:
        members = stem.startswith(ARTICLE) and stem.endswith(NISBA_PLURALS)
    else:
        members = stem in GROUP_HEADS.words()
    return [_instead(m, replace(m, etype="NORP", rule=RULE_MEMBERS), RULE_MEMBERS)] if members else []


REFINEMENTS: tuple[tuple[str, Refinement], ...] = (
    ("the article decides an ambiguous alias", choose_by_context),
    ("diacritics no name of the entity has make a common word", diacritics_contradict),
    ("a generic head is no part of the name", drop_generic_head),
    ("a nisba after a definite noun is an adjective", agreeing_adjective),
    ("a title after a facility word names the facility", facility_named_after_title),
    ("a person's mention drops its titles", drop_titles),
    ("another given name before a known surname", other_given_name),
    ("an organisation's members are a group", members_as_group),
)


def refine_known(view: DocView, layer: Layer, gz: Gazetteer) -> None:
    """Apply :data:`REFINEMENTS` to every gazetteer match, left to right."""
    for m in list(layer.found):
        for _, refinement in REFINEMENTS:
            chosen = resolve(refinement(view, layer, gz, m), layer)
            if not chosen:
                continue
            if chosen[0].match is None:
                layer.block(m)
                break
            m = layer.swap(m, chosen[0].match)
