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


def open_database(url: str) -> Database:
    """Connect, check the schema exists and read the training stamp. Worker thread only."""
    from desktop.db.engine import check_connection, make_engine, make_session_factory
    from desktop.db.migrate import current_revision, head_revision, upgrade
    from desktop.services.meta import is_training

    engine = make_engine(url)
    try:
        check_connection(engine)
        revision = current_revision(engine)
        if revision is None:
            raise NotInitialised(url)
        if revision != head_revision():
            upgrade(engine)  # a newer GovDesk on an older database: bring the schema along
        factory = make_session_factory(engine)
        with factory() as session:
            training = is_training(session)
    except BaseException:
        engine.dispose()
        raise
    log.info("connected to %s (training=%s)", engine.url.render_as_string(True), training)
    return Database(url=url, engine=engine, session_factory=factory, training=training)
