"""A big on-screen number pad: many residents find a phone-style pad easier than a keyboard."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QPushButton, QSizePolicy, QWidget

from ui.theme import TARGET_PX
from ui.widgets.common import button

# The stylesheet's 24 px side padding plus the 3 px border: a key's text is clipped there.
KEY_PADDING_PX = 28
# Phone layout (1 at the top left), the two erase keys either side of 0.
_LAYOUT = (("1", "2", "3"), ("4", "5", "6"), ("7", "8", "9"), ("clear", "0", "back"))


class Keypad(QWidget):
    """Keys 0–9, 'Xóa' (one back) and 'Xóa hết'; it only reports presses, it keeps no digits.

    Signals:
        digit(str): a digit key was pressed.
        backspace(): 'Xóa' was pressed.
        cleared(): 'Xóa hết' was pressed.
    """

    digit = Signal(str)
    backspace = Signal()
    cleared = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(10)
        self.keys: dict[str, QPushButton] = {}
        self._words: dict[str, str] = {}
        for row, names in enumerate(_LAYOUT):
            for col, name in enumerate(names):
                # Erase keys carry words, so they use the smaller button type to fit at 1.5×.
                role = "key" if name.isdigit() else "secondary"
                key = button(name if name.isdigit() else "", role, f"key-{name}")
                # A click must not move the focus away from where typing goes; Tab still reaches it.
                key.setFocusPolicy(Qt.FocusPolicy.TabFocus)
                key.setAutoDefault(False)
                key.setMinimumSize(TARGET_PX["keypad"], TARGET_PX["keypad"])
                # Expanding both ways: the erase keys grow to the digit keys' height in the grid.
                key.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
                if name.isdigit():
                    key.clicked.connect(lambda _checked=False, d=name: self.digit.emit(d))
                elif name == "back":
                    key.clicked.connect(self.backspace)
                else:
                    key.clicked.connect(self.cleared)
                grid.addWidget(key, row, col)
                self.keys[name] = key
        for col in range(3):
            grid.setColumnStretch(col, 1)  # equal columns whatever the words on the erase keys
        self.retranslate()

    def retranslate(self) -> None:
        """Set the words on the erase keys in the current language."""
        self._words = {"back": self.tr("Xóa"), "clear": self.tr("Xóa hết")}
        self.keys["back"].setAccessibleName(self.tr("Xóa số cuối"))
        self.keys["clear"].setAccessibleName(self._words["clear"])
        self._fit_words()

    def _fit_words(self) -> None:
        # At the largest text size "Xóa hết" is wider than a key: break it over two lines then.
        for name, words in self._words.items():
            key = self.keys[name]
            key.ensurePolished()
            room = key.width() - 2 * KEY_PADDING_PX
            one_line = key.fontMetrics().horizontalAdvance(words) <= room
            key.setText(words if one_line else words.replace(" ", "\n"))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_words()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.FontChange):
            self._fit_words()
