"""Are the tables in a data folder usable? Checked once per dataset version, before any page queries them.

Pure module (no Streamlit). For each table of ``data_pipeline.schemas.TABLES`` the file
``<table>.parquet`` (or every part file of a folder ``<table>.parquet/*.parquet``) must exist, be
Parquet, and hold the schema's columns with compatible types. Only the footer of each file is
read (``pq.read_schema``), never its rows: a file of any size costs about the same.

A table with no rows is fine (a corpus may have no claims at all, and a writer that wrote no row
group still writes a valid footer); a 0-byte file or one that is not Parquet is not.
Extra columns are ignored: the dashboard names the columns it reads.
"""

from __future__ import annotations

import json
import shlex
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from dashboard.i18n import t
from data_pipeline.schemas import TABLES

MISSING = "missing"  # no file (or a folder without part files)
EMPTY_FILE = "empty_file"  # 0 bytes: a write that never finished
NOT_PARQUET = "not_parquet"  # the footer cannot be read
MISSING_COLUMNS = "missing_columns"
WRONG_TYPE = "wrong_type"
# Longest reader error kept in the message: the first line says what is wrong, the rest is noise.
REASON_CHARS = 160
# Inputs beyond this are summarised: the command must stay readable in one alert.
MAX_INPUTS_SHOWN = 12
MANIFEST = "manifest.json"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one file; ``file`` is relative to the data folder (``mentions.parquet``,
    ``mentions.parquet/part-00001.parquet``)."""

    file: str
    kind: str
    columns: tuple[str, ...] = ()  # MISSING_COLUMNS: the missing ones; WRONG_TYPE: the one column
    found: str = ""  # WRONG_TYPE: the file's type
    expected: str = ""  # WRONG_TYPE: the schema's type
    reason: str = ""  # NOT_PARQUET: the reader's first line


def check_tables(folder: Path | str) -> tuple[Problem, ...]:
    """Every problem of the tables in ``folder`` (empty when all are usable), in schema order."""
    folder = Path(folder)
    problems: list[Problem] = []
    for name, schema in TABLES.items():
        path = folder / f"{name}.parquet"
        if path.is_dir():
            parts = sorted(path.glob("*.parquet"))
            if not parts:
                problems.append(Problem(f"{name}.parquet", MISSING))
            # DuckDB reads every part: one bad part breaks the whole table, so each is checked.
            for part in parts:
                found = check_file(part, schema, f"{name}.parquet/{part.name}")
                if found:
                    problems.extend(found)
                    break  # the first bad part says enough; the rebuild fixes them all
        elif path.exists():
            problems.extend(check_file(path, schema, path.name))
        else:
            problems.append(Problem(path.name, MISSING))
    return tuple(problems)


def check_file(path: Path, schema, label: str) -> list[Problem]:
    """Problems of one Parquet file against a ``TableSchema`` (its footer only)."""
    if path.stat().st_size == 0:
        return [Problem(label, EMPTY_FILE)]
    try:
        found = pq.read_schema(path)
    except (pa.ArrowException, OSError) as exc:
        reason = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        return [Problem(label, NOT_PARQUET, reason=reason[:REASON_CHARS])]
    problems = []
    # A column added since the files were written (it has a default) is supplied by query.connect.
    missing = tuple(c.name for c in schema.columns if c.name not in found.names and c.default is None)
    if missing:
        problems.append(Problem(label, MISSING_COLUMNS, columns=missing))
    for column in schema.columns:
        if column.name in found.names:
            actual = found.field(column.name).type
            if not compatible(actual, column.type):
                problems.append(Problem(label, WRONG_TYPE, (column.name,), str(actual), str(column.type)))
    return problems


def _kind(dtype: pa.DataType):
    """The family of an Arrow type as the dashboard's SQL sees it (string/large_string/dictionary
    of strings all read as VARCHAR; any integer width works where int64 is expected)."""
    if pa.types.is_dictionary(dtype):
        return _kind(dtype.value_type)
    if pa.types.is_null(dtype):
        return "null"
    if pa.types.is_string(dtype) or pa.types.is_large_string(dtype) or pa.types.is_string_view(dtype):
        return "string"
    if pa.types.is_integer(dtype):
        return "integer"
    if pa.types.is_floating(dtype):
        return "float"
    if pa.types.is_boolean(dtype):
        return "boolean"
    if pa.types.is_list(dtype) or pa.types.is_large_list(dtype) or pa.types.is_list_view(dtype):
        return ("list", _kind(dtype.value_type))
    return str(dtype)


def _kinds_compatible(found, expected) -> bool:
    # A null-typed column holds no value to misread (pandas writes empty object columns that way).
    if found == "null" or found == expected:
        return True
    if expected == "float" and found == "integer":
        return True
    if isinstance(found, tuple) and isinstance(expected, tuple):
        return _kinds_compatible(found[1], expected[1])
    return False


def compatible(found: pa.DataType, expected: pa.DataType) -> bool:
    """Can a column of type ``found`` stand where the schema says ``expected``?"""
    return _kinds_compatible(_kind(found), _kind(expected))


# ---------------------------------------------------------------- the message


def build_inputs(folder: Path | str) -> tuple[str, ...] | None:
    """The inputs of the build that wrote ``folder`` (its ``manifest.json``), None when unknown."""
    try:
        manifest = json.loads((Path(folder) / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    inputs = manifest.get("inputs") if isinstance(manifest, dict) else None
    if not isinstance(inputs, list) or not inputs or not all(isinstance(i, str) and i for i in inputs):
        return None
    return tuple(inputs)


def rebuild_command(out: Path | str, inputs: tuple[str, ...] | None, placeholder: str = "ARTICLES") -> str:
    """``marsad build <inputs> --out <out>``, shell-quoted; ``placeholder`` stands for unknown inputs."""
    if inputs and len(inputs) <= MAX_INPUTS_SHOWN:
        sources = " ".join(shlex.quote(i) for i in inputs)
    else:
        sources = placeholder
    return f"marsad build {sources} --out {shlex.quote(str(out))}"


def _code(text: str) -> str:
    """Inline code in the alert's Markdown: file names and types (``list<item: string>``) stay literal."""
    return "`" + str(text).replace("`", "'") + "`"


def describe(problem: Problem, lang: str) -> str:
    """One line saying what is wrong with one file."""
    file = _code(problem.file)
    if problem.kind == MISSING_COLUMNS:
        return t("table_missing_columns", lang, file=file, columns=", ".join(_code(c) for c in problem.columns))
    if problem.kind == WRONG_TYPE:
        return t("table_wrong_type", lang, file=file, column=_code(problem.columns[0]), found=_code(problem.found),
                 expected=_code(problem.expected))
    if problem.kind == NOT_PARQUET:
        return t("table_not_parquet", lang, file=file, reason=_code(problem.reason))
    if problem.kind == EMPTY_FILE:
        return t("table_empty_file", lang, file=file)
    return t("table_missing", lang, file=file)


def message(problems: tuple[Problem, ...], folder: Path | str, out: Path | str, lang: str) -> str:
    """The single alert shown instead of the pages: every problem, then the command that rebuilds the tables.

    ``folder`` is the folder read (its manifest names the inputs); ``out`` is what ``--out`` should
    say (the dataset's name, which may be a link to ``folder``).
    """
    lines = [t("tables_broken", lang, path=_code(folder)), ""]
    lines += [f"- {describe(p, lang)}" for p in problems]
    command = rebuild_command(out, build_inputs(folder))
    lines += ["", t("tables_rebuild", lang), "", f"```\n{command}\n```"]
    return "\n".join(lines)


def read_error_message(error: BaseException, folder: Path | str, out: Path | str, lang: str) -> str:
    """The alert for a table whose footer was fine but whose data could not be read while a page
    queried it (a corrupt data page: ``ZSTD Decompression failure``), with the rebuild command."""
    reason = (str(error).strip().splitlines() or [type(error).__name__])[0][:REASON_CHARS]
    reason = reason.replace("`", "'")
    command = rebuild_command(out, build_inputs(folder))
    return "\n".join([t("tables_read_failed", lang, path=_code(folder)), "", f"- `{reason}`", "",
                      t("tables_rebuild", lang), "", f"```\n{command}\n```"])
