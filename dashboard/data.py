"""Loading the tables the pipeline wrote, cached per dataset version.

The data folder is ``$MARSAD_DATA`` or ``<repo>/data/seeds``. The dataset
version is the (name, mtime, size) of every table file, so rebuilding or
adding articles changes the version and the caches reload by themselves.
Cached frames are shared between reruns and sessions: never modify them in place
(``filters.apply`` always builds new frames).

The tables are cached with ``st.cache_resource``, not ``st.cache_data``:
``cache_data`` pickles the value on every read, and on the 20k-article corpus
that costs about 4 s per rerun (9 s to store) for the tables alone (measured),
which would break the "filter change < 1 s" target. The cached values are
read-only shared data keyed by (folder, dataset version), like a connection.
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

from dashboard import charts
from dashboard.filters import TABLE_NAMES, Filters, Index, Tables, apply, build_index

REPO = Path(__file__).resolve().parents[1]
# The dashboard reads every offset from passages.text, never documents.text: skip the biggest column.
SKIP_COLUMNS = {"documents": {"text"}}


def data_dir() -> Path:
    """Folder holding ``<table>.parquet`` files."""
    return Path(os.environ.get("MARSAD_DATA") or REPO / "data" / "seeds")


def dataset_version(folder: Path) -> tuple:
    """Hashable version of the tables in ``folder`` (changes whenever a file is rewritten)."""
    version = []
    for name in TABLE_NAMES:
        path = folder / f"{name}.parquet"
        if path.exists():
            stat = path.stat()
            version.append((name, stat.st_mtime_ns, stat.st_size))
    return tuple(version)


def read_tables(folder: Path) -> Tables:
    """Read every ``<table>.parquet`` in ``folder`` (missing tables are empty)."""
    frames, passage_topics = {}, None
    for name in TABLE_NAMES:
        path = Path(folder) / f"{name}.parquet"
        if path.exists():
            names = pq.read_schema(path).names
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


@st.cache_resource(show_spinner=False, max_entries=2)
def load_tables(folder: str, version: tuple) -> Tables:
    return read_tables(Path(folder))


@st.cache_resource(show_spinner=False, max_entries=2)
def load_index(folder: str, version: tuple) -> Index:
    return build_index(load_tables(folder, version))


@st.cache_resource(show_spinner=False, max_entries=16)
def filtered_tables(folder: str, version: tuple, filters: Filters) -> Tables:
    return apply(filters, load_tables(folder, version), load_index(folder, version))




# ---------------------------------------------------------------- small derived frames (cheap to copy)


@st.cache_data(show_spinner=False, max_entries=4)
def actor_options(folder: str, version: tuple, lang: str, limit: int) -> tuple[list[str], dict[str, str]]:
    """The ``limit`` most mentioned entity ids and their labels "name · other name (mentions)"."""
    counts = load_index(folder, version).entity_counts.head(limit)
    first, second = ("name_ar", "name_en") if lang == "ar" else ("name_en", "name_ar")
    a = counts[first].fillna("").astype(str)
    b = counts[second].fillna("").astype(str)
    both = a.where(b.eq("") | b.eq(a), a + " · " + b).where(a.ne(""), b)
    labels = both + " (" + counts["mentions"].map("{:,}".format) + ")"
    ids = counts["entity_id"].astype(str).tolist()
    return ids, dict(zip(ids, labels.tolist()))


@st.cache_data(show_spinner=False, max_entries=4)
def recent_documents(folder: str, version: tuple, limit: int) -> list[str]:
    docs = load_tables(folder, version).documents
    return docs.sort_values("published", ascending=False, na_position="last")["doc_id"].head(limit).tolist()


@st.cache_data(show_spinner=False, max_entries=32)
def topic_counts(folder: str, version: tuple, filters: Filters, lang: str) -> pd.DataFrame:
    view = filtered_tables(folder, version, filters)
    return charts.topic_counts(view.passages, view.documents, "M", charts.topic_labels(lang), lang)


@st.cache_data(show_spinner=False, max_entries=32)
def cooccurrence(folder: str, version: tuple, filters: Filters, top_n: int, lang: str) -> pd.DataFrame:
    view = filtered_tables(folder, version, filters)
    return charts.cooccurrence_pairs(view.mentions, load_tables(folder, version).entities, top_n, lang)


def clear_caches() -> None:
    """Forget every cached table (after new articles were merged in)."""
    for fn in (load_tables, load_index, filtered_tables, actor_options, recent_documents, topic_counts, cooccurrence):
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
