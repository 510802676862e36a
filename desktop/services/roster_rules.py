"""Roster rules per center: who is stationed how, at which window, on which days; shift times.

A supervisor or an admin edits them; everyone may read them. The rules replace the old
global `Department.stationing` and `Staff.on_site` flags.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from desktop.db.models import (
    Center,
    Department,
    Jurisdiction,
    RosterRule,
    RosterRuleStaff,
    RosterSettings,
    Staff,
    Window,
)
from desktop.domain.enums import Role, RosterPattern, Stationing
from desktop.domain.principal import Principal
from desktop.domain.roster import Pattern, Shifts
from desktop.errors import GovDeskError

EDITORS = (Role.SUPERVISOR, Role.ADMIN)
MAX_DAYS_PER_MONTH = 23  # no month has more working days


@dataclass(frozen=True)
class RuleSpec:
    """What a supervisor enters for one department at one center."""

    department_id: int
    mode: Stationing
    pattern: RosterPattern = RosterPattern.EVERY_WORKDAY
    window_id: int | None = None
    weekdays: frozenset[int] = frozenset()
    anchor_day: date | None = None
    days_per_month: int | None = None
    agreed_days: int | None = None
    rotate: bool = False
    staff_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class RuleRow(RuleSpec):
    """A stored rule with the names a screen shows (names are data, not labels)."""

    id: int = 0
    center_id: int = 0
    department_name: str = ""
    window_name: str | None = None
    staff_names: tuple[str, ...] = ()


def require_editor(principal: Principal) -> None:
    if not principal.has(*EDITORS):
        raise GovDeskError("roster.forbidden")


def center_of(session: Session, principal: Principal, center_id: int) -> Center:
    """The center if it lies in the principal's jurisdiction (or below it)."""
    center = session.get(Center, center_id)
    if center is None or not _within(session, center.jurisdiction_id, principal.jurisdiction_id):
        raise GovDeskError("roster.no_center")
    return center


def _within(session: Session, place_id: int, root_id: int) -> bool:
    while place_id is not None:
        if place_id == root_id:
            return True
        place_id = session.scalar(select(Jurisdiction.parent_id).where(Jurisdiction.id == place_id))
    return False


def home_center_id(*, session: Session, principal: Principal) -> int | None:
    """The center of the principal's own jurisdiction (a county user: the county center)."""
    return session.scalar(
        select(Center.id).where(Center.jurisdiction_id == principal.jurisdiction_id)
    )


def shifts_for(session: Session, center_id: int) -> Shifts:
    row = session.get(RosterSettings, center_id)
    if row is None:
        return Shifts()
    return Shifts(row.am_start, row.am_end, row.pm_start, row.pm_end, row.grace_minutes)


def save_shifts(*, session: Session, principal: Principal, center_id: int, shifts: Shifts) -> None:
    """Store a center's shift times; refuses times out of order or a grace beyond 2 hours."""
    require_editor(principal)
    center_of(session, principal, center_id)
    if not shifts.valid():
        raise GovDeskError("roster.bad_shifts")
    row = session.get(RosterSettings, center_id) or RosterSettings(center_id=center_id)
    row.am_start, row.am_end = shifts.am_start, shifts.am_end
    row.pm_start, row.pm_end = shifts.pm_start, shifts.pm_end
    row.grace_minutes = shifts.grace_minutes
    session.add(row)
    session.flush()


def pattern_of(rule: RosterRule) -> Pattern:
    return Pattern(
        RosterPattern(rule.pattern),
        frozenset(int(c) for c in rule.weekdays or ""),
        rule.anchor_day,
        rule.days_per_month,
    )


def rule_staff(session: Session, rule_id: int) -> list[int]:
    return list(
        session.scalars(
            select(RosterRuleStaff.staff_id)
            .where(RosterRuleStaff.rule_id == rule_id)
            .order_by(RosterRuleStaff.position)
        )
    )


def save_rule(
    *,
    session: Session,
    principal: Principal,
    center_id: int,
    spec: RuleSpec,
    rule_id: int | None = None,
) -> int:
    """Create a rule (rule_id None) or replace one; returns its id. Validates every field."""
    require_editor(principal)
    center_of(session, principal, center_id)
    _validate(session, center_id, spec)
    if rule_id is None:
        rule = RosterRule(center_id=center_id)
        session.add(rule)
    else:
        rule = session.get(RosterRule, rule_id)
        if rule is None or rule.center_id != center_id or not rule.active:
            raise GovDeskError("roster.no_rule")
    rule.department_id, rule.window_id = spec.department_id, spec.window_id
    rule.mode, rule.pattern = str(spec.mode), str(spec.pattern)
    rule.weekdays = "".join(str(d) for d in sorted(spec.weekdays)) or None
    rule.anchor_day, rule.days_per_month = spec.anchor_day, spec.days_per_month
    rule.agreed_days, rule.rotate, rule.active = spec.agreed_days, spec.rotate, True
    session.flush()
    session.execute(delete(RosterRuleStaff).where(RosterRuleStaff.rule_id == rule.id))
    session.add_all(
        RosterRuleStaff(rule_id=rule.id, position=k, staff_id=s)
        for k, s in enumerate(spec.staff_ids)
    )
    session.flush()
    return rule.id


def remove_rule(*, session: Session, principal: Principal, rule_id: int) -> None:
    """Retire a rule; its generated duties stay (attendance history keeps them)."""
    require_editor(principal)
    rule = session.get(RosterRule, rule_id)
    if rule is None or not rule.active:
        raise GovDeskError("roster.no_rule")
    center_of(session, principal, rule.center_id)
    rule.active = False
    session.flush()


def _validate(session: Session, center_id: int, spec: RuleSpec) -> None:
    department = session.get(Department, spec.department_id)
    if department is None or not department.active:
        raise GovDeskError("field.required", field="department")
    if spec.window_id is not None:
        window = session.get(Window, spec.window_id)
        if window is None or window.center_id != center_id:
            raise GovDeskError("roster.bad_window")
    if spec.pattern in (RosterPattern.WEEKDAYS,) and not spec.weekdays:
        raise GovDeskError("roster.no_weekdays")
    if any(d not in range(1, 8) for d in spec.weekdays):
        raise GovDeskError("roster.no_weekdays")
    if spec.pattern == RosterPattern.MONTHLY_DAYS and not (
        spec.days_per_month and 1 <= spec.days_per_month <= MAX_DAYS_PER_MONTH
    ):
        raise GovDeskError(
            "roster.bad_days_per_month", value=spec.days_per_month or 0, max=MAX_DAYS_PER_MONTH
        )
    if spec.agreed_days is not None and not 0 <= spec.agreed_days <= MAX_DAYS_PER_MONTH:
        raise GovDeskError(
            "roster.bad_days_per_month", value=spec.agreed_days, max=MAX_DAYS_PER_MONTH
        )
    if len(set(spec.staff_ids)) != len(spec.staff_ids):
        raise GovDeskError("roster.duplicate_staff")
    for staff_id in spec.staff_ids:
        staff = session.get(Staff, staff_id)
        if staff is None or staff.department_id != spec.department_id or not staff.active:
            raise GovDeskError("roster.staff_not_in_department", staff_id=staff_id)


def active_rules(session: Session, center_id: int) -> list[RosterRule]:
    return list(
        session.scalars(
            select(RosterRule)
            .where(RosterRule.center_id == center_id, RosterRule.active.is_(True))
            .order_by(RosterRule.id)
        )
    )


def list_rules(*, session: Session, center_id: int) -> list[RuleRow]:
    """The center's active rules, department by department, with names for the screen."""
    rows = []
    for rule in active_rules(session, center_id):
        staff_ids = rule_staff(session, rule.id)
        names = _names(session, Staff, staff_ids)
        window = session.get(Window, rule.window_id) if rule.window_id else None
        pattern = pattern_of(rule)
        rows.append(
            RuleRow(
                department_id=rule.department_id,
                mode=Stationing(rule.mode),
                pattern=pattern.kind,
                window_id=rule.window_id,
                weekdays=pattern.weekdays,
                anchor_day=rule.anchor_day,
                days_per_month=rule.days_per_month,
                agreed_days=rule.agreed_days,
                rotate=rule.rotate,
                staff_ids=tuple(staff_ids),
                id=rule.id,
                center_id=center_id,
                department_name=session.get(Department, rule.department_id).name,
                window_name=window.name if window else None,
                staff_names=tuple(names[s] for s in staff_ids),
            )
        )
    return sorted(rows, key=lambda r: (_MODE_ORDER[r.mode], r.department_id, r.id))


_MODE_ORDER = {Stationing.PERMANENT: 0, Stationing.ROTATING: 1, Stationing.ON_CALL: 2}


def _names(session: Session, model, ids: Sequence[int]) -> dict[int, str]:
    if not ids:
        return {}
    return dict(session.execute(select(model.id, model.name).where(model.id.in_(ids))).all())
