"""Facts about the database itself (training stamp, clock offset), and the audit log."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.db.base import Base

KIND_KEY = "database_kind"  # "training" or "production"
CLOCK_OFFSET_KEY = "clock_offset_seconds"  # the trainer's time machine


class AppMeta(Base):
    __tablename__ = "app_meta"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class AuditEntry(Base):
    """Who did what outside a case's own timeline (a report run, an export), and when.

    `actor` is a name, not a user id: the command line runs without signing in and
    records the operating-system user. Append-only.
    """

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime]
    actor: Mapped[str] = mapped_column(String(128))
    action: Mapped[str] = mapped_column(String(32))
    detail: Mapped[str | None] = mapped_column(Text)  # JSON with the action's particulars
