#!/usr/bin/env bash
# Creates .venv (if needed), installs the project with the given extras, builds translations.
# Usage: scripts/setup_env.sh [extras]   e.g. scripts/setup_env.sh test
# pip runs only when something changed since the last install: the stamp .venv/.setup-stamp
# holds pyproject.toml's hash, the Python version and the extras installed.
set -euo pipefail
cd "$(dirname "$0")/.."
py=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$py" -m venv .venv
fi
extras=${1:-}
spec="."
[ -n "$extras" ] && spec=".[$extras]"
stamp_file=.venv/.setup-stamp
wanted="$(sha256sum pyproject.toml | cut -d' ' -f1) $(.venv/bin/python -V 2>&1)"
installed=$(cat "$stamp_file" 2>/dev/null || true)
# The same pyproject.toml, and these extras (or none) installed before: nothing to install.
if [ "$installed" != "$wanted extras=$extras" ] && ! { [ -z "$extras" ] && [ "${installed%% extras=*}" = "$wanted" ]; }; then
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e "$spec"
  echo "$wanted extras=$extras" > "$stamp_file"
fi
.venv/bin/python -m ui.i18n_build
# Bytecode for our own packages now, so the kiosk starts fast even where the environment sets
# PYTHONDONTWRITEBYTECODE (Python then never caches it; compiling costs ~25 ms per start).
.venv/bin/python -m compileall -q kiosk ui collector
