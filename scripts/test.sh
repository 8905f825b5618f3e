#!/usr/bin/env bash
# Set up and run the whole test suite (unit, golden, property, AppTest and headless-Chromium end-to-end tests).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec python3 -m pytest -q -p no:cacheprovider "$@"
