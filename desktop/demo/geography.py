"""Geometry and names of the fictional demo county 云泽旗 (pure data: no database, no Qt).

Codes: the county is 159901, prefix 15 (Inner Mongolia) with prefecture 99, which GB/T 2260
leaves unassigned, so no demo code can collide with a real place. Townships and villages use
the 12-digit statistical form 159901 TTT VVV (a township has VVV = 000), a grid appends a
3-digit serial (15 digits), a micro-grid a 2-digit serial (17 digits).

Geometry is drawn in a local kilometre plane (so cells are round, not stretched by longitude).
The town (the county seat) and the countryside around it are each tiled by Lloyd-relaxed
Voronoi cells, small in town and large outside: these are the grids. Villages are grown from
grids and townships from villages as balanced, connected regions of the adjacency graph, so
their borders follow grid edges like real ones. Then the grids go to WGS-84 degrees and
their boundaries are noded together once, snap-rounded to 1e-6 degrees; the faces of that one
arrangement are the grids, and every level above is the exact union of its grids. Town grids
are then cut into 2-4 micro-grids by spokes from their middle (rounded to the same 1e-6
degrees) to their own corners, so micro-grids change no border. So coordinates have 6
decimals, neighbours share identical vertices, each level tiles its parent exactly, and every
boundary is one GeoJSON Polygon (exterior counter-clockwise; holes are possible in principle
but not expected).
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from itertools import islice

import numpy as np
import shapely
from shapely.geometry import Point, Polygon

from desktop.demo import names
from desktop.demo.sampling import PointSampler, random_point_in  # noqa: F401  (re-exported)
from desktop.demo.tiling import (
    SNAP_KM,
    GeoJSON,
    LatLng,
    around,
    clockwise,
    flat,
    hierarchy,
    micro_split,
    positions,
    relaxed_tiles,
    star_polygon,
    with_corners,
)
from desktop.domain.enums import GridKind

COUNTY_CODE = "159901"  # 15 = Inner Mongolia; prefecture 99 is unassigned in GB/T 2260
COUNTY_SEMI_AXES_KM = (30.0, 22.5)  # about 60 km x 45 km
TOWN_SEMI_AXES_KM = (4.6, 3.6)  # the built-up county seat, where grids are small
URBAN_VILLAGE_SHARE = 0.35  # share of villages that are town 社区
URBAN_GRID_SHARE = 0.6  # share of grids in town (gives ~1,000-1,100 micro-grids by default)
ORIGIN_LNG, ORIGIN_LAT = 109.8, 40.6  # Baotou / Jiuyuan area
KM_PER_DEG_LAT = 110.574
KM_PER_DEG_LNG = 111.320 * math.cos(math.radians(ORIGIN_LAT))
SNAP_DEG = 1e-6  # output precision: 6 decimals, about 0.1 m
VILLAGE_KIND = {"street": "community", "town": "village", "sumu": "gacha"}


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


# ---- snapping to one exact arrangement in degrees ----------------------------------------


def to_degrees(geoms: np.ndarray) -> np.ndarray:
    scale = np.array([KM_PER_DEG_LNG, KM_PER_DEG_LAT])
    return shapely.transform(geoms, lambda xy: xy / scale + (ORIGIN_LNG, ORIGIN_LAT))


def snap_together(leaves: np.ndarray) -> np.ndarray:
    """Node all boundaries (in degrees) once on the 1e-6 degree grid; the faces are the leaves.

    Snap rounding is what makes neighbours share identical vertices, even where one has a
    corner on the other's edge; at 7,000 grids it is the costliest step (~0.35 s).
    """
    noded = shapely.union_all(shapely.boundary(leaves), grid_size=SNAP_DEG)
    faces = shapely.get_parts(shapely.polygonize(shapely.get_parts(noded)))
    tree = shapely.STRtree(leaves)
    face_idx, leaf_idx = tree.query(shapely.point_on_surface(faces), predicate="within")
    owner = np.full(len(faces), -1)
    owner[face_idx] = leaf_idx
    for f in np.flatnonzero(owner < 0):  # a sliver whose inner point fell on a leaf border
        near = tree.query(faces[f])
        owner[f] = near[np.argmax(shapely.area(shapely.intersection(leaves[near], faces[f])))]
    order = np.argsort(owner, kind="stable")
    return unions(faces[order], np.bincount(owner, minlength=len(leaves)))


def unions(polys: np.ndarray, counts: Sequence[int]) -> np.ndarray:
    """The union of each run of counts[i] consecutive faces of one arrangement.

    Shared edges are identical, so a coverage union moves nothing. The runs go to GEOS as the
    rows of one table (padded with None) rather than one call each.
    """
    counts = np.asarray(counts, dtype=int)
    if (counts == 0).any():
        raise RuntimeError("a demo cell vanished while snapping to 6 decimals")
    table = np.full((len(counts), counts.max()), None, dtype=object)
    table[np.repeat(np.arange(len(counts)), counts), positions(counts)] = polys
    merged, several = table[:, 0].copy(), counts > 1
    merged[several] = shapely.coverage_union_all(table[several], axis=1)
    wrong = shapely.get_type_id(merged) != shapely.GeometryType.POLYGON
    if wrong.any():
        raise RuntimeError(f"a demo cell is a {merged[wrong][0].geom_type}, expected one Polygon")
    return merged


def geojsons(polys: np.ndarray) -> list[GeoJSON]:
    """GeoJSON Polygons with 6 decimals, exterior counter-clockwise (RFC 7946), all at once."""
    rings, ring_poly = shapely.get_rings(shapely.orient_polygons(polys), return_index=True)
    xy, xy_ring = shapely.get_coordinates(rings, return_index=True)
    coords = np.round(xy, 6).tolist()
    ends = np.cumsum(np.bincount(xy_ring, minlength=len(rings))).tolist()
    result: list[GeoJSON] = [{"type": "Polygon", "coordinates": []} for _ in polys]
    for p, start, end in zip(ring_poly.tolist(), [0, *ends[:-1]], ends, strict=True):
        result[p]["coordinates"].append(coords[start:end])
    return result


def inner_points(polys: np.ndarray) -> list[LatLng]:
    """A (lat, lng) inside each polygon (point_on_surface, not the centroid), 6 decimals."""
    xy = np.round(shapely.get_coordinates(shapely.point_on_surface(polys)), 6)
    return [(lat, lng) for lng, lat in xy.tolist()]


# ---- the county --------------------------------------------------------------------------


@dataclass
class _Plan:
    """The county: grids in the km plane, and snapped to degrees; grid ids index both."""

    cells: list[Polygon]  # grids: town grids first, then countryside grids
    tree: list[list[list[int]]]  # [township][village] -> grid ids, in code order
    kinds: list[str]  # township kinds, in code order
    seat: Point
    dedicated: dict[int, str]  # grid id -> site (专属网格)
    grids: np.ndarray  # grid id -> its snapped outline, in degrees
    micro: dict[int, list[Polygon]]  # grid id -> its micro-grids, in degrees, clockwise


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
    county = star_polygon(rng, (0.0, 0.0), COUNTY_SEMI_AXES_KM, 0.12)
    town = star_polygon(rng, rng.uniform(-3, 3, 2), TOWN_SEMI_AXES_KM, 0.1)
    countryside = shapely.difference(county, town, grid_size=SNAP_KM)
    cells = relaxed_tiles(town, n_urban, rng) + relaxed_tiles(countryside, grids - n_urban, rng)
    seat = town.centroid
    chosen = _pick_dedicated(cells[:n_urban], dedicated, seat, rng)
    split = [g for g in range(n_urban) if g not in chosen]  # id order, never set order
    counts = rng.integers(2, 5, size=len(split))  # micro-grids (a building or a few) each
    outlines = list(cells)
    for g, k in zip(split, counts.tolist(), strict=True):
        outlines[g] = with_corners(cells[g], k)  # a corner for every spoke
    with ThreadPoolExecutor(1) as pool:
        # GEOS lets go of the GIL, so the snapping (the longest step) runs on another core
        # while the grouping, mostly plain Python, runs on this one.
        snapped = pool.submit(_snapped, to_degrees(np.array(outlines)), split, counts)
        streets = hierarchy(cells[:n_urban], n_comm, n_street, rng)
        rural = hierarchy(cells[n_urban:], villages - n_comm, townships - n_street, rng)
        rural = [[[c + n_urban for c in v] for v in t] for t in rural]
        tree = _in_code_order(cells, streets, rural, seat)
        rural_kinds = [("town", "sumu")[i % 2] for i in rng.permutation(len(rural))]
        kinds = ["street"] * n_street + rural_kinds
        return _Plan(cells, tree, kinds, seat, chosen, *snapped.result())


def _in_code_order(
    cells: list[Polygon], streets: list[list[list[int]]], rural: list[list[list[int]]], seat: Point
) -> list[list[list[int]]]:
    """Streets, then rural townships, each clockwise from north around the seat; the street
    holding the seat, 城关街道, first (it gets code 001)."""
    centres = shapely.get_coordinates(shapely.centroid(np.array(cells)))
    areas = shapely.area(np.array(cells))
    streets, rural = (
        [ts[i] for i in clockwise([flat(t) for t in ts], centres, areas, seat.coords[0])]
        for ts in (streets, rural)
    )
    town = flat(flat(streets))
    at_seat = town[int(np.argmin(shapely.distance(np.array(cells)[town], seat)))]
    streets.sort(key=lambda t: at_seat not in flat(t))
    return streets + rural


def _snapped(
    grids: np.ndarray, split: list[int], counts: np.ndarray
) -> tuple[np.ndarray, dict[int, list[Polygon]]]:
    """The grids snapped together, and the split ones cut into micro-grids (clockwise).

    The micro-grids are cut after the snapping, from the snapped outlines, so they never
    enter the noding, which would cost two and a half times as much with them.
    """
    grids = snap_together(grids)
    cut = micro_split(grids[split], counts, decimals=6)
    sizes = [len(c) for c in cut]
    parts, owner = np.array([p for c in cut for p in c]), np.repeat(np.arange(len(cut)), sizes)
    centres, areas = shapely.get_coordinates(shapely.centroid(parts)), shapely.area(parts)
    order = np.lexsort((around(centres, areas, owner), owner))
    ordered = np.split(parts[order], np.cumsum(sizes)[:-1])
    return grids, {g: list(p) for g, p in zip(split, ordered, strict=True)}


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
    """Walks the plan in code order, consuming snapped shapes, naming and counting as it goes.

    All geometry is done up front, level by level, in a few array calls (one call per shape
    cost seconds at city scale); the walk only takes the next shape of each level in turn.
    Names and head counts use their own random stream, so changing them never moves a border.
    """

    def __init__(self, plan: _Plan, rng: np.random.Generator) -> None:
        self.plan, self.rng = plan, rng
        grid_ids = flat(flat(plan.tree))
        grids = plan.grids[grid_ids]
        villages = unions(grids, [len(v) for t in plan.tree for v in t])
        townships = unions(villages, [len(t) for t in plan.tree])
        micro = np.array([m for g in grid_ids for m in plan.micro.get(g, [])])
        levels = [micro, grids, villages, townships, unions(townships, [len(townships)])]
        shapes = iter(geojsons(np.concatenate(levels)))
        m_shapes, g_shapes, v_shapes, t_shapes, (self.boundary,) = (
            list(islice(shapes, len(level))) for level in levels
        )
        inner = inner_points(np.concatenate([micro, grids]))
        m_areas = shapely.area(micro).tolist()
        self.micro = iter(zip(m_shapes, inner[: len(micro)], m_areas, strict=True))
        self.grids = iter(zip(g_shapes, inner[len(micro) :], strict=True))
        self.villages, self.townships = iter(v_shapes), iter(t_shapes)
        self.township_names = names.township_names(plan.kinds, rng)
        self.village_names = names.village_names(
            [VILLAGE_KIND[k] for k, t in zip(plan.kinds, plan.tree, strict=True) for _ in t], rng
        )

    def county(self) -> County:
        townships = tuple(self._township(ti) for ti in range(len(self.plan.tree)))
        seat = to_degrees(np.array([self.plan.seat]))[0]
        seat_ll = (round(seat.y, 6), round(seat.x, 6))
        return County(names.COUNTY_NAME, COUNTY_CODE, self.boundary, seat_ll, townships)

    def _township(self, ti: int) -> Township:
        code, kind = f"{COUNTY_CODE}{ti + 1:03d}", self.plan.kinds[ti]
        villages = tuple(
            self._village(f"{code}{vi + 1:03d}", VILLAGE_KIND[kind], ids)
            for vi, ids in enumerate(self.plan.tree[ti])
        )
        name = self.township_names[ti]
        return Township(code + "000", name, kind, next(self.townships), villages)

    def _village(self, code: str, kind: str, grid_ids: list[int]) -> Village:
        name, grids, ordinary = next(self.village_names), [], 0
        for gi, g in enumerate(grid_ids):
            site = self.plan.dedicated.get(g)
            ordinary += site is None
            label = f"{site}专属网格" if site else f"{name}第{ordinary}网格"
            parts = len(self.plan.micro.get(g, ()))
            grids.append(self._grid(f"{code}{gi + 1:03d}", label, kind, site, parts))
        return Village(code, name, kind, next(self.villages), tuple(grids))

    def _grid(self, code: str, name: str, v_kind: str, site: str | None, parts: int) -> Grid:
        """One grid, and its micro-grids if it was cut into parts (ordinary town grids)."""
        rng = self.rng
        if site:
            kind, households = GridKind.DEDICATED, int(rng.integers(20, 81))  # staff quarters
        elif v_kind == "community":
            kind, households = GridKind.COMMUNITY, int(rng.integers(300, 601))
        else:
            kind, households = GridKind.RURAL, int(rng.integers(80, 251))
        population = round(households * rng.uniform(2.4, 2.9))
        boundary, inner = next(self.grids)
        micro: tuple[MicroGrid, ...] = ()
        if parts > 1:
            leaves = [next(self.micro) for _ in range(parts)]
            areas = np.array([area for _, _, area in leaves])
            shares = _allocate(households, areas * rng.uniform(0.8, 1.2, parts))
            first = int(rng.integers(1, 20))  # building numbers as found on site, not from 1
            micro = tuple(
                MicroGrid(f"{code}{i + 1:02d}", f"{first + i}号楼微网格", shape, point, h)
                for i, ((shape, point, _), h) in enumerate(zip(leaves, shares, strict=True))
            )
        return Grid(code, name, kind, boundary, inner, households, population, micro)


def _allocate(total: int, weights: Sequence[float]) -> list[int]:
    """Split total into counts >= 1 proportional to weights (largest remainder)."""
    w = np.asarray(weights, dtype=float)
    share = w / w.sum() * (total - len(w))
    counts = 1 + np.floor(share).astype(int)
    order = np.argsort(-(share - np.floor(share)), kind="stable")
    counts[order[: total - counts.sum()]] += 1
    return counts.tolist()
