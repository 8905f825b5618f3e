#!/usr/bin/env bash
# Set up and run the whole test suite in .venv/: first the unit suite (unit, golden, property and AppTest
# tests) on every core with pytest-xdist, a test file per worker; then the headless-Chromium end-to-end
# tests (marked e2e), one at a time. Both always run; the exit code is non-zero if either failed.
#   bash scripts/test.sh                          # what CI runs (.ci/run)
#   bash scripts/test.sh tests/test_claims.py -x  # with arguments: pytest with them alone, in .venv/
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
pytest=(.venv/bin/python -m pytest -q -p no:cacheprovider)
if [ $# -gt 0 ]; then exec "${pytest[@]}" "$@"; fi

unit=0
"${pytest[@]}" -m "not e2e" --numprocesses auto --dist loadfile || unit=$?
e2e=0
"${pytest[@]}" -m e2e || e2e=$?
if [ "$unit" -ne 0 ] || [ "$e2e" -ne 0 ]; then
  echo "test: the unit suite exited with $unit, the e2e suite with $e2e" >&2
  exit 1
fi
