"""Build the Parquet tables from input files: parallel, incremental and atomic.

- Parallel: documents are processed in a pool of worker processes (all cores by default).
- Incremental: a document whose ``doc_id`` and content hash are already in the output
  folder keeps its rows; only new or changed documents are processed.
- Atomic: every table is written to a temporary file in the output folder and moved
  over the old one with ``os.replace``; a build killed midway leaves the previous
  tables readable. ``manifest.json`` (written last) records the build.
"""

from __future__ import annotations

import json
import multiprocessing as mp
import os
import re
import shutil
import signal
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from .lang.ar.punctuation import QUOTES
from .layout import dataset_path, uploads_dir, versions_dir, writer_lock
from .progress import Lines, Reading
from .readers import Skipped, content_hash, read_inputs
from .records import Document
from .rows import document_rows as _work  # a name of this module: tests wrap it
from .schemas import TABLES
from .stories import Sketch, sketch, story_ids
from .text_index import INDEX_FILE, write_text_index

FACT_TABLES = ("passages", "mentions", "quantities", "timeline", "claims")


@dataclass
class BuildSummary:
    documents_read: int = 0  # documents found in the inputs
    documents_processed: int = 0  # of which new or changed, run through the extractors
    documents_reused: int = 0  # of which unchanged, rows kept from the previous build
    documents_kept: int = 0  # documents of an earlier build kept by add_files
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    errors: list[tuple[str, str, str]] = field(default_factory=list)  # (doc_id, stage, message)
    rows: dict[str, int] = field(default_factory=dict)
    stage_seconds: dict[str, float] = field(default_factory=dict)
    seconds: float = 0.0
    words: int = 0
    out_dir: str = ""
    uploads: str = ""  # the uploads folder read with the inputs, if any

    def report(self) -> str:
        lines = [
            f"Marsad build -> {self.out_dir}",
            f"  documents read: {self.documents_read} (processed {self.documents_processed}, "
            f"unchanged {self.documents_reused}" + (f", kept {self.documents_kept}" if self.documents_kept else "") + ")",
            f"  skipped: {len(self.skipped)}",
        ]
        if self.uploads:
            lines.insert(2, f"  with the articles added in the dashboard: {self.uploads}")
        reasons = Counter(reason for _, reason in self.skipped)
        for path, reason in self.skipped[:10]:
            lines.append(f"    {path}: {reason}")
        if len(self.skipped) > 10:
            lines.append("    ... by reason: " + "; ".join(f"{r} x{n}" for r, n in reasons.most_common(5)))
        if self.errors:
            lines.append(f"  extractor errors: {len(self.errors)} (stage records dropped for those documents)")
            for doc_id, stage, msg in self.errors[:5]:
                lines.append(f"    {doc_id} [{stage}]: {msg[:160]}")
        lines.append("  rows: " + ", ".join(f"{t} {n:,}" for t, n in self.rows.items()))
        rate = f", {self.words / self.seconds:,.0f} words/s" if self.seconds and self.words else ""
        lines.append(f"  seconds: {self.seconds:.1f}{rate}")
        return "\n".join(lines)


# ---------------------------------------------------------------- rows


def _doc_row(doc: Document, path: str, digest: str, story: Sketch, story_id: str) -> dict:
    return {
        "doc_id": doc.doc_id,
        "title": doc.title,
        "source": doc.source,
        "published": doc.published,
        "url": doc.url,
        "category": doc.category,
        "author": doc.author,
        "text": doc.text,
        "content_hash": digest,
        "input_path": path,
        "story_id": story_id,
        "story_minhash": story.minhash,
        "story_figures": list(story.figures),
        "story_actors": list(story.actors),
    }


def _worker_signals() -> None:
    """A forked worker forgets its parent's signal handlers: the pool stops its workers with SIGTERM,
    and a handler inherited from the parent (an upload job's cancel, a server's shutdown) would run
    inside the worker and leave it blocked on the pool's lock."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the parent, which ends the pool


# ---------------------------------------------------------------- tables


def empty_frame(table: str) -> pd.DataFrame:
    return TABLES[table].arrow().empty_table().to_pandas()


def to_arrow(table: str, frame: pd.DataFrame | pa.Table) -> pa.Table:
    """Check ``frame`` (pandas or Arrow) against the table's schema (strict: same columns) and convert it."""
    schema = TABLES[table]
    names = frame.column_names if isinstance(frame, pa.Table) else list(frame.columns)
    missing = [c for c in schema.names if c not in names]
    extra = [c for c in names if c not in schema.names]
    if missing or extra:
        raise ValueError(f"table {table}: missing columns {missing}, unexpected columns {extra}")
    if isinstance(frame, pa.Table):
        return frame.select(schema.names).cast(schema.arrow())
    return pa.Table.from_pandas(frame[schema.names], schema=schema.arrow(), preserve_index=False)


def _read_arrow(out_dir: Path, table: str) -> pa.Table:
    """One table of an earlier build as Arrow (an empty table when it is missing)."""
    path = Path(out_dir) / f"{table}.parquet"
    if not path.exists():
        return TABLES[table].arrow().empty_table()
    old = pq.read_table(path)
    for column in TABLES[table].columns:  # a column added since: its default in every old row
        if column.name not in old.column_names and (column.default is not None or column.nullable):
            old = old.append_column(column.name, pa.array([column.default] * old.num_rows, column.type))
    return to_arrow(table, old)


def _rows_of(table: pa.Table, doc_ids: set[str]) -> pa.Table:
    """The rows of ``table`` whose doc_id is in ``doc_ids``."""
    if not doc_ids or table.num_rows == 0:
        return table.slice(0, 0)
    return table.filter(pc.is_in(table["doc_id"], value_set=pa.array(sorted(doc_ids), pa.string())))


_QUOTES_RE = "[" + re.escape(QUOTES) + "]"


def entities_frame(mentions: pd.DataFrame) -> pd.DataFrame:
    """The entities table, aggregated from all mentions (the one place entities are summarised).

    An entity's type is its most frequent mention type; its name is the most frequent name of its
    mentions found by name (not by coreference), ties broken by the name itself; ``known`` marks a
    gazetteer entity.
    """
    if mentions.empty:
        return empty_frame("entities")
    m = mentions.assign(
        alias=mentions["text"].str.replace(_QUOTES_RE, "", regex=True).str.replace(r"\s+", " ", regex=True).str.strip(),
        known=mentions["method"].eq("gazetteer"),
        by_name=mentions["method"].ne("coreference"),
    )
    grouped = m.groupby("entity_id", sort=True)
    out = grouped.agg(mentions=("doc_id", "size"), documents=("doc_id", "nunique"), known=("known", "any"))
    out["aliases"] = grouped["alias"].agg(lambda s: sorted(set(s) - {""}))
    types = m.groupby(["entity_id", "type"]).size().rename("n").reset_index()
    types = types.sort_values(["entity_id", "n", "type"], ascending=[True, False, True]).drop_duplicates("entity_id")
    names = m.groupby(["entity_id", "by_name", "name_ar", "name_en"]).size().rename("n").reset_index()
    names = names.sort_values(["entity_id", "by_name", "n", "name_ar", "name_en"],
                              ascending=[True, False, False, False, False]).drop_duplicates("entity_id")
    out = out.join(types.set_index("entity_id")["type"]).join(names.set_index("entity_id")[["name_ar", "name_en"]])
    out = out.reset_index()[["entity_id", "type", "name_ar", "name_en", "aliases", "mentions", "documents", "known"]]
    return out.sort_values(["mentions", "entity_id"], ascending=[False, True], ignore_index=True)


def read_tables(out_dir: Path) -> dict[str, pd.DataFrame]:
    """The tables of an earlier build (empty frames for missing ones)."""
    tables = {}
    for name in TABLES:
        path = Path(out_dir) / f"{name}.parquet"
        tables[name] = pq.read_table(path).to_pandas() if path.exists() else empty_frame(name)
    return tables


def _point(out_dir: Path, version: Path) -> None:
    """Make ``out_dir`` a symbolic link to ``version`` in one atomic rename."""
    link = out_dir.parent / f".{out_dir.name}.link-{os.getpid()}"
    if link.is_symlink() or link.exists():
        link.unlink()
    link.symlink_to(os.path.relpath(version, out_dir.parent), target_is_directory=True)
    os.replace(link, out_dir)


def _adopt_plain_folder(out_dir: Path, versions: Path) -> None:
    """An ``out_dir`` that is a real folder of tables (an older layout) becomes the first version."""
    ours = {f"{name}.parquet" for name in TABLES} | {"manifest.json", "benchmark.json", INDEX_FILE}
    foreign = [p.name for p in out_dir.iterdir() if p.name not in ours and not p.name.startswith(".")]
    if foreign:
        raise ValueError(f"{out_dir} holds files Marsad did not write ({', '.join(sorted(foreign)[:5])}); "
                         "choose an empty or new --out folder")
    adopted = versions / f"adopted-{time.strftime('%Y%m%dT%H%M%S')}"
    os.replace(out_dir, adopted)
    _point(out_dir, adopted)


def _open_version(out_dir: Path) -> tuple[Path, str, Path]:
    """A new, hidden ``<stamp>.tmp`` folder beside the versions of ``out_dir``, to write a build into.

    ``out_dir`` is a symbolic link to ``.<name>.versions/<build>/`` beside it: a build killed at any
    moment leaves the previous version complete and ``out_dir`` pointing at it (``_commit_version``
    switches it in one rename and keeps the current and previous versions; older ones and the
    leftovers of killed builds are removed then).
    """
    versions = versions_dir(out_dir)
    versions.mkdir(parents=True, exist_ok=True)
    if out_dir.is_dir() and not out_dir.is_symlink():
        _adopt_plain_folder(out_dir, versions)
    stamp = f"{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}-{os.urandom(3).hex()}"
    tmp = versions / f"{stamp}.tmp"
    tmp.mkdir()
    return versions, stamp, tmp


def _commit_version(out_dir: Path, versions: Path, stamp: str, tmp: Path, manifest: dict) -> None:
    """Finish a version folder and switch ``out_dir`` to it in one rename; drop older versions."""
    (tmp / "manifest.json").write_text(json.dumps({**manifest, "version": stamp}, ensure_ascii=False, indent=2), encoding="utf-8")
    version = versions / stamp
    os.replace(tmp, version)
    previous = out_dir.resolve() if out_dir.is_symlink() else None
    _point(out_dir, version)
    for old in versions.iterdir():
        if old != version and old != previous:
            shutil.rmtree(old, ignore_errors=True)


class _TableSink:
    """Writes one table's rows, chunk by chunk, into a version folder being built.

    Every chunk is checked against the schema first. One file ``<table>.parquet`` (a row group
    per chunk), or with ``partition_rows`` a folder of ``part-NNNNN.parquet`` files of that many
    rows (at least one part, maybe empty).
    """

    def __init__(self, folder: Path, name: str, partition_rows: int | None = None) -> None:
        self.name, self.rows, self.partition_rows = name, 0, partition_rows
        self._pending: list[pa.Table] = []
        self._pending_rows = self._parts = 0
        if partition_rows:
            self._dir = folder / f"{name}.parquet"
            self._dir.mkdir()
            self._writer = None
        else:
            self._writer = pq.ParquetWriter(folder / f"{name}.parquet", TABLES[name].arrow(), compression="zstd")

    def write(self, table: pd.DataFrame | pa.Table) -> None:
        table = to_arrow(self.name, table)
        if not table.num_rows:
            return
        self.rows += table.num_rows
        if self._writer is not None:
            self._writer.write_table(table)
            return
        self._pending.append(table)
        self._pending_rows += table.num_rows
        while self._pending_rows >= self.partition_rows:
            self._write_part(self.partition_rows)

    def _write_part(self, n: int) -> None:
        rows = pa.concat_tables(self._pending) if self._pending else TABLES[self.name].arrow().empty_table()
        pq.write_table(rows.slice(0, n), self._dir / f"part-{self._parts:05d}.parquet", compression="zstd")
        self._parts += 1
        rest = rows.slice(n)
        self._pending, self._pending_rows = ([rest] if rest.num_rows else []), rest.num_rows

    def close(self) -> None:
        if self._writer is not None:
            self._writer.close()
        elif self._pending_rows or not self._parts:
            self._write_part(self._pending_rows)


# ---------------------------------------------------------------- build


def _read_documents(
    inputs: Iterable, summary: BuildSummary, overriding: Iterable = (), reading: Reading | None = None,
) -> list[tuple[Document, str, str]]:
    """(document, input path, content hash) of every readable input; the hash is computed once here.

    Two documents with one ``doc_id``: an identical one is skipped as a duplicate, a different one
    gets ``<id>~2``, except that a document from ``overriding`` (the dashboard's uploads, read
    last) replaces the earlier one: the analyst was asked before it was uploaded.
    ``reading`` is told the number of documents after each input item (reading 48,000 takes a while).
    """
    docs: dict[str, tuple[Document, str, str]] = {}

    def take(item, replaces: bool) -> None:
        if isinstance(item, Skipped):
            summary.skipped.append((item.path, item.reason))
            return
        doc, path = item
        h = content_hash(doc.title, doc.text)
        if doc.doc_id in docs:
            if docs[doc.doc_id][2] == h:
                summary.skipped.append((path, f"duplicate of document {doc.doc_id}"))
                return
            if replaces:
                summary.skipped.append((docs[doc.doc_id][1], f"document {doc.doc_id} replaced by the upload {path}"))
                del docs[doc.doc_id]
            else:
                n = 2
                while f"{doc.doc_id}~{n}" in docs:
                    n += 1
                doc = Document(**{**doc.__dict__, "doc_id": f"{doc.doc_id}~{n}"})
        docs[doc.doc_id] = (doc, path, h)

    for batch, replaces in ((inputs, False), (overriding, True)):
        for item in read_inputs(batch):
            take(item, replaces)
            if reading is not None:
                reading.update(len(docs))
    return list(docs.values())


FLUSH_ROWS = 20_000  # row dicts are turned into a frame this often: dicts cost ten times the memory


def _process(
    docs: list[Document], workers: int, progress: bool, summary: BuildSummary, scheduler=None,
    sinks: dict[str, _TableSink] | None = None, on_progress: Callable[[int, int], None] | None = None,
    lines: Lines | None = None, sketches: dict[str, Sketch] | None = None,
) -> dict[str, pa.Table]:
    """Run the stages on ``docs`` (in order) and return the fact tables' new rows as Arrow tables.

    Rows are turned into Arrow (checked against the schema) every ``FLUSH_ROWS``. With ``sinks``
    each chunk is written at once into the version folder being built (and empty tables are
    returned), so the build never holds more than a chunk of each table.
    ``progress`` draws tqdm's bar; ``lines`` (for output that is not a terminal) says a line now and then.
    """
    rows: dict[str, list[dict]] = {t: [] for t in FACT_TABLES}
    parts: dict[str, list[pa.Table]] = {t: [] for t in FACT_TABLES}

    def flush(table: str) -> None:
        if rows[table]:
            chunk = to_arrow(table, pa.Table.from_pylist(rows[table]))
            if sinks is not None:
                sinks[table].write(chunk)
            else:
                parts[table].append(chunk)
            rows[table] = []

    def frames() -> dict[str, pa.Table]:
        for table in FACT_TABLES:
            flush(table)
        return {t: pa.concat_tables(parts[t]) if parts[t] else TABLES[t].arrow().empty_table() for t in FACT_TABLES}

    if not docs:
        return frames()
    from tqdm import tqdm

    bar = tqdm(total=len(docs), unit="doc", disable=not progress, file=sys.stderr, mininterval=0.5)
    done = [0]  # a disabled tqdm bar does not count
    processing = lines.processing(len(docs)) if lines is not None else None

    def collect(result):
        doc_id, doc_rows, errors, seconds, story = result
        if sketches is not None:
            sketches[doc_id] = story
        for table, table_rows in doc_rows.items():
            rows[table].extend(table_rows)
            if len(rows[table]) >= FLUSH_ROWS:
                flush(table)
        summary.errors.extend((doc_id, stage, msg) for stage, msg in errors)
        for stage, s in seconds.items():
            summary.stage_seconds[stage] = summary.stage_seconds.get(stage, 0.0) + s
        bar.update(1)
        done[0] += 1
        if processing is not None:
            processing.update(done[0])
        if on_progress is not None:
            on_progress(done[0], len(docs))

    if scheduler is not None:
        from .distributed import process_on_cluster

        for result in process_on_cluster(docs, scheduler):
            collect(result)
    elif workers <= 1 or len(docs) < 50:
        for doc in docs:
            collect(_work(doc))
    else:
        ctx = mp.get_context("fork")
        with ctx.Pool(workers, initializer=_worker_signals) as pool:
            for result in pool.imap(_work, docs, chunksize=16):
                collect(result)
    bar.close()
    if processing is not None:
        processing.end(done[0])
    return frames()


def build(
    inputs: Iterable[str | Path],
    out_dir: str | Path,
    *,
    workers: int | None = None,
    progress: bool | None = None,
    incremental: bool = True,
    keep_existing: bool = False,
    scheduler=None,
    partition_rows: int | None = None,
    with_uploads: bool = True,
    wait: bool = True,
    on_wait: Callable[[], None] | None = None,
    on_progress: Callable[[int, int], None] | None = None,
    clock: Callable[[], float] = time.monotonic,
) -> BuildSummary:
    """Read ``inputs`` and write the tables to ``out_dir``.

    The tables describe exactly the documents in ``inputs`` and in the dataset's uploads folder
    (``DIR-uploads``, articles added in the dashboard; ``with_uploads=False`` leaves it out), unless
    ``keep_existing`` (used by ``add_files``), which keeps the documents of the earlier build too.
    One writer at a time: the build holds the dataset's lock (``layout.writer_lock``) from reading
    the earlier tables to switching in the new ones; a second build waits for it (``on_wait`` is
    called once) or, with ``wait=False``, raises ``layout.BuildBusy``.
    ``scheduler`` (a Dask scheduler address such as ``tcp://host:8786`` or a ``distributed.Client``)
    processes the documents on a Dask cluster; the tables are then written partitioned
    (``partition_rows`` rows per part, default 100,000) and equal those of a local build.
    ``on_progress(done, total)`` is called after each processed document.
    ``progress``: True draws a bar, False is silent, None (the default) draws the bar on a terminal
    (for 200 documents or more) and otherwise writes a line every ``progress.EVERY_SECONDS`` of
    ``clock`` while reading and processing, and one at the end of each phase (a log is not left silent
    for minutes); reading and writing lines go to stderr in both cases.
    Returns a summary; nothing is written when no document could be read.
    """
    t0 = time.perf_counter()
    inputs = [str(p) for p in inputs]
    out_dir = dataset_path(out_dir)
    summary = BuildSummary(out_dir=str(out_dir))
    uploads = uploads_dir(out_dir)
    overriding = []
    if with_uploads and not keep_existing and uploads.is_dir() and str(uploads) not in map(str, map(dataset_path, inputs)):
        overriding = [str(uploads)]
        summary.uploads = str(uploads)
    lines = None if progress is False else Lines(clock)
    reading = lines.reading() if lines is not None else None
    docs = _read_documents(inputs, summary, overriding, reading)
    if reading is not None:
        reading.end(len(docs))
    summary.documents_read = len(docs)
    if not docs:
        summary.seconds = time.perf_counter() - t0
        return summary
    with writer_lock(out_dir, wait=wait, on_wait=on_wait):
        return _build_locked(
            docs, inputs, out_dir, summary, t0, workers=workers, progress=progress, incremental=incremental,
            keep_existing=keep_existing, scheduler=scheduler, partition_rows=partition_rows, on_progress=on_progress,
            lines=lines,
        )


@dataclass(frozen=True)
class _Earlier:
    """What the earlier build in the output folder lends to this one."""

    present: bool  # its tables are read (incremental or add_files, and the folder exists)
    documents: pa.Table | None  # its documents table
    reuse_ids: frozenset[str]  # unchanged documents: their rows are copied, not recomputed
    keep_ids: frozenset[str]  # documents only it has, kept by add_files

    @property
    def carried(self) -> frozenset[str]:
        return self.reuse_ids | self.keep_ids


def _earlier_build(docs: list[tuple[Document, str, str]], out_dir: Path, incremental: bool,
                   keep_existing: bool) -> _Earlier:
    present = (incremental or keep_existing) and out_dir.exists()
    old_docs = _read_arrow(out_dir, "documents") if present else None
    reuse_ids: frozenset[str] = frozenset()
    if old_docs is not None and incremental and old_docs.num_rows:
        known = dict(zip(old_docs["doc_id"].to_pylist(), old_docs["content_hash"].to_pylist()))
        reuse_ids = frozenset(d.doc_id for d, _, h in docs if known.get(d.doc_id) == h)
    keep_ids: frozenset[str] = frozenset()
    if keep_existing and old_docs is not None:
        keep_ids = frozenset(set(old_docs["doc_id"].to_pylist()) - {d.doc_id for d, _, _ in docs})
    return _Earlier(present, old_docs, reuse_ids, keep_ids)


def _progress_outputs(progress: bool | None, lines: Lines | None, todo: int) -> tuple[bool, Lines | None]:
    """(draw a bar?, lines for a log): a terminal shows the bar (or, for a small build, nothing);
    a log gets the lines."""
    tty = sys.stderr.isatty()
    bar = progress is True or (progress is None and tty and todo >= 200)
    return bar, (lines if progress is None and not tty else None)


def _build_locked(
    docs: list[tuple[Document, str, str]], inputs: list[str], out_dir: Path, summary: BuildSummary, t0: float, *,
    workers, progress, incremental, keep_existing, scheduler, partition_rows, on_progress, lines,
) -> BuildSummary:
    earlier = _earlier_build(docs, out_dir, incremental, keep_existing)
    todo = [d for d, _, _ in docs if d.doc_id not in earlier.reuse_ids]
    _count_documents(summary, docs, todo, earlier)
    bar, processing_lines = _progress_outputs(progress, lines, len(todo))
    if scheduler is not None and partition_rows is None:
        partition_rows = 100_000

    # Everything is written into a hidden version folder as it comes; only a complete folder is
    # switched in (a failure or a kill leaves the previous version as it was).
    versions, stamp, tmp = _open_version(out_dir)
    try:
        sinks = _fact_sinks(tmp, out_dir, earlier, partition_rows)
        sketches: dict[str, Sketch] = {}
        _process(todo, workers or os.cpu_count() or 1, bar, summary, scheduler, sinks, on_progress, processing_lines,
                 sketches)
        for sink in sinks.values():
            sink.close()
        # The dashboard's text search index, inside the version folder so it switches with the tables.
        previous_index = out_dir / INDEX_FILE if earlier.present and earlier.carried else None
        write_text_index(tmp, previous_index, earlier.carried)
        if lines is not None:  # entities are counted over every mention: seconds on a large corpus
            lines.say("writing the documents and entities tables")
        written = {**sinks, "documents": _write_documents(tmp, docs, earlier, partition_rows, sketches),
                   "entities": _write_entities(tmp, partition_rows)}
        summary.rows = {name: written[name].rows for name in TABLES}
        summary.seconds = time.perf_counter() - t0
        _commit_version(out_dir, versions, stamp, tmp, _manifest(summary, out_dir, inputs, keep_existing, partition_rows))
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return summary


def _count_documents(summary: BuildSummary, docs: list, todo: list[Document], earlier: _Earlier) -> None:
    summary.documents_kept = len(earlier.keep_ids)
    summary.documents_reused = len(docs) - len(todo)
    summary.documents_processed = len(todo)
    summary.words = sum(len(d.text.split()) for d in todo)


def _manifest(summary: BuildSummary, out_dir: Path, inputs: list[str], keep_existing: bool,
              partition_rows: int | None) -> dict:
    """``manifest.json`` of a finished build (``_commit_version`` adds the version)."""
    return {
        "built_at": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "documents": summary.rows["documents"],
        "rows": summary.rows,
        "inputs": _manifest_inputs(out_dir, inputs, keep_existing),
        "uploads": summary.uploads or None,
        "layout": "partitioned" if partition_rows else "single-file",
    }


def _fact_sinks(tmp: Path, out_dir: Path, earlier: _Earlier, partition_rows: int | None) -> dict[str, _TableSink]:
    """The fact tables' writers, holding the carried documents' rows already (first, as before)."""
    sinks = {table: _TableSink(tmp, table, partition_rows) for table in FACT_TABLES}
    if earlier.carried and earlier.present:
        for table in FACT_TABLES:
            sinks[table].write(_rows_of(_read_arrow(out_dir, table), set(earlier.carried)))
    return sinks


def _write_documents(tmp: Path, docs: list[tuple[Document, str, str]], earlier: _Earlier,
                     partition_rows: int | None, sketches: dict[str, Sketch]) -> _TableSink:
    """The documents table: this build's documents, then those only the earlier build had (add_files),
    every one with its story (``stories.story_ids`` over all of them)."""
    documents = _TableSink(tmp, "documents", partition_rows)
    kept = None
    if earlier.keep_ids and earlier.documents is not None:
        kept = _rows_of(earlier.documents, set(earlier.keep_ids))
    every = {**_earlier_sketches(earlier, kept, {d.doc_id for d, _, _ in docs} - set(sketches)), **sketches}
    dated = [(d.doc_id, d.published) for d, _, _ in docs]
    kept_ids = [] if kept is None else kept["doc_id"].to_pylist()
    if kept is not None:
        dated += zip(kept_ids, kept["published"].to_pylist())
    stories = story_ids([(doc_id, published, every[doc_id]) for doc_id, published in dated])
    documents.write(pa.Table.from_pylist([_doc_row(d, p, h, every[d.doc_id], stories[d.doc_id]) for d, p, h in docs]))
    if kept is not None:
        kept = kept.set_column(kept.schema.get_field_index("story_id"), "story_id",
                               pa.array([stories[d] for d in kept_ids], pa.string()))
        documents.write(kept)
    documents.close()
    return documents


def _earlier_sketches(earlier: _Earlier, kept: pa.Table | None, reused: set[str]) -> dict[str, Sketch]:
    """The story sketches of the documents this build did not process (reused unchanged, or kept),
    from the earlier documents table; computed from the text for tables built before sketches were kept."""
    if earlier.documents is None or not (reused or kept is not None):
        return {}
    old = _rows_of(earlier.documents, reused | set(earlier.keep_ids))
    out, unsketched = {}, []
    columns = ("doc_id", "story_minhash", "story_figures", "story_actors")
    for row, (doc_id, minhash, figures, actors) in enumerate(zip(*(old[c].to_pylist() for c in columns))):
        if minhash or figures or actors:
            out[doc_id] = Sketch(minhash, tuple(figures), tuple(actors))
        else:
            unsketched.append(row)
    # Only the texts of documents without a sketch are read (a short text has an empty one: cheap again).
    if unsketched:
        missing = old.take(unsketched)
        for doc_id, text in zip(missing["doc_id"].to_pylist(), missing["text"].to_pylist()):
            out[doc_id] = sketch(text)
    return out


def _write_entities(tmp: Path, partition_rows: int | None) -> _TableSink:
    """The entities table, aggregated from the mentions just written."""
    mention_columns = ["doc_id", "entity_id", "type", "text", "name_ar", "name_en", "method"]
    mentions = pq.read_table(tmp / "mentions.parquet", columns=mention_columns).to_pandas()
    entities = _TableSink(tmp, "entities", partition_rows)
    entities.write(entities_frame(mentions))
    entities.close()
    return entities


def _manifest_inputs(out_dir: Path, inputs: list[str], keep_existing: bool) -> list[str]:
    """The inputs that rebuild these tables, absolute (the dashboard's rebuild command names them).

    A merge (``add_files``) keeps the inputs of the build it merged into: its own files sit in
    ``DIR-uploads/``, which every build reads anyway, and naming only them would advise a rebuild
    that drops the corpus.
    """
    if keep_existing:
        try:
            earlier = json.loads((out_dir / "manifest.json").read_text(encoding="utf-8")).get("inputs") or []
        except (OSError, ValueError):
            earlier = []
        uploads = str(uploads_dir(out_dir))
        return [p for p in earlier if isinstance(p, str)] or [p for p in map(str, map(dataset_path, inputs))
                                                            if not p.startswith(uploads)]
    return [str(dataset_path(p)) for p in inputs]


def add_files(paths: list[Path], out_dir: Path, **kwargs) -> BuildSummary:
    """Process ``paths`` and merge their documents into the tables in ``out_dir`` (same doc_id replaces)."""
    return build(paths, out_dir, keep_existing=True, **kwargs)
