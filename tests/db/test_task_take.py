"""取下一件 in a department's 待签收 queue: the oldest unassigned task becomes the user's."""

from __future__ import annotations

import json
import threading

import pytest
from sqlalchemy import select

from desktop.db.engine import make_engine, make_session_factory
from desktop.db.models import Case, CaseEvent, CaseTask
from desktop.domain.enums import EventKind, Role, Status, TaskRole, TaskStatus
from desktop.errors import GovDeskError
from desktop.services.task_take import take_next_task
from tests.db.factories import hours, world

NOW = hours(100)


def _world(s, n_cases=3):
    """Justice has staff 甲 and 乙 with accounts; the police lead task on t0 is not theirs.
    t1 < t2 < t3 dispatched to justice (t2 already assigned to 乙)."""
    w = world(s)
    f = w.f
    jia, yi = f.staff(w.justice, "甲"), f.staff(w.justice, "乙")
    _, a = f.person("jia", {Role.DEPARTMENT}, w.county, w.justice, jia)
    _, b = f.person("yi", {Role.DEPARTMENT}, w.county, w.justice, yi)
    _, nobody = f.person("nostaff", {Role.DEPARTMENT}, w.county, w.justice)
    ids = {}
    for n in range(n_cases + 1):
        case = f.case(center=w.center, category=w.safety, grid=w.east_grid,
                      status=Status.DISPATCHED, received_at=hours(n))  # fmt: skip
        dept = w.police if n == 0 else w.justice
        task = f.task(case, dept, role=TaskRole.LEAD, dispatched_at=hours(10 + n),
                      assignee=yi if n == 2 else None)  # fmt: skip
        ids[f"t{n}"] = (case.id, task.id)
    return ids, a, b, nobody, jia, yi


@pytest.fixture
def dept(session_factory):
    with session_factory.begin() as s:
        return _world(s)


def _take(session_factory, who):
    with session_factory.begin() as s:
        change = take_next_task(session=s, principal=who, now=NOW)
        return None if change is None else change.case_ids[0]


def test_take_next_assigns_the_oldest_unassigned_task_to_me(dept, session_factory):
    ids, a, b, _, jia, yi = dept
    assert _take(session_factory, a) == ids["t1"][0]
    assert _take(session_factory, b) == ids["t3"][0]  # t2 was 乙's already
    assert _take(session_factory, a) is None
    with session_factory() as s:
        assignees = dict(s.execute(select(CaseTask.id, CaseTask.assignee_id)).all())
        assert [assignees[ids[t][1]] for t in ("t0", "t1", "t2", "t3")] == [
            None,
            jia.id,
            yi.id,
            yi.id,
        ]
        event = s.scalars(select(CaseEvent).where(CaseEvent.case_id == ids["t1"][0])).one()
        assert (event.kind, event.actor_id, event.task_id, event.at) == (
            EventKind.ASSIGN,
            a.user_id,
            ids["t1"][1],
            NOW,
        )
        assert json.loads(event.data) == {"assignee": "甲", "from": None, "taken": True,
                                          "to": jia.id}  # fmt: skip
        # Still to sign (签收 is the person's next step), now in 甲's hands.
        task = s.get(CaseTask, ids["t1"][1])
        assert task.status == TaskStatus.DISPATCHED
        assert s.get(Case, ids["t1"][0]).version == 2


def test_take_next_needs_a_staff_record(dept, session_factory):
    _, _, _, nobody, _, _ = dept
    with pytest.raises(GovDeskError) as err:
        _take(session_factory, nobody)
    assert err.value.code == "claims.no_staff_record"


@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_two_seats_never_take_the_same_task(db_url):
    """PostgreSQL, two engines racing from threads: every task goes to exactly one seat."""
    engine = make_engine(db_url)
    factory = make_session_factory(engine)
    with factory.begin() as s:
        ids, a, b, *_ = _world(s, n_cases=40)
    taken: dict[str, list[int]] = {"a": [], "b": []}
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def seat(name, who):
        try:
            start.wait()
            while (case_id := _take(factory, who)) is not None:
                taken[name].append(case_id)
        except BaseException as exc:  # reported to the main thread
            errors.append(exc)

    threads = [threading.Thread(target=seat, args=(n, p)) for n, p in (("a", a), ("b", b))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    engine.dispose()
    assert errors == []
    everything = taken["a"] + taken["b"]
    expected = {case_id for name, (case_id, _) in ids.items() if name not in ("t0", "t2")}
    assert len(everything) == len(set(everything)) == len(expected) == 39
    assert set(everything) == expected
