"""Map data on both databases: places, grid counts, points, grid panel and point picking.

The county is the square lng 110.0-110.2 x lat 40.0-40.2; 东街道 is its west half, 西街道 its
east half; each street has one village covering it. Grids (lng x lat):
east_grid 110.0-110.1 x 40.0-40.1 (its micro-grid: the west half of it), east_grid2
110.0-110.1 x 40.1-40.2, west_grid 110.1-110.2 x 40.0-40.2; another county's grid lies north.
NOW is 2026-09-01 10:00 China time (02:00 UTC); "today" starts at 2026-09-01 00:00 China time.

| case | grid       | status      | due / warn        | received (China)  | other            |
| e1   | east_grid  | registered  |                   | 09-01 00:30       | at 40.05,110.05  |
| e2   | east_micro | in_progress | past / past (red) | 08-29             | at 40.05,110.02  |
| e3   | east_grid  | dispatched  | later / past (yel)| 08-29             | risk red         |
| e4   | east_grid2 | closed      |                   | 09-01 08:00       | at 40.15,110.05  |
| e5   | east_grid2 | registered  |                   | 08-29             | no point         |
| e6   | east_grid  | in_progress | past (suspended)  | 08-29             | at 40.02,110.08  |
| w1   | west_grid  | registered  |                   | 08-31 23:30       | at 40.10,110.15  |
| w2   | west_grid  | resolved    |                   | 08-29             |                  |
| x1   | other      | registered  |                   | 08-29             | another county   |
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import timedelta

import pytest

from desktop.db.models import GridMember
from desktop.domain.enums import OPEN_STATUSES, DeadlineColour, GridMemberRole, Risk, Role, Status
from desktop.domain.principal import Principal
from desktop.errors import GovDeskError
from desktop.services.case_filters import CaseFilter
from desktop.services.map_data import map_cases, map_data
from desktop.services.map_geojson import (
    feature_collection,
    geometry_json,
    grids_geojson,
    places_geojson,
)
from desktop.services.map_places import grid_detail, pick_place
from tests.db.factories import Factory
from tests.db.world import local, square

NOW = local(2026, 9, 1, 10, 0)
EARLIER = local(2026, 8, 29, 9, 0)


@dataclass
class MapWorld:
    cases: dict[str, int]
    ids: dict[str, int]  # places
    supervisor: Principal
    east_desk: Principal
    west_desk: Principal
    dept_clerk: Principal  # a department user (masked personal data)

    def names(self, ids) -> set[str]:
        back = {v: k for k, v in self.cases.items()}
        return {back[i] for i in ids}


@pytest.fixture
def mw(session_factory) -> MapWorld:
    with session_factory.begin() as s:
        f = Factory(s)
        county, other = f.county("测试县"), f.county("邻县")
        east, west = f.street(county, "东街道"), f.street(county, "西街道")
        far = f.street(other, "远街道")
        ev, wv, fv = (
            f.village(east, "东一社区"),
            f.village(west, "西一社区"),
            f.village(far, "远村"),
        )
        for place, box in [
            (county, (110.0, 40.0, 110.2, 40.2)),
            (east, (110.0, 40.0, 110.1, 40.2)),
            (ev, (110.0, 40.0, 110.1, 40.2)),
            (west, (110.1, 40.0, 110.2, 40.2)),
            (wv, (110.1, 40.0, 110.2, 40.2)),
            (other, (110.0, 40.3, 110.2, 40.5)),
        ]:
            place.boundary = square(*box)
        east_grid, east_grid2 = f.grid(ev, "东一1网格"), f.grid(ev, "东一2网格")
        east_micro = f.grid(ev, "东一1-1微网格", parent=east_grid)
        west_grid, far_grid = f.grid(wv, "西一1网格"), f.grid(fv, "远村1网格")
        for grid, box, population in [
            (east_grid, (110.0, 40.0, 110.1, 40.1), 2000),
            (east_micro, (110.0, 40.0, 110.05, 40.1), 500),
            (east_grid2, (110.0, 40.1, 110.1, 40.2), 0),
            (west_grid, (110.1, 40.0, 110.2, 40.2), 800),
            (far_grid, (110.0, 40.3, 110.2, 40.5), 100),
        ]:
            grid.boundary, grid.population = square(*box), population
        s.add_all(
            [
                GridMember(grid_id=east_grid.id, role=GridMemberRole.POLICE, name="李警官",
                           phone="13800002222"),
                GridMember(grid_id=east_grid.id, role=GridMemberRole.GRID_HEAD, name="张网格",
                           phone="13800001111"),
            ]
        )  # fmt: skip
        s.flush()
        center, other_center = f.center(county, "测试"), f.center(other, "邻县")
        cat = f.category("矛盾纠纷")
        neighbours = f.category("邻里纠纷", parent=cat)
        other_cat = f.category("安全隐患")
        justice = f.department("司法局", county)
        past, later = NOW - timedelta(hours=5), NOW + timedelta(days=3)

        def case(grid, status, received=EARLIER, point=None, on=center, category=cat, **kw):
            lat, lng = point or (None, None)
            return f.case(center=on, category=category, grid=grid, status=status,
                          received_at=received, lat=lat, lng=lng, **kw)  # fmt: skip

        cases = {
            "e1": case(east_grid, Status.REGISTERED, local(2026, 9, 1, 0, 30), (40.05, 110.05)),
            "e2": case(east_micro, Status.IN_PROGRESS, point=(40.05, 110.02),
                       due_at=past, warn_at=past - timedelta(days=1)),
            "e3": case(east_grid, Status.DISPATCHED, point=(40.08, 110.06),
                       due_at=later, warn_at=past, risk=Risk.RED, category=neighbours),
            "e4": case(east_grid2, Status.CLOSED, local(2026, 9, 1, 8, 0), (40.15, 110.05)),
            "e5": case(east_grid2, Status.REGISTERED),
            "e6": case(east_grid, Status.IN_PROGRESS, point=(40.02, 110.08), due_at=past,
                       warn_at=past, suspended_at=NOW - timedelta(days=1)),
            "w1": case(west_grid, Status.REGISTERED, local(2026, 8, 31, 23, 30), (40.10, 110.15),
                       category=other_cat),
            "w2": case(west_grid, Status.RESOLVED, point=(40.12, 110.12)),
            "x1": case(far_grid, Status.REGISTERED, point=(40.4, 110.1), on=other_center),
        }  # fmt: skip
        _, supervisor = f.person("boss", {Role.SUPERVISOR}, county)
        _, east_desk = f.person("edesk", {Role.DESK}, east)
        _, west_desk = f.person("wdesk", {Role.DESK}, west)
        _, clerk = f.person("clerk", {Role.DEPARTMENT}, county, justice)
        places = dict(county=county, east=east, west=west, ev=ev, wv=wv, other=other,
                      east_grid=east_grid, east_grid2=east_grid2, east_micro=east_micro,
                      west_grid=west_grid, far_grid=far_grid)  # fmt: skip
        ids = {k: v.id for k, v in places.items()}
        ids.update(cat=cat.id, neighbours=neighbours.id, other_cat=other_cat.id)
        return MapWorld(
            {k: c.id for k, c in cases.items()}, ids, supervisor, east_desk, west_desk, clerk
        )


EVERYTHING = CaseFilter()


def _data(session_factory, principal, flt=EVERYTHING):
    with session_factory() as s:
        return map_data(session=s, principal=principal, filter=flt, now=NOW)


def _counts(data) -> dict[int, tuple[int, int, int]]:
    return {g.id: (g.open, g.overdue, g.today) for g in data.grids}


def test_supervisor_sees_the_county_with_counts_per_grid(mw, session_factory):
    data = _data(session_factory, mw.supervisor)
    ids = mw.ids
    # By code: the factory numbers places in the order it made them.
    assert [p.id for p in data.places] == [ids[k] for k in ("county", "east", "west", "ev", "wv")]
    assert [p.level for p in data.places] == [
        "county",
        "township",
        "township",
        "village",
        "village",
    ]
    # Open: e1, e2 (its micro-grid), e3, e6 | e5 | w1. Overdue: e2 only (e6's clock is stopped).
    # Today: e1 (00:30 China time) | e4 (closed, still received today) | not w1 (23:30 the day
    # before, though the same UTC date as e1).
    assert _counts(data) == {
        ids["east_grid"]: (4, 1, 1),
        ids["east_grid2"]: (1, 0, 1),
        ids["west_grid"]: (1, 0, 0),
    }
    assert [g.id for g in data.micro_grids] == [ids["east_micro"]]
    assert data.micro_grids[0].grid_id == ids["east_grid"]
    assert {g.id: g.population for g in data.grids}[ids["east_grid"]] == 2000


def test_points_are_the_open_cases_with_a_place(mw, session_factory):
    inc = _data(session_factory, mw.supervisor).incidents
    assert mw.names(inc.ids) == {"e1", "e2", "e3", "e6", "w1"}  # e5 has no point
    by_name = {name: i for i, name in enumerate(mw.names([c]).pop() for c in inc.ids)}
    colour = {name: inc.colours[i] for name, i in by_name.items()}
    assert colour == {"e1": None, "e2": "red", "e3": "yellow", "e6": None, "w1": None}
    assert inc.risks[by_name["e3"]] == "red"
    grid = {name: inc.grids[i] for name, i in by_name.items()}
    east, west = mw.ids["east_grid"], mw.ids["west_grid"]
    assert grid == {"e1": east, "e2": east, "e3": east, "e6": east, "w1": west}  # e2: micro
    i = by_name["e2"]
    assert (inc.lats[i], inc.lngs[i]) == (40.05, 110.02)
    assert not inc.truncated


def test_street_user_map_holds_only_their_street(mw, session_factory):
    data = _data(session_factory, mw.east_desk)
    ids = mw.ids
    assert {p.id for p in data.places} == {ids["east"], ids["ev"]}
    assert {g.id for g in data.grids} == {ids["east_grid"], ids["east_grid2"]}
    assert {g.id for g in data.micro_grids} == {ids["east_micro"]}
    assert mw.names(data.incidents.ids) == {"e1", "e2", "e3", "e6"}
    west = _data(session_factory, mw.west_desk)
    assert {p.id for p in west.places} == {ids["west"], ids["wv"]}
    assert _counts(west) == {ids["west_grid"]: (1, 0, 0)}
    assert mw.names(west.incidents.ids) == {"w1"}


def test_filters_narrow_counts_and_points(mw, session_factory):
    ids = mw.ids
    red = _data(session_factory, mw.supervisor, CaseFilter(risks={Risk.RED}))
    assert _counts(red) == {ids["east_grid"]: (1, 0, 0), ids["east_grid2"]: (0, 0, 0),
                            ids["west_grid"]: (0, 0, 0)}  # fmt: skip
    assert mw.names(red.incidents.ids) == {"e3"}
    overdue = _data(session_factory, mw.supervisor, CaseFilter(deadline_colour=DeadlineColour.RED))
    assert mw.names(overdue.incidents.ids) == {"e2"}
    # A top-level category holds its children (e3 is 邻里纠纷 under 矛盾纠纷); w1 is 安全隐患.
    for category, names, counts in [
        ("cat", {"e1", "e2", "e3", "e6"}, {"east_grid": (4, 1, 1), "east_grid2": (1, 0, 0)}),
        ("neighbours", {"e3"}, {"east_grid": (1, 0, 0)}),
        ("other_cat", {"w1"}, {"west_grid": (1, 0, 0)}),
    ]:
        flt = CaseFilter(statuses=OPEN_STATUSES, category_ids={ids[category]})
        data = _data(session_factory, mw.supervisor, flt)
        assert mw.names(data.incidents.ids) == names
        assert {g: c for g, c in _counts(data).items() if c != (0, 0, 0)} == {
            ids[k]: v for k, v in counts.items()
        }
    # Statuses beyond the open ones: the points are those cases (the newest first).
    done = _data(session_factory, mw.supervisor, CaseFilter(statuses={Status.CLOSED,
                                                                      Status.RESOLVED}))  # fmt: skip
    assert mw.names(done.incidents.ids) == {"e4", "w2"}
    assert _counts(done)[ids["east_grid2"]] == (0, 0, 1)  # e4 received today, not open


def test_a_filter_change_reads_counts_and_points_without_the_shapes(mw, session_factory):
    ids = mw.ids
    with session_factory() as s:
        east = map_cases(
            session=s,
            principal=mw.east_desk,
            now=NOW,
            filter=CaseFilter(statuses=OPEN_STATUSES, category_ids={ids["cat"]}),
        )
        done = map_cases(session=s, principal=mw.supervisor, now=NOW,
                         filter=CaseFilter(statuses={Status.CLOSED, Status.RESOLVED}))  # fmt: skip
    # The east street's open 矛盾纠纷 cases: e1, e2 (micro-grid), e3 (a child category), e6 in
    # east_grid; e5 (no point: counted, not shown) in east_grid2. Overdue e2; today e1.
    assert east.counts == {ids["east_grid"]: (4, 1, 1), ids["east_grid2"]: (1, 0, 0)}
    assert east.populations == {ids["east_grid"]: 2000, ids["east_grid2"]: 0}  # no micro-grid
    assert mw.names(east.incidents.ids) == {"e1", "e2", "e3", "e6"}
    # Closed and resolved: nothing open; e4 was received today; grids with no count are left out.
    assert done.counts == {ids["east_grid2"]: (0, 0, 1)}
    assert mw.names(done.incidents.ids) == {"e4", "w2"}
    assert set(done.populations) == {ids["east_grid"], ids["east_grid2"], ids["west_grid"]}


def test_geojson_text_is_valid_and_carries_the_counts(mw, session_factory):
    data = _data(session_factory, mw.supervisor)
    grids = feature_collection(grids_geojson(data.grids))
    assert grids["type"] == "FeatureCollection"
    east = next(f for f in grids["features"] if f["properties"]["id"] == mw.ids["east_grid"])
    assert east["geometry"] == json.loads(square(110.0, 40.0, 110.1, 40.1))
    assert east["properties"] | {"label": None} == {
        "id": mw.ids["east_grid"], "code": east["properties"]["code"], "name": "东一1网格",
        "kind": "community", "village_id": mw.ids["ev"], "grid_id": None, "population": 2000,
        "open": 4, "overdue": 1, "today": 1, "label": None,
    }  # fmt: skip
    lat, lng = east["properties"]["label"]  # a point inside the square
    assert 40.0 < lat < 40.1 and 110.0 < lng < 110.1
    places = feature_collection(places_geojson(data.places))
    assert [f["properties"]["name"] for f in places["features"]] == [
        "测试县", "东街道", "西街道", "东一社区", "西一社区",
    ]  # fmt: skip


def test_geojson_text_holds_no_markup():
    hostile = '{"type": "Polygon", "coordinates": [], "x": "</script><img src=x>"}'
    text = geometry_json(hostile)
    assert "<" not in text and json.loads(text)["x"] == "</script><img src=x>"
    assert geometry_json("alert(1)") == "null"
    assert geometry_json(None) == "null"


def test_grid_panel_counts_by_status_and_masks_phones_by_role(mw, session_factory):
    with session_factory() as s:
        detail = grid_detail(session=s, principal=mw.supervisor, grid_id=mw.ids["east_grid"],
                             now=NOW)  # fmt: skip
        masked = grid_detail(session=s, principal=mw.dept_clerk, grid_id=mw.ids["east_grid"],
                             now=NOW)  # fmt: skip
    assert (detail.name, detail.village_name, detail.street_name) == ("东一1网格", "东一社区",
                                                                      "东街道")  # fmt: skip
    assert detail.counts == {Status.REGISTERED: 1, Status.IN_PROGRESS: 2, Status.DISPATCHED: 1}
    assert (detail.overdue, detail.micro_grids, detail.population) == (1, 1, 2000)
    assert [(p.role, p.name, p.phone) for p in detail.people] == [
        (GridMemberRole.GRID_HEAD, "张网格", "13800001111"),
        (GridMemberRole.POLICE, "李警官", "13800002222"),
    ]
    assert [p.phone for p in masked.people] == ["138****1111", "138****2222"]
    assert masked.counts == detail.counts  # placed in the county, so the clerk sees them


def test_grid_panel_refuses_a_grid_outside_the_jurisdiction(mw, session_factory):
    with session_factory() as s:
        for grid in ("east_grid", "far_grid", "east_micro"):
            with pytest.raises(GovDeskError) as err:
                grid_detail(session=s, principal=mw.west_desk, grid_id=mw.ids[grid], now=NOW)
            assert err.value.code == "map.grid_not_found"


def test_picking_a_point_finds_its_grid_and_refuses_outside_points(mw, session_factory):
    with session_factory() as s:
        picked = pick_place(session=s, principal=mw.east_desk, lat=40.05, lng=110.02)
        assert (picked.grid_id, picked.grid_name) == (mw.ids["east_grid"], "东一1网格")
        assert (picked.village_name, picked.street_name) == ("东一社区", "东街道")
        assert (
            pick_place(session=s, principal=mw.supervisor, lat=40.15, lng=110.05).grid_id
            == (mw.ids["east_grid2"])
        )
        for who, lat, lng in [
            (mw.east_desk, 40.05, 110.15),  # the west street
            (mw.supervisor, 40.4, 110.1),  # another county
            (mw.supervisor, 95.0, 110.1),  # not on earth
        ]:
            with pytest.raises(GovDeskError) as err:
                pick_place(session=s, principal=who, lat=lat, lng=lng)
            assert err.value.code == "location.outside_jurisdiction"
