"""Online backup of a SQLite database (consistent while the app keeps running)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy import Engine

from desktop.errors import GovDeskError


def backup_sqlite(engine: Engine, target: Path) -> None:
    if engine.url.get_backend_name() != "sqlite":
        raise GovDeskError("db.backup_sqlite_only")
    target.parent.mkdir(parents=True, exist_ok=True)
    source = sqlite3.connect(engine.url.database)
    try:
        dest = sqlite3.connect(target)
        with dest:
            source.backup(dest)
        dest.close()
    finally:
        source.close()
