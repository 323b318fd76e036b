"""The switch 'Gõ tiếng Việt: Telex / VNI / Tắt' with its one-line hint, and the button that
opens the on-screen keyboard."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QPushButton, QWidget

from kiosk.vietnamese_input import InputMethod
from kiosk.wizard import Wizard, WizardView
from ui.widgets.common import label, toggle


class TypingSwitch(QWidget):
    """The resident's choice of typing for this session; the wizard keeps it, and the next
    resident starts with Telex again.

    Signals:
        keyboard_toggled(bool): 'Bàn phím' was pressed (True: show the on-screen keyboard).
    """

    keyboard_toggled = Signal(bool)

    def __init__(self, wizard: Wizard, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("typingSwitch")
        self._compact = False
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(8)
        self.caption = label("", None, wrap=False)
        row.addWidget(self.caption)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: dict[str, QPushButton] = {}
        for method in InputMethod:
            choice = toggle("", f"typing-{method.value}")
            # A tap leaves the focus in the field being typed in; Tab still reaches it.
            choice.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            choice.clicked.connect(lambda _=False, m=method.value: wizard.set_typing(m))
            self.group.addButton(choice)
            row.addWidget(choice)
            self.buttons[method.value] = choice
        # One line or none: where the row is too narrow for it (1024 px at 'Rất lớn') the
        # hint gives way — wrapped in a column it pushed the Choose screen's results off.
        self.hint = label("", "muted", wrap=False)
        self.hint.setObjectName("typingHint")
        self._keyboard_shown = False
        row.addWidget(self.hint, 1)
        self.keyboard_button = toggle("", "keyboardButton")
        self.keyboard_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.keyboard_button.toggled.connect(self.keyboard_toggled)
        row.addWidget(self.keyboard_button, 0, Qt.AlignmentFlag.AlignRight)

    def show_view(self, view: WizardView) -> None:
        """The current choice and the words in the current language."""
        self.caption.setText(self.tr("Gõ tiếng Việt:"))
        self.buttons[InputMethod.TELEX.value].setText(self.tr("Telex"))
        self.buttons[InputMethod.VNI.value].setText(self.tr("VNI"))
        self.buttons[InputMethod.OFF.value].setText(self.tr("Tắt"))
        for method, choice in self.buttons.items():
            choice.setChecked(method == view.typing)
        hints = {
            InputMethod.TELEX.value: self.tr("aa → â, s → dấu sắc, dd → đ"),
            InputMethod.VNI.value: self.tr("a6 → â, 1 → dấu sắc, d9 → đ"),
            InputMethod.OFF.value: self.tr("Chữ gõ vào giữ nguyên, không thêm dấu"),
        }
        self.hint.setText(hints[view.typing])
        self.keyboard_button.setText(self.tr("⌨ Bàn phím"))
        self.keyboard_button.setAccessibleName(self.tr("Bàn phím trên màn hình"))
        self._fit_hint()

    def set_compact(self) -> None:
        """No hint line, for a narrow place (the portal's pane beside the guide): the choice
        and the keyboard button keep their room; the hint is said on the Choose screen."""
        self._compact = True
        self.hint.setVisible(False)

    def set_keyboard_shown(self, shown: bool) -> None:
        """Keep the button's state in step with the keyboard (e.g. opened by a touch). The
        hint gives its room to the results meanwhile: the keyboard shows the marks itself."""
        self.keyboard_button.setChecked(shown)
        self._keyboard_shown = shown
        self._fit_hint()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_hint()

    def _fit_hint(self) -> None:
        """Show the hint only where its one line fits beside the buttons."""
        if self._compact or self._keyboard_shown:
            self.hint.setVisible(False)
            return
        row = self.layout()
        spacing = row.spacing() if row is not None else 0
        others = [self.caption, *self.buttons.values(), self.keyboard_button]
        used = sum(w.sizeHint().width() for w in others) + spacing * len(others)
        needed = self.hint.fontMetrics().horizontalAdvance(self.hint.text())
        self.hint.setVisible(self.width() - used >= needed)
