"""`dvc-kiosk self-test` from source, as IT and CI run it on the bundle: every check passes,
one line each, exit 0 — and it touches nothing of the machine's real kiosk."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_self_test_passes_and_leaves_the_real_home_alone(tmp_path: Path) -> None:
    """All checks "ok" (config, catalog, journal, signatures, read-aloud worker, screens,
    journeys) and exit 0; the home the process was given gets no journal, because the checks
    run in a throw-away folder."""
    home = tmp_path / "real-home"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "DVC_KIOSK_HOME": str(home)}
    env.pop("DVC_KIOSK_CONFIG", None)
    proc = subprocess.run(
        [sys.executable, "-m", "ui.entry", "self-test"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    lines = [line for line in proc.stdout.splitlines() if line.strip()]
    assert proc.returncode == 0, proc.stdout + proc.stderr[-2000:]
    checks = [line for line in lines if line.startswith(("ok", "FAIL"))]
    assert all(line.startswith("ok") for line in checks), checks
    names = {line[len("ok    ") :].split(":")[0] for line in checks}  # "FAIL  " is as long
    expected = {"config", "catalog", "journal", "catalog signatures", "read-aloud worker"}
    expected |= {"portal web engine", "holiday calendar"}
    assert expected | {"screens", "journeys"} <= names
    assert lines[-1] == "self-test: all checks passed"
    assert not (home / "data" / "journal.db").exists()
