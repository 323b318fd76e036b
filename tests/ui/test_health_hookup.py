"""The running UI's part of the health report: starts, crashes, calmed errors, screen, mode.

The real window and journal: a start is counted once the journal opens, a run that never
ended cleanly counts as a crash at the next start, an error the crash handler calms is
counted, and the screen size and kiosk mode reach the sync worker as plain values.
"""

from __future__ import annotations

from typing import Any

from kiosk.sync.health import KV_CRASHES, KV_ERRORS, KV_RUNNING, KV_STARTS
from ui.crash import install_crash_handlers
from ui.health_hookup import HealthHookup, health_context, start_health
from ui.journal_hookup import hookup_of, start_journal


def test_starts_crashes_and_errors_are_counted_and_a_clean_exit_is_not_a_crash(
    qtbot: Any, make_kiosk: Any
) -> None:
    """First start: counted, no crash. A calmed error: counted. Clean exit: the next start
    is no crash; a run killed without one: the next start counts a crash."""
    kiosk = make_kiosk()
    crash = install_crash_handlers(kiosk.window, kiosk.dirs)
    kiosk.crash = crash  # as ui.app.run does
    try:
        start_health(kiosk)
        start_journal(kiosk)
        journal_hookup = hookup_of(kiosk)
        assert journal_hookup is not None and kiosk.journal is not None
        health = kiosk.health
        assert isinstance(health, HealthHookup)
        qtbot.waitUntil(lambda: health.crashed_before is not None)
        assert health.crashed_before is False
        journal = kiosk.journal
        assert journal.kv_get(KV_STARTS) == "1" and journal.kv_get(KV_RUNNING) == "1"

        crash.crashed.emit("ValueError")
        qtbot.waitUntil(lambda: journal.kv_get(KV_ERRORS) == "1")

        health.stopped()  # aboutToQuit
        journal.flush(10)
        assert journal.kv_get(KV_RUNNING) is None
        clean = HealthHookup(kiosk)
        clean.count_start()
        qtbot.waitUntil(lambda: clean.crashed_before is not None)
        assert clean.crashed_before is False
        killed = HealthHookup(kiosk)  # the last run never said goodbye
        killed.count_start()
        qtbot.waitUntil(lambda: killed.crashed_before is not None)
        assert killed.crashed_before is True
        assert journal.kv_get(KV_STARTS) == "3" and journal.kv_get(KV_CRASHES) == "1"
        for hookup in (clean, killed):
            hookup.background.shutdown()
        journal_hookup.shutdown()
    finally:
        crash.uninstall()


def test_screen_size_and_kiosk_mode_are_handed_over_as_values(make_kiosk: Any) -> None:
    """A development window (not full screen, framed) reports kiosk mode off and its screen's
    size; nothing in the context is a Qt object."""
    kiosk = make_kiosk()
    context = health_context(kiosk)
    size = kiosk.window.screen().geometry().size()
    assert (context.screen_width, context.screen_height) == (size.width(), size.height())
    assert context.kiosk_mode is False
    assert all(isinstance(v, (int, float, bool)) for v in vars(context).values())
