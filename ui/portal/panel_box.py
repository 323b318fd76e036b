"""The volunteer panel's portal section: is a resident's portal session open, and
'Kết thúc phiên trên cổng' to wipe it now (the resident's guide goes on)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QVBoxLayout, QWidget

from ui.widgets.common import button, label, set_role

if TYPE_CHECKING:
    from ui.portal.controller import PortalController


class PortalPanelBox(QWidget):
    """Title, one line of state, and the button; follows the controller's state."""

    def __init__(self, controller: PortalController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 8, 0, 0)
        column.setSpacing(8)
        self.title = label("", "h2")
        self.state = label("", None)
        self.state.setObjectName("portalState")
        self.end_button = button("", "help", "endPortalButton")
        self.end_button.clicked.connect(self._end)
        column.addWidget(self.title)
        column.addWidget(self.state)
        column.addWidget(self.end_button)
        controller.state_changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        """Show the current state (also when the panel opens)."""
        controller = self.controller
        self.title.setText(self.tr("Cổng dịch vụ công trên máy"))
        self.end_button.setText(self.tr("Kết thúc phiên trên cổng"))
        self.end_button.setVisible(controller.is_open)
        set_role(self.state, "error" if controller.problem or controller.scan_problem else "")
        if controller.problem is not None:
            self.state.setText(
                self.tr("Cổng không mở được trên máy này. Báo cán bộ CNTT:")
                + "\n"
                + controller.problem
            )
        elif not controller.settings.enabled:
            self.state.setText(self.tr("Đã tắt trong cấu hình của máy."))
        elif controller.is_open:
            minutes = max(0, round(controller.open_seconds() / 60))
            self.state.setText(
                # Whether she is still logged in there the kiosk cannot see: it says what it knows.
                self.tr("Cổng đang mở (%1, %2 phút).")
                .replace("%1", controller.procedure_name())
                .replace("%2", str(minutes))
            )
        else:
            self.state.setText(self.tr("Không có phiên nào đang mở."))
        if controller.scan_problem is not None:
            # Old scans (a stranger's papers) still on the disk: never quietly, and first.
            self.state.setText(
                self.tr(
                    "Chưa xóa được giấy tờ quét cũ trong thư mục máy quét (người dân sau không "
                    "thấy chúng, nhưng chúng vẫn nằm trên máy). Báo cán bộ CNTT:"
                )
                + "\n"
                + controller.scan_problem
                + "\n"
                + self.state.text()
            )

    def _end(self) -> None:
        self.controller.end_by_volunteer()
        self.state.setText(self.tr("Đã kết thúc phiên trên cổng và xóa mọi dữ liệu của phiên."))
