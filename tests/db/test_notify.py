"""Change notification between seats: a watcher on one engine sees commits through another."""

from __future__ import annotations

import select as io_select
import time

import pytest
from sqlalchemy import text, update

from desktop.db.engine import make_engine, make_session_factory
from desktop.db.models import Case
from desktop.db.notify import ANY_CASE, MAX_PAYLOAD_CHARS, notify_changed, open_watcher
from tests.db.factories import world


def wait_for_change(watcher, timeout: float = 3.0) -> bool:
    """poll() until it reports a change; PostgreSQL delivers within milliseconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if watcher.poll():
            return True
        time.sleep(0.01)
    return False


def settle(watcher, seconds: float = 0.2) -> bool:
    """Whether anything at all arrives within `seconds` (expected: nothing)."""
    time.sleep(seconds)
    return watcher.poll()


@pytest.fixture
def seat_b(db_url):
    """A second seat: its own engine (own pool, own connections) on the same database."""
    engine = make_engine(db_url)
    yield make_session_factory(engine)
    engine.dispose()


@pytest.fixture
def case_ids(session_factory) -> list[int]:
    with session_factory.begin() as s:
        w = world(s)
        cases = [w.f.case(center=w.center, category=w.safety, grid=w.east_grid) for _ in range(3)]
        return [c.id for c in cases]


def touch(factory, ids, *, notify=True, commit=True) -> None:
    session = factory()
    try:
        session.begin()
        session.execute(
            update(Case)
            .where(Case.id.in_(ids))
            .values(title="改")
            .execution_options(synchronize_session=False)
        )
        if notify:
            notify_changed(session, ids)
        if commit:
            session.commit()
        else:
            session.rollback()
    finally:
        session.close()


def test_watcher_sees_another_seats_commit(engine, case_ids, seat_b):
    with open_watcher(engine) as watcher:
        assert not watcher.poll()  # nothing happened yet
        assert not watcher.poll()
        touch(seat_b, case_ids[:2])
        assert wait_for_change(watcher)
        if engine.dialect.name == "postgresql":
            assert watcher.changed_case_ids() == set(case_ids[:2])
            assert watcher.changed_case_ids() == frozenset()  # forgotten once read
        else:
            assert watcher.changed_case_ids() is None  # SQLite cannot say which
        assert not settle(watcher)  # quiet again until the next commit
        touch(seat_b, case_ids[2:])
        assert wait_for_change(watcher)


def test_fileno_for_the_event_loop(engine, case_ids, seat_b):
    with open_watcher(engine) as watcher:
        fd = watcher.fileno()
        if engine.dialect.name != "postgresql":
            assert fd is None  # SQLite: poll on a timer
            return
        assert isinstance(fd, int)
        readable, _, _ = io_select.select([fd], [], [], 0.1)
        assert readable == []
        touch(seat_b, case_ids[:1])
        readable, _, _ = io_select.select([fd], [], [], 3.0)
        assert readable == [fd]  # what a QSocketNotifier waits for
        assert watcher.poll()
        assert watcher.changed_case_ids() == {case_ids[0]}


def test_rolled_back_changes_are_not_announced(engine, case_ids, seat_b):
    with open_watcher(engine) as watcher:
        touch(seat_b, case_ids, commit=False)
        assert not settle(watcher)


def test_own_process_commits_count_too(engine, session_factory, case_ids):
    # The watcher's connection is its own: commits by this seat's sessions are reported as well.
    with open_watcher(engine) as watcher:
        touch(session_factory, case_ids[:1])
        assert wait_for_change(watcher)


def test_many_ids_become_any_case(engine, case_ids, seat_b):
    many = list(range(1, MAX_PAYLOAD_CHARS))  # far more than one payload may carry
    with open_watcher(engine) as watcher:
        session = seat_b()
        with session.begin():
            notify_changed(session, many)
            notify_changed(session, [])  # nothing named: "something changed"
        session.close()
        if engine.dialect.name == "postgresql":
            assert wait_for_change(watcher)
            assert watcher.changed_case_ids() is None
            assert ANY_CASE == "*"
        else:
            assert not settle(watcher)  # SQLite: no write, nothing to see


@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_pg_watcher_reconnects_after_losing_its_connection(engine, case_ids, seat_b):
    with open_watcher(engine) as watcher:
        with seat_b.begin() as s:
            killed = s.execute(
                text(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND query LIKE 'LISTEN%'"
                )
            ).scalar_one()
        assert killed == 1
        assert wait_for_change(watcher)  # missed notifications: report an unknown change
        assert watcher.changed_case_ids() is None
        assert watcher.fileno() is not None  # may be a new socket: re-arm the notifier
        touch(seat_b, case_ids[:1])
        assert wait_for_change(watcher)
        assert watcher.changed_case_ids() == {case_ids[0]}


def test_close_is_idempotent(engine):
    watcher = open_watcher(engine)
    watcher.close()
    watcher.close()


def test_roster_topic_is_told_apart_from_cases(engine, seat_b):
    from desktop.db.notify import notify_roster_changed

    with open_watcher(engine) as watcher:
        with seat_b.begin() as session:
            notify_roster_changed(session)
            session.execute(text("INSERT INTO app_meta (key, value) VALUES ('t', '1')"))
        assert wait_for_change(watcher)
        assert watcher.roster_changed()
        if engine.dialect.name == "postgresql":
            assert watcher.changed_case_ids() == frozenset()  # no case to refresh
            assert not watcher.roster_changed()  # forgotten once read
