"""Shared constants, types, argument checks and small numeric helpers of :mod:`geo.geodesy`.

Private: the public names defined here (``MAX_RADIUS_KM``, ``default_tolerance_km``) are
re-exported by :mod:`geo.geodesy`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any, TypeAlias

import numpy as np
import numpy.typing as npt
import shapely
from pyproj import Geod
from shapely.geometry import LineString, MultiPolygon, Point, Polygon
from shapely.geometry.base import BaseGeometry

__all__ = [
    "MAX_RADIUS_KM",
    "default_tolerance_km",
]


FloatArray: TypeAlias = npt.NDArray[np.float64]


ArrayLike: TypeAlias = float | int | Sequence[float] | npt.NDArray[Any]


Areal: TypeAlias = Polygon | MultiPolygon


#: The WGS84 ellipsoid, through GeographicLib.
_GEOD = Geod(ellps="WGS84")


#: Largest radius accepted anywhere (km). The exact limit is the distance from the centre to its
#: antipode (19,990 to 20,004 km depending on latitude); rings must stay strictly below it.
MAX_RADIUS_KM = 20_004.0


#: An upper bound (km) of both principal radii of curvature of WGS84 (6,335 to 6,400 km): the
#: distance on a sphere of this radius bounds the ellipsoidal distance from above.
_R_UPPER_KM = 6_400.0


_R_MEAN_KM = 6_371.0088


_WORLD = Polygon([(-180.0, -90.0), (180.0, -90.0), (180.0, 90.0), (-180.0, 90.0)])


def _wrap180(x: FloatArray) -> FloatArray:
    """Longitude differences wrapped into [-180, 180]."""
    return np.asarray(x - 360.0 * np.rint(x / 360.0), dtype=np.float64)


def _upper_distance_km(lon1: FloatArray, lat1: FloatArray, lon2: FloatArray, lat2: FloatArray) -> FloatArray:
    """Great-circle distance on a 6,400 km sphere: never less than the WGS84 geodesic distance.

    The WGS84 line element ``M² dφ² + N² cos²φ dλ²`` is bounded by ``R² (dφ² + cos²φ dλ²)`` with
    ``R = 6400 km`` (both radii of curvature are at most 6,399.6 km), so every path, and hence the
    geodesic distance, is no longer on the ellipsoid than on that sphere.
    """
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dl = np.radians(lon2 - lon1)
    h = np.sin((p2 - p1) / 2.0) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2.0) ** 2
    return np.asarray(2.0 * _R_UPPER_KM * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0))), dtype=np.float64)


def _upper_short_km(lon1: FloatArray, lat1: FloatArray, lon2: FloatArray, lat2: FloatArray) -> FloatArray:
    """A cheap upper bound (km) of the WGS84 distance between two nearby points.

    The straight path in (lon, lat) between them has, on the 6,400 km sphere that dominates
    the ellipsoid's metric, a length of at most ``R * hypot(c * dlon, dlat)`` where ``c`` is the
    largest cos(latitude) along it (``cos(min |lat|)``, or 1 across the equator); any path's
    length bounds the geodesic distance.
    """
    same_side = (lat1 * lat2) > 0.0
    c = np.where(same_side, np.cos(np.radians(np.minimum(np.abs(lat1), np.abs(lat2)))), 1.0)
    dlon = np.radians(_wrap180(lon2 - lon1))
    dlat = np.radians(lat2 - lat1)
    return np.asarray(_R_UPPER_KM * np.hypot(c * dlon, dlat), dtype=np.float64)


def default_tolerance_km(radius_km: float) -> float:
    """The default edge tolerance for a range: ``min(0.1 % of the range, 1 km)``.

    >>> default_tolerance_km(300.0), default_tolerance_km(5500.0)
    (0.3, 1.0)
    """
    return float(min(0.001 * float(radius_km), 1.0))


def _as_float_array(name: str, values: ArrayLike) -> FloatArray:
    arr = np.atleast_1d(np.asarray(values, dtype=np.float64))
    if arr.ndim != 1:
        raise ValueError(f"{name} must be a number or a 1-D sequence of numbers, got shape {arr.shape}")
    if not np.all(np.isfinite(arr)):
        bad = float(arr[~np.isfinite(arr)][0])
        raise ValueError(f"{name} must be finite numbers, got {bad!r}")
    return arr


def _check_lonlat(lons: FloatArray, lats: FloatArray) -> None:
    if lons.shape != lats.shape:
        raise ValueError(f"lons and lats must have the same length, got {lons.size} and {lats.size}")
    bad_lat = np.flatnonzero(np.abs(lats) > 90.0)
    if bad_lat.size:
        i = int(bad_lat[0])
        raise ValueError(f"latitude must be within [-90, 90] degrees, got {float(lats[i])!r} (centre {i})")
    bad_lon = np.flatnonzero(np.abs(lons) > 180.0)
    if bad_lon.size:
        i = int(bad_lon[0])
        raise ValueError(f"longitude must be within [-180, 180] degrees, got {float(lons[i])!r} (centre {i})")


def _check_radii(radii: FloatArray, *, what: str = "radius_km") -> None:
    for r in (float(v) for v in radii):
        if not r > 0.0:
            raise ValueError(f"{what} must be greater than 0 km, got {r!r}")
        if r >= MAX_RADIUS_KM:
            raise ValueError(
                f"{what} must be less than the distance to the antipode (about 20,000 km), got {r!r}"
            )


def _antipodal_km(lons: FloatArray, lats: FloatArray) -> FloatArray:
    """Geodesic distance (km) from each point to its antipode."""
    _, _, d = _GEOD.inv(lons, lats, lons + 180.0, -lats)
    return np.asarray(d, dtype=np.float64) / 1000.0


def _resolve_tolerance(radius_km: FloatArray, tolerance_km: float | None) -> FloatArray:
    if tolerance_km is None:
        return np.minimum(0.001 * radius_km, 1.0)
    tol = float(tolerance_km)
    if not (math.isfinite(tol) and tol > 0.0):
        raise ValueError(f"tolerance_km must be a positive number of km, got {tolerance_km!r}")
    return np.full_like(radius_km, tol)


def _check_band(min_km: float, max_km: float) -> None:
    if not (math.isfinite(min_km) and min_km >= 0.0):
        raise ValueError(f"min_km must be a number >= 0 km, got {min_km!r}")
    if not (math.isfinite(max_km) and max_km > min_km):
        raise ValueError(f"max_km must be greater than min_km ({min_km!r} km), got {max_km!r}")


def _areal(g: BaseGeometry) -> Polygon | MultiPolygon:
    """Keep only the polygonal parts of a GEOS result (drops slivers reduced to lines/points)."""
    if isinstance(g, Polygon | MultiPolygon):
        return g
    polys = [p for p in shapely.get_parts(g) if isinstance(p, Polygon) and not p.is_empty]
    if len(polys) == 1:
        return polys[0]
    return MultiPolygon(polys)


def _boundary_lines(
    region: BaseGeometry,
) -> tuple[list[FloatArray], list[FloatArray], list[bool]]:
    """Coordinate arrays of every boundary line of ``region`` and whether each is a closed ring.

    Polygon rings are oriented so that the polygon's interior lies on the left (exterior
    counter-clockwise, holes clockwise): the outward side is then always the right-hand side.
    """
    lines: list[FloatArray] = []
    closed: list[bool] = []
    points: list[FloatArray] = []
    for part in shapely.get_parts(region):
        if part.is_empty:
            continue
        if isinstance(part, Polygon):
            oriented = shapely.orient_polygons(part, exterior_cw=False)
            for ring in [oriented.exterior, *oriented.interiors]:
                lines.append(np.asarray(ring.coords, dtype=np.float64)[:, :2])
                closed.append(True)
        elif isinstance(part, LineString):
            lines.append(np.asarray(part.coords, dtype=np.float64)[:, :2])
            closed.append(False)
        elif isinstance(part, Point):
            points.append(np.asarray(part.coords, dtype=np.float64)[:, :2])
        else:  # pragma: no cover - geometry collections are flattened by get_parts
            raise TypeError(f"cannot buffer a {part.geom_type}")
    return lines, points, closed
