"""English names of entities no gazetteer has.

A person's or a place's name is transliterated (``data_pipeline.transliterate``). An organisation's
name is mostly description: its head and common words are translated (``org_name_english.tsv``:
وزارة الداخلية -> Ministry of Interior, حزب العمال -> Labour Party, مجلس الأمن القومي -> National
Security Council), a known place inside it takes the place's English name (جامعة القاهرة -> Cairo
University, وزارة الدفاع الروسية -> Ministry of Defense (Russia)), and only the other words, proper
names, are transliterated (شركة أرامكو -> Aramku Company). A name whose head is not listed is
transliterated whole.

English word order: an Arabic genitive chain reads right to left (مجلس الأمن -> Security Council),
an adjective comes before the noun it follows in Arabic (الأمن القومي -> National Security), words
joined by و are joined by "and" (العدالة والتنمية -> Justice and Development), and a purpose phrase
with لل comes last (المكتب الأوروبي للإحصاء -> European Office for Statistics).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from ..lang.ar.letters import ARTICLE, WAW
from ..lang.ar.lexicon import Lexicon
from ..lang.ar.normalize import normalize_key
from ..transliterate import transliterate
from .gazetteer import load_gazetteer, place_of_adjective
from .morphology import DOUBLE_LAM, NISBA_FEMININE

ORG_NAME_ENGLISH = Lexicon("org_name_english.tsv", key="arabic", required=("english", "kind"))
_HEAD_KINDS = ("head", "head_of")
_MAX_HEAD_WORDS = 2


@lru_cache(maxsize=1)
def _table() -> dict[str, tuple[str, str, str]]:
    """Normalised word or phrase -> (English, kind, English when alone)."""
    return {normalize_key(r["arabic"]): (r["english"], r["kind"], r.get("alone", "")) for r in ORG_NAME_ENGLISH.rows()}


@dataclass
class _Unit:
    """A noun of the name with the adjectives that follow it in Arabic."""

    noun: str
    adjectives: list[str] = field(default_factory=list)

    def english(self) -> str:
        return " ".join([*self.adjectives, self.noun]).strip()


@dataclass
class _Parts:
    head: str
    head_of: bool
    head_adjectives: list[str] = field(default_factory=list)
    alone: list[str] = field(default_factory=list)  # the head adjectives' English when alone
    units: list[_Unit] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    purpose: list[_Unit] = field(default_factory=list)


def head_english(head: str) -> str | None:
    """The English of an organisation head (وكالة -> Agency), or None when it is not listed."""
    entry = _table().get(head)
    return entry[0] if entry is not None and entry[1] in _HEAD_KINDS else None


def english_name(etype: str, name_ar: str) -> str:
    """The English name of an entity no gazetteer has: translated for a descriptive organisation
    name, transliterated otherwise."""
    if etype == "ORG":
        translated = translate_org_name(name_ar)
        if translated:
            return translated
    return transliterate(name_ar)


def translate_org_name(name_ar: str) -> str | None:
    """وزارة الداخلية -> Ministry of Interior; None when the name does not open with a listed head."""
    tokens = normalize_key(name_ar).split()
    table = _table()
    for hlen in range(min(_MAX_HEAD_WORDS, len(tokens)), 0, -1):
        entry = table.get(" ".join(tokens[:hlen]))
        if entry is not None and entry[1] in _HEAD_KINDS:
            parts = _Parts(entry[0], entry[1] == "head_of")
            for tok in tokens[hlen:]:
                _read_word(parts, tok)
            return _compose(parts)
    return None


def _read_word(parts: _Parts, tok: str) -> None:
    """Add one word after the head to the name's parts."""
    target = parts.units
    if tok.startswith(DOUBLE_LAM) and len(tok) > 3:
        target, tok = parts.purpose, ARTICLE + tok[2:]
    elif target is parts.units and parts.purpose:
        target = parts.purpose  # the words after a purpose noun belong to the purpose phrase
    conjunct = tok.startswith(WAW) and len(tok) > 3 and (tok[1:].startswith(ARTICLE) or _known(tok[1:]))
    if conjunct:
        tok = tok[1:]
    place = _place_adjective(tok)
    if place and target is parts.units:
        parts.places.append(place)
        return
    english, kind, alone = _table().get(tok, ("", "", ""))
    if kind == "adjective" or (place and target is parts.purpose):
        _add_adjective(parts, target, english or place or "", alone, conjunct)
        return
    noun = english or _proper(tok)
    if conjunct and target:
        target[-1].noun = f"{target[-1].english()} and {noun}"
        target[-1].adjectives = []
    else:
        target.append(_Unit(noun))


def _add_adjective(parts: _Parts, target: list[_Unit], english: str, alone: str, conjunct: bool = False) -> None:
    if target and conjunct and target[-1].adjectives:
        target[-1].adjectives[0] += f" and {english}"  # البلدية والقروية: Municipal and Rural
    elif target:
        target[-1].adjectives.insert(0, english)
    else:
        parts.head_adjectives.insert(0, english)
        parts.alone.insert(0, alone or english)


def _known(tok: str) -> bool:
    return tok in _table() or _place_adjective(tok) is not None


def _place_adjective(tok: str) -> str | None:
    """الروسية، الأمريكي -> the place's English name."""
    if not tok.startswith(ARTICLE):
        return None
    gz = load_gazetteer()
    stem = tok[2:-1] if tok.endswith(NISBA_FEMININE) else tok[2:]
    eid = place_of_adjective(stem, gz)
    return gz.entities[eid].name_en if eid else None


def _proper(tok: str) -> str:
    """A word no table has: a known place's English name, else its transliteration."""
    gz = load_gazetteer()
    eid = gz.exact.get((tok,))
    if eid and gz.entities[eid].type in ("GPE", "LOC"):
        return gz.entities[eid].name_en
    return transliterate(tok)


def _compose(parts: _Parts) -> str:
    """The English words in English order."""
    adjectives = parts.head_adjectives
    if not parts.units and parts.alone and len(parts.alone) == 1:
        parts.units, adjectives = [_Unit(parts.alone[0])], []  # وزارة الخارجية: Foreign Affairs
    nouns = " ".join(u.english() for u in reversed(parts.units))
    if parts.head_of and nouns:
        core = f"{parts.head} of {nouns}"
    else:
        core = f"{nouns} {parts.head}"
    name = " ".join([*adjectives, core]).strip()
    if parts.purpose:
        name += " for " + " ".join(u.english() for u in reversed(parts.purpose))
    if parts.places:
        name += f" ({', '.join(dict.fromkeys(parts.places))})"
    return " ".join(name.split())
