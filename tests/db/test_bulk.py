"""Bulk actions: each case in its own transaction; a refused case is named with its reason."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from desktop.db.models import Case, CaseTask
from desktop.domain.enums import Channel, NamedQueue, PartyRole
from desktop.errors import GovDeskError
from desktop.services import bulk, claims, workflow
from desktop.services.case_edit import edit_case
from desktop.services.intake import NewCase, NewParty, register_case
from tests.db.world import build_world, local

T0 = local(2026, 9, 29, 10, 0)


@pytest.fixture
def env(session_factory):
    with session_factory.begin() as session:
        world = build_world(session)
        p = world.principals
        cids = []
        for n in range(4):
            cid = register_case(
                session=session,
                principal=p["desk"],
                now=T0,
                new=NewCase(
                    title=f"事项{n}",
                    channel=Channel.PHONE,
                    category_id=world.ids["neighbour"],
                    grid_id=world.ids["east_grid"],
                    parties=(NewParty(PartyRole.APPLICANT, "张三"),),
                ),
            ).case_id
            if n < 3:
                workflow.accept(session=session, principal=p["desk"], case_id=cid, now=T0)
            cids.append(cid)
    return session_factory, world, cids


def versions(factory, cids):
    with factory() as session:
        return dict(
            session.execute(
                select(Case.id, Case.version).where(Case.id.in_(cids)).order_by(Case.id)
            ).all()
        )


def statuses(factory, cids):
    with factory() as session:
        return [session.get(Case, c).status for c in cids]


def test_bulk_dispatch_refuses_exactly_the_changed_and_the_unaccepted(env):
    factory, world, cids = env
    seen = versions(factory, cids)  # what the queue showed
    with factory.begin() as session:  # another seat corrects case 1 meanwhile
        edit_case(
            session=session,
            principal=world.principals["dispatcher"],
            case_id=cids[1],
            expected_version=seen[cids[1]],
            title="另一席位修改",
        )
    with factory() as session:
        report = bulk.bulk_dispatch(
            session=session,
            principal=world.principals["dispatcher"],
            versions=seen,
            department_id=world.ids["justice"],
            now=T0,
        )
    assert report.succeeded == (cids[0], cids[2])
    assert [(r.case_id, r.code, r.conflict) for r in report.refused] == [
        (cids[1], "workflow.conflict", True),
        (cids[3], "workflow.bad_transition", False),  # still 登记: cannot be dispatched
    ]
    assert statuses(factory, cids) == ["dispatched", "accepted", "dispatched", "registered"]
    with factory() as session:
        leads = session.scalars(select(CaseTask.case_id).order_by(CaseTask.case_id)).all()
    assert leads == [cids[0], cids[2]]


def test_bulk_supervise_and_assign_and_release(env):
    factory, world, cids = env
    p = world.principals
    with factory() as session:
        with pytest.raises(GovDeskError):
            bulk.bulk_supervise(
                session=session, principal=p["supervisor"], versions=dict.fromkeys(cids), note=" "
            )
        report = bulk.bulk_supervise(
            session=session,
            principal=p["dispatcher"],
            versions=dict.fromkeys(cids[:2]),
            note="请加快",
        )
    assert report.succeeded == () and {r.code for r in report.refused} == {
        "workflow.forbidden_role"
    }
    with factory() as session:
        report = bulk.bulk_supervise(
            session=session,
            principal=p["supervisor"],
            versions=dict.fromkeys(cids[:2]),
            note="请加快",
        )
    assert report.succeeded == tuple(cids[:2])
    with factory() as session:
        assert [session.get(Case, c).supervised for c in cids] == [True, True, False, False]
    with factory() as session:
        bulk.bulk_dispatch(
            session=session,
            principal=p["dispatcher"],
            versions=dict.fromkeys(cids[:2]),
            department_id=world.ids["justice"],
        )
        report = bulk.bulk_assign(
            session=session,
            principal=p["dispatcher"],
            versions=dict.fromkeys(cids[:3]),
            department_id=world.ids["justice"],
            staff_id=world.ids["justice_staff"],
        )
    assert report.succeeded == tuple(cids[:2])
    assert [(r.case_id, r.code) for r in report.refused] == [(cids[2], "workflow.bad_transition")]
    with factory.begin() as session:
        claims.claim_next(session=session, principal=p["desk"], queue=NamedQueue.PENDING_ACCEPT)
    with factory() as session:
        mine = bulk.bulk_release(
            session=session, principal=p["dispatcher"], versions=dict.fromkeys([cids[3]])
        )
        theirs = bulk.bulk_release(
            session=session, principal=p["supervisor"], versions=dict.fromkeys([cids[3]])
        )
    assert [r.code for r in mine.refused] == ["claim.not_claimed"]
    assert theirs.succeeded == (cids[3],)
