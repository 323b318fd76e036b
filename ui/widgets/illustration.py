"""An SVG illustration scaled to fit, or a calm placeholder when the file is missing or broken."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

log = logging.getLogger(__name__)

WIDTH_PX = 520
MIN_WIDTH_PX = 240  # narrower than this a schematic picture is no longer readable


def render_svg(
    path: Path, width: int, background: Qt.GlobalColor = Qt.GlobalColor.white
) -> QPixmap | None:
    """The SVG at `path` rendered `width` pixels wide on `background`, or None if it cannot
    be drawn."""
    if not path.is_file():
        return None
    renderer = QSvgRenderer(str(path))
    if not renderer.isValid():
        return None
    view = renderer.viewBoxF()
    ratio = view.height() / view.width() if view.width() > 0 else 0.625
    pixmap = QPixmap(QSize(width, max(1, round(width * ratio))))
    pixmap.fill(background)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(pixmap.rect()))
    painter.end()
    return pixmap


class Illustration(QLabel):
    """Shows one step's schematic picture."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.path: Path | None = None
        self.missing_text = ""
        self.target_width = WIDTH_PX
        self.max_height = 0  # 0: no limit; else the picture is drawn no taller than this

    def show_image(self, path: Path | None, missing_text: str) -> None:
        """Display `path`; a missing or broken file shows `missing_text` instead."""
        self.path = path
        self.missing_text = missing_text
        pixmap = render_svg(path, self._width_for(path)) if path is not None else None
        if pixmap is None:
            if path is not None:
                log.warning("illustration cannot be shown: %s", path.name)
            self.setPixmap(QPixmap())
            self.setProperty("role", "notice")
            self.setText(missing_text if path is not None else "")
            self.setVisible(path is not None)
        else:
            self.setProperty("role", None)
            self.setPixmap(pixmap)
            self.setVisible(True)
        self.style().unpolish(self)
        self.style().polish(self)

    def _width_for(self, path: Path) -> int:
        if self.max_height <= 0 or not path.is_file():
            return self.target_width
        renderer = QSvgRenderer(str(path))
        view = renderer.viewBoxF()
        ratio = view.height() / view.width() if view.width() > 0 else 0.625
        fitted = int(self.max_height / ratio) if ratio > 0 else self.target_width
        return max(MIN_WIDTH_PX, min(self.target_width, fitted))

    def fit_height(self, height: int) -> None:
        """Draw the picture no taller than `height` (its visible room), redrawing if needed."""
        if height == self.max_height:
            return
        self.max_height = height
        if self.path is not None:
            self.show_image(self.path, self.missing_text)
