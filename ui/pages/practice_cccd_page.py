"""Practice: typing the 12-digit personal ID number and learning what each group of digits means.

Residents often mistype this number (or use the old 9-digit CMND), so the kiosk lets them try it
safely first. What is typed lives only in this widget's memory: it is never logged, saved or
sent, and it is wiped when the resident leaves the page or the session ends.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from kiosk.cccd import LENGTH, CccdError, parse_cccd
from kiosk.clock import local_today
from kiosk.protocol import PracticeModule
from kiosk.wizard import Screen, Wizard, WizardView
from ui.messages import cccd_description, cccd_problem
from ui.pages.base import Page
from ui.widgets.common import button, label, scroll_area, set_role
from ui.widgets.keypad import Keypad

# The groups of the number: province, sex+century, year of birth, random part.
GROUPS = ((0, 3), (3, 4), (4, 6), (6, LENGTH))
# Room for a few extra characters so "too long" can be explained rather than silently refused.
MAX_CHARS = LENGTH + 3
# Column widths follow the captions' lengths, so "mã tỉnh nơi đăng ký khai sinh" wraps least.
CAPTION_STRETCH = (5, 4, 2, 3)
KEYPAD_WIDTH_PX = 470  # three keys of 150 px: "Clear" in English fits at 1.5× text
PLACEHOLDER = "•"  # one dot per digit still to type


def grouped_display(typed: str) -> list[str]:
    """The four groups of what is typed so far, with '•' where digits are still missing."""
    padded = typed + PLACEHOLDER * max(0, LENGTH - len(typed))
    groups = [padded[start:end] for start, end in GROUPS]
    groups[-1] += padded[LENGTH:]  # anything extra shows at the end, where it can be seen
    return groups


class PracticeBand(QLabel):
    """The 'THỰC HÀNH' band that tells residents nothing here is real or kept."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "practice-band")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setObjectName("practiceBand")
        self.retranslate()

    def retranslate(self) -> None:
        """Set the band's words in the current language."""
        self.setText(self.tr("THỰC HÀNH — không lưu lại gì"))


class PracticeCccdPage(Page):
    """A keypad, the number shown in its four groups, and 'Kiểm tra' explaining each group."""

    def __init__(self, wizard: Wizard, parent: QWidget | None = None) -> None:
        super().__init__(wizard, parent)
        self._typed = ""
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.band = PracticeBand()
        outer.addWidget(self.band)

        # The whole practice area is tinted so it never looks like the real portal.
        area = QWidget()
        area.setProperty("role", "practice")
        area.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        area_col = QVBoxLayout(area)
        area_col.setContentsMargins(0, 0, 0, 12)
        outer.addWidget(area, 1)

        self.content_area = scroll = scroll_area()
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.viewport().setAutoFillBackground(False)
        content = scroll.content
        content.setProperty("role", "practice")
        content.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        row = QHBoxLayout(content)
        row.setContentsMargins(32, 12, 32, 8)
        row.setSpacing(32)

        left = QVBoxLayout()
        left.setSpacing(10)
        self.title = label("", "h2")
        self.explain = label("", None)
        left.addWidget(self.title)
        left.addWidget(self.explain)

        # One column per group: the digits large, the meaning underneath.
        self.display_grid = QGridLayout()
        self.display_grid.setHorizontalSpacing(24)
        self.display_grid.setVerticalSpacing(0)
        self.group_labels: list[QLabel] = []
        self.captions: list[QLabel] = []
        for col in range(len(GROUPS)):
            digits = label("", "hero", wrap=False)
            digits.setObjectName(f"group-{col}")
            caption = label("", "small")
            caption.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            self.display_grid.addWidget(digits, 0, col, Qt.AlignmentFlag.AlignLeft)
            self.display_grid.addWidget(caption, 1, col, Qt.AlignmentFlag.AlignTop)
            self.display_grid.setColumnStretch(col, CAPTION_STRETCH[col])
            self.group_labels.append(digits)
            self.captions.append(caption)
        left.addLayout(self.display_grid)
        self.count = label("", "muted")
        self.count.setObjectName("digitCount")
        left.addWidget(self.count)
        self.result = label("", "ok")
        self.result.setObjectName("result")
        self.result.setVisible(False)
        left.addWidget(self.result)
        left.addStretch(1)
        row.addLayout(left, 1)

        self.keypad = Keypad()
        self.keypad.digit.connect(self.type_char)
        self.keypad.backspace.connect(self.backspace)
        self.keypad.cleared.connect(self.wipe)
        self.check = button("", None, "checkButton")
        self.check.clicked.connect(self.check_number)
        keypad_col = QVBoxLayout()
        keypad_col.setSpacing(12)
        keypad_col.addWidget(self.keypad)
        keypad_col.addStretch(1)
        keypad_box = QWidget()
        keypad_box.setLayout(keypad_col)
        # Wide enough that "Xóa" / "Clear" fit one line even at 1.5× text; digit keys get roomier.
        keypad_box.setFixedWidth(KEYPAD_WIDTH_PX)
        row.addWidget(keypad_box, 0, Qt.AlignmentFlag.AlignTop)
        area_col.addWidget(scroll, 1)

        nav = QHBoxLayout()
        nav.setContentsMargins(32, 0, 32, 0)
        self.back = button("", "secondary", "backButton")
        self.back.clicked.connect(wizard.close_practice)
        nav.addWidget(self.back)
        nav.addStretch(1)
        # 'Kiểm tra' sits where 'Tiếp tục' is on other screens, in view at every text size.
        nav.addWidget(self.check)
        area_col.addLayout(nav)

        # Leaving the practice by any path (back, another screen, idle, reset) forgets the input.
        wizard.subscribe(self._follow)
        self._retranslate()
        self._show_typed()

    # ----- input -------------------------------------------------------------------------
    def type_char(self, char: str) -> None:
        """Add one typed character (digits from the keypad; letters only from a keyboard)."""
        if len(self._typed) < MAX_CHARS:
            self._typed += char
        self._typed_changed()

    def backspace(self) -> None:
        """Remove the last character."""
        self._typed = self._typed[:-1]
        self._typed_changed()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        text = event.text()
        if key == Qt.Key.Key_Backspace:
            self.backspace()
        elif key == Qt.Key.Key_Delete:
            self.wipe()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.check_number()
        elif len(text) == 1 and text.isalnum():
            # Letters are accepted so that the check can say kindly that only digits belong here.
            self.type_char(text)
        else:
            super().keyPressEvent(event)

    def _typed_changed(self) -> None:
        self.result.setVisible(False)
        self._show_typed()

    def _show_typed(self) -> None:
        for widget, group in zip(self.group_labels, grouped_display(self._typed), strict=True):
            widget.setText(group)
        self.count.setText(self.tr("Đã nhập %1/12 số").replace("%1", str(len(self._typed))))

    # ----- checking ----------------------------------------------------------------------
    def check_number(self) -> None:
        """'Kiểm tra': explain the groups, or say calmly what to look at again."""
        try:
            parts = parse_cccd(self._typed, local_today(self.wizard.clock))
        except CccdError as error:
            set_role(self.result, "error")
            self.result.setProperty("problem", error.code.value)
            self.result.setText(self.tr("✗ Chưa đúng.") + " " + cccd_problem(error))
        else:
            set_role(self.result, "ok")
            self.result.setProperty("problem", None)
            self.result.setText(
                self.tr("✓ Số này đúng dạng số định danh.") + " " + cccd_description(parts)
            )
        self.result.setVisible(True)
        # At large text sizes the answer can be below the fold: bring it into view.
        QTimer.singleShot(0, self._reveal_result)

    def _reveal_result(self) -> None:
        if shiboken6.isValid(self) and self.result.isVisible():
            self.content_area.ensureWidgetVisible(self.result)

    # ----- page --------------------------------------------------------------------------
    def _retranslate(self) -> None:
        self.band.retranslate()
        self.keypad.retranslate()
        self.title.setText(self.tr("Thực hành: số định danh cá nhân"))
        self.explain.setText(
            self.tr(
                "Số định danh cá nhân có 12 chữ số, in trên thẻ căn cước. Hãy bấm các số trên "
                "bàn phím bên phải, rồi bấm “Kiểm tra” để xem mỗi phần có nghĩa là gì."
            )
        )
        captions = (
            self.tr("mã tỉnh nơi đăng ký khai sinh"),
            self.tr("giới tính và thế kỷ sinh"),
            self.tr("năm sinh"),
            self.tr("số ngẫu nhiên"),
        )
        for caption, text in zip(self.captions, captions, strict=True):
            caption.setText(text)
        self.check.setText(self.tr("Kiểm tra"))
        self.back.setText(self.tr("‹ Quay lại bước"))
        self._show_typed()

    def show_view(self, view: WizardView) -> None:
        self._retranslate()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.setFocus()  # typing on a physical keyboard goes here at once

    def _follow(self, view: WizardView) -> None:
        if not shiboken6.isValid(self):
            return
        here = view.screen == Screen.PRACTICE and view.practice == PracticeModule.CCCD.value
        if not here and (self._typed or self.result.isVisible()):
            self.wipe()

    def wipe(self) -> None:
        self._typed = ""
        self.result.clear()
        self.result.setVisible(False)
        self._show_typed()

    @property
    def typed_length(self) -> int:
        """How many characters are typed (tests and read-aloud need the count, never the digits)."""
        return len(self._typed)

    def speech_text(self) -> str:
        # The result is not read aloud: it repeats parts of a real ID number in a public place.
        return f"{self.band.text()}. {self.title.text()}. {self.explain.text()}"
