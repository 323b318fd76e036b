"""The logo in the top bar; holding it for 3 seconds opens the volunteer panel."""

from __future__ import annotations

from PySide6.QtCore import QSize, QTimer, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QLabel, QWidget

from kiosk.paths import resources_dir
from ui.widgets.illustration import render_svg

LOGO_PX = 64


class LogoButton(QLabel):
    """A logo that reacts only to a long press, a gesture residents do not make by chance.

    Signals:
        held: the logo was pressed and held for the whole hold time.
    """

    held = Signal()

    def __init__(self, hold_ms: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("logo")
        self.setFixedSize(QSize(LOGO_PX, LOGO_PX))
        pixmap = render_svg(resources_dir() / "images" / "logo.svg", LOGO_PX)
        if pixmap is not None:
            self.setPixmap(pixmap)
        else:
            self.setText("DVC")
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(hold_ms)
        self.timer.timeout.connect(self.held)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.timer.start()
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self.timer.stop()
        event.accept()
