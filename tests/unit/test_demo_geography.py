"""The demo county's geometry: exact tiling at every level, codes, names, determinism."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import subprocess
import sys
from collections import Counter

import numpy as np
import pytest
import shapely
from shapely.geometry import Point, Polygon, box, shape

from desktop.demo import names, tiling
from desktop.demo.geography import (
    COUNTY_CODE,
    County,
    PointSampler,
    generate_county,
    geojsons,
    iter_grids,
    iter_villages,
    random_point_in,
    unions,
)
from desktop.domain.enums import GridKind

SEED = 7


@pytest.fixture(scope="module")
def county() -> County:
    return generate_county(SEED)


def _dump(c: County) -> str:
    return json.dumps(dataclasses.asdict(c), ensure_ascii=False, sort_keys=True)


def _micro_grids(c: County):
    return [m for g in iter_grids(c) for m in g.micro_grids]


def _all_boundaries(c: County) -> list[dict]:
    return (
        [c.boundary]
        + [t.boundary for t in c.townships]
        + [v.boundary for v in iter_villages(c)]
        + [g.boundary for g in iter_grids(c)]
        + [m.boundary for m in _micro_grids(c)]
    )


def _assert_tiles(parent: dict, children: list[dict]) -> None:
    """Children cover parent with no gap and no overlap (areas in square degrees)."""
    whole = shape(parent)
    parts = np.array([shape(c) for c in children])
    union = shapely.union_all(parts)
    total = shapely.area(parts).sum()
    assert abs(union.area - whole.area) <= 1e-6 * whole.area  # no gap
    assert abs(total - union.area) <= 1e-6 * whole.area  # no overlap
    assert shapely.difference(union, whole).area <= 1e-9 * whole.area  # nothing outside
    assert shapely.coverage_is_valid(parts)  # neighbours share identical edges


# ---- counts and kinds ---------------------------------------------------------------------


def test_counts_match_the_request(county: County) -> None:
    grids = list(iter_grids(county))
    assert len(county.townships) == 8
    assert len(list(iter_villages(county))) == 70
    assert len(grids) == 600
    assert Counter(g.kind for g in grids)[GridKind.DEDICATED] == 6
    assert 1000 <= len(_micro_grids(county)) <= 1800


def test_kinds_follow_town_and_countryside(county: County) -> None:
    kinds = [t.kind for t in county.townships]
    assert kinds.count("street") == 4 and set(kinds[4:]) == {"town", "sumu"}
    for township in county.townships:
        for village in township.villages:
            expected = {"street": "community", "town": "village", "sumu": "gacha"}[township.kind]
            assert village.kind == expected
            for grid in village.grids:
                assert grid.kind in set(GridKind)
                if village.kind != "community":
                    assert grid.kind == GridKind.RURAL
                else:
                    assert grid.kind in (GridKind.COMMUNITY, GridKind.DEDICATED)


def test_micro_grids_only_in_community_grids(county: County) -> None:
    for grid in iter_grids(county):
        if grid.kind == GridKind.COMMUNITY:
            assert 2 <= len(grid.micro_grids) <= 4
        else:
            assert grid.micro_grids == ()


def test_town_grids_are_small_and_country_grids_large(county: County) -> None:
    areas = {kind: [] for kind in GridKind}
    for grid in iter_grids(county):
        areas[grid.kind].append(shape(grid.boundary).area)
    assert np.median(areas[GridKind.COMMUNITY]) * 20 < np.median(areas[GridKind.RURAL])


def test_households_and_population(county: County) -> None:
    for grid in iter_grids(county):
        low, high = {"community": (300, 600), "rural": (80, 250), "dedicated": (20, 80)}[grid.kind]
        assert low <= grid.households <= high
        assert 2.4 * grid.households - 1 <= grid.population <= 2.9 * grid.households + 1
        if grid.micro_grids:
            assert sum(m.households for m in grid.micro_grids) == grid.households
            assert all(m.households > 0 for m in grid.micro_grids)


# ---- geometry -----------------------------------------------------------------------------


def test_every_polygon_is_valid_and_single(county: County) -> None:
    for boundary in _all_boundaries(county):
        assert boundary["type"] == "Polygon"
        geom = shape(boundary)
        assert geom.is_valid and not geom.is_empty
        ring = boundary["coordinates"][0]
        assert ring[0] == ring[-1]
        assert shapely.LinearRing(ring).is_ccw  # RFC 7946 orientation


def test_coordinates_have_six_decimals(county: County) -> None:
    for boundary in _all_boundaries(county):
        for ring in boundary["coordinates"]:
            for lng, lat in ring:
                assert round(lng, 6) == lng and round(lat, 6) == lat


def test_county_is_where_and_as_big_as_asked(county: County) -> None:
    x0, y0, x1, y1 = shape(county.boundary).bounds
    assert 109.3 < x0 < 109.8 < x1 < 110.3 and 40.3 < y0 < 40.6 < y1 < 40.9
    width_km, height_km = (x1 - x0) * 84.5, (y1 - y0) * 111.0
    assert 45 < width_km < 80 and 35 < height_km < 65
    assert shape(county.boundary).contains(Point(county.seat[1], county.seat[0]))


def test_townships_tile_the_county(county: County) -> None:
    _assert_tiles(county.boundary, [t.boundary for t in county.townships])


def test_grids_tile_the_county(county: County) -> None:
    _assert_tiles(county.boundary, [g.boundary for g in iter_grids(county)])


def test_villages_tile_their_township(county: County) -> None:
    for township in county.townships:
        _assert_tiles(township.boundary, [v.boundary for v in township.villages])


def test_grids_tile_their_village(county: County) -> None:
    for village in iter_villages(county):
        _assert_tiles(village.boundary, [g.boundary for g in village.grids])
        outer = shape(village.boundary)
        for grid in village.grids:
            assert shapely.difference(shape(grid.boundary), outer).area == pytest.approx(
                0, abs=1e-14
            )


def test_micro_grids_tile_their_grid(county: County) -> None:
    for grid in iter_grids(county):
        if grid.micro_grids:
            _assert_tiles(grid.boundary, [m.boundary for m in grid.micro_grids])


def test_no_two_grids_overlap(county: County) -> None:
    geoms = np.array([shape(g.boundary) for g in iter_grids(county)])
    left, right = shapely.STRtree(geoms).query(geoms, predicate="intersects")
    pairs = left < right
    overlap = shapely.area(shapely.intersection(geoms[left[pairs]], geoms[right[pairs]]))
    assert pairs.sum() > 600  # neighbours touch...
    assert overlap.max() < 1e-14  # ...but never overlap


def test_centroids_lie_inside(county: County) -> None:
    for grid in iter_grids(county):
        assert shape(grid.boundary).contains(Point(grid.centroid[1], grid.centroid[0]))
        for micro in grid.micro_grids:
            assert shape(micro.boundary).contains(Point(micro.centroid[1], micro.centroid[0]))


# ---- codes and names ----------------------------------------------------------------------


def test_codes_are_unique_nested_and_sized(county: County) -> None:
    assert county.code == COUNTY_CODE == "159901"
    codes = []
    for township in county.townships:
        assert len(township.code) == 12 and township.code.endswith("000")
        assert township.code.startswith(COUNTY_CODE)
        codes.append(township.code)
        for village in township.villages:
            assert len(village.code) == 12 and village.code[:9] == township.code[:9]
            assert village.code[9:] != "000"
            codes.append(village.code)
            for grid in village.grids:
                assert len(grid.code) == 15 and grid.code.startswith(village.code)
                codes.append(grid.code)
                for micro in grid.micro_grids:
                    assert len(micro.code) == 17 and micro.code.startswith(grid.code)
                    codes.append(micro.code)
    assert all(c.isdigit() for c in codes)
    assert len(codes) == len(set(codes))


def test_names_are_unique_within_their_parent(county: County) -> None:
    def unique(items) -> bool:
        found = [i.name for i in items]
        return len(found) == len(set(found)) and all(found)

    assert county.name == names.COUNTY_NAME
    assert unique(county.townships)
    assert county.townships[0].name == names.SEAT_STREET
    for township in county.townships:
        assert unique(township.villages)
        assert township.name.endswith(
            {"street": "街道", "town": "镇", "sumu": "苏木"}[township.kind]
        )
        for village in township.villages:
            assert unique(village.grids)
            assert village.name.endswith(
                {"community": "社区", "village": "村", "gacha": "嘎查"}[village.kind]
            )
            for grid in village.grids:
                assert unique(grid.micro_grids)
                if grid.kind == GridKind.DEDICATED:
                    assert grid.name.endswith("专属网格")
                else:
                    assert grid.name.startswith(village.name) and grid.name.endswith("网格")
                assert all(m.name.endswith("号楼微网格") for m in grid.micro_grids)


def test_dedicated_grids_are_named_after_their_sites(county: County) -> None:
    dedicated = {g.name for g in iter_grids(county) if g.kind == GridKind.DEDICATED}
    assert dedicated == {f"{site}专属网格" for site in names.DEDICATED_SITES[:6]}
    assert "云泽工业园区专属网格" in dedicated


def test_name_pools_have_no_duplicates() -> None:
    pools = [
        names.STREET_NAMES, names.TOWN_NAMES, names.SUMU_NAMES, names.COMMUNITY_STEMS,
        names.VILLAGE_STEMS, names.GACHA_STEMS, names.DEDICATED_SITES, names.HAN_SURNAMES,
        names.HAN_GIVEN_CHARS, names.MONGOLIAN_NAMES, names.MONGOLIAN_DOTTED_NAMES,
    ]  # fmt: skip
    for pool in pools:
        assert len(pool) == len(set(pool)), pool
    assert all("·" in n for n in names.MONGOLIAN_DOTTED_NAMES)


def test_rare_characters_need_gb18030() -> None:
    for char in names.RARE_GIVEN_CHARS:
        char.encode("gb18030")  # representable...
        with pytest.raises(UnicodeEncodeError):
            char.encode("gbk")  # ...but not in GBK, so fonts and exports get tested


def test_pick_unique_extends_a_short_pool() -> None:
    rng = np.random.default_rng(1)
    picked = names.pick_unique(("甲", "乙"), 5, rng)
    assert len(picked) == len(set(picked)) == 5


def test_random_person_names_use_all_pools() -> None:
    rng = np.random.default_rng(3)
    drawn = [
        names.random_person_name(rng, mongolian_share=0.3, rare_share=0.2) for _ in range(3000)
    ]
    assert any("·" in n for n in drawn)
    assert any(any(c in n for c in names.RARE_GIVEN_CHARS) for n in drawn)
    assert all(1 < len(n) <= 15 for n in drawn)


# ---- determinism, speed, parameters -------------------------------------------------------


def test_same_seed_same_county(county: County) -> None:
    assert _dump(generate_county(SEED)) == _dump(county)


def test_same_county_in_another_process_with_other_hash_seed(county: County) -> None:
    """No dependence on set or dict iteration order, which PYTHONHASHSEED would change."""
    script = (
        "import dataclasses, hashlib, json; from desktop.demo.geography import generate_county; "
        f"c = generate_county({SEED}); "
        "d = json.dumps(dataclasses.asdict(c), ensure_ascii=False, sort_keys=True); "
        "print(hashlib.sha256(d.encode()).hexdigest())"
    )
    env = dict(os.environ, PYTHONHASHSEED="12345")
    out = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == hashlib.sha256(_dump(county).encode()).hexdigest()


def test_other_seed_other_county(county: County) -> None:
    assert _dump(generate_county(SEED + 1)) != _dump(county)


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_other_seeds_tile_too(seed: int) -> None:
    c = generate_county(seed)
    assert len(list(iter_grids(c))) == 600
    _assert_tiles(c.boundary, [g.boundary for g in iter_grids(c)])
    for village in iter_villages(c):
        _assert_tiles(village.boundary, [g.boundary for g in village.grids])


def test_small_county() -> None:
    c = generate_county(5, townships=2, villages=4, grids=20, dedicated_grids=1)
    assert [t.kind for t in c.townships][0] == "street" and len(c.townships) == 2
    assert len(list(iter_grids(c))) == 20
    _assert_tiles(c.boundary, [g.boundary for g in iter_grids(c)])


@pytest.mark.parametrize(
    "sizes", [dict(townships=1), dict(villages=5), dict(grids=70), dict(dedicated_grids=-1)]
)
def test_impossible_sizes_are_refused(sizes: dict) -> None:
    with pytest.raises(ValueError):
        generate_county(1, **sizes)


# ---- random points -------------------------------------------------------------------------


def test_random_points_fall_inside(county: County) -> None:
    rng = np.random.default_rng(0)
    grids = list(iter_grids(county))
    for grid in grids[::25]:
        poly = shape(grid.boundary)
        shapely.prepare(poly)
        pts = [random_point_in(grid.boundary, rng) for _ in range(100)]
        assert all(poly.contains(Point(lng, lat)) for lat, lng in pts)
    lat, lng = random_point_in(county.boundary, rng)
    assert shape(county.boundary).contains(Point(lng, lat))


def test_random_points_avoid_holes_and_are_uniform() -> None:
    square = {
        "type": "Polygon",
        "coordinates": [
            [[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]],
            [[1, 1], [1, 3], [3, 3], [3, 1], [1, 1]],
        ],
    }
    rng = np.random.default_rng(2)
    pts = np.array([PointSampler(square).sample(rng) for _ in range(4000)])  # (lat, lng)
    inner = (pts > 1) & (pts < 3)
    assert not (inner[:, 0] & inner[:, 1]).any()
    left = (pts[:, 1] < 1).mean()  # the strip x < 1 holds 4 of the 12 unit squares
    assert abs(left - 1 / 3) < 0.04


def test_random_points_in_a_multipolygon() -> None:
    two = {
        "type": "MultiPolygon",
        "coordinates": [
            [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]],
            [[[2, 0], [3, 0], [3, 1], [2, 1], [2, 0]]],
        ],
    }
    rng = np.random.default_rng(5)
    lngs = np.array([random_point_in(two, rng)[1] for _ in range(2000)])
    assert not ((lngs > 1) & (lngs < 2)).any()
    assert abs((lngs < 1).mean() - 0.5) < 0.05


def test_random_points_are_reproducible(county: County) -> None:
    grid = next(iter_grids(county))
    a = [random_point_in(grid.boundary, np.random.default_rng(9)) for _ in range(3)]
    b = [random_point_in(grid.boundary, np.random.default_rng(9)) for _ in range(3)]
    assert a == b


def test_random_points_fall_inside_their_grid(county: County) -> None:
    rng = np.random.default_rng(4)
    grids = list(iter_grids(county))
    for i in rng.integers(len(grids), size=2_000):
        lat, lng = random_point_in(grids[i].boundary, rng)
        assert shape(grids[i].boundary).covers(Point(lng, lat))


# ---- the fast paths behind city scale -------------------------------------------------------


def _square(x0: float, y0: float, side: float = 1.0) -> Polygon:
    return box(x0, y0, x0 + side, y0 + side)


def test_positions_count_within_runs() -> None:
    assert tiling.positions(np.array([2, 0, 3])).tolist() == [0, 1, 0, 1, 2]


def test_adjacency_needs_a_shared_edge_of_a_metre() -> None:
    """A and B share an edge, B and C too; A and C only touch at a corner. On B's right side,
    D shares a segment of 0.5 m (0.0005 km), too little to be a neighbour, and E one of 2 m."""
    a, c = _square(0, 0), _square(1, 1)
    b = Polygon([(1, 0), (2, 0), (2, 0.0005), (2, 0.0025), (2, 1), (1, 1)])
    d = Polygon([(2, 0), (3, 0), (2, 0.0005)])
    e = Polygon([(2, 0.0005), (3, 0.0015), (2, 0.0025)])
    assert tiling._adjacency([a, b, c, d, e]).tolist() == [[0, 1], [1, 2], [1, 4]]


def test_claim_grows_from_every_seed_at_once() -> None:
    """On the path 0-1-2-3-4 (edges of length 1) seeds 0 and 4 meet in the middle; node 2 is
    2 from both, a tie, which goes to the lower seed. An offset of 1.5 on seed 0 moves node 2
    to seed 1 (3.5 against 2) but not node 1 (2.5 against 3)."""
    graph = [[(1, 1.0)], [(0, 1.0), (2, 1.0)], [(1, 1.0), (3, 1.0)], [(2, 1.0), (4, 1.0)]]
    graph.append([(3, 1.0)])
    assert tiling._claim(graph, [0, 4], np.zeros(2)).tolist() == [0, 0, 0, 1, 1]
    assert tiling._claim(graph, [0, 4], np.array([1.5, 0.0])).tolist() == [0, 0, 1, 1, 1]


def test_claim_breaks_ties_by_seed_not_by_arrival() -> None:
    """Node 3 is 2 from seed 0 (1.5 + 0.5 via node 2) and from seed 1 (0.5 + 1.5 via node
    4); seed 1 gets there first in the search, but the tie still goes to seed 0."""
    edges = [(0, 2, 1.5), (2, 3, 0.5), (1, 4, 0.5), (4, 3, 1.5)]
    graph: list[list[tuple[int, float]]] = [[] for _ in range(5)]
    for a, b, w in edges:
        graph[a].append((b, w))
        graph[b].append((a, w))
    assert tiling._claim(graph, [0, 1], np.zeros(2)).tolist() == [0, 1, 0, 0, 1]


def test_unions_merge_runs_and_refuse_broken_ones() -> None:
    a, b, c = _square(0, 0), _square(1, 0), _square(5, 5)
    merged = unions(np.array([a, b, c]), [2, 1])
    assert merged[0].equals(box(0, 0, 2, 1)) and merged[1] is c
    with pytest.raises(RuntimeError, match="vanished"):
        unions(np.array([a]), [1, 0])
    with pytest.raises(RuntimeError, match="MultiPolygon"):
        unions(np.array([a, c]), [2])


def test_geojsons_orient_and_round() -> None:
    """Exterior counter-clockwise, hole clockwise (RFC 7946), 6 decimals."""
    ring = [(0, 0), (0, 4.12345678), (4, 4.12345678), (4, 0)]  # clockwise
    hole = [(1, 1), (2, 1), (2, 2), (1, 2)]  # counter-clockwise
    (shape_,) = geojsons(np.array([Polygon(ring, [hole])]))
    assert shape_ == {
        "type": "Polygon",
        "coordinates": [
            [[0.0, 0.0], [4.0, 0.0], [4.0, 4.123457], [0.0, 4.123457], [0.0, 0.0]],
            [[1.0, 1.0], [1.0, 2.0], [2.0, 2.0], [2.0, 1.0], [1.0, 1.0]],
        ],
    }


HEXAGON = Polygon([(2, 0), (1, 1.7), (-1, 1.7), (-2, 0), (-1, -1.7), (1, -1.7)])  # area 10.2
U = Polygon([(0, 0), (5, 0), (5, 4), (4, 4), (4, 2), (1, 2), (1, 4), (0, 4)])  # area 14


def test_with_corners_adds_midpoints_of_the_longest_edges() -> None:
    widened = tiling.with_corners(box(0, 0, 4, 1), 6)  # the two edges of 4 get a midpoint
    assert list(widened.exterior.coords) == [
        (4, 0), (4, 1), (2, 1), (0, 1), (0, 0), (2, 0), (4, 0)
    ]  # fmt: skip
    assert tiling.with_corners(HEXAGON, 5).equals_exact(HEXAGON, 0)  # enough already


def test_wedges_from_the_middle_split_the_area_evenly() -> None:
    """The hexagon's middle is (0, 0): three spokes to every other corner make three rhombi
    of 3.4. The 4 x 1 box's middle is (2, 0.5); each edge sweeps 1, so two spokes to
    opposite corners halve it."""
    parts, made = tiling.wedges(
        np.array([HEXAGON, box(0, 0, 4, 1)]), np.array([3, 2]), np.array([0, 0]), 6
    )
    assert made.tolist() == [3, 2]
    expected = [
        Polygon([(0, 0), (2, 0), (1, 1.7), (-1, 1.7)]),
        Polygon([(0, 0), (-1, 1.7), (-2, 0), (-1, -1.7)]),
        Polygon([(0, 0), (-1, -1.7), (1, -1.7), (2, 0)]),
        Polygon([(2, 0.5), (4, 0), (4, 1), (0, 1)]),
        Polygon([(2, 0.5), (0, 1), (0, 0), (4, 0)]),
    ]
    assert all(p.equals(e) for p, e in zip(parts, expected, strict=True))


def test_wedges_need_a_corner_per_spoke() -> None:
    triangle = Polygon([(0, 0), (3, 0), (0, 3)])
    parts, made = tiling.wedges(np.array([triangle]), np.array([4]), np.array([0]), 6)
    assert made.tolist() == [3] and shapely.area(parts).sum() == pytest.approx(4.5)


def test_micro_split_turns_the_spokes_until_every_wedge_is_valid() -> None:
    """The U's middle, (2.5, 1.571429), lies in its base but cannot see the corner (5, 4)
    across the notch, so the first turns give a wedge that crosses itself; the fifth spokes,
    to (4, 2) and (0, 0), both lie inside, and their wedges tile the U."""
    first, _ = tiling.wedges(np.array([U]), np.array([2]), np.array([0]), 6)
    assert not shapely.is_valid(first).all()
    (parts,) = tiling.micro_split(np.array([U]), np.array([2]), 6)
    hub = (2.5, 1.571429)
    assert parts[0].equals(Polygon([hub, (4, 2), (1, 2), (1, 4), (0, 4), (0, 0)]))
    assert parts[1].equals(Polygon([hub, (0, 0), (5, 0), (5, 4), (4, 4), (4, 2)]))


def test_micro_split_refuses_a_grid_whose_middle_is_outside() -> None:
    thin = Polygon([(0, 0), (5, 0), (5, 4), (4, 4), (4, 1), (1, 1), (1, 4), (0, 4)])
    assert not thin.contains(thin.centroid)  # (2.5, 1.59), in the notch
    with pytest.raises(RuntimeError, match="micro-grids"):
        tiling.micro_split(np.array([thin]), np.array([2]), 6)


def test_micro_grids_add_only_their_middle(county: County) -> None:
    """Micro-grids are cut after the snapping: besides the grid's own corners they have one
    vertex, their shared middle, so no border outside the grid ever changes."""
    for grid in iter_grids(county):
        if grid.micro_grids:
            corners = {tuple(p) for p in grid.boundary["coordinates"][0]}
            added = {tuple(p) for m in grid.micro_grids for p in m.boundary["coordinates"][0]}
            (middle,) = added - corners
            assert shape(grid.boundary).contains(Point(middle))


def test_city_scale_county_tiles() -> None:
    """The sizes of county_sizes(7000), for a 1,000,000-case demo (its time: bench/load.py)."""
    c = generate_county(3, townships=17, villages=442, grids=7000, dedicated_grids=12)
    grids = list(iter_grids(c))
    assert len(grids) == 7000 and len(list(iter_villages(c))) == 442
    _assert_tiles(c.boundary, [g.boundary for g in grids])
    _assert_tiles(c.boundary, [t.boundary for t in c.townships])
