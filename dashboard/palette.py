"""One colour per entity type, per topic and per compared series, the same on screen in both languages and in exports.

The colours are data (``palette.tsv``). Charts build their colour scales with an explicit domain
(the labels shown) and range (these colours): without them Vega assigns colours by the order of
the labels, which differs between Arabic and English, and Streamlit's theme palette on screen
differs from Vega's default palette in the exported PNG/SVG.
"""

from __future__ import annotations

import csv
import zlib
from functools import lru_cache
from pathlib import Path

# For ids the file does not list (a new topic, an unknown type): picked by a checksum of the id,
# so an id keeps its colour across languages, runs and machines.
FALLBACK_COLOURS = ("#bab0ac", "#9d7660", "#d7b5a6", "#fabfd2", "#b9a0b4", "#f1ce63", "#e49444", "#6a9f58")


@lru_cache(maxsize=1)
def _table() -> dict[tuple[str, str], str]:
    path = Path(__file__).with_name("palette.tsv")
    with open(path, encoding="utf-8") as f:
        rows = csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t")
        return {(row["kind"], row["id"]): row["colour"] for row in rows}


def colour(kind: str, ident: str) -> str:
    """The colour of entity type or topic ``ident`` (``kind``: "type" or "topic"), as ``#rrggbb``."""
    found = _table().get((kind, str(ident)))
    if found:
        return found
    return FALLBACK_COLOURS[zlib.crc32(f"{kind}:{ident}".encode()) % len(FALLBACK_COLOURS)]


def type_colour(entity_type: str) -> str:
    return colour("type", entity_type)


def topic_colour(topic: str) -> str:
    return colour("topic", topic)


def series_colour(position: int) -> str:
    """The colour of the ``position``-th compared series (1-based; the compare page draws at most six)."""
    return colour("series", str(position))


def ids(kind: str) -> list[str]:
    """The ids listed for ``kind``, in file order."""
    return [i for k, i in _table() if k == kind]
