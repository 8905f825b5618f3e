"""Typed word lists declared once and loaded from ``data_pipeline/resources/``.

An extractor declares what it reads (``REPORTING_VERBS = Lexicon("reporting_verbs.tsv", key="verb")``)
and asks the declaration for its words, normalised as the text is matched (``normalize_key``), or
for a mapping from a word to another column. Each declaration is loaded once per process, through
the one validating loader, so every list is read, checked and normalised the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ...resources import load_tsv
from .normalize import normalize_key


@dataclass(frozen=True)
class Lexicon:
    """A TSV word list: its file, the column of words, the columns every row must fill, and an
    optional ``(column, value)`` filter for files that hold several kinds (``date_cues.tsv``)."""

    file: str
    key: str = "word"
    required: tuple[str, ...] = ("gloss",)
    where: tuple[str, str] | None = None

    def rows(self) -> tuple[dict[str, str], ...]:
        return _rows(self)

    def words(self) -> frozenset[str]:
        """The normalised words."""
        return _words(self)

    def mapping(self, column: str) -> dict[str, str]:
        """Normalised word -> the row's ``column`` (the first row wins for a repeated word)."""
        return dict(_mapping(self, column))


@lru_cache(maxsize=None)
def _rows(spec: Lexicon) -> tuple[dict[str, str], ...]:
    rows = load_tsv(spec.file, required=tuple(dict.fromkeys((spec.key, *spec.required))))
    if spec.where is not None:
        column, value = spec.where
        rows = tuple(r for r in rows if r.get(column) == value)
    return rows


@lru_cache(maxsize=None)
def _words(spec: Lexicon) -> frozenset[str]:
    return frozenset(normalize_key(r[spec.key]) for r in _rows(spec))


@lru_cache(maxsize=None)
def _mapping(spec: Lexicon, column: str) -> tuple[tuple[str, str], ...]:
    out: dict[str, str] = {}
    for r in _rows(spec):
        out.setdefault(normalize_key(r[spec.key]), r.get(column, ""))
    return tuple(out.items())
