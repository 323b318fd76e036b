"""Vietnamese typing in a real QWebEngineView (what the portal view is): a local page with a
text field, an OTP field and a password field, typed into with real key events through qtbot,
read back with the page's own JavaScript."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt, QUrl
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.catalog.model import Catalog
from kiosk.vietnamese_input import InputMethod
from kiosk.wizard import Wizard
from ui.typing import attach_typing

if hasattr(os, "geteuid") and os.geteuid() == 0:
    # Chromium refuses to start its sandbox as root; tests only (the kiosk never runs as root).
    os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")

PAGE = """<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><style>
  input { display: block; font-size: 24px; margin: 16px; width: 400px; }
</style></head><body>
  <input id="name" type="text" autocomplete="name">
  <input id="otp" inputmode="numeric" autocomplete="one-time-code" maxlength="6">
  <input id="password" type="password">
  <textarea id="reason"></textarea>
</body></html>
"""

# QtWebEngine with no GPU (offscreen, Xvfb) says it falls back to software rendering.
pytestmark = pytest.mark.qt_log_ignore(
    "[Vv]ulkan",
    "GBM is not supported",
    "QRhiGles2",
    "Failed to create RHI",
    "GPUInfo",
    "GPU vendor",
)


def js(qtbot: Any, view: Any, code: str) -> Any:
    """The value of `code` run in the page (waits for the answer)."""
    answers: list[Any] = []
    view.page().runJavaScript(code, 0, answers.append)
    qtbot.waitUntil(lambda: bool(answers), timeout=10000)
    return answers[0]


def click_element(qtbot: Any, view: Any, element: str) -> None:
    """A real mouse click in the middle of the page element with id `element`."""
    box = json.loads(
        js(
            qtbot,
            view,
            f"JSON.stringify(document.getElementById('{element}').getBoundingClientRect())",
        )
    )
    middle = QPoint(int(box["left"] + box["width"] / 2), int(box["top"] + box["height"] / 2))
    qtbot.mouseClick(view.focusProxy(), Qt.MouseButton.LeftButton, pos=middle)
    qtbot.waitUntil(lambda: js(qtbot, view, "document.activeElement.id") == element)


def value_of(qtbot: Any, view: Any, element: str) -> str:
    return str(js(qtbot, view, f"document.getElementById('{element}').value"))


def type_into(qtbot: Any, view: Any, element: str, keys: str, expected: str) -> None:
    """Click the element, type `keys` key by key, and wait until it holds `expected`."""
    click_element(qtbot, view, element)
    qtbot.keyClicks(view.focusProxy(), keys)
    qtbot.waitUntil(lambda: value_of(qtbot, view, element) == expected, timeout=10000)


@pytest.fixture
def web(qtbot: Any, tmp_path: Path, real_catalog: Catalog) -> Iterator[tuple[Any, Wizard]]:
    """A shown QWebEngineView with the test page loaded and Vietnamese typing attached."""
    from PySide6.QtWebEngineWidgets import QWebEngineView

    page = tmp_path / "form.html"
    page.write_text(PAGE, encoding="utf-8")
    wizard = Wizard(real_catalog)
    wizard.start()
    view = QWebEngineView()
    view.resize(900, 600)
    tools = attach_typing(view, wizard)
    with qtbot.waitSignal(view.loadFinished, timeout=30000) as loaded:
        view.load(QUrl.fromLocalFile(str(page)))
    assert loaded.args == [True]
    view.show()
    view.activateWindow()  # a page takes keys only while its window is active (X11)
    qtbot.waitExposed(view)
    qtbot.waitActive(view)
    qtbot.waitUntil(lambda: isinstance(view.focusProxy(), QWidget))
    view._typing_tools = tools  # keep it with the view
    yield view, wizard
    # The page goes before the profile does, or QtWebEngine complains at exit.
    view.close()
    view.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_telex_in_a_web_page_and_the_otp_field_stays_digits(qtbot: Any, web: Any) -> None:
    """'Nguyeenx Thij Hoaf' typed letter by letter into the page's text input reads
    'Nguyễn Thị Hòa'; the OTP and password inputs keep exactly what was typed."""
    view, _wizard = web
    type_into(qtbot, view, "name", "Nguyeenx Thij Hoaf", "Nguyễn Thị Hòa")
    type_into(qtbot, view, "otp", "482915", "482915")
    type_into(qtbot, view, "password", "Hoaf1aa", "Hoaf1aa")
    type_into(qtbot, view, "reason", "Ddooir ddiaj chir", "Đổi địa chỉ")
    # Clicking into the page, erasing, and going on: the word is read back from the page.
    click_element(qtbot, view, "name")
    qtbot.keyClick(view.focusProxy(), Qt.Key.Key_End)
    qtbot.keyClick(view.focusProxy(), Qt.Key.Key_Backspace)
    qtbot.waitUntil(lambda: value_of(qtbot, view, "name") == "Nguyễn Thị Hò")
    qtbot.keyClicks(view.focusProxy(), "ans")  # the tone moves as the word grows
    qtbot.waitUntil(lambda: value_of(qtbot, view, "name") == "Nguyễn Thị Hoán")


def test_vni_in_a_web_page_and_digits_in_the_otp_field(qtbot: Any, web: Any) -> None:
    """With VNI chosen, 'Nguye6n4 Thi5 Hoa2' composes in the text input, and the OTP input
    keeps its digits (which VNI would otherwise take as marks)."""
    view, wizard = web
    wizard.set_typing(InputMethod.VNI.value)
    type_into(qtbot, view, "name", "Nguye6n4 Thi5 Hoa2", "Nguyễn Thị Hòa")
    type_into(qtbot, view, "otp", "123456", "123456")
    type_into(qtbot, view, "password", "Hoa2a6", "Hoa2a6")


def test_the_on_screen_keyboard_types_into_the_page(qtbot: Any, web: Any) -> None:
    """The on-screen keys reach the page's field: H, o, a and the 'à' mark give 'Hòa'; the
    keyboard hides while the OTP field has the focus."""
    view, _wizard = web
    tools = view._typing_tools
    tools.keyboard.set_wanted(True)
    click_element(qtbot, view, "name")
    qtbot.waitUntil(tools.keyboard.isVisible)
    for key in ("shift", "h", "o", "a", "grave"):
        qtbot.mouseClick(tools.keyboard.keys[key], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: value_of(qtbot, view, "name") == "Hòa", timeout=10000)
    click_element(qtbot, view, "otp")
    qtbot.waitUntil(lambda: not tools.keyboard.isVisible())
