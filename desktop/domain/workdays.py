"""The working-day calendar of China and the deadline arithmetic built on it.

Every rule works on local dates in China time (desktop.clock.CHINA); instants going in and
out are timezone-aware, and instants coming out are UTC.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from types import MappingProxyType
from typing import NamedTuple

import chinese_calendar

from desktop.clock import end_of_local_day, local_midnight, to_local
from desktop.domain.enums import DeadlineColour, DeadlineUnit, SupervisionLevel

WARNING_RATIO = 0.8  # 数字城管 practice: yellow once 80 % of the time limit has passed
YELLOW_CARD_AFTER = 5  # working days past the deadline before 黄牌督办
RED_CARD_AFTER = 10  # working days past the deadline before 红牌督办

_ONE_DAY = timedelta(days=1)


class DayInfo(NamedTuple):
    """What the calendar says of one day, and whether that answer is only the Mon–Fri guess."""

    workday: bool
    provisional: bool


@dataclass(frozen=True)
class Deadline:
    """A computed time limit: due and warning instants (aware UTC), provisional if guessed."""

    due_at: datetime
    warn_at: datetime
    provisional: bool


@dataclass(frozen=True)
class _Year:
    known: bool
    # prefix[i] = working days among the first i days of the year; prefix[-1] is the year's total.
    prefix: tuple[int, ...]


class WorkCalendar:
    """China's official working days: admin overrides, then chinese_calendar, then Mon–Fri.

    `overrides` maps a date to True (working day, e.g. a make-up Saturday) or False (holiday)
    and beats the library. A year is known when the library knows it or the overrides hold
    any day of it; in an unknown year Monday–Friday are working days and every answer is
    provisional. Nothing here raises for an unknown year. Immutable once built, so one
    instance may be shared between threads.
    """

    def __init__(self, overrides: Mapping[date, bool] | None = None) -> None:
        self._overrides: dict[date, bool] = dict(overrides or {})
        self._override_years = frozenset(day.year for day in self._overrides)
        self._years: dict[int, _Year] = {}

    @property
    def overrides(self) -> Mapping[date, bool]:
        """The admin-entered days this calendar was built from (read-only)."""
        return MappingProxyType(self._overrides)

    def is_known_year(self, year: int) -> bool:
        """Whether the State Council schedule of `year` is known (library or overrides)."""
        return year in self._override_years or _library_knows(year)

    def day_info(self, day: date) -> DayInfo:
        """Whether `day` is a working day, and whether the answer is provisional."""
        year = self._year(day.year)
        index = day.timetuple().tm_yday
        return DayInfo(year.prefix[index] > year.prefix[index - 1], not year.known)

    def is_workday(self, day: date) -> bool:
        """The best answer for `day` (a bool, so `if calendar.is_workday(d)` is safe)."""
        return self.day_info(day).workday

    def count_workdays(self, after: date, through: date) -> int:
        """Working days in the local dates (after, through]; 0 when through <= after."""
        if through <= after:
            return 0
        total = self._prefix(through) - self._prefix(after)
        for year in range(after.year, through.year):
            total += self._year(year).prefix[-1]
        return total

    def workday_after(self, day: date, n: int) -> tuple[date, bool]:
        """The n-th working day after `day` (`day` itself excluded; n=0 gives `day`).

        The flag is True when any day examined on the way lies in an unknown year.
        """
        if n < 0:
            raise ValueError(f"n must be >= 0, got {n}")
        provisional = False
        while n:
            day += _ONE_DAY
            info = self.day_info(day)
            provisional = provisional or info.provisional
            n -= info.workday
        return day, provisional

    def workday_back(self, day: date, n: int) -> date:
        """The n-th working day counting back from `day` inclusive (n >= 1)."""
        if n < 1:
            raise ValueError(f"n must be >= 1, got {n}")
        while True:
            if self.is_workday(day):
                n -= 1
                if not n:
                    return day
            day -= _ONE_DAY

    def _prefix(self, day: date) -> int:
        return self._year(day.year).prefix[day.timetuple().tm_yday]

    def _year(self, year: int) -> _Year:
        cached = self._years.get(year)
        if cached is None:
            cached = self._years[year] = self._build_year(year)
        return cached

    def _build_year(self, year: int) -> _Year:
        known_to_library = _library_knows(year)
        prefix = [0]
        day = date(year, 1, 1)
        while day.year == year:
            if day in self._overrides:
                working = self._overrides[day]
            elif known_to_library:
                working = chinese_calendar.is_workday(day)
            else:
                working = day.weekday() < 5
            prefix.append(prefix[-1] + working)
            day += _ONE_DAY
        return _Year(known=known_to_library or year in self._override_years, prefix=tuple(prefix))


@functools.cache
def _library_knows(year: int) -> bool:
    try:
        chinese_calendar.is_workday(date(year, 1, 1))
    except NotImplementedError:
        return False
    return True


def compute_deadline(
    start: datetime,
    amount: int,
    unit: DeadlineUnit,
    calendar: WorkCalendar,
    *,
    warning_ratio: float = WARNING_RATIO,
) -> Deadline:
    """The due and warning instants of a time limit of `amount` `unit`s starting at `start`.

    Rules (local dates are China time):
    - DAY: due at the end (23:59:59 local) of the local date start + amount days; amount 0
      means the end of the start's own day. Calendar days are never provisional.
    - WORKDAY: due at the end of the amount-th working day after the start's local date (the
      start day never counts, even if it is a working day); amount 0 means the end of the
      start's own day. Provisional when any day examined lies in a year the calendar does
      not know (Monday–Friday assumed there).
    - warn_at = start + warning_ratio × (due_at − start), 80 % by default.
    """
    _require_aware(start)
    if amount < 0:
        raise ValueError(f"amount must be >= 0, got {amount}")
    if not 0 <= warning_ratio <= 1:
        raise ValueError(f"warning_ratio must lie in [0, 1], got {warning_ratio}")
    start = start.astimezone(UTC)
    start_day = to_local(start).date()
    if unit == DeadlineUnit.DAY:
        due_day, provisional = start_day + timedelta(days=amount), False
    elif unit == DeadlineUnit.WORKDAY:
        due_day, provisional = calendar.workday_after(start_day, amount)
    else:
        raise ValueError(f"unknown deadline unit {unit!r}")
    due_at = end_of_local_day(due_day)
    # A same-day limit opened in the last second of the day has no time left, not negative time.
    span = max(due_at - start, timedelta(0))
    return Deadline(due_at=due_at, warn_at=start + span * warning_ratio, provisional=provisional)


def working_days_between(a: datetime, b: datetime, calendar: WorkCalendar) -> int:
    """Working days from a's local date (exclusive) to b's local date (inclusive); 0 if b <= a."""
    _require_aware(a)
    _require_aware(b)
    if b <= a:
        return 0
    return calendar.count_workdays(to_local(a).date(), to_local(b).date())


def deadline_colour(*, due_at: datetime, warn_at: datetime, now: datetime) -> DeadlineColour:
    """GREEN before warn_at, YELLOW from warn_at until due_at, RED from due_at on."""
    if now >= due_at:
        return DeadlineColour.RED
    if now >= warn_at:
        return DeadlineColour.YELLOW
    return DeadlineColour.GREEN


def supervision_level(
    *,
    due_at: datetime | None,
    now: datetime,
    manual: bool,
    calendar: WorkCalendar,
    yellow_after: int = YELLOW_CARD_AFTER,
    red_after: int = RED_CARD_AFTER,
) -> SupervisionLevel:
    """The 督办 level of an open case, derived when read (there is no job to write it).

    Overdue means now >= due_at. RED_CARD when overdue by at least `red_after` working days
    (working_days_between(due_at, now)), YELLOW_CARD by at least `yellow_after`, else NORMAL
    when flagged by hand or overdue at all, else NONE. A case without a deadline is never
    overdue. Agrees with `due_at <= workday_cutoff(now, n, calendar)`.
    """
    if yellow_after < 0 or red_after < 0:
        raise ValueError("thresholds must be >= 0")
    if due_at is not None and now >= due_at:
        late = working_days_between(due_at, now, calendar)
        if late >= red_after:
            return SupervisionLevel.RED_CARD
        if late >= yellow_after:
            return SupervisionLevel.YELLOW_CARD
        return SupervisionLevel.NORMAL
    return SupervisionLevel.NORMAL if manual else SupervisionLevel.NONE


def workday_cutoff(now: datetime, n: int, calendar: WorkCalendar) -> datetime:
    """The instant C such that `due_at <= C` iff due_at is overdue by >= n working days at now.

    For n = 0 that is plain overdue (C = now). For n >= 1, with W the n-th working day
    counting back from now's local date inclusive, a deadline qualifies iff its local date is
    before W, so C is one microsecond before W's local midnight (the database resolution).
    """
    _require_aware(now)
    if n < 0:
        raise ValueError(f"n must be >= 0, got {n}")
    if n == 0:
        return now.astimezone(UTC)
    back = calendar.workday_back(to_local(now).date(), n)
    return local_midnight(back) - timedelta(microseconds=1)


def _require_aware(moment: datetime) -> None:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"need a timezone-aware datetime, got {moment!r}")
