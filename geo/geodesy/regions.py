"""Geodesic buffers, bands and sectors around lon/lat regions (an uncertain launch area, a
coastline), on WGS84.
"""

from __future__ import annotations

import math

import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Point, Polygon
from shapely.geometry.base import BaseGeometry

from geo.geodesy._core import _areal, _check_band, _resolve_tolerance
from geo.geodesy.bands import sector
from geo.geodesy.limits import reach_outer
from geo.geodesy.offsets import offset_buffer

__all__ = [
    "band_from_region",
    "buffer_region",
    "sector_from_region",
]


def buffer_region(
    region: BaseGeometry, distance_km: float, *, tolerance_km: float | None = None
) -> Polygon | MultiPolygon:
    """Everything within ``distance_km`` (geodesic, WGS84) of a lon/lat region.

    ``region`` is a shapely Polygon, MultiPolygon, LineString, MultiLineString, Point or
    MultiPoint in lon/lat degrees (x = lon), already split at the antimeridian. The result is
    split at the antimeridian too, counter-clockwise, and valid.

    Method (one vectorized pass per boundary line, then one GEOS union): every boundary line is
    densified to short segments; on the outward side of each segment (both sides for lines) a
    quadrilateral reaches out to the geodesic offset points at ``distance_km`` (``Geod.fwd``
    at right angles to the segment's geodesic azimuth); where the boundary turns by more than
    ``sqrt(4 tol / d)`` radians towards that side, a fan (the geodesic circle arc around the
    corner, adaptively densified like :func:`geodesic_rings`) fills the gap; gentler corners
    share one offset point on the bisector instead; line ends and isolated points get full
    rings; the region itself is added for polygons. Neighbouring pieces share their vertices
    exactly, which keeps the union robust.

    Accuracy: every offset vertex is exactly ``distance_km`` from the boundary; between them the
    result strays from the true geodesic buffer by at most ``tolerance_km`` (default
    ``min(0.1 % of distance_km, 1 km)``), in practice a few percent of it: under 1 m at
    22.2 and 300 km, about 15 m at 1,500 km. Region edges are read as geodesics between the
    densified vertices (spaced ``sqrt(2 R tol)``, 0.5 to 100 km), which differs from straight
    lon/lat edges by far less than the tolerance. Speed: a 3,000-vertex coastline buffered by
    22.224 km (12 nautical miles) takes about a second. From 10,000 km on (up to 20,002.9 km)
    the buffer is :func:`geo.geodesy.reach_outer`, the union of exact rings around boundary
    samples, because offsets across half the globe fold over.

    >>> korea = Polygon([(124.5, 37.7), (130.7, 42.3), (129.6, 35.0), (126.2, 34.3)])
    >>> zone = buffer_region(korea, 22.224)
    >>> import shapely
    >>> from geo.geodesy import destination
    >>> lon, lat = destination(129.6, 35.0, azimuth_deg=120.0, distance_km=20.0)
    >>> bool(shapely.contains_xy(zone, lon, lat))
    True
    """
    d = float(distance_km)
    if not (math.isfinite(d) and d > 0.0):
        raise ValueError(f"distance_km must be greater than 0 km, got {distance_km!r}")
    if d >= 10_000.0:
        # offset quads across half the globe fold over; the ring union of geo.geodesy.limits is
        # exact at these ranges (and up to the antipodal distance)
        return reach_outer(region, d, tolerance_km=tolerance_km)
    if region.is_empty:
        raise ValueError("cannot buffer an empty region")
    tol = float(_resolve_tolerance(np.array([d]), tolerance_km)[0])
    return offset_buffer(region, d, tol)


def band_from_region(
    region: BaseGeometry, *, min_km: float, max_km: float, tolerance_km: float | None = None
) -> Polygon | MultiPolygon:
    """Points between ``min_km`` and ``max_km`` (geodesic) of a region: two buffers differenced.

    ``min_km == 0`` gives :func:`buffer_region` at ``max_km`` (the region included).
    """
    _check_band(float(min_km), float(max_km))
    outer = buffer_region(region, max_km, tolerance_km=tolerance_km)
    if min_km == 0:
        return outer
    inner = buffer_region(region, min_km, tolerance_km=tolerance_km)
    return _areal(shapely.orient_polygons(outer.difference(inner), exterior_cw=False))


def sector_from_region(
    region: BaseGeometry,
    *,
    bearing_deg: float,
    spread_deg: float,
    min_km: float,
    max_km: float,
    tolerance_km: float | None = None,
) -> Polygon | MultiPolygon:
    """Impact sector from an uncertain launch area: the union of :func:`sector` over the region.

    The sectors are taken from every vertex of the region's boundary densified to about 10 km
    (plus its representative point), so the result covers every point that some launch point
    in the region reaches within the bearing and range limits, to within that sampling.
    """
    pts = [np.asarray(region.representative_point().coords)[0]]
    for part in shapely.get_parts(shapely.boundary(region) if not isinstance(region, Point) else region):
        dense = shapely.segmentize(part, 0.09)
        pts.extend(np.asarray(dense.coords)[:, :2])
    uniq = np.unique(np.round(np.asarray(pts, dtype=np.float64), 9), axis=0)
    pieces = [
        sector(
            float(px),
            float(py),
            bearing_deg=bearing_deg,
            spread_deg=spread_deg,
            min_km=min_km,
            max_km=max_km,
            tolerance_km=tolerance_km,
        )
        for px, py in uniq
    ]
    return _areal(shapely.orient_polygons(shapely.union_all(pieces), exterior_cw=False))
