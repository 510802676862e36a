"""Report periods: an ISO week, a month or a year of China time, and its 环比 / 同比 periods.

A period is [start, end) of local dates; its instants are 00:00 China time as aware UTC.
A period still running when its report is made (this year, to date) has `as_of`, the day at
whose 00:00 its standing figures (超期件, the open cases) are taken: a deadline later this
month is not overdue yet, and the same report made twice in a day says the same.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from desktop.clock import local_midnight
from desktop.domain.metrics import PeriodKind
from desktop.errors import GovDeskError

_WEEK = re.compile(r"^(\d{4})-?W(\d{1,2})$", re.IGNORECASE)
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
_YEAR = re.compile(r"^(\d{4})$")


@dataclass(frozen=True)
class Period:
    kind: PeriodKind
    first: date  # the first local day
    end: date  # the day after the last one
    as_of: date | None = None  # set while the period runs: see `observed`

    @property
    def last(self) -> date:
        return self.end - timedelta(days=1)

    @property
    def start_at(self) -> datetime:
        return local_midnight(self.first)

    @property
    def end_at(self) -> datetime:
        return local_midnight(self.end)

    @property
    def snapshot_at(self) -> datetime:
        """When the open cases are counted: the end, or 00:00 of `as_of` in a running period."""
        return local_midnight(self.as_of or self.end)

    @property
    def code(self) -> str:
        """2026-W47, 2026-11 or 2026: what the command line takes and the sheets show."""
        if self.kind == PeriodKind.WEEK:
            year, week, _ = self.first.isocalendar()
            return f"{year}-W{week:02d}"
        if self.kind == PeriodKind.MONTH:
            return f"{self.first.year}-{self.first.month:02d}"
        return str(self.first.year)


def observed(period: Period, today: date) -> Period:
    """The period as a report made on `today` sees it: `as_of` today while it has not ended."""
    if today >= period.end:
        return replace(period, as_of=None)
    return replace(period, as_of=max(today, period.first))


def week(year: int, number: int) -> Period:
    """ISO week `number` of `year`; `report.bad_week` if that year has no such week."""
    try:
        monday = date.fromisocalendar(year, number, 1)
    except ValueError:
        raise GovDeskError("report.bad_week", value=f"{year}-W{number:02d}") from None
    return Period(PeriodKind.WEEK, monday, monday + timedelta(days=7))


def month(year: int, number: int) -> Period:
    if not 1 <= number <= 12 or not 1 <= year <= 9998:
        raise GovDeskError("report.bad_month", value=f"{year}-{number:02d}")
    first = date(year, number, 1)
    return Period(PeriodKind.MONTH, first, _next_month(first))


def year(number: int) -> Period:
    if not 1 <= number <= 9998:
        raise GovDeskError("report.bad_year", value=str(number))
    return Period(PeriodKind.YEAR, date(number, 1, 1), date(number + 1, 1, 1))


def parse_week(text: str) -> Period:
    found = _WEEK.match(text.strip())
    if not found:
        raise GovDeskError("report.bad_week", value=text)
    return week(int(found[1]), int(found[2]))


def parse_month(text: str) -> Period:
    found = _MONTH.match(text.strip())
    if not found:
        raise GovDeskError("report.bad_month", value=text)
    return month(int(found[1]), int(found[2]))


def parse_year(text: str) -> Period:
    found = _YEAR.match(text.strip())
    if not found:
        raise GovDeskError("report.bad_year", value=text)
    return year(int(found[1]))


def week_of(day: date) -> Period:
    iso_year, number, _ = day.isocalendar()
    return week(iso_year, number)


def month_of(day: date) -> Period:
    return month(day.year, day.month)


def previous(period: Period) -> Period:
    """环比: the period just before (the week, month or year before)."""
    if period.kind == PeriodKind.WEEK:
        return week_of(period.first - timedelta(days=7))
    if period.kind == PeriodKind.MONTH:
        return month_of(period.first - timedelta(days=1))
    return year(period.first.year - 1)


def year_ago(period: Period) -> Period | None:
    """同比: the same ISO week (or month, or year) a year before; None when it does not exist.

    2026-W53 has none: 2025 has 52 ISO weeks.
    """
    if period.kind == PeriodKind.WEEK:
        iso_year, number, _ = period.first.isocalendar()
        try:
            return week(iso_year - 1, number)
        except GovDeskError:
            return None
    if period.kind == PeriodKind.MONTH:
        return month(period.first.year - 1, period.first.month)
    return year(period.first.year - 1)


def trailing(period: Period, count: int) -> list[Period]:
    """`count` periods ending with `period` (oldest first): the trend chart's x axis."""
    periods = [period]
    while len(periods) < count:
        periods.append(previous(periods[-1]))
    return periods[::-1]


def last_complete_week(today: date) -> Period:
    return week_of(today - timedelta(days=today.isoweekday()))


def last_complete_month(today: date) -> Period:
    return month_of(today.replace(day=1) - timedelta(days=1))


def _next_month(first: date) -> date:
    return date(first.year + first.month // 12, first.month % 12 + 1, 1)
