"""Points against boundaries: is a place inside a jurisdiction or grid, and which grid is it."""

from __future__ import annotations

import json
from functools import lru_cache

import shapely
from shapely.geometry import Point, shape
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.db.models import AppMeta, Grid, Jurisdiction

# Keyed by database; valid while the grid count and the import revision stay the same.
_grid_index_cache: dict[str, tuple[tuple[int, str | None], shapely.STRtree, list[int]]] = {}
GEO_REVISION_KEY = "geo_revision"  # app_meta: bumped by every boundary import that writes


@lru_cache(maxsize=2048)
def _prepared(boundary: str):
    geometry = shape(json.loads(boundary))
    shapely.prepare(geometry)
    return geometry


def point_in_boundary(boundary: str | None, lat: float, lng: float) -> bool | None:
    """True/False, or None when there is no boundary to check against."""
    if not boundary:
        return None
    return _prepared(boundary).covers(Point(lng, lat))


def point_in_jurisdiction(session: Session, jurisdiction_id: int, lat: float, lng: float):
    boundary = session.scalar(
        select(Jurisdiction.boundary).where(Jurisdiction.id == jurisdiction_id)
    )
    return point_in_boundary(boundary, lat, lng)


def locate_grid(session: Session, lat: float, lng: float) -> int | None:
    """The grid (not micro-grid) whose polygon holds the point, via a cached spatial index."""
    key = str(session.get_bind().url)
    count = session.scalar(select(func.count()).select_from(Grid).where(Grid.parent_id.is_(None)))
    revision = session.scalar(select(AppMeta.value).where(AppMeta.key == GEO_REVISION_KEY))
    cached = _grid_index_cache.get(key)
    if cached is None or cached[0] != (count, revision):
        rows = session.execute(
            select(Grid.id, Grid.boundary).where(
                Grid.parent_id.is_(None), Grid.boundary.is_not(None)
            )
        ).all()
        ids = [row.id for row in rows]
        tree = shapely.STRtree([shape(json.loads(row.boundary)) for row in rows])
        cached = ((count, revision), tree, ids)
        _grid_index_cache[key] = cached
    _, tree, ids = cached
    hits = tree.query(Point(lng, lat), predicate="covered_by")
    return ids[int(min(hits))] if len(hits) else None
