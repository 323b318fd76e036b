"""The one source of the time for the kiosk and the collector: wall clock and monotonic clock.

Everything that compares with "now" or "today" (catalog check ages, idle and lockout timers,
sync back-off, dashboard windows, manifest expiry) takes a `Clock` through its constructor
instead of calling `datetime.now()` or `time.time()` itself, so tests pin the date and a suite
run passes on any day (docs/reliability.md). Two clocks, because they answer different
questions: `now()` is the calendar (can jump when NTP corrects it, or be years wrong on a PC
with a dead CMOS battery); `monotonic()` only measures how long something took.
"""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    """What code that needs the time asks."""

    def now(self) -> datetime:
        """The wall-clock time, timezone-aware, in UTC."""
        ...

    def monotonic(self) -> float:
        """Seconds from an arbitrary start that never go backwards (durations only)."""
        ...


class SystemClock:
    """The machine's clocks."""

    def now(self) -> datetime:
        """`datetime.now(UTC)`."""
        return datetime.now(UTC)

    def monotonic(self) -> float:
        """`time.monotonic()`."""
        return time.monotonic()


SYSTEM_CLOCK: Clock = SystemClock()


class FixedClock:
    """A clock that stands still until moved: for tests, simulations and benchmarks.

    `advance` moves both clocks together; `set` moves only the wall clock, the way an NTP
    correction or a wrong BIOS date does, while the monotonic clock keeps counting.
    """

    def __init__(self, at: datetime, monotonic: float = 1000.0) -> None:
        self._now = _aware(at)
        self._monotonic = monotonic

    def now(self) -> datetime:
        """The pinned wall-clock time."""
        return self._now

    def monotonic(self) -> float:
        """The pinned monotonic reading."""
        return self._monotonic

    def advance(self, seconds: float) -> None:
        """Let `seconds` pass on both clocks (never backwards)."""
        if seconds < 0:
            raise ValueError("time only moves forward; use set() for a wall-clock jump")
        self._now += timedelta(seconds=seconds)
        self._monotonic += seconds

    def set(self, at: datetime) -> None:
        """Jump the wall clock (either way); the monotonic clock does not move."""
        self._now = _aware(at)


def local_today(clock: Clock) -> date:
    """Today's date in the machine's time zone (what a person at the kiosk calls today)."""
    return clock.now().astimezone().date()


def _aware(at: datetime) -> datetime:
    if at.tzinfo is None:
        raise ValueError("a clock needs a timezone-aware time")
    return at.astimezone(UTC)
