"""Attendance per department for any period: the weekly and monthly reports read it."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.clock import to_local
from desktop.db.models import CheckIn, Department, RotaDuty
from desktop.domain.enums import Arrival
from desktop.domain.roster import arrival, settled
from desktop.services.meta import clock_for
from desktop.services.roster_rules import shifts_for


@dataclass(frozen=True)
class Attendance:
    """One department's figures; a "day" is one rostered person on one day (a duty)."""

    department_id: int
    department_name: str
    days_due: int
    days_present: int  # on time or late
    late: int
    absent: int

    @property
    def rate(self) -> float | None:
        """days_present ÷ days_due, None when nothing was due."""
        return self.days_present / self.days_due if self.days_due else None


def attendance_summary(
    *, session: Session, center_id: int, start: date, end: date, as_of: datetime | None = None
) -> list[Attendance]:
    """Per department with duties at `center_id` on the local dates [start, end).

    A duty counts once settled at `as_of` (default: the program's clock): present (checked
    in at this center that day, late if after the first shift's start plus the grace
    period) or absent (no check-in and the day's last shift is over, or nobody was named).
    Days still to come, and today's not-yet-arrived people, are not counted. Departments
    in id order; read-only, inside the caller's transaction.
    """
    as_of = as_of or clock_for(session).now()
    shifts = shifts_for(session, center_id)
    last = min(end, to_local(as_of).date() + timedelta(days=1))
    in_period = (RotaDuty.center_id == center_id, RotaDuty.day >= start, RotaDuty.day < last)
    arrived = {
        (staff_id, day): at
        for staff_id, day, at in session.execute(
            select(CheckIn.staff_id, CheckIn.day, CheckIn.checked_in_at).where(
                CheckIn.center_id == center_id,
                CheckIn.day >= start,
                CheckIn.day < end,
                CheckIn.checked_in_at <= as_of,
            )
        )
    }
    counts: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # due, present, late, absent
    for department_id, staff_id, day in session.execute(
        select(RotaDuty.department_id, RotaDuty.staff_id, RotaDuty.day).where(*in_period)
    ):
        if staff_id is None:
            state = (
                Arrival.ABSENT
                if arrival(day=day, shifts=shifts, checked_in_at=None, now=as_of) == Arrival.ABSENT
                else None
            )
        else:
            state = arrival(
                day=day, shifts=shifts, checked_in_at=arrived.get((staff_id, day)), now=as_of
            )
        if state is None or not settled(state):
            continue
        figures = counts[department_id]
        figures[0] += 1
        figures[1] += state != Arrival.ABSENT
        figures[2] += state == Arrival.LATE
        figures[3] += state == Arrival.ABSENT
    names = (
        dict(
            session.execute(
                select(Department.id, Department.name).where(Department.id.in_(counts))
            ).all()
        )
        if counts
        else {}
    )
    return [Attendance(d, names[d], *counts[d]) for d in sorted(counts)]
