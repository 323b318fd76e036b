"""Vietnamese typing in the kiosk's own fields: real key presses through qtbot, the switch, the
on-screen keyboard, fields for digits and secrets, and the reset for the next resident."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QLineEdit, QWidget

from kiosk.vietnamese_input import InputMethod
from kiosk.wizard import Screen
from ui.typing import TypingTools


def find(window: QWidget, kind: type, name: str) -> Any:
    """The visible widget called `name` on the current screen."""
    for widget in window.findChildren(kind, name):
        if widget.isVisible():
            return widget
    raise AssertionError(f"no visible {kind.__name__} '{name}'")


def click(qtbot: Any, window: QWidget, name: str) -> None:
    qtbot.mouseClick(find(window, QAbstractButton, name), Qt.MouseButton.LeftButton)


def choose_screen(qtbot: Any, make_kiosk: Any) -> tuple[Any, QLineEdit]:
    kiosk = make_kiosk()
    click(qtbot, kiosk.window, "startButton")
    search = find(kiosk.window, QLineEdit, "searchBox")
    qtbot.mouseClick(search, Qt.MouseButton.LeftButton)
    return kiosk, search


def test_telex_typed_letter_by_letter_into_the_search_field(qtbot: Any, make_kiosk: Any) -> None:
    """'Nguyeenx Thij Hoaf' typed key by key into the search box reads 'Nguyễn Thị Hòa' (the
    catalog's tone style), and the wizard's query is that text."""
    kiosk, search = choose_screen(qtbot, make_kiosk)
    assert kiosk.wizard.view.typing == InputMethod.TELEX.value, "Telex by default"
    qtbot.keyClicks(search, "Nguyeenx Thij Hoaf")
    assert search.text() == "Nguyễn Thị Hòa"
    assert kiosk.wizard.choose_view.query == "Nguyễn Thị Hòa"


def test_a_telex_search_shows_what_the_kiosk_understood(qtbot: Any, make_kiosk: Any) -> None:
    """'ddawng kys tamj truus' composes to 'đăng ký tạm trú' and the list says 'Kết quả cho:'."""
    kiosk, search = choose_screen(qtbot, make_kiosk)
    qtbot.keyClicks(search, "ddawng kys tamj trus")
    assert search.text() == "đăng ký tạm trú"
    choose = kiosk.window.pages["choose"]
    assert next(iter(choose.tile_buttons)) == "dang-ky-tam-tru"
    click(qtbot, kiosk.window, "clearSearch")
    click(qtbot, kiosk.window, "typing-off")  # typed raw, as on a PC with no input method
    search.setFocus()
    qtbot.keyClicks(search, "tamj truus")
    assert search.text() == "tamj truus"
    assert choose.list_heading.text() == "Kết quả cho: tạm trú"
    assert next(iter(choose.tile_buttons)) == "dang-ky-tam-tru"


def test_switching_to_vni_and_off_with_the_switch(qtbot: Any, make_kiosk: Any) -> None:
    """The switch's VNI button makes digits marks; Tắt leaves every key as typed."""
    kiosk, search = choose_screen(qtbot, make_kiosk)
    window = kiosk.window
    hint = find(window, QLabel, "typingHint")
    assert "s → dấu sắc" in hint.text()
    click(qtbot, window, "typing-vni")
    assert kiosk.wizard.view.typing == InputMethod.VNI.value
    assert "1 → dấu sắc" in hint.text()
    search.setFocus()
    qtbot.keyClicks(search, "Nguye6n4 Thi5 Hoa2")
    assert search.text() == "Nguyễn Thị Hòa"
    click(qtbot, window, "clearSearch")
    click(qtbot, window, "typing-off")
    search.setFocus()
    qtbot.keyClicks(search, "Nguyeenx 12")
    assert search.text() == "Nguyeenx 12"


def test_the_setting_and_the_word_are_reset_for_the_next_resident(
    qtbot: Any, make_kiosk: Any
) -> None:
    """VNI chosen by one resident is Telex again once the session ends (idle wipe), and the
    next resident's keys are not composed with the last one's word."""
    kiosk, search = choose_screen(qtbot, make_kiosk)
    click(qtbot, kiosk.window, "typing-vni")
    search.setFocus()
    qtbot.keyClicks(search, "Hoa")
    kiosk.wizard.idle_expire()
    assert kiosk.wizard.view.screen == Screen.HOME
    assert kiosk.wizard.view.typing == InputMethod.TELEX.value
    assert search.text() == ""
    click(qtbot, kiosk.window, "startButton")
    assert find(kiosk.window, QAbstractButton, "typing-telex").isChecked()
    search.setFocus()
    qtbot.keyClicks(search, "2s")  # VNI's 2 would have marked the last resident's "Hoa"
    assert search.text() == "2s"


def test_the_search_box_follows_clear_clicks_and_erasing(qtbot: Any, make_kiosk: Any) -> None:
    """The word is read back from the field before each key: after 'Xóa', a click in the
    middle, or Backspace, marks apply to what is really before the cursor."""
    kiosk, search = choose_screen(qtbot, make_kiosk)
    qtbot.keyClicks(search, "hoaf")
    click(qtbot, kiosk.window, "clearSearch")
    qtbot.keyClicks(search, "s")
    assert search.text() == "s"
    click(qtbot, kiosk.window, "clearSearch")
    qtbot.keyClicks(search, "tieng vieet")
    search.setCursorPosition(5)
    qtbot.keyClicks(search, "s")
    assert search.text() == "tiéng viêt"
    search.end(False)
    qtbot.keyClick(search, Qt.Key.Key_Backspace)
    qtbot.keyClicks(search, "cj")
    assert search.text() == "tiéng việc"


def test_the_on_screen_keyboard_types_and_marks(qtbot: Any, make_kiosk: Any) -> None:
    """Tapping H, o, a, then the 'à' mark key and 'Dấu cách' gives 'Hòa '; the keys are at
    least 56 px; 'Ẩn bàn phím' closes it."""
    kiosk, search = choose_screen(qtbot, make_kiosk)
    window = kiosk.window
    click(qtbot, window, "keyboardButton")
    keyboard = find(window, QWidget, "vietnameseKeyboard")
    QApplication.processEvents()
    for name in ("shift", "h", "o", "a", "grave", "space", "d", "stroke", "i"):
        click(qtbot, window, f"osk-{name}")
    assert search.text() == "Hòa đi"
    assert window.focusWidget() is search, "the field keeps the focus"
    for key in keyboard.findChildren(QAbstractButton):
        assert key.height() >= 56 and key.width() >= 56, key.objectName()
    click(qtbot, window, "osk-hide")
    assert not keyboard.isVisible()
    assert not find(window, QAbstractButton, "keyboardButton").isChecked()


SECRET_TYPING = {InputMethod.TELEX: "Hoaf1aa2ddw", InputMethod.VNI: "Hoa2a6d9u7"}


@pytest.mark.parametrize("method", [InputMethod.TELEX, InputMethod.VNI])
def test_id_number_phone_otp_and_password_fields_stay_as_typed(
    qtbot: Any, make_kiosk: Any, method: InputMethod
) -> None:
    """On the VNeID practice, with typing attached to its fields, digits and secrets pass
    through untouched in Telex and VNI, password shown or hidden; the on-screen keyboard
    never opens over them, and opens again on a text field."""
    kiosk = make_kiosk()
    wizard = kiosk.wizard
    wizard.start()
    wizard.set_typing(method.value)
    wizard.choose("dang-ky-tam-tru")
    wizard.open_practice("vneid-activation")
    page = kiosk.window.stack.currentWidget()
    words = QLineEdit()  # a text field beside them, where the same keys do compose
    page.layout().addWidget(words)
    fields = {
        name: page.findChild(QLineEdit, name)
        for name in ("idNumber", "phone", "otp", "password", "passcode")
    }
    tools = TypingTools(wizard, words, *fields.values(), parent=page)
    page.layout().addWidget(tools.keyboard)
    secret = SECRET_TYPING[method]
    qtbot.keyClicks(words, secret)
    assert words.text() != secret, "the keys compose in a text field"
    qtbot.keyClicks(fields["idNumber"], "079203001234")
    qtbot.keyClicks(fields["phone"], "0913572468")
    assert fields["idNumber"].text() == "079203001234"
    assert fields["phone"].text() == "0913572468"
    for name in ("idNumber", "otp", "passcode"):
        fields[name].clear()
        qtbot.keyClicks(fields[name], secret)
        assert fields[name].text() == secret, name
    password = fields["password"]
    for shown in (False, True):
        page.password_field.show_button.setChecked(shown)
        password.clear()
        qtbot.keyClicks(password, secret)
        assert password.text() == secret, shown
    tools.keyboard.set_wanted(True)
    qtbot.mouseClick(words, Qt.MouseButton.LeftButton)
    assert tools.keyboard.isVisible()
    qtbot.mouseClick(fields["otp"], Qt.MouseButton.LeftButton)
    assert not tools.keyboard.isVisible()
    qtbot.mouseClick(words, Qt.MouseButton.LeftButton)
    assert tools.keyboard.isVisible()
