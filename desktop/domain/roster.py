"""Pure roster rules: which working days a department is due, and how a day's arrival reads.

Local dates and times are China time. Nothing here touches the database or the clock.
"""

from __future__ import annotations

import calendar as _calendar
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from desktop.clock import CHINA, to_local
from desktop.domain.enums import Arrival, RosterPattern
from desktop.domain.workdays import WorkCalendar

# 08:30–12:00 and 14:30–17:30 with ten minutes' grace: the usual county-center hours.
DEFAULT_AM = (8 * 60 + 30, 12 * 60)
DEFAULT_PM = (14 * 60 + 30, 17 * 60 + 30)
DEFAULT_GRACE_MINUTES = 10


@dataclass(frozen=True)
class Shifts:
    """A center's working hours as minutes after local midnight, and the late grace period."""

    am_start: int = DEFAULT_AM[0]
    am_end: int = DEFAULT_AM[1]
    pm_start: int = DEFAULT_PM[0]
    pm_end: int = DEFAULT_PM[1]
    grace_minutes: int = DEFAULT_GRACE_MINUTES

    def valid(self) -> bool:
        return (
            0 <= self.am_start < self.am_end <= self.pm_start < self.pm_end <= 24 * 60
            and 0 <= self.grace_minutes <= 120
        )

    def late_after(self, day: date) -> datetime:
        """The local instant after which a check-in on `day` is late."""
        return _at(day, self.am_start + self.grace_minutes)

    def day_over(self, day: date) -> datetime:
        """The local instant the day's last shift ends."""
        return _at(day, self.pm_end)


def _at(day: date, minutes: int) -> datetime:
    return datetime.combine(day, time(minutes // 60, minutes % 60), tzinfo=CHINA)


def month_days(month: date) -> list[date]:
    """Every date of the month that `month` falls in."""
    first = month.replace(day=1)
    length = _calendar.monthrange(first.year, first.month)[1]
    return [first + timedelta(days=k) for k in range(length)]


def month_workdays(month: date, calendar: WorkCalendar) -> tuple[list[date], bool]:
    """The month's working days, and whether the calendar only guessed them (Mon–Fri)."""
    days = month_days(month)
    provisional = not calendar.is_known_year(days[0].year)
    return [d for d in days if calendar.is_workday(d)], provisional


@dataclass(frozen=True)
class Pattern:
    """The days half of a roster rule.

    - EVERY_WORKDAY: every working day (make-up Saturdays included, holidays not).
    - WEEKDAYS: working days whose ISO weekday (1 = Monday) is in `weekdays`; a make-up
      Saturday counts as a Saturday, so it is due only if 6 is listed.
    - ALTERNATE_WEEKS: working days of every other week, counting from the week of
      `anchor` (that week is on); `weekdays`, when given, narrows the days of those weeks.
    - MONTHLY_DAYS: `days_per_month` working days spread evenly over the month: the
      k-th of them is working day floor(k * W / N) (0-based) of the month's W working days.
    """

    kind: RosterPattern
    weekdays: frozenset[int] = frozenset()
    anchor: date | None = None
    days_per_month: int | None = None

    def due_days(self, workdays: Sequence[date]) -> list[date]:
        """The days of one month's `workdays` (in order) on which this pattern is due."""
        if self.kind == RosterPattern.EVERY_WORKDAY:
            return list(workdays)
        if self.kind == RosterPattern.WEEKDAYS:
            return [d for d in workdays if d.isoweekday() in self.weekdays]
        if self.kind == RosterPattern.ALTERNATE_WEEKS:
            if not workdays:
                return []
            anchor = _monday(self.anchor or workdays[0])
            return [
                d
                for d in workdays
                if (_monday(d) - anchor).days // 7 % 2 == 0
                and (not self.weekdays or d.isoweekday() in self.weekdays)
            ]
        if self.kind == RosterPattern.MONTHLY_DAYS:
            n, total = self.days_per_month or 0, len(workdays)
            if n >= total:
                return list(workdays)
            return [workdays[k * total // n] for k in range(n)]
        raise ValueError(f"unknown roster pattern {self.kind!r}")


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def assign_staff(
    due: Sequence[date], staff: Sequence[int], *, rotate: bool
) -> list[tuple[date, int | None]]:
    """(day, staff id) duties: everyone listed every due day, or in turns when `rotate`.

    In turns, the k-th due day of the month (0-based) goes to staff[k % len(staff)]. With
    nobody listed, each due day gets one duty with no person: a gap the rota shows.
    """
    if not staff:
        return [(d, None) for d in due]
    if rotate:
        return [(d, staff[k % len(staff)]) for k, d in enumerate(due)]
    return [(d, s) for d in due for s in staff]


def arrival(*, day: date, shifts: Shifts, checked_in_at: datetime | None, now: datetime) -> Arrival:
    """How a rostered person's `day` reads at `now`: derived, never typed."""
    if checked_in_at is not None:
        late = to_local(checked_in_at) > shifts.late_after(day)
        return Arrival.LATE if late else Arrival.ON_TIME
    local_now = to_local(now)
    if local_now >= shifts.day_over(day):
        return Arrival.ABSENT
    if local_now > shifts.late_after(day):
        return Arrival.MISSING
    return Arrival.PENDING


def settled(arrived: Arrival) -> bool:
    """Whether the day counts in attendance yet (present or late, or absent for good)."""
    return arrived in (Arrival.ON_TIME, Arrival.LATE, Arrival.ABSENT)
