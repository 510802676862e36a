"""Appending to a case's timeline (the only writer of case_events)."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.db.models import Case, CaseEvent
from desktop.domain.enums import EventKind
from desktop.services.action_ids import take_pending_id


def append_event(
    session: Session,
    case: Case,
    kind: EventKind,
    *,
    actor_id: int | None,
    at: datetime,
    from_status: str | None = None,
    to_status: str | None = None,
    note: str | None = None,
    task_id: int | None = None,
    data: dict[str, Any] | None = None,
) -> CaseEvent:
    """Add the next event; (case_id, seq) is unique, so two racing writers cannot both land."""
    if case.id is None:
        session.flush()
    seq = session.scalar(select(func.coalesce(func.max(CaseEvent.seq), 0) + 1).where(
        CaseEvent.case_id == case.id
    ))
    event = CaseEvent(
        case_id=case.id,
        seq=seq,
        kind=str(kind),
        at=at,
        actor_id=actor_id,
        task_id=task_id,
        from_status=from_status,
        to_status=to_status,
        note=note,
        data=json.dumps(data, ensure_ascii=False, sort_keys=True, default=str) if data else None,
        # The first event of an action a seat may retry carries its id (action_ids.run_once).
        client_action_id=take_pending_id(session),
    )
    session.add(event)
    session.flush()
    return event
