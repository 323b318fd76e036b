"""What the running UI adds to the kiosk's health report: starts, crashes, screen, kiosk mode.

`ui.app.after_first_paint` calls `start_health` before the journal opens, so its clean-exit
mark is queued ahead of the journal's own shutdown. Once the journal is open, the start is
counted on the journal's writer thread (kiosk.sync.health.app_started: a run that never said
it ended is a crash); each error the crash handler calms is counted the same way. The screen
size and whether kiosk mode is on are read here on the GUI thread and handed to the Qt-free
sync worker as plain values (`health_context`).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from kiosk.clock import SYSTEM_CLOCK, Clock
from kiosk.sync.health import HealthContext, app_started, app_stopped, error_shown
from ui.background import Background

if TYPE_CHECKING:
    from ui.app import Kiosk

log = logging.getLogger(__name__)


def health_context(kiosk: Kiosk, clock: Clock = SYSTEM_CLOCK) -> HealthContext:
    """Screen size, kiosk mode (full screen and PIN-guarded) and the app's start, as values."""
    window = kiosk.window
    screen = window.screen()
    size = screen.geometry().size() if screen is not None else None
    frameless = bool(window.windowFlags() & Qt.WindowType.FramelessWindowHint)
    guarded = bool(getattr(window, "kiosk_mode", False))  # Esc, Alt+F4 and closing refused
    started = kiosk.health.started_monotonic if kiosk.health is not None else None
    return HealthContext(
        screen_width=size.width() if size is not None else None,
        screen_height=size.height() if size is not None else None,
        kiosk_mode=guarded and window.isFullScreen() and frameless,
        started_monotonic=started if started is not None else clock.monotonic(),
    )


class HealthHookup:
    """Counts this run's start (and a crashed previous run), calmed errors and a clean exit."""

    def __init__(self, kiosk: Kiosk, clock: Clock = SYSTEM_CLOCK) -> None:
        self.kiosk = kiosk
        self.background = Background("health")
        self.crashed_before: bool | None = None
        self.started_monotonic = clock.monotonic()
        if kiosk.crash is not None:
            kiosk.crash.crashed.connect(self._error_shown)

    def count_start(self) -> None:
        """Once the journal is open: one more start, and a crash if the last run never ended."""
        journal = self.kiosk.journal
        if journal is None:
            return
        future = app_started(journal, health_context(self.kiosk))
        self.background.deliver(future, self._started, label="health-start")

    def _started(self, crashed: bool) -> None:
        self.crashed_before = crashed
        if crashed:
            log.warning("the previous run ended without a clean exit: counted as a crash")

    def _error_shown(self, _kind: str) -> None:
        if self.kiosk.journal is not None:
            self.background.deliver(error_shown(self.kiosk.journal), _ignore, label="health")

    def stopped(self) -> None:
        """aboutToQuit: a clean exit (queued before the journal closes)."""
        journal: Any = self.kiosk.journal
        if journal is not None:
            app_stopped(journal)
        self.background.shutdown(wait=False)


def _ignore(_result: object) -> None:
    return None


def start_health(kiosk: Kiosk) -> None:
    """Hook health counting into a kiosk whose journal is about to start."""
    hookup = HealthHookup(kiosk, kiosk.clock)
    kiosk.health = hookup  # kept alive by the kiosk
    app = QApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(hookup.stopped)  # before the journal's shutdown: connected first
    QTimer.singleShot(0, hookup.count_start)  # after start_journal, in the same paint callback
