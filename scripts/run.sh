#!/usr/bin/env bash
# The main job: set up, build the demo tables from seeds/, open the dashboard at http://127.0.0.1:8501
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
marsad build seeds --out data/seeds
exec marsad serve --data data/seeds
