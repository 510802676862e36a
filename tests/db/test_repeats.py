"""重复件 and person lookup at intake, on both databases, against a hand-placed county.

The new case stands at (40.05 N, 110.0995 E) in 幸福社区第1网格 (east street), 0.0005° west
of the boundary with 东风社区第1网格 (west street, from 110.1 E). At 40.05 N one degree of
longitude is 111,195.08 m × cos 40.05° (0.765483) = 85,117.8 m, so 0.0018° east is 153.2 m
and 0.0030° east is 255.4 m.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from desktop.db.models import Case, CaseEvent, Category, Center, Grid
from desktop.domain.enums import Channel, EventKind, PartyRole, Risk
from desktop.services.intake import NewCase, NewParty, register_case
from desktop.services.persons import lookup_person
from desktop.services.repeats import RepeatQuery, RepeatReason, find_repeats
from tests.db.factories import Factory
from tests.db.world import build_world, local

NOW = local(2026, 10, 20, 10, 0)
LAT, LNG = 40.05, 110.0995
PHONE = "17000000001"
ID_NUMBER = "159901198503120016"  # check digit 6: Σ digit×weight = 314, 314 mod 11 = 6 → '6'


@pytest.fixture
def county(session_factory):
    """The world plus planted cases; returns (factory, world, {name: case id})."""
    with session_factory.begin() as session:
        world = build_world(session)
        f = Factory(session)
        ids = world.ids
        center = session.get(Center, ids["county_center"])
        neighbour = session.get(Category, ids["neighbour"])
        labour = session.get(Category, ids["labour"])
        east_grid = session.get(Grid, ids["east_grid"])
        west_grid = session.get(Grid, ids["west_grid"])
        planted = {}

        def plant(name, *, grid, category=neighbour, days=1, lat=None, lng=None, **kw):
            case = f.case(
                center=center,
                category=category,
                grid=grid,
                title=name,
                received_at=NOW - timedelta(days=days),
                lat=lat,
                lng=lng,
                **kw,
            )
            planted[name] = case.id
            return case

        phone_call = plant(
            "same phone, other channel",
            grid=west_grid,
            category=labour,
            days=10,
            channel=Channel.PHONE,
        )
        f.party(phone_call, "赵六", phone=PHONE)
        old_phone = plant("same phone, 35 days", grid=west_grid, category=labour, days=35)
        f.party(old_phone, "赵六", phone=PHONE)
        id_case = plant("same ID number", grid=west_grid, category=labour, days=20)
        f.party(id_case, "赵老六", id_number=ID_NUMBER)
        plant("150 m, neighbouring grid", grid=west_grid, days=3, lat=LAT, lng=LNG + 0.0018)
        plant("250 m, neighbouring grid", grid=west_grid, days=3, lat=LAT, lng=LNG + 0.0030)
        plant("150 m, 35 days", grid=west_grid, days=35, lat=LAT, lng=LNG + 0.0018)
        plant(
            "150 m, other category",
            grid=west_grid,
            category=labour,
            days=3,
            lat=LAT,
            lng=LNG + 0.0018,
        )
        plant("same grid, far", grid=east_grid, days=29, lat=40.01, lng=110.01)
        plant("same grid, 31 days", grid=east_grid, days=31, lat=40.01, lng=110.01)
    return session_factory, world, planted


def repeats(county, who="desk", **query):
    factory, world, planted = county
    names = {v: k for k, v in planted.items()}
    base = {
        "category_id": world.ids["neighbour"],
        "grid_id": world.ids["east_grid"],
        "lat": LAT,
        "lng": LNG,
    }
    with factory() as session:
        found = find_repeats(
            session=session,
            principal=world.principals[who],
            query=RepeatQuery(**{**base, **query}),
            now=NOW,
        )
    return [(names[c.case_id], c.reasons) for c in found], found


def test_phone_id_number_grid_and_200_metres_in_the_last_30_days(county):
    got, found = repeats(county, phones=(PHONE,), id_numbers=(ID_NUMBER,))
    assert got == [  # newest first
        ("150 m, neighbouring grid", (RepeatReason.NEARBY,)),
        ("same phone, other channel", (RepeatReason.PHONE,)),
        ("same ID number", (RepeatReason.ID_NUMBER,)),
        ("same grid, far", (RepeatReason.SAME_GRID,)),
    ]
    assert found[0].distance_m == pytest.approx(153.2, abs=0.1)
    assert found[1].channel == Channel.PHONE and found[1].category == "劳动争议"


def test_a_half_typed_phone_is_not_looked_up(county):
    got, _ = repeats(county, phones=("1700000",), category_id=None)
    assert got == []


def test_a_phone_written_with_spaces_and_86_matches_the_stored_form(county):
    got, _ = repeats(county, phones=("+86 170 0000 0001",), category_id=None)
    assert got == [("same phone, other channel", (RepeatReason.PHONE,))]


def test_a_street_user_sees_no_repeats_of_another_street(county):
    got, _ = repeats(county, who="east_desk", phones=(PHONE,), id_numbers=(ID_NUMBER,))
    assert got == [("same grid, far", (RepeatReason.SAME_GRID,))]


def test_reasons_add_up_on_one_case(county):
    factory, world, planted = county
    with factory.begin() as session:
        f = Factory(session)
        f.party(session.get(Case, planted["150 m, neighbouring grid"]), "赵六", phone=PHONE)
    got, _ = repeats(county, phones=(PHONE,))
    assert got[0] == ("150 m, neighbouring grid", (RepeatReason.PHONE, RepeatReason.NEARBY))


def test_person_lookup_lists_every_earlier_case_in_scope_newest_first(county):
    factory, world, planted = county
    with factory() as session:
        person = lookup_person(
            session=session, principal=world.principals["desk"], phone="170-0000-0001"
        )
        nobody = lookup_person(
            session=session, principal=world.principals["east_desk"], phone=PHONE
        )
        by_id = lookup_person(
            session=session,
            principal=world.principals["desk"],
            phone="1700000",
            id_number=ID_NUMBER.lower(),
        )
    assert [c.title for c in person.cases] == ["same phone, other channel", "same phone, 35 days"]
    assert (person.name, person.phone, person.masked) == ("赵六", PHONE, False)
    assert person.cases[0].role == PartyRole.APPLICANT
    assert nobody is None  # both cases lie in the west street
    assert [c.title for c in by_id.cases] == ["same ID number"]
    assert by_id.name == "赵老六"


def test_linking_at_registration_attaches_to_the_root_and_raises_its_risk(county):
    factory, world, planted = county
    root_id = planted["same phone, other channel"]
    with factory.begin() as session:
        f = Factory(session)
        root = session.get(Case, root_id)
        center = session.get(Center, root.center_id)
        category = session.get(Category, root.category_id)
        grid = session.get(Grid, root.grid_id)
        for n in (1, 2):  # two earlier repeats already linked to the root
            f.case(
                center=center,
                category=category,
                grid=grid,
                title=f"repeat {n}",
                number=f"R2026-{n:06d}",
                received_at=NOW - timedelta(days=5 - n),
                repeat_of_id=root_id,
            )
        second = session.scalar(select(Case.id).where(Case.title == "repeat 2"))
    new = NewCase(
        title="又来反映",
        channel=Channel.WALK_IN,
        category_id=world.ids["labour"],
        grid_id=world.ids["west_grid"],
        parties=(NewParty(PartyRole.APPLICANT, "赵六", phone=PHONE),),
    )
    with factory.begin() as session:
        saved = register_case(
            session=session,
            principal=world.principals["desk"],
            new=new,
            now=NOW,
            repeat_of_id=second,
        )  # a repeat: links to its root
    with factory() as session:
        case = session.get(Case, saved.case_id)
        root = session.get(Case, root_id)
        raised = session.scalars(
            select(CaseEvent.data).where(
                CaseEvent.case_id == root_id, CaseEvent.kind == EventKind.RAISE_RISK
            )
        ).all()
        merged = session.scalar(
            select(CaseEvent.kind).where(CaseEvent.case_id == case.id, CaseEvent.seq == 2)
        )
    assert case.repeat_of_id == root_id
    assert merged == EventKind.MERGE
    assert root.risk == Risk.ORANGE  # third repeat
    assert len(raised) == 1 and '"repeats": 3' in raised[0]
    assert set(saved.changed) == {saved.case_id, root_id}
