"""Nothing lost: uploads beside the tables survive rebuilds, one writer at a time, upload jobs that
ask before replacing and take their files back when cancelled, and readable errors when the disk
refuses a write. The browser side of the same story is in tests/e2e/test_upload_lifecycle_e2e.py."""

from __future__ import annotations

import errno
import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from data_pipeline import layout, uploads
from data_pipeline.build import build
from data_pipeline.cli import main

REPO = Path(__file__).resolve().parents[1]
ARTICLES = [
    {"id": "n1", "title": "زيارة", "published": "2024-03-05", "text": "قال الرئيس الأمريكي جو بايدن، الثلاثاء، إن واشنطن سترسل 500 جندي إلى بولندا."},
    {"id": "n2", "title": "اقتصاد", "published": "2024-03-06", "text": "أعلنت وزارة المالية السعودية أن العجز بلغ 2.5 مليار ريال في عام 2023."},
]
UPLOADED = "بعثة أممية في الخرطوم\nقال المتحدث باسم البعثة إن نحو 25 ألف أسرة تحتاج إلى مساعدات عاجلة في الخرطوم.\n"


def _jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def _doc_ids(out: Path) -> set[str]:
    return set(pq.read_table(out / "documents.parquet", columns=["doc_id"])["doc_id"].to_pylist())


def _titles(out: Path) -> dict[str, str]:
    table = pq.read_table(out / "documents.parquet", columns=["doc_id", "title"])
    return dict(zip(table["doc_id"].to_pylist(), table["title"].to_pylist()))


def _stage(out: Path, files: dict[str, bytes | str]) -> Path:
    job = layout.staging_dir(out) / f"job-{os.urandom(3).hex()}"
    (job / uploads.FILES).mkdir(parents=True)
    for name, content in files.items():
        data = content.encode("utf-8") if isinstance(content, str) else content
        (job / uploads.FILES / name).write_bytes(data)
    return job


def _articles(n: int, prefix: str = "bulk") -> list[dict]:
    cities = ["الرياض", "القاهرة", "بغداد", "عمان", "الدوحة", "تونس", "الرباط", "بيروت"]
    return [
        {"id": f"{prefix}-{i}", "title": f"خبر رقم {i} من {cities[i % 8]}", "published": "2018-03-05",
         "text": f"قال مسؤول في {cities[i % 8]} إن {i + 3} أشخاص أصيبوا في حادث سير يوم الاثنين. "
                 f"وأضاف أن السلطات فتحت تحقيقا في الحادث الذي وقع قرب {cities[(i + 3) % 8]}. " * 3}
        for i in range(n)
    ]


# ---------------------------------------------------------------- uploads live beside the link


def test_a_rebuild_keeps_the_articles_added_in_the_dashboard(tmp_path):
    out = tmp_path / "tables"
    build([_jsonl(tmp_path / "a.jsonl", ARTICLES)], out, workers=1)
    job = _stage(out, {"0123456789ab_khartoum.txt": UPLOADED})
    assert uploads.run_job(out, job, workers=1) == 0
    assert uploads.read_status(job)["state"] == "done"
    assert _doc_ids(out) == {"n1", "n2", "0123456789ab_khartoum"}
    assert (layout.uploads_dir(out) / "0123456789ab_khartoum.txt").read_text(encoding="utf-8") == UPLOADED
    for _ in range(3):  # three rebuilds of the same inputs: each version before the last is deleted
        summary = build([tmp_path / "a.jsonl"], out, workers=1)
        assert summary.uploads == str(layout.uploads_dir(out))
        assert _doc_ids(out) == {"n1", "n2", "0123456789ab_khartoum"}
    assert (layout.uploads_dir(out) / "0123456789ab_khartoum.txt").exists()
    assert out.is_symlink() and out.resolve().parent == layout.versions_dir(out)
    # An analyst may leave them out on purpose.
    build([tmp_path / "a.jsonl"], out, workers=1, with_uploads=False)
    assert _doc_ids(out) == {"n1", "n2"}


def test_an_uploaded_document_replaces_the_input_with_its_id_in_every_rebuild(tmp_path):
    out = tmp_path / "tables"
    build([_jsonl(tmp_path / "a.jsonl", ARTICLES)], out, workers=1)
    newer = {**ARTICLES[0], "title": "زيارة (نسخة مصححة)"}
    job = _stage(out, {"0123456789ab_fix.jsonl": json.dumps(newer, ensure_ascii=False) + "\n"})
    assert uploads.run_job(out, job, workers=1) == 3  # asks first
    status = uploads.read_status(job)
    assert status["state"] == "conflict"
    assert status["conflicts"] == [{"doc_id": "n1", "title": "زيارة", "new_title": "زيارة (نسخة مصححة)"}]
    assert not layout.uploads_dir(out).joinpath("0123456789ab_fix.jsonl").exists()  # nothing merged yet
    assert uploads.run_job(out, job, replace=True, workers=1) == 0
    assert uploads.read_status(job)["replaced"] == ["n1"]
    assert _titles(out) == {"n1": "زيارة (نسخة مصححة)", "n2": "اقتصاد"}
    build([tmp_path / "a.jsonl"], out, workers=1)  # the upload still wins, no "n1~2" copy appears
    assert _titles(out) == {"n1": "زيارة (نسخة مصححة)", "n2": "اقتصاد"}


def test_the_same_article_uploaded_twice_is_not_a_conflict(tmp_path):
    out = tmp_path / "tables"
    build([_jsonl(tmp_path / "a.jsonl", ARTICLES)], out, workers=1)
    job = _stage(out, {"0123456789ab_same.jsonl": json.dumps(ARTICLES[1], ensure_ascii=False) + "\n"})
    assert uploads.run_job(out, job, workers=1) == 0
    assert uploads.read_status(job)["replaced"] == []
    assert _doc_ids(out) == {"n1", "n2"}


# ---------------------------------------------------------------- one writer at a time


def test_a_second_build_waits_for_the_writer_lock_or_says_a_build_is_running(tmp_path, capsys):
    out = tmp_path / "tables"
    src = _jsonl(tmp_path / "a.jsonl", ARTICLES)
    build([src], out, workers=1)
    with layout.writer_lock(out):
        # In another process (flock is per open file): --no-wait fails at once with a clear line.
        proc = subprocess.run([sys.executable, "-m", "data_pipeline.cli", "build", str(src), "--out", str(out),
                               "--no-wait", "--no-progress"], cwd=REPO, capture_output=True, text=True, timeout=120)
        assert proc.returncode == 2
        assert f"another build or upload is writing into {out}" in proc.stderr
        waiting = subprocess.Popen([sys.executable, "-m", "data_pipeline.cli", "build", str(src), "--out", str(out),
                                    "--no-progress"], cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = waiting.stderr.readline()  # blocks until the build says it waits
        assert "waiting for it to end" in line
        assert waiting.poll() is None
    assert waiting.wait(timeout=120) == 0
    assert "documents read: 2" in waiting.stdout.read()


def test_two_concurrent_builds_into_one_folder_both_finish(tmp_path):
    out = tmp_path / "tables"
    a = _jsonl(tmp_path / "a.jsonl", _articles(60, "a"))
    b = _jsonl(tmp_path / "b.jsonl", _articles(60, "b"))
    build([a], out, workers=1)
    cmds = [[sys.executable, "-m", "data_pipeline.cli", "build", str(src), "--out", str(out), "--no-progress", "--full"]
            for src in (a, b)]
    procs = [subprocess.Popen(c, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for c in cmds]
    results = [(p.wait(timeout=300), p.stderr.read()) for p in procs]
    assert [code for code, _ in results] == [0, 0], results
    ids = _doc_ids(out)
    assert ids in ({f"a-{i}" for i in range(60)}, {f"b-{i}" for i in range(60)})  # one whole build, not a mix
    assert not [p for p in layout.versions_dir(out).iterdir() if p.name.endswith(".tmp")]


def test_two_upload_jobs_at_once_both_reach_the_tables(tmp_path):
    out = tmp_path / "tables"
    build([_jsonl(tmp_path / "a.jsonl", ARTICLES)], out, workers=1)
    jobs = [_stage(out, {f"0123456789a{i}_up{i}.jsonl": "".join(json.dumps(r, ensure_ascii=False) + "\n"
                                                                 for r in _articles(30, f"up{i}"))})
            for i in range(2)]
    procs = [subprocess.Popen([sys.executable, "-m", "data_pipeline.cli", "add", "--out", str(out), "--job", str(j),
                               "--workers", "1"], cwd=REPO) for j in jobs]
    assert [p.wait(timeout=300) for p in procs] == [0, 0]
    assert [uploads.read_status(j)["state"] for j in jobs] == ["done", "done"]
    assert _doc_ids(out) == {"n1", "n2"} | {f"up{i}-{k}" for i in range(2) for k in range(30)}


def test_an_upload_job_writes_the_build_progress_lines_into_its_log(tmp_path):
    out = tmp_path / "tables"
    build([_jsonl(tmp_path / "a.jsonl", ARTICLES)], out, workers=1)
    job = _stage(out, {"0123456789ab_up.jsonl": "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in _articles(3, "up"))})
    # As the dashboard starts it (data_pipeline.uploads.start): output into JOB/log.txt, not a terminal.
    with open(job / "log.txt", "ab") as log:
        proc = subprocess.run([sys.executable, "-m", "data_pipeline.cli", "add", "--out", str(out), "--job", str(job),
                               "--workers", "1"], cwd=REPO, stdout=log, stderr=subprocess.STDOUT, timeout=300, check=False)
    assert proc.returncode == 0
    lines = (job / "log.txt").read_text(encoding="utf-8").splitlines()
    # Times are the machine's own: the words and counts are exact, the seconds are not checked.
    assert [line.split(" in ")[0].split(", ")[0] for line in lines] == [
        "marsad: read 3 documents",
        "marsad: 3 of 3 documents processed (100.0%)",
        "marsad: writing the documents and entities tables",
    ]


# ---------------------------------------------------------------- cancel


def test_a_cancelled_upload_job_takes_its_files_back_and_leaves_the_tables(tmp_path):
    out = tmp_path / "tables"
    build([_jsonl(tmp_path / "a.jsonl", ARTICLES)], out, workers=1)
    before = out.resolve()
    job = _stage(out, {"0123456789ab_bulk.jsonl": "".join(json.dumps(r, ensure_ascii=False) + "\n"
                                                          for r in _articles(3000))})
    proc = subprocess.Popen([sys.executable, "-m", "data_pipeline.cli", "add", "--out", str(out), "--job", str(job)],
                            cwd=REPO, start_new_session=True)
    deadline = time.monotonic() + 240
    while (uploads.read_status(job) or {}).get("state") != "processing" or not uploads.read_status(job).get("done"):
        assert proc.poll() is None and time.monotonic() < deadline, uploads.read_status(job)
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGTERM)  # what the page's cancel button sends
    assert proc.wait(timeout=60) == 130
    assert uploads.read_status(job)["state"] == "cancelled"
    assert out.resolve() == before and _doc_ids(out) == {"n1", "n2"}
    assert not list(layout.uploads_dir(out).glob("*.jsonl"))  # taken back: a rebuild will not add them
    assert not [p for p in layout.versions_dir(out).iterdir() if p.name.endswith(".tmp")]
    with layout.writer_lock(out, wait=False):  # released
        pass


# ---------------------------------------------------------------- disks that refuse


def test_a_full_disk_ends_the_build_with_one_line_and_the_old_tables(tmp_path, monkeypatch, capsys):
    out = tmp_path / "tables"
    src = _jsonl(tmp_path / "a.jsonl", ARTICLES)
    assert main(["build", str(src), "--out", str(out), "--workers", "1", "--no-progress"]) == 0
    before = out.resolve()

    def full(self, table, *args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", str(out.resolve().parent / "x.tmp" / "claims.parquet"))

    monkeypatch.setattr(pq.ParquetWriter, "write_table", full)
    capsys.readouterr()
    assert main(["build", str(src), "--out", str(out), "--workers", "1", "--no-progress", "--full"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "Traceback" not in err
    assert err.startswith(f"error: cannot write the tables to {out}: No space left on device")
    assert err.endswith("(the previous tables, if any, are unchanged)")
    monkeypatch.undo()
    assert out.resolve() == before and _doc_ids(out) == {"n1", "n2"}
    assert not [p for p in layout.versions_dir(out).iterdir() if p.name.endswith(".tmp")]


def test_an_output_folder_that_cannot_be_created_gives_one_readable_line(tmp_path):
    src = _jsonl(tmp_path / "a.jsonl", ARTICLES)
    proc = subprocess.run([sys.executable, "-m", "data_pipeline.cli", "build", str(src), "--out", "/dev/null/tables",
                           "--no-progress", "--workers", "1"], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1
    assert proc.stderr.strip().splitlines() == [
        "error: cannot write the tables to /dev/null/tables: Not a directory (/dev/null) "
        "(the previous tables, if any, are unchanged)"
    ]


def test_a_read_only_output_folder_gives_one_readable_line(tmp_path, monkeypatch, capsys):
    out = tmp_path / "tables"
    src = _jsonl(tmp_path / "a.jsonl", ARTICLES)
    assert main(["build", str(src), "--out", str(out), "--workers", "1", "--no-progress"]) == 0
    real_mkdir = Path.mkdir

    def read_only(self, *args, **kwargs):  # root ignores chmod: simulate EROFS where versions are made
        if self.name.endswith(".tmp"):
            raise OSError(errno.EROFS, "Read-only file system", str(self))
        return real_mkdir(self, *args, **kwargs)

    monkeypatch.setattr(Path, "mkdir", read_only)
    capsys.readouterr()
    assert main(["build", str(src), "--out", str(out), "--workers", "1", "--no-progress", "--full"]) == 1
    err = capsys.readouterr().err
    assert "error: cannot write the tables to" in err and "Read-only file system" in err and "Traceback" not in err
    monkeypatch.undo()
    assert _doc_ids(out) == {"n1", "n2"}


# ---------------------------------------------------------------- upload names


@pytest.mark.parametrize(
    ("name", "expected_tail"),
    [
        ("ا" * 130 + ".txt", "ا" * 60 + ".txt"),
        ("L" * 300 + ".jsonl.gz", "L" * 60 + ".jsonl.gz"),
        ("evil\x00name.txt", "evil_name.txt"),
        ("../../etc/passwd.txt", "passwd.txt"),
        ("..\\..\\win.ini.txt", "win.ini.txt"),
        ("\u202etxt.exe.txt", "txt.exe.txt"),
    ],
)
def test_upload_names_are_short_safe_and_keep_their_format(tmp_path, name, expected_tail):
    from data_pipeline.uploads import safe_name as upload_name

    saved = upload_name(name, b"content")
    assert saved.endswith("_" + expected_tail)
    assert len(saved.encode("utf-8")) < 255 and "/" not in saved and "\x00" not in saved
    (tmp_path / saved).write_bytes(b"content")  # the file system takes it


def test_staged_uploads_report_refused_types_with_visible_names(tmp_path):
    import io

    from data_pipeline.uploads import stage as stage_uploads

    class Upload(io.BytesIO):
        def __init__(self, name, content):
            super().__init__(content)
            self.name = name

    job, rejected = stage_uploads([Upload("a\x00b.exe", b"MZ"), Upload("ok.txt", UPLOADED.encode())], tmp_path / "tables")
    assert rejected == [("a\x00b.exe", "type")]  # as given; the page shows it made printable:
    from dashboard.views.add_articles import printable

    assert printable(rejected[0][0]) == "a\ufffdb.exe"
    digest = hashlib.sha256(UPLOADED.encode()).hexdigest()[:12]
    assert [p.name for p in (job / uploads.FILES).iterdir()] == [f"{digest}_ok.txt"]
    assert job.parent == layout.staging_dir(tmp_path / "tables")


def test_the_writer_lock_is_reentrant_in_one_process_and_released_after(tmp_path):
    out = tmp_path / "tables"
    with layout.writer_lock(out), layout.writer_lock(out, wait=False):  # a build inside an upload job
        pass
    probe = [sys.executable, "-c", "import sys; from data_pipeline import layout\n"
             "with layout.writer_lock(sys.argv[1], wait=False): pass", str(out)]
    assert subprocess.run(probe, cwd=REPO).returncode == 0


def test_an_unreadable_upload_is_reported_once_and_kept_out_of_the_uploads_folder(tmp_path):
    out = tmp_path / "tables"
    build([_jsonl(tmp_path / "a.jsonl", ARTICLES)], out, workers=1)
    job = _stage(out, {"0123456789ab_good.txt": UPLOADED, "0123456789ac_noise.txt": bytes(range(256)) * 8})
    assert uploads.run_job(out, job, workers=1) == 0
    status = uploads.read_status(job)
    assert [name for name, _ in status["skipped"]] == ["noise.txt"]
    assert [d["doc_id"] for d in status["documents"]] == ["0123456789ab_good"]
    assert sorted(p.name for p in layout.uploads_dir(out).iterdir() if not p.name.startswith(".")) == ["0123456789ab_good.txt"]
    assert "noise" not in " ".join(r for _, r in build([tmp_path / "a.jsonl"], out, workers=1).skipped)


def test_a_merge_keeps_the_inputs_that_rebuild_the_tables_in_the_manifest(tmp_path):
    """The dashboard's rebuild command reads the manifest: after an upload it must still name the corpus."""
    out = tmp_path / "tables"
    src = _jsonl(tmp_path / "a.jsonl", ARTICLES)
    build([src], out, workers=1)
    job = _stage(out, {"0123456789ab_khartoum.txt": UPLOADED})
    assert uploads.run_job(out, job, workers=1) == 0
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["inputs"] == [str(src)]
    assert _doc_ids(out) == {"n1", "n2", "0123456789ab_khartoum"}
