#!/usr/bin/env bash
# Builds the one-folder kiosk bundle into dist/dvc-kiosk (work files in build/) and prints its
# size. The translation is compiled first because the spec ships the .qm, not the .ts.
# Usage: scripts/build_bundle.sh            (uses .venv; installs the "build" extra if needed)
set -euo pipefail
cd "$(dirname "$0")/.."
py=.venv/bin/python
[ -x "$py" ] || py=python3
if ! "$py" -c "import PyInstaller" 2>/dev/null; then
  "$py" -m pip install -q -e ".[build]"
fi
"$py" -m ui.i18n_build
"$py" -m PyInstaller --noconfirm --clean --log-level WARN \
  --workpath build --distpath dist build_kiosk.spec
# On Linux the windowed and the console program are the same bytes (only Windows tells them
# apart): link them rather than ship the archive twice.
if cmp -s dist/dvc-kiosk/dvc-kiosk dist/dvc-kiosk/dvc-kiosk-debug; then
  ln -f dist/dvc-kiosk/dvc-kiosk dist/dvc-kiosk/dvc-kiosk-debug
fi
size=$(du -sm dist/dvc-kiosk | cut -f1)
echo "bundle: dist/dvc-kiosk ${size} MB on disk"
ls dist/dvc-kiosk
