"""The volunteer PIN pad: big keys, digits shown only as dots, the physical keyboard works too.

It checks nothing itself: it hands the typed PIN to whoever listens and forgets it at once,
so the PIN lives in memory only between the key presses and the 'Mở' press.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.pin_format import PIN_MAX_DIGITS, PIN_MIN_DIGITS, PinProblem
from ui.theme import TARGET_PX
from ui.widgets.common import label, set_role

_LAYOUT = (("1", "2", "3"), ("4", "5", "6"), ("7", "8", "9"), ("back", "0", "ok"))
DOT = "●"
EMPTY_DOT = "○"


class PadKey(QPushButton):
    """A pad key at least TARGET_PX['keypad'] tall whatever its style role says."""

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(
            max(hint.width(), TARGET_PX["keypad"]), max(hint.height(), TARGET_PX["keypad"])
        )

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()


def pad_key(text: str, role: str | None, name: str) -> PadKey:
    """A PadKey set up like ui.widgets.common.button, but not auto-default."""
    key = PadKey(text)
    key.setFocusPolicy(Qt.FocusPolicy.TabFocus)
    key.setAutoDefault(False)
    key.setCursor(Qt.CursorShape.PointingHandCursor)
    key.setObjectName(name)
    key.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
    if role:
        key.setProperty("role", role)
    return key


def wait_sentence_seconds(seconds: float) -> tuple[int, bool]:
    """The wait rounded up for people: (amount, in_minutes); minutes from two minutes on."""
    whole = max(1, math.ceil(seconds))
    if whole >= 120:
        return math.ceil(whole / 60), True
    return whole, False


class PinPad(QWidget):
    """Ten digit keys, 'Xóa', 'Mở' and 'Hủy', a row of dots and one calm message line.

    Signals:
        submitted(str): the volunteer pressed 'Mở' (or Enter) with this PIN; the pad is cleared.
        cancelled(): 'Hủy' (or Esc) was pressed; the pad is cleared.
    """

    submitted = Signal(str)
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pinPad")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._pin = ""
        self._busy = False
        self._locked_for = 0.0
        self._demo_pin: str | None = None  # shown on a demo kiosk, where it is no secret

        # Words on the left, keys on the right: at 1280x800 and the largest text size both fit
        # without squeezing a key below its 84 px.
        row_ = QHBoxLayout(self)
        row_.setContentsMargins(16, 0, 16, 0)
        row_.setSpacing(48)
        column = QVBoxLayout()
        column.setSpacing(16)
        self.title = label("", "h1")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint = label("", None)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.dots = label("", "hero", wrap=False)
        self.dots.setObjectName("pinDots")
        self.dots.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message = label("", "error")
        self.message.setObjectName("pinMessage")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        column.addStretch(1)
        column.addWidget(self.title)
        column.addWidget(self.hint)
        column.addWidget(self.dots)
        column.addWidget(self.message)

        grid = QGridLayout()
        grid.setSpacing(10)
        self.keys: dict[str, QPushButton] = {}
        for row, names in enumerate(_LAYOUT):
            for col, name in enumerate(names):
                role = "key" if name.isdigit() else ("secondary" if name == "back" else None)
                # Keys take no focus on click: typing keeps going to the pad.
                key = pad_key(name if name.isdigit() else "", role, f"pin-{name}")
                if name.isdigit():
                    key.clicked.connect(lambda _checked=False, d=name: self.press_digit(d))
                elif name == "back":
                    key.clicked.connect(self.backspace)
                else:
                    key.clicked.connect(self.submit)
                grid.addWidget(key, row, col)
                self.keys[name] = key
        self.cancel = pad_key("", "secondary", "pin-cancel")
        self.cancel.clicked.connect(self.cancel_entry)
        column.addWidget(self.cancel, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addStretch(1)
        keys_column = QVBoxLayout()
        keys_column.addStretch(1)
        keys_column.addLayout(grid)
        keys_column.addStretch(1)
        row_.addLayout(column, 1)
        row_.addLayout(keys_column, 0)

        # While locked out, the sentence counts down so nobody keeps trying in vain.
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._count_down)
        self.retranslate()
        self._show_dots()

    # ----- text --------------------------------------------------------------------------
    def retranslate(self) -> None:
        """Set the pad's words in the current language."""
        self.title.setText(self.tr("Dành cho tình nguyện viên"))
        hint = self.tr("Nhập mã PIN rồi bấm “Mở”.")
        if self._demo_pin is not None:
            hint += "\n" + self.tr("Máy trình diễn: mã PIN là %1.").replace("%1", self._demo_pin)
        self.hint.setText(hint)
        self.keys["back"].setText(self.tr("⌫ Xóa"))
        self.keys["back"].setAccessibleName(self.tr("Xóa số cuối"))
        self.keys["ok"].setText(self.tr("Mở"))
        self.cancel.setText(self.tr("Hủy, quay lại màn hình chính"))
        # Equal columns: the words on the erase key must not make its column the odd one out.
        widest = max(key.sizeHint().width() for key in self.keys.values())
        for key in self.keys.values():
            key.setMinimumWidth(max(widest, TARGET_PX["keypad"] + 36))

    def show_demo_pin(self, pin: str) -> None:
        """A demo kiosk says its PIN, so whoever tries the demo can open the panel."""
        self._demo_pin = pin
        self.retranslate()

    # ----- input -------------------------------------------------------------------------
    @property
    def length(self) -> int:
        """How many digits are typed (tests need the count, never the digits)."""
        return len(self._pin)

    def press_digit(self, digit: str) -> None:
        """One more digit (ignored while checking, locked, or at the longest PIN)."""
        if self._busy or self._locked_for > 0 or len(self._pin) >= PIN_MAX_DIGITS:
            return
        self._pin += digit
        if not self._tick.isActive():
            self.message.clear()
        self._show_dots()

    def backspace(self) -> None:
        """Remove the last digit."""
        self._pin = self._pin[:-1]
        self._show_dots()

    def submit(self) -> None:
        """Hand the PIN over and forget it."""
        if self._busy or self._locked_for > 0 or not self._pin:
            return
        pin, self._pin = self._pin, ""
        self._show_dots()
        self.submitted.emit(pin)

    def cancel_entry(self) -> None:
        """Forget what was typed and say so."""
        self.clear()
        self.cancelled.emit()

    def clear(self) -> None:
        """Forget the digits and the message (a lockout's countdown stays)."""
        self._pin = ""
        self._show_dots()
        if not self._tick.isActive():
            self.message.clear()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        text = event.text()
        if len(text) == 1 and text.isascii() and text.isdigit():
            self.press_digit(text)
        elif key == Qt.Key.Key_Backspace:
            self.backspace()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.submit()
        elif key == Qt.Key.Key_Escape:
            self.cancel_entry()
        else:
            super().keyPressEvent(event)

    # ----- state shown -------------------------------------------------------------------
    def set_busy(self, busy: bool) -> None:
        """While a PIN is being checked, keys do nothing and the volunteer is told to wait."""
        self._busy = busy
        self.keys["ok"].setEnabled(not busy and self._locked_for <= 0)
        if busy:
            self._say(self.tr("Đang kiểm tra…"), "muted")

    def show_wrong(self) -> None:
        """A wrong PIN without a lockout yet."""
        self._say(self.tr("Mã PIN chưa đúng. Vui lòng nhập lại."), "error")

    def show_busy_failure(self) -> None:
        """The check could not finish (the disk was too busy): nothing was decided."""
        self._say(self.tr("Máy đang bận, chưa kiểm tra được mã PIN. Vui lòng nhập lại."), "error")

    def show_not_configured(self) -> None:
        """No PIN is set on this kiosk: only IT can fix it."""
        self._say(
            self.tr("Máy này chưa được đặt mã PIN. Vui lòng báo cán bộ CNTT của phường."),
            "error",
        )

    def show_problem(self, code: str) -> None:
        """No PIN can open the panel until IT acts (a kiosk.pin.PinProblem code): say why."""
        sentences = {
            PinProblem.LEGACY_HASH: self.tr(
                "Mã PIN của máy này được đặt theo quy định cũ (ít hơn 6 số) nên không dùng được "
                "nữa. Vui lòng báo cán bộ CNTT đặt mã PIN mới có ít nhất 6 số."
            ),
            PinProblem.OTHER_PEPPER: self.tr(
                "Tệp bí mật của mã PIN trên máy này đã bị xóa hoặc thay, nên mã PIN cũ không "
                "dùng được. Vui lòng báo cán bộ CNTT đặt lại mã PIN."
            ),
            PinProblem.SECRET_UNAVAILABLE: self.tr(
                "Máy không đọc hoặc ghi được tệp bí mật của mã PIN (ổ đĩa đầy, chỉ đọc hoặc tệp "
                "bị hỏng). Vui lòng báo cán bộ CNTT."
            ),
        }
        self._say(
            sentences.get(
                code,
                self.tr("Mã PIN đã cài trên máy này không hợp lệ. Vui lòng báo cán bộ CNTT."),
            ),
            "error",
        )

    def show_locked(self, seconds: float) -> None:
        """Too many wrong tries: a calm sentence with the wait, counting down."""
        self._locked_for = seconds
        self._pin = ""
        self._show_dots()
        self._set_ok_waiting(True)
        self._show_wait()
        self._tick.start()

    def _set_ok_waiting(self, waiting: bool) -> None:
        # The stylesheet draws a disabled key like an enabled one: while locked, the key also
        # changes its look and words, so nobody keeps pressing it.
        ok = self.keys["ok"]
        ok.setEnabled(not waiting and not self._busy)
        set_role(ok, "secondary" if waiting else "")
        if not waiting:
            ok.setText(self.tr("Mở"))

    @property
    def locked(self) -> bool:
        """Whether the pad is waiting out a lockout."""
        return self._locked_for > 0

    def _count_down(self) -> None:
        self._locked_for -= 1
        if self._locked_for <= 0:
            self._locked_for = 0
            self._tick.stop()
            self._set_ok_waiting(False)
            self._say(self.tr("Bạn có thể nhập lại mã PIN."), "muted")
        else:
            self._show_wait()

    def _show_wait(self) -> None:
        amount, minutes = wait_sentence_seconds(self._locked_for)
        self.keys["ok"].setText(
            (self.tr("%1 phút") if minutes else self.tr("%1 giây")).replace("%1", str(amount))
        )
        if minutes:
            text = self.tr("Sai mã PIN nhiều lần. Vui lòng thử lại sau %1 phút.")
        else:
            text = self.tr("Sai mã PIN nhiều lần. Vui lòng thử lại sau %1 giây.")
        self._say(text.replace("%1", str(amount)), "error")

    def _say(self, text: str, role: str) -> None:
        set_role(self.message, role)
        self.message.setText(text)
        # A sentence for IT wraps onto two or three lines; the pad's stacked layout does not
        # pass heightForWidth on, so the label asks for the height its lines need itself.
        width = self.message.width()
        if width > 0:
            self.message.setMinimumHeight(self.message.heightForWidth(width))

    def _show_dots(self) -> None:
        # Never the digits: someone may be looking over the volunteer's shoulder.
        shown = max(PIN_MIN_DIGITS, len(self._pin))
        self.dots.setText(" ".join(DOT if i < len(self._pin) else EMPTY_DOT for i in range(shown)))
        self.dots.setAccessibleName(self.tr("Đã nhập %1 số").replace("%1", str(len(self._pin))))

    def stop(self) -> None:
        """Forget everything, including a countdown (the panel is closing)."""
        self._tick.stop()
        self._locked_for = 0
        self._busy = False
        self._set_ok_waiting(False)
        self.clear()
        self.message.clear()
