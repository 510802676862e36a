"""One place on the map: a grid's particulars for its panel, and a picked point's grid.

Both refuse what lies outside the principal's jurisdiction as if it did not exist.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from desktop.db.models import Case, Grid, GridMember, Jurisdiction
from desktop.domain.enums import DeadlineColour, GridMemberRole, Status
from desktop.domain.masking import can_see_personal_data, mask_phone
from desktop.domain.principal import Principal
from desktop.errors import GovDeskError
from desktop.services.case_filters import CaseFilter, colour_condition, scoped_select
from desktop.services.geo import locate_grid, point_in_jurisdiction
from desktop.services.map_scope import grid_in_scope

# Grid people in the order a panel lists them.
_ROLE_ORDER = [
    GridMemberRole.GRID_HEAD,
    GridMemberRole.FULLTIME,
    GridMemberRole.PARTTIME,
    GridMemberRole.BUILDING_HEAD,
    GridMemberRole.POLICE,
]


@dataclass(frozen=True)
class GridPerson:
    role: GridMemberRole
    name: str
    phone: str | None  # masked unless the principal's role may see personal data


@dataclass(frozen=True)
class GridDetail:
    id: int
    code: str
    name: str
    kind: str  # GridKind value
    village_name: str
    street_name: str | None
    population: int
    households: int
    people: tuple[GridPerson, ...]  # grid head, workers, building heads, police officer
    counts: dict[Status, int]  # cases of the grid (and its micro-grids) by status, scoped
    overdue: int  # open cases past their deadline
    micro_grids: int


@dataclass(frozen=True)
class PickedPlace:
    lat: float
    lng: float
    grid_id: int | None  # None: inside the jurisdiction but in no grid
    grid_code: str | None
    grid_name: str | None
    village_id: int | None
    village_name: str | None
    street_name: str | None


def _grid_in_scope(session: Session, principal: Principal, grid_id: int) -> Grid | None:
    return session.scalars(
        select(Grid).where(Grid.id == grid_id, grid_in_scope(principal))
    ).one_or_none()


def _places(session: Session, village_id: int) -> tuple[str, str | None]:
    street = aliased(Jurisdiction)
    row = session.execute(
        select(Jurisdiction.name, street.name)
        .outerjoin(street, street.id == Jurisdiction.parent_id)
        .where(Jurisdiction.id == village_id)
    ).one()
    return row[0], row[1]


def _people(session: Session, principal: Principal, grid_id: int) -> tuple[GridPerson, ...]:
    unmasked = can_see_personal_data(
        principal, is_petition_applicant=False, principal_is_complained_department=False
    )
    rank = {str(role): n for n, role in enumerate(_ROLE_ORDER)}
    rows = session.execute(
        select(GridMember.role, GridMember.name, GridMember.phone, GridMember.id).where(
            GridMember.grid_id == grid_id
        )
    ).all()
    rows = sorted(rows, key=lambda r: (rank.get(r.role, len(rank)), r.id))
    return tuple(
        GridPerson(
            role=GridMemberRole(r.role),
            name=r.name,
            phone=r.phone if unmasked or not r.phone else mask_phone(r.phone),
        )
        for r in rows
    )


def grid_detail(
    *, session: Session, principal: Principal, grid_id: int, now: datetime
) -> GridDetail:
    """A grid's panel: `map.grid_not_found` for a grid outside the principal's jurisdiction."""
    grid = _grid_in_scope(session, principal, grid_id)
    if grid is None or grid.parent_id is not None:
        raise GovDeskError("map.grid_not_found", grid_id=grid_id)
    village, street = _places(session, grid.village_id)
    flt = CaseFilter(grid_ids={grid.id})
    by_status = session.execute(
        scoped_select(principal, flt, now, Case.status, func.count()).group_by(Case.status)
    ).all()
    overdue = session.scalar(
        scoped_select(principal, flt, now, func.count()).where(
            colour_condition(DeadlineColour.RED, now)
        )
    )
    micro = session.scalar(select(func.count()).select_from(Grid).where(Grid.parent_id == grid.id))
    return GridDetail(
        id=grid.id,
        code=grid.code,
        name=grid.name,
        kind=grid.kind,
        village_name=village,
        street_name=street,
        population=grid.population,
        households=grid.households,
        people=_people(session, principal, grid.id),
        counts={Status(status): n for status, n in by_status},
        overdue=overdue or 0,
        micro_grids=micro or 0,
    )


def pick_place(*, session: Session, principal: Principal, lat: float, lng: float) -> PickedPlace:
    """The grid a point falls in; `location.outside_jurisdiction` for a point outside the
    principal's jurisdiction (by its boundary, and by the grid found being one of theirs)."""
    if not (-90 <= lat <= 90 and -180 <= lng <= 180):
        raise GovDeskError("location.outside_jurisdiction", lat=lat, lng=lng)
    if point_in_jurisdiction(session, principal.jurisdiction_id, lat, lng) is False:
        raise GovDeskError("location.outside_jurisdiction", lat=round(lat, 6), lng=round(lng, 6))
    grid_id = locate_grid(session, lat, lng)
    if grid_id is None:
        return PickedPlace(lat, lng, None, None, None, None, None, None)
    grid = _grid_in_scope(session, principal, grid_id)
    if grid is None:
        raise GovDeskError("location.outside_jurisdiction", lat=round(lat, 6), lng=round(lng, 6))
    village, street = _places(session, grid.village_id)
    return PickedPlace(lat, lng, grid.id, grid.code, grid.name, grid.village_id, village, street)
