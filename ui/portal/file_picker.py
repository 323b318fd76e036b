"""The kiosk's own upload picker: big rows of this resident's scans (only those that arrived
since their session began, newest first) and the files on their USB stick, with a large
preview of the one touched — never the system's file dialog, never the rest of the disk,
never an earlier resident's scan (kiosk.portal.upload_choices)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QEvent, QEventLoop, QMargins, QObject, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QImage, QImageReader, QPainter, QPaintEvent, QPen, QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QHBoxLayout,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk import format as fmt
from kiosk.portal import PickableFile, is_inside
from ui.background import Background
from ui.theme import COLORS
from ui.widgets.common import button, label, scroll_area

ROW_PADDING = 56  # a row's padding and border on both sides, and the list's scroll bar
PREVIEW_PIXELS = 900  # the longest edge a preview is rendered at
SIDE_BY_SIDE_WIDTH = 760  # narrower than this, the preview goes above the list
# What the picker asks for its rows: (places it may take files from, files newest first).
Choices = Callable[[list[str]], tuple[list[Path], list[PickableFile]]]


def preview_image(path: Path, longest: int = PREVIEW_PIXELS) -> QImage | None:
    """A picture of the file: the image itself, or a PDF's first page; None when Qt cannot
    draw it (another kind of file, a damaged one). Safe off the GUI thread (QImage only)."""
    if path.suffix.lower() == ".pdf":
        from PySide6.QtPdf import QPdfDocument

        document = QPdfDocument()
        try:
            if document.load(str(path)) != QPdfDocument.Error.None_ or document.pageCount() < 1:
                return None
            points = document.pagePointSize(0)
            if points.width() <= 0 or points.height() <= 0:
                return None
            size = QSize(round(points.width()), round(points.height())).scaled(
                longest, longest, Qt.AspectRatioMode.KeepAspectRatio
            )
            image = document.render(0, size)
        finally:
            document.close()
        return None if image.isNull() else image
    reader = QImageReader(str(path))
    reader.setAutoTransform(True)
    size = reader.size()
    if size.isValid() and max(size.width(), size.height()) > longest:
        reader.setScaledSize(size.scaled(longest, longest, Qt.AspectRatioMode.KeepAspectRatio))
    image = reader.read()
    return None if image.isNull() else image


class Preview(QWidget):
    """The touched file, large: its picture scaled to fit, or a card naming its kind."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("filePickerPreview")
        self.setMinimumSize(200, 200)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        self.image: QImage | None = None
        column = QVBoxLayout(self)
        column.setContentsMargins(24, 24, 24, 24)
        column.addStretch(1)
        self.card = label("", "h2")
        self.card.setObjectName("filePickerCard")
        self.card.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.card_text = label("", None)
        self.card_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        column.addWidget(self.card)
        column.addWidget(self.card_text)
        column.addStretch(1)

    def show_image(self, image: QImage) -> None:
        """Show a rendered page or picture."""
        self.image = image
        self.card.hide()
        self.card_text.hide()
        self.update()

    def show_card(self, kind: str, sentence: str) -> None:
        """Show a card: the file's kind ('PDF', 'Word') and a sentence."""
        self.image = None
        self.card.setText(kind)
        self.card_text.setText(sentence)
        self.card.show()
        self.card_text.show()
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        area = self.rect().adjusted(2, 2, -2, -2)
        painter.fillRect(area, QColor(COLORS["surface"]))
        if self.image is not None:
            size = self.image.size().scaled(
                area.size().shrunkBy(QMargins(8, 8, 8, 8)),
                Qt.AspectRatioMode.KeepAspectRatio,
            )
            target = QRect(0, 0, size.width(), size.height())
            target.moveCenter(area.center())
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.fillRect(target, QColor("#ffffff"))
            painter.drawImage(target, self.image)
        painter.setPen(QPen(QColor(COLORS["text_muted"]), 2))
        painter.drawRect(area)
        painter.end()


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
        self._pane = parent  # the portal pane; the picker covers the page it sits in
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
        self.file_list.viewport().installEventFilter(self)
        list_policy = self.file_list.sizePolicy()
        list_policy.setHorizontalPolicy(QSizePolicy.Policy.Expanding)
        self.file_list.setSizePolicy(list_policy)
        self.preview = Preview()
        self.preview_name = label("", None)
        self.preview_name.setObjectName("filePickerPreviewName")
        # A long name breaks (after '_', '-', '.'), never widening the preview past its share.
        self.preview_name.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Minimum)
        preview_column = QVBoxLayout()
        preview_column.setSpacing(8)
        preview_column.addWidget(self.preview, 1)
        preview_column.addWidget(self.preview_name)
        self.preview_box = QWidget()
        self.preview_box.setLayout(preview_column)
        preview_column.setContentsMargins(0, 0, 0, 0)
        self.body = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.body.setSpacing(16)
        self.body.addWidget(self.file_list, 3)
        self.body.addWidget(self.preview_box, 2)
        self.preview_box.hide()
        column.addLayout(self.body, 1)
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
        self._row_lines: dict[QPushButton, tuple[str, str]] = {}  # the whole words of each row
        self._places: list[Path] = []
        self._scan_folder: Path | None = None
        self._multiple = False
        self._chosen: list[str] = []
        self._loop: QEventLoop | None = None
        self.previewed: PickableFile | None = None  # the file the preview shows
        self.hide()

    def _cover(self) -> None:
        """Cover the whole split page while asking (the guide is not needed while choosing a
        file, and the list and preview need the width at 'Rất lớn'), or the pane without one.
        """
        pane = self._pane
        area = pane.parentWidget() or pane
        if self.parentWidget() is not area:
            self.setParent(area)
            area.installEventFilter(self)
        self.setGeometry(area.rect())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        area = self.parentWidget()
        if event.type() == QEvent.Type.Resize and watched is area and self.isVisible():
            self.setGeometry(area.rect())
        if event.type() == QEvent.Type.Resize and watched is self.file_list.viewport():
            self._fit_rows()
        return False

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Preview beside the list when there is room; else under it, no taller than half."""
        super().resizeEvent(event)
        wide = event.size().width() >= SIDE_BY_SIDE_WIDTH
        self.body.setDirection(
            QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        )
        self.preview_box.setMaximumHeight(16_777_215 if wide else event.size().height() // 2)
        QTimer.singleShot(0, self._fit_rows)  # once the list has its new width

    @property
    def asking(self) -> bool:
        """Whether a page is waiting for an answer."""
        return self._loop is not None

    def ask(
        self,
        choices: Choices,
        scan_folder: Path | None,
        accept: Sequence[str],
        multiple: bool,
    ) -> list[str]:
        """Show the files `choices(accept)` lists (asked off the GUI thread: it looks at the
        disk); the chosen paths ([] = none)."""
        if self._loop is not None:
            return []
        self._places = []
        self._scan_folder = scan_folder
        self._multiple = multiple
        self._chosen = []
        self._clear_rows()
        self.title.setText(self.tr("Chọn giấy tờ để tải lên"))
        self.preview_box.hide()
        self.hint.setText(self.tr("Đang tìm giấy tờ đã quét…"))
        self.cancel_button.setText(self.tr("Hủy"))
        self.choose_button.setText(self.tr("Tải lên giấy tờ đã chọn"))
        self.choose_button.setEnabled(False)
        self._cover()
        self.show()
        self.raise_()
        self.cancel_button.setFocus()
        wanted = list(accept)

        def look() -> tuple[list[Path], list[PickableFile]]:
            return choices(wanted)

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
                    "Chưa có giấy tờ nào của bạn để tải lên. Nhờ tình nguyện viên quét giấy tờ "
                    "giúp bạn ngay bây giờ (giấy tờ quét trước lượt của bạn không hiện ở đây), "
                    "hoặc cắm USB có giấy tờ vào máy."
                )
            )
            return
        self.hint.setText(
            self.tr("Giấy tờ bạn vừa quét, mới nhất ở trên. Chạm để xem, rồi bấm nút dưới cùng.")
            if not self._multiple
            else self.tr(
                "Giấy tờ bạn vừa quét, mới nhất ở trên. Chạm vào từng giấy tờ cần gửi (chọn "
                "được nhiều), rồi bấm nút dưới cùng."
            )
        )
        for number, entry in enumerate(files):
            when = datetime.fromtimestamp(entry.modified)
            if entry.place == self._scan_folder:  # scanned during this session: today
                about = self.tr("Quét lúc %1").replace("%1", when.strftime("%H:%M"))
            else:
                about = f"USB · {fmt.day(when.date())} {when.strftime('%H:%M')}"
            newest = self.tr("Mới nhất · ") if number == 0 else ""
            row = button(f"{entry.path.name}\n{newest}{about}", "file-row", "filePickerRow")
            self._row_lines[row] = (entry.path.name, f"{newest}{about}")
            row.setCheckable(True)
            row.toggled.connect(lambda on, b=row: self._toggled(b, on))
            self.rows.insertWidget(self.rows.count() - 1, row)
            self.row_buttons[row] = entry
        self.preview_box.show()
        self._fit_rows()
        QTimer.singleShot(0, self._fit_rows)  # again once the layout has placed the rows
        self._show_preview(files[0])

    def _fit_rows(self) -> None:
        """Each row's two lines shortened in the middle to the row's width (a scanner's long
        names; 'Rất lớn'): a row never claims more width than the list has. The preview's
        caption gives the whole name."""
        room = self.file_list.viewport().width() - ROW_PADDING
        if room <= 0:
            return
        for row, (name, about) in self._row_lines.items():
            metrics = row.fontMetrics()
            mode = Qt.TextElideMode.ElideMiddle
            row.setText(
                f"{metrics.elidedText(name, mode, room)}\n"
                f"{metrics.elidedText(about, Qt.TextElideMode.ElideRight, room)}"
            )

    def _show_preview(self, entry: PickableFile) -> None:
        """Render the file's picture off the GUI thread; a card until (or unless) it comes."""
        self.previewed = entry
        breakable = "".join(c + "\u200b" if c in "_-." else c for c in entry.path.name)
        self.preview_name.setText(f"{breakable} · {size_text(entry.size)}")
        kind = entry.path.suffix.lstrip(".").upper() or self.tr("Tệp")
        self.preview.show_card(kind, self.tr("Đang mở hình xem trước…"))
        path = entry.path

        def shown(image: QImage | None) -> None:
            if self.previewed is not entry:
                return  # another file was touched meanwhile
            if image is None:
                self.preview.show_card(
                    kind,
                    self.tr("Máy không xem trước được tệp này. Xem kỹ tên và giờ quét của tệp."),
                )
            else:
                self.preview.show_image(image)

        self.background.run(
            lambda: preview_image(path), shown, lambda _exc: shown(None), label="portal-preview"
        )

    def _toggled(self, row: QPushButton, on: bool) -> None:
        entry = self.row_buttons.get(row)
        if on and entry is not None and entry is not self.previewed:
            self._show_preview(entry)
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
        self._row_lines.clear()
        self.previewed = None
        self.preview.image = None
