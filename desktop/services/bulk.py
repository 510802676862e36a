"""Bulk actions on a selection of cases: each case in its own transaction, with a report.

派单 to one department, 督办, setting a department's assignee, releasing claims. A case that
is refused (wrong status, no permission, changed by someone else since the list showed it)
is named with the reason; the others go through. Unlike the single-case services, these
functions own their transactions: `session` must have none open.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from desktop.domain.principal import Principal
from desktop.errors import ConflictError, GovDeskError
from desktop.services import claims, dispatch, workflow


@dataclass(frozen=True)
class Refusal:
    case_id: int
    code: str
    params: dict[str, Any] = field(default_factory=dict)
    conflict: bool = False  # changed by someone else meanwhile


@dataclass(frozen=True)
class BulkReport:
    succeeded: tuple[int, ...]
    refused: tuple[Refusal, ...]


def _each(
    session: Session, versions: Mapping[int, int | None], act: Callable[[int, int | None], Any]
) -> BulkReport:
    done: list[int] = []
    refused: list[Refusal] = []
    for case_id, version in versions.items():
        try:
            with session.begin():
                act(case_id, version)
        except GovDeskError as err:
            refused.append(
                Refusal(
                    case_id, err.code, dict(err.params), conflict=isinstance(err, ConflictError)
                )
            )
        else:
            done.append(case_id)
    return BulkReport(tuple(done), tuple(refused))


def bulk_dispatch(
    *,
    session: Session,
    principal: Principal,
    versions: Mapping[int, int | None],
    department_id: int,
    assignee_id: int | None = None,
    note: str | None = None,
    now: datetime | None = None,
) -> BulkReport:
    """派单 each case (case id -> the version the list showed) to one lead department."""
    assignees = {department_id: assignee_id} if assignee_id else None
    return _each(
        session,
        versions,
        lambda case_id, version: dispatch.dispatch(
            session=session,
            principal=principal,
            case_id=case_id,
            lead_department_id=department_id,
            assignees=assignees,
            note=note,
            expected_version=version,
            now=now,
        ),
    )


def bulk_supervise(
    *,
    session: Session,
    principal: Principal,
    versions: Mapping[int, int | None],
    note: str,
    now: datetime | None = None,
) -> BulkReport:
    workflow_note = note.strip() if note else note
    if not workflow_note:  # refuse once for all, before touching any case
        raise GovDeskError("workflow.note_required", field="note")
    return _each(
        session,
        versions,
        lambda case_id, version: workflow.supervise(
            session=session,
            principal=principal,
            case_id=case_id,
            note=workflow_note,
            expected_version=version,
            now=now,
        ),
    )


def bulk_assign(
    *,
    session: Session,
    principal: Principal,
    versions: Mapping[int, int | None],
    department_id: int,
    staff_id: int,
    now: datetime | None = None,
) -> BulkReport:
    """Make `staff_id` the assignee of `department_id`'s active task on each case."""
    return _each(
        session,
        versions,
        lambda case_id, version: dispatch.assign(
            session=session,
            principal=principal,
            case_id=case_id,
            department_id=department_id,
            staff_id=staff_id,
            expected_version=version,
            now=now,
        ),
    )


def bulk_release(
    *, session: Session, principal: Principal, versions: Mapping[int, int | None]
) -> BulkReport:
    """Give claimed cases back to their queues (a supervisor's, or one's own)."""

    def release(case_id: int, _version: int | None) -> None:
        if not claims.release(session=session, principal=principal, case_id=case_id):
            raise GovDeskError("claim.not_claimed")

    return _each(session, versions, release)
