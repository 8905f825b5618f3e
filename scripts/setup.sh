#!/usr/bin/env bash
# Installs everything Marsad needs on a fresh Debian machine with Python 3.11:
# Debian packages (Chromium for browser tests and chart export, Arabic fonts) and the
# Python package with its test extras. Safe to run again: it skips what is present.
set -euo pipefail
cd "$(dirname "$0")/.."

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
dpkg -s fonts-noto-core >/dev/null 2>&1 || need+=(fonts-noto-core)
dpkg -s fonts-hosny-amiri >/dev/null 2>&1 || need+=(fonts-hosny-amiri)
dpkg -s fontconfig >/dev/null 2>&1 || need+=(fontconfig)
if [ ${#need[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${need[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}"
fi

echo "setup: installing the marsad package and its test extras"
python3 -m pip install -q --disable-pip-version-check -e ".[test]"
