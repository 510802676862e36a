"""Map shapes as GeoJSON text, fast enough for a city's 20,000 polygons.

A layer is `{"properties": [...], "geometries": [...]}`: the features of a GeoJSON
FeatureCollection as two parallel arrays (the page zips them into Features). One json.dumps of
all properties costs a tenth of one call a feature; `feature_collection` gives the plain
FeatureCollection of the same text.

Stored boundaries are spliced in as they are when they are plainly a Polygon or MultiPolygon
of numbers (a regular expression proves it; parsing and re-serialising every boundary took a
third of a second at city scale); anything else is parsed and re-serialised, so the text is
always valid JSON that holds no markup. `<`, `>` and `&` are escaped so the text may sit inside
an HTML page as well.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

from desktop.services.map_data import GridShape, PlaceShape

_NUMBERS = r"[\[\]\d.,eE+\-\s]*"
_TYPE = r'"type"\s*:\s*"(?:Multi)?Polygon"'
_PLAIN_GEOMETRY = re.compile(
    rf'\{{\s*(?:{_TYPE}\s*,\s*"coordinates"\s*:\s*{_NUMBERS}'
    rf'|"coordinates"\s*:\s*{_NUMBERS},\s*{_TYPE}\s*)\}}'
)


def _dumps(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    # str.replace, not str.translate: translate costs 0.5 s on a city's properties.
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def geometry_json(boundary: str | None) -> str:
    """A stored boundary as JSON text fit for a page ("null" when there is none or it is bad)."""
    if not boundary:
        return "null"
    if _PLAIN_GEOMETRY.fullmatch(boundary):
        return boundary
    try:
        return _dumps(json.loads(boundary))
    except ValueError:
        return "null"


def _collection(features: Iterable[tuple[str | None, dict[str, Any]]]) -> str:
    boundaries, properties = [], []
    for boundary, props in features:
        boundaries.append(geometry_json(boundary))
        properties.append(props)
    return f'{{"properties":{_dumps(properties)},"geometries":[' + ",".join(boundaries) + "]}"


def feature_collection(layer: str) -> dict[str, Any]:
    """A layer's text as a GeoJSON FeatureCollection (what the page builds from it)."""
    columns = json.loads(layer)
    return {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "geometry": geometry, "properties": props}
            for props, geometry in zip(columns["properties"], columns["geometries"], strict=True)
        ],
    }


def places_geojson(places: Iterable[PlaceShape]) -> str:
    return _collection(
        (
            p.boundary,
            {
                "id": p.id,
                "code": p.code,
                "name": p.name,
                "level": p.level,
                "parent_id": p.parent_id,
                "label": p.label,
            },
        )
        for p in places
    )


def micro_geojson(micro_grids: Iterable[GridShape]) -> str:
    """Micro-grids as the page draws them: outlines only (their counts are their grid's)."""
    return _collection((g.boundary, {"id": g.id, "grid_id": g.grid_id}) for g in micro_grids)


def grids_geojson(grids: Iterable[GridShape]) -> str:
    return _collection(
        (
            g.boundary,
            {
                "id": g.id,
                "code": g.code,
                "name": g.name,
                "kind": g.kind,
                "village_id": g.village_id,
                "grid_id": g.grid_id,
                "population": g.population,
                "open": g.open,
                "overdue": g.overdue,
                "today": g.today,
                "label": g.label,
            },
        )
        for g in grids
    )
