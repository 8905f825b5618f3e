"""Datasets that used to break every page: no entity at all, and broken table files.

A dataset with no name in it must render every page with its empty state; a missing,
unreadable or malformed table must give one message that names the file, what is wrong and
the command that rebuilds it (``dashboard.validate``), never a DuckDB or pandas trace.
"""

from __future__ import annotations

import ast
import json
import os
import shlex
import shutil
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import data, validate
from dashboard.validate import EMPTY_FILE, MISSING, MISSING_COLUMNS, NOT_PARQUET, WRONG_TYPE, Problem
from data_pipeline.schemas import TABLES

REPO = Path(__file__).resolve().parents[2]
APP = str(REPO / "dashboard" / "app.py")
TIMEOUT = 60
# A title and one sentence with no name, no number, no date and no reported speech.
NO_NAMES = "عنوان\nهذا نص قصير بلا أسماء.\n"



def _app_pages() -> list[str]:
    """The pages of app.py's PAGES (read, not imported: importing app.py runs the app)."""
    tree = ast.parse(Path(APP).read_text(encoding="utf-8"))
    node = next(n for n in tree.body if isinstance(n, ast.Assign) and getattr(n.targets[0], "id", "") == "PAGES")
    return [Path(path).stem for _, path in ast.literal_eval(node.value)]


PAGE_FILES = _app_pages()
# What each page says on a dataset whose only passage names nothing.
EMPTY_STATES = {
    "overview": ["No actor is named in these passages.", "No dated passage has a topic."],
    "timeline": ["No date is mentioned in these passages."],
    "passages": [],
    "article": ["No article chosen. Search the titles below, or pick one of the most recent articles; any “whole article” link in the dashboard opens an article here."],
    "claims": ["No attributed claim in these passages."],
    "quantities": ["No quantity in these passages."],
    "entities": ["No actor is named in these passages."],
    "entity": ["No actor is named in these passages."],  # opened without an id: nothing to search
    "network": ["No two actors are named in the same passage."],
    "compare": ["Add an actor or a text above to compare."],
    "map": ["No place on the map is named in these passages."],
    "add_articles": [],
}


def _build(inputs: list[Path], out: Path, **kwargs) -> Path:
    from data_pipeline.build import build

    summary = build(inputs, out, workers=1, progress=False, **kwargs)
    assert summary.documents_read >= 1, summary.report()
    return out


@pytest.fixture(scope="module")
def seed_build(tmp_path_factory) -> Path:
    """Tables built from seeds/ (the folder the build's link points to, with its manifest)."""
    out = tmp_path_factory.mktemp("broken_seed") / "tables"
    return Path(os.path.realpath(_build([REPO / "seeds" / "000_af8d0ac7418768f7.txt"], out)))


@pytest.fixture
def tables(seed_build, tmp_path) -> Path:
    """A private copy of the seed tables, free to break."""
    return Path(shutil.copytree(seed_build, tmp_path / "tables"))


@pytest.fixture(scope="module")
def no_names(tmp_path_factory) -> Path:
    """The pipeline's tables for a two-line article that names nothing."""
    root = tmp_path_factory.mktemp("no_names")
    article = root / "no_names.txt"
    article.write_text(NO_NAMES, encoding="utf-8")
    return _build([article], root / "tables")


def run_app(monkeypatch, folder: Path, page: str = "overview", lang: str = "en") -> AppTest:
    monkeypatch.setenv("MARSAD_DATA", str(folder))
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params["lang"] = lang
    at.switch_page(f"views/{page}.py")
    at.run()
    return at


def rebuild_line(folder: Path, out: Path | None = None) -> str:
    inputs = " ".join(shlex.quote(i) for i in json.loads((folder / "manifest.json").read_text())["inputs"])
    return f"marsad build {inputs} --out {shlex.quote(str(out or folder))}"


# ---------------------------------------------------------------- item 4: no entity at all


def test_the_no_names_article_yields_no_fact_at_all(no_names):
    rows = json.loads((no_names / "manifest.json").read_text())["rows"]
    assert rows == {"documents": 1, "passages": 1, "mentions": 0, "entities": 0, "quantities": 0, "timeline": 0,
                    "claims": 0}


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_actor_options_of_a_dataset_without_entities_are_empty(no_names, lang):
    folder = str(no_names.resolve())
    assert data.actor_options(folder, data.dataset_version(Path(folder)), lang, 10) == ([], {})


def test_actor_labels_show_both_names_once_with_the_mention_count():
    assert data.actor_label("كيم جونغ أون", "Kim Jong Un", 1234) == "كيم جونغ أون · Kim Jong Un (1,234)"
    assert data.actor_label("سيول", "سيول", 2) == "سيول (2)"
    assert data.actor_label(None, "Seoul", 2) == "Seoul (2)"
    assert data.actor_label("سيول", float("nan"), 2) == "سيول (2)"


@pytest.mark.parametrize("page", PAGE_FILES)
def test_every_page_of_a_dataset_without_names_shows_its_empty_state(monkeypatch, no_names, page):
    at = run_app(monkeypatch, no_names, page)
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error
    assert [i.value for i in at.info] == EMPTY_STATES[page]
    assert not at.get("vega_lite_chart") and not at.dataframe  # no empty chart or table with download buttons


def test_the_empty_dataset_still_lists_its_passage(monkeypatch, no_names):
    at = run_app(monkeypatch, no_names, "passages")
    body = "".join(h.proto.body for h in at.get("html"))
    assert "هذا نص قصير بلا أسماء." in body
    assert [m.value for m in at.metric] == []
    at = run_app(monkeypatch, no_names, "overview")
    assert {m.label: m.value for m in at.metric} == {
        "Stories": "1", "Actors": "0", "Claims": "0", "Quantities": "0", "Time span": "–",
    }


# ---------------------------------------------------------------- item 10: validation, pure


def _corrupt(path: Path) -> None:
    path.write_bytes(os.urandom(4096))


def _drop_columns(path: Path, *names: str) -> None:
    pq.write_table(pq.read_table(path).drop_columns(list(names)), path)


def _retype(path: Path, column: str, dtype: pa.DataType) -> None:
    """Rewrite ``column`` as ``dtype`` (lists become their items joined, as a CSV round trip would)."""
    table = pq.read_table(path)
    values = table[column]
    if pa.types.is_list(values.type):
        values = pa.array(["|".join(v or []) for v in values.to_pylist()], dtype)
    pq.write_table(table.set_column(table.schema.get_field_index(column), column, pc.cast(values, dtype)), path)


BREAKS = {
    "corrupt passages": (lambda d: _corrupt(d / "passages.parquet"), "`passages.parquet`: not a Parquet file (`"),
    "dropped column": (lambda d: _drop_columns(d / "mentions.parquet", "entity_id"),
                       "`mentions.parquet`: missing columns `entity_id`."),
    "0-byte claims": (lambda d: (d / "claims.parquet").write_bytes(b""),
                      "`claims.parquet`: the file is empty (0 bytes), not a Parquet table."),
    "deleted passages": (lambda d: (d / "passages.parquet").unlink(), "`passages.parquet`: the file is missing."),
    "wrong type": (lambda d: _retype(d / "passages.parquet", "start", pa.string()),
                   "`passages.parquet`: column `start` has type `string`, expected `int64`."),
}


def test_intact_tables_have_no_problem(tables):
    assert validate.check_tables(tables) == ()


def test_each_break_is_named_with_its_file_and_what_is_wrong(tables):
    _drop_columns(tables / "mentions.parquet", "entity_id", "passage_id")
    _retype(tables / "timeline.parquet", "actors", pa.string())
    _retype(tables / "quantities.parquet", "value", pa.int32())  # an integer still reads as a number
    (tables / "claims.parquet").write_bytes(b"")
    (tables / "entities.parquet").unlink()
    problems = validate.check_tables(tables)
    assert problems == (
        Problem("mentions.parquet", MISSING_COLUMNS, ("entity_id", "passage_id")),
        Problem("entities.parquet", MISSING),
        Problem("timeline.parquet", WRONG_TYPE, ("actors",), "string", "list<item: string>"),
        Problem("claims.parquet", EMPTY_FILE),
    )


def test_a_corrupt_file_is_not_parquet_with_the_readers_reason(tables):
    (tables / "passages.parquet").write_text("doc_id,text\nd1,نص\n", encoding="utf-8")
    (problem,) = validate.check_tables(tables)
    assert (problem.file, problem.kind) == ("passages.parquet", NOT_PARQUET)
    assert "magic bytes" in problem.reason


@pytest.mark.parametrize(
    "found, expected, ok",
    [
        (pa.large_string(), pa.string(), True),
        (pa.dictionary(pa.int32(), pa.string()), pa.string(), True),
        (pa.int32(), pa.int64(), True),
        (pa.int64(), pa.float64(), True),
        (pa.large_list(pa.large_string()), pa.list_(pa.string()), True),
        (pa.null(), pa.list_(pa.string()), True),  # pandas writes an empty object column as null
        (pa.string(), pa.int64(), False),
        (pa.float64(), pa.int64(), False),
        (pa.timestamp("s"), pa.string(), False),
        (pa.string(), pa.list_(pa.string()), False),
        (pa.list_(pa.int64()), pa.list_(pa.string()), False),
        (pa.int8(), pa.bool_(), False),
    ],
)
def test_type_compatibility(found, expected, ok):
    assert validate.compatible(found, expected) is ok


def _schema_empty(path: Path, name: str) -> None:
    pq.write_table(TABLES[name].arrow().empty_table(), path)


def _no_row_group(path: Path, name: str) -> None:
    pq.ParquetWriter(path, TABLES[name].arrow()).close()


def _pandas_empty(path: Path, name: str) -> None:
    frame = pd.DataFrame({c: pd.Series([], dtype=object) for c in TABLES[name].names})
    pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), path)


EMPTY_WRITERS = {"0 rows": _schema_empty, "0 row groups": _no_row_group, "pandas, null types": _pandas_empty}


@pytest.mark.parametrize("writer", EMPTY_WRITERS.values(), ids=EMPTY_WRITERS.keys())
def test_a_legitimately_empty_table_is_not_a_problem(tables, writer):
    for name in ("claims", "quantities", "timeline"):
        writer(tables / f"{name}.parquet", name)
        assert pq.ParquetFile(tables / f"{name}.parquet").metadata.num_rows == 0
    assert validate.check_tables(tables) == ()


def test_a_bad_part_file_is_named_inside_its_table_folder(tmp_path):
    built = Path(os.path.realpath(_build([REPO / "seeds" / "000_af8d0ac7418768f7.txt"], tmp_path / "parts", partition_rows=5)))
    parts = sorted((built / "passages.parquet").glob("*.parquet"))
    assert len(parts) >= 2
    _corrupt(parts[1])
    (problem,) = validate.check_tables(built)
    assert (problem.file, problem.kind) == (f"passages.parquet/{parts[1].name}", NOT_PARQUET)
    for part in parts:
        part.unlink()
    assert validate.check_tables(built) == (Problem("passages.parquet", MISSING),)


def test_rebuild_command_quotes_the_inputs_and_falls_back_to_a_placeholder(tmp_path):
    assert validate.rebuild_command("/data/my news", ("/in/a b.jsonl", "/in/c")) == (
        "marsad build '/in/a b.jsonl' /in/c --out '/data/my news'"
    )
    assert validate.rebuild_command("/data/x", None) == "marsad build ARTICLES --out /data/x"
    assert validate.build_inputs(tmp_path) is None  # no manifest
    (tmp_path / "manifest.json").write_text("{not json", encoding="utf-8")
    assert validate.build_inputs(tmp_path) is None
    (tmp_path / "manifest.json").write_text(json.dumps({"inputs": ["/in/a", "/in/b"]}), encoding="utf-8")
    assert validate.build_inputs(tmp_path) == ("/in/a", "/in/b")


# ---------------------------------------------------------------- item 10: in the app


@pytest.mark.parametrize("case", BREAKS, ids=BREAKS.keys())
def test_a_broken_table_gives_one_message_with_the_rebuild_command(monkeypatch, tables, case):
    breaker, line = BREAKS[case]
    breaker(tables)
    for page in ("overview", "claims"):
        at = run_app(monkeypatch, tables, page)
        assert not at.exception, [e.value for e in at.exception]
        assert len(at.error) == 1
        text = at.error[0].value
        assert f"- {line}" in text
        assert text.startswith(f"The tables in `{tables}` cannot be used:")
        assert text.endswith(f"Rebuild them with:\n\n```\n{rebuild_line(tables)}\n```")
        assert rebuild_line(tables) == f"marsad build {REPO / 'seeds' / '000_af8d0ac7418768f7.txt'} --out {tables}"
        assert not at.metric and not at.dataframe and not at.get("vega_lite_chart")  # the pages stopped


def test_the_message_is_in_the_interface_language(monkeypatch, tables):
    _drop_columns(tables / "mentions.parquet", "entity_id")
    at = run_app(monkeypatch, tables, lang="ar")
    assert len(at.error) == 1
    assert at.error[0].value.splitlines()[:3] == [
        f"لا يمكن استخدام الجداول في `{tables}`:", "", "- `mentions.parquet`: أعمدة ناقصة `entity_id`.",
    ]
    assert "أعد بناءها بالأمر:" in at.error[0].value and rebuild_line(tables) in at.error[0].value


def test_the_rebuild_command_names_the_dataset_link_not_its_version_folder(monkeypatch, tmp_path):
    article = tmp_path / "no_names.txt"
    article.write_text(NO_NAMES, encoding="utf-8")
    link = _build([article], tmp_path / "news")
    assert link.is_symlink()
    (link / "passages.parquet").unlink()
    at = run_app(monkeypatch, link)
    assert not at.exception
    assert at.error[0].value.endswith(f"```\nmarsad build {article} --out {link}\n```")


@pytest.mark.parametrize("writer", EMPTY_WRITERS.values(), ids=EMPTY_WRITERS.keys())
def test_an_empty_claims_table_renders_every_page(monkeypatch, tables, writer):
    writer(tables / "claims.parquet", "claims")
    for page in PAGE_FILES:
        at = run_app(monkeypatch, tables, page)
        assert not at.exception, (page, [e.value for e in at.exception])
        assert not at.error, page
    at = run_app(monkeypatch, tables, "claims")
    assert [i.value for i in at.info] == ["No attributed claim in these passages."]
    assert {m.label: m.value for m in run_app(monkeypatch, tables).metric}["Claims"] == "0"


def test_tables_are_checked_once_per_version(monkeypatch, tables):
    calls = []
    check = validate.check_tables
    monkeypatch.setattr(validate, "check_tables", lambda folder: calls.append(folder) or check(folder))
    data.table_problems.clear()
    at = run_app(monkeypatch, tables)
    at.run()
    at.run()
    assert not at.error and len(calls) == 1
    _corrupt(tables / "passages.parquet")  # a new version: checked again on the next rerun
    at.run()
    assert len(calls) == 2 and len(at.error) == 1 and "`passages.parquet`: not a Parquet file" in at.error[0].value


def test_without_tables_the_message_names_the_marsad_command(monkeypatch, tmp_path):
    at = run_app(monkeypatch, tmp_path, "add_articles")
    assert not at.exception and not at.error
    assert at.warning[0].value == (
        f"No tables found in {tmp_path}. Build them with: `marsad build ARTICLES --out {tmp_path}` "
        "(ARTICLES: files or folders of articles)."
    )


def _corrupt_data_pages(path: Path) -> None:
    """Overwrite the middle of the file (its data pages) and keep the footer: the check passes, the
    first query that decodes a page fails."""
    data = bytearray(path.read_bytes())
    footer = int.from_bytes(data[-8:-4], "little") + 8
    for i in range(4, len(data) - footer):
        data[i] = (data[i] * 7 + 13) % 256
    path.write_bytes(bytes(data))


def test_a_table_broken_behind_a_sound_footer_gives_the_message_instead_of_a_trace(monkeypatch, tables):
    _corrupt_data_pages(tables / "passages.parquet")
    assert validate.check_tables(tables) == ()  # the footer is intact: only reading the rows fails
    at = run_app(monkeypatch, tables, "passages")
    assert not at.exception, [e.value for e in at.exception]
    assert len(at.error) == 1
    text = at.error[0].value
    assert text.startswith(f"A table in `{tables}` could not be read while this page queried it:")
    assert text.endswith(f"Rebuild them with:\n\n```\n{rebuild_line(tables)}\n```")
