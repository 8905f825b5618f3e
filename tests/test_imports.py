"""The code's structure: imports flow one way (the contracts in pyproject.toml, checked by import-linter)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def lint_imports() -> str | None:
    """The ``lint-imports`` of the interpreter running the tests (.venv/bin/), else the one on PATH."""
    beside = Path(sys.executable).parent / "lint-imports"
    return str(beside) if beside.exists() else shutil.which("lint-imports")


def test_imports_flow_one_way():
    if lint_imports() is None:
        pytest.fail("lint-imports is missing: run bash scripts/setup.sh (it installs the test extras)")
    run = subprocess.run([lint_imports(), "--no-cache"], cwd=REPO, capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
    assert "2 kept, 0 broken" in run.stdout


def test_reading_articles_runs_no_extractor():
    # Reading decides whether a dateline names a place from the gazetteers, not by running the
    # entity extractor (which loaded the CRF tagger for every upload's first article).
    code = (
        "import sys; from data_pipeline.readers import dateline;"
        "print(dateline('الرياض، الثلاثاء 18 يونيو 2024 - قال'));"
        "print(sorted(m for m in sys.modules if m.startswith('data_pipeline.')))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True).stdout
    first, modules = out.splitlines()
    assert first == "(None, '2024-06-18')"  # a place is not an outlet
    assert "data_pipeline.entities" not in modules and "data_pipeline.ner" not in modules
