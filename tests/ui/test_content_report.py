"""'Báo nội dung sai' on the volunteer panel: the step and a reason picked from fixed lists,
recorded in the journal for the collector, with no way to type anything."""

from __future__ import annotations

import sqlite3
from typing import Any

from PySide6.QtWidgets import QLineEdit, QTextEdit

from kiosk.pin import DEMO_PIN

PROCEDURE = "dang-ky-tam-tru"


def reports(path: object) -> list[tuple[object, ...]]:
    connection = sqlite3.connect(str(path))
    try:
        return connection.execute(
            "SELECT procedure_id, step, reason, catalog_version FROM content_reports ORDER BY rowid"
        ).fetchall()
    finally:
        connection.close()


def test_a_volunteer_reports_the_step_on_screen(journal_kiosk: Any) -> None:
    """Mid-session on step 4, the report page offers the overview and every step with step 4
    picked; choosing 'picture' and sending records (procedure, 4, picture, catalog version)."""
    kiosk, hookup, driver = journal_kiosk()
    wizard = kiosk.wizard
    wizard.start()
    wizard.choose(PROCEDURE)
    wizard.begin_steps()
    for _ in range(3):
        wizard.next()
    assert driver.open_panel(DEMO_PIN)
    driver.wait_panel_fresh(lambda state: True)
    driver.click("reportContentButton", driver.panel)
    page = driver.panel.report_page
    assert page.isVisible()
    steps = len(wizard.catalog.procedures[PROCEDURE].steps)
    assert sorted(page.part_buttons) == list(range(steps + 1))  # 0 = the overview
    assert page.part_buttons[4].isChecked()
    assert not page.findChildren(QLineEdit) and not page.findChildren(QTextEdit)
    driver.click("sendReportButton", driver.panel)  # no reason yet: nothing is sent
    assert page.isVisible() and "lý do" in page.message.text()
    driver.click("reason-picture", driver.panel)
    driver.click("sendReportButton", driver.panel)
    driver.wait_until(lambda: "Đã ghi báo cáo" in driver.panel.feedback.text())
    assert reports(hookup.journal.path) == [(PROCEDURE, 4, "picture", wizard.catalog.version)]
    assert hookup.journal.unsynced_count() == 1
    assert wizard.view.session_open and wizard.view.step_index == 3  # the resident goes on


def test_after_the_session_the_report_is_about_the_last_procedure(journal_kiosk: Any) -> None:
    """At the home screen the report is about the last session's procedure, overview picked;
    with no session yet there is nothing to report on, so the button is not there."""
    kiosk, hookup, driver = journal_kiosk()
    assert driver.open_panel(DEMO_PIN)
    driver.wait_panel_fresh(lambda state: True)
    assert not driver.has(type(driver.panel.report_button), "reportContentButton", driver.panel)
    driver.click("closePanelButton", driver.panel)
    kiosk.wizard.start()
    kiosk.wizard.choose(PROCEDURE)
    kiosk.wizard.idle_expire()
    assert driver.open_panel(DEMO_PIN)
    driver.wait_panel_fresh(lambda state: state.last is not None)
    driver.click("reportContentButton", driver.panel)
    page = driver.panel.report_page
    assert page.part_buttons[0].isChecked()
    driver.click("reason-fee", driver.panel)
    driver.click("sendReportButton", driver.panel)
    driver.wait_until(lambda: "Đã ghi báo cáo" in driver.panel.feedback.text())
    assert reports(hookup.journal.path) == [(PROCEDURE, 0, "fee", kiosk.wizard.catalog.version)]
