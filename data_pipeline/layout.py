"""Where a dataset lives on disk, and the one-writer-at-a-time lock.

A dataset named ``DIR`` (``marsad build ... --out DIR``) is four things side by side::

    DIR                  symbolic link to the current complete build, .DIR.versions/<build>/
    .DIR.versions/       the current and the previous builds (and a build being written, <stamp>.tmp)
    .DIR.lock            the writer lock: one build or upload at a time writes into DIR
    DIR-uploads/         articles added in the dashboard; no build ever deletes it, every build of DIR reads it

This module imports nothing heavy: the dashboard uses it to find the uploads folder and the jobs
that merge uploads, without importing any extractor.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

STAGING = ".staging"  # DIR-uploads/.staging/<job>/: files of an upload not merged yet (hidden: builds skip it)


def dataset_path(path: str | Path) -> Path:
    """``path`` made absolute without following a symbolic link: the link is the dataset's name,
    its target changes with every build."""
    return Path(os.path.abspath(os.path.expanduser(str(path))))


def uploads_dir(out_dir: str | Path) -> Path:
    """``DIR-uploads`` beside the tables: the articles added in the dashboard.

    It is outside the versions that builds replace, so uploaded files survive every rebuild, and
    ``marsad build ... --out DIR`` reads it as an input (uploads stay in the tables).
    """
    out_dir = dataset_path(out_dir)
    return out_dir.parent / f"{out_dir.name}-uploads"


def staging_dir(out_dir: str | Path) -> Path:
    return uploads_dir(out_dir) / STAGING


def versions_dir(out_dir: str | Path) -> Path:
    """Where the complete builds behind ``out_dir`` live: a hidden sibling folder."""
    out_dir = dataset_path(out_dir)
    return out_dir.parent / f".{out_dir.name}.versions"


def lock_path(out_dir: str | Path) -> Path:
    out_dir = dataset_path(out_dir)
    return out_dir.parent / f".{out_dir.name}.lock"


class BuildBusy(RuntimeError):
    """Another build or upload is writing into the same dataset (and we were told not to wait)."""


_held: dict[Path, int] = {}  # lock files this process holds, with their depth (the lock is re-entrant)
_held_guard = threading.Lock()


@contextlib.contextmanager
def writer_lock(out_dir: str | Path, *, wait: bool = True, on_wait: Callable[[], None] | None = None) -> Iterator[None]:
    """Hold the dataset's writer lock (``fcntl.flock`` on ``.DIR.lock``) for the block.

    One process writes into a dataset at a time; a second waits (``on_wait`` is called once, to
    say so) or, with ``wait=False``, gets ``BuildBusy``. The kernel releases the lock when its
    process dies, so a killed build never leaves the dataset locked. Re-entrant in one process.
    """
    path = lock_path(out_dir)
    with _held_guard:
        if path in _held:
            _held[path] += 1
            nested = True
        else:
            nested = False
    if nested:
        try:
            yield
        finally:
            with _held_guard:
                _held[path] -= 1
        return
    if path.parent.exists() and not path.parent.is_dir():  # mkdir would say "File exists"
        raise NotADirectoryError(errno.ENOTDIR, "Not a directory", str(path.parent))
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                raise
            if not wait:
                raise BuildBusy(f"another build or upload is writing into {dataset_path(out_dir)}; try again when it ends") from None
            if on_wait is not None:
                on_wait()
            fcntl.flock(fd, fcntl.LOCK_EX)
        with _held_guard:
            _held[path] = 1
        try:
            yield
        finally:
            with _held_guard:
                del _held[path]
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
