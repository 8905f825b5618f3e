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

import os
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import streamlit as st

from dashboard.filters import TABLE_NAMES, Filters, Index, Tables, apply, build_index, normalized_passages

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
    frames = {}
    for name in TABLE_NAMES:
        path = Path(folder) / f"{name}.parquet"
        if path.exists():
            names = pq.read_schema(path).names
            columns = [c for c in names if c not in SKIP_COLUMNS.get(name, ())]
            frames[name] = pd.read_parquet(path, columns=columns)
    return Tables.from_frames(frames)


@st.cache_resource(show_spinner=False, max_entries=2)
def load_tables(folder: str, version: tuple) -> Tables:
    return read_tables(Path(folder))


@st.cache_resource(show_spinner=False, max_entries=2)
def load_index(folder: str, version: tuple) -> Index:
    return build_index(load_tables(folder, version))


@st.cache_resource(show_spinner=False, max_entries=2)
def load_normalized(folder: str, version: tuple) -> pd.Series:
    """Normalised passage texts, built on the first text search only."""
    return normalized_passages(load_tables(folder, version).passages)


@st.cache_resource(show_spinner=False, max_entries=16)
def filtered_tables(folder: str, version: tuple, filters: Filters) -> Tables:
    tables = load_tables(folder, version)
    normalized = load_normalized(folder, version) if filters.text_key else None
    return apply(filters, tables, load_index(folder, version), normalized)


def clear_caches() -> None:
    """Forget every cached table (after new articles were merged in)."""
    for fn in (load_tables, load_index, load_normalized, filtered_tables):
        fn.clear()
