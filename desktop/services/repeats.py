"""重复件 at intake: earlier cases that may be the same matter, found before the new one is saved.

A candidate is a case the user may see, received in the last 30 days (any channel), that
shares a party's phone or ID number with the new case, or has the same category in the same
grid or within 200 m of its point (DOMAIN.md, "Repeats and risk"). Each says why it matched.

Every branch is one indexed range: phones and ID numbers through their party indexes, the
grid through ix_cases_grid (grid_id, received_at), the point through
ix_cases_category_received (category_id, received_at) with a bounding box, then the exact
distance in Python over the few rows left.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from desktop.db.models import Case, CaseParty, Category
from desktop.domain.identity import validate_id_number, validate_phone
from desktop.domain.principal import Principal
from desktop.errors import GovDeskError
from desktop.services.scoping import visible_condition

REPEAT_WINDOW = timedelta(days=30)
NEARBY_METRES = 200.0
MAX_CANDIDATES = 20
_EARTH_RADIUS_M = 6_371_008.8
_METRES_PER_DEGREE_LAT = math.pi * _EARTH_RADIUS_M / 180


class RepeatReason(StrEnum):
    """Why a case is a possible repeat (labels in the repeat_reason section)."""

    PHONE = "phone"
    ID_NUMBER = "id_number"
    SAME_GRID = "same_grid"
    NEARBY = "nearby"


@dataclass(frozen=True)
class RepeatQuery:
    """What the form holds so far; anything unset or not yet valid is left out of the check."""

    phones: tuple[str, ...] = ()
    id_numbers: tuple[str, ...] = ()
    category_id: int | None = None
    grid_id: int | None = None
    lat: float | None = None
    lng: float | None = None


@dataclass(frozen=True)
class RepeatCandidate:
    case_id: int
    number: str
    root_id: int  # the case a link attaches to (the original of a repeat chain)
    title: str
    channel: str
    category: str
    status: str
    received_at: datetime
    reasons: tuple[RepeatReason, ...]
    distance_m: float | None  # from the new case's point, when both have one


def find_repeats(
    *,
    session: Session,
    principal: Principal,
    query: RepeatQuery,
    now: datetime,
    limit: int = MAX_CANDIDATES,
) -> list[RepeatCandidate]:
    """Possible repeats, newest first, at most `limit`; read-only."""
    since = now - REPEAT_WINDOW
    visible = visible_condition(principal)
    recent = (Case.received_at >= since, Case.received_at <= now, visible)
    reasons: dict[int, set[RepeatReason]] = {}
    distances: dict[int, float] = {}

    def found(case_ids, reason: RepeatReason) -> None:
        for case_id in case_ids:
            reasons.setdefault(case_id, set()).add(reason)

    phones = _valid(query.phones, validate_phone)
    if phones:
        found(_party_matches(session, CaseParty.phone.in_(phones), recent), RepeatReason.PHONE)
    ids = _valid(query.id_numbers, validate_id_number)
    if ids:
        found(_party_matches(session, CaseParty.id_number.in_(ids), recent), RepeatReason.ID_NUMBER)
    if query.category_id is not None and query.grid_id is not None:
        found(
            session.scalars(
                select(Case.id).where(
                    Case.grid_id == query.grid_id, Case.category_id == query.category_id, *recent
                )
            ),
            RepeatReason.SAME_GRID,
        )
    if query.category_id is not None and query.lat is not None and query.lng is not None:
        for case_id, metres in _nearby(session, query, recent):
            distances[case_id] = metres
            found([case_id], RepeatReason.NEARBY)
    if not reasons:
        return []
    return _candidates(session, query, reasons, distances, limit)


def _valid(values: tuple[str, ...], validate) -> list[str]:
    """The values in their stored form; a half-typed or wrong one is simply not looked up."""
    out = []
    for value in values:
        try:
            out.append(validate(value))
        except GovDeskError:
            continue
    return sorted(set(out))


def _party_matches(session: Session, condition: ColumnElement[bool], recent) -> list[int]:
    # Two steps: the party index gives a handful of case ids, then those cases are checked
    # for date and scope by primary key. As one statement (`id IN (subquery)` with the date
    # range) SQLite sometimes walked 30 days of cases instead: 59 ms, against 0.1 ms.
    held = sorted(set(session.scalars(select(CaseParty.case_id).where(condition))))
    if not held:
        return []
    return list(session.scalars(select(Case.id).where(Case.id.in_(held), *recent)))


def _nearby(session: Session, query: RepeatQuery, recent) -> list[tuple[int, float]]:
    """Cases of the category within NEARBY_METRES of the point (bounding box, then exact)."""
    dlat = NEARBY_METRES / _METRES_PER_DEGREE_LAT
    dlng = dlat / max(math.cos(math.radians(query.lat)), 0.01)
    rows = session.execute(
        select(Case.id, Case.lat, Case.lng).where(
            Case.category_id == query.category_id,
            *recent,
            Case.lat.between(query.lat - dlat, query.lat + dlat),
            Case.lng.between(query.lng - dlng, query.lng + dlng),
        )
    )
    out = []
    for case_id, lat, lng in rows:
        metres = distance_m(query.lat, query.lng, lat, lng)
        if metres <= NEARBY_METRES:
            out.append((case_id, metres))
    return out


def distance_m(lat1: float, lng1: float, lat2: float, lng2: float) -> float:
    """Great-circle distance in metres (haversine on the mean Earth radius)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lng2 - lng1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * _EARTH_RADIUS_M * math.asin(math.sqrt(h))


def _candidates(session, query, reasons, distances, limit) -> list[RepeatCandidate]:
    rows = session.execute(
        select(
            Case.id,
            Case.number,
            Case.repeat_of_id,
            Case.title,
            Case.channel,
            Category.name,
            Case.status,
            Case.received_at,
            Case.lat,
            Case.lng,
        )
        .join(Category, Category.id == Case.category_id)
        .where(Case.id.in_(sorted(reasons)))
        .order_by(Case.received_at.desc(), Case.id.desc())
        .limit(limit)
    ).all()
    order = list(RepeatReason)
    out = []
    for row in rows:
        metres = distances.get(row.id)
        if metres is None and None not in (query.lat, query.lng, row.lat, row.lng):
            metres = distance_m(query.lat, query.lng, row.lat, row.lng)
        out.append(
            RepeatCandidate(
                case_id=row.id,
                number=row.number,
                root_id=row.repeat_of_id or row.id,
                title=row.title,
                channel=row.channel,
                category=row.name,
                status=row.status,
                received_at=row.received_at,
                reasons=tuple(sorted(reasons[row.id], key=order.index)),
                distance_m=metres,
            )
        )
    return out
