"""Geometry helpers shared by the maritime modules (lon/lat degrees, WGS84; areas in km²)."""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

import numpy as np
import numpy.typing as npt
import shapely
from pyproj import Geod

from geo.geodesy import geodesic_area_km2

_GEOD = Geod(ellps="WGS84")
#: Separator of several claimants / states in one name ("Japan / South Korea").
_SEP = " / "


def _normalize_lon(lon: npt.ArrayLike) -> npt.NDArray[np.float64]:
    """Longitudes wrapped to [-180, 180)."""
    a = np.asarray(lon, dtype=np.float64)
    return np.asarray(((a + 180.0) % 360.0) - 180.0, dtype=np.float64)


def _polygonal(geom: Any) -> Any:
    """The polygonal part of a geometry as a MultiPolygon (``make_valid`` may return collections)."""
    if geom is None or shapely.is_empty(geom):
        return shapely.MultiPolygon()
    polys: list[Any] = []
    for p in shapely.get_parts(geom):
        if p.geom_type == "Polygon":
            polys.append(p)
        elif p.geom_type in ("MultiPolygon", "GeometryCollection"):
            polys.extend(shapely.get_parts(_polygonal(p)))
    return shapely.MultiPolygon(polys)


def _repair(geom: Any) -> Any:
    if geom is None or shapely.is_empty(geom):
        return shapely.MultiPolygon()
    g = geom if shapely.is_valid(geom) else shapely.make_valid(geom)
    return _polygonal(_wrap_180(g))


def _wrap_180(geom: Any) -> Any:
    """Move parts beyond ±180° of longitude back into [-180, 180] (split at the antimeridian)."""
    xmin, _, xmax, _ = shapely.bounds(geom)
    if xmin >= -180.0 and xmax <= 180.0:
        return geom
    pieces = []
    for shift in (-720.0, -360.0, 0.0, 360.0, 720.0):
        lo, hi = -180.0 - shift, 180.0 - shift
        if xmax <= lo or xmin >= hi:
            continue
        clip = shapely.clip_by_rect(geom, lo, -90.0, hi, 90.0)
        if not shapely.is_empty(clip):
            pieces.append(_shift_lon(clip, shift))
    return shapely.union_all(pieces)


def _shift_lon(geom: Any, shift_deg: float) -> Any:
    offset = np.array([shift_deg, 0.0])

    def move(coords: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        return np.asarray(coords + offset, dtype=np.float64)

    return shapely.transform(geom, move)


def _area_km2(geom: Any) -> float:
    """Geodesic (WGS84) area in km² of the polygonal part of ``geom``; correct for zones larger than
    a hemisphere and for zones closed along a pole (:func:`geo.geodesy.geodesic_area_km2`)."""
    if geom is None or shapely.is_empty(geom):
        return 0.0
    poly = _polygonal(geom)
    return 0.0 if poly.is_empty else float(geodesic_area_km2(poly))


def _join(values: Iterable[Any]) -> str:
    out: list[str] = []
    for v in values:
        if isinstance(v, str) and v.strip() and v.strip() not in out:
            out.append(v.strip())
    return _SEP.join(out)


def _join_states(states: Iterable[str]) -> str:
    """Claimants of several overlapping areas, each state once, sorted: ["Japan", "Japan / Russia"]
    gives "Japan / Russia"."""
    parts = {p.strip() for st in states for p in st.split(_SEP) if p.strip()}
    return _SEP.join(sorted(parts))


def _haversine_km(
    lon: float, lat: float, lons: npt.NDArray[np.float64], lats: npt.NDArray[np.float64]
) -> npt.NDArray[np.float64]:
    """Great-circle distance on a 6371 km sphere (a pre-filter only; within 0.6 % of the geodesic)."""
    p1, p2 = math.radians(lat), np.radians(lats)
    dl = np.radians(lons - lon)
    a = np.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return np.asarray(2 * 6371.0088 * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0))), dtype=np.float64)


def _check_lat(lat: float) -> None:
    if not (isinstance(lat, (int, float, np.floating)) and math.isfinite(float(lat)) and abs(lat) <= 90):
        raise ValueError(f"lat: expected a number in -90..90 degrees, got {lat!r}")


def _text_column(gdf: Any, name: str) -> npt.NDArray[Any]:
    """Column ``name`` as an object array of str ('' where missing, or for every row if absent)."""
    if name not in gdf.columns:
        return np.full(len(gdf), "", dtype=object)
    return np.asarray(gdf[name].fillna("").astype(str).to_numpy(), dtype=object)
