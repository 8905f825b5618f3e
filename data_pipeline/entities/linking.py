"""Ids of entities no gazetteer has, stable across documents."""

from __future__ import annotations

import hashlib
import re

from ..lang.ar.letters import ARTICLE
from ..lang.ar.normalize import normalize_key
from .gazetteer import loose_ambiguous_names, loose_token
from .lexicon import GENERIC_INSTITUTIONS, leading_titles

# A transliterated word: two vowel letters after the first letter (سيرجي، جورجيو) or a
# ج/غ at both ends (جورج); its ج and غ render one foreign g (سيرجي = سيرغي). Listed Arabic
# given names (جمال، نجيب) have one vowel letter at most and keep their ج.
_FOREIGN_SHAPE = re.compile("^.[^اوي]*[اوي].*[اوي]|^[جغ].*[جغ]$")
_JEEM_FOLD = str.maketrans({"ج": "غ"})


def linking_key(etype: str, name: str) -> str:
    """The key that decides whether two unknown names are one entity across documents.

    Persons lose leading titles and honorifics (الرئيس، الشيخ، الدكتور). Each token of a
    transliterated name is reduced to its loose spelling (ترامب = ترمب, جونج = جونغ), so spelling
    variants meet; Arabic given names (``transliteration_names.tsv``) and definite tokens (الحسن)
    stay exact, so سعيد الحسن and سعد الحسن, or two people sharing a surname, stay apart.
    """
    tokens = normalize_key(name).split()
    if etype == "PERSON":
        titles = leading_titles()
        while len(tokens) > 1 and tokens[0] in titles:
            tokens = tokens[1:]
    keep = loose_ambiguous_names()
    return " ".join(
        t if t in keep or t.startswith(ARTICLE) or len(t) < 3
        else loose_token(t).translate(_JEEM_FOLD) if _FOREIGN_SHAPE.search(t)
        else loose_token(t)
        for t in tokens
    )


RULE_GENERIC_INSTITUTION = "entities.generic_institution"


def is_generic_institution(etype: str, name: str) -> bool:
    """An organisation named as a body every country has, without its country (البنك المركزي، وزارة
    الداخلية, ``entity_generic_institutions.tsv``): one body inside its article only."""
    return etype == "ORG" and normalize_key(re.sub("[#_]", " ", name)) in GENERIC_INSTITUTIONS.words()


def article_scoped(doc_id: str, entity_id: str, etype: str, name: str, rule: str) -> tuple[str, str]:
    """(entity id, rule) of an unknown entity: a generic institution's id hashes ``doc_id``."""
    if is_generic_institution(etype, name):
        return unknown_entity_id(etype, name, doc_id), RULE_GENERIC_INSTITUTION
    return entity_id, rule


def story_actor(entity_id: str, etype: str, name: str, rule: str) -> str:
    """The id two articles share when they name the same actor: a generic institution's id holds in
    its article only, but two copies of one story naming وزارة الصحة name one actor."""
    return unknown_entity_id(etype, name) if rule == RULE_GENERIC_INSTITUTION else entity_id


def unknown_entity_id(etype: str, name: str, doc_id: str | None = None) -> str:
    """Stable id of an entity no gazetteer has: ``person:`` + hash of :func:`linking_key`. With
    ``doc_id`` the id holds in that document only (a given name alone, محمد, is not one person
    across articles)."""
    key = linking_key(etype, name) if doc_id is None else f"{linking_key(etype, name)}@{doc_id}"
    digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:10]
    return f"{etype.lower()}:{digest}"
