"""The idle clock sees input in the portal's web view: typing into a portal form keeps the
resident's session alive. (An application-wide Python event filter cannot be used with
QtWebEngine at all — PySide crashes wrapping its internal QtQuick items — so the kiosk watches
its window: see ui/input_watch.py.)"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.ui.portal.conftest import PortalDriver

IDLE_SECONDS = 6  # short enough for coarse timers to restart measurably, long enough to type


def half_gone(qtbot: Any, timer: Any) -> int:
    """Wait until `timer` has run half its interval; its remaining milliseconds then."""
    qtbot.waitUntil(lambda: 0 < timer.remainingTime() < timer.interval() // 2, timeout=10_000)
    return int(timer.remainingTime())


def test_typing_in_the_portal_restarts_the_idle_clock(
    qtbot: Any, portal_kiosk: Callable[..., PortalDriver]
) -> None:
    """Keys typed on the keyboard go through the kiosk's window into the web page's field
    and restart the idle timer each time."""
    driver = portal_kiosk(idle_seconds=IDLE_SECONDS)
    driver.to_step()
    driver.press_portal_button()
    driver.go("/login")
    qtbot.waitUntil(lambda: driver.window.activity.started)  # after first paint
    timer = driver.window.idle_timer
    before = half_gone(qtbot, timer)
    driver.type_through_window("username", "079203731862")
    after = timer.remainingTime()
    assert after > before, "the keys restarted the idle clock"
    assert QApplication.focusWidget() is driver.view.focusProxy(), "the web view had the keys"


def test_clicking_in_the_portal_restarts_the_idle_clock(
    qtbot: Any, portal_kiosk: Callable[..., PortalDriver]
) -> None:
    """A tap on the web page counts as the resident being there."""
    driver = portal_kiosk(idle_seconds=IDLE_SECONDS)
    driver.to_step()
    driver.press_portal_button()
    qtbot.waitUntil(lambda: driver.window.activity.started)
    timer = driver.window.idle_timer
    before = half_gone(qtbot, timer)
    driver.click_element("login")
    driver.wait_for("location.pathname === '/login'")
    assert timer.remainingTime() > before


def test_the_volunteer_panels_quiet_timer_sees_the_window_too(
    qtbot: Any, journal_kiosk: Any
) -> None:
    """The panel's own quiet timer restarts on a key in the window (no app-wide filter); the
    panel carries the portal's section."""
    from PySide6.QtTest import QTest

    from ui.volunteer_panel import VolunteerPanel

    kiosk, hookup, _driver = journal_kiosk(idle_seconds=IDLE_SECONDS)
    panel = VolunteerPanel(kiosk.window, hookup)
    qtbot.waitUntil(lambda: kiosk.window.activity.started)
    panel.open_pin()
    assert panel.portal_box.state.text() == "Không có phiên nào đang mở.", "the panel's portal part"
    before = half_gone(qtbot, panel.quiet)
    QTest.keyClick(kiosk.window.windowHandle(), Qt.Key.Key_5)
    assert panel.quiet.remainingTime() > before
    panel.close_panel()
