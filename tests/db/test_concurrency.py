"""Several seats at once (PostgreSQL, separate processes): no double claims, no lost updates.

Each seat is a spawned process with its own engine, released together by a barrier. What
they report is checked against the database afterwards: every case's version counter must
equal one plus the number of writes that reported success.
"""

from __future__ import annotations

import multiprocessing
import queue as queue_errors
from collections import Counter

from sqlalchemy import func, select

from desktop.db.engine import make_engine, make_session_factory
from desktop.db.models import Case, CaseEvent
from desktop.domain.enums import EventKind, Role
from desktop.domain.principal import Principal
from desktop.errors import ConflictError
from tests.db.factories import world

SEATS = 6
CASES = 240
EDITED_CASES = 12
ROUNDS = 4
TIMEOUT = 120  # seconds for the whole crowd; a hang fails instead of blocking the suite


# ------------------------------------------------------------------ workers (run in children)


def _claim_worker(url: str, principal: Principal, barrier, results) -> None:
    from desktop.services.claims import claim_next

    engine = make_engine(url)
    factory = make_session_factory(engine)
    claimed: list[int] = []
    try:
        barrier.wait()
        while True:
            with factory.begin() as session:
                case_id = claim_next(session=session, principal=principal)
            if case_id is None:
                break
            claimed.append(case_id)
        results.put(("ok", principal.user_id, claimed))
    except BaseException as exc:  # report, so the parent fails with the cause
        results.put(("error", principal.user_id, repr(exc)))
    finally:
        engine.dispose()


def _edit_worker(url: str, principal: Principal, case_ids: list[int], barrier, results) -> None:
    from desktop.services.case_edit import edit_case

    engine = make_engine(url)
    factory = make_session_factory(engine)
    stale_wins: list[int] = []  # round 0: everyone holds version 1, only one may win
    wins: Counter[int] = Counter()  # later rounds: read, then save a little later
    conflicts = 0
    try:
        barrier.wait()
        for case_id in case_ids:
            try:
                with factory.begin() as session:
                    edit_case(session=session, principal=principal, case_id=case_id,
                              expected_version=1, title=f"{principal.username} 抢先")  # fmt: skip
                stale_wins.append(case_id)
            except ConflictError:
                conflicts += 1
        for n in range(ROUNDS):
            for case_id in case_ids:
                with factory() as session:
                    version = session.scalar(select(Case.version).where(Case.id == case_id))
                try:
                    with factory.begin() as session:
                        edit_case(session=session, principal=principal, case_id=case_id,
                                  expected_version=version,
                                  title=f"{principal.username} {n}")  # fmt: skip
                    wins[case_id] += 1
                except ConflictError:
                    conflicts += 1
        results.put(("ok", principal.user_id, (stale_wins, dict(wins), conflicts)))
    except BaseException as exc:
        results.put(("error", principal.user_id, repr(exc)))
    finally:
        engine.dispose()


# ------------------------------------------------------------------ parent side


def _crowd(target, args_per_seat: list[tuple]) -> dict[int, object]:
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(len(args_per_seat), timeout=TIMEOUT)
    results = ctx.Queue()
    procs = [
        ctx.Process(target=target, args=(*args, barrier, results), daemon=True)
        for args in args_per_seat
    ]
    for proc in procs:
        proc.start()
    outcome: dict[int, object] = {}
    try:
        for _ in procs:  # read before join: a child blocks until its result is taken
            status, user_id, value = results.get(timeout=TIMEOUT)
            assert status == "ok", f"seat {user_id} failed: {value}"
            outcome[user_id] = value
    except queue_errors.Empty:
        raise AssertionError("a seat neither finished nor failed in time") from None
    finally:
        for proc in procs:
            proc.join(timeout=10)
            if proc.is_alive():
                proc.kill()
    return outcome


def _seats(session, count: int, roles) -> tuple[list[Principal], list[int]]:
    w = world(session)
    principals = [w.f.person(f"seat{i}", roles, w.county)[1] for i in range(count)]
    cases = [w.f.case(center=w.center, category=w.safety, grid=w.east_grid) for _ in range(CASES)]
    return principals, [c.id for c in cases]


def _version_step(factory, principal: Principal, case_id: int) -> int:
    """How much one uncontested save moves the version (each flush of the row adds one)."""
    from desktop.services.case_edit import edit_case

    with factory.begin() as session:
        edit_case(session=session, principal=principal, case_id=case_id, expected_version=1,
                  title="量一下")  # fmt: skip
    with factory() as session:
        step = session.scalar(select(Case.version).where(Case.id == case_id)) - 1
    assert step >= 1
    return step


def test_concurrent_claims_never_hand_out_a_case_twice(pg_only_url):
    engine = make_engine(pg_only_url)
    factory = make_session_factory(engine)
    try:
        with factory.begin() as session:
            principals, case_ids = _seats(session, SEATS, {Role.DESK})
        outcome = _crowd(_claim_worker, [(pg_only_url, p) for p in principals])

        reported = [case_id for claimed in outcome.values() for case_id in claimed]
        assert len(reported) == len(set(reported)), "a case was handed to two seats"
        assert sorted(reported) == sorted(case_ids)  # and every case to someone
        with factory() as session:
            rows = session.execute(select(Case.id, Case.claimed_by_id, Case.version)).all()
        holder = {case_id: user for user, claimed in outcome.items() for case_id in claimed}
        for case_id, claimed_by, version in rows:
            assert claimed_by == holder[case_id]
            assert version == 2, f"case {case_id} was claimed {version - 1} times"
        assert sum(1 for claimed in outcome.values() if claimed) > 1  # they really competed
    finally:
        engine.dispose()


def test_concurrent_stale_edits_are_conflicts_never_lost_updates(pg_only_url):
    engine = make_engine(pg_only_url)
    factory = make_session_factory(engine)
    try:
        with factory.begin() as session:
            principals, case_ids = _seats(session, SEATS, {Role.DESK})
        edited = case_ids[:EDITED_CASES]
        step = _version_step(factory, principals[0], case_ids[-1])
        outcome = _crowd(_edit_worker, [(pg_only_url, p, edited) for p in principals])

        stale_wins = Counter(c for stale, _, _ in outcome.values() for c in stale)
        wins: Counter[int] = Counter()
        for _, seat_wins, _ in outcome.values():
            wins.update(seat_wins)
        conflicts = sum(n for _, _, n in outcome.values())
        # Everyone saved against version 1 at once: exactly one save per case went in.
        assert stale_wins == {case_id: 1 for case_id in edited}
        assert conflicts >= (SEATS - 1) * EDITED_CASES
        with factory() as session:
            versions = dict(session.execute(select(Case.id, Case.version)).all())
            edits = dict(
                session.execute(
                    select(CaseEvent.case_id, func.count())
                    .where(CaseEvent.kind == str(EventKind.EDIT))
                    .group_by(CaseEvent.case_id)
                ).all()
            )
        for case_id in edited:
            successes = 1 + wins[case_id]
            # A lost update would leave fewer increments (and events) than reported saves.
            assert versions[case_id] == 1 + step * successes
            assert edits[case_id] == successes
        assert all(versions[c] == 1 for c in case_ids[EDITED_CASES:-1])
        total = SEATS * EDITED_CASES * (1 + ROUNDS)
        assert sum(stale_wins.values()) + sum(wins.values()) + conflicts == total
    finally:
        engine.dispose()
