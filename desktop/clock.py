"""The one "now" of the program.

It is the real clock, except in a training database, where a trainer may move it forward
(the time machine): the offset is stored in the database so every seat agrees.
All datetimes here are timezone-aware UTC; local dates are China time.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

CHINA = ZoneInfo("Asia/Shanghai")


class Clock:
    def __init__(self, offset: timedelta = timedelta(0), frozen_at: datetime | None = None):
        self.offset = offset
        self.frozen_at = frozen_at

    def now(self) -> datetime:
        base = self.frozen_at or datetime.now(UTC)
        return base + self.offset

    def today(self) -> date:
        return to_local(self.now()).date()


REAL = Clock()


def to_local(moment: datetime) -> datetime:
    return moment.astimezone(CHINA)


def local_midnight(day: date) -> datetime:
    """00:00 China time of `day`, as aware UTC."""
    return datetime.combine(day, time.min, tzinfo=CHINA).astimezone(UTC)


def end_of_local_day(day: date) -> datetime:
    """The last second of `day` in China time, as aware UTC (deadlines end there)."""
    return local_midnight(day + timedelta(days=1)) - timedelta(seconds=1)
