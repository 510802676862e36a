"""The departments a 派单 dialog offers, the ones with someone on site now first.

Until the roster's `dispatch_candidates` service exists, "on site" is the core's default:
departments stationed permanently (常驻) come first, and each department's on-site staff
member (`Staff.on_site`) is the preselected assignee. `_on_site_now` is the one place to
swap for the roster's answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.db.models import Department, Staff
from desktop.domain.enums import Stationing
from desktop.domain.principal import Principal
from desktop.services.dispatch import _on_site_staff


@dataclass(frozen=True)
class StaffChoice:
    id: int
    name: str


@dataclass(frozen=True)
class DepartmentChoice:
    id: int
    name: str
    stationing: str  # Stationing
    on_site: bool  # someone of the department is at the center now
    window: str | None  # where, when the roster knows
    person: str | None  # who, when known
    default_assignee_id: int | None
    staff: tuple[StaffChoice, ...]


@dataclass(frozen=True)
class OnSite:
    window: str | None
    staff_id: int | None


def dispatch_choices(
    *, session: Session, principal: Principal, now: datetime | None = None
) -> tuple[DepartmentChoice, ...]:
    """Active departments: those on site now first, then by stationing and name."""
    departments = session.scalars(
        select(Department).where(Department.active.is_(True)).order_by(Department.code)
    ).all()
    staff_rows = session.execute(
        select(Staff.id, Staff.name, Staff.department_id)
        .where(Staff.active.is_(True), Staff.department_id.is_not(None))
        .order_by(Staff.id)
    ).all()
    staff: dict[int, list[StaffChoice]] = {}
    for staff_id, name, department_id in staff_rows:
        staff.setdefault(department_id, []).append(StaffChoice(staff_id, name))
    names = {s.id: s.name for members in staff.values() for s in members}
    choices = []
    for department in departments:
        here = _on_site_now(session, department, now)
        choices.append(
            DepartmentChoice(
                id=department.id,
                name=department.name,
                stationing=department.stationing,
                on_site=here is not None,
                window=here.window if here else None,
                person=names.get(here.staff_id) if here and here.staff_id else None,
                default_assignee_id=(
                    here.staff_id
                    if here and here.staff_id
                    else _on_site_staff(session, department.id)
                ),
                staff=tuple(staff.get(department.id, ())),
            )
        )
    order = {Stationing.PERMANENT: 0, Stationing.ROTATING: 1, Stationing.ON_CALL: 2}
    return tuple(sorted(choices, key=lambda c: (not c.on_site, order.get(c.stationing, 3))))


def _on_site_now(session: Session, department: Department, now: datetime | None) -> OnSite | None:
    """Who of the department is at the center now; the default until the roster says so."""
    if department.stationing != Stationing.PERMANENT:
        return None
    return OnSite(window=None, staff_id=_on_site_staff(session, department.id))
