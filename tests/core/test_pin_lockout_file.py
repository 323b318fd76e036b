"""The PIN lockout lives beside the pepper, not in the journal (issue #13 item 12).

Deleting `journal.db` gives no fresh tries; deleting the pepper's file gives none either (the
PIN hash belongs to the old pepper, and the panel says so); a lockout an older version kept in
the journal moves into the file; a disk that refuses the file keeps counting in memory.
"""

from __future__ import annotations

import json
import logging
import stat
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kiosk.clock import FixedClock
from kiosk.journal.db import open_journal
from kiosk.paths import AppDirs
from kiosk.pin import SECRET_FILE, PinGuard, hash_pin, load_or_create_secret
from kiosk.pin_format import PinProblem
from kiosk.pin_state import PinStateFile
from tests.disk_faults import remount, small_tmpfs

PIN = "739152"
START = datetime(2027, 1, 15, 3, 0, tzinfo=UTC)


def _five_wrong_tries(data: Path, clock: FixedClock, config_hash: str) -> None:
    with open_journal(data / "journal.db") as journal:
        g = PinGuard(journal.kv, data, clock=clock, config_hash=config_hash)
        assert [g.check("000000").wait_seconds for _ in range(5)] == [0, 0, 0, 0, 30]


def test_deleting_the_journal_does_not_reset_the_lockout(kiosk_home: AppDirs) -> None:
    """Five wrong tries, then journal.db and its -wal/-shm deleted: the right PIN still waits."""
    clock = FixedClock(START)
    config_hash = hash_pin(PIN, load_or_create_secret(kiosk_home.data), n=2**10)
    _five_wrong_tries(kiosk_home.data, clock, config_hash)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{kiosk_home.database}{suffix}").unlink(missing_ok=True)
    clock.advance(10)
    with open_journal(kiosk_home.database) as journal:
        g = PinGuard(journal.kv, kiosk_home.data, clock=clock, config_hash=config_hash)
        result = g.check(PIN)
    assert not result.ok
    assert result.wait_seconds == pytest.approx(20)


def test_deleting_the_pepper_file_locks_the_panel_instead_of_resetting_it(
    kiosk_home: AppDirs,
) -> None:
    """The lockout's file is the pepper's: deleted, the old PIN hash belongs to no pepper here,
    so no PIN opens (and the guard says why) until IT sets the PIN again."""
    clock = FixedClock(START)
    config_hash = hash_pin(PIN, load_or_create_secret(kiosk_home.data), n=2**10)
    _five_wrong_tries(kiosk_home.data, clock, config_hash)
    (kiosk_home.data / SECRET_FILE).unlink()
    clock.advance(3600)
    with open_journal(kiosk_home.database) as journal:
        g = PinGuard(journal.kv, kiosk_home.data, clock=clock, config_hash=config_hash)
        result = g.check(PIN)
        assert not result.ok and result.problem == PinProblem.OTHER_PEPPER
        assert g.problem() == PinProblem.OTHER_PEPPER


def test_the_state_file_is_owner_only_json_with_the_lockout(kiosk_home: AppDirs) -> None:
    """After a lockout the file holds the pepper and the count, 0600, never the PIN."""
    clock = FixedClock(START)
    config_hash = hash_pin(PIN, load_or_create_secret(kiosk_home.data), n=2**10)
    _five_wrong_tries(kiosk_home.data, clock, config_hash)
    path = kiosk_home.data / SECRET_FILE
    document = json.loads(path.read_text(encoding="ascii"))
    assert document["lockout"]["failures"] == 5
    assert document["lockout"]["delay"] == 30
    assert document["lockout"]["locked_until"] == START.timestamp() + 30
    assert PIN not in path.read_text(encoding="ascii")
    if sys.platform != "win32":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert not list(kiosk_home.data.glob(f".{SECRET_FILE}.*"))  # no temporary file left


def test_a_lockout_kept_in_the_journal_by_an_older_version_moves_to_the_file(
    kiosk_home: AppDirs,
) -> None:
    """A pre-#13 kiosk: the pepper alone in hex, the lockout in kv. The lock still holds, is
    written to the file, and leaves the journal."""
    secret = bytes(range(32))
    (kiosk_home.data / SECRET_FILE).write_text(secret.hex(), encoding="ascii")
    clock = FixedClock(START)
    with open_journal(kiosk_home.database) as journal:
        journal.kv.put(
            {
                "pin.failures": "6",
                "pin.delay": "60.0",
                "pin.locked-until": repr(START.timestamp() + 45),
            }
        ).result(10)
        g = PinGuard(journal.kv, kiosk_home.data, clock=clock, config_hash=hash_pin(PIN, secret))
        assert g.wait_seconds() == pytest.approx(45)
        assert journal.kv.get("pin.failures") is None
    state = PinStateFile(kiosk_home.data).load()
    assert state.secret == secret and state.lockout.failures == 6 and not state.legacy


def test_a_damaged_state_file_is_a_stated_problem_not_a_new_pepper(kiosk_home: AppDirs) -> None:
    """Garbage in pin-pepper.key: no PIN opens, the guard names the problem, the file is kept."""
    path = kiosk_home.data / SECRET_FILE
    path.write_text("{ not json", encoding="ascii")
    with open_journal(kiosk_home.database) as journal:
        g = PinGuard(journal.kv, kiosk_home.data, clock=FixedClock(START), demo=True)
        result = g.check("123456")
    assert not result.ok and result.problem == PinProblem.SECRET_UNAVAILABLE
    assert path.read_text(encoding="ascii") == "{ not json"


def test_a_disk_that_refuses_the_file_keeps_counting_in_memory(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """The data folder turns read-only (a real read-only tmpfs, which stops root too): wrong
    tries still lock the pad (counted in memory), the right PIN still opens, and the log says
    once that the file cannot be written."""
    with small_tmpfs(tmp_path / "data", 256) as data:
        config_hash = hash_pin(PIN, load_or_create_secret(data), n=2**10)
        with open_journal(tmp_path / "journal.db") as journal:
            clock = FixedClock(START)
            g = PinGuard(journal.kv, data, clock=clock, config_hash=config_hash)
            remount(data, read_only=True)
            with caplog.at_level(logging.ERROR, logger="kiosk.pin"):
                waits = [g.check("000000").wait_seconds for _ in range(5)]
            assert waits == [0, 0, 0, 0, 30]
            assert not g.check(PIN).ok  # still locked, from memory
            clock.advance(31)
            assert g.check(PIN).ok
            errors = [r for r in caplog.records if "counted in memory" in r.getMessage()]
            assert len(errors) == 1
