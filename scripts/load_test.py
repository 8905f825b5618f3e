"""Load test: N concurrent analyst sessions against the dashboard on 127.0.0.1, bounded in count and time.

    python3 scripts/load_test.py                       # 8 sessions on the seed, server started here
    python3 scripts/load_test.py --sessions 16 --data DIR
    python3 scripts/load_test.py --url http://127.0.0.1:8501/   # a server already running (loopback only)

Each session is its own browser context (own cookies, own websocket, own Streamlit
session) in one headless Chromium, all started at the same moment (asyncio tasks). Each one:

1. ``first_page``: opens the overview and waits for the filter sentence and both charts;
2. ``actor_filter``: picks the most mentioned actor in the sidebar multiselect and waits
   until the sentence names it;
3. ``passages``: opens the passages page with that filter and waits for the passages.

Prints a Markdown table: median, p95 and max seconds per step, and errors. Bounds:
at most ``MAX_SESSIONS`` sessions, and the whole run stops after ``--timeout`` seconds
(at most ``MAX_SECONDS``); a session still running then counts as an error.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from scripts.browser import REPO, VIEWPORT, build_tables, serve_process  # noqa: E402

MAX_SESSIONS = 20
MAX_SECONDS = 60.0
STEPS = ("first_page", "actor_filter", "passages")
STEP_TIMEOUT_MS = 30_000


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(q / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU seconds of a process so far (Linux /proc), None elsewhere."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def top_actor(data: Path | None) -> str:
    """English name of the most mentioned actor (what each session filters by)."""
    if data is None:
        return "Kim Jong Un"
    import pandas as pd

    m = pd.read_parquet(data / "mentions.parquet", columns=["entity_id", "name_en"])
    return str(m["name_en"][m["entity_id"] == m["entity_id"].value_counts().index[0]].iloc[0])


def load_test(url: str, sessions: int, timeout: float, actor: str) -> tuple[list[dict], float]:
    """Run ``sessions`` concurrent sessions against ``url``; return their results and the wall time."""
    import asyncio

    from playwright.async_api import async_playwright

    host = urlsplit(url).hostname
    if host not in ("127.0.0.1", "localhost"):
        raise SystemExit(f"refusing to load-test {host}: loopback only")
    sessions = max(1, min(sessions, MAX_SESSIONS))
    timeout = min(timeout, MAX_SECONDS)
    results: list[dict] = []

    async def main() -> float:
        async with async_playwright() as p:
            browser = await p.chromium.launch(**launch_kwargs())
            deadline = time.monotonic() + timeout
            t0 = time.perf_counter()
            results.extend({} for _ in range(sessions))  # filled step by step, so a timeout keeps what was done
            tasks = [asyncio.create_task(session(browser, url, actor, deadline, r)) for r in results]
            _, pending = await asyncio.wait(tasks, timeout=timeout)
            for task in pending:
                task.cancel()
            await asyncio.gather(*pending, return_exceptions=True)
            for r in results:
                if not all(step in r for step in STEPS):
                    r.setdefault("error", f"not finished within {timeout:.0f} s")
            wall = time.perf_counter() - t0
            await browser.close()
            return wall

    return results, asyncio.run(main())


def launch_kwargs() -> dict:
    from scripts.browser import CHROMIUM, CHROMIUM_ARGS

    return {"executable_path": CHROMIUM, "headless": True, "args": CHROMIUM_ARGS}


async def session(browser, url: str, actor_label: str, deadline: float, result: dict) -> None:
    """One analyst's visit; fills ``result`` with {step: seconds} and "error" if a step failed."""
    from playwright.async_api import expect

    ctx = await browser.new_context(viewport=VIEWPORT)
    page = await ctx.new_page()
    budget = min(STEP_TIMEOUT_MS, max(1000, (deadline - time.monotonic()) * 1000))
    page.set_default_timeout(budget)
    expect.set_options(timeout=budget)  # expect() has its own 5 s default
    step = STEPS[0]
    try:
        t0 = time.perf_counter()
        await page.goto(url + "?lang=en")
        await expect(page.locator("p.marsad-filters")).to_be_visible()
        await page.wait_for_function(
            """() => [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')]
                       .filter(e => e.querySelector('canvas, svg.marks')).length >= 2"""
        )
        result[step] = time.perf_counter() - t0

        step = STEPS[1]
        t0 = time.perf_counter()
        box = page.locator(".st-key-filter_actor input[role=combobox]")
        await box.click()
        await box.fill(actor_label)
        await page.get_by_role("option").filter(has_text=actor_label).first.click()
        await page.keyboard.press("Escape")
        await expect(page.locator("p.marsad-filters")).to_contain_text(actor_label)
        result[step] = time.perf_counter() - t0

        step = STEPS[2]
        t0 = time.perf_counter()
        await page.locator("[data-testid=stSidebarNavLink]").nth(2).click()
        await expect(page.locator("div.marsad-passage").first).to_be_visible()
        result[step] = time.perf_counter() - t0
    except Exception as exc:  # noqa: BLE001 - counted and reported, the other sessions go on
        result["error"] = f"{step}: {type(exc).__name__}: {str(exc).splitlines()[0][:120]}"
    finally:
        with contextlib.suppress(Exception):
            await ctx.close()


def report(results: list[dict], wall: float, sessions: int) -> str:
    """The Markdown table of step times and errors."""
    lines = [
        f"{sessions} concurrent sessions, wall time {wall:.1f} s",
        "",
        "| step | sessions ok | median s | p95 s | max s |",
        "|---|---:|---:|---:|---:|",
    ]
    for step in STEPS:
        times = [r[step] for r in results if step in r]
        if times:
            lines.append(
                f"| {step} | {len(times)}/{len(results)} | {statistics.median(times):.2f} | "
                f"{percentile(times, 95):.2f} | {max(times):.2f} |"
            )
        else:
            lines.append(f"| {step} | 0/{len(results)} | – | – | – |")
    errors = [r["error"] for r in results if "error" in r]
    lines.append("")
    lines.append(f"errors: {len(errors)}" + "".join(f"\n- {e}" for e in errors[:10]))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=8, help=f"concurrent sessions (at most {MAX_SESSIONS})")
    parser.add_argument(
        "--timeout", type=float, default=MAX_SECONDS, help=f"seconds for the whole run (<= {MAX_SECONDS:.0f})"
    )
    parser.add_argument("--data", type=Path, default=None, help="tables folder (default: build seeds/ in a temp dir)")
    parser.add_argument("--url", default=None, help="a running dashboard on 127.0.0.1 (default: start one)")
    args = parser.parse_args(argv)
    sessions = max(1, min(args.sessions, MAX_SESSIONS))
    server_cpu = None
    with tempfile.TemporaryDirectory() as tmp:
        if args.url:
            data = args.data
            results, wall = load_test(args.url, sessions, args.timeout, top_actor(data))
        else:
            data = args.data or build_tables([REPO / "seeds" / "000_af8d0ac7418768f7.txt"], Path(tmp) / "tables")
            with serve_process(data, Path(tmp) / "server.log") as (url, proc):
                before = cpu_seconds(proc.pid)
                results, wall = load_test(url, sessions, args.timeout, top_actor(data))
                server_cpu = cpu_seconds(proc.pid) - before
    print(report(results, wall, sessions))
    if server_cpu is not None:
        per = server_cpu / sessions
        print(f"server CPU: {server_cpu:.1f} s in all ({per:.2f} s per session of {len(STEPS)} steps); "
              "the rest of the wall time is the browser drawing every session's page")
    return 0 if not any("error" in r for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
