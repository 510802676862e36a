"""Tiling a plane region with relaxed Voronoi cells, grouping cells into regions, micro-grids."""

from __future__ import annotations

import heapq
import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import shapely
from shapely.geometry import Polygon

SNAP_KM = 1e-6  # 1 mm working precision of the overlays in the km plane

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
    if grid_size:  # rounding each vertex: 10x faster than the full repair, nearly always enough
        rounded = shapely.set_precision(cells[inner], grid_size, mode="pointwise")
        broken = ~shapely.is_valid(rounded)  # a sub-millimetre edge folded over
        rounded[broken] = shapely.set_precision(cells[inner][broken], grid_size)
        cells[inner] = rounded
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
    """Pairs (i, j), i < j, of cells sharing at least 1 m of border (a corner is not enough).

    Neighbours in one Voronoi tiling, rounded to one grid, have their shared edge as the same
    segment, so matching segments by their end points finds it without overlaying cells. An
    edge split differently on its two sides would be missed; that only drops a link of the
    graph (the cells are still grouped into connected regions), and it is rare.
    """
    xy, cell = shapely.get_coordinates(
        shapely.get_exterior_ring(np.array(cells)), return_index=True
    )
    same = cell[:-1] == cell[1:]  # consecutive vertices of one ring
    a, b, cell = xy[:-1][same], xy[1:][same], cell[:-1][same]
    flip = (a[:, 0] > b[:, 0]) | ((a[:, 0] == b[:, 0]) & (a[:, 1] > b[:, 1]))
    seg = np.where(flip[:, None], np.hstack([b, a]), np.hstack([a, b]))  # direction-free
    order = np.lexsort(seg.T[::-1])
    seg, cell = seg[order], cell[order]
    twin = np.flatnonzero((seg[1:] == seg[:-1]).all(axis=1) & (cell[1:] != cell[:-1]))
    pairs, which = _unique_pairs(np.column_stack([cell[twin], cell[twin + 1]]), len(cells))
    shared = np.bincount(which, np.linalg.norm(seg[twin, 2:] - seg[twin, :2], axis=1))
    return pairs[shared > 1e-3]


def _unique_pairs(pairs: np.ndarray, m: int) -> tuple[np.ndarray, np.ndarray]:
    """Distinct unordered pairs of ids below m, sorted, and where each input pair went.

    Each pair is packed into one integer: a 1-D unique is many times faster than axis=0.
    """
    pairs = np.sort(pairs, axis=1)
    keys, which = np.unique(pairs[:, 0] * m + pairs[:, 1], return_inverse=True)
    return np.column_stack([keys // m, keys % m]), which.ravel()


def _grow_regions(
    centres: np.ndarray, weights: np.ndarray, edges: np.ndarray, n: int, rng: np.random.Generator
) -> np.ndarray:
    """Label graph nodes with n connected regions of roughly equal node counts.

    A node joins the seed with the least graph distance plus that seed's offset; one
    multi-source Dijkstra finds that for all seeds at once. A node is only ever claimed from
    a neighbour already claimed by the same seed, so each region is connected and its union
    one polygon. Seeds start far apart, move to their region's middle (Lloyd), then offsets
    of too large regions grow until sizes are within 30 % of the mean (not exactly equal:
    real villages differ).
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
    offset = np.zeros(n)
    for _ in range(3):
        seeds = _middles(centres, weights, _claim(graph, seeds, offset), n)
    target, best, best_gap = m / n, np.zeros(m, dtype=int), np.inf
    for _ in range(40):  # the first round, without offsets, never leaves a region empty
        labels = _claim(graph, seeds, offset)
        size = np.bincount(labels, minlength=n)
        if size.min() == 0:
            break
        if np.abs(size - target).max() < best_gap:
            best, best_gap = labels, np.abs(size - target).max()
        if best_gap <= 0.3 * target:
            break
        offset += 0.5 * length.mean() * (size - target) / target
    return best


def _claim(
    graph: list[list[tuple[int, float]]], seeds: list[int], offset: np.ndarray
) -> np.ndarray:
    """Index of the seed with the least offset + path length, for every node.

    One Dijkstra from all seeds at once (each starting at its offset) instead of one per seed:
    the county at city scale has hundreds of seeds. Ties go to the lower seed index.
    """
    best, label = [math.inf] * len(graph), [-1] * len(graph)  # -1: not claimed yet
    heap = [(d, k, s) for k, (s, d) in enumerate(zip(seeds, offset.tolist(), strict=True))]
    heapq.heapify(heap)
    pop, push = heapq.heappop, heapq.heappush  # the hot loop of the whole county
    while heap:
        d, k, u = pop(heap)
        if label[u] < 0:
            label[u] = k
            for v, w in graph[u]:
                if d + w <= best[v] and label[v] < 0:
                    best[v] = d + w
                    push(heap, (d + w, k, v))
    return np.maximum(label, 0)  # an unreachable node (none expected) joins seed 0


def _middles(centres: np.ndarray, weights: np.ndarray, labels: np.ndarray, n: int) -> list[int]:
    """For each region, the member nearest its weighted mean (the Lloyd step on a graph)."""
    gap = np.linalg.norm(centres - _group_means(centres, weights, labels, n)[labels], axis=1)
    order = np.lexsort((gap, labels))  # by region, nearest first
    first = np.flatnonzero(np.r_[True, labels[order][1:] != labels[order][:-1]])
    return order[first].tolist()


def _group_means(
    centres: np.ndarray, weights: np.ndarray, labels: np.ndarray, n: int
) -> np.ndarray:
    """Weighted mean of the centres in each of n groups (every group non-empty)."""
    total = np.bincount(labels, weights, n)
    return (
        np.column_stack([np.bincount(labels, weights * centres[:, i], n) for i in (0, 1)])
        / (total[:, None])
    )


def around(centres: np.ndarray, weights: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """Angle of each point clockwise from north around its group's weighted mean."""
    gap = centres - _group_means(centres, weights, labels, labels.max() + 1)[labels]
    return np.mod(np.arctan2(gap[:, 0], gap[:, 1]), 2 * math.pi)


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
    v_edges, _ = _unique_pairs(village_of[edges], n_villages)
    v_edges = v_edges[v_edges[:, 0] != v_edges[:, 1]]
    township_of = _grow_regions(v_centres, v_areas, v_edges, n_townships, rng)
    townships = []
    for t in range(n_townships):
        vs = [members[v] for v in np.flatnonzero(township_of == t)]
        vs = [vs[i] for i in clockwise(vs, centres, areas, _mean(centres, areas, flat(vs)))]
        townships.append([order_cells(v, centres, areas) for v in vs])
    return townships


def order_cells(ids: list[int], centres: np.ndarray, areas: np.ndarray) -> list[int]:
    """Cell ids clockwise from north around their weighted middle."""
    angle = around(centres[ids], areas[ids], np.zeros(len(ids), dtype=int))
    return [ids[i] for i in np.argsort(angle, kind="stable")]


def flat(nested: Sequence[Sequence[int]]) -> list[int]:
    return [c for group in nested for c in group]


# ---- micro-grids: a grid cut into wedges from its middle -----------------------------------


def with_corners(poly: Polygon, n: int) -> Polygon:
    """poly with the midpoints of its longest edges added until its outline has n vertices.

    A vertex on an edge changes no shape, but gives a cut somewhere to end; snapping the grids
    together puts the same vertex into the neighbour's edge.
    """
    ring = [tuple(p) for p in shapely.get_coordinates(poly.exterior)[:-1]]
    while len(ring) < n:
        lengths = [math.dist(a, b) for a, b in zip(ring, ring[1:] + ring[:1], strict=True)]
        i = lengths.index(max(lengths))
        a, b = ring[i], ring[(i + 1) % len(ring)]
        ring.insert(i + 1, ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2))
    return Polygon(ring, [r.coords for r in poly.interiors])


def micro_split(polys: np.ndarray, counts: np.ndarray, decimals: int) -> list[list[Polygon]]:
    """Cut polys[i] into counts[i] wedges (see wedges); the wedges of one poly share edges.

    A cut that leaves a wedge invalid (a concave grid whose middle cannot see every corner)
    is tried again with the spokes turned to start at the next corner.
    """
    n = shapely.get_num_coordinates(shapely.get_exterior_ring(polys)) - 1
    result: list[list[Polygon]] = [[] for _ in polys]
    todo, turn = np.arange(len(polys)), np.zeros(len(polys), dtype=int)
    while len(todo):
        if (turn[todo] >= n[todo]).any():
            raise RuntimeError("a demo grid cannot be cut into micro-grids")
        parts, made = wedges(polys[todo], counts[todo], turn[todo], decimals)
        owner = np.repeat(np.arange(len(todo)), made)
        broken = ~shapely.is_valid(parts) | (shapely.area(parts) <= 0)
        bad = np.bincount(owner, broken, len(todo)) > 0
        area = shapely.area(polys[todo])
        bad |= np.abs(np.bincount(owner, shapely.area(parts), len(todo)) - area) > 1e-9 * area
        for i, group in zip(todo, np.split(parts, np.cumsum(made)[:-1]), strict=True):
            result[i] = list(group)
        todo = todo[bad]
        turn[todo] += 1
    return result


def wedges(
    polys: np.ndarray, counts: np.ndarray, turn: np.ndarray, decimals: int
) -> tuple[np.ndarray, np.ndarray]:
    """Wedges of similar area cut from each polygon by spokes from its middle to its corners.

    The middle is the centroid rounded to `decimals`; the spokes end on vertices the polygon
    already has. So the wedges add one coordinate, on the same grid as the rest: they tile
    the polygon exactly, with no snapping. The first spoke goes to corner `turn` (counted
    from the first vertex), the others where the area swept reaches 1/k, 2/k, ... Returns
    the wedges, grouped by polygon, and how many each got (counts[i], or fewer if its
    outline has fewer vertices).
    """
    rings = shapely.get_exterior_ring(shapely.orient_polygons(polys))  # counter-clockwise
    xy, poly = shapely.get_coordinates(rings, return_index=True)
    unclosed = np.r_[poly[1:] == poly[:-1], False]
    xy, poly = xy[unclosed], poly[unclosed]
    n = np.bincount(poly, minlength=len(polys))
    first, at = np.cumsum(n) - n, positions(n)  # a polygon's first vertex; a vertex's place
    start = first[poly]
    hub = np.round(shapely.get_coordinates(shapely.centroid(polys)), decimals)
    fan = xy[start + (turn[poly] + at) % n[poly]]  # each outline, from its first spoke on
    a, b = fan - hub[poly], fan[start + (at + 1) % n[poly]] - hub[poly]
    swept = (a[:, 0] * b[:, 1] - a[:, 1] * b[:, 0]) / 2  # the triangle hub, j, j + 1
    before = np.cumsum(swept) - swept
    upto = before - before[start]  # the area swept from the first spoke to spoke j
    total = np.bincount(poly, swept, len(polys))
    made = np.minimum(counts, n)
    cuts = [np.zeros(len(polys), dtype=int)]  # wedge i spans vertices cuts[i] to cuts[i + 1]
    for i in range(1, int(made.max())):
        goal = total * i / made
        lower = np.bincount(poly, upto < goal[poly], len(polys)).astype(int) - 1
        upper = np.minimum(lower + 1, n - 1)
        near = np.where(upto[first + upper] - goal < goal - upto[first + lower], upper, lower)
        near = np.clip(near, cuts[-1] + 1, n - (made - i))  # at least one edge each
        cuts.append(np.where(i < made, near, n))
    cuts.append(n)
    wedge_of = np.repeat(np.arange(len(polys)), made)
    lo = np.column_stack(cuts)[wedge_of, positions(made)]
    hi = np.column_stack(cuts)[wedge_of, positions(made) + 1]
    size = hi - lo + 2  # the hub, then vertices lo ... hi (vertex n is vertex 0 again)
    step = positions(size)
    vertex = (lo.repeat(size) + step - 1) % n[wedge_of].repeat(size)
    coords = np.where(
        (step == 0)[:, None],
        hub[wedge_of].repeat(size, axis=0),
        fan[first[wedge_of].repeat(size) + vertex],
    )
    wedge = np.repeat(np.arange(len(size)), size)
    return shapely.polygons(shapely.linearrings(coords, indices=wedge)), made


def positions(lengths: np.ndarray) -> np.ndarray:
    """0, 1, ..., lengths[0] - 1, 0, 1, ..., lengths[1] - 1, ...: places within runs."""
    return np.arange(lengths.sum()) - np.repeat(np.cumsum(lengths) - lengths, lengths)
