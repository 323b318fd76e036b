"""Seeing a resident's input anywhere in the kiosk window, the portal's web view included.

The idle clock (and the volunteer panel's quiet timer) restart on every touch, click, key and
wheel. An application-wide Python event filter would see them all, but it makes PySide wrap
every QObject that receives an event — and wrapping QtWebEngine's internal QtQuick items
crashes the process in `PySide::getWrapperForQObject` (measured here with PySide6 6.11: the
first focus change after a web page loads; also TimeLineAnnotator/desktop#549). So the watch
sits on the kiosk window's QWindow instead: every real input event reaches that window before
Qt hands it to a widget, the web view's own child widget included.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import QWidget

INPUT_EVENTS = frozenset(
    {
        QEvent.Type.MouseButtonPress,
        QEvent.Type.KeyPress,
        QEvent.Type.TouchBegin,
        QEvent.Type.Wheel,
    }
)


class InputWatch(QObject):
    """Emits `input_seen` for each touch, click, key press or wheel turn in one window.

    Signals:
        input_seen: the resident did something.
    """

    input_seen = Signal()

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)  # dies with the window
        self._window = window
        self._watched: QObject | None = None

    def start(self) -> None:
        """Begin watching (the window must have been shown: its QWindow exists from then on)."""
        handle = self._window.windowHandle()
        if handle is None or handle is self._watched:
            return
        handle.installEventFilter(self)
        self._watched = handle

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in INPUT_EVENTS:
            self.input_seen.emit()
        return False
