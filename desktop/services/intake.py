"""登记: registering a new case with its parties, place, number and first clock."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from desktop.clock import to_local
from desktop.db.models import Case, CaseCounter, CaseParty, Center, Grid, Jurisdiction
from desktop.db.notify import notify_changed
from desktop.domain import workflow
from desktop.domain.enums import (
    Channel,
    ClockKind,
    EventKind,
    JurisdictionLevel,
    PartyRole,
    Status,
)
from desktop.domain.identity import validate_id_number, validate_phone
from desktop.domain.principal import Principal
from desktop.domain.risk import risk_for_group
from desktop.errors import GovDeskError
from desktop.services import deadlines, geo
from desktop.services.case_log import append_event
from desktop.services.meta import clock_for


@dataclass(frozen=True)
class NewParty:
    role: PartyRole
    name: str
    phone: str | None = None
    id_number: str | None = None
    address: str | None = None


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


@dataclass(frozen=True)
class Registered:
    case_id: int
    number: str
    warnings: tuple[str, ...] = ()


def register_case(
    *, session: Session, principal: Principal, new: NewCase, now: datetime | None = None
) -> Registered:
    if not principal.roles & workflow.INTAKE_ROLES:
        raise GovDeskError("workflow.forbidden_role", action=str(EventKind.REGISTER))
    now = now or clock_for(session).now()
    received_at = new.received_at or now
    parties = [_validated_party(p) for p in new.parties]
    if not new.title.strip():
        raise GovDeskError("field.required", field="title")
    grid_id, warnings = _place(session, principal, new)
    village_id, street_id, county_id = _ancestors(session, grid_id, principal)
    center = _center_for(session, principal)
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
    append_event(
        session, case, EventKind.REGISTER, actor_id=principal.user_id, at=now,
        to_status=case.status, data={"channel": case.channel, "risk": case.risk},
    )
    notify_changed(session, [case.id])
    return Registered(case.id, case.number, tuple(warnings))


def _validated_party(party: NewParty) -> dict:
    if not party.name.strip():
        raise GovDeskError("field.required", field="party_name")
    return {
        "role": str(party.role),
        "name": party.name.strip(),
        "phone": validate_phone(party.phone) if party.phone else None,
        "id_number": validate_id_number(party.id_number) if party.id_number else None,
        "address": party.address,
    }


def _place(session: Session, principal: Principal, new: NewCase) -> tuple[int | None, list[str]]:
    """The case's grid, refusing a point outside the user's jurisdiction."""
    warnings: list[str] = []
    grid_id = new.grid_id
    if new.lat is not None and new.lng is not None:
        inside = geo.point_in_jurisdiction(session, principal.jurisdiction_id, new.lat, new.lng)
        if inside is False:
            raise GovDeskError("location.outside_jurisdiction")
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
    while jid is not None:
        row = session.get(Jurisdiction, jid)
        chain[row.level] = row.id
        jid = row.parent_id
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
