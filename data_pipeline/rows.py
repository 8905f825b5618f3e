"""One document's facts as table rows, for the build and its workers.

A row is its record's fields (``dataclasses.asdict``) plus the passage that holds it: the records
are the one source of the columns, and ``tests/test_schemas.py`` checks them against
``schemas.TABLES``.
"""

from __future__ import annotations

import time
from dataclasses import asdict

from .entities.linking import story_actor
from .pipeline import DocFacts, passage_locator, process_document
from .records import Document
from .stories import Sketch, sketch


def _row(record, locate) -> dict:
    row = asdict(record)
    for key, value in row.items():
        if isinstance(value, tuple):
            row[key] = list(value)
    if locate is not None:
        row["passage_id"] = locate(record.start)
    return row


def facts_to_rows(facts: DocFacts) -> dict[str, list[dict]]:
    """Table rows for one document's facts (columns as in schemas.TABLES)."""
    locate = passage_locator(facts.passages)
    rows = {
        "passages": [_row(p, None) for p in facts.passages],
        "mentions": [_row(m, locate) for m in facts.mentions],
        "quantities": [_row(q, locate) for q in facts.quantities],
        "timeline": [_row(t, locate) for t in facts.timeline],
        "claims": [_row(c, locate) for c in facts.claims],
    }
    for row in rows["claims"]:
        row["text"] = row["text"] or facts.doc.text[row["start"] : row["end"]]
    return rows


def document_rows(doc: Document) -> tuple[str, dict[str, list[dict]], list[tuple[str, str]], dict[str, float], Sketch]:
    """Process one document: (doc_id, its rows per fact table, its errors, seconds per stage, its story
    sketch). What a build's worker (a pool process or a cluster task) returns for each document."""
    facts = process_document(doc)
    t0 = time.perf_counter()
    story = sketch(doc.text, (story_actor(m.entity_id, m.type, m.name_ar, m.rule) for m in facts.mentions))
    facts.seconds["stories"] = time.perf_counter() - t0
    return doc.doc_id, facts_to_rows(facts), facts.errors, facts.seconds, story
