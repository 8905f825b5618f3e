#!/usr/bin/env bash
# Set up and run the whole test suite in .venv/, in three passes that always all run:
#   1. the unit suite (unit, golden, property and AppTest tests) on every core with pytest-xdist, the
#      tests of one file on one worker (they share its module fixtures);
#   2. the unit tests that assert a wall-clock bound (marked timing), one at a time, alone on the machine;
#   3. the headless-Chromium end-to-end tests (marked e2e), one at a time.
# The exit code is non-zero if any pass failed.
#   bash scripts/test.sh                          # what CI runs (.ci/run)
#   bash scripts/test.sh tests/test_claims.py -x  # with arguments: pytest with them alone, in .venv/
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
pytest=(.venv/bin/python -m pytest -q -p no:cacheprovider)
if [ $# -gt 0 ]; then exec "${pytest[@]}" "$@"; fi

unit=0 timing=0 e2e=0
"${pytest[@]}" -m "not e2e and not timing" --numprocesses auto --dist loadfile || unit=$?
"${pytest[@]}" -m "timing and not e2e" || timing=$?
"${pytest[@]}" -m e2e || e2e=$?
if [ "$unit" -ne 0 ] || [ "$timing" -ne 0 ] || [ "$e2e" -ne 0 ]; then
  echo "test: exit codes: unit $unit, timing $timing, e2e $e2e" >&2
  exit 1
fi
