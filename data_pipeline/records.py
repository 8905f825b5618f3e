"""One record type per fact.

Every ``start``/``end`` is a Python string index into ``Document.text`` (the text
exactly as read, never a normalised copy); ``end`` is exclusive, and
``record.text == document.text[record.start:record.end]`` always holds.
``check_offsets`` is the one place that invariant is checked.
"""

from __future__ import annotations

from dataclasses import dataclass

# The kinds of entity a mention names, in the order the dashboard lists them (its labels are the
# interface's ``type_<TYPE>`` strings): the one definition the pipeline and the dashboard share.
ENTITY_TYPES = ("PERSON", "ORG", "GPE", "LOC", "FAC", "EVENT", "NORP")


@dataclass(frozen=True)
class Document:
    doc_id: str
    title: str
    text: str
    source: str | None = None
    published: str | None = None  # ISO YYYY-MM-DD
    url: str | None = None
    category: str | None = None
    author: str | None = None


@dataclass(frozen=True)
class Passage:
    doc_id: str
    passage_id: str
    start: int
    end: int
    text: str
    topics: tuple[str, ...] = ()


@dataclass(frozen=True)
class Mention:
    doc_id: str
    entity_id: str
    type: str  # PERSON, ORG, GPE, LOC, FAC, EVENT, NORP
    text: str
    start: int
    end: int
    name_ar: str
    name_en: str
    method: str = "gazetteer"  # gazetteer, pattern, coreference, model
    rule: str = ""  # id of the rule that found it (docs/extractors.md)


@dataclass(frozen=True)
class Quantity:
    doc_id: str
    value: float
    unit: str  # English, singular: container, mm, day, dollar, percent, person
    what: str  # the counted or measured thing, Arabic ("" when unknown)
    text: str
    start: int
    end: int
    approximate: bool = False
    rule: str = ""


@dataclass(frozen=True)
class TimelinePoint:
    doc_id: str
    date: str  # ISO YYYY, YYYY-MM or YYYY-MM-DD
    precision: str  # year, month, day
    text: str
    start: int
    end: int
    event: str = ""  # the clause or sentence the date belongs to
    actors: tuple[str, ...] = ()  # entity ids
    relative: bool = False  # resolved against the publication date
    calendar: str = "gregorian"  # gregorian or hijri (as written)
    rule: str = ""


@dataclass(frozen=True)
class Claim:
    doc_id: str
    claim_id: str
    speaker: str  # as written ("" when unknown)
    speaker_entity_id: str | None
    cue: str  # the reporting verb or attribution phrase, as written
    content: str
    start: int  # span of the whole claim (cue + content) in Document.text
    end: int
    hedged: bool = False
    stance: str = "assert"  # assert or deny
    text: str = ""  # doc.text[start:end]
    rule: str = ""
    frame: str = "say"  # say, deny, warn, accuse, demand, condemn, criticize, praise, describe, estimate
    target: str = ""  # whom or what the claim is about (the accused, the condemned), as written; "" when none
    target_entity_id: str | None = None
    via: str = ""  # the outlet or agency that relays the speaker's words in a chain; "" when none


class OffsetError(ValueError):
    """A record's text does not equal the document slice its offsets name."""


def check_offsets(doc: Document, records) -> None:
    """Raise OffsetError unless every record's text equals doc.text[start:end]."""
    for rec in records:
        if not (0 <= rec.start <= rec.end <= len(doc.text)):
            raise OffsetError(f"{type(rec).__name__} {rec.start}:{rec.end} outside document {doc.doc_id}")
        expected = doc.text[rec.start : rec.end]
        actual = getattr(rec, "text", None)
        if actual is not None and actual != "" and actual != expected:
            raise OffsetError(
                f"{type(rec).__name__} text {actual!r} != document slice {expected!r} in {doc.doc_id}"
            )
