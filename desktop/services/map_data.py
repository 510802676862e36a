"""What the map draws: boundaries, grids with their case counts, and incident points.

Places come from the principal's jurisdiction subtree (desktop.services.map_scope); counts and
points come from `case_filters.scoped_select`, the queues' scoped entry point, so the map
counts exactly the cases the queues list for the same filter.

Counts per grid (micro-grid cases count for their grid), for the cases the filter selects:
`open` (open statuses), `overdue` (open, running clock past its deadline: deadline colour red)
and `today` (received since China-time midnight). Points are the open cases the filter selects,
or, when the filter names statuses, the cases of those statuses; at most `MAX_INCIDENTS`.
Boundaries stay GeoJSON text as stored: desktop.services.map_geojson assembles the page data.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from datetime import datetime
from typing import NamedTuple

import shapely
from sqlalchemy import Select, literal_column, or_, select
from sqlalchemy.orm import Session

from desktop.clock import local_midnight, to_local
from desktop.db.models import Case, Category, Grid, Jurisdiction
from desktop.domain.enums import OPEN_STATUSES, DeadlineColour
from desktop.domain.principal import Principal
from desktop.services.case_filters import CaseFilter, colour_expression, scoped_select
from desktop.services.map_scope import grid_in_scope, jurisdiction_ids

MAX_INCIDENTS = 200_000  # a city's open cases; beyond that the heat layer tells more

LatLng = tuple[float, float]


# Named tuples, not frozen dataclasses: a city's 20,000 shapes took a quarter of a second to
# construct as frozen dataclasses, a twentieth as tuples.
class PlaceShape(NamedTuple):
    """A jurisdiction (county, township, village) as the map draws it."""

    id: int
    code: str
    name: str
    level: str  # JurisdictionLevel value
    parent_id: int | None
    boundary: str | None  # GeoJSON geometry text, WGS-84
    label: LatLng | None  # a point inside, for the name


class GridShape(NamedTuple):
    """A grid with its counts, or a micro-grid (`grid_id` names its grid; counts are 0)."""

    id: int
    code: str
    name: str
    kind: str  # GridKind value
    village_id: int
    grid_id: int | None
    population: int
    boundary: str | None
    label: LatLng | None
    open: int = 0
    overdue: int = 0
    today: int = 0


@dataclass(frozen=True)
class Incidents:
    """Case points as parallel columns (the page draws arrays, not one object a point)."""

    ids: tuple[int, ...]
    lats: tuple[float, ...]
    lngs: tuple[float, ...]
    colours: tuple[str | None, ...]  # DeadlineColour value, None without a running clock
    risks: tuple[str, ...]  # Risk value
    truncated: bool  # more cases matched than MAX_INCIDENTS
    grids: tuple[int | None, ...] = ()  # the map grid holding each (a micro-grid's grid), if any


@dataclass(frozen=True)
class MapData:
    places: tuple[PlaceShape, ...]  # by code: the principal's jurisdiction first
    grids: tuple[GridShape, ...]  # by code
    micro_grids: tuple[GridShape, ...]  # by code
    incidents: Incidents
    now: datetime


def _inside(boundary: str | None) -> LatLng | None:
    """(lat, lng) of a point inside the polygon (a centroid may fall outside a concave one)."""
    if not boundary:
        return None
    point = shapely.from_geojson(boundary).representative_point()
    return round(point.y, 6), round(point.x, 6)


def place_shapes(session: Session, principal: Principal) -> tuple[PlaceShape, ...]:
    """The principal's jurisdiction and every jurisdiction below it."""
    rows = session.execute(
        select(
            Jurisdiction.id,
            Jurisdiction.code,
            Jurisdiction.name,
            Jurisdiction.level,
            Jurisdiction.parent_id,
            Jurisdiction.boundary,
        )
        .where(Jurisdiction.id.in_(jurisdiction_ids(principal)))
        .order_by(Jurisdiction.code)
    ).all()
    return tuple(PlaceShape(*row, label=_inside(row.boundary)) for row in rows)


def _grid_rows(session: Session, principal: Principal):
    # Core rows, read by unpacking: ORM rows and attribute access took 10 µs a grid.
    columns = select(Grid.id, Grid.code, Grid.name, Grid.kind, Grid.village_id, Grid.parent_id,
                     Grid.population, Grid.boundary, Grid.centroid_lat, Grid.centroid_lng)  # fmt: skip
    stmt = columns.where(grid_in_scope(principal)).order_by(Grid.code)
    return session.connection().execute(stmt).all()


def _map_select(principal: Principal, flt: CaseFilter, now: datetime, *columns) -> Select:
    """`scoped_select`, except that a category filter over open cases stays off the category
    index: SQLite otherwise walks every case of the category (400,000 of a million, 5 s)
    instead of the open ones (0.8 s). The unary plus (valid on both databases) hides the column
    from the planner; the condition is case_filters' own (a top level holds its children).
    """
    if not (flt.category_ids and flt.statuses and flt.statuses <= OPEN_STATUSES):
        return scoped_select(principal, flt, now, *columns)
    ids = sorted(flt.category_ids)
    tree = select(Category.id).where(or_(Category.id.in_(ids), Category.parent_id.in_(ids)))
    stmt = scoped_select(principal, replace(flt, category_ids=frozenset()), now, *columns)
    return stmt.where(literal_column("+cases.category_id").in_(tree))


_POINT_COLUMNS = (
    Case.id,
    Case.lat,
    Case.lng,
    Case.grid_id,
    Case.risk,
)


def _point_rows(
    session: Session,
    principal: Principal,
    flt: CaseFilter,
    now: datetime,
    *,
    newest_first: bool = False,
):
    """(id, lat, lng, grid_id, risk, colour) of the cases the filter selects."""
    stmt = _map_select(principal, flt, now, *_POINT_COLUMNS, colour_expression(now))
    if newest_first:
        # Closed cases can be many: the newest, and only those with a place.
        stmt = stmt.where(Case.lat.is_not(None)).order_by(Case.id.desc())
        stmt = stmt.limit(MAX_INCIDENTS + 1)
    return session.connection().execute(stmt).all()  # Core rows: a third faster than ORM


def _today_counts(session: Session, principal: Principal, flt: CaseFilter, now: datetime):
    midnight = local_midnight(to_local(now).date())
    stmt = _map_select(principal, flt, now, Case.grid_id).where(
        Case.received_at >= midnight, Case.grid_id.is_not(None)
    )
    return Counter(session.connection().execute(stmt).scalars())


def _incidents(rows, top_of: dict[int, int]) -> Incidents:
    rows = [r for r in rows if r[1] is not None and r[2] is not None]
    if not rows:
        return Incidents((), (), (), (), (), truncated=False)
    ids, lats, lngs, grids, risks, colours = zip(*rows[:MAX_INCIDENTS], strict=True)
    tops = tuple(top_of.get(g) for g in grids)
    return Incidents(ids, lats, lngs, colours, risks, len(rows) > MAX_INCIDENTS, tops)


def _roll_up(counts: Counter[int], top_of: dict[int, int]) -> Counter[int]:
    """Counts per grid with its micro-grids' counts added (cases outside the map's grids drop)."""
    rolled: Counter[int] = Counter()
    for grid_id, n in counts.items():
        top = top_of.get(grid_id)
        if top is not None:
            rolled[top] = rolled.get(top, 0) + n  # get: a Counter's missing key costs a call
    return rolled


@dataclass(frozen=True)
class MapCases:
    """The half of the map that follows the filter: counts per map grid and the points.

    A filter change reads only this (MapData's shapes do not change with the filter)."""

    counts: dict[int, tuple[int, int, int]]  # map grid id -> (open, overdue, today), any > 0
    populations: dict[int, int]  # every map grid (not micro-grids) -> population
    incidents: Incidents


def _cases(
    session: Session,
    principal: Principal,
    filter: CaseFilter,
    now: datetime,
    top_of: dict[int, int],
) -> tuple[dict[int, tuple[int, int, int]], Incidents]:
    """Counts per map grid and the points; `top_of` maps each grid in scope to its map grid."""
    statuses = filter.statuses & OPEN_STATUSES if filter.statuses else OPEN_STATUSES
    open_rows = (
        _point_rows(session, principal, replace(filter, statuses=statuses), now) if statuses else []
    )
    red = str(DeadlineColour.RED)
    opened = _roll_up(Counter(r[3] for r in open_rows), top_of)
    overdue = _roll_up(Counter(r[3] for r in open_rows if r[5] == red), top_of)
    today = _roll_up(_today_counts(session, principal, filter, now), top_of)
    if filter.statuses and not filter.statuses <= OPEN_STATUSES:
        rows_shown = _point_rows(session, principal, filter, now, newest_first=True)
        incidents = _incidents(rows_shown, top_of)
    else:
        incidents = _incidents(open_rows, top_of)
    counts = {
        g: (opened.get(g, 0), overdue.get(g, 0), today.get(g, 0))
        for g in opened.keys() | today.keys()
    }
    return counts, incidents


def map_cases(
    *, session: Session, principal: Principal, filter: CaseFilter, now: datetime
) -> MapCases:
    """map_data's counts and points without its shapes: what a filter change redraws."""
    columns = select(Grid.id, Grid.parent_id, Grid.population)
    rows = session.connection().execute(columns.where(grid_in_scope(principal))).all()
    top_of = {grid: parent or grid for grid, parent, _ in rows}
    counts, incidents = _cases(session, principal, filter, now, top_of)
    populations = {grid: people for grid, parent, people in rows if parent is None}
    return MapCases(counts, populations, incidents)


def map_data(
    *, session: Session, principal: Principal, filter: CaseFilter, now: datetime
) -> MapData:
    """Everything one map draw needs, scoped to the principal and narrowed by the filter."""
    rows = _grid_rows(session, principal)
    top_of = {row[0]: row[5] or row[0] for row in rows}
    counts, incidents = _cases(session, principal, filter, now, top_of)
    grids, micro = [], []
    for id_, code, name, kind, village, parent, people, boundary, lat, lng in rows:
        label = (lat, lng) if lat is not None else _inside(boundary)
        if parent is None:
            grids.append(GridShape(id_, code, name, kind, village, None, people, boundary, label,
                                   *counts.get(id_, (0, 0, 0))))  # fmt: skip
        else:
            micro.append(GridShape(id_, code, name, kind, village, parent, people, boundary, label))
    return MapData(
        places=place_shapes(session, principal),
        grids=tuple(grids),
        micro_grids=tuple(micro),
        incidents=incidents,
        now=now,
    )


def case_points(
    *, session: Session, principal: Principal, case_ids: list[int], now: datetime
) -> list[tuple[int, float, float]]:
    """(id, lat, lng) of those of these cases the principal may see and that have a point."""
    stmt = scoped_select(
        principal, CaseFilter(ids=frozenset(case_ids)), now, Case.id, Case.lat, Case.lng
    ).where(Case.lat.is_not(None), Case.lng.is_not(None))
    return [(row.id, row.lat, row.lng) for row in session.execute(stmt)]
