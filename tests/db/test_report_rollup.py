"""The report rollup kept by the workflow services: after real actions it equals a recount.

The rollup (desktop/services/report_rollup.py) is changed by flush hooks in the transaction
of every action. Here a random but seeded sequence of real workflow actions (intake, 受理,
不予受理, 派单, 撤回, 签收, 退单, 办结, 就地办结, 回访 with reopen, 挂起/恢复, 延期, 合并, and an
edit of the category) runs on both databases, and the rows must then equal a fresh count
from the cases; a small scenario's rows are checked against values worked out by hand.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from desktop.db.models import Case, CaseTask, ExtensionRequest
from desktop.domain.enums import (
    Channel,
    DayKind,
    PartyRole,
    Result,
    Satisfaction,
    Status,
    TaskStatus,
)
from desktop.errors import GovDeskError
from desktop.services import (
    calendar_days,
    case_edit,
    dispatch,
    extensions,
    report_rollup,
    workflow,
)
from desktop.services.calendar_days import DayEntry
from desktop.services.intake import NewCase, NewParty, register_case
from tests.db.world import build_world, local

T0 = local(2026, 9, 21, 9, 0)  # a Monday


@pytest.fixture
def env(session_factory):
    with session_factory.begin() as session:
        world = build_world(session)
    return session_factory, world


def _register(factory, world, who, category, at):
    new = NewCase(
        title="邻里噪音", channel=Channel.WALK_IN, category_id=world.ids[category],
        grid_id=world.ids["east_grid"] if who != "west_desk" else world.ids["west_grid"],
        parties=(NewParty(PartyRole.APPLICANT, "张三", phone="13812345678"),),
    )  # fmt: skip
    with factory.begin() as session:
        return register_case(session=session, principal=world.principals[who], new=new,
                             now=at).case_id  # fmt: skip


def _rows(factory) -> tuple[dict, dict]:
    with factory() as session:
        conn = session.connection()
        return report_rollup.stored(conn), report_rollup.recount(conn)


def test_hand_worked_rows(env):
    """Accepted Mon 21 Sep, resolved on Wed 23 Sep (2 working days), satisfied on Thu 24."""
    factory, world = env
    ids, p = world.ids, world.principals
    cid = _register(factory, world, "desk", "neighbour", T0)
    with factory.begin() as s:
        workflow.accept(session=s, principal=p["desk"], case_id=cid, now=T0)
        workflow.resolve_on_spot(
            session=s,
            principal=p["desk"],
            case_id=cid,
            result=Result.MEDIATED,
            now=local(2026, 9, 23, 10, 0),
        )
        workflow.follow_up(
            session=s,
            principal=p["desk"],
            case_id=cid,
            satisfaction=Satisfaction.SATISFIED,
            now=local(2026, 9, 24, 10, 0),
        )
    stored, _ = _rows(factory)
    street = ("street", ids["county"], ids["east"], str(ids["east"]))
    at = {day: stored[(street[0], report_rollup.day_number(day), *street[1:])] for day in
          (date(2026, 9, 21), date(2026, 9, 23), date(2026, 9, 24))}  # fmt: skip
    week_month_year = {"accepted_resolved_week": 1, "accepted_resolved_month": 1,
                       "accepted_resolved_year": 1}  # fmt: skip
    assert at[date(2026, 9, 21)] == {"accepted": 1, **week_month_year}
    assert at[date(2026, 9, 23)] == {
        "resolved": 1, "resolved_on_time": 1, "disputes_resolved": 1, "disputes_solved": 1,
        "mediation_tried": 1, "mediated": 1, "timed": 1, "working_days": 2,
    }  # fmt: skip
    assert at[date(2026, 9, 24)] == {"followed_up": 1, "satisfied": 1}
    # The same counts under its top category (矛盾纠纷), channel and 未派单.
    for dimension, key in (("category", str(ids["dispute"])), ("channel", "walk_in"),
                           ("department", "")):  # fmt: skip
        row = stored[
            (
                dimension,
                report_rollup.day_number(date(2026, 9, 23)),
                ids["county"],
                ids["east"],
                key,
            )
        ]
        assert row["working_days"] == 2 and row["mediated"] == 1
    # Its deadline (30 days after acceptance) was never passed: no overdue rows.
    assert not any("overdue_start" in v for v in stored.values())


def test_overdue_rows_start_at_the_deadline_and_stop_at_the_resolution(env):
    factory, world = env
    p = world.principals
    cid = _register(factory, world, "desk", "neighbour", T0)
    with factory.begin() as s:
        workflow.accept(session=s, principal=p["desk"], case_id=cid, now=T0)
        due = s.get(Case, cid).due_at
    with factory.begin() as s:
        workflow.resolve_on_spot(
            session=s,
            principal=p["desk"],
            case_id=cid,
            result=Result.SOLVED,
            now=due + timedelta(days=3),
        )
    stored, recount = _rows(factory)
    assert stored == recount
    starts = {k[1]: v["overdue_start"] for k, v in stored.items()
              if k[0] == "street" and "overdue_start" in v}  # fmt: skip
    stops = {k[1]: v["overdue_stop"] for k, v in stored.items()
             if k[0] == "street" and "overdue_stop" in v}  # fmt: skip
    assert starts == {
        report_rollup.day_number(date(2026, 10, 21)): 1
    }  # 30 calendar days after 21 Sep
    assert stops == {report_rollup.day_number(date(2026, 10, 24)): 1}


# What to try on a case in each status (a refused action writes nothing and is fine too).
ACTIONS = {
    Status.REGISTERED: ("accept", "accept", "accept", "accept", "reject", "merge", "edit"),
    Status.ACCEPTED: ("dispatch", "dispatch", "on_spot", "suspend", "resume", "merge", "edit"),
    Status.DISPATCHED: ("sign", "sign", "sign", "recall", "return"),
    Status.IN_PROGRESS: (
        "resolve",
        "resolve",
        "extension",
        "extension",
        "suspend",
        "resume",
        "return",
    ),
    Status.RESOLVED: ("follow_up", "follow_up", "reopen"),
}


def test_random_actions_keep_the_rollup_equal_to_a_recount(env):
    factory, world = env
    ids, p = world.ids, world.principals
    rng = random.Random(14)
    now = T0
    cases: list[int] = []
    done = {}
    for step in range(200):  # about 3 s a database
        now += timedelta(hours=rng.choice((1, 5, 20, 50)))
        with factory() as s:
            status = dict(s.execute(select(Case.id, Case.status)).all())
        active = [c for c in cases if status[c] in ACTIONS]
        cid = rng.choice(active if active and rng.random() < 0.9 else cases or [None])
        action = rng.choice(ACTIONS.get(status.get(cid), ("register",)))
        if len(active) < 4 or rng.random() < 0.08:
            action = "register"
        if action == "register":
            who = rng.choice(("desk", "east_desk", "west_desk"))
            category = rng.choice(("neighbour", "labour", "livelihood", "petition"))
            cases.append(_register(factory, world, who, category, now))
            done[action] = done.get(action, 0) + 1
            continue
        try:
            with factory.begin() as s:
                _act(s, action, cid, rng, ids, p, now, cases)
            done[action] = done.get(action, 0) + 1
        except GovDeskError:
            pass  # not allowed in the case's state: nothing written
        if step % 35 == 34:
            stored, recount = _rows(factory)
            assert stored == recount, f"after step {step} ({action})"
    stored, recount = _rows(factory)
    assert stored == recount
    assert recount  # and it counts something
    # The bulk build (SQL, what upgrade and the demo loader run) counts the same rows.
    with factory.begin() as s:
        report_rollup.rebuild(s.connection())
    assert _rows(factory)[0] == recount
    # the sequence exercised the actions that move figures
    for kind in ("accept", "dispatch", "resolve", "follow_up", "reopen", "merge", "extension"):
        assert done.get(kind, 0) > 0, (kind, done)


def _act(s, action, cid, rng, ids, p, now, cases):
    def task(status=None, role=None):
        q = select(CaseTask).where(CaseTask.case_id == cid)
        found = [t for t in s.scalars(q) if (status is None or t.status == status)
                 and (role is None or t.role == role)]  # fmt: skip
        if not found:
            raise GovDeskError("test.no_task")
        return found[-1]

    department_user = {ids["justice"]: "justice", ids["labour_bureau"]: "labour",
                       ids["housing"]: "housing"}  # fmt: skip
    common = {"session": s, "case_id": cid, "now": now}
    if action == "accept":
        workflow.accept(principal=p["desk"], **common)
    elif action == "reject":
        workflow.reject(principal=p["desk"], reason="不属于受理范围", **common)
    elif action == "dispatch":
        lead = rng.choice((ids["justice"], ids["labour_bureau"]))
        dispatch.dispatch(principal=p["dispatcher"], lead_department_id=lead, **common)
    elif action == "recall":
        t = task(TaskStatus.DISPATCHED)
        dispatch.recall(principal=p["dispatcher"], task_id=t.id, note="派错", **common)
    elif action in ("sign", "return", "resolve"):
        t = task(TaskStatus.IN_PROGRESS if action == "resolve" else None)
        who = p[department_user[t.department_id]]
        if action == "sign":
            dispatch.sign(principal=who, task_id=t.id, **common)
        elif action == "return":
            dispatch.return_task(principal=who, task_id=t.id, reason="非本部门职责", **common)
        else:
            result = rng.choice(list(Result))
            dispatch.resolve(principal=who, task_id=t.id, result=result, **common)
    elif action == "on_spot":
        workflow.resolve_on_spot(principal=p["desk"], result=rng.choice(list(Result)), **common)
    elif action in ("follow_up", "reopen"):
        unhappy = action == "reopen"
        level = Satisfaction.UNSATISFIED if unhappy else rng.choice(list(Satisfaction))
        workflow.follow_up(principal=p["desk"], satisfaction=level, reopen=unhappy, **common)
    elif action == "suspend":
        workflow.suspend(principal=p["supervisor"], reason="等待鉴定", **common)
    elif action == "resume":
        workflow.resume(principal=p["supervisor"], **common)
    elif action == "extension":
        t = task(TaskStatus.IN_PROGRESS)
        who = p[department_user[t.department_id]]
        extensions.request_extension(
            principal=who,
            task_id=t.id,
            reason="需要鉴定",
            requested_due=now + timedelta(days=40),
            **common,
        )
        s.flush()
        request = s.scalars(select(ExtensionRequest).where(ExtensionRequest.case_id == cid)
                            .order_by(ExtensionRequest.id.desc())).first()  # fmt: skip
        extensions.approve_extension(principal=p["supervisor"], request_id=request.id,
                                     **common)  # fmt: skip
    elif action == "merge":
        original = rng.choice([c for c in cases if c != cid])
        workflow.merge(principal=p["desk"], original_id=original, **common)
    elif action == "edit":
        case = s.get(Case, cid)
        if case.status not in (Status.REGISTERED, Status.ACCEPTED):
            raise GovDeskError("test.not_editable")
        category = rng.choice(("neighbour", "labour", "livelihood"))
        case_edit.edit_case(
            principal=p["desk"], expected_version=case.version, category_id=ids[category], **common
        )


def test_a_calendar_change_recounts_the_working_days(env):
    """A holiday entered on Tue 22 Sep leaves one working day between 21 and 23 Sep."""
    factory, world = env
    p = world.principals
    cid = _register(factory, world, "desk", "neighbour", T0)
    with factory.begin() as s:
        workflow.accept(session=s, principal=p["desk"], case_id=cid, now=T0)
        workflow.resolve_on_spot(
            session=s, principal=p["desk"], case_id=cid, result=Result.SOLVED,
            now=local(2026, 9, 23, 10, 0),
        )  # fmt: skip
    with factory.begin() as s:
        calendar_days.set_days(session=s, entries=[DayEntry(date(2026, 9, 22), DayKind.HOLIDAY)])
    stored, recount = _rows(factory)
    assert stored == recount
    key = ("street", report_rollup.day_number(date(2026, 9, 23)), world.ids["county"],
           world.ids["east"], str(world.ids["east"]))  # fmt: skip
    assert stored[key]["working_days"] == 1
