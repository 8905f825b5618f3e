"""The tables Marsad writes: columns, Arrow types and a description of each.

This is the single source of the data dictionary: the writer checks every table
against it (strict: no missing and no extra columns) and the README's dictionary
is generated from it (``python -m data_pipeline.schemas``).
"""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa

OFFSET_NOTE = "Python string index into documents.text"


@dataclass(frozen=True)
class Column:
    name: str
    type: pa.DataType
    description: str
    nullable: bool = False
    default: object = None  # the value for rows of tables built before the column existed


@dataclass(frozen=True)
class TableSchema:
    name: str
    description: str
    columns: tuple[Column, ...]

    def arrow(self) -> pa.Schema:
        return pa.schema(
            [pa.field(c.name, c.type, nullable=c.nullable, metadata={"description": c.description}) for c in self.columns]
        )

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]


def _span(what: str) -> tuple[Column, ...]:
    return (
        Column("text", pa.string(), f"{what} exactly as written: documents.text[start:end]"),
        Column("start", pa.int64(), f"start of the {what}, {OFFSET_NOTE}"),
        Column("end", pa.int64(), f"end of the {what} (exclusive), {OFFSET_NOTE}"),
    )


RULE = Column(
    "rule", pa.string(), "id of the extraction rule that produced the row (docs/extractors.md lists them)", default=""
)

DOC_ID = Column("doc_id", pa.string(), "document identifier (documents.doc_id)")

TABLES: dict[str, TableSchema] = {
    t.name: t
    for t in (
        TableSchema(
            "documents",
            "One row per article read.",
            (
                DOC_ID,
                Column("title", pa.string(), "headline (metadata, or the first non-empty line of a text file)"),
                Column("source", pa.string(), "outlet, from metadata, the dateline or a title suffix", True),
                Column("published", pa.string(), "publication date, ISO YYYY-MM-DD", True),
                Column("url", pa.string(), "address of the article when known", True),
                Column("category", pa.string(), "the outlet's section or category when known", True),
                Column("author", pa.string(), "byline when known", True),
                Column("text", pa.string(), "the article text exactly as read; every offset indexes it"),
                Column("content_hash", pa.string(), "SHA-256 of title and text, for incremental builds"),
                Column("input_path", pa.string(), "file the article was read from"),
                Column("story_id", pa.string(),
                       "doc_id of the first copy of the same story (wire copies, syndicated and updated "
                       "versions: stories.py); its own doc_id when it has none", default=""),
                Column("story_minhash", pa.binary(),
                       "what story grouping compares: MinHash of the text's word 3-grams (64 uint32, empty "
                       "for a text under 20 words)", default=b""),
                Column("story_figures", pa.list_(pa.string()), "what story grouping compares: the numbers "
                       "written in digits", default=[]),
                Column("story_actors", pa.list_(pa.string()), "what story grouping compares: the entity ids "
                       "the document names", default=[]),
            ),
        ),
        TableSchema(
            "passages",
            "Sentences or short paragraphs, the unit an analyst reads and cites.",
            (
                DOC_ID,
                Column("passage_id", pa.string(), "passage identifier, unique in the corpus: doc_id:p<n>"),
                Column("start", pa.int64(), f"start of the passage, {OFFSET_NOTE}"),
                Column("end", pa.int64(), f"end of the passage (exclusive), {OFFSET_NOTE}"),
                Column("text", pa.string(), "the passage exactly as written: documents.text[start:end]"),
                Column("topics", pa.list_(pa.string()), "topic ids from the taxonomy (resources/topics.tsv)"),
            ),
        ),
        TableSchema(
            "mentions",
            "Each place an entity is named in a document.",
            (
                DOC_ID,
                Column("entity_id", pa.string(), "entity identifier (entities.entity_id)"),
                Column("type", pa.string(), "PERSON, ORG, GPE, LOC, FAC, EVENT or NORP"),
                *_span("mention"),
                Column("name_ar", pa.string(), "canonical Arabic name of the entity"),
                Column("name_en", pa.string(), "English name (gazetteer) or a transliteration"),
                Column("method", pa.string(), "how it was found: gazetteer, pattern, coreference or model"),
                RULE,
                Column("passage_id", pa.string(), "passage that contains the mention"),
            ),
        ),
        TableSchema(
            "entities",
            "One row per distinct actor, place or organisation across the corpus.",
            (
                Column("entity_id", pa.string(), "stable identifier: gazetteer id (Q-style slug) or a hash of the normalised name"),
                Column("type", pa.string(), "PERSON, ORG, GPE, LOC, FAC, EVENT or NORP"),
                Column("name_ar", pa.string(), "canonical Arabic name"),
                Column("name_en", pa.string(), "English name (gazetteer) or a transliteration"),
                Column("aliases", pa.list_(pa.string()), "distinct spellings found in the corpus"),
                Column("mentions", pa.int64(), "number of mentions in the corpus"),
                Column("documents", pa.int64(), "number of documents that mention it"),
                Column("known", pa.bool_(), "true when the entity comes from the shipped gazetteer"),
            ),
        ),
        TableSchema(
            "quantities",
            "Numbers with their units and what they count or measure.",
            (
                DOC_ID,
                Column("value", pa.float64(), "the number, multipliers applied (11 ألف -> 11000)"),
                Column("unit", pa.string(), "English singular unit: container, mm, day, dollar, egyptian_pound, percent, person, ... (pound: the article does not say which)"),
                Column("what", pa.string(), "the counted or measured thing, Arabic, as written (may be empty)"),
                *_span("quantity expression"),
                Column("approximate", pa.bool_(), "true when hedged by نحو، قرابة، أكثر من ..."),
                RULE,
                Column("passage_id", pa.string(), "passage that contains the quantity"),
            ),
        ),
        TableSchema(
            "timeline",
            "Dates placed on the calendar, relative ones resolved against the publication date.",
            (
                DOC_ID,
                Column("date", pa.string(), "ISO YYYY, YYYY-MM or YYYY-MM-DD (Gregorian)"),
                Column("precision", pa.string(), "year, month or day"),
                *_span("date expression"),
                Column("event", pa.string(), "the clause or sentence the date belongs to"),
                Column("actors", pa.list_(pa.string()), "entity ids mentioned in that clause or sentence"),
                Column("relative", pa.bool_(), "true when resolved against the publication date"),
                Column("calendar", pa.string(), "calendar as written: gregorian or hijri"),
                RULE,
                Column("passage_id", pa.string(), "passage that contains the date"),
            ),
        ),
        TableSchema(
            "claims",
            "Attributed statements: who said what, with hedges and denials kept.",
            (
                DOC_ID,
                Column("claim_id", pa.string(), "claim identifier, unique in the corpus: doc_id:c<n>"),
                Column("speaker", pa.string(), "the speaker as written (empty when unattributed)"),
                Column("speaker_entity_id", pa.string(), "entity id of the speaker when linked", True),
                Column("cue", pa.string(), "reporting verb or attribution phrase as written"),
                Column("content", pa.string(), "what was claimed: the quoted text or the إن/أن clause"),
                *_span("claim (cue, speaker and content)"),
                Column("hedged", pa.bool_(), "true when the claim is hedged (ربما، قد، إشاعات، يعتقد ...)"),
                Column("stance", pa.string(), "assert or deny"),
                RULE,
                Column("passage_id", pa.string(), "passage that contains the start of the claim"),
                Column("frame", pa.string(), "what the speaker does: say, deny, warn, accuse, demand, condemn, "
                       "criticize, praise, describe or estimate", default="say"),
                Column("target", pa.string(), "whom or what the claim is about (the accused, the condemned, the "
                       "described), as written; empty when not named", default=""),
                Column("target_entity_id", pa.string(), "entity id of the target when linked", True),
                Column("via", pa.string(), "the outlet or agency relaying the speaker's words (ذكرت صحيفة ... نقلا عن "
                       "مسؤول: the newspaper); empty when none", default=""),
            ),
        ),
    )
}


def data_dictionary_markdown() -> str:
    """The README's data dictionary, generated from TABLES."""
    out = []
    for table in TABLES.values():
        out.append(f"### `{table.name}`\n\n{table.description}\n\n| column | type | description |\n|---|---|---|")
        for c in table.columns:
            null = " (nullable)" if c.nullable else ""
            out.append(f"| `{c.name}` | {c.type}{null} | {c.description} |")
        out.append("")
    return "\n".join(out)


if __name__ == "__main__":
    print(data_dictionary_markdown())
