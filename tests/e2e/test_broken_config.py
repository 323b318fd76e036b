"""A missing or broken config never crashes the kiosk: the real program (a subprocess, as
systemd starts it) paints the full-screen IT page naming the file and the key, writes the
problem to its rotating log, shows no traceback, and stops cleanly (exit 0) on SIGTERM."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GOOD_KIOSK = '[kiosk]\nid = "kiosk-1"\n'

CASES = {
    "missing-file": (None, "(file)", "the file does not exist"),
    "bad-toml": ('[help_point]\nid = "duc-nhuan-kp1\n' + GOOD_KIOSK, "(toml)", "not valid TOML"),
    "unknown-help-point": (
        '[help_point]\nid = "phuong-15"\n' + GOOD_KIOSK,
        "help_point.id",
        "unknown help point 'phuong-15'",
    ),
    "wrong-type": (
        '[help_point]\nid = "duc-nhuan-kp1"\n' + GOOD_KIOSK + 'idle_seconds = "two minutes"\n',
        "kiosk.idle_seconds",
        "must be a whole number",
    ),
    "wrong-type-bool": (
        '[help_point]\nid = "duc-nhuan-kp1"\n' + GOOD_KIOSK + 'kiosk_mode = "yes"\n',
        "kiosk.kiosk_mode",
        "must be bool",
    ),
    "typo-key": (
        '[help_point]\nid = "duc-nhuan-kp1"\n' + GOOD_KIOSK + "idle_secs = 60\n",
        "kiosk.idle_secs",
        "unknown key",
    ),
}


def wait_for(path: Path, text: str, proc: subprocess.Popen[bytes], timeout: float = 30) -> str:
    """The log's content once it contains `text` (fails early if the kiosk died)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        content = path.read_text(encoding="utf-8") if path.exists() else ""
        if text in content:
            return content
        assert proc.poll() is None, f"the kiosk exited with {proc.returncode}"
        time.sleep(0.1)
    raise AssertionError(f"'{text}' never appeared in {path}")


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_broken_config_shows_the_it_page_and_exits_cleanly(tmp_path: Path, case: str) -> None:
    """Each kind of broken config: the IT page is painted, the log names file + key, and
    SIGTERM ends the program with exit code 0 and no traceback."""
    content, key, message = CASES[case]
    config = tmp_path / "kiosk.toml"
    if content is not None:
        config.write_text(content, encoding="utf-8")
    home = tmp_path / "home"
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "DVC_KIOSK_HOME": str(home),
        "DVC_KIOSK_CONFIG": str(config),
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "ui.entry", "run"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    log = home / "logs" / "kiosk.log"
    try:
        text = wait_for(log, "the IT config page is on screen", proc)
    finally:
        proc.send_signal(signal.SIGTERM)
        _out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err.decode(errors="replace")
    assert f"config problem: {config}: {key}: {message}" in text
    assert "Traceback" not in err.decode(errors="replace")
    assert "Traceback" not in text
    assert "signal 15: stopping" in log.read_text(encoding="utf-8")
