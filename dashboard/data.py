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
  The text filter asks the version's SQLite FTS5 index (``text_index``) when the
  build wrote one, and falls back to a regex scan of the passages otherwise.
- small results (counts, aggregates, a page of rows) are ``st.cache_data``,
  keyed by (folder, version, filters).

(Reading whole tables into pandas is for the tests only: ``tests/dashboard/oracle.read_tables``.)
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import streamlit as st
from streamlit.runtime.scriptrunner import add_script_run_ctx

from dashboard import bidi, charts, graph, places, query, validate
from dashboard.actor_search import ActorIndex, build_actor_index, rank_actors
from dashboard.filters import TABLE_NAMES, Filters
from data_pipeline.text_index import score_text

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


# ---------------------------------------------------------------- connection and selection


@st.cache_resource(show_spinner=False, max_entries=2)
def connection(folder: str, version: tuple):
    """The DuckDB connection over this version's Parquet files (use ``.cursor()`` per query)."""
    return query.connect(folder)


@st.cache_data(show_spinner=False, max_entries=2)
def text_index(folder: str, version: tuple) -> str | None:
    """The version's text index (``passages_fts.sqlite``, written by the build), None for older builds."""
    path = query.usable_text_index(connection(folder, version), folder)
    return None if path is None else str(path)


@st.cache_resource(show_spinner=False, max_entries=32)
def selection(folder: str, version: tuple, filters: Filters) -> pa.Table | None:
    """Kept passage ids (Arrow, read-only), None when nothing filters."""
    return query.select_passages(connection(folder, version), filters, text_index(folder, version))


def _ctx(folder: str, version: tuple, filters: Filters):
    # Event dates cut the timeline rows, not the passages: one selection serves every event range.
    return connection(folder, version), selection(folder, version, filters.passage_filters)


@st.cache_data(show_spinner=False, max_entries=2)
def facets(folder: str, version: tuple) -> dict:
    return query.facets(connection(folder, version))


@st.cache_data(show_spinner=False, max_entries=2)
def all_entity_counts(folder: str, version: tuple) -> pd.DataFrame:
    """Every entity with its mention and document counts over the whole dataset."""
    return query.entity_counts(connection(folder, version), None)


@st.cache_resource(show_spinner=False, max_entries=2)
def entities(folder: str, version: tuple) -> pd.DataFrame:
    """The entities table, shared read-only (a data cache copied its 70,000 rows on every call:
    about 2 s a call on the 48k tables, four calls on the timeline page). Never modify it."""
    return query.entities(connection(folder, version))


def entities_of(folder: str, version: tuple, entity_ids) -> pd.DataFrame:
    """The rows of ``entities`` for the given ids only (what a chart's labels need)."""
    table = entities(folder, version)
    return table[table["entity_id"].isin(pd.unique(pd.Series(list(entity_ids), dtype=object)))]


@st.cache_data(show_spinner=False, max_entries=32)
def summary(folder: str, version: tuple, filters: Filters) -> dict:
    con, sel = _ctx(folder, version, filters)
    return query.summary(con, sel, filters.types)


@st.cache_data(show_spinner=False, max_entries=32)
def entity_counts(folder: str, version: tuple, filters: Filters, limit: int | None) -> pd.DataFrame:
    con, sel = _ctx(folder, version, filters)
    if sel is None and not filters.types:  # nothing filters: the sidebar's table already holds the answer
        table = entity_table(folder, version)
        return (table if limit is None else table.head(limit)).reset_index(drop=True)[query.ENTITY_COLUMNS]
    return query.entity_counts(con, sel, filters.types, limit)


@st.cache_data(show_spinner=False, max_entries=32)
def fact_rows(folder: str, version: tuple, filters: Filters, table: str, limit: int) -> tuple[pd.DataFrame, int]:
    con, sel = _ctx(folder, version, filters)
    return query.fact_rows(con, table, sel, limit)


@st.cache_data(show_spinner=False, max_entries=16)
def timeline_lane_rows(
    folder: str, version: tuple, filters: Filters, lanes: str, chosen: tuple, max_lanes: int, max_points: int,
    prefer: tuple[str, str] | None = None,
) -> pd.DataFrame:
    """Kept timeline rows in the busiest lanes (``query.timeline_lane_rows``)."""
    con, sel = _ctx(folder, version, filters)
    return query.timeline_lane_rows(con, sel, lanes, chosen, max_lanes, max_points, filters, prefer)


@st.cache_data(show_spinner=False, max_entries=32)
def timeline_date_counts(folder: str, version: tuple, filters: Filters) -> pd.DataFrame:
    """Kept timeline rows per (date, precision) (``query.timeline_date_counts``)."""
    con, sel = _ctx(folder, version, filters)
    return query.timeline_date_counts(con, sel, filters)


@st.cache_data(show_spinner=False, max_entries=16)
def timeline_points(folder: str, version: tuple, filters: Filters, limit: int) -> tuple[pd.DataFrame, int]:
    """Kept timeline rows, one per point, by date (``query.timeline_points``)."""
    con, sel = _ctx(folder, version, filters)
    return query.timeline_points(con, sel, filters, limit)


@st.cache_data(show_spinner=False, max_entries=32)
def publication_months(folder: str, version: tuple, filters: Filters) -> pd.DataFrame:
    con, sel = _ctx(folder, version, filters)
    return query.publication_months(con, sel)


def all_passages(
    folder: str, version: tuple, filters: Filters, limit: int, sort: str = query.PASSAGE_SORTS[0]
) -> pd.DataFrame:
    """Every kept passage (up to ``limit``) in ``sort`` order for an export, with its document's title,
    source, published date and url: not cached, since it is only fetched on a click and can be large."""
    con, sel = _ctx(folder, version, filters)
    return query.cite_passages(con, query.passage_page(con, sel, 0, limit, sort, **_relevance(folder, version, filters, sort)))


def cite_passages(folder: str, version: tuple, passages: pd.DataFrame) -> pd.DataFrame:
    """``query.cite_passages``: the passages with their document's title, source, published, url."""
    return query.cite_passages(connection(folder, version), passages)


@st.cache_data(show_spinner=False, max_entries=32)
def speaker_counts(folder: str, version: tuple, filters: Filters, limit: int) -> pd.DataFrame:
    """The most frequent speakers of the kept claims (``query.speaker_counts``)."""
    con, sel = _ctx(folder, version, filters)
    return query.speaker_counts(con, sel, limit)


@st.cache_data(show_spinner=False, max_entries=32)
def claim_rows(
    folder: str, version: tuple, filters: Filters, speakers: tuple[str, ...], sort: str, limit: int,
    frames: tuple[str, ...] = (),
) -> tuple[pd.DataFrame, int]:
    """Kept claims of these speakers and frames in this order, with their documents (``query.claim_rows``)."""
    con, sel = _ctx(folder, version, filters)
    return query.claim_rows(con, sel, speakers, sort, limit, frames)


@st.cache_resource(show_spinner=False, max_entries=8)
def text_scores(folder: str, version: tuple, text: str) -> pa.Table | None:
    """BM25 of each passage holding ``text`` (``text_index.score_text``; Arrow passage_id, score, read-only),
    None without a text index or for a query too short to score."""
    path = text_index(folder, version)
    scores = score_text(path, text) if (path and text) else None
    if scores is None:
        return None
    ids, values = zip(*scores) if scores else ((), ())
    return pa.table({"passage_id": pa.array(ids, pa.string()), "score": pa.array(values, pa.float64())})


def relevance_available(filters: Filters) -> bool:
    """Whether "relevance" means anything: a text query or chosen actors to rank by."""
    return bool(filters.text_key or filters.actors)


def _relevance(folder: str, version: tuple, filters: Filters, sort: str) -> dict:
    """What ``query.passage_page`` ranks by for ``sort``: the chosen actors and the text's scores."""
    if sort != "relevance":
        return {}
    scores = text_scores(folder, version, filters.text) if filters.text_key else None
    return {"actors": filters.actors, "text_scores": scores}


@st.cache_data(show_spinner=False, max_entries=64)
def passage_page(
    folder: str, version: tuple, filters: Filters, offset: int, limit: int, sort: str = query.PASSAGE_SORTS[0]
) -> pd.DataFrame:
    """One page of kept passages in ``sort`` order (``query.passage_page``)."""
    con, sel = _ctx(folder, version, filters)
    return query.passage_page(con, sel, offset, limit, sort, **_relevance(folder, version, filters, sort))


@st.cache_data(show_spinner=False, max_entries=64)
def passages_by_id(folder: str, version: tuple, passage_ids: tuple[str, ...]) -> pd.DataFrame:
    return query.passages_by_id(connection(folder, version), passage_ids)


@st.cache_data(show_spinner=False, max_entries=64)
def facts_for_docs(folder: str, version: tuple, doc_ids: tuple[str, ...]) -> dict[str, pd.DataFrame]:
    return query.facts_for_docs(connection(folder, version), doc_ids)


@st.cache_data(show_spinner=False, max_entries=64)
def document_info(folder: str, version: tuple, doc_ids: tuple[str, ...]) -> pd.DataFrame:
    return query.document_info(connection(folder, version), doc_ids)


@st.cache_data(show_spinner=False, max_entries=32)
def article(folder: str, version: tuple, doc_id: str) -> dict | None:
    """The document's title, source, published and url (``query.article``)."""
    return query.article(connection(folder, version), doc_id)


@st.cache_data(show_spinner=False, max_entries=32)
def article_passages(folder: str, version: tuple, doc_id: str) -> pd.DataFrame:
    """Every passage of the document in reading order (``query.article_passages``)."""
    return query.article_passages(connection(folder, version), doc_id)


@st.cache_data(show_spinner=False, max_entries=32)
def find_documents(folder: str, version: tuple, text: str, limit: int) -> list[str]:
    """Documents whose title contains ``text``, newest first (``query.find_documents``)."""
    return query.find_documents(connection(folder, version), text, limit)


@st.cache_data(show_spinner=False, max_entries=64)
def existing(folder: str, version: tuple, table: str, column: str, values: tuple[str, ...]) -> set[str]:
    return query.existing(connection(folder, version), table, column, values)


@st.cache_resource(show_spinner=False, max_entries=2)
def place_mentions(folder: str, version: tuple) -> tuple[pa.Table, pd.DataFrame]:
    """The mentions of places of this version (``query.place_mentions`` over ``places.place_table``),
    Arrow, shared read-only: every filter's counts read these rows, not the whole mentions table."""
    con = connection(folder, version)
    table = places.place_table(query.place_entities(con))
    return query.place_mentions(con, pa.Table.from_pandas(table, preserve_index=False))


@st.cache_data(show_spinner=False, max_entries=32)
def place_counts(folder: str, version: tuple, filters: Filters) -> dict[str, pd.DataFrame]:
    """Kept mentions of placed entities per place and per country (``query.place_counts``)."""
    con, sel = _ctx(folder, version, filters)
    return query.place_counts(con, sel, place_mentions(folder, version), filters.types)


# ---------------------------------------------------------------- one entity (the entity page)


@st.cache_resource(show_spinner=False, max_entries=32)
def entity_selection(folder: str, version: tuple, filters: Filters, entity_id: str) -> pa.Table:
    """The kept passages that mention ``entity_id`` (``query.entity_passages``; Arrow, read-only)."""
    con, sel = _ctx(folder, version, filters)
    return query.entity_passages(con, sel, entity_id, filters.types)


def _ent(folder: str, version: tuple, filters: Filters, entity_id: str):
    return connection(folder, version), entity_selection(folder, version, filters, entity_id)


@st.cache_data(show_spinner=False, max_entries=32)
def entity_totals(folder: str, version: tuple, filters: Filters, entity_id: str) -> dict:
    """Mentions, passages and articles of ``entity_id`` under the filters."""
    ent = entity_selection(folder, version, filters, entity_id)
    return {
        "mentions": int(pc.sum(ent.column("mentions")).as_py() or 0),
        "passages": ent.num_rows,
        "documents": int(pc.count_distinct(ent.column("doc_id")).as_py()) if ent.num_rows else 0,
    }


@st.cache_data(show_spinner=False, max_entries=32)
def entity_fact_counts(folder: str, version: tuple, filters: Filters, entity_id: str) -> dict:
    """Claims by it, claims about it and quantities in its passages, under the filters (counts only)."""
    con, sel = _ctx(folder, version, filters)
    return query.entity_fact_counts(con, sel, entity_selection(folder, version, filters, entity_id), entity_id)


@st.cache_data(show_spinner=False, max_entries=32)
def entity_mention_days(folder: str, version: tuple, filters: Filters, entity_id: str) -> pd.DataFrame:
    return query.entity_mention_days(*_ent(folder, version, filters, entity_id))


@st.cache_data(show_spinner=False, max_entries=32)
def entity_co_mentions(folder: str, version: tuple, filters: Filters, entity_id: str, limit: int) -> pd.DataFrame:
    con, ent = _ent(folder, version, filters, entity_id)
    return query.entity_co_mentions(con, ent, entity_id, filters.types, limit)


@st.cache_data(show_spinner=False, max_entries=32)
def entity_claims(
    folder: str, version: tuple, filters: Filters, entity_id: str, side: str, limit: int
) -> tuple[pd.DataFrame, int]:
    """Claims by the entity (``side="by"``: it speaks) or about it (``"about"``: its passages, another
    speaker), newest first (``query.entity_claims_by`` / ``entity_claims_about``)."""
    if side == "by":
        con, sel = _ctx(folder, version, filters)
        return query.entity_claims_by(con, sel, entity_id, limit)
    con, ent = _ent(folder, version, filters, entity_id)
    return query.entity_claims_about(con, ent, entity_id, limit)


@st.cache_data(show_spinner=False, max_entries=32)
def entity_quantities(folder: str, version: tuple, filters: Filters, entity_id: str, limit: int) -> tuple[pd.DataFrame, int]:
    return query.entity_quantities(*_ent(folder, version, filters, entity_id), limit)


@st.cache_data(show_spinner=False, max_entries=64)
def entity_passage_page(folder: str, version: tuple, filters: Filters, entity_id: str, offset: int, limit: int) -> pd.DataFrame:
    return query.entity_passage_page(*_ent(folder, version, filters, entity_id), offset, limit)


# ---------------------------------------------------------------- small derived frames


@st.cache_resource(show_spinner=False, max_entries=2)
def entity_table(folder: str, version: tuple) -> pd.DataFrame:
    """Every entity with its counts (``all_entity_counts``), indexed by entity id, shared read-only.

    A resource, not a data cache: the sidebar needs it on every rerun, and a data cache hands out
    a copy (70,000 entities took 0.3 s to unpickle, twice a rerun). Read it, never modify it.
    """
    counts = query.entity_counts(connection(folder, version), None)
    return counts.set_index(counts["entity_id"].astype(str))


def _labels(rows: pd.DataFrame, lang: str) -> dict[str, str]:
    first, second = ("name_ar", "name_en") if lang == "ar" else ("name_en", "name_ar")
    # Row by row, not Series arithmetic: with no entity at all the columns come back empty and
    # typed (int64 mentions), and adding text to them raised a TypeError on every page.
    return {eid: actor_label(a, b, m) for eid, a, b, m in zip(rows.index, rows[first], rows[second], rows["mentions"])}


@st.cache_data(show_spinner=False, max_entries=4)
def actor_options(folder: str, version: tuple, lang: str, limit: int) -> tuple[list[str], dict[str, str]]:
    """The ``limit`` most mentioned entity ids and their labels "name · other name (mentions)"."""
    labels = _labels(entity_table(folder, version).head(limit), lang)
    return list(labels), labels


@st.cache_data(show_spinner=False, max_entries=64)
def actor_labels(folder: str, version: tuple, lang: str, entity_ids: tuple[str, ...]) -> dict[str, str]:
    """Labels of the given entities (those that exist), like ``actor_options``."""
    table = entity_table(folder, version)
    return _labels(table.loc[[e for e in entity_ids if e in table.index]], lang)


@st.cache_data(show_spinner=False, max_entries=64)
def actor_names(folder: str, version: tuple, lang: str, entity_ids: tuple[str, ...]) -> dict[str, str]:
    """The name of each given entity in ``lang`` (the other language's when it has none), without bidi controls."""
    table = entity_table(folder, version)
    rows = table.loc[[e for e in entity_ids if e in table.index]]
    first, second = ("name_ar", "name_en") if lang == "ar" else ("name_en", "name_ar")
    # A name made only of controls falls back to the other language.
    return {eid: bidi.strip(a) or bidi.strip(b) for eid, a, b in zip(rows.index, rows[first], rows[second])}


@st.cache_data(show_spinner=False, max_entries=64)
def known_actors(folder: str, version: tuple, entity_ids: tuple[str, ...]) -> list[str]:
    """The given ids that name an entity of this dataset, in the order given (an id from an old URL drops out)."""
    table = entity_table(folder, version)
    return [e for e in entity_ids if e in table.index]


@st.cache_data(show_spinner=False, max_entries=4)
def entity_types(folder: str, version: tuple) -> tuple[str, ...]:
    """The entity types that have mentions in this dataset."""
    return tuple(sorted(set(entity_table(folder, version)["type"].dropna().astype(str))))


@st.cache_resource(show_spinner=False, max_entries=2)
def actor_index(folder: str, version: tuple) -> ActorIndex:
    """Every entity's names and words for ``find_actors``, built once per version on the first search
    (about 1 s for 70,000 entities; a resource: read-only arrays, not copied per search)."""
    return build_actor_index(entity_table(folder, version))


_WARMED: set[tuple[str, tuple]] = set()


def warm_up(folder: str, version: tuple) -> None:
    """Build the actor search's index in a background thread, once per version, after the first
    page is drawn: the first search then answers at once instead of paying about 1 s (48k tables)."""
    if (folder, version) in _WARMED:
        return
    _WARMED.add((folder, version))
    thread = threading.Thread(target=actor_index, args=(folder, version), name="marsad-warm-up", daemon=True)
    add_script_run_ctx(thread)  # the cache is the session's runtime's, as for a call from the page
    thread.start()


@st.cache_data(show_spinner=False, max_entries=64)
def find_actors(folder: str, version: tuple, text: str, limit: int) -> list[str]:
    """Ids of the entities matching ``text``, best first (``actor_search.rank_actors``)."""
    return rank_actors(actor_index(folder, version), text, limit)


def actor_label(name: object, other_name: object, mentions: int) -> str:
    """"name · other name (mentions)": the other name only when it differs, either alone when the other is missing."""
    # Names come from articles: bidi controls dropped, so a U+202E in one cannot reverse the count.
    names = [bidi.strip(n) for n in (name, other_name) if isinstance(n, str)]
    return f"{' · '.join(dict.fromkeys(n for n in names if n))} ({int(mentions):,})"


@st.cache_data(show_spinner=False, max_entries=4)
def table_problems(folder: str, version: tuple) -> tuple[validate.Problem, ...]:
    """What is wrong with this version's tables (``validate.check_tables``): footers read once per version."""
    return validate.check_tables(folder)


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
def network_top(folder: str, version: tuple, filters: Filters, types: tuple[str, ...]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The ``graph.MAX_ACTORS`` most mentioned actors (``query.entity_counts`` columns, counts over the
    kept mentions of ``types``) and every pair of them named in one kept passage (``query.co_mentions``):
    one query pair per filter value, whatever the number of actors the page shows."""
    con, sel = _ctx(folder, version, filters)
    nodes = query.entity_counts(con, sel, types, graph.MAX_ACTORS)
    return nodes, query.co_mentions(con, sel, nodes["entity_id"].tolist(), types)


@st.cache_data(show_spinner=False, max_entries=32)
def network(
    folder: str, version: tuple, filters: Filters, top_n: int, types: tuple[str, ...], centre: str | None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The network page's actors and every pair of them named in one kept passage.

    Actors: the ``top_n`` most mentioned (the head of ``network_top``), or with ``centre`` that actor
    and the ``top_n - 1`` named most often beside it (its ego network). Pairs: source_id, target_id,
    weight (distinct kept passages naming both)."""
    if not centre and top_n <= graph.MAX_ACTORS:
        nodes, pairs = network_top(folder, version, filters, types)
        nodes = nodes.head(top_n)
        ids = set(nodes["entity_id"])
        return nodes, pairs[pairs["source_id"].isin(ids) & pairs["target_id"].isin(ids)].reset_index(drop=True)
    con, sel = _ctx(folder, version, filters)
    if centre:
        ids = [centre, *query.co_mentioned_with(con, sel, centre, types, top_n - 1)]
        nodes = query.entity_counts(con, sel, types, None, ids=ids)
    else:
        nodes = query.entity_counts(con, sel, types, top_n)
    return nodes, query.co_mentions(con, sel, nodes["entity_id"].tolist(), types)


@st.cache_data(show_spinner=False, max_entries=32)
def network_layout(
    folder: str, version: tuple, filters: Filters, top_n: int, types: tuple[str, ...], centre: str | None,
    min_weight: int | None,
) -> tuple[pd.DataFrame, pd.DataFrame, int]:
    """(nodes, edges, minimum co-mentions used) of ``graph.layout_network`` over ``network``;
    ``min_weight`` None picks it (``graph.auto_min_weight``)."""
    nodes, pairs = network(folder, version, filters, top_n, types, centre)
    if min_weight is None:
        min_weight = graph.auto_min_weight(pairs, len(nodes))
    placed, edges = graph.layout_network(nodes, pairs, min_weight, centre)
    return placed, edges, int(min_weight)


@st.cache_data(show_spinner=False, max_entries=64)
def day_outlet_counts(folder: str, version: tuple, filters: Filters) -> pd.DataFrame:
    """Kept articles and passages per (publication day, outlet) (``query.day_outlet_counts``): one
    query per compared series, cached per its filters."""
    con, sel = _ctx(folder, version, filters)
    return query.day_outlet_counts(con, sel)


@st.cache_data(show_spinner=False, max_entries=16)
def collection_counts(folder: str, version: tuple, filters: Filters) -> pd.DataFrame:
    """Articles per (publication day, outlet) of the outlets, documents and dates chosen
    (``query.collection_counts``): what a series' share is taken of."""
    return query.collection_counts(connection(folder, version), filters)


def clear_caches() -> None:
    """Forget every cached connection and result (after new articles were merged in)."""
    for fn in (
        connection, selection, facets, all_entity_counts, entities, summary, entity_counts, fact_rows, timeline_lane_rows,
        passage_page, text_scores, article, article_passages, find_documents, passages_by_id, facts_for_docs,
        document_info, existing, entity_table, actor_options, actor_labels, actor_names, known_actors, entity_types,
        actor_index, find_actors, recent_documents,
        topic_counts, network_top, network, network_layout, timeline_date_counts, timeline_points, publication_months,
        place_mentions, place_counts, day_outlet_counts, collection_counts,
        entity_selection, entity_totals, entity_fact_counts, entity_mention_days, entity_co_mentions, entity_claims,
        entity_quantities, entity_passage_page,
    ):
        fn.clear()


# ---------------------------------------------------------------- adding articles
#
# The add-articles page calls the ingest API (``data_pipeline.uploads``: stage, start, status, cancel,
# discard); the job runs ``marsad add`` in a process of its own, so the server never forks a worker
# pool or runs an extractor.

def read_only() -> bool:
    """``marsad serve --read-only`` (``MARSAD_READ_ONLY``): no page to add articles, and the server
    refuses the upload route (``dashboard/server.py`` reads the same spellings)."""
    return os.environ.get("MARSAD_READ_ONLY", "").lower() in ("1", "true", "yes")


