"""Overlays drawn over the whole window: the idle question, the help signal, calm errors."""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.clock import Clock
from ui.widgets.common import button, label


class Overlay(QWidget):
    """A dimmed full-window layer with one centred card."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setProperty("role", "scrim")  # dims the screen behind, so the card stands alone
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.card = QWidget()
        self.card.setProperty("role", "overlay")
        self.card.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.body = QVBoxLayout(self.card)
        self.body.setContentsMargins(40, 32, 40, 32)
        self.body.setSpacing(20)
        outer.addStretch(1)
        outer.addWidget(self.card, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(1)
        self.hide()

    def fit(self) -> None:
        """Cover the parent window."""
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
            # A fixed card size lets wrapped text have the height it needs (heightForWidth);
            # a centred widget would otherwise get its plain size hint and clip the text.
            width = max(320, min(900, parent.width() - 80))
            self.card.setFixedWidth(width)
            height = self.body.totalHeightForWidth(width)
            if height < 0:
                height = self.body.totalSizeHint().height()
            self.card.setFixedHeight(max(120, min(height, parent.height() - 40)))

    def appear(self) -> None:
        """Show above everything (call after setting the texts, which decide the card's height)."""
        self.show()
        self.fit()
        self.raise_()


class IdleOverlay(Overlay):
    """'Bạn còn ở đó không?' with a visible countdown (at least 20 s to answer).

    The seconds left are read from the clock's monotonic time at every tick, not counted in
    ticks: on a busy old PC ticks come late, and the resident must not wait longer than set.

    Signals:
        still_here: the resident answered.
        expired: nobody answered in time.
    """

    still_here = Signal()
    expired = Signal()

    def __init__(self, parent: QWidget, clock: Clock) -> None:
        super().__init__(parent)
        self.clock = clock
        self._deadline = 0.0
        self.setObjectName("idleOverlay")
        self.question = label("", "h1")
        self.question.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.countdown = label("", None)
        self.countdown.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.answer = button("", None, "stillHereButton")
        self.answer.clicked.connect(self._answered)
        self.body.addWidget(self.question)
        self.body.addWidget(self.countdown)
        self.body.addWidget(self.answer, 0, Qt.AlignmentFlag.AlignHCenter)
        self.tick = QTimer(self)
        self.tick.setInterval(1000)
        self.tick.timeout.connect(self._tick)
        self.remaining = 0

    def start(self, seconds: int) -> None:
        """Ask the question; count down from `seconds` unless already asking."""
        if self.tick.isActive():
            return
        self.remaining = seconds
        self._deadline = self.clock.monotonic() + seconds
        self.question.setText(self.tr("Bạn còn ở đó không?"))
        self.answer.setText(self.tr("Tôi vẫn đang xem"))
        self._show_remaining()
        self.tick.start()
        self.appear()
        self.answer.setFocus()

    def stop(self) -> None:
        """Hide without signalling (the wizard moved on)."""
        self.tick.stop()
        self.hide()

    def _show_remaining(self) -> None:
        self.countdown.setText(
            self.tr(
                "Nếu không ai trả lời, màn hình sẽ xóa hết và quay về đầu sau %n giây.",
                "",
                self.remaining,
            )
        )

    def _tick(self) -> None:
        self.remaining = max(0, math.ceil(self._deadline - self.clock.monotonic()))
        if self.remaining <= 0:
            self.stop()
            self.expired.emit()
        else:
            self._show_remaining()

    def _answered(self) -> None:
        self.stop()
        self.still_here.emit()


class HelpOverlay(Overlay):
    """The clear on-screen signal that a volunteer was called (or when help is next here)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("helpOverlay")
        self.icon = label("✋", "hero")
        self.icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text = label("", "h2")
        self.text.setObjectName("helpText")
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.ok = button("", None, "helpOkButton")
        self.ok.clicked.connect(self.hide)
        self.body.addWidget(self.icon)
        self.body.addWidget(self.text)
        self.body.addWidget(self.ok, 0, Qt.AlignmentFlag.AlignHCenter)

    def show_message(self, text: str, ok_text: str) -> None:
        """Show `text` until the resident presses the button."""
        self.text.setText(text)
        self.ok.setText(ok_text)
        self.appear()
        self.ok.setFocus()


class MessageOverlay(Overlay):
    """A calm error sentence that goes away by itself and then runs `then`."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("messageOverlay")
        self.text = label("", "h2")
        self.text.setObjectName("messageText")
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body.addWidget(self.text)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._done)
        self._then: Callable[[], None] | None = None

    def show_message(self, text: str, seconds: int, then: Callable[[], None] | None) -> None:
        """Show `text` for `seconds`, then hide and call `then`."""
        self.text.setText(text)
        self._then = then
        self.timer.start(seconds * 1000)
        self.appear()

    def _done(self) -> None:
        self.hide()
        if self._then is not None:
            self._then()
