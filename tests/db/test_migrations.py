"""The models and the migrations agree, and an empty database upgrades to head."""

from __future__ import annotations

from datetime import UTC, datetime

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, select

from desktop.db.base import Base
from desktop.db.engine import make_engine
from desktop.db.migrate import alembic_config, current_revision, upgrade
from desktop.db.models import User


def test_upgrade_from_empty_then_no_autogenerate_diff(empty_db_url):
    engine = make_engine(empty_db_url)
    try:
        assert current_revision(engine) is None
        upgrade(engine)
        upgrade(engine)  # running it again is harmless
        assert current_revision(engine) is not None
        tables = set(inspect(engine).get_table_names())
        assert {"cases", "case_events", "case_tasks", "users", "grids"} <= tables
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            diff = compare_metadata(context, Base.metadata)
        assert diff == []
    finally:
        engine.dispose()


def _jurisdiction_and_user(conn, created_at, locked_until) -> None:
    conn.exec_driver_sql(
        "INSERT INTO jurisdictions (id, code, name, level, parent_id) "
        "VALUES (1, '150000', '云泽旗', 'county', NULL)"
    )
    conn.exec_driver_sql(
        "INSERT INTO users (id, username, display_name, password_hash, jurisdiction_id,"
        " failed_attempts, locked_until, must_change_password, active, created_at)"
        f" VALUES (1, 'desk', '窗口', 'x', 1, 0, {locked_until}, false, true, {created_at})"
    )


def test_sqlite_instants_become_integer_microseconds(tmp_path):
    # A database written before 0002 holds SQLAlchemy's text; the upgrade must keep every
    # microsecond and the NULLs.
    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    try:
        upgrade(engine, "0001")
        with engine.begin() as conn:
            _jurisdiction_and_user(conn, "'2025-03-04 05:06:07.891011'", "NULL")
        upgrade(engine)
        with engine.connect() as conn:
            raw = conn.exec_driver_sql("SELECT created_at, locked_until FROM users").one()
            user = conn.execute(select(User.created_at, User.locked_until)).one()
        # 2025-03-04 05:06:07 UTC = 20151 days * 86400 + 18367 s after 1970-01-01
        assert raw == ((20151 * 86400 + 18367) * 1_000_000 + 891011, None)
        assert user == (datetime(2025, 3, 4, 5, 6, 7, 891011, tzinfo=UTC), None)
    finally:
        engine.dispose()


def test_sqlite_downgrade_restores_text(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'new.db'}")
    try:
        upgrade(engine)
        with engine.begin() as conn:
            _jurisdiction_and_user(conn, str(1_741_064_767_000_042), "NULL")
        with engine.connect() as connection:
            command.downgrade(alembic_config(connection), "0001")
            connection.commit()
            raw = connection.exec_driver_sql("SELECT created_at FROM users").scalar()
        assert raw == "2025-03-04 05:06:07.000042"
    finally:
        engine.dispose()


def test_postgresql_codes_compare_bytewise_and_kind_index_gone(pg_only_url):
    engine = make_engine(pg_only_url)
    try:
        with engine.connect() as conn:
            collations = dict(conn.exec_driver_sql(
                "SELECT table_name || '.' || column_name, collation_name"
                " FROM information_schema.columns WHERE collation_name IS NOT NULL"
            ).all())
            indexes = {name for (name,) in conn.exec_driver_sql(
                "SELECT indexname FROM pg_indexes WHERE tablename = 'case_events'")}
            repeat_index = conn.exec_driver_sql(
                "SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_cases_repeat_of_id'"
            ).scalar()
        assert {name: collations.get(name) for name in (
            "cases.number", "cases.status", "case_tasks.status", "case_parties.name",
            "case_parties.phone", "case_parties.id_number")} == dict.fromkeys((
            "cases.number", "cases.status", "case_tasks.status", "case_parties.name",
            "case_parties.phone", "case_parties.id_number"), "C")
        assert "cases.title" not in collations
        # No (kind, at) index; the client action ids' index is partial (0010).
        assert indexes == {"pk_case_events", "uq_case_events_case_id_seq",
                           "ix_case_events_client_action_id"}
        assert "WHERE (repeat_of_id IS NOT NULL)" in repeat_index
    finally:
        engine.dispose()


def test_a_category_by_deadline_reads_the_deadline_index(empty_db_url):
    """The list's deadline sort key is the index's expression, so a page needs no sort (the
    planner's choice with real statistics is bench/queue_view.py's business)."""
    from desktop.db.models import Case
    from desktop.db.models.cases import due_order

    engine = make_engine(empty_db_url)
    try:
        upgrade(engine)
        stmt = (
            select(Case.id)
            .where(Case.category_id.in_([4, 5]), Case.county_id == 1)
            .order_by(due_order(Case.due_at), Case.id)
            .limit(61)
        )
        sql = str(stmt.compile(engine, compile_kwargs={"literal_binds": True}))
        with engine.connect() as conn:
            # An empty table has no statistics to choose by: make the planner take the index
            # and check that it then needs no sort, i.e. the expressions are the same.
            if conn.dialect.name == "sqlite":
                sql = sql.replace("FROM cases", "FROM cases INDEXED BY ix_cases_due_order")
                plan = " | ".join(r[3] for r in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}"))
            else:
                conn.exec_driver_sql("SET enable_sort = off")
                conn.exec_driver_sql("SET enable_seqscan = off")
                plan = " | ".join(r[0] for r in conn.exec_driver_sql(f"EXPLAIN {sql}"))
        assert "ix_cases_due_order" in plan
        assert "TEMP B-TREE" not in plan and "Sort" not in plan
    finally:
        engine.dispose()
