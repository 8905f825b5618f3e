"""Every linguistic resource file, checked the same way (as dateparser checks its language data).

One parametrised test per file: it loads through the one loader, its header is sound, no line is
repeated, no invisible bidi mark or byte-order mark hides in it, and a gazetteer's entries are
well formed (known type, an Arabic name, unique ids). Errors name the line as an editor shows it.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from data_pipeline import resources
from data_pipeline.records import ENTITY_TYPES
from data_pipeline.resources import ResourceError, load_jsonl, load_tsv

FOLDER = Path(resources.__file__).parent
TSV = sorted(p.name for p in FOLDER.glob("*.tsv"))
JSONL = sorted(p.name for p in FOLDER.glob("*.jsonl"))
GAZETTEERS = [n for n in JSONL if n.startswith("gazetteer_")]
INVISIBLE = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
ARABIC_LETTER = re.compile("[\u0621-\u064a]")


def _entries(name: str) -> list[tuple[int, str]]:
    """(line number, line) of every line that is neither blank nor a comment."""
    text = (FOLDER / name).read_text(encoding="utf-8")
    return [(i, ln) for i, ln in enumerate(text.splitlines(), start=1) if ln.strip() and not ln.lstrip().startswith("#")]


def test_every_resource_file_is_checked():
    assert len(TSV) >= 30 and len(GAZETTEERS) == 5
    assert {p.suffix for p in FOLDER.iterdir() if p.is_file() and p.name != "__init__.py"} <= {".tsv", ".jsonl", ".model"}


@pytest.mark.parametrize("name", TSV + JSONL)
def test_resource_has_no_repeated_line_and_no_invisible_mark(name):
    entries = _entries(name)
    counts = Counter(ln for _, ln in entries)
    repeated = [(n, ln) for n, ln in entries if counts[ln] > 1]
    assert not repeated, f"{name}: repeated lines {repeated[:4]}"
    marked = [n for n, ln in entries if INVISIBLE.search(ln)]
    assert not marked, f"{name}: bidi or byte-order marks on lines {marked[:10]}"


@pytest.mark.parametrize("name", TSV)
def test_tsv_resource_loads_with_a_sound_header(name):
    header = _entries(name)[0][1].split("\t")
    assert all(h.strip() == h and h for h in header), f"{name}: header {header}"
    assert len(set(header)) == len(header), f"{name}: repeated column in {header}"
    rows = load_tsv(name)
    assert rows, f"{name}: no rows"
    first = header[0]
    empty = [n for (n, _), row in zip(_entries(name)[1:], rows) if not row[first]]
    assert not empty, f"{name}: empty {first!r} on lines {empty[:10]}"


@pytest.mark.parametrize("name", GAZETTEERS)
def test_gazetteer_entries_are_well_formed(name):
    rows = load_jsonl(name, required=("id", "type", "name_ar", "name_en"))
    ids = Counter(r["id"] for r in rows)
    assert not [i for i, c in ids.items() if c > 1], f"{name}: repeated ids"
    for (lineno, _), row in zip(_entries(name), rows):
        where = f"{name} line {lineno} ({row['id']})"
        assert row["type"] in ENTITY_TYPES, where
        assert row["id"].split(":", 1)[0] in {t.lower() for t in ENTITY_TYPES} | {"org", "person"}, where
        assert ARABIC_LETTER.search(row["name_ar"]), where
        aliases = row.get("aliases", [])
        assert isinstance(aliases, list) and all(isinstance(a, str) and a.strip() == a and a for a in aliases), where


def test_tsv_errors_name_the_line_an_editor_shows(monkeypatch):
    text = "# a comment\n\nword\tkind\nقال\tverb\n# another comment\nذكر\t\n"
    monkeypatch.setattr(resources, "_read_text", lambda name: text)
    load_tsv.cache_clear()
    try:
        with pytest.raises(ResourceError, match=r"line 6: empty \['kind'\]"):
            load_tsv("test.tsv", required=("word", "kind"))
        monkeypatch.setattr(resources, "_read_text", lambda name: "word\tkind\nقال\tverb\textra\n")
        with pytest.raises(ResourceError, match="line 2: 3 fields, the header has 2"):
            load_tsv("wide.tsv")
    finally:
        load_tsv.cache_clear()


def test_jsonl_errors_name_the_line(monkeypatch):
    monkeypatch.setattr(resources, "_read_text", lambda name: '# c\n{"id": "a"}\n{"id": \n')
    load_jsonl.cache_clear()
    try:
        with pytest.raises(ResourceError, match="line 3"):
            load_jsonl("bad.jsonl")
    finally:
        load_jsonl.cache_clear()
    assert json.loads('{"id": "a"}')  # the good line alone parses
