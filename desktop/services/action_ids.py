"""Actions that run at most once, whatever the network does to the reply.

A seat gives each confirmed action an id (a UUID made when the user confirms) and sends the
same id with every retry. The id is stored on the first event the action writes
(case_events.client_action_id, unique where set). A retry whose id is already stored was
applied before (the reply was lost, not the commit) and is not applied again: 签收, 处置记录
and 督办 carry no version check, so without this a retry would act twice.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.db.models import CaseEvent

T = TypeVar("T")
_KEY = "govdesk.client_action_id"


def applied_case(session: Session, client_action_id: str) -> int | None:
    """The case the action with this id was applied to, or None if it never was."""
    return session.scalar(
        select(CaseEvent.case_id).where(CaseEvent.client_action_id == client_action_id)
    )


def take_pending_id(session: Session) -> str | None:
    """The id to stamp on the next event of this transaction (then forgotten: one event)."""
    return session.info.pop(_KEY, None)


def run_once(
    session: Session,
    client_action_id: str | None,
    action: Callable[[], T],
    already: Callable[[int], T],
) -> T:
    """Run `action` in the caller's transaction unless the id was applied before.

    `already(case_id)` builds the answer for a recognised retry. A retry racing its own
    first attempt is stopped by the unique index when both commit.
    """
    if not client_action_id:
        return action()
    case_id = applied_case(session, client_action_id)
    if case_id is not None:
        return already(case_id)
    session.info[_KEY] = client_action_id
    try:
        return action()
    finally:
        session.info.pop(_KEY, None)
