"""Geometry and names of the fictional demo county 云泽旗 (pure data: no database, no Qt).

Codes: the county is 159901, prefix 15 (Inner Mongolia) with prefecture 99, which GB/T 2260
leaves unassigned, so no demo code can collide with a real place. Townships and villages use
the 12-digit statistical form 159901 TTT VVV (a township has VVV = 000), a grid appends a
3-digit serial (15 digits), a micro-grid a 2-digit serial (17 digits).

Geometry is drawn in a local kilometre plane (so cells are round, not stretched by longitude).
The town (the county seat) and the countryside around it are each tiled by Lloyd-relaxed
Voronoi cells, small in town and large outside: these are the grids. Villages are grown from
grids and townships from villages as balanced, connected regions of the adjacency graph, so
their borders follow grid edges like real ones. Town grids are split into 2-4 micro-grids.
Then all the finest cells go to WGS-84 degrees and their boundaries are noded together once,
snap-rounded to 1e-6 degrees; the faces of that one arrangement are the leaves, and every
level is the exact union of its leaves. So coordinates have 6 decimals, neighbours share
identical vertices, each level tiles its parent exactly, and every boundary is one GeoJSON
Polygon (exterior counter-clockwise; holes are possible in principle but not expected).
"""

from __future__ import annotations

import bisect
import heapq
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
import shapely
from shapely.geometry import Point, Polygon, shape

from desktop.demo import names
from desktop.domain.enums import GridKind

COUNTY_CODE = "159901"  # 15 = Inner Mongolia; prefecture 99 is unassigned in GB/T 2260
ORIGIN_LNG, ORIGIN_LAT = 109.8, 40.6  # Baotou / Jiuyuan area
KM_PER_DEG_LAT = 110.574
KM_PER_DEG_LNG = 111.320 * math.cos(math.radians(ORIGIN_LAT))
COUNTY_SEMI_AXES_KM = (30.0, 22.5)  # about 60 km x 45 km
TOWN_SEMI_AXES_KM = (4.6, 3.6)  # the built-up county seat, where grids are small
SNAP_KM = 1e-6  # 1 mm working precision of the overlays in the km plane
SNAP_DEG = 1e-6  # output precision: 6 decimals, about 0.1 m
URBAN_VILLAGE_SHARE = 0.35  # share of villages that are town 社区
URBAN_GRID_SHARE = 0.6  # share of grids in town (gives ~1,000-1,100 micro-grids by default)
VILLAGE_KIND = {"street": "community", "town": "village", "sumu": "gacha"}

GeoJSON = dict[str, Any]
LatLng = tuple[float, float]


@dataclass(frozen=True)
class MicroGrid:
    code: str
    name: str
    boundary: GeoJSON
    centroid: LatLng  # a point guaranteed inside (point_on_surface), not the true centroid
    households: int


@dataclass(frozen=True)
class Grid:
    code: str
    name: str
    kind: GridKind
    boundary: GeoJSON
    centroid: LatLng  # a point guaranteed inside (point_on_surface), not the true centroid
    households: int
    population: int
    micro_grids: tuple[MicroGrid, ...]


@dataclass(frozen=True)
class Village:
    code: str
    name: str
    kind: str  # "community" | "village" | "gacha"
    boundary: GeoJSON
    grids: tuple[Grid, ...]


@dataclass(frozen=True)
class Township:
    code: str
    name: str
    kind: str  # "street" | "town" | "sumu"
    boundary: GeoJSON
    villages: tuple[Village, ...]


@dataclass(frozen=True)
class County:
    name: str
    code: str
    boundary: GeoJSON
    seat: LatLng  # the county seat (middle of the town), for the map's first view
    townships: tuple[Township, ...]


def iter_villages(county: County) -> Iterator[Village]:
    for township in county.townships:
        yield from township.villages


def iter_grids(county: County) -> Iterator[Grid]:
    for village in iter_villages(county):
        yield from village.grids


# ---- cells in the km plane ---------------------------------------------------------------


def _star_polygon(
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


def _relaxed_tiles(
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


def _clockwise(
    groups: list[list[int]], centres: np.ndarray, weights: np.ndarray, around: Sequence[float]
) -> list[int]:
    """Positions of groups ordered clockwise from north around a point, as maps are read."""
    means = np.array([_mean(centres, weights, g) for g in groups])
    angle = np.mod(np.arctan2(means[:, 0] - around[0], means[:, 1] - around[1]), 2 * math.pi)
    return np.argsort(angle, kind="stable").tolist()


def _hierarchy(
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
        vs = [vs[i] for i in _clockwise(vs, centres, areas, _mean(centres, areas, _flat(vs)))]
        townships.append([_order_cells(v, centres, areas) for v in vs])
    return townships


def _order_cells(ids: list[int], centres: np.ndarray, areas: np.ndarray) -> list[int]:
    return [
        ids[i] for i in _clockwise([[c] for c in ids], centres, areas, _mean(centres, areas, ids))
    ]


def _flat(nested: Sequence[Sequence[int]]) -> list[int]:
    return [c for group in nested for c in group]


# ---- snapping to one exact arrangement in degrees ----------------------------------------


def _to_degrees(geoms: np.ndarray) -> np.ndarray:
    scale = np.array([KM_PER_DEG_LNG, KM_PER_DEG_LAT])
    return shapely.transform(geoms, lambda xy: xy / scale + (ORIGIN_LNG, ORIGIN_LAT))


def _snap_leaves(leaves_km: list[Polygon]) -> list[Polygon]:
    """Node all leaf boundaries once on the 1e-6 degree grid; each face becomes one leaf."""
    leaves = _to_degrees(np.array(leaves_km))
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
    return [_exact_union(g) for g in groups]


def _exact_union(polys: Sequence[Polygon]) -> Polygon:
    """Union of faces of one arrangement: shared edges are identical, so nothing moves."""
    if not polys:
        raise RuntimeError("a demo cell vanished while snapping to 6 decimals")
    merged = polys[0] if len(polys) == 1 else shapely.coverage_union_all(np.array(polys))
    if merged.geom_type != "Polygon":
        raise RuntimeError(f"a demo cell is a {merged.geom_type}, expected one Polygon")
    return merged


def _geojson(poly: Polygon) -> GeoJSON:
    poly = shapely.orient_polygons(poly)  # RFC 7946: exterior counter-clockwise
    rings = [poly.exterior, *poly.interiors]
    coords = [np.round(shapely.get_coordinates(r), 6).tolist() for r in rings]
    return {"type": "Polygon", "coordinates": coords}


def _inner_point(poly: Polygon) -> LatLng:
    p = poly.point_on_surface()
    return (round(p.y, 6), round(p.x, 6))


# ---- the county --------------------------------------------------------------------------


@dataclass
class _Plan:
    """The county in the km plane before snapping; ids index `cells`."""

    cells: list[Polygon]  # grids: town grids first, then countryside grids
    tree: list[list[list[int]]]  # [township][village] -> grid ids, in code order
    kinds: list[str]  # township kinds, in code order
    seat: Point
    dedicated: dict[int, str]  # grid id -> site (专属网格)
    micro: dict[int, list[Polygon]]  # grid id -> micro-grid cells (town grids only)


def _sizes(townships: int, villages: int, grids: int, dedicated: int) -> tuple[int, int, int]:
    """How many streets, 社区 and grids are in town; the rest is countryside."""
    if townships < 2 or villages < townships or dedicated < 0 or grids < villages + dedicated:
        raise ValueError(
            "need townships >= 2, villages >= townships, grids >= villages + dedicated"
        )
    streets = townships // 2
    communities = round(villages * URBAN_VILLAGE_SHARE)
    communities = min(max(streets, communities), villages - townships + streets)
    urban = min(
        max(communities + dedicated, round(grids * URBAN_GRID_SHARE)),
        grids - villages + communities,
    )
    return streets, communities, urban


def _plan(seed: int, townships: int, villages: int, grids: int, dedicated: int) -> _Plan:
    rng = np.random.default_rng(seed)
    n_street, n_comm, n_urban = _sizes(townships, villages, grids, dedicated)
    county = _star_polygon(rng, (0.0, 0.0), COUNTY_SEMI_AXES_KM, 0.12)
    town = _star_polygon(rng, rng.uniform(-3, 3, 2), TOWN_SEMI_AXES_KM, 0.1)
    countryside = shapely.difference(county, town, grid_size=SNAP_KM)
    cells = _relaxed_tiles(town, n_urban, rng) + _relaxed_tiles(countryside, grids - n_urban, rng)
    streets = _hierarchy(cells[:n_urban], n_comm, n_street, rng)
    rural = _hierarchy(cells[n_urban:], villages - n_comm, townships - n_street, rng)
    rural = [[[c + n_urban for c in v] for v in t] for t in rural]
    centres = shapely.get_coordinates(shapely.centroid(np.array(cells)))
    areas, seat = shapely.area(np.array(cells)), town.centroid
    streets, rural = (
        [ts[i] for i in _clockwise([_flat(t) for t in ts], centres, areas, seat.coords[0])]
        for ts in (streets, rural)
    )
    at_seat = int(np.argmin(shapely.distance(np.array(cells[:n_urban]), seat)))
    streets.sort(key=lambda t: at_seat not in _flat(t))  # 城关街道 (the seat) gets code 001
    kinds = ["street"] * n_street + [("town", "sumu")[i % 2] for i in rng.permutation(len(rural))]
    chosen = _pick_dedicated(cells[:n_urban], dedicated, seat, rng)
    micro = _micro_grids(cells, _flat(_flat(streets)), chosen, rng)
    return _Plan(cells, streets + rural, kinds, seat, chosen, micro)


def _micro_grids(
    cells: list[Polygon], town_ids: list[int], dedicated: dict[int, str], rng: np.random.Generator
) -> dict[int, list[Polygon]]:
    """Split each ordinary town grid into 2-4 micro-grids (a building or a few)."""
    micro = {}
    for g in town_ids:  # in code order, so the draws never depend on set order
        if g not in dedicated:
            parts = _relaxed_tiles(cells[g], int(rng.integers(2, 5)), rng, iterations=2)
            centres = shapely.get_coordinates(shapely.centroid(np.array(parts)))
            order = _order_cells(list(range(len(parts))), centres, shapely.area(np.array(parts)))
            micro[g] = [parts[i] for i in order]
    return micro


def _pick_dedicated(
    town: list[Polygon], count: int, seat: Point, rng: np.random.Generator
) -> dict[int, str]:
    """Mark town grids as 专属网格; the industrial park takes the one farthest from the seat."""
    sites, pool, chosen = names.dedicated_sites(count), list(range(len(town))), {}
    if names.INDUSTRIAL_SITE in sites:
        far = int(np.argmax(shapely.distance(np.array(town), seat)))
        chosen[far] = names.INDUSTRIAL_SITE
        pool.remove(far)
        sites.remove(names.INDUSTRIAL_SITE)
    for site, i in zip(sites, rng.choice(len(pool), size=len(sites), replace=False), strict=True):
        chosen[pool[int(i)]] = site
    return chosen


def generate_county(
    seed: int, *, townships: int = 8, villages: int = 70, grids: int = 600, dedicated_grids: int = 6
) -> County:
    """The demo county for seed: same seed, same county, bit for bit."""
    plan = _plan(seed, townships, villages, grids, dedicated_grids)
    return _Assembly(plan, np.random.default_rng([seed, 1])).county()


class _Assembly:
    """Walks the plan in code order, consuming snapped leaves, naming and counting as it goes.

    Names and head counts use their own random stream, so changing them never moves a border.
    """

    def __init__(self, plan: _Plan, rng: np.random.Generator) -> None:
        self.plan, self.rng = plan, rng
        leaves_km = [m for g in _flat(_flat(plan.tree)) for m in plan.micro.get(g, [plan.cells[g]])]
        self.leaves = iter(_snap_leaves(leaves_km))
        self.township_names = names.township_names(plan.kinds, rng)
        self.village_names = names.village_names(
            [VILLAGE_KIND[k] for k, t in zip(plan.kinds, plan.tree, strict=True) for _ in t], rng
        )

    def county(self) -> County:
        townships, polys = zip(
            *(self._township(ti) for ti in range(len(self.plan.tree))), strict=True
        )
        seat = _to_degrees(np.array([self.plan.seat]))[0]
        boundary = _geojson(_exact_union(polys))
        seat_ll = (round(seat.y, 6), round(seat.x, 6))
        return County(names.COUNTY_NAME, COUNTY_CODE, boundary, seat_ll, townships)

    def _township(self, ti: int) -> tuple[Township, Polygon]:
        code, kind = f"{COUNTY_CODE}{ti + 1:03d}", self.plan.kinds[ti]
        built = [
            self._village(f"{code}{vi + 1:03d}", VILLAGE_KIND[kind], ids)
            for vi, ids in enumerate(self.plan.tree[ti])
        ]
        poly = _exact_union([p for _, p in built])
        villages = tuple(v for v, _ in built)
        return Township(code + "000", self.township_names[ti], kind, _geojson(poly), villages), poly

    def _village(self, code: str, kind: str, grid_ids: list[int]) -> tuple[Village, Polygon]:
        name, built, ordinary = next(self.village_names), [], 0
        for gi, g in enumerate(grid_ids):
            site = self.plan.dedicated.get(g)
            ordinary += site is None
            label = f"{site}专属网格" if site else f"{name}第{ordinary}网格"
            parts = [next(self.leaves) for _ in self.plan.micro.get(g, [None])]
            built.append(self._grid(f"{code}{gi + 1:03d}", label, kind, site, parts))
        poly = _exact_union([p for _, p in built])
        return Village(code, name, kind, _geojson(poly), tuple(g for g, _ in built)), poly

    def _grid(
        self, code: str, name: str, v_kind: str, site: str | None, parts: list[Polygon]
    ) -> tuple[Grid, Polygon]:
        """One grid; its leaves are its micro-grids when there is more than one."""
        rng = self.rng
        if site:
            kind, households = GridKind.DEDICATED, int(rng.integers(20, 81))  # staff quarters
        elif v_kind == "community":
            kind, households = GridKind.COMMUNITY, int(rng.integers(300, 601))
        else:
            kind, households = GridKind.RURAL, int(rng.integers(80, 251))
        population = round(households * rng.uniform(2.4, 2.9))
        poly = _exact_union(parts)
        micro: tuple[MicroGrid, ...] = ()
        if len(parts) > 1:
            shares = _allocate(households, [p.area * rng.uniform(0.8, 1.2) for p in parts])
            first = int(rng.integers(1, 20))  # building numbers as found on site, not from 1
            micro = tuple(
                MicroGrid(
                    f"{code}{i + 1:02d}", f"{first + i}号楼微网格", _geojson(p), _inner_point(p), h
                )
                for i, (p, h) in enumerate(zip(parts, shares, strict=True))
            )
        geojson, inner = _geojson(poly), _inner_point(poly)
        return Grid(code, name, kind, geojson, inner, households, population, micro), poly


def _allocate(total: int, weights: Sequence[float]) -> list[int]:
    """Split total into counts >= 1 proportional to weights (largest remainder)."""
    w = np.asarray(weights, dtype=float)
    share = w / w.sum() * (total - len(w))
    counts = 1 + np.floor(share).astype(int)
    order = np.argsort(-(share - np.floor(share)), kind="stable")
    counts[order[: total - counts.sum()]] += 1
    return counts.tolist()


# ---- random points for case locations ---------------------------------------------------


class PointSampler:
    """Uniform random points in a (Multi)Polygon, without rejection.

    The polygon is split once into triangles (constrained Delaunay); a point is a triangle
    drawn by area, then a uniform point in it. Building costs ~0.1 ms, a draw a few µs.
    Uniform in degrees: across a grid that is equal-area within 0.1 %.
    """

    def __init__(self, polygon: GeoJSON) -> None:
        tris = shapely.get_parts(shapely.constrained_delaunay_triangles(shape(polygon)))
        corners = shapely.get_coordinates(tris).reshape(-1, 4, 2)[:, :3]
        a, b, c = corners[:, 0], corners[:, 1], corners[:, 2]
        ab, ac = b - a, c - a
        area = np.abs(ab[:, 0] * ac[:, 1] - ab[:, 1] * ac[:, 0])
        self._cumulative: list[float] = np.cumsum(area).tolist()
        self._triangles = np.hstack([a, ab, ac]).tolist()

    def sample(self, rng: np.random.Generator) -> LatLng:
        pick, r, s = rng.random(3).tolist()
        i = bisect.bisect_right(self._cumulative, pick * self._cumulative[-1])
        ax, ay, bx, by, cx, cy = self._triangles[min(i, len(self._triangles) - 1)]
        if r + s > 1:  # fold the far half of the parallelogram back into the triangle
            r, s = 1 - r, 1 - s
        return (ay + r * by + s * cy, ax + r * bx + s * cx)


def _freeze(value: Any) -> Any:
    return tuple(_freeze(v) for v in value) if isinstance(value, list | tuple) else value


@lru_cache(maxsize=8192)
def _sampler(kind: str, coords: tuple) -> PointSampler:
    return PointSampler({"type": kind, "coordinates": coords})


def random_point_in(polygon: GeoJSON, rng: np.random.Generator) -> LatLng:
    """A uniform random (lat, lng) inside a GeoJSON Polygon/MultiPolygon (samplers are cached)."""
    return _sampler(polygon["type"], _freeze(polygon["coordinates"])).sample(rng)
