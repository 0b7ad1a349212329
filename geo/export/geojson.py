"""RFC 7946 GeoJSON export for analysts (QGIS, GDAL, geopandas): exact, valid, reproducible.

What :func:`to_feature_collection` / :func:`dumps_geojson` guarantee:

* coordinates are WGS84 longitude/latitude (x = lon, y = lat), rounded to ``precision``
  decimals (6 decimals: about 0.1 m) with the rounding done by GEOS snap-rounding, so a polygon
  valid before rounding is still valid after it;
* polygon exterior rings are counter-clockwise and holes clockwise (RFC 7946 §3.1.6);
* nothing crosses the antimeridian: a geometry with an edge jumping more than 180° in longitude
  is refused with an error naming the feature (split it first, e.g. with
  :func:`geo.geodesy.split_boundary`; every polygon made by :mod:`geo.geodesy` already is);
* no ``crs`` member (RFC 7946 §4); an input GeoDataFrame in another CRS is converted to
  EPSG:4326 first;
* properties are JSON-safe: NaN / NA / NaT / infinities become ``null``, numpy scalars become
  Python numbers, timestamps and dates become ISO 8601 strings;
* the output is deterministic: the same input gives byte-identical text (key order fixed,
  compact separators, UTF-8, trailing newline).

:func:`validate_rfc7946` checks any GeoJSON object against these rules and returns readable
problems (an empty list means valid); tests across the project use it.

Examples
--------
>>> from shapely.geometry import Point
>>> text = dumps_geojson([{"geometry": Point(125.75, 39.03), "properties": {"name": "Pyongyang"}}])
>>> text
'{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[125.75,39.03]},"properties":{"name":"Pyongyang"}}]}\\n'
>>> validate_rfc7946(json.loads(text))
[]
"""

from __future__ import annotations

import datetime as _dt
import decimal
import json
import math
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from shapely.geometry import mapping, shape
from shapely.geometry.base import BaseGeometry

from geo.export._geometry import check_geometry as _check_geometry
from geo.export._geometry import edge_crosses as _edge_crosses
from geo.export._geometry import round_geometry as _round_geometry

__all__ = [
    "dumps_geojson",
    "json_safe",
    "to_feature_collection",
    "validate_rfc7946",
    "write_geojson",
]

_GEOMETRY_TYPES = (
    "Point",
    "MultiPoint",
    "LineString",
    "MultiLineString",
    "Polygon",
    "MultiPolygon",
    "GeometryCollection",
)


# ---------------------------------------------------------------------------------------------
# properties
# ---------------------------------------------------------------------------------------------


def json_safe(value: Any) -> Any:
    """Convert a property value to plain JSON: NaN/NA/NaT/inf → None, numpy → Python, time → ISO.

    >>> import numpy as np, pandas as pd
    >>> json_safe({"a": np.int64(3), "b": float("nan"), "c": pd.Timestamp("2017-07-28 23:41", tz="UTC")})
    {'a': 3, 'b': None, 'c': '2017-07-28T23:41:00+00:00'}
    """
    if value is None or isinstance(value, bool | str):
        return value
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, int | np.integer):
        return int(value)
    if isinstance(value, float | np.floating | decimal.Decimal):
        f = float(value)
        return f if math.isfinite(f) else None
    if isinstance(value, Mapping):
        return {str(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple | np.ndarray):
        return [json_safe(v) for v in value]
    try:
        import pandas as pd

        if value is pd.NaT or (not isinstance(value, list | tuple | dict) and bool(pd.isna(value))):
            return None
        if isinstance(value, pd.Timestamp):
            return value.isoformat()
        if isinstance(value, pd.Timedelta):
            return value.isoformat()
    except (TypeError, ValueError):
        pass
    if isinstance(value, _dt.datetime | _dt.date | _dt.time):
        return value.isoformat()
    if isinstance(value, np.datetime64):
        return None if np.isnat(value) else str(np.datetime_as_string(value))
    if isinstance(value, BaseGeometry):
        return value.wkt
    return str(value)


# ---------------------------------------------------------------------------------------------
# geometries
# ---------------------------------------------------------------------------------------------


def _coords_list(obj: Any) -> Any:
    """Tuples → lists, floats cleaned (-0.0 → 0.0) for deterministic text."""
    if isinstance(obj, tuple | list):
        return [_coords_list(v) for v in obj]
    if isinstance(obj, float):
        return 0.0 if obj == 0.0 else obj
    return obj


def _geometry_json(geom: Any, precision: int, where: str) -> dict[str, Any] | None:
    if geom is None or (isinstance(geom, float) and math.isnan(geom)):
        return None
    if not isinstance(geom, BaseGeometry):
        geom = shape(geom)
    if geom.is_empty:
        return None
    _check_geometry(geom, where)
    rounded = _round_geometry(geom, precision)
    if rounded.is_empty:
        raise ValueError(f"{where}: the geometry collapses when rounded to {precision} decimals")
    m = mapping(rounded)
    out: dict[str, Any] = {"type": m["type"]}
    if m["type"] == "GeometryCollection":
        out["geometries"] = [_geometry_json(g, precision, where) for g in rounded.geoms]  # type: ignore[attr-defined]
    else:
        out["coordinates"] = _coords_list(m["coordinates"])
    return out


def _bbox(geom_json: Mapping[str, Any]) -> list[float] | None:
    g = shape(dict(geom_json))
    if g.is_empty:
        return None
    return [float(v) for v in g.bounds]


# ---------------------------------------------------------------------------------------------
# feature collections
# ---------------------------------------------------------------------------------------------


def _iter_features(data: Any) -> Iterable[tuple[Any, Mapping[str, Any], Any]]:
    """(geometry, properties, id) for a GeoDataFrame, GeoSeries or iterable of feature-likes."""
    try:
        import geopandas as gpd
    except ImportError:  # pragma: no cover - geopandas is a project dependency
        gpd = None
    if gpd is not None and isinstance(data, gpd.GeoDataFrame | gpd.GeoSeries):
        frame = data if isinstance(data, gpd.GeoDataFrame) else gpd.GeoDataFrame(geometry=data)
        if frame.crs is not None and not frame.crs.equals("EPSG:4326") and not frame.crs.equals("OGC:CRS84"):
            frame = frame.to_crs("EPSG:4326")
        geom_col = frame.geometry.name
        cols = [c for c in frame.columns if c != geom_col]
        for idx, row in zip(frame.index, frame.itertuples(index=False, name=None), strict=True):
            values = dict(zip(frame.columns, row, strict=True))
            yield values[geom_col], {c: values[c] for c in cols}, idx
        return
    if isinstance(data, Mapping) and data.get("type") == "FeatureCollection":
        data = data.get("features", [])
    for item in data:
        if isinstance(item, BaseGeometry):
            yield item, {}, None
        elif isinstance(item, Mapping):
            yield item.get("geometry"), item.get("properties") or {}, item.get("id")
        else:
            raise TypeError(f"cannot export a {type(item).__name__} as a GeoJSON feature")


def to_feature_collection(
    data: Any,
    *,
    precision: int = 6,
    bbox: bool = False,
    id_field: str | None = None,
) -> dict[str, Any]:
    """An RFC 7946 FeatureCollection (a plain dict) from features or a GeoDataFrame.

    Parameters
    ----------
    data
        A GeoDataFrame / GeoSeries (any CRS; converted to EPSG:4326), or an iterable of
        feature-like mappings ``{"geometry": shapely geometry or GeoJSON mapping, "properties":
        {...}, "id": ...}`` or of bare shapely geometries, or a FeatureCollection dict.
    precision
        Decimals kept in coordinates (6: about 0.1 m). Rounding keeps polygons valid.
    bbox
        Add a ``bbox`` member (``[west, south, east, north]``) to each feature and the collection.
    id_field
        Use this property (or, for a GeoDataFrame, ``"index"`` for the index) as each feature's
        ``id``. By default only mappings that carry an ``id`` get one.

    Raises
    ------
    ValueError
        A coordinate outside [-180, 180] x [-90, 90], a geometry crossing the antimeridian
        unsplit, or one that collapses when rounded; the message names the feature.
    """
    if not 0 <= int(precision) <= 15:
        raise ValueError(f"precision must be an integer number of decimals in 0..15, got {precision!r}")
    features: list[dict[str, Any]] = []
    for i, (geom, props, idx) in enumerate(_iter_features(data)):
        where = f"feature {i}" + (f" (id {idx!r})" if idx is not None else "")
        geometry = _geometry_json(geom, int(precision), where)
        properties = {str(k): json_safe(v) for k, v in props.items()}
        feature: dict[str, Any] = {"type": "Feature"}
        if id_field == "index" and idx is not None:
            feature["id"] = json_safe(idx)
        elif id_field is not None:
            feature["id"] = properties.get(id_field)
        elif idx is not None and isinstance(data, Iterable) and not _is_frame(data):
            feature["id"] = json_safe(idx)
        if bbox and geometry is not None:
            feature["bbox"] = _bbox(geometry)
        feature["geometry"] = geometry
        feature["properties"] = properties
        features.append(feature)
    out: dict[str, Any] = {"type": "FeatureCollection"}
    if bbox:
        boxes = [f["bbox"] for f in features if f.get("bbox")]
        if boxes:
            arr = np.asarray(boxes, dtype=np.float64)
            out["bbox"] = [
                float(arr[:, 0].min()),
                float(arr[:, 1].min()),
                float(arr[:, 2].max()),
                float(arr[:, 3].max()),
            ]
    out["features"] = features
    return out


def _is_frame(data: Any) -> bool:
    try:
        import geopandas as gpd
    except ImportError:  # pragma: no cover
        return False
    return isinstance(data, gpd.GeoDataFrame | gpd.GeoSeries)


def dumps_geojson(data: Any, *, precision: int = 6, bbox: bool = False, id_field: str | None = None) -> str:
    """:func:`to_feature_collection` as deterministic GeoJSON text (UTF-8, compact, final newline).

    Same input, byte-identical output.
    """
    fc = data if _is_collection_dict(data) else None
    if fc is None:
        fc = to_feature_collection(data, precision=precision, bbox=bbox, id_field=id_field)
    else:
        fc = to_feature_collection(fc, precision=precision, bbox=bbox, id_field=id_field)
    return json.dumps(fc, ensure_ascii=False, separators=(",", ":"), allow_nan=False) + "\n"


def _is_collection_dict(data: Any) -> bool:
    return isinstance(data, Mapping) and data.get("type") == "FeatureCollection"


def write_geojson(
    data: Any, path: str | Path, *, precision: int = 6, bbox: bool = False, id_field: str | None = None
) -> Path:
    """Write :func:`dumps_geojson` output to ``path`` (UTF-8) and return the path."""
    p = Path(path)
    p.write_text(dumps_geojson(data, precision=precision, bbox=bbox, id_field=id_field), encoding="utf-8")
    return p


# ---------------------------------------------------------------------------------------------
# validation
# ---------------------------------------------------------------------------------------------


def _signed_area(ring: list[Any]) -> float:
    xy = np.asarray([p[:2] for p in ring], dtype=np.float64)
    x, y = xy[:, 0], xy[:, 1]
    return float(0.5 * np.sum(x[:-1] * y[1:] - x[1:] * y[:-1]))


def _check_position(pos: Any, where: str, problems: list[str]) -> bool:
    if not isinstance(pos, list | tuple) or len(pos) not in (2, 3):
        problems.append(f"{where}: a position must be [lon, lat] or [lon, lat, height], got {pos!r}")
        return False
    for v in pos:
        if isinstance(v, bool) or not isinstance(v, int | float) or not math.isfinite(v):
            problems.append(f"{where}: coordinates must be finite numbers, got {v!r}")
            return False
    lon, lat = pos[0], pos[1]
    if not -180.0 <= lon <= 180.0:
        problems.append(f"{where}: longitude {lon} outside [-180, 180]")
    if not -90.0 <= lat <= 90.0:
        problems.append(f"{where}: latitude {lat} outside [-90, 90]")
    return True


def _check_line(coords: Any, where: str, problems: list[str], *, ring: bool) -> bool:
    if not isinstance(coords, list | tuple):
        problems.append(f"{where}: expected an array of positions")
        return False
    ok = all(_check_position(p, f"{where}[{k}]", problems) for k, p in enumerate(coords))
    if not ok:
        return False
    if ring:
        if len(coords) < 4:
            problems.append(f"{where}: a linear ring needs at least 4 positions, got {len(coords)}")
            return False
        if list(coords[0]) != list(coords[-1]):
            problems.append(f"{where}: a linear ring must end at its first position")
            return False
    elif len(coords) < 2:
        problems.append(f"{where}: a LineString needs at least 2 positions")
        return False
    if _edge_crosses(np.asarray([p[:2] for p in coords], dtype=np.float64)):
        problems.append(
            f"{where}: an edge jumps more than 180° in longitude (crosses the antimeridian unsplit; "
            "RFC 7946 §3.1.9 asks for it to be cut at 180°)"
        )
    return True


def _check_polygon(coords: Any, where: str, problems: list[str]) -> None:
    if not isinstance(coords, list | tuple) or len(coords) == 0:
        problems.append(f"{where}: a Polygon needs at least one linear ring")
        return
    for k, ring in enumerate(coords):
        w = f"{where}[{k}]"
        if not _check_line(ring, w, problems, ring=True):
            continue
        area = _signed_area(ring)
        if k == 0 and area < 0:
            problems.append(f"{w}: exterior ring is clockwise; RFC 7946 §3.1.6 wants counter-clockwise")
        if k > 0 and area > 0:
            problems.append(f"{w}: hole is counter-clockwise; RFC 7946 §3.1.6 wants clockwise")


def _check_geometry_json(g: Any, where: str, problems: list[str]) -> None:
    if g is None:
        return
    if not isinstance(g, Mapping):
        problems.append(f"{where}: a geometry must be an object or null")
        return
    if "crs" in g:
        problems.append(f"{where}: has a 'crs' member (removed in RFC 7946 §4)")
    t = g.get("type")
    if t not in _GEOMETRY_TYPES:
        problems.append(f"{where}: unknown geometry type {t!r}")
        return
    if t == "GeometryCollection":
        geoms = g.get("geometries")
        if not isinstance(geoms, list):
            problems.append(f"{where}: a GeometryCollection needs a 'geometries' array")
            return
        for k, sub in enumerate(geoms):
            _check_geometry_json(sub, f"{where}.geometries[{k}]", problems)
        return
    if "coordinates" not in g:
        problems.append(f"{where}: {t} has no 'coordinates'")
        return
    c = g["coordinates"]
    n_before = len(problems)
    w = f"{where}.coordinates"
    if t == "Point":
        _check_position(c, w, problems)
    elif t == "MultiPoint":
        for k, p in enumerate(c):
            _check_position(p, f"{w}[{k}]", problems)
    elif t == "LineString":
        _check_line(c, w, problems, ring=False)
    elif t == "MultiLineString":
        for k, line in enumerate(c):
            _check_line(line, f"{w}[{k}]", problems, ring=False)
    elif t == "Polygon":
        _check_polygon(c, w, problems)
    elif t == "MultiPolygon":
        for k, poly in enumerate(c):
            _check_polygon(poly, f"{w}[{k}]", problems)
    if len(problems) == n_before and t in ("Polygon", "MultiPolygon"):
        try:
            geom = shape(dict(g))
        except Exception as exc:  # malformed structure the checks above did not catch
            problems.append(f"{where}: cannot be read as a {t}: {exc}")
            return
        if not geom.is_valid:
            problems.append(f"{where}: invalid {t}: {shapely.is_valid_reason(geom)}")


def _check_bbox(obj: Mapping[str, Any], where: str, problems: list[str]) -> None:
    if "bbox" not in obj:
        return
    b = obj["bbox"]
    if (
        not isinstance(b, list)
        or len(b) not in (4, 6)
        or not all(isinstance(v, int | float) and math.isfinite(v) for v in b)
    ):
        problems.append(f"{where}.bbox: must be an array of 4 (or 6) finite numbers")
        return
    half = len(b) // 2
    if b[1] > b[half + 1]:
        problems.append(f"{where}.bbox: south {b[1]} is greater than north {b[half + 1]}")


def validate_rfc7946(obj: Any) -> list[str]:
    """Problems that keep ``obj`` from being valid RFC 7946 GeoJSON as this project writes it.

    Checks the structure (types, members, positions), WGS84 ranges, closed rings with at least
    four positions, ring orientation (exteriors counter-clockwise, holes clockwise), no edge
    jumping the antimeridian, no ``crs`` member, polygon validity (OGC, via GEOS), bbox sanity and
    that properties are objects or null. Returns human-readable messages with a JSON path;
    an empty list means valid.

    >>> validate_rfc7946({"type": "Point", "coordinates": [200, 0]})
    ['$.coordinates: longitude 200 outside [-180, 180]']
    """
    problems: list[str] = []
    if not isinstance(obj, Mapping):
        return ["$: GeoJSON must be a JSON object"]
    if "crs" in obj:
        problems.append("$: has a 'crs' member (removed in RFC 7946 §4)")
    t = obj.get("type")
    if t == "FeatureCollection":
        _check_bbox(obj, "$", problems)
        feats = obj.get("features")
        if not isinstance(feats, list):
            problems.append("$: a FeatureCollection needs a 'features' array")
            return problems
        for i, f in enumerate(feats):
            _check_feature(f, f"$.features[{i}]", problems)
    elif t == "Feature":
        _check_feature(obj, "$", problems)
    elif t in _GEOMETRY_TYPES:
        _check_geometry_json(obj, "$", problems)
    else:
        problems.append(f"$: unknown GeoJSON type {t!r}")
    return problems


def _check_feature(f: Any, where: str, problems: list[str]) -> None:
    if not isinstance(f, Mapping) or f.get("type") != "Feature":
        problems.append(f"{where}: not a Feature object")
        return
    if "geometry" not in f:
        problems.append(f"{where}: a Feature needs a 'geometry' member (null allowed)")
    if "properties" not in f:
        problems.append(f"{where}: a Feature needs a 'properties' member (null allowed)")
    elif f["properties"] is not None and not isinstance(f["properties"], Mapping):
        problems.append(f"{where}.properties: must be an object or null")
    if "crs" in f:
        problems.append(f"{where}: has a 'crs' member (removed in RFC 7946 §4)")
    if "id" in f and not (isinstance(f["id"], str | int | float) and not isinstance(f["id"], bool)):
        problems.append(f"{where}.id: must be a string or a number")
    _check_bbox(f, where, problems)
    _check_geometry_json(f.get("geometry"), f"{where}.geometry", problems)
