"""编辑: correcting a case's title, description, category, parties and place.

Each changed field is its own EDIT event with before and after, so the timeline reads as a
list of corrections. A category change before 受理 restarts the acceptance clock on the new
category's rule; after 受理 the running deadlines stay, and the event says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.db.models import CaseParty, Category, Grid, Jurisdiction
from desktop.domain.enums import ClockKind, EventKind, JurisdictionLevel, PartyRole, Status
from desktop.domain.principal import Principal
from desktop.errors import GovDeskError
from desktop.services import deadlines, geo
from desktop.services.intake import _ancestors, _validated_party
from desktop.services.transition import Change, Step, begin, require_text

PARTY_FIELDS = ("role", "name", "phone", "id_number", "address")


@dataclass(frozen=True)
class PartyChange:
    """A party to add (`party_id` None) or to correct (None: keep that field as stored)."""

    party_id: int | None
    role: PartyRole | None
    name: str | None
    phone: str | None = None
    id_number: str | None = None
    address: str | None = None


@dataclass(frozen=True)
class PartyRemoval:
    party_id: int
    reason: str


def edit_case(
    *,
    session: Session,
    principal: Principal,
    case_id: int,
    expected_version: int,
    title: str | None = None,
    description: str | None = None,
    category_id: int | None = None,
    address: str | None = None,
    grid_id: int | None = None,
    point: tuple[float, float] | None = None,
    parties: tuple[PartyChange, ...] = (),
    removals: tuple[PartyRemoval, ...] = (),
    now: datetime | None = None,
) -> Change:
    """Apply the corrections given (None: unchanged); a stale version is a conflict.

    Nothing is written when a correction is refused, and an edit that changes nothing is
    refused (`edit.nothing_changed`) rather than logged as an empty event.
    """
    step = begin(
        session, principal, case_id, EventKind.EDIT, expected_version=expected_version, now=now
    )
    case = step.case
    logged = 0
    if title is not None and title.strip() != case.title:
        logged += _log(step, "title", case.title, require_text(title, "title"))
        case.title = title.strip()
    if description is not None and description != case.description:
        logged += _log(step, "description", case.description, description)
        case.description = description
    if category_id is not None and category_id != case.category_id:
        logged += _change_category(step, category_id)
    logged += _change_place(step, address, grid_id, point)
    for change in parties:
        logged += _change_party(step, change)
    for removal in removals:
        logged += _remove_party(step, removal)
    if not logged:
        raise GovDeskError("edit.nothing_changed")
    return step.done()


def _log(step: Step, field: str, before: Any, after: Any, **extra: Any) -> int:
    step.log(data={"field": field, "from": before, "to": after, **extra})
    return 1


def _change_category(step: Step, category_id: int) -> int:
    case = step.case
    new = step.session.get(Category, category_id)
    if new is None or not new.active:
        raise GovDeskError("field.required", field="category")
    old = step.session.get(Category, case.category_id)
    extra: dict[str, Any] = {}
    case.category_id = new.id
    if case.status == Status.REGISTERED:
        # The acceptance limit counts from receipt, now under the new category's rule.
        before = case.due_at
        calendar = deadlines.load_calendar(step.session)
        deadlines.start_clock(
            case,
            ClockKind.ACCEPT,
            case.received_at,
            deadlines.deadline_for(
                step.session, calendar, new.id, ClockKind.ACCEPT, case.received_at
            ),
        )
        extra = {"clock": "restarted", "due_from": before, "due_to": case.due_at}
    else:
        extra = {"clock": "kept"}
    return _log(step, "category", old.name if old else None, new.name, **extra)


def _change_place(
    step: Step, address: str | None, grid_id: int | None, point: tuple[float, float] | None
) -> int:
    case = step.case
    logged = 0
    if address is not None and address.strip() != case.address:
        logged += _log(step, "address", case.address, address.strip())
        case.address = address.strip()
    if point is not None and (point[0], point[1]) != (case.lat, case.lng):
        lat, lng = point
        inside = geo.point_in_jurisdiction(step.session, step.principal.jurisdiction_id, lat, lng)
        if inside is False:
            raise GovDeskError("location.outside_jurisdiction")
        logged += _log(step, "point", _point(case.lat, case.lng), _point(lat, lng))
        case.lat, case.lng = lat, lng
        if grid_id is None and case.grid_id is None:
            grid_id = geo.locate_grid(step.session, lat, lng)
    if grid_id is not None and grid_id != case.grid_id:
        grid = step.session.get(Grid, grid_id)
        if grid is None:
            raise GovDeskError("field.required", field="grid")
        old = step.session.get(Grid, case.grid_id) if case.grid_id else None
        village, street, county = _ancestors(step.session, grid_id, step.principal)
        if not _inside_scope(step, village, street, county):
            raise GovDeskError("location.outside_jurisdiction")
        logged += _log(step, "grid", old.name if old else None, grid.name)
        case.grid_id, case.village_id, case.street_id, case.county_id = (
            grid_id,
            village,
            street,
            county,
        )
    return logged


def _point(lat: float | None, lng: float | None) -> str | None:
    return None if lat is None or lng is None else f"{lat:.6f},{lng:.6f}"


def _inside_scope(step: Step, village: int | None, street: int | None, county: int | None):
    """Whether the case, placed there, would still lie in the editor's jurisdiction."""
    principal = step.principal
    if principal.jurisdiction_level == JurisdictionLevel.CITY:
        parent = step.session.scalar(
            select(Jurisdiction.parent_id).where(Jurisdiction.id == county)
        )
        return parent == principal.jurisdiction_id
    placed = {
        JurisdictionLevel.COUNTY: county,
        JurisdictionLevel.TOWNSHIP: street,
        JurisdictionLevel.VILLAGE: village,
    }
    return placed[principal.jurisdiction_level] == principal.jurisdiction_id


def _change_party(step: Step, change: PartyChange) -> int:
    if change.party_id is not None:
        # A correction names only what changes: None keeps the stored value, "" clears it.
        party = _party(step, change.party_id)
        change = PartyChange(
            party.id,
            *(
                getattr(party, name) if getattr(change, name) is None else getattr(change, name)
                for name in PARTY_FIELDS
            ),
        )
    elif not change.role:
        raise GovDeskError("field.required", field="role")
    if not change.name or not change.name.strip():
        raise GovDeskError("field.required", field="party_name")
    fields = _validated_party(change)
    if change.party_id is None:
        party = CaseParty(case_id=step.case.id, **fields)
        step.session.add(party)
        step.session.flush()
        step.log(data={"field": "party", "op": "add", "party": party.id, "to": fields})
        return 1
    party = _party(step, change.party_id)
    before = {name: getattr(party, name) for name in PARTY_FIELDS}
    changed = {
        name: [before[name], value]
        for name, value in fields.items()
        if (value or None) != (before[name] or None)
    }
    if not changed:
        return 0
    for name, (_, value) in changed.items():
        setattr(party, name, value)
    step.log(data={"field": "party", "op": "correct", "party": party.id, "changes": changed})
    return 1


def _remove_party(step: Step, removal: PartyRemoval) -> int:
    reason = require_text(removal.reason, "reason")
    party = _party(step, removal.party_id)
    # The row goes; the event keeps everything it held, so the history stays complete.
    before = {name: getattr(party, name) for name in PARTY_FIELDS}
    step.session.delete(party)
    step.log(
        note=reason, data={"field": "party", "op": "remove", "party": party.id, "from": before}
    )
    return 1


def _party(step: Step, party_id: int) -> CaseParty:
    party = step.session.scalar(
        select(CaseParty).where(CaseParty.id == party_id, CaseParty.case_id == step.case.id)
    )
    if party is None:
        raise GovDeskError("field.required", field="party_name")
    return party
