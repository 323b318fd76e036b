#!/usr/bin/env bash
# Quick start, command 2: install what the tests need and run the whole suite.
# Lint, types and the import contracts run first; then pytest under a virtual X screen with a
# real PostgreSQL server on loopback (started here, stopped on exit).
#
#   bash scripts/test.sh           the full run (CI runs this): scale tests at full size
#   bash scripts/test.sh --quick   every test, scale tests at small size: before each commit
# Other arguments go to pytest (e.g. tests/core, -k name, -x).
set -euo pipefail
cd "$(dirname "$0")/.."
scale=full
args=()
for arg in "$@"; do
  if [ "$arg" = "--quick" ]; then scale=small; else args+=("$arg"); fi
done
# One setting sizes every scale test (tests/scale.py).
export DVC_TEST_SCALE=$scale
bash scripts/system_packages.sh test
bash scripts/setup_env.sh test
export PATH="$PWD/.venv/bin:$PATH"

echo "== ruff"; ruff check kiosk ui collector tests bench
echo "== import contracts"; lint-imports
echo "== mypy"; mypy

source scripts/start_postgres.sh
trap stop_postgres EXIT

echo "== pytest (scale: $scale)"
xvfb-run -a -s "-screen 0 1280x800x24" python -m pytest --durations=15 -m "not real_input" \
  ${args[@]+"${args[@]}"}
# Real X input (xdotool) into the test process's own Qt needs Qt on xcb, which the rest of the
# suite is not (offscreen): those tests run here, in a pytest process of their own. Exit 5 is
# "none of them among the tests asked for" (e.g. `bash scripts/test.sh tests/core`).
echo "== pytest, real X input (Qt on xcb)"
rc=0
QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1366x768x24" python -m pytest -m real_input \
  ${args[@]+"${args[@]}"} || rc=$?
[ "$rc" -eq 0 ] || [ "$rc" -eq 5 ] || exit "$rc"
