"""登记: registering a new case with its parties, place, number and first clock.

At a window the clerk usually does more in the same breath: link the new case as a repeat
(合并), accept it (登记并受理), or settle it on the spot (就地办结). `register_case` does the
chosen steps in the caller's one transaction, so a refusal at any step saves nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from sqlalchemy import insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from desktop.clock import to_local
from desktop.db.models import (
    Case,
    CaseCounter,
    CaseParty,
    CaseWorkOrder,
    Center,
    Grid,
    Jurisdiction,
)
from desktop.db.notify import notify_changed
from desktop.domain import workflow
from desktop.domain.enums import (
    Channel,
    ClockKind,
    EventKind,
    JurisdictionLevel,
    PartyRole,
    Result,
    Status,
)
from desktop.domain.identity import validate_id_number, validate_phone
from desktop.domain.principal import Principal
from desktop.domain.risk import risk_for_group
from desktop.errors import GovDeskError
from desktop.services import attachments, deadlines, geo
from desktop.services import workflow as case_workflow
from desktop.services.case_log import append_event
from desktop.services.meta import clock_for

# A caller may withhold their name (匿名) only where nobody stands at the window.
ANONYMOUS_CHANNELS = frozenset({Channel.PHONE, Channel.HOTLINE_12345})


class SaveAs(StrEnum):
    """How far the desk takes a new case in the one transaction."""

    REGISTER = "register"  # 登记
    ACCEPT = "accept"  # 登记并受理
    RESOLVE_ON_SPOT = "resolve_on_spot"  # 就地办结 (registered, accepted and resolved)


@dataclass(frozen=True)
class NewParty:
    role: PartyRole
    name: str
    phone: str | None = None
    id_number: str | None = None
    address: str | None = None
    anonymous: bool = False  # 匿名: stored with an empty name


@dataclass(frozen=True)
class NewFile:
    """A photo or document brought to the window (type and limits checked on saving)."""

    filename: str
    content: bytes


@dataclass(frozen=True)
class NewCase:
    title: str
    channel: Channel
    category_id: int
    description: str = ""
    address: str = ""
    grid_id: int | None = None
    lat: float | None = None
    lng: float | None = None
    people_count: int = 1
    parties: tuple[NewParty, ...] = field(default_factory=tuple)
    received_at: datetime | None = None  # the real time of receipt; now if not given
    work_order_no: str | None = None  # 12345 工单号, unique per center
    files: tuple[NewFile, ...] = ()


@dataclass(frozen=True)
class Registered:
    case_id: int
    number: str
    warnings: tuple[str, ...] = ()
    changed: tuple[int, ...] = ()  # every case the save touched (an original whose risk rose)
    status: str = Status.REGISTERED


def register_case(
    *,
    session: Session,
    principal: Principal,
    new: NewCase,
    now: datetime | None = None,
    save_as: SaveAs = SaveAs.REGISTER,
    repeat_of_id: int | None = None,
    result: Result | None = None,
    note: str | None = None,
) -> Registered:
    """Register `new`, then link it as a repeat of `repeat_of_id`'s root, accept or resolve it.

    Refusals name their field (`field=`, and `party=` the 1-based party row) so the form can
    put the message beside it. `result` and `note` are the 就地办结 result and its note.
    """
    if not principal.roles & workflow.INTAKE_ROLES:
        raise GovDeskError("workflow.forbidden_role", action=str(EventKind.REGISTER))
    now = now or clock_for(session).now()
    received_at = new.received_at or now
    if received_at > now:
        raise GovDeskError("intake.received_in_future", field="received_at")
    parties = [_validated_party(p, i, new.channel) for i, p in enumerate(new.parties, 1)]
    if not new.title.strip():
        raise GovDeskError("field.required", field="title")
    if new.people_count < 1:
        raise GovDeskError("intake.people_count", field="people_count", value=new.people_count)
    if save_as == SaveAs.RESOLVE_ON_SPOT and result is None:
        raise GovDeskError("workflow.result_required", field="result")
    total = 0
    for file in new.files:  # refused by name before anything is written
        total += attachments.check_file(file.filename, file.content, total).size
    grid_id, warnings = _place(session, principal, new)
    village_id, street_id, county_id = _ancestors(session, grid_id, principal)
    center = _center_for(session, principal)
    work_order_no = _work_order(session, center, new)
    case = Case(
        number=next_case_number(session, center, received_at),
        center_id=center.id,
        title=new.title.strip(),
        description=new.description,
        channel=str(new.channel),
        category_id=new.category_id,
        status=str(Status.REGISTERED),
        risk=str(risk_for_group(new.people_count)),
        people_count=new.people_count,
        address=new.address,
        lat=new.lat,
        lng=new.lng,
        grid_id=grid_id,
        village_id=village_id,
        street_id=street_id,
        county_id=county_id,
        received_at=received_at,
        created_by_id=principal.user_id,
        updated_at=now,
    )
    calendar = deadlines.load_calendar(session)
    deadlines.start_clock(
        case,
        ClockKind.ACCEPT,
        received_at,
        deadlines.deadline_for(session, calendar, new.category_id, ClockKind.ACCEPT, received_at),
    )
    session.add(case)
    session.flush()
    session.add_all(CaseParty(case_id=case.id, **p) for p in parties)
    if work_order_no is not None:
        session.add(CaseWorkOrder(case_id=case.id, center_id=center.id, number=work_order_no))
    append_event(
        session,
        case,
        EventKind.REGISTER,
        actor_id=principal.user_id,
        at=now,
        to_status=case.status,
        data={"channel": case.channel, "risk": case.risk},
    )
    for file in new.files:
        attachments.attach(session=session, principal=principal, case_id=case.id,
                           filename=file.filename, content=file.content, now=now)  # fmt: skip
    notify_changed(session, [case.id])
    changed = _carry_on(session, principal, case.id, now, save_as, repeat_of_id, result, note)
    return Registered(case.id, case.number, tuple(warnings), changed, case.status)


def _carry_on(session, principal, case_id, now, save_as, repeat_of_id, result, note):
    """合并, 受理 and 就地办结 through the workflow services, each with its own event."""
    changed = {case_id}
    if repeat_of_id is not None:
        merged = case_workflow.merge(
            session=session, principal=principal, case_id=case_id, original_id=repeat_of_id, now=now
        )
        changed.update(merged.case_ids)
    if save_as in (SaveAs.ACCEPT, SaveAs.RESOLVE_ON_SPOT):
        case_workflow.accept(session=session, principal=principal, case_id=case_id, now=now)
    if save_as == SaveAs.RESOLVE_ON_SPOT:
        case_workflow.resolve_on_spot(
            session=session, principal=principal, case_id=case_id, result=result, note=note, now=now
        )
    return tuple(sorted(changed))


def _validated_party(party, row: int | None = None, channel: Channel | None = None) -> dict:
    """A party's columns, validated; `party` is a NewParty or anything with its fields
    (case_edit's PartyChange). Refusals carry `party=row` when a row is given."""

    def where(field: str) -> dict:
        return {"field": field} if row is None else {"field": field, "party": row}

    def checked(validate, value: str, field: str) -> str:
        try:
            return validate(value)
        except GovDeskError as err:
            raise GovDeskError(err.code, **err.params, **where(field)) from None

    name = party.name.strip()
    if getattr(party, "anonymous", False):
        if channel is None or Channel(channel) not in ANONYMOUS_CHANNELS:
            raise GovDeskError("intake.anonymous_channel", **where("party_name"))
        if PartyRole(party.role) != PartyRole.APPLICANT:
            raise GovDeskError("intake.anonymous_role", **where("party_name"))
        name = ""
    elif not name:
        raise GovDeskError("field.required", **where("party_name"))
    return {
        "role": str(party.role),
        "name": name,
        "phone": checked(validate_phone, party.phone, "phone") if party.phone else None,
        "id_number": (
            checked(validate_id_number, party.id_number, "id_number") if party.id_number else None
        ),
        "address": party.address,
    }


def _work_order(session: Session, center: Center, new: NewCase) -> str | None:
    """The 12345 work-order number, unique per center (the form asks for it on that channel;
    the core takes a case without one, as other channels' references may come later)."""
    number = (new.work_order_no or "").strip()
    if not number:
        return None
    existing = session.scalar(
        select(Case.number)
        .join(CaseWorkOrder, CaseWorkOrder.case_id == Case.id)
        .where(CaseWorkOrder.center_id == center.id, CaseWorkOrder.number == number)
    )
    if existing is not None:
        raise GovDeskError(
            "intake.duplicate_work_order", field="work_order_no", value=number, number=existing
        )
    return number


def _place(session: Session, principal: Principal, new: NewCase) -> tuple[int | None, list[str]]:
    """The case's grid, refusing a point outside the user's jurisdiction."""
    warnings: list[str] = []
    grid_id = new.grid_id
    if new.lat is not None and new.lng is not None:
        inside = geo.point_in_jurisdiction(session, principal.jurisdiction_id, new.lat, new.lng)
        if inside is False:
            raise GovDeskError("location.outside_jurisdiction", field="location")
        if grid_id is None:
            grid_id = geo.locate_grid(session, new.lat, new.lng)
        else:
            boundary = session.scalar(select(Grid.boundary).where(Grid.id == grid_id))
            if geo.point_in_boundary(boundary, new.lat, new.lng) is False:
                warnings.append("location.outside_grid")
    return grid_id, warnings


def _ancestors(session: Session, grid_id: int | None, principal: Principal):
    """(village, street, county) ids of the grid, or as far down as the user's own place."""
    chain: dict[str, int] = {}
    jid: int | None
    if grid_id is not None:
        grid = session.get(Grid, grid_id)
        if grid is None:
            raise GovDeskError("field.required", field="grid")
        jid = grid.village_id
    else:
        jid = principal.jurisdiction_id
    inside = False
    while jid is not None:
        row = session.get(Jurisdiction, jid)
        chain[row.level] = row.id
        inside = inside or row.id == principal.jurisdiction_id
        jid = row.parent_id
    if not inside:  # a grid of another street or county
        raise GovDeskError("location.outside_jurisdiction", field="grid")
    return (
        chain.get(JurisdictionLevel.VILLAGE),
        chain.get(JurisdictionLevel.TOWNSHIP),
        chain.get(JurisdictionLevel.COUNTY),
    )


def _center_for(session: Session, principal: Principal) -> Center:
    """The center of the user's jurisdiction, or of the nearest ancestor that has one."""
    jid: int | None = principal.jurisdiction_id
    while jid is not None:
        center = session.scalars(select(Center).where(Center.jurisdiction_id == jid)).first()
        if center is not None:
            return center
        jid = session.scalar(select(Jurisdiction.parent_id).where(Jurisdiction.id == jid))
    raise GovDeskError("field.required", field="center")


def next_case_number(session: Session, center: Center, received_at: datetime) -> str:
    """`九原-2026-000123`: from a counter row incremented under its lock, never reused."""
    year = to_local(received_at).year
    bump = (
        update(CaseCounter)
        .where(CaseCounter.center_id == center.id, CaseCounter.year == year)
        .values(last_number=CaseCounter.last_number + 1)
        .returning(CaseCounter.last_number)
    )
    number = session.scalar(bump)
    if number is None:
        try:
            with session.begin_nested():
                session.execute(
                    insert(CaseCounter).values(center_id=center.id, year=year, last_number=1)
                )
            number = 1
        except IntegrityError:  # another seat created this year's row first
            number = session.scalar(bump)
    return f"{center.short_name}-{year}-{number:06d}"
