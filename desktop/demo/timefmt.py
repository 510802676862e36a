"""Instants as integer microseconds (UTC), and the exact deadline arithmetic on them.

The demo simulates a million cases; datetime objects and desktop.domain.workdays'
compute_deadline are exact but slow at that rate, so this module does the same arithmetic
on integers, with the working-day answers cached per (local date, amount). A test checks
that DeadlineMath agrees with compute_deadline to the microsecond.
"""

from __future__ import annotations

from datetime import date

from desktop.domain.enums import DeadlineUnit
from desktop.domain.workdays import WARNING_RATIO, WorkCalendar

US = 1_000_000
DAY_S = 86_400
DAY_US = DAY_S * US
LOCAL_OFFSET_S = 8 * 3600  # China time, no daylight saving
LOCAL_OFFSET_US = LOCAL_OFFSET_S * US
EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
_RATIO_NUM, _RATIO_DEN = WARNING_RATIO.as_integer_ratio()
_TIMES = [f"{h:02d}:{m:02d}:{s:02d}" for h in range(24) for m in range(60) for s in range(60)]


def local_day(us: int) -> int:
    """Days since 1970-01-01 of the China-time date of an instant."""
    return (us + LOCAL_OFFSET_US) // DAY_US


def end_of_local_day(day: int) -> int:
    """23:59:59 China time of a local day number, in µs UTC (where deadlines end)."""
    return (day + 1) * DAY_US - LOCAL_OFFSET_US - US


def scale_nearest(us: int, num: int = _RATIO_NUM, den: int = _RATIO_DEN) -> int:
    """us * num / den rounded half to even, exactly as `timedelta * float` rounds."""
    q, r = divmod(us * num, den)
    twice = 2 * r
    if twice > den or (twice == den and q % 2 == 1):
        q += 1
    return q


class DeadlineMath:
    """compute_deadline and set_explicit_due on µs integers; one instance per calendar."""

    def __init__(self, calendar: WorkCalendar) -> None:
        self._calendar = calendar
        self._workday_after: dict[tuple[int, int], tuple[int, bool]] = {}

    def deadline(self, start: int, amount: int, unit: str) -> tuple[int, int, bool]:
        """(due, warn, provisional) of a limit of `amount` `unit`s from `start`."""
        day = local_day(start)
        if unit == DeadlineUnit.DAY:
            due_day, provisional = day + amount, False
        else:
            key = (day, amount)
            cached = self._workday_after.get(key)
            if cached is None:
                found, provisional = self._calendar.workday_after(
                    date.fromordinal(day + EPOCH_ORDINAL), amount
                )
                cached = self._workday_after[key] = (found.toordinal() - EPOCH_ORDINAL, provisional)
            due_day, provisional = cached
        due = end_of_local_day(due_day)
        return due, start + scale_nearest(max(due - start, 0)), provisional

    @staticmethod
    def explicit(clock_started_at: int | None, due: int) -> int:
        """The warning instant set_explicit_due gives a supervisor's new due time."""
        start = due if clock_started_at is None else clock_started_at
        return start + scale_nearest(max(due - start, 0))


class Formatter:
    """µs → what the database stores for a UTCDateTime (desktop.db.base): the integer itself
    on SQLite (`integers`), SQLAlchemy's naive UTC text for PostgreSQL's COPY.

    `db` is the hot path of the demo (about twenty instants per case): whole seconds, the
    common case, are two list lookups and one concatenation.
    """

    def __init__(self, first_day: int = 0, days: int = 0, *, integers: bool = False) -> None:
        self._first = first_day
        self._prefix = [self._text(first_day + k) for k in range(days)]
        self._days: dict[int, str] = {}
        if integers:
            self.db = _stored_as_is

    @staticmethod
    def _text(day: int) -> str:
        return date.fromordinal(day + EPOCH_ORDINAL).isoformat() + " "

    def _day(self, day: int) -> str:
        k = day - self._first
        if 0 <= k < len(self._prefix):
            return self._prefix[k]
        text = self._days.get(day)
        if text is None:
            text = self._days[day] = self._text(day)
        return text

    def db(self, us: int | None) -> int | str | None:
        """'2025-03-04 05:06:07' or '2025-03-04 05:06:07.250000' (UTC, naive): PostgreSQL
        parses a timestamp without its zero fraction in half the time (0.25 µs, a dozen
        instants per case)."""
        if us is None:
            return None
        seconds, fraction = divmod(us, US)
        if fraction:
            day, second = divmod(seconds, DAY_S)
            return f"{self._day(day)}{_TIMES[second]}.{fraction:06d}"
        k = seconds // DAY_S - self._first
        if 0 <= k < len(self._prefix):
            return self._prefix[k] + _TIMES[seconds % DAY_S]
        return self._day(seconds // DAY_S) + _TIMES[seconds % DAY_S]

    def json(self, us: int | None) -> str:
        """As str(aware UTC datetime) writes it in event data (json.dumps default=str)."""
        if us is None:
            return "null"
        seconds, fraction = divmod(us, US)
        day, second = divmod(seconds, DAY_S)
        tail = "" if not fraction else f".{fraction:06d}"
        return f'"{self._day(day)}{_TIMES[second]}{tail}+00:00"'


def _stored_as_is(us: int | None) -> int | None:
    return us

