"""Take ``docs/screenshot.png``: the dashboard's overview on the seed article, in headless Chromium.

    python3 scripts/screenshot.py                 # builds the seed tables in a temporary folder
    python3 scripts/screenshot.py --data DIR --out docs/screenshot.png

Also home of the helpers the browser tests and ``scripts/load_test.py`` share:
``serve`` starts the dashboard on a free loopback port, ``launch_chromium``
starts Debian's Chromium (``/usr/bin/chromium``; never ``playwright install``).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import socket
import subprocess
import sys
import tempfile
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
SCREENSHOT_VIEWPORT = {"width": 1400, "height": 930}
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
def serve(data: Path, log: Path | None = None) -> Iterator[str]:
    """Run the dashboard on ``data`` at http://127.0.0.1:<free port>/; yield that URL."""
    with serve_process(data, log) as (url, _):
        yield url


@contextlib.contextmanager
def serve_process(data: Path, log: Path | None = None) -> Iterator[tuple[str, subprocess.Popen]]:
    """Like ``serve``, yielding (URL, server process); the server is terminated on exit.

    Launched from the repository root so ``.streamlit/config.toml`` (offline settings) is read.
    """
    port = free_port()
    env = {**os.environ, "MARSAD_DATA": str(data)}
    cmd = [
        sys.executable, "-m", "streamlit", "run", str(REPO / "dashboard" / "app.py"),
        "--server.port", str(port), "--server.address", "127.0.0.1",
    ]
    out = open(log, "wb") if log else subprocess.DEVNULL  # noqa: SIM115 - closed below
    proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + HEALTH_TIMEOUT
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"the dashboard exited with code {proc.returncode} (log: {log})")
            try:
                with urllib.request.urlopen(url + "_stcore/health", timeout=2) as r:
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


def take_screenshot(page, url: str, out: Path) -> Path:
    """The overview of the dataset at ``url`` in Arabic, charts drawn, saved as PNG at ``out``."""
    page.set_viewport_size(SCREENSHOT_VIEWPORT)
    page.goto(url + "?lang=ar")
    wait_rendered(page)
    # Both charts drawn (vega renders into a canvas or an svg once its data is in).
    page.wait_for_function(
        """() => [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')]
                   .filter(e => e.querySelector('canvas, svg.marks')).length >= 2""",
        timeout=RENDER_TIMEOUT_MS,
    )
    page.evaluate("document.fonts.ready")
    page.wait_for_timeout(800)  # vega's enter transition
    out.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(out), full_page=False)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=None, help="tables folder (default: build seeds/ in a temp dir)")
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshot.png")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        data = args.data or build_tables([REPO / "seeds"], Path(tmp) / "tables")
        with serve(data, Path(tmp) / "server.log") as url, sync_playwright() as p:
            browser = launch_chromium(p)
            page = browser.new_page(viewport=SCREENSHOT_VIEWPORT)
            take_screenshot(page, url, args.out)
            browser.close()
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
