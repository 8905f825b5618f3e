"""Stage 1: known names. At each token, the longest gazetteer alias starting there.

The first token may carry proclitics (و ف ب ل ك, and لل = ل + ال); the match leaves the proclitic
out except for لل. Quotes, guillemets, hyphens and hashtag marks between tokens are ignored
(``DocView.joined``). At one token an exact alias is tried first; a loose spelling only when no
exact alias longer than one token starts there; one wrong letter (places) only when neither did.
A block phrase (``entity_block_phrases.tsv``) is a candidate that makes no mention.
"""

from __future__ import annotations

from functools import lru_cache

from ..lang.ar.normalize import strip_marks
from .gazetteer import (
    EMPTY_INFO,
    SHORT_EXACT_MAX,
    Entity,
    Gazetteer,
    loose_key_fits,
    loose_token,
    variants,
    within_one_edit,
)
from .guards import given_name, is_name_token, title_word
from .lexicon import NAME_CONNECTORS, NAME_OPENERS
from .resolve import Candidate
from .view import DocView, Match

RULE_ALIAS = "entities.gazetteer_alias"
RULE_LOOSE = "entities.gazetteer_loose_spelling"
RULE_FUZZY = "entities.gazetteer_one_letter_off"
RULE_BLOCK = "entities.block_phrase"


def gazetteer_candidates(view: DocView, gz: Gazetteer) -> list[Candidate]:
    """One candidate per token where an alias (or a block phrase) starts: its longest."""
    words, n = view.words, len(view.words)
    out = []
    for i, info in enumerate(view.info):
        if info is EMPTY_INFO and (i + 1 >= n or words[i + 1] not in gz.fuzzy_second):
            continue
        best = _longest_alias(view, gz, i)
        if best is None:
            continue
        length, cut, eid, rule = best
        if eid is None:  # block phrase: the words stay free for patterns
            out.append(Candidate(RULE_BLOCK, i, i, i + length))
            continue
        ent = gz.entities[eid]
        nstart = view.tok_spans[i][0] + cut
        nend = view.tok_spans[i + length - 1][1]
        if _inside_longer_name(view, i, cut, gz.entities[eid]):
            continue
        if length == 1 and not spelled_as_known(view, nstart, nend, ent):
            continue  # واس is not وإس (غالاكسي إس 9 وإس 9): a short alias is matched as it is spelled
        match = Match(i, i + length, nstart, nend, eid, ent.type, "gazetteer", ent.name_ar, ent.name_en, rule)
        out.append(Candidate(rule, i, i, i + length, match))
    return out


def _inside_longer_name(view: DocView, i: int, cut: int, ent: Entity) -> bool:
    """A person's alias inside another person's lineage: after بن (سلطان بن سلمان بن عبدالعزيز: the
    father, not الملك سلمان), or opening with بن after a given name or after a name that follows a
    title (الأمير سلطان بن سلمان is not محمد بن سلمان)."""
    if ent.type != "PERSON" or cut or i == 0 or not view.joined[i - 1]:
        return False
    lineage = NAME_CONNECTORS.words() - NAME_OPENERS.words()
    if view.words[i - 1] in lineage:
        return True
    if view.words[i] not in lineage:
        return False
    prev = view.words[i - 1]
    after_title = i >= 2 and title_word(view.words[i - 2]) and is_name_token(prev) and not title_word(prev)
    return given_name(prev) or after_title


@lru_cache(maxsize=4096)
def _spellings(ent: Entity) -> frozenset[str]:
    """The words of the entity's aliases as the gazetteer writes them (hamza seats kept), marks dropped."""
    return frozenset(w for a in (*ent.aliases, *ent.short) for w in strip_marks(a).split())


def spelled_as_known(view: DocView, nstart: int, nend: int, ent: Entity) -> bool:
    """A word of three letters or less stands for a known entity only spelled as one of its names
    spells it (واس, not وإس; أون, not اون); longer words need not."""
    return nend - nstart > SHORT_EXACT_MAX or view.spelled(nstart, nend) in _spellings(ent)


def _longest_alias(view: DocView, gz: Gazetteer, i: int) -> tuple[int, int, str | None, str] | None:
    """(length, cut, entity id or None for a block phrase, rule) of the alias matched at token i."""
    words, info = view.words, view.info[i]
    limit = min(view.run[i], gz.max_len)
    best = _exact(view, gz, i, limit)
    if info.loose and (best is None or best[0] == 1):
        best = _loose(view, gz, i, limit, best) or best
    if best is None and limit >= 2 and words[i + 1] in gz.fuzzy_second:
        best = _fuzzy(view, gz, i, [v for v in variants(words[i]) if len(v[0]) >= 4], limit)
    return best


def _exact(view: DocView, gz: Gazetteer, i: int, limit: int) -> tuple[int, int, str | None, str] | None:
    words = view.words
    best = None
    for stem, cut in view.info[i].exact:
        for length in range(limit, 0, -1):
            if best and length <= best[0]:
                break
            key = (stem, *words[i + 1 : i + length]) if length > 1 else (stem,)
            if key in gz.exact:
                best = (length, cut, gz.exact[key], RULE_ALIAS)
                break
    return best


def _loose(view: DocView, gz: Gazetteer, i: int, limit: int, best) -> tuple[int, int, str, str] | None:
    words = view.words
    second = loose_token(words[i + 1]) if limit >= 2 else ""
    for lstem, cut in view.info[i].loose:
        if (limit < 2 or (lstem, second) not in gz.loose_pairs) and (lstem,) not in gz.loose:
            continue
        for length in range(limit, 0, -1):
            if best and length <= best[0]:
                break
            if any(w in view.stop for w in words[i + 1 : i + length]):
                continue  # دوما في is not ديوماي فاي: a common word is spelled as it is
            key = (lstem, *(loose_token(w) for w in words[i + 1 : i + length]))
            eid = gz.loose.get(key)
            if eid and loose_key_fits((words[i][cut:], *words[i + 1 : i + length]), gz.loose_sources.get(key, [])):
                return (length, cut, eid, RULE_LOOSE)
    return None


def _fuzzy(view: DocView, gz: Gazetteer, i: int, stems, limit: int) -> tuple[int, int, str, str] | None:
    words = view.words
    for length in range(min(limit, gz.max_len), 1, -1):
        cands = gz.fuzzy_rest.get(tuple(words[i + 1 : i + length]))
        if not cands:
            continue
        for stem, cut in stems:
            hits = {eid for first, eid in cands if within_one_edit(stem, first)}
            if len(hits) == 1:
                return (length, cut, hits.pop(), RULE_FUZZY)
    return None
