"""今日在岗: who is due at which window, who has checked in, who is late, absent or on call,
and the dispatch order built from it.

Everything is derived at read time from the rota, the center's shift times and the
check-ins; nothing here writes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.clock import to_local
from desktop.db.models import CheckIn, Department, RosterRule, RotaDuty, Staff, Window
from desktop.domain.enums import Arrival, Presence, Stationing
from desktop.domain.roster import arrival
from desktop.services.meta import clock_for
from desktop.services.roster_rules import active_rules, rule_staff, shifts_for

_PRESENCE_ORDER = {Presence.ON_SITE: 0, Presence.ON_CALL: 1, Presence.DUE: 2, Presence.AWAY: 3}


@dataclass(frozen=True)
class Contact:
    staff_id: int
    name: str
    phone: str | None


@dataclass(frozen=True)
class DutyToday:
    """One rostered person (or a gap: staff_id None) at a window today."""

    department_id: int
    department_name: str
    window_id: int | None
    window_name: str | None
    staff_id: int | None
    staff_name: str | None
    arrival: Arrival | None  # None for a gap
    checked_in_at: datetime | None
    checked_out_at: datetime | None

    @property
    def here(self) -> bool:
        return self.checked_in_at is not None and self.checked_out_at is None


@dataclass(frozen=True)
class DispatchCandidate:
    """A department as the 派单 dialog offers it, most reachable first.

    `staff_id`/`staff_name` is the person to hand the case to: the one checked in now
    (ON_SITE), the first on-call contact (ON_CALL) or the one due today (DUE); None for AWAY.
    """

    department_id: int
    department_name: str
    short_name: str
    presence: Presence
    mode: Stationing | None  # how it is stationed at this center; None: no rule here
    window_id: int | None
    window_name: str | None
    staff_id: int | None
    staff_name: str | None
    checked_in_at: datetime | None
    on_call: tuple[Contact, ...]


@dataclass(frozen=True)
class TodayBoard:
    day: date
    now: datetime
    duties: tuple[DutyToday, ...]  # by window, then department
    extra: tuple[DutyToday, ...]  # checked in here today without a duty
    on_call: tuple[tuple[str, tuple[Contact, ...]], ...]  # (department name, contacts)
    candidates: tuple[DispatchCandidate, ...]


def today_board(*, session: Session, center_id: int, at: datetime | None = None) -> TodayBoard:
    """The center's day at `at` (default: the program's clock)."""
    at = at or clock_for(session).now()
    day = to_local(at).date()
    shifts = shifts_for(session, center_id)
    visits = _check_ins(session, center_id, day)
    duties, rostered = [], set()
    for row in session.execute(
        select(
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
        .where(RotaDuty.center_id == center_id, RotaDuty.day == day)
        .order_by(RotaDuty.window_id, RotaDuty.department_id, RotaDuty.id)
    ):
        department_id, department, window_id, window, staff_id, name = row
        visit = visits.get(staff_id)
        rostered.add(staff_id)
        duties.append(
            DutyToday(
                department_id,
                department,
                window_id,
                window,
                staff_id,
                name,
                None
                if staff_id is None
                else arrival(
                    day=day, shifts=shifts, checked_in_at=visit and visit.checked_in_at, now=at
                ),
                visit and visit.checked_in_at,
                visit and visit.checked_out_at,
            )
        )
    extra = [_extra(session, visit) for sid, visit in visits.items() if sid not in rostered]
    return TodayBoard(
        day,
        at,
        tuple(duties),
        tuple(extra),
        tuple(_on_call(session, center_id)),
        tuple(dispatch_candidates(session=session, center_id=center_id, at=at)),
    )


def _check_ins(session: Session, center_id: int, day: date) -> dict[int, CheckIn]:
    return {
        row.staff_id: row
        for row in session.scalars(
            select(CheckIn).where(CheckIn.center_id == center_id, CheckIn.day == day)
        )
    }


def _extra(session: Session, visit: CheckIn) -> DutyToday:
    staff = session.get(Staff, visit.staff_id)
    department = session.get(Department, staff.department_id) if staff.department_id else None
    return DutyToday(
        staff.department_id or 0,
        department.name if department else "",
        None,
        None,
        staff.id,
        staff.name,
        None,
        visit.checked_in_at,
        visit.checked_out_at,
    )


def _on_call(session: Session, center_id: int) -> list[tuple[str, tuple[Contact, ...]]]:
    rows = []
    for rule in active_rules(session, center_id):
        if rule.mode == Stationing.ON_CALL:
            department = session.get(Department, rule.department_id)
            rows.append((department.name, _contacts(session, rule_staff(session, rule.id))))
    return rows


def _contacts(session: Session, staff_ids: list[int]) -> tuple[Contact, ...]:
    people = {s.id: s for s in session.scalars(select(Staff).where(Staff.id.in_(staff_ids)))}
    return tuple(Contact(i, people[i].name, people[i].phone) for i in staff_ids if i in people)


def dispatch_candidates(
    *,
    session: Session,
    center_id: int,
    at: datetime | None = None,
    department_ids: Iterable[int] | None = None,
) -> list[DispatchCandidate]:
    """Departments in dispatch order for a case of `center_id` at `at` (default: now).

    ON_SITE first (someone of the department checked in at this center and not out: the
    window and the person), then ON_CALL (an on-call rule here, with its contacts), then
    DUE (rostered today but not in), then AWAY; ties by department id. `department_ids`
    restricts the answer to those departments (each still ranked); default: every active
    department. Read-only; call it inside the caller's transaction. A case's center is
    `Case.center_id`; `roster_rules.home_center_id` gives a user's own center.
    """
    at = at or clock_for(session).now()
    day = to_local(at).date()
    stmt = select(Department).where(Department.active.is_(True))
    if department_ids is not None:
        stmt = stmt.where(Department.id.in_(list(department_ids)))
    departments = list(session.scalars(stmt.order_by(Department.id)))
    here = _here_now(session, center_id, day, at)
    due = _due_today(session, center_id, day)
    rules = {(r.department_id, r.mode): r for r in reversed(active_rules(session, center_id))}
    windows = dict(
        session.execute(select(Window.id, Window.name).where(Window.center_id == center_id)).all()
    )
    out = []
    for d in departments:
        contacts = ()
        on_call_rule = rules.get((d.id, str(Stationing.ON_CALL)))
        if on_call_rule is not None:
            contacts = _contacts(session, rule_staff(session, on_call_rule.id))
        window_id = staff_id = staff_name = checked_in = None
        if here.get(d.id):
            presence = Presence.ON_SITE
            staff_id, staff_name, checked_in, window_id = here[d.id][0]
        elif on_call_rule is not None:
            presence = Presence.ON_CALL
            if contacts:
                staff_id, staff_name = contacts[0].staff_id, contacts[0].name
        elif due.get(d.id):
            presence = Presence.DUE
            staff_id, staff_name, window_id = due[d.id][0]
        else:
            presence = Presence.AWAY
        if window_id is None:
            stationed = rules.get((d.id, str(Stationing.PERMANENT))) or rules.get(
                (d.id, str(Stationing.ROTATING))
            )
            if stationed is not None and presence != Presence.AWAY:
                window_id = stationed.window_id
        modes = [m for m in Stationing if (d.id, str(m)) in rules]
        out.append(
            DispatchCandidate(
                d.id,
                d.name,
                d.short_name,
                presence,
                modes[0] if modes else None,
                window_id,
                windows.get(window_id),
                staff_id,
                staff_name,
                checked_in,
                contacts,
            )
        )
    return sorted(out, key=lambda c: (_PRESENCE_ORDER[c.presence], c.department_id))


def _here_now(session, center_id, day, at) -> dict[int, list]:
    """Department -> [(staff id, name, checked in at, window id)] of people in now."""
    duty_window = dict(
        session.execute(
            select(RotaDuty.staff_id, RotaDuty.window_id).where(
                RotaDuty.center_id == center_id, RotaDuty.day == day, RotaDuty.staff_id.is_not(None)
            )
        ).all()
    )
    found: dict[int, list] = defaultdict(list)
    for visit, staff in session.execute(
        select(CheckIn, Staff)
        .join(Staff, Staff.id == CheckIn.staff_id)
        .where(CheckIn.center_id == center_id, CheckIn.day == day, CheckIn.checked_in_at <= at)
        .order_by(CheckIn.checked_in_at, CheckIn.id)
    ):
        if staff.department_id is not None and (
            visit.checked_out_at is None or visit.checked_out_at > at
        ):
            found[staff.department_id].append(
                (staff.id, staff.name, visit.checked_in_at, duty_window.get(staff.id))
            )
    return found


def _due_today(session, center_id, day) -> dict[int, list]:
    """Department -> [(staff id, name, window id)] rostered today."""
    found: dict[int, list] = defaultdict(list)
    for department_id, staff_id, name, window_id in session.execute(
        select(RotaDuty.department_id, RotaDuty.staff_id, Staff.name, RotaDuty.window_id)
        .join(Staff, Staff.id == RotaDuty.staff_id)
        .where(RotaDuty.center_id == center_id, RotaDuty.day == day)
        .order_by(RotaDuty.id)
    ):
        found[department_id].append((staff_id, name, window_id))
    return found


def default_assignee(
    *, session: Session, center_id: int, department_id: int, at: datetime
) -> int | None:
    """The natural assignee of a dispatch: the department's candidate person, else the first
    person of its stationed rule at the center (so a dispatch names someone before any rota
    exists), else None."""
    found = dispatch_candidates(
        session=session, center_id=center_id, at=at, department_ids=[department_id]
    )
    if found and found[0].staff_id is not None:
        return found[0].staff_id
    rule_ids = select(RosterRule.id).where(
        RosterRule.center_id == center_id,
        RosterRule.department_id == department_id,
        RosterRule.active.is_(True),
        RosterRule.mode != Stationing.ON_CALL,
    )
    for rule_id in session.scalars(rule_ids.order_by(RosterRule.id)):
        staff = rule_staff(session, rule_id)
        if staff:
            return staff[0]
    return None
