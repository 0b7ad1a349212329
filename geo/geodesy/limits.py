"""Reach of a launch region: the area within a range of SOME point of it, and of EVERY point of it.

A launch reported only as "North Korea" or "Yangdok county" is somewhere in a region. For a
range ``N`` (km, geodesic on WGS84):

* the **outer limit** is everything within ``N`` of some point of the region: what the missile
  can reach from at least one possible launch point (the region's geodesic buffer);
* the **inner limit** is everything within ``N`` of every point of the region: what it reaches
  wherever in the region it was launched (empty when ``N`` is less than about half the region's
  width).

Between them lies the band whose width shows the launch-place uncertainty.

Method. For a point ``x`` outside the region, the nearest point of the region is on its boundary,
and so is the farthest point unless ``x``'s antipode lies in the region (the antipode is the
only local maximum of the distance; then ``x`` is out of reach of that point whatever ``N``).
The boundary, simplified by at most an eighth of the tolerance, is sampled every ``s`` km with
``s**2 / (8 N) <= tolerance / 4`` (at most 50 km),
and each sample gets an exact geodesic ring (:func:`geo.geodesy.geodesic_rings`, vertices on the
ellipsoid, edges within half the tolerance, split at 180°, closed over the poles, correct up to
the antipodal distance). The outer limit is the union of those rings and the region; the inner
limit is their intersection, less the region's antipodal image. Sampling moves a limit by at
most ``s**2 / (8 N)`` (the sag of the union or intersection of two equal circles ``s`` apart),
so every vertex is within ``min(0.1 % of N, 1 km)`` of the true limit; the tests measure it
against brute force (dense region points, ``Geod.inv``).

Coordinates are (lon, lat) degrees, WGS84; ranges and tolerances are km.

Examples
--------
>>> from shapely.geometry import Polygon
>>> import shapely
>>> county = Polygon([(126.6, 39.1), (127.0, 39.1), (127.0, 39.45), (126.6, 39.45)])
>>> outer, inner = reach_limits(county, 800.0)
>>> outer.is_valid and inner.is_valid, bool(inner.within(outer))
(True, True)
>>> bool(shapely.contains_xy(outer, 126.8, 46.4)), bool(shapely.contains_xy(inner, 126.8, 46.4))
(True, False)
"""

from __future__ import annotations

import math

import numpy as np
import shapely
from shapely.geometry import LineString, MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

from geo.geodesy._core import (
    MAX_RADIUS_KM,
    FloatArray,
    _areal,
    _boundary_lines,
    _resolve_tolerance,
)
from geo.geodesy.rings import geodesic_rings

__all__ = ["reach_inner", "reach_limits", "reach_outer", "region_samples"]

_EMPTY = Polygon()


def _check_distance(distance_km: float) -> float:
    d = float(distance_km)
    if not (math.isfinite(d) and d > 0.0):
        raise ValueError(f"distance_km must be greater than 0 km, got {distance_km!r}")
    if d >= MAX_RADIUS_KM - 1.0:
        raise ValueError(
            f"distance_km must be less than the distance to the antipode less 1 km (20,002.9 km), "
            f"got {distance_km!r}"
        )
    return d


def sample_spacing_km(distance_km: float, tolerance_km: float) -> float:
    """Boundary sample spacing (km) that keeps the sampling error within ``tolerance_km / 4``.

    >>> round(sample_spacing_km(800.0, 0.8), 2), sample_spacing_km(13_000.0, 1.0)
    (35.78, 50.0)
    """
    return float(np.clip(math.sqrt(2.0 * distance_km * tolerance_km), 0.1, 50.0))


def region_samples(region: BaseGeometry, spacing_km: float) -> tuple[FloatArray, FloatArray]:
    """Points (lon, lat arrays) along every boundary line of ``region``, at most ``spacing_km`` apart.

    Every vertex of the region is kept; points and multipoints are returned as they are.
    Duplicates (the closing vertex of a ring, shared vertices) appear once.

    >>> x, y = region_samples(Polygon([(0, 0), (1, 0), (1, 1), (0, 1)]), 50.0)
    >>> len(x)  # 4 vertices + 2 extra points on each 111 km side
    12
    """
    if region.is_empty:
        raise ValueError("cannot sample an empty region")
    lines, points, _ = _boundary_lines(region)
    # degrees of latitude are the longest (111.7 km at most): spacing in degrees is conservative
    step_deg = spacing_km / 111.7
    parts = [np.asarray(shapely.segmentize(LineString(c), step_deg).coords)[:, :2] for c in lines]
    parts += points
    xy = np.concatenate(parts) if parts else np.empty((0, 2))
    xy = np.unique(xy, axis=0)
    return np.ascontiguousarray(xy[:, 0]), np.ascontiguousarray(xy[:, 1])


def _polygons_of(region: BaseGeometry) -> list[Polygon]:
    return [p for p in shapely.get_parts(region) if isinstance(p, Polygon) and not p.is_empty]


def _antipodal_image(region: BaseGeometry) -> BaseGeometry:
    """The antipodes of the region's polygons (lon + 180, -lat), split at 180°."""
    polys = _polygons_of(region)
    if not polys:
        return _EMPTY
    mirrored = shapely.transform(MultiPolygon(polys), lambda c: np.column_stack((c[:, 0] + 180.0, -c[:, 1])))
    parts = [
        shapely.clip_by_rect(shapely.affinity.translate(mirrored, dx), -180.0, -90.0, 180.0, 90.0)
        for dx in (0.0, -360.0)
    ]
    return shapely.make_valid(shapely.union_all(parts))


def _finish(geom: BaseGeometry) -> Polygon | MultiPolygon:
    if geom.is_empty:
        return _EMPTY
    return _areal(shapely.orient_polygons(geom, exterior_cw=False))


def _rings(region: BaseGeometry, d: float, tolerance_km: float | None) -> tuple[list[BaseGeometry], float]:
    tol = float(_resolve_tolerance(np.array([d]), tolerance_km)[0])
    # Vertices closer together than the tolerance add rings but no accuracy: simplify first, by at
    # most tol / 8 (in degrees of latitude, the longest), which moves each limit by no more.
    thin = shapely.simplify(region, tol / 8.0 / 111.7, preserve_topology=True)
    x, y = region_samples(thin if not thin.is_empty else region, sample_spacing_km(d, tol))
    rings = geodesic_rings(x, y, [d], tolerance_km=tol / 2.0)
    return [r[0] for r in rings], tol


def _outer(region: BaseGeometry, rings: list[BaseGeometry]) -> Polygon | MultiPolygon:
    pieces = np.asarray([*rings, *_polygons_of(region)], dtype=object)
    return _finish(shapely.union_all(pieces))


def _inner(region: BaseGeometry, rings: list[BaseGeometry], d: float) -> Polygon | MultiPolygon:
    inner = shapely.intersection_all(np.asarray(rings, dtype=object))
    if not inner.is_empty and d > 10_000.0:
        inner = shapely.difference(inner, _antipodal_image(region))
    return _finish(inner)


def reach_limits(
    region: BaseGeometry, distance_km: float, *, tolerance_km: float | None = None
) -> tuple[Polygon | MultiPolygon, Polygon | MultiPolygon]:
    """Outer and inner limits of the reach of ``distance_km`` from a launch region.

    Parameters
    ----------
    region : shapely geometry
        The launch region in lon/lat degrees (x = lon), split at the antimeridian: a (Multi)Polygon,
        or (Multi)LineString / (Multi)Point.
    distance_km : float
        The range (km), greater than 0 and below 20,002.9 km.
    tolerance_km : float, optional
        Largest distance error (km) of the limits' boundaries; default ``min(0.1 % of the range,
        1 km)``.

    Returns
    -------
    outer, inner : Polygon or MultiPolygon
        ``outer``: everything within ``distance_km`` of some point of the region (region
        included). ``inner``: everything within ``distance_km`` of every point of it; an empty
        Polygon when no point is. Both valid, counter-clockwise, split at 180°, closed over the
        poles they contain.

    Raises
    ------
    ValueError
        For an empty region or a range out of bounds; the message names the value.

    Examples
    --------
    >>> from shapely.geometry import Polygon
    >>> import shapely
    >>> korea = Polygon([(124.5, 37.7), (130.7, 42.3), (129.6, 35.0), (126.2, 34.3)])
    >>> outer, inner = reach_limits(korea, 13_000.0)
    >>> bool(shapely.contains_xy(outer, 0.0, 89.9)), bool(shapely.contains_xy(inner, -77.04, 38.90))
    (True, True)
    >>> reach_limits(korea, 100.0)[1].is_empty  # 100 km does not reach across Korea from everywhere
    True
    """
    d = _check_distance(distance_km)
    if region.is_empty:
        raise ValueError("cannot compute the reach of an empty region")
    rings, _ = _rings(region, d, tolerance_km)
    return _outer(region, rings), _inner(region, rings, d)


def reach_outer(
    region: BaseGeometry, distance_km: float, *, tolerance_km: float | None = None
) -> Polygon | MultiPolygon:
    """Everything within ``distance_km`` of some point of the region; see :func:`reach_limits`.

    >>> import shapely
    >>> from shapely.geometry import Point
    >>> area = reach_outer(Point(125.75, 39.03), 1_500.0)
    >>> bool(shapely.contains_xy(area, 139.69, 35.69))  # Tokyo, 1,288 km from Pyongyang
    True
    """
    d = _check_distance(distance_km)
    if region.is_empty:
        raise ValueError("cannot compute the reach of an empty region")
    rings, _ = _rings(region, d, tolerance_km)
    return _outer(region, rings)


def reach_inner(
    region: BaseGeometry, distance_km: float, *, tolerance_km: float | None = None
) -> Polygon | MultiPolygon:
    """Everything within ``distance_km`` of every point of the region; see :func:`reach_limits`.

    >>> import shapely
    >>> from shapely.geometry import LineString
    >>> strip = LineString([(125.0, 39.0), (129.0, 39.0)])  # about 346 km long
    >>> bool(shapely.contains_xy(reach_inner(strip, 400.0), 127.0, 39.0))
    True
    """
    d = _check_distance(distance_km)
    if region.is_empty:
        raise ValueError("cannot compute the reach of an empty region")
    rings, _ = _rings(region, d, tolerance_km)
    return _inner(region, rings, d)
