"""Geodesic range rings: the area within a distance (km, WGS84) of a centre (lon, lat),
densified adaptively, counter-clockwise, split at 180° and closed over enclosed poles.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import shapely
from shapely.geometry import MultiPolygon, Polygon

from geo.geodesy._core import (
    _GEOD,
    ArrayLike,
    FloatArray,
    _antipodal_km,
    _as_float_array,
    _check_lonlat,
    _check_radii,
    _resolve_tolerance,
)
from geo.geodesy.antipode import NEAR_ANTIPODE_KM, far_cap_boundaries
from geo.geodesy.arcs import _check_target_km, _densify_arcs
from geo.geodesy.split import _complements, _polygons_from_boundaries

__all__ = [
    "geodesic_ring",
    "geodesic_ring_vertices",
    "geodesic_rings",
]


def _prepare_rings(
    lons: ArrayLike, lats: ArrayLike, radii_km: ArrayLike, tolerance_km: float | None
) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray]:
    lon_a = _as_float_array("lons", lons)
    lat_a = _as_float_array("lats", lats)
    _check_lonlat(lon_a, lat_a)
    r = _as_float_array("radii_km", radii_km)
    _check_radii(r)
    lon_c = np.repeat(lon_a, r.size)
    lat_c = np.repeat(lat_a, r.size)
    r_c = np.tile(r, lon_a.size)
    anti = _antipodal_km(lon_a, lat_a)
    too_far = r[None, :] >= anti[:, None] - 1e-6
    if too_far.any():
        i, j = (int(v[0]) for v in np.nonzero(too_far))
        raise ValueError(
            f"radius_km must be less than the distance to the antipode ({anti[i]:.3f} km from centre "
            f"{i} at lon {float(lon_a[i])!r}, lat {float(lat_a[i])!r}), got {float(r[j])!r}"
        )
    tol = _resolve_tolerance(r_c, tolerance_km)
    return lon_c, lat_c, r_c, tol


def geodesic_ring_vertices(
    lon: float, lat: float, radius_km: float, *, tolerance_km: float | None = None
) -> tuple[FloatArray, FloatArray]:
    """The densified vertices of one geodesic ring, before splitting (lon, lat arrays).

    Vertices are in counter-clockwise order (decreasing azimuth from the centre, starting due
    north), each exactly ``radius_km`` from ``(lon, lat)`` on WGS84; the ring is closed
    implicitly (the first vertex is not repeated). From :data:`NEAR_ANTIPODE_KM` (19,950 km) on,
    the vertices are those of the boundary of the cap left out around the antipode, in the order
    that keeps the area within range on the left (clockwise around the cap; see
    :mod:`geo.geodesy.antipode`), each within 1e-7 km of the range. Consecutive vertices are
    joined by straight lon/lat edges across the shorter way in longitude; the midpoint of every
    such edge is within ``tolerance_km`` of the range (certified bound, see the module docstring).

    >>> from geo.geodesy import distance_km
    >>> x, y = geodesic_ring_vertices(125.75, 39.03, 300.0)
    >>> bool(np.allclose(distance_km(125.75, 39.03, x, y), 300.0, atol=1e-6))
    True
    """
    lon_c, lat_c, r_c, tol = _prepare_rings([lon], [lat], [radius_km], tolerance_km)
    target = _check_target_km(r_c, tol, explicit=tolerance_km is not None)
    if r_c[0] >= NEAR_ANTIPODE_KM:
        cx, cy, _ = far_cap_boundaries(lon_c, lat_c, r_c, target)
        return cx[::-1].copy(), cy[::-1].copy()
    x, y, _, _ = _densify_arcs(lon_c, lat_c, r_c, np.full(1, 360.0), np.zeros(1), target, closed=True)
    return x, y


def geodesic_rings(
    lons: ArrayLike, lats: ArrayLike, radii_km: ArrayLike, *, tolerance_km: float | None = None
) -> list[list[Polygon | MultiPolygon]]:
    """Geodesic range rings for many centres and many ranges in one vectorized call.

    Parameters
    ----------
    lons, lats
        Centres in degrees (x = lon, y = lat), same length.
    radii_km
        Ranges in km, each greater than 0 and less than the distance to the antipode
        (20,003.93 km on WGS84, for every centre). A 19,000 km ring is the whole globe except a
        cap around the antipode; so is a 20,003 km one, with a cap of a few km (rings from
        19,950 km on are traced around that cap, see :mod:`geo.geodesy.antipode`).
    tolerance_km
        Largest allowed distance error of a ring edge (km). Default ``min(0.1 % of the range,
        1 km)`` for each range.

    Returns
    -------
    list of list of Polygon or MultiPolygon
        ``result[i][j]`` is the area within ``radii_km[j]`` of centre ``i``: counter-clockwise,
        split at the antimeridian, closed over the enclosed pole(s).

    Raises
    ------
    ValueError
        For a radius <= 0 or not below the antipodal distance, a latitude outside [-90, 90], or
        non-finite input; the message names the value.

    Examples
    --------
    >>> rings = geodesic_rings([125.75, 128.18], [39.03, 40.03], [300.0, 13000.0])
    >>> len(rings), len(rings[0])
    (2, 2)
    >>> import shapely
    >>> bool(shapely.contains_xy(rings[0][1], 0.0, 89.9)), bool(shapely.contains_xy(rings[0][1], 0.0, -89.9))
    (True, False)
    """
    lon_c, lat_c, r_c, tol = _prepare_rings(lons, lats, radii_km, tolerance_km)
    n_r = int(np.atleast_1d(np.asarray(radii_km)).size)
    target = _check_target_km(r_c, tol, explicit=tolerance_km is not None)
    near = r_c >= NEAR_ANTIPODE_KM
    geoms = np.empty(r_c.size, dtype=object)
    if not near.all():
        i = np.flatnonzero(~near)
        x, y, _, offsets = _densify_arcs(
            lon_c[i], lat_c[i], r_c[i], np.full(i.size, 360.0), np.zeros(i.size), target[i], closed=True
        )
        geoms[i] = _ring_polygons(x, y, offsets, lon_c[i], lat_c[i], r_c[i])
    if near.any():
        i = np.flatnonzero(near)
        cx, cy, coff = far_cap_boundaries(lon_c[i], lat_c[i], r_c[i], target[i])
        caps = _polygons_from_boundaries(cx, cy, coff)
        geoms[i] = shapely.orient_polygons(_complements(caps), exterior_cw=False)
    flat: list[Polygon | MultiPolygon] = geoms.tolist()
    return [flat[i * n_r : (i + 1) * n_r] for i in range(lon_c.size // max(n_r, 1))]


def _ring_polygons(
    x: FloatArray,
    y: FloatArray,
    offsets: npt.NDArray[np.intp],
    lon_c: FloatArray,
    lat_c: FloatArray,
    r_c: FloatArray,
) -> npt.NDArray[np.object_]:
    """Polygons for ring boundaries: a fast path for the common ring that encloses no pole and
    spans less than 180° of longitude (it cannot cross the antimeridian, and decreasing azimuth
    makes it counter-clockwise already); everything else through :func:`_polygons_from_boundaries`.
    """
    n = r_c.size
    counts = np.diff(offsets)
    _, _, d_north = _GEOD.inv(lon_c, lat_c, lon_c, np.full(n, 90.0))
    _, _, d_south = _GEOD.inv(lon_c, lat_c, lon_c, np.full(n, -90.0))
    no_pole = (np.asarray(d_north) / 1000.0 > r_c + 1.0) & (np.asarray(d_south) / 1000.0 > r_c + 1.0)
    span = np.maximum.reduceat(x, offsets[:-1]) - np.minimum.reduceat(x, offsets[:-1])
    fast = no_pole & (span < 180.0)
    out = np.empty(n, dtype=object)
    if fast.any():
        owner = np.repeat(np.arange(n), counts)
        m = fast[owner]
        rank = np.cumsum(fast) - 1
        rings = shapely.linearrings(np.column_stack((x[m], y[m])), indices=rank[owner[m]])
        out[fast] = shapely.polygons(rings)
    if not fast.all():
        slow = np.flatnonzero(~fast)
        owner = np.repeat(np.arange(n), counts)
        m = (~fast)[owner]
        sub_off = np.concatenate(([0], np.cumsum(counts[slow]))).astype(np.intp)
        out[slow] = _polygons_from_boundaries(x[m], y[m], sub_off)
    return out


def geodesic_ring(
    lon: float, lat: float, radius_km: float, *, tolerance_km: float | None = None
) -> Polygon | MultiPolygon:
    """The area within ``radius_km`` (geodesic, WGS84) of ``(lon, lat)``; see :func:`geodesic_rings`.

    >>> ring = geodesic_ring(125.75, 39.03, 13000.0)  # encloses the North Pole, crosses 180°
    >>> import shapely
    >>> bool(shapely.contains_xy(ring, -77.04, 38.90))  # Washington, DC
    True
    """
    return geodesic_rings([lon], [lat], [radius_km], tolerance_km=tolerance_km)[0][0]
