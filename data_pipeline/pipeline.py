"""The order of extraction stages, written once.

``process_document`` runs every stage on one document and returns its facts.
A stage that raises or breaks the offset invariant loses its records for that
document only; the error is reported and every other stage's facts are kept.
"""

from __future__ import annotations

import bisect
import time
from dataclasses import dataclass, field, replace

from .claims import extract_claims
from .entities import extract_mentions
from .lang.ar.normalize import normalize
from .passages import split_passages
from .quantities import extract_quantities
from .records import Claim, Document, Mention, OffsetError, Passage, Quantity, TimelinePoint, check_offsets
from .timeline import extract_dates


@dataclass
class DocFacts:
    """Everything extracted from one document, plus what went wrong and how long each stage took."""

    doc: Document
    passages: list[Passage] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    timeline: list[TimelinePoint] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)  # (stage, message)
    seconds: dict[str, float] = field(default_factory=dict)


def _run(facts: DocFacts, stage: str, fn, *args) -> list:
    t0 = time.perf_counter()
    try:
        records = fn(*args)
        check_offsets(facts.doc, records)
    except (OffsetError, Exception) as exc:  # noqa: BLE001 - one bad stage must not cost the rest
        facts.errors.append((stage, f"{type(exc).__name__}: {exc}"[:500]))
        records = []
    facts.seconds[stage] = facts.seconds.get(stage, 0.0) + time.perf_counter() - t0
    return records


def attach_actors(points: list[TimelinePoint], passages: list[Passage], mentions: list[Mention]) -> list[TimelinePoint]:
    """Give each timeline point the entities mentioned in its passage, in order of first mention."""
    if not points or not mentions:
        return points
    starts = [p.start for p in passages]
    by_passage: dict[int, list[str]] = {}
    for m in mentions:
        i = bisect.bisect_right(starts, m.start) - 1
        ids = by_passage.setdefault(i, [])
        if m.entity_id not in ids:
            ids.append(m.entity_id)
    out = []
    for pt in points:
        i = bisect.bisect_right(starts, pt.start) - 1
        out.append(replace(pt, actors=tuple(by_passage.get(i, ()))))
    return out


def process_document(doc: Document) -> DocFacts:
    """Run every stage on ``doc``; offsets of every record index ``doc.text``."""
    facts = DocFacts(doc)
    t0 = time.perf_counter()
    norm = normalize(doc.text)
    facts.seconds["normalize"] = time.perf_counter() - t0
    facts.passages = _run(facts, "passages", split_passages, doc, norm)
    facts.mentions = _run(facts, "entities", extract_mentions, doc, norm)
    facts.quantities = _run(facts, "quantities", extract_quantities, doc, norm)
    facts.timeline = _run(facts, "timeline", extract_dates, doc, norm)
    facts.claims = _run(facts, "claims", extract_claims, doc, facts.mentions, norm)
    facts.timeline = attach_actors(facts.timeline, facts.passages, facts.mentions)
    return facts


def passage_locator(passages: list[Passage]):
    """A function mapping a character offset to the id of the passage that contains it (or the nearest before)."""
    starts = [p.start for p in passages]
    ids = [p.passage_id for p in passages]

    def locate(offset: int) -> str | None:
        i = bisect.bisect_right(starts, offset) - 1
        return ids[max(i, 0)] if ids else None

    return locate
