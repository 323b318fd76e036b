"""The GUI thread never waits for the journal, even when every write is slow.

The journal is opened with a deliberate delay on every write, so a whole journey queues
seconds of writes. If any click handler waited for a write (or the PIN check ran its hash and
durable writes on the GUI thread), the journey could not be over while the writer is still
behind, and the PIN pad could not be seen waiting. No time is asserted here: how fast the
clicks are is measured by bench/bench_startup.py and bench/bench_memory.py.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from kiosk.pin import DEMO_PIN
from kiosk.protocol import EndReason
from ui.journal_hookup import JournalHookup, hookup_of, start_journal
from ui.simulate import Driver

WRITE_DELAY = 0.5  # seconds added to every journal write


@pytest.fixture
def slow_journal_kiosk(make_kiosk: Any) -> Iterator[tuple[Any, JournalHookup, Driver]]:
    """The real kiosk whose journal sleeps WRITE_DELAY before every write."""
    kiosk = make_kiosk()
    start_journal(kiosk, write_delay=WRITE_DELAY)
    hookup = hookup_of(kiosk)
    assert hookup is not None
    yield kiosk, hookup, Driver(kiosk, hookup)
    hookup.shutdown()


def test_a_journey_and_a_pin_check_never_wait_for_a_slow_journal(
    qtbot: Any, slow_journal_kiosk: Any
) -> None:
    """A journey (search, steps, ID-number practice, help, idle end) and a PIN check with every
    journal write taking 0.5 s: the journey ends and the PIN pad says it is checking while the
    writer is still far behind, and the session still reaches the journal afterwards."""
    kiosk, hookup, driver = slow_journal_kiosk
    # A first walk builds the screens once (tiles, step pages), as the kiosk's
    # first resident of the day would; its writes join the slow journal's queue.
    driver.start()
    driver.search("tam tru")
    driver.choose_tile("dang-ky-tam-tru")
    driver.begin_steps()
    driver.go_idle()
    for name in kiosk.window.pages:  # screens not reached above are built on first use too
        kiosk.window.pages[name]
    measure_a_journey(qtbot, kiosk, hookup, driver)


def measure_a_journey(qtbot: Any, kiosk: Any, hookup: JournalHookup, driver: Driver) -> None:
    """The journey, the PIN check and the checks of the test above."""
    driver.start()
    driver.search("tam tru")
    driver.choose_tile("dang-ky-tam-tru")
    driver.begin_steps()
    for _ in range(kiosk.wizard.view.step_count - 1):
        if driver.practice_available():
            driver.practice()
        driver.call_volunteer()
        driver.next_step()
    driver.back()
    uuid = kiosk.wizard.session_uuid
    assert uuid is not None
    driver.go_idle()  # ends the session: the summary write joins a long queue
    assert kiosk.wizard.session_uuid is None

    # The PIN check hashes and writes durably: it must wait off the GUI thread.
    kiosk.window.volunteer_requested.emit()
    for digit in DEMO_PIN:
        driver.click(f"pin-{digit}", driver.panel)
    driver.click("pin-ok", driver.panel)
    assert driver.panel.checking, "the answer cannot be there yet: the writer is far behind"
    assert "Đang kiểm tra" in driver.panel.pin_pad.message.text()
    qtbot.wait(300)  # the loop keeps running while the check waits for the writer
    assert driver.panel.checking
    # The journal was still busy when the journey was over: the GUI never waited for it.
    assert not hookup.journal.flush(timeout=0.01)

    # Nothing was lost: once the writer catches up, the session is there, ended by idle.
    assert hookup.journal.flush(timeout=120)
    config = kiosk.config
    sessions = hookup.journal.export_unsynced(config.kiosk_id, config.help_point.id)["sessions"]
    record = next(s for s in sessions if s["uuid"] == uuid)
    assert record["end_reason"] == EndReason.IDLE.value
    assert record["help_requests"] >= 1 and record["practice_modules"] == ["cccd"]
    qtbot.waitUntil(lambda: not driver.panel.checking, timeout=30_000)
    assert driver.panel.pages.currentWidget() is driver.panel.main
