"""A guard against a PySide6 6.12 bug on Python 3.11: Qt calls drop references to None/True.

Measured here (PySide6 6.12.0, CPython 3.11.7): every call of a Qt method that returns nothing
(`processEvents()`, `setText()`, `update()` …) leaves `sys.getrefcount(None)` one lower, and
`Signal.emit()` does the same to True. On 3.12+ those objects are immortal and nothing happens;
on 3.11 a count reaches zero after some thousand clicks and the interpreter aborts with
"none_dealloc: deallocating None" (or "bool_dealloc") — a kiosk would die after a few dozen
residents. Until PySide is fixed, this gives back what the bug takes: a 1-second QTimer (and
anyone who calls `top_up()`) raises those counts whenever one falls below a floor. The
references are added to the count itself, not held by a list, so they are never released at
interpreter exit either (a list would be freed during finalization, moving the abort there).
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, QTimer

FLOOR = 200_000  # far above what one second of the busiest screen can take away
TOP_UP = 2 * FLOOR
CHECK_MS = 1000


def needs_guard() -> bool:
    """Whether this is the leaking combination: PySide6 6.12 with a mortal None (Python < 3.12).

    pyproject.toml keeps 6.12 out; the guard stays as a net for a machine that has it anyway.
    """
    import PySide6

    return sys.version_info < (3, 12) and tuple(PySide6.__version_info__[:2]) == (6, 12)


GUARDED: tuple[object, ...] = (None, True, False)


def top_up() -> int:
    """Refill references to None, True and False if they run low; returns how many were added."""
    if not needs_guard():
        return 0
    total = 0
    for singleton in GUARDED:
        count = sys.getrefcount(singleton)
        if count >= FLOOR:
            continue
        import ctypes  # only on the leaking PySide6 6.12: keeps start-up free of ctypes

        added = TOP_UP - count
        # ob_refcnt is the first field of every PyObject. A concurrent incref/decref between
        # the read and the write could be lost: a few counts against a margin of FLOOR.
        refcount = ctypes.c_ssize_t.from_address(id(singleton))
        refcount.value += added
        total += added
    return total


class NoneGuard(QObject):
    """Owns the timer that calls `top_up()` every second while the app runs (no signals)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_MS)
        self.timer.timeout.connect(top_up)
        top_up()
        if needs_guard():
            self.timer.start()


def guard_none(app: QObject) -> NoneGuard | None:
    """Install the guard once on `app` (the QApplication); None where Python needs none."""
    if not needs_guard():
        return None  # before findChild: meeting the app's QStyle child costs ~9 ms at start-up
    existing = app.findChild(NoneGuard)
    return existing if existing is not None else NoneGuard(app)
