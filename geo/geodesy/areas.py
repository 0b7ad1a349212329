"""Ellipsoidal (WGS84) areas of lon/lat polygons, including pole-closed and globe-spanning ones."""

from __future__ import annotations

import shapely
from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

from geo.geodesy._core import _GEOD

__all__ = [
    "geodesic_area_km2",
]


def geodesic_area_km2(geom: BaseGeometry) -> float:
    """Ellipsoidal (WGS84) area in km² of a lon/lat Polygon/MultiPolygon, holes subtracted.

    Uses GeographicLib (``Geod.geometry_area_perimeter``). The geometry is first cut into
    90-degree longitude strips so that parts closed along a pole or spanning the whole globe
    (as returned by :func:`geodesic_ring`) are measured correctly; edges are taken as geodesics,
    which for the short edges of densified rings differs negligibly from straight lon/lat edges.

    >>> round(geodesic_area_km2(Polygon([(0, 0), (1, 0), (1, 1), (0, 1)])))
    12309
    """
    if geom.is_empty:
        return 0.0
    if not isinstance(geom, Polygon | MultiPolygon):
        raise TypeError(f"geodesic_area_km2 needs a Polygon or MultiPolygon, got {geom.geom_type}")
    total = 0.0
    for west in (-180.0, -90.0, 0.0, 90.0):
        piece = shapely.clip_by_rect(geom, west, -90.0, west + 90.0, 90.0)
        if piece.is_empty:
            continue
        piece = shapely.orient_polygons(piece, exterior_cw=False)
        for part in shapely.get_parts(piece):
            if isinstance(part, Polygon) and not part.is_empty:
                area, _ = _GEOD.geometry_area_perimeter(part)
                total += float(area)
    return total / 1e6
