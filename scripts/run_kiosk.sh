#!/usr/bin/env bash
# Quick start, command 1: set everything up and open the kiosk in a window (demo help point).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system_packages.sh
bash scripts/setup_env.sh
exec .venv/bin/dvc-kiosk run --windowed "$@"
