"""The kiosk's own upload picker: big rows of the files in the help point's scan folder and on
USB sticks — never the system's file dialog, never the rest of the disk."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QEventLoop, Qt
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from kiosk import format as fmt
from kiosk.portal import PickableFile, is_inside, pickable_files
from ui.background import Background
from ui.widgets.common import button, label, scroll_area


def size_text(size: int) -> str:
    """'850 KB', '1,2 MB' (Vietnamese decimal comma)."""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / (1024 * 1024):.1f} MB".replace(".", ",")


class FilePicker(QWidget):
    """Covers the portal pane while a page's upload field asks for files.

    `ask` lists the places in the background, shows one checkable row per file, and waits in a
    nested event loop (a page's file chooser is synchronous) until 'Chọn' or 'Hủy'; `cancel`
    ends the wait with nothing chosen (the session is ending). Every chosen path is checked
    once more to lie inside the places before it is handed to the page.
    """

    def __init__(self, parent: QWidget, background: Background) -> None:
        super().__init__(parent)
        self.setObjectName("portalFilePicker")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setProperty("role", "portal-notice")
        self.background = background
        column = QVBoxLayout(self)
        column.setContentsMargins(32, 24, 32, 24)
        column.setSpacing(12)
        self.title = label("", "h2")
        self.hint = label("", None)
        self.hint.setObjectName("filePickerHint")
        column.addWidget(self.title)
        column.addWidget(self.hint)
        self.file_list = scroll_area(sideways=False)
        self.rows = QVBoxLayout(self.file_list.content)
        self.rows.setSpacing(8)
        self.rows.addStretch(1)
        column.addWidget(self.file_list, 1)
        actions = QHBoxLayout()
        self.cancel_button = button("", "secondary", "filePickerCancel")
        self.choose_button = button("", None, "filePickerChoose")
        self.cancel_button.clicked.connect(self.cancel)
        self.choose_button.clicked.connect(self._choose)
        actions.addWidget(self.cancel_button)
        actions.addStretch(1)
        actions.addWidget(self.choose_button)
        column.addLayout(actions)
        self.row_buttons: dict[QPushButton, PickableFile] = {}
        self._places: list[Path] = []
        self._scan_folder: Path | None = None
        self._multiple = False
        self._chosen: list[str] = []
        self._loop: QEventLoop | None = None
        self.hide()

    @property
    def asking(self) -> bool:
        """Whether a page is waiting for an answer."""
        return self._loop is not None

    def ask(
        self,
        places: Callable[[], list[Path]],
        scan_folder: Path | None,
        accept: Sequence[str],
        multiple: bool,
    ) -> list[str]:
        """Show the files fitting `accept` in the folders `places()` names (asked off the GUI
        thread: it looks at the disk); the chosen paths ([] = none)."""
        if self._loop is not None:
            return []
        self._places = []
        self._scan_folder = scan_folder
        self._multiple = multiple
        self._chosen = []
        self._clear_rows()
        self.title.setText(self.tr("Chọn giấy tờ để tải lên"))
        self.hint.setText(self.tr("Đang tìm giấy tờ đã quét…"))
        self.cancel_button.setText(self.tr("Hủy"))
        self.choose_button.setText(self.tr("Tải lên giấy tờ đã chọn"))
        self.choose_button.setEnabled(False)
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.show()
        self.raise_()
        self.cancel_button.setFocus()
        wanted = list(accept)

        def look() -> tuple[list[Path], list[PickableFile]]:
            where = places()
            return where, pickable_files(where, wanted)

        self.background.run(
            look,
            lambda found: self._show_files(*found),
            lambda _exc: self._show_files([], []),
            label="portal-picker",
        )
        self._loop = QEventLoop()
        self._loop.exec()
        self._loop = None
        self.hide()
        self._clear_rows()
        return self._chosen

    def cancel(self) -> None:
        """Close without choosing anything."""
        self._chosen = []
        if self._loop is not None:
            self._loop.quit()

    def _show_files(self, places: list[Path], files: list[PickableFile]) -> None:
        if self._loop is None:
            return
        self._places = places
        if not files:
            self.hint.setText(
                self.tr(
                    "Chưa có giấy tờ nào để tải lên. Nhờ tình nguyện viên quét giấy tờ giúp "
                    "bạn, hoặc cắm USB có giấy tờ vào máy."
                )
            )
            return
        self.hint.setText(
            self.tr("Chạm vào giấy tờ cần gửi, rồi bấm nút dưới cùng.")
            if not self._multiple
            else self.tr("Chạm vào từng giấy tờ cần gửi (chọn được nhiều), rồi bấm nút dưới cùng.")
        )
        for entry in files:
            when = datetime.fromtimestamp(entry.modified)
            where = self.tr("máy quét") if entry.place == self._scan_folder else self.tr("USB")
            row = button(
                f"{entry.path.name}\n{size_text(entry.size)} · {fmt.day(when.date())} "
                f"{when.strftime('%H:%M')} · {where}",
                "file-row",
                "filePickerRow",
            )
            row.setCheckable(True)
            row.toggled.connect(lambda on, b=row: self._toggled(b, on))
            self.rows.insertWidget(self.rows.count() - 1, row)
            self.row_buttons[row] = entry

    def _toggled(self, row: QPushButton, on: bool) -> None:
        if on and not self._multiple:
            for other in self.row_buttons:
                if other is not row and other.isChecked():
                    other.setChecked(False)
        self.choose_button.setEnabled(any(b.isChecked() for b in self.row_buttons))

    def _choose(self) -> None:
        picked = [entry for b, entry in self.row_buttons.items() if b.isChecked()]
        self._chosen = [str(e.path) for e in picked if is_inside(e.path, self._places)]
        if self._loop is not None:
            self._loop.quit()

    def _clear_rows(self) -> None:
        for row in self.row_buttons:
            row.deleteLater()
        self.row_buttons.clear()
