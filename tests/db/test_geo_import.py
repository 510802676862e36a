"""`govdesk geo import` on small files written by the tests, on SQLite and PostgreSQL.

The places (lng x lat): county 云泽旗 159901 with no boundary; street 东城街道 159901001000
110.0-110.1 x 40.0-40.2; its community 幸福社区 159901001001 the same rectangle; grids
159901001001001 (110.0-110.1 x 40.0-40.1) and 159901001001002 (110.0-110.1 x 40.1-40.2).
At latitude 40.05 a degree of longitude is 111,320 m x cos(40.05°) = 85,213 m, so 200 m east
is 0.002347°.
"""

from __future__ import annotations

import json
import math
import zipfile
from pathlib import Path

import pytest
import shapefile
from shapely.geometry import shape
from sqlalchemy import func, select

from desktop.cli import main
from desktop.db.models import AuditEntry, Grid, Jurisdiction
from desktop.domain.enums import GeoLevel
from desktop.errors import GovDeskError
from desktop.services.geo import locate_grid
from desktop.services.geo_import import GeoImportRefused, import_boundaries
from desktop.services.geo_shapes import SourceCrs
from tests.db.world import square

DEG_200_M = 200 / 85_213
DEG_30_M = 30 / 85_213


def ring(west, south, east, north):
    return [[[west, south], [east, south], [east, north], [west, north], [west, south]]]


def feature(coordinates, geometry_type="Polygon", **properties):
    return {
        "type": "Feature",
        "properties": properties,
        "geometry": {"type": geometry_type, "coordinates": coordinates},
    }


def write_geojson(path: Path, *features) -> Path:
    path.write_text(
        json.dumps({"type": "FeatureCollection", "features": list(features)}, ensure_ascii=False),
        encoding="utf-8",
    )
    return path


@pytest.fixture
def places(session_factory):
    with session_factory.begin() as s:
        county = Jurisdiction(code="159901", name="云泽旗", level="county")
        s.add(county)
        s.flush()
        street = Jurisdiction(
            code="159901001000",
            name="东城街道",
            level="township",
            parent_id=county.id,
            boundary=square(110.0, 40.0, 110.1, 40.2),
        )
        s.add(street)
        s.flush()
        village = Jurisdiction(
            code="159901001001",
            name="幸福社区",
            level="village",
            parent_id=street.id,
            boundary=square(110.0, 40.0, 110.1, 40.2),
        )
        s.add(village)
        s.flush()
        for n, south in ((1, 40.0), (2, 40.1)):
            s.add(
                Grid(
                    code=f"15990100100100{n}",
                    name=f"幸福社区第{n}网格",
                    kind="community",
                    village_id=village.id,
                    boundary=square(110.0, south, 110.1, south + 0.1),
                )
            )
        return {"county": county.id, "street": street.id, "village": village.id}


def counts(session_factory) -> tuple[int, int, str | None]:
    with session_factory() as s:
        grids = s.scalar(select(func.count()).select_from(Grid))
        places = s.scalar(select(func.count()).select_from(Jurisdiction))
        first = s.scalar(select(Grid.boundary).where(Grid.code == "159901001001001"))
    return grids, places, first


def run(session_factory, path, level, **options):
    with session_factory.begin() as s:
        return import_boundaries(session=s, path=path, level=level, **options)


def test_geojson_grids_are_created_changed_and_left_alone(session_factory, places, tmp_path):
    path = write_geojson(
        tmp_path / "grids.geojson",
        # grid 1 shrinks to its west half; grid 2 (matched by name, no code) stays as it was;
        # a new grid fills the east half of grid 1, under the community named by parent_code.
        feature(ring(110.0, 40.0, 110.05, 40.1), code="159901001001001", name="幸福社区第1网格"),
        feature(ring(110.0, 40.1, 110.1, 40.2), 名称="幸福社区第2网格", parent_code="159901001001"),
        feature(
            ring(110.05, 40.0, 110.1, 40.1),
            code="159901001001003",
            name="幸福社区第3网格",
            parent_code="159901001001",
            kind="dedicated",
        ),
    )
    with session_factory() as s:  # the locator's index is built before the import
        assert locate_grid(s, 40.05, 110.08) == s.scalar(
            select(Grid.id).where(Grid.code == "159901001001001")
        )
    result = run(session_factory, path, GeoLevel.GRID)
    assert [r.code for r in result.created] == ["159901001001003"]
    assert [(r.number, r.code) for r in result.changed] == [(1, "159901001001001")]
    assert [(r.number, r.name) for r in result.unchanged] == [(2, "幸福社区第2网格")]
    assert result.repaired == ()
    with session_factory() as s:
        new = s.scalars(select(Grid).where(Grid.code == "159901001001003")).one()
        assert (new.name, new.kind, new.village_id, new.parent_id) == (
            "幸福社区第3网格",
            "dedicated",
            places["village"],
            None,
        )
        # A rectangle's representative point is its middle.
        assert (new.centroid_lat, new.centroid_lng) == pytest.approx((40.05, 110.075))
        stored = json.loads(new.boundary)
        assert stored["type"] == "Polygon" and len(stored["coordinates"]) == 1
        outline = stored["coordinates"][0]  # counter-clockwise (RFC 7946), from any corner
        start = outline.index([110.05, 40.0])
        assert outline[start:-1] + outline[:start] == ring(110.05, 40.0, 110.1, 40.1)[0][:4]
        old = s.scalars(select(Grid).where(Grid.code == "159901001001001")).one()
        assert shape(json.loads(old.boundary)).bounds == (110.0, 40.0, 110.05, 40.1)
        # A new case at 110.08 now lies in the new grid, though the grid count alone went up
        # by one and the old index was cached: the import's revision rebuilt it.
        assert locate_grid(s, 40.05, 110.08) == new.id
        assert locate_grid(s, 40.05, 110.02) == old.id


def test_gcj02_points_match_published_wgs84_pairs(session_factory, places, tmp_path):
    # (GCJ-02, WGS-84) as (lat, lng): eviltransform's test pairs for Shenzhen, Shanghai and
    # Beijing, and an AMap API conversion of a point in Beijing (geoChina's tests).
    pairs = [
        ((22.540796131694766, 113.9171764808363), (22.543847, 113.912316)),
        ((31.17530398364597, 121.531541859215), (31.1774276, 121.5272106)),
        ((39.90874539, 116.39713623), (39.90734, 116.39089)),
        ((39.91334545536069, 116.38404722455657), (39.911954, 116.377817)),
    ]
    outline = [[lng, lat] for (lat, lng), _ in pairs]
    path = write_geojson(
        tmp_path / "gcj.geojson", feature([outline + outline[:1]], code="990000", name="参考县")
    )
    result = run(session_factory, path, GeoLevel.COUNTY, crs=SourceCrs.GCJ02)
    assert [r.code for r in result.created] == ["990000"] and result.repaired == ()
    with session_factory() as s:
        stored = json.loads(
            s.scalar(select(Jurisdiction.boundary).where(Jurisdiction.code == "990000"))
        )["coordinates"][0]
    assert len(stored) == 5
    for lng, lat in stored[:4]:
        wgs_lat, wgs_lng = min(
            (w for _, w in pairs), key=lambda w: abs(w[0] - lat) + abs(w[1] - lng)
        )
        metres = math.hypot(
            (lat - wgs_lat) * 110_574, (lng - wgs_lng) * 111_320 * math.cos(math.radians(lat))
        )
        assert metres < 1.0


def write_shapefile_zip(tmp_path: Path, prj: str, rows) -> Path:
    base = tmp_path / "communities"
    with shapefile.Writer(str(base), shapeType=shapefile.POLYGON, encoding="utf-8") as w:
        w.field("CODE", "C", 12)
        w.field("NAME", "C", 40)
        for code, name, rings in rows:
            w.poly(rings)
            w.record(code, name)
    base.with_suffix(".prj").write_text(prj)
    base.with_suffix(".cpg").write_text("UTF-8")
    target = tmp_path / "communities.zip"
    with zipfile.ZipFile(target, "w") as z:
        for ext in (".shp", ".shx", ".dbf", ".prj", ".cpg"):
            z.write(base.with_suffix(ext), f"社区/communities{ext}")
    return target


WGS84_PRJ = (
    'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,'
    '298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]'
)
GK_PRJ = (
    'PROJCS["CGCS2000_3_Degree_GK_CM_111E",GEOGCS["GCS_China_Geodetic_Coordinate_System_'
    '2000"],PROJECTION["Gauss_Kruger"],UNIT["Meter",1.0]]'
)


def test_zipped_shapefile_creates_communities_under_the_named_street(
    session_factory, places, tmp_path
):
    # pyshp wants outer rings clockwise; this is the north half of the street, as 2 communities.
    west = [[110.0, 40.1], [110.0, 40.2], [110.05, 40.2], [110.05, 40.1], [110.0, 40.1]]
    east = [[110.05, 40.1], [110.05, 40.2], [110.1, 40.2], [110.1, 40.1], [110.05, 40.1]]
    path = write_shapefile_zip(
        tmp_path,
        WGS84_PRJ,
        [("159901001002", "和平社区", [west]), ("159901001003", "团结社区", [east])],
    )
    result = run(session_factory, path, GeoLevel.COMMUNITY, parent_code="159901001000")
    assert [(r.code, r.name) for r in result.created] == [
        ("159901001002", "和平社区"),
        ("159901001003", "团结社区"),
    ]
    with session_factory() as s:
        rows = s.execute(
            select(
                Jurisdiction.name, Jurisdiction.level, Jurisdiction.parent_id, Jurisdiction.boundary
            ).where(Jurisdiction.code == "159901001003")
        ).one()
    assert rows[:3] == ("团结社区", "village", places["street"])
    assert shape(json.loads(rows.boundary)).bounds == (110.05, 40.1, 110.1, 40.2)


def test_self_intersecting_polygon_is_repaired_and_reported(session_factory, places, tmp_path):
    bow_tie = [[[110.0, 40.0], [110.1, 40.1], [110.1, 40.0], [110.0, 40.1], [110.0, 40.0]]]
    path = write_geojson(
        tmp_path / "bow.geojson", feature(bow_tie, code="159901001001001", name="幸福社区第1网格")
    )
    result = run(session_factory, path, GeoLevel.GRID)
    assert [r.code for r in result.changed] == ["159901001001001"]
    (note,) = result.repaired
    assert note.number == 1 and "code=159901001001001" in note.properties
    assert note.error.code == "geo.repaired" and "Self-intersection" in note.error.params["reason"]
    with session_factory() as s:
        stored = shape(
            json.loads(s.scalar(select(Grid.boundary).where(Grid.code == "159901001001001")))
        )
    # Two triangles meeting at (110.05, 40.05), each 0.1 x 0.05 / 2 square degrees.
    assert stored.geom_type == "MultiPolygon" and stored.is_valid
    assert stored.area == pytest.approx(0.005)


def refused(session_factory, path, level, **options) -> list[tuple[int, str, dict]]:
    before = counts(session_factory)
    with pytest.raises(GeoImportRefused) as caught:
        run(session_factory, path, level, **options)
    assert counts(session_factory) == before  # nothing written
    return [(p.number, p.error.code, p.error.params) for p in caught.value.problems]


def test_grid_200_m_outside_its_community_is_refused_30_m_is_not(session_factory, places, tmp_path):
    path = write_geojson(
        tmp_path / "outside.geojson",
        feature(
            ring(110.0, 40.0, 110.05, 40.1),
            code="159901001001004",
            name="好网格",
            parent_code="159901001001",
        ),
        feature(
            ring(110.05, 40.0, 110.1 + DEG_200_M, 40.1),
            code="159901001001005",
            name="越界网格",
            parent_code="159901001001",
        ),
    )
    ((number, code, params),) = refused(session_factory, path, GeoLevel.GRID)
    assert (number, code, params["parent"], params["tolerance"]) == (
        2,
        "geo.outside_parent",
        "幸福社区",
        50,
    )
    assert 198 <= params["metres"] <= 202
    inside = write_geojson(
        tmp_path / "inside.geojson",
        feature(
            ring(110.05, 40.0, 110.1 + DEG_30_M, 40.1),
            code="159901001001005",
            parent_code="159901001001",
        ),
    )
    assert [r.code for r in run(session_factory, inside, GeoLevel.GRID).created] == [
        "159901001001005"
    ]


def test_every_problem_is_listed_and_nothing_is_written(session_factory, places, tmp_path):
    path = write_geojson(
        tmp_path / "bad.geojson",
        feature(
            ring(110.0, 40.0, 110.05, 40.1),
            code="159901001001006",
            name="本可新建",
            parent_code="159901001001",
        ),
        feature(ring(110.0, 40.0, 110.05, 40.1), name="无此网格"),  # no code, unknown name
        feature([[110.0, 40.0], [110.1, 40.1]], geometry_type="LineString", code="159901001001007"),
        feature(ring(500000.0, 4400000.0, 501000.0, 4401000.0), code="159901001001008"),
        feature(ring(110.0, 40.0, 110.05, 40.1), code="X0009", name="无上级"),
        feature(
            ring(110.0, 40.0, 110.05, 40.1), code="159901001001006", parent_code="159901001001"
        ),
    )
    problems = refused(session_factory, path, GeoLevel.GRID)
    assert [(n, c) for n, c, _ in problems] == [
        (2, "geo.unknown_name"),
        (3, "geo.not_polygon"),
        (4, "geo.projected"),
        (5, "geo.no_parent"),
        (6, "geo.duplicate_feature"),
    ]
    assert problems[2][2] == {"x": 500000, "y": 4400000}
    assert problems[4][2] == {"other": 1}


def test_projected_shapefile_is_refused_by_its_prj(session_factory, places, tmp_path):
    path = write_shapefile_zip(
        tmp_path, GK_PRJ, [("159901001002", "和平社区", [[[0, 0], [0, 1], [1, 1], [1, 0], [0, 0]]])]
    )
    with pytest.raises(GovDeskError) as caught:
        run(session_factory, path, GeoLevel.COMMUNITY, parent_code="159901001000")
    assert caught.value.code == "geo.projected_crs"
    assert caught.value.params["crs"] == "CGCS2000_3_Degree_GK_CM_111E"


def test_command_line_prints_the_summary_or_every_problem(
    db_url, session_factory, places, tmp_path, capsys
):
    good = write_geojson(
        tmp_path / "street.geojson",
        feature(ring(110.0, 40.0, 110.1, 40.2), code="159901001000", name="东城街道"),
        feature(ring(110.1, 40.0, 110.2, 40.2), code="159901002000", name="西城街道"),
    )
    assert main(["--db", db_url, "geo", "import", str(good), "--level", "street"]) == 0
    out = capsys.readouterr().out
    assert "新建 159901002000 西城街道" in out
    assert "已导入苏木/乡/镇/街道 2 个: 新建 1, 修改 0, 未变 1, 修复 0" in out
    with session_factory() as s:
        west = s.scalars(select(Jurisdiction).where(Jurisdiction.code == "159901002000")).one()
        assert west.parent_id == places["county"]  # from the code's first six digits
        assert s.scalars(select(AuditEntry.action)).all() == ["geo.import"]
    bad = write_geojson(
        tmp_path / "bad.geojson", feature(ring(110.0, 40.0, 110.1, 40.2), name="北城街道")
    )
    assert main(["--db", db_url, "geo", "import", str(bad), "--level", "street"]) == 2
    err = capsys.readouterr().err
    assert "第 1 个要素 (name=北城街道): 没有编码，且找不到名为“北城街道”的苏木/乡/镇/街道" in err
    assert "文件未导入：有 1 个要素存在问题，数据库未作任何修改" in err


@pytest.mark.parametrize("move", [False, True], ids=["count", "relocate"])
def test_cases_whose_points_changed_grid_are_counted_or_moved(
    session_factory, places, tmp_path, move
):
    from desktop.db.models import Case, CaseEvent
    from tests.db.factories import Factory

    with session_factory.begin() as s:
        f = Factory(s)
        county = s.get(Jurisdiction, places["county"])
        center, category = f.center(county), f.category("矛盾纠纷")
        grid1, grid2 = (
            s.scalars(select(Grid).where(Grid.code == c)).one()
            for c in ("159901001001001", "159901001001002")
        )
        ids = {
            name: f.case(center=center, category=category, grid=grid, lat=lat, lng=lng).id
            for name, grid, lat, lng in (
                ("east_half", grid1, 40.05, 110.08),  # falls in the new grid
                ("west_half", grid1, 40.05, 110.02),
                ("north", grid2, 40.15, 110.05),
                ("no_point", grid1, None, None),
            )
        }
    path = write_geojson(
        tmp_path / "split.geojson",
        feature(ring(110.0, 40.0, 110.05, 40.1), code="159901001001001"),
        feature(ring(110.05, 40.0, 110.1, 40.1), code="159901001001003", name="幸福社区第3网格"),
    )
    result = run(session_factory, path, GeoLevel.GRID, relocate=move)
    assert result.elsewhere == 1
    with session_factory() as s:
        new_id = s.scalar(select(Grid.id).where(Grid.code == "159901001001003"))
        grids = dict(s.execute(select(Case.id, Case.grid_id)).all())
        events = s.execute(select(CaseEvent.case_id, CaseEvent.kind, CaseEvent.data)).all()
    if move:
        assert result.moved == (ids["east_half"],)
        assert grids[ids["east_half"]] == new_id
        assert [(e.case_id, e.kind, json.loads(e.data)) for e in events] == [
            (ids["east_half"], "edit",
             {"field": "grid", "from": "幸福社区第1网格", "to": "幸福社区第3网格", "by": "geo.import"}),
        ]  # fmt: skip
    else:
        assert result.moved == () and events == []
        assert grids[ids["east_half"]] == grid1.id
    assert grids[ids["west_half"]] == grid1.id and grids[ids["no_point"]] == grid1.id
    assert grids[ids["north"]] == grid2.id


def test_micro_grids_go_under_the_grid_their_code_starts_with(session_factory, places, tmp_path):
    path = write_geojson(
        tmp_path / "micro.geojson",
        feature(ring(110.0, 40.0, 110.05, 40.1), code="15990100100100101", name="1号楼"),
        feature(ring(110.05, 40.0, 110.1, 40.1), code="15990100100100102", name="2号楼"),
    )
    result = run(session_factory, path, GeoLevel.MICRO_GRID)
    assert [r.name for r in result.created] == ["1号楼", "2号楼"]
    with session_factory() as s:
        grid = s.scalars(select(Grid).where(Grid.code == "159901001001001")).one()
        rows = s.execute(
            select(Grid.parent_id, Grid.village_id, Grid.kind).where(Grid.parent_id.is_not(None))
        ).all()
    assert rows == [(grid.id, places["village"], "community")] * 2
