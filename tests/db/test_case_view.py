"""A case as screens see it: parties masked, reveals by role only and logged."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from desktop.db.models import CaseEvent, CaseParty
from desktop.domain.enums import Channel, PartyRole
from desktop.errors import GovDeskError
from desktop.services import dispatch, workflow
from desktop.services.case_view import case_detail, reveal_party
from desktop.services.intake import NewCase, NewParty, register_case
from tests.db.world import build_world, local

T0 = local(2026, 10, 12, 9, 0)


@pytest.fixture
def petition_case(session_factory):
    with session_factory.begin() as session:
        world = build_world(session)
        p = world.principals
        cid = register_case(
            session=session, principal=p["desk"], now=T0,
            new=NewCase(title="反映拆迁补偿", channel=Channel.WALK_IN,
                        category_id=world.ids["petition"], grid_id=world.ids["east_grid"],
                        parties=(NewParty(PartyRole.APPLICANT, "巴特尔·朝鲁",
                                          phone="13812345678",
                                          id_number="11010519491231002X"),)),
        ).case_id
        workflow.accept(session=session, principal=p["desk"], case_id=cid, now=T0)
        dispatch.dispatch(session=session, principal=p["dispatcher"], case_id=cid,
                          lead_department_id=world.ids["housing"], now=T0)
        party_id = session.scalar(select(CaseParty.id).where(CaseParty.case_id == cid))
    return session_factory, world, cid, party_id


def test_parties_are_masked_until_revealed_and_reveals_are_logged(petition_case):
    factory, world, cid, party_id = petition_case
    with factory() as session:
        detail = case_detail(session=session, principal=world.principals["desk"], case_id=cid,
                             now=T0)
    party = detail.parties[0]
    assert (party.name, party.phone, party.id_number) == (
        "巴*****", "138****5678", "110105********002X")
    assert party.may_reveal is True
    # 信访: accept decision within 15 days of receipt, finish within 60 days of acceptance
    assert detail.due_at == local(2026, 12, 11, 23, 59, 59)
    with factory.begin() as session:
        shown = reveal_party(session=session, principal=world.principals["desk"], case_id=cid,
                             party_id=party_id, now=T0)
    assert (shown.name, shown.phone) == ("巴特尔·朝鲁", "13812345678")
    with factory() as session:
        last = session.scalars(select(CaseEvent).where(CaseEvent.case_id == cid)
                               .order_by(CaseEvent.seq.desc())).first()
        assert (last.kind, last.actor_id) == ("reveal", world.ids["user_desk"])


def test_the_department_complained_about_never_sees_the_petitioner(petition_case):
    factory, world, cid, party_id = petition_case
    housing = world.principals["housing"]
    with factory() as session:
        detail = case_detail(session=session, principal=housing, case_id=cid, now=T0)
    assert detail.parties[0].phone == "138****5678" and detail.parties[0].may_reveal is False
    with factory.begin() as session, pytest.raises(GovDeskError) as err:
        reveal_party(session=session, principal=housing, case_id=cid, party_id=party_id)
    assert err.value.code == "privacy.forbidden"
