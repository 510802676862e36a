"""Alembic migrations run in code on the app's own connection (no alembic.ini needed)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config(connection=None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    with engine.connect() as connection:
        command.upgrade(alembic_config(connection), revision)
        if revision == "head":
            _build_rollup(connection)
        connection.commit()


def _build_rollup(connection) -> None:
    """Count the report rollup from the cases once, after the migration that made it (0014);
    from then on the workflow services keep it current."""
    from desktop.services import report_rollup  # the counting rules live with the reports

    if not report_rollup.is_built(connection):
        report_rollup.rebuild(connection)


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()
