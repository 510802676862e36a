"""The case workflow as one table: which roles may do what, from which status, to which.

Department actions (签收, 退单, 反馈, 办结) are further checked against the sub-task's
department by the services; this table only knows case statuses and roles.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.domain.enums import OPEN_STATUSES, EventKind, Role, Status
from desktop.domain.principal import Principal
from desktop.errors import GovDeskError

S = Status
_HANDLING = frozenset({S.DISPATCHED, S.IN_PROGRESS})
INTAKE_ROLES = frozenset({Role.DESK, Role.DISPATCHER, Role.SUPERVISOR})
_DISPATCH = frozenset({Role.DISPATCHER, Role.SUPERVISOR})
_DEPARTMENT = frozenset({Role.DEPARTMENT})
_SUPERVISOR = frozenset({Role.SUPERVISOR})


@dataclass(frozen=True)
class Rule:
    roles: frozenset[Role]
    from_statuses: frozenset[Status]
    to_status: Status | None = None  # None: the status does not change


RULES: dict[EventKind, Rule] = {
    EventKind.ACCEPT: Rule(INTAKE_ROLES, frozenset({S.REGISTERED}), S.ACCEPTED),
    EventKind.REJECT: Rule(INTAKE_ROLES, frozenset({S.REGISTERED}), S.REJECTED),
    EventKind.SET_LEVEL: Rule(_DISPATCH, frozenset({S.REGISTERED, S.ACCEPTED})),
    EventKind.RESOLVE_ON_SPOT: Rule(INTAKE_ROLES, frozenset({S.ACCEPTED}), S.RESOLVED),
    EventKind.DISPATCH: Rule(_DISPATCH, frozenset({S.ACCEPTED, S.DISPATCHED, S.IN_PROGRESS})),
    EventKind.RECALL: Rule(_DISPATCH, _HANDLING),
    EventKind.SIGN: Rule(_DEPARTMENT, _HANDLING),
    EventKind.RETURN: Rule(_DEPARTMENT, _HANDLING),
    EventKind.NOTE: Rule(INTAKE_ROLES | _DEPARTMENT, OPEN_STATUSES),
    EventKind.REPORT: Rule(_DEPARTMENT, frozenset({S.IN_PROGRESS})),
    EventKind.RESOLVE: Rule(_DEPARTMENT, frozenset({S.IN_PROGRESS}), S.RESOLVED),
    EventKind.REQUEST_EXTENSION: Rule(_DEPARTMENT | _DISPATCH, OPEN_STATUSES),
    EventKind.APPROVE_EXTENSION: Rule(_SUPERVISOR, OPEN_STATUSES),
    EventKind.DENY_EXTENSION: Rule(_SUPERVISOR, OPEN_STATUSES),
    EventKind.SUSPEND: Rule(_SUPERVISOR, OPEN_STATUSES - {S.REGISTERED}),
    EventKind.RESUME: Rule(_SUPERVISOR, OPEN_STATUSES - {S.REGISTERED}),
    EventKind.SUPERVISE: Rule(_SUPERVISOR, OPEN_STATUSES),
    EventKind.FOLLOW_UP: Rule(INTAKE_ROLES, frozenset({S.RESOLVED}), S.CLOSED),
    EventKind.MERGE: Rule(INTAKE_ROLES, frozenset({S.REGISTERED, S.ACCEPTED})),
    EventKind.EDIT: Rule(INTAKE_ROLES, OPEN_STATUSES),
    EventKind.ASSIGN: Rule(_DISPATCH | _DEPARTMENT, _HANDLING),
    EventKind.ATTACH: Rule(INTAKE_ROLES | _DEPARTMENT, OPEN_STATUSES | {S.RESOLVED}),
}


def check(kind: EventKind, status: str, principal: Principal) -> Rule:
    """The rule for `kind`, or a refusal naming the action (roles first, then status)."""
    rule = RULES[kind]
    if not principal.roles & rule.roles:
        raise GovDeskError("workflow.forbidden_role", action=str(kind))
    if Status(status) not in rule.from_statuses:
        raise GovDeskError("workflow.bad_transition", action=str(kind), status=str(status))
    return rule


def may(kind: EventKind, status: str, principal: Principal) -> bool:
    """Whether the action is open to this principal now (for enabling buttons)."""
    rule = RULES[kind]
    return bool(principal.roles & rule.roles) and Status(status) in rule.from_statuses
