"""The dashboard's access to the tables: one DuckDB connection per dataset version.

The data folder is ``$MARSAD_DATA`` or ``<repo>/data/seeds`` (it may be a symlink
to the current version folder: it is resolved before keying caches). The dataset
version is the (name, mtime, size) of every table file (or part file), so
rebuilding or adding articles changes the version and the caches reload by themselves.

What lives where:

- ``connection`` (``st.cache_resource``): an in-memory DuckDB whose views read
  the Parquet files lazily (``dashboard.query.connect``). Every table goes
  through it: passages (text only for the page shown), mentions, documents
  (never their text), claims, quantities, timeline, entities.
- ``selection`` (``st.cache_resource``, per filter value): the ids of the kept
  passages as an Arrow table, computed by one SQL query; every other query
  restricts itself to it. Not ``cache_data``: it would be pickled on every read.
- small results (counts, aggregates, a page of rows) are ``st.cache_data``,
  keyed by (folder, version, filters).

``read_tables`` (everything into pandas) is kept for tests and scripts only.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import streamlit as st

from dashboard import charts, query
from dashboard.filters import TABLE_NAMES, Filters, Tables

REPO = Path(__file__).resolve().parents[1]
# read_tables: the dashboard reads every offset from passages.text, never documents.text.
SKIP_COLUMNS = {"documents": {"text"}}


def data_dir() -> Path:
    """Folder holding ``<table>.parquet`` files (may be a symlink to the current version folder)."""
    return Path(os.environ.get("MARSAD_DATA") or REPO / "data" / "seeds")


def dataset_version(folder: Path) -> tuple:
    """Hashable version of the tables in ``folder`` (changes whenever a file is rewritten)."""
    folder = Path(folder).resolve()
    version = []
    for name in TABLE_NAMES:
        path = folder / f"{name}.parquet"
        if path.is_dir():
            for part in sorted(path.glob("*.parquet")):
                stat = part.stat()
                version.append((f"{name}/{part.name}", stat.st_mtime_ns, stat.st_size))
        elif path.exists():
            stat = path.stat()
            version.append((name, stat.st_mtime_ns, stat.st_size))
    return tuple(version)


def read_tables(folder: Path) -> Tables:
    """Read every ``<table>.parquet`` in ``folder`` into pandas (missing tables are empty).

    For tests and scripts: the app itself queries the files through DuckDB.
    """
    frames, passage_topics = {}, None
    for name in TABLE_NAMES:
        path = Path(folder) / f"{name}.parquet"
        if path.exists():
            names = pq.read_schema(path).names if path.is_file() else pq.ParquetDataset(path).schema.names
            columns = [c for c in names if c not in SKIP_COLUMNS.get(name, ())]
            table = pq.read_table(path, columns=columns)
            if name == "passages" and "topics" in names:
                passage_topics = _exploded(table.column("topics"))
            frames[name] = table.to_pandas()
    return Tables.from_frames(frames, passage_topics)


def _exploded(topics: pa.ChunkedArray) -> tuple[np.ndarray, np.ndarray]:
    """(passage row, topic id) pairs of a list column, computed in Arrow."""
    topics = topics.combine_chunks()
    rows = pc.list_parent_indices(topics).to_numpy(zero_copy_only=False).astype(np.int64)
    ids = pc.list_flatten(topics).to_numpy(zero_copy_only=False).astype(object)
    keep = pd.notna(ids) & (ids != "")
    return rows[keep], ids[keep].astype(str).astype(object)


# ---------------------------------------------------------------- connection and selection


@st.cache_resource(show_spinner=False, max_entries=2)
def connection(folder: str, version: tuple):
    """The DuckDB connection over this version's Parquet files (use ``.cursor()`` per query)."""
    return query.connect(folder)


@st.cache_resource(show_spinner=False, max_entries=32)
def selection(folder: str, version: tuple, filters: Filters) -> pa.Table | None:
    """Kept passage ids (Arrow, read-only), None when nothing filters."""
    return query.select_passages(connection(folder, version), filters)


def _ctx(folder: str, version: tuple, filters: Filters):
    return connection(folder, version), selection(folder, version, filters)


@st.cache_data(show_spinner=False, max_entries=2)
def facets(folder: str, version: tuple) -> dict:
    return query.facets(connection(folder, version))


@st.cache_data(show_spinner=False, max_entries=2)
def all_entity_counts(folder: str, version: tuple) -> pd.DataFrame:
    """Every entity with its mention and document counts over the whole dataset."""
    return query.entity_counts(connection(folder, version), None)


@st.cache_data(show_spinner=False, max_entries=2)
def entities(folder: str, version: tuple) -> pd.DataFrame:
    return query.entities(connection(folder, version))


@st.cache_data(show_spinner=False, max_entries=32)
def summary(folder: str, version: tuple, filters: Filters) -> dict:
    con, sel = _ctx(folder, version, filters)
    return query.summary(con, sel, filters.types)


@st.cache_data(show_spinner=False, max_entries=32)
def entity_counts(folder: str, version: tuple, filters: Filters, limit: int | None) -> pd.DataFrame:
    con, sel = _ctx(folder, version, filters)
    return query.entity_counts(con, sel, filters.types, limit)


@st.cache_data(show_spinner=False, max_entries=32)
def fact_rows(folder: str, version: tuple, filters: Filters, table: str, limit: int) -> tuple[pd.DataFrame, int]:
    con, sel = _ctx(folder, version, filters)
    return query.fact_rows(con, table, sel, limit)


@st.cache_data(show_spinner=False, max_entries=16)
def timeline_lane_rows(
    folder: str, version: tuple, filters: Filters, lanes: str, chosen: tuple, max_lanes: int, max_points: int
) -> pd.DataFrame:
    """Kept timeline rows in the busiest lanes (``query.timeline_lane_rows``)."""
    con, sel = _ctx(folder, version, filters)
    return query.timeline_lane_rows(con, sel, lanes, chosen, max_lanes, max_points)


def all_passages(folder: str, version: tuple, filters: Filters, limit: int) -> pd.DataFrame:
    """Every kept passage (up to ``limit``) for an export: not cached, since it is only fetched on a
    click and can be large."""
    con, sel = _ctx(folder, version, filters)
    return query.passage_page(con, sel, 0, limit)


@st.cache_data(show_spinner=False, max_entries=64)
def passage_page(folder: str, version: tuple, filters: Filters, offset: int, limit: int) -> pd.DataFrame:
    con, sel = _ctx(folder, version, filters)
    return query.passage_page(con, sel, offset, limit)


@st.cache_data(show_spinner=False, max_entries=64)
def passages_by_id(folder: str, version: tuple, passage_ids: tuple[str, ...]) -> pd.DataFrame:
    return query.passages_by_id(connection(folder, version), passage_ids)


@st.cache_data(show_spinner=False, max_entries=64)
def facts_for_docs(folder: str, version: tuple, doc_ids: tuple[str, ...]) -> dict[str, pd.DataFrame]:
    return query.facts_for_docs(connection(folder, version), doc_ids)


@st.cache_data(show_spinner=False, max_entries=64)
def document_info(folder: str, version: tuple, doc_ids: tuple[str, ...]) -> pd.DataFrame:
    return query.document_info(connection(folder, version), doc_ids)


@st.cache_data(show_spinner=False, max_entries=64)
def existing(folder: str, version: tuple, table: str, column: str, values: tuple[str, ...]) -> set[str]:
    return query.existing(connection(folder, version), table, column, values)


# ---------------------------------------------------------------- small derived frames


@st.cache_data(show_spinner=False, max_entries=4)
def actor_options(folder: str, version: tuple, lang: str, limit: int) -> tuple[list[str], dict[str, str]]:
    """The ``limit`` most mentioned entity ids and their labels "name · other name (mentions)"."""
    counts = all_entity_counts(folder, version).head(limit)
    first, second = ("name_ar", "name_en") if lang == "ar" else ("name_en", "name_ar")
    a = counts[first].fillna("").astype(str)
    b = counts[second].fillna("").astype(str)
    both = a.where(b.eq("") | b.eq(a), a + " · " + b).where(a.ne(""), b)
    labels = both + " (" + counts["mentions"].map("{:,}".format) + ")"
    ids = counts["entity_id"].astype(str).tolist()
    return ids, dict(zip(ids, labels.tolist()))


@st.cache_data(show_spinner=False, max_entries=4)
def recent_documents(folder: str, version: tuple, limit: int) -> list[str]:
    return query.recent_documents(connection(folder, version), limit)


@st.cache_data(show_spinner=False, max_entries=32)
def topic_counts(folder: str, version: tuple, filters: Filters, lang: str) -> pd.DataFrame:
    con, sel = _ctx(folder, version, filters)
    counts = query.topic_counts(con, sel)
    counts["topic_label"] = charts._topic_label_series(counts["topic"], charts.topic_labels(lang), lang)
    return counts[["period", "topic", "topic_label", "passages", "documents"]]


@st.cache_data(show_spinner=False, max_entries=32)
def cooccurrence(folder: str, version: tuple, filters: Filters, top_n: int, lang: str) -> pd.DataFrame:
    con, sel = _ctx(folder, version, filters)
    top = query.entity_counts(con, sel, filters.types, top_n)
    mentions = query.mentions_of(con, sel, top["entity_id"].tolist(), filters.types)
    return charts.cooccurrence_pairs(mentions, entities(folder, version), top_n, lang)


def clear_caches() -> None:
    """Forget every cached connection and result (after new articles were merged in)."""
    for fn in (
        connection, selection, facets, all_entity_counts, entities, summary, entity_counts, fact_rows, timeline_lane_rows,
        passage_page, passages_by_id, facts_for_docs, document_info, existing, actor_options, recent_documents,
        topic_counts, cooccurrence,
    ):
        fn.clear()


# ---------------------------------------------------------------- adding articles

ACCEPTED_UPLOADS = (".txt", ".md", ".html", ".htm", ".json", ".jsonl", ".gz", ".csv")
_UNSAFE_NAME = re.compile(r"[^\w.\-]+")


def upload_name(name: str, content: bytes) -> str:
    """A file name that cannot leave the uploads folder, unique per content."""
    base = _UNSAFE_NAME.sub("_", Path(name.replace("\\", "/")).name).strip("._") or "article"
    return f"{hashlib.sha256(content).hexdigest()[:12]}_{base}"


def add_uploaded(files, folder: Path) -> dict:
    """Save uploaded files (objects with ``.name`` and ``.getvalue()``) in ``<folder>/uploads/``,
    merge them into the tables with ``data_pipeline.build.add_files``, and clear the caches.

    Returns {"rejected": [(name, "type")], "documents_read": int, "skipped": [(name, reason)],
    "rows": {table: count}, "error": None | (string key, message)}.
    """
    folder = Path(folder)
    try:
        from data_pipeline.build import uploads_dir

        uploads = uploads_dir(folder)
    except ImportError:  # the pipeline is not installed next to this dashboard
        uploads = folder.parent / f"{folder.name}-uploads"
    paths, rejected = [], []
    for f in files:
        if not f.name.lower().endswith(ACCEPTED_UPLOADS):
            rejected.append((f.name, "type"))
            continue
        content = f.getvalue()
        uploads.mkdir(parents=True, exist_ok=True)
        path = uploads / upload_name(f.name, content)
        path.write_bytes(content)
        paths.append(path)
    result = {"rejected": rejected, "documents_read": 0, "skipped": [], "rows": {}, "error": None}
    if not paths:
        return result
    try:
        from data_pipeline.build import add_files
    except ImportError as exc:  # the pipeline is not installed next to this dashboard
        result["error"] = ("upload_unavailable", str(exc))
        return result
    try:
        summary = add_files(paths, folder)
    except Exception as exc:  # noqa: BLE001 - shown to the analyst instead of a traceback
        result["error"] = ("upload_failed", f"{type(exc).__name__}: {exc}")
        return result
    result["documents_read"] = summary.documents_read
    result["skipped"] = [(Path(p).name, reason) for p, reason in summary.skipped]
    result["rows"] = dict(summary.rows)
    clear_caches()
    return result
