"""The journal records that the portal was used — for which procedure, for how long, whether
the guide's last step was reached — and never an address, a page title or anything typed."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import closing
from typing import Any

from tests.ui.portal.conftest import PROCEDURE, PortalDriver
from ui.journal_hookup import hookup_of, start_journal


def test_a_portal_session_is_recorded_without_any_address(
    qtbot: Any, portal_kiosk: Callable[..., PortalDriver], portal: Any, ui_home: Any
) -> None:
    """Open the portal on step 1, log in, follow the guide to its last step, 'Xong': the
    session record names the procedure, the seconds, and that the last step was reached;
    neither the journal's file nor its outbox holds the portal's address or what was typed."""
    driver = portal_kiosk()
    start_journal(driver.kiosk)
    hookup = hookup_of(driver.kiosk)
    assert hookup is not None
    try:
        driver.to_step()
        driver.press_portal_button()
        driver.log_in(id_number="038185012947", password="Bi@mat-99", otp="730614")
        while driver.wizard.view.step_index + 1 < driver.wizard.view.step_count:
            driver.wizard.next()
        assert driver.wizard.view.portal_open
        driver.wizard.next()  # 'Hoàn tất': the finish screen closes the portal
        driver.wizard.done()
        hookup.journal.flush()
        config = driver.kiosk.config
        [record] = hookup.journal.export_unsynced(config.kiosk_id, config.help_point.id)["sessions"]
        assert record["portal_procedure_id"] == PROCEDURE
        assert isinstance(record["portal_seconds"], int) and record["portal_seconds"] >= 0
        assert record["portal_last_step"] is True
    finally:
        hookup.shutdown()
    with closing(sqlite3.connect(ui_home.database)) as db:
        row = db.execute("SELECT portal_procedure_id, portal_last_step FROM sessions").fetchone()
        kinds = [k for (k,) in db.execute("SELECT kind FROM session_events ORDER BY id")]
    assert row == (PROCEDURE, 1)
    assert "portal-opened" in kinds and "portal-closed" in kinds
    blob = b"".join(
        p.read_bytes() for p in ui_home.data.iterdir() if p.name.startswith("journal.db")
    )
    for needle in ("127.0.0.1", str(portal.port), "http", "/login", "038185012947", "730614"):
        assert needle.encode() not in blob, needle
