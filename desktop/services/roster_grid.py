"""The month as a windows × days grid, and the month's recorded changes: read-only.

The month view and the printed rota (reports/rota_sheet.py) both read `month_grid`, so the
screen and the paper show the same rows, the same shading and the same names.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

import chinese_calendar
from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from desktop.clock import to_local
from desktop.db.models import (
    Center,
    CheckIn,
    Department,
    RotaDuty,
    RotaEdit,
    RotaMonth,
    Staff,
    User,
    Window,
)
from desktop.domain.enums import Arrival, RotaDay, RotaEditKind, Stationing
from desktop.domain.roster import arrival, month_days
from desktop.domain.workdays import WorkCalendar
from desktop.services.deadlines import load_calendar
from desktop.services.meta import clock_for
from desktop.services.roster_rules import active_rules, shifts_for


@dataclass(frozen=True)
class GridDay:
    day: date
    shade: RotaDay


@dataclass(frozen=True)
class GridRow:
    """A window, or (window None) a department's duties that have no window."""

    window_id: int | None
    department_id: int | None
    name: str


@dataclass(frozen=True)
class CellDuty:
    duty_id: int
    department_id: int
    department_name: str
    department_short: str
    staff_id: int | None  # None: a gap
    staff_name: str | None
    arrival: Arrival | None  # past days and today; None for days to come and gaps
    changed: bool  # changed after the month was published


@dataclass(frozen=True)
class MonthGrid:
    center_id: int
    center_name: str
    month: date
    today: date
    days: tuple[GridDay, ...]
    rows: tuple[GridRow, ...]
    cells: dict[tuple[int, date], tuple[CellDuty, ...]]  # (row index, day)
    generated: bool
    provisional: bool
    published_at: datetime | None
    published_by: str | None

    def cell(self, row: int, day: date) -> tuple[CellDuty, ...]:
        return self.cells.get((row, day), ())

    def row_of(self, window_id: int | None, department_id: int | None) -> int | None:
        """The row a duty sits in (for a warning that names a window and a day)."""
        for index, row in enumerate(self.rows):
            if row.window_id == window_id and (window_id is not None
                                               or row.department_id == department_id):  # fmt: skip
                return index
        return None


@dataclass(frozen=True)
class EditRow:
    id: int
    step: int | None
    day: date
    kind: RotaEditKind
    window_name: str | None
    department_name: str | None
    from_name: str | None
    to_name: str | None
    asked_by: str | None
    approved_by: str | None
    at: datetime
    after_publishing: bool
    tasks_moved: int
    note: str | None


def day_shade(day: date, calendar: WorkCalendar) -> RotaDay:
    """Working day, make-up working day, weekend, or holiday (a named one on a weekend too)."""
    weekend = day.weekday() >= 5
    if calendar.is_workday(day):
        return RotaDay.MAKEUP if weekend else RotaDay.WORKDAY
    if not weekend or calendar.overrides.get(day) is False:
        return RotaDay.HOLIDAY
    try:
        named = chinese_calendar.get_holiday_detail(day)[1] is not None
    except NotImplementedError:  # a year the library does not know
        named = False
    return RotaDay.HOLIDAY if named else RotaDay.WEEKEND


def month_grid(
    *, session: Session, center_id: int, month: date, now: datetime | None = None
) -> MonthGrid:
    """The month's grid at `now` (default: the program's clock): arrivals up to today."""
    now = now or clock_for(session).now()
    today = to_local(now).date()
    days = month_days(month)
    calendar = load_calendar(session)
    record = session.get(RotaMonth, (center_id, days[0]))
    duties = session.execute(
        select(RotaDuty.id, RotaDuty.day, RotaDuty.window_id, RotaDuty.department_id,
               Department.name, Department.short_name, RotaDuty.staff_id, Staff.name)
        .join(Department, Department.id == RotaDuty.department_id)
        .outerjoin(Staff, Staff.id == RotaDuty.staff_id)
        .where(RotaDuty.center_id == center_id, RotaDuty.day >= days[0],
               RotaDuty.day <= days[-1])
        .order_by(RotaDuty.day, RotaDuty.department_id, RotaDuty.id)
    ).all()  # fmt: skip
    rows = _rows(session, center_id, duties)
    index = {(r.window_id, r.department_id if r.window_id is None else None): k
             for k, r in enumerate(rows)}  # fmt: skip
    changed = _changed(session, center_id, days)
    arrivals = _arrivals(session, center_id, days[0], min(days[-1], today), now)
    cells: dict[tuple[int, date], list[CellDuty]] = defaultdict(list)
    for duty_id, day, window, department, name, short, staff_id, staff_name in duties:
        row = index[(window, department if window is None else None)]
        cells[(row, day)].append(
            CellDuty(duty_id, department, name, short, staff_id, staff_name,
                     arrivals(day, staff_id), (day, window, department) in changed)
        )  # fmt: skip
    published_by = (
        session.get(User, record.published_by) if record and record.published_by else None
    )
    return MonthGrid(
        center_id,
        session.get(Center, center_id).name,
        days[0],
        today,
        tuple(GridDay(d, day_shade(d, calendar)) for d in days),
        tuple(rows),
        {key: tuple(value) for key, value in cells.items()},
        record is not None,
        bool(record and record.provisional),
        record.published_at if record else None,
        published_by.display_name if published_by else None,
    )


def _rows(session: Session, center_id: int, duties) -> list[GridRow]:
    """The center's windows served by a rule or holding a duty, by id; then windowless rows."""
    windows = {r.window_id for r in active_rules(session, center_id)
               if r.window_id is not None and r.mode != Stationing.ON_CALL}  # fmt: skip
    windows |= {d.window_id for d in duties if d.window_id is not None}
    names = dict(
        session.execute(select(Window.id, Window.name).where(Window.id.in_(windows))).all()
    ) if windows else {}  # fmt: skip
    rows = [GridRow(w, None, names[w]) for w in sorted(windows)]
    loose = sorted({(d.department_id, d.name) for d in duties if d.window_id is None})
    return rows + [GridRow(None, department, name) for department, name in loose]


def _changed(session: Session, center_id: int, days: list[date]) -> set:
    return {
        tuple(row)
        for row in session.execute(
            select(RotaEdit.day, RotaEdit.window_id, RotaEdit.department_id).where(
                RotaEdit.center_id == center_id, RotaEdit.day >= days[0],
                RotaEdit.day <= days[-1], RotaEdit.after_publishing.is_(True))
        )
    }  # fmt: skip


def _arrivals(session: Session, center_id: int, first: date, last: date, now: datetime):
    """A lookup (day, staff id) -> Arrival for the days up to today."""
    shifts = shifts_for(session, center_id)
    arrived = dict(
        ((staff_id, day), at)
        for staff_id, day, at in session.execute(
            select(CheckIn.staff_id, CheckIn.day, CheckIn.checked_in_at).where(
                CheckIn.center_id == center_id, CheckIn.day >= first, CheckIn.day <= last)
        )
    )  # fmt: skip

    def lookup(day: date, staff_id: int | None) -> Arrival | None:
        if staff_id is None or day > last:
            return None
        return arrival(day=day, shifts=shifts, checked_in_at=arrived.get((staff_id, day)),
                       now=now)  # fmt: skip

    return lookup


def month_edits(*, session: Session, center_id: int, month: date) -> list[EditRow]:
    """The month's recorded changes, oldest first."""
    days = month_days(month)
    before, after, asker = aliased(Staff), aliased(Staff), aliased(Staff)
    stmt = (
        select(RotaEdit, Window.name, Department.name, before.name, after.name, asker.name,
               User.display_name)
        .outerjoin(Window, Window.id == RotaEdit.window_id)
        .outerjoin(Department, Department.id == RotaEdit.department_id)
        .outerjoin(before, before.id == RotaEdit.from_staff_id)
        .outerjoin(after, after.id == RotaEdit.to_staff_id)
        .outerjoin(asker, asker.id == RotaEdit.asked_by)
        .outerjoin(User, User.id == RotaEdit.approved_by)
        .where(RotaEdit.center_id == center_id, RotaEdit.day >= days[0],
               RotaEdit.day <= days[-1])
        .order_by(RotaEdit.id)
    )  # fmt: skip
    return [
        EditRow(e.id, e.step, e.day, RotaEditKind(e.kind), window, department, old, new, asked,
                approved, e.at, e.after_publishing, e.tasks_moved, e.note)
        for e, window, department, old, new, asked, approved in session.execute(stmt)
    ]  # fmt: skip


def namesakes(session: Session) -> frozenset[int]:
    """Active staff who share their name with someone else of their department (two 王伟)."""
    shared = (
        select(Staff.name, Staff.department_id)
        .where(Staff.active.is_(True))
        .group_by(Staff.name, Staff.department_id)
        .having(func.count() > 1)
        .subquery()
    )
    return frozenset(
        session.scalars(
            select(Staff.id)
            .join(
                shared,
                (shared.c.name == Staff.name) & (shared.c.department_id == Staff.department_id),
            )
            .where(Staff.active.is_(True))
        )
    )
