"""The volunteer panel's red line when the district's collector refused this kiosk's records.

A refused record is never silent (DESIGN.md): "12 bản ghi bị máy chủ từ chối — báo cho IT",
then one sentence on what happens and what IT does. The reasons come as the journal's codes
(kiosk.journal.parked); the words are translated here, in the UI.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.fleet_protocol import IDENTITY_REASONS, LEGACY_REJECTED
from ui.widgets.common import label


class RefusedNotice(QWidget):
    """Hidden while nothing is refused; otherwise the count in red and what to do."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("refusedNotice")
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 4, 0, 4)
        column.setSpacing(4)
        self.line = label("", "error")
        self.line.setObjectName("refusedLine")
        self.help = label("", None)
        self.help.setObjectName("refusedHelp")
        column.addWidget(self.line)
        column.addWidget(self.help)
        self.count = 0
        self.reasons: dict[str, int] = {}
        self.setVisible(False)

    def show_counts(self, count: int, reasons: Mapping[str, int]) -> None:
        """Show (or hide, for 0) the refused records and their reason codes."""
        self.count = count
        self.reasons = dict(reasons)
        self.retranslate()
        self.setVisible(count > 0)

    def retranslate(self) -> None:
        """Set the words in the current language."""
        self.line.setText(
            self.tr("⚠ %1 bản ghi bị máy chủ từ chối — báo cho IT").replace("%1", str(self.count))
        )
        identity = any(r in IDENTITY_REASONS or r == LEGACY_REJECTED for r in self.reasons)
        if identity:
            self.help.setText(
                self.tr(
                    "Mã máy trong cấu hình không khớp với máy chủ quận. Các bản ghi vẫn được giữ "
                    "trên máy: cán bộ CNTT chạy lại lệnh dvc-kiosk provision, rồi máy sẽ tự gửi "
                    "lại."
                )
            )
        else:
            self.help.setText(
                self.tr(
                    "Các bản ghi vẫn được giữ trên máy. Cán bộ CNTT xem lý do bằng lệnh "
                    "dvc-kiosk status."
                )
            )
