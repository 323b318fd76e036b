"""After 'Đã nộp hồ sơ' (#19 item 6) and the panel's current visit (#19 item 9), through the
real kiosk: real clicks on the real buttons, the real journal in tmp_path, a pinned clock.

The finish page says the dossier was submitted and what happens next — tracking, the result's
due date in working days (here across Tết and a weekend), where the result arrives — and
prints that as a slip with an empty box for the mã hồ sơ; the journal keeps the visit as
finished (not idle) with a self-reported 'dossier-submitted'; the district counts it.
"""

from __future__ import annotations

import shutil
import subprocess
from datetime import UTC, date, datetime, timedelta
from typing import Any

from PySide6.QtWidgets import QLabel, QWidget

from kiosk.clock import FixedClock
from kiosk.pin import DEMO_PIN
from kiosk.protocol import EndReason
from kiosk.wizard import Screen
from tests.ui.test_journey_journal import stored, stored_outcomes, walk_to_step
from ui.printing import SLIP_PDF_NAME, checklist_document
from ui.simulate import Driver

PROCEDURE = "dang-ky-tam-tru"  # "Trong 3 ngày làm việc" in the catalog
# Thursday 12/02/2026, 10:00 in Ho Chi Minh City: the Friday, then Tết Bính Ngọ.
SUBMITTED_AT = datetime(2026, 2, 12, 3, 0, tzinfo=UTC)
# Written out from the government's announcement, not from the library the kiosk uses.
TET_2026_WEEKDAYS_OFF = {date(2026, 2, d) for d in (16, 17, 18, 19, 20)}


def expected_due(start: date, working_days: int) -> date:
    """The due date counted by hand: weekdays not in the fixed list."""
    day = start
    while working_days:
        day += timedelta(days=1)
        if day.weekday() < 5 and day not in TET_2026_WEEKDAYS_OFF:
            working_days -= 1
    return day


def visible_texts(root: QWidget) -> list[str]:
    """The text of every label the resident can see."""
    return [w.text() for w in root.findChildren(QLabel) if w.isVisibleTo(root) and w.text()]


def to_finish(driver: Driver, kiosk: Any) -> None:
    walk_to_step(driver, "tam tru", PROCEDURE, 1)
    while kiosk.wizard.view.screen == Screen.STEP:
        driver.next_step()
    assert driver.screen() == "finish"


def test_submitted_shows_next_steps_prints_a_slip_and_is_journaled(
    qtbot: Any, journal_kiosk: Any
) -> None:
    """Finish → 'Đã nộp hồ sơ': the page says so, the due date is Tuesday 24/02/2026 (3 working
    days across Tết and a weekend), the result's place is the catalog's; the slip (a PDF, no
    printer here) has the next steps and an empty box for the code; walking away afterwards
    records the visit as finished with a self-reported mark, which the collector counts."""
    kiosk, hookup, driver = journal_kiosk(clock=FixedClock(SUBMITTED_AT))
    to_finish(driver, kiosk)
    page = kiosk.window.stack.currentWidget()
    assert "Bạn đã xem hết các bước" in visible_texts(page)

    driver.click("submittedButton")
    texts = visible_texts(page)
    procedure = kiosk.wizard.catalog.procedures[PROCEDURE]
    assert procedure.processing_time.working_days == 3
    due = expected_due(date(2026, 2, 12), 3)
    assert due == date(2026, 2, 24)
    assert "Bạn đã xem hết các bước" not in texts
    assert "Bạn đã nộp hồ sơ" in texts
    assert f"Việc tiếp theo cho “{procedure.short_name.vi}”:" in texts
    steps = page.findChild(QLabel, "nextSteps").text()
    assert "Hạn trả kết quả: thứ Ba, 24/02/2026 — 3 ngày làm việc" in steps
    assert "dichvucong.gov.vn" in steps and "VNeID" in steps
    assert procedure.result.vi in steps
    assert not page.findChild(QWidget, "submittedButton").isVisibleTo(page)

    driver.click("printButton")
    status = page.findChild(QLabel, "printStatus").text()
    assert "Đã lưu phiếu thành tệp PDF" in status
    slip = page.checklist()
    assert slip is not None and slip.box_caption
    printed = checklist_document(slip).toPlainText()
    assert "Mã hồ sơ (tự chép tay từ màn hình cổng):" in printed
    assert "24/02/2026" in printed and procedure.result.vi in printed
    pdf = kiosk.dirs.cache / SLIP_PDF_NAME
    assert pdf.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext"):
        words = subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert "Phiếu theo dõi hồ sơ đã nộp" in words and "24/02/2026" in words

    uuid = kiosk.wizard.session_uuid
    driver.go_idle()  # she walks away with her slip
    assert kiosk.wizard.session_uuid is None
    record = stored(hookup)[uuid]
    assert record["end_reason"] == "finished"  # not idle: she submitted
    [mark] = stored_outcomes(hookup)
    assert mark["session_uuid"] == uuid
    assert mark["outcome"] == "dossier-submitted"
    assert mark["reported_by"] == "resident" and mark["volunteer_code"] is None
    # The volunteer sees it as hers, on the visit that just ended.
    assert driver.open_panel(DEMO_PIN)
    assert driver.panel.findChild(QLabel, "lastOutcome").text() == (
        "Kết quả đã ghi: Đã nộp hồ sơ (người dân tự báo). Bấm nút khác để sửa."
    )
    assert "1 lượt: 1 làm đến cuối, 0 bỏ dở" in driver.panel.today_summary.text()
    assert "Đã nộp hồ sơ: 1 lượt." in driver.panel.today_summary.text()
    driver.click("closePanelButton", driver.panel)

    # The next resident's finish page asks again.
    to_finish(driver, kiosk)
    assert "Bạn đã xem hết các bước" in visible_texts(kiosk.window.stack.currentWidget())

    assert _collector_counts(hookup)["dossier-submitted"] == 1


def _collector_counts(hookup: Any) -> dict[str, int]:
    """The journal's unsynced records ingested by an in-process collector; its day counts."""
    import tempfile
    from pathlib import Path

    from sqlalchemy import text

    from collector import db, stats
    from collector.ingest import ingest

    config = hookup.kiosk.config
    export = hookup.journal.export_unsynced(config.kiosk_id, config.help_point.id)
    with tempfile.TemporaryDirectory() as folder:
        engine = db.make_engine(f"sqlite:///{Path(folder) / 'collector.db'}")
        try:
            db.migrate(engine)
            at = datetime(2026, 2, 12, 2, 0)
            with engine.begin() as connection:
                connection.execute(
                    text(
                        "INSERT INTO help_points (id, name, ward, created_at) "
                        "VALUES (:id, 'Điểm', 'Phường', :at)"
                    ),
                    {"id": config.help_point.id, "at": at},
                )
                connection.execute(
                    text(
                        "INSERT INTO kiosks (id, help_point_id, name, token_sha256, created_at) "
                        "VALUES (:id, :hp, 'Máy 1', :token, :at)"
                    ),
                    {
                        "id": config.kiosk_id,
                        "hp": config.help_point.id,
                        "token": "0" * 64,
                        "at": at,
                    },
                )
                results = ingest(
                    connection, config.kiosk_id, export["sessions"], export["outcomes"]
                )
            assert {r.status.value for r in results} == {"stored"}, results
            board = stats.dashboard(engine, now=SUBMITTED_AT + timedelta(hours=2))
        finally:
            engine.dispose()
    return dict(board.outcome_counts)


def test_panel_marks_the_visit_at_the_kiosk_not_the_previous_one(
    qtbot: Any, journal_kiosk: Any
) -> None:
    """One resident finishes; the next is at step 2 when the volunteer opens the panel: it
    shows her visit (procedure, step) and labels the previous one as ended; 'Đã nộp hồ sơ'
    goes on her visit — her finish page shows the next steps — and not on the previous."""
    kiosk, hookup, driver = journal_kiosk(clock=FixedClock(SUBMITTED_AT))
    walk_to_step(driver, "tam tru", PROCEDURE, 2)
    first = driver.end(EndReason.HOME)
    walk_to_step(driver, "tam tru", PROCEDURE, 2)
    second = kiosk.wizard.session_uuid
    steps = kiosk.wizard.view.step_count

    assert driver.open_panel(DEMO_PIN)
    panel = driver.panel
    current = panel.findChild(QLabel, "currentVisit")
    assert current.isVisibleTo(panel)
    name = kiosk.wizard.catalog.procedures[PROCEDURE].short_name.vi
    assert current.text() == f"{name} · đang ở bước 2/{steps}"
    assert panel.findChild(QLabel, "lastTitle").text() == "Lượt trước (đã kết thúc)"
    assert not panel.findChild(QLabel, "lastOutcome").isVisibleTo(panel)

    driver.click("outcome-dossier-submitted", panel)
    assert panel.feedback.text() == "Đã ghi cho lượt đang ở máy."
    assert panel.findChild(QLabel, "currentOutcome").text() == (
        "Kết quả đã ghi: Đã nộp hồ sơ. Bấm nút khác để sửa."
    )
    assert stored_outcomes(hookup) == []  # nothing on the previous visit
    driver.click("closePanelButton", panel)

    while kiosk.wizard.view.screen == Screen.STEP:
        driver.next_step()
    page = kiosk.window.stack.currentWidget()
    assert "Hạn trả kết quả: thứ Ba, 24/02/2026" in page.findChild(QLabel, "nextSteps").text()
    driver.done()
    [mark] = stored_outcomes(hookup)
    assert mark["session_uuid"] == second != first
    assert mark["outcome"] == "dossier-submitted" and "reported_by" not in mark

    # Nobody at the kiosk now: the panel's marks go to the visit that just ended — said at
    # once on opening, not only after the journal's read.
    assert driver.open_panel(DEMO_PIN)
    assert not panel.findChild(QLabel, "currentVisit").isVisibleTo(panel)
    assert panel.findChild(QLabel, "lastTitle").text() == "Lượt vừa xong"
    driver.wait_panel_fresh(lambda state: state.last is not None and state.last.uuid == second)
    assert panel.findChild(QLabel, "lastOutcome").text() == (
        "Kết quả đã ghi: Đã nộp hồ sơ. Bấm nút khác để sửa."
    )
