"""The volunteer panel behind its PIN: lockouts that survive restarts, no PIN on disk, leaving.

Everything runs on the real window, the real journal in tmp_path and real clicks and keys.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel

from kiosk.paths import AppDirs
from kiosk.pin import DEMO_PIN, FREE_TRIES
from kiosk.protocol import EndReason
from ui.journal_hookup import hookup_of, start_journal
from ui.simulate import Driver


def pin_message(driver: Driver) -> str:
    """The pad's one message line."""
    label = driver.panel.findChild(QLabel, "pinMessage")
    return str(label.text())


def test_start_journal_wires_recorder_and_gesture(qtbot: Any, journal_kiosk: Any) -> None:
    """After start_journal the wizard records into the journal and Ctrl+Alt+V opens the PIN pad."""
    kiosk, hookup, driver = journal_kiosk()
    assert kiosk.journal is hookup.journal
    assert kiosk.wizard.listener is hookup.recorder
    assert kiosk.dirs.database.exists()
    qtbot.keyClick(
        kiosk.window,
        Qt.Key.Key_V,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier,
    )
    assert driver.panel.isVisible()
    assert driver.panel.pages.currentWidget() is driver.panel.pin_pad
    for name in [f"pin-{d}" for d in range(10)] + ["pin-back", "pin-ok", "pin-cancel"]:
        key = driver.find(QAbstractButton, name, driver.panel)
        assert key.height() >= 84 and key.width() >= 84, name
    driver.click("pin-cancel", driver.panel)
    assert not driver.panel.isVisible()


def test_right_pin_opens_panel_typed_on_keys_or_keyboard(qtbot: Any, journal_kiosk: Any) -> None:
    """The demo PIN opens the panel, whether pressed on the pad's keys or typed on a keyboard;
    the digits are shown only as dots."""
    kiosk, _hookup, driver = journal_kiosk()
    assert driver.open_panel(DEMO_PIN)
    assert driver.panel.pages.currentWidget() is driver.panel.main
    assert driver.panel.today_summary.text() == "Chưa có lượt nào hôm nay."
    driver.click("closePanelButton", driver.panel)
    assert not driver.panel.isVisible()

    kiosk.window.volunteer_requested.emit()
    pad = driver.panel.pin_pad
    qtbot.keyClicks(pad, DEMO_PIN[:2])
    assert pad.dots.text().count("●") == 2 and DEMO_PIN[:2] not in pad.dots.text()
    qtbot.keyClicks(pad, DEMO_PIN[2:])
    qtbot.keyClick(pad, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: driver.panel.pages.currentWidget() is driver.panel.main)


def test_five_wrong_pins_lock_and_the_lock_survives_a_restart(
    qtbot: Any, journal_kiosk: Any, ui_home: AppDirs
) -> None:
    """Five wrong PINs → a calm sentence with the wait; a new app on the same data dir is still
    locked, even for the right PIN."""
    kiosk, hookup, driver = journal_kiosk()
    assert not driver.open_panel("9999")
    for _attempt in range(FREE_TRIES - 1):
        assert "chưa đúng" in pin_message(driver)
        for digit in "9999":
            driver.click(f"pin-{digit}", driver.panel)
        driver.click("pin-ok", driver.panel)
        driver.wait_until(lambda: not driver.panel.checking)
    message = pin_message(driver)
    assert message == "Sai mã PIN nhiều lần. Vui lòng thử lại sau 30 giây."
    assert driver.panel.pin_pad.locked
    assert not driver.find(QAbstractButton, "pin-ok", driver.panel).isEnabled()
    driver.click("pin-cancel", driver.panel)

    # "Restart": the first app's journal closes, new app objects open the same files.
    hookup.shutdown()
    kiosk.window.allow_close()
    kiosk.window.close()
    kiosk2, hookup2, driver2 = journal_kiosk()
    assert hookup2.guard.wait_seconds() > 20
    kiosk2.window.volunteer_requested.emit()
    qtbot.waitUntil(lambda: driver2.panel.pin_pad.locked)
    assert "Vui lòng thử lại sau" in pin_message(driver2)
    assert not driver2.find(QAbstractButton, "pin-ok", driver2.panel).isEnabled()
    # Typing the right PIN does nothing while locked, and the guard itself refuses it too.
    qtbot.keyClicks(driver2.panel.pin_pad, DEMO_PIN)
    assert driver2.panel.pin_pad.length == 0
    result = hookup2.guard.check(DEMO_PIN)
    assert not result.ok and result.wait_seconds > 20


def test_no_pin_in_clear_in_any_stored_file(
    qtbot: Any, journal_kiosk: Any, ui_home: AppDirs
) -> None:
    """A kiosk with its own PIN: after a wrong and a right try, no file under the kiosk's home
    holds either PIN's digits (as ASCII or UTF-16)."""
    secret_pin, wrong_pin = "864209", "864208"
    _kiosk, hookup, driver = journal_kiosk(demo=False)
    hookup.guard.set_pin(secret_pin)
    assert not driver.open_panel(wrong_pin)
    assert "chưa đúng" in pin_message(driver)
    driver.click("pin-cancel", driver.panel)
    assert driver.open_panel(secret_pin)
    driver.click("closePanelButton", driver.panel)
    hookup.shutdown()
    root = Path(ui_home.data).parent
    files = [p for p in root.rglob("*") if p.is_file()]
    assert any(p.name == "journal.db" for p in files)
    for path in files:
        blob = path.read_bytes()
        for pin in (secret_pin, wrong_pin):
            for encoded in (pin.encode(), pin.encode("utf-16-le"), pin.encode("utf-16-be")):
                assert encoded not in blob, f"{path.name} holds a PIN in clear"


def test_leaving_kiosk_mode_needs_a_second_confirmation(qtbot: Any, journal_kiosk: Any) -> None:
    """'Thoát chế độ kiosk' asks again; 'Không, ở lại' keeps the kiosk; 'Có, thoát' closes it."""
    kiosk, _hookup, driver = journal_kiosk(kiosk_mode=True)
    window = kiosk.window
    window.close()
    assert window.isVisible(), "kiosk mode ignores a plain close"
    assert driver.open_panel(DEMO_PIN)
    driver.click("leaveKioskButton", driver.panel)
    assert window.isVisible()
    assert driver.panel.pages.currentWidget() is driver.panel.confirm_page
    driver.click("stayInKioskButton", driver.panel)
    assert window.isVisible() and driver.panel.pages.currentWidget() is driver.panel.main
    driver.click("leaveKioskButton", driver.panel)
    driver.click("confirmLeaveButton", driver.panel)
    qtbot.waitUntil(lambda: not window.isVisible())


def test_wrong_volunteer_code_is_refused_and_nothing_marked(qtbot: Any, journal_kiosk: Any) -> None:
    """A name in the volunteer-code field is refused with a calm sentence; no outcome is stored."""
    _kiosk, hookup, driver = journal_kiosk()
    driver.start()
    session = driver.end(EndReason.IDLE)
    assert driver.open_panel()
    driver.wait_panel_fresh(lambda s: s.last is not None and s.last.uuid == session)
    field = driver.panel.code_field
    driver.type_text(field, "Lan")
    driver.click("outcome-info-only", driver.panel)
    assert "TNV-07" in driver.panel.feedback.text()
    hookup.journal.flush()
    last = hookup.journal.last_session()
    assert last is not None and last.outcome is None


def test_panel_shows_sync_state_and_catalog_problems_for_it(qtbot: Any, journal_kiosk: Any) -> None:
    """Sync: records waiting, last success, last error in plain words (with its code for IT);
    the catalog's version and date, and its problems as `file: field: message` lines."""
    from datetime import timedelta

    kiosk, hookup, driver = journal_kiosk()
    driver.start()
    driver.end(EndReason.IDLE)
    now = kiosk.clock.now()
    hookup.journal.record_sync_success(now - timedelta(hours=1))
    hookup.journal.record_sync_error("timeout", now).result(10)
    note = "config: kiosk.top_procedures: unknown procedure 'khong-co' ignored"
    kiosk.wizard.notices.append(note)
    assert driver.open_panel()
    driver.wait_panel_fresh(lambda s: s.sync.last_error_code == "timeout")
    sync = driver.panel.sync_lines.text()
    assert "Chưa gửi: 1 bản ghi." in sync
    assert "Gửi được lần cuối:" in sync
    assert "Chưa kết nối được máy chủ quận" in sync and "(timeout)" in sync
    assert "Máy sẽ tự thử lại" in sync
    catalog = kiosk.wizard.catalog
    assert f"Phiên bản {catalog.version}, cập nhật ngày" in driver.panel.catalog_lines.text()
    assert note in driver.panel.problem_lines.text().splitlines()


def test_a_journal_that_cannot_open_still_leaves_the_panel_usable(
    qtbot: Any, make_kiosk: Any, ui_home: AppDirs
) -> None:
    """A database path that cannot be opened: residents are still guided (nothing recorded),
    the demo PIN still opens the panel, the panel tells IT why, and leaving still works."""
    ui_home.database.mkdir(parents=True)  # a folder where the file should be
    kiosk = make_kiosk(kiosk_mode=True)
    start_journal(kiosk)
    hookup = hookup_of(kiosk)
    assert hookup is not None and hookup.journal is None and kiosk.journal is None
    driver = Driver(kiosk, hookup)
    try:
        driver.start()
        driver.go_idle()  # a whole session with no journal: no error
        assert driver.open_panel(DEMO_PIN)
        driver.wait_until(lambda: driver.panel.state is not None)
        text = driver.panel.sync_lines.text()
        assert "Không mở được nhật ký" in text and "journal.db" in text
        assert not driver.has(QAbstractButton, "outcome-info-only", driver.panel)
        driver.click("leaveKioskButton", driver.panel)
        driver.click("confirmLeaveButton", driver.panel)
        qtbot.waitUntil(lambda: not kiosk.window.isVisible())
    finally:
        hookup.shutdown()


def test_a_part_that_could_not_start_is_a_red_line_on_the_panel(
    qtbot: Any, make_kiosk: Any, ui_home: AppDirs
) -> None:
    """A kiosk whose journal cannot open cannot sync either: the panel says so in red, with
    what to do, and the start-up report that `dvc-kiosk status` reads names both parts."""
    from kiosk.config import SyncConfig
    from kiosk.startup_problems import problems_file, read_problems
    from ui.startup_report import report_startup
    from ui.sync_hookup import start_sync

    ui_home.database.mkdir(parents=True)  # a folder where the file should be
    kiosk = make_kiosk(sync=SyncConfig("http://127.0.0.1:9", "token"))
    start_journal(kiosk)
    start_sync(kiosk)
    report_startup(kiosk)
    hookup = hookup_of(kiosk)
    assert hookup is not None
    try:
        qtbot.waitUntil(problems_file(ui_home.data).exists)
        assert set(read_problems(ui_home.data)["problems"]) == {"journal", "sync"}
        driver = Driver(kiosk, hookup)
        assert driver.open_panel(DEMO_PIN)
        driver.wait_until(lambda: driver.panel.state is not None)
        red = driver.panel.start_lines
        assert red.isVisible() and red.property("role") == "error"
        assert "khởi động lại máy" in red.text() and "báo cán bộ CNTT" in red.text()
        assert "• Gửi dữ liệu về quận" in red.text()
        assert "Nhật ký phiên" not in red.text()  # already said, in red, under the sync heading
    finally:
        hookup.shutdown()


def test_panel_left_alone_closes_itself(qtbot: Any, journal_kiosk: Any) -> None:
    """An open panel would let anyone leave kiosk mode: touches keep it open, but after the
    kiosk's idle time without input it closes by itself."""
    _kiosk, _hookup, driver = journal_kiosk(idle_seconds=5)
    assert driver.open_panel(DEMO_PIN)
    # A volunteer at work: a touch every half second for longer than the idle time (the
    # margin between touches is wide, so a busy test machine does not close it either).
    for _ in range(14):
        qtbot.wait(500)
        driver.click("leaveKioskButton", driver.panel)
        driver.click("stayInKioskButton", driver.panel)
    assert driver.panel.isVisible()
    qtbot.waitUntil(lambda: not driver.panel.isVisible(), timeout=20_000)
    assert driver.panel.pages.currentWidget() is driver.panel.pin_pad, "the PIN is asked again"
