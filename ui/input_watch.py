"""Seeing a resident's input anywhere in the kiosk, the portal's web view included.

The idle clock (and the volunteer panel's quiet timer) restart on every touch, click, key and
wheel. Two ways that look right are wrong:

- An application-wide Python event filter would see everything, but it makes PySide wrap
  every QObject that receives an event — and wrapping QtWebEngine's internal QtQuick items
  crashes the process in `PySide::getWrapperForQObject` (measured with PySide6 6.11: the first
  focus change after a web page loads; also TimeLineAnnotator/desktop#549).
- A filter on the kiosk window's one QWindow goes deaf the moment a web view is added: the
  window then needs GPU composition, and Qt *replaces* the top-level QWindow with a new one
  (proved with real X clicks: 3 of 3 seen before the web view, 0 of 3 after). Popups, dialogs
  and native child windows have QWindows of their own as well.

So the watch filters every QWindow of the application on screen — each is a plain QWindow to
PySide, never a QtQuick item — and looks again whenever a window may have come or been replaced: the
kiosk window's native handle changing (`WinIdChange`), a child of it (a dialog, the volunteer
panel) being shown, the focus moving to another window, a window gaining a native child, and
once a second whatever happened (a popup made deep inside a page). Installing the same filter
twice on one object is a no-op in Qt, so looking again is cheap and idempotent.

Real input reaches a QWindow before Qt hands it to a widget, so the web view's fields, the
on-screen keyboard and the volunteer panel are all covered. Proved with real X input through
Xvfb: tests/ui/portal/test_idle_real_input.py (docs/reliability.md).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QWindow
from PySide6.QtWidgets import QWidget

INPUT_EVENTS = frozenset(
    {
        QEvent.Type.MouseButtonPress,
        QEvent.Type.KeyPress,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.Wheel,
        QEvent.Type.TabletPress,
    }
)

# Events after which the set of windows may have changed: look again at once.
_WINDOWS_MAY_HAVE_CHANGED = frozenset(
    {
        QEvent.Type.WinIdChange,
        QEvent.Type.Show,
        QEvent.Type.ChildWindowAdded,
        QEvent.Type.PlatformSurface,
        QEvent.Type.ChildPolished,  # a dialog or panel of the kiosk window being shown
    }
)

RESCAN_MS = 1000  # the longest a new window (a popup, a dialog) can go unwatched


class InputWatch(QObject):
    """Emits `input_seen` for each touch, click, key press or wheel turn in any of the
    application's windows, from `start()` on.

    Signals:
        input_seen: the resident did something.
    """

    input_seen = Signal()

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)  # dies with the window
        self._window = window
        self._started = False
        self._rescan = QTimer(self)
        self._rescan.setInterval(RESCAN_MS)
        self._rescan.timeout.connect(self.watch_all)

    @property
    def started(self) -> bool:
        """Whether the watch is on (it starts after the window's first paint)."""
        return self._started

    def start(self) -> None:
        """Begin watching every window (after the kiosk window has been shown)."""
        if self._started:
            return
        self._started = True
        # The kiosk window itself tells when its native window is replaced (a plain QWidget
        # of ours, so filtering it wraps nothing new).
        self._window.installEventFilter(self)
        app = QGuiApplication.instance()
        if isinstance(app, QGuiApplication):
            app.focusWindowChanged.connect(self._focus_moved)
        self.watch_all()
        self._rescan.start()

    def watch_all(self) -> None:
        """Filter every window on screen now (idempotent). Hidden ones get no input from the
        window system — among them the web view's offscreen render window, which only
        receives copies of what the kiosk window already saw — and are taken once shown."""
        for window in QGuiApplication.allWindows():
            if window.isVisible():
                window.installEventFilter(self)

    def _focus_moved(self, window: QWindow | None) -> None:
        if window is not None:
            window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in INPUT_EVENTS:
            if isinstance(watched, QWindow):  # not the kiosk widget's copy of the same input
                self.input_seen.emit()
        elif kind in _WINDOWS_MAY_HAVE_CHANGED:
            # After the event is handled the new native window exists: look then.
            QTimer.singleShot(0, self, self.watch_all)
        return False
