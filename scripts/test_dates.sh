#!/usr/bin/env bash
# The suite on other days: runs the quick selection (scripts/test.sh --quick's pytest) with the
# wall clock of pytest and every process it starts (kiosks, collectors, Chromium) moved to
# each date given (default: 2026-12-31 2028-06-30 2030-01-01), by libfaketime (Debian package
# `faketime`). It proves that no test and no code path depends on the real date.
#
# The clock is moved by an offset (FAKETIME="+Ns"), not pinned with "@" (which restarts at
# the given time in every new process), so every process of the tree reads the same moving
# time. The monotonic clock stays real (FAKETIME_DONT_FAKE_MONOTONIC=1: faked, it makes timed
# waits hang); scripts/faketime/sitecustomize.py works around the one libfaketime 0.9.10 bug
# that leaves (time.sleep fails with EINVAL). PostgreSQL and Xvfb are started before, outside
# the faked clock: they are the machine's services, not ours.
#
#   bash scripts/test_dates.sh                     the three dates
#   bash scripts/test_dates.sh 2029-02-28 -- -x tests/core    one date, pytest arguments
set -euo pipefail
cd "$(dirname "$0")/.."
dates=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do dates+=("$1"); shift; done
[ "${1:-}" = "--" ] && shift
[ ${#dates[@]} -eq 0 ] && dates=(2026-12-31 2028-06-30 2030-01-01)
bash scripts/system_packages.sh test
bash scripts/setup_env.sh test
export PATH="$PWD/.venv/bin:$PATH"
export DVC_TEST_SCALE=small
lib=$(ls /usr/lib/*/faketime/libfaketime.so.1 /usr/lib/faketime/libfaketime.so.1 2>/dev/null | head -n 1 || true)
if [ -z "$lib" ]; then
  echo "libfaketime is not installed (Debian package faketime: scripts/system_packages.sh test)" >&2
  exit 1
fi

source scripts/start_postgres.sh
trap stop_postgres EXIT

failed=()
for day in "${dates[@]}"; do
  offset=$(( $(date -u -d "$day 08:00:00" +%s) - $(date -u +%s) ))
  echo "== pytest with the clock at $day 08:00 UTC (FAKETIME=+${offset}s)"
  # Xvfb starts here, outside the faked clock; `env` puts pytest and its children inside it.
  if ! xvfb-run -a -s "-screen 0 1280x800x24" env LD_PRELOAD="$lib" FAKETIME="+${offset}s" \
      FAKETIME_DONT_FAKE_MONOTONIC=1 PYTHONPATH="$PWD/scripts/faketime" \
      python -m pytest -q -p no:cacheprovider "$@"; then
    failed+=("$day")
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "failed on: ${failed[*]}" >&2
  exit 1
fi
echo "passed on: ${dates[*]}"
