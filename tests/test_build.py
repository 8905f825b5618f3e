"""marsad build: summary, exit codes, incremental rebuilds, add_files merges, and atomic table writes."""

import json

import pyarrow.parquet as pq
import pytest

from data_pipeline import build as build_mod
from data_pipeline.build import add_files, build, read_tables
from data_pipeline.cli import main
from data_pipeline.schemas import TABLES

ARTICLES = [
    {"id": "n1", "title": "زيارة", "published": "2024-03-05", "text": "قال الرئيس الأمريكي جو بايدن، الثلاثاء، إن واشنطن سترسل 500 جندي إلى بولندا."},
    {"id": "n2", "title": "اقتصاد", "published": "2024-03-06", "text": "أعلنت وزارة المالية السعودية أن العجز بلغ 2.5 مليار ريال في عام 2023."},
]


def _write_jsonl(path, rows):
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    return path


def test_build_writes_every_table_with_its_schema(tmp_path):
    src = _write_jsonl(tmp_path / "a.jsonl", ARTICLES)
    summary = build([src], tmp_path / "out", workers=1)
    assert summary.documents_read == 2 and summary.documents_processed == 2
    for name, schema in TABLES.items():
        table = pq.read_table(tmp_path / "out" / f"{name}.parquet")
        assert table.schema.names == schema.names
    tables = read_tables(tmp_path / "out")
    assert set(tables["documents"]["doc_id"]) == {"n1", "n2"}
    assert summary.rows["documents"] == 2 and summary.rows["passages"] >= 2
    assert json.loads((tmp_path / "out" / "manifest.json").read_text())["documents"] == 2


def test_incremental_rebuild_processes_only_changed_documents(tmp_path):
    src = _write_jsonl(tmp_path / "a.jsonl", ARTICLES)
    build([src], tmp_path / "out", workers=1)
    first = read_tables(tmp_path / "out")
    again = build([src], tmp_path / "out", workers=1)
    assert again.documents_processed == 0 and again.documents_reused == 2
    changed = [ARTICLES[0], {**ARTICLES[1], "text": ARTICLES[1]["text"] + " وأضافت أن النمو سيبلغ 3 في المئة."}]
    _write_jsonl(src, changed)
    third = build([src], tmp_path / "out", workers=1)
    assert third.documents_processed == 1 and third.documents_reused == 1
    tables = read_tables(tmp_path / "out")
    n1_before = first["mentions"][first["mentions"]["doc_id"] == "n1"].reset_index(drop=True)
    n1_after = tables["mentions"][tables["mentions"]["doc_id"] == "n1"].reset_index(drop=True)
    assert n1_before.equals(n1_after)


def test_add_files_keeps_earlier_documents(tmp_path):
    build([_write_jsonl(tmp_path / "a.jsonl", ARTICLES[:1])], tmp_path / "out", workers=1)
    summary = add_files([_write_jsonl(tmp_path / "b.jsonl", ARTICLES[1:])], tmp_path / "out", workers=1)
    assert summary.documents_kept == 1
    assert set(read_tables(tmp_path / "out")["documents"]["doc_id"]) == {"n1", "n2"}


def test_a_failed_write_leaves_the_previous_tables(tmp_path, monkeypatch):
    src = _write_jsonl(tmp_path / "a.jsonl", ARTICLES)
    build([src], tmp_path / "out", workers=1)
    before = {n: (tmp_path / "out" / f"{n}.parquet").read_bytes() for n in TABLES}

    def boom(*args, **kwargs):
        raise KeyboardInterrupt  # the build is killed while writing

    monkeypatch.setattr(build_mod.pq, "write_table", boom)
    monkeypatch.setattr(build_mod.pq.ParquetWriter, "write_table", boom)  # tables are written chunk by chunk
    with pytest.raises(KeyboardInterrupt):
        build([src], tmp_path / "out", workers=1, incremental=False)
    after = {n: (tmp_path / "out" / f"{n}.parquet").read_bytes() for n in TABLES}
    assert before == after


def test_cli_exit_codes(tmp_path, capsys):
    src = _write_jsonl(tmp_path / "a.jsonl", ARTICLES)
    (tmp_path / "bad.txt").write_bytes(b"")
    assert main(["build", str(src), str(tmp_path / "bad.txt"), "--out", str(tmp_path / "out"), "--workers", "1"]) == 0
    out = capsys.readouterr().out
    assert "documents read: 2" in out and "skipped: 1" in out and "empty file" in out
    assert main(["build", str(tmp_path / "bad.txt"), "--out", str(tmp_path / "out2")]) == 1
    assert not (tmp_path / "out2").exists()


def test_parallel_build_equals_serial_build(tmp_path):
    rows = [{**ARTICLES[i % 2], "id": f"d{i}"} for i in range(60)]
    src = _write_jsonl(tmp_path / "many.jsonl", rows)
    build([src], tmp_path / "serial", workers=1)
    build([src], tmp_path / "parallel", workers=2)
    a, b = read_tables(tmp_path / "serial"), read_tables(tmp_path / "parallel")
    for name in TABLES:
        if name == "documents":
            continue
        assert a[name].astype(str).equals(b[name].astype(str)), name


def test_tables_folder_is_switched_atomically_to_complete_versions(tmp_path):
    from data_pipeline.build import versions_dir

    src = _write_jsonl(tmp_path / "a.jsonl", ARTICLES)
    out = tmp_path / "out"
    build([src], out, workers=1)
    first = out.resolve()
    build([src], out, workers=1, incremental=False)
    assert out.is_symlink() and out.resolve() != first
    assert sorted(p.name for p in versions_dir(out).iterdir()) == sorted([first.name, out.resolve().name])
    build([src], out, workers=1, incremental=False)
    assert not first.exists()  # only the current and the previous versions are kept


def test_a_plain_folder_of_tables_is_adopted_and_a_foreign_one_refused(tmp_path):
    import shutil

    src = _write_jsonl(tmp_path / "a.jsonl", ARTICLES)
    build([src], tmp_path / "out", workers=1)
    shutil.copytree(tmp_path / "out", tmp_path / "plain")  # an older, plain layout
    assert build([src], tmp_path / "plain", workers=1, incremental=False).rows["documents"] == 2
    assert (tmp_path / "plain").is_symlink()
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("x")
    with pytest.raises(ValueError, match="did not write"):
        build([src], tmp_path / "mine", workers=1)
    assert (tmp_path / "mine" / "notes.txt").exists()


# ---------------------------------------------------------------- progress in a log


def _ticking(step: float):
    """A clock that moves ``step`` seconds each time it is read: the build reads it once per document."""
    now = [-step]

    def clock() -> float:
        now[0] += step
        return now[0]

    return clock


def test_a_build_whose_output_is_not_a_terminal_writes_a_progress_line_every_30_seconds(tmp_path, capsys):
    rows = [{**ARTICLES[i % 2], "id": f"d{i}"} for i in range(3)]
    src = _write_jsonl(tmp_path / "a.jsonl", rows)
    build([src], tmp_path / "out", workers=1, clock=_ticking(31))
    assert capsys.readouterr().err.splitlines() == [
        "marsad: reading the inputs: 1 document so far (31 s)",
        "marsad: reading the inputs: 2 documents so far (62 s)",
        "marsad: reading the inputs: 3 documents so far (2 min)",  # from 90 s on, in minutes
        "marsad: read 3 documents in 2 min",
        "marsad: 1 of 3 documents processed (33.3%), 0.032 docs/s, about 62 s left",
        "marsad: 2 of 3 documents processed (66.7%), 0.032 docs/s, about 31 s left",
        # no periodic line at 3 of 3: the end line follows at once
        "marsad: 3 of 3 documents processed (100.0%), 0.024 docs/s, in 2 min",
        "marsad: writing the documents and entities tables",
    ]


def test_progress_lines_wait_for_30_seconds_and_name_minutes_and_fast_rates(tmp_path, capsys):
    rows = [{**ARTICLES[i % 2], "id": f"d{i}"} for i in range(3)]
    src = _write_jsonl(tmp_path / "a.jsonl", rows)
    build([src], tmp_path / "out", workers=1, clock=_ticking(20))  # a line at 40 s, none at 20 or 60
    err = capsys.readouterr().err.splitlines()
    assert err[:2] == ["marsad: reading the inputs: 2 documents so far (40 s)", "marsad: read 3 documents in 80 s"]
    assert err[2:4] == ["marsad: 2 of 3 documents processed (66.7%), 0.05 docs/s, about 20 s left",
                        "marsad: 3 of 3 documents processed (100.0%), 0.037 docs/s, in 80 s"]
    from data_pipeline.progress import duration, rate

    assert [duration(89), duration(90), duration(5399), duration(5400)] == ["89 s", "2 min", "90 min", "1.5 h"]
    assert [rate(1234.4), rate(12.4), rate(1.5)] == ["1,234", "12", "1.5"]


def test_no_progress_silences_the_progress_lines(tmp_path, capsys):
    src = _write_jsonl(tmp_path / "a.jsonl", ARTICLES)
    assert main(["build", str(src), "--out", str(tmp_path / "out"), "--workers", "1", "--no-progress"]) == 0
    assert capsys.readouterr().err == ""
    build([src], tmp_path / "out2", workers=1, progress=False, clock=_ticking(31))
    assert capsys.readouterr().err == ""


def test_copies_of_one_story_share_its_first_copys_story_id_across_builds(tmp_path):
    from tests.test_stories import COPY, OWN, WIRE

    def record(doc_id, published, text):
        return json.dumps({"id": doc_id, "source": "test", "published": published, "text": text}, ensure_ascii=False)

    first = tmp_path / "first.jsonl"
    first.write_text("\n".join([record("wire", "2024-03-01", WIRE), record("own", "2024-03-01", OWN)]) + "\n", encoding="utf-8")
    out = tmp_path / "tables"
    build([first], out, workers=1, progress=False)
    later = tmp_path / "later.jsonl"
    later.write_text(record("copy", "2024-03-02", COPY) + "\n", encoding="utf-8")
    add_files([later], out, workers=1, progress=False)
    docs = read_tables(out)["documents"].set_index("doc_id")
    assert docs["story_id"].to_dict() == {"wire": "wire", "own": "own", "copy": "wire"}


def test_documents_of_tables_built_before_story_sketches_are_sketched_from_their_text(tmp_path):
    from tests.test_stories import COPY, WIRE

    first = tmp_path / "first.jsonl"
    first.write_text(json.dumps({"id": "wire", "published": "2024-03-01", "text": WIRE}, ensure_ascii=False) + "\n",
                     encoding="utf-8")
    out = tmp_path / "tables"
    build([first], out, workers=1, progress=False)
    path = out / "documents.parquet"
    old = pq.read_table(path).drop_columns(["story_id", "story_minhash", "story_figures", "story_actors"])
    pq.write_table(old, path)  # as an earlier Marsad wrote it
    later = tmp_path / "later.jsonl"
    later.write_text(json.dumps({"id": "copy", "published": "2024-03-02", "text": COPY}, ensure_ascii=False) + "\n",
                     encoding="utf-8")
    add_files([later], out, workers=1, progress=False)
    docs = read_tables(out)["documents"].set_index("doc_id")
    assert docs["story_id"].to_dict() == {"wire": "wire", "copy": "wire"}
    assert len(docs.loc["wire", "story_minhash"]) == 0  # kept as it was; only its story is new
