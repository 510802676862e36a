"""The named-queue table: complete, consistent, and the dashboards it gives each role."""

from __future__ import annotations

from desktop.domain.enums import OPEN_STATUSES, NamedQueue, Role, Status
from desktop.domain.queues import (
    QUEUE_BY_NAME,
    QUEUES,
    DeadlineCondition,
    TaskCondition,
    queue_def,
    queues_for_roles,
)


def test_every_named_queue_has_exactly_one_definition():
    assert [q.queue for q in QUEUES].count(NamedQueue.ALL) == 1
    assert set(QUEUE_BY_NAME) == set(NamedQueue)
    assert len(QUEUES) == len(NamedQueue)


def test_every_queue_is_shown_to_someone():
    assert all(q.roles for q in QUEUES)


def test_deadline_queues_cover_open_cases_only():
    for q in QUEUES:
        if q.deadline is not None:
            assert q.statuses is not None and q.statuses <= OPEN_STATUSES


def test_conditions_of_the_queues():
    assert queue_def(NamedQueue.PENDING_ACCEPT).statuses == {Status.REGISTERED}
    triage = queue_def(NamedQueue.PENDING_TRIAGE)
    assert triage.statuses == {Status.ACCEPTED} and triage.task == TaskCondition.NO_ACTIVE_LEAD
    assert queue_def(NamedQueue.DEPT_TO_SIGN).task == TaskCondition.DEPT_TO_SIGN
    assert queue_def(NamedQueue.DUE_SOON).deadline == DeadlineCondition.DUE_SOON
    assert queue_def(NamedQueue.OVERDUE).deadline == DeadlineCondition.OVERDUE
    assert queue_def(NamedQueue.PENDING_FOLLOW_UP).statuses == {Status.RESOLVED}
    assert queue_def(NamedQueue.SUPERVISED).supervised is True
    assert queue_def(NamedQueue.MY_TODO).mine
    everything = queue_def(NamedQueue.ALL)
    assert everything.statuses is None and everything.task is None and not everything.mine


def test_only_work_to_be_taken_in_turn_is_claimable():
    claimable = {q.queue for q in QUEUES if q.claimable}
    assert claimable == {
        NamedQueue.PENDING_ACCEPT,
        NamedQueue.PENDING_TRIAGE,
        NamedQueue.PENDING_FOLLOW_UP,
    }


def test_queue_def_accepts_the_stored_code():
    assert queue_def("overdue").queue is NamedQueue.OVERDUE  # type: ignore[arg-type]


def test_dashboards_by_role():
    assert NamedQueue.DEPT_TO_SIGN in queues_for_roles({Role.DEPARTMENT})
    assert NamedQueue.DEPT_TO_SIGN not in queues_for_roles({Role.DESK})
    desk = queues_for_roles({Role.DESK})
    assert {NamedQueue.PENDING_ACCEPT, NamedQueue.PENDING_FOLLOW_UP} <= set(desk)
    assert NamedQueue.PENDING_TRIAGE not in desk
    assert NamedQueue.PENDING_TRIAGE in queues_for_roles({Role.DISPATCHER})
    assert queues_for_roles({Role.ADMIN}) == (NamedQueue.ALL,)
    for role in Role:
        assert NamedQueue.ALL in queues_for_roles({role})


def test_several_roles_see_the_union_in_dashboard_order():
    both = queues_for_roles({Role.DESK, Role.DISPATCHER})
    assert set(both) == set(queues_for_roles({Role.DESK})) | set(
        queues_for_roles({Role.DISPATCHER})
    )
    order = [q.queue for q in QUEUES]
    assert list(both) == sorted(both, key=order.index)
