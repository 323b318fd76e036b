"""Full-screen pages shown instead of the wizard when the kiosk cannot start properly.

The config page is for IT staff: it names the file and the key that is wrong. The catalog page
is calm for residents and names the file for whoever fixes it. Neither shows a traceback.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from kiosk.config import CONFIG_ENV, ConfigError
from ui.widgets.common import button, label


class ProblemPage(QWidget):
    """A page with a heading, explanations and a quit button for IT."""

    def __init__(self, heading: str, lines: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("KioskRoot")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(64, 48, 64, 48)
        layout.setSpacing(20)
        self.heading = label(heading, "h1")
        layout.addWidget(self.heading)
        self.lines = [label(line, None) for line in lines]
        for line in self.lines:
            line.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(line)
        layout.addStretch(1)
        self.quit = button(self.tr("Thoát (dành cho kỹ thuật viên)"), "secondary", "quitButton")
        self.quit.clicked.connect(QApplication.quit)
        layout.addWidget(self.quit, 0, Qt.AlignmentFlag.AlignLeft)


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
