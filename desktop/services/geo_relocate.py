"""Cases after new grid boundaries: which points now lie in another grid, and moving them.

Without `--relocate` a case keeps its grid (the import only says how many points now fall
elsewhere); with it each such case gets the grid its point lies in, with that grid's
community, street and county, and an edit event on its timeline saying from which grid to
which. Points are tested in bulk against one spatial index of the grids as they are now
(inside the import's transaction), so a city's cases cost a few seconds, not a query each.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

import numpy as np
import shapely
from shapely.geometry import shape
from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.db.models import Case, Grid, Jurisdiction
from desktop.domain.enums import EventKind
from desktop.services.case_log import append_event

BATCH = 50_000  # points tested at a time: bounded memory at a million cases


@dataclass(frozen=True)
class Move:
    case_id: int
    from_grid: int | None
    to_grid: int


def cases_elsewhere(session: Session) -> list[Move]:
    """Cases with a point whose grid (not micro-grid) is no longer the one they record."""
    rows = session.execute(
        select(Grid.id, Grid.boundary).where(Grid.parent_id.is_(None), Grid.boundary.is_not(None))
    ).all()
    if not rows:
        return []
    ids = np.array([r.id for r in rows])
    tree = shapely.STRtree([shape(json.loads(r.boundary)) for r in rows])
    moves: list[Move] = []
    stmt = (
        select(Case.id, Case.lat, Case.lng, Case.grid_id)
        .where(Case.lat.is_not(None), Case.lng.is_not(None))
        .order_by(Case.id)
        .execution_options(yield_per=BATCH)
    )
    for batch in session.execute(stmt).partitions(BATCH):
        points = shapely.points([r.lng for r in batch], [r.lat for r in batch])
        hits = tree.query(points, predicate="covered_by")  # (point index, grid index) pairs
        found: dict[int, int] = {}
        for point, grid in zip(hits[0].tolist(), hits[1].tolist(), strict=True):
            # On a shared border the lower index wins, as in desktop.services.geo.locate_grid.
            found[point] = min(grid, found.get(point, grid))
        for index, row in enumerate(batch):
            if index in found and int(ids[found[index]]) != row.grid_id:
                moves.append(Move(row.id, row.grid_id, int(ids[found[index]])))
    return moves


def relocate(
    *, session: Session, moves: list[Move], now: datetime, actor_id: int | None = None
) -> list[int]:
    """Give each case its point's grid (and that grid's places); an edit event on each."""
    names = dict(session.execute(select(Grid.id, Grid.name)).all())
    places = {}
    for move in moves:
        if move.to_grid not in places:
            village = session.get(Jurisdiction, session.get(Grid, move.to_grid).village_id)
            street = session.get(Jurisdiction, village.parent_id) if village.parent_id else None
            places[move.to_grid] = (village.id, street.id if street else None,
                                    street.parent_id if street else None)  # fmt: skip
        case = session.get(Case, move.case_id)
        village_id, street_id, county_id = places[move.to_grid]
        case.grid_id, case.village_id = move.to_grid, village_id
        if street_id is not None:
            case.street_id, case.county_id = street_id, county_id
        case.updated_at = now
        append_event(session, case, EventKind.EDIT, actor_id=actor_id, at=now,
                     data={"field": "grid", "from": names.get(move.from_grid),
                           "to": names[move.to_grid], "by": "geo.import"})  # fmt: skip
    session.flush()
    return [m.case_id for m in moves]
