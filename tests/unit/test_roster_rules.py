"""The pure roster rules: day patterns, turns and arrival, worked by hand."""

from __future__ import annotations

from datetime import UTC, date, datetime

from desktop.clock import CHINA
from desktop.domain.enums import Arrival, RosterPattern
from desktop.domain.roster import Pattern, Shifts, arrival, assign_staff

MAY_2026 = [date(2026, 5, d) for d in (6, 7, 8, 9, 11, 12)]  # 9 May: a make-up Saturday
SHIFTS = Shifts()


def at(hour: int, minute: int, second: int = 0, day: int = 12) -> datetime:
    return datetime(2026, 5, day, hour, minute, second, tzinfo=CHINA).astimezone(UTC)


def test_patterns():
    assert Pattern(RosterPattern.EVERY_WORKDAY).due_days(MAY_2026) == MAY_2026
    # The make-up Saturday counts as a Saturday for set weekdays.
    weekdays = Pattern(RosterPattern.WEEKDAYS, frozenset({2, 6}))
    assert weekdays.due_days(MAY_2026) == [date(2026, 5, 9), date(2026, 5, 12)]
    alternate = Pattern(RosterPattern.ALTERNATE_WEEKS, anchor=date(2026, 4, 29))
    assert alternate.due_days(MAY_2026) == [date(2026, 5, 11), date(2026, 5, 12)]
    assert alternate.due_days([]) == []
    # 3 of 6 days: numbers 0, 2, 4; asking for more days than there are gives them all.
    monthly = Pattern(RosterPattern.MONTHLY_DAYS, days_per_month=3)
    assert monthly.due_days(MAY_2026) == [date(2026, 5, 6), date(2026, 5, 8), date(2026, 5, 11)]
    assert Pattern(RosterPattern.MONTHLY_DAYS, days_per_month=9).due_days(MAY_2026) == MAY_2026


def test_turns():
    days = MAY_2026[:3]
    assert assign_staff(days, [7, 8], rotate=True) == [(days[0], 7), (days[1], 8), (days[2], 7)]
    assert assign_staff(days[:1], [7, 8], rotate=False) == [(days[0], 7), (days[0], 8)]
    assert assign_staff(days[:2], [], rotate=True) == [(days[0], None), (days[1], None)]


def test_arrival_around_the_grace_period_and_the_day_end():
    day = date(2026, 5, 12)
    assert arrival(day=day, shifts=SHIFTS, checked_in_at=at(8, 40), now=at(9, 0)) == Arrival.ON_TIME
    assert arrival(day=day, shifts=SHIFTS, checked_in_at=at(8, 40, 1), now=at(9, 0)) == Arrival.LATE
    assert arrival(day=day, shifts=SHIFTS, checked_in_at=None, now=at(8, 40)) == Arrival.PENDING
    assert arrival(day=day, shifts=SHIFTS, checked_in_at=None, now=at(8, 41)) == Arrival.MISSING
    assert arrival(day=day, shifts=SHIFTS, checked_in_at=None, now=at(17, 30)) == Arrival.ABSENT
    wide = Shifts(am_start=9 * 60, grace_minutes=30)
    assert arrival(day=day, shifts=wide, checked_in_at=at(9, 29), now=at(10, 0)) == Arrival.ON_TIME
    assert not Shifts(am_start=13 * 60).valid() and SHIFTS.valid()
