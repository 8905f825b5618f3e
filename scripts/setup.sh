#!/usr/bin/env bash
# Installs everything Marsad needs on a fresh Debian machine with Python 3.11: Debian packages
# (Chromium for browser tests and chart export, Arabic fonts) and the project's virtual environment
# .venv/, synced by uv to a lock file: exactly the versions and file hashes of requirements/main.txt
# (the marsad package, editable, with its runtime dependencies and the test and dev extras).
#
#   bash scripts/setup.sh        # sync .venv/ to the lock it was synced to last (main the first time)
#   bash scripts/setup.sh all    # requirements/all.txt: the same versions plus the train and places extras
#   bash scripts/setup.sh main   # back to requirements/main.txt (removes what only all.txt has)
#
# Safe to run again: it installs only what is missing or differs from the lock.
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=.venv
CHOICE="$VENV/marsad-lock"  # which lock the environment follows: main or all
case "${1:-}" in
  "") lock=$(cat "$CHOICE" 2>/dev/null || echo main) ;;
  main | all) lock=$1 ;;
  *) echo "usage: bash scripts/setup.sh [main|all]" >&2; exit 2 ;;
esac

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
dpkg -s fonts-noto-core >/dev/null 2>&1 || need+=(fonts-noto-core)
dpkg -s fonts-hosny-amiri >/dev/null 2>&1 || need+=(fonts-hosny-amiri)
dpkg -s fontconfig >/dev/null 2>&1 || need+=(fontconfig)
# Debian's own python3 makes virtual environments only with python3-venv (ensurepip).
python3 -c "import ensurepip" >/dev/null 2>&1 || need+=(python3-venv)
if [ ${#need[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${need[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}"
fi

if ! python3 -c "import sys; sys.exit(sys.version_info < (3, 11))"; then
  echo "setup: Marsad needs Python 3.11 or newer; python3 is $(python3 -V 2>&1)" >&2
  exit 1
fi
if ! "$VENV/bin/python" -c "" >/dev/null 2>&1; then
  echo "setup: creating the virtual environment $VENV/ with $(python3 -V 2>&1)"
  python3 -m venv --clear "$VENV"
fi

# uv, at the version requirements/uv.txt pins, installed into the environment by its own pip.
uv_version=$(sed -n "s/^uv==\([^ ]*\).*/\1/p" requirements/uv.txt)
if [ "$("$VENV/bin/uv" --version 2>/dev/null | cut -d" " -f2)" != "$uv_version" ]; then
  echo "setup: installing uv $uv_version into $VENV/"
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check --require-hashes --no-deps -r requirements/uv.txt
fi

echo "setup: syncing $VENV/ to requirements/$lock.txt"
# --compile-bytecode: the .pyc files are written once here (as pip does), not by the first processes to run.
sync=("$VENV/bin/uv" pip sync -q --compile-bytecode --python "$VENV/bin/python"
      --build-constraints requirements/build.txt "requirements/$lock.txt")
# From uv's cache when it holds every file (no network once set up), else from the package registry.
"${sync[@]}" --offline 2>/dev/null || "${sync[@]}"
echo "$lock" > "$CHOICE"
