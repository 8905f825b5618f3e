"""A build killed at any moment leaves the previous tables intact and readable.

``python3 -m data_pipeline.cli build`` runs as a subprocess (in its own process group,
so its pool workers die with it) and gets SIGKILL while it reads, while it processes,
while it writes, and at plain moments in time. After each kill every table of the
previous build must read with pyarrow, with the same rows as before, and no temp file
may be left where a reader of ``<table>.parquet`` (or of the folder as a dataset)
would take it.

To kill at a known moment the subprocess runs through a small launcher that wraps
build's functions and prints ``PHASE <name>`` (pausing there when
``MARSAD_TEST_PAUSE_AT`` names that phase); the build code itself is unchanged.
"""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

from data_pipeline.build import build, versions_dir
from data_pipeline.schemas import TABLES
from data_pipeline.text_index import INDEX_FILE

from .conftest import CORPUS, REPO

LAUNCHER = r'''
import os, sys, time, runpy
import data_pipeline.build as b

PAUSE = os.environ.get("MARSAD_TEST_PAUSE_AT", "")

def phase(name):
    # One write of a whole line: both pool workers can reach a phase at once, and print's two writes
    # (the text, then the newline) could interleave into "PHASE processingPHASE processing".
    os.write(2, ("PHASE " + name + "\n").encode())
    if name == PAUSE:
        time.sleep(120)  # wait here for the SIGKILL

_read_inputs = b.read_inputs
def read_inputs(inputs):
    for i, item in enumerate(_read_inputs(inputs)):
        if i == 20:
            phase("reading")
        yield item
b.read_inputs = read_inputs

_work = b._work
_done = [0]
def work(doc):
    _done[0] += 1
    if _done[0] == 10:  # runs in a pool worker (fork): the parent is mid-way through imap
        phase("processing")
    return _work(doc)
b._work = work

_write_table = b.pq.write_table
def write_table(table, where, **kw):
    _write_table(table, where, **kw)
    phase("writing")  # one temp table written, nothing replaced yet
b.pq.write_table = write_table
_writer_write = b.pq.ParquetWriter.write_table
def writer_write(self, table, *args, **kw):
    _writer_write(self, table, *args, **kw)
    phase("writing")  # one chunk of a temp table written, nothing replaced yet
b.pq.ParquetWriter.write_table = writer_write

_replace = os.replace
def replace(src, dst):
    _replace(src, dst)
    if str(dst).endswith(".parquet") or os.path.basename(os.path.dirname(str(dst))).endswith(".versions"):
        phase("replacing")  # the new version is complete, the tables folder not yet switched to it
os.replace = replace

sys.argv = ["marsad"] + sys.argv[1:]
runpy.run_module("data_pipeline.cli", run_name="__main__")
'''

ARTICLE = ("قال الرئيس الروسي فلاديمير بوتين، الثلاثاء 18 يونيو 2024، إن بلاده سترسل {n} جندي إلى الحدود. "
           "وأضاف أن الاقتصاد نما بنسبة 3.5 في المئة. ونفت وزارة الخارجية الأمريكية ذلك.")


def _synthetic(prefix: str, n: int) -> list[dict]:
    return [{"id": f"{prefix}{i}", "title": f"خبر {i}", "text": ARTICLE.format(n=100 + i), "published": "2024-06-18",
             "source": "وكالة"} for i in range(n)]


def _corpus_slice(n: int) -> list[dict]:
    """The first ``n`` real articles (several seconds of work), or synthetic ones without the corpus."""
    if not CORPUS.exists():
        return _synthetic("big-", n * 4)
    rows = []
    with gzip.open(CORPUS, "rt", encoding="utf-8") as fh:
        for line in fh:
            rows.append(json.loads(line))
            if len(rows) >= n:
                break
    return rows


def _write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def _snapshot(out: Path) -> dict:
    """Every table as read by pyarrow, plus the manifest."""
    tables = {name: pq.read_table(out / f"{name}.parquet").to_pandas() for name in TABLES}
    return {"tables": tables, "manifest": (out / "manifest.json").read_text(encoding="utf-8")}


def _assert_same(before: dict, after: dict) -> None:
    assert after["manifest"] == before["manifest"]
    for name, frame in before["tables"].items():
        got = after["tables"][name]
        assert len(got) == len(frame), (name, len(frame), len(got))
        assert got.equals(frame), name


def _assert_no_visible_leftovers(out: Path) -> None:
    expected = {f"{name}.parquet" for name in TABLES} | {"manifest.json", INDEX_FILE}
    visible = {p.name for p in out.iterdir() if not p.name.startswith((".", "_"))}
    assert visible == expected, visible - expected
    # pyarrow's dataset discovery ignores names starting with "." or "_": the temp files stay invisible
    found = {Path(f).name for f in ds.dataset(out, format="parquet").files if f.endswith(".parquet")}
    assert found == {f"{n}.parquet" for n in TABLES}


@pytest.fixture(scope="module")
def setup(tmp_path_factory):
    root = tmp_path_factory.mktemp("kill")
    out = root / "tables"
    build([_write_jsonl(root / "before.jsonl", _synthetic("old-", 12))], out, workers=1, progress=False)
    big = _write_jsonl(root / "big.jsonl", _corpus_slice(400))  # about 3 s of work on 2 cores
    launcher = root / "launch_build.py"
    launcher.write_text(LAUNCHER, encoding="utf-8")
    return out, big, launcher, _snapshot(out)


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    """Enough documents for the worker pool (50+) but quick to process: for kills at write time."""
    return _write_jsonl(tmp_path_factory.mktemp("kill_small") / "small.jsonl", _synthetic("new-", 60))


def _run_and_kill(launcher: Path, big: Path, out: Path, *, pause_at: str = "", after: float | None = None) -> list[str]:
    """Start the build; SIGKILL its whole process group at phase ``pause_at`` or ``after`` seconds."""
    env = {**os.environ, "MARSAD_TEST_PAUSE_AT": pause_at, "PYTHONPATH": str(REPO)}
    cmd = [sys.executable, str(launcher), "build", str(big), "--out", str(out),
           "--workers", "2", "--full", "--no-progress"]
    proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    phases: list[str] = []
    try:
        if after is not None:
            time.sleep(after)
        else:
            for line in proc.stderr:
                if line.startswith("PHASE "):
                    phases.append(line.split()[1])
                    if phases[-1] == pause_at:
                        break
            else:
                pytest.fail(f"the build ended before phase {pause_at!r} (saw {phases})")
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        proc.stderr.close()
    return phases


@pytest.mark.parametrize("phase", ["reading", "processing", "writing"])
def test_a_build_killed_in_a_phase_leaves_the_previous_tables(setup, small, phase):
    out, big, launcher, before = setup
    phases = _run_and_kill(launcher, small if phase == "writing" else big, out, pause_at=phase)
    assert phases[-1] == phase
    _assert_same(before, _snapshot(out))
    _assert_no_visible_leftovers(out)


@pytest.mark.parametrize("seconds", [1.0, 2.5])
def test_a_build_killed_at_a_plain_moment_leaves_the_previous_tables(setup, seconds):
    out, big, launcher, before = setup
    _run_and_kill(launcher, big, out, after=seconds)
    after = _snapshot(out)
    if after["manifest"] != before["manifest"]:
        pytest.skip(f"the build finished within {seconds}s on this machine")
    _assert_same(before, after)
    _assert_no_visible_leftovers(out)


def test_a_build_killed_between_two_table_swaps_leaves_the_previous_tables(tmp_path, setup, small):
    _, _, launcher, _ = setup
    out = tmp_path / "tables"
    build([_write_jsonl(tmp_path / "before.jsonl", _synthetic("old-", 12))], out, workers=1, progress=False)
    before = _snapshot(out)
    assert _run_and_kill(launcher, small, out, pause_at="replacing")[-1] == "replacing"
    _assert_no_visible_leftovers(out)
    _assert_same(before, _snapshot(out))


def test_after_the_kills_a_full_build_still_succeeds(setup):
    out, big, launcher, before = setup
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-m", "data_pipeline.cli", "build", str(big), "--out", str(out),
                           "--workers", "2", "--no-progress"], cwd=REPO, env=env, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    after = _snapshot(out)
    rows = sum(1 for _ in big.open(encoding="utf-8"))
    assert len(after["tables"]["documents"]) == rows
    assert not set(after["tables"]["documents"]["doc_id"]) & set(before["tables"]["documents"]["doc_id"])
    _assert_no_visible_leftovers(out)
    LEFT_OVER[:] = sorted(p.name for p in out.glob(".*.tmp-*"))


LEFT_OVER: list[str] = []  # hidden temp files still there after the full build that followed the kills


def test_a_later_build_clears_the_temp_files_of_a_killed_one(setup):
    assert LEFT_OVER == []
    out = setup[0]
    kept = sorted(p.name for p in versions_dir(out).iterdir())
    assert len(kept) <= 2 and not any(name.endswith(".tmp") for name in kept), kept  # current + previous only
