"""Range bands (annuli) and impact sectors around a point (lon, lat), geodesic on WGS84."""

from __future__ import annotations

import math

import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Polygon

from geo.geodesy._core import (
    _GEOD,
    _R_MEAN_KM,
    FloatArray,
    _antipodal_km,
    _areal,
    _as_float_array,
    _check_band,
    _check_lonlat,
    _check_radii,
    _resolve_tolerance,
)
from geo.geodesy.arcs import _check_target_km, _densify_arcs
from geo.geodesy.rings import geodesic_ring
from geo.geodesy.split import split_boundary

__all__ = [
    "range_band",
    "sector",
]


def range_band(
    lon: float, lat: float, *, min_km: float, max_km: float, tolerance_km: float | None = None
) -> Polygon | MultiPolygon:
    """The annulus between ``min_km`` and ``max_km`` (geodesic) of ``(lon, lat)``.

    The inner boundary is a hole (clockwise); ``min_km == 0`` gives the full ring. The default
    tolerance applies per boundary (``min(0.1 % of its range, 1 km)``).

    >>> band = range_band(125.75, 39.03, min_km=1000.0, max_km=1500.0)
    >>> import shapely
    >>> bool(shapely.contains_xy(band, 139.69, 35.69)), bool(shapely.contains_xy(band, 125.75, 39.03))
    (True, False)
    """
    _check_band(float(min_km), float(max_km))
    outer = geodesic_ring(lon, lat, max_km, tolerance_km=tolerance_km)
    if min_km == 0:
        return outer
    inner = geodesic_ring(lon, lat, min_km, tolerance_km=tolerance_km)
    return _areal(shapely.orient_polygons(outer.difference(inner), exterior_cw=False))


def _radial_points(
    lon: float, lat: float, az: float, d0_km: float, d1_km: float, step_km: float
) -> tuple[FloatArray, FloatArray]:
    """Points on the geodesic from ``(lon, lat)`` at azimuth ``az``, strictly between d0 and d1 km."""
    n = max(math.ceil((d1_km - d0_km) / step_km), 1)
    d = d0_km + (d1_km - d0_km) * np.arange(1, n) / n
    if d.size == 0:
        return np.empty(0), np.empty(0)
    x, y, _ = _GEOD.fwd(np.full(d.size, lon), np.full(d.size, lat), np.full(d.size, az), d * 1000.0)
    return np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)


def sector(
    lon: float,
    lat: float,
    *,
    bearing_deg: float,
    spread_deg: float,
    min_km: float,
    max_km: float,
    tolerance_km: float | None = None,
) -> Polygon | MultiPolygon:
    """Impact-zone sector: azimuths ``bearing_deg ± spread_deg`` within the band [min_km, max_km].

    Arcs are geodesic circles densified to ``tolerance_km`` (default ``min(0.1 % of max_km,
    1 km)``); the two radial sides are geodesics sampled every few km. A spread of 180 degrees or
    more gives the full :func:`range_band`. Split at 180°, counter-clockwise, pole-closed.

    >>> s = sector(125.75, 39.03, bearing_deg=90.0, spread_deg=10.0, min_km=500.0, max_km=1000.0)
    >>> from geo.geodesy import destination
    >>> lon, lat = destination(125.75, 39.03, azimuth_deg=95.0, distance_km=750.0)
    >>> import shapely
    >>> bool(shapely.contains_xy(s, lon, lat))
    True
    """
    _check_band(float(min_km), float(max_km))
    spread = float(spread_deg)
    if not (math.isfinite(spread) and spread > 0.0):
        raise ValueError(f"spread_deg must be a positive number of degrees, got {spread_deg!r}")
    if not math.isfinite(float(bearing_deg)):
        raise ValueError(f"bearing_deg must be a finite number of degrees, got {bearing_deg!r}")
    if spread >= 180.0:
        return range_band(lon, lat, min_km=min_km, max_km=max_km, tolerance_km=tolerance_km)
    lon_a = _as_float_array("lon", lon)
    lat_a = _as_float_array("lat", lat)
    _check_lonlat(lon_a, lat_a)
    _check_radii(np.array([max_km]), what="max_km")
    b = float(bearing_deg)
    hi, lo = b + spread, b - spread
    radii = np.array([float(max_km)] + ([float(min_km)] if min_km > 0 else []))
    n = radii.size
    tols = _resolve_tolerance(radii, tolerance_km)
    tol = float(tols[0])
    ax, ay, _, off = _densify_arcs(
        np.repeat(lon_a, n),
        np.repeat(lat_a, n),
        radii,
        np.full(n, hi),
        np.full(n, lo),
        _check_target_km(radii, tols, explicit=tolerance_km is not None),
        closed=False,
    )
    step = max(min(25.0, math.sqrt(8.0 * _R_MEAN_KM * tol) / 2.0), 0.5)
    outer_x, outer_y = ax[off[0] : off[1]], ay[off[0] : off[1]]  # azimuth hi -> lo
    if n == 2:
        inner_x, inner_y = ax[off[1] : off[2]][::-1], ay[off[1] : off[2]][::-1]  # lo -> hi
    else:
        inner_x, inner_y = lon_a.copy(), lat_a.copy()
    down_x, down_y = _radial_points(float(lon_a[0]), float(lat_a[0]), lo, float(min_km), float(max_km), step)
    up_x, up_y = _radial_points(float(lon_a[0]), float(lat_a[0]), hi, float(min_km), float(max_km), step)
    xs = np.concatenate((outer_x, down_x[::-1], inner_x, up_x))
    ys = np.concatenate((outer_y, down_y[::-1], inner_y, up_y))
    out = split_boundary(xs, ys)
    if not out.is_valid:
        # Within a few tens of km of the antipode every geodesic from the centre converges: the
        # sector's radial edges cross and no valid polygon exists. Say so instead of returning one.
        anti = float(_antipodal_km(lon_a, lat_a)[0])
        raise ValueError(
            f"max_km {float(max_km)!r} reaches within {anti - float(max_km):,.1f} km of the antipode of "
            f"({float(lon_a[0])}, {float(lat_a[0])}), where the sector's edges converge; "
            "use a smaller max_km, or range_band for a full band"
        )
    return out
