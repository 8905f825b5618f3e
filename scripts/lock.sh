#!/usr/bin/env bash
# Rewrites the lock files in requirements/ from pyproject.toml (needs the package registry; run
# `bash scripts/setup.sh` first, for uv). Versions already locked stay as long as pyproject.toml allows
# them; `bash scripts/lock.sh --upgrade` moves every package to its newest allowed version, and
# `--upgrade-package NAME` one package. Then run `bash scripts/setup.sh` to sync .venv/ to the new locks.
set -euo pipefail
cd "$(dirname "$0")/.."
uv=.venv/bin/uv
if [ ! -x "$uv" ]; then echo "lock: $uv is missing: run bash scripts/setup.sh first" >&2; exit 1; fi

# One set of versions for every platform (--universal) on Python 3.11, each file's hashes recorded.
compile=("$uv" pip compile --quiet --universal --python-version 3.11 --generate-hashes
         --custom-compile-command "bash scripts/lock.sh" "$@")
# main: the package (editable) with its runtime dependencies and the test and dev extras; what setup.sh syncs.
echo "-e .[test,dev]" | "${compile[@]}" - -o requirements/main.txt
# all: the same versions (main.txt constrains them) plus the train and places extras (`bash scripts/setup.sh all`).
pins=$(mktemp); trap 'rm -f "$pins"' EXIT
grep -v '^-e ' requirements/main.txt > "$pins"  # a constraint names a version, not the editable package
echo "-e .[test,dev,train,places]" | "${compile[@]}" - --constraint "$pins" -o requirements/all.txt
sed -i "\|^    #   -c $pins\$|d" requirements/all.txt  # the temporary file's name would change at every run
# uv itself, the version main.txt pins, for the bootstrap (installed with pip, hash-checked).
grep -m1 '^uv==' requirements/main.txt | cut -d' ' -f1 | "${compile[@]}" - -o requirements/uv.txt
# setuptools, the build backend of pyproject.toml, for the editable install of the package.
.venv/bin/python -c 'import tomllib; print("\n".join(tomllib.load(open("pyproject.toml", "rb"))["build-system"]["requires"]))' |
  "${compile[@]}" - -o requirements/build.txt
