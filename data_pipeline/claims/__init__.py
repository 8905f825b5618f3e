"""Attributed claims: who said what, with hedges and denials kept.

``extract_claims(doc, mentions, norm) -> list[Claim]`` runs in three steps over the normalised view of
the text, and reports every span in ``Document.text`` (``end`` exclusive,
``claim.text == doc.text[claim.start:claim.end]``):

1. ``frames.find_candidates``: every rule proposes candidate frames tagged with its rule id
   (``RULES``): reporting verbs (``verbs.py``), attribution phrases (``attributions.py``), rumour nouns
   and quoted paragraphs (``frames.py``);
2. ``resolve.resolve``: the one pure resolver chooses between overlapping candidates and sets where
   each content ends;
3. ``emit.emit_claims``: speakers carried over and linked to entities, hedges and denials, records.

The package: ``lexicon.py`` (the word lists of ``resources/`` and their patterns), ``text.py``
(statements, clauses, tokens), ``quotes.py``, ``speaker.py`` (the speaker and target phrases),
``guards.py`` (a speaker is a noun phrase: trimming and named checks), ``content.py``
(where a content starts and ends), ``candidate.py`` (``Frame``, ``RULES``).

Conventions a caller needs:

- ``speaker`` is the whole noun phrase as written, without quote marks (titles and names included:
  ``المتحدث باسم مجلس الأمن القومي الأميركي جون كيربي``), cut before adjuncts (``في بيان``، time words,
  ``للصحفيين``, an addressee, an adverb: ``guards.py``). After an attribution phrase the attached
  preposition is dropped (``لمصادر`` -> ``مصادر``, ``للخبراء`` -> ``الخبراء``). Never empty: a claim whose
  speaker is no noun phrase, and none can be carried over, is dropped.
- ``frame`` is what the speaker does (``reporting_verbs.tsv`` column ``frame``: say, deny, warn, accuse,
  demand, condemn, criticize, praise, describe, estimate); ``target`` whom or what an accusation, demand,
  condemnation, criticism, praise or description is about, as written (``""`` when not written), linked
  like the speaker (``target_entity_id``); ``via`` the outlet relaying the speaker's words in a chain
  (``نقلت وكالة رويترز عن مصدر``، ``ذكرت صحيفة "عكاظ" نقلا عن مسؤول``), ``""`` when none.
- A verb with no subject of its own (``وأضاف أن ...``، ``وتابع: ...``، ``لكنه قال``) carries over the
  speaker of the previous claim in the document, if it lies within ``INHERIT_WINDOW`` characters. Such a
  speaker is not inside ``[start, end)``: ``is_inherited(claim)`` tells the two cases apart.
- ``cue`` is the verb without its و/ف proclitic, or the attribution phrase.
- ``content`` is the quoted text without its quote marks when the complement is a quote, else the
  clause up to the end of the sentence (or a colon, or the next claim in the same sentence); a slice
  of ``doc.text``.
- ``start``/``end`` cover cue, explicit speaker and content (closing quote included).
- ``rule`` is the id of the rule that found the claim, a key of ``RULES``.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from ..lang.ar.normalize import NormText, normalize
from ..records import Claim, Document, Mention
from .candidate import RULES
from .emit import INHERIT_WINDOW, emit_claims
from .frames import find_candidates
from .lexicon import claim_lexicon
from .resolve import resolve
from .text import ClaimText

__all__ = ["INHERIT_WINDOW", "RULES", "extract_claims", "is_inherited"]


def extract_claims(doc: Document, mentions: Sequence[Mention] = (), norm: NormText | None = None) -> list[Claim]:
    """Attributed claims of ``doc`` in text order; offsets index ``doc.text``, ``end`` exclusive.

    ``mentions`` (from the entity extractor) link the speaker to an entity id;
    ``norm`` may pass an already built ``normalize(doc.text)``.
    """
    if not doc.text:
        return []
    norm = norm if norm is not None and norm.original == doc.text else normalize(doc.text)
    lex = claim_lexicon()
    tx = ClaimText(norm.text, _normalised_names(norm, mentions))
    frames = resolve(tx, find_candidates(tx, lex))
    return emit_claims(doc, norm, tx, lex, frames, mentions)


def _normalised_names(norm: NormText, mentions: Sequence[Mention]) -> list[tuple[int, int, str]]:
    """The mentions' spans in normalised offsets (a name is one noun phrase for the speaker and target)."""
    if norm.starts is None:
        return [(m.start, m.end, m.type) for m in mentions]
    out = []
    for m in mentions:
        a = bisect.bisect_left(norm.starts, m.start)
        b = bisect.bisect_left(norm.ends, m.end)
        if a < b + 1 <= len(norm.text):
            out.append((a, b + 1, m.type))
    return out


def is_inherited(claim: Claim) -> bool:
    """True when the speaker was carried over from an earlier claim (not inside the claim's span)."""
    return bool(claim.speaker) and claim.speaker not in claim.text
