"""The database harness itself: real servers, real files, one fresh database per test."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

# What the first of the two independence tests saw, per backend, for the second to check.
_first_db: dict[str, str] = {}


def _backend(url: str) -> str:
    return make_url(url).get_backend_name()


def test_pg_server_answers(pg_server):
    engine = create_engine(pg_server, poolclass=NullPool)
    try:
        with engine.connect() as conn:
            version = conn.execute(text("select version()")).scalar_one()
    finally:
        engine.dispose()
    assert "PostgreSQL" in version


def test_pg_server_is_marked_pg(request, pg_server):
    assert request.node.get_closest_marker("pg") is not None


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_sqlite_db_url_is_a_real_file(db_url):
    path = Path(make_url(db_url).database)
    assert path.is_absolute()
    assert path.is_file() and path.stat().st_size > 0


def test_db_url_is_migrated_like_its_template(engine):
    tables = set(inspect(engine).get_table_names())
    assert "alembic_version" in tables
    with engine.connect() as conn:
        assert conn.execute(text("select version_num from alembic_version")).scalar_one()


def test_empty_db_url_has_no_tables(empty_db_url):
    engine = create_engine(empty_db_url, poolclass=NullPool)
    try:
        assert inspect(engine).get_table_names() == []
    finally:
        engine.dispose()


def test_independent_databases_first(db_url, session_factory):
    with session_factory.begin() as session:
        session.execute(text("create table harness_marker (id integer primary key)"))
        session.execute(text("insert into harness_marker (id) values (1)"))
    _first_db[_backend(db_url)] = db_url


def test_independent_databases_second(db_url, engine):
    assert "harness_marker" not in inspect(engine).get_table_names()
    first = _first_db.get(_backend(db_url))
    if first is None:
        pytest.skip("run together with test_independent_databases_first")
    assert first != db_url
    if _backend(db_url) == "postgresql":  # the first test's database was dropped at its teardown
        name = make_url(first).database
        with engine.connect() as conn:
            gone = conn.execute(
                text("select count(*) from pg_database where datname = :n"), {"n": name}
            ).scalar_one()
        assert gone == 0


def test_postgresql_sessions_run_without_jit(pg_only_url):
    # make_engine turns JIT off (0.75 s of compiling for a 0.05 s report query), keeping
    # any options the URL gives.
    from desktop.db.engine import make_engine

    url = make_url(pg_only_url).update_query_dict({"options": "-c statement_timeout=12345"})
    engine = make_engine(url.render_as_string(hide_password=False))
    try:
        with engine.connect() as conn:
            assert conn.execute(text("SHOW jit")).scalar() == "off"
            assert conn.execute(text("SHOW statement_timeout")).scalar() == "12345ms"
    finally:
        engine.dispose()


def test_pg_only_url_is_postgresql(request, pg_only_url):
    assert _backend(pg_only_url) == "postgresql"
    assert request.node.get_closest_marker("pg") is not None


def test_pg_param_carries_pg_marker(request, db_url):
    is_pg = _backend(db_url) == "postgresql"
    assert (request.node.get_closest_marker("pg") is not None) == is_pg
    assert request.node.callspec.id == ("pg" if is_pg else "sqlite")


@pytest.mark.parametrize("empty_db_url", ["postgresql"], indirect=True)
def test_one_backend_by_indirect_parametrization(request, empty_db_url):
    assert _backend(empty_db_url) == "postgresql"
    assert request.node.get_closest_marker("pg") is not None
