"""geo.maritime: whose waters is a point or a zone in (land > territorial sea > EEZ > high seas)."""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st
from pyproj import Geod

from geo.maritime import (
    TERRITORIAL_SEA_CAVEAT,
    TERRITORIAL_SEA_KM,
    MaritimeDataError,
    MaritimeZones,
    ZoneReport,
    load_coastline,
    load_eez,
    normalize_eez,
    polygon_from_geojson,
    read_user_eez,
    simplified_for_display,
)
from geo.paths import DATA_DIR

GEOD = Geod(ellps="WGS84")
YANGDOK = (126.8049, 39.2757)  # launch site of the 2021-09-15 rail-launched test (lon, lat)
# A straight stretch of Honshu's Pacific coast (Kashima-nada, Ibaraki), and a point well offshore
# in the direction away from all land.
KASHIMA_OFFSHORE_SEED = (141.2, 36.05)


@pytest.fixture(scope="module")
def mz() -> MaritimeZones:
    return MaritimeZones.load()


def _circle(lon: float, lat: float, radius_km: float, n: int = 180) -> shapely.Polygon:
    az = np.linspace(360.0, 0.0, n, endpoint=False)  # decreasing azimuth: counter-clockwise
    lons, lats, _ = GEOD.fwd(np.full(n, lon), np.full(n, lat), az, np.full(n, radius_km * 1000.0))
    return shapely.Polygon(zip(lons, lats, strict=True))


def _offshore(mz: MaritimeZones, seed: tuple[float, float], km: float) -> tuple[float, float]:
    """The point ``km`` from Japan's coast along the line from the nearest coast point to ``seed``."""
    coast = mz.nearest_coasts(*seed, states=["Japan"])[0]
    az, _, _ = GEOD.inv(coast.lon, coast.lat, *seed)
    lon, lat, _ = GEOD.fwd(coast.lon, coast.lat, az, km * 1000.0)
    return float(lon), float(lat)


# ------------------------------------------------------------------------------------------- Japan coast
def test_point_5_km_off_japan_is_in_its_territorial_sea(mz: MaritimeZones) -> None:
    lon, lat = _offshore(mz, KASHIMA_OFFSHORE_SEED, 5.0)
    # The offshore point really is 5 km from the coast (geodesic), and Japan's coast is the nearest.
    d = mz.distance_to_coast_km(lon, lat)
    assert next(iter(d)) == "Japan"
    assert d["Japan"] == pytest.approx(5.0, abs=0.05)
    r = mz.analyse_point(lon, lat)
    assert (r.zone, r.state, r.overlap) == ("territorial sea", "Japan", False)
    assert r.eez_sovereign == "Japan"  # the EEZ polygon covers it too, territorial sea wins
    v = r.verdict()
    assert "inside Japan's territorial sea" in v
    assert v.endswith("(normal baselines; straight baselines not applied).")


def test_verdict_says_less_than_1_km_not_about_less_than(mz: MaritimeZones) -> None:
    lon, lat = _offshore(mz, KASHIMA_OFFSHORE_SEED, 0.5)
    v = mz.analyse_point(lon, lat).verdict(uncertainty_km=0.3)
    assert v.startswith("Estimated impact less than 1 km off Japan's coast (nearest: Ibaraki Prefecture)")
    assert "Uncertainty less than 1 km." in v


def test_point_30_km_off_japan_is_in_its_eez_outside_the_territorial_sea(mz: MaritimeZones) -> None:
    lon, lat = _offshore(mz, KASHIMA_OFFSHORE_SEED, 30.0)
    assert mz.distance_to_coast_km(lon, lat)["Japan"] == pytest.approx(30.0, abs=0.05)
    r = mz.analyse_point(lon, lat)
    assert (r.zone, r.state, r.pol_type) == ("eez", "Japan", "200NM")
    assert "inside Japan's exclusive economic zone, outside its territorial sea" in r.verdict()


def test_territorial_sea_edge_is_12_nautical_miles_from_the_coast(mz: MaritimeZones) -> None:
    inside = _offshore(mz, KASHIMA_OFFSHORE_SEED, TERRITORIAL_SEA_KM - 0.2)
    outside = _offshore(mz, KASHIMA_OFFSHORE_SEED, TERRITORIAL_SEA_KM + 0.2)
    zones = mz.classify_points([inside[0], outside[0]], [inside[1], outside[1]]).zone.tolist()
    assert zones == ["territorial sea", "eez"]


def test_point_on_honshu_is_land_not_eez(mz: MaritimeZones) -> None:
    r = mz.analyse_point(138.2, 36.2)  # Nagano, inland Honshu
    assert (r.zone, r.state) == ("land", "Japan")
    assert r.verdict().startswith("Estimated impact on land in Japan")


# ------------------------------------------------------------------------------------------- seed event
def test_2021_09_15_rail_launch_impact_is_in_japans_eez_outside_its_territorial_sea(
    mz: MaritimeZones,
) -> None:
    lon, lat, _ = GEOD.fwd(*YANGDOK, 80.0, 800_000.0)
    r = mz.analyse_point(lon, lat)
    assert (r.zone, r.state, r.pol_type) == ("eez", "Japan", "200NM")
    assert not r.joint
    assert not r.disputed
    assert r.named_sea.startswith("Sea of Japan")
    near = r.nearest_coast
    assert near is not None
    assert near.state == "Japan"
    assert near.distance_km > 200  # far outside the 22.2 km territorial sea
    # the distance is geodesic: check it against pyproj directly
    _, _, d = GEOD.inv(lon, lat, near.lon, near.lat)
    assert d / 1000 == pytest.approx(near.distance_km, abs=0.01)
    v = r.verdict(uncertainty_km=50)
    assert re.match(r"Estimated impact about \d[\d,]* km off Japan's coast", v)
    assert "inside Japan's exclusive economic zone, outside its territorial sea" in v
    assert v.endswith("Uncertainty about 50 km.")  # far from any coast: no territorial-sea caveat


def test_2021_09_15_uncertainty_zone_reports_every_area_it_reaches(mz: MaritimeZones) -> None:
    lon, lat, _ = GEOD.fwd(*YANGDOK, 80.0, 800_000.0)
    z = mz.analyse_zone(_circle(lon, lat, 100.0), point=(lon, lat))
    assert z.kind == "zone"
    assert z.zone == "eez"
    assert z.area_km2 == pytest.approx(np.pi * 100.0**2, rel=0.01)
    assert sum(s.share for s in z.shares) == pytest.approx(1.0, abs=1e-6)
    assert z.shares[0].state == "Japan"
    # at 100 km the zone reaches further into the Japanese EEZ only; at 400 km Russia's too
    big = mz.analyse_zone(_circle(lon, lat, 400.0), point=(lon, lat))
    states = {s.state for s in big.shares if s.share > 0.01}
    assert {"Japan", "Russia"} <= states
    v = big.verdict(uncertainty_km=400)
    assert "The uncertainty area also reaches" in v
    assert "Russia's exclusive economic zone" in v


# ------------------------------------------------------------------------------------------- joint / disputed
def test_japan_korea_joint_development_zone_is_reported_as_joint_not_given_to_one_side(
    mz: MaritimeZones,
) -> None:
    r = mz.analyse_point(127.52, 30.84)  # inside the 1974 Japan-Korea joint development zone
    assert r.zone == "eez"
    assert r.pol_type == "Joint regime"
    assert r.joint
    assert r.eez_name == "Joint regime area Japan / Korea"
    assert set(r.state.split(" / ")) == {"Japan", "South Korea"}
    v = r.verdict()
    assert "joint regime area of South Korea and Japan" in v
    assert "inside Japan's exclusive economic zone" not in v
    assert "inside South Korea's exclusive economic zone" not in v


def test_every_point_of_the_joint_zone_classifies_as_joint(mz: MaritimeZones) -> None:
    jdz = mz.eez[mz.eez.mrgid == 21796].geometry.iloc[0]
    rng = np.random.default_rng(5)
    x0, y0, x1, y1 = jdz.bounds
    x, y = rng.uniform(x0, x1, 4000), rng.uniform(y0, y1, 4000)
    inside = shapely.contains_xy(jdz, x, y)
    df = mz.classify_points(x[inside], y[inside])
    sea = df[df.zone == "eez"]
    assert len(sea) > 1000
    assert sea.joint.all()
    assert (sea.state == "South Korea / Japan").all()


def test_liancourt_rocks_waters_are_disputed_not_given_to_one_side(mz: MaritimeZones) -> None:
    ts = mz.analyse_point(131.87, 37.30)  # ~6 km from the rocks
    assert (ts.zone, ts.disputed) == ("territorial sea", True)
    assert set(ts.state.split(" / ")) == {"Japan", "South Korea"}
    assert "claimed by Japan and South Korea (disputed)" in ts.verdict()
    eez = mz.analyse_point(132.77, 38.06)
    assert (eez.zone, eez.pol_type, eez.disputed) == ("eez", "Overlapping claim", True)
    assert "claimed by Japan and South Korea" in eez.verdict()


def test_southern_kurils_land_is_disputed(mz: MaritimeZones) -> None:
    r = mz.analyse_point(147.9, 45.0)  # Iturup
    assert (r.zone, r.disputed) == ("land", True)
    assert set(r.state.split(" / ")) == {"Japan", "Russia"}


@pytest.mark.parametrize(
    ("a", "b"),
    [("North Korea", "South Korea"), ("China", "Taiwan"), ("Japan", "Russia")],
)
def test_overlapping_territorial_seas_report_both_states(mz: MaritimeZones, a: str, b: str) -> None:
    """Where two states' 12 NM belts overlap (Han estuary, Kinmen, La Perouse Strait) both are
    reported, never one silently. (In the Korea Strait the belts do not meet: 2 x 22.2 km is less
    than the ~50 km between Tsushima and Korea.)"""
    ts = mz.territorial
    overlap = shapely.intersection(ts[ts.state == a].geometry.iloc[0], ts[ts.state == b].geometry.iloc[0])
    assert not overlap.is_empty
    p = overlap.representative_point()
    r = mz.analyse_point(p.x, p.y)
    assert r.zone == "territorial sea"
    assert r.overlap
    assert set(r.state.split(" / ")) == {a, b}
    assert f"inside the overlapping territorial seas of {' and '.join(sorted([a, b]))}" in r.verdict()


def test_korea_strait_caveat_mentions_the_3_nm_limits(mz: MaritimeZones) -> None:
    r = mz.analyse_point(129.2, 34.6)
    assert any("3 nautical miles" in c for c in r.caveats)


# ------------------------------------------------------------------------------------------- high seas, 180°
def test_point_on_the_high_seas(mz: MaritimeZones) -> None:
    r = mz.analyse_point(150.0, 30.0)
    assert (r.zone, r.state, r.eez_name) == ("high seas", "", "")
    v = r.verdict()
    assert "on the high seas" in v
    assert "North Pacific Ocean" in v


@pytest.mark.parametrize("lon", [179.9, 180.0, -180.0, -179.9, 540.0 - 0.1])
def test_points_near_the_antimeridian_stay_in_russias_eez(mz: MaritimeZones, lon: float) -> None:
    df = mz.classify_points([lon], [61.0])
    assert df.zone.iloc[0] == "eez"
    assert df.state.iloc[0] == "Russia"
    assert -180.0 <= df.lon.iloc[0] < 180.0


def test_fiji_eez_on_both_sides_of_180(mz: MaritimeZones) -> None:
    df = mz.classify_points([179.5, -179.5, 180.0], [-17.5, -17.5, -17.5])
    assert (df.state == "Fiji").all()
    assert not df.in_coverage.any()


def test_no_coast_distance_is_claimed_where_the_coastline_is_unknown(mz: MaritimeZones) -> None:
    # Near 180° the nearest coast (Chukotka, the Aleutians) is outside the 10m coverage box:
    # report no distance rather than the distance to Kamchatka.
    r = mz.analyse_point(179.9, 61.0)
    assert r.coasts == ()
    assert not r.in_coverage
    assert "off" not in r.verdict()


def test_zone_across_the_antimeridian_has_its_full_geodesic_area(mz: MaritimeZones) -> None:
    circle = _circle(179.8, 62.0, 150.0)
    # a ring that crosses 180 written with longitudes beyond 180 is wrapped, not lost
    coords = shapely.get_coordinates(circle)
    coords[:, 0] = np.where(coords[:, 0] < 0, coords[:, 0] + 360.0, coords[:, 0])
    z = mz.analyse_zone(shapely.Polygon(coords), point=(179.8, 62.0))
    assert z.area_km2 == pytest.approx(np.pi * 150.0**2, rel=0.01)
    assert sum(s.share for s in z.shares) == pytest.approx(1.0, abs=1e-4)


def test_zone_crossing_180_unsplit_is_refused_not_read_as_spanning_the_globe(mz: MaritimeZones) -> None:
    naive = _circle(179.8, 62.0, 150.0)  # Geod.fwd longitudes jump from +179.x to -179.x
    assert naive.bounds[2] - naive.bounds[0] > 300  # read in lon/lat it wraps round the world
    with pytest.raises(ValueError, match="crosses the antimeridian without being split"):
        mz.analyse_zone(naive)


@pytest.mark.slow
def test_zone_enclosing_the_north_pole_from_geodesy_is_analysed(mz: MaritimeZones) -> None:
    """A 13,000 km ring from North Korea encloses the pole; geo.geodesy closes it along lat 90."""
    from geo.geodesy import geodesic_ring

    ring = geodesic_ring(129.67, 40.85, 13000.0)
    z = mz.analyse_zone(ring, point=(129.67, 40.85))
    assert z.area_km2 is not None
    assert z.area_km2 > 2.0e8  # most of the globe (5.1e8 km²)
    assert sum(s.share for s in z.shares) == pytest.approx(1.0, abs=1e-3)
    assert {"land", "eez", "high seas"} <= {s.zone for s in z.shares}


# ------------------------------------------------------------------------------------------- properties
@given(
    vertex=st.integers(min_value=0, max_value=10**9),
    az=st.floats(min_value=0.0, max_value=360.0),
    km=st.floats(min_value=0.5, max_value=40.0),
)
def test_territorial_sea_agrees_with_geodesic_distance_to_the_coast(
    mz: MaritimeZones, vertex: int, az: float, km: float
) -> None:
    """A sea point nearer than 12 NM (minus 0.2 km) to some coast is in a territorial sea that
    includes that coast's state; one further than 12 NM (plus 0.2 km) from every coast is not."""
    coast = mz.coastline
    sel = coast[coast.state.isin(["Japan", "South Korea", "North Korea", "China", "Russia"])]
    pts = shapely.get_coordinates(sel.geometry.values)
    lon0, lat0 = pts[vertex % len(pts)]
    lon, lat, _ = GEOD.fwd(lon0, lat0, az, km * 1000.0)
    if not (102 < lon < 168 and 12 < lat < 63):
        return
    row = mz.classify_points([lon], [lat]).iloc[0]
    if row.zone == "land":
        return
    d = mz.distance_to_coast_km(lon, lat, max_km=60.0)
    nearest = min(d.values())
    if nearest < TERRITORIAL_SEA_KM - 0.2:
        assert row.zone == "territorial sea", (lon, lat, d)
        near = {p for s, v in d.items() if v < TERRITORIAL_SEA_KM - 0.2 for p in s.split(" / ")}
        assert near <= set(row.state.split(" / ")), (lon, lat, d, row.state)
    elif nearest > TERRITORIAL_SEA_KM + 0.2:
        assert row.zone != "territorial sea", (lon, lat, d)


@given(
    lon=st.floats(min_value=110.0, max_value=160.0),
    lat=st.floats(min_value=15.0, max_value=55.0),
)
def test_single_point_analysis_matches_the_vectorised_classification(
    mz: MaritimeZones, lon: float, lat: float
) -> None:
    r = mz.analyse_point(lon, lat)
    df = mz.classify_points([lon, 0.0], [lat, 0.0])  # batch of two
    assert (r.zone, r.state, r.eez_name) == (df.zone.iloc[0], df.state.iloc[0], df.eez_name.iloc[0])


def test_batch_and_single_point_code_paths_agree(mz: MaritimeZones) -> None:
    """Large batches index the points and query with the polygons; small ones the other way round."""
    rng = np.random.default_rng(11)
    x, y = rng.uniform(120.0, 146.0, 300), rng.uniform(28.0, 46.0, 300)
    batch = mz.classify_points(x, y)
    single = pd.concat([mz.classify_points([a], [b]) for a, b in zip(x, y, strict=True)], ignore_index=True)
    cols = ["zone", "state", "eez_name", "pol_type", "joint", "disputed", "overlap"]
    assert batch[cols].equals(single[cols])


def test_distance_to_coast_is_geodesic_and_matches_vertex_distances(mz: MaritimeZones) -> None:
    """The segment-based distance is never more than the nearest vertex's geodesic distance and at
    most the longest coast segment less."""
    coast = mz.coastline[mz.coastline.state == "South Korea"]
    xy = shapely.get_coordinates(coast.geometry.values)
    for lon, lat in [(130.0, 36.0), (125.0, 34.0), (127.0, 32.5)]:
        _, _, d = GEOD.inv(np.full(len(xy), lon), np.full(len(xy), lat), xy[:, 0], xy[:, 1])
        vmin = float(np.min(d)) / 1000
        got = mz.distance_to_coast_km(lon, lat, states=["South Korea"])["South Korea"]
        assert vmin - 10.0 <= got <= vmin + 1e-6


@pytest.fixture(scope="module")
def dense_korea_coast(mz: MaritimeZones) -> np.ndarray:
    coast = mz.coastline[mz.coastline.state == "South Korea"]
    return shapely.get_coordinates(shapely.segmentize(coast.geometry.values, 0.002))  # ~200 m spacing


@settings(max_examples=30)
@given(lon=st.floats(min_value=123.0, max_value=133.0), lat=st.floats(min_value=31.0, max_value=39.5))
def test_distance_to_coast_matches_brute_force_geodesic_distance(
    mz: MaritimeZones, dense_korea_coast: np.ndarray, lon: float, lat: float
) -> None:
    """Accurate to well under 1 km: against the minimum geodesic distance to the coast densified
    to ~200 m (brute force, pyproj), the two agree within 0.15 km."""
    xy = dense_korea_coast
    _, _, d = GEOD.inv(np.full(len(xy), lon), np.full(len(xy), lat), xy[:, 0], xy[:, 1])
    brute = float(np.min(d)) / 1000.0
    got = mz.distance_to_coast_km(lon, lat, states=["South Korea"], max_km=5000.0)["South Korea"]
    assert got == pytest.approx(brute, abs=0.15)
    assert got <= brute + 0.02  # the exact segment distance is never longer than a sample's


def test_classify_points_rejects_bad_latitudes_naming_the_point(mz: MaritimeZones) -> None:
    with pytest.raises(ValueError, match=r"point 2: lat: expected -90\.\.90 degrees, got 95\.0"):
        mz.classify_points([130.0, 130.0], [35.0, 95.0])
    with pytest.raises(ValueError, match="point 1: expected finite lon/lat"):
        mz.classify_points([np.nan], [35.0])


# ------------------------------------------------------------------------------------------- report
def test_report_to_dict_is_json_safe(mz: MaritimeZones) -> None:
    r = mz.analyse_zone(_circle(129.2, 34.5, 40.0))
    d = json.loads(json.dumps(r.to_dict(), allow_nan=False))
    assert d["kind"] == "zone"
    assert {s["zone"] for s in d["shares"]} >= {"territorial sea", "eez", "land"}
    assert isinstance(r, ZoneReport)
    assert TERRITORIAL_SEA_CAVEAT in d["caveats"]


def test_verdict_says_when_the_uncertainty_area_straddles_a_boundary(mz: MaritimeZones) -> None:
    lon, lat = _offshore(mz, KASHIMA_OFFSHORE_SEED, 30.0)
    z = mz.analyse_zone(_circle(lon, lat, 25.0), point=(lon, lat))
    v = z.verdict(uncertainty_km=25)
    assert "inside Japan's exclusive economic zone, outside its territorial sea" in v
    assert "also reaches Japan's territorial sea" in v


@settings(max_examples=15)
@given(
    lon=st.floats(min_value=120.0, max_value=145.0),
    lat=st.floats(min_value=25.0, max_value=45.0),
    radius_km=st.floats(min_value=5.0, max_value=300.0),
)
def test_zone_shares_partition_the_zone(mz: MaritimeZones, lon: float, lat: float, radius_km: float) -> None:
    """Shares never overlap or leave gaps: they sum to the zone's geodesic area."""
    z = mz.analyse_zone(_circle(lon, lat, radius_km), point=(lon, lat))
    assert z.area_km2 == pytest.approx(np.pi * radius_km**2, rel=0.01)
    assert sum(s.area_km2 for s in z.shares) == pytest.approx(z.area_km2, rel=1e-4)
    assert all(s.zone in ("land", "territorial sea", "eez", "high seas") for s in z.shares)


def test_polygon_from_geojson_accepts_features_and_rejects_points() -> None:
    poly = _circle(130.0, 35.0, 10.0)
    feat = {"type": "Feature", "properties": {}, "geometry": shapely.geometry.mapping(poly)}
    assert polygon_from_geojson({"type": "FeatureCollection", "features": [feat]}).equals(poly)
    with pytest.raises(ValueError, match="got an object with type 'Point'"):
        polygon_from_geojson({"type": "Point", "coordinates": [1.0, 2.0]})


# ------------------------------------------------------------------------------------------- layers
def test_shipped_eez_is_valid_and_typed() -> None:
    eez = load_eez()
    assert len(eez) == 281
    assert eez.is_valid.all()
    assert set(eez.pol_type) == {"200NM", "Joint regime", "Overlapping claim"}
    jp = eez[eez.mrgid == 8487].iloc[0]
    assert (jp["name"], jp["sovereign"], jp["sovereign_iso3"]) == (
        "Japanese Exclusive Economic Zone",
        "Japan",
        "JPN",
    )
    senkaku = eez[eez.mrgid == 48954].iloc[0]
    assert senkaku["sovereign"] == "Taiwan / Japan / China"
    assert senkaku["disputed"]
    # every part inside -180..180 (split at the antimeridian)
    b = eez.bounds
    assert (b.minx >= -180).all()
    assert (b.maxx <= 180).all()


def test_coastline_states_and_regions() -> None:
    coast = load_coastline()
    assert {"Japan", "South Korea", "North Korea", "China", "Russia", "Taiwan"} <= set(coast.state)
    assert "Akita Prefecture" in set(coast[coast.state == "Japan"].region)


def test_territorial_seas_follow_osm_within_sanity_bounds() -> None:
    """Our 12 NM (normal baselines) vs OpenStreetMap's territorial waters (which follow straight
    baselines): the median boundary gap is a few km, the area difference a bounded share."""
    doc = json.loads((DATA_DIR / "maritime" / "territorial_sea_osm_comparison.json").read_text())
    states = doc["states"]
    for s in ("Japan", "South Korea", "North Korea", "China", "Russia"):
        f = states[s]
        assert f["computed_to_osm_boundary_km"]["median"] < 5.0, s
        assert f["symmetric_difference_share"] < 0.15, s
    assert states["North Korea"]["computed_to_osm_boundary_km"]["p95"] < 30.0


def test_display_simplification_reduces_vertices_and_shipped_display_files_exist() -> None:
    eez = load_eez()
    n = int(shapely.get_num_coordinates(eez.geometry.values).sum())
    low = simplified_for_display(eez, zoom=3)
    assert int(shapely.get_num_coordinates(low.geometry.values).sum()) < 0.7 * n
    assert low.is_valid.all()
    for name in ("eez_display.geojson", "territorial_sea_display.geojson"):
        assert gpd.read_file(DATA_DIR / "maritime" / name).is_valid.all()
    with pytest.raises(ValueError, match="zoom"):
        simplified_for_display(eez, zoom=-1)


# ------------------------------------------------------------------------------------------- user EEZ
V12_COLUMNS = {
    "mrgid": "MRGID",
    "name": "GEONAME",
    "pol_type": "POL_TYPE",
}


def _v12_frame() -> gpd.GeoDataFrame:
    """A v12-style table (upper-case columns, 'Overlapping claim') from a subset of the shipped data."""
    eez = load_eez()
    sub = eez[eez.mrgid.isin([8487, 8327, 8328, 21796, 48955, 5690, 8486])].reset_index(drop=True)
    sov = [[*s.split(" / "), "", ""] for s in sub.sovereign]
    iso = [[*s.split(" / "), "", ""] for s in sub.sovereign_iso3]
    return gpd.GeoDataFrame(
        {
            "MRGID": sub.mrgid.astype("int64"),
            "GEONAME": sub["name"],
            "POL_TYPE": sub.pol_type,
            "SOVEREIGN1": [s[0] for s in sov],
            "SOVEREIGN2": [s[1] or None for s in sov],
            "SOVEREIGN3": [s[2] or None for s in sov],
            "ISO_SOV1": [s[0] for s in iso],
            "ISO_SOV2": [s[1] or None for s in iso],
            "ISO_SOV3": [s[2] or None for s in iso],
            "TERRITORY1": [s[0] for s in sov],
            "AREA_KM2": 1.0,
        },
        geometry=sub.geometry.values,
        crs="EPSG:4326",
    )


def _zip(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return buf.getvalue()


def _shapefile_files(gdf: gpd.GeoDataFrame, tmp: Path, stem: str) -> dict[str, bytes]:
    gdf.to_file(tmp / f"{stem}.shp", engine="pyogrio")
    return {f"World_EEZ_v11_20191118/{p.name}": p.read_bytes() for p in sorted(tmp.glob(f"{stem}.*"))}


def test_user_v12_geopackage_replaces_the_shipped_eez(tmp_path: Path, mz: MaritimeZones) -> None:
    src = _v12_frame()
    path = tmp_path / "eez_v12.gpkg"
    src.to_file(path, layer="eez_v12", driver="GPKG", engine="pyogrio")
    eez = read_user_eez(path.read_bytes(), filename="eez_v12.gpkg")
    assert len(eez) == 7
    assert set(eez.pol_type) == {"200NM", "Joint regime", "Overlapping claim"}
    user = MaritimeZones(eez=eez, territorial=mz.territorial, land=mz.land, coastline=mz.coastline)
    lon, lat, _ = GEOD.fwd(*YANGDOK, 80.0, 800_000.0)
    pts = ([lon, 127.52, 132.77], [lat, 30.84, 38.06])
    a = user.classify_points(*pts)
    b = mz.classify_points(*pts)
    assert a[["zone", "state", "pol_type"]].equals(b[["zone", "state", "pol_type"]])
    assert a.joint.tolist() == [False, True, False]
    assert a.disputed.tolist() == [False, False, True]


def test_user_v11_shapefile_zip_picks_the_polygons_not_the_boundary_lines(tmp_path: Path) -> None:
    src = _v12_frame()
    lines = gpd.GeoDataFrame(
        {"LINE_ID": [1], "SOVEREIGN1": ["Japan"]},
        geometry=[shapely.LineString([(130, 35), (131, 36)])],
        crs="EPSG:4326",
    )
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    files = _shapefile_files(lines, tmp_path / "a", "eez_boundaries_v11")
    files |= _shapefile_files(src, tmp_path / "b", "eez_v11")
    eez = read_user_eez(_zip(files), filename="World_EEZ_v11_20191118.zip")
    assert sorted(eez.mrgid) == sorted(src.MRGID)
    assert eez.loc[eez.mrgid == 21796, "sovereign_iso3"].iloc[0] == "KOR / JPN"


def test_user_zip_holding_a_geopackage(tmp_path: Path) -> None:
    path = tmp_path / "eez_v12.gpkg"
    _v12_frame().to_file(path, layer="eez_v12", driver="GPKG", engine="pyogrio")
    data = _zip({"World_EEZ_v12_20231025_gpkg/eez_v12.gpkg": path.read_bytes()})
    assert len(read_user_eez(data, filename="World_EEZ_v12_20231025_gpkg.zip")) == 7


def test_user_file_that_is_a_png_is_refused_saying_what_it_is() -> None:
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
    with pytest.raises(MaritimeDataError) as exc:
        read_user_eez(png, filename="map.png")
    assert str(exc.value).startswith(
        "map.png: this is a PNG image, not an EEZ file. Expected the Marine Regions World EEZ v11 or v12 "
        "download"
    )


def test_user_zip_without_a_shapefile_is_refused_listing_its_content() -> None:
    data = _zip({"readme.txt": b"hello", "data.csv": b"a,b\n1,2\n"})
    with pytest.raises(MaritimeDataError) as exc:
        read_user_eez(data, filename="eez.zip")
    assert str(exc.value).startswith(
        "eez.zip: the zip holds readme.txt, data.csv; expected a shapefile (.shp with its .shx, .dbf and "
        ".prj) or a GeoPackage (.gpkg)."
    )


def test_user_shapefile_without_dbf_is_refused(tmp_path: Path) -> None:
    files = _shapefile_files(_v12_frame(), tmp_path, "eez_v12")
    files = {k: v for k, v in files.items() if not k.endswith(".dbf")}
    with pytest.raises(MaritimeDataError, match=r"eez_v12\.shp comes without \.dbf"):
        read_user_eez(_zip(files), filename="eez.zip")


def test_user_file_missing_columns_names_them_and_what_was_found(tmp_path: Path) -> None:
    src = _v12_frame().drop(columns=["POL_TYPE", "SOVEREIGN1", "SOVEREIGN2", "SOVEREIGN3"])
    path = tmp_path / "x.gpkg"
    src.to_file(path, driver="GPKG", engine="pyogrio")
    with pytest.raises(MaritimeDataError) as exc:
        read_user_eez(path.read_bytes(), filename="countries.gpkg")
    msg = str(exc.value)
    assert msg.startswith("countries.gpkg: missing column(s) POL_TYPE, SOVEREIGN1. Found: AREA_KM2, GEONAME,")
    assert "marineregions.org" in msg


def test_user_file_too_big_is_refused_before_parsing() -> None:
    with pytest.raises(MaritimeDataError) as exc:
        read_user_eez(b"PK\x03\x04" + b"\x00" * 2_000_000, filename="huge.zip", max_bytes=1_000_000)
    assert str(exc.value).startswith("huge.zip: 2.0 MB is over the 1 MB limit for an EEZ upload.")


def test_user_zip_bomb_is_refused(tmp_path: Path) -> None:
    data = _zip({"eez_v12.gpkg": b"\x00" * 5_000_000})
    with pytest.raises(MaritimeDataError, match="unpacks to 5 MB, over the 1 MB limit"):
        read_user_eez(data, filename="bomb.zip", max_uncompressed_bytes=1_000_000)


def test_user_file_with_unknown_polygon_type_names_the_rows() -> None:
    src = _v12_frame()
    src.loc[0, "POL_TYPE"] = "Contiguous zone"
    with pytest.raises(
        MaritimeDataError, match=r"1 row\(s\) with an unknown POL_TYPE \(MRGID \d+: 'Contiguous zone'\)"
    ):
        normalize_eez(src, source="eez_v12.gpkg")


def test_zones_refuse_a_raw_marine_regions_table() -> None:
    with pytest.raises(MaritimeDataError, match=r"missing column\(s\) mrgid, name, sovereign"):
        MaritimeZones(eez=_v12_frame())


def test_user_upload_filename_never_names_a_server_path(tmp_path: Path) -> None:
    """The filename is only used in messages: a path-like name is reduced to its last part."""
    with pytest.raises(MaritimeDataError) as exc:
        read_user_eez(b"GIF89a....", filename="../../etc/passwd")
    assert str(exc.value).startswith("passwd: this is a GIF image")


def test_regression_japan_and_disputed_kuril_belts_do_not_repeat_japan(mz: MaritimeZones) -> None:
    """Bug: in the Nemuro Strait the belts of "Japan" and "Japan / Russia" overlap and the state
    read "Japan / Japan / Russia"."""
    r = mz.analyse_point(145.22990, 43.98226)
    assert r.zone == "territorial sea"
    assert r.state == "Japan / Russia"
    assert r.overlap
    assert r.disputed


@settings(max_examples=60)
@given(
    prefix=st.sampled_from([b"", b"PK\x03\x04", b"SQLite format 3\x00", b"\x89PNG\r\n\x1a\n", b"{"]),
    body=st.binary(max_size=2048),
)
def test_user_eez_reader_never_crashes_on_arbitrary_bytes(prefix: bytes, body: bytes) -> None:
    """Whatever is uploaded, the answer is a MaritimeDataError naming the upload, never a crash
    (random bytes are never a valid EEZ layer)."""
    with pytest.raises(MaritimeDataError, match=r"^upload\.bin: "):
        read_user_eez(prefix + body, filename="upload.bin")
