"""The case workflow on real SQLite and PostgreSQL databases, values worked out by hand."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from desktop.db.models import Case, CaseEvent, CaseTask
from desktop.domain.enums import Channel, PartyRole, Result, Satisfaction, Status, TaskStatus
from desktop.errors import ConflictError, GovDeskError
from desktop.services import case_edit, dispatch, extensions, workflow
from desktop.services.intake import NewCase, NewParty, register_case
from tests.db.world import build_world, local

T0 = local(2026, 9, 29, 10, 0)  # a Tuesday, just before the National Day holiday


@pytest.fixture
def env(session_factory):
    with session_factory.begin() as session:
        world = build_world(session)
    return session_factory, world


def run(factory, fn, **kwargs):
    with factory.begin() as session:
        return fn(session=session, **kwargs)


def register(env, who="desk", category="neighbour", at=T0, **extra):
    factory, world = env
    new = NewCase(
        title="楼上漏水", channel=Channel.WALK_IN, category_id=world.ids[category],
        grid_id=extra.pop("grid_id", world.ids["east_grid"]),
        parties=(NewParty(PartyRole.APPLICANT, "张三", phone="13812345678"),), **extra,
    )
    return run(factory, register_case, principal=world.principals[who], new=new, now=at)


def case_row(env, case_id):
    with env[0]() as session:
        return session.get(Case, case_id)


def events(env, case_id):
    with env[0]() as session:
        rows = session.scalars(select(CaseEvent).where(CaseEvent.case_id == case_id)
                               .order_by(CaseEvent.seq)).all()
        return [(e.kind, e.from_status, e.to_status) for e in rows]


def tasks(env, case_id):
    with env[0]() as session:
        return {t.department_id: t for t in session.scalars(
            select(CaseTask).where(CaseTask.case_id == case_id))}


def act(env, fn, who, case_id, **kwargs):
    return run(env[0], fn, principal=env[1].principals[who], case_id=case_id, **kwargs)


def refused(env, code, fn, who, case_id, **kwargs):
    with pytest.raises(GovDeskError) as err:
        act(env, fn, who, case_id, **kwargs)
    assert err.value.code == code, err.value


def test_numbers_are_per_center_and_year_and_never_reused(env):
    first = register(env, who="east_desk")
    second = register(env, who="east_desk")
    county = register(env, who="desk")
    assert (first.number, second.number) == ("东城-2026-000001", "东城-2026-000002")
    assert county.number == "云泽-2026-000001"
    next_year = register(env, who="east_desk", at=local(2027, 1, 2, 9, 0))
    assert next_year.number == "东城-2027-000001"


def test_register_starts_the_accept_clock_across_national_day(env):
    reg = register(env)  # default rule: decide within 3 working days
    case = case_row(env, reg.case_id)
    assert case.status == Status.REGISTERED
    # 9/30 (1), 10/1–10/7 holidays, 10/8 (2), 10/9 (3)
    assert case.due_at == local(2026, 10, 9, 23, 59, 59)
    assert case.due_provisional is False
    assert case.street_id == env[1].ids["east"] and case.county_id == env[1].ids["county"]
    assert events(env, reg.case_id) == [("register", None, "registered")]


def test_happy_path_with_lead_and_assist(env):
    ids = env[1].ids
    reg = register(env, category="livelihood")
    cid = reg.case_id
    act(env, workflow.accept, "desk", cid, now=T0 + timedelta(minutes=5))
    act(env, dispatch.dispatch, "dispatcher", cid, lead_department_id=ids["justice"],
        assist_department_ids=[ids["labour_bureau"]], now=local(2026, 9, 30, 16, 0))
    by_dept = tasks(env, cid)
    lead, assist = by_dept[ids["justice"]], by_dept[ids["labour_bureau"]]
    assert lead.assignee_id == ids["justice_staff"]  # the on-site staff member by default
    assert lead.due_at == local(2026, 10, 8, 23, 59, 59)  # sign within 1 working day
    act(env, dispatch.sign, "justice", cid, task_id=lead.id, now=local(2026, 10, 8, 9, 0))
    act(env, dispatch.sign, "labour", cid, task_id=assist.id, now=local(2026, 10, 8, 9, 30))
    lead = tasks(env, cid)[ids["justice"]]
    # 5 working days from the dispatch on 9/30: 10/8, 10/9, 10/10 (make-up Saturday), 10/12, 10/13
    assert lead.due_at == local(2026, 10, 13, 23, 59, 59)
    assert case_row(env, cid).due_at == local(2026, 10, 13, 23, 59, 59)
    refused(env, "workflow.assists_pending", dispatch.resolve, "justice", cid, task_id=lead.id,
            result=Result.MEDIATED)
    act(env, dispatch.report, "labour", cid, task_id=assist.id, note="已核实工资发放")
    act(env, dispatch.resolve, "justice", cid, task_id=lead.id, result=Result.MEDIATED,
        now=local(2026, 10, 9, 10, 0))
    act(env, workflow.follow_up, "desk", cid, satisfaction=Satisfaction.SATISFIED)
    case = case_row(env, cid)
    assert case.status == Status.CLOSED and case.result == Result.MEDIATED
    assert case.first_resolved_at == local(2026, 10, 9, 10, 0)
    assert [e[0] for e in events(env, cid)] == [
        "register", "accept", "dispatch", "sign", "sign", "report", "resolve", "follow_up"]
    assert events(env, cid)[2][1:] == ("accepted", "dispatched")
    assert events(env, cid)[3][1:] == ("dispatched", "in_progress")


def test_roles_and_departments_are_checked(env):
    ids = env[1].ids
    cid = register(env).case_id
    refused(env, "workflow.forbidden_role", workflow.accept, "justice", cid)
    act(env, workflow.accept, "desk", cid)
    refused(env, "workflow.bad_transition", workflow.accept, "desk", cid)
    refused(env, "workflow.forbidden_role", dispatch.dispatch, "desk", cid,
            lead_department_id=ids["justice"])
    act(env, dispatch.dispatch, "dispatcher", cid, lead_department_id=ids["justice"])
    lead = tasks(env, cid)[ids["justice"]]
    refused(env, "workflow.wrong_department", dispatch.sign, "labour", cid, task_id=lead.id)
    refused(env, "workflow.duplicate_department", dispatch.dispatch, "dispatcher", cid,
            lead_department_id=None, assist_department_ids=[ids["justice"]])


def test_refusal_writes_nothing(env):
    cid = register(env).case_id
    before = events(env, cid)
    refused(env, "workflow.note_required", workflow.reject, "desk", cid, reason="  ")
    assert events(env, cid) == before
    assert case_row(env, cid).status == Status.REGISTERED


def test_reject_with_reason(env):
    cid = register(env).case_id
    act(env, workflow.reject, "desk", cid, reason="不属于本中心受理范围")
    assert case_row(env, cid).status == Status.REJECTED
    assert events(env, cid)[-1] == ("reject", "registered", "rejected")


def test_recall_before_sign_then_redispatch(env):
    ids = env[1].ids
    cid = register(env).case_id
    act(env, workflow.accept, "desk", cid)
    act(env, dispatch.dispatch, "dispatcher", cid, lead_department_id=ids["justice"])
    lead = tasks(env, cid)[ids["justice"]]
    act(env, dispatch.recall, "dispatcher", cid, task_id=lead.id, note="派错部门")
    assert case_row(env, cid).status == Status.ACCEPTED
    assert tasks(env, cid)[ids["justice"]].status == TaskStatus.RECALLED
    act(env, dispatch.dispatch, "dispatcher", cid, lead_department_id=ids["labour_bureau"])
    new_lead = tasks(env, cid)[ids["labour_bureau"]]
    act(env, dispatch.sign, "labour", cid, task_id=new_lead.id)
    refused(env, "workflow.task_signed", dispatch.recall, "dispatcher", cid, task_id=new_lead.id)


def test_lead_return_goes_back_to_dispatcher_assist_return_drops_only_it(env):
    ids = env[1].ids
    cid = register(env).case_id
    act(env, workflow.accept, "desk", cid)
    act(env, dispatch.dispatch, "dispatcher", cid, lead_department_id=ids["justice"],
        assist_department_ids=[ids["labour_bureau"], ids["housing"]])
    t = tasks(env, cid)
    act(env, dispatch.return_task, "housing", cid, task_id=t[ids["housing"]].id,
        reason="不涉及住建职责")
    t = tasks(env, cid)
    assert t[ids["housing"]].status == TaskStatus.RETURNED
    assert case_row(env, cid).status == Status.DISPATCHED
    act(env, dispatch.return_task, "justice", cid, task_id=t[ids["justice"]].id,
        reason="应由人社局主办")
    t = tasks(env, cid)
    assert case_row(env, cid).status == Status.ACCEPTED
    assert t[ids["justice"]].status == TaskStatus.RETURNED
    assert t[ids["labour_bureau"]].status == TaskStatus.RECALLED


def test_extension_request_and_approval(env):
    ids = env[1].ids
    cid = register(env).case_id
    act(env, workflow.accept, "desk", cid, now=T0)
    act(env, dispatch.dispatch, "dispatcher", cid, lead_department_id=ids["justice"], now=T0)
    lead = tasks(env, cid)[ids["justice"]]
    act(env, dispatch.sign, "justice", cid, task_id=lead.id, now=T0)
    # 邻里纠纷 has no rule of its own: 矛盾纠纷's 30 days from acceptance → 10/29
    assert case_row(env, cid).due_at == local(2026, 10, 29, 23, 59, 59)
    wanted = local(2026, 11, 15, 23, 59, 59)
    act(env, extensions.request_extension, "justice", cid, task_id=lead.id,
        requested_due=wanted, reason="需等待鉴定结果", now=T0 + timedelta(days=1))
    refused(env, "workflow.forbidden_role", extensions.approve_extension, "dispatcher", cid,
            request_id=1)
    with env[0]() as session:
        from desktop.db.models import ExtensionRequest

        request_id = session.scalar(select(ExtensionRequest.id))
    act(env, extensions.approve_extension, "supervisor", cid, request_id=request_id,
        now=T0 + timedelta(days=2))
    assert case_row(env, cid).due_at == wanted
    assert tasks(env, cid)[ids["justice"]].due_at == wanted
    refused(env, "workflow.no_pending_extension", extensions.deny_extension, "supervisor", cid,
            request_id=request_id, note="重复审批")


def test_suspend_stops_the_clock(env):
    cid = register(env).case_id
    act(env, workflow.accept, "desk", cid, now=T0)
    due = case_row(env, cid).due_at
    act(env, workflow.suspend, "supervisor", cid, reason="等待法院判决", now=T0 + timedelta(days=1))
    refused(env, "workflow.already_suspended", workflow.suspend, "supervisor", cid, reason="x")
    act(env, workflow.resume, "supervisor", cid, now=T0 + timedelta(days=3, hours=6))
    case = case_row(env, cid)
    assert case.due_at == due + timedelta(days=2, hours=6)
    assert case.paused_seconds == (2 * 24 + 6) * 3600


def test_unsatisfied_follow_up_reopens_and_keeps_first_resolution(env):
    cid = register(env).case_id
    act(env, workflow.accept, "desk", cid, now=T0)
    act(env, workflow.resolve_on_spot, "desk", cid, result=Result.SOLVED,
        now=T0 + timedelta(hours=1))
    act(env, workflow.follow_up, "desk", cid, satisfaction=Satisfaction.UNSATISFIED, reopen=True,
        note="问题仍未解决", now=T0 + timedelta(days=2))
    case = case_row(env, cid)
    assert case.status == Status.ACCEPTED
    assert case.first_resolved_at == T0 + timedelta(hours=1)
    assert case.resolved_at is None
    assert [e[0] for e in events(env, cid)][-2:] == ["follow_up", "reopen"]


def test_merge_repeats_raises_risk_and_closes_with_original(env):
    original = register(env).case_id
    repeats = [register(env).case_id for _ in range(3)]
    for number, rid in enumerate(repeats, start=1):
        act(env, workflow.merge, "desk", rid, original_id=original)
        expected = "orange" if number >= 3 else "normal"
        assert case_row(env, original).risk == expected
    refused(env, "workflow.merge_self", workflow.merge, "desk", original, original_id=original)
    act(env, workflow.accept, "desk", original)
    act(env, workflow.resolve_on_spot, "desk", original, result=Result.SOLVED)
    for rid in repeats:
        row = case_row(env, rid)
        assert (row.status, row.result, row.repeat_of_id) == ("resolved", "solved", original)
        assert events(env, rid)[-1] == ("close_with_original", "registered", "resolved")


def test_stale_version_is_a_conflict(env):
    cid = register(env).case_id
    version = case_row(env, cid).version
    act(env, case_edit.edit_case, "desk", cid, expected_version=version, title="楼上漏水严重")
    with pytest.raises(ConflictError):
        act(env, case_edit.edit_case, "desk", cid, expected_version=version, title="另一标题")
    assert case_row(env, cid).title == "楼上漏水严重"


def test_other_street_cannot_see_or_act(env):
    cid = register(env, who="east_desk").case_id
    refused(env, "workflow.not_found", workflow.accept, "west_desk", cid)
    act(env, workflow.accept, "east_desk", cid)


def test_department_sees_case_through_its_task(env):
    ids = env[1].ids
    cid = register(env).case_id  # in 东城; the housing user belongs to 西城
    refused(env, "workflow.not_found", workflow.add_note, "housing", cid, note="查看")
    act(env, workflow.accept, "desk", cid)
    act(env, dispatch.dispatch, "dispatcher", cid, lead_department_id=ids["housing"])
    act(env, dispatch.sign, "housing", cid, task_id=tasks(env, cid)[ids["housing"]].id)


def test_point_outside_jurisdiction_refused_outside_grid_warned(env):
    with pytest.raises(GovDeskError) as err:
        register(env, who="east_desk", lat=40.05, lng=110.15)  # in 西城
    assert err.value.code == "location.outside_jurisdiction"
    warned = register(env, who="east_desk", lat=40.15, lng=110.05)  # 第2网格, not 第1
    assert warned.warnings == ("location.outside_grid",)
    located = register(env, who="east_desk", grid_id=None, lat=40.15, lng=110.05)
    assert case_row(env, located.case_id).grid_id == env[1].ids["east_grid2"]


def test_bad_party_data_refused_with_field(env):
    factory, world = env
    new = NewCase(title="欠薪", channel=Channel.PHONE, category_id=world.ids["labour"],
                  grid_id=world.ids["east_grid"],
                  parties=(NewParty(PartyRole.APPLICANT, "李四", id_number="110105194912310021"),))
    with pytest.raises(GovDeskError) as err:
        run(factory, register_case, principal=world.principals["desk"], new=new, now=T0)
    assert err.value.code == "id_number.checksum"
    with factory() as session:
        assert session.scalar(select(func.count()).select_from(Case)) == 0
