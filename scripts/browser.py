"""Helpers the browser tests (tests/e2e), ``scripts/screenshot.py`` and ``scripts/load_test.py`` share.

``serve`` / ``serve_process`` start the dashboard on a free loopback port, ``build_tables`` builds
tables to show, ``launch_chromium`` starts Debian's Chromium (``/usr/bin/chromium``; never
``playwright install``), ``wait_rendered`` / ``wait_idle`` wait for Streamlit to finish a run.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Tall: Streamlit scrolls inside its own container, so a short window would cut the page off.
VIEWPORT = {"width": 1400, "height": 2200}
HEALTH_TIMEOUT = 60.0
RENDER_TIMEOUT_MS = 30_000


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def build_tables(inputs: list[Path], out: Path) -> Path:
    """``marsad build INPUTS --out OUT`` in a subprocess (as an analyst would run it)."""
    cmd = [sys.executable, "-m", "data_pipeline.cli", "build", *map(str, inputs), "--out", str(out), "--no-progress"]
    subprocess.run(cmd, cwd=REPO, check=True, capture_output=True, text=True)
    return out


@contextlib.contextmanager
def serve(data: Path, log: Path | None = None, **options) -> Iterator[str]:
    """Run the dashboard on ``data`` at http://127.0.0.1:<free port>/; yield that URL."""
    with serve_process(data, log, **options) as (url, _):
        yield url


@contextlib.contextmanager
def serve_process(
    data: Path,
    log: Path | None = None,
    *,
    allowed_hosts: tuple[str, ...] = (),
    token: str | None = None,
    read_only: bool = False,
    via_cli: bool = False,
) -> Iterator[tuple[str, subprocess.Popen]]:
    """Like ``serve``, yielding (URL, server process); the server is terminated on exit.

    ``via_cli``: started by ``marsad serve --data DATA`` itself (which becomes the server), as an
    analyst starts it: ``DATA`` is then the dataset's link, followed at every rerun.

    Started as ``marsad serve`` starts it: through ``dashboard.server`` (Host names, token,
    read-only, framing headers), from the repository root so ``.streamlit/config.toml`` (offline
    settings) is read.
    """
    from dashboard.server import TOKEN_ENV, launch_args

    port = free_port()
    env = {**os.environ, "MARSAD_DATA": str(data)}
    env.pop(TOKEN_ENV, None)
    if token:
        env[TOKEN_ENV] = token
    cmd = [sys.executable, "-m", "dashboard.server", *launch_args(port, "127.0.0.1", list(allowed_hosts), read_only)]
    if via_cli:
        cmd = [sys.executable, "-m", "data_pipeline.cli", "serve", "--data", str(data), "--port", str(port),
               "--address", "127.0.0.1", *[a for h in allowed_hosts for a in ("--allowed-host", h)],
               *(["--read-only"] if read_only else [])]
    out = open(log, "wb") if log else subprocess.DEVNULL  # noqa: SIM115 - closed below
    proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    bearer = {"Authorization": f"Bearer {token}"} if token else {}
    health = urllib.request.Request(url + "_stcore/health", headers=bearer)
    try:
        deadline = time.monotonic() + HEALTH_TIMEOUT
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"the dashboard exited with code {proc.returncode} (log: {log})")
            try:
                with urllib.request.urlopen(health, timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"the dashboard was not healthy after {HEALTH_TIMEOUT:.0f} s (log: {log})")
            time.sleep(0.2)
        yield url, proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if log:
            out.close()


def launch_chromium(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)


def wait_rendered(page) -> None:
    """Wait until the frame's filter sentence is shown and Streamlit has finished running."""
    from playwright.sync_api import expect

    expect(page.locator("p.marsad-filters")).to_be_visible(timeout=RENDER_TIMEOUT_MS)
    wait_idle(page)


def wait_idle(page) -> None:
    """Wait until the script run is over (no "running" status widget, no stale elements)."""
    page.wait_for_function(
        """() => !document.querySelector('[data-testid="stStatusWidget"]')
                 && !document.querySelector('[data-stale="true"]')""",
        timeout=RENDER_TIMEOUT_MS,
    )
