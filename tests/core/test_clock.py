"""The injectable clock: a pinned wall clock, a monotonic clock that never goes back."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from kiosk.clock import SYSTEM_CLOCK, FixedClock, local_today


def test_a_fixed_clock_moves_only_when_told() -> None:
    """advance() moves both clocks; set() jumps the wall clock alone, as NTP or a BIOS does."""
    clock = FixedClock(datetime(2030, 1, 1, 8, 0, tzinfo=UTC), monotonic=50.0)
    assert clock.now() == datetime(2030, 1, 1, 8, 0, tzinfo=UTC)
    clock.advance(90)
    assert clock.now() == datetime(2030, 1, 1, 8, 1, 30, tzinfo=UTC)
    assert clock.monotonic() == 140.0
    clock.set(datetime(2029, 12, 31, 23, 0, tzinfo=UTC))
    assert clock.now().year == 2029 and clock.monotonic() == 140.0
    with pytest.raises(ValueError):
        clock.advance(-1)


def test_times_are_aware_and_utc() -> None:
    """A naive time is refused; any zone is kept as the same instant in UTC."""
    with pytest.raises(ValueError):
        FixedClock(datetime(2030, 1, 1))
    hcm = timezone(timedelta(hours=7))
    clock = FixedClock(datetime(2030, 1, 1, 6, 0, tzinfo=hcm))
    assert clock.now() == datetime(2029, 12, 31, 23, 0, tzinfo=UTC)
    assert SYSTEM_CLOCK.now().tzinfo is UTC


def test_local_today_is_the_local_calendar_day() -> None:
    """'Today' is what a person at the kiosk calls today: the machine's zone, not UTC."""
    clock = FixedClock(datetime(2030, 6, 30, 12, 0, tzinfo=UTC))
    assert local_today(clock) == clock.now().astimezone().date()
