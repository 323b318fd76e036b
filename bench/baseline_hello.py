"""The floor for kiosk start-up: a bare PySide6 full-screen window with one Vietnamese label.

It exits right after its first paint, so timing this process measures what any Qt Widgets program
pays before a person sees anything. Compare the kiosk against it in the same run and quote the
ratio, not an absolute time:

    QT_QPA_PLATFORM=offscreen /usr/bin/time -v python bench/baseline_hello.py

Set BASELINE_SHOT=path.png to save what it drew. (The program the kiosk's start-up was first
measured against, kept here so a checkout measures against the same floor.)
"""

import os
import sys

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow


class FirstPaintLabel(QLabel):
    """A label that ends the program once it has been painted."""

    def paintEvent(self, event):
        super().paintEvent(event)
        QTimer.singleShot(0, finish)


def finish() -> None:
    shot = os.environ.get("BASELINE_SHOT")
    if shot:
        window.grab().save(shot)
    app.quit()


app = QApplication(sys.argv)
window = QMainWindow()
label = FirstPaintLabel("Đăng ký tạm trú — Hướng dẫn làm hồ sơ trực tuyến")
label.setAlignment(Qt.AlignmentFlag.AlignCenter)
label.setWordWrap(True)
font = QFont()
font.setPointSize(36)
label.setFont(font)
window.setCentralWidget(label)
# Without a window manager showFullScreen() keeps the size hint.
window.setGeometry(app.primaryScreen().geometry())
window.showFullScreen()
QTimer.singleShot(10_000, lambda: app.exit(2))  # never paints: fail rather than hang
sys.exit(app.exec())
