"""Alembic environment: always handed a live connection by desktop.db.migrate."""

from __future__ import annotations

from alembic import context

from desktop.db import models  # noqa: F401  (registers every table)
from desktop.db.base import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through desktop.db.migrate.upgrade(engine)")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite can only ALTER through table copies
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
