"""Suite-wide settings: Qt renders offscreen unless a test starts its own X client process."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Chromium (the portal view) refuses to start as root with its sandbox on. The kiosk runs as a
# normal user and keeps it on; only root-only test machines turn it off, here (docs/it-guide.md).
if hasattr(os, "geteuid") and os.geteuid() == 0:
    os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")


def pytest_configure(config: object) -> None:
    """Before pytest-qt makes the QApplication: what QtWebEngine needs from it (ui/app.py)."""
    from ui.app import prepare_qt_for_the_portal

    prepare_qt_for_the_portal()
