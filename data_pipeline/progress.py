"""Progress of a long build as plain lines, for output that is not a terminal (a log file, a CI job).

A terminal gets tqdm's bar; a log gets one line every ``EVERY_SECONDS`` of wall time and one at the
end of each phase, so ``tail -f`` shows a build of 20,000 documents moving instead of minutes of
silence. The clock is a parameter: tests drive it by hand and check exact lines.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import TextIO

EVERY_SECONDS = 30.0  # often enough to see a build move, rare enough to keep a log short
PREFIX = "marsad: "


def duration(seconds: float) -> str:
    """``13 s``, ``4 min``, ``2.5 h``: as precise as a reader of an estimate needs."""
    if seconds < 90:
        return f"{seconds:.0f} s"
    if seconds < 90 * 60:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"


def documents(n: int) -> str:
    return f"{n:,} document" + ("" if n == 1 else "s")


def rate(per_second: float) -> str:
    """``1,234``, ``12``, ``0.032``: two significant digits at least (a slow machine is not at 0 docs/s)."""
    return f"{per_second:,.0f}" if per_second >= 10 else f"{per_second:.2g}"


class Lines:
    """Writes ``marsad: ...`` lines to ``stream`` (stderr by default, looked up when writing)."""

    def __init__(self, clock: Callable[[], float] = time.monotonic, stream: TextIO | None = None,
                 every: float = EVERY_SECONDS) -> None:
        self.clock, self.stream, self.every = clock, stream, every

    def say(self, text: str) -> None:
        print(PREFIX + text, file=self.stream or sys.stderr, flush=True)

    def reading(self) -> Reading:
        return Reading(self)

    def processing(self, total: int) -> Processing:
        return Processing(self, total)


class _Phase:
    """Calls the clock once when it starts and once per ``update``; says a line when ``every`` has passed."""

    def __init__(self, lines: Lines) -> None:
        self.lines = lines
        self.start = self.last = lines.clock()

    def update(self, done: int) -> None:
        now = self.lines.clock()
        if now - self.last >= self.lines.every and not self.finished(done):
            self.last = now
            self.lines.say(self.line(done, now - self.start))

    def end(self, done: int) -> None:
        self.lines.say(self.last_line(done, self.lines.clock() - self.start))

    def finished(self, done: int) -> bool:  # the end line follows at once: no periodic line then
        return False

    def line(self, done: int, elapsed: float) -> str:  # pragma: no cover - overridden
        raise NotImplementedError

    def last_line(self, done: int, elapsed: float) -> str:  # pragma: no cover - overridden
        raise NotImplementedError


class Reading(_Phase):
    def line(self, done: int, elapsed: float) -> str:
        return f"reading the inputs: {documents(done)} so far ({duration(elapsed)})"

    def last_line(self, done: int, elapsed: float) -> str:
        return f"read {documents(done)} in {duration(elapsed)}"


class Processing(_Phase):
    def __init__(self, lines: Lines, total: int) -> None:
        super().__init__(lines)
        self.total = total

    def finished(self, done: int) -> bool:
        return done >= self.total

    def _head(self, done: int, elapsed: float) -> str:
        speed = f", {rate(done / elapsed)} docs/s" if elapsed > 0 and done else ""
        share = 100 * done / self.total if self.total else 100.0
        return f"{done:,} of {self.total:,} documents processed ({share:.1f}%){speed}"

    def line(self, done: int, elapsed: float) -> str:
        left = f", about {duration((self.total - done) * elapsed / done)} left" if done else ""
        return self._head(done, elapsed) + left

    def last_line(self, done: int, elapsed: float) -> str:
        return self._head(done, elapsed) + f", in {duration(elapsed)}"
