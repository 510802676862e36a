"""The map's search box: every place and grid by name and code, with the bounds to fly to."""

from __future__ import annotations

import numpy as np
import shapely

from desktop.services.map_data import MapData

Bounds = tuple[float, float, float, float]  # south, west, north, east


class SearchIndex(dict[str, Bounds]):
    """Display text ("name  code") -> bounds, streets first, then communities, then grids."""

    def find(self, text: str) -> str | None:
        """The entry whose name or code is `text`, else the first that contains it."""
        needle = text.strip().lower()
        if not needle:
            return None
        contains = None
        for key in self:
            name, _, code = key.rpartition("  ")
            if needle in (name.lower(), code.lower()):
                return key
            if contains is None and needle in key.lower():
                contains = key
        return contains


def search_index(data: MapData) -> SearchIndex:
    """Pure Python (runs on the database worker after the data are read)."""
    shapes = [p for p in data.places if p.boundary] + [g for g in data.grids if g.boundary]
    if not shapes:
        return SearchIndex()
    geometries = shapely.from_geojson(np.array([s.boundary for s in shapes], dtype=object))
    bounds = shapely.bounds(geometries)  # minx (west), miny (south), maxx, maxy
    index = SearchIndex()
    for item, (west, south, east, north) in zip(shapes, bounds.tolist(), strict=True):
        index.setdefault(f"{item.name}  {item.code}", (south, west, north, east))
    return index
