"""The two practice screens, driven through the real kiosk window with clicks and key presses."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QLineEdit

from kiosk.catalog.model import Catalog
from kiosk.config import demo_config
from kiosk.paths import AppDirs
from kiosk.wizard import Screen, Wizard
from tests.ui.kiosk_helpers import close_now, pinned_clock
from ui.main_window import KioskWindow
from ui.pages.finish_page import FinishPage
from ui.pages.practice_cccd_page import PracticeCccdPage
from ui.pages.practice_vneid_page import PRACTICE_OTP, PracticeVneidPage
from ui.theme import TARGET_PX, apply_theme
from ui.widgets.keypad import KEY_PADDING_PX

PROCEDURE = "dang-ky-tam-tru"
GOOD_NUMBER = "079203001234"


@pytest.fixture
def window(qtbot: Any, ui_home: AppDirs, real_catalog: Catalog) -> Iterator[KioskWindow]:
    """The real window on the real catalog, standing on the procedure's step with a practice."""
    apply_theme(QApplication.instance())
    wizard = Wizard(real_catalog, clock=pinned_clock())
    pages = {
        "cccd": PracticeCccdPage(wizard),
        "vneid-activation": PracticeVneidPage(wizard),
        "finish": FinishPage(wizard),
    }
    win = KioskWindow(wizard, demo_config(), extra_pages=pages)  # type: ignore[arg-type]
    win.resize(1280, 800)
    win.show()
    win.activateWindow()
    qtbot.waitExposed(win)
    qtbot.waitActive(win)
    wizard.choose(PROCEDURE)
    wizard.begin_steps()
    while wizard.view.step is not None and wizard.view.step.practice != "cccd":
        wizard.next()
    assert wizard.view.screen == Screen.STEP
    yield win
    QApplication.instance().removeEventFilter(win.activity)
    close_now(win)


def click(qtbot: Any, widget: QAbstractButton) -> None:
    """A left click, as a resident's finger does it."""
    assert widget.isVisible(), f"{widget.objectName()} is on screen"
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def named(win: KioskWindow, kind: type, name: str) -> Any:
    """The visible widget called `name`."""
    for widget in win.findChildren(kind, name):
        if widget.isVisible():
            return widget
    raise AssertionError(f"no visible {kind.__name__} '{name}'")


def open_cccd(qtbot: Any, win: KioskWindow) -> PracticeCccdPage:
    """Press 'Thực hành: nhập số định danh 12 số' on the step."""
    click(qtbot, named(win, QAbstractButton, "practiceButton"))
    page = win.stack.currentWidget()
    assert isinstance(page, PracticeCccdPage)
    return page


def press_keys(qtbot: Any, win: KioskWindow, digits: str) -> None:
    """Type on the on-screen keypad."""
    for digit in digits:
        click(qtbot, named(win, QAbstractButton, f"key-{digit}"))


def check(qtbot: Any, win: KioskWindow) -> QLabel:
    """Press 'Kiểm tra' and return the result line."""
    click(qtbot, named(win, QAbstractButton, "checkButton"))
    return named(win, QLabel, "result")


def test_practice_page_is_marked_and_keys_are_big(qtbot: Any, window: KioskWindow) -> None:
    """The THỰC HÀNH band is on top and every keypad key is at least 84 px square."""
    page = open_cccd(qtbot, window)
    band = named(window, QLabel, "practiceBand")
    assert band.text() == "THỰC HÀNH — không lưu lại gì"
    assert band.property("role") == "practice-band"
    names = [f"key-{d}" for d in "0123456789"] + ["key-back", "key-clear"]
    for name in names:
        key = named(window, QAbstractButton, name)
        assert page.isAncestorOf(key)
        assert key.width() >= TARGET_PX["keypad"] and key.height() >= TARGET_PX["keypad"], name
    assert named(window, QAbstractButton, "key-back").text() == "Xóa"
    # At large sizes the words may break over two lines to fit the key.
    assert named(window, QAbstractButton, "key-clear").text().replace("\n", " ") == "Xóa hết"


@pytest.mark.parametrize(
    ("keys", "typed_letters", "problem", "words"),
    [
        ("07920300123", "", "too-short", "Bạn mới nhập 11 số"),
        ("123456789", "", "old-cmnd", "chứng minh nhân dân 9 số"),
        ("0792", "O3001234", "has-letters", "chỉ gồm chữ số"),
        ("099203001234", "", "unknown-province", "Ba số đầu là mã tỉnh"),
        ("079399001234", "", "future-year", "tương lai"),
    ],
)
def test_wrong_numbers_get_a_calm_message_with_a_cross(
    qtbot: Any, window: KioskWindow, keys: str, typed_letters: str, problem: str, words: str
) -> None:
    """11 digits, the old 9-digit CMND, a letter O for a zero, province 099 and a birth year in
    the future each get their own calm sentence, marked ✗ in words, not colour alone."""
    page = open_cccd(qtbot, window)
    press_keys(qtbot, window, keys)
    if typed_letters:
        qtbot.keyClicks(page, typed_letters)  # the physical keyboard allows a letter O
    result = check(qtbot, window)
    assert result.property("problem") == problem
    assert result.property("role") == "error"
    assert result.text().startswith("✗ Chưa đúng.")
    assert words in result.text()


def test_a_right_number_is_explained_part_by_part(qtbot: Any, window: KioskWindow) -> None:
    """079 2 03 001234 shows its four groups with captions and what each group means."""
    page = open_cccd(qtbot, window)
    press_keys(qtbot, window, GOOD_NUMBER)
    groups = [named(window, QLabel, f"group-{i}").text() for i in range(4)]
    assert groups == ["079", "2", "03", "001234"]
    captions = [c.text() for c in page.captions]
    assert captions == [
        "mã tỉnh nơi đăng ký khai sinh",
        "giới tính và thế kỷ sinh",
        "năm sinh",
        "số ngẫu nhiên",
    ]
    result = check(qtbot, window)
    assert result.property("role") == "ok"
    assert result.text().startswith("✓ Số này đúng dạng số định danh.")
    for part in ("TP. Hồ Chí Minh", "nam", "2003", "6 số cuối là số ngẫu nhiên"):
        assert part in result.text()


def test_the_display_groups_digits_as_they_are_typed(qtbot: Any, window: KioskWindow) -> None:
    """Half-typed numbers show the digits so far in their groups, '•' where digits are missing."""
    open_cccd(qtbot, window)
    press_keys(qtbot, window, "07920")
    groups = [named(window, QLabel, f"group-{i}").text() for i in range(4)]
    assert groups == ["079", "2", "0•", "••••••"]
    assert named(window, QLabel, "digitCount").text() == "Đã nhập 5/12 số"


def test_keyboard_typing_backspace_and_enter(qtbot: Any, window: KioskWindow) -> None:
    """Digits and Backspace on a physical keyboard work like the keypad; Enter checks."""
    page = open_cccd(qtbot, window)
    assert window.focusWidget() is page, "typing goes to the practice page at once"
    qtbot.keyClicks(page, "0792030012345")
    qtbot.keyClick(page, Qt.Key.Key_Backspace)
    assert page.typed_length == 12
    qtbot.keyClick(page, Qt.Key.Key_Return)
    assert named(window, QLabel, "result").property("role") == "ok"
    # A keypad click in between does not steal the focus from where typing goes.
    click(qtbot, named(window, QAbstractButton, "key-back"))
    qtbot.keyClicks(page, "4")
    assert page.typed_length == 12


def test_keypad_back_and_clear_keys(qtbot: Any, window: KioskWindow) -> None:
    """'Xóa' removes one digit, 'Xóa hết' removes them all and hides the old result."""
    page = open_cccd(qtbot, window)
    press_keys(qtbot, window, "0792")
    click(qtbot, named(window, QAbstractButton, "key-back"))
    assert page.typed_length == 3
    check(qtbot, window)
    click(qtbot, named(window, QAbstractButton, "key-clear"))
    assert page.typed_length == 0
    assert not page.result.isVisible()
    assert named(window, QLabel, "group-0").text() == "•••"


def test_leaving_or_wiping_forgets_the_number(qtbot: Any, window: KioskWindow) -> None:
    """'Quay lại bước' returns to the step and forgets the input; so do opening the other
    practice, wipe() and the session ending on idle."""
    page = open_cccd(qtbot, window)
    press_keys(qtbot, window, GOOD_NUMBER)
    check(qtbot, window)
    click(qtbot, named(window, QAbstractButton, "backButton"))
    assert window.wizard.view.screen == Screen.STEP
    assert page.typed_length == 0 and page.result.text() == ""
    assert [g.text() for g in page.group_labels] == ["•••", "•", "••", "••••••"]

    open_cccd(qtbot, window)
    press_keys(qtbot, window, GOOD_NUMBER)
    window.wizard.open_practice("vneid-activation")  # straight to the other practice
    assert page.typed_length == 0

    window.wizard.close_practice()
    open_cccd(qtbot, window)
    press_keys(qtbot, window, GOOD_NUMBER)
    page.wipe()
    assert page.typed_length == 0

    press_keys(qtbot, window, GOOD_NUMBER)
    window.wizard.idle_expire()
    assert window.wizard.view.screen == Screen.HOME
    assert page.typed_length == 0


def open_vneid(qtbot: Any, win: KioskWindow) -> PracticeVneidPage:
    """Open the VNeID activation practice from the current step."""
    win.wizard.open_practice("vneid-activation")
    page = win.stack.currentWidget()
    assert isinstance(page, PracticeVneidPage)
    assert page.stage == 0
    return page


def field(win: KioskWindow, name: str) -> QLineEdit:
    """The visible input called `name`."""
    return named(win, QLineEdit, name)


def fill(qtbot: Any, edit: QLineEdit, text: str) -> None:
    """Click into a field, empty it and type."""
    qtbot.mouseClick(edit, Qt.MouseButton.LeftButton)
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    qtbot.keyClicks(edit, text)


def error_of(win: KioskWindow, name: str) -> str:
    """The error line under the field `name` ('' when hidden)."""
    label = win.findChild(QLabel, f"{name}-error")
    return label.text() if label.isVisible() else ""


def test_vneid_practice_goes_through_all_three_parts(qtbot: Any, window: KioskWindow) -> None:
    """ID number + phone → the simulated SMS and a wrong then right OTP → password rules ticking
    live and a passcode → the congratulation; every wrong input gets a calm ✗ sentence."""
    page = open_vneid(qtbot, window)
    assert named(window, QLabel, "practiceBand").isVisible()
    assert named(window, QLabel, "stageProgress").text() == "Phần 1/3"

    fill(qtbot, field(window, "idNumber"), "123456789")
    fill(qtbot, field(window, "phone"), "091234567")
    click(qtbot, named(window, QAbstractButton, "sendButton"))
    assert page.stage == 0
    assert "chứng minh nhân dân 9 số" in error_of(window, "idNumber")
    assert error_of(window, "idNumber").startswith("✗ ")
    assert "Bạn đã nhập 9 số" in error_of(window, "phone")

    fill(qtbot, field(window, "idNumber"), GOOD_NUMBER)
    fill(qtbot, field(window, "phone"), "0912 345 678")
    click(qtbot, named(window, QAbstractButton, "sendButton"))
    assert page.stage == 1
    sms = named(window, QLabel, "smsMessage").text()
    assert f"mã OTP của bạn là {PRACTICE_OTP}" in sms
    assert "Không bao giờ đưa mã OTP thật cho ai." in sms

    fill(qtbot, field(window, "otp"), "12345")
    click(qtbot, named(window, QAbstractButton, "otpButton"))
    assert page.stage == 1 and "Bạn đã nhập 5 số" in error_of(window, "otp")
    fill(qtbot, field(window, "otp"), "111111")
    qtbot.keyClick(field(window, "otp"), Qt.Key.Key_Return)  # Enter works like the button
    assert page.stage == 1, "a code other than the one in the message is refused"
    assert "khác mã trong tin nhắn thử" in error_of(window, "otp")
    fill(qtbot, field(window, "otp"), PRACTICE_OTP)
    click(qtbot, named(window, QAbstractButton, "otpButton"))
    assert page.stage == 2

    password = field(window, "password")
    assert password.echoMode() == QLineEdit.EchoMode.Password
    fill(qtbot, password, "abc")
    rules = [named(window, QLabel, f"rule-{i}").text() for i in range(5)]
    assert rules[0].startswith("✗") and "Ít nhất 8 ký tự" in rules[0]
    assert rules[2].startswith("✓") and "chữ thường" in rules[2]
    show = named(window, QAbstractButton, "password-show")
    assert show.text() == "Hiện"
    click(qtbot, show)
    assert password.echoMode() == QLineEdit.EchoMode.Normal and show.text() == "Ẩn"
    fill(qtbot, field(window, "passcode"), "123456")
    click(qtbot, named(window, QAbstractButton, "finishButton"))
    assert page.stage == 2
    assert "dấu ✗" in error_of(window, "password")
    assert "dễ đoán" in error_of(window, "passcode")

    qtbot.keyClicks(password, "D1xyz!")
    assert all(named(window, QLabel, f"rule-{i}").text().startswith("✓") for i in range(5))
    assert error_of(window, "password") == "", "typing again takes the old complaint away"
    fill(qtbot, field(window, "passcode"), "480731")
    click(qtbot, named(window, QAbstractButton, "finishButton"))
    assert page.stage == 3
    congrats = named(window, QLabel, "congratulation").text()
    assert congrats.startswith("✓ Chúc mừng")
    assert "vneid.gov.vn" in page.for_real.text() and "ứng dụng VNeID" in page.for_real.text()
    for edit in page.findChildren(QLineEdit):
        assert edit.text() == "", "finishing forgets everything typed"


def test_vneid_wipe_and_leaving_return_to_the_first_part(qtbot: Any, window: KioskWindow) -> None:
    """wipe() and 'Quay lại bước' clear every field and start again at part 1."""
    page = open_vneid(qtbot, window)
    fill(qtbot, field(window, "idNumber"), GOOD_NUMBER)
    fill(qtbot, field(window, "phone"), "0912345678")
    click(qtbot, named(window, QAbstractButton, "sendButton"))
    fill(qtbot, field(window, "otp"), "4829")
    page.wipe()
    assert page.stage == 0
    assert all(edit.text() == "" for edit in page.findChildren(QLineEdit))

    fill(qtbot, field(window, "idNumber"), GOOD_NUMBER)
    fill(qtbot, field(window, "phone"), "0912345678")
    click(qtbot, named(window, QAbstractButton, "sendButton"))
    assert page.stage == 1
    click(qtbot, named(window, QAbstractButton, "backButton"))
    assert window.wizard.view.screen == Screen.STEP
    assert page.stage == 0
    assert all(edit.text() == "" for edit in page.findChildren(QLineEdit))
    assert not page.id_field.error.isVisibleTo(page)


def test_practice_inputs_offer_no_copy_menu(qtbot: Any, window: KioskWindow) -> None:
    """No context menu on practice inputs, so nothing typed is copied out by a long press."""
    page = open_vneid(qtbot, window)
    for edit in page.findChildren(QLineEdit):
        assert edit.contextMenuPolicy() == Qt.ContextMenuPolicy.NoContextMenu


def test_nothing_typed_reaches_logs_or_disk(
    qtbot: Any, window: KioskWindow, ui_home: AppDirs, caplog: pytest.LogCaptureFixture
) -> None:
    """After both practices are used, no log record and no file under the kiosk's folders holds
    the ID number, phone, OTP, password or passcode that were typed."""
    caplog.set_level("DEBUG")
    open_cccd(qtbot, window)
    press_keys(qtbot, window, GOOD_NUMBER)
    check(qtbot, window)
    click(qtbot, named(window, QAbstractButton, "backButton"))
    page = open_vneid(qtbot, window)
    secrets = [GOOD_NUMBER, "0912345678", PRACTICE_OTP, "Abcd123!xy", "480731"]
    fill(qtbot, field(window, "idNumber"), GOOD_NUMBER)
    fill(qtbot, field(window, "phone"), secrets[1])
    click(qtbot, named(window, QAbstractButton, "sendButton"))
    fill(qtbot, field(window, "otp"), PRACTICE_OTP)
    click(qtbot, named(window, QAbstractButton, "otpButton"))
    fill(qtbot, field(window, "password"), secrets[3])
    fill(qtbot, field(window, "passcode"), secrets[4])
    click(qtbot, named(window, QAbstractButton, "finishButton"))
    assert page.stage == 3
    window.wizard.idle_expire()

    logged = "\n".join(record.getMessage() for record in caplog.records)
    for secret in secrets[:2] + secrets[3:]:
        assert secret not in logged
    root = ui_home.data.parent
    for path in root.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            for secret in secrets[:2] + secrets[3:]:
                assert secret.encode() not in data, path


@pytest.mark.parametrize("size", ["normal", "large", "xlarge"])
def test_keys_stay_big_and_words_fit_at_every_text_size(
    qtbot: Any, window: KioskWindow, size: str
) -> None:
    """At 1×, 1.25× and 1.5× text every key is ≥ 84 px and the erase keys' words are not cut."""
    window.wizard.set_text_size(size)
    page = open_cccd(qtbot, window)
    QApplication.processEvents()
    for name, key in page.keypad.keys.items():
        assert key.width() >= TARGET_PX["keypad"] and key.height() >= TARGET_PX["keypad"], name
    for name in ("back", "clear"):
        key = page.keypad.keys[name]
        room = key.width() - 2 * KEY_PADDING_PX
        for line in key.text().split("\n"):
            assert key.fontMetrics().horizontalAdvance(line) <= room, (name, line)
    window.wizard.set_text_size("normal")
