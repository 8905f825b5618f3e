"""The records are the one source of the fact tables' columns: each table is its record's fields
(plus the passage that holds the fact), in types the Arrow schema accepts."""

from __future__ import annotations

from dataclasses import fields

import pyarrow as pa
import pytest

from data_pipeline.build import to_arrow
from data_pipeline.records import Claim, Mention, Passage, Quantity, TimelinePoint
from data_pipeline.rows import facts_to_rows
from data_pipeline.pipeline import process_document
from data_pipeline.records import Document
from data_pipeline.schemas import TABLES

RECORDS = {"passages": Passage, "mentions": Mention, "quantities": Quantity, "timeline": TimelinePoint, "claims": Claim}


@pytest.mark.parametrize("table", sorted(RECORDS))
def test_table_columns_are_the_record_fields(table):
    extra = [] if table == "passages" else ["passage_id"]
    assert sorted(TABLES[table].names) == sorted([f.name for f in fields(RECORDS[table])] + extra)


def test_rows_of_a_document_convert_to_every_schema():
    doc = Document("d1", "عنوان", "قال الرئيس الروسي فلاديمير بوتين يوم 18 يونيو 2024 إن 1500 جندي وصلوا إلى بيونغ يانغ.",
                   published="2024-06-18")
    rows = facts_to_rows(process_document(doc))
    for table, records in rows.items():
        assert records, table
        converted = to_arrow(table, pa.Table.from_pylist(records))
        assert converted.num_rows == len(records)
    assert all(isinstance(r["rule"], str) for t in ("mentions", "claims", "quantities", "timeline") for r in rows[t])
    (quantity,) = [q for q in rows["quantities"] if q["unit"] != "percent"]
    assert (quantity["value"], quantity["text"]) == (1500.0, doc.text[quantity["start"]:quantity["end"]])


def test_an_old_table_without_the_rule_column_is_read_with_the_default(tmp_path):
    import pyarrow.parquet as pq

    from data_pipeline.build import _read_arrow

    schema = TABLES["claims"].arrow()
    old = schema.empty_table().drop_columns(["rule"])
    pq.write_table(old, tmp_path / "claims.parquet")
    assert _read_arrow(tmp_path, "claims").column_names == TABLES["claims"].names
