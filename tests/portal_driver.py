"""Works the real kiosk's portal view the way a resident does — keys and clicks through the
kiosk's window into the real web view — and reads the page through its JavaScript. Used by
the pytest-qt tests (tests/ui/portal/) and by the kiosk processes of the end-to-end tests
(tests/e2e/portal_run.py), which have no qtbot: `Bot` stands in for it there."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QInputMethodEvent, QWindow
from PySide6.QtTest import QTest
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.wizard import Screen

PROCEDURE = "dang-ky-tam-tru"  # its first portal is the national one: the fake portal's "/"
JS_TIMEOUT_MS = 15_000


def type_text(widget: QWidget, text: str) -> None:
    """Type `text` into `widget`: ASCII as key presses, and each other letter (ầ, Đ …) as
    an input method commits it — the way Vietnamese reaches an application (Telex/VNI)."""
    for char in text:
        if char.isascii():
            QTest.keyClick(widget, char)
        else:
            event = QInputMethodEvent()
            event.setCommitString(char)
            QApplication.sendEvent(widget, event)


class Bot:
    """The two things PortalDriver needs from pytest-qt's qtbot, for a plain program."""

    def waitUntil(self, condition: Callable[[], object], timeout: int = 5000) -> None:  # noqa: N802
        """Process events until `condition()` is true, or raise TimeoutError."""
        deadline = time.monotonic() + timeout / 1000
        while not condition():
            if time.monotonic() > deadline:
                raise TimeoutError("condition not met in time")
            QTest.qWait(20)

    def mouseClick(self, widget: QWidget, button: Qt.MouseButton) -> None:  # noqa: N802
        """A click on a widget's centre."""
        QTest.mouseClick(widget, button)


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
        """Focus a field, then type `text` on the keyboard (key events to the web view) as a
        resident would: Vietnamese letters as their Telex keys ("Trần" as "Traanf"), which
        the kiosk's input method composes (Telex is on for every new session)."""
        from kiosk.vietnamese_input import keys_for

        self.js(f"document.getElementById({element_id!r}).focus()")
        self.view.setFocus()
        self.qtbot.waitUntil(lambda: self.view.focusProxy() is not None)
        keys = text if text.isascii() else keys_for(text)
        type_text(self.view.focusProxy(), keys)
        self.wait_for(f"document.getElementById({element_id!r}).value === {text!r}")

    def type_through_window(self, element_id: str, text: str) -> None:
        """Type ASCII `text` as a keyboard does: through the kiosk's window (QWindow)."""
        self.js(f"document.getElementById({element_id!r}).focus()")
        self.view.setFocus()
        for char in text:
            QTest.keyClick(self.window.windowHandle(), char)
        self.wait_for(f"document.getElementById({element_id!r}).value === {text!r}")

    def point_of(self, element_id: str) -> QPoint:
        """An element's centre, in the kiosk window's coordinates."""
        script = (
            f"(() => {{ const r = document.getElementById({element_id!r})"
            ".getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2]; })()"
        )
        x, y = self.js(script)
        zoom = self.view.zoomFactor()
        return self.view.mapTo(self.window, QPoint(round(x * zoom), round(y * zoom)))

    def click_element(self, element_id: str) -> None:
        """A real mouse click on an element's centre (a user gesture, unlike JS click())."""
        at = self.point_of(element_id)
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


def drop_files(window: QWindow, at: QPoint, paths: list[Path]) -> bool:
    """Drag files from outside onto `window` at `at` and drop them, as the window system
    delivers a drag (enter, move, drop to the QWindow, which finds the widget that takes
    drops); whether the drop was accepted."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    action, button = Qt.DropAction.CopyAction, Qt.MouseButton.LeftButton
    none = Qt.KeyboardModifier.NoModifier
    for kind in (QDragEnterEvent, QDragMoveEvent):
        QApplication.sendEvent(window, kind(at, action, mime, button, none))
        QTest.qWait(200)
    drop = QDropEvent(QPointF(at), action, mime, button, none)
    QApplication.sendEvent(window, drop)
    QTest.qWait(200)
    return drop.isAccepted()
