"""Claiming the next case: oldest first, never twice, only what the claimer may see."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from sqlalchemy import select

from desktop.db.models import Case
from desktop.domain.enums import NamedQueue, Role, Status, TaskRole, TaskStatus
from desktop.domain.principal import Principal
from desktop.errors import GovDeskError
from desktop.services.claims import claim_next, claim_next_naive, release
from desktop.services.queues import CaseFilter, count
from tests.db.factories import hours, world

NOW = hours(100)


@dataclass
class Seats:
    ids: dict[str, int]
    desk1: Principal
    desk2: Principal
    west: Principal
    boss: Principal


@pytest.fixture
def seats(session_factory) -> Seats:
    """East: r1 (oldest), r2, r3 registered (r2 already claimed by desk2); a1 accepted with
    no lead, a2 accepted and dispatched. West: rw registered, older than everything."""
    with session_factory.begin() as s:
        w = world(s)
        f = w.f
        desk2_user, desk2 = f.person("desk2", {Role.DESK}, w.east)
        _, desk1 = f.person("desk1", {Role.DESK, Role.DISPATCHER}, w.east)
        _, west = f.person("west", {Role.DESK}, w.west)
        _, boss = f.person("boss", {Role.SUPERVISOR}, w.county)

        def case(received, status, grid=w.east_grid, **kw):
            return f.case(center=w.center, category=w.safety, grid=grid, status=status,
                          received_at=hours(received), **kw)  # fmt: skip

        cases = {
            "rw": case(0, Status.REGISTERED, grid=w.west_grid),
            "r3": case(3, Status.REGISTERED),
            "r1": case(1, Status.REGISTERED),
            # Claimed ten minutes before NOW: live (a claim lapses after 30 minutes).
            "r2": case(2, Status.REGISTERED, claimed_by_id=desk2_user.id,
                       claimed_at=hours(100 - 1 / 6)),
            "a2": case(4, Status.ACCEPTED),
            "a1": case(5, Status.ACCEPTED),
        }
        f.task(cases["a2"], w.police, role=TaskRole.ASSIST, status=TaskStatus.IN_PROGRESS)
        f.task(cases["a2"], w.justice)
        f.task(cases["a1"], w.justice, status=TaskStatus.RETURNED)
        return Seats({k: c.id for k, c in cases.items()}, desk1, desk2, west, boss)


def claim(session_factory, principal, queue=NamedQueue.PENDING_ACCEPT, fn=claim_next):
    with session_factory.begin() as s:
        return fn(session=s, principal=principal, queue=queue, now=NOW)


def stored(session_factory, case_id) -> Case:
    with session_factory() as s:
        return s.scalars(select(Case).where(Case.id == case_id)).one()


def test_two_claimers_get_the_oldest_cases_one_each(seats, session_factory):
    first = claim(session_factory, seats.desk1)
    second = claim(session_factory, seats.desk2)
    assert (first, second) == (seats.ids["r1"], seats.ids["r3"])  # r2 was already taken
    assert claim(session_factory, seats.desk1) is None  # nothing unclaimed is left
    case = stored(session_factory, first)
    assert case.claimed_by_id == seats.desk1.user_id
    assert case.claimed_at == NOW
    assert case.version == 2  # a seat still editing with version 1 now gets a conflict
    assert stored(session_factory, seats.ids["r2"]).version == 1  # untouched


def test_claiming_never_crosses_streets(seats, session_factory):
    assert claim(session_factory, seats.west) == seats.ids["rw"]
    assert claim(session_factory, seats.west) is None
    assert claim(session_factory, seats.desk1) == seats.ids["r1"]  # never rw, though older


def test_claim_from_triage_skips_cases_with_an_active_lead(seats, session_factory):
    assert claim(session_factory, seats.desk1, NamedQueue.PENDING_TRIAGE) == seats.ids["a1"]
    assert claim(session_factory, seats.desk1, NamedQueue.PENDING_TRIAGE) is None


def test_empty_queue_gives_none(seats, session_factory):
    assert claim(session_factory, seats.desk1, NamedQueue.PENDING_FOLLOW_UP) is None


def test_only_claimable_queues(seats, session_factory):
    with pytest.raises(GovDeskError) as err:
        claim(session_factory, seats.desk1, NamedQueue.ALL)
    assert err.value.code == "queue.not_claimable"


def test_a_claimed_case_shows_in_my_todo(seats, session_factory):
    case_id = claim(session_factory, seats.desk1)
    with session_factory() as s:
        mine = CaseFilter(queue=NamedQueue.MY_TODO)
        assert count(session=s, principal=seats.desk1, filter=mine, now=NOW) == 1
        # Still listed in its queue for everyone: the row says who holds it.
        waiting = CaseFilter(queue=NamedQueue.PENDING_ACCEPT)
        assert count(session=s, principal=seats.desk2, filter=waiting, now=NOW) == 3
    assert case_id == seats.ids["r1"]


def test_claim_keeps_loaded_objects_current(seats, session_factory):
    """An ORM object of the claimed case in the same session must not go stale."""
    with session_factory.begin() as s:
        loaded = s.get(Case, seats.ids["r1"])
        assert loaded.version == 1
        assert claim_next(session=s, principal=seats.desk1, now=NOW) == loaded.id
        assert loaded.version == 2 and loaded.claimed_by_id == seats.desk1.user_id
        loaded.title = "改过的标题"  # flushes with version 2: no StaleDataError
    assert stored(session_factory, seats.ids["r1"]).version == 3


def test_release_gives_the_case_back(seats, session_factory):
    r1 = claim(session_factory, seats.desk1)
    with session_factory.begin() as s:
        assert not release(session=s, principal=seats.desk2, case_id=r1)  # not theirs
        assert release(session=s, principal=seats.desk1, case_id=r1)
        assert not release(session=s, principal=seats.desk1, case_id=r1)  # no longer claimed
    case = stored(session_factory, r1)
    assert (case.claimed_by_id, case.claimed_at, case.version) == (None, None, 3)
    assert claim(session_factory, seats.desk2) == r1  # the oldest again


def test_supervisor_releases_anyones_claim(seats, session_factory):
    with session_factory.begin() as s:
        assert release(session=s, principal=seats.boss, case_id=seats.ids["r2"])
    assert stored(session_factory, seats.ids["r2"]).claimed_by_id is None


def test_release_of_an_invisible_case_is_not_found(seats, session_factory):
    with session_factory.begin() as s:
        with pytest.raises(GovDeskError) as err:
            release(session=s, principal=seats.west, case_id=seats.ids["r2"])
    assert err.value.code == "workflow.not_found"
    assert stored(session_factory, seats.ids["r2"]).claimed_by_id is not None


def test_naive_claim_picks_the_same_case_alone(seats, session_factory):
    # Alone it looks right; under concurrency on PostgreSQL it hands out doubles (the
    # claim benchmark measures them). It exists only as that control.
    assert claim(session_factory, seats.desk1, fn=claim_next_naive) == seats.ids["r1"]
    assert claim(session_factory, seats.desk1, fn=claim_next_naive) == seats.ids["r3"]
    assert claim(session_factory, seats.desk1, fn=claim_next_naive) is None
