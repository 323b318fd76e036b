"""Helpers for UI tests: the pinned clock they run on, and closing a window at once."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from kiosk.clock import FixedClock


def pinned_clock() -> FixedClock:
    """The UI tests' clock: a Wednesday evening, pinned (no test depends on today's date)."""
    return FixedClock(datetime(2030, 1, 2, 18, 0, tzinfo=UTC))


def close_now(window: Any) -> None:
    """Close and delete a kiosk window at once. Left for later, every next test's theme change
    restyles all the windows still alive, and setups grow from seconds to minutes."""
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    window.allow_close()
    window.close()
    window.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
