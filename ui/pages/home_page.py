"""Home: the help point, a big 'Bắt đầu', and the resident's language, text size, read-aloud."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QVBoxLayout,
    QWidget,
)

from kiosk.config import KioskConfig
from kiosk.protocol import Language, TextSize
from kiosk.wizard import Wizard, WizardView
from ui.pages.base import Page
from ui.widgets.common import button, label, scroll_area, toggle

# Language names are always written in their own language.
LANGUAGE_NAMES = {Language.VI.value: "Tiếng Việt", Language.EN.value: "English"}


class HomePage(Page):
    """The first screen a resident sees."""

    def __init__(self, wizard: Wizard, config: KioskConfig, parent: QWidget | None = None) -> None:
        super().__init__(wizard, parent)
        self.config = config
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = scroll_area(sideways=False)
        outer.addWidget(scroll)
        content = scroll.content
        layout = QVBoxLayout(content)
        layout.setContentsMargins(48, 16, 48, 16)
        layout.setSpacing(12)

        self.demo = label("", "notice")
        self.demo.setVisible(config.demo)
        self.title = label("", "display")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.subtitle = label("", None)
        self.subtitle.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.start = button("", "start", "startButton")
        self.start.clicked.connect(wizard.start)

        layout.addWidget(self.demo)
        layout.addStretch(1)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addSpacing(8)
        layout.addWidget(self.start, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)

        self.language_label = label("", "h2", wrap=False)
        lang_row, self.language_group = self._segment(
            [(code, LANGUAGE_NAMES[code], f"lang-{code}") for code in LANGUAGE_NAMES],
            lambda code: wizard.set_language(code),
        )
        self.size_label = label("", "h2", wrap=False)
        size_row, self.size_group = self._segment(
            [(s.value, "", f"size-{s.value}") for s in TextSize],
            lambda size: wizard.set_text_size(size),
        )
        self.speech_label = label("", "h2", wrap=False)
        speech_row, self.speech_group = self._segment(
            [("on", "", "speech-on"), ("off", "", "speech-off")],
            lambda value: wizard.set_read_aloud(value == "on"),
        )
        # A grid, so that the three rows of buttons start at one edge whatever the text size.
        choices = QGridLayout()
        choices.setHorizontalSpacing(12)
        choices.setVerticalSpacing(12)
        rows = [
            (self.language_label, lang_row),
            (self.size_label, size_row),
            (self.speech_label, speech_row),
        ]
        for line, (title, row) in enumerate(rows):
            choices.addWidget(title, line, 0)
            choices.addLayout(row, line, 1)
        choices.setColumnStretch(1, 1)
        layout.addLayout(choices)
        self.set_speech_available(False)  # until a Vietnamese voice answers (ui.speech)

    def _segment(
        self,
        choices: list[tuple[str, str, str]],
        on_pick: Callable[[str], None],
    ) -> tuple[QHBoxLayout, QButtonGroup]:
        row = QHBoxLayout()
        row.setSpacing(12)
        group = QButtonGroup(self)
        group.setExclusive(True)
        for value, text, name in choices:
            b = toggle(text, name)
            b.setProperty("value", value)
            b.clicked.connect(lambda _=False, v=value: on_pick(v))
            group.addButton(b)
            row.addWidget(b)
        row.addStretch(1)
        return row, group

    def set_speech_available(self, available: bool) -> None:
        """Hide the read-aloud choice where no Vietnamese voice exists (hidden, not broken)."""
        self.speech_available = available
        self.speech_label.setVisible(available)
        for b in self.speech_group.buttons():
            b.setVisible(available)

    def show_view(self, view: WizardView) -> None:
        self.title.setText(self.tr("Hướng dẫn làm thủ tục hành chính trực tuyến"))
        self.subtitle.setText(
            self.tr("Từng bước một, chậm rãi. Có tình nguyện viên ở bên cạnh để giúp bạn.")
        )
        self.start.setText(self.tr("Bắt đầu"))
        self.demo.setText(self.tr("Chế độ trình diễn (DEMO): chưa cài đặt cho điểm hướng dẫn nào."))
        self.language_label.setText(self.tr("Ngôn ngữ:"))
        self.size_label.setText(self.tr("Cỡ chữ:"))
        self.speech_label.setText(self.tr("Đọc to:"))
        size_names = {
            TextSize.NORMAL.value: self.tr("Thường"),
            TextSize.LARGE.value: self.tr("Lớn"),
            TextSize.XLARGE.value: self.tr("Rất lớn"),
        }
        speech_names = {"on": self.tr("Bật"), "off": self.tr("Tắt")}
        for b in self.language_group.buttons():
            b.setChecked(b.property("value") == view.language)
        for b in self.size_group.buttons():
            b.setText(size_names[b.property("value")])
            b.setChecked(b.property("value") == view.text_size)
        for b in self.speech_group.buttons():
            b.setText(speech_names[b.property("value")])
            b.setChecked((b.property("value") == "on") == view.read_aloud)

    def speech_text(self) -> str:
        return f"{self.title.text()}. {self.subtitle.text()}. {self.tr('Bấm nút Bắt đầu.')}"
