"""When a session counts on the dashboard: its own start time, unless the kiosk's clock was wrong.

A kiosk keeps recording whatever its clock says (a session is never dropped for its time), so
the collector decides which times to believe. The rule: a start time is implausible when it is
after the moment the collector received the record (more than 10 minutes: a clock running a
little fast is tolerated), before 1 January 2025 (no kiosk ran earlier; a PC whose CMOS battery
died boots into 2000 or its BIOS date), or more than 400 days before the receipt (no kiosk keeps
a year's records unsent). Such a session counts on the day the collector received it.
"""

from __future__ import annotations

from datetime import datetime, timedelta

PRODUCT_EPOCH = datetime(2025, 1, 1)  # naive UTC, like every stored time
AHEAD_SLACK = timedelta(minutes=10)
MAX_BACKLOG = timedelta(days=400)


def plausible(started_at: datetime, received_at: datetime) -> bool:
    """Whether a session's start time (naive UTC) can be believed, given when it arrived."""
    return (
        started_at <= received_at + AHEAD_SLACK
        and started_at >= PRODUCT_EPOCH
        and started_at >= received_at - MAX_BACKLOG
    )


def counted_time(started_at: datetime, received_at: datetime) -> datetime:
    """The time a session counts at: its start, or its receipt when the start is implausible."""
    return started_at if plausible(started_at, received_at) else received_at
