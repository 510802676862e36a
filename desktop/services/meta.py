"""Facts about the database: training or production, and the clock it runs on."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.clock import Clock
from desktop.db.models import AppMeta
from desktop.db.models.meta import CLOCK_OFFSET_KEY, KIND_KEY

TRAINING = "training"
PRODUCTION = "production"


def get_value(session: Session, key: str) -> str | None:
    return session.scalar(select(AppMeta.value).where(AppMeta.key == key))


def set_value(session: Session, key: str, value: str) -> None:
    row = session.get(AppMeta, key)
    if row is None:
        session.add(AppMeta(key=key, value=value))
    else:
        row.value = value


def is_training(session: Session) -> bool:
    return get_value(session, KIND_KEY) == TRAINING


def clock_for(session: Session) -> Clock:
    """The real clock, shifted by the trainer's offset in a training database only."""
    if not is_training(session):
        return Clock()
    offset = get_value(session, CLOCK_OFFSET_KEY)
    return Clock(offset=timedelta(seconds=float(offset or 0)))
