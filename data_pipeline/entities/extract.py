"""``extract_mentions``: the stages in order, each proposing candidates that :func:`resolve.resolve`
decides between.

1. gazetteer (``match_gazetteer``), then the refinements of known names (``refine``);
2. patterns on the tokens left free (``orgs``, ``persons``): :data:`PATTERN_RULES`, ranked;
3. coreference (``coreference``): short names in brackets, shared surnames, short forms;
4. the CRF tagger (``model``) where nothing else fired, and coreference for its persons.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace

from ..lang.ar.letters import ARTICLE
from ..lang.ar.normalize import NormText, normalize
from ..records import Document, Mention
from .coreference import link_short_forms, short_names_in_brackets
from .gazetteer import Gazetteer, load_gazetteer
from .linking import article_scoped
from .match_gazetteer import gazetteer_candidates
from .model import link_model_persons, model_mentions
from .orgs import RULE_DESCRIPTION, ministry_short_name, org_after_head, org_with_purpose, quoted_org
from .persons import facility_named_after_person, person_after_title, unit_with_ordinal
from .refine import refine_known
from .resolve import Candidate, resolve
from .view import DocView, Layer, Match

Rule = Callable[[DocView, Layer, Gazetteer, int], list[Candidate]]

# The pattern rules, each tried at every free token. Their order is their priority: at one token
# the candidate of an earlier rule is tried first (a unit with its ordinal before a person after
# the same title; a facility's name before both).
PATTERN_RULES: tuple[Rule, ...] = (
    org_with_purpose,  # المركز الأمريكي لرصد الزلازل
    ministry_short_name,  # الخارجية الروسية
    quoted_org,  # صحيفة «الشرق الأوسط»
    facility_named_after_person,  # مطار الملك عبد العزيز
    unit_with_ordinal,  # اللواء الأول حرس حدود
    person_after_title,  # الرئيس الروسي فلاديمير بوتين
    org_after_head,  # وزارة الدفاع الروسية
)

# «كيم يونج» أون: a span holding only a closing mark takes the opening one in.
_CLOSE_FOR = {"\u00bb": "\u00ab", "\"": "\"", "\u201d": "\u201c", "\u203a": "\u2039", "'": "'"}


def may_start_pattern(view: DocView, i: int) -> bool:
    """Whether token i can start any of PATTERN_RULES: a title (the person and facility rules and
    unit_with_ordinal), an organisation head (org_after_head), a short ministry name, a word after an
    opening quote (quoted_org) or a word with the article near its start (org_with_purpose). Each
    rule tests its own condition first; asking once spares seven calls on most tokens."""
    info = view.info[i]
    return bool(info.title or info.head or info.ministry is not None or (i + 1) in view.quoted
                or ARTICLE in view.words[i][:4])


def pattern_candidates(view: DocView, layer: Layer, gz: Gazetteer) -> list[Candidate]:
    """Every pattern rule's candidates at every token no earlier stage holds."""
    out: list[Candidate] = []
    ranked = tuple(enumerate(PATTERN_RULES))
    for i, owner in enumerate(layer.owner):
        if owner is None and may_start_pattern(view, i):
            for rank, rule in ranked:
                found = rule(view, layer, gz, i)
                if found:  # most tokens start no pattern: no list is built for them
                    out.extend(replace(c, priority=rank) for c in found)
    return out


def _accept(layer: Layer, accepted: Iterable[Candidate]) -> None:
    for c in accepted:
        if c.match is None:
            continue  # a block phrase
        for old in c.replaces:
            layer.remove(old)
        layer.add(c.match)


def to_mention(doc: Document, norm: NormText, f: Match) -> Mention:
    start, end = norm.span(f.nstart, f.nend)
    text = doc.text
    inner = text[start:end]
    for close, open_ in _CLOSE_FOR.items():
        if close in inner and open_ not in inner.replace(close, "") and start > 0 and text[start - 1] == open_:
            if close != open_ or inner.count(close) % 2 == 1:
                start -= 1
                break
    eid, rule = f.entity_id, f.rule
    if f.method != "gazetteer":
        eid, rule = article_scoped(doc.doc_id, eid, f.etype, f.name_ar, rule)
    return Mention(doc.doc_id, eid, f.etype, text[start:end], start, end, f.name_ar, f.name_en, f.method, rule)


def _drop_descriptions(view: DocView, layer: Layer) -> None:
    """A description before a known organisation's name (شركة التواصل الاجتماعي فيسبوك) is no alias of
    it: the name is the mention and the description none, here and where the article repeats it alone
    (the words are no organisation of their own either)."""
    described = {view.key(f) for f in layer.found if f.rule == RULE_DESCRIPTION}
    if not described:
        return
    for f in list(layer.found):
        if f.rule == RULE_DESCRIPTION or (f.method == "pattern" and f.etype == "ORG" and view.key(f) in described):
            layer.block(f)


def extract_mentions(doc: Document, norm: NormText | None = None) -> list[Mention]:
    """Entity mentions of ``doc``: non-overlapping, sorted by ``start``, offsets into ``doc.text``."""
    if norm is None:
        norm = normalize(doc.text)
    gz = load_gazetteer()
    view = DocView(norm)
    if not view.words:
        return []
    layer = Layer(len(view.words))
    _accept(layer, resolve(gazetteer_candidates(view, gz)))
    refine_known(view, layer, gz)
    _accept(layer, resolve(pattern_candidates(view, layer, gz), layer))
    brackets = short_names_in_brackets(view, layer)
    link_short_forms(view, layer, gz, brackets)
    _drop_descriptions(view, layer)
    out = [to_mention(doc, norm, f) for f in layer.found if f.nend > f.nstart]
    blocked = [norm.span(a, b) for a, b in layer.blocked]
    model = model_mentions(doc, norm, out, blocked)
    if model:
        out = link_model_persons(doc, view, layer, out, model)
    out.sort(key=lambda x: (x.start, x.end))
    return out
