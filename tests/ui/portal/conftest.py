"""The portal view's tests: the fake portal and a foreign site on loopback, the real kiosk with
a test origin in its config, and a driver that works the real web view the way a resident
does (keys and clicks through the kiosk's window) and reads it through page JavaScript."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.portal import LoopbackOrigin, PortalConfig
from kiosk.wizard import Screen
from tests.fake_portal import FakePortal

PROCEDURE = "dang-ky-tam-tru"  # its first portal is the national one: the fake portal's "/"
JS_TIMEOUT_MS = 15_000


@pytest.fixture
def foreign() -> Iterator[FakePortal]:
    """A site outside the allow-list; nothing should ever reach it."""
    site = FakePortal.start(foreign=True)
    yield site
    site.stop()


@pytest.fixture
def portal(foreign: FakePortal) -> Iterator[FakePortal]:
    """The fake national portal, whose pages link, redirect, post and pop up to `foreign`."""
    site = FakePortal.start(foreign_url=foreign.origin)
    yield site
    site.stop()


@pytest.fixture
def scan_folder(tmp_path: Path) -> Path:
    """The help point's scan folder, with two scans in it."""
    folder = tmp_path / "scans"
    folder.mkdir()
    (folder / "cccd-mat-truoc.pdf").write_bytes(b"%PDF-1.4 scan of an ID card\n")
    (folder / "so-ho-khau.jpg").write_bytes(b"\xff\xd8\xff\xe0 a photo")
    return folder


class PortalDriver:
    """Works one kiosk's portal view: open it, type, click, read the page."""

    def __init__(self, qtbot: Any, kiosk: Any) -> None:
        self.qtbot = qtbot
        self.kiosk = kiosk
        self.window = kiosk.window
        self.wizard = kiosk.wizard

    # ----- the kiosk ---------------------------------------------------------------------
    def to_step(self, procedure: str = PROCEDURE) -> None:
        """Start a session and reach the procedure's first step."""
        self.wizard.start()
        self.wizard.choose(procedure)
        self.wizard.begin_steps()
        assert self.wizard.view.screen == Screen.STEP

    def press_portal_button(self) -> None:
        """Press 'Làm ngay trên máy này' on the step page, and wait for the portal's page."""
        button = self.window.pages["step"].portal
        assert button.isVisible() and button.text() == "Làm ngay trên máy này"
        self.qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        self.wait_for("document.readyState === 'complete' && !!document.getElementById('state')")

    @property
    def pane(self) -> Any:
        """The split screen's portal pane."""
        return self.window.portal.page().pane

    @property
    def view(self) -> QWebEngineView:
        """The web view the resident sees (a popup's, when one is open)."""
        view = self.pane.top_view
        assert view is not None, "no portal view"
        return view

    # ----- reading the page --------------------------------------------------------------
    def js(self, script: str, view: QWebEngineView | None = None) -> Any:
        """The value of the expression `script` in the page (through JSON, so arrays and
        objects come back as lists and dicts; undefined as None)."""
        box: list[Any] = []
        wrapped = f"JSON.stringify((() => {{ return ({script}); }})()) || 'null'"
        (view or self.view).page().runJavaScript(wrapped, 0, box.append)
        self.qtbot.waitUntil(lambda: bool(box), timeout=JS_TIMEOUT_MS)
        return json.loads(box[0]) if isinstance(box[0], str) else None

    def wait_for(self, condition: str, timeout: int = JS_TIMEOUT_MS) -> None:
        """Wait until the page's `condition` (JavaScript) is true."""

        def true_now() -> bool:
            box: list[Any] = []
            self.view.page().runJavaScript(f"!!({condition})", 0, box.append)
            self.qtbot.waitUntil(lambda: bool(box), timeout=JS_TIMEOUT_MS)
            return bool(box[0])

        self.qtbot.waitUntil(true_now, timeout=timeout)

    def state(self) -> str:
        """The fake portal's #state text ('logged-in', 'logged-out', 'done' …)."""
        return str(self.js("(document.getElementById('state') || {}).textContent || ''"))

    def go(self, path: str) -> None:
        """Follow a link of the portal to `path` (the page's own navigation, like a click)."""
        self.js(f"location.href = {path!r}")
        self.wait_for(f"location.pathname === {path!r} && document.readyState === 'complete'")

    # ----- doing things as a resident ---------------------------------------------------
    def type_into(self, element_id: str, text: str) -> None:
        """Focus a field, then type `text` on the keyboard (key events to the web view)."""
        self.js(f"document.getElementById({element_id!r}).focus()")
        self.view.setFocus()
        self.qtbot.waitUntil(lambda: self.view.focusProxy() is not None)
        QTest.keyClicks(self.view.focusProxy(), text)
        self.wait_for(f"document.getElementById({element_id!r}).value === {text!r}")

    def type_through_window(self, element_id: str, text: str) -> None:
        """Type ASCII `text` as a keyboard does: through the kiosk's window (QWindow)."""
        self.js(f"document.getElementById({element_id!r}).focus()")
        self.view.setFocus()
        for char in text:
            QTest.keyClick(self.window.windowHandle(), char)
        self.wait_for(f"document.getElementById({element_id!r}).value === {text!r}")

    def click_element(self, element_id: str) -> None:
        """A real mouse click on an element's centre (a user gesture, unlike JS click())."""
        script = (
            f"(() => {{ const r = document.getElementById({element_id!r})"
            ".getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2]; })()"
        )
        x, y = self.js(script)
        zoom = self.view.zoomFactor()
        at = self.view.mapTo(self.window, QPoint(round(x * zoom), round(y * zoom)))
        QTest.mouseClick(self.window.windowHandle(), Qt.MouseButton.LeftButton, pos=at)

    def submit(self, form_button: str = "submit") -> None:
        """Press a form's button from the page (no user gesture needed for a submit)."""
        self.js(f"document.getElementById({form_button!r}).click()")

    def log_in(
        self, id_number: str = "079203731862", password: str = "Mk@2026x", otp: str = "482913"
    ) -> None:
        """The fake portal's login: ID number and password, then the OTP."""
        self.go("/login")
        self.type_into("username", id_number)
        self.type_into("password", password)
        self.submit()
        self.wait_for("location.pathname === '/otp' && !!document.getElementById('otp')")
        self.type_into("otp", otp)
        self.submit()
        self.wait_for("location.pathname === '/form/1' && document.readyState === 'complete'")

    def logged_in(self) -> bool:
        """Whether the portal's home page says this browser is logged in."""
        self.go("/")
        return self.state() == "logged-in"


def while_asked(widget: Any, ready: Callable[[], bool], act: Callable[[], None]) -> list[bool]:
    """Act on a nested-loop question (the file picker, a page's confirm) while it waits.

    A page's file chooser or confirm() waits for its answer inside a nested event loop, so a
    test cannot poll from outside; this polls from a timer, which runs inside that loop, and
    calls `act` once `ready()` is true. The returned list gets True when it acted.
    """
    done: list[bool] = []

    def poll() -> None:
        if ready():
            act()
            done.append(True)
        else:
            QTimer.singleShot(50, poll)

    QTimer.singleShot(0, poll)
    return done


def top_level_windows() -> set[QWidget]:
    """Every visible top-level widget of the application (the kiosk's window alone, normally)."""
    return {w for w in QApplication.topLevelWidgets() if w.isVisible() and w.isWindow()}


@pytest.fixture
def portal_kiosk(
    qtbot: Any, make_kiosk: Any, portal: FakePortal, scan_folder: Path
) -> Iterator[Callable[..., PortalDriver]]:
    """The real kiosk whose config lets the portal view reach the fake portal (test origin)."""
    made: list[PortalDriver] = []

    def make(**config: Any) -> PortalDriver:
        settings = PortalConfig(
            test_origin=LoopbackOrigin.parse(portal.origin),
            scan_folder=scan_folder,
            removable_media=False,
        )
        extra = config.pop("portal", {})
        kiosk = make_kiosk(portal=dataclasses.replace(settings, **extra), **config)
        kiosk.window.portal.printers = list  # no printer: as at most help points
        made.append(PortalDriver(qtbot, kiosk))
        return made[-1]

    yield make
    for driver in made:  # a session still open when the test ends: as when the kiosk quits
        driver.window.portal.end("test over", now=True)
