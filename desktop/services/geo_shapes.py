"""One feature's geometry made fit to store: polygonal, longitude/latitude, WGS-84, valid.

GCJ-02 (the "Mars" coordinates of Chinese web maps) and BD-09 (Baidu's) are undone with
prcoords, a published implementation, never re-typed here. Distances ("how far outside its
parent") are measured in a local metre plane around the shapes, which is accurate to a few
parts in a thousand over a county: plenty for a 50 m tolerance.
"""

from __future__ import annotations

import json
import math
import warnings
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import numpy as np
import prcoords
import shapely
from shapely.geometry import MultiPolygon, Polygon, mapping, shape
from shapely.geometry.polygon import orient

from desktop.errors import GovDeskError

PRECISION_DEG = 1e-7  # about 1 cm: more would only store the source's noise
M_PER_DEG_LAT = 110_574.0
M_PER_DEG_LNG_EQUATOR = 111_320.0


class SourceCrs(StrEnum):
    WGS84 = "wgs84"  # also CGCS2000 (EPSG:4490): centimetres apart, treated as one
    CGCS2000 = "cgcs2000"
    GCJ02 = "gcj02"
    BD09 = "bd09"


_TO_WGS84 = {
    SourceCrs.GCJ02: prcoords.gcj_wgs_bored,
    SourceCrs.BD09: prcoords.bd_wgs_bored,
}


@dataclass(frozen=True)
class CheckedShape:
    geometry: Polygon | MultiPolygon  # WGS-84 degrees, valid
    repaired: str | None  # why the source was invalid, when make_valid fixed it


def checked_shape(geometry: dict[str, Any] | None, crs: SourceCrs) -> CheckedShape:
    """The feature's polygon(s) in WGS-84, repaired where shapely can; GovDeskError otherwise."""
    if not geometry or geometry.get("type") not in ("Polygon", "MultiPolygon"):
        kind = (geometry or {}).get("type") or "null"
        raise GovDeskError("geo.not_polygon", kind=kind)
    try:
        source = shape(geometry)
    except (ValueError, TypeError, AttributeError, IndexError, shapely.errors.GEOSException):
        raise GovDeskError("geo.bad_geometry") from None
    if source.is_empty:
        raise GovDeskError("geo.bad_geometry")
    _check_degrees(source)
    converter = _TO_WGS84.get(crs)
    if converter is not None:
        source = _converted(source, converter)
    repaired = None
    if not source.is_valid:
        repaired = shapely.is_valid_reason(source)
        source = _polygonal(shapely.make_valid(source))
        if source is None:
            raise GovDeskError("geo.unrepairable", reason=repaired)
    fixed = shapely.set_precision(source, PRECISION_DEG)
    fixed = _polygonal(fixed) if not isinstance(fixed, Polygon | MultiPolygon) else fixed
    if fixed is None or fixed.is_empty:
        raise GovDeskError("geo.unrepairable", reason=repaired or "empty")
    return CheckedShape(fixed, repaired)


def _check_degrees(source) -> None:
    """Longitude/latitude or refuse: metres from a projected system are far outside ±180/±90."""
    xmin, ymin, xmax, ymax = source.bounds
    if -180 <= xmin and xmax <= 180 and -90 <= ymin and ymax <= 90:
        return
    if -90 <= xmin and xmax <= 90 and -180 <= ymin and ymax <= 180:
        raise GovDeskError("geo.swapped_axes", x=round(xmin, 4), y=round(ymin, 4))
    raise GovDeskError("geo.projected", x=round(xmin), y=round(ymin))


def _converted(source, converter):
    xmin, ymin, xmax, ymax = source.bounds
    if not (
        prcoords.sanity_in_china_p(prcoords.Coords(ymin, xmin))
        and prcoords.sanity_in_china_p(prcoords.Coords(ymax, xmax))
    ):
        raise GovDeskError("geo.outside_china", x=round(xmin, 4), y=round(ymin, 4))

    def convert(coords: np.ndarray) -> np.ndarray:
        out = np.empty_like(coords)
        with warnings.catch_warnings():  # bounds were checked above; no "outside China" noise
            warnings.simplefilter("ignore")
            for i, (lng, lat) in enumerate(coords):
                wgs = converter((lat, lng))
                out[i] = (wgs.lon, wgs.lat)
        return out

    return shapely.transform(source, convert)


def _polygonal(geometry) -> Polygon | MultiPolygon | None:
    """The areas of what make_valid returned (it may add the lines and points of a bow-tie)."""
    parts = [
        part
        for part in shapely.get_parts(geometry)
        if isinstance(part, Polygon | MultiPolygon) and not part.is_empty
    ]
    polygons = [p for part in parts for p in shapely.get_parts(part)]
    if not polygons:
        return None
    return polygons[0] if len(polygons) == 1 else MultiPolygon(polygons)


def geometry_text(geometry: Polygon | MultiPolygon) -> str:
    """GeoJSON text to store, numbers as plain decimals of at most 7 places."""

    def rounded(value):
        if isinstance(value, list | tuple):
            return [rounded(v) for v in value]
        return round(float(value), 7)

    data = mapping(_counter_clockwise(geometry))
    return json.dumps(
        {"type": data["type"], "coordinates": rounded(data["coordinates"])},
        separators=(",", ":"),
    )


def _counter_clockwise(geometry: Polygon | MultiPolygon) -> Polygon | MultiPolygon:
    """Exterior rings counter-clockwise, holes clockwise, as RFC 7946 asks."""
    if isinstance(geometry, Polygon):
        return orient(geometry, 1.0)
    return MultiPolygon([orient(p, 1.0) for p in geometry.geoms])


def same_shape(stored: str | None, new: Polygon | MultiPolygon) -> bool:
    """True when the stored boundary is the new one (vertex for vertex, to a centimetre)."""
    if not stored:
        return False
    try:
        old = shape(json.loads(stored))
    except (ValueError, TypeError, AttributeError, IndexError):
        return False
    return old.normalize().equals_exact(new.normalize(), PRECISION_DEG)


def metres_outside(inner, outer) -> float:
    """How far the farthest point of `inner` lies outside `outer`, in metres (0 when inside)."""
    lat0 = (inner.bounds[1] + inner.bounds[3]) / 2
    kx = M_PER_DEG_LNG_EQUATOR * math.cos(math.radians(lat0))

    def to_metres(coords: np.ndarray) -> np.ndarray:
        return coords * np.array([kx, M_PER_DEG_LAT])

    inner_m = shapely.transform(inner, to_metres)
    outer_m = shapely.transform(outer, to_metres)
    if not outer_m.is_valid:
        outer_m = shapely.make_valid(outer_m)
    outside = inner_m.difference(outer_m)
    if outside.is_empty or outside.area < 1.0:  # less than a square metre: rounding, not a border
        return 0.0
    # The farthest point of the outside part lies on its boundary; 2 m steps bound the error.
    points = shapely.points(shapely.get_coordinates(shapely.segmentize(outside.boundary, 2.0)))
    return float(shapely.distance(points, outer_m).max())
