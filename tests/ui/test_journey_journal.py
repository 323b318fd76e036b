"""Journeys driven through the real window land in the real journal exactly as they happened.

Each test clicks and types on the real kiosk (ui.simulate.Driver presses the real buttons),
then reads back what the journal committed in tmp_path through its public read API.
"""

from __future__ import annotations

from typing import Any

from kiosk.protocol import EndReason, Outcome
from kiosk.wizard import Screen
from ui.journal_hookup import JournalHookup, hookup_of, start_journal
from ui.simulate import Driver

PROCEDURE = "dang-ky-tam-tru"  # its steps include the ID-number practice


def stored(hookup: JournalHookup) -> dict[str, dict[str, Any]]:
    """Every committed session, as the record that will be sent, by uuid."""
    hookup.journal.flush()
    config = hookup.kiosk.config
    export = hookup.journal.export_unsynced(config.kiosk_id, config.help_point.id)
    return {s["uuid"]: s for s in export["sessions"]}


def stored_outcomes(hookup: JournalHookup) -> list[dict[str, Any]]:
    """Every committed outcome mark, oldest first."""
    hookup.journal.flush()
    config = hookup.kiosk.config
    return list(hookup.journal.export_unsynced(config.kiosk_id, config.help_point.id)["outcomes"])


def walk_to_step(driver: Driver, words: str, procedure_id: str, steps: int) -> None:
    """Start, search, pick the procedure's tile, and walk to step `steps`."""
    driver.start()
    assert procedure_id in driver.search(words)
    driver.choose_tile(procedure_id)
    driver.begin_steps()
    for _ in range(steps - 1):
        driver.next_step()


def test_finished_journey_with_practice_help_and_rating(qtbot: Any, journal_kiosk: Any) -> None:
    """Search → every step (with the ID-number practice) → help → finish → 4 stars → 'Xong':
    one finished session with the procedure, all steps, the practice, the help and the rating."""
    kiosk, hookup, driver = journal_kiosk()
    walk_to_step(driver, "tam tru", PROCEDURE, 1)
    steps = kiosk.wizard.view.step_count
    practiced = False
    for number in range(1, steps + 1):
        if driver.practice_available() and not practiced:
            assert driver.practice() == "cccd"
            practiced = True
        if number == 2:
            driver.call_volunteer()
        driver.next_step()
    assert practiced and kiosk.wizard.view.screen == Screen.FINISH
    driver.rate(4)
    uuid = driver.end(EndReason.FINISHED)

    record = stored(hookup)[uuid]
    assert record["procedure_id"] == PROCEDURE
    assert record["furthest_step"] == steps == record["step_count"]
    assert record["practice_modules"] == ["cccd"]
    assert record["help_requests"] == 1
    assert record["rating"] == 4
    assert record["end_reason"] == "finished"
    assert record["kiosk_id"] == kiosk.config.kiosk_id


def test_idle_journey_records_how_far_the_resident_got(qtbot: Any, journal_kiosk: Any) -> None:
    """A resident who walks away at step 2 (category → tile) → an idle session, furthest step 2."""
    kiosk, hookup, driver = journal_kiosk()
    driver.start()
    category = kiosk.wizard.catalog.procedures[PROCEDURE].category
    driver.pick_category(category)
    driver.choose_tile(PROCEDURE)
    driver.begin_steps()
    driver.next_step()
    uuid = driver.end(EndReason.IDLE)

    record = stored(hookup)[uuid]
    assert record["procedure_id"] == PROCEDURE
    assert record["furthest_step"] == 2
    assert record["rating"] is None and record["help_requests"] == 0
    assert record["practice_modules"] == []
    assert record["end_reason"] == "idle"


def test_volunteer_reset_from_the_panel(qtbot: Any, journal_kiosk: Any) -> None:
    """'Đặt lại phiên' in the panel ends the open session as volunteer-reset and goes home."""
    kiosk, hookup, driver = journal_kiosk()
    walk_to_step(driver, "khai sinh", "dang-ky-khai-sinh", 3)
    uuid = driver.end(EndReason.VOLUNTEER_RESET)
    assert kiosk.wizard.view.screen == Screen.HOME

    record = stored(hookup)[uuid]
    assert record["end_reason"] == "volunteer-reset"
    assert record["procedure_id"] == "dang-ky-khai-sinh"
    assert record["furthest_step"] == 3


def test_session_with_no_procedure_chosen(qtbot: Any, journal_kiosk: Any) -> None:
    """'Bắt đầu' and then nothing: a session with no procedure, step 0, ended by idle."""
    _kiosk, hookup, driver = journal_kiosk()
    driver.start()
    uuid = driver.end(EndReason.IDLE)
    record = stored(hookup)[uuid]
    assert record["procedure_id"] is None and record["furthest_step"] == 0


def test_every_outcome_marked_in_the_panel_lands_with_the_volunteer_code(
    qtbot: Any, journal_kiosk: Any
) -> None:
    """For each outcome: a session, then the panel marks it with a TNV code (typed on the
    keyboard or on the panel's keys); the journal stores the outcome and the code."""
    _kiosk, hookup, driver = journal_kiosk()
    expected: list[tuple[str, str, str | None]] = []
    for i, outcome in enumerate(Outcome):
        driver.start()
        uuid = driver.end(EndReason.IDLE)
        code = f"TNV-{i + 3:02d}" if i < 3 else None
        driver.rng.seed(i)  # the driver picks keyboard or keys at random: use both
        driver.mark_outcome(outcome, code, uuid)
        expected.append((uuid, outcome.value, code))
    marks = [
        (o["session_uuid"], o["outcome"], o["volunteer_code"]) for o in stored_outcomes(hookup)
    ]
    assert marks == expected

    # A later mark for the same session wins, and the panel says which one is recorded.
    last_uuid = expected[-1][0]
    driver.mark_outcome(Outcome.VNEID_ACTIVATED, "TNV-7", last_uuid)
    assert hookup.journal.last_session().outcome == Outcome.VNEID_ACTIVATED.value
    assert driver.open_panel()
    driver.wait_panel_fresh(lambda s: s.last is not None and s.last.uuid == last_uuid)
    assert "Đã kích hoạt VNeID" in driver.panel.last_outcome.text()
    driver.click("closePanelButton", driver.panel)


def test_panel_counts_today(qtbot: Any, journal_kiosk: Any) -> None:
    """Today's numbers in the panel: sessions, finished vs abandoned, help requests, by name."""
    kiosk, _hookup, driver = journal_kiosk()
    walk_to_step(driver, "tam tru", PROCEDURE, 1)
    driver.call_volunteer()
    driver.end(EndReason.IDLE)
    driver.start()
    driver.end(EndReason.VOLUNTEER_RESET)
    driver.start()
    driver.end(EndReason.HOME)
    assert driver.open_panel()
    driver.wait_panel_fresh(lambda s: s.stats.sessions == 3)
    summary = driver.panel.today_summary.text()
    assert summary.startswith(
        "3 lượt: 0 làm đến cuối, 3 bỏ dở (1 hết giờ chờ, 1 được đặt lại, 1 tự về màn hình đầu)."
    )
    assert "Gọi tình nguyện viên: 1 lần." in summary
    short = kiosk.wizard.catalog.procedures[PROCEDURE].short_name.vi
    assert f"• {short}: 1" in driver.panel.today_procedures.text()
    assert "Chưa gửi: 3 bản ghi." in driver.panel.sync_lines.text()


def test_a_session_left_open_by_a_crash_is_closed_at_the_next_start(
    qtbot: Any, journal_kiosk: Any
) -> None:
    """Events of a session that never ended (the app died) become an idle session when the
    journal starts again."""
    kiosk, hookup, driver = journal_kiosk()
    walk_to_step(driver, "tam tru", PROCEDURE, 2)
    uuid = kiosk.wizard.session_uuid
    assert uuid is not None
    # The app "dies": its journal closes with the session still open, nothing ends it.
    kiosk.wizard.listener = None
    hookup.shutdown()
    kiosk.window.allow_close()
    kiosk.window.close()

    _kiosk2, hookup2, _driver2 = journal_kiosk()
    assert hookup2.recorder.recovered.result(10) == 1
    record = stored(hookup2)[uuid]
    assert record["end_reason"] == "idle"
    assert record["furthest_step"] == 2


def test_vneid_practice_is_recorded_as_a_module_and_nothing_typed(
    qtbot: Any, journal_kiosk: Any
) -> None:
    """The VNeID activation practice (ID, phone, code, password, passcode typed in) counts as
    the module 'vneid-activation'; the stored record holds no typed value."""
    kiosk, hookup, driver = journal_kiosk()
    walk_to_step(driver, "vneid muc 2", "cap-tai-khoan-dinh-danh-muc-2", 1)
    while kiosk.wizard.view.step.practice != "vneid-activation":
        driver.next_step()
    assert driver.practice_available()
    driver.inputs.id_numbers = ["079203001234"]
    driver.inputs.phones = ["0912345678"]
    driver.rng.seed(3)
    assert driver.practice() == "vneid-activation"
    assert kiosk.wizard.view.screen == Screen.STEP
    uuid = driver.end(EndReason.IDLE)
    record = stored(hookup)[uuid]
    assert record["practice_modules"] == ["vneid-activation"]
    text = repr(record)
    assert "079203001234" not in text and "0912345678" not in text


def test_quitting_commits_queued_writes_and_closes_the_journal(qtbot: Any, make_kiosk: Any) -> None:
    """QApplication.aboutToQuit flushes what is still queued (slow writes here) and closes the
    journal: a session that ended just before quitting is on disk afterwards."""
    import sqlite3
    from contextlib import closing

    from PySide6.QtWidgets import QApplication

    kiosk = make_kiosk()
    start_journal(kiosk, write_delay=0.2)
    hookup = hookup_of(kiosk)
    assert hookup is not None
    driver = Driver(kiosk, hookup)
    driver.start()
    driver.go_idle()
    assert not hookup.journal.flush(timeout=0.01), "writes are still queued"
    journal = hookup.journal
    QApplication.instance().aboutToQuit.emit()
    assert kiosk.journal is None and kiosk.wizard.listener is None
    assert journal.writer.closed
    with closing(sqlite3.connect(f"file:{kiosk.dirs.database}?mode=ro", uri=True)) as db:
        reasons = [row[0] for row in db.execute("SELECT end_reason FROM sessions")]
    assert reasons == ["idle"]
