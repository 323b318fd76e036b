"""How many of a help point's opening days went by without a word from a kiosk.

A kiosk is switched on when the help point is open (e.g. Tue–Thu 17:30–20:30, Sat 8:00–11:00):
a weekend of silence at a point that opens on weekdays only means nothing, three missed
evenings mean a dead PC. An opening day counts as missed when one of its opening slots began
after the kiosk's last contact and has ended by now; days are Ho Chi Minh City days. A help
point without known hours is taken to be open all day, every day (then: three whole days).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta

from collector.stats import VN_TZ
from kiosk.fleet_protocol import OPENING_DAYS, OPENING_SLOT_PATTERN

ALL_DAY = tuple(f"{day} 00:00-24:00" for day in OPENING_DAYS)
MAX_DAYS_LOOKED_AT = 400  # a kiosk silent for over a year is silent, however many days it is


def slots_by_weekday(hours: Sequence[str]) -> dict[int, list[tuple[time, timedelta]]]:
    """{weekday: [(start, length)]} from 'sat 08:00-11:00' strings (bad ones skipped)."""
    slots: dict[int, list[tuple[time, timedelta]]] = {}
    for text in hours:
        match = OPENING_SLOT_PATTERN.fullmatch(text)
        if match is None:
            continue
        day, h1, m1, h2, m2 = match.groups()
        start = timedelta(hours=int(h1), minutes=int(m1))
        end = timedelta(hours=int(h2), minutes=int(m2))
        if end <= start or start >= timedelta(days=1) or end > timedelta(days=1):
            continue
        slots.setdefault(OPENING_DAYS.index(day), []).append((time(int(h1), int(m1)), end - start))
    return slots


def missed_opening_days(
    last_contact: datetime, now: datetime, hours: Sequence[str], stop_at: int | None = None
) -> int:
    """Opening days whose slot began after `last_contact` and ended by `now` (naive UTC times).

    `stop_at`: stop counting once this many are found (the caller only needs to know "≥ 3").
    """
    slots = slots_by_weekday(hours or ALL_DAY) or slots_by_weekday(ALL_DAY)
    since = last_contact.replace(tzinfo=UTC).astimezone(VN_TZ)
    until = now.replace(tzinfo=UTC).astimezone(VN_TZ)
    missed = 0
    day: date = since.date()
    last_day = min(until.date(), since.date() + timedelta(days=MAX_DAYS_LOOKED_AT))
    while day <= last_day:
        for start, length in slots.get(day.weekday(), []):
            begins = datetime.combine(day, start, VN_TZ)
            if begins >= since and begins + length <= until:
                missed += 1
                break
        if stop_at is not None and missed >= stop_at:
            return missed
        day += timedelta(days=1)
    return missed
