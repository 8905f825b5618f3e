"""The dashboard's questions to the tables, as DuckDB SQL over the Parquet files.

Pure module (no Streamlit): every function takes a DuckDB connection (or a
cursor of one) and returns small pandas frames or plain values. Nothing here
loads a whole table: the views read ``read_parquet`` lazily, counts and
aggregates run in SQL, row tables come back with a ``LIMIT``, and passage
text is fetched only for the passages on screen (``documents.text`` is never
read at all).

Filtering is one query: ``selection_sql`` turns a ``Filters`` value into a
``SELECT passage_id, doc_id FROM passages ...`` with the same semantics as
the pandas reference in ``tests/dashboard/oracle.py`` (``apply``, checked in tests/dashboard/test_query.py).
Its result (an Arrow table of the kept passage ids, "the selection") is
computed once per filter value by the caller and handed back to every other
query, which registers it on its own cursor as ``kept``. ``sel=None`` means
"no filter": every row of every table.

Row order: each view carries ``_file`` and ``_row`` (file name and row number in
it), so "ORDER BY _file, _row" gives the order the pipeline wrote, as pandas would.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa

from dashboard.filters import FILE_ORDER, ISO_DATE, PASSAGE_SORTS, TABLE_NAMES, Filters, text_pattern
from data_pipeline.schemas import TABLES
from data_pipeline.text_index import index_passage_count, index_path, search_text

ORDER = "_file, _row"
ISO_SQL = ISO_DATE  # RE2 and Python agree on this pattern
# Upper bound added to date_to so a published value with a time still counts on its day.
DAY_END = "\uffff"


# ---------------------------------------------------------------- connection


def parquet_glob(folder: Path | str, name: str) -> str | None:
    """What ``read_parquet`` should read for ``name``: the file, the part files of a folder, or None."""
    path = Path(folder) / f"{name}.parquet"
    if path.is_dir():
        return str(path / "*.parquet") if any(path.glob("*.parquet")) else None
    return str(path) if path.exists() else None


def _sql_str(value: str) -> str:
    return "'" + str(value).replace("'", "''") + "'"


def _empty_arrow(name: str) -> pa.Table:
    schema = pa.schema([(c.name, c.type) for c in TABLES[name].columns])
    return schema.empty_table()


def connect(folder: Path | str, threads: int | None = None) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with one view per table over ``<folder>/<table>.parquet``.

    Missing tables become empty tables with the schema's columns. Use
    ``con.cursor()`` per thread (a Streamlit server shares one connection).
    """
    con = duckdb.connect(":memory:")
    if threads:
        con.execute(f"SET threads = {int(threads)}")
    for name in TABLE_NAMES:
        glob = parquet_glob(folder, name)
        if glob is not None:
            source = f"read_parquet({_sql_str(glob)}, filename = true, file_row_number = true, union_by_name = true)"
            con.execute(
                f"CREATE VIEW {name} AS SELECT * EXCLUDE (filename, file_row_number), "
                f"filename AS _file, file_row_number AS _row{_added_columns(con, name, source)} FROM {source}"
            )
        else:
            empty = _empty_arrow(name)  # noqa: F841 - read by DuckDB's replacement scan
            con.execute(f"CREATE TABLE {name} AS SELECT *, ''::VARCHAR AS _file, 0::BIGINT AS _row FROM empty")
    return con


def _added_columns(con, name: str, source: str) -> str:
    """Columns the schema gained since the files were written (``Column.default``), as constants."""
    have = {row[0] for row in con.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()}
    return "".join(
        f", {'NULL::VARCHAR' if c.default is None else _sql_str(c.default)} AS {c.name}"
        for c in TABLES[name].columns
        # strings only: the dashboard reads no list or binary column that old tables lack (a nullable
        # string without a default, claims.target_entity_id, reads as NULL)
        if (isinstance(c.default, str) or c.default is None and c.nullable and c.type == pa.string())
        and c.name not in have
    )


def columns(con, name: str) -> list[str]:
    return [r[0] for r in con.execute(f"DESCRIBE {name}").fetchall() if not r[0].startswith("_")]


# ---------------------------------------------------------------- the selection


def _in(column: str, values: Sequence[str], params: list) -> str:
    params.extend(values)
    return f"{column} IN ({', '.join('?' for _ in values)})"


def _outlet_date_clauses(filters: Filters, params: list) -> list[str]:
    """WHERE clauses on the documents ``d`` for ``filters``' outlets and publication dates (an ISO
    date is required once a date bound is set); their parameters are appended to ``params`` in order."""
    where = []
    if filters.outlets:
        where.append(_in("d.source", filters.outlets, params))
    if filters.date_from or filters.date_to:
        where.append("regexp_matches(d.published, ?)")
        params.append(ISO_SQL)
        if filters.date_from:
            where.append("d.published >= ?")
            params.append(filters.date_from)
        if filters.date_to:
            where.append("d.published <= ?")
            params.append(filters.date_to + DAY_END)
    return where


def selection_sql(filters: Filters, text_hits: bool = False) -> tuple[str, list]:
    """SQL (and its parameters) for the kept passages: columns passage_id, doc_id, in file order.

    Same semantics as the reference ``oracle.apply`` (tests): outlet, document and date act through
    the passage's document (a passage of an unknown document is dropped by
    them); actor and entity type keep passages with a matching mention (with
    ``actor_mode="all"``, a mention of every chosen actor in the passage); topic
    uses ``list_has_any``; text is ``filters.text_pattern`` (RE2) searched in
    the original passage text, or, with ``text_hits``, the passages of the registered Arrow
    table ``text_hits`` (the ids the text index found for the same query: ``select_passages``).
    """
    where, params = [], []
    if filters.docs:
        where.append("d.doc_id IS NOT NULL AND " + _in("p.doc_id", filters.docs, params))
    where += _outlet_date_clauses(filters, params)
    for values, column in ((filters.actors, "entity_id"), (filters.types, "type")):
        if values:
            sub = f"SELECT m.passage_id FROM mentions m WHERE {_in(f'm.{column}', values, params)}"
            if column == "entity_id" and filters.actor_mode == "all":
                # Passages where every chosen actor is named (the ids are distinct: Filters de-duplicates).
                sub += f" GROUP BY m.passage_id HAVING count(DISTINCT m.entity_id) = {len(values)}"
            where.append(f"p.passage_id IN ({sub})")
    if filters.topics:
        where.append(f"list_has_any(p.topics, [{', '.join('?' for _ in filters.topics)}]::VARCHAR[])")
        params.extend(filters.topics)
    pattern = text_pattern(filters.text) if filters.text else None
    if pattern and text_hits:
        where.append("p.passage_id IN (SELECT passage_id FROM text_hits)")
    elif pattern:
        where.append("regexp_matches(p.text, ?)")
        params.append(pattern)
    join = ""
    if filters.outlets or filters.docs or filters.date_from or filters.date_to:
        docs = "(SELECT doc_id, first(source) AS source, first(published) AS published FROM documents GROUP BY doc_id)"
        join = f" LEFT JOIN {docs} d ON d.doc_id = p.doc_id"
    sql = f"SELECT p.passage_id, p.doc_id FROM passages p{join}"
    if where:
        sql += " WHERE " + " AND ".join(f"({w})" for w in where)
    return sql + " ORDER BY p._file, p._row", params


def usable_text_index(con, folder: Path | str) -> Path | None:
    """The text index of ``folder`` when it describes these passages, else None (use the regex scan).

    Tables built before the index existed have none; an index whose passage count differs from
    the passages table (files copied by hand) would give other answers than the scan."""
    path = index_path(folder)
    held = index_passage_count(path)
    if held is None:
        return None
    ((rows,),) = con.cursor().execute("SELECT count(*) FROM passages").fetchall()
    return path if held == rows else None


def select_passages(con, filters: Filters, text_index: Path | str | None = None) -> pa.Table | None:
    """The kept passages as an Arrow table (passage_id, doc_id), or None when nothing filters.

    With ``text_index`` (a ``passages_fts.sqlite`` of these passages, see
    ``data_pipeline.text_index``) the text filter is answered by the index instead of a regex
    scan of every passage's text; same passages either way.
    Event dates do not pick passages (they cut the timeline rows, see ``event_clause``)."""
    filters = filters.passage_filters
    if not filters.active:
        return None
    cur = con.cursor()
    hits = search_text(text_index, filters.text) if (text_index and filters.text) else None
    if hits is not None:
        text_hits = pa.table({"passage_id": pa.array(hits, pa.string())})
        cur.register("text_hits", text_hits)
    sql, params = selection_sql(filters, text_hits=hits is not None)
    return cur.sql(sql, params=params).to_arrow_table()


def _cursor(con, sel: pa.Table | None):
    cur = con.cursor()
    if sel is not None:
        cur.register("kept", sel)
    return cur


def _kept_clause(sel, alias: str) -> str:
    """A WHERE fragment keeping rows of ``alias`` whose passage is kept ('' without a filter)."""
    return "" if sel is None else f"{alias}.passage_id IN (SELECT passage_id FROM kept)"


def _where(*parts: str) -> str:
    parts = [p for p in parts if p]
    return (" WHERE " + " AND ".join(parts)) if parts else ""


def _type_clause(types: Sequence[str], alias: str, params: list) -> str:
    return _in(f"{alias}.type", list(types), params) if types else ""


# ---------------------------------------------------------------- dataset facets (once per version)


def facets(con) -> dict:
    """Topics, outlets, entity types present and the publication date range of the whole dataset."""
    cur = con.cursor()
    topics = [r[0] for r in cur.execute(
        "SELECT DISTINCT t FROM (SELECT unnest(topics) AS t FROM passages) WHERE t IS NOT NULL AND t <> '' ORDER BY t"
    ).fetchall()]
    outlets = [r[0] for r in cur.execute(
        "SELECT DISTINCT source FROM documents WHERE source IS NOT NULL AND source <> '' ORDER BY source"
    ).fetchall()]
    lo, hi = cur.execute(
        "SELECT min(published), max(published) FROM documents WHERE regexp_matches(published, ?)", [ISO_SQL]
    ).fetchone()
    return {"topics": tuple(topics), "outlets": tuple(outlets), "date_min": lo, "date_max": hi}


# ---------------------------------------------------------------- counts and aggregates


# A document's story (``documents.story_id``: near-duplicates grouped at build time), its own doc_id
# when it has none or the tables predate the column.
STORY_SQL = "coalesce(nullif(story_id, ''), doc_id)"
# The documents of ``d`` (columns doc_id, story, published) that are the first copy of their story
# among them: a story counts once, on the day (and at the outlet) of its first copy.
_FIRST_COPY_SQL = "row_number() OVER (PARTITION BY d.story ORDER BY d.published NULLS LAST, d.doc_id) = 1"


def _documents_sql(where: str = "") -> str:
    """One row per document (doc_id, source, published, story), ``where`` applied before grouping."""
    return (f"SELECT doc_id, first(source) AS source, first(published) AS published, first({STORY_SQL}) AS story "
            f"FROM documents {where} GROUP BY doc_id")


def summary(con, sel: pa.Table | None, types: Sequence[str] = ()) -> dict:
    """Counts of the filtered view: passages, documents, entities (with mentions), claims, quantities,
    and the first/last ISO publication date of the kept documents."""
    cur = _cursor(con, sel)
    out = {}
    if sel is None:
        out["passages"] = cur.execute("SELECT count(*) FROM passages").fetchone()[0]
        out["documents"] = cur.execute("SELECT count(*) FROM documents").fetchone()[0]
        docs = "documents"
    else:
        out["passages"] = sel.num_rows
        docs = "(SELECT * FROM documents WHERE doc_id IN (SELECT doc_id FROM kept))"
        out["documents"] = cur.execute(f"SELECT count(*) FROM {docs}").fetchone()[0]
    out["stories"] = cur.execute(f"SELECT count(DISTINCT {STORY_SQL}) FROM {docs}").fetchone()[0]
    for name in ("claims", "quantities"):
        out[name] = cur.execute(f"SELECT count(*) FROM {name} f{_where(_kept_clause(sel, 'f'))}").fetchone()[0]
    params: list = []
    where = _where(_kept_clause(sel, "m"), _type_clause(types, "m", params), "m.entity_id IS NOT NULL")
    out["entities"] = cur.execute(f"SELECT count(DISTINCT m.entity_id) FROM mentions m{where}", params).fetchone()[0]
    lo, hi = cur.execute(
        f"SELECT min(published), max(published) FROM {docs} WHERE regexp_matches(published, ?)", [ISO_SQL]
    ).fetchone()
    out["date_min"], out["date_max"] = lo, hi
    return out


ENTITY_COLUMNS = ["entity_id", "type", "name_ar", "name_en", "aliases", "known", "mentions", "documents"]


def entity_counts(
    con, sel: pa.Table | None, types: Sequence[str] = (), limit: int | None = None, ids: Sequence[str] | None = None
) -> pd.DataFrame:
    """Entities with mention and document counts over the kept mentions, most mentioned first
    (ties: more documents, then entity id), like the reference ``oracle._entity_counts`` (tests).

    Names and type come from the entities table, else from the entity's first mention.
    ``ids`` restricts the result to those entities (counts still over the kept mentions).
    """
    cur = _cursor(con, sel)
    params: list = []
    where = _where(
        _kept_clause(sel, "m"), _type_clause(types, "m", params), "m.entity_id IS NOT NULL",
        _in("m.entity_id", list(ids), params) if ids else "",
    )
    sql = f"""
    WITH c0 AS (
        SELECT m.entity_id, count(*) AS mentions, count(DISTINCT m.doc_id) AS documents,
               -- the first mention's type and names, in file order (one ordering for the three)
               arg_min(struct_pack(t := m.type, a := m.name_ar, e := m.name_en), (m._file, m._row)) AS first
        FROM mentions m{where} GROUP BY m.entity_id
    ), c AS (
        SELECT entity_id, mentions, documents, first.t AS m_type, first.a AS m_name_ar, first.e AS m_name_en FROM c0
    ), e AS (
        SELECT entity_id, first(type) AS type, first(name_ar) AS name_ar, first(name_en) AS name_en,
               first(aliases) AS aliases, first(known) AS known
        FROM entities GROUP BY entity_id
    )
    SELECT c.entity_id,
           CASE WHEN e.entity_id IS NULL OR e.name_ar IS NULL THEN coalesce(e.type, c.m_type) ELSE e.type END AS type,
           CASE WHEN e.entity_id IS NULL OR e.name_ar IS NULL THEN c.m_name_ar ELSE e.name_ar END AS name_ar,
           CASE WHEN e.entity_id IS NULL OR e.name_ar IS NULL THEN coalesce(e.name_en, c.m_name_en) ELSE e.name_en END
               AS name_en,
           e.aliases, e.known, c.mentions, c.documents
    FROM c LEFT JOIN e ON e.entity_id = c.entity_id
    ORDER BY c.mentions DESC, c.documents DESC, c.entity_id
    """
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    df = cur.execute(sql, params).df()
    df["mentions"] = df["mentions"].astype("int64")
    df["documents"] = df["documents"].astype("int64")
    return df[ENTITY_COLUMNS]


def topic_counts(con, sel: pa.Table | None) -> pd.DataFrame:
    """Passages per (month of publication, topic) of the kept passages: period, topic, passages, documents.

    Same numbers as ``charts.topic_counts(..., "M")`` (a passage counts once per topic,
    undated articles are left out); labels are added by the caller.
    """
    cur = _cursor(con, sel)
    sql = f"""
    WITH d AS (SELECT doc_id, first(published) AS published FROM documents GROUP BY doc_id),
    p AS (
        SELECT DISTINCT p.passage_id, p.doc_id, unnest(p.topics) AS topic
        FROM passages p{_where(_kept_clause(sel, 'p'))}
    )
    SELECT substr(trim(d.published), 1, 7) AS period, p.topic, count(*) AS passages,
           count(DISTINCT p.doc_id) AS documents
    FROM p JOIN d ON d.doc_id = p.doc_id
    WHERE p.topic IS NOT NULL AND p.topic <> '' AND length(substr(trim(d.published), 1, 7)) = 7
    GROUP BY ALL ORDER BY period, topic
    """
    df = cur.execute(sql).df()
    for c in ("passages", "documents"):
        df[c] = df[c].astype("int64")
    return df


def mentions_of(con, sel: pa.Table | None, entity_ids: Sequence[str], types: Sequence[str] = ()) -> pd.DataFrame:
    """Kept mentions of ``entity_ids`` (doc_id, passage_id, entity_id, type, name_ar, name_en), file order."""
    if not len(entity_ids):
        return pd.DataFrame(columns=["doc_id", "passage_id", "entity_id", "type", "name_ar", "name_en"])
    cur = _cursor(con, sel)
    params: list = []
    where = _where(_kept_clause(sel, "m"), _type_clause(types, "m", params), _in("m.entity_id", list(entity_ids), params))
    return cur.execute(
        f"SELECT m.doc_id, m.passage_id, m.entity_id, m.type, m.name_ar, m.name_en FROM mentions m{where} ORDER BY {ORDER}",
        params,
    ).df()


def co_mentions(con, sel: pa.Table | None, entity_ids: Sequence[str], types: Sequence[str] = ()) -> pd.DataFrame:
    """Pairs of ``entity_ids`` named in the same kept passage: source_id < target_id, weight (distinct
    passages naming both), strongest first (ties by ids). Same numbers as ``charts.cooccurrence_pairs``."""
    cols = ["source_id", "target_id", "weight"]
    if len(entity_ids) < 2:
        return pd.DataFrame({c: pd.Series(dtype="int64" if c == "weight" else object) for c in cols})
    cur = _cursor(con, sel)
    params: list = []
    where = _where(_kept_clause(sel, "m"), _type_clause(types, "m", params), _in("m.entity_id", list(entity_ids), params))
    df = cur.execute(
        f"""
        WITH m AS (SELECT DISTINCT m.passage_id, m.entity_id FROM mentions m{where})
        SELECT a.entity_id AS source_id, b.entity_id AS target_id, count(*) AS weight
        FROM m a JOIN m b ON a.passage_id = b.passage_id AND a.entity_id < b.entity_id
        GROUP BY ALL ORDER BY weight DESC, source_id, target_id
        """,
        params,
    ).df()
    df["weight"] = df["weight"].astype("int64")
    return df[cols]


def co_mentioned_with(
    con, sel: pa.Table | None, entity_id: str, types: Sequence[str] = (), limit: int = 25
) -> list[str]:
    """The ``limit`` actors named most often in the kept passages that name ``entity_id`` (most
    passages first, ties by id), without ``entity_id`` itself: the neighbours of an ego network."""
    cur = _cursor(con, sel)
    params: list = [entity_id]
    centre_where = _where(_kept_clause(sel, "c"), "c.entity_id = ?")
    where = _where(_type_clause(types, "m", params), "m.entity_id IS NOT NULL", "m.entity_id <> ?")
    params.append(entity_id)
    rows = cur.execute(
        f"""
        WITH c AS (SELECT DISTINCT c.passage_id FROM mentions c{centre_where})
        SELECT m.entity_id FROM mentions m JOIN c ON c.passage_id = m.passage_id{where}
        GROUP BY m.entity_id ORDER BY count(DISTINCT m.passage_id) DESC, m.entity_id LIMIT {int(limit)}
        """,
        params,
    ).fetchall()
    return [r[0] for r in rows]


# ---------------------------------------------------------------- timeline


def _event_days_sql(alias: str) -> tuple[str, str, str]:
    """SQL for (first day, last day, is valid) of a timeline row's date, as the reference ``oracle.event_days``."""
    d = f"substr(trim({alias}.date), 1, 10)"
    year = f"({alias}.precision = 'year' OR length({d}) = 4)"
    month = f"({alias}.precision = 'month' OR length({d}) = 7)"
    first = f"CASE WHEN {year} THEN substr({d}, 1, 4) || '-01-01' WHEN {month} THEN substr({d}, 1, 7) || '-01' ELSE {d} END"
    last = f"CASE WHEN {year} THEN substr({d}, 1, 4) || '-12-31' WHEN {month} THEN substr({d}, 1, 7) || '-31' ELSE {d} END"
    valid = f"coalesce(regexp_full_match({d}, '\\d{{4}}(-\\d{{2}}){{0,2}}') AND try_cast({first} AS DATE) IS NOT NULL, false)"
    return first, last, valid


def event_clause(filters: Filters | None, alias: str, params: list) -> str:
    """A WHERE fragment keeping timeline rows whose date overlaps the filters' event dates
    ('' when none is set); same semantics as the reference ``oracle.event_mask`` (tests)."""
    if filters is None or not filters.has_event_dates:
        return ""
    first, last, valid = _event_days_sql(alias)
    parts = [valid]
    if filters.event_from:
        parts.append(f"{last} >= ?")
        params.append(filters.event_from)
    if filters.event_to:
        parts.append(f"{first} <= ?")
        params.append(filters.event_to)
    return " AND ".join(f"({p})" for p in parts)


def timeline_date_counts(con, sel: pa.Table | None, filters: Filters | None = None) -> pd.DataFrame:
    """How many kept timeline rows carry each (date, precision): date, precision, points.

    All that ``time_window`` needs to place the default window, without bringing every row to pandas.
    """
    cur = _cursor(con, sel)
    params: list = []
    where = _where(_kept_clause(sel, "t"), event_clause(filters, "t", params))
    df = cur.execute(
        f"SELECT t.date, t.precision, count(*) AS points FROM timeline t{where} GROUP BY ALL ORDER BY ALL", params
    ).df()
    df["points"] = df["points"].astype("int64")
    return df


TIMELINE_POINT_COLUMNS = ["date", "precision", "text", "event", "actors", "rule", "passage_id", "doc_id"]


def timeline_points(
    con, sel: pa.Table | None, filters: Filters | None = None, limit: int | None = None
) -> tuple[pd.DataFrame, int]:
    """Kept timeline rows, one per point, sorted by date (a year before its months, a month before
    its days; ties in file order), at most ``limit``; and how many are kept in all."""
    cur = _cursor(con, sel)
    params: list = []
    where = _where(_kept_clause(sel, "t"), event_clause(filters, "t", params))
    total = cur.execute(f"SELECT count(*) FROM timeline t{where}", params).fetchone()[0]
    names = ", ".join(f't."{c}"' for c in TIMELINE_POINT_COLUMNS)
    sql = f"SELECT {names} FROM timeline t{where} ORDER BY substr(trim(t.date), 1, 10), t._file, t._row"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return cur.execute(sql, params).df(), int(total)


def publication_months(con, sel: pa.Table | None) -> pd.DataFrame:
    """Kept documents per month of publication (period YYYY-MM, documents), undated ones left out."""
    cur = _cursor(con, sel)
    docs = "documents" if sel is None else "(SELECT * FROM documents WHERE doc_id IN (SELECT doc_id FROM kept))"
    df = cur.execute(
        f"SELECT substr(trim(published), 1, 7) AS period, count(DISTINCT doc_id) AS documents FROM {docs} "
        f"WHERE regexp_matches(published, ?) GROUP BY ALL ORDER BY period",
        [ISO_SQL],
    ).df()
    df["documents"] = df["documents"].astype("int64")
    return df


# ---------------------------------------------------------------- rows


def fact_rows(
    con, table: str, sel: pa.Table | None, limit: int | None = None, cols: Iterable[str] | None = None
) -> tuple[pd.DataFrame, int]:
    """The first ``limit`` kept rows of a fact table in file order, and how many rows are kept in all."""
    cur = _cursor(con, sel)
    where = _where(_kept_clause(sel, "f"))
    total = cur.execute(f"SELECT count(*) FROM {table} f{where}").fetchone()[0]
    names = ", ".join(f'f."{c}"' for c in (cols or columns(con, table)))
    sql = f"SELECT {names} FROM {table} f{where} ORDER BY {ORDER}"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return cur.execute(sql).df(), int(total)


# Claims: the speaker key is the resolved entity when there is one, else the speaker as written
# ('' for neither: junk, shown last). Sorts the claims page offers; the first is the default.
CLAIM_SORTS = ("newest", "speaker", "document")
# What a claim's speaker does (claims.frame, data_pipeline/resources/reporting_verbs.tsv column frame).
CLAIM_FRAMES = ("say", "deny", "warn", "accuse", "demand", "condemn", "criticize", "praise", "describe", "estimate")
_SPEAKER_KEY = "coalesce(nullif(trim(f.speaker_entity_id), ''), nullif(trim(f.speaker), ''), '')"
# One row per document (the table may repeat a doc_id), with a sortable date: NULL unless ISO.
_DOCS_SQL = (
    "(SELECT doc_id, first(title) AS title, first(source) AS source, first(published) AS published, "
    "CASE WHEN regexp_matches(first(published), '{iso}') THEN first(published) END AS sort_date "
    "FROM documents GROUP BY doc_id)"
)
_CLAIM_ORDER = {
    "newest": "d.sort_date DESC NULLS LAST, f.doc_id, f.start",
    "speaker": f"({_SPEAKER_KEY} = ''), lower(coalesce(e.name_en, f.speaker)), d.sort_date DESC NULLS LAST, f.start",
    "document": "d.title NULLS LAST, f.doc_id, f.start",
}


def _docs_sql() -> str:
    return _DOCS_SQL.format(iso=ISO_SQL.replace("'", "''"))


def speaker_counts(con, sel: pa.Table | None, limit: int) -> pd.DataFrame:
    """The ``limit`` most frequent speakers of the kept claims: key, entity_id, name_ar, name_en,
    speaker (its commonest spelling), claims; the empty speaker (junk) last whatever its count."""
    cur = _cursor(con, sel)
    sql = f"""
    WITH c AS (SELECT {_SPEAKER_KEY} AS key, f.speaker_entity_id, f.speaker FROM claims f{_where(_kept_clause(sel, 'f'))})
    SELECT c.key, first(c.speaker_entity_id) AS entity_id, first(e.name_ar) AS name_ar, first(e.name_en) AS name_en,
           mode(c.speaker) AS speaker, count(*) AS claims
    FROM c LEFT JOIN entities e ON e.entity_id = c.speaker_entity_id
    GROUP BY c.key ORDER BY (c.key = ''), claims DESC, c.key LIMIT {int(limit)}
    """
    return cur.execute(sql).df()


def claim_rows(
    con, sel: pa.Table | None, speakers: Sequence[str] = (), sort: str = "newest", limit: int | None = None,
    frames: Sequence[str] = (),
) -> tuple[pd.DataFrame, int]:
    """Kept claims said by any of ``speakers`` (keys of ``speaker_counts``; none: every speaker) in any of
    ``frames`` (CLAIM_FRAMES; none: every frame), with their document's title, source and published date,
    in ``sort`` order (CLAIM_SORTS: newest first, by speaker, by document; ties by position in the
    article); and how many in all."""
    if sort not in _CLAIM_ORDER:
        raise ValueError(f"unknown claim sort {sort!r}; expected one of {CLAIM_SORTS}")
    cur = _cursor(con, sel)
    params: list = []
    where = _where(_kept_clause(sel, "f"), _in(_SPEAKER_KEY, list(speakers), params) if speakers else "",
                   _in("f.frame", list(frames), params) if frames else "")
    total = cur.execute(f"SELECT count(*) FROM claims f{where}", params).fetchone()[0]
    names = ", ".join(f'f."{c}"' for c in columns(con, "claims"))
    # Entity names are needed only to order by speaker.
    names_join = (
        " LEFT JOIN (SELECT entity_id, first(name_en) AS name_en FROM entities GROUP BY entity_id) e"
        " ON e.entity_id = f.speaker_entity_id"
    ) if sort == "speaker" else ""
    sql = (
        f"SELECT {names}, d.title, d.source, d.published FROM claims f LEFT JOIN {_docs_sql()} d ON d.doc_id = f.doc_id"
        f"{names_join}{where} ORDER BY {_CLAIM_ORDER[sort]}"
    )
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return cur.execute(sql, params).df(), int(total)


def timeline_lane_rows(
    con,
    sel: pa.Table | None,
    lanes: str,
    chosen: Sequence[str] = (),
    max_lanes: int = 30,
    max_points: int = 5000,
    filters: Filters | None = None,
    prefer: tuple[str, str] | None = None,
) -> pd.DataFrame:
    """Kept timeline rows, one per (row, lane), for the ``max_lanes`` busiest lanes only.

    ``lane_id`` is an entity id (``lanes="actor"``: the row's actors) or a topic id (``"topic"``: the
    topics of its passage), "" for a row with none; a lane repeated in a row counts once. ``chosen``
    lane ids come first, then the busiest (ties by id). At most ``max_points`` rows, in file order;
    ``prefer`` = (first day, last day) ISO: when rows must be cut, those whose date overlaps it are
    kept first (the window the chart opens on). ``filters``' event dates cut the rows.
    ``lane_points`` is the lane's number of kept rows before the cut (its weight: lanes are sorted by it).
    Counting and cutting happen here, so only the rows drawn leave DuckDB (the same rows as
    ``charts.timeline_lanes`` on all kept rows, cut the same way).
    """
    if lanes not in ("actor", "topic"):
        raise ValueError(f"lanes must be 'actor' or 'topic', not {lanes!r}")
    cur = _cursor(con, sel)
    names = ", ".join(f't."{c}"' for c in columns(con, "timeline"))
    source = "t.actors" if lanes == "actor" else "p.topics"
    join = "" if lanes == "actor" else "LEFT JOIN passages p ON p.passage_id = t.passage_id"
    params: list = []
    events = event_clause(filters, "t", params)
    first = f"CASE WHEN {_in('lane_id', list(chosen), params)} THEN 0 ELSE 1 END, " if chosen else ""
    window = ""
    if prefer is not None:
        day_first, day_last, _ = _event_days_sql("k")
        window = f"CASE WHEN {day_last} >= ? AND {day_first} <= ? THEN 0 ELSE 1 END, "
        params.extend(prefer)
    sql = f"""
    WITH kept AS (
        SELECT {names}, t._file, t._row, {source} AS lane_list
        FROM timeline t {join}{_where(_kept_clause(sel, 't'), events)}
    ),
    named AS (
        SELECT DISTINCT _file, _row, lane_id FROM (SELECT _file, _row, UNNEST(lane_list) AS lane_id FROM kept)
        WHERE lane_id IS NOT NULL AND lane_id <> ''
    ),
    pairs AS (
        SELECT _file, _row, lane_id FROM named
        UNION ALL
        SELECT k._file, k._row, '' AS lane_id FROM kept k LEFT JOIN named n ON n._file = k._file AND n._row = k._row
        WHERE n._row IS NULL
    ),
    top AS (
        SELECT lane_id, count(*) AS lane_points FROM pairs GROUP BY lane_id
        ORDER BY {first}count(*) DESC, lane_id LIMIT {int(max_lanes)}
    )
    SELECT {", ".join(f'k."{c}"' for c in columns(con, "timeline"))}, pairs.lane_id, top.lane_points
    FROM pairs JOIN top USING (lane_id) JOIN kept k USING (_file, _row)
    ORDER BY {window}k._file, k._row, pairs.lane_id
    LIMIT {int(max_points)}
    """
    return cur.execute(sql, params).df()


PASSAGE_COLUMNS = ["doc_id", "passage_id", "start", "end", "text", "topics"]
# What an exported passage carries from its document, so it can be cited.
CITATION_COLUMNS = ["title", "source", "published", "url"]


# "relevance" ranks by the filter: the number of chosen actors a passage names, then the text
# query's BM25 score (``text_scores``), then the chosen actors' mentions; ties newest first.
# Same order as the reference ``oracle.sort_passages`` (tests/dashboard/oracle.py, checked in tests/dashboard/test_query.py).
_DATE_SORT = {"newest": "d.sort_date DESC NULLS LAST", "oldest": "d.sort_date ASC NULLS LAST"}


def passage_order_sql(sort: str, actors: Sequence[str] = (), scored: bool = False) -> tuple[str, str, list]:
    """(joins, ORDER BY list, parameters) putting passages ``p`` in ``sort`` order (PASSAGE_SORTS or FILE_ORDER).

    Undated documents come last in both date orders; ties keep file order, so the passages of one
    article stay together and in reading order. ``relevance`` uses ``actors`` (the chosen entity ids)
    and, with ``scored``, a registered Arrow table ``text_scores`` (passage_id, score: lower is better,
    as SQLite's bm25); without either it is ``newest``.
    """
    if sort == FILE_ORDER:
        return "", "p._file, p._row", []
    if sort not in PASSAGE_SORTS:
        raise ValueError(f"unknown passage sort {sort!r}; expected one of {PASSAGE_SORTS}")
    joins = f" LEFT JOIN {_docs_sql()} d ON d.doc_id = p.doc_id"
    order, params = [], []
    if sort == "relevance" and actors:
        sub = (
            "SELECT m.passage_id, count(DISTINCT m.entity_id) AS named, count(*) AS mentioned FROM mentions m "
            f"WHERE {_in('m.entity_id', list(actors), params)} GROUP BY m.passage_id"
        )
        joins += f" LEFT JOIN ({sub}) a ON a.passage_id = p.passage_id"
        order.append("a.named DESC NULLS LAST")
    if sort == "relevance" and scored:
        joins += " LEFT JOIN (SELECT passage_id, min(score) AS score FROM text_scores GROUP BY passage_id) s" \
                 " ON s.passage_id = p.passage_id"
        order.append("s.score ASC NULLS LAST")
    if sort == "relevance" and actors:
        order.append("a.mentioned DESC NULLS LAST")
    order += [_DATE_SORT.get(sort, _DATE_SORT["newest"]), "p._file", "p._row"]
    return joins, ", ".join(order), params


def passage_page(
    con, sel: pa.Table | None, offset: int, limit: int, sort: str = PASSAGE_SORTS[0], actors: Sequence[str] = (),
    text_scores: pa.Table | None = None,
) -> pd.DataFrame:
    """One page of kept passages, with their text, in ``sort`` order (``passage_order_sql``; newest
    first by default).

    Two steps: the order is decided on ids, dates and scores alone, then only the page's passages
    are read with their text (sorting 470,000 passages with their text took a second a page)."""
    cur = _cursor(con, sel)
    if text_scores is not None:
        cur.register("text_scores", text_scores)
    joins, order, params = passage_order_sql(sort, actors, text_scores is not None)
    sql = (
        f"SELECT p.passage_id FROM passages p{joins}{_where(_kept_clause(sel, 'p'))} "
        f"ORDER BY {order} LIMIT ? OFFSET ?"
    )
    ids = [r[0] for r in cur.execute(sql, [*params, int(limit), int(offset)]).fetchall()]
    rows = passages_by_id(con, ids)
    position = {pid: i for i, pid in enumerate(ids)}
    rows = rows.drop_duplicates("passage_id")
    return rows.iloc[rows["passage_id"].map(position).argsort()].reset_index(drop=True)


def cite_passages(con, passages: pd.DataFrame) -> pd.DataFrame:
    """``passages`` with what a citation needs from their document: title, source, published, url
    (None where the document or the column is missing), in the passages' order."""
    have = set(columns(con, "documents"))
    wanted = [c for c in CITATION_COLUMNS if c in have]
    doc_ids = sorted(passages["doc_id"].astype(str).unique()) if len(passages) else []
    docs = pd.DataFrame(columns=["doc_id", *wanted])
    if doc_ids:
        params: list = []
        names = ", ".join(f'first("{c}") AS "{c}"' for c in wanted)
        docs = con.cursor().execute(
            f"SELECT doc_id, {names} FROM documents WHERE {_in('doc_id', doc_ids, params)} GROUP BY doc_id", params
        ).df()
    out = passages.merge(docs, on="doc_id", how="left")
    for c in CITATION_COLUMNS:
        if c not in out:
            out[c] = None
    return out


def passages_by_id(con, passage_ids: Sequence[str]) -> pd.DataFrame:
    names = ", ".join(f'p."{c}"' for c in PASSAGE_COLUMNS)
    if not len(passage_ids):
        return pd.DataFrame(columns=PASSAGE_COLUMNS)
    params: list = []
    where = _in("p.passage_id", list(passage_ids), params)
    return con.cursor().execute(f"SELECT {names} FROM passages p WHERE {where} ORDER BY {ORDER}", params).df()


def facts_for_docs(con, doc_ids: Sequence[str]) -> dict[str, pd.DataFrame]:
    """Every fact (mentions, quantities, timeline, claims) of the given documents, for highlighting."""
    cur = con.cursor()
    out = {}
    for name in ("mentions", "quantities", "timeline", "claims"):
        params: list = []
        # The rows' places first (the doc_id column only), then those rows whole: reading every
        # column where doc_id matches decompressed the claims' long texts of the whole table.
        keys = cur.execute(
            f"SELECT f._file, f._row FROM {name} f WHERE {_in('f.doc_id', list(doc_ids) or [''], params)} ORDER BY {ORDER}",
            params,
        ).df()
        out[name] = _rows_at(cur, name, keys, docs=False)
    return out


def document_info(con, doc_ids: Sequence[str]) -> pd.DataFrame:
    """doc_id, title, source, published of the given documents (never their text)."""
    if not len(doc_ids):
        return pd.DataFrame(columns=["doc_id", "title", "source", "published"])
    params: list = []
    where = _in("doc_id", list(doc_ids), params)
    return con.cursor().execute(
        f"SELECT doc_id, title, source, published FROM documents WHERE {where} ORDER BY {ORDER}", params
    ).df()


ARTICLE_COLUMNS = ["doc_id", "title", "source", "published", "url"]


def article(con, doc_id: str) -> dict | None:
    """The document's title, source, published date and url (never its text), None when it is not in the tables."""
    have = set(columns(con, "documents"))
    names = ", ".join(f'"{c}"' if c in have else f'NULL AS "{c}"' for c in ARTICLE_COLUMNS)
    rows = con.cursor().execute(f"SELECT {names} FROM documents WHERE doc_id = ? ORDER BY {ORDER} LIMIT 1",
                                [doc_id]).df()
    return None if rows.empty else rows.iloc[0].to_dict()


def article_passages(con, doc_id: str) -> pd.DataFrame:
    """Every passage of the document, with its text, in reading order (by start offset)."""
    names = ", ".join(f'p."{c}"' for c in PASSAGE_COLUMNS)
    return con.cursor().execute(
        f"SELECT {names} FROM passages p WHERE p.doc_id = ? ORDER BY p.start, p._file, p._row", [doc_id]
    ).df()


def find_documents(con, text: str, limit: int) -> list[str]:
    """Ids of the documents whose title contains ``text`` (``text_pattern`` folding), newest first;
    the most recent documents when ``text`` has no letters or digits."""
    pattern = text_pattern(text) if text else None
    if pattern is None:
        return recent_documents(con, limit)
    rows = con.cursor().execute(
        f"SELECT doc_id FROM documents WHERE regexp_matches(coalesce(title, ''), ?) "
        f"ORDER BY published DESC NULLS LAST, {ORDER} LIMIT {int(limit)}", [pattern]
    ).fetchall()
    return [r[0] for r in rows]


def recent_documents(con, limit: int) -> list[str]:
    """Ids of the ``limit`` most recently published documents (undated last)."""
    rows = con.cursor().execute(
        f"SELECT doc_id FROM documents ORDER BY published DESC NULLS LAST, {ORDER} LIMIT {int(limit)}"
    ).fetchall()
    return [r[0] for r in rows]


def existing(con, table: str, column: str, values: Sequence[str]) -> set[str]:
    """Which of ``values`` occur in ``table.column``."""
    if not len(values):
        return set()
    params: list = []
    where = _in(column, list(values), params)
    return {r[0] for r in con.cursor().execute(f"SELECT DISTINCT {column} FROM {table} WHERE {where}", params).fetchall()}


def entities(con) -> pd.DataFrame:
    """The entities table (small: one row per entity)."""
    names = ", ".join(f'"{c}"' for c in columns(con, "entities"))
    return con.cursor().execute(f"SELECT {names} FROM entities ORDER BY {ORDER}").df()


# ---------------------------------------------------------------- places (the map)


def place_entities(con) -> pd.DataFrame:
    """entity_id, type, name_ar of every GPE and LOC entity (what ``places.place_table`` matches)."""
    return con.cursor().execute(
        "SELECT entity_id, first(type) AS type, first(name_ar) AS name_ar FROM entities "
        "WHERE type IN ('GPE', 'LOC') GROUP BY entity_id ORDER BY entity_id"
    ).df()


def place_mentions(con, places: pa.Table) -> tuple[pa.Table, pd.DataFrame]:
    """The mentions of places of this dataset, once per version, for ``place_counts``.

    ``places``: entity_id, place_id, kind, country (``places.place_table``). Returns (rows, info):
    rows, one per mention of a placed entity or of a GPE/LOC entity: passage_id, type, doc_key,
    entity_key (integers: counting distinct integers is what makes a filter's counts fast), place_key
    (NULL for a GPE/LOC entity the table does not place), kind, country; info, one per place:
    place_key, place_id, entity_ids (every entity counted as it), name_ar, name_en (its own entity's
    names, else its first mention's).
    """
    cur = con.cursor()
    cur.register("places", places.select(["entity_id", "place_id", "kind", "country"]))
    # Materialised as Arrow on this cursor (a temporary table would be shared by name).
    found = cur.sql(
        """
        SELECT m.passage_id, m.type, m.doc_id, m.entity_id, p.place_id, p.kind, p.country, m.name_ar, m.name_en,
               m._file, m._row
        FROM mentions m LEFT JOIN places p ON p.entity_id = m.entity_id
        WHERE m.entity_id IS NOT NULL AND (p.entity_id IS NOT NULL OR m.type IN ('GPE', 'LOC'))
        """
    ).to_arrow_table()
    cur.register("marsad_place_mentions", found)
    info = cur.execute(
        """
        WITH f AS (
            SELECT place_id, list(DISTINCT entity_id ORDER BY entity_id) AS entity_ids,
                   arg_min(name_ar, _file || lpad(_row::VARCHAR, 12, '0')) AS name_ar,
                   arg_min(name_en, _file || lpad(_row::VARCHAR, 12, '0')) AS name_en
            FROM marsad_place_mentions WHERE place_id IS NOT NULL GROUP BY place_id
        ),
        e AS (SELECT entity_id, first(name_ar) AS name_ar, first(name_en) AS name_en FROM entities GROUP BY entity_id)
        SELECT (row_number() OVER (ORDER BY f.place_id))::INTEGER AS place_key, f.place_id, f.entity_ids,
               coalesce(e.name_ar, f.name_ar) AS name_ar, coalesce(e.name_en, f.name_en) AS name_en
        FROM f LEFT JOIN e ON e.entity_id = f.place_id ORDER BY f.place_id
        """
    ).df()
    cur.register("place_info", pa.Table.from_pandas(info[["place_key", "place_id"]], preserve_index=False))
    rows = cur.sql(
        """
        SELECT m.passage_id, m.type, (dense_rank() OVER (ORDER BY m.doc_id))::INTEGER AS doc_key,
               (dense_rank() OVER (ORDER BY m.entity_id))::INTEGER AS entity_key, i.place_key, m.kind, m.country
        FROM marsad_place_mentions m LEFT JOIN place_info i ON i.place_id = m.place_id
        """
    ).to_arrow_table()
    return rows, info


def place_counts(
    con, sel: pa.Table | None, placed: tuple[pa.Table, pd.DataFrame], types: Sequence[str] = ()
) -> dict[str, pd.DataFrame]:
    """Kept mentions of placed entities, counted per place and per country.

    ``placed``: ``place_mentions`` of this dataset (its rows are registered on the cursor: a few
    hundred thousand rows instead of every mention). ``types`` restricts the mentions as elsewhere.
    Returns {"places": place_id, entity_ids (every entity counted as the place), name_ar, name_en
    (the place's own entity's names, else its first mention's), mentions, documents, most mentioned
    first; "countries": country, mentions (the country's own and its places' together), own (the
    country named itself), documents (articles naming it or one of its places);
    "unplaced": one row, mentions and entities of GPE/LOC entities the table does not place}.
    """
    rows, info = placed
    cur = _cursor(con, sel)
    cur.register("placed", rows)
    params: list = []
    where = _where(_kept_clause(sel, "m"), _type_clause(types, "m", params))
    kept = rows if not where else cur.sql(f"SELECT * FROM placed m{where}", params=params).to_arrow_table()
    cur.register("marsad_kept_places", kept)
    per_place = cur.execute(
        "SELECT place_key, count(*) AS mentions, count(DISTINCT doc_key) AS documents "
        "FROM marsad_kept_places WHERE place_key IS NOT NULL GROUP BY place_key"
    ).df()
    per_country = cur.execute(
        "SELECT country, count(*) AS mentions, count(*) FILTER (WHERE kind = 'country') AS own, "
        "count(DISTINCT doc_key) AS documents FROM marsad_kept_places WHERE place_key IS NOT NULL "
        "GROUP BY country ORDER BY mentions DESC, country"
    ).df()
    unplaced = cur.execute(
        "SELECT count(*) AS mentions, count(DISTINCT entity_key) AS entities FROM marsad_kept_places "
        "WHERE place_key IS NULL"
    ).df()
    per_place = per_place.merge(info, on="place_key").sort_values(
        ["mentions", "documents", "place_id"], ascending=[False, False, True], kind="stable")
    per_place = per_place[["place_id", "entity_ids", "name_ar", "name_en", "mentions", "documents"]]
    for df, cols in ((per_place, ("mentions", "documents")), (per_country, ("mentions", "own", "documents")),
                     (unplaced, ("mentions", "entities"))):
        for c in cols:
            df[c] = df[c].astype("int64")
    return {"places": per_place.reset_index(drop=True), "countries": per_country, "unplaced": unplaced}
# ---------------------------------------------------------------- compare


_DAY_SQL = f"CASE WHEN regexp_matches(d.published, '{ISO_SQL}') THEN substr(trim(d.published), 1, 10) END"


def day_outlet_counts(con, sel: pa.Table | None) -> pd.DataFrame:
    """Kept articles and passages per (publication day, outlet): day (ISO YYYY-MM-DD, None for an
    undated article), source ('' for none), articles (distinct documents), stories (the kept articles
    that are the first kept copy of their story), passages. One query; an article has one day and one
    outlet and a story one first copy, so summing rows gives exact totals per period or outlet."""
    cur = _cursor(con, sel)
    kept = "passages" if sel is None else "kept"
    sql = f"""
    WITH d0 AS ({_documents_sql('' if sel is None else 'WHERE doc_id IN (SELECT doc_id FROM kept)')}), d AS (SELECT *, {_FIRST_COPY_SQL} AS first_copy FROM d0 d)
    SELECT {_DAY_SQL} AS day, coalesce(d.source, '') AS source,
           count(DISTINCT k.doc_id) AS articles, count(DISTINCT k.doc_id) FILTER (WHERE d.first_copy) AS stories,
           count(*) AS passages
    FROM {kept} k LEFT JOIN d ON d.doc_id = k.doc_id
    GROUP BY ALL ORDER BY day NULLS LAST, source
    """
    df = cur.execute(sql).df()
    for c in ("articles", "stories", "passages"):
        df[c] = df[c].astype("int64")
    return df


def collection_counts(con, filters: Filters) -> pd.DataFrame:
    """Articles per (publication day, outlet) among the documents ``filters``' outlets, documents and
    publication dates keep (its other fields are ignored): day (None when undated), source, articles.
    What a share of attention is taken of."""
    where, params = [], []
    if filters.docs:
        where.append(_in("d.doc_id", filters.docs, params))
    where += _outlet_date_clauses(filters, params)
    sql = f"""
    WITH d0 AS ({_documents_sql()}), d1 AS (SELECT * FROM d0 d{_where(*where)})
    SELECT {_DAY_SQL} AS day, coalesce(d.source, '') AS source, count(*) AS articles,
           count(*) FILTER (WHERE d.first_copy) AS stories
    FROM (SELECT *, {_FIRST_COPY_SQL} AS first_copy FROM d1 d) d GROUP BY ALL ORDER BY day NULLS LAST, source
    """
    df = con.cursor().execute(sql, params).df()
    for c in ("articles", "stories"):
        df[c] = df[c].astype("int64")
    return df


# ---------------------------------------------------------------- one entity (the entity page)
#
# The page asks once for the kept passages that mention the entity (``entity_passages``, an Arrow
# table the caller caches per filter value, like the selection) and hands it back to every other
# question, which registers it on its own cursor as ``ent``.

ENTITY_PASSAGE_COLUMNS = ["passage_id", "doc_id", "mentions"]


def _ent_cursor(con, ent: pa.Table):
    cur = con.cursor()
    cur.register("ent", ent)
    return cur


def entity_passages(con, sel: pa.Table | None, entity_id: str, types: Sequence[str] = ()) -> pa.Table:
    """The kept passages that mention ``entity_id``: passage_id, doc_id, mentions (of it in the
    passage), in file order. Under an entity-type filter its mentions count only when its type is chosen
    (as in ``entity_counts``)."""
    cur = _cursor(con, sel)
    params: list = [entity_id]
    where = _where("m.entity_id = ?", "m.passage_id IS NOT NULL", _kept_clause(sel, "m"), _type_clause(types, "m", params))
    sql = (
        f"SELECT m.passage_id, first(m.doc_id) AS doc_id, count(*) AS mentions FROM mentions m{where} "
        "GROUP BY m.passage_id ORDER BY min(m._file), min(m._row)"
    )
    return cur.sql(sql, params=params).to_arrow_table()


def entity_mention_days(con, ent: pa.Table) -> pd.DataFrame:
    """Mentions and articles per day of publication of the passages in ``ent``: period (YYYY-MM-DD),
    mentions, documents; undated articles are left out (an article is published on one day, so
    the documents of several days add up)."""
    cur = _ent_cursor(con, ent)
    df = cur.execute(
        f"""
        SELECT substr(trim(d.sort_date), 1, 10) AS period, sum(e.mentions) AS mentions,
               count(DISTINCT e.doc_id) AS documents
        FROM ent e JOIN {_doc_dates_sql()} d ON d.doc_id = e.doc_id
        WHERE try_cast(substr(trim(d.sort_date), 1, 10) AS DATE) IS NOT NULL
        GROUP BY ALL ORDER BY period
        """
    ).df()
    for c in ("mentions", "documents"):
        df[c] = df[c].astype("int64")
    return df


CO_MENTION_COLUMNS = ["entity_id", "type", "name_ar", "name_en", "passages", "documents"]


def entity_co_mentions(con, ent: pa.Table, entity_id: str, types: Sequence[str] = (), limit: int = 20) -> pd.DataFrame:
    """The other entities named in the passages of ``ent``, those in most passages first (ties: more
    articles, then id): entity_id, type, name_ar, name_en (from the entities table, else from a
    mention), passages, documents."""
    cur = _ent_cursor(con, ent)
    params: list = [entity_id]
    where = _where("m.entity_id IS NOT NULL", "m.entity_id <> ?", "m.passage_id IN (SELECT passage_id FROM ent)",
                   _type_clause(types, "m", params))
    df = cur.execute(
        f"""
        WITH c AS (
            SELECT m.entity_id, count(DISTINCT m.passage_id) AS passages, count(DISTINCT m.doc_id) AS documents,
                   first(m.type) AS m_type, first(m.name_ar) AS m_name_ar, first(m.name_en) AS m_name_en
            FROM mentions m{where} GROUP BY m.entity_id
            ORDER BY passages DESC, documents DESC, m.entity_id LIMIT {int(limit)}
        ), e AS (
            SELECT entity_id, first(type) AS type, first(name_ar) AS name_ar, first(name_en) AS name_en
            FROM entities WHERE entity_id IN (SELECT entity_id FROM c) GROUP BY entity_id
        )
        SELECT c.entity_id, coalesce(e.type, c.m_type) AS type, coalesce(e.name_ar, c.m_name_ar) AS name_ar,
               coalesce(e.name_en, c.m_name_en) AS name_en, c.passages, c.documents
        FROM c LEFT JOIN e ON e.entity_id = c.entity_id
        ORDER BY c.passages DESC, c.documents DESC, c.entity_id
        """,
        params,
    ).df()
    for c in ("passages", "documents"):
        df[c] = df[c].astype("int64")
    return df[CO_MENTION_COLUMNS]


def _rows_at(cur, table: str, keys: pd.DataFrame, docs: bool = True, skip: Sequence[str] = ()) -> pd.DataFrame:
    """The columns of ``table`` (but ``skip``) of its rows at ``keys`` (``_file``, ``_row``), in the
    keys' order, with their document's title, source and published date when ``docs``.

    Asking for rows by their file and row number lets DuckDB read only the pages that hold them:
    a filter on another column would decompress the long text columns (claims' content and text,
    passages' text) of the whole table."""
    names = ", ".join(f'f."{c}"' for c in columns(cur, table) if c not in skip)
    if docs:
        names += ", d.title, d.source, d.published"
    join = f" LEFT JOIN {_docs_sql()} d ON d.doc_id = f.doc_id" if docs else ""
    if keys.empty:
        return cur.execute(f"SELECT {names} FROM {table} f{join} LIMIT 0").df()
    parts, params = [], []
    for file, rows in keys.groupby("_file", sort=False)["_row"]:
        parts.append(f"(f._file = ? AND f._row IN ({', '.join(str(int(r)) for r in rows)}))")
        params.append(file)
    df = cur.execute(
        f"SELECT {names}, f._file AS _key_file, f._row AS _key_row FROM {table} f{join} WHERE {' OR '.join(parts)}",
        params,
    ).df()
    order = pd.DataFrame({"_key_file": keys["_file"].to_numpy(), "_key_row": keys["_row"].to_numpy(),
                          "_order": range(len(keys))})
    df = df.merge(order, on=["_key_file", "_key_row"]).sort_values("_order", kind="stable")
    return df.drop(columns=["_key_file", "_key_row", "_order"]).reset_index(drop=True)


# Each document's sortable date alone (NULL unless ISO): to order rows without reading titles.
_DOC_DATES_SQL = (
    "(SELECT doc_id, CASE WHEN regexp_matches(first(published), '{iso}') THEN first(published) END AS sort_date "
    "FROM documents GROUP BY doc_id)"
)


def _doc_dates_sql() -> str:
    return _DOC_DATES_SQL.format(iso=ISO_SQL.replace("'", "''"))


SKIPPED_TEXT = {"claims": ("text",)}  # what the entity page's tables never show (quantities show their text)


def _newest_rows(cur, table: str, where: str, params: list, limit: int | None) -> tuple[pd.DataFrame, int]:
    """Rows of a fact table (alias f) matching ``where``, with their document's title, source and
    published date, newest article first (then position in it); and how many match. The order is
    found on the short columns, then only the rows shown are read (``_rows_at``), without their
    ``text`` (the span as written: for claims, the longest column, and no table shows it)."""
    total = cur.execute(f"SELECT count(*) FROM {table} f{where}", params).fetchone()[0]
    sql = (
        f"SELECT f._file, f._row FROM {table} f LEFT JOIN {_doc_dates_sql()} d ON d.doc_id = f.doc_id"
        f"{where} ORDER BY d.sort_date DESC NULLS LAST, f.doc_id, f.start, f._file, f._row"
    )
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return _rows_at(cur, table, cur.execute(sql, params).df(), skip=SKIPPED_TEXT.get(table, ())), int(total)


def entity_fact_counts(con, sel: pa.Table | None, ent: pa.Table, entity_id: str) -> dict[str, int]:
    """How many rows each table of the entity page holds: claims_by (``entity_claims_by``),
    claims_about (``entity_claims_about``) and quantities (``entity_quantities``), from their short
    columns only."""
    cur = _cursor(con, sel)
    cur.register("ent", ent)
    in_ent = "f.passage_id IN (SELECT passage_id FROM ent)"
    by = _where("f.speaker_entity_id = ?", _kept_clause(sel, "f"))
    about = _where(in_ent, "f.speaker_entity_id IS DISTINCT FROM ?")
    return {
        "claims_by": int(cur.execute(f"SELECT count(*) FROM claims f{by}", [entity_id]).fetchone()[0]),
        "claims_about": int(cur.execute(f"SELECT count(*) FROM claims f{about}", [entity_id]).fetchone()[0]),
        "quantities": int(cur.execute(f"SELECT count(*) FROM quantities f WHERE {in_ent}").fetchone()[0]),
    }


def entity_claims_by(con, sel: pa.Table | None, entity_id: str, limit: int | None = None) -> tuple[pd.DataFrame, int]:
    """Kept claims whose speaker is ``entity_id`` (``speaker_entity_id``), newest first, with their
    documents (as ``claim_rows``); and how many in all."""
    cur = _cursor(con, sel)
    return _newest_rows(cur, "claims", _where("f.speaker_entity_id = ?", _kept_clause(sel, "f")), [entity_id], limit)


def entity_claims_about(con, ent: pa.Table, entity_id: str, limit: int | None = None) -> tuple[pd.DataFrame, int]:
    """Claims in the passages of ``ent`` (which mention ``entity_id``) said by someone else (another
    speaker or none resolved), newest first, with their documents; and how many in all."""
    cur = _ent_cursor(con, ent)
    where = _where("f.passage_id IN (SELECT passage_id FROM ent)", "f.speaker_entity_id IS DISTINCT FROM ?")
    return _newest_rows(cur, "claims", where, [entity_id], limit)


def entity_quantities(con, ent: pa.Table, limit: int | None = None) -> tuple[pd.DataFrame, int]:
    """Quantities in the passages of ``ent``, newest first, with their documents; and how many in all."""
    cur = _ent_cursor(con, ent)
    return _newest_rows(cur, "quantities", _where("f.passage_id IN (SELECT passage_id FROM ent)"), [], limit)


def entity_passage_page(con, ent: pa.Table, offset: int, limit: int) -> pd.DataFrame:
    """One page of the passages of ``ent``, with their text, newest article first (then file order)."""
    cur = _ent_cursor(con, ent)
    keys = cur.execute(
        f"SELECT p._file, p._row FROM passages p JOIN ent e ON e.passage_id = p.passage_id "
        f"LEFT JOIN {_doc_dates_sql()} d ON d.doc_id = p.doc_id "
        f"ORDER BY d.sort_date DESC NULLS LAST, p._file, p._row LIMIT ? OFFSET ?",
        [int(limit), int(offset)],
    ).df()
    return _rows_at(cur, "passages", keys, docs=False)[PASSAGE_COLUMNS]
