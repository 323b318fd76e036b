"""The control for the egress tests: the same attack page in a plain QtWebEngine — an
off-the-record profile with none of the kiosk's protections, in a process of its own (the
kiosk's network rules are the engine's, for the whole process) — so a test can show that each
way out it tries does reach its trap when nothing stops it.

    python -m tests.e2e.egress_control ORIGIN   # visit ORIGIN's attack pages, print CONTROL-DONE
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QUrl
from PySide6.QtTest import QTest
from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineProfile
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QApplication

from tests.egress import VISITS, WAIT_MS


def main(argv: list[str]) -> int:
    app = QApplication([sys.argv[0]])
    profile = QWebEngineProfile()  # off the record, no interceptor, no script, no rules
    QTest.qWait(1500)  # the engine's first moments: see preconnect_child.py
    for path in VISITS:  # each in a new page
        view = QWebEngineView()
        page = QWebEnginePage(profile, view)
        view.setPage(page)
        view.resize(1024, 700)
        view.show()
        page.load(QUrl(argv[0] + path))
        QTest.qWait(WAIT_MS + 1500)  # the page's attempts (the last: its main-frame redirect)
        view.hide()
        view.deleteLater()
    print("CONTROL-DONE", flush=True)
    app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
