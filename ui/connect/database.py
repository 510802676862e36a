"""The open database a session of the app works on (built on the database worker)."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

log = logging.getLogger(__name__)


class NotInitialised(Exception):
    """The database answers but has no GovDesk tables yet."""


@dataclass(frozen=True)
class Database:
    url: str
    engine: Engine
    session_factory: sessionmaker[Session]
    training: bool


def _check_connection(engine: Engine) -> None:
    """desktop.db.engine.check_connection, or the same contract while the core lacks it."""
    from desktop.db import engine as db_engine

    agreed = getattr(db_engine, "check_connection", None)
    if agreed is not None:
        agreed(engine)
        return
    from sqlalchemy import text

    from desktop.errors import GovDeskError
    from desktop.settings import display_url

    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception as exc:
        raise GovDeskError("db.unreachable", url=display_url(str(engine.url))) from exc


def open_database(url: str) -> Database:
    """Connect, check the schema exists and read the training stamp. Worker thread only."""
    from desktop.db.engine import make_engine, make_session_factory
    from desktop.db.migrate import current_revision
    from desktop.services.meta import is_training

    engine = make_engine(url)
    try:
        _check_connection(engine)
        if current_revision(engine) is None:
            raise NotInitialised(url)
        factory = make_session_factory(engine)
        with factory() as session:
            training = is_training(session)
    except BaseException:
        engine.dispose()
        raise
    log.info("connected to %s (training=%s)", engine.url.render_as_string(True), training)
    return Database(url=url, engine=engine, session_factory=factory, training=training)
