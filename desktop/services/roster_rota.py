"""The month's rota: generated from the rules on the working-day calendar, and its warnings.

A month in a year the calendar does not know is generated Monday–Friday and marked
provisional; when that year's days are entered later, `flag_calendar_changes` marks the
days that moved for the supervisor and changes nothing else. Regenerating a month replaces
only the days from today on (the past is attendance history) and clears its flags.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from desktop.clock import to_local
from desktop.db.models import (
    Department,
    RotaDuty,
    RotaFlag,
    RotaMonth,
    Staff,
    Window,
)
from desktop.db.notify import notify_roster_changed
from desktop.domain.enums import RotaChange, Stationing
from desktop.domain.principal import Principal
from desktop.domain.roster import assign_staff, month_days, month_workdays
from desktop.services.deadlines import load_calendar
from desktop.services.meta import clock_for
from desktop.services.roster_edits import require_unpublished
from desktop.services.roster_rules import (
    active_rules,
    center_of,
    pattern_of,
    require_editor,
    rule_staff,
)


@dataclass(frozen=True)
class RotaResult:
    month: date
    duties: int  # duties written
    from_day: date  # the first day rewritten
    provisional: bool


@dataclass(frozen=True)
class DutyRow:
    day: date
    department_id: int
    department_name: str
    window_id: int | None
    window_name: str | None
    staff_id: int | None
    staff_name: str | None


@dataclass(frozen=True)
class Gap:
    day: date
    window_id: int
    window_name: str


@dataclass(frozen=True)
class DoubleBooking:
    day: date
    staff_id: int
    staff_name: str
    places: int  # how many (center, window) places the person is due at


@dataclass(frozen=True)
class Shortfall:
    department_id: int
    department_name: str
    agreed: int
    rostered: int


@dataclass(frozen=True)
class RotaWarnings:
    provisional: bool
    generated: bool
    gaps: tuple[Gap, ...]
    double_bookings: tuple[DoubleBooking, ...]
    shortfalls: tuple[Shortfall, ...]
    flags: tuple[tuple[date, RotaChange], ...]


def generate_month(
    *,
    session: Session,
    principal: Principal,
    center_id: int,
    month: date,
    now: datetime | None = None,
) -> RotaResult:
    """Write the rota of `month` (any day in it) from the center's active rules."""
    require_editor(principal)
    center_of(session, principal, center_id)
    require_unpublished(session, center_id, month)
    now = now or clock_for(session).now()
    first = month.replace(day=1)
    days = month_days(first)
    record = session.get(RotaMonth, (center_id, first))
    from_day = first if record is None else max(first, to_local(now).date())
    calendar = load_calendar(session)
    workdays, provisional = month_workdays(first, calendar)
    session.execute(
        delete(RotaDuty).where(
            RotaDuty.center_id == center_id, RotaDuty.day >= from_day, RotaDuty.day <= days[-1]
        )
    )
    session.execute(
        delete(RotaFlag).where(
            RotaFlag.center_id == center_id, RotaFlag.day >= first, RotaFlag.day <= days[-1]
        )
    )
    duties = []
    for rule in active_rules(session, center_id):
        if rule.mode == Stationing.ON_CALL:
            continue  # on call: reachable by phone, never rostered at a window
        due = pattern_of(rule).due_days(workdays)
        for day, staff_id in assign_staff(due, rule_staff(session, rule.id), rotate=rule.rotate):
            if day >= from_day:
                duties.append(
                    RotaDuty(
                        center_id=center_id,
                        day=day,
                        staff_id=staff_id,
                        department_id=rule.department_id,
                        window_id=rule.window_id,
                        rule_id=rule.id,
                    )
                )
    session.add_all(duties)
    if record is None:
        record = RotaMonth(center_id=center_id, month=first)
        session.add(record)
    record.provisional, record.generated_at = provisional, now
    record.generated_by = principal.user_id
    session.flush()
    notify_roster_changed(session)
    return RotaResult(first, len(duties), from_day, provisional)


def month_rota(*, session: Session, center_id: int, month: date) -> list[DutyRow]:
    """The duties of the month, by day, window and department."""
    days = month_days(month)
    stmt = (
        select(
            RotaDuty.day,
            RotaDuty.department_id,
            Department.name,
            RotaDuty.window_id,
            Window.name,
            RotaDuty.staff_id,
            Staff.name,
        )
        .join(Department, Department.id == RotaDuty.department_id)
        .outerjoin(Window, Window.id == RotaDuty.window_id)
        .outerjoin(Staff, Staff.id == RotaDuty.staff_id)
        .where(RotaDuty.center_id == center_id, RotaDuty.day >= days[0], RotaDuty.day <= days[-1])
        .order_by(RotaDuty.day, RotaDuty.window_id, RotaDuty.department_id, RotaDuty.id)
    )
    return [DutyRow(*row) for row in session.execute(stmt)]


def rota_warnings(*, session: Session, center_id: int, month: date) -> RotaWarnings:
    """Gaps, double bookings, departments below their agreed days, and calendar flags."""
    first = month.replace(day=1)
    days = month_days(first)
    record = session.get(RotaMonth, (center_id, first))
    in_month = (RotaDuty.day >= days[0], RotaDuty.day <= days[-1])
    duties = session.execute(
        select(RotaDuty.day, RotaDuty.window_id, RotaDuty.staff_id, RotaDuty.department_id).where(
            RotaDuty.center_id == center_id, *in_month
        )
    ).all()
    return RotaWarnings(
        provisional=bool(record and record.provisional),
        generated=record is not None,
        gaps=tuple(_gaps(session, center_id, first, duties)) if record else (),
        double_bookings=tuple(_double_bookings(session, center_id, days)),
        shortfalls=tuple(_shortfalls(session, center_id, duties)),
        flags=tuple(
            (d, RotaChange(c))
            for d, c in session.execute(
                select(RotaFlag.day, RotaFlag.change)
                .where(
                    RotaFlag.center_id == center_id,
                    RotaFlag.day >= days[0],
                    RotaFlag.day <= days[-1],
                )
                .order_by(RotaFlag.day)
            )
        ),
    )


def _gaps(session, center_id, first, duties) -> list[Gap]:
    """A window some active rule serves, with nobody named on a working day of the month."""
    windows = {
        r.window_id
        for r in active_rules(session, center_id)
        if r.window_id is not None and r.mode != Stationing.ON_CALL
    }
    if not windows:
        return []
    staffed = {(day, window) for day, window, staff, _ in duties if staff is not None}
    names = dict(
        session.execute(select(Window.id, Window.name).where(Window.id.in_(windows))).all()
    )
    workdays, _ = month_workdays(first, load_calendar(session))
    return [
        Gap(day, w, names[w])
        for day in workdays
        for w in sorted(windows)
        if (day, w) not in staffed
    ]


def _double_bookings(session, center_id, days) -> list[DoubleBooking]:
    """People of this center's rota due at two places (windows or centers) on one day."""
    mine = select(RotaDuty.staff_id).where(
        RotaDuty.center_id == center_id,
        RotaDuty.staff_id.is_not(None),
        RotaDuty.day >= days[0],
        RotaDuty.day <= days[-1],
    )
    places: dict[tuple[date, int], set] = defaultdict(set)
    for day, staff_id, center, window in session.execute(
        select(RotaDuty.day, RotaDuty.staff_id, RotaDuty.center_id, RotaDuty.window_id).where(
            RotaDuty.staff_id.in_(mine), RotaDuty.day >= days[0], RotaDuty.day <= days[-1]
        )
    ):
        places[(day, staff_id)].add((center, window))
    doubled = {key: len(v) for key, v in places.items() if len(v) > 1}
    if not doubled:
        return []
    names = dict(
        session.execute(
            select(Staff.id, Staff.name).where(Staff.id.in_({s for _, s in doubled}))
        ).all()
    )
    return [DoubleBooking(day, s, names[s], n) for (day, s), n in sorted(doubled.items())]


def _shortfalls(session, center_id, duties) -> list[Shortfall]:
    """Departments whose rostered days in the month fall below the days agreed in a rule."""
    agreed: dict[int, int] = defaultdict(int)
    for rule in active_rules(session, center_id):
        if rule.agreed_days:
            agreed[rule.department_id] += rule.agreed_days
    if not agreed:
        return []
    rostered: dict[int, set] = defaultdict(set)
    for day, _, staff, department in duties:
        if staff is not None:
            rostered[department].add(day)
    names = dict(
        session.execute(
            select(Department.id, Department.name).where(Department.id.in_(agreed))
        ).all()
    )
    return [
        Shortfall(d, names[d], n, len(rostered[d]))
        for d, n in sorted(agreed.items())
        if len(rostered[d]) < n
    ]


def flag_calendar_changes(*, session: Session, now: datetime) -> int:
    """Flag generated days the calendar now disagrees with; returns how many were new.

    A provisional month was generated Monday–Friday: a weekday that is now a holiday, or a
    weekend day that is now a make-up working day, is flagged. In any month, a day that
    holds duties but is now a holiday is flagged too. The rota itself is not changed.
    """
    calendar = load_calendar(session)
    found: dict[tuple[int, date], RotaChange] = {}
    for record in session.scalars(select(RotaMonth)):
        if record.provisional and calendar.is_known_year(record.month.year):
            for day in month_days(record.month):
                guessed, actual = day.weekday() < 5, calendar.is_workday(day)
                if guessed != actual:
                    found[(record.center_id, day)] = (
                        RotaChange.NOW_WORKDAY if actual else RotaChange.NOW_HOLIDAY
                    )
    for center_id, day in session.execute(
        select(RotaDuty.center_id, RotaDuty.day).group_by(RotaDuty.center_id, RotaDuty.day)
    ):
        if not calendar.is_workday(day):
            found[(center_id, day)] = RotaChange.NOW_HOLIDAY
    known = {(c, d) for c, d in session.execute(select(RotaFlag.center_id, RotaFlag.day))}
    new = [
        RotaFlag(center_id=c, day=d, change=str(change), flagged_at=now)
        for (c, d), change in sorted(found.items())
        if (c, d) not in known
    ]
    session.add_all(new)
    session.flush()
    return len(new)


def flagged_count(*, session: Session, center_id: int) -> int:
    return (
        session.scalar(
            select(func.count()).select_from(RotaFlag).where(RotaFlag.center_id == center_id)
        )
        or 0
    )
