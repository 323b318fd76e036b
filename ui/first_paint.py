"""Run something right after a widget's first paint: the resident sees the screen first.

Start-up work the first picture does not need (the journal, sync, speech, the app-wide
activity filter) is chained here, so old PCs show the home screen as early as they can.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class FirstPaintWatcher(QObject):
    """Calls `then` once, right after `widget` was first painted.

    A zero timer after show() is not enough: on X11 and Wayland the window is exposed (and
    painted) only after the compositor answers, so such a timer can fire before anything is
    on screen and the slow work would delay the first picture.
    """

    def __init__(self, widget: QWidget, then: Callable[[], None]) -> None:
        super().__init__(widget)
        self.then: Callable[[], None] | None = then
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self.then is not None:
            then, self.then = self.then, None
            watched.removeEventFilter(self)
            QTimer.singleShot(0, then)  # after this paint has reached the screen
        return False
