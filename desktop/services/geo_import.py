"""Importing a center's own boundaries: one level (county ... micro-grid) from one file.

`plan_import` reads and checks everything and writes nothing (the admin dialog previews it);
`apply_plan` writes a plan that has no problems. `import_boundaries` does both and is
all-or-nothing: any problem refuses the whole file, listing every problem by feature number
and properties. Features match existing places by code, then by name within their parent;
new ones need a code and a parent (`--parent`, a parent-code property, or their own code's
prefix). The caller owns the transaction.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path

from shapely.geometry import MultiPolygon, Polygon, shape
from sqlalchemy.orm import Session

from desktop.db.models import Grid, Jurisdiction
from desktop.domain.enums import GeoLevel, GridKind, Role
from desktop.domain.principal import Principal
from desktop.errors import GovDeskError
from desktop.services import meta
from desktop.services.geo import GEO_REVISION_KEY
from desktop.services.geo_files import SourceFeature, read_features
from desktop.services.geo_places import (
    CODE_KEYS,
    CODE_LENGTH,
    JURISDICTION_LEVEL,
    KIND_KEYS,
    NAME_KEYS,
    NAME_LENGTH,
    PARENT_KEYS,
    FieldNames,
    Place,
    PlaceIndex,
    inferred_parent_codes,
    load_level,
    load_parents,
    properties_text,
    property_text,
    table_of,
)
from desktop.services.geo_relocate import cases_elsewhere
from desktop.services.geo_relocate import relocate as move_cases
from desktop.services.geo_shapes import (
    SourceCrs,
    checked_shape,
    geometry_text,
    metres_outside,
    same_shape,
)
from desktop.services.meta import clock_for

DEFAULT_TOLERANCE_M = 50.0


@dataclass(frozen=True)
class FeatureNote:
    """A problem (or a repair) of one feature: its number, its properties, what is wrong."""

    number: int
    properties: str
    error: GovDeskError


@dataclass(frozen=True)
class PlaceRef:
    number: int  # the feature's number in the file
    code: str
    name: str


@dataclass(frozen=True)
class _Step:
    ref: PlaceRef
    action: str  # "create", "change" or "keep"
    target: Place | None
    parent: Place | None
    geometry: Polygon | MultiPolygon
    kind: str | None


@dataclass(frozen=True)
class ImportPlan:
    level: GeoLevel
    steps: tuple[_Step, ...]
    problems: tuple[FeatureNote, ...]
    repaired: tuple[FeatureNote, ...]

    def refs(self, action: str) -> tuple[PlaceRef, ...]:
        return tuple(s.ref for s in self.steps if s.action == action)

    def preview(self) -> list[tuple[str, str, str, str]]:
        """(action, code, name, GeoJSON geometry text) of every feature, for a map preview."""
        return [(s.action, s.ref.code, s.ref.name, geometry_text(s.geometry)) for s in self.steps]


@dataclass(frozen=True)
class GeoImportResult:
    level: GeoLevel
    created: tuple[PlaceRef, ...]
    changed: tuple[PlaceRef, ...]
    unchanged: tuple[PlaceRef, ...]
    repaired: tuple[FeatureNote, ...]
    elsewhere: int = 0  # cases whose point now lies in another grid (grid imports)
    moved: tuple[int, ...] = ()  # the cases relocated to it (with --relocate)


class GeoImportRefused(GovDeskError):
    """The file was not imported; `problems` lists every feature that stopped it."""

    def __init__(self, problems: tuple[FeatureNote, ...]) -> None:
        super().__init__("geo.import_refused", count=len(problems))
        self.problems = problems

    def __str__(self) -> str:  # for logs: which features, and why
        return "; ".join(f"#{p.number} {p.error}" for p in self.problems)


def require_admin(principal: Principal) -> None:
    """Only an administrator changes the map of the center (the command line is the machine's
    own operator and needs no account)."""
    if Role.ADMIN not in principal.roles:
        raise GovDeskError("geo.forbidden")


def import_boundaries(
    *,
    session: Session,
    path: Path,
    level: GeoLevel,
    crs: SourceCrs = SourceCrs.WGS84,
    parent_code: str | None = None,
    fields: FieldNames = FieldNames(),  # noqa: B008 (frozen)
    tolerance_m: float = DEFAULT_TOLERANCE_M,
    relocate: bool = False,
    actor_id: int | None = None,
) -> GeoImportResult:
    """Check the whole file, then write it, or raise GeoImportRefused and write nothing.

    After a grid import, cases whose point now lies in another grid are counted, and moved
    there (an event on each) when `relocate` is set.
    """
    plan = plan_import(
        session=session,
        path=path,
        level=level,
        crs=crs,
        parent_code=parent_code,
        fields=fields,
        tolerance_m=tolerance_m,
    )
    return apply_import(session=session, plan=plan, relocate=relocate, actor_id=actor_id)


def apply_import(
    *, session: Session, plan: ImportPlan, relocate: bool = False, actor_id: int | None = None
) -> GeoImportResult:
    """apply_plan, then the cases a grid import leaves in another grid: counted, or moved."""
    result = apply_plan(session=session, plan=plan)
    if plan.level is not GeoLevel.GRID or not (result.created or result.changed):
        return result
    moves = cases_elsewhere(session)
    moved: list[int] = []
    if relocate and moves:
        now = clock_for(session).now()
        moved = move_cases(session=session, moves=moves, now=now, actor_id=actor_id)
    return replace(result, elsewhere=len(moves), moved=tuple(moved))


def plan_import(
    *,
    session: Session,
    path: Path,
    level: GeoLevel,
    crs: SourceCrs = SourceCrs.WGS84,
    parent_code: str | None = None,
    fields: FieldNames = FieldNames(),  # noqa: B008 (frozen)
    tolerance_m: float = DEFAULT_TOLERANCE_M,
) -> ImportPlan:
    """Everything the import would do, and every problem; reads only."""
    features = read_features(path)
    if not features:
        raise GovDeskError("geo.no_features", file=path.name)
    own, parents = load_level(session, level), load_parents(session, level)
    explicit = None
    if parent_code is not None:
        explicit = parents.by_code.get(parent_code.strip())
        if explicit is None:
            raise GovDeskError("geo.unknown_parent", value=parent_code, geo_level=level)
    planner = _Planner(level, crs, own, parents, explicit, fields, tolerance_m)
    for feature in features:
        planner.add(feature)
    return ImportPlan(level, tuple(planner.steps), tuple(planner.problems), tuple(planner.repaired))


class _Planner:
    """Decides create/change/keep for each feature and collects every problem on the way."""

    def __init__(
        self, level, crs, own: PlaceIndex, parents: PlaceIndex, explicit, fields, tolerance_m: float
    ) -> None:
        self.level, self.crs, self.own, self.parents = level, crs, own, parents
        self.explicit, self.fields, self.tolerance_m = explicit, fields, tolerance_m
        self.steps: list[_Step] = []
        self.problems: list[FeatureNote] = []
        self.repaired: list[FeatureNote] = []
        self._seen: dict[object, int] = {}  # target id or new code -> the feature that took it
        self._outers: dict[int, object] = {}

    def add(self, feature: SourceFeature) -> None:
        text = properties_text(feature.properties)
        try:
            step, repaired = self._step(feature)
        except GovDeskError as err:
            self.problems.append(FeatureNote(feature.number, text, err))
            return
        if repaired:
            self.repaired.append(
                FeatureNote(feature.number, text, GovDeskError("geo.repaired", reason=repaired))
            )
        self.steps.append(step)

    def _step(self, feature: SourceFeature) -> tuple[_Step, str | None]:
        props = feature.properties
        code = property_text(props, CODE_KEYS, self.fields.code)
        name = property_text(props, NAME_KEYS, self.fields.name)
        if code and len(code) > CODE_LENGTH[table_of(self.level)]:
            raise GovDeskError(
                "geo.code_too_long", value=code, max=CODE_LENGTH[table_of(self.level)]
            )
        if name and len(name) > NAME_LENGTH:
            raise GovDeskError("geo.name_too_long", value=name[:20], max=NAME_LENGTH)
        checked = checked_shape(feature.geometry, self.crs)
        parent = self._given_parent(props)
        target = self._match(code, name, parent)
        if target is not None and parent is not None and target.parent_id != parent.id:
            raise GovDeskError("geo.parent_differs", code=target.code, name=target.name)
        if target is None and parent is None:
            parent = self._inferred_parent(code)
        if target is None:
            if not code:
                raise GovDeskError("geo.unknown_name", name=name or "—", geo_level=self.level)
            if code in self.own.table_codes:
                raise GovDeskError("geo.code_taken", value=code)
            if parent is None and self.level is not GeoLevel.COUNTY:
                raise GovDeskError("geo.no_parent", value=code, geo_level=self.level)
        parent = parent or self._parent_of(target)
        self._claim(target.id if target else ("new", code), feature.number)
        self._check_inside(checked.geometry, parent)
        ref = PlaceRef(
            feature.number,
            target.code if target else code,
            name or (target.name if target else code),
        )
        if target is None:
            action = "create"
        elif ref.name == target.name and same_shape(target.boundary, checked.geometry):
            action = "keep"
        else:
            action = "change"
        kind = property_text(props, KIND_KEYS, None)
        kind = kind if kind in set(GridKind) else None
        return _Step(ref, action, target, parent, checked.geometry, kind), checked.repaired

    def _given_parent(self, props) -> Place | None:
        """The parent named by --parent or by the feature's parent-code property."""
        if self.explicit is not None:
            return self.explicit
        parent_code = property_text(props, PARENT_KEYS, self.fields.parent)
        if parent_code is None:
            return None
        found = self.parents.by_code.get(parent_code)
        if found is None:
            raise GovDeskError("geo.unknown_parent", value=parent_code, geo_level=self.level)
        return found

    def _inferred_parent(self, code: str | None) -> Place | None:
        for candidate in inferred_parent_codes(self.level, code or ""):
            if candidate in self.parents.by_code:
                return self.parents.by_code[candidate]
        return None

    def _match(self, code: str | None, name: str | None, parent: Place | None) -> Place | None:
        if code and code in self.own.by_code:
            return self.own.by_code[code]
        if not name:
            if not code:
                raise GovDeskError("geo.no_code_or_name")
            return None
        if parent is not None:
            found = self.own.by_parent_name.get((parent.id, name), [])
        else:
            found = self.own.by_name.get(name, [])
        if len(found) > 1:
            raise GovDeskError("geo.ambiguous_name", name=name, count=len(found))
        return found[0] if found else None

    def _parent_of(self, target: Place | None) -> Place | None:
        if target is None or target.parent_id is None:
            return None
        return self.parents.by_id.get(target.parent_id)

    def _claim(self, key: object, number: int) -> None:
        if key in self._seen:
            raise GovDeskError("geo.duplicate_feature", other=self._seen[key])
        self._seen[key] = number

    def _check_inside(self, geometry, parent: Place | None) -> None:
        if parent is None or not parent.boundary:
            return
        outer = self._outers.get(parent.id)
        if outer is None:  # a community holds many grids: parse its boundary once
            outer = self._outers[parent.id] = shape(json.loads(parent.boundary))
        distance = metres_outside(geometry, outer)
        if distance > self.tolerance_m:
            raise GovDeskError(
                "geo.outside_parent",
                parent=parent.name,
                metres=round(distance),
                tolerance=round(self.tolerance_m),
            )


def apply_plan(*, session: Session, plan: ImportPlan) -> GeoImportResult:
    """Write a checked plan (refuses one with problems); the caller commits."""
    if plan.problems:
        raise GeoImportRefused(plan.problems)
    for step in plan.steps:
        if step.action == "create":
            _create(session, plan.level, step)
        elif step.action == "change":
            _change(session, plan.level, step)
    session.flush()
    if plan.refs("create") or plan.refs("change"):
        revision = int(meta.get_value(session, GEO_REVISION_KEY) or 0)
        meta.set_value(session, GEO_REVISION_KEY, str(revision + 1))
    return GeoImportResult(
        plan.level, plan.refs("create"), plan.refs("change"), plan.refs("keep"), plan.repaired
    )


def _grid_columns(step: _Step) -> dict:
    inside = step.geometry.representative_point()  # inside the shape, as the demo's centroids
    return {
        "boundary": geometry_text(step.geometry),
        "centroid_lat": round(inside.y, 7),
        "centroid_lng": round(inside.x, 7),
    }


def _create(session: Session, level: GeoLevel, step: _Step) -> None:
    ref, parent = step.ref, step.parent
    if level in JURISDICTION_LEVEL:
        session.add(
            Jurisdiction(
                code=ref.code,
                name=ref.name,
                level=JURISDICTION_LEVEL[level],
                parent_id=parent.id if parent else None,
                boundary=geometry_text(step.geometry),
            )
        )
        return
    micro = level is GeoLevel.MICRO_GRID
    session.add(
        Grid(
            code=ref.code,
            name=ref.name,
            kind=step.kind or (parent.kind if micro else None) or GridKind.COMMUNITY,
            village_id=parent.village_id if micro else parent.id,
            parent_id=parent.id if micro else None,
            **_grid_columns(step),
        )
    )


def _change(session: Session, level: GeoLevel, step: _Step) -> None:
    model = Jurisdiction if level in JURISDICTION_LEVEL else Grid
    row = session.get(model, step.target.id)
    row.name = step.ref.name
    if model is Jurisdiction:
        row.boundary = geometry_text(step.geometry)
    else:
        for column, value in _grid_columns(step).items():
            setattr(row, column, value)
