"""Claims that lapse (judged when read), sign-out releasing them, and who holds what."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from desktop.db.models import Case, Center
from desktop.domain.enums import NamedQueue, Role, Status
from desktop.services.claims import claim_next, my_claims, release, release_mine
from desktop.services.queues import CaseFilter, count, rows_for_ids
from tests.db.factories import hours, world

NOW = hours(100)
MIN = timedelta(minutes=1)


@pytest.fixture
def seats(session_factory):
    """East street (center 测试, 30 min) has e1 < e2 < e3 registered; west street belongs to a
    second center whose claims last 60 minutes and has w1. Ann and Bob work the county."""
    with session_factory.begin() as s:
        w = world(s)
        f = w.f
        west_center = f.center(w.west, "西")
        s.get(Center, west_center.id).claim_lapse_minutes = 60
        _, ann = f.person("ann", {Role.DESK}, w.county)
        _, bob = f.person("bob", {Role.DESK}, w.county)
        _, boss = f.person("boss", {Role.SUPERVISOR}, w.county)
        ids = {
            name: f.case(center=center, category=w.safety, grid=grid, status=Status.REGISTERED,
                         received_at=hours(n)).id
            for name, center, grid, n in (
                ("w1", west_center, w.west_grid, 0),
                ("e1", w.center, w.east_grid, 1),
                ("e2", w.center, w.east_grid, 2),
                ("e3", w.center, w.east_grid, 3),
            )
        }  # fmt: skip
        return ids, ann, bob, boss


def _claim(session_factory, who, at):
    with session_factory.begin() as s:
        return claim_next(session=s, principal=who, now=at)


def _row(session_factory, who, case_id, at):
    with session_factory() as s:
        (row,) = rows_for_ids(session=s, principal=who, ids=[case_id], now=at)
        return row


def _mine(session_factory, who, at):
    with session_factory() as s:
        return count(session=s, principal=who, filter=CaseFilter(queue=NamedQueue.MY_TODO), now=at)


def test_a_claim_lapses_thirty_minutes_after_it_was_taken(seats, session_factory):
    ids, ann, bob, _ = seats
    assert _claim(session_factory, ann, NOW) == ids["w1"]  # the oldest, in the 60-min center
    assert _claim(session_factory, ann, NOW) == ids["e1"]
    # Who holds it and since when, as every seat reads it.
    row = _row(session_factory, bob, ids["e1"], NOW + 29 * MIN)
    assert (row.claimed_by_name, row.claimed_at) == ("ann", NOW)
    assert _mine(session_factory, ann, NOW + 29 * MIN) == 2
    # At 30 minutes e1 (30-minute center) is free again; w1 (60 minutes) is still Ann's.
    later = NOW + 30 * MIN
    row = _row(session_factory, bob, ids["e1"], later)
    assert (row.claimed_by_id, row.claimed_by_name, row.claimed_at) == (None, None, None)
    assert _row(session_factory, bob, ids["w1"], later).claimed_by_name == "ann"
    assert _mine(session_factory, ann, later) == 1
    # Bob's claim takes the lapsed e1 back before the never-claimed e2 (it was at the head).
    assert _claim(session_factory, bob, later) == ids["e1"]
    with session_factory() as s:
        e1 = s.get(Case, ids["e1"])
        assert (e1.claimed_by_id, e1.claimed_at, e1.version) == (bob.user_id, later, 3)
    assert _claim(session_factory, bob, later) == ids["e2"]
    # w1 lapses at 60 minutes: then it is the oldest free case.
    assert _claim(session_factory, bob, NOW + 59 * MIN) == ids["e3"]
    assert _claim(session_factory, bob, NOW + 59 * MIN) is None
    assert _claim(session_factory, bob, NOW + 60 * MIN) == ids["w1"]


def test_my_claims_say_when_each_lapses(seats, session_factory):
    ids, ann, _, _ = seats
    _claim(session_factory, ann, NOW)  # w1, 60 minutes
    _claim(session_factory, ann, NOW + 5 * MIN)  # e1, 30 minutes
    with session_factory() as s:
        held = my_claims(session=s, principal=ann, now=NOW + 10 * MIN)
        assert held == [(ids["w1"], NOW + 60 * MIN), (ids["e1"], NOW + 35 * MIN)]
        assert my_claims(session=s, principal=ann, now=NOW + 35 * MIN) == [
            (ids["w1"], NOW + 60 * MIN)
        ]


def test_signing_out_releases_every_claim_of_the_user(seats, session_factory):
    ids, ann, bob, _ = seats
    for who in (ann, ann, bob):
        _claim(session_factory, who, NOW)
    with session_factory.begin() as s:
        assert release_mine(session=s, principal=ann) == sorted([ids["w1"], ids["e1"]])
    with session_factory() as s:
        held = dict(s.execute(select(Case.id, Case.claimed_by_id)).all())
        versions = dict(s.execute(select(Case.id, Case.version)).all())
    assert held == {ids["w1"]: None, ids["e1"]: None, ids["e2"]: bob.user_id, ids["e3"]: None}
    assert versions == {ids["w1"]: 3, ids["e1"]: 3, ids["e2"]: 2, ids["e3"]: 1}
    with session_factory.begin() as s:
        assert release_mine(session=s, principal=ann) == []


def test_a_supervisor_releases_a_colleagues_claim_and_others_cannot(seats, session_factory):
    ids, ann, bob, boss = seats
    _claim(session_factory, ann, NOW)
    with session_factory.begin() as s:
        assert not release(session=s, principal=bob, case_id=ids["w1"])
        assert release(session=s, principal=boss, case_id=ids["w1"])
    assert _row(session_factory, bob, ids["w1"], NOW).claimed_by_id is None
