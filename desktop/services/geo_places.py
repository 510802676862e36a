"""The places a boundary import matches against: one level's rows and its parent level's.

Jurisdictions and grids are read into plain records once, so matching a city's 7,000 grids
is dictionary look-ups, not queries. A feature's own properties are read through a few
common field names (Chinese and English, as grid-management systems and DataV export them);
the command line may name others.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.db.models import Grid, Jurisdiction
from desktop.domain.enums import GeoLevel, JurisdictionLevel

JURISDICTION_LEVEL = {
    GeoLevel.COUNTY: JurisdictionLevel.COUNTY,
    GeoLevel.STREET: JurisdictionLevel.TOWNSHIP,
    GeoLevel.COMMUNITY: JurisdictionLevel.VILLAGE,
}
CODE_LENGTH = {"jurisdictions": 12, "grids": 20}
NAME_LENGTH = 64

CODE_KEYS = (
    "code",
    "adcode",
    "编码",
    "代码",
    "区划代码",
    "网格编码",
    "网格代码",
    "gridcode",
    "grid_code",
    "wgbm",
)
NAME_KEYS = ("name", "名称", "网格名称", "gridname", "grid_name", "wgmc")
PARENT_KEYS = ("parent_code", "parent", "上级代码", "上级编码", "社区编码", "所属社区编码", "pcode")
KIND_KEYS = ("kind", "grid_kind", "网格类型")


@dataclass(frozen=True)
class FieldNames:
    """Which property holds the code, the name and the parent's code (None: the usual names)."""

    code: str | None = None
    name: str | None = None
    parent: str | None = None


@dataclass(frozen=True)
class Place:
    id: int
    code: str
    name: str
    parent_id: int | None  # the id in the parent level's table (a village for a grid)
    boundary: str | None
    village_id: int | None = None  # grids only
    kind: str | None = None  # grids only


@dataclass
class PlaceIndex:
    """One level's places by code and by (parent, name); every code of the level's table."""

    places: list[Place]
    table_codes: set[str]
    by_id: dict[int, Place] = field(init=False)
    by_code: dict[str, Place] = field(init=False)
    by_parent_name: dict[tuple[int | None, str], list[Place]] = field(init=False)
    by_name: dict[str, list[Place]] = field(init=False)

    def __post_init__(self) -> None:
        self.by_id = {p.id: p for p in self.places}
        self.by_code = {p.code: p for p in self.places}
        self.by_parent_name, self.by_name = {}, {}
        for p in self.places:
            self.by_parent_name.setdefault((p.parent_id, p.name), []).append(p)
            self.by_name.setdefault(p.name, []).append(p)


def table_of(level: GeoLevel) -> str:
    return "jurisdictions" if level in JURISDICTION_LEVEL else "grids"


def load_level(session: Session, level: GeoLevel) -> PlaceIndex:
    """The places of `level` (for a county: also reads the codes of every other level)."""
    if level in JURISDICTION_LEVEL:
        rows = session.execute(
            select(
                Jurisdiction.id,
                Jurisdiction.code,
                Jurisdiction.name,
                Jurisdiction.parent_id,
                Jurisdiction.boundary,
                Jurisdiction.level,
            )
        ).all()
        wanted = JURISDICTION_LEVEL[level]
        places = [
            Place(r.id, r.code, r.name, r.parent_id, r.boundary) for r in rows if r.level == wanted
        ]
        return PlaceIndex(places, {r.code for r in rows})
    rows = session.execute(
        select(
            Grid.id, Grid.code, Grid.name, Grid.parent_id, Grid.boundary, Grid.village_id, Grid.kind
        )
    ).all()
    micro = level is GeoLevel.MICRO_GRID
    places = [
        Place(
            r.id,
            r.code,
            r.name,
            r.parent_id if micro else r.village_id,
            r.boundary,
            r.village_id,
            r.kind,
        )
        for r in rows
        if (r.parent_id is not None) == micro
    ]
    return PlaceIndex(places, {r.code for r in rows})


def load_parents(session: Session, level: GeoLevel) -> PlaceIndex:
    """The level above: city for a county, county for a street, ..., grid for a micro-grid."""
    above = {
        GeoLevel.COUNTY: None,
        GeoLevel.STREET: GeoLevel.COUNTY,
        GeoLevel.COMMUNITY: GeoLevel.STREET,
        GeoLevel.GRID: GeoLevel.COMMUNITY,
        GeoLevel.MICRO_GRID: GeoLevel.GRID,
    }[level]
    if above is not None:
        return load_level(session, above)
    rows = session.execute(
        select(
            Jurisdiction.id,
            Jurisdiction.code,
            Jurisdiction.name,
            Jurisdiction.parent_id,
            Jurisdiction.boundary,
        ).where(Jurisdiction.level == JurisdictionLevel.CITY)
    ).all()
    return PlaceIndex([Place(r.id, r.code, r.name, r.parent_id, r.boundary) for r in rows], set())


def inferred_parent_codes(level: GeoLevel, code: str) -> list[str]:
    """Parent codes a place's own code implies (GB/T 2260 12-digit codes; grid code prefixes)."""
    if level is GeoLevel.STREET and len(code) == 12 and code.isdigit():
        return [code[:6], code[:6] + "000000"]
    if level is GeoLevel.COMMUNITY and len(code) == 12 and code.isdigit():
        return [code[:9] + "000"]
    if level in (GeoLevel.GRID, GeoLevel.MICRO_GRID):
        return [code[:n] for n in range(len(code) - 1, 0, -1)]  # the longest existing prefix
    return []


def property_text(properties: dict[str, Any], keys: tuple[str, ...], chosen: str | None):
    """The first of `keys` (or the `chosen` name) present in the properties, as trimmed text."""
    lowered = {str(k).strip().lower(): v for k, v in properties.items()}
    for key in (chosen,) if chosen else keys:
        value = lowered.get(key.strip().lower())
        if isinstance(value, dict):  # DataV writes "parent": {"adcode": 150200}
            value = value.get("adcode") or value.get("code")
        if isinstance(value, float) and value.is_integer():
            value = int(value)  # a shapefile's numeric code column
        text = "" if value is None else str(value).strip()
        if text:
            return text
    return None


def properties_text(properties: dict[str, Any], limit: int = 4) -> str:
    """A feature's first few properties, `key=value`, short enough for one line of a report."""
    items = [f"{k}={str(v)[:30]}" for k, v in list(properties.items())[:limit]]
    more = "…" if len(properties) > limit else ""
    return ", ".join(items) + more if items else "—"
