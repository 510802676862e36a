"""Database work of the case view; every function here runs on the database worker only.

Each opens its own transaction on the session the task runner hands it, and returns frozen
dataclasses (never ORM objects) to the GUI thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from desktop.domain.enums import EventKind
from desktop.domain.principal import Principal


@dataclass(frozen=True)
class Loaded:
    detail: Any  # CaseDetail
    actions: frozenset[EventKind]
    now: datetime


def load_case(session, principal: Principal, case_id: int) -> Loaded:
    from desktop.services.case_actions import available_actions
    from desktop.services.case_view import case_detail
    from desktop.services.meta import clock_for

    with session.begin():
        now = clock_for(session).now()
        detail = case_detail(session=session, principal=principal, case_id=case_id, now=now)
        return Loaded(detail, available_actions(detail, principal), now)


def _services() -> dict[str, Any]:
    from desktop.services import (
        attachments,
        case_edit,
        dispatch,
        extensions,
        workflow,
    )

    return {
        EventKind.ACCEPT: workflow.accept,
        EventKind.REJECT: workflow.reject,
        EventKind.SET_LEVEL: workflow.set_level,
        EventKind.RESOLVE_ON_SPOT: workflow.resolve_on_spot,
        EventKind.DISPATCH: dispatch.dispatch,
        EventKind.RECALL: dispatch.recall,
        EventKind.SIGN: dispatch.sign,
        EventKind.RETURN: dispatch.return_task,
        EventKind.REPORT: dispatch.report,
        EventKind.RESOLVE: dispatch.resolve,
        EventKind.ASSIGN: dispatch.assign,
        EventKind.NOTE: workflow.add_note,
        EventKind.REQUEST_EXTENSION: extensions.request_extension,
        EventKind.APPROVE_EXTENSION: extensions.approve_extension,
        EventKind.DENY_EXTENSION: extensions.deny_extension,
        EventKind.SUSPEND: workflow.suspend,
        EventKind.RESUME: workflow.resume,
        EventKind.SUPERVISE: workflow.supervise,
        EventKind.FOLLOW_UP: workflow.follow_up,
        EventKind.MERGE: workflow.merge,
        EventKind.EDIT: case_edit.edit_case,
        EventKind.ATTACH: attachments.attach,
    }


def run_action(
    session,
    principal: Principal,
    kind: EventKind,
    case_id: int,
    version: int,
    values: dict[str, Any],
    client_action_id: str | None = None,
):
    """Run one workflow action with the version the user saw; a Change, or a GovDeskError.

    `client_action_id`: the same id on every attempt of one confirmed action; an attempt
    whose first try was applied (and only its reply lost) is answered without acting again.
    """
    service = _services()[kind]
    from desktop.services.action_ids import run_once
    from desktop.services.case_view import case_id_by_number
    from desktop.services.transition import Change

    values = dict(values)

    def act():
        if kind == EventKind.MERGE:
            values["original_id"] = case_id_by_number(
                session=session, principal=principal, number=values.pop("original_number", "")
            )
        return service(
            session=session,
            principal=principal,
            case_id=case_id,
            expected_version=version,
            **values,
        )

    with session.begin():
        return run_once(session, client_action_id, act, lambda done: Change((done,), kind))


def reveal(session, principal: Principal, case_id: int, party_id: int):
    from desktop.services.case_view import reveal_party

    with session.begin():
        return reveal_party(
            session=session, principal=principal, case_id=case_id, party_id=party_id
        )


def load_dispatch_choices(session, principal: Principal, case_id: int):
    from desktop.services.dispatch_choices import dispatch_choices
    from desktop.services.scoping import get_visible_case

    with session.begin():
        center_id = get_visible_case(session, principal, case_id).center_id
        return dispatch_choices(session=session, principal=principal, center_id=center_id)


@dataclass(frozen=True)
class EditChoices:
    categories: tuple[tuple[int, str], ...]  # (id, "parent / child")
    grids: tuple[tuple[int, str], ...]


def load_edit_choices(session, principal: Principal) -> EditChoices:
    from sqlalchemy import select
    from sqlalchemy.orm import aliased

    from desktop.db.models import Category, Grid, Jurisdiction
    from desktop.domain.enums import JurisdictionLevel

    with session.begin():
        parent = aliased(Category)
        rows = session.execute(
            select(Category.id, Category.name, parent.name)
            .outerjoin(parent, parent.id == Category.parent_id)
            .where(Category.active.is_(True))
            .order_by(Category.code)
        ).all()
        categories = tuple((cid, f"{up} / {name}" if up else name) for cid, name, up in rows)
        grids_stmt = select(Grid.id, Grid.name).where(Grid.parent_id.is_(None))
        if principal.jurisdiction_level == JurisdictionLevel.VILLAGE:
            grids_stmt = grids_stmt.where(Grid.village_id == principal.jurisdiction_id)
        elif principal.jurisdiction_level == JurisdictionLevel.TOWNSHIP:
            villages = select(Jurisdiction.id).where(
                Jurisdiction.parent_id == principal.jurisdiction_id
            )
            grids_stmt = grids_stmt.where(Grid.village_id.in_(villages))
        grids = tuple(session.execute(grids_stmt.order_by(Grid.code).limit(5000)).all())
        return EditChoices(categories, tuple((g, name) for g, name in grids))


def attachment_bytes(session, principal: Principal, case_id: int, attachment_id: int):
    from desktop.services.case_view import attachment_content

    with session.begin():
        return attachment_content(
            session=session, principal=principal, case_id=case_id, attachment_id=attachment_id
        )
