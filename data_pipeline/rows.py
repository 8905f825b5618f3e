"""One document's facts as table rows (columns as in ``schemas.TABLES``), for the build and its workers."""

from __future__ import annotations

from .pipeline import DocFacts, passage_locator, process_document
from .records import Document


def facts_to_rows(facts: DocFacts) -> dict[str, list[dict]]:
    """Table rows for one document's facts (columns as in schemas.TABLES)."""
    locate = passage_locator(facts.passages)
    rows: dict[str, list[dict]] = {
        "passages": [
            {"doc_id": p.doc_id, "passage_id": p.passage_id, "start": p.start, "end": p.end, "text": p.text, "topics": list(p.topics)}
            for p in facts.passages
        ]
    }
    rows["mentions"] = [
        {"doc_id": m.doc_id, "entity_id": m.entity_id, "type": m.type, "text": m.text, "start": m.start, "end": m.end,
         "name_ar": m.name_ar, "name_en": m.name_en, "method": m.method, "passage_id": locate(m.start)}
        for m in facts.mentions
    ]
    rows["quantities"] = [
        {"doc_id": q.doc_id, "value": float(q.value), "unit": q.unit, "what": q.what, "text": q.text, "start": q.start,
         "end": q.end, "approximate": bool(q.approximate), "passage_id": locate(q.start)}
        for q in facts.quantities
    ]
    rows["timeline"] = [
        {"doc_id": t.doc_id, "date": t.date, "precision": t.precision, "text": t.text, "start": t.start, "end": t.end,
         "event": t.event, "actors": list(t.actors), "relative": bool(t.relative), "calendar": t.calendar,
         "passage_id": locate(t.start)}
        for t in facts.timeline
    ]
    rows["claims"] = [
        {"doc_id": c.doc_id, "claim_id": c.claim_id, "speaker": c.speaker, "speaker_entity_id": c.speaker_entity_id,
         "cue": c.cue, "content": c.content, "text": c.text or facts.doc.text[c.start : c.end], "start": c.start,
         "end": c.end, "hedged": bool(c.hedged), "stance": c.stance, "passage_id": locate(c.start)}
        for c in facts.claims
    ]
    return rows



def document_rows(doc: Document) -> tuple[str, dict[str, list[dict]], list[tuple[str, str]], dict[str, float]]:
    """Process one document: (doc_id, its rows per fact table, its errors, seconds per stage). What a
    build's worker (a pool process or a cluster task) returns for each document."""
    facts = process_document(doc)
    return doc.doc_id, facts_to_rows(facts), facts.errors, facts.seconds
