"""Geodesic range rings, buffers, range bands, sectors and distances on the WGS84 ellipsoid.

Every distance is a geodesic distance on WGS84 computed by GeographicLib (``pyproj.Geod``);
nothing here buffers in degrees, Web Mercator or any other projection. Coordinates are
(longitude, latitude) in degrees, x = lon, y = lat, and distances are in kilometres.

Polygons returned by this module are ready for RFC 7946 GeoJSON and for ``shapely`` predicates
in lon/lat:

* vertices lie exactly on the geodesic circle (``Geod.fwd``) and the straight lon/lat edge
  between two consecutive vertices strays from the true distance by at most ``tolerance_km``
  (default ``min(0.1 % of the range, 1 km)``): edges are bisected adaptively, with a certified
  bound (see :func:`geodesic_ring_vertices`);
* exterior rings are counter-clockwise, holes clockwise;
* geometries are split at the antimeridian into parts whose longitudes lie in [-180, 180];
* a shape enclosing a pole is closed along latitude +90 or -90 over the correct pole, and a
  shape enclosing both poles (a very large ring) is the globe minus the cap it leaves out,

so ``shapely.contains_xy(ring, lon, lat)`` tells whether a point is within range. (A point
exactly on the 180th meridian lies on the split line, the boundary of both parts: test such
points with ``shapely.intersects_xy``.)

Examples
--------
>>> ring = geodesic_ring(125.75, 39.03, 1500.0)
>>> import shapely
>>> bool(shapely.contains_xy(ring, 139.69, 35.69))  # Tokyo is about 1,290 km from Pyongyang
True
>>> round(float(distance_km(125.75, 39.03, 139.69, 35.69)))
1288
"""

from __future__ import annotations

from geo.geodesy._core import MAX_RADIUS_KM, default_tolerance_km
from geo.geodesy.areas import geodesic_area_km2
from geo.geodesy.bands import range_band, sector
from geo.geodesy.distances import azimuth_deg, destination, distance_km, distance_to_region_km, within_range
from geo.geodesy.limits import (
    reach_accuracy_km,
    reach_cost,
    reach_inner,
    reach_limits,
    reach_outer,
    region_samples,
)
from geo.geodesy.regions import band_from_region, buffer_region, sector_from_region
from geo.geodesy.rings import geodesic_ring, geodesic_ring_vertices, geodesic_rings
from geo.geodesy.split import split_boundary

__all__ = [
    "MAX_RADIUS_KM",
    "azimuth_deg",
    "band_from_region",
    "buffer_region",
    "default_tolerance_km",
    "destination",
    "distance_km",
    "distance_to_region_km",
    "geodesic_area_km2",
    "geodesic_ring",
    "geodesic_ring_vertices",
    "geodesic_rings",
    "range_band",
    "reach_accuracy_km",
    "reach_cost",
    "reach_inner",
    "reach_limits",
    "reach_outer",
    "region_samples",
    "sector",
    "sector_from_region",
    "split_boundary",
    "within_range",
]
