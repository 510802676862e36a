"""What the case view offers: the buttons per role and status, sub-task colours, related
cases, attachments, pending extensions, 派单 choices and assignees, on both databases."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from desktop.clock import CHINA
from desktop.db.models import CaseTask, CheckIn
from desktop.domain.enums import Channel, DeadlineColour, EventKind, PartyRole, Result
from desktop.errors import GovDeskError
from desktop.services import attachments, dispatch, extensions, workflow
from desktop.services.case_actions import available_actions
from desktop.services.case_view import case_detail
from desktop.services.dispatch_choices import dispatch_choices
from desktop.services.intake import NewCase, NewParty, register_case
from tests.db.world import build_world, local

T0 = local(2026, 9, 29, 10, 0)
K = EventKind


@pytest.fixture
def env(session_factory):
    with session_factory.begin() as session:
        world = build_world(session)
    return session_factory, world


def run(env, fn, who, **kwargs):
    factory, world = env
    with factory.begin() as session:
        return fn(session=session, principal=world.principals[who], **kwargs)


def new_case(env, category="neighbour", title="楼上漏水"):
    _, world = env
    new = NewCase(
        title=title,
        channel=Channel.WALK_IN,
        category_id=world.ids[category],
        grid_id=world.ids["east_grid"],
        parties=(NewParty(PartyRole.APPLICANT, "张三", phone="13812345678"),),
    )
    return run(env, register_case, "desk", new=new, now=T0).case_id


def task_ids(env, cid):
    with env[0]() as session:
        return {
            t.department_id: t.id
            for t in session.scalars(select(CaseTask).where(CaseTask.case_id == cid))
        }


def detail(env, who, cid, now=T0):
    return run(env, case_detail, who, case_id=cid, now=now)


def offered(env, who, cid):
    return available_actions(detail(env, who, cid), env[1].principals[who])


COMMON = {K.NOTE, K.ATTACH}
# Worked out from the workflow in DOMAIN.md: who may do what on a case in each status.
TABLE = {
    "registered": {
        "desk": COMMON | {K.ACCEPT, K.REJECT, K.MERGE, K.EDIT},
        "dispatcher": COMMON
        | {K.ACCEPT, K.REJECT, K.MERGE, K.EDIT, K.SET_LEVEL, K.REQUEST_EXTENSION},
        "supervisor": COMMON
        | {K.ACCEPT, K.REJECT, K.MERGE, K.EDIT, K.SET_LEVEL, K.REQUEST_EXTENSION, K.SUPERVISE},
        "justice": COMMON,
    },
    "accepted": {
        "desk": COMMON | {K.RESOLVE_ON_SPOT, K.MERGE, K.EDIT},
        "dispatcher": COMMON
        | {K.RESOLVE_ON_SPOT, K.MERGE, K.EDIT, K.SET_LEVEL, K.DISPATCH, K.REQUEST_EXTENSION},
        "supervisor": COMMON
        | {
            K.RESOLVE_ON_SPOT,
            K.MERGE,
            K.EDIT,
            K.SET_LEVEL,
            K.DISPATCH,
            K.REQUEST_EXTENSION,
            K.SUPERVISE,
            K.SUSPEND,
        },
    },
    "dispatched": {
        "desk": COMMON | {K.EDIT},
        "dispatcher": COMMON | {K.EDIT, K.DISPATCH, K.RECALL, K.ASSIGN, K.REQUEST_EXTENSION},
        "justice": COMMON | {K.SIGN, K.RETURN, K.ASSIGN, K.REQUEST_EXTENSION},
        "labour": COMMON | {K.SIGN, K.RETURN, K.ASSIGN, K.REQUEST_EXTENSION},
        "housing": set(),  # another street's department with no task: cannot see it at all
    },
    "in_progress": {
        "justice": COMMON | {K.RETURN, K.RESOLVE, K.ASSIGN, K.REQUEST_EXTENSION},
        "labour": COMMON | {K.RETURN, K.REPORT, K.ASSIGN, K.REQUEST_EXTENSION},
        "supervisor": COMMON
        | {K.EDIT, K.DISPATCH, K.ASSIGN, K.REQUEST_EXTENSION, K.SUPERVISE, K.SUSPEND},
    },
    "resolved": {
        "desk": {K.FOLLOW_UP, K.ATTACH},
        "justice": {K.ATTACH},
        "supervisor": {K.FOLLOW_UP, K.ATTACH},
    },
    "closed": {"desk": set(), "justice": set()},
}


def test_buttons_per_role_and_status(env):
    ids = env[1].ids
    cases = {"registered": new_case(env)}
    accepted = cases["accepted"] = new_case(env)
    run(env, workflow.accept, "desk", case_id=accepted)
    for status in ("dispatched", "in_progress", "resolved", "closed"):
        cid = cases[status] = new_case(env)
        run(env, workflow.accept, "desk", case_id=cid)
        run(
            env,
            dispatch.dispatch,
            "dispatcher",
            case_id=cid,
            lead_department_id=ids["justice"],
            assist_department_ids=[ids["labour_bureau"]],
        )
        if status == "dispatched":
            continue
        t = task_ids(env, cid)
        run(env, dispatch.sign, "justice", case_id=cid, task_id=t[ids["justice"]])
        run(env, dispatch.sign, "labour", case_id=cid, task_id=t[ids["labour_bureau"]])
        if status == "in_progress":
            continue
        run(
            env,
            dispatch.report,
            "labour",
            case_id=cid,
            task_id=t[ids["labour_bureau"]],
            note="已核实",
        )
        run(
            env,
            dispatch.resolve,
            "justice",
            case_id=cid,
            task_id=t[ids["justice"]],
            result=Result.MEDIATED,
        )
        if status == "closed":
            run(env, workflow.follow_up, "desk", case_id=cid, satisfaction="satisfied")
    for status, by_role in TABLE.items():
        for who, expected in by_role.items():
            if who == "housing":
                with pytest.raises(GovDeskError):
                    detail(env, who, cases[status])
                continue
            assert offered(env, who, cases[status]) == expected, (status, who)


def test_once_suspended_supervised_or_asked_the_offer_changes(env):
    cid = new_case(env)
    run(env, workflow.accept, "desk", case_id=cid, now=T0)
    run(env, workflow.suspend, "supervisor", case_id=cid, reason="等待鉴定", now=T0)
    run(env, workflow.supervise, "supervisor", case_id=cid, note="尽快办理", now=T0)
    run(
        env,
        extensions.request_extension,
        "dispatcher",
        case_id=cid,
        requested_due=local(2026, 11, 20, 23, 59, 59),
        reason="需等待鉴定",
        now=T0,
    )
    sup = offered(env, "supervisor", cid)
    assert K.RESUME in sup and K.SUSPEND not in sup and K.SUPERVISE not in sup
    assert K.APPROVE_EXTENSION in sup and K.REQUEST_EXTENSION not in sup
    view = detail(env, "supervisor", cid)
    assert [(r.reason, r.requested_due) for r in view.extension_requests] == [
        ("需等待鉴定", local(2026, 11, 20, 23, 59, 59))
    ]


def test_subtasks_have_their_own_deadline_colour(env):
    ids = env[1].ids
    cid = new_case(env, category="livelihood")
    run(env, workflow.accept, "desk", case_id=cid, now=T0)
    dispatched = local(2026, 9, 30, 16, 0)
    run(
        env,
        dispatch.dispatch,
        "dispatcher",
        case_id=cid,
        lead_department_id=ids["justice"],
        assist_department_ids=[ids["labour_bureau"], ids["housing"]],
        now=dispatched,
    )
    t = task_ids(env, cid)
    run(
        env,
        dispatch.sign,
        "justice",
        case_id=cid,
        task_id=t[ids["justice"]],
        now=local(2026, 10, 8, 9, 0),
    )
    # Sign within 1 working day of 9/30 16:00 → due 10/8 23:59:59; 80 % of that span from
    # 9/30 16:00 is 6 d 6 h 23 m 59.2 s later → warning at 10/7 22:23:59. On 10/8 12:00 the
    # unsigned assists are yellow; the lead, signed, runs 5 working days from the dispatch
    # (10/8, 10/9, 10/10 make-up Saturday, 10/12, 10/13) and is green.
    view = detail(env, "dispatcher", cid, now=local(2026, 10, 8, 12, 0))
    by_dept = {task.department_id: task for task in view.tasks}
    assert len(view.tasks) == 3
    assert by_dept[ids["justice"]].due_at == local(2026, 10, 13, 23, 59, 59)
    assert by_dept[ids["justice"]].colour == DeadlineColour.GREEN
    assert by_dept[ids["labour_bureau"]].due_at == local(2026, 10, 8, 23, 59, 59)
    assert by_dept[ids["labour_bureau"]].colour == DeadlineColour.YELLOW
    later = detail(env, "dispatcher", cid, now=local(2026, 10, 9, 0, 0))
    assert {t.department_id: t.colour for t in later.tasks}[ids["housing"]] == DeadlineColour.RED
    assert by_dept[ids["justice"]].assignee == "王调解"


def test_related_cases_and_attachments(env):
    original = new_case(env, title="原件")
    repeats = [new_case(env, title=f"重复{n}") for n in (1, 2)]
    for rid in repeats:
        run(env, workflow.merge, "desk", case_id=rid, original_id=original)
    view = detail(env, "desk", repeats[0])
    assert [(r.title, r.relation) for r in view.related] == [
        ("原件", "original"),
        ("重复2", "repeat"),
    ]
    assert [r.title for r in detail(env, "desk", original).related] == ["重复1", "重复2"]
    png = b"\x89PNG\r\n\x1a\n" + b"0" * 100
    run(
        env,
        attachments.attach,
        "desk",
        case_id=original,
        filename="现场.png",
        mime_type="image/png",
        content=png,
    )
    run(
        env,
        attachments.attach,
        "desk",
        case_id=original,
        filename="笔录.pdf",
        mime_type="application/pdf",
        content=b"%PDF-1.4",
    )
    files = detail(env, "desk", original).attachments
    assert [(f.filename, f.size, f.thumbnail is not None) for f in files] == [
        ("现场.png", 108, True),
        ("笔录.pdf", 8, False),
    ]


def test_dispatch_choices_follow_the_roster_on_site_then_on_call(env):
    factory, world = env
    ids = world.ids
    # Before anyone checks in: 人社局 is on call, 司法局 (no rota generated) and 住建局 away.
    choices = run(env, dispatch_choices, "dispatcher", now=T0)
    assert [(c.name, c.on_site) for c in choices] == [
        ("人社局", False),
        ("司法局", False),
        ("住建局", False),
    ]
    with factory.begin() as session:
        session.add(
            CheckIn(center_id=ids["county_center"], staff_id=ids["justice_staff"],
                    day=T0.astimezone(CHINA).date(), checked_in_at=T0, method="pin")
        )  # fmt: skip
    choices = run(env, dispatch_choices, "dispatcher", now=T0 + timedelta(hours=1))
    assert [(c.name, c.on_site, c.stationing) for c in choices] == [
        ("司法局", True, "permanent"),
        ("人社局", False, "on_call"),
        ("住建局", False, ""),
    ]
    assert (choices[0].person, choices[0].default_assignee_id) == ("王调解", ids["justice_staff"])
    assert choices[1].default_assignee_id == ids["labour_staff"]  # the on-call contact
    assert choices[2].default_assignee_id is None
    assert [s.name for s in choices[1].staff] == ["李仲裁"]


def test_assign_only_staff_of_the_tasks_department(env):
    ids = env[1].ids
    cid = new_case(env)
    run(env, workflow.accept, "desk", case_id=cid)
    run(
        env,
        dispatch.dispatch,
        "dispatcher",
        case_id=cid,
        lead_department_id=ids["justice"],
        assist_department_ids=[ids["labour_bureau"]],
    )
    t = task_ids(env, cid)
    with pytest.raises(GovDeskError) as err:
        run(
            env,
            dispatch.assign,
            "dispatcher",
            case_id=cid,
            task_id=t[ids["justice"]],
            staff_id=ids["labour_staff"],
        )
    assert (err.value.code, err.value.params) == (
        "workflow.assignee_not_in_department",
        {"field": "assignee"},
    )
    with pytest.raises(GovDeskError) as err:
        run(
            env,
            dispatch.assign,
            "justice",
            case_id=cid,
            task_id=t[ids["labour_bureau"]],
            staff_id=ids["labour_staff"],
        )
    assert err.value.code == "workflow.wrong_department"
    run(
        env,
        dispatch.assign,
        "labour",
        case_id=cid,
        department_id=ids["labour_bureau"],
        staff_id=ids["labour_staff"],
    )
    view = detail(env, "dispatcher", cid)
    assert view.events[-1].kind == "assign" and view.events[-1].data["assignee"] == "李仲裁"


def test_extension_dates_must_lie_ahead(env):
    cid = new_case(env)
    with pytest.raises(GovDeskError) as err:
        run(
            env,
            extensions.request_extension,
            "dispatcher",
            case_id=cid,
            requested_due=T0 - timedelta(days=1),
            reason="理由",
            now=T0,
        )
    assert (err.value.code, err.value.params) == ("field.date_in_past", {"field": "deadline"})
    assert [e.kind for e in detail(env, "desk", cid).events] == ["register"]
