"""Full-screen pages shown instead of the wizard when the kiosk cannot start properly.

The config page is for IT staff: it names the file and the key that is wrong. The catalog page
is calm for residents and names the file for whoever fixes it. Neither shows a traceback.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.config import CONFIG_ENV, ConfigError
from ui.widgets.common import button, label


class ProblemPage(QWidget):
    """A page with a heading, explanations and a quit button for IT.

    The heading and explanations scroll; the quit button stays below them, always on screen.
    Word-wrapped lines ask for their height at their narrowest width (974 px here for the
    config page), which pushed the button off a 1366×768 screen when it was in the same
    column: now the page asks only for the button and a little text, whatever the screen.
    """

    def __init__(self, heading: str, lines: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("KioskRoot")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        body = QWidget()
        body.setObjectName("problemBody")
        # Its height for the width it has (its wrapped lines), not for its narrowest width:
        # else the scroll bar shows when everything fits.
        body.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Ignored)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(64, 48, 64, 20)
        layout.setSpacing(20)
        self.heading = label(heading, "h1")
        layout.addWidget(self.heading)
        self.lines = [label(line, None) for line in lines]
        for line in self.lines:
            line.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(line)
        layout.addStretch(1)
        self.text_area = QScrollArea()
        self.text_area.setObjectName("problemScroll")
        self.text_area.setWidgetResizable(True)
        self.text_area.setFrameShape(QFrame.Shape.NoFrame)
        self.text_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.text_area.setWidget(body)
        outer.addWidget(self.text_area, 1)
        footer = QVBoxLayout()
        footer.setContentsMargins(64, 12, 64, 32)
        self.quit = button(self.tr("Thoát (dành cho kỹ thuật viên)"), "secondary", "quitButton")
        self.quit.clicked.connect(QApplication.quit)
        footer.addWidget(self.quit, 0, Qt.AlignmentFlag.AlignLeft)
        outer.addLayout(footer)


class ConfigProblemPage(ProblemPage):
    """For IT: which key in which config file is wrong, and how to fix it."""

    def __init__(self, error: ConfigError, parent: QWidget | None = None) -> None:
        super().__init__(
            "Máy này chưa được cài đặt đúng",
            [
                "Kiosk chưa thể bắt đầu vì tệp cấu hình có lỗi. "
                "Xin báo cán bộ kỹ thuật của phường.",
                f"Tệp: {error.file}",
                f"Mục: {error.key}",
                f"Lỗi: {error.message}",
                "Cách sửa: sửa mục trên trong tệp, hoặc chạy lại "
                '"dvc-kiosk provision". Đặt biến môi trường '
                f"{CONFIG_ENV} để chỉ tới tệp khác.",
                "(Configuration error — for IT staff.)",
            ],
            parent,
        )
        self.setObjectName("configProblemPage")


class CatalogProblemPage(ProblemPage):
    """For everyone: the guidance content is unusable; a volunteer should call IT."""

    def __init__(self, reason: str, parent: QWidget | None = None) -> None:
        super().__init__(
            "Nội dung hướng dẫn đang được sửa",
            [
                "Xin lỗi, máy này tạm thời chưa hiển thị được hướng dẫn. "
                "Bạn vui lòng nhờ tình nguyện viên giúp, hoặc quay lại sau.",
                f"Dành cho kỹ thuật viên: {reason}",
            ],
            parent,
        )
        self.setObjectName("catalogProblemPage")
