"""Key/value facts about the database itself (training stamp, clock offset)."""

from __future__ import annotations

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.db.base import Base

KIND_KEY = "database_kind"  # "training" or "production"
CLOCK_OFFSET_KEY = "clock_offset_seconds"  # the trainer's time machine


class AppMeta(Base):
    __tablename__ = "app_meta"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
