"""Stage 3: in-document coreference. A short form of an entity named in full in the same article
links to it, before or after the full mention.

Short forms: a gazetteer ``short`` name, the last token of a known person's alias, the last
token of a pattern-found person, a one-word name in brackets after an organisation's long name.
With several candidates the entity with most full mentions wins, ties -> first mentioned. A
short form never changes a mention's type (a person found after a title stays a person), and a
given name (محمد) stands only for a person named in full before it.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import replace

from .gazetteer import Gazetteer, is_surname_of, variants
from .lexicon import GIVEN_NAMES
from .match_gazetteer import spelled_as_known
from .morphology import HAS_DIGIT, SINGULAR_NISBA
from .resolve import Candidate, resolve
from .view import DocView, Layer, Match

RULE_BRACKETS = "entities.short_name_in_brackets"
RULE_SHARED_SURNAME = "entities.shared_surname"
RULE_SHORT_FORM = "entities.short_form"

# Around a short name in brackets: only blanks and quote marks besides the bracket.
_BRACKET_OPEN = re.compile(r"[ \t\u00a0]*\([ \t\u00a0\"'\u00ab\u201c]*")
_BRACKET_CLOSE = re.compile(r"[ \t\u00a0\"'\u00bb\u201d]*\).*", re.DOTALL)


def short_names_in_brackets(view: DocView, layer: Layer) -> dict[str, str]:
    """المكتب الأوروبي للإحصاء (يوروستات): one word in brackets right after an organisation's name of
    three words or more is its short name: a mention of the same entity. Returns short name ->
    entity id, for later bare uses of it (:func:`link_short_forms`)."""
    text, n = view.norm.text, len(view.words)
    candidates = []
    for f in layer.found:
        # a long name (three words or more) needs a short one; after a short name the brackets
        # hold other things (مانشستر يونايتد (لوكاكو), الاتحاد الأوروبي (بريكست))
        if f.etype != "ORG" or f.end_tok >= n or f.end_tok - f.start_tok < 3:
            continue
        j = f.end_tok
        if layer.owner[j] is not None or _BRACKET_OPEN.fullmatch(text[f.nend : view.tok_spans[j][0]]) is None:
            continue
        w = view.words[j]
        after = text[view.tok_spans[j][1] : view.tok_spans[j + 1][0] if j + 1 < n else len(text)]
        if _BRACKET_CLOSE.fullmatch(after) is None or len(w) < 2 or w in view.stop or HAS_DIGIT.search(w):
            continue
        if w.endswith(SINGULAR_NISBA):
            continue  # (الكردية), (حكومية): an adjective, not a short name
        a, b = view.tok_spans[j]
        candidates.append(Candidate(RULE_BRACKETS, j, j, j + 1,
                                    Match(j, j + 1, a, b, f.entity_id, "ORG", "coreference", f.name_ar, f.name_en,
                                          RULE_BRACKETS)))
    accepted = {id(c) for c in resolve(candidates, layer)}
    short: dict[str, str] = {}
    for c in candidates:  # in the order of their organisations' mentions
        if id(c) in accepted:
            layer.add(c.match)
            short[view.words[c.start]] = c.match.entity_id
    return short


def relink_shared_surnames(view: DocView, layer: Layer) -> None:
    """After ابراهيم نصر الله, a bare نصر الله in the same article is that person, not the known
    حسن نصر الله, unless the known person is named in full somewhere in the article."""
    tails: dict[tuple[str, ...], Match] = {}
    for f in layer.found:
        if f.method == "pattern" and f.etype == "PERSON" and f.end_tok - f.start_tok >= 2:
            for a in range(f.start_tok + 1, f.end_tok):
                tails.setdefault(tuple(view.words[a : f.end_tok]), f)
    if not tails:
        return
    hits = [(f, tails.get(view.key(f))) for f in layer.found if f.etype == "PERSON" and f.method != "pattern"]
    shared = {f.entity_id for f, t in hits if t is not None and t.start_tok < f.start_tok}
    named_in_full = {f.entity_id for f, t in hits if t is None}
    for f, src in hits:
        if src is None or f.entity_id not in shared or f.entity_id in named_in_full or src.start_tok > f.start_tok:
            continue
        layer.swap(f, replace(f, entity_id=src.entity_id, etype="PERSON", method="coreference", name_ar=src.name_ar,
                              name_en=src.name_en, rule=RULE_SHARED_SURNAME))


class _FullMentions:
    """The entities named in full in the article: how often, where first, by which match."""

    def __init__(self, view: DocView, layer: Layer, gz: Gazetteer, brackets: dict[str, str]):
        self.count: Counter[str] = Counter()
        self.first_seen: dict[str, int] = {}
        self.source: dict[str, Match] = {}
        self.dynamic: dict[str, list[str]] = defaultdict(list)  # short forms this article defines
        for f in layer.found:
            if f.method == "coreference":
                continue
            self.count[f.entity_id] += 1
            self.first_seen.setdefault(f.entity_id, f.start_tok)
            self.source.setdefault(f.entity_id, f)
            # the last word of a pattern-found person, when it is a surname (not الله of حفظهم الله)
            if (f.method == "pattern" and f.etype == "PERSON" and f.end_tok - f.start_tok >= 2
                    and is_surname_of(tuple(view.words[f.start_tok : f.end_tok]))):
                self.dynamic[view.words[f.end_tok - 1]].append(f.entity_id)
        for short, eid in brackets.items():
            self.dynamic[short].append(eid)

    def may_stand_for(self, short: str, eid: str, i: int) -> bool:
        """A short form at token i may stand for an entity named in full in the article; a given name
        (محمد، أحمد) only for a person named in full before it."""
        if eid not in self.count:
            return False
        return short not in GIVEN_NAMES.words() or self.first_seen[eid] < i

    def best(self, cands: list[str]) -> str:
        """Most full mentions first, then the first mentioned."""
        return min(dict.fromkeys(cands), key=lambda e: (-self.count[e], self.first_seen[e]))

    def linked(self, f: Match, eid: str, **span) -> Match:
        src = self.source[eid]
        return replace(f, entity_id=eid, etype=src.etype, method="coreference", name_ar=src.name_ar,
                       name_en=src.name_en, rule=RULE_SHORT_FORM, **span)


def _free_short_forms(view: DocView, layer: Layer, gz: Gazetteer, full: _FullMentions) -> list[Candidate]:
    """Free tokens that are a short form of an entity the article names in full (a short known
    name only spelled as the entity's names spell it)."""
    candidates = []
    dynamic = full.dynamic
    indices = range(len(view.words)) if dynamic else [i for i, inf in enumerate(view.info) if inf.short]
    for i in indices:
        if layer.owner[i] is not None:
            continue
        for stem, cut in variants(view.words[i]) if dynamic else view.info[i].short:
            a, b = view.tok_spans[i]
            known = [e for e in gz.short.get(stem, ()) if spelled_as_known(view, a + cut, b, gz.entities[e])]
            cands = [e for e in (*known, *dynamic.get(stem, ())) if full.may_stand_for(stem, e, i)]
            if cands:
                m = Match(i, i + 1, a + cut, b, "", "", "")
                candidates.append(Candidate(RULE_SHORT_FORM, i, i, i + 1, full.linked(m, full.best(cands))))
                break
    return candidates


def link_short_forms(view: DocView, layer: Layer, gz: Gazetteer, brackets: dict[str, str]) -> None:
    """Pattern matches that are a short form of a fully named entity, and free tokens that are one."""
    relink_shared_surnames(view, layer)
    full = _FullMentions(view, layer, gz, brackets)
    if not full.count:
        return
    for f in list(layer.found):
        if f.method != "pattern":
            continue
        cands = [e for e in gz.short.get(" ".join(view.key(f)), ())
                 if e in full.count and e != f.entity_id and gz.entities[e].type == f.etype]
        if cands:
            layer.swap(f, full.linked(f, full.best(cands)))
    candidates = _free_short_forms(view, layer, gz, full)
    for c in resolve(candidates, layer):
        layer.add(c.match)
