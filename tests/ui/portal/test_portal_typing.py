"""Vietnamese typing reaches the real portal's forms (#16 with #11): in the split screen the
'Gõ tiếng Việt' switch sits above the page, Telex composes what the resident types through the
kiosk's window, the login's secrets stay as typed, and the next resident starts on Telex."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from kiosk.vietnamese_input import InputMethod
from tests.ui.portal.conftest import PortalDriver


def type_keys(driver: PortalDriver, element_id: str, keys: str) -> None:
    """Focus the page's field and press `keys` on the keyboard, through the kiosk's window."""
    driver.js(f"document.getElementById({element_id!r}).focus()")
    driver.view.setFocus()
    for char in keys:
        QTest.keyClick(driver.window.windowHandle(), char)


def value(driver: PortalDriver, element_id: str) -> Any:
    return driver.js(f"document.getElementById({element_id!r}).value")


def test_telex_composes_in_the_portal_form_and_the_switch_turns_it_off(
    qtbot: Any, portal_kiosk: Callable[..., PortalDriver]
) -> None:
    """Logged in (ID number, password and OTP typed with Telex on, all kept as typed), the
    form's name field reads 'Nguyễn Thị Hòa' for 'Nguyeenx Thij Hoaf' (the catalog's tone
    style), the digits of the phone stay digits, VNI composes 'Nguye6n4' after 'VNI' on the
    switch above the page, and after 'Tắt' the keys stay as typed. A new session is back on
    Telex."""
    driver = portal_kiosk()
    driver.to_step()
    driver.press_portal_button()
    split = driver.window.portal.page()
    switch = split.typing.switch
    assert switch.isVisible() and split.pane.isAncestorOf(switch)
    assert switch.buttons[InputMethod.TELEX.value].isChecked()
    driver.log_in()  # waits for each secret to arrive exactly as typed
    type_keys(driver, "name", "Nguyeenx Thij Hoaf")
    driver.wait_for("document.getElementById('name').value === 'Nguyễn Thị Hòa'")
    type_keys(driver, "phone", "0913572468")
    driver.wait_for("document.getElementById('phone').value === '0913572468'")
    qtbot.mouseClick(switch.buttons[InputMethod.VNI.value], Qt.MouseButton.LeftButton)
    driver.js("document.getElementById('name').value = ''")
    type_keys(driver, "name", "Nguye6n4")
    driver.wait_for("document.getElementById('name').value === 'Nguyễn'")
    qtbot.mouseClick(switch.buttons[InputMethod.OFF.value], Qt.MouseButton.LeftButton)
    driver.js("document.getElementById('name').value = ''")
    type_keys(driver, "name", "Nguyeenx")
    driver.wait_for("document.getElementById('name').value === 'Nguyeenx'")
    assert value(driver, "name") == "Nguyeenx"

    driver.wizard.volunteer_reset()  # the next resident: the session and its choice end
    driver.to_step()
    driver.press_portal_button()
    assert driver.window.portal.page().typing.switch.buttons[InputMethod.TELEX.value].isChecked()
