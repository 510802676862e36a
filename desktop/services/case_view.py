"""One case as a screen shows it: masked parties, sub-tasks, timeline; and logged reveals."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, aliased

from desktop.db.models import (
    Attachment,
    Case,
    CaseEvent,
    CaseParty,
    CaseTask,
    Category,
    Department,
    ExtensionRequest,
    Grid,
    Staff,
    User,
)
from desktop.domain.enums import (
    ACTIVE_TASK_STATUSES,
    OPEN_STATUSES,
    DeadlineColour,
    EventKind,
    SupervisionLevel,
)
from desktop.domain.masking import can_see_personal_data, mask_id_number, mask_name, mask_phone
from desktop.domain.principal import Principal
from desktop.domain.workdays import deadline_colour, supervision_level
from desktop.errors import GovDeskError
from desktop.services.case_log import append_event
from desktop.services.claim_lapse import claim_cutoffs
from desktop.services.deadlines import load_calendar
from desktop.services.meta import clock_for
from desktop.services.scoping import get_visible_case, scope_cases

THUMBNAIL_MAX_BYTES = 2 * 1024 * 1024  # larger photos are opened, not previewed


@dataclass(frozen=True)
class PartyView:
    id: int
    role: str
    name: str
    phone: str | None
    id_number: str | None
    address: str | None
    masked: bool
    may_reveal: bool


@dataclass(frozen=True)
class TaskView:
    id: int
    department: str
    role: str
    status: str
    assignee: str | None
    dispatched_at: datetime
    signed_at: datetime | None
    due_at: datetime | None
    department_id: int = 0
    assignee_id: int | None = None
    due_provisional: bool = False
    colour: DeadlineColour | None = None  # None: finished, or no clock running


@dataclass(frozen=True)
class RelatedCase:
    """The original of a repeat, or a repeat of an original (重复件)."""

    id: int
    number: str
    title: str
    status: str
    received_at: datetime
    relation: str  # "original" or "repeat"


@dataclass(frozen=True)
class AttachmentView:
    id: int
    filename: str
    mime_type: str
    size: int
    created_at: datetime
    thumbnail: bytes | None  # the image itself when small enough to show


@dataclass(frozen=True)
class ExtensionView:
    """A pending 延期 request, for the supervisor's decision."""

    id: int
    task_id: int | None
    requested_due: datetime
    reason: str
    requested_by: str | None


@dataclass(frozen=True)
class EventView:
    seq: int
    kind: str
    at: datetime
    actor: str | None
    from_status: str | None
    to_status: str | None
    note: str | None
    data: dict
    task_id: int | None = None


@dataclass(frozen=True)
class CaseDetail:
    id: int
    number: str
    version: int
    title: str
    description: str
    channel: str
    category: str
    status: str
    risk: str
    level: str | None
    address: str
    grid: str | None
    lat: float | None
    lng: float | None
    received_at: datetime
    due_at: datetime | None
    due_provisional: bool
    colour: DeadlineColour | None
    supervision: SupervisionLevel
    suspended: bool
    result: str | None
    satisfaction: str | None
    parties: tuple[PartyView, ...]
    tasks: tuple[TaskView, ...]
    events: tuple[EventView, ...]
    category_id: int = 0
    grid_id: int | None = None
    supervised: bool = False  # the manual 督办 flag
    related: tuple[RelatedCase, ...] = ()
    attachments: tuple[AttachmentView, ...] = ()
    extension_requests: tuple[ExtensionView, ...] = ()
    claimed_by: str | None = None  # who holds a live claim (领取); a lapsed one is no one's
    claimed_at: datetime | None = None
    claim_lapses_at: datetime | None = None


def _claim(session: Session, case: Case, now: datetime):
    """(holder's name, since, lapses at) of a live claim, else (None, None, None)."""
    if case.claimed_by_id is None:
        return None, None, None
    lapses_at = None  # a claim with no time holds until released (claim_lapse)
    if case.claimed_at is not None:
        cutoff = claim_cutoffs(session, now).cutoff_for(case.center_id)
        lapses_at = case.claimed_at + (now - cutoff)
        if lapses_at <= now:
            return None, None, None
    holder = session.get(User, case.claimed_by_id)
    return holder.display_name if holder else None, case.claimed_at, lapses_at


def case_detail(*, session: Session, principal: Principal, case_id: int,
                now: datetime | None = None) -> CaseDetail:
    case = get_visible_case(session, principal, case_id)
    now = now or clock_for(session).now()
    category = session.get(Category, case.category_id)
    grid = session.get(Grid, case.grid_id) if case.grid_id else None
    is_open = case.status in OPEN_STATUSES and case.suspended_at is None
    colour = (deadline_colour(due_at=case.due_at, warn_at=case.warn_at, now=now)
              if is_open and case.due_at else None)
    supervision = supervision_level(
        due_at=case.due_at if is_open else None, now=now, manual=case.supervised,
        calendar=load_calendar(session),
    ) if case.status in OPEN_STATUSES else SupervisionLevel.NONE
    claimed_by, claimed_at, lapses_at = _claim(session, case, now)
    return CaseDetail(
        id=case.id, number=case.number, version=case.version, title=case.title,
        description=case.description, channel=case.channel, category=category.name,
        status=case.status, risk=case.risk, level=case.level, address=case.address,
        grid=grid.name if grid else None, lat=case.lat, lng=case.lng,
        received_at=case.received_at, due_at=case.due_at, due_provisional=case.due_provisional,
        colour=colour, supervision=supervision, suspended=case.suspended_at is not None,
        result=case.result, satisfaction=case.satisfaction,
        parties=tuple(_party_view(p, may) for p, may in _parties(session, principal, case)),
        tasks=_tasks(session, case.id, None if case.suspended_at else now),
        events=_events(session, case.id),
        category_id=case.category_id, grid_id=case.grid_id, supervised=case.supervised,
        related=_related(session, principal, case), attachments=_attachments(session, case.id),
        extension_requests=_pending_extensions(session, case.id),
        claimed_by=claimed_by, claimed_at=claimed_at, claim_lapses_at=lapses_at,
    )


def _parties(session: Session, principal: Principal, case: Case):
    petition = _is_petition(session, case.category_id)
    holds_task = principal.department_id is not None and session.scalar(
        select(CaseTask.id).where(CaseTask.case_id == case.id,
                                  CaseTask.department_id == principal.department_id).limit(1)
    ) is not None
    rows = session.scalars(select(CaseParty).where(CaseParty.case_id == case.id)
                           .order_by(CaseParty.id)).all()
    for party in rows:
        may = can_see_personal_data(
            principal, is_petition_applicant=petition and party.role == "applicant",
            principal_is_complained_department=holds_task,
        )
        yield party, may


def _is_petition(session: Session, category_id: int) -> bool:
    parent = aliased(Category)
    row = session.execute(
        select(Category.is_petition, parent.is_petition)
        .outerjoin(parent, parent.id == Category.parent_id)
        .where(Category.id == category_id)
    ).one()
    return bool(row[0] or row[1])


def _party_view(party: CaseParty, may_reveal: bool, *, masked: bool = True) -> PartyView:
    def hide(value, mask):
        return mask(value) if masked and value else value

    return PartyView(
        id=party.id, role=party.role, name=hide(party.name, mask_name),
        phone=hide(party.phone, mask_phone), id_number=hide(party.id_number, mask_id_number),
        address=party.address if not masked else None, masked=masked, may_reveal=may_reveal,
    )


def reveal_party(*, session: Session, principal: Principal, case_id: int, party_id: int,
                 now: datetime | None = None) -> PartyView:
    """The unmasked party, if the role may see it; the look is logged on the case timeline."""
    case = get_visible_case(session, principal, case_id)
    for party, may in _parties(session, principal, case):
        if party.id != party_id:
            continue
        if not may:
            raise GovDeskError("privacy.forbidden")
        # Logged without touching the case row, so a look never conflicts with an edit.
        append_event(session, case, EventKind.REVEAL, actor_id=principal.user_id,
                     at=now or clock_for(session).now(), data={"party": party_id})
        return _party_view(party, may, masked=False)
    raise GovDeskError("workflow.not_found", case_id=case_id)


def _tasks(session: Session, case_id: int, now: datetime | None) -> tuple[TaskView, ...]:
    """The sub-tasks; `now` None (a 挂起 case: its clocks stand still) gives them no colour."""
    rows = session.execute(
        select(CaseTask, Department.name, Staff.name)
        .join(Department, Department.id == CaseTask.department_id)
        .outerjoin(Staff, Staff.id == CaseTask.assignee_id)
        .where(CaseTask.case_id == case_id).order_by(CaseTask.id)
    ).all()
    return tuple(
        TaskView(t.id, dept, t.role, t.status, assignee, t.dispatched_at, t.signed_at, t.due_at,
                 department_id=t.department_id, assignee_id=t.assignee_id,
                 due_provisional=t.due_provisional,
                 colour=_task_colour(t, now))
        for t, dept, assignee in rows
    )


def _task_colour(task: CaseTask, now: datetime | None) -> DeadlineColour | None:
    """A sub-task's own colour while its clock runs (签收, then 办结)."""
    if now is None or task.status not in ACTIVE_TASK_STATUSES or task.due_at is None or task.warn_at is None:
        return None
    return deadline_colour(due_at=task.due_at, warn_at=task.warn_at, now=now)


def _related(session: Session, principal: Principal, case: Case) -> tuple[RelatedCase, ...]:
    """The original (if this is a repeat) and every repeat of the same original, in scope."""
    root = case.repeat_of_id or case.id
    rows = session.execute(scope_cases(
        select(Case.id, Case.number, Case.title, Case.status, Case.received_at)
        .where(or_(Case.id == root, Case.repeat_of_id == root), Case.id != case.id)
        .order_by(Case.received_at, Case.id), principal)).all()
    return tuple(RelatedCase(*row, relation="original" if row[0] == root else "repeat")
                 for row in rows)


def _attachments(session: Session, case_id: int) -> tuple[AttachmentView, ...]:
    rows = session.execute(
        select(Attachment.id, Attachment.filename, Attachment.mime_type, Attachment.size,
               Attachment.created_at)
        .where(Attachment.case_id == case_id).order_by(Attachment.id)
    ).all()
    small_images = {row.id for row in rows
                    if row.mime_type.startswith("image/") and row.size <= THUMBNAIL_MAX_BYTES}
    content = dict(session.execute(select(Attachment.id, Attachment.content)
                                   .where(Attachment.id.in_(small_images))).all()
                   ) if small_images else {}
    return tuple(AttachmentView(r.id, r.filename, r.mime_type, r.size, r.created_at,
                                content.get(r.id)) for r in rows)


def attachment_content(*, session: Session, principal: Principal, case_id: int,
                       attachment_id: int) -> tuple[str, str, bytes]:
    """(filename, mime type, bytes) of an attachment of a case the principal may see."""
    get_visible_case(session, principal, case_id)
    row = session.get(Attachment, attachment_id)
    if row is None or row.case_id != case_id:
        raise GovDeskError("workflow.not_found", case_id=case_id)
    return row.filename, row.mime_type, bytes(row.content)


def _pending_extensions(session: Session, case_id: int) -> tuple[ExtensionView, ...]:
    rows = session.execute(
        select(ExtensionRequest, User.display_name)
        .outerjoin(User, User.id == ExtensionRequest.requested_by_id)
        .where(ExtensionRequest.case_id == case_id, ExtensionRequest.status == "pending")
        .order_by(ExtensionRequest.id)
    ).all()
    return tuple(ExtensionView(r.id, r.task_id, r.requested_due, r.reason, name)
                 for r, name in rows)


def _events(session: Session, case_id: int) -> tuple[EventView, ...]:
    rows = session.execute(
        select(CaseEvent, User.display_name)
        .outerjoin(User, User.id == CaseEvent.actor_id)
        .where(CaseEvent.case_id == case_id).order_by(CaseEvent.seq)
    ).all()
    return tuple(
        EventView(e.seq, e.kind, e.at, actor, e.from_status, e.to_status, e.note,
                  json.loads(e.data) if e.data else {}, e.task_id)
        for e, actor in rows
    )


def case_id_by_number(*, session: Session, principal: Principal, number: str) -> int:
    """The id of a case the principal may see, by its number (合并 picks the original so)."""
    number = (number or "").strip()
    if not number:
        raise GovDeskError("field.required", field="original")
    found = session.scalar(scope_cases(select(Case.id).where(Case.number == number), principal))
    if found is None:
        raise GovDeskError("case.number_not_found", field="original", value=number)
    return found
