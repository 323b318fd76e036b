"""What a portal page cannot do, whatever it asks: open a WebRTC connection or reach a camera
(the APIs are gone from the page and its frames), or take a file that is dragged onto it (the
upload picker's folder rule cannot be passed by a drop). Each test has its control: the same
page in a plain QtWebEngine profile or view, where the thing works."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QUrl
from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineProfile
from PySide6.QtWebEngineWidgets import QWebEngineView

from tests.fake_portal import FakePortal
from tests.portal_driver import drop_files
from tests.ui.portal.conftest import PortalDriver

# typeof each WebRTC and capture entry point, in a page or a frame's window `w`
APIS = (
    "[typeof w.RTCPeerConnection, typeof w.webkitRTCPeerConnection, typeof w.RTCDataChannel,"
    " typeof w.navigator.mediaDevices.getUserMedia,"
    " typeof w.navigator.mediaDevices.getDisplayMedia, typeof w.navigator.webkitGetUserMedia]"
)
# Counts the page's drag events and the files any of them carried.
COUNT_DROPS = (
    "(window.dropped = {events: 0, files: 0}, ['dragenter', 'dragover', 'drop'].forEach(t =>"
    " document.addEventListener(t, e => { dropped.events++;"
    " dropped.files += e.dataTransfer ? e.dataTransfer.files.length : 0; }, true)), 0)"
)


class PlainView:
    """A QtWebEngine view with none of the kiosk's protections (the tests' control)."""

    def __init__(self, qtbot: Any) -> None:
        self.qtbot = qtbot
        self.profile = QWebEngineProfile()
        self.view = QWebEngineView()
        self.page = QWebEnginePage(self.profile, self.view)
        self.view.setPage(self.page)
        self.view.resize(900, 700)
        self.view.show()

    def load(self, url: str) -> None:
        with self.qtbot.waitSignal(self.page.loadFinished, timeout=15_000):
            self.page.load(QUrl(url))

    def js(self, script: str) -> Any:
        """The value of the expression `script` in the page (through JSON)."""
        box: list[Any] = []
        self.page.runJavaScript(f"JSON.stringify({script})", 0, box.append)
        self.qtbot.waitUntil(lambda: bool(box), timeout=15_000)
        return json.loads(box[0]) if isinstance(box[0], str) else None

    def close(self) -> None:
        self.view.hide()
        self.view.deleteLater()  # the page first (its child), then the profile
        self.qtbot.wait(50)
        self.profile.deleteLater()


@pytest.fixture
def plain(qtbot: Any) -> Iterator[PlainView]:
    """The control view."""
    made = PlainView(qtbot)
    yield made
    made.close()


# A frame of the page's own origin, loaded into it.
ADD_FRAME = (
    "(window.frameReady = false, document.body.appendChild(Object.assign("
    "document.createElement('iframe'), {src: '/popup', onload: () => frameReady = true})), 0)"
)
CENTRE = (
    "(r => [r.left + r.width / 2, r.top + r.height / 2])"
    "(document.getElementById('file').getBoundingClientRect())"
)


def test_webrtc_and_capture_are_gone_from_the_page_and_its_frames(
    qtbot: Any,
    portal_kiosk: Callable[..., PortalDriver],
    portal: FakePortal,
    plain: PlainView,
) -> None:
    """In the kiosk's portal view RTCPeerConnection, RTCDataChannel and getUserMedia are
    undefined, in the page and in a frame it loads; in a plain profile they are functions."""
    driver = portal_kiosk()
    driver.to_step()
    driver.press_portal_button()
    driver.go("/links")
    driver.js(ADD_FRAME)
    driver.wait_for("frameReady")
    page = driver.js(f"(w => {APIS})(window)")
    frame = driver.js(f"(w => {APIS})(document.querySelector('iframe').contentWindow)")
    assert page == ["undefined"] * 6
    assert frame == ["undefined"] * 6

    plain.load(f"{portal.origin}/links")
    assert plain.js(f"(w => {APIS})(window)") == ["function"] * 6


def test_a_file_dropped_on_the_page_reaches_nothing(
    qtbot: Any,
    portal_kiosk: Callable[..., PortalDriver],
    portal: FakePortal,
    plain: PlainView,
    scan_folder: Path,
    tmp_path: Path,
) -> None:
    """A file dragged from outside the scan folder onto the upload field: the drop is refused,
    the page sees no drag event and no file, and nothing is uploaded. The same drop onto a
    plain view fills its upload field."""
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    secret = outside / "ho-so-nguoi-khac.pdf"
    secret.write_bytes(b"%PDF-1.4 someone else's papers\n")

    driver = portal_kiosk()
    driver.to_step()
    driver.press_portal_button()
    driver.go("/upload")
    driver.js(COUNT_DROPS)
    accepted = drop_files(driver.window.windowHandle(), driver.point_of("file"), [secret])
    assert not accepted
    assert driver.js("dropped") == {"events": 0, "files": 0}
    assert driver.js("document.getElementById('file').files.length") == 0
    driver.submit()
    driver.wait_for("location.pathname === '/done'")
    assert portal.state.uploads == [""], "the form went with an empty file field"
    view = driver.view
    assert not view.acceptDrops() and not view.focusProxy().acceptDrops()

    plain.load(f"{portal.origin}/upload")
    plain.js(COUNT_DROPS)
    x, y = plain.js(CENTRE)
    assert drop_files(plain.view.windowHandle(), QPoint(round(x), round(y)), [secret])
    assert plain.js("document.getElementById('file').files.length") == 1
    assert plain.js("dropped.files") >= 1
