"""The workflow table: who may do what from which status."""

from __future__ import annotations

import pytest

from desktop.domain import workflow
from desktop.domain.enums import EventKind, JurisdictionLevel, Risk, Role, Status
from desktop.domain.principal import Principal
from desktop.domain.risk import higher, risk_for_group, risk_for_repeats
from desktop.errors import GovDeskError


def who(*roles: Role) -> Principal:
    return Principal(1, "u", "u", frozenset(roles), 1, JurisdictionLevel.COUNTY)


@pytest.mark.parametrize(
    ("kind", "status", "roles", "to"),
    [
        (EventKind.ACCEPT, Status.REGISTERED, (Role.DESK,), Status.ACCEPTED),
        (EventKind.REJECT, Status.REGISTERED, (Role.DISPATCHER,), Status.REJECTED),
        (EventKind.DISPATCH, Status.ACCEPTED, (Role.DISPATCHER,), None),
        (EventKind.SIGN, Status.DISPATCHED, (Role.DEPARTMENT,), None),
        (EventKind.RESOLVE, Status.IN_PROGRESS, (Role.DEPARTMENT,), Status.RESOLVED),
        (EventKind.RESOLVE_ON_SPOT, Status.ACCEPTED, (Role.DESK,), Status.RESOLVED),
        (EventKind.FOLLOW_UP, Status.RESOLVED, (Role.DESK,), Status.CLOSED),
        (EventKind.APPROVE_EXTENSION, Status.IN_PROGRESS, (Role.SUPERVISOR,), None),
    ],
)
def test_allowed(kind, status, roles, to):
    assert workflow.check(kind, status, who(*roles)).to_status == to
    assert workflow.may(kind, status, who(*roles))


@pytest.mark.parametrize(
    ("kind", "status", "roles", "code"),
    [
        (EventKind.ACCEPT, Status.REGISTERED, (Role.DEPARTMENT,), "workflow.forbidden_role"),
        (EventKind.ACCEPT, Status.ACCEPTED, (Role.DESK,), "workflow.bad_transition"),
        (EventKind.DISPATCH, Status.REGISTERED, (Role.DISPATCHER,), "workflow.bad_transition"),
        (EventKind.DISPATCH, Status.ACCEPTED, (Role.DESK,), "workflow.forbidden_role"),
        (EventKind.SIGN, Status.DISPATCHED, (Role.DISPATCHER,), "workflow.forbidden_role"),
        (EventKind.RESOLVE, Status.DISPATCHED, (Role.DEPARTMENT,), "workflow.bad_transition"),
        (EventKind.FOLLOW_UP, Status.IN_PROGRESS, (Role.DESK,), "workflow.bad_transition"),
        (EventKind.SUSPEND, Status.REGISTERED, (Role.SUPERVISOR,), "workflow.bad_transition"),
        (EventKind.APPROVE_EXTENSION, Status.IN_PROGRESS, (Role.DEPARTMENT,),
         "workflow.forbidden_role"),
        (EventKind.NOTE, Status.CLOSED, (Role.DESK,), "workflow.bad_transition"),
    ],
)
def test_refused(kind, status, roles, code):
    with pytest.raises(GovDeskError) as err:
        workflow.check(kind, status, who(*roles))
    assert err.value.code == code
    assert err.value.params["action"] == str(kind)
    assert not workflow.may(kind, status, who(*roles))


def test_one_person_may_hold_several_roles():
    small_center = who(Role.DESK, Role.DISPATCHER, Role.SUPERVISOR)
    assert workflow.may(EventKind.DISPATCH, Status.ACCEPTED, small_center)
    assert workflow.may(EventKind.SUPERVISE, Status.IN_PROGRESS, small_center)


def test_risk_bands():
    assert [risk_for_group(n) for n in (1, 49, 50, 99, 100, 499, 500)] == [
        Risk.NORMAL, Risk.NORMAL, Risk.YELLOW, Risk.YELLOW, Risk.ORANGE, Risk.ORANGE, Risk.RED]
    assert [risk_for_repeats(n) for n in (0, 2, 3)] == [Risk.NORMAL, Risk.NORMAL, Risk.ORANGE]
    assert higher(Risk.RED, Risk.YELLOW) == Risk.RED
    assert higher("normal", Risk.ORANGE) == Risk.ORANGE
