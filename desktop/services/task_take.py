"""取下一件 in a department's 待签收 queue: the oldest unassigned task becomes the user's.

Department queues hold work through assignees, not claims: taking a task names the user's
staff record as its assignee (an ASSIGN event on the case, like any other assignment), and it
never lapses. Two seats never take the same task: PostgreSQL locks the task's CASE row with
`FOR UPDATE SKIP LOCKED` (the case row, as every workflow action locks it first, so the two
never wait on each other in opposite orders); SQLite serialises writers (BEGIN IMMEDIATE).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.db.models import Case, CaseTask, Staff, User
from desktop.domain.enums import EventKind, NamedQueue, TaskStatus
from desktop.domain.principal import Principal
from desktop.errors import GovDeskError
from desktop.services.case_filters import CaseFilter, scoped_select
from desktop.services.meta import clock_for
from desktop.services.transition import Change, begin

RETRIES = 5


def _pick(session: Session, principal: Principal, now: datetime):
    visible = scoped_select(principal, CaseFilter(queue=NamedQueue.DEPT_TO_SIGN), now, Case.id)
    stmt = (
        select(CaseTask.id, CaseTask.case_id)
        .join(Case, Case.id == CaseTask.case_id)
        .where(
            CaseTask.department_id == principal.department_id,
            CaseTask.status == str(TaskStatus.DISPATCHED),
            CaseTask.assignee_id.is_(None),
            CaseTask.case_id.in_(visible),
        )
        .order_by(CaseTask.dispatched_at, CaseTask.id)
        .limit(1)
    )
    if session.get_bind().dialect.name == "postgresql":
        stmt = stmt.with_for_update(skip_locked=True, of=Case)
    return session.execute(stmt).first()


def take_next_task(
    *, session: Session, principal: Principal, now: datetime | None = None
) -> Change | None:
    """Assign the department's oldest unassigned 待签收 task to the user; None if none is left.

    The caller owns the transaction. `claims.no_staff_record` if the user's account is not
    linked to a staff record of their department (an assignee is a staff member).
    """
    if principal.department_id is None:
        raise GovDeskError("claims.no_department")
    staff = session.execute(
        select(Staff.id, Staff.name)
        .join(User, User.staff_id == Staff.id)
        .where(User.id == principal.user_id, Staff.department_id == principal.department_id)
    ).first()
    if staff is None:
        raise GovDeskError("claims.no_staff_record")
    now = now or clock_for(session).now()
    for _ in range(RETRIES):
        picked = _pick(session, principal, now)
        if picked is None:
            return None
        # The case row is locked now (PostgreSQL) and every change of a task locks its case
        # first, so this fresh read is final: re-check, in case a seat assigned it meanwhile.
        task = session.get(CaseTask, picked.id, populate_existing=True)
        if task.assignee_id is not None or task.status != TaskStatus.DISPATCHED:
            continue
        step = begin(session, principal, picked.case_id, EventKind.ASSIGN,
                     expected_version=None, now=now)  # fmt: skip
        task.assignee_id = staff.id
        step.log(task_id=task.id, data={"from": None, "to": staff.id, "assignee": staff.name,
                                        "taken": True})  # fmt: skip
        return step.done()
    return None
