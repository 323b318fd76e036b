"""A submitted dossier's due date counts working days: weekends and Vietnam's holidays (Tết
from the lunar calendar) left out, days taken at the help point (Asia/Ho_Chi_Minh)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from kiosk.working_days import add_working_days, due_date, is_working_day, local_day

# Written out here from the government's announcement for 2026, not read from the library:
# the weekdays off in the first quarter (New Year; Tết Bính Ngọ, 28 Chạp to mùng 4).
DAYS_OFF_Q1_2026 = {
    date(2026, 1, 1),
    date(2026, 2, 16),
    date(2026, 2, 17),
    date(2026, 2, 18),
    date(2026, 2, 19),
    date(2026, 2, 20),
}
# The first day of Tết (mùng 1) in years a kiosk may meet: from the lunar calendar.
TET = {
    2026: date(2026, 2, 17),
    2027: date(2027, 2, 6),
    2028: date(2028, 1, 26),
    2029: date(2029, 2, 13),
    2030: date(2030, 2, 3),
}


def counted_by_hand(start: date, count: int) -> date:
    """The same count, day by day, against the fixed list above."""
    day = start
    while count:
        day += timedelta(days=1)
        if day.weekday() < 5 and day not in DAYS_OFF_Q1_2026:
            count -= 1
    return day


def test_a_due_date_across_tet_and_a_weekend() -> None:
    """Submitted Thursday 12/02/2026 at 10:00 in HCMC, 3 working days: Friday 13/02 is the
    first, Tết (16–20/02) and two weekends are skipped: due Tuesday 24/02/2026."""
    submitted = datetime(2026, 2, 12, 3, 0, tzinfo=UTC)  # 10:00 in Ho Chi Minh City
    due = due_date(submitted, 3)
    assert due == counted_by_hand(date(2026, 2, 12), 3) == date(2026, 2, 24)
    assert due.weekday() == 1  # a Tuesday


@pytest.mark.parametrize("count", [0, 1, 2, 5, 7, 8, 15, 30])
def test_every_count_in_the_first_quarter_matches_the_fixed_list(count: int) -> None:
    """From every day of January and February 2026, the library and the hand count agree."""
    for offset in range(59):
        start = date(2026, 1, 1) + timedelta(days=offset)
        assert add_working_days(start, count) == counted_by_hand(start, count), (start, count)


def test_the_day_is_the_help_points_day_not_utcs() -> None:
    """18:30 UTC on Thursday is 01:30 on Friday in HCMC: the count starts from Friday."""
    late = datetime(2026, 2, 12, 18, 30, tzinfo=UTC)
    assert local_day(late) == date(2026, 2, 13)
    assert due_date(late, 3) == date(2026, 2, 25)


def test_the_library_knows_tet_for_the_years_a_kiosk_will_meet() -> None:
    """Mùng 1 Tết is a day off each year to 2030 (the library follows the lunar calendar)."""
    for year, first_day in TET.items():
        assert not is_working_day(first_day), year
        assert not is_working_day(first_day + timedelta(days=1)), year


def test_a_nonsense_count_is_refused() -> None:
    """A count the catalog could not mean is an error, not a date years away."""
    with pytest.raises(ValueError, match="working days"):
        add_working_days(date(2026, 1, 5), 366)
    with pytest.raises(ValueError, match="time zone"):
        local_day(datetime(2026, 1, 5, 10, 0))
