"""The real kiosk program in a subprocess, as systemd starts it, and waiting on it: poll, and
say what never happened."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def start_kiosk_run(
    home: Path, config: Path, stderr: Path, module: str = "ui.entry", **env: str
) -> subprocess.Popen[bytes]:
    """`python -m ui.entry run` with its data in `home`, its config from `config`, stderr to
    a file (a full pipe would block Qt) and `env` added to the environment. `module`: another
    entry that runs the same kiosk (tests.e2e.busy_kiosk)."""
    environment = {
        **os.environ,
        "DVC_KIOSK_HOME": str(home),
        "DVC_KIOSK_CONFIG": str(config),
        **env,
    }
    with stderr.open("wb") as err:
        return subprocess.Popen(
            [sys.executable, "-m", module, "run"],
            cwd=ROOT,
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=err,
        )


def wait(condition: Callable[[], object], timeout: float, what: str) -> None:
    """Poll `condition` every 0.1 s until it is true, or fail naming `what`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def text_of(path: Path) -> str:
    """A log or output file's text so far ('' before it exists)."""
    return path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""
