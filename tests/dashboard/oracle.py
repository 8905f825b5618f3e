"""The pandas reference of the dashboard's SQL: the same filters, counts and orders on tables read
into memory, which the tests compare ``dashboard.query`` against (every filter is written once for
the app, in SQL, and once here, for the tests only).

``apply`` cuts every table to the passages the filters keep (``passage_mask`` over the precomputed
``build_index``); ``sort_passages`` orders them as ``query.passage_page`` does; ``read_tables``
reads a dataset into pandas.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from dashboard.filters import (
    FILE_ORDER,
    ISO_DATE,
    PASSAGE_SORTS,
    TABLE_NAMES,
    Filters,
    text_pattern,
)
from data_pipeline.schemas import TABLES

# read_tables: the dashboard reads every offset from passages.text, never documents.text.
FACT_TABLES = ("mentions", "quantities", "timeline", "claims")
SKIP_COLUMNS = {"documents": {"text"}}


@dataclass(frozen=True)
class Tables:
    """The pipeline's tables (documents may lack the ``text`` column: the dashboard never needs it)."""

    documents: pd.DataFrame
    passages: pd.DataFrame
    mentions: pd.DataFrame
    entities: pd.DataFrame
    quantities: pd.DataFrame
    timeline: pd.DataFrame
    claims: pd.DataFrame
    # Optional: passages.topics exploded to (passage row, topic id) arrays, when the reader
    # could do it cheaply in Arrow; ``build_index`` explodes the column itself otherwise.
    passage_topics: tuple[np.ndarray, np.ndarray] | None = None

    @classmethod
    def from_frames(cls, frames: Mapping[str, pd.DataFrame], passage_topics=None) -> Tables:
        """Tables from a dict; a missing table becomes an empty frame with the schema's columns."""
        out = {}
        for name in TABLE_NAMES:
            df = frames.get(name)
            if df is None:
                df = pd.DataFrame({c: pd.Series(dtype=object) for c in TABLES[name].names})
            out[name] = df.reset_index(drop=True)
        return cls(**out, passage_topics=passage_topics)

    def __getitem__(self, name: str) -> pd.DataFrame:
        return getattr(self, name)


@dataclass(frozen=True)
class Index:
    """Per-dataset lookups that make filtering a matter of numpy masks.

    ``prow[table]`` holds, for each row of a fact table, the row position of
    its passage in ``tables.passages`` (-1 when unknown); ``passage_drow`` the
    row of each passage's document in ``tables.documents`` (-1 when unknown).
    """

    passage_drow: np.ndarray
    doc_published: np.ndarray  # per document: ISO date or '' (object array)
    doc_source: np.ndarray  # per document: outlet or ''
    prow: Mapping[str, np.ndarray]
    topic_prow: np.ndarray  # exploded passages.topics: passage row of each (passage, topic) pair
    topic_ids: np.ndarray  # ... and its topic id
    entity_counts: pd.DataFrame  # entity_id, type, name_ar, name_en, aliases, known, mentions, documents
    topics: tuple[str, ...]
    outlets: tuple[str, ...]
    date_min: str | None
    date_max: str | None


def _rows(keys: pd.Series, index: pd.Series) -> np.ndarray:
    """Position of each key in ``index`` (-1 when absent), hashed in Arrow (fast on long string columns)."""
    if not len(keys) or not len(index):
        return np.full(len(keys), -1, dtype=np.int64)
    found = pc.index_in(pa.array(keys.astype(str)), value_set=pa.array(index.astype(str)))
    return found.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.int64)


def _explode_lists(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """(row, item) pairs of a column of lists, without pandas' slow explode."""
    arr = values.to_numpy(dtype=object)
    lens = np.fromiter((len(v) if isinstance(v, (list, tuple, np.ndarray)) else 0 for v in arr), np.int64, len(arr))
    if not lens.sum():
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=object)
    items = np.concatenate([np.asarray(v, dtype=object) for v, n in zip(arr, lens) if n])
    rows = np.repeat(np.arange(len(arr)), lens)
    keep = pd.notna(items) & (items != "")
    return rows[keep], items[keep].astype(str).astype(object)


def _doc_column(docs: pd.DataFrame, column: str) -> np.ndarray:
    if column not in docs:
        return np.full(len(docs), "", dtype=object)
    return docs[column].fillna("").astype(str).to_numpy(dtype=object)


def build_index(tables: Tables) -> Index:
    """Precompute the lookups used by ``apply`` (once per dataset)."""
    docs, passages = tables.documents, tables.passages
    drow = _rows(passages["doc_id"], docs["doc_id"])
    prow = {name: _rows(tables[name]["passage_id"], passages["passage_id"]) for name in FACT_TABLES}
    if tables.passage_topics is not None:
        topic_prow, topic_ids = tables.passage_topics
    else:
        topic_prow, topic_ids = _explode_lists(passages["topics"])
    published = _doc_column(docs, "published")
    iso = pd.Series(published, dtype=object).str.match(ISO_DATE).fillna(False).to_numpy(dtype=bool)
    dated = published[iso]
    source = _doc_column(docs, "source")
    return Index(
        passage_drow=drow,
        doc_published=np.where(iso, published, ""),
        doc_source=source,
        prow=prow,
        topic_prow=topic_prow,
        topic_ids=topic_ids,
        entity_counts=_entity_counts(tables.mentions, tables.entities),
        topics=tuple(sorted(set(topic_ids))),
        outlets=tuple(sorted(set(source[source != ""]))),
        date_min=min(dated) if len(dated) else None,
        date_max=max(dated) if len(dated) else None,
    )


def text_matches(texts: pd.Series, query: str) -> np.ndarray:
    """Boolean mask: which ``texts`` contain ``query`` under ``normalize_key`` folding."""
    pattern = text_pattern(query)
    if pattern is None or not len(texts):
        return np.ones(len(texts), dtype=bool)
    found = pc.match_substring_regex(pa.array(texts.fillna("").astype(str)), pattern)
    return found.fill_null(False).to_numpy(zero_copy_only=False).astype(bool)


def _entity_counts(mentions: pd.DataFrame, entities: pd.DataFrame) -> pd.DataFrame:
    """Entities with mention and document counts over ``mentions``, most mentioned first."""
    cols = ["entity_id", "type", "name_ar", "name_en", "aliases", "known"]
    if len(mentions):
        ecode, eids = pd.factorize(mentions["entity_id"].astype(str))
        dcode, dids = pd.factorize(mentions["doc_id"].astype(str))
        pairs = pd.unique(ecode.astype(np.int64) * max(1, len(dids)) + dcode)
        counts = pd.DataFrame(
            {
                "mentions": np.bincount(ecode, minlength=len(eids)),
                "documents": np.bincount(pairs // max(1, len(dids)), minlength=len(eids)),
            },
            index=pd.Index(eids, name="entity_id"),
        )
    else:
        counts = pd.DataFrame({"mentions": pd.Series(dtype="int64"), "documents": pd.Series(dtype="int64")})
        counts.index.name = "entity_id"
    base = entities[[c for c in cols if c in entities]].drop_duplicates("entity_id")
    base = base.set_index(base["entity_id"].astype(str)).drop(columns="entity_id")
    out = counts.join(base, how="left")
    missing = out["name_ar"].isna() if "name_ar" in out else np.ones(len(out), bool)
    if len(mentions) and missing.any():
        # Entities missing from the entities table still get a name from their mentions.
        first = mentions.drop_duplicates("entity_id")
        first = first.set_index(first["entity_id"].astype(str))
        for c in ("type", "name_ar", "name_en"):
            if c not in out:
                out[c] = None
            out[c] = out[c].fillna(first[c].reindex(out.index))
    out = out.reset_index()
    for c in cols:
        if c not in out:
            out[c] = None
    out = out[cols + ["mentions", "documents"]]
    return out.sort_values(["mentions", "documents", "entity_id"], ascending=[False, False, True], ignore_index=True)


def event_days(timeline: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """(first day, last day) of each timeline row's date as ISO strings ('' when the date is not
    a real ISO YYYY, YYYY-MM or YYYY-MM-DD). A stated precision coarser than the date written wins, as in
    ``charts.timeline_spans``; a month's last day is written -31 (string order is all we need)."""
    date = timeline["date"].astype("string").fillna("").str.strip().str.slice(0, 10)
    n = date.str.len()
    precision = timeline["precision"].astype("string") if "precision" in timeline else pd.Series("", index=date.index)
    year = (precision == "year").fillna(False) | (n == 4)
    month = ~year & ((precision == "month").fillna(False) | (n == 7))
    first = date.where(~month, date.str.slice(0, 7) + "-01").where(~year, date.str.slice(0, 4) + "-01-01")
    last = date.where(~month, date.str.slice(0, 7) + "-31").where(~year, date.str.slice(0, 4) + "-12-31")
    # A real calendar day once padded (2018-13 and 2018-02-30 are not), written the ISO way.
    valid = (date.str.match(r"^\d{4}(-\d{2}){0,2}$").fillna(False)
             & pd.to_datetime(first, format="%Y-%m-%d", errors="coerce").notna())
    return first.where(valid, "").astype(object), last.where(valid, "").astype(object)


def event_mask(timeline: pd.DataFrame, event_from: str | None, event_to: str | None) -> np.ndarray:
    """Boolean mask over ``timeline``: rows whose date overlaps [event_from, event_to] (inclusive ISO
    days; None leaves that side open). A year or month date overlapping the range is kept whole
    (``2018`` is kept by a range from 2018-06-01); a row whose date is not ISO is dropped."""
    if not (event_from or event_to):
        return np.ones(len(timeline), dtype=bool)
    first, last = event_days(timeline)
    keep = np.array(first != "", dtype=bool)  # a copy: pandas hands out read-only arrays
    if event_from:
        keep &= np.asarray(last >= event_from, dtype=bool)
    if event_to:
        keep &= np.asarray(first <= event_to, dtype=bool)
    return keep


def passage_mask(filters: Filters, tables: Tables, index: Index) -> np.ndarray:
    """Boolean mask over ``tables.passages``: the passages the filters keep."""
    n = len(tables.passages)
    mask = np.ones(n, dtype=bool)
    doc_keep = np.ones(len(tables.documents) + 1, dtype=bool)  # last slot: passages of unknown documents
    if filters.outlets:
        doc_keep[:-1] &= np.isin(index.doc_source, list(filters.outlets))
        doc_keep[-1] = False
    if filters.docs:
        doc_keep[:-1] &= tables.documents["doc_id"].astype(str).isin(filters.docs).to_numpy()
        doc_keep[-1] = False
    if filters.date_from or filters.date_to:
        pub = index.doc_published
        dated = pub != ""
        if filters.date_from:
            dated &= pub >= filters.date_from
        if filters.date_to:
            dated &= pub <= filters.date_to + "\uffff"  # a published value with a time still counts on its day
        doc_keep[:-1] &= dated.astype(bool)
        doc_keep[-1] = False
    if not doc_keep.all():
        mask &= doc_keep[index.passage_drow]
    prow = index.prow["mentions"]
    if filters.actors:
        entity_ids = tables.mentions["entity_id"].astype(str)
        if filters.actor_mode == "all":  # every actor named in the passage itself
            for actor in filters.actors:
                mask &= _rows_hit(n, prow, (entity_ids == actor).to_numpy())
        else:
            mask &= _rows_hit(n, prow, entity_ids.isin(filters.actors).to_numpy())
    if filters.types:
        mask &= _rows_hit(n, prow, tables.mentions["type"].astype(str).isin(filters.types).to_numpy())
    if filters.topics:
        mask &= _rows_hit(n, index.topic_prow, np.isin(index.topic_ids, list(filters.topics)))
    if filters.text_key:
        mask &= text_matches(tables.passages["text"], filters.text)
    return mask


def _rows_hit(n: int, rows: np.ndarray, selected: np.ndarray) -> np.ndarray:
    hit = np.zeros(n + 1, dtype=bool)  # the extra slot absorbs row -1 (unknown passage)
    hit[rows[selected]] = True
    return hit[:n]


def apply(filters: Filters, tables: Tables, index: Index) -> Tables:
    """The tables cut to what the filters keep (new frames; the inputs are never modified).

    ``entities`` gets ``mentions`` and ``documents`` recounted over the kept
    mentions, most mentioned first. Event dates cut the timeline rows only.
    """
    view = _apply_passage_filters(filters.passage_filters, tables, index)
    if not filters.has_event_dates:
        return view
    timeline = view.timeline[event_mask(view.timeline, filters.event_from, filters.event_to)]
    return replace(view, timeline=timeline)


def _apply_passage_filters(filters: Filters, tables: Tables, index: Index) -> Tables:
    if not filters.active:
        return Tables(
            documents=tables.documents,
            passages=tables.passages,
            mentions=tables.mentions,
            entities=index.entity_counts,
            quantities=tables.quantities,
            timeline=tables.timeline,
            claims=tables.claims,
        )
    mask = passage_mask(filters, tables, index)
    keep = np.append(mask, False)  # position -1 (unknown passage) -> dropped
    cut = {name: tables[name][keep[index.prow[name]]] for name in FACT_TABLES}
    if filters.types:
        cut["mentions"] = cut["mentions"][cut["mentions"]["type"].astype(str).isin(filters.types)]
    doc_keep = np.zeros(len(tables.documents) + 1, dtype=bool)
    doc_keep[index.passage_drow[mask]] = True
    return Tables(
        documents=tables.documents[doc_keep[:-1]],
        passage_topics=None,
        passages=tables.passages[mask],
        entities=_entity_counts(cut["mentions"], tables.entities),
        **cut,
    )


def sort_passages(
    passages: pd.DataFrame,
    documents: pd.DataFrame,
    sort: str,
    *,
    mentions: pd.DataFrame | None = None,
    actors: tuple[str, ...] = (),
    scores: Mapping[str, float] | None = None,
) -> pd.DataFrame:
    """``passages`` (in file order) in ``sort`` order: the reference for ``query.passage_page``.

    ``newest``/``oldest``: by the publication date of the passage's document (the first row of that
    doc_id; a date that is not ISO counts as none), undated last. ``relevance``: first the passages
    naming more of ``actors`` (distinct, from ``mentions``), then lower ``scores`` (passage id ->
    bm25, lower is better; unscored last), then more mentions of ``actors``, then newest. Ties keep
    file order, so one article's passages stay together in reading order.
    """
    if sort == FILE_ORDER:
        return passages
    if sort not in PASSAGE_SORTS:
        raise ValueError(f"unknown passage sort {sort!r}; expected one of {PASSAGE_SORTS}")
    first = documents.drop_duplicates("doc_id").set_index("doc_id")["published"]
    dated = first.where(first.astype("string").str.match(ISO_DATE).fillna(False).astype(bool))
    ids = passages["passage_id"].astype(str)
    keys = pd.DataFrame({"date": passages["doc_id"].map(dated).to_numpy(), "pos": np.arange(len(passages))})
    by, ascending = [], []
    if sort == "relevance" and actors and mentions is not None:
        chosen = mentions[mentions["entity_id"].isin(actors)]
        keys["named"] = ids.map(chosen.groupby("passage_id")["entity_id"].nunique()).to_numpy()
        keys["mentioned"] = ids.map(chosen.groupby("passage_id").size()).to_numpy()
        by.append("named")
        ascending.append(False)
    if sort == "relevance" and scores is not None:
        keys["score"] = ids.map(scores).to_numpy()
        by.append("score")
        ascending.append(True)
    if "mentioned" in keys:
        by.append("mentioned")
        ascending.append(False)
    by += ["date", "pos"]
    ascending += [sort == "oldest", True]
    order = keys.sort_values(by, ascending=ascending, na_position="last", kind="mergesort")["pos"].to_numpy()
    return passages.iloc[order]


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
