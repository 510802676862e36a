"""Which actions the signed-in user may take on a case now, for showing only those buttons.

The workflow table (desktop/domain/workflow.py) knows roles and case statuses; the sub-task
conditions (whose department holds which task in which state) are added here. The services
check everything again when the action runs: this only decides what to offer.
"""

from __future__ import annotations

from desktop.domain import workflow
from desktop.domain.enums import ACTIVE_TASK_STATUSES, EventKind, Status, TaskRole, TaskStatus
from desktop.domain.principal import Principal
from desktop.services.case_view import CaseDetail, TaskView

K = EventKind
# Offered whenever the workflow table allows them for the role and status.
_PLAIN = (
    K.ACCEPT,
    K.REJECT,
    K.SET_LEVEL,
    K.RESOLVE_ON_SPOT,
    K.NOTE,
    K.FOLLOW_UP,
    K.MERGE,
    K.EDIT,
    K.ATTACH,
)


def available_actions(detail: CaseDetail, principal: Principal) -> frozenset[EventKind]:
    """The actions to offer; APPROVE_EXTENSION stands for deciding (approve or deny)."""
    offered = {kind for kind in _PLAIN if workflow.may(kind, detail.status, principal)}
    own = _own_tasks(detail, principal)
    active = [t for t in detail.tasks if t.status in ACTIVE_TASK_STATUSES]
    has_lead = any(t.role == TaskRole.LEAD for t in active)

    def may(kind: EventKind) -> bool:
        return workflow.may(kind, detail.status, principal)

    if may(K.DISPATCH) and (detail.status == Status.ACCEPTED or has_lead):
        offered.add(K.DISPATCH)
    if may(K.RECALL) and any(t.status == TaskStatus.DISPATCHED for t in active):
        offered.add(K.RECALL)
    if may(K.SIGN) and any(t.status == TaskStatus.DISPATCHED for t in own):
        offered.add(K.SIGN)
    if may(K.RETURN) and any(t.status in ACTIVE_TASK_STATUSES for t in own):
        offered.add(K.RETURN)
    if may(K.REPORT) and any(
        t.role == TaskRole.ASSIST and t.status == TaskStatus.IN_PROGRESS for t in own
    ):
        offered.add(K.REPORT)
    if may(K.RESOLVE) and any(
        t.role == TaskRole.LEAD and t.status == TaskStatus.IN_PROGRESS for t in own
    ):
        offered.add(K.RESOLVE)
    dispatcher = bool(principal.roles & workflow.RULES[K.DISPATCH].roles)
    own_active = any(t.status in ACTIVE_TASK_STATUSES for t in own)
    if may(K.ASSIGN) and ((dispatcher and active) or own_active):
        offered.add(K.ASSIGN)
    handles = dispatcher or own_active
    if may(K.REQUEST_EXTENSION) and handles and not detail.extension_requests:
        offered.add(K.REQUEST_EXTENSION)
    if may(K.APPROVE_EXTENSION) and detail.extension_requests:
        offered.add(K.APPROVE_EXTENSION)
    if may(K.SUSPEND) and not detail.suspended:
        offered.add(K.SUSPEND)
    if may(K.RESUME) and detail.suspended:
        offered.add(K.RESUME)
    if may(K.SUPERVISE) and not detail.supervised:
        offered.add(K.SUPERVISE)
    return frozenset(offered)


def _own_tasks(detail: CaseDetail, principal: Principal) -> list[TaskView]:
    if principal.department_id is None:
        return []
    return [t for t in detail.tasks if t.department_id == principal.department_id]


def own_task(
    detail: CaseDetail, principal: Principal, *statuses: TaskStatus, role: TaskRole | None = None
) -> TaskView | None:
    """The principal's department's task in one of `statuses` (the one a button acts on)."""
    for task in _own_tasks(detail, principal):
        if task.status in statuses and (role is None or task.role == role):
            return task
    return None
