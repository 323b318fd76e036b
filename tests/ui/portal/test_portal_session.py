"""One private portal session per resident: logged in during it, logged out after every end
("Xong", the idle wipe, a volunteer's "Kết thúc phiên trên cổng", a return to the home screen),
and the off-the-record profile destroyed pages first."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication

from kiosk.wizard import Screen
from tests.ui.portal.conftest import PortalDriver


def deleted_now() -> None:
    """Run the deletions Qt has queued (pages, then the profile)."""
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_the_portal_opens_beside_the_step_on_the_procedures_page(
    portal_kiosk: Callable[..., PortalDriver], portal: Any
) -> None:
    """'Làm ngay trên máy này' shows the split screen: the step (Bước 1/N) and the portal's
    page for the procedure, from the catalog's portal URL moved onto the test origin."""
    driver = portal_kiosk()
    driver.to_step()
    driver.press_portal_button()
    page = driver.window.stack.currentWidget()
    assert page.objectName() == "portalSplitPage"
    steps = len(driver.wizard.view.procedure.steps)
    assert page.guide.progress.text() == f"Bước 1/{steps}"
    assert driver.state() == "logged-out"
    assert portal.paths("GET")[0] == "/", "dichvucong.gov.vn's page, on the test origin"
    assert driver.pane.host_label.text() == f"Kết nối KHÔNG an toàn · 127.0.0.1:{portal.port}"


def test_the_guide_keeps_working_beside_the_portal_and_the_resident_can_leave_it(
    qtbot: Any, portal_kiosk: Callable[..., PortalDriver]
) -> None:
    """Next and back move the guide's step while the portal stays; 'Về hướng dẫn' returns
    to the guide alone, and coming back finds the same (logged-in) portal session."""
    driver = portal_kiosk()
    driver.to_step()
    driver.press_portal_button()
    driver.log_in()
    split = driver.window.portal.page()
    qtbot.mouseClick(split.guide.next, Qt.MouseButton.LeftButton)
    assert driver.wizard.view.step_index == 1 and driver.wizard.view.portal_open
    assert split.guide.progress.text().startswith("Bước 2/")
    assert driver.window.stack.currentWidget() is split
    qtbot.mouseClick(split.guide.leave, Qt.MouseButton.LeftButton)
    assert not driver.wizard.view.portal_open
    assert driver.window.stack.currentWidget() is driver.window.pages["step"]
    assert driver.window.portal.is_open, "the login lasts until the resident's session ends"
    qtbot.mouseClick(driver.window.pages["step"].portal, Qt.MouseButton.LeftButton)
    assert driver.logged_in()


def test_after_xong_the_next_resident_is_logged_out(
    portal_kiosk: Callable[..., PortalDriver],
) -> None:
    """Log in, finish with 'Xong': the profile is destroyed after its pages, and the next
    resident's portal is logged out."""
    driver = portal_kiosk()
    driver.to_step()
    driver.press_portal_button()
    driver.log_in()
    assert driver.logged_in()
    profile = driver.window.portal.session.profile
    gone: list[str] = []
    view = driver.view
    view.destroyed.connect(lambda: gone.append("page"))
    profile.destroyed.connect(lambda: gone.append("profile"))
    assert profile.isOffTheRecord()

    driver.wizard.done()
    assert driver.wizard.view.screen == Screen.HOME and not driver.window.portal.is_open
    deleted_now()
    assert gone == ["page", "profile"]

    driver.to_step()
    driver.press_portal_button()
    assert not driver.logged_in()


def test_after_the_idle_wipe_the_next_resident_is_logged_out(
    qtbot: Any, portal_kiosk: Callable[..., PortalDriver]
) -> None:
    """Logged in, then quiet: 'Bạn còn ở đó không?' over the portal, no answer, the wipe ends
    the portal session too."""
    driver = portal_kiosk(idle_seconds=1, idle_answer_seconds=1)
    driver.to_step()
    driver.press_portal_button()
    driver.log_in()
    qtbot.waitUntil(driver.window.idle_overlay.isVisible, timeout=10_000)
    qtbot.waitUntil(lambda: driver.wizard.view.screen == Screen.HOME, timeout=10_000)
    assert not driver.window.portal.is_open
    driver.to_step()
    driver.press_portal_button()
    assert not driver.logged_in()


def test_a_volunteer_ends_the_portal_session_from_the_panel(
    qtbot: Any, portal_kiosk: Callable[..., PortalDriver]
) -> None:
    """The panel says the portal is open; 'Kết thúc phiên trên cổng' wipes it, the
    resident is back on the guide, and the portal opened again is logged out."""
    from ui.portal.panel_box import PortalPanelBox

    driver = portal_kiosk()
    driver.to_step()
    driver.press_portal_button()
    driver.log_in()
    box = PortalPanelBox(driver.window.portal)
    qtbot.addWidget(box)
    # What the kiosk knows (the portal is open, for how long), not a login it cannot see.
    assert box.state.text().startswith("Cổng đang mở (") and box.end_button.isVisibleTo(box)
    assert "đăng nhập" not in box.state.text()
    qtbot.mouseClick(box.end_button, Qt.MouseButton.LeftButton)
    assert not driver.window.portal.is_open
    assert box.state.text() == "Đã kết thúc phiên trên cổng và xóa mọi dữ liệu của phiên."
    assert driver.wizard.view.screen == Screen.STEP and not driver.wizard.view.portal_open
    assert driver.wizard.session_uuid is not None, "the resident's guide goes on"
    deleted_now()
    driver.wizard.open_portal()
    driver.wait_for("document.readyState === 'complete' && !!document.getElementById('state')")
    assert not driver.logged_in()


def test_going_back_to_the_home_screen_ends_the_portal_session(
    portal_kiosk: Callable[..., PortalDriver],
) -> None:
    """Back to Home (which ends the resident's session too): the portal session is over."""
    driver = portal_kiosk()
    driver.to_step()
    driver.press_portal_button()
    driver.log_in()
    wizard = driver.wizard
    wizard.back()  # step 1 -> overview
    wizard.back()  # -> choose
    wizard.back()  # -> home
    assert wizard.view.screen == Screen.HOME and not wizard.view.session_open
    assert not driver.window.portal.is_open


def test_the_panel_shows_the_visit_at_the_kiosk_with_its_open_portal(
    qtbot: Any, portal_kiosk: Callable[..., PortalDriver]
) -> None:
    """A resident on step 1 with the portal open for 6 minutes: the panel's current visit
    names her procedure, her step and 'cổng đang mở 6 phút', and says nothing of a login."""
    from datetime import UTC, datetime

    from PySide6.QtWidgets import QLabel

    from kiosk.clock import FixedClock
    from kiosk.pin import DEMO_PIN
    from ui.journal_hookup import hookup_of, start_journal
    from ui.simulate import Driver

    clock = FixedClock(datetime(2026, 2, 12, 3, 0, tzinfo=UTC))
    portal = portal_kiosk(clock=clock)
    start_journal(portal.kiosk)
    hookup = hookup_of(portal.kiosk)
    assert hookup is not None
    portal.to_step()
    portal.press_portal_button()
    clock.advance(6 * 60)
    driver = Driver(portal.kiosk, hookup)
    try:
        assert driver.open_panel(DEMO_PIN)
        current = driver.panel.findChild(QLabel, "currentVisit")
        name = portal.wizard.view.procedure.short_name.vi
        steps = portal.wizard.view.step_count
        assert current.text() == f"{name} · đang ở bước 1/{steps} · cổng đang mở 6 phút"
        texts = [w.text() for w in driver.panel.findChildren(QLabel) if w.isVisibleTo(driver.panel)]
        assert not any("đăng nhập" in t for t in texts)
        driver.click("closePanelButton", driver.panel)
    finally:
        hookup.shutdown()
