"""The resident's rough edges: scrolling starts at the top of every new screen, step and
session; reaching home ends the session and wipes the screen; the volunteer panel keeps its
own size; the procedure screens say when their facts were checked."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QFontInfo
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QCheckBox, QLabel, QLineEdit, QScrollBar, QWidget

from kiosk import format as fmt
from kiosk.pin import DEMO_PIN
from kiosk.protocol import EndReason
from ui.simulate import Driver

PROCEDURE = "dang-ky-tam-tru"


def scroll_bar(page: QWidget) -> QScrollBar:
    """The vertical scroll bar of the page's body (its biggest scroll range)."""
    bars = [b for b in page.findChildren(QScrollBar) if b.orientation().name == "Vertical"]
    return max(bars, key=lambda b: b.maximum())


def scroll_down(driver: Driver, page: QWidget) -> None:
    """Scroll the page's body to its bottom, as a resident dragging the bar would."""
    driver.pump()
    bar = scroll_bar(page)
    assert bar.maximum() > 0, "the screen must be long enough to scroll for this test"
    bar.setValue(bar.maximum())


def at_top(page: QWidget) -> bool:
    """Every scroll bar on the page is at its start."""
    return all(bar.value() == 0 for bar in page.findChildren(QScrollBar))


def test_every_new_screen_step_and_session_starts_at_the_top(journal_kiosk: Any) -> None:
    """Scrolled down on the overview and on a step, the next step, the step before, and the
    same procedure after the idle wipe all open at their top."""
    kiosk, _hookup, driver = journal_kiosk()
    window, wizard = kiosk.window, kiosk.wizard
    window.resize(1024, 600)  # small enough that every screen scrolls at 'Rất lớn'
    wizard.set_text_size("xlarge")
    wizard.start()
    wizard.choose(PROCEDURE)
    overview = window.page_for(wizard.view)
    scroll_down(driver, overview)
    wizard.begin_steps()
    step = window.page_for(wizard.view)
    driver.pump()
    assert at_top(step), "step 1 opened where the overview was left"
    scroll_down(driver, step)
    wizard.next()
    driver.pump()
    assert at_top(step), "step 2 opened scrolled down like step 1"
    scroll_down(driver, step)
    wizard.back()
    driver.pump()
    assert at_top(step), "going back to step 1 kept step 2's scrolling"
    scroll_down(driver, step)
    wizard.idle_warn()
    wizard.idle_expire()  # the next resident
    wizard.set_text_size("xlarge")
    wizard.start()
    wizard.choose(PROCEDURE)
    driver.pump()
    assert at_top(overview), "the next session's overview opened scrolled down"
    wizard.begin_steps()
    driver.pump()
    assert at_top(step), "the next session's first step opened scrolled down"


def test_back_to_home_ends_the_session_and_wipes_the_screen(journal_kiosk: Any) -> None:
    """'Quay lại' to the home screen records the session as ended 'home' and leaves nothing
    of it: the next person finds an empty search box and unticked documents."""
    kiosk, hookup, driver = journal_kiosk()
    window, wizard = kiosk.window, kiosk.wizard
    driver.click("startButton")
    QTest.keyClicks(driver.find(QLineEdit, "searchBox"), "tam tru")
    driver.pump()
    assert wizard.choose_view.query == "tam tru"
    driver.click(f"tile-{PROCEDURE}")
    boxes = window.page_for(wizard.view).findChildren(QCheckBox)
    boxes[0].setChecked(True)
    session_uuid = wizard.session_uuid
    driver.click("backButton")  # overview -> choose
    driver.click("backButton")  # choose -> home
    assert wizard.view.screen.value == "home" and not wizard.view.session_open
    assert hookup.journal is not None and hookup.journal.flush(10)
    last = hookup.journal.last_session()
    assert last is not None and last.uuid == session_uuid
    assert last.end_reason == EndReason.HOME.value
    driver.click("startButton")
    assert driver.find(QLineEdit, "searchBox").text() == ""
    driver.click(f"tile-{PROCEDURE}")
    assert not any(box.isChecked() for box in window.page_for(wizard.view).findChildren(QCheckBox))


def panel_sizes(driver: Driver) -> tuple[int, int, int, int]:
    """The panel's heading and body font sizes and the height and column count of the
    outcome buttons."""
    panel = driver.panel
    heading = QFontInfo(panel.heading.font()).pixelSize()
    body = QFontInfo(panel.today_summary.font()).pixelSize()
    button = driver.find(QWidget, "closePanelButton", panel).height()
    return heading, body, button, panel.outcome_columns


def test_the_volunteer_panel_keeps_its_size_whatever_the_residents_text_size(
    journal_kiosk: Any,
) -> None:
    """Opened at 'Rất lớn', the panel's words and buttons are as at 'Thường'."""
    kiosk, _hookup, driver = journal_kiosk()
    assert driver.open_panel(DEMO_PIN)
    normal = panel_sizes(driver)
    driver.click("closePanelButton", driver.panel)
    kiosk.wizard.set_text_size("xlarge")
    kiosk.wizard.start()
    assert driver.open_panel(DEMO_PIN)
    assert panel_sizes(driver) == normal


def test_procedure_screens_say_when_their_facts_were_checked(make_kiosk: Any) -> None:
    """The overview and every step show 'Thông tin kiểm tra ngày dd/mm/yyyy' with the
    procedure's own check date."""
    kiosk = make_kiosk()
    wizard = kiosk.wizard
    wizard.start()
    wizard.choose(PROCEDURE)
    expected = "Thông tin kiểm tra ngày " + fmt.day(wizard.catalog.procedures[PROCEDURE].checked)
    shown = kiosk.window.page_for(wizard.view).findChild(QLabel, "checkedDate")
    assert shown.isVisible() and shown.text() == expected
    wizard.begin_steps()
    for _ in range(wizard.view.step_count):
        shown = kiosk.window.page_for(wizard.view).findChild(QLabel, "checkedDate")
        assert shown.isVisible() and shown.text() == expected
        wizard.next()
    wizard.set_language("en")
    wizard.back()
    shown = kiosk.window.page_for(wizard.view).findChild(QLabel, "checkedDate")
    assert shown.text().startswith("Information checked on ")


def test_the_demo_pin_pad_says_its_pin(journal_kiosk: Any) -> None:
    """On the demo help point the PIN pad tells whoever tries the demo the PIN to use."""
    kiosk, _hookup, driver = journal_kiosk()
    kiosk.window.volunteer_requested.emit()
    driver.wait_until(lambda: DEMO_PIN in driver.panel.pin_pad.hint.text())
    assert f"Máy trình diễn: mã PIN là {DEMO_PIN}." in driver.panel.pin_pad.hint.text()
