"""延期: a handler asks for more time; a supervisor approves a new deadline or denies it."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.db.models import CaseTask, ExtensionRequest
from desktop.domain.enums import ACTIVE_TASK_STATUSES, EventKind, TaskRole
from desktop.domain.principal import Principal
from desktop.errors import GovDeskError
from desktop.services.deadlines import set_explicit_due
from desktop.services.transition import Change, begin, require_text


def request_extension(*, session: Session, principal: Principal, case_id: int,
                      requested_due: datetime, reason: str, task_id: int | None = None,
                      expected_version: int | None = None,
                      now: datetime | None = None) -> Change:
    step = begin(session, principal, case_id, EventKind.REQUEST_EXTENSION,
                 expected_version=expected_version, now=now)
    if task_id is not None:
        task = session.get(CaseTask, task_id)
        if task is None or task.case_id != case_id:
            raise GovDeskError("workflow.not_found", case_id=case_id)
        if task.department_id != principal.department_id:
            raise GovDeskError("workflow.wrong_department")
    _require_future(requested_due, step.now)
    request = ExtensionRequest(
        case_id=case_id, task_id=task_id, requested_by_id=principal.user_id,
        requested_at=step.now, requested_due=requested_due,
        reason=require_text(reason, "reason"), status="pending",
    )
    session.add(request)
    session.flush()
    step.log(note=request.reason, task_id=task_id,
             data={"request": request.id, "requested_due": requested_due})
    return step.done()


def _require_future(due: datetime, now: datetime) -> None:
    """A new deadline must lie ahead: a date already past would make the case overdue at once."""
    if due <= now:
        raise GovDeskError("field.date_in_past", field="deadline")


def _pending(session: Session, case_id: int, request_id: int) -> ExtensionRequest:
    request = session.get(ExtensionRequest, request_id)
    if request is None or request.case_id != case_id or request.status != "pending":
        raise GovDeskError("workflow.no_pending_extension")
    return request


def approve_extension(*, session: Session, principal: Principal, case_id: int,
                      request_id: int, new_due: datetime | None = None, note: str | None = None,
                      expected_version: int | None = None,
                      now: datetime | None = None) -> Change:
    """The supervisor's date (or the one asked for) becomes the deadline in force."""
    step = begin(session, principal, case_id, EventKind.APPROVE_EXTENSION,
                 expected_version=expected_version, now=now)
    request = _pending(session, case_id, request_id)
    due = new_due or request.requested_due
    _require_future(due, step.now)
    task = session.get(CaseTask, request.task_id) if request.task_id else None
    old_due = (task or step.case).due_at
    if task is None or task.role == TaskRole.LEAD:
        set_explicit_due(step.case, due)
        task = task or _active_lead(session, case_id)
    if task is not None:
        set_explicit_due(task, due)
    request.status, request.decided_by_id, request.decided_at = "approved", principal.user_id, step.now
    step.log(note=note, task_id=request.task_id,
             data={"request": request.id, "old_due": old_due, "new_due": due})
    return step.done()


def _active_lead(session: Session, case_id: int) -> CaseTask | None:
    return session.scalars(select(CaseTask).where(
        CaseTask.case_id == case_id, CaseTask.role == TaskRole.LEAD,
        CaseTask.status.in_(ACTIVE_TASK_STATUSES))).first()


def deny_extension(*, session: Session, principal: Principal, case_id: int, request_id: int,
                   note: str, expected_version: int | None = None,
                   now: datetime | None = None) -> Change:
    step = begin(session, principal, case_id, EventKind.DENY_EXTENSION,
                 expected_version=expected_version, now=now)
    request = _pending(session, case_id, request_id)
    request.status, request.decided_by_id, request.decided_at = "denied", principal.user_id, step.now
    step.log(note=require_text(note, "note"), task_id=request.task_id,
             data={"request": request.id})
    return step.done()
