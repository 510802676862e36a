"""Boundary files as plain features: GeoJSON, or a zipped ESRI shapefile (read with pyshp).

Only the file's own statement of its coordinates is judged here: a shapefile whose .prj, or a
GeoJSON whose old-style `crs` member, names a projected system (metres) is refused at once.
The coordinates themselves are checked feature by feature in desktop.services.geo_shapes.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import shapefile

from desktop.errors import GovDeskError

# Geographic (longitude/latitude) systems a Chinese boundary file may declare: WGS-84, CGCS2000
# (4490, treated as WGS-84: they differ by centimetres), and the older Beijing 1954 / Xi'an 1980.
GEOGRAPHIC_EPSG = {"4326", "4490", "4214", "4610"}
_EPSG = re.compile(r"EPSG:{1,2}(?:[\d.]*:)?(\d+)", re.IGNORECASE)
_SHAPEFILE_PARTS = (".shp", ".shx", ".dbf", ".prj", ".cpg")


@dataclass(frozen=True)
class SourceFeature:
    number: int  # 1-based position in the file, as people count
    properties: dict[str, Any]
    geometry: dict[str, Any] | None  # GeoJSON geometry as read, not yet checked


def read_features(path: Path) -> list[SourceFeature]:
    """Every feature of a .geojson/.json file or a .zip holding one shapefile."""
    if not path.is_file():
        raise GovDeskError("geo.no_file", file=str(path))
    if path.suffix.lower() == ".zip":
        return _read_zipped_shapefile(path)
    return _read_geojson(path)


def _read_geojson(path: Path) -> list[SourceFeature]:
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as err:
        raise GovDeskError("geo.bad_file", file=path.name, reason=str(err)[:120]) from None
    kind = data.get("type") if isinstance(data, dict) else None
    if kind == "FeatureCollection":
        features = data.get("features") or []
    elif kind == "Feature":
        features = [data]
    else:
        raise GovDeskError("geo.bad_file", file=path.name, reason=f"type={kind}")
    _refuse_projected(_declared_geojson_crs(data), path.name)
    out = []
    for number, feature in enumerate(features, start=1):
        feature = feature if isinstance(feature, dict) else {}
        properties = (
            feature.get("properties") if isinstance(feature.get("properties"), dict) else {}
        )
        geometry = feature.get("geometry") if isinstance(feature.get("geometry"), dict) else None
        out.append(SourceFeature(number, dict(properties), geometry))
    return out


def _declared_geojson_crs(data: dict[str, Any]) -> str | None:
    """The name in a GeoJSON 2008 `crs` member (RFC 7946 dropped it; many tools still write it)."""
    crs = data.get("crs")
    if not isinstance(crs, dict) or not isinstance(crs.get("properties"), dict):
        return None
    name = crs["properties"].get("name")
    if not isinstance(name, str) or "CRS84" in name.upper():
        return None
    match = _EPSG.search(name)
    if match and match.group(1) in GEOGRAPHIC_EPSG:
        return None
    return name


def _read_zipped_shapefile(path: Path) -> list[SourceFeature]:
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile as err:
        raise GovDeskError("geo.bad_file", file=path.name, reason=str(err)) from None
    with archive:
        members = {}
        for name in archive.namelist():
            stem, ext = name.rsplit(".", 1) if "." in name else (name, "")
            if "." + ext.lower() in _SHAPEFILE_PARTS and not name.startswith("__MACOSX"):
                members.setdefault(stem, {})["." + ext.lower()] = name
        complete = {stem: parts for stem, parts in members.items() if ".shp" in parts}
        if len(complete) != 1 or not {".shx", ".dbf"} <= set(next(iter(complete.values()), {})):
            raise GovDeskError("geo.bad_shapefile_zip", file=path.name, count=len(complete))
        parts = {ext: archive.read(name) for ext, name in next(iter(complete.values())).items()}
    prj = parts.get(".prj", b"").decode("latin-1").strip()
    if re.match(r"\s*PROJ(CS|CRS)\b", prj, re.IGNORECASE):
        _refuse_projected(prj.split('"')[1] if '"' in prj else prj[:60], path.name)
    encoding = parts.get(".cpg", b"").decode("latin-1").strip() or None
    try:
        return _shape_features(parts, encoding or "utf-8")
    except UnicodeDecodeError:
        if encoding:
            raise
        # Chinese shapefiles without a .cpg are usually in the GBK family.
        return _shape_features(parts, "gb18030")


def _shape_features(parts: dict[str, bytes], encoding: str) -> list[SourceFeature]:
    reader = shapefile.Reader(
        shp=io.BytesIO(parts[".shp"]),
        shx=io.BytesIO(parts[".shx"]),
        dbf=io.BytesIO(parts[".dbf"]),
        encoding=encoding,
    )
    out = []
    for number, item in enumerate(reader.iterShapeRecords(), start=1):
        geometry = item.shape.__geo_interface__ if item.shape.shapeType != 0 else None
        out.append(SourceFeature(number, item.record.as_dict(), dict(geometry or {}) or None))
    return out


def _refuse_projected(declared: str | None, file: str) -> None:
    if declared:
        raise GovDeskError("geo.projected_crs", file=file, crs=declared)
