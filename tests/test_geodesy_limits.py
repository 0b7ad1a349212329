"""geo.geodesy.limits: outer and inner reach of a launch region, against brute force.

Truth: dense points of the region (boundary every 1 km, plus its vertices) and ``Geod.inv``
distances (``geo.geodesy.distance_km``). The polygons are tested with shapely predicates in
lon/lat, and the 13,000 km reach of North Korea with a second, independent point-in-polygon
(a plain even-odd ray casting written here), as issue 11 asks.
"""

from __future__ import annotations

import doctest
import itertools
import json

import geopandas as gpd
import numpy as np
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.geometry import LineString, MultiPolygon, Point, Polygon

import geo.geodesy.limits
from geo.export import to_feature_collection, validate_rfc7946
from geo.geodesy import (
    buffer_region,
    default_tolerance_km,
    destination,
    distance_km,
    distance_to_region_km,
    geodesic_ring,
    reach_accuracy_km,
    reach_cost,
    reach_inner,
    reach_limits,
    reach_outer,
    region_samples,
)
from geo.geodesy.antipode import largest_cap_radius_km
from geo.geodesy.limits import sample_spacing_km

ANTIPODAL_KM = 20_003.931_46  # WGS84: from any point to its antipode

# North Korea, simplified (a few dozen vertices; the real geocoded region is used in test_reach)
NK = Polygon(
    [
        (124.2, 39.8),
        (125.1, 40.1),
        (126.0, 40.9),
        (126.9, 41.8),
        (128.1, 42.0),
        (129.0, 42.4),
        (129.7, 42.9),
        (130.7, 42.3),
        (129.7, 40.8),
        (129.0, 40.3),
        (128.2, 39.7),
        (127.5, 39.3),
        (128.4, 38.6),
        (127.1, 38.3),
        (126.1, 37.7),
        (125.3, 37.8),
        (124.7, 38.1),
        (125.2, 38.7),
        (124.9, 39.3),
    ]
)
YANGDOK = Polygon([(126.6, 39.1), (127.0, 39.12), (127.03, 39.45), (126.62, 39.44)])


def truth_points(region) -> tuple[np.ndarray, np.ndarray]:
    """The brute-force stand-in for 'every point of the region': boundary every 1 km."""
    return region_samples(region, 1.0)


def min_max_km(region, px, py) -> tuple[np.ndarray, np.ndarray]:
    bx, by = truth_points(region)
    lo = np.empty(len(px))
    hi = np.empty(len(px))
    for i, (x, y) in enumerate(zip(px, py, strict=True)):
        d = distance_km(x, y, bx, by)
        lo[i], hi[i] = d.min(), d.max()
    lo[shapely.contains_xy(region, px, py)] = 0.0
    # a point whose antipode is in the region is farthest from that antipode, not from the boundary
    anti_x = np.where(np.asarray(px) > 0.0, np.asarray(px) - 180.0, np.asarray(px) + 180.0)
    hi[shapely.contains_xy(region, anti_x, -np.asarray(py))] = ANTIPODAL_KM
    return lo, hi


def limit_vertices(geom, n: int = 300) -> np.ndarray:
    """Up to ``n`` vertices of the limit itself (not of the 180° seam or the pole closure)."""
    rings = [np.asarray(r.coords) for p in shapely.get_parts(geom) for r in [p.exterior, *p.interiors]]
    xy = np.concatenate(rings) if rings else np.empty((0, 2))
    xy = xy[(np.abs(xy[:, 0]) < 179.9999) & (np.abs(xy[:, 1]) < 89.9999)]
    return xy[:: max(1, len(xy) // n)]


def ray_casting_contains(geom, x: float, y: float) -> bool:
    """Even-odd ray casting over every ring of a (Multi)Polygon: independent of shapely/GEOS."""
    inside = False
    for part in geom.geoms if isinstance(geom, MultiPolygon) else [geom]:
        for ring in [part.exterior, *part.interiors]:
            c = list(ring.coords)
            for (x1, y1), (x2, y2) in itertools.pairwise(c):
                if (y1 > y) != (y2 > y):
                    xc = x1 + (y - y1) * (x2 - x1) / (y2 - y1)
                    if xc > x:
                        inside = not inside
    return inside


@pytest.fixture(scope="module")
def nk_limits() -> dict[float, tuple[Polygon | MultiPolygon, Polygon | MultiPolygon]]:
    return {n: reach_limits(NK, n) for n in (800.0, 1500.0, 5_000.0, 10_500.0, 13_000.0, 19_000.0, 19_900.0)}


def test_docstring_examples_run() -> None:
    result = doctest.testmod(geo.geodesy.limits, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
    assert result.attempted >= 8


@pytest.mark.parametrize("n_km", [800.0, 1500.0, 5_000.0, 10_500.0, 13_000.0, 19_000.0, 19_900.0])
def test_limit_vertices_agree_with_brute_force(nk_limits, n_km) -> None:
    """Issue 11: every vertex within min(0.1 % of N, 1 km) of the true limit."""
    outer, inner = nk_limits[n_km]
    tol = default_tolerance_km(n_km)
    v = limit_vertices(outer)
    lo, _ = min_max_km(NK, v[:, 0], v[:, 1])
    assert np.abs(lo - n_km).max(initial=0.0) <= tol
    assert len(v) > 0 or n_km > 19_000.0  # at 19,900 km every point is in reach of some point
    v = limit_vertices(inner)
    _, hi = min_max_km(NK, v[:, 0], v[:, 1])
    assert np.abs(hi - n_km).max() <= tol


@pytest.mark.parametrize("n_km", [800.0, 1500.0, 5_000.0, 10_500.0, 13_000.0, 19_000.0, 19_900.0])
def test_points_classified_by_brute_force(nk_limits, n_km) -> None:
    """Random points near each limit: inside exactly when the brute-force distance says so
    (points within the tolerance of the limit may go either way)."""
    outer, inner = nk_limits[n_km]
    tol = default_tolerance_km(n_km)
    rng = np.random.default_rng(int(n_km))
    c = NK.representative_point()
    # points whose distance from the region's centre spans both limits
    span = 300.0
    az = rng.uniform(0.0, 360.0, 1500)
    px, py = destination(c.x, c.y, azimuth_deg=az, distance_km=rng.uniform(n_km - span, n_km + span, 1500))
    lo, hi = min_max_km(NK, px, py)
    in_outer = shapely.contains_xy(outer, px, py)
    in_inner = shapely.contains_xy(inner, px, py)
    assert not (in_outer & (lo > n_km + tol)).any()
    assert not (~in_outer & (lo < n_km - tol)).any()
    assert not (in_inner & (hi > n_km + tol)).any()
    assert not (~in_inner & (hi < n_km - tol)).any()
    assert in_outer.sum() > 100
    assert (~in_inner).sum() > 100  # both sides exercised
    assert (in_outer & ~in_inner).sum() > 50  # the band between the limits is not empty


@pytest.mark.parametrize("n_km", [800.0, 1500.0, 5_000.0, 10_500.0, 13_000.0, 19_000.0, 19_900.0])
def test_limits_are_valid_ccw_split_and_nested(nk_limits, n_km) -> None:
    outer, inner = nk_limits[n_km]
    for g in (outer, inner):
        assert g.is_valid
        assert g.geom_type in ("Polygon", "MultiPolygon")
        for part in shapely.get_parts(g):
            assert part.exterior.is_ccw
            assert all(not h.is_ccw for h in part.interiors)
            xy = np.asarray(part.exterior.coords)
            assert (np.abs(xy[:, 0]) <= 180.0).all()
            assert (np.abs(xy[:, 1]) <= 90.0).all()
    assert inner.difference(outer).area < 1e-9
    assert NK.difference(outer).area < 1e-9  # the region is in its own outer limit


def test_13000km_reach_of_north_korea_pole_washington_second_library(nk_limits) -> None:
    """Issue 11 done-when: valid RFC 7946 GeoJSON containing the North Pole and Washington and
    not the South Pole, checked with a plain ray-casting point-in-polygon (not GEOS)."""
    outer, inner = nk_limits[13_000.0]
    fc = to_feature_collection(
        gpd.GeoDataFrame({"limit": ["outer", "inner"]}, geometry=[outer, inner], crs="EPSG:4326")
    )
    fc = json.loads(json.dumps(fc))
    assert validate_rfc7946(fc) == []
    for feature in fc["features"]:
        geom = shapely.geometry.shape(feature["geometry"])
        assert ray_casting_contains(geom, 0.0, 89.99)  # North Pole (closed along lat 90)
        assert ray_casting_contains(geom, -77.04, 38.90)  # Washington
        assert not ray_casting_contains(geom, 0.0, -89.99)  # South Pole
        assert ray_casting_contains(geom, 125.75, 39.03)  # Pyongyang
    # the outer limit crosses 180°: parts on both sides
    xs = np.concatenate([np.asarray(p.exterior.coords)[:, 0] for p in shapely.get_parts(outer)])
    assert xs.min() == -180.0
    assert xs.max() == 180.0


def test_inner_limit_empty_below_half_the_width() -> None:
    outer, inner = reach_limits(NK, 150.0)
    assert inner.is_empty
    assert not outer.is_empty
    assert reach_inner(NK, 150.0).is_empty


def test_point_region_limits_are_the_ring() -> None:
    ring = geodesic_ring(125.75, 39.03, 1500.0)
    outer, inner = reach_limits(Point(125.75, 39.03), 1500.0)
    for g in (outer, inner):
        assert g.symmetric_difference(ring).area < 5e-5 * ring.area  # same circle, densified to tol/2


def test_line_region_and_antimeridian_region() -> None:
    line = LineString([(125.0, 39.0), (129.0, 39.0)])
    assert shapely.contains_xy(reach_inner(line, 400.0), 127.0, 39.0)
    assert not shapely.contains_xy(reach_inner(line, 400.0), 131.0, 39.0)  # 346 km + 173 km from (125, 39)
    # a region straddling 180°, given as two parts
    region = MultiPolygon(
        [
            Polygon([(179.0, 50.0), (180.0, 50.0), (180.0, 51.0), (179.0, 51.0)]),
            Polygon([(-180.0, 50.0), (-179.0, 50.0), (-179.0, 51.0), (-180.0, 51.0)]),
        ]
    )
    outer, inner = reach_limits(region, 500.0)
    assert outer.is_valid
    assert inner.is_valid
    for lon in (175.0, -175.0):
        assert shapely.contains_xy(inner, lon, 50.5)
    v = limit_vertices(outer)
    lo, _ = min_max_km(region, v[:, 0], v[:, 1])
    assert np.abs(lo - 500.0).max() <= default_tolerance_km(500.0)


def test_inner_limit_leaves_out_the_antipodes_of_the_region() -> None:
    """A point whose antipode is inside the region is 20,003.9 km from that point: never in reach
    of every point, even when all boundary points are within range."""
    outer, inner = reach_limits(NK, 19_950.0)
    c = NK.representative_point()
    anti = (c.x - 180.0, -c.y)
    assert not shapely.contains_xy(inner, *anti)
    assert shapely.contains_xy(outer, *anti)  # but some point of the region reaches it


def test_buffer_region_beyond_10000_km_uses_the_exact_union() -> None:
    """The 10,000 km limit of buffer_region is gone (issue 11)."""
    buf = buffer_region(YANGDOK, 13_000.0)
    assert buf.is_valid
    assert shapely.contains_xy(buf, 0.0, 89.99)
    v = limit_vertices(buf)
    lo, _ = min_max_km(YANGDOK, v[:, 0], v[:, 1])
    assert np.abs(lo - 13_000.0).max() <= 1.0


@pytest.mark.parametrize(("bad", "fragment"), [(0.0, "got 0.0"), (-3.0, "got -3.0"), (20_003.5, "antipode")])
def test_bad_range_raises(bad, fragment) -> None:
    with pytest.raises(ValueError, match=fragment):
        reach_limits(NK, bad)
    with pytest.raises(ValueError, match=fragment):
        reach_outer(NK, bad)


def test_empty_region_raises() -> None:
    with pytest.raises(ValueError, match="empty"):
        reach_limits(Polygon(), 800.0)


@settings(max_examples=15, deadline=None, derandomize=True)
@given(
    lon=st.floats(-180.0, 180.0, allow_nan=False),
    lat=st.floats(-80.0, 80.0, allow_nan=False),
    size_km=st.floats(5.0, 300.0, allow_nan=False),
    n_km=st.sampled_from([300.0, 800.0, 5_500.0, 13_000.0, 19_000.0]),
)
def test_property_limits_match_brute_force_anywhere(lon, lat, size_km, n_km) -> None:
    """A small triangle anywhere (poles, 180°): valid, nested, and boundary vertices at N."""
    pts = [destination(lon, lat, azimuth_deg=a, distance_km=size_km) for a in (0.0, 130.0, 250.0)]
    xs = np.array([p[0] for p in pts])
    if xs.max() - xs.min() > 180.0:  # the triangle itself crosses 180°: keep to a simple region
        return
    region = Polygon(pts)
    outer, inner = reach_limits(region, n_km)
    assert outer.is_valid
    assert inner.is_valid
    assert inner.difference(outer).area < 1e-6
    tol = default_tolerance_km(n_km)
    v = limit_vertices(outer, 60)
    lo, _ = min_max_km(region, v[:, 0], v[:, 1])
    assert np.abs(lo - n_km).max() <= tol
    if not inner.is_empty:
        v = limit_vertices(inner, 60)
        _, hi = min_max_km(region, v[:, 0], v[:, 1])
        assert np.abs(hi - n_km).max() <= tol


# ---------------------------------------------------------------------------------------------
# bounded cost (issue 11 follow-up): tiny ranges from a country, ranges near the antipode
# ---------------------------------------------------------------------------------------------


def test_regression_buffer_region_left_sliver_holes_along_the_region_edges() -> None:
    """The region's edges and the quads' densified inner edges left zero-area holes (3 at 50 km),
    so the buffer did not contain its own region."""
    buf = buffer_region(NK, 50.0)
    assert buf.contains(NK)
    assert all(len(p.interiors) == 0 for p in shapely.get_parts(buf))


def test_regression_1km_reach_of_a_country_is_its_buffer() -> None:
    """It traced 50,000 rings of 1 km around boundary samples 100 m apart (15 s, 2.9 GB); a range
    shorter than half the region's width has no inner limit and its outer limit is the buffer."""
    outer, inner = reach_limits(NK, 1.0)
    assert inner.is_empty
    assert outer.is_valid
    assert outer.contains(NK)
    v = limit_vertices(outer, 400)
    d = distance_to_region_km(v[:, 0], v[:, 1], NK)  # nearest point of the region, exact to metres
    assert np.abs(d - 1.0).max() <= default_tolerance_km(1.0)


@pytest.mark.parametrize("lat_step", [5.0])
@pytest.mark.parametrize("n_km", [19_950.0, 19_990.0, 20_003.0])
def test_cap_left_out_is_longest_for_a_centre_on_the_equator(n_km, lat_step) -> None:
    """What the near-antipode limits rely on: the cap shortens from the equator to the poles, and
    holds every point within 20,003.9 - N km of the antipode."""
    lats = np.arange(0.0, 90.0 + lat_step, lat_step)
    radii = [largest_cap_radius_km(np.array([lat]), n_km) for lat in lats]
    assert np.all(np.diff(radii) <= 1e-6)
    assert radii[0] <= ANTIPODAL_KM - n_km + 33.6  # the cut locus: at most 33.6 km each side
    assert radii[-1] >= ANTIPODAL_KM - n_km


@pytest.mark.parametrize(
    "region",
    [YANGDOK, NK, LineString([(10.0, 0.5), (10.5, 0.2)]), MultiPolygon([NK, YANGDOK.buffer(-0.1)])],
    ids=["county", "country", "line-at-equator", "multipolygon"],
)
@pytest.mark.parametrize("n_km", [19_950.0, 19_990.0, 20_000.0, 20_002.5])
def test_near_antipode_limits_within_their_accuracy(region, n_km) -> None:
    """From 19,950 km on the limits come from the region's antipodal image: every vertex is within
    reach_accuracy_km (at most 0.1 % of N) of the true limit, by brute force."""
    outer, inner = reach_limits(region, n_km)
    acc = reach_accuracy_km(region, n_km)
    assert default_tolerance_km(n_km) < acc <= 0.001 * n_km
    for g in (outer, inner):
        assert g.is_valid
        assert g.geom_type in ("Polygon", "MultiPolygon")
        assert all(p.exterior.is_ccw for p in shapely.get_parts(g))
    assert inner.difference(outer).area < 1e-9
    slack = 0.05  # the truth samples the boundary every 1 km
    v = limit_vertices(outer)
    lo, _ = min_max_km(region, v[:, 0], v[:, 1])
    assert np.abs(lo - n_km).max(initial=0.0) <= acc + slack
    v = limit_vertices(inner)
    _, hi = min_max_km(region, v[:, 0], v[:, 1])
    assert len(v) > 50
    assert np.abs(hi - n_km).max() <= acc + slack
    # points around the antipodes of boundary points (where the limit is), classified by brute force
    rng = np.random.default_rng(int(n_km))
    bx, by = region_samples(region, 1.0)
    k = rng.integers(0, len(bx), 600)
    ax, ay = destination(
        bx[k] + 180.0,
        -by[k],
        azimuth_deg=rng.uniform(0, 360, 600),
        distance_km=rng.uniform(0, 2 * (ANTIPODAL_KM - n_km + acc), 600),
    )
    lo, hi = min_max_km(region, ax, ay)
    in_inner = shapely.contains_xy(inner, ax, ay)
    assert not (in_inner & (hi > n_km + acc)).any()
    assert not (~in_inner & (hi < n_km - acc)).any()
    assert in_inner.sum() > 20
    assert (~in_inner).sum() > 20


# a C-shaped region: a bay 300 km deep, whose inner samples the convex-hull shortcut leaves out
BAY = Polygon(
    [
        (124.0, 38.0),
        (130.0, 38.0),
        (130.0, 39.0),
        (125.0, 39.0),
        (125.0, 41.0),
        (130.0, 41.0),
        (130.0, 42.0),
        (124.0, 42.0),
    ]
)


@pytest.mark.parametrize("n_km", [900.0, 8_900.0, 11_100.0, 16_000.0])
def test_hull_shortcut_keeps_the_limits_of_a_concave_region(n_km) -> None:
    """Inner limits below 9,000 km and outer limits from 11,000 km come from the samples near the
    convex hull; both still agree with brute force over the whole region."""
    outer, inner = reach_limits(BAY, n_km)
    tol = default_tolerance_km(n_km)
    v = limit_vertices(outer)
    lo, _ = min_max_km(BAY, v[:, 0], v[:, 1])
    assert np.abs(lo - n_km).max() <= tol
    v = limit_vertices(inner)
    _, hi = min_max_km(BAY, v[:, 0], v[:, 1])
    assert np.abs(hi - n_km).max() <= tol
    x, y = region_samples(BAY, sample_spacing_km(n_km, tol))
    near = geo.geodesy.limits._near_hull(BAY, x, y)
    assert 0 < (~near).sum() < near.sum()  # the shortcut did leave samples out


@pytest.mark.parametrize("n_km", [1.0, 300.0, 800.0, 9_500.0, 13_000.0, 19_900.0, 20_000.0])
@pytest.mark.parametrize(
    "region", [NK, YANGDOK, BAY, Point(125.75, 39.03)], ids=["nk", "county", "bay", "point"]
)
def test_reach_cost_counts_the_rings_traced(monkeypatch, region, n_km) -> None:
    """reach_cost is what the CLI budgets with: it must be the rings reach_limits really traces
    (caps near the antipode count one each)."""
    traced = []
    real_rings = geo.geodesy.limits.geodesic_rings

    def counting(x, y, radii, **kw):
        traced.append(len(x))
        return real_rings(x, y, radii, **kw)

    monkeypatch.setattr(geo.geodesy.limits, "geodesic_rings", counting)
    reach_limits(region, n_km)
    cost = reach_cost(region, n_km)
    near = n_km >= 19_950.0 and not isinstance(region, Point)
    assert cost == sum(traced) + (3 if near else 0)
