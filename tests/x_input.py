"""Real input through the X server: xdotool sends XTEST events to Xvfb, which delivers them to
whichever X window is under the pointer or has the focus — the path a mouse and a keyboard
take at a help point, not Qt events posted to a chosen object. The tests that use it carry
`real_input` in their names (`pytest -k real_input`).

Qt runs its event loop while xdotool works, so the events are handled as they arrive."""

from __future__ import annotations

import os
import shutil
import subprocess
import time

import pytest
from PySide6.QtCore import QCoreApplication, QPoint
from PySide6.QtTest import QTest

needs_x_display = [
    pytest.mark.skipif(not os.environ.get("DISPLAY"), reason="needs an X server (xvfb-run)"),
    pytest.mark.skipif(
        shutil.which("xdotool") is None, reason="needs xdotool (scripts/system_packages.sh test)"
    ),
]
# In-process tests: this pytest process's own Qt must be on xcb (scripts/test.sh runs the
# `real_input` tests in a pytest process of their own for that; the rest of the suite is
# offscreen).
needs_x = [
    pytest.mark.real_input,
    pytest.mark.skipif(
        not os.environ.get("DISPLAY") or os.environ.get("QT_QPA_PLATFORM", "xcb") != "xcb",
        reason="real X input needs Qt on xcb: scripts/test.sh runs these in their own process",
    ),
    pytest.mark.skipif(
        shutil.which("xdotool") is None, reason="needs xdotool (scripts/system_packages.sh test)"
    ),
]


def xdotool(*args: str) -> None:
    """Run xdotool to the end while Qt (when this process has an application) keeps handling
    the events it causes; a kiosk in another process handles them itself."""
    proc = subprocess.Popen(["xdotool", *args], stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    in_process = QCoreApplication.instance() is not None
    while proc.poll() is None:
        if time.monotonic() > deadline:
            proc.kill()
            raise AssertionError(f"xdotool {' '.join(args)} did not finish")
        if in_process:
            QTest.qWait(10)
        else:
            time.sleep(0.01)
    _, err = proc.communicate()
    assert proc.returncode == 0, f"xdotool {' '.join(args)} failed: {err}"


def click_at(point: QPoint) -> None:
    """Move the real pointer to a point of the screen and press the left button there."""
    click_at_xy(point.x(), point.y())


def click_at_xy(x: int, y: int) -> None:
    """The same, for screen coordinates another process reported."""
    xdotool("mousemove", str(x), str(y))
    xdotool("click", "1")


def type_keys(text: str, delay_ms: int = 60) -> None:
    """Type ASCII keys (Telex for Vietnamese letters) on the real keyboard."""
    xdotool("type", "--delay", str(delay_ms), text)


def wheel_down(times: int = 1) -> None:
    """Turn the real mouse wheel down."""
    xdotool("click", "--repeat", str(times), "--delay", "50", "5")
