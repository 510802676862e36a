"""The audit log: report runs and exports, with who asked (a user, or the OS user)."""

from __future__ import annotations

import getpass
import json
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from desktop.db.models import AuditEntry
from desktop.services.meta import clock_for


def os_user() -> str:
    """The operating-system account running the command line."""
    try:
        return f"os:{getpass.getuser()}"
    except Exception:  # no passwd entry, no USER variable: still log the run
        return "os:unknown"


def record(
    *,
    session: Session,
    actor: str,
    action: str,
    detail: dict[str, Any] | None = None,
    now: datetime | None = None,
) -> int:
    """Append one entry in the caller's transaction; returns its id."""
    entry = AuditEntry(at=now or clock_for(session).now(), actor=actor, action=action,
                       detail=json.dumps(detail, ensure_ascii=False, default=str)
                       if detail is not None else None)  # fmt: skip
    session.add(entry)
    session.flush()
    return entry.id
