"""One short web engine process that opens the fake portal's /attack page (tests/egress.py's
preconnect page), for the preconnect tests: `kiosk` makes the engine as the kiosk does
(ui/portal/controller.prepare_engine with the test origin as its allow-list, then the kiosk's
private profile and interceptor); `plain` is QtWebEngine with none of it.

    python -m tests.e2e.preconnect_child kiosk|plain ORIGIN   # prints PRECONNECT-DONE
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QUrl
from PySide6.QtTest import QTest
from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineProfile
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QApplication


def main(argv: list[str]) -> int:
    mode, origin = argv
    app = QApplication([sys.argv[0]])
    if mode == "kiosk":
        from kiosk.portal import AllowList, LoopbackOrigin
        from ui.portal.controller import prepare_engine
        from ui.portal.interceptor import AllowListInterceptor
        from ui.portal.session import private_profile

        allow = AllowList((), LoopbackOrigin.parse(origin))
        prepare_engine(software_rendering=False, allow=allow)
        profile = private_profile()
        interceptor = AllowListInterceptor(allow, app)
        profile.setUrlRequestInterceptor(interceptor)
    else:
        profile = QWebEngineProfile()
    view = QWebEngineView()
    page = QWebEnginePage(profile, view)
    view.setPage(page)
    view.show()
    # A page loaded in the engine's first moments often makes no preconnects at all (Chromium
    # 140 in QtWebEngine, in this sandbox: about 2 runs in 3 of the kiosk's); after a pause,
    # nearly every run makes them. The tests still check that this run did.
    QTest.qWait(1500)
    page.load(QUrl(f"{origin}/attack"))
    QTest.qWait(3000)
    print("PRECONNECT-DONE", flush=True)
    view.hide()
    view.deleteLater()
    app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
