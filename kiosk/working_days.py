"""When a submitted dossier's result is due: working days in Vietnam, public holidays left out.

Vietnam's public holidays (Tết from the lunar calendar, Giỗ Tổ Hùng Vương, 30/4, 1/5, 2/9 and
the days the government moves around them) come from the `holidays` package, a well-kept
calendar with yearly releases, not from a list of our own. Days are counted in the help
point's time zone, Asia/Ho_Chi_Minh: UTC+7 all year (Vietnam has had no daylight saving time
since 1975), so the fixed offset needs no time-zone database on a Windows kiosk.

The rule the agencies use: a dossier received on a day is counted from the next working day,
and the result is due at the end of the Nth working day after that. Saturdays and Sundays
are not working days. A Saturday the government declares a make-up working day (ngày làm bù)
is not in the package and is treated as a day off, so a date shown here is never too early.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from functools import cache

from kiosk.catalog.model import MAX_WORKING_DAYS

HCMC_TIME = timezone(timedelta(hours=7), "Asia/Ho_Chi_Minh")


@cache
def _holidays(year: int) -> frozenset[date]:
    # Imported on the first submission, not at start-up; years one at a time, cached.
    from holidays.countries.vietnam import Vietnam

    return frozenset(Vietnam(years=year).keys())


def is_working_day(day: date) -> bool:
    """Monday to Friday and not a Vietnamese public holiday (nor a day given in its place)."""
    return day.weekday() < 5 and day not in _holidays(day.year)


def add_working_days(start: date, count: int) -> date:
    """The `count`th working day after `start` (`start` itself is never counted)."""
    if not 0 <= count <= MAX_WORKING_DAYS:
        raise ValueError(f"working days must be 0 to {MAX_WORKING_DAYS}")
    day = start
    left = count
    while left > 0:
        day += timedelta(days=1)
        if is_working_day(day):
            left -= 1
    return day


def local_day(moment: datetime) -> date:
    """The calendar day at the help point (Asia/Ho_Chi_Minh) of an aware moment."""
    if moment.tzinfo is None:
        raise ValueError("a moment needs a time zone")
    return moment.astimezone(HCMC_TIME).date()


def due_date(submitted_at: datetime, working_days: int) -> date:
    """The day the result is due for a dossier submitted at `submitted_at`."""
    return add_working_days(local_day(submitted_at), working_days)
