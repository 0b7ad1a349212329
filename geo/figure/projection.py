"""The map projection of the range map: azimuthal equidistant on WGS84, centred on the launch point.

Geometries are clipped in lon/lat to a geodesic disc around the centre that stays short of the
antipode (where the projection tears), densified so that straight lon/lat edges (meridians, the
180° seam) follow their true curves, then projected. Coordinates in are (lon, lat) degrees; out,
metres east/north of the centre.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt
import shapely
from pyproj import CRS, Transformer
from shapely.geometry import LineString
from shapely.geometry.base import BaseGeometry

__all__ = ["MAX_CLIP_KM", "Projector", "aeqd_crs", "graticule"]

#: Largest clip radius (km): the map never reaches the antipode (about 20,000 km away).
MAX_CLIP_KM = 19_000.0


def aeqd_crs(lon: float, lat: float) -> CRS:
    """The azimuthal equidistant projection on WGS84 centred on (lon, lat), in metres.

    Distances and azimuths from the centre are geodesic (PROJ uses GeographicLib), so a geodesic
    circle around the centre is a circle of the same radius on the map.

    >>> crs = aeqd_crs(125.75, 39.03)
    >>> x, y = Transformer.from_crs("EPSG:4326", crs, always_xy=True).transform(125.75, 50.0)
    >>> round(abs(x)), round(y / 1000)  # due north, 1,219 km: the geodesic distance
    (0, 1219)
    """
    return CRS.from_proj4(f"+proj=aeqd +lat_0={lat:.8f} +lon_0={lon:.8f} +x_0=0 +y_0=0 +ellps=WGS84 +units=m")


class Projector:
    """Clip lon/lat geometries to a geodesic disc of ``clip_km`` around (lon, lat) and project them.

    Attributes
    ----------
    crs : pyproj.CRS
        The projection (:func:`aeqd_crs`).
    disc : shapely Polygon or MultiPolygon
        The clip disc in lon/lat (a geodesic ring, split at 180°, closed over an enclosed pole).
    """

    def __init__(self, lon: float, lat: float, clip_km: float) -> None:
        import geo  # late: public names only (geo.geodesy may be reorganised)

        if not 0.0 < clip_km <= MAX_CLIP_KM:
            raise ValueError(f"clip_km must be within (0, {MAX_CLIP_KM:,.0f}] km, got {clip_km!r}")
        self.lon, self.lat, self.clip_km = float(lon), float(lat), float(clip_km)
        self.crs = aeqd_crs(lon, lat)
        self._to_map = Transformer.from_crs("EPSG:4326", self.crs, always_xy=True)
        self.disc = geo.geodesic_ring(lon, lat, clip_km)
        shapely.prepare(self.disc)

    def xy(self, lons: Any, lats: Any) -> npt.NDArray[np.float64]:
        """Projected metres (n x 2) of lon/lat degrees."""
        x, y = self._to_map.transform(np.asarray(lons, dtype=float), np.asarray(lats, dtype=float))
        return np.column_stack([np.atleast_1d(x), np.atleast_1d(y)])

    def project(self, geom: BaseGeometry, *, step_deg: float = 0.5) -> BaseGeometry:
        """``geom`` (lon/lat) cut to the disc, densified to ``step_deg``, in projected metres."""
        if geom.is_empty or not self.disc.intersects(geom):
            return shapely.GeometryCollection()
        part = geom if self.disc.contains(geom) else shapely.intersection(geom, self.disc)
        part = shapely.segmentize(part, step_deg)
        return shapely.transform(part, lambda c: self.xy(c[:, 0], c[:, 1]))


def graticule(step_deg: float) -> BaseGeometry:
    """Meridians every ``step_deg`` (pole to pole) and parallels every ``step_deg`` up to ±80°."""
    lines: list[LineString] = []
    lats = np.arange(-90.0, 90.0 + 1e-9, min(0.5, step_deg / 4))
    for lon in np.arange(-180.0, 180.0, step_deg):
        lines.append(LineString(np.column_stack([np.full(lats.size, lon), lats])))
    lons = np.arange(-180.0, 180.0 + 1e-9, min(0.5, step_deg / 4))
    for lat in np.arange(-90.0 + step_deg, 90.0 - 1e-9, step_deg):
        if abs(lat) <= 80.0:
            lines.append(LineString(np.column_stack([lons, np.full(lons.size, lat)])))
    return shapely.MultiLineString(lines)
