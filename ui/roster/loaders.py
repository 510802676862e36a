"""The 排班 page's database work: plain functions run on the database worker only.

Each opens its own transaction and returns frozen dataclasses (never ORM objects).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from desktop.domain.principal import Principal

PIN = re.compile(r"\d{4,6}")  # account passwords have 8+ characters, so this is a PIN


@dataclass(frozen=True)
class StaffChoice:
    staff_id: int
    name: str
    department: str


@dataclass(frozen=True)
class Today:
    center_id: int | None
    center_name: str
    board: object | None  # desktop.services.roster_today.TodayBoard
    staff: tuple[StaffChoice, ...]


@dataclass(frozen=True)
class Month:
    month: date
    grid: object  # roster_grid.MonthGrid
    warnings: object  # roster_rota.RotaWarnings
    attendance: tuple  # roster_attendance.Attendance
    edits: tuple  # roster_grid.EditRow
    staff: dict  # department id -> ((staff id, name), ...), active staff
    departments: tuple  # (department id, name) of the center's stationed rules


@dataclass(frozen=True)
class ChangeSpec:
    """What the duty dialog asks for (see ui/roster/duty_dialog.py for the kinds)."""

    kind: str
    center_id: int
    day: date
    duty_id: int | None = None
    staff_id: int | None = None
    other_duty_id: int | None = None
    department_id: int | None = None
    window_id: int | None = None
    last: date | None = None
    colleague_id: int | None = None
    move_tasks: bool = False
    note: str | None = None


@dataclass(frozen=True)
class Rules:
    rules: tuple  # roster_rules.RuleRow
    shifts: object  # desktop.domain.roster.Shifts


def load_today(session, principal: Principal) -> Today:
    from sqlalchemy import select

    from desktop.db.models import Center, Department, RosterRule, RosterRuleStaff, Staff
    from desktop.services.roster import home_center_id
    from desktop.services.roster_today import today_board

    with session.begin():
        center_id = home_center_id(session=session, principal=principal)
        if center_id is None:
            return Today(None, "", None, ())
        board = today_board(session=session, center_id=center_id)
        people = {}
        for duty in (*board.duties, *board.extra):
            if duty.staff_id is not None:
                people[duty.staff_id] = StaffChoice(duty.staff_id, duty.staff_name,
                                                    duty.department_name)  # fmt: skip
        listed = session.execute(
            select(Staff.id, Staff.name, Department.name)
            .join(RosterRuleStaff, RosterRuleStaff.staff_id == Staff.id)
            .join(RosterRule, RosterRule.id == RosterRuleStaff.rule_id)
            .join(Department, Department.id == Staff.department_id)
            .where(RosterRule.center_id == center_id, RosterRule.active.is_(True),
                   Staff.active.is_(True))
            .order_by(Department.id, Staff.id)
        ).all()  # fmt: skip
        for staff_id, name, department in listed:
            people.setdefault(staff_id, StaffChoice(staff_id, name, department))
        return Today(center_id, session.get(Center, center_id).name, board,
                     tuple(people.values()))  # fmt: skip


def load_month(session, center_id: int, month: date) -> Month:
    from sqlalchemy import select

    from desktop.db.models import Department, RosterRule, Staff
    from desktop.domain.roster import month_days
    from desktop.services.roster import attendance_summary
    from desktop.services.roster_grid import month_edits, month_grid
    from desktop.services.roster_rota import rota_warnings

    with session.begin():
        days = month_days(month)
        end = days[-1].toordinal() + 1
        staff: dict[int, list[tuple[int, str]]] = {}
        for staff_id, name, department_id in session.execute(
            select(Staff.id, Staff.name, Staff.department_id)
            .where(Staff.active.is_(True), Staff.department_id.is_not(None))
            .order_by(Staff.id)
        ):
            staff.setdefault(department_id, []).append((staff_id, name))
        departments = session.execute(
            select(Department.id, Department.name).where(Department.id.in_(
                select(RosterRule.department_id).where(RosterRule.center_id == center_id,
                                                       RosterRule.active.is_(True))))
            .order_by(Department.id)).all()  # fmt: skip
        return Month(
            days[0],
            month_grid(session=session, center_id=center_id, month=month),
            rota_warnings(session=session, center_id=center_id, month=month),
            tuple(attendance_summary(session=session, center_id=center_id, start=days[0],
                                     end=date.fromordinal(end))),
            tuple(month_edits(session=session, center_id=center_id, month=month)),
            {d: tuple(p) for d, p in staff.items()},
            tuple(map(tuple, departments)),
        )  # fmt: skip


def record_change(session, principal: Principal, spec: ChangeSpec) -> object:
    """One change from the duty dialog, through the roster_edits service; commits."""
    from desktop.services import roster_edits as edits

    common = {"session": session, "principal": principal, "note": spec.note}
    with session.begin():
        if spec.kind == "edit":
            return edits.set_duty(duty_id=spec.duty_id, staff_id=spec.staff_id, **common)
        if spec.kind == "add":
            return edits.add_duty(center_id=spec.center_id, day=spec.day,
                                  window_id=spec.window_id, department_id=spec.department_id,
                                  staff_id=spec.staff_id, **common)  # fmt: skip
        if spec.kind == "swap":
            return edits.swap(duty_id=spec.duty_id, other_duty_id=spec.other_duty_id, **common)
        if spec.kind == "leave":
            return edits.leave(center_id=spec.center_id, staff_id=spec.staff_id, first=spec.day,
                               last=spec.last, **common)  # fmt: skip
        return edits.cover(center_id=spec.center_id, staff_id=spec.staff_id,
                           colleague_id=spec.colleague_id, first=spec.day, last=spec.last,
                           move_tasks=spec.move_tasks, **common)  # fmt: skip


def publish(session, principal: Principal, center_id: int, month: date) -> object:
    from desktop.services.roster_edits import publish_month

    with session.begin():
        return publish_month(session=session, principal=principal, center_id=center_id,
                             month=month)  # fmt: skip


def export_rota(session, center_id: int, month: date, path) -> object:
    """The printable 排班表 of the month (reports/rota_sheet.py); read-only."""
    from desktop.db.models import Center
    from reports.run import rota_file

    with session.begin():
        return rota_file(session=session, center=session.get(Center, center_id), month=month,
                         path=path)  # fmt: skip


def load_rules(session, center_id: int) -> Rules:
    from desktop.services.roster_rules import list_rules, shifts_for

    with session.begin():
        return Rules(tuple(list_rules(session=session, center_id=center_id)),
                     shifts_for(session, center_id))  # fmt: skip


def record_visit(
    session, principal: Principal, center_id: int, staff_id: int, secret: str, leaving: bool
) -> object:
    """Check in (or out) with a password or, for 4–6 digits, a PIN; commits."""
    from desktop.services.roster_checkin import check_in, check_out

    action = check_out if leaving else check_in
    kind = "pin" if PIN.fullmatch(secret) else "password"
    with session.begin():
        return action(session=session, principal=principal, center_id=center_id,
                      staff_id=staff_id, **{kind: secret})  # fmt: skip


def generate(session, principal: Principal, center_id: int, month: date) -> object:
    from desktop.services.roster_rota import generate_month

    with session.begin():
        return generate_month(session=session, principal=principal, center_id=center_id,
                              month=month)  # fmt: skip


def clock_now(session) -> datetime:
    from desktop.services.meta import clock_for

    with session.begin():
        return clock_for(session).now()


@dataclass(frozen=True)
class RuleChoices:
    """What the rule editor offers: departments, the center's windows, staff by department."""

    departments: tuple[tuple[int, str], ...]
    windows: tuple[tuple[int, str], ...]
    staff: dict[int, tuple[tuple[int, str], ...]]


def load_rule_choices(session, center_id: int) -> RuleChoices:
    from sqlalchemy import select

    from desktop.db.models import Department, Staff, Window

    with session.begin():
        departments = session.execute(select(Department.id, Department.name).where(
            Department.active.is_(True)).order_by(Department.id)).all()  # fmt: skip
        windows = session.execute(select(Window.id, Window.name).where(
            Window.center_id == center_id).order_by(Window.id)).all()  # fmt: skip
        staff: dict[int, list[tuple[int, str]]] = {}
        for staff_id, name, department_id in session.execute(
            select(Staff.id, Staff.name, Staff.department_id)
            .where(Staff.active.is_(True), Staff.department_id.is_not(None))
            .order_by(Staff.id)
        ):
            staff.setdefault(department_id, []).append((staff_id, name))
        return RuleChoices(tuple(map(tuple, departments)), tuple(map(tuple, windows)),
                           {d: tuple(p) for d, p in staff.items()})  # fmt: skip


def save_rule(session, principal: Principal, center_id: int, spec, rule_id: int | None) -> int:
    from desktop.services.roster_rules import save_rule as save

    with session.begin():
        return save(session=session, principal=principal, center_id=center_id, spec=spec,
                    rule_id=rule_id)  # fmt: skip


def remove_rule(session, principal: Principal, rule_id: int) -> None:
    from desktop.services.roster_rules import remove_rule as remove

    with session.begin():
        remove(session=session, principal=principal, rule_id=rule_id)


def save_shifts(session, principal: Principal, center_id: int, shifts) -> None:
    from desktop.services.roster_rules import save_shifts as save

    with session.begin():
        save(session=session, principal=principal, center_id=center_id, shifts=shifts)


def set_pin(session, principal: Principal, staff_id: int, pin: str) -> None:
    from desktop.services.roster_checkin import set_pin as store

    with session.begin():
        store(session=session, principal=principal, staff_id=staff_id, pin=pin)


def plan_rota_file(session, principal: Principal, center_id: int, path) -> tuple:
    """(the sheet's cells, the changes they would make); RosterImportRefused names each
    problem by sheet, row and column."""
    from desktop.services.roster_import import plan_import
    from reports.rota_reader import read_rota

    sheet = read_rota(path)
    with session.begin():
        return sheet, plan_import(session=session, principal=principal, center_id=center_id,
                                  sheet=sheet)  # fmt: skip


def apply_rota_import(session, principal: Principal, center_id: int, sheet) -> int:
    """Plan again inside the writing transaction (the rota may have moved), then apply."""
    from desktop.services.roster_import import apply_import, plan_import

    with session.begin():
        plan = plan_import(session=session, principal=principal, center_id=center_id,
                           sheet=sheet)  # fmt: skip
        return apply_import(session=session, principal=principal, plan=plan)
