"""One validating loader for the linguistic data in ``data_pipeline/resources/``.

Knowledge (gazetteers, month names, units, reporting verbs, topic lexicons) lives
in TSV or JSONL files shipped as package data; code asks for it by name.

TSV files: UTF-8, first non-comment line is the header, ``#`` starts a comment
line, one entry per line. JSONL files: one JSON object per line.
"""

from __future__ import annotations

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
    """Rows of a TSV resource as dicts; every ``required`` column must be present and non-empty.

    Errors name the line as an editor numbers it (comments and blank lines counted); a row with
    more fields than the header is an error (a stray tab would otherwise drop a value silently).
    """
    header: list[str] | None = None
    rows = []
    for lineno, line in enumerate(_read_text(name).splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = line.split("\t")
        if header is None:
            header = fields
            missing = [c for c in required if c not in header]
            if missing:
                raise ResourceError(f"resource {name!r} lacks columns {missing}")
            continue
        if len(fields) > len(header):
            raise ResourceError(f"resource {name!r} line {lineno}: {len(fields)} fields, the header has {len(header)}")
        row = {k: v.strip() for k, v in zip(header, fields)}
        row.update((k, "") for k in header[len(fields):])
        empty = [c for c in required if not row.get(c)]
        if empty:
            raise ResourceError(f"resource {name!r} line {lineno}: empty {empty}")
        rows.append(row)
    if header is None:
        raise ResourceError(f"resource {name!r} is empty")
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


def rule_descriptions(extractor: str) -> dict[str, str]:
    """Rule id -> the English sentence saying what it matched, for the rules of ``extractor``
    (``claims``, ``entities``, ``quantities``, ``timeline``) in ``rules.tsv``, in file order."""
    rows = load_tsv("rules.tsv", required=("rule", "en", "ar"))
    return {r["rule"]: r["en"] for r in rows if r["rule"].startswith(extractor + ".")}
