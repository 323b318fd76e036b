"""A QR code drawn with QPainter from segno's matrix, so residents can continue on their phone."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

QUIET_ZONE = 4  # modules of white border the QR standard asks for, so phones can read it


class QrCode(QWidget):
    """A square QR code of one URL, black on white whatever the theme (phones need the contrast)."""

    def __init__(self, side: int = 240, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._side = side
        self._matrix: tuple[bytearray, ...] = ()
        self.data = ""
        self.setMinimumSize(side, side)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def set_data(self, data: str) -> None:
        """Encode `data` (an official portal URL) with medium error correction and repaint."""
        if data == self.data:
            return
        self.data = data
        # segno drags in urllib.request, ssl and email (~50 ms): not before the first paint.
        import segno

        self._matrix = tuple(segno.make(data, error="m").matrix) if data else ()
        self.setAccessibleName(data)
        self.update()

    @property
    def modules(self) -> int:
        """How many modules wide the symbol is, without the quiet zone (0 when empty)."""
        return len(self._matrix)

    def is_dark(self, row: int, col: int) -> bool:
        """Whether the module at (row, col) is dark, for tests that read the code back."""
        return bool(self._matrix[row][col])

    def sizeHint(self) -> QSize:
        return QSize(self._side, self._side)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        side = min(self.width(), self.height())
        painter.fillRect(0, 0, side, side, QColor("#ffffff"))
        if not self._matrix:
            painter.end()
            return
        total = len(self._matrix) + 2 * QUIET_ZONE
        # Whole-pixel modules keep edges sharp for phone cameras; centre what is left over.
        unit = max(1, side // total)
        offset = (side - unit * total) // 2 + unit * QUIET_ZONE
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor("#000000"))
        for r, row in enumerate(self._matrix):
            for c, dark in enumerate(row):
                if dark:
                    painter.drawRect(QRectF(offset + c * unit, offset + r * unit, unit, unit))
        painter.end()
