"""Started where there is no screen (over SSH, in CI), the kiosk says so in one sentence and
how to run it, instead of Qt's page of plugin errors and a core dump."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_no_display_gives_one_sentence_and_how_to_run_it(tmp_path: Path) -> None:
    """`dvc-kiosk run --windowed` with no DISPLAY/WAYLAND_DISPLAY exits 2 with one line that
    names xvfb-run and the windowed run; no traceback, no Qt abort."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    env["DVC_KIOSK_HOME"] = str(tmp_path / "home")
    done = subprocess.run(
        [sys.executable, "-m", "ui.entry", "run", "--windowed"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert "no screen" in lines[0] and "xvfb-run" in lines[0] and "--windowed" in lines[0]
    assert "Traceback" not in done.stderr and "xcb" not in done.stderr
