"""A resident's whole journey through the real window, with real clicks and key presses."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QLineEdit, QWidget

from kiosk.wizard import Screen

PROCEDURE = "dang-ky-tam-tru"


def find(window: QWidget, kind: type, name: str) -> Any:
    """The visible widget called `name` on the current screen (or the window's bars)."""
    for widget in window.findChildren(kind, name):
        if widget.isVisible():
            return widget
    raise AssertionError(f"no visible {kind.__name__} '{name}'")


def click(qtbot: Any, window: QWidget, name: str) -> None:
    """Click the visible button called `name` as a resident would."""
    button = find(window, QAbstractButton, name)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def type_digits(qtbot: Any, window: QWidget, digits: str) -> None:
    """Type on the on-screen keypad, key by key."""
    click(qtbot, window, "key-clear")
    for digit in digits:
        click(qtbot, window, f"key-{digit}")


def test_home_to_search_to_steps_to_practice_to_finish_and_home(
    qtbot: Any, make_kiosk: Any
) -> None:
    """home → search "tam tru" → overview → all steps (with the CCCD practice: a wrong number,
    then a right one) → finish with a QR code → rating → home, everything wiped."""
    kiosk = make_kiosk()
    window, wizard = kiosk.window, kiosk.wizard

    click(qtbot, window, "startButton")
    assert wizard.view.screen == Screen.CHOOSE
    search = find(window, QLineEdit, "searchBox")
    qtbot.mouseClick(search, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(search, "tam tru")
    qtbot.waitUntil(lambda: window.findChild(QAbstractButton, f"tile-{PROCEDURE}") is not None)
    choose = window.pages["choose"]
    assert next(iter(choose.tile_buttons)) == PROCEDURE, "the best match comes first"
    click(qtbot, window, f"tile-{PROCEDURE}")
    assert wizard.view.screen == Screen.OVERVIEW

    click(qtbot, window, "nextButton")
    steps = wizard.view.step_count
    practiced = False
    for number in range(1, steps + 1):
        progress = find(window, QLabel, "stepProgress").text()
        assert progress == f"Bước {number}/{steps}"
        practice = window.findChild(QAbstractButton, "practiceButton")
        if practice.isVisible() and not practiced:
            click(qtbot, window, "practiceButton")
            assert wizard.view.screen == Screen.PRACTICE
            type_digits(qtbot, window, "07920300123")  # 11 digits: one missing
            click(qtbot, window, "checkButton")
            result = find(window, QLabel, "result").text()
            assert "12" in result and "11" in result
            type_digits(qtbot, window, "079203001234")
            click(qtbot, window, "checkButton")
            result = find(window, QLabel, "result").text()
            assert "Hồ Chí Minh" in result and "2003" in result
            click(qtbot, window, "backButton")
            assert wizard.view.screen == Screen.STEP
            practiced = True
        click(qtbot, window, "nextButton")
    assert practiced, "the journey passes a step with the ID-number practice"
    assert wizard.view.screen == Screen.FINISH
    finish = window.stack.currentWidget()
    assert finish.findChild(QWidget, "qrCode") is not None
    click(qtbot, window, "rate-4")
    assert wizard.view.rating == 4
    session = wizard.session_uuid
    assert session is not None
    click(qtbot, window, "doneButton")

    assert wizard.view.screen == Screen.HOME and wizard.session_uuid is None
    assert window.focusWidget() is find(window, QAbstractButton, "startButton")
    assert window.pages["choose"].search.text() == ""
    QApplication.processEvents()


def test_keyboard_alone_can_start_and_search(qtbot: Any, make_kiosk: Any) -> None:
    """Full keyboard use: Enter on the focused 'Bắt đầu', typing, Tab to a tile, Enter."""
    kiosk = make_kiosk()
    window, wizard = kiosk.window, kiosk.wizard
    start = find(window, QAbstractButton, "startButton")
    assert window.focusWidget() is start, "Bắt đầu has the keyboard focus"
    qtbot.keyClick(start, Qt.Key.Key_Return)
    assert wizard.view.screen == Screen.CHOOSE
    search = find(window, QLineEdit, "searchBox")
    search.setFocus()
    qtbot.keyClicks(search, "khai sinh")
    tile = window.pages["choose"].tile_buttons
    assert tile, "typing without accents finds birth registration"
    first = next(iter(tile.values()))
    first.setFocus()
    qtbot.keyClick(first, Qt.Key.Key_Return)
    assert wizard.view.screen == Screen.OVERVIEW


def test_help_button_shows_a_clear_signal_and_counts(qtbot: Any, make_kiosk: Any) -> None:
    """'Gọi tình nguyện viên' is on every screen; pressing it shows a signal and is counted."""
    kiosk = make_kiosk(opening_hours=())
    window, wizard = kiosk.window, kiosk.wizard
    click(qtbot, window, "startButton")
    click(qtbot, window, "helpButton")
    overlay = window.help_overlay
    assert overlay.isVisible()
    assert "tình nguyện viên" in find(window, QLabel, "helpText").text()
    click(qtbot, window, "helpOkButton")
    assert not overlay.isVisible()
    assert wizard._session is not None and wizard._session.help_requests == 1
