"""The refcount guard keeps a long-running Qt process alive on PySide6 builds that leak None.

Each case runs in its own interpreter: a process that loses its None ends with SIGABRT, and
that must not take the test run down with it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

# 300,000 void Qt calls and as many Signal.emit() calls: far more than None's and True's
# reference counts in a fresh process, so a leaking build aborts without the guard.
SCRIPT = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import QObject, Signal
    from PySide6.QtWidgets import QApplication, QLabel
    from ui.none_guard import guard_none, top_up

    app = QApplication([])
    if sys.argv[1] == "guarded":
        guard_none(app)

    class Source(QObject):
        changed = Signal(bool)

    source = Source()
    label = QLabel()
    for i in range(300_000):
        label.setText("x")
        source.changed.emit(False)
        if i % 10_000 == 0 and sys.argv[1] == "guarded":
            top_up()  # what the guard's 1-second timer does inside a running event loop
    print("done")
    """
)


def run(mode: str) -> subprocess.CompletedProcess[str]:
    """Run the script in a fresh interpreter, offscreen."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, "-c", SCRIPT, mode],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def leaks_none() -> bool:
    """Whether this PySide build lowers None's reference count on a void call."""
    from PySide6.QtWidgets import QApplication, QLabel

    QApplication.instance() or QApplication([])
    label = QLabel()
    before = sys.getrefcount(None)
    for _ in range(100):
        label.setText("x")
    return sys.getrefcount(None) < before - 50


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12")
def test_guarded_process_survives_what_kills_an_unguarded_one(qtbot: object) -> None:
    """With the guard, 300,000 void calls and emits finish; on a leaking build, without it
    the interpreter aborts ('deallocating None' or 'True')."""
    guarded = run("guarded")
    assert guarded.returncode == 0 and "done" in guarded.stdout, guarded.stderr[-1000:]
    if leaks_none():
        unguarded = run("unguarded")
        assert unguarded.returncode != 0
        assert "dealloc" in unguarded.stderr
