"""Time each extractor on repetitive input at n and 4n repetitions: a linear stage takes about 4x
as long on 4x the input, a quadratic one about 16x.

    python3 scripts/benchmark_scaling.py            # every case
    python3 scripts/benchmark_scaling.py --case passages-dots --repeat 5

Pathological but real: scraped pages hold lines of dots, tables of percentages or years, and
transcripts with a reporting verb every few words. Prints a Markdown table for the README of CPU
seconds (``time.process_time``, best of ``--repeat`` runs) and the 4n/n ratio. Not a test: shared
machines are noisy, so figures are measured here and reported, never asserted
(tests/test_extractor_properties.py checks that the same inputs give correct results).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from data_pipeline.claims import extract_claims  # noqa: E402
from data_pipeline.entities import extract_mentions  # noqa: E402
from data_pipeline.passages import split_passages  # noqa: E402
from data_pipeline.quantities import extract_quantities  # noqa: E402
from data_pipeline.records import Document  # noqa: E402
from data_pipeline.timeline import extract_dates  # noqa: E402

PUBLISHED = "2024-06-18"  # relative dates and weekdays are only resolved with a publication date


@dataclass(frozen=True)
class ScalingCase:
    """``unit`` repeated ``n`` times (and 4n times), fed to ``extract``."""

    case_id: str
    extract: Callable[[Document], list]
    unit: str
    n: int

    def document(self, repetitions: int) -> Document:
        return Document("scaling", "t", self.unit * repetitions, published=PUBLISHED)


SCALING_CASES = [
    ScalingCase("passages-dots", split_passages, ".", 5000),
    ScalingCase("passages-question-marks", split_passages, "\u061f", 4000),  # ؟
    ScalingCase("quantities-percentages", extract_quantities, "5% ", 1250),
    ScalingCase("quantities-scale-words", extract_quantities, "مليون ", 1250),
    ScalingCase("timeline-years", extract_dates, "2024 ", 1000),
    ScalingCase("timeline-years-with-cue", extract_dates, "عام 2024 ", 1000),
    ScalingCase("mentions-names", extract_mentions, "الرئيس بوتين ", 800),
    ScalingCase("claims-verbs-in-one-sentence", extract_claims, "قال الوزير إن ", 400),  # a claim names its speaker
    ScalingCase("claims-open-quotes", extract_claims, "قال «", 1500),
]


def cpu_seconds(case: ScalingCase, repetitions: int, repeat: int) -> float:
    """Best CPU time of ``repeat`` runs: unlike wall time, hardly moved by other processes."""
    doc = case.document(repetitions)
    best = float("inf")
    for _ in range(repeat):
        t0 = time.process_time()
        case.extract(doc)
        best = min(best, time.process_time() - t0)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--case", action="append", help="a case id (repeatable); default: all")
    parser.add_argument("--repeat", type=int, default=3, help="runs per size; the best is kept (default 3)")
    args = parser.parse_args(argv)
    cases = [c for c in SCALING_CASES if not args.case or c.case_id in args.case]
    if not cases:
        parser.error(f"no such case; known: {', '.join(c.case_id for c in SCALING_CASES)}")
    print("| case | unit | n | CPU s at n | CPU s at 4n | ratio 4n/n |")
    print("|---|---|---:|---:|---:|---:|")
    for case in cases:
        case.extract(case.document(1))  # load lexicons and models outside the timing
        small = cpu_seconds(case, case.n, args.repeat)
        big = cpu_seconds(case, 4 * case.n, args.repeat)
        ratio = f"{big / small:.1f}" if small > 0 else "n/a"
        unit = case.unit.strip()
        print(f"| {case.case_id} | `{unit}` | {case.n:,} | {small:.3f} | {big:.3f} | {ratio} |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
