"""The models and the migrations agree, and an empty database upgrades to head."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from desktop.db.base import Base
from desktop.db.engine import make_engine
from desktop.db.migrate import current_revision, upgrade


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
