"""Articles added in the dashboard: staged, checked, merged into the tables by a job of their own.

The ingest API the dashboard calls (and any other front end may):

- ``stage(files, out_dir)``: save uploaded files (objects with ``.name`` and ``.getvalue()``) under safe
  names in a new job folder; returns the job folder and the refused files;
- ``start(out_dir, job, replace=False)``: run the job in a process of its own;
- ``status(job)``: its state (``starting``, ``reading``, ``waiting``, ``processing``, then one of
  ``FINAL_STATES``) with progress, or the reason it failed;
- ``cancel(job)`` and ``discard(job)``.

The dashboard only saves the uploaded files into ``DIR-uploads/.staging/<job>/files/`` and starts
``marsad add --out DIR --job DIR-uploads/.staging/<job>`` as a separate process, which it watches
through ``<job>/status.json``; the Streamlit server never forks a worker pool or runs an extractor.
The job:

1. reads the staged files (``reading``) and, under the dataset's writer lock (``waiting`` while
   another build or upload holds it), compares their ids with the documents already in the tables:
   an id that exists with other content stops the job (``conflict``, nothing written) unless it
   was started with ``replace``;
2. moves the files into ``DIR-uploads/`` (which every build of DIR reads, so they stay in the tables)
   and merges them with ``build.add_files`` (``processing``, with progress);
3. ends ``done`` with the new documents, or ``failed`` / ``cancelled`` with a reason. A cancelled or
   failed job takes back the files whose documents did not reach the tables.

``status.json`` is replaced atomically, so a reader never sees half of it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from .layout import STAGING, dataset_path, staging_dir, uploads_dir, writer_lock

FINAL_STATES = ("done", "failed", "cancelled", "conflict")
STATUS = "status.json"
FILES = "files"
MAX_NAME_BYTES = 120  # well under the 255 bytes of a file name on Linux, with the hash prefix
PROGRESS_EVERY = 0.3  # seconds between two progress writes
ACCEPTED = (".txt", ".md", ".html", ".htm", ".json", ".jsonl", ".gz", ".csv")
MAX_NAME_CHARS = 60  # of the stem: 60 Arabic letters are 120 bytes, under the 255 a file name may have
_UNSAFE_NAME = re.compile(r"[^\w.\-]+")
_REPO = Path(__file__).resolve().parents[1]
_jobs: dict[str, subprocess.Popen] = {}  # job folder -> its process, polled so none is left a zombie


def write_status(job_dir: Path, **status) -> None:
    tmp = job_dir / f".{STATUS}.{os.getpid()}"
    tmp.write_text(json.dumps({**status, "updated": time.time()}, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, job_dir / STATUS)


def read_status(job_dir: Path) -> dict | None:
    try:
        return json.loads((Path(job_dir) / STATUS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


class _Cancelled(BaseException):
    """SIGTERM from the dashboard's cancel button."""


def _on_sigterm(signum, frame):  # noqa: ARG001 - signal handler signature
    signal.signal(signal.SIGTERM, signal.SIG_IGN)  # a second click must not cut the clean-up short
    raise _Cancelled()


def run_job(out_dir: str | Path, job_dir: str | Path, *, replace: bool = False, workers: int | None = None) -> int:
    """Run one upload job (see the module docstring); returns the process exit code."""
    from .build import add_files
    from .readers import Skipped, content_hash, read_inputs

    out_dir, job_dir = dataset_path(out_dir), Path(job_dir)
    files = sorted(p for p in (job_dir / FILES).iterdir() if p.is_file()) if (job_dir / FILES).is_dir() else []
    signal.signal(signal.SIGTERM, _on_sigterm)
    moved: list[Path] = []
    docs_of: dict[Path, list[str]] = {}
    status = {"state": "reading", "done": 0, "total": 0, "pid": os.getpid()}
    write_status(job_dir, **status)
    try:
        skipped, incoming = [], {}  # doc_id -> (title, hash)
        for path in files:
            docs_of[path] = []
            for item in read_inputs([path]):
                if isinstance(item, Skipped):
                    skipped.append((_display_name(Path(item.path)), item.reason))
                    continue
                doc, _ = item
                docs_of[path].append(doc.doc_id)
                incoming[doc.doc_id] = (doc.title, content_hash(doc.title, doc.text))
        status.update(total=len(incoming), skipped=skipped)
        if not incoming:
            write_status(job_dir, **{**status, "state": "done", "documents": [], "replaced": []})
            _drop_job_files(job_dir)
            return 0

        def waiting():
            write_status(job_dir, **{**status, "state": "waiting"})

        with writer_lock(out_dir, on_wait=waiting):
            existing = _existing_documents(out_dir)
            clashes = [
                {"doc_id": i, "title": existing[i][0], "new_title": t}
                for i, (t, h) in incoming.items() if i in existing and existing[i][1] != h
            ]
            if clashes and not replace:
                write_status(job_dir, **{**status, "state": "conflict", "conflicts": clashes})
                return 3
            uploads = uploads_dir(out_dir)
            uploads.mkdir(parents=True, exist_ok=True)
            for path in files:
                if not docs_of[path]:  # nothing readable in it: kept out, or every rebuild would report it again
                    path.unlink()
                    continue
                target = _free_name(uploads, path.name)
                os.replace(path, target)
                moved.append(target)
                docs_of[target] = docs_of.pop(path)
            last = [0.0]

            def progress(done: int, total: int) -> None:
                now = time.monotonic()
                if now - last[0] >= PROGRESS_EVERY or done == total:
                    last[0] = now
                    write_status(job_dir, **{**status, "state": "processing", "done": done, "total": total})

            write_status(job_dir, **{**status, "state": "processing"})
            # progress=None: the dashboard sends the job's output to JOB/log.txt, which then gets the build's
            # progress lines (a terminal running `marsad add` gets the bar).
            summary = add_files(moved, out_dir, workers=workers, progress=None, on_progress=progress)
        documents = [{"doc_id": i, "title": t} for i, (t, _) in incoming.items()]
        write_status(job_dir, **{
            **status, "state": "done", "done": summary.documents_processed, "total": summary.documents_read,
            "documents": documents, "replaced": [c["doc_id"] for c in clashes],
            "skipped": skipped,  # read once above: add_files reads the same files again
            "errors": len(summary.errors), "rows": summary.rows, "seconds": round(summary.seconds, 1),
        })
        _drop_job_files(job_dir)
        return 0
    except _Cancelled:
        _take_back(out_dir, moved, docs_of)
        write_status(job_dir, **{**status, "state": "cancelled"})
        return 130
    except Exception as exc:  # noqa: BLE001 - the dashboard shows the reason
        _take_back(out_dir, moved, docs_of)
        write_status(job_dir, **{**status, "state": "failed", "error": f"{type(exc).__name__}: {exc}"})
        return 1


def _existing_documents(out_dir: Path) -> dict[str, tuple[str, str]]:
    """doc_id -> (title, content hash) of the documents in the current tables (never their text)."""
    import pyarrow.parquet as pq

    path = out_dir / "documents.parquet"
    if not path.exists():
        return {}
    table = pq.read_table(path, columns=["doc_id", "title", "content_hash"])
    return dict(zip(table["doc_id"].to_pylist(), zip(table["title"].to_pylist(), table["content_hash"].to_pylist())))


def _take_back(out_dir: Path, moved: list[Path], docs_of: dict[Path, list[str]]) -> None:
    """Remove the moved files whose documents are not in the current tables (a cancel or a failure
    before the new version was switched in): else the next build would add them unasked."""
    if not moved:
        return
    present = set(_existing_documents(out_dir))
    for path in moved:
        if not docs_of.get(path) or not set(docs_of[path]) <= present:
            path.unlink(missing_ok=True)


def _drop_job_files(job_dir: Path) -> None:
    shutil.rmtree(job_dir / FILES, ignore_errors=True)


def _free_name(folder: Path, name: str) -> Path:
    target = folder / name
    n = 2
    while target.exists():
        target = folder / f"{n}-{name}"
        n += 1
    return target


def _display_name(path: Path) -> str:
    """The name the analyst gave the file (without the content-hash prefix added when saving)."""
    name = path.name
    head, sep, rest = name.partition("_")
    return rest if sep and len(head) == 12 and all(c in "0123456789abcdef" for c in head) else name


def clean_old_jobs(out_dir: str | Path, *, older_than: float = 86_400) -> None:
    """Drop finished job folders older than a day (their status was shown long ago)."""
    root = staging_dir(out_dir)
    if not root.is_dir():
        return
    now = time.time()
    for job in root.iterdir():
        status = read_status(job)
        if status and status.get("state") in FINAL_STATES and now - status.get("updated", now) > older_than:
            shutil.rmtree(job, ignore_errors=True)


def main_add(out_dir: str, job_dir: str, replace: bool, workers: int | None) -> int:
    job = Path(job_dir)
    if STAGING not in job.parts:
        print(f"error: {job} is not a job folder under {STAGING}/", file=sys.stderr)
        return 2
    return run_job(out_dir, job, replace=replace, workers=workers)


# ---------------------------------------------------------------- the ingest API


def safe_name(name: str, content: bytes) -> str:
    """A file name that cannot leave the uploads folder, unique per content, short enough for any file system.

    The name is reduced to its last component, every run of characters other than letters, digits,
    ``.``, ``-`` and ``_`` (NUL, slashes, controls, spaces) becomes ``_``, the stem is cut to
    ``MAX_NAME_CHARS`` characters and the format suffixes (``.jsonl.gz``) are kept.
    """
    base = _UNSAFE_NAME.sub("_", Path(name.replace("\\", "/").replace("\x00", "_")).name).strip("._") or "article"
    stem, dot, suffixes = base.partition(".")
    suffixes = ("." + suffixes)[-20:] if dot else ""
    base = (stem[:MAX_NAME_CHARS].strip("._") or "article") + suffixes
    return f"{hashlib.sha256(content).hexdigest()[:12]}_{base}"


def stage(files, out_dir: str | Path) -> tuple[Path | None, list[tuple[str, str]]]:
    """Save uploaded files (objects with ``.name`` and ``.getvalue()``) in a new job folder under
    ``DIR-uploads/.staging/``; returns (job folder or None when nothing was accepted, [(name as given,
    reason)] of the refused files)."""
    rejected, accepted = [], []
    for f in files:
        if f.name.lower().endswith(ACCEPTED):
            accepted.append(f)
        else:
            rejected.append((f.name, "type"))
    if not accepted:
        return None, rejected
    job = staging_dir(out_dir) / f"{time.strftime('%Y%m%dT%H%M%S')}-{os.urandom(4).hex()}"
    (job / FILES).mkdir(parents=True)
    for f in accepted:
        content = f.getvalue()
        (job / FILES / safe_name(f.name, content)).write_bytes(content)
    return job, rejected


def start(out_dir: str | Path, job: Path, *, replace: bool = False) -> None:
    """Start ``marsad add --out DIR --job JOB`` in a new session (signals meant for the caller, such
    as a Ctrl-C in the server's terminal, do not cut a merge in half); output goes to ``JOB/log.txt``."""
    clean_old_jobs(out_dir)
    cmd = [sys.executable, "-m", "data_pipeline.cli", "add", "--out", str(out_dir), "--job", str(job)]
    if replace:
        cmd.append("--replace")
    write_status(job, state="starting", done=0, total=0)
    with open(job / "log.txt", "ab") as log:
        _jobs[str(job)] = subprocess.Popen(
            cmd, cwd=_REPO, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True,
        )


def status(job: Path) -> dict:
    """The job's status; a job whose process ended without a final state is reported failed with
    the end of its log."""
    current = read_status(job) or {"state": "starting", "done": 0, "total": 0}
    proc = _jobs.get(str(job))
    ended = proc is not None and proc.poll() is not None
    if ended:
        _jobs.pop(str(job), None)
    if current.get("state") in FINAL_STATES:
        return current
    if ended or (proc is None and not _alive(current.get("pid"))):
        current = read_status(job) or current  # it may have finished between the two reads
        if current.get("state") not in FINAL_STATES:
            log = job / "log.txt"
            tail = log.read_text(encoding="utf-8", errors="replace")[-400:] if log.exists() else ""
            current = {**current, "state": "failed", "error": tail.strip() or "the job ended without a result"}
    return current


def _alive(pid) -> bool:
    if not pid:
        return True  # not started yet: the status file comes first
    try:
        os.kill(int(pid), 0)
    except (OSError, ValueError):
        return False
    return True


def cancel(job: Path) -> None:
    """Ask the job to stop (SIGTERM to its main process only): it ends its worker pool itself and
    takes back its files. Signalling the workers too could kill one while it holds the pool's
    queue lock, and the job would then hang on that lock for good."""
    proc = _jobs.get(str(job))
    pid = proc.pid if proc is not None else (read_status(job) or {}).get("pid")
    if pid:
        with contextlib.suppress(OSError):
            os.kill(int(pid), signal.SIGTERM)


def discard(job: Path) -> None:
    """Forget a job whose files will not be merged (a refused conflict): its folder goes."""
    shutil.rmtree(job, ignore_errors=True)
