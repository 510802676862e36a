"""Tiling a plane region with relaxed Voronoi cells, grouping them, and snapping to degrees."""

from __future__ import annotations

import heapq
import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import shapely
from shapely.geometry import Polygon

ORIGIN_LNG, ORIGIN_LAT = 109.8, 40.6  # Baotou / Jiuyuan area
KM_PER_DEG_LAT = 110.574
KM_PER_DEG_LNG = 111.320 * math.cos(math.radians(ORIGIN_LAT))
SNAP_KM = 1e-6  # 1 mm working precision of the overlays in the km plane
SNAP_DEG = 1e-6  # output precision: 6 decimals, about 0.1 m

GeoJSON = dict[str, Any]
LatLng = tuple[float, float]

# ---- cells in the km plane ---------------------------------------------------------------


def star_polygon(
    rng: np.random.Generator, centre: Sequence[float], axes: Sequence[float], roughness: float
) -> Polygon:
    """A wobbly, rotated ellipse; star-shaped with positive radii, hence always simple."""
    theta = np.linspace(0.0, 2 * math.pi, 180, endpoint=False)
    orders = np.arange(2, 13)
    amps = rng.uniform(0.0, roughness, orders.size) * 2 / orders
    phases = rng.uniform(0.0, 2 * math.pi, orders.size)
    wobble = (amps[:, None] * np.cos(orders[:, None] * theta + phases[:, None])).sum(axis=0)
    noise = rng.normal(0.0, roughness / 15, theta.size)
    noise = (np.roll(noise, 1) + 2 * noise + np.roll(noise, -1)) / 4  # ridges, not saw teeth
    radius = np.clip(1 + wobble + noise, 0.5, None)
    x, y = axes[0] * radius * np.cos(theta), axes[1] * radius * np.sin(theta)
    turn = rng.uniform(-0.3, 0.3)
    xr = centre[0] + x * math.cos(turn) - y * math.sin(turn)
    yr = centre[1] + x * math.sin(turn) + y * math.cos(turn)
    return Polygon(np.column_stack([xr, yr]))


def _sample_in(poly: Polygon, n: int, rng: np.random.Generator) -> np.ndarray:
    """n uniform points inside poly, by rejection from its bounding box."""
    shapely.prepare(poly)
    x0, y0, x1, y1 = poly.bounds
    found = np.empty((0, 2))
    while len(found) < n:
        batch = rng.uniform((x0, y0), (x1, y1), size=(max(16, 3 * n), 2))
        found = np.vstack([found, batch[shapely.contains_xy(poly, batch[:, 0], batch[:, 1])]])
    return found[:n]


def _voronoi_clip(parent: Polygon, pts: np.ndarray, grid_size: float | None) -> np.ndarray:
    """Voronoi cells of pts cut to parent; with grid_size, every vertex is on that grid."""
    if len(pts) == 1:
        return np.array([parent])
    shapely.prepare(parent)
    multipoint = shapely.multipoints(pts)
    cells = shapely.get_parts(shapely.voronoi_polygons(multipoint, extend_to=parent, ordered=True))
    inner = shapely.contains_properly(parent, cells)  # only border cells need the costly cut
    if grid_size:
        cells[inner] = shapely.set_precision(cells[inner], grid_size)
    cells[~inner] = shapely.intersection(cells[~inner], parent, grid_size=grid_size)
    return cells


def _polygon_parts(geom: shapely.Geometry) -> list[Polygon]:
    """Polygonal parts only: a cut may also return lines where cells merely touch."""
    return [p for p in shapely.get_parts(geom) if p.geom_type == "Polygon" and p.area > 0]


def _fattened(cells: Sequence[Polygon]) -> np.ndarray:
    return shapely.buffer(np.array(cells), 1e-4)  # 10 cm: absorbs the 1 mm working precision


def _single_parts(cells: Sequence[shapely.Geometry]) -> list[Polygon]:
    """Keep each cell's largest part; hand cut-off parts to the neighbour sharing most border."""
    parts = [sorted(_polygon_parts(c), key=lambda p: -p.area) for c in cells]
    result: list[Polygon] = [p[0] for p in parts]
    for i, pieces in enumerate(parts):
        for piece in pieces[1:]:
            shared = shapely.length(shapely.intersection(piece.boundary, _fattened(result)))
            shared[i] = -1.0
            j = int(np.argmax(shared))
            merged = _polygon_parts(shapely.union(result[j], piece, grid_size=SNAP_KM))
            result[j] = max(merged, key=lambda p: p.area)
    return result


def relaxed_tiles(
    parent: Polygon, n: int, rng: np.random.Generator, iterations: int = 3
) -> list[Polygon]:
    """n cells tiling parent; Lloyd relaxation makes them block-like rather than shards."""
    pts = _sample_in(parent, n, rng)
    for _ in range(iterations if n > 1 else 0):
        cells = _voronoi_clip(parent, pts, None)  # a draft: no snapping
        pts = shapely.get_coordinates(shapely.centroid(cells))
        outside = ~shapely.contains_xy(parent, pts[:, 0], pts[:, 1])
        pts[outside] = shapely.get_coordinates(shapely.point_on_surface(cells[outside]))
    return _single_parts(_voronoi_clip(parent, pts, SNAP_KM))


def _adjacency(cells: Sequence[Polygon]) -> np.ndarray:
    """Pairs (i, j), i < j, of cells sharing at least 1 m of border (a corner is not enough)."""
    fat = _fattened(cells)
    i, j = shapely.STRtree(fat).query(fat, predicate="intersects")
    i, j = i[i < j], j[i < j]
    shared = shapely.length(shapely.intersection(shapely.boundary(np.array(cells)[i]), fat[j]))
    return np.column_stack([i, j])[shared > 1e-3]


def _grow_regions(
    centres: np.ndarray, weights: np.ndarray, edges: np.ndarray, n: int, rng: np.random.Generator
) -> np.ndarray:
    """Label graph nodes with n connected regions of roughly equal node counts.

    A node joins the seed with the least graph distance plus that seed's offset. Even with
    offsets the predecessor of a node on its seed's shortest path joins the same seed, so
    each region is connected and its union one polygon. Seeds start far apart, move to their
    region's middle (Lloyd), then offsets of too large regions grow until sizes are within
    30 % of the mean (not exactly equal: real villages differ).
    """
    m = len(centres)
    if n >= m:
        return np.arange(m)
    length = np.linalg.norm(centres[edges[:, 0]] - centres[edges[:, 1]], axis=1)
    graph: list[list[tuple[int, float]]] = [[] for _ in range(m)]
    for (a, b), w in zip(edges.tolist(), length.tolist(), strict=True):
        graph[a].append((b, w))
        graph[b].append((a, w))
    seeds = [int(rng.integers(m))]
    gap = np.linalg.norm(centres - centres[seeds[0]], axis=1)
    for _ in range(n - 1):  # farthest-point start
        seeds.append(int(np.argmax(gap)))
        gap = np.minimum(gap, np.linalg.norm(centres - centres[seeds[-1]], axis=1))
    for _ in range(3):
        labels = np.argmin(_distances(graph, seeds), axis=0)
        for k in range(n):
            members = np.flatnonzero(labels == k)
            middle = _mean(centres, weights, members)
            seeds[k] = int(members[np.argmin(np.linalg.norm(centres[members] - middle, axis=1))])
    dist, offset, target = _distances(graph, seeds), np.zeros((n, 1)), m / n
    best, best_gap = labels, np.inf
    for _ in range(40):
        labels = np.argmin(dist + offset, axis=0)
        size = np.bincount(labels, minlength=n)
        if size.min() == 0:
            break
        if np.abs(size - target).max() < best_gap:
            best, best_gap = labels, np.abs(size - target).max()
        if best_gap <= 0.3 * target:
            break
        offset[:, 0] += 0.5 * length.mean() * (size - target) / target
    return best


def _distances(graph: list[list[tuple[int, float]]], seeds: list[int]) -> np.ndarray:
    """Shortest-path length from each seed to every node (Dijkstra; graphs here are small)."""
    result = np.empty((len(seeds), len(graph)))
    for k, seed in enumerate(seeds):
        best = [math.inf] * len(graph)
        best[seed], heap = 0.0, [(0.0, seed)]
        while heap:
            d, u = heapq.heappop(heap)
            if d == best[u]:  # otherwise a stale entry
                for v, w in graph[u]:
                    if d + w < best[v]:
                        best[v] = d + w
                        heapq.heappush(heap, (d + w, v))
        result[k] = best
    return result


def _mean(centres: np.ndarray, weights: np.ndarray, members: Sequence[int]) -> np.ndarray:
    w = weights[members]
    return (centres[members] * w[:, None]).sum(axis=0) / w.sum()


def clockwise(
    groups: list[list[int]], centres: np.ndarray, weights: np.ndarray, around: Sequence[float]
) -> list[int]:
    """Positions of groups ordered clockwise from north around a point, as maps are read."""
    means = np.array([_mean(centres, weights, g) for g in groups])
    angle = np.mod(np.arctan2(means[:, 0] - around[0], means[:, 1] - around[1]), 2 * math.pi)
    return np.argsort(angle, kind="stable").tolist()


def hierarchy(
    cells: Sequence[Polygon], n_villages: int, n_townships: int, rng: np.random.Generator
) -> list[list[list[int]]]:
    """Group cells into villages, villages into townships: [township][village] -> cell ids."""
    centres = shapely.get_coordinates(shapely.centroid(np.array(cells)))
    areas = shapely.area(np.array(cells))
    edges = _adjacency(cells)
    village_of = _grow_regions(centres, areas, edges, n_villages, rng)
    members = [np.flatnonzero(village_of == v).tolist() for v in range(n_villages)]
    v_centres = np.array([_mean(centres, areas, m) for m in members])
    v_areas = np.array([areas[m].sum() for m in members])
    v_edges = np.unique(np.sort(village_of[edges], axis=1), axis=0)
    v_edges = v_edges[v_edges[:, 0] != v_edges[:, 1]]
    township_of = _grow_regions(v_centres, v_areas, v_edges, n_townships, rng)
    townships = []
    for t in range(n_townships):
        vs = [members[v] for v in np.flatnonzero(township_of == t)]
        vs = [vs[i] for i in clockwise(vs, centres, areas, _mean(centres, areas, flat(vs)))]
        townships.append([order_cells(v, centres, areas) for v in vs])
    return townships


def order_cells(ids: list[int], centres: np.ndarray, areas: np.ndarray) -> list[int]:
    return [
        ids[i] for i in clockwise([[c] for c in ids], centres, areas, _mean(centres, areas, ids))
    ]


def flat(nested: Sequence[Sequence[int]]) -> list[int]:
    return [c for group in nested for c in group]


# ---- snapping to one exact arrangement in degrees ----------------------------------------


def to_degrees(geoms: np.ndarray) -> np.ndarray:
    scale = np.array([KM_PER_DEG_LNG, KM_PER_DEG_LAT])
    return shapely.transform(geoms, lambda xy: xy / scale + (ORIGIN_LNG, ORIGIN_LAT))


def snap_leaves(leaves_km: list[Polygon]) -> list[Polygon]:
    """Node all leaf boundaries once on the 1e-6 degree grid; each face becomes one leaf."""
    leaves = to_degrees(np.array(leaves_km))
    noded = shapely.union_all(shapely.boundary(leaves), grid_size=SNAP_DEG)
    faces = shapely.get_parts(shapely.polygonize(shapely.get_parts(noded)))
    tree = shapely.STRtree(leaves)
    face_idx, leaf_idx = tree.query(shapely.point_on_surface(faces), predicate="within")
    owner = np.full(len(faces), -1)
    owner[face_idx] = leaf_idx
    for f in np.flatnonzero(owner < 0):  # a sliver whose inner point fell on a leaf border
        near = tree.query(faces[f])
        owner[f] = near[np.argmax(shapely.area(shapely.intersection(leaves[near], faces[f])))]
    groups: list[list[Polygon]] = [[] for _ in leaves_km]
    for f, leaf in enumerate(owner):
        groups[leaf].append(faces[f])
    return [exact_union(g) for g in groups]


def exact_union(polys: Sequence[Polygon]) -> Polygon:
    """Union of faces of one arrangement: shared edges are identical, so nothing moves."""
    if not polys:
        raise RuntimeError("a demo cell vanished while snapping to 6 decimals")
    merged = polys[0] if len(polys) == 1 else shapely.coverage_union_all(np.array(polys))
    if merged.geom_type != "Polygon":
        raise RuntimeError(f"a demo cell is a {merged.geom_type}, expected one Polygon")
    return merged


def geojson(poly: Polygon) -> GeoJSON:
    poly = shapely.orient_polygons(poly)  # RFC 7946: exterior counter-clockwise
    rings = [poly.exterior, *poly.interiors]
    coords = [np.round(shapely.get_coordinates(r), 6).tolist() for r in rings]
    return {"type": "Polygon", "coordinates": coords}


def inner_point(poly: Polygon) -> LatLng:
    p = poly.point_on_surface()
    return (round(p.y, 6), round(p.x, 6))

