"""Take ``docs/screenshot.png``: the dashboard's overview on the demo, in headless Chromium.

    python3 scripts/screenshot.py                 # builds the demo (seeds/ + the ANT sample) in a temporary folder
    python3 scripts/screenshot.py --data DIR --out docs/screenshot.png

The browser helpers it uses live in ``scripts/browser.py``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make ``scripts`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from data_pipeline.cli import demo_inputs
from scripts.browser import RENDER_TIMEOUT_MS, REPO, build_tables, launch_chromium, serve, wait_rendered

SCREENSHOT_VIEWPORT = {"width": 1400, "height": 930}


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
    parser.add_argument("--data", type=Path, default=None, help="tables folder (default: build the demo in a temp dir)")
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshot.png")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        data = args.data or build_tables(demo_inputs(), Path(tmp) / "tables")  # what run.sh shows
        with serve(data, Path(tmp) / "server.log") as url, sync_playwright() as p:
            browser = launch_chromium(p)
            page = browser.new_page(viewport=SCREENSHOT_VIEWPORT)
            take_screenshot(page, url, args.out)
            browser.close()
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
