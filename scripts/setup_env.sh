#!/usr/bin/env bash
# Creates .venv (if needed), installs the project with the given extras, builds translations.
# Usage: scripts/setup_env.sh [extras]   e.g. scripts/setup_env.sh test
set -euo pipefail
cd "$(dirname "$0")/.."
py=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$py" -m venv .venv
fi
extras=${1:-}
spec="."
[ -n "$extras" ] && spec=".[$extras]"
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e "$spec"
.venv/bin/python -m ui.i18n_build
# Bytecode for our own packages now, so the kiosk starts fast even where the environment sets
# PYTHONDONTWRITEBYTECODE (Python then never caches it; compiling costs ~25 ms per start).
.venv/bin/python -m compileall -q kiosk ui collector
