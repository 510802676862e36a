"""一窗受理 in the core: save-as variants in one transaction, anonymity, 工单号, refusals.

Every refusal names its field and leaves the database as it was (counted afterwards).
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from desktop.db.models import Case, CaseEvent, CaseParty, CaseWorkOrder
from desktop.domain.enums import Channel, EventKind, PartyRole, Result, Status
from desktop.errors import GovDeskError
from desktop.services.intake import NewCase, NewParty, SaveAs, register_case
from tests.db.world import build_world, local

NOW = local(2026, 10, 20, 10, 0)
GOOD_ID = "159901199001010022"  # Σ digit×weight = 274, 274 mod 11 = 10 → check "2"
APPLICANT = NewParty(PartyRole.APPLICANT, "张三", phone="13812345678", id_number=GOOD_ID)
RESPONDENT = NewParty(PartyRole.RESPONDENT, "李四", phone="0471-1234567", address="2号楼")


@pytest.fixture
def env(session_factory):
    with session_factory.begin() as session:
        world = build_world(session)
    return session_factory, world


def new_case(world, **fields) -> NewCase:
    base = dict(
        title="楼上漏水",
        channel=Channel.WALK_IN,
        category_id=world.ids["neighbour"],
        grid_id=world.ids["east_grid"],
        parties=(APPLICANT, RESPONDENT),
    )
    return NewCase(**{**base, **fields})


def save(env, who="desk", **options):
    factory, world = env
    new = options.pop("new", None) or new_case(world)
    with factory.begin() as session:
        return register_case(
            session=session, principal=world.principals[who], new=new, now=NOW, **options
        )


def counts(env):
    with env[0]() as session:
        return tuple(
            session.scalar(select(func.count()).select_from(t))
            for t in (Case, CaseParty, CaseEvent)
        )


def events(env, case_id):
    with env[0]() as session:
        return session.execute(
            select(CaseEvent.kind, CaseEvent.to_status)
            .where(CaseEvent.case_id == case_id)
            .order_by(CaseEvent.seq)
        ).all()


def test_register_saves_the_parties_as_typed_and_normalised(env):
    saved = save(env)
    with env[0]() as session:
        case = session.get(Case, saved.case_id)
        parties = session.execute(
            select(
                CaseParty.role,
                CaseParty.name,
                CaseParty.phone,
                CaseParty.id_number,
                CaseParty.address,
            )
            .where(CaseParty.case_id == saved.case_id)
            .order_by(CaseParty.id)
        ).all()
    assert (case.status, saved.status, saved.number) == (
        "registered",
        "registered",
        "云泽-2026-000001",
    )
    assert parties == [
        ("applicant", "张三", "13812345678", GOOD_ID, None),
        ("respondent", "李四", "0471-1234567", None, "2号楼"),
    ]
    assert events(env, saved.case_id) == [(EventKind.REGISTER, "registered")]


def test_register_and_accept_is_one_step_for_the_desk(env):
    saved = save(env, save_as=SaveAs.ACCEPT)
    with env[0]() as session:
        case = session.get(Case, saved.case_id)
    assert case.status == Status.ACCEPTED and case.accepted_at == NOW
    assert case.clock == "resolve"  # the 30-day mediation clock runs from 受理
    assert case.due_at == local(2026, 11, 19, 23, 59, 59)  # 30 days on, to the day's end
    assert events(env, saved.case_id) == [
        (EventKind.REGISTER, "registered"),
        (EventKind.ACCEPT, "accepted"),
    ]


def test_resolve_on_the_spot_registers_accepts_and_resolves(env):
    saved = save(env, save_as=SaveAs.RESOLVE_ON_SPOT, result=Result.MEDIATED, note="当场调解")
    with env[0]() as session:
        case = session.get(Case, saved.case_id)
    assert (case.status, case.result, case.resolved_at) == ("resolved", "mediated", NOW)
    assert events(env, saved.case_id) == [
        (EventKind.REGISTER, "registered"),
        (EventKind.ACCEPT, "accepted"),
        (EventKind.RESOLVE_ON_SPOT, "resolved"),
    ]


def test_resolve_on_the_spot_needs_a_result_and_saves_nothing_without(env):
    before = counts(env)
    with pytest.raises(GovDeskError) as err:
        save(env, save_as=SaveAs.RESOLVE_ON_SPOT)
    assert (err.value.code, err.value.params["field"]) == ("workflow.result_required", "result")
    assert counts(env) == before


def test_an_anonymous_hotline_caller_is_accepted(env):
    _, world = env
    caller = NewParty(PartyRole.APPLICANT, "", phone="13900001111", anonymous=True)
    saved = save(
        env,
        new=new_case(
            world, channel=Channel.HOTLINE_12345, parties=(caller,), work_order_no="GD20261020-0001"
        ),
    )
    with env[0]() as session:
        name = session.scalar(select(CaseParty.name).where(CaseParty.case_id == saved.case_id))
        number = session.scalar(
            select(CaseWorkOrder.number).where(CaseWorkOrder.case_id == saved.case_id)
        )
    assert (name, number) == ("", "GD20261020-0001")


@pytest.mark.parametrize(
    ("fields", "code", "field", "party"),
    [
        (
            {"parties": (NewParty(PartyRole.APPLICANT, "", anonymous=True),)},
            "intake.anonymous_channel",
            "party_name",
            1,
        ),
        (
            {"parties": (APPLICANT, NewParty(PartyRole.RESPONDENT, "  "))},
            "field.required",
            "party_name",
            2,
        ),
        (
            {"parties": (NewParty(PartyRole.APPLICANT, "张三", id_number="159901199001010023"),)},
            "id_number.checksum",
            "id_number",
            1,
        ),
        (
            {"parties": (APPLICANT, NewParty(PartyRole.RESPONDENT, "李四", phone="13812345"))},
            "phone.format",
            "phone",
            2,
        ),
        (
            {"parties": (NewParty(PartyRole.APPLICANT, "张三", phone="04711-1234567"),)},
            "phone.format",
            "phone",
            1,
        ),
        ({"title": "   "}, "field.required", "title", None),
        ({"people_count": 0}, "intake.people_count", "people_count", None),
        (
            {"received_at": NOW + timedelta(hours=1)},
            "intake.received_in_future",
            "received_at",
            None,
        ),
    ],
    ids=[
        "anonymous walk-in",
        "respondent without name",
        "ID checksum",
        "8-digit mobile",
        "5-digit area code",
        "empty title",
        "no people",
        "received tomorrow",
    ],
)
def test_bad_input_is_refused_naming_the_field_and_nothing_is_saved(
    env, fields, code, field, party
):
    _, world = env
    before = counts(env)
    with pytest.raises(GovDeskError) as err:
        save(env, new=new_case(world, **fields))
    assert (err.value.code, err.value.params.get("field"), err.value.params.get("party")) == (
        code,
        field,
        party,
    )
    assert counts(env) == before


def test_a_point_outside_the_street_is_refused(env):
    _, world = env
    before = counts(env)
    with pytest.raises(GovDeskError) as err:  # 110.15 E lies in the west street
        save(env, who="east_desk", new=new_case(world, grid_id=None, lat=40.05, lng=110.15))
    assert (err.value.code, err.value.params["field"]) == (
        "location.outside_jurisdiction",
        "location",
    )
    with pytest.raises(GovDeskError) as err:  # a grid of the other street, without a point
        save(env, who="east_desk", new=new_case(world, grid_id=world.ids["west_grid"]))
    assert (err.value.code, err.value.params["field"]) == ("location.outside_jurisdiction", "grid")
    assert counts(env) == before


def test_a_work_order_number_is_registered_once_per_center(env):
    _, world = env
    order = dict(channel=Channel.HOTLINE_12345, work_order_no="GD-778")
    first = save(env, new=new_case(world, **order))
    before = counts(env)
    with pytest.raises(GovDeskError) as err:
        save(env, new=new_case(world, **order))
    assert err.value.code == "intake.duplicate_work_order"
    assert err.value.params == {"field": "work_order_no", "value": "GD-778", "number": first.number}
    assert counts(env) == before
    other_center = save(env, who="east_desk", new=new_case(world, **order))
    assert other_center.number == "东城-2026-000001"  # another center's numbering
