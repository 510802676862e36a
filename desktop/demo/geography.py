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

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np
import shapely
from shapely.geometry import Point, Polygon

from desktop.demo import names
from desktop.demo.sampling import PointSampler, random_point_in  # noqa: F401  (re-exported)
from desktop.demo.tiling import (
    SNAP_KM,
    GeoJSON,
    LatLng,
    clockwise,
    exact_union,
    flat,
    geojson,
    hierarchy,
    inner_point,
    order_cells,
    relaxed_tiles,
    snap_leaves,
    star_polygon,
    to_degrees,
)
from desktop.domain.enums import GridKind

COUNTY_CODE = "159901"  # 15 = Inner Mongolia; prefecture 99 is unassigned in GB/T 2260
COUNTY_SEMI_AXES_KM = (30.0, 22.5)  # about 60 km x 45 km
TOWN_SEMI_AXES_KM = (4.6, 3.6)  # the built-up county seat, where grids are small
URBAN_VILLAGE_SHARE = 0.35  # share of villages that are town 社区
URBAN_GRID_SHARE = 0.6  # share of grids in town (gives ~1,000-1,100 micro-grids by default)
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
    county = star_polygon(rng, (0.0, 0.0), COUNTY_SEMI_AXES_KM, 0.12)
    town = star_polygon(rng, rng.uniform(-3, 3, 2), TOWN_SEMI_AXES_KM, 0.1)
    countryside = shapely.difference(county, town, grid_size=SNAP_KM)
    cells = relaxed_tiles(town, n_urban, rng) + relaxed_tiles(countryside, grids - n_urban, rng)
    streets = hierarchy(cells[:n_urban], n_comm, n_street, rng)
    rural = hierarchy(cells[n_urban:], villages - n_comm, townships - n_street, rng)
    rural = [[[c + n_urban for c in v] for v in t] for t in rural]
    centres = shapely.get_coordinates(shapely.centroid(np.array(cells)))
    areas, seat = shapely.area(np.array(cells)), town.centroid
    streets, rural = (
        [ts[i] for i in clockwise([flat(t) for t in ts], centres, areas, seat.coords[0])]
        for ts in (streets, rural)
    )
    at_seat = int(np.argmin(shapely.distance(np.array(cells[:n_urban]), seat)))
    streets.sort(key=lambda t: at_seat not in flat(t))  # 城关街道 (the seat) gets code 001
    kinds = ["street"] * n_street + [("town", "sumu")[i % 2] for i in rng.permutation(len(rural))]
    chosen = _pick_dedicated(cells[:n_urban], dedicated, seat, rng)
    micro = _micro_grids(cells, flat(flat(streets)), chosen, rng)
    return _Plan(cells, streets + rural, kinds, seat, chosen, micro)


def _micro_grids(
    cells: list[Polygon], town_ids: list[int], dedicated: dict[int, str], rng: np.random.Generator
) -> dict[int, list[Polygon]]:
    """Split each ordinary town grid into 2-4 micro-grids (a building or a few)."""
    micro = {}
    for g in town_ids:  # in code order, so the draws never depend on set order
        if g not in dedicated:
            parts = relaxed_tiles(cells[g], int(rng.integers(2, 5)), rng, iterations=2)
            centres = shapely.get_coordinates(shapely.centroid(np.array(parts)))
            order = order_cells(list(range(len(parts))), centres, shapely.area(np.array(parts)))
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
        leaves_km = [m for g in flat(flat(plan.tree)) for m in plan.micro.get(g, [plan.cells[g]])]
        self.leaves = iter(snap_leaves(leaves_km))
        self.township_names = names.township_names(plan.kinds, rng)
        self.village_names = names.village_names(
            [VILLAGE_KIND[k] for k, t in zip(plan.kinds, plan.tree, strict=True) for _ in t], rng
        )

    def county(self) -> County:
        townships, polys = zip(
            *(self._township(ti) for ti in range(len(self.plan.tree))), strict=True
        )
        seat = to_degrees(np.array([self.plan.seat]))[0]
        boundary = geojson(exact_union(polys))
        seat_ll = (round(seat.y, 6), round(seat.x, 6))
        return County(names.COUNTY_NAME, COUNTY_CODE, boundary, seat_ll, townships)

    def _township(self, ti: int) -> tuple[Township, Polygon]:
        code, kind = f"{COUNTY_CODE}{ti + 1:03d}", self.plan.kinds[ti]
        built = [
            self._village(f"{code}{vi + 1:03d}", VILLAGE_KIND[kind], ids)
            for vi, ids in enumerate(self.plan.tree[ti])
        ]
        poly = exact_union([p for _, p in built])
        villages = tuple(v for v, _ in built)
        return Township(code + "000", self.township_names[ti], kind, geojson(poly), villages), poly

    def _village(self, code: str, kind: str, grid_ids: list[int]) -> tuple[Village, Polygon]:
        name, built, ordinary = next(self.village_names), [], 0
        for gi, g in enumerate(grid_ids):
            site = self.plan.dedicated.get(g)
            ordinary += site is None
            label = f"{site}专属网格" if site else f"{name}第{ordinary}网格"
            parts = [next(self.leaves) for _ in self.plan.micro.get(g, [None])]
            built.append(self._grid(f"{code}{gi + 1:03d}", label, kind, site, parts))
        poly = exact_union([p for _, p in built])
        return Village(code, name, kind, geojson(poly), tuple(g for g, _ in built)), poly

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
        poly = exact_union(parts)
        micro: tuple[MicroGrid, ...] = ()
        if len(parts) > 1:
            shares = _allocate(households, [p.area * rng.uniform(0.8, 1.2) for p in parts])
            first = int(rng.integers(1, 20))  # building numbers as found on site, not from 1
            micro = tuple(
                MicroGrid(
                    f"{code}{i + 1:02d}", f"{first + i}号楼微网格", geojson(p), inner_point(p), h
                )
                for i, (p, h) in enumerate(zip(parts, shares, strict=True))
            )
        boundary, inner = geojson(poly), inner_point(poly)
        return Grid(code, name, kind, boundary, inner, households, population, micro), poly


def _allocate(total: int, weights: Sequence[float]) -> list[int]:
    """Split total into counts >= 1 proportional to weights (largest remainder)."""
    w = np.asarray(weights, dtype=float)
    share = w / w.sum() * (total - len(w))
    counts = 1 + np.floor(share).astype(int)
    order = np.argsort(-(share - np.floor(share)), kind="stable")
    counts[order[: total - counts.sum()]] += 1
    return counts.tolist()


