#!/usr/bin/env bash
# The main job: set up, build the demo tables from seeds/ (and articles added in the browser),
# and open the dashboard at http://127.0.0.1:8501
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/marsad serve
