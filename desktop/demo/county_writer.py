"""Rows for the demo county's jurisdiction tree, grids, micro-grids and grid people.

Pure: takes the County from desktop.demo.geography, returns rows (tuples in the column
order given) and the facts about each grid the case simulation needs. Ids are assigned
here, in tree order, so the same county always gets the same ids.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from desktop.demo import people
from desktop.demo.geography import County
from desktop.demo.plan import GridInfo
from desktop.domain.enums import GridKind, GridMemberRole, JurisdictionLevel

JURISDICTION_COLUMNS = ("id", "code", "name", "level", "parent_id", "boundary")
GRID_COLUMNS = (
    "id", "code", "name", "kind", "village_id", "parent_id", "boundary", "centroid_lat",
    "centroid_lng", "households", "population",
)  # fmt: skip
MEMBER_COLUMNS = ("id", "grid_id", "role", "name", "phone")
# Grid people's ages are shown nowhere; a fixed day keeps their rows independent of --today.
_TODAY_FOR_AGES = date(2025, 1, 1)


@dataclass(frozen=True)
class GridPlace:
    """A (top-level) grid as the case simulation sees it."""

    info: GridInfo
    village_id: int
    township_id: int
    boundary: dict
    address_prefix: str  # 城关街道幸福社区 / 榆树沟镇东风村 / 第一中学
    buildings: tuple[str, ...]  # micro-grid building names (urban grids), else ()


@dataclass
class CountyRows:
    county_id: int
    township_ids: list[int]
    township_names: list[str]
    jurisdictions: list[tuple] = field(default_factory=list)
    grids: list[tuple] = field(default_factory=list)
    members: list[tuple] = field(default_factory=list)
    places: list[GridPlace] = field(default_factory=list)


def _dump(geometry: dict) -> str:
    return json.dumps(geometry, separators=(",", ":"))


def county_rows(county: County, rng: np.random.Generator) -> CountyRows:
    """Every row of the county, its grids and grid people; ids from 1 in tree order."""
    rows = CountyRows(county_id=1, township_ids=[], township_names=[])
    jid = 1
    rows.jurisdictions.append(
        (jid, county.code.ljust(12, "0"), county.name, str(JurisdictionLevel.COUNTY), None,
         _dump(county.boundary))
    )  # fmt: skip
    grid_id = 0
    for ti, township in enumerate(county.townships):
        jid += 1
        town_id = jid
        rows.township_ids.append(town_id)
        rows.township_names.append(township.name)
        rows.jurisdictions.append(
            (town_id, township.code, township.name, str(JurisdictionLevel.TOWNSHIP), 1,
             _dump(township.boundary))
        )  # fmt: skip
        for village in township.villages:
            jid += 1
            rows.jurisdictions.append(
                (jid, village.code, village.name, str(JurisdictionLevel.VILLAGE), town_id,
                 _dump(village.boundary))
            )  # fmt: skip
            for grid in village.grids:
                grid_id += 1
                top_id = grid_id
                rows.grids.append(
                    (top_id, grid.code, grid.name, str(grid.kind), jid, None,
                     _dump(grid.boundary), grid.centroid[0], grid.centroid[1],
                     grid.households, grid.population)
                )  # fmt: skip
                per_household = grid.population / max(grid.households, 1)
                for micro in grid.micro_grids:
                    grid_id += 1
                    rows.grids.append(
                        (grid_id, micro.code, micro.name, str(grid.kind), jid, top_id,
                         _dump(micro.boundary), micro.centroid[0], micro.centroid[1],
                         micro.households, round(micro.households * per_household))
                    )  # fmt: skip
                if grid.kind == GridKind.DEDICATED:
                    prefix = f"{township.name}{grid.name.removesuffix('专属网格')}"
                else:
                    prefix = f"{township.name}{village.name}"
                buildings = tuple(m.name.removesuffix("微网格") for m in grid.micro_grids)
                info = GridInfo(top_id, grid.kind, grid.population, ti)
                rows.places.append(GridPlace(info, jid, town_id, grid.boundary, prefix, buildings))
    rows.members = _members(rows.places, rng)
    return rows


def _members(places: list[GridPlace], rng: np.random.Generator) -> list[tuple]:
    """网格长, 专职/兼职网格员, 楼栋长 (one per building) and the 社区民警 of each grid."""
    roles: list[tuple[int, str]] = []
    for place in places:
        gid, kind = place.info.id, place.info.kind
        roles.append((gid, GridMemberRole.GRID_HEAD))
        fulltime = 2 if kind == GridKind.COMMUNITY and rng.random() < 0.4 else 1
        roles += [(gid, GridMemberRole.FULLTIME)] * fulltime
        roles += [(gid, GridMemberRole.PARTTIME)] * int(rng.integers(1, 4))
        roles += [(gid, GridMemberRole.BUILDING_HEAD)] * len(place.buildings)
        roles.append((gid, GridMemberRole.POLICE))
    crowd = people.make_people(rng, len(roles), today=_TODAY_FOR_AGES)
    return [
        (i + 1, gid, str(role), crowd.names[i], crowd.phones[i])
        for i, (gid, role) in enumerate(roles)
    ]
