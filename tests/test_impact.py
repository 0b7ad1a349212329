"""geo.impact: impact estimates are geodesic, labelled estimates, with zones that mean what they say."""

from __future__ import annotations

import pandas as pd
import pytest
import shapely
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from pyproj import Geod

from geo.gazetteer import Gazetteer, geocode_records
from geo.geodesy import geodesic_area_km2
from geo.impact import (
    DEFAULT_BEARING_SIGMA_DEG,
    ImpactNotEstimable,
    estimate_impact,
    estimate_impacts,
)
from geo.records import load_catalogue

GEOD = Geod(ellps="WGS84")
YANGDOK = (126.804867, 39.275721)  # nk-missile-tests facility 'yangdok'
PYONGYANG = (125.75432, 39.03385)


def _fwd(lon: float, lat: float, az: float, km: float) -> tuple[float, float]:
    x, y, _ = GEOD.fwd(lon, lat, az, km * 1000.0)
    return float(x), float(y)


def _inv(lon1: float, lat1: float, lon2: float, lat2: float) -> tuple[float, float]:
    az, _, d = GEOD.inv(lon1, lat1, lon2, lat2)
    return float(az), float(d) / 1000.0


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


@pytest.fixture(scope="module")
def catalogue() -> pd.DataFrame:
    return load_catalogue()


def test_yangdok_2021_09_15_estimate_is_800_km_along_bearing_80(
    gaz: Gazetteer, catalogue: pd.DataFrame
) -> None:
    rows = catalogue[catalogue["date"].astype(str) == "2021-09-15"]
    rows = rows[rows["facility_id"] == "yangdok"]
    assert len(rows) >= 1
    rec = rows.iloc[0]
    assert float(rec["distance_km"]) == 800
    assert float(rec["bearing_deg"]) == 80
    launch = gaz.geocode(str(rec["launch_place"]))
    est = estimate_impact(
        (float(rec["launch_lon"]), float(rec["launch_lat"])),
        bearing_deg=float(rec["bearing_deg"]),
        distance_km=float(rec["distance_km"]),
        launch_uncertainty_km=launch.uncertainty_km,
    )
    az, d = _inv(float(rec["launch_lon"]), float(rec["launch_lat"]), est.lon, est.lat)
    assert d == pytest.approx(800.0, abs=1e-6)
    assert az == pytest.approx(80.0, abs=1e-6)
    assert est.is_estimate
    assert "Estimated" in est.label
    assert "ESTIMATE" in est.explanation
    assert shapely.contains_xy(est.zone, est.lon, est.lat)
    # the estimate lands in the Sea of Japan, as reported
    assert shapely.contains_xy(gaz.geocode("Sea of Japan").region, est.lon, est.lat)


def test_zone_contains_point_and_excludes_points_just_beyond() -> None:
    est = estimate_impact(YANGDOK, bearing_deg=80, distance_km=800)
    dsig = est.inputs["distance_sigma_km"]
    assert dsig == pytest.approx(40.0)  # default: 5 % of 800 km
    assert shapely.contains_xy(est.zone, est.lon, est.lat)
    # 1 km beyond the far edge and 1 km short of the near edge are outside
    assert not shapely.contains_xy(est.zone, *_fwd(*YANGDOK, 80, 800 + dsig + 1))
    assert not shapely.contains_xy(est.zone, *_fwd(*YANGDOK, 80, 800 - dsig - 1))
    assert shapely.contains_xy(est.zone, *_fwd(*YANGDOK, 80, 800 + dsig - 1))


def test_sector_edges_are_at_bearing_plus_minus_sigma() -> None:
    sigma = DEFAULT_BEARING_SIGMA_DEG
    est = estimate_impact(YANGDOK, bearing_deg=80, distance_km=800)
    for side in (-1, 1):
        assert shapely.contains_xy(est.zone, *_fwd(*YANGDOK, 80 + side * (sigma - 0.2), 800))
        assert not shapely.contains_xy(est.zone, *_fwd(*YANGDOK, 80 + side * (sigma + 0.2), 800))


def test_launch_uncertainty_grows_the_zone() -> None:
    bare = estimate_impact(YANGDOK, bearing_deg=80, distance_km=800)
    grown = estimate_impact(YANGDOK, bearing_deg=80, distance_km=800, launch_uncertainty_km=20)
    assert geodesic_area_km2(grown.zone) > geodesic_area_km2(bare.zone)
    # a point 15 km beyond the far edge is inside only when the launch is uncertain by 20 km
    beyond = _fwd(*YANGDOK, 80, 840 + 15)
    assert shapely.contains_xy(grown.zone, *beyond)
    assert not shapely.contains_xy(bare.zone, *beyond)
    assert grown.uncertainty_km > bare.uncertainty_km


def test_grown_zone_has_no_degenerate_holes(gaz: Gazetteer) -> None:
    """Regression: buffer_region unions left zero-area holes in grown zones."""
    zone = estimate_impact(gaz.geocode("Yangdok county"), bearing_deg=80, distance_km=800).zone
    assert [h for p in shapely.get_parts(zone) for h in p.interiors] == []


def test_geocoded_launch_carries_its_uncertainty(gaz: Gazetteer) -> None:
    launch = gaz.geocode("Yangdok county")
    est = estimate_impact(launch, bearing_deg=80, distance_km=800)
    assert est.inputs["launch_uncertainty_km"] == pytest.approx(20.0)
    assert "Yangdok County" in est.explanation


def test_polygon_launch_region_is_accepted(gaz: Gazetteer) -> None:
    region = gaz.geocode("South Hamgyong").region
    est = estimate_impact(region, bearing_deg=90, distance_km=500)
    lon0, lat0, unc = (est.inputs[k] for k in ("launch_lon", "launch_lat", "launch_uncertainty_km"))
    # the launch point lies in the province and the uncertainty is the province's farthest vertex
    assert shapely.contains_xy(region, lon0, lat0)
    dists = [_inv(lon0, lat0, x, y)[1] for x, y in shapely.get_coordinates(region.boundary)]
    assert max(dists) == pytest.approx(unc, abs=1e-6)
    assert unc > 50
    assert shapely.contains_xy(est.zone, est.lon, est.lat)


@settings(max_examples=25, deadline=None)
@given(
    s1=st.floats(1.0, 20.0),
    s2=st.floats(1.0, 20.0),
)
def test_zone_area_grows_with_bearing_sigma(s1: float, s2: float) -> None:
    assume(abs(s1 - s2) >= 0.5)  # an example that returned early asserted nothing
    a1 = geodesic_area_km2(
        estimate_impact(PYONGYANG, bearing_deg=70, distance_km=600, bearing_sigma_deg=s1).zone
    )
    a2 = geodesic_area_km2(
        estimate_impact(PYONGYANG, bearing_deg=70, distance_km=600, bearing_sigma_deg=s2).zone
    )
    assert (a1 < a2) == (s1 < s2)


@settings(max_examples=25, deadline=None)
@given(d1=st.floats(0.5, 100.0), d2=st.floats(0.5, 100.0))
def test_zone_area_grows_with_distance_sigma(d1: float, d2: float) -> None:
    assume(abs(d1 - d2) >= 1.0)
    a1 = geodesic_area_km2(
        estimate_impact(PYONGYANG, bearing_deg=70, distance_km=600, distance_sigma_km=d1).zone
    )
    a2 = geodesic_area_km2(
        estimate_impact(PYONGYANG, bearing_deg=70, distance_km=600, distance_sigma_km=d2).zone
    )
    assert (a1 < a2) == (d1 < d2)


@settings(max_examples=40, deadline=None)
@given(
    bearing=st.floats(0.0, 359.9),
    distance=st.floats(50.0, 6000.0),
    sigma=st.floats(1.0, 30.0),
)
def test_point_is_at_the_geodesic_range_and_inside_the_zone(
    bearing: float, distance: float, sigma: float
) -> None:
    est = estimate_impact(PYONGYANG, bearing_deg=bearing, distance_km=distance, bearing_sigma_deg=sigma)
    _, d = _inv(*PYONGYANG, est.lon, est.lat)
    assert d == pytest.approx(distance, rel=1e-9)
    assert shapely.contains_xy(est.zone, est.lon, est.lat)
    assert est.zone.is_valid
    assert -180 <= est.zone.bounds[0] <= est.zone.bounds[2] <= 180


def test_zone_crossing_the_antimeridian_is_split() -> None:
    est = estimate_impact((175.4, 40.0), bearing_deg=90, distance_km=400)
    assert est.zone.geom_type == "MultiPolygon"
    assert shapely.contains_xy(est.zone, est.lon, est.lat)
    assert est.zone.bounds[0] >= -180
    assert est.zone.bounds[2] <= 180
    # same sector far from 180 degrees: same geodesic area
    same = estimate_impact((-4.6, 40.0), bearing_deg=90, distance_km=400)
    assert geodesic_area_km2(est.zone) == pytest.approx(geodesic_area_km2(same.zone), rel=1e-3)


def test_cruise_missiles_get_no_bearing_range_estimate() -> None:
    with pytest.raises(ImpactNotEstimable, match="cruise"):
        estimate_impact(PYONGYANG, bearing_deg=90, distance_km=1500, system_type="cruise")


def test_glide_vehicle_estimate_warns_about_manoeuvres() -> None:
    est = estimate_impact(PYONGYANG, bearing_deg=64, distance_km=1000, system_type="HGV")
    assert "glide vehicle" in est.explanation
    assert est.is_estimate


def test_placeholder_bearing_gets_no_estimate() -> None:
    with pytest.raises(ImpactNotEstimable, match="placeholder"):
        estimate_impact(PYONGYANG, bearing_deg=90, distance_km=300, bearing_is_placeholder=True)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"bearing_deg": 90, "distance_km": 0},
        {"bearing_deg": 90, "distance_km": -5},
        {"bearing_deg": float("nan"), "distance_km": 500},
        {"bearing_deg": 90, "distance_km": 500, "bearing_sigma_deg": 180},
        {"bearing_deg": 90, "distance_km": 500, "distance_sigma_km": -1},
        {"bearing_deg": 90, "distance_km": 500, "distance_sigma_km": 0},
    ],
)
def test_bad_inputs_raise_value_error(kwargs: dict[str, float]) -> None:
    with pytest.raises(ValueError, match="must be"):
        estimate_impact(PYONGYANG, **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("launch", "kwargs", "match"),
    [
        # Regression: None / text bearings raised TypeError or "could not convert string to float".
        (PYONGYANG, {"bearing_deg": None, "distance_km": 500}, r"bearing_deg must be .* got None"),
        (PYONGYANG, {"bearing_deg": "east", "distance_km": 500}, r"bearing_deg must be .* got 'east'"),
        (PYONGYANG, {"bearing_deg": 90, "distance_km": "far"}, r"distance_km must be .* got 'far'"),
        # Regression: a latitude of 95 surfaced as geodesy's "(centre 0)" message.
        ((126.0, 95.0), {"bearing_deg": 90, "distance_km": 500}, r"launch point .*\(x = lon first\)"),
        ((float("nan"), 39.0), {"bearing_deg": 90, "distance_km": 500}, r"launch point .* got \(nan"),
        # Regression: 19,999 km (allowed) with the default sigma failed inside geodesy ("max_km"),
        # and 15,000 +- 5,000 km gave an invalid zone polygon at the antipode.
        (PYONGYANG, {"bearing_deg": 80, "distance_km": 19_999}, r"distance_km must be .* below 19,900"),
        (
            PYONGYANG,
            {"bearing_deg": 80, "distance_km": 15_000, "distance_sigma_km": 5_000},
            r"distance_km \+ distance_sigma_km must stay below 19,900 km",
        ),
        # Regression: 1,000,000 km of launch uncertainty failed inside geodesy naming "distance_km".
        (
            PYONGYANG,
            {"bearing_deg": 80, "distance_km": 800, "launch_uncertainty_km": 1e6},
            r"launch_uncertainty_km must be .* below 10,000",
        ),
    ],
)
def test_bad_value_errors_name_the_argument_and_what_came(
    launch: tuple[float, float], kwargs: dict[str, object], match: str
) -> None:
    with pytest.raises(ValueError, match=match):
        estimate_impact(launch, **kwargs)  # type: ignore[arg-type]


def test_bearing_is_taken_modulo_360_and_system_type_need_not_be_text() -> None:
    # Regression: system_type=5 (a number from a spreadsheet) raised AttributeError ('int' has no strip).
    base = estimate_impact(PYONGYANG, bearing_deg=90, distance_km=500)
    for bearing in (450.0, -270.0):
        est = estimate_impact(PYONGYANG, bearing_deg=bearing, distance_km=500, system_type=5)  # type: ignore[arg-type]
        assert est.inputs["bearing_deg"] == 90.0
        assert (est.lon, est.lat) == pytest.approx((base.lon, base.lat), abs=1e-9)
        assert "bearing 90°" in est.label
    assert estimate_impact(PYONGYANG, bearing_deg=-0.0, distance_km=500).label.startswith(
        "Estimated impact (from bearing 0° "
    )


def test_estimate_impacts_keeps_every_row_and_gives_reasons(gaz: Gazetteer, catalogue: pd.DataFrame) -> None:
    geo_rows, errors = geocode_records(catalogue, gazetteer=gaz)
    assert errors == []
    out = estimate_impacts(geo_rows)
    assert len(out) == len(catalogue)
    assert out.geometry.name == "impact_zone"
    assert out.crs.to_epsg() == 4326
    made = out[out["impact_is_estimate"]]
    assert len(made) > 100
    assert shapely.contains_xy(
        made.geometry.values, made["impact_lon"].to_numpy(float), made["impact_lat"].to_numpy(float)
    ).all()
    assert made["impact_label"].str.startswith("Estimated impact").all()
    none = out[~out["impact_is_estimate"]]
    assert none["impact_zone"].isna().all()
    assert none["impact_explanation"].str.startswith("No impact estimate: ").all()
    cruise = out[out["system_type"] == "cruise"]
    assert len(cruise) > 0
    assert not cruise["impact_is_estimate"].any()
    assert cruise["impact_explanation"].str.contains("cruise").all()
    placeholder = out[out["bearing_is_placeholder"].astype(bool) & out["distance_km"].notna()]
    assert not placeholder["impact_is_estimate"].any()
    unknown_site = out[out["location_precision"].isin(["placeholder", "unreported"])]
    assert len(unknown_site) > 0
    assert not unknown_site["impact_is_estimate"].any()


def test_estimate_impacts_on_plain_frame() -> None:
    df = pd.DataFrame(
        {
            "id": ["a", "b"],
            "launch_lon": [YANGDOK[0], None],
            "launch_lat": [YANGDOK[1], None],
            "bearing_deg": [80, 80],
            "distance_km": [800, 800],
        }
    )
    out = estimate_impacts(df)
    assert list(out["impact_is_estimate"]) == [True, False]
    assert "no launch point" in out["impact_explanation"].iloc[1]
    # the point is GeographicLib's destination, computed here independently of geo.impact
    lon, lat = _fwd(*YANGDOK, 80.0, 800.0)
    assert (out["impact_lon"].iloc[0], out["impact_lat"].iloc[0]) == pytest.approx((lon, lat), abs=1e-9)
    assert out["impact_uncertainty_km"].iloc[0] > 0.05 * 800  # at least the 5 % distance sigma
