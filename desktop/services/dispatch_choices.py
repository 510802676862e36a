"""The departments a 派单 dialog offers, the ones with someone on site now first.

The order and the preselected people come from the roster (desktop.services.roster
`dispatch_candidates`): on site now, then on call, then due today, then the rest.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.db.models import Staff
from desktop.domain.enums import Presence
from desktop.domain.principal import Principal
from desktop.services.meta import clock_for
from desktop.services.roster import default_assignee, dispatch_candidates, home_center_id


@dataclass(frozen=True)
class StaffChoice:
    id: int
    name: str


@dataclass(frozen=True)
class DepartmentChoice:
    id: int
    name: str
    stationing: str  # Stationing at this center ("" when it has no rule here)
    on_site: bool  # someone of the department is at the center now
    window: str | None  # where, when the roster knows
    person: str | None  # who, when known
    default_assignee_id: int | None
    staff: tuple[StaffChoice, ...]


def dispatch_choices(
    *,
    session: Session,
    principal: Principal,
    now: datetime | None = None,
    center_id: int | None = None,
) -> tuple[DepartmentChoice, ...]:
    """Active departments in the roster's dispatch order at `center_id` (default: the
    principal's own center; pass the case's `center_id` when there is a case)."""
    now = now or clock_for(session).now()
    if center_id is None:
        center_id = home_center_id(session=session, principal=principal)
    staff_rows = session.execute(
        select(Staff.id, Staff.name, Staff.department_id)
        .where(Staff.active.is_(True), Staff.department_id.is_not(None))
        .order_by(Staff.id)
    ).all()
    staff: dict[int, list[StaffChoice]] = {}
    for staff_id, name, department_id in staff_rows:
        staff.setdefault(department_id, []).append(StaffChoice(staff_id, name))
    if center_id is None:  # no center of one's own: nobody can be on site
        candidates = dispatch_candidates(session=session, center_id=0, at=now)
    else:
        candidates = dispatch_candidates(session=session, center_id=center_id, at=now)
    choices = []
    for c in candidates:
        assignee = c.staff_id or default_assignee(
            session=session, center_id=center_id or 0, department_id=c.department_id, at=now
        )
        choices.append(
            DepartmentChoice(
                id=c.department_id,
                name=c.department_name,
                stationing=str(c.mode) if c.mode else "",
                on_site=c.presence == Presence.ON_SITE,
                window=c.window_name,
                person=c.staff_name,
                default_assignee_id=assignee,
                staff=tuple(staff.get(c.department_id, ())),
            )
        )
    return tuple(choices)
