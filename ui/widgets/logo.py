"""The logo in the top bar; holding it for 3 seconds opens the volunteer panel.

`resources/images/logo.svg` is the source; `logo.png` is its rendering at LOGO_PX, which the
kiosk loads at start-up: drawing the SVG there would import QtSvg and lay out its text before
the home screen is painted (~8 ms). A test keeps the two alike; after editing the SVG run
`python -m ui.widgets.logo` to redraw the PNG.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QSize, QTimer, Signal
from PySide6.QtGui import QMouseEvent, QPixmap
from PySide6.QtWidgets import QLabel, QWidget

from kiosk.paths import resources_dir

LOGO_PX = 64
LOGO_SVG = "logo.svg"
LOGO_PNG = "logo.png"


def render_logo() -> QPixmap | None:
    """The SVG source drawn at LOGO_PX (slow: for the PNG and its test)."""
    from PySide6.QtCore import Qt

    from ui.widgets.illustration import render_svg

    # Transparent around the rounded corners, so the top bar's colour shows there.
    return render_svg(resources_dir() / "images" / LOGO_SVG, LOGO_PX, Qt.GlobalColor.transparent)


def logo_pixmap() -> QPixmap | None:
    """The logo for the top bar: the PNG, or the SVG drawn now when the PNG is missing."""
    pixmap = QPixmap(str(resources_dir() / "images" / LOGO_PNG))
    return pixmap if not pixmap.isNull() else render_logo()


class LogoButton(QLabel):
    """A logo that reacts only to a long press, a gesture residents do not make by chance.

    Signals:
        held: the logo was pressed and held for the whole hold time.
    """

    held = Signal()

    def __init__(self, hold_ms: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("logo")
        self.setFixedSize(QSize(LOGO_PX, LOGO_PX))
        pixmap = logo_pixmap()
        if pixmap is not None:
            self.setPixmap(pixmap)
        else:
            self.setText("DVC")
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(hold_ms)
        self.timer.timeout.connect(self.held)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.timer.start()
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self.timer.stop()
        event.accept()


def main() -> int:
    """Redraw resources/images/logo.png from logo.svg (with the bundled fonts)."""
    from PySide6.QtWidgets import QApplication

    from ui.theme import load_fonts

    app = QApplication.instance() or QApplication(sys.argv[:1])
    load_fonts()
    pixmap = render_logo()
    target = resources_dir() / "images" / LOGO_PNG
    if pixmap is None or not pixmap.save(str(target), "PNG"):
        print(f"could not draw {LOGO_SVG} into {target}", file=sys.stderr)
        return 1
    print(f"wrote {target}")
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
