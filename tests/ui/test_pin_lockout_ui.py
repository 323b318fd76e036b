"""In the running kiosk, deleting the journal does not give five fresh PIN tries: the lockout
lives beside the pepper, not in journal.db (issue #13 item 12)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kiosk.paths import AppDirs
from kiosk.pin import DEMO_PIN, FREE_TRIES


def test_deleting_the_journal_between_runs_keeps_the_pad_locked(
    qtbot: Any, journal_kiosk: Any, ui_home: AppDirs
) -> None:
    """Five wrong PINs on the pad; the app closes; journal.db, -wal and -shm are deleted; the
    next app's pad is still locked, and the guard refuses even the right PIN."""
    kiosk, hookup, driver = journal_kiosk()
    assert not driver.open_panel("999999")
    for _attempt in range(FREE_TRIES - 1):
        for digit in "999999":
            driver.click(f"pin-{digit}", driver.panel)
        driver.click("pin-ok", driver.panel)
        driver.wait_until(lambda: not driver.panel.checking)
    assert driver.panel.pin_pad.locked
    driver.click("pin-cancel", driver.panel)
    hookup.shutdown()
    kiosk.window.allow_close()
    kiosk.window.close()

    for suffix in ("", "-wal", "-shm"):
        Path(f"{ui_home.database}{suffix}").unlink(missing_ok=True)
    assert not ui_home.database.exists()

    kiosk2, hookup2, driver2 = journal_kiosk()
    kiosk2.window.volunteer_requested.emit()
    qtbot.waitUntil(lambda: driver2.panel.pin_pad.locked)
    assert "Vui lòng thử lại sau" in driver2.panel.pin_pad.message.text()
    result = hookup2.guard.check(DEMO_PIN)
    assert not result.ok and result.wait_seconds > 20
