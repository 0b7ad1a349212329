"""Geometry helpers of the geocoder, all geodesic (through :mod:`geo.geodesy`): lon/lat degrees, x = lon.

The uncertainty of a region is :func:`enclosing_radius_km`: the radius of the smallest geodesic
circle centred on the representative point that contains the whole region.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

from geo.geodesy import distance_km

__all__ = ["areal", "clean_region", "enclosing_radius_km", "rep_point", "round_coords"]


def enclosing_radius_km(lon: float, lat: float, region: BaseGeometry) -> float:
    """Largest geodesic distance (km) from (lon, lat) to the vertices of ``region``'s boundary.

    For polygons whose edges are short (all regions here) this is the radius of the circle centred
    on the point that contains the region.

    >>> from geo.geodesy import geodesic_ring
    >>> round(enclosing_radius_km(125.75, 39.03, geodesic_ring(125.75, 39.03, 20.0)), 3)
    20.0
    """
    coords = shapely.get_coordinates(shapely.boundary(region))
    if coords.size == 0:
        return 0.0
    d = distance_km(np.full(len(coords), lon), np.full(len(coords), lat), coords[:, 0], coords[:, 1])
    return float(np.max(d))


def areal(geom: BaseGeometry) -> Polygon | MultiPolygon:
    """The polygonal part of ``geom`` (lon/lat degrees): a Polygon, a MultiPolygon, or an empty Polygon.

    >>> from shapely.geometry import GeometryCollection, Point, box
    >>> areal(GeometryCollection([Point(0, 0), box(0, 0, 1, 1)])).area
    1.0
    """
    if isinstance(geom, (Polygon, MultiPolygon)):
        return geom
    polys = [p for p in shapely.get_parts(geom) if isinstance(p, Polygon) and not p.is_empty]
    if not polys:
        return Polygon()
    if len(polys) == 1:
        return polys[0]
    return MultiPolygon(polys)


def clean_region(geom: BaseGeometry) -> Polygon | MultiPolygon:
    """Areal part of ``geom`` without degenerate holes (area under 1e-10 deg², i.e. < 1 m²) that
    unions of many small geodesic pieces can leave behind; real holes (islands cut out of a sea)
    are kept."""
    parts: list[Polygon] = []
    for p in shapely.get_parts(areal(geom)):
        if not isinstance(p, Polygon) or p.is_empty:
            continue
        holes = [h for h in p.interiors if Polygon(h).area >= 1e-10]
        parts.append(Polygon(p.exterior, holes) if len(holes) != len(p.interiors) else p)
    if not parts:
        return Polygon()
    return parts[0] if len(parts) == 1 else MultiPolygon(parts)


def rep_point(region: BaseGeometry) -> tuple[float, float]:
    """A representative point ``(lon, lat)`` of ``region``: its centroid when inside, else a point on it.

    >>> from shapely.geometry import box
    >>> rep_point(box(124.0, 38.0, 126.0, 40.0))
    (125.0, 39.0)
    """
    c = region.centroid
    p = c if region.contains(c) else region.representative_point()
    return float(p.x), float(p.y)


def round_coords(obj: Any) -> Any:
    """``obj`` (GeoJSON-like nested lists/dicts) with every float rounded to 6 decimals (about 0.1 m).

    >>> round_coords({"coordinates": [[125.123456789, 39.1]]})
    {'coordinates': [[125.123457, 39.1]]}
    """
    if isinstance(obj, float):
        return round(obj, 6)
    if isinstance(obj, (list, tuple)):
        return [round_coords(o) for o in obj]
    if isinstance(obj, dict):
        return {k: round_coords(v) for k, v in obj.items()}
    return obj
