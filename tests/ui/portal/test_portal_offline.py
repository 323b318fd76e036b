"""Offline or the portal down: a calm page in the portal's place, the guide still there; and
when the network is known to be down, the button says so before it is pressed. Where the
web engine cannot run at all, the resident is told calmly and the volunteer panel says why."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt

from kiosk.portal import LoopbackOrigin
from tests.loopback import free_port
from tests.ui.portal.conftest import PortalDriver

OFFLINE_TITLE = "Chưa kết nối được Cổng dịch vụ công — bạn vẫn xem hướng dẫn được"


def test_a_portal_that_does_not_answer_shows_the_calm_page_and_the_guide_stays(
    qtbot: Any, portal_kiosk: Callable[..., PortalDriver]
) -> None:
    """Nothing listens where the portal should be: the calm sentence with 'Thử lại' and
    'Về hướng dẫn'; the guide column keeps its step; 'Về hướng dẫn' leaves the portal."""
    dead = LoopbackOrigin.parse(f"http://127.0.0.1:{free_port()}")
    driver = portal_kiosk(portal={"test_origin": dead})
    driver.to_step()
    qtbot.mouseClick(driver.window.pages["step"].portal, Qt.MouseButton.LeftButton)
    pane = driver.pane
    qtbot.waitUntil(lambda: pane.notice.title.text() == OFFLINE_TITLE, timeout=15_000)
    assert pane.stack.currentWidget() is pane.notice
    assert [pane.notice.first.text(), pane.notice.second.text()] == ["Thử lại", "‹ Về hướng dẫn"]
    split = driver.window.portal.page()
    assert split.guide.progress.text().startswith("Bước 1/")
    qtbot.mouseClick(pane.notice.second, Qt.MouseButton.LeftButton)
    assert not driver.wizard.view.portal_open
    assert driver.window.stack.currentWidget() is driver.window.pages["step"]


def test_the_button_says_the_network_is_down_before_it_is_pressed(
    qtbot: Any, portal_kiosk: Callable[..., PortalDriver]
) -> None:
    """When the operating system reports no network, the step's button says so; when it is
    back, the button's words are the plain «Làm ngay trên máy này» again."""
    driver = portal_kiosk()
    driver.to_step()
    button = driver.window.pages["step"].portal
    assert button.text() == "Làm ngay trên máy này"
    driver.wizard.set_portal_offline(True)  # what NetworkWatch reports on "Disconnected"
    assert button.isVisible() and button.text() == "Làm ngay trên máy này (máy đang mất mạng)"
    driver.wizard.set_portal_offline(False)
    assert button.text() == "Làm ngay trên máy này"


def test_only_a_disconnected_network_counts_as_down() -> None:
    """Unknown (no backend), local-only or online are not 'known down'."""
    from ui.portal.network import Reachability, known_down

    assert known_down(Reachability.Disconnected)
    assert not any(
        known_down(r)
        for r in (Reachability.Unknown, Reachability.Local, Reachability.Site, Reachability.Online)
    )


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root")
def test_as_root_without_the_test_switch_the_portal_refuses_calmly(
    qtbot: Any,
    portal_kiosk: Callable[..., PortalDriver],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Chromium's sandbox cannot start as root: the kiosk does not try, tells the resident
    calmly, and the volunteer panel names the cause for IT."""
    from ui.portal.panel_box import PortalPanelBox

    monkeypatch.delenv("QTWEBENGINE_DISABLE_SANDBOX")
    driver = portal_kiosk()
    driver.to_step()
    qtbot.mouseClick(driver.window.pages["step"].portal, Qt.MouseButton.LeftButton)
    pane = driver.pane
    assert pane.stack.currentWidget() is pane.notice
    assert pane.notice.title.text() == "Chưa mở được cổng trên máy này"
    assert not driver.window.portal.is_open
    box = PortalPanelBox(driver.window.portal)
    qtbot.addWidget(box)
    assert "root" in box.state.text() and "deploy/README.md" in box.state.text()
