#!/usr/bin/env bash
# Quick start, command 2: install what the tests need and run the whole suite.
# Lint, types and the import contracts run first; then pytest under a virtual X screen with a
# real PostgreSQL server on loopback (started here, stopped on exit).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system_packages.sh test
bash scripts/setup_env.sh test
export PATH="$PWD/.venv/bin:$PATH"

echo "== ruff"; ruff check kiosk ui collector tests bench
echo "== import contracts"; lint-imports
echo "== mypy"; mypy

source scripts/start_postgres.sh
trap stop_postgres EXIT

echo "== pytest"
xvfb-run -a -s "-screen 0 1280x800x24" python -m pytest "$@"
