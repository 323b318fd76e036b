"""Where the portal view may go: only the allow-list. A link, a redirect, a form post or a popup
to a foreign host is blocked — nothing reaches that host — and the kiosk says so calmly, with a
way back; window.open and target=_blank stay inside the kiosk; no window of its own ever opens;
no developer tools, no view-source, no menu beyond copy and paste; no permission is granted."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtWidgets import QApplication, QMenu

from tests.fake_portal import FakePortal
from tests.ui.portal.conftest import PortalDriver, top_level_windows

BLOCKED_TITLE = "Trang này nằm ngoài Cổng dịch vụ công"


def on_links_page(portal_kiosk: Callable[..., PortalDriver]) -> PortalDriver:
    driver = portal_kiosk()
    driver.to_step()
    driver.press_portal_button()
    driver.go("/links")
    return driver


def assert_blocked_and_back(qtbot: Any, driver: PortalDriver, foreign: FakePortal) -> None:
    """The calm page is up, the foreign host saw nothing, and 'Quay lại' returns to /links."""
    notice = driver.pane.notice
    qtbot.waitUntil(lambda: driver.pane.stack.currentWidget() is notice, timeout=10_000)
    assert notice.title.text() == BLOCKED_TITLE
    assert notice.first.text() == "‹ Quay lại trang trước"
    assert foreign.paths() == []
    qtbot.mouseClick(notice.first, Qt.MouseButton.LeftButton)
    assert driver.pane.stack.currentWidget() is driver.view
    assert driver.js("location.pathname") == "/links"


@pytest.mark.parametrize(
    ("element", "what"),
    [
        ("foreign-link", "a clicked link"),
        ("redirect-link", "a redirect"),
        ("foreign-post", "a form post"),
    ],
)
def test_a_foreign_navigation_is_blocked_and_the_kiosk_says_so(
    qtbot: Any,
    portal_kiosk: Callable[..., PortalDriver],
    portal: FakePortal,
    foreign: FakePortal,
    element: str,
    what: str,
) -> None:
    """A resident's click that would leave the allow-list — {what} — goes nowhere."""
    driver = on_links_page(portal_kiosk)
    windows = top_level_windows()
    driver.click_element(element)
    assert_blocked_and_back(qtbot, driver, foreign)
    if element == "redirect-link":
        assert "/redirect-away" in portal.paths("GET"), "the portal itself was asked"
    assert top_level_windows() == windows


def test_a_popup_to_a_foreign_host_stays_inside_and_is_blocked(
    qtbot: Any, portal_kiosk: Callable[..., PortalDriver], foreign: FakePortal
) -> None:
    """window.open to a foreign host: a page on top inside the kiosk, blocked there; 'Quay
    lại' closes it; no new top-level window ever appears."""
    driver = on_links_page(portal_kiosk)
    windows = top_level_windows()
    main = driver.pane.main_view
    driver.click_element("foreign-popup")
    notice = driver.pane.notice
    qtbot.waitUntil(lambda: driver.pane.stack.currentWidget() is notice, timeout=10_000)
    assert notice.title.text() == BLOCKED_TITLE
    assert len(driver.pane.views) == 2
    qtbot.mouseClick(notice.first, Qt.MouseButton.LeftButton)
    assert driver.pane.views == [main] and driver.pane.stack.currentWidget() is main
    assert foreign.paths() == []
    assert top_level_windows() == windows


@pytest.mark.parametrize("element", ["own-popup", "blank-link"])
def test_window_open_and_target_blank_stay_inside_the_kiosk(
    qtbot: Any, portal_kiosk: Callable[..., PortalDriver], element: str
) -> None:
    """A portal page opening another of its pages (window.open, target=_blank): shown on top,
    inside the pane, with 'Đóng trang này' back to the page under it."""
    driver = on_links_page(portal_kiosk)
    windows = top_level_windows()
    driver.click_element(element)
    qtbot.waitUntil(lambda: len(driver.pane.views) == 2, timeout=10_000)
    driver.wait_for("location.pathname === '/popup' && document.readyState === 'complete'")
    assert driver.state() == "popup"
    close = driver.pane.close_popup
    assert close.isVisible() and close.text() == "‹ Đóng trang này"
    assert top_level_windows() == windows
    qtbot.mouseClick(close, Qt.MouseButton.LeftButton)
    assert len(driver.pane.views) == 1 and driver.js("location.pathname") == "/links"


@pytest.mark.parametrize(
    "address",
    ["view-source:http://127.0.0.1/", "file:///etc/hostname", "http://example.com/", "FOREIGN"],
)
def test_a_typed_address_outside_the_allow_list_is_refused(
    qtbot: Any, portal_kiosk: Callable[..., PortalDriver], foreign: FakePortal, address: str
) -> None:
    """There is no address bar; still, an address given to the view itself (a typed
    navigation) — view-source:, file://, another site — is refused with the calm page."""
    driver = on_links_page(portal_kiosk)
    target = f"{foreign.origin}/typed" if address == "FOREIGN" else address
    driver.view.load(QUrl(target))
    qtbot.waitUntil(lambda: driver.pane.stack.currentWidget() is driver.pane.notice, timeout=10_000)
    assert driver.pane.notice.title.text() == BLOCKED_TITLE
    assert foreign.paths() == []


@pytest.mark.parametrize("address", ["view-source:http://127.0.0.1/", "file:///etc/hostname"])
def test_a_page_cannot_send_the_view_to_view_source_or_local_files(
    portal_kiosk: Callable[..., PortalDriver], address: str
) -> None:
    """A page script asking for view-source: or file:// gets nowhere: the page stays."""
    driver = on_links_page(portal_kiosk)
    driver.js(f"(location.href = {address!r}, 0)")
    driver.wait_for("document.readyState === 'complete'")
    assert driver.js("location.pathname") == "/links"
    assert driver.pane.stack.currentWidget() in (driver.view, driver.pane.notice)


def test_the_context_menu_has_only_copy_cut_and_paste_in_vietnamese(
    qtbot: Any, portal_kiosk: Callable[..., PortalDriver]
) -> None:
    """No 'Inspect', no 'View page source', no 'Save as': three editing actions."""
    driver = on_links_page(portal_kiosk)
    driver.view.customContextMenuRequested.emit(QPoint(40, 40))
    menu = driver.view.findChild(QMenu, "portalContextMenu")
    qtbot.waitUntil(lambda: menu is not None and menu.isVisible())
    assert [a.text() for a in menu.actions()] == ["Sao chép", "Cắt", "Dán"]
    menu.close()


def test_camera_location_notifications_and_clipboard_reading_are_denied(
    portal_kiosk: Callable[..., PortalDriver],
) -> None:
    """Every permission a page asks for is refused by rule, without asking the resident; the
    camera and microphone cannot even be asked for (getUserMedia is taken out)."""
    driver = on_links_page(portal_kiosk)
    driver.js(
        "(window.r = {}, "
        "navigator.geolocation.getCurrentPosition(() => r.geo = 'granted',"
        "  e => r.geo = 'denied ' + e.code),"
        "Notification.requestPermission().then(p => r.notify = p),"
        "(navigator.mediaDevices.getUserMedia ? navigator.mediaDevices"
        "  .getUserMedia({video: true, audio: true})"
        "  .then(() => r.camera = 'granted', e => r.camera = 'denied ' + e.name)"
        "  : r.camera = 'absent'),"
        "navigator.clipboard.readText()"
        "  .then(() => r.clip = 'read', e => r.clip = 'denied ' + e.name), 0)"
    )
    driver.wait_for("r.geo && r.notify && r.camera && r.clip")
    answers = driver.js("r")
    assert answers["geo"] == "denied 1"
    assert answers["notify"] == "denied"
    assert answers["camera"] == "absent"  # taken out of every page (the permission is denied too)
    assert answers["clip"].startswith("denied")


def test_no_developer_tools_reach_the_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    """Before QtWebEngine starts, remote debugging (env or flag) is taken out, and so are the
    environment's own proxy, resolver and WebRTC switches (they could loosen the kiosk's);
    the kiosk's network rules are added."""
    from kiosk.portal import AllowList, engine_switches
    from ui.portal.controller import prepare_engine

    monkeypatch.setenv("QTWEBENGINE_REMOTE_DEBUGGING", "9222")
    monkeypatch.setenv(
        "QTWEBENGINE_CHROMIUM_FLAGS",
        "--remote-debugging-port=9222 --lang=vi --auto-open-devtools --no-proxy-server "
        "--proxy-server=http://10.0.0.9:3128 --force-webrtc-ip-handling-policy=default",
    )
    allow = AllowList(["dichvucong.gov.vn"])
    prepare_engine(software_rendering=False, allow=allow)
    import os

    assert "QTWEBENGINE_REMOTE_DEBUGGING" not in os.environ
    assert os.environ["QTWEBENGINE_CHROMIUM_FLAGS"].split() == [
        "--lang=vi",
        *engine_switches(allow),
    ]
    assert QApplication.instance() is not None
