"""Crash recovery inside the process: a Python error never kills the kiosk or shows a traceback.

PySide6 hands an exception raised in a slot to `sys.excepthook`; the default hook prints it
and Qt carries on, but a resident would be left on a half-updated screen. Here the hook logs
the error (type, place — never the resident's input, which can be in the message) and shows
the calm error overlay, which returns home by itself. A hard crash (segfault in Qt or a
driver) cannot be caught: `faulthandler` writes the Python stacks to a file in the log dir,
and the OS service (systemd `Restart=always`, the Windows watchdog) starts the kiosk again.
"""

from __future__ import annotations

import faulthandler
import logging
import signal
import sys
import threading
import traceback
from pathlib import Path
from types import TracebackType
from typing import IO, Protocol

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, QThread, QTimer, Signal
from PySide6.QtWidgets import QApplication

from kiosk.paths import AppDirs

log = logging.getLogger(__name__)

CALM_ERROR: str = QT_TRANSLATE_NOOP(  # type: ignore[assignment]  # returns its argument
    "CrashHandler", "Có trục trặc nhỏ. Máy sẽ quay về màn hình đầu trong giây lát."
)
FAULT_FILE = "faults.log"


class ErrorShower(Protocol):
    """What the handler needs of the window: KioskWindow.show_error."""

    def show_error(self, text: str) -> None:
        """Show a calm sentence, then go home."""


def where(tb: TracebackType | None) -> str:
    """'file.py:123 in func' for the innermost frame: enough to find the bug, no data."""
    frames = traceback.extract_tb(tb)
    if not frames:
        return "(no frame)"
    last = frames[-1]
    return f"{Path(last.filename).name}:{last.lineno} in {last.name}"


def stack_lines(tb: TracebackType | None) -> str:
    """The stack as 'file:line in func' lines only: no source text, no exception message.

    Messages can carry values (a ValueError on what a resident typed), so only the shape of
    the failure is written down.
    """
    return " <- ".join(
        f"{Path(f.filename).name}:{f.lineno} in {f.name}"
        for f in reversed(traceback.extract_tb(tb))
    )


class CrashHandler(QObject):
    """Logs uncaught exceptions and brings the window back to a calm state.

    Signals:
        crashed(str): an uncaught exception's type name; queued to the GUI thread.
    """

    crashed = Signal(str)

    def __init__(
        self, window: ErrorShower, fault_file: IO[str] | None, faults_were_on: bool = False
    ) -> None:
        super().__init__()
        self.faults_were_on = faults_were_on
        self.window = window
        self.fault_file = fault_file
        self.count = 0
        self._showing = False
        self.crashed.connect(self._show_calm_page)
        self._previous_hook = sys.excepthook
        self._previous_thread_hook = threading.excepthook

    def excepthook(
        self,
        kind: type[BaseException],
        value: BaseException,
        tb: TracebackType | None,
    ) -> None:
        """sys.excepthook: log the shape of the error, then calm the screen."""
        if issubclass(kind, KeyboardInterrupt):
            self._previous_hook(kind, value, tb)
            return
        self.count += 1
        log.error("uncaught %s at %s; stack: %s", kind.__name__, where(tb), stack_lines(tb))
        # Emitting is thread-safe: the slot runs on the GUI thread (queued when we are not on it).
        self.crashed.emit(kind.__name__)

    def thread_excepthook(self, args: threading.ExceptHookArgs) -> None:
        """threading.excepthook: an error in a worker thread; the screen is calmed too."""
        name = args.thread.name if args.thread is not None else "?"
        kind = args.exc_type
        if kind is SystemExit:
            return
        self.count += 1
        log.error(
            "uncaught %s in thread %s at %s; stack: %s",
            kind.__name__,
            name,
            where(args.exc_traceback),
            stack_lines(args.exc_traceback),
        )
        self.crashed.emit(kind.__name__)

    def _show_calm_page(self, kind: str) -> None:
        # Two errors in a row (one slot raising on every repaint) show one page, not a flicker.
        if self._showing:
            return
        self._showing = True
        try:
            self.window.show_error(QCoreApplication.translate("CrashHandler", CALM_ERROR))
        except Exception as exc:  # the error page itself failing must not loop back here
            log.error("the calm error page could not be shown: %s", type(exc).__name__)
        finally:
            QTimer.singleShot(1000, self._allow_next)

    def _allow_next(self) -> None:
        self._showing = False

    def uninstall(self) -> None:
        """Put the previous hooks back (tests; the end of `run`)."""
        if sys.excepthook == self.excepthook:
            sys.excepthook = self._previous_hook
        if threading.excepthook == self.thread_excepthook:
            threading.excepthook = self._previous_thread_hook
        if self.fault_file is not None:
            faulthandler.disable()
            if hasattr(signal, "SIGUSR1"):
                faulthandler.unregister(signal.SIGUSR1)
            self.fault_file.close()
            self.fault_file = None
            if self.faults_were_on and sys.__stderr__ is not None:
                faulthandler.enable(file=sys.__stderr__)  # as it was (pytest turns it on)


def install_crash_handlers(window: ErrorShower, dirs: AppDirs) -> CrashHandler:
    """Route uncaught exceptions (GUI and worker threads) to the log and the calm error page;
    dump the Python stacks to `logs/faults.log` on a hard crash."""
    app = QApplication.instance()
    assert app is not None and QThread.currentThread() is app.thread(), "install on the GUI thread"
    fault_file: IO[str] | None = None
    faults_were_on = faulthandler.is_enabled()
    try:
        dirs.logs.mkdir(parents=True, exist_ok=True)
        fault_file = (dirs.logs / FAULT_FILE).open("a", encoding="utf-8")
        faulthandler.enable(file=fault_file, all_threads=True)
        if hasattr(signal, "SIGUSR1"):  # POSIX: `kill -USR1 <pid>` shows where a stuck kiosk is
            faulthandler.register(signal.SIGUSR1, file=fault_file, all_threads=True)
    except OSError as exc:
        log.warning("fault dump file not available: %s", type(exc).__name__)
    handler = CrashHandler(window, fault_file, faults_were_on)
    sys.excepthook = handler.excepthook
    threading.excepthook = handler.thread_excepthook
    return handler
