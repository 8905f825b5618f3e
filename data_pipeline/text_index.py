"""A text index of the passages: SQLite FTS5 (trigram) over each passage's normalised key.

The dashboard's "Text contains" filter keeps a passage when ``normalize_key(query)`` is a
substring of ``normalize_key(passage.text)`` (``dashboard.filters.text_pattern`` does that with
one RE2 scan of every passage, ~2 s on 470k passages). This module answers the same question
from an index written once per build, next to the tables, as ``passages_fts.sqlite``:

- one FTS5 row per passage: ``key`` = ``normalize_key(text)`` (alef/hamza forms, ى/ي, ة/ه,
  tatweel, diacritics, digits and Latin case folded; punctuation runs become one space) and
  ``passage_id`` (stored, not indexed);
- the ``trigram`` tokenizer, so ``key GLOB '*<query key>*'`` is answered from the index and
  then checked against the stored key: the same substring semantics as the RE2 scan (لكوريا is
  found by كوريا, a multi-word query is a phrase across any punctuation), no stemming, no
  clitic lists to keep in step. Keys shorter than 3 characters have no trigram: they are looked
  for in every stored key (still correct, slower: ~0.5 s on 470k passages).
- ``detail=none`` keeps the index itself small (no positions; GLOB re-checks the key anyway).

Pure module (no Streamlit); the dashboard falls back to the RE2 scan when the file is missing
(tables built before this index existed) or describes another set of passages.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pyarrow.parquet as pq

from .lang.ar.normalize import normalize_key

INDEX_FILE = "passages_fts.sqlite"
# Bumped when the key or the table layout changes: an index of another format is not used.
INDEX_FORMAT = "1"
_BATCH = 10_000
_TRIGRAM = 3


def index_path(folder: Path | str) -> Path:
    return Path(folder) / INDEX_FILE


def _passage_files(folder: Path) -> list[Path]:
    path = folder / "passages.parquet"
    if path.is_dir():
        return sorted(path.glob("*.parquet"))
    return [path] if path.exists() else []


def _batches(folder: Path, skip_docs: frozenset[str] = frozenset()) -> Iterator[list[tuple[str, str]]]:
    """(key, passage_id) rows, one row group at a time, so memory stays flat on any corpus; the
    passages of ``skip_docs`` are left out (an index reused from the previous build holds them)."""
    for file in _passage_files(folder):
        parquet = pq.ParquetFile(file)
        for group in range(parquet.num_row_groups):
            table = parquet.read_row_group(group, columns=["doc_id", "passage_id", "text"])
            if skip_docs:
                keep = [d not in skip_docs for d in table["doc_id"].to_pylist()]
                table = table.filter(keep)
            ids, texts = table["passage_id"].to_pylist(), table["text"].to_pylist()
            for at in range(0, len(ids), _BATCH):
                yield [(normalize_key(t or ""), pid) for pid, t in zip(ids[at : at + _BATCH], texts[at : at + _BATCH])]


def write_text_index(
    folder: Path | str, previous: Path | str | None = None, carried_docs: frozenset[str] = frozenset()
) -> int:
    """Write ``<folder>/passages_fts.sqlite`` from ``<folder>/passages.parquet``; returns the passage count.

    With ``previous`` (the index of the build being replaced, when usable) and ``carried_docs``
    (the documents whose passages the new build copied unchanged), that index is copied and only
    the rest changes: the rows of other documents go, the passages of new or changed documents
    come in. An unchanged rebuild then costs a file copy instead of indexing every passage again.
    Written to a temporary name and renamed, so a reader never sees half an index.
    """
    folder = Path(folder)
    final = index_path(folder)
    tmp = final.with_name(final.name + ".tmp")
    tmp.unlink(missing_ok=True)
    reuse = previous is not None and bool(carried_docs) and index_passage_count(previous) is not None
    if reuse:
        shutil.copyfile(previous, tmp)
    con = sqlite3.connect(tmp)
    try:
        con.execute("PRAGMA journal_mode = OFF")
        con.execute("PRAGMA synchronous = OFF")
        if reuse:
            con.create_function("carried", 1, lambda pid: _doc_of(pid) in carried_docs, deterministic=True)
            con.execute("DELETE FROM passages WHERE NOT carried(passage_id)")
            con.execute("DELETE FROM meta")
        else:
            con.execute("CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT)")
            con.execute(
                "CREATE VIRTUAL TABLE passages USING fts5(key, passage_id UNINDEXED, tokenize = 'trigram', detail = none)"
            )
        for batch in _batches(folder, carried_docs if reuse else frozenset()):
            con.executemany("INSERT INTO passages (key, passage_id) VALUES (?, ?)", batch)
        if not reuse:
            con.execute("INSERT INTO passages (passages) VALUES ('optimize')")
        rows = con.execute("SELECT count(*) FROM passages").fetchone()[0]
        con.executemany("INSERT INTO meta VALUES (?, ?)", [("format", INDEX_FORMAT), ("passages", str(rows))])
        con.commit()
    except BaseException:
        con.close()
        tmp.unlink(missing_ok=True)
        raise
    con.close()
    os.replace(tmp, final)
    return rows


def _doc_of(passage_id: str) -> str:
    """The document of a passage id ``<doc_id>:p<n>`` (passages.passage_id)."""
    return passage_id.rsplit(":p", 1)[0]


def index_passage_count(path: Path | str) -> int | None:
    """How many passages the index at ``path`` holds, or None when there is no usable index there."""
    path = Path(path)
    if not path.is_file():
        return None
    try:
        with closing(_open(path)) as con:
            meta = dict(con.execute("SELECT name, value FROM meta").fetchall())
    except sqlite3.Error:
        return None
    if meta.get("format") != INDEX_FORMAT:
        return None
    return int(meta["passages"])


def _open(path: Path) -> sqlite3.Connection:
    # Read-only: the version folder belongs to the build; check_same_thread off for Streamlit's threads.
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)


def search_text(path: Path | str, query: str) -> list[str] | None:
    """Ids of the passages whose normalised text contains ``normalize_key(query)``.

    None when the query has no letters or digits (it filters nothing, as ``text_pattern``).
    """
    key = normalize_key(query)
    if not key:
        return None
    if len(key) < _TRIGRAM:
        # No trigram to look up (and FTS5 then answers GLOB with no rows): read every stored key.
        sql, arg = "SELECT passage_id FROM passages WHERE instr(key, ?) > 0", key
    else:
        # GLOB, not LIKE: case-sensitive like the keys (already folded), and the key holds no
        # GLOB wildcards (normalize_key keeps only letters, digits and single spaces).
        sql, arg = "SELECT passage_id FROM passages WHERE key GLOB ?", f"*{key}*"
    with closing(_open(Path(path))) as con:
        return [r[0] for r in con.execute(sql, (arg,))]


def score_text(path: Path | str, query: str) -> list[tuple[str, float]] | None:
    """(passage_id, score) of the passages ``search_text`` finds, scored by FTS5's ``bm25`` over the
    query key's trigrams (lower is better: SQLite's bm25 is negative, more relevant more negative).

    A passage that holds the query more often, in fewer words, or holds its rarer trigrams, ranks
    first. None when the key has no trigram (shorter than 3 characters): no score to give.
    """
    key = normalize_key(query)
    if len(key) < _TRIGRAM:
        return None
    # Each trigram a quoted term (a trigram may hold a space); the key holds no quote mark.
    grams = dict.fromkeys(key[i : i + _TRIGRAM] for i in range(len(key) - _TRIGRAM + 1))
    match = " AND ".join(f'"{g}"' for g in grams)
    sql = "SELECT passage_id, bm25(passages) FROM passages WHERE passages MATCH ? AND key GLOB ?"
    with closing(_open(Path(path))) as con:
        return [(r[0], float(r[1])) for r in con.execute(sql, (match, f"*{key}*"))]

