"""Entity mentions: gazetteer matching, title and organisation patterns, in-document coreference."""

from .core import (
    GAZETTEER_FILES,
    MODEL_MIN_CONFIDENCE,
    MODEL_TYPES,
    Entity,
    Gazetteer,
    extract_mentions,
    linking_key,
    load_gazetteer,
    loose_token,
    unknown_entity_id,
)

__all__ = [
    "GAZETTEER_FILES",
    "MODEL_MIN_CONFIDENCE",
    "MODEL_TYPES",
    "Entity",
    "Gazetteer",
    "extract_mentions",
    "linking_key",
    "load_gazetteer",
    "loose_token",
    "unknown_entity_id",
]
