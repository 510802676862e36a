"""编辑 on both databases: one event per correction, the category rule before and after 受理."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from desktop.db.models import Case, CaseEvent, CaseParty
from desktop.domain.enums import Channel, PartyRole
from desktop.errors import ConflictError, GovDeskError
from desktop.services import workflow
from desktop.services.case_edit import PartyChange, PartyRemoval, edit_case
from desktop.services.intake import NewCase, NewParty, register_case
from tests.db.world import build_world, local

T0 = local(2026, 9, 29, 10, 0)  # Tuesday before National Day


@pytest.fixture
def env(session_factory):
    with session_factory.begin() as session:
        world = build_world(session)
        cid = register_case(
            session=session,
            principal=world.principals["desk"],
            now=T0,
            new=NewCase(
                title="楼上漏水",
                channel=Channel.WALK_IN,
                category_id=world.ids["neighbour"],
                grid_id=world.ids["east_grid"],
                address="幸福路1号",
                parties=(NewParty(PartyRole.APPLICANT, "张三", phone="13812345678"),),
            ),
        ).case_id
    return session_factory, world, cid


def edit(env, who="desk", **changes):
    factory, world, cid = env
    with factory() as session:
        version = session.get(Case, cid).version
    with factory.begin() as session:
        return edit_case(
            session=session,
            principal=world.principals[who],
            case_id=cid,
            expected_version=version,
            now=T0,
            **changes,
        )


def state(env):
    factory, _, cid = env
    with factory() as session:
        case = session.get(Case, cid)
        edits = [
            json.loads(e.data) | {"note": e.note}
            for e in session.scalars(
                select(CaseEvent)
                .where(CaseEvent.case_id == cid, CaseEvent.kind == "edit")
                .order_by(CaseEvent.seq)
            )
        ]
        parties = session.scalars(
            select(CaseParty).where(CaseParty.case_id == cid).order_by(CaseParty.id)
        ).all()
        return case, edits, [(p.role, p.name, p.phone) for p in parties]


def test_each_change_is_an_event_with_before_and_after(env):
    edit(env, title="楼上漏水严重", address="幸福路2号", grid_id=env[1].ids["east_grid2"])
    case, edits, _ = state(env)
    assert (case.title, case.address, case.grid_id) == (
        "楼上漏水严重",
        "幸福路2号",
        env[1].ids["east_grid2"],
    )
    assert [(e["field"], e["from"], e["to"]) for e in edits] == [
        ("title", "楼上漏水", "楼上漏水严重"),
        ("address", "幸福路1号", "幸福路2号"),
        ("grid", "幸福社区第1网格", "幸福社区第2网格"),
    ]


def test_category_before_acceptance_restarts_the_acceptance_clock(env):
    case, _, _ = state(env)
    # Default rule: 3 working days after 9/29 → 9/30, (holidays 10/1–7), 10/8, 10/9
    assert case.due_at == local(2026, 10, 9, 23, 59, 59)
    edit(env, category_id=env[1].ids["petition"])
    case, edits, _ = state(env)
    # 信访: decide within 15 calendar days of receipt: 9/29 + 15 = 10/14
    assert case.due_at == local(2026, 10, 14, 23, 59, 59)
    assert (edits[0]["from"], edits[0]["to"], edits[0]["clock"]) == (
        "邻里纠纷",
        "信访",
        "restarted",
    )


def test_category_after_acceptance_keeps_the_running_deadline(env):
    factory, world, cid = env
    with factory.begin() as session:
        workflow.accept(session=session, principal=world.principals["desk"], case_id=cid, now=T0)
    # 矛盾纠纷: 30 days from acceptance on 9/29 → 10/29
    assert state(env)[0].due_at == local(2026, 10, 29, 23, 59, 59)
    edit(env, category_id=world.ids["petition"])
    case, edits, _ = state(env)
    assert case.due_at == local(2026, 10, 29, 23, 59, 59)
    assert case.category_id == world.ids["petition"]
    assert edits[-1]["clock"] == "kept"


def test_parties_added_corrected_and_removed_with_a_reason(env):
    factory, _, cid = env
    with factory() as session:
        zhang = session.scalar(select(CaseParty.id).where(CaseParty.case_id == cid))
    edit(
        env,
        parties=(
            PartyChange(None, PartyRole.RESPONDENT, "李四", phone="13900001111"),
            PartyChange(zhang, PartyRole.APPLICANT, "张三丰", phone="13812345678"),
        ),
    )
    _, edits, parties = state(env)
    assert parties == [
        ("applicant", "张三丰", "13812345678"),
        ("respondent", "李四", "13900001111"),
    ]
    assert edits[0]["op"] == "add" and edits[0]["to"]["name"] == "李四"
    assert edits[1]["op"] == "correct" and edits[1]["changes"] == {"name": ["张三", "张三丰"]}
    with pytest.raises(GovDeskError) as err:
        edit(env, removals=(PartyRemoval(zhang, " "),))
    assert (err.value.code, err.value.params) == ("workflow.note_required", {"field": "reason"})
    edit(env, removals=(PartyRemoval(zhang, "登记错误，非当事人"),))
    _, edits, parties = state(env)
    assert parties == [("respondent", "李四", "13900001111")]
    assert edits[-1]["op"] == "remove" and edits[-1]["from"]["name"] == "张三丰"
    assert edits[-1]["note"] == "登记错误，非当事人"


def test_bad_input_is_refused_and_nothing_is_written(env):
    factory, world, cid = env
    before = state(env)
    bad_phone = PartyChange(None, PartyRole.THIRD_PARTY, "王五", phone="12345")
    for changes, code in [
        ({"title": "新标题", "parties": (bad_phone,)}, "phone.format"),
        ({"title": "   "}, "workflow.note_required"),
        ({}, "edit.nothing_changed"),
    ]:
        with pytest.raises(GovDeskError) as err:
            edit(env, **changes)
        assert err.value.code == code
    assert state(env)[1:] == before[1:] and state(env)[0].title == "楼上漏水"
    with pytest.raises(GovDeskError) as err:  # a street desk cannot move it to another street
        edit(env, who="east_desk", grid_id=world.ids["west_grid"])
    assert err.value.code == "location.outside_jurisdiction"
    assert state(env)[0].grid_id == world.ids["east_grid"]


def test_stale_edit_is_a_conflict(env):
    factory, world, cid = env
    with pytest.raises(ConflictError):
        with factory.begin() as session:
            edit_case(
                session=session,
                principal=world.principals["desk"],
                case_id=cid,
                expected_version=0,
                title="旧版本上的修改",
            )
    assert state(env)[0].title == "楼上漏水"


def test_point_is_checked_against_the_editors_jurisdiction(env):
    factory, world, cid = env
    edit(env, point=(40.05, 110.05))
    case, edits, _ = state(env)
    assert (case.lat, case.lng) == (40.05, 110.05)
    assert (edits[-1]["field"], edits[-1]["from"], edits[-1]["to"]) == (
        "point",
        None,
        "40.050000,110.050000",
    )
    with pytest.raises(GovDeskError) as err:  # 110.15 lies in 西城, outside 东城's desk
        edit(env, who="east_desk", point=(40.05, 110.15))
    assert err.value.code == "location.outside_jurisdiction"
    assert (state(env)[0].lat, state(env)[0].lng) == (40.05, 110.05)
