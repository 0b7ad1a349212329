"""Geometry helpers shared by the export writers (lon/lat degrees, WGS84, x = lon, y = lat).

* :func:`check_geometry` / :func:`round_geometry`: the RFC 7946 rules every writer follows
  (coordinates in range, split at the antimeridian, rounding that keeps polygons valid,
  counter-clockwise exteriors);
* :func:`globe_tiles` / :func:`true_outline`: how an area is handed to a virtual globe (Google
  Earth) so that it is drawn as the area it is, even when it crosses 180° or encloses a pole.
"""

from __future__ import annotations

import itertools
from typing import Any

import numpy as np
import shapely
from shapely.geometry import LineString, MultiPolygon, Polygon, box
from shapely.geometry.base import BaseGeometry

__all__ = ["check_geometry", "edge_crosses", "globe_tiles", "round_geometry", "true_outline"]

#: Tiles of 90° of longitude by 90° of latitude. Their edges are meridians and the equator: great
#: circles and lines of constant heading at once, so a globe draws a tile's cut edges where they are
#: whichever way it interpolates, and no tile is larger than an eighth of the sphere.
_TILES = tuple(box(x, y, x + 90.0, y + 90.0) for x in (-180.0, -90.0, 0.0, 90.0) for y in (-90.0, 0.0))

#: How close to ±90° latitude an edge must run to count as the edge closing a ring over a pole.
_POLE_EPS_DEG = 1e-9


def edge_crosses(coords: np.ndarray[Any, Any]) -> bool:
    """True when an edge of ``coords`` (n x 2, lon/lat) jumps more than 180° of longitude.

    Edges along a pole (both ends at latitude ±90) do not count: they close a ring over the pole.
    """
    if len(coords) < 2:
        return False
    dx = np.abs(np.diff(coords[:, 0]))
    polar = (np.abs(coords[:-1, 1]) == 90.0) & (coords[:-1, 1] == coords[1:, 1])
    return bool(np.any((dx > 180.0) & ~polar))


def check_geometry(geom: BaseGeometry, where: str) -> None:
    """Raise ``ValueError`` naming ``where`` unless ``geom`` is lon/lat in range and split at 180°."""
    if geom.is_empty:
        return
    bounds = geom.bounds
    if bounds[0] < -180.0 or bounds[2] > 180.0 or bounds[1] < -90.0 or bounds[3] > 90.0:
        raise ValueError(
            f"{where}: coordinates must lie within [-180, 180] x [-90, 90] (lon, lat), got bounds "
            f"{tuple(round(b, 6) for b in bounds)}; is the data in EPSG:4326 and split at the antimeridian?"
        )
    for part in shapely.get_parts(geom):
        rings = [part.exterior, *part.interiors] if isinstance(part, Polygon) else [part]
        for ring in rings:
            if edge_crosses(np.asarray(ring.coords)):
                raise ValueError(
                    f"{where}: an edge jumps more than 180° in longitude, i.e. the geometry crosses the "
                    "antimeridian without being split; split it at 180° first "
                    "(geo.geodesy.split_boundary does this for polygons)"
                )


def round_geometry(geom: BaseGeometry, precision: int) -> BaseGeometry:
    """Round to ``precision`` decimals keeping polygons valid; exteriors counter-clockwise.

    GEOS snap-rounding (``shapely.set_precision``) keeps a valid polygon valid where plain rounding
    can make two holes share an edge; RFC 7946 §3.1.6 orientation is applied afterwards.
    """
    if geom.is_empty:
        return geom
    grid = 10.0 ** (-precision)
    if isinstance(geom, Polygon | MultiPolygon) and not geom.is_valid:
        geom = shapely.make_valid(geom)
    out = shapely.set_precision(geom, grid)  # snap-rounding: stays valid
    out = shapely.orient_polygons(out, exterior_cw=False)
    return shapely.transform(out, lambda c: np.round(c, precision))


def globe_tiles(geom: BaseGeometry) -> list[Polygon]:
    """An areal lon/lat geometry cut into pieces a virtual globe cannot misread.

    A globe (Google Earth) joins polygon vertices the short way round and fills the smaller side
    of a ring, so a 13,000 km range ring (73 % of the Earth, around the North Pole, across 180°)
    would come out as its complement. Cut into 90° x 90° tiles, every piece is smaller than a
    hemisphere, encloses no pole (a pole can only be a corner) and has no edge crossing 180°.
    The pieces are counter-clockwise polygons; their union is ``geom``.

    >>> from geo.geodesy import geodesic_ring
    >>> pieces = globe_tiles(geodesic_ring(125.75, 39.03, 13000.0))
    >>> max(p.bounds[2] - p.bounds[0] for p in pieces) <= 90.0
    True
    """
    if geom.is_empty:
        return []
    out: list[Polygon] = []
    for tile in _TILES:
        if not geom.intersects(tile):
            continue
        part = geom.intersection(tile)
        for piece in shapely.get_parts(part):
            if isinstance(piece, Polygon) and not piece.is_empty and piece.area > 0.0:
                out.append(shapely.orient_polygons(piece, exterior_cw=False))
    return out


def true_outline(geom: BaseGeometry) -> list[LineString]:
    """The real boundary lines of an areal lon/lat geometry, without its artificial edges.

    A ring made by :mod:`geo.geodesy` is split along the 180° meridian and, when it encloses a
    pole, closed along latitude ±90: those edges are bookkeeping, not part of the ring, and would
    draw as straight lines up to the pole. They are dropped; what is left is the ring itself, in
    order, as lines whose longitudes stay within [-180, 180].
    """
    lines: list[LineString] = []
    for poly in shapely.get_parts(geom):
        if not isinstance(poly, Polygon):
            continue
        for ring in (poly.exterior, *poly.interiors):
            coords = [(float(x), float(y)) for x, y in ring.coords]
            current = [coords[0]]
            for a, b in itertools.pairwise(coords):
                seam = abs(a[0]) == 180.0 and a[0] == b[0]
                pole = abs(abs(a[1]) - 90.0) < _POLE_EPS_DEG and abs(abs(b[1]) - 90.0) < _POLE_EPS_DEG
                if seam or pole:
                    if len(current) > 1:
                        lines.append(LineString(current))
                    current = [b]
                else:
                    current.append(b)
            if len(current) > 1:
                lines.append(LineString(current))
    return lines
