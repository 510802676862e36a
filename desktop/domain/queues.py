"""The named work queues as one table of plain data; desktop.services.queues makes it SQL.

Each queue is a conjunction of the conditions below (a condition left as None does not
restrict). Decisions worth knowing:

- 待分流 (pending triage) is "accepted, and no ACTIVE LEAD task": a 主办 return sends the case
  back to 已受理 while an assisting department may still be working, and the case must then
  reappear for the dispatcher to choose a new lead.
- 我的待办 (my to-do) is an open case that either was claimed by the user (claimed_by_id), or
  holds an active task (dispatched or in progress) of the user's department that is assigned
  to the user's staff record or to nobody yet (an unassigned task is everyone's in the
  department until someone takes it).
- 部门待签收 (to sign) is any open case with a task of the user's department still dispatched,
  so an unsigned 协办 task shows even after the lead has signed.
- 处置中 covers both dispatched and in-progress cases: everything in a department's hands,
  signed or not, which is what the dispatcher and the supervisor chase.
- The deadline queues use the case's running clock (cases.due_at / warn_at); a suspended case
  (挂起, suspended_at set) has a stopped clock and never shows in them.
- 督办件 is the manual flag only; overdue cases are also in 已超期 and get their automatic
  yellow/red card when read.
- Queues list claimed cases too (the row carries claimed_by_id); only claim_next skips them.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from desktop.domain.enums import OPEN_STATUSES, NamedQueue, Role, Status


class TaskCondition(StrEnum):
    """What the case's sub-tasks must look like, relative to the asking user."""

    DEPT_TO_SIGN = "dept_to_sign"  # a task of the user's department, status dispatched
    NO_ACTIVE_LEAD = "no_active_lead"  # no lead task dispatched or in progress


class DeadlineCondition(StrEnum):
    """Where `now` lies on the case's running clock; both imply suspended_at IS NULL."""

    DUE_SOON = "due_soon"  # warn_at <= now < due_at
    OVERDUE = "overdue"  # due_at <= now


@dataclass(frozen=True)
class QueueDef:
    queue: NamedQueue
    statuses: frozenset[Status] | None = None  # None: any status
    task: TaskCondition | None = None
    deadline: DeadlineCondition | None = None
    supervised: bool | None = None  # True: the manual 督办 flag must be set
    mine: bool = False  # claimed by the user, or a task of theirs (see module doc)
    claimable: bool = False  # claim_next may hand out its cases one by one
    roles: frozenset[Role] = frozenset()  # whose dashboard shows it


_EVERYONE = frozenset(Role)
_WORKERS = frozenset({Role.DESK, Role.DISPATCHER, Role.DEPARTMENT, Role.SUPERVISOR})
_CHASERS = frozenset({Role.DISPATCHER, Role.DEPARTMENT, Role.SUPERVISOR, Role.TRAINER})
_OPEN = frozenset(OPEN_STATUSES)

# In dashboard order.
QUEUES: tuple[QueueDef, ...] = (
    QueueDef(NamedQueue.MY_TODO, statuses=_OPEN, mine=True, roles=_WORKERS),
    QueueDef(
        NamedQueue.PENDING_ACCEPT,
        statuses=frozenset({Status.REGISTERED}),
        claimable=True,
        roles=frozenset({Role.DESK, Role.DISPATCHER, Role.TRAINER}),
    ),
    QueueDef(
        NamedQueue.PENDING_TRIAGE,
        statuses=frozenset({Status.ACCEPTED}),
        task=TaskCondition.NO_ACTIVE_LEAD,
        claimable=True,
        roles=frozenset({Role.DISPATCHER, Role.TRAINER}),
    ),
    QueueDef(
        NamedQueue.DEPT_TO_SIGN,
        statuses=_OPEN,
        task=TaskCondition.DEPT_TO_SIGN,
        roles=frozenset({Role.DEPARTMENT}),
    ),
    QueueDef(
        NamedQueue.IN_PROGRESS,
        statuses=frozenset({Status.DISPATCHED, Status.IN_PROGRESS}),
        roles=frozenset({Role.DISPATCHER, Role.SUPERVISOR, Role.TRAINER}),
    ),
    QueueDef(
        NamedQueue.DUE_SOON, statuses=_OPEN, deadline=DeadlineCondition.DUE_SOON, roles=_CHASERS
    ),
    QueueDef(
        NamedQueue.OVERDUE, statuses=_OPEN, deadline=DeadlineCondition.OVERDUE, roles=_CHASERS
    ),
    QueueDef(
        NamedQueue.PENDING_FOLLOW_UP,
        statuses=frozenset({Status.RESOLVED}),
        claimable=True,
        roles=frozenset({Role.DESK, Role.SUPERVISOR, Role.TRAINER}),
    ),
    QueueDef(
        NamedQueue.SUPERVISED,
        statuses=_OPEN,
        supervised=True,
        roles=frozenset({Role.DISPATCHER, Role.SUPERVISOR, Role.TRAINER}),
    ),
    QueueDef(NamedQueue.ALL, roles=_EVERYONE),
)

QUEUE_BY_NAME: dict[NamedQueue, QueueDef] = {q.queue: q for q in QUEUES}


def queue_def(queue: NamedQueue) -> QueueDef:
    return QUEUE_BY_NAME[NamedQueue(queue)]


def queues_for_roles(roles: frozenset[Role] | set[Role]) -> tuple[NamedQueue, ...]:
    """The queues a user with these roles sees on the dashboard, in dashboard order."""
    return tuple(q.queue for q in QUEUES if q.roles & set(roles))
