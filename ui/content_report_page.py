"""'Báo nội dung sai': a volunteer picks which part of a procedure is wrong and why.

Both choices come from fixed lists — the procedure's overview or one of its steps, and a
reason from kiosk.protocol.ContentProblem — so nothing typed can reach the journal. The page
lives in the volunteer panel; the panel hands the choice to the journal hook-up.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QVBoxLayout, QWidget

from kiosk import format as fmt
from kiosk.catalog.model import Procedure
from kiosk.protocol import OVERVIEW_STEP, ContentProblem
from ui.widgets.common import button, label, scroll_area, set_role
from ui.widgets.tile import TileButton


class ContentReportPage(QWidget):
    """Two columns of choices — the part (overview or a step) and the reason — and 'Gửi'.

    Signals:
        send(str, int, str): procedure id, step (0 = overview), ContentProblem value.
        cancelled(): 'Hủy' was pressed.
    """

    send = Signal(str, int, str)
    cancelled = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.procedure: Procedure | None = None
        self.language = "vi"
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(8)
        self.title = label("", "h1")
        self.about = label("", None)
        self.about.setObjectName("reportProcedure")
        column.addWidget(self.title)
        column.addWidget(self.about)

        row = QHBoxLayout()
        row.setSpacing(24)
        self.part_heading = label("", "h2")
        self.part_scroll = scroll_area(sideways=False)
        self.part_box = QVBoxLayout(self.part_scroll.content)
        self.part_box.setContentsMargins(0, 0, 8, 0)
        self.part_box.setSpacing(8)
        self.part_group = QButtonGroup(self)
        self.part_group.setExclusive(True)
        parts = QVBoxLayout()
        parts.addWidget(self.part_heading)
        parts.addWidget(self.part_scroll, 1)
        row.addLayout(parts, 1)

        self.reason_heading = label("", "h2")
        self.reason_scroll = scroll_area(sideways=False)
        reason_box = QVBoxLayout(self.reason_scroll.content)
        reason_box.setContentsMargins(0, 0, 8, 0)
        reason_box.setSpacing(8)
        self.reason_group = QButtonGroup(self)
        self.reason_group.setExclusive(True)
        self.reason_buttons: dict[ContentProblem, TileButton] = {}
        for reason in ContentProblem:
            chip = self._chip(f"reason-{reason.value}")
            self.reason_group.addButton(chip)
            reason_box.addWidget(chip)
            self.reason_buttons[reason] = chip
        reason_box.addStretch(1)
        reasons = QVBoxLayout()
        reasons.addWidget(self.reason_heading)
        reasons.addWidget(self.reason_scroll, 1)
        row.addLayout(reasons, 1)
        column.addLayout(row, 1)

        self.message = label("", "error")
        self.message.setObjectName("reportMessage")
        column.addWidget(self.message)
        actions = QHBoxLayout()
        self.cancel = button("", "secondary", "cancelReportButton")
        self.cancel.clicked.connect(self.cancelled)
        self.submit = button("", None, "sendReportButton")
        self.submit.clicked.connect(self._send)
        actions.addWidget(self.cancel)
        actions.addStretch(1)
        actions.addWidget(self.submit)
        column.addLayout(actions)
        self.part_buttons: dict[int, TileButton] = {}
        self.retranslate()

    @staticmethod
    def _chip(name: str) -> TileButton:
        chip = TileButton("", role="chip")
        chip.setCheckable(True)
        chip.setObjectName(name)
        return chip

    def retranslate(self) -> None:
        """The fixed words in the current language."""
        self.title.setText(self.tr("Báo nội dung sai"))
        self.part_heading.setText(self.tr("Phần nào sai?"))
        self.reason_heading.setText(self.tr("Sai thế nào?"))
        self.cancel.setText(self.tr("Hủy"))
        self.submit.setText(self.tr("Gửi báo cáo"))
        names = self.reason_names()
        for reason, chip in self.reason_buttons.items():
            chip.set_texts(names[reason])
        self._show_procedure()

    def reason_names(self) -> dict[ContentProblem, str]:
        """The reasons as a volunteer reads them."""
        return {
            ContentProblem.FEE: self.tr("Lệ phí không đúng"),
            ContentProblem.DOCUMENTS: self.tr("Giấy tờ cần chuẩn bị không đúng"),
            ContentProblem.PORTAL: self.tr("Địa chỉ trang web hoặc cổng không đúng"),
            ContentProblem.SCREEN_CHANGED: self.tr("Màn hình trên cổng đã khác hướng dẫn"),
            ContentProblem.PICTURE: self.tr("Hình minh họa không khớp"),
            ContentProblem.PROCESSING_TIME: self.tr("Thời gian giải quyết không đúng"),
            ContentProblem.UNCLEAR: self.tr("Người dân thấy khó hiểu"),
            ContentProblem.OTHER: self.tr("Lý do khác (báo trực tiếp cho quận)"),
        }

    def show_procedure(self, procedure: Procedure, language: str, step: int) -> None:
        """Offer the overview and every step of `procedure`, `step` picked (0 = overview)."""
        self.procedure = procedure
        self.language = language
        while self.part_box.count():
            item = self.part_box.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                self.part_group.removeButton(widget)  # type: ignore[arg-type]
                widget.hide()
                widget.deleteLater()
        self.part_buttons = {}
        for number in range(OVERVIEW_STEP, len(procedure.steps) + 1):
            chip = self._chip(f"part-{number}")
            self.part_group.addButton(chip)
            self.part_box.addWidget(chip)
            chip.show()
            self.part_buttons[number] = chip
        self.part_box.addStretch(1)
        self.part_buttons.get(step, self.part_buttons[OVERVIEW_STEP]).setChecked(True)
        self.reason_group.setExclusive(False)  # an exclusive group cannot be emptied
        for chip in self.reason_buttons.values():
            chip.setChecked(False)
        self.reason_group.setExclusive(True)
        self.message.clear()
        self.part_scroll.verticalScrollBar().setValue(0)
        self.reason_scroll.verticalScrollBar().setValue(0)
        self._show_procedure()

    def _show_procedure(self) -> None:
        procedure = self.procedure
        if procedure is None:
            return
        self.about.setText(
            self.tr("Thủ tục: %1 (thông tin kiểm tra ngày %2)")
            .replace("%1", procedure.short_name.get(self.language))
            .replace("%2", fmt.day(procedure.checked))
        )
        for number, chip in self.part_buttons.items():
            if number == OVERVIEW_STEP:
                chip.set_texts(self.tr("Phần tổng quan (lệ phí, giấy tờ, thời gian, nơi làm)"))
            else:
                title = procedure.steps[number - 1].title.get(self.language)
                chip.set_texts(
                    self.tr("Bước %1: %2").replace("%1", str(number)).replace("%2", title)
                )

    def chosen(self) -> tuple[int, ContentProblem] | None:
        """(step, reason) when both are picked."""
        step = next((n for n, chip in self.part_buttons.items() if chip.isChecked()), None)
        reason = next((r for r, chip in self.reason_buttons.items() if chip.isChecked()), None)
        if step is None or reason is None:
            return None
        return step, reason

    def _send(self) -> None:
        picked = self.chosen()
        if self.procedure is None or picked is None:
            set_role(self.message, "error")
            self.message.setText(self.tr("Hãy chọn phần sai và lý do, rồi bấm “Gửi báo cáo”."))
            return
        step, reason = picked
        self.send.emit(self.procedure.id, step, reason.value)

    def focus_first(self) -> None:
        """Keyboard focus on the picked part, so Tab walks the choices in order."""
        for chip in self.part_buttons.values():
            if chip.isChecked():
                chip.setFocus(Qt.FocusReason.OtherFocusReason)
                return
