"""派单 and the departments' side: 撤回/改派, 签收, 退单, 协办反馈, 办结.

One 主办 (lead) task and any number of 协办 (assist) tasks per dispatch, each with its own
签收 and clock. The case is resolved when the lead resolves it after every assist reported.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.db.models import Case, CaseTask, Department, Staff
from desktop.domain.enums import (
    ACTIVE_TASK_STATUSES,
    ClockKind,
    EventKind,
    Result,
    Role,
    Status,
    TaskRole,
    TaskStatus,
)
from desktop.domain.principal import Principal
from desktop.domain.workdays import Deadline
from desktop.errors import GovDeskError
from desktop.services import deadlines
from desktop.services.roster_today import default_assignee
from desktop.services.transition import Change, Step, begin, require_text
from desktop.services.workflow import resolve_case

_DISPATCH_ROLES = (Role.DISPATCHER, Role.SUPERVISOR)


def dispatch(*, session: Session, principal: Principal, case_id: int,
             lead_department_id: int | None, assist_department_ids: Iterable[int] = (),
             assignees: Mapping[int, int] | None = None, note: str | None = None,
             expected_version: int | None = None, now: datetime | None = None) -> Change:
    """派单 to a lead department (and assisting ones); on a dispatched case, add assists only."""
    step = begin(session, principal, case_id, EventKind.DISPATCH,
                 expected_version=expected_version, now=now)
    case = step.case
    active = _active_tasks(session, case.id)
    has_lead = any(t.role == TaskRole.LEAD for t in active)
    if case.status == Status.ACCEPTED and lead_department_id is None:
        raise GovDeskError("field.required", field="lead_department")
    if case.status != Status.ACCEPTED and (lead_department_id is not None or not has_lead):
        raise GovDeskError("workflow.bad_transition", action=str(step.kind), status=case.status)
    wanted = [(lead_department_id, TaskRole.LEAD)] if lead_department_id else []
    wanted += [(d, TaskRole.ASSIST) for d in assist_department_ids]
    held = {t.department_id for t in active}
    seen: set[int] = set()
    for department_id, _ in wanted:
        if department_id in held or department_id in seen:
            raise GovDeskError("workflow.duplicate_department")
        seen.add(department_id)
        if session.get(Department, department_id) is None:
            raise GovDeskError("field.required", field="department")
    for department_id, staff_id in (assignees or {}).items():
        staff = session.get(Staff, staff_id) if staff_id else None
        if staff_id and (staff is None or staff.department_id != department_id):
            raise GovDeskError("workflow.assignee_not_in_department", field="assignee")
    calendar = deadlines.load_calendar(session)
    sign_deadline = deadlines.deadline_for(session, calendar, case.category_id, ClockKind.SIGN,
                                           step.now)
    tasks = []
    for department_id, role in wanted:
        task = CaseTask(
            case_id=case.id, department_id=department_id, role=str(role),
            status=str(TaskStatus.DISPATCHED), dispatched_at=step.now,
            assignee_id=(assignees or {}).get(department_id) or default_assignee(
                session=session, center_id=case.center_id, department_id=department_id,
                at=step.now),
        )
        deadlines.start_clock(task, ClockKind.SIGN, step.now, sign_deadline)
        session.add(task)
        tasks.append(task)
    session.flush()
    data = {"tasks": [{"task": t.id, "department": t.department_id, "role": t.role}
                      for t in tasks]}
    if case.status == Status.ACCEPTED:
        step.move(Status.DISPATCHED, note=note, data=data)
    else:
        step.log(note=note, data=data)
    return step.done()


def _active_tasks(session: Session, case_id: int) -> list[CaseTask]:
    return list(session.scalars(select(CaseTask).where(
        CaseTask.case_id == case_id, CaseTask.status.in_(ACTIVE_TASK_STATUSES)
    ).order_by(CaseTask.id)))


def _task(step: Step, task_id: int, *, own_department: bool) -> CaseTask:
    task = step.session.get(CaseTask, task_id)
    if task is None or task.case_id != step.case.id:
        raise GovDeskError("workflow.not_found", case_id=step.case.id)
    if own_department and task.department_id != step.principal.department_id:
        raise GovDeskError("workflow.wrong_department")
    return task


def _set_task(step: Step, task: CaseTask, status: TaskStatus, note=None, data=None) -> None:
    old = task.status
    task.status = str(status)
    if status not in ACTIVE_TASK_STATUSES:
        task.finished_at = step.now
        task.clock = None
    step.log(note=note, task_id=task.id,
             data={"task_from": old, "task_to": task.status, **(data or {})})


def recall(*, session: Session, principal: Principal, case_id: int, task_id: int,
           note: str | None = None, expected_version: int | None = None,
           now: datetime | None = None) -> Change:
    """撤回 before 签收: the lead's recall takes the whole dispatch back (then 改派)."""
    step = begin(session, principal, case_id, EventKind.RECALL,
                 expected_version=expected_version, now=now)
    task = _task(step, task_id, own_department=False)
    if task.status != TaskStatus.DISPATCHED:
        raise GovDeskError("workflow.task_signed")
    if task.role == TaskRole.LEAD:
        for other in _active_tasks(session, step.case.id):
            if other.id != task.id and other.status != TaskStatus.DISPATCHED:
                raise GovDeskError("workflow.task_signed")
        for other in _active_tasks(session, step.case.id):
            _set_task(step, other, TaskStatus.RECALLED, note=note)
        step.move(Status.ACCEPTED, note=note)
    else:
        _set_task(step, task, TaskStatus.RECALLED, note=note)
    return step.done()


def sign(*, session: Session, principal: Principal, case_id: int, task_id: int,
         assignee_id: int | None = None, expected_version: int | None = None,
         now: datetime | None = None) -> Change:
    """签收 by the task's department; the task's 办结 clock starts."""
    step = begin(session, principal, case_id, EventKind.SIGN,
                 expected_version=expected_version, now=now)
    task = _task(step, task_id, own_department=True)
    if task.status != TaskStatus.DISPATCHED:
        raise GovDeskError("workflow.bad_transition", action=str(step.kind), status=task.status)
    task.signed_at = step.now
    if assignee_id is not None:
        task.assignee_id = assignee_id
    _start_task_resolve_clock(session, step.case, task)
    old = task.status
    task.status = str(TaskStatus.IN_PROGRESS)
    data = {"task_from": old, "task_to": task.status}
    if task.role == TaskRole.LEAD and step.case.status == Status.DISPATCHED:
        step.move(Status.IN_PROGRESS, task_id=task.id, data=data)
    else:
        step.log(task_id=task.id, data=data)
    return step.done()


def _start_task_resolve_clock(session: Session, case: Case, task: CaseTask) -> None:
    """Rules counted from 派单/签收 give the task its own limit; else it shares the case's."""
    start_event, _, _ = deadlines.rule_for(session, case.category_id, ClockKind.RESOLVE)
    if start_event in (EventKind.DISPATCH, EventKind.SIGN):
        start = task.dispatched_at if start_event == EventKind.DISPATCH else task.signed_at
        calendar = deadlines.load_calendar(session)
        deadline = deadlines.deadline_for(session, calendar, case.category_id,
                                          ClockKind.RESOLVE, start)
        deadlines.start_clock(task, ClockKind.RESOLVE, start, deadline)
        if task.role == TaskRole.LEAD:
            deadlines.start_clock(case, ClockKind.RESOLVE, start, deadline)
    elif case.due_at is not None:
        deadlines.start_clock(task, ClockKind.RESOLVE, case.clock_started_at or task.signed_at,
                              Deadline(case.due_at, case.warn_at, case.due_provisional))
        task.paused_seconds = case.paused_seconds


def return_task(*, session: Session, principal: Principal, case_id: int, task_id: int,
                reason: str, expected_version: int | None = None,
                now: datetime | None = None) -> Change:
    """退单: a lead return sends the case back to the dispatcher; an assist return drops it."""
    step = begin(session, principal, case_id, EventKind.RETURN,
                 expected_version=expected_version, now=now)
    task = _task(step, task_id, own_department=True)
    if task.status not in ACTIVE_TASK_STATUSES:
        raise GovDeskError("workflow.bad_transition", action=str(step.kind), status=task.status)
    reason = require_text(reason, "reason")
    _set_task(step, task, TaskStatus.RETURNED, note=reason)
    if task.role == TaskRole.LEAD:
        for other in _active_tasks(session, step.case.id):
            _set_task(step, other, TaskStatus.RECALLED, data={"because": "lead_returned"})
        step.move(Status.ACCEPTED, task_id=task.id, note=reason)
    return step.done()


def report(*, session: Session, principal: Principal, case_id: int, task_id: int, note: str,
           expected_version: int | None = None, now: datetime | None = None) -> Change:
    """协办反馈: an assisting department reports its part done."""
    step = begin(session, principal, case_id, EventKind.REPORT,
                 expected_version=expected_version, now=now)
    task = _task(step, task_id, own_department=True)
    if task.role != TaskRole.ASSIST or task.status != TaskStatus.IN_PROGRESS:
        raise GovDeskError("workflow.bad_transition", action=str(step.kind), status=task.status)
    _set_task(step, task, TaskStatus.REPORTED, note=require_text(note, "note"))
    return step.done()


def resolve(*, session: Session, principal: Principal, case_id: int, task_id: int,
            result: Result, note: str | None = None, expected_version: int | None = None,
            now: datetime | None = None) -> Change:
    """办结 by the lead department, once every assisting department has reported back."""
    step = begin(session, principal, case_id, EventKind.RESOLVE,
                 expected_version=expected_version, now=now)
    task = _task(step, task_id, own_department=True)
    if task.role != TaskRole.LEAD or task.status != TaskStatus.IN_PROGRESS:
        raise GovDeskError("workflow.bad_transition", action=str(step.kind), status=task.status)
    if result is None:
        raise GovDeskError("workflow.result_required")
    pending = [t for t in _active_tasks(session, case_id) if t.id != task.id]
    if pending:
        raise GovDeskError("workflow.assists_pending", count=len(pending))
    task.status = str(TaskStatus.RESOLVED)
    task.finished_at = step.now
    task.clock = None
    return resolve_case(step, result, note, task_id=task.id)


def assign(*, session: Session, principal: Principal, case_id: int, staff_id: int,
           task_id: int | None = None, department_id: int | None = None,
           expected_version: int | None = None, now: datetime | None = None) -> Change:
    """Name the assignee of an active sub-task (by task, or by its department).

    The dispatcher may assign any task; department staff only their own department's. The
    person must be active staff of the task's department.
    """
    step = begin(session, principal, case_id, EventKind.ASSIGN,
                 expected_version=expected_version, now=now)
    if task_id is not None:
        task = _task(step, task_id, own_department=not principal.has(*_DISPATCH_ROLES))
    else:
        task = next((t for t in _active_tasks(session, case_id)
                     if t.department_id == department_id), None)
        if task is None:
            raise GovDeskError("workflow.no_task_of_department")
        if not principal.has(*_DISPATCH_ROLES) and task.department_id != principal.department_id:
            raise GovDeskError("workflow.wrong_department")
    if task.status not in ACTIVE_TASK_STATUSES:
        raise GovDeskError("workflow.bad_transition", action=str(step.kind), status=task.status)
    staff = session.get(Staff, staff_id)
    if staff is None or staff.department_id != task.department_id or not staff.active:
        raise GovDeskError("workflow.assignee_not_in_department", field="assignee")
    old = task.assignee_id
    task.assignee_id = staff.id
    step.log(task_id=task.id, data={"from": old, "to": staff.id, "assignee": staff.name})
    return step.done()
