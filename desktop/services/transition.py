"""What every workflow action shares: load in scope, check rule and version, log, notify."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from desktop.db.models import Case
from desktop.db.notify import notify_changed
from desktop.domain import workflow
from desktop.domain.enums import EventKind
from desktop.domain.principal import Principal
from desktop.errors import ConflictError, GovDeskError
from desktop.services.case_log import append_event
from desktop.services.meta import clock_for
from desktop.services.scoping import get_visible_case


@dataclass(frozen=True)
class Change:
    """What a mutating service changed, so screens know what to refresh."""

    case_ids: tuple[int, ...]
    kind: EventKind
    warnings: tuple[str, ...] = ()


@dataclass
class Step:
    """One action in progress on one case, inside the caller's transaction."""

    session: Session
    principal: Principal
    case: Case
    kind: EventKind
    now: datetime
    rule: workflow.Rule

    def log(self, *, note=None, task_id=None, data: dict[str, Any] | None = None,
            from_status: str | None = None, to_status: str | None = None) -> None:
        append_event(
            self.session, self.case, self.kind, actor_id=self.principal.user_id, at=self.now,
            from_status=from_status, to_status=to_status, note=note, task_id=task_id, data=data,
        )

    def move(self, to_status: str, *, note=None, task_id=None, data=None) -> None:
        """Change the case status and log it with from/to; a claim ends with the step."""
        old = self.case.status
        self.case.status = str(to_status)
        self.case.claimed_by_id = None
        self.case.claimed_at = None
        self.log(note=note, task_id=task_id, data=data, from_status=old, to_status=str(to_status))

    def done(self, *extra_case_ids: int, warnings: tuple[str, ...] = ()) -> Change:
        ids = (self.case.id, *extra_case_ids)
        self.session.flush()
        notify_changed(self.session, list(ids))
        return Change(ids, self.kind, warnings)


def begin(
    session: Session,
    principal: Principal,
    case_id: int,
    kind: EventKind,
    *,
    expected_version: int | None,
    now: datetime | None,
) -> Step:
    """Load the case in the principal's scope and check role, status and version.

    `expected_version` is the version the user's screen showed: if someone else saved
    since, the action is refused as a conflict instead of silently overwriting.
    """
    case = get_visible_case(session, principal, case_id, for_update=True)
    if expected_version is not None and case.version != expected_version:
        raise ConflictError("workflow.conflict", case_id=case_id)
    rule = workflow.check(kind, case.status, principal)
    now = now or clock_for(session).now()
    case.updated_at = now  # set first, so the row is written once per step where possible
    return Step(session, principal, case, kind, now, rule)


def require_text(value: str | None, field: str) -> str:
    if value is None or not value.strip():
        raise GovDeskError("workflow.note_required", field=field)
    return value.strip()
