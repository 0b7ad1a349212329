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
``s**2 / (8 r) <= tolerance / 4`` (at most 50 km), where ``r = min(N, 20,003.9 - N)`` bounds the
radius of curvature of a ring of ``N`` km (on its far side a ring is a parallel curve of the
cut locus, a segment through the antipode, at ``20,003.9 - N`` km), and each sample gets an
exact geodesic ring (:func:`geo.geodesy.geodesic_rings`, vertices on the ellipsoid, edges within
half the tolerance, split at 180°, closed over the poles, correct up to the antipodal distance).
The outer limit is the union of those rings and the region; the inner limit is their
intersection, less the region's antipodal image. Sampling moves a limit by at most
``s**2 / (8 r)`` (the sag of the union or intersection of two such rings ``s`` apart), so every
vertex is within ``min(0.1 % of N, 1 km)`` of the true limit; the tests measure it against brute
force (dense region points, ``Geod.inv``).

Two shortcuts keep the cost bounded. A range shorter than half the region's width (two region
points more than ``2 N`` apart) has no inner limit, and its outer limit is the region's geodesic
buffer by offsets (:func:`geo.geodesy.buffer_region`), not thousands of tiny rings. From 19,950 km
on (:data:`NEAR_ANTIPODE_KM`) a line or polygon region's limits come from the antipodal image
``A`` of the region instead: the cap left out by the ring of each region point holds every point
within ``b = 20,003.9 - N`` km of its antipode and none farther than the cap's largest radius
``a`` (:func:`reach_accuracy_km`), so the inner limit is the globe less ``A`` buffered by
``(a + b) / 2`` and the outer limit the globe less what lies within ``(a + b) / 2`` of every point
of ``A``: both within ``(a - b) / 2`` (at most 16.8 km, under 0.085 % of ``N``) of the truth.
Exact caps would need a sample every few hundred metres along the boundary (the caps are
elongated and pointed along the cut locus), thousands of them for a country.

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
import numpy.typing as npt
import shapely
from shapely.geometry import LineString, MultiPolygon, Point, Polygon
from shapely.geometry.base import BaseGeometry

from geo.geodesy._core import (
    _GEOD,
    _WORLD,
    MAX_RADIUS_KM,
    FloatArray,
    _areal,
    _boundary_lines,
    _resolve_tolerance,
)
from geo.geodesy.antipode import ANTIPODAL_KM, NEAR_ANTIPODE_KM, largest_cap_radius_km
from geo.geodesy.offsets import offset_buffer
from geo.geodesy.rings import geodesic_rings

__all__ = ["reach_accuracy_km", "reach_cost", "reach_inner", "reach_limits", "reach_outer", "region_samples"]

_EMPTY = Polygon()

#: Outer limits of short ranges (km) are the region's offset buffer (offsets over a pole, or
#: across a bay wider than the range, fold over).
_OFFSETS_BELOW_KM = 2_000.0
#: Below this range (km) a geodesic disc is convex (a quarter meridian is 10,002 km; margin).
_DISCS_CONVEX_KM = 9_000.0
#: From this range (km) on, the cap a ring leaves out is convex.
_CAPS_CONVEX_KM = 11_000.0


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

    ``s**2 / (8 r) <= tolerance_km / 4`` with ``r = min(N, 20,003.9 - N)``, the smallest radius of
    curvature of a ring of ``N`` km (see the module docstring); at most 50 km.

    >>> round(sample_spacing_km(800.0, 0.8), 2), sample_spacing_km(13_000.0, 1.0)
    (35.78, 50.0)
    >>> round(sample_spacing_km(19_900.0, 1.0), 1)  # 104 km from the antipode: the ring bends
    14.4
    """
    r = min(distance_km, ANTIPODAL_KM - distance_km)
    return float(np.clip(math.sqrt(2.0 * r * tolerance_km), 0.01, 50.0))


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


def _antipodal_image(region: BaseGeometry, *, polygons_only: bool = True) -> BaseGeometry:
    """The antipodes (lon + 180, -lat) of the region's polygons, or of all its parts, split at 180°."""
    if polygons_only:
        polys = _polygons_of(region)
        if not polys:
            return _EMPTY
        region = MultiPolygon(polys)
    mirrored = shapely.transform(region, lambda c: np.column_stack((c[:, 0] + 180.0, -c[:, 1])))
    parts = [
        shapely.clip_by_rect(shapely.affinity.translate(mirrored, dx), -180.0, -90.0, 180.0, 90.0)
        for dx in (0.0, -360.0)
    ]
    return shapely.make_valid(shapely.union_all(parts))


def _finish(geom: BaseGeometry) -> Polygon | MultiPolygon:
    if geom.is_empty:
        return _EMPTY
    return _areal(shapely.orient_polygons(geom, exterior_cw=False))


def _near_hull(region: BaseGeometry, x: FloatArray, y: FloatArray) -> npt.NDArray[np.bool_]:
    """Which samples may span the region's geodesic convex hull: all but those deeper inside its
    lon/lat convex hull than a geodesic between two hull vertices strays from the straight lon/lat
    edge (``L**2 tan(lat) / (8 R)`` for an edge of ``L`` km, plus 1 km). Every sample when the
    hull means nothing on the globe (over 180° of longitude, or beyond 80° of latitude)."""
    keep = np.ones(x.size, dtype=bool)
    lon0, lat0, lon1, lat1 = region.bounds
    lat_max = max(abs(lat0), abs(lat1))
    hull = shapely.convex_hull(region)
    if not isinstance(hull, Polygon) or lon1 - lon0 > 180.0 or lat_max > 80.0:
        return keep
    hv = np.asarray(hull.exterior.coords)
    _, _, edge_m = _GEOD.inv(hv[:-1, 0], hv[:-1, 1], hv[1:, 0], hv[1:, 1])
    edge_km = float(np.max(np.asarray(edge_m, dtype=np.float64))) / 1000.0
    stray_km = edge_km**2 * math.tan(math.radians(lat_max)) / (8.0 * 6_300.0) + 1.0
    # a degree of lon/lat is at least 110.5 cos(lat_max) km in any direction
    stray_deg = stray_km / (110.5 * math.cos(math.radians(lat_max)))
    return np.asarray(shapely.distance(hull.exterior, shapely.points(x, y)) <= stray_deg, dtype=bool)


def _samples(region: BaseGeometry, d: float, tol: float, *, hull_only: bool) -> tuple[FloatArray, FloatArray]:
    """The boundary samples that get a ring of ``d`` km; with ``hull_only``, those that may span
    the region's convex hull (enough where the discs, or the caps they leave out, are convex; see
    :func:`_limits`)."""
    # Vertices closer together than the tolerance add rings but no accuracy: simplify first, by at
    # most tol / 8 (in degrees of latitude, the longest), which moves each limit by no more.
    thin = shapely.simplify(region, tol / 8.0 / 111.7, preserve_topology=True)
    x, y = region_samples(thin if not thin.is_empty else region, sample_spacing_km(d, tol))
    if hull_only:
        keep = _near_hull(region, x, y)
        x, y = x[keep], y[keep]
    return x, y


def _rings(x: FloatArray, y: FloatArray, d: float, tol: float) -> list[BaseGeometry]:
    # an explicit tolerance is the bound each checked edge is certified to halve: final edges stray
    # at most tol / 2 (see geo.geodesy.arcs)
    rings = geodesic_rings(x, y, [d], tolerance_km=tol)
    return [r[0] for r in rings]


def _outer(region: BaseGeometry, rings: list[BaseGeometry]) -> Polygon | MultiPolygon:
    pieces = np.asarray([*rings, *_polygons_of(region)], dtype=object)
    return _finish(shapely.union_all(pieces))


def _inner(region: BaseGeometry, rings: list[BaseGeometry], d: float) -> Polygon | MultiPolygon:
    inner = shapely.intersection_all(np.asarray(rings, dtype=object))
    if not inner.is_empty and d > 10_000.0:
        inner = shapely.difference(inner, _antipodal_image(region))
    return _finish(inner)


def _span_km(region: BaseGeometry) -> float:
    """A lower bound (km) of the region's width: the largest distance between up to 64 of the
    vertices of its lon/lat convex hull (points of the region)."""
    xy = shapely.get_coordinates(shapely.convex_hull(region))
    if len(xy) < 2:
        return 0.0
    xy = xy[np.linspace(0, len(xy) - 1, min(len(xy), 64)).astype(np.intp)]
    x, y = xy[:, 0], xy[:, 1]
    _, _, d = _GEOD.inv(np.repeat(x, x.size), np.repeat(y, x.size), np.tile(x, x.size), np.tile(y, x.size))
    return float(np.max(np.asarray(d, dtype=np.float64))) / 1000.0


def _offsets_hold(region: BaseGeometry, d: float) -> bool:
    """Whether the offset buffer of ``d`` km is safe: a short range that keeps 5° from the poles."""
    _, lat0, _, lat1 = region.bounds
    return d < _OFFSETS_BELOW_KM and max(abs(lat0), abs(lat1)) + d / 110.0 < 85.0


def _is_extended(region: BaseGeometry) -> bool:
    return any(not isinstance(p, Point) for p in shapely.get_parts(region))


def _cap_bounds_km(region: BaseGeometry, d: float) -> tuple[float, float]:
    """``(b, a)``: every cap left out by a ring of ``d`` km (>= 19,950) around a point of the region
    holds the points within ``b`` km of that point's antipode and none beyond ``a`` km."""
    _, lat0, _, lat1 = region.bounds
    low = 0.0 if lat0 <= 0.0 <= lat1 else min(abs(lat0), abs(lat1))
    high = max(abs(lat0), abs(lat1))
    # the cap is longest for a centre on the equator and shortens towards the poles (tested); the
    # three latitudes are insurance, not a search
    a = largest_cap_radius_km(np.array([low, 0.5 * (low + high), high]), d)
    return ANTIPODAL_KM - d, a


def _near_antipode(region: BaseGeometry, d: float) -> tuple[Polygon | MultiPolygon, Polygon | MultiPolygon]:
    b, a = _cap_bounds_km(region, d)
    m = 0.5 * (a + b)
    image = _antipodal_image(region, polygons_only=False)
    tol = float(_resolve_tolerance(np.array([m]), None)[0])
    within_some, within_all = _limits(image, m, tol)
    inner = _finish(shapely.difference(_WORLD, within_some))
    outer = _finish(_WORLD if within_all.is_empty else shapely.difference(_WORLD, within_all))
    return outer, inner


def _limits(
    region: BaseGeometry, d: float, tol: float, *, outer: bool = True, inner: bool = True
) -> tuple[Polygon | MultiPolygon, Polygon | MultiPolygon]:
    """(outer, inner) of a non-empty region; a limit not asked for is an empty Polygon.

    Below 9,000 km a geodesic disc is convex: a point within range of the samples that span the
    region's convex hull is within range of all of it, so the inner limit needs only those. From
    11,000 km the cap a ring leaves out is convex: a point out of range of those samples is out of
    range of the whole region, so the outer limit needs only them. For North Korea that is 112
    rings instead of 877. A range too short to reach across the region has the offset buffer as
    its outer limit (a 1 km reach of a country would need 50,000 rings).
    """
    if d >= NEAR_ANTIPODE_KM and _is_extended(region):
        return _near_antipode(region, d)
    offsets, outer_hull, inner_hull = _plan(region, d)
    inner = inner and inner_hull is not None
    samples = {
        h: _samples(region, d, tol, hull_only=h) for h in _needed(offsets and outer, outer_hull, inner_hull)
    }
    rings: dict[int, list[BaseGeometry]] = {}  # by sample count: the hull samples are a subset

    def rings_of(hull_only: bool) -> list[BaseGeometry]:
        x, y = samples[hull_only]
        if x.size not in rings:
            rings[x.size] = _rings(x, y, d, tol)
        return rings[x.size]

    out: Polygon | MultiPolygon = _EMPTY
    if outer and offsets:
        out = offset_buffer(region, d, tol)
    elif outer:
        out = _outer(region, rings_of(outer_hull))
    inn = _inner(region, rings_of(bool(inner_hull)), d) if inner else _EMPTY
    return out, inn


def _needed(offsets: bool, outer_hull: bool, inner_hull: bool | None) -> set[bool]:
    needed = set() if offsets else {outer_hull}
    if inner_hull is not None:
        needed.add(inner_hull)
    return needed


def _plan(region: BaseGeometry, d: float) -> tuple[bool, bool, bool | None]:
    """How :func:`_limits` computes each limit below 19,950 km: (outer by offsets, outer from the
    hull samples only, inner from the hull samples only or None when there is no inner limit)."""
    # no point is within d of two region points more than 2 d apart: then no inner limit
    short = d < 0.5 * _span_km(region)
    offsets = short and _offsets_hold(region, d)
    return offsets, d > _CAPS_CONVEX_KM, None if short else d < _DISCS_CONVEX_KM


def reach_cost(region: BaseGeometry, distance_km: float, *, tolerance_km: float | None = None) -> int:
    """How many geodesic rings :func:`reach_limits` traces (and unions or intersects) for a range:
    the measure of its cost, about a millisecond per ring for ranges of thousands of km.

    >>> from shapely.geometry import Point, Polygon
    >>> reach_cost(Point(125.75, 39.03), 1_500.0)
    1
    >>> square = Polygon([(124.0, 38.0), (130.0, 38.0), (130.0, 42.0), (124.0, 42.0)])
    >>> reach_cost(square, 1.0), reach_cost(square, 1_500.0) > 40
    (0, True)
    """
    d, tol = _checked(region, distance_km, tolerance_km)
    if d >= NEAR_ANTIPODE_KM and _is_extended(region):
        b, a = _cap_bounds_km(region, d)
        return 3 + reach_cost(_antipodal_image(region, polygons_only=False), 0.5 * (a + b))
    offsets, outer_hull, inner_hull = _plan(region, d)
    sizes = {_samples(region, d, tol, hull_only=h)[0].size for h in _needed(offsets, outer_hull, inner_hull)}
    return sum(sizes)  # equal sizes are the same samples (the hull samples are a subset)


def _checked(region: BaseGeometry, distance_km: float, tolerance_km: float | None) -> tuple[float, float]:
    d = _check_distance(distance_km)
    if region.is_empty:
        raise ValueError("cannot compute the reach of an empty region")
    return d, float(_resolve_tolerance(np.array([d]), tolerance_km)[0])


def reach_accuracy_km(
    region: BaseGeometry, distance_km: float, *, tolerance_km: float | None = None
) -> float:
    """How far (km) the limits of :func:`reach_limits` may stray from the true limits.

    ``tolerance_km`` (default ``min(0.1 % of the range, 1 km)``), except from 19,950 km on for a
    line or polygon region, where the limits come from the region's antipodal image: then
    ``(a - b) / 2`` plus the tolerance of a buffer of ``(a + b) / 2`` (see the module docstring),
    at most 0.1 % of the range.

    >>> from shapely.geometry import Point, Polygon
    >>> reach_accuracy_km(Point(125.75, 39.03), 20_000.0)
    1.0
    >>> county = Polygon([(126.6, 39.1), (127.0, 39.1), (127.0, 39.45), (126.6, 39.45)])
    >>> round(reach_accuracy_km(county, 20_000.0), 1)
    7.0
    """
    d, tol = _checked(region, distance_km, tolerance_km)
    if d < NEAR_ANTIPODE_KM or not _is_extended(region):
        return tol
    b, a = _cap_bounds_km(region, d)
    return 0.5 * (a - b) + float(_resolve_tolerance(np.array([0.5 * (a + b)]), None)[0])


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
        1 km)``. From 19,950 km on, a line or polygon region's limits are within
        :func:`reach_accuracy_km` instead (at most 0.1 % of the range).

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
    d, tol = _checked(region, distance_km, tolerance_km)
    return _limits(region, d, tol)


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
    d, tol = _checked(region, distance_km, tolerance_km)
    return _limits(region, d, tol, inner=False)[0]


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
    d, tol = _checked(region, distance_km, tolerance_km)
    return _limits(region, d, tol, outer=False)[1]
