"""One validating loader for the linguistic data in ``data_pipeline/resources/``.

Knowledge (gazetteers, month names, units, reporting verbs, topic lexicons) lives
in TSV or JSONL files shipped as package data; code asks for it by name.

TSV files: UTF-8, first non-comment line is the header, ``#`` starts a comment
line, one entry per line. JSONL files: one JSON object per line.
"""

from __future__ import annotations

import csv
import io
import json
from functools import lru_cache
from importlib import resources


class ResourceError(ValueError):
    """A resource file is missing, malformed, or lacks a required column."""


def _read_text(name: str) -> str:
    try:
        return resources.files("data_pipeline.resources").joinpath(name).read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise ResourceError(f"resource {name!r} not found") from exc


@lru_cache(maxsize=None)
def load_tsv(name: str, required: tuple[str, ...] = ()) -> tuple[dict[str, str], ...]:
    """Rows of a TSV resource as dicts; every ``required`` column must be present and non-empty."""
    lines = [ln for ln in _read_text(name).splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    if not lines:
        raise ResourceError(f"resource {name!r} is empty")
    reader = csv.DictReader(io.StringIO("\n".join(lines)), delimiter="\t", quoting=csv.QUOTE_NONE)
    missing = [c for c in required if c not in (reader.fieldnames or [])]
    if missing:
        raise ResourceError(f"resource {name!r} lacks columns {missing}")
    rows = []
    for lineno, row in enumerate(reader, start=2):
        row = {k: (v or "").strip() for k, v in row.items() if k is not None}
        empty = [c for c in required if not row.get(c)]
        if empty:
            raise ResourceError(f"resource {name!r} row {lineno}: empty {empty}")
        rows.append(row)
    return tuple(rows)


@lru_cache(maxsize=None)
def load_jsonl(name: str, required: tuple[str, ...] = ()) -> tuple[dict, ...]:
    """Objects of a JSONL resource; every ``required`` key must be present and non-empty."""
    rows = []
    for lineno, line in enumerate(_read_text(name).splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ResourceError(f"resource {name!r} line {lineno}: {exc}") from exc
        empty = [k for k in required if not obj.get(k)]
        if empty:
            raise ResourceError(f"resource {name!r} line {lineno}: missing {empty}")
        rows.append(obj)
    return tuple(rows)
