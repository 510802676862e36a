"""Where the demo cases happened: uniform random points in their grids, a chunk at a time.

The method of desktop.demo.sampling.PointSampler (each grid split into triangles, a triangle
drawn by area, a uniform point in it), done for all grids and all of a chunk's cases at once
in numpy: a worker triangulates the county in about 0.2 s, and a point costs well under a
microsecond, where one sampler per grid cost a millisecond to build and a numpy call a point.
"""

from __future__ import annotations

import numpy as np
import shapely
from shapely.geometry import shape

from desktop.demo.county_writer import GridPlace


class GridPoints:
    """Random points in the grids of `places` (indexed like places)."""

    def __init__(self, places: list[GridPlace]) -> None:
        polygons = np.array([shape(p.boundary) for p in places], dtype=object)
        triangles, grid = shapely.get_parts(
            shapely.constrained_delaunay_triangles(polygons), return_index=True
        )
        corners = shapely.get_coordinates(triangles).reshape(-1, 4, 2)[:, :3]
        a, ab, ac = corners[:, 0], corners[:, 1] - corners[:, 0], corners[:, 2] - corners[:, 0]
        area = np.abs(ab[:, 0] * ac[:, 1] - ab[:, 1] * ac[:, 0])
        first = np.searchsorted(grid, np.arange(len(places)))
        last = np.searchsorted(grid, np.arange(len(places)), side="right") - 1
        if np.any(last < first):
            raise ValueError("a grid without area")
        # Grid g's triangles own the keys (g, g + 1]: g + the running share of its area.
        running = np.cumsum(area)
        before = running[first] - area[first]
        keys = grid + (running - before[grid]) / (running[last] - before)[grid]
        keys[last] = np.arange(len(places)) + 1.0  # exactly, whatever the rounding
        self._keys = keys
        self._last = last
        self._a, self._ab, self._ac = a, ab, ac

    def sample(self, rng: np.random.Generator, grids: list[int]) -> tuple[list, list]:
        """(lats, lngs): one uniform random point in each of `grids`."""
        g = np.asarray(grids, dtype=np.int64)
        pick, r, s = rng.random((3, len(g)))
        tri = np.minimum(np.searchsorted(self._keys, g + pick, side="right"), self._last[g])
        fold = r + s > 1  # fold the far half of the parallelogram back into the triangle
        r = np.where(fold, 1 - r, r)[:, None]
        s = np.where(fold, 1 - s, s)[:, None]
        point = self._a[tri] + r * self._ab[tri] + s * self._ac[tri]  # (lng, lat)
        return point[:, 1].tolist(), point[:, 0].tolist()
