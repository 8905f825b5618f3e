"""Entity mentions: gazetteer matching, title and organisation patterns, in-document coreference,
and a CRF tagger for names no list has (docs/extractors.md, "Entities").

``extract_mentions(doc)`` returns non-overlapping :class:`~data_pipeline.records.Mention` records
sorted by ``start``; offsets index ``doc.text`` (end exclusive). Every mention carries the id of
the rule that found it (``Mention.rule``, a key of :data:`RULES`).

Layout: ``lexicon`` (the word lists), ``gazetteer`` (known entities), ``view`` (the token view
and the accepted matches), rules in ``match_gazetteer``, ``refine``, ``orgs``, ``persons``,
``coreference`` and ``model``, their guards in ``guards``, the one resolver in ``resolve``, the
stages in order in ``extract``; ``linking`` gives unknown entities their ids and ``naming`` their
English names (organisations translated from ``org_name_english.tsv``, other names transliterated).
"""

from .extract import extract_mentions
from .gazetteer import GAZETTEER_FILES, Entity, Gazetteer, load_gazetteer, loose_token
from .linking import linking_key, unknown_entity_id
from .model import MODEL_MIN_CONFIDENCE, MODEL_TYPES
from .rules import RULES

__all__ = [
    "GAZETTEER_FILES",
    "MODEL_MIN_CONFIDENCE",
    "MODEL_TYPES",
    "RULES",
    "Entity",
    "Gazetteer",
    "extract_mentions",
    "linking_key",
    "load_gazetteer",
    "loose_token",
    "unknown_entity_id",
]
