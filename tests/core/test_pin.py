"""The volunteer PIN: slow peppered hashes, lockout that survives restarts, nothing in clear."""

from __future__ import annotations

import os
import stat
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.clock import FixedClock
from kiosk.journal.db import Journal, open_journal
from kiosk.paths import AppDirs
from kiosk.pin import (
    DEMO_PIN,
    SECRET_FILE,
    PinGuard,
    delay_after,
    hash_pin,
    is_valid_pin,
    load_or_create_secret,
    make_pin_hash,
    pepper_id,
    verify_pin,
)
from kiosk.pin_state import Lockout, PinState, PinStateFile

PIN = "739152"
START = datetime(2027, 1, 15, 3, 0, tzinfo=UTC)


def guard(
    journal: Journal,
    dirs: AppDirs,
    clock: FixedClock,
    *,
    config_hash: str | None = None,
    demo: bool = False,
) -> PinGuard:
    return PinGuard(journal.kv, dirs.data, clock=clock, config_hash=config_hash, demo=demo)


def cheap_hash(dirs: AppDirs) -> str:
    """The PIN's hash at N=2^10: the lockout logic is the same, the tests stay fast."""
    return hash_pin(PIN, load_or_create_secret(dirs.data), n=2**10)


def test_hash_verifies_only_the_right_pin_and_secret() -> None:
    """A hash matches its PIN under its secret, not another PIN, not another install's secret."""
    secret, other = os.urandom(32), os.urandom(32)
    stored = hash_pin(PIN, secret)
    assert stored.startswith(f"scrypt6${pepper_id(secret)}$32768$8$1$")
    assert PIN not in stored
    assert verify_pin(PIN, stored, secret)
    assert not verify_pin("739153", stored, secret)
    assert not verify_pin(PIN, stored, other)
    assert hash_pin(PIN, secret) != stored  # salted
    assert not verify_pin(PIN, "garbage", secret)
    assert not verify_pin(PIN, "scrypt$99999999999$8$1$AA$AA", secret)
    with pytest.raises(ValueError):
        hash_pin("12a456", secret)


def test_a_pin_has_at_least_six_digits() -> None:
    """4 and 5 digits are refused everywhere a PIN is made or checked; 6 to 8 are fine."""
    secret = os.urandom(32)
    for short in ("1234", "12345"):
        assert not is_valid_pin(short)
        with pytest.raises(ValueError, match="6 to 8 digits"):
            hash_pin(short, secret, n=2**10)
    assert is_valid_pin(DEMO_PIN) and len(DEMO_PIN) >= 6
    assert all(is_valid_pin(p) for p in ("123456", "1234567", "12345678"))
    assert not is_valid_pin("123456789")


def test_a_stored_hash_names_the_slow_scrypt_cost() -> None:
    """The stored hash says scrypt N=2^15, r=8, p=1: slow for a guesser with the file, fine for
    one tap (its time on this machine is in bench/bench_pin.py, not asserted here)."""
    stored = hash_pin(PIN, os.urandom(32))
    assert stored.split("$")[2:5] == [str(2**15), "8", "1"]


def test_secret_file_is_private_and_stable(kiosk_home: AppDirs) -> None:
    """The pepper is made once, in its own file, owner-only (0600 on POSIX)."""
    first = load_or_create_secret(kiosk_home.data)
    assert load_or_create_secret(kiosk_home.data) == first
    path = kiosk_home.data / SECRET_FILE
    if sys.platform != "win32":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert len(first) == 32


def test_delays_grow_and_cap() -> None:
    """Five free tries, then 30 s, 60 s, 120 s … never more than an hour."""
    assert [delay_after(n) for n in range(1, 9)] == [0, 0, 0, 0, 30, 60, 120, 240]
    assert delay_after(12) == 3600
    assert delay_after(10_000) == 3600


def test_lockout_after_five_wrong_tries(journal: Journal, kiosk_home: AppDirs) -> None:
    """Wrong tries 1–4 answer at once; the 5th locks 30 s; even the right PIN waits it out."""
    clock = FixedClock(START)
    dirs = kiosk_home
    g = guard(journal, dirs, clock, config_hash=cheap_hash(dirs))
    for _ in range(4):
        assert g.check("000000").wait_seconds == 0
    assert g.check("000000").wait_seconds == 30
    locked = g.check(PIN)
    assert not locked.ok and locked.wait_seconds == 30
    clock.advance(31)
    assert g.check("000000").wait_seconds == 60
    clock.advance(61)
    assert g.check(PIN).ok
    assert g.check("000000").wait_seconds == 0  # counting starts again after a success


def test_lockout_survives_a_restart(kiosk_home: AppDirs) -> None:
    """New journal and guard objects on the same data dir are still locked, and still counting."""
    clock = FixedClock(START)
    config_hash = cheap_hash(kiosk_home)
    with open_journal(kiosk_home.database) as j:
        g = guard(j, kiosk_home, clock, config_hash=config_hash)
        for _ in range(5):
            g.check("111111")
    clock.advance(10)
    with open_journal(kiosk_home.database) as j:
        g = guard(j, kiosk_home, clock, config_hash=config_hash)
        result = g.check(PIN)
        assert not result.ok and result.wait_seconds == pytest.approx(20)
        clock.advance(21)
        assert g.check("111111").wait_seconds == 60
    clock.advance(61)
    with open_journal(kiosk_home.database) as j:
        assert guard(j, kiosk_home, clock, config_hash=config_hash).check(PIN).ok


def test_a_clock_set_back_does_not_lock_for_days(journal: Journal, kiosk_home: AppDirs) -> None:
    """If the PC's clock jumps back a day, the wait is still at most the current delay."""
    clock = FixedClock(START)
    g = guard(journal, kiosk_home, clock, config_hash=cheap_hash(kiosk_home))
    for _ in range(5):
        g.check("000000")
    clock.set(START - timedelta(days=1))
    assert g.wait_seconds() == 30


def test_for_kiosk_reads_the_config_hash(journal: Journal, kiosk_home: AppDirs) -> None:
    """The factory pairs the install's pepper with the hash IT put in `[volunteer] pin_hash`."""
    config_hash = make_pin_hash(PIN, kiosk_home.data)
    g = PinGuard.for_kiosk(journal.kv, kiosk_home.data, config_hash=config_hash, demo=False)
    assert g.configured
    assert g.check(PIN).ok
    assert not g.check(DEMO_PIN).ok


def test_demo_pin_only_in_demo_mode(journal: Journal, kiosk_home: AppDirs) -> None:
    """Demo mode opens with DEMO_PIN without storing it; a real kiosk with no PIN opens with
    none."""
    clock = FixedClock(START)
    assert guard(journal, kiosk_home, clock, demo=True).check(DEMO_PIN).ok
    assert journal.kv.get("pin.hash") is None
    real = guard(journal, kiosk_home, clock)
    result = real.check(DEMO_PIN)
    assert not result.ok and not result.configured
    real.set_pin(PIN)
    assert real.check(PIN).ok
    assert not real.check(DEMO_PIN).ok


def test_the_pin_is_never_stored_in_clear(kiosk_home: AppDirs) -> None:
    """After setting and trying a PIN, no file under the kiosk home holds its digits."""
    clock = FixedClock(datetime.fromtimestamp(1_000_000_000, UTC))  # digits without the PIN
    with open_journal(kiosk_home.database) as j:
        g = guard(j, kiosk_home, clock)
        g.set_pin(PIN)
        assert g.check(PIN).ok
        for _ in range(6):
            g.check("000000")
        j.flush(5)
        files = [p for p in Path(os.environ["DVC_KIOSK_HOME"]).rglob("*") if p.is_file()]
        assert any(p.name.endswith("-wal") for p in files)
        for path in files:
            data = path.read_bytes()
            assert PIN.encode() not in data, path
            assert PIN.encode("utf-16-le") not in data, path


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_lockout_survives_kill_9(kiosk_home: AppDirs) -> None:
    """A process that makes 5 wrong tries and dies by SIGKILL (no close) leaves the lock on."""
    import subprocess

    config_hash = cheap_hash(kiosk_home)
    code = (
        "import os, signal, sys\n"
        "from pathlib import Path\n"
        "from kiosk.journal.db import open_journal\n"
        "from kiosk.pin import PinGuard\n"
        "data = Path(sys.argv[1])\n"
        "j = open_journal(data / 'journal.db')\n"
        "g = PinGuard.for_kiosk(j.kv, data, config_hash=sys.argv[2], demo=False)\n"
        "print([g.check('000000').wait_seconds for _ in range(5)], flush=True)\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(kiosk_home.data), config_hash],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert result.returncode == -9
    assert result.stdout.strip() == "[0.0, 0.0, 0.0, 0.0, 30.0]"
    with open_journal(kiosk_home.database) as j:
        g = PinGuard.for_kiosk(j.kv, kiosk_home.data, config_hash=config_hash, demo=False)
        result_after = g.check(PIN)
        assert not result_after.ok and 0 < result_after.wait_seconds <= 30


def test_lockout_state_machine(tmp_path: Path) -> None:
    """Random guesses, clock jumps and restarts (G14): the guard always matches a simple model."""
    from hypothesis import settings
    from hypothesis import strategies as st
    from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

    data_dir = tmp_path / "pin-machine"
    # A cheap hash (N=2^10) keeps hundreds of guesses fast; the lockout logic is the same.
    secret = load_or_create_secret(data_dir)
    config_hash = hash_pin(PIN, secret, n=2**10)

    class Machine(RuleBasedStateMachine):
        def __init__(self) -> None:
            super().__init__()
            self.clock = FixedClock(START)
            self.journal = open_journal(data_dir / "journal.db")
            # Each example starts unlocked (the database is reused: migrating costs time).
            PinStateFile(data_dir).save(PinState(secret, Lockout()))
            self.guard = self._new_guard()
            self.failures = 0
            self.locked_until = 0.0

        def _new_guard(self) -> PinGuard:
            return PinGuard(self.journal.kv, data_dir, clock=self.clock, config_hash=config_hash)

        def _now(self) -> float:
            return self.clock.now().timestamp()

        def _locked(self) -> bool:
            return self._now() < self.locked_until

        @rule(right=st.booleans())
        def guess(self, right: bool) -> None:
            result = self.guard.check(PIN if right else "000000")
            if self._locked():
                assert not result.ok
                assert result.wait_seconds == pytest.approx(self.locked_until - self._now())
            elif right:
                assert result.ok
                self.failures, self.locked_until = 0, 0.0
            else:
                self.failures += 1
                delay = delay_after(self.failures)
                assert not result.ok and result.wait_seconds == delay
                if delay:
                    self.locked_until = self._now() + delay

        @rule(seconds=st.sampled_from([1.0, 29.0, 31.0, 61.0, 500.0, 3601.0]))
        def wait(self, seconds: float) -> None:
            self.clock.advance(seconds)

        @rule()
        def restart(self) -> None:
            self.journal.close()
            self.journal = open_journal(data_dir / "journal.db")
            self.guard = self._new_guard()

        @invariant()
        def wait_is_bounded(self) -> None:
            assert 0 <= self.guard.wait_seconds() <= 3600

        def teardown(self) -> None:
            self.journal.close()

    Machine.TestCase.settings = settings(max_examples=10, stateful_step_count=15, deadline=None)
    Machine.TestCase().runTest()
