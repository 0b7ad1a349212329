"""geo.reach and ``python -m geo reach``: what a launch reaches, for the catalogue's real launches.

The issue's done-when checks: the 2021-09-11 cruise missile (no reported place: the launch region
is North Korea) reaches Tokyo, Beijing and Seoul with 1,500 km and not Guam; the 2021-09-15 rail
launch's 800 km band agrees with brute force (dense region points, Geod.inv) and names the
Japanese cities inside.
"""

from __future__ import annotations

import doctest
import json

import numpy as np
import pytest
import shapely
from shapely.geometry import Point, Polygon

import geo.reach
from geo.cli import main
from geo.export import validate_rfc7946
from geo.geocoding import Gazetteer, geocode_records
from geo.geodesy import default_tolerance_km, distance_km, region_samples
from geo.reach import (
    REACHED_ANYWHERE,
    REACHED_PART,
    cities_in_reach,
    distance_span_km,
    reach_areas,
    reach_feature_collection,
    reach_report,
    systems_reaching,
)
from geo.records import load_catalogue, load_systems

CITY_KEYS = {"name", "country", "population", "lon", "lat", "reached"}


@pytest.fixture(scope="module")
def regions() -> dict[str, object]:
    cat = load_catalogue()
    rec = cat[cat["id"].isin(["2021-09-11-c1", "2021-09-15-1"])]
    located, errors = geocode_records(rec, gazetteer=Gazetteer.load())
    assert errors == []
    return dict(zip(located["id"], located.geometry, strict=True))


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        code = main(["reach", *args])
    except SystemExit as exc:  # argparse usage errors
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def test_docstring_examples_run() -> None:
    result = doctest.testmod(geo.reach, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
    assert result.attempted >= 6


def test_cruise_missile_2021_09_11_reaches_tokyo_beijing_seoul_not_guam(regions) -> None:
    region = regions["2021-09-11-c1"]
    # no reported place: the launch region is the whole country, not a point
    assert region.area > 5.0
    assert shapely.contains_xy(region, 125.75, 39.03)
    (area,) = reach_areas(region, [1500.0])
    report = reach_report([area])[0]
    reached = {(c["name"], c["country"]): c["reached"] for c in report["cities"]}
    assert reached[("Tokyo", "JP")] == REACHED_ANYWHERE
    assert reached[("Beijing", "CN")] == REACHED_ANYWHERE
    assert reached[("Seoul", "KR")] == REACHED_ANYWHERE
    assert ("Hagåtña", "GU") not in reached  # Guam, about 3,400 km away
    assert not any(country == "GU" for _, country in reached)
    # Shanghai is 1,290 to 1,700 km from North Korea: reached from part of it only
    lo, hi = distance_span_km(region, 121.458, 31.222)
    assert lo < 1500.0 < hi
    assert reached[("Shanghai", "CN")] == REACHED_PART
    assert report["population"] == sum(c["population"] for c in report["cities"])
    assert report["population"] > 300_000_000


def test_rail_launch_2021_09_15_800km_band_agrees_with_brute_force(regions) -> None:
    region = regions["2021-09-15-1"]
    (area,) = reach_areas(region, [800.0])
    tol = default_tolerance_km(800.0)
    bx, by = region_samples(region, 1.0)  # brute-force stand-in for every point of the region
    rng = np.random.default_rng(915)
    c = region.representative_point()
    az = rng.uniform(0.0, 360.0, 1500)
    px, py = geo.geodesy.destination(c.x, c.y, azimuth_deg=az, distance_km=rng.uniform(700.0, 900.0, 1500))
    d = np.array([distance_km(x, y, bx, by) for x, y in zip(px, py, strict=True)])
    lo, hi = d.min(axis=1), d.max(axis=1)
    in_outer = shapely.contains_xy(area.outer, px, py)
    in_inner = shapely.contains_xy(area.inner, px, py)
    assert not (in_outer & (lo > 800.0 + tol)).any()
    assert not (~in_outer & (lo < 800.0 - tol)).any()
    assert not (in_inner & (hi > 800.0 + tol)).any()
    assert not (~in_inner & (hi < 800.0 - tol)).any()
    assert (in_outer & ~in_inner).sum() > 20  # the band is there (the county is ~40 km across)
    # the reach list names the Japanese cities inside
    report = reach_report([area])[0]
    japan = {ci["name"] for ci in report["cities"] if ci["country"] == "JP"}
    assert {"Fukuoka", "Kitakyushu", "Hiroshima"} <= japan
    assert "Tokyo" not in japan  # about 1,150 km away
    assert "Osaka" not in japan


def test_cities_in_reach_classification_matches_distances() -> None:
    square = Polygon([(126.0, 39.0), (127.0, 39.0), (127.0, 40.0), (126.0, 40.0)])
    areas = reach_areas(square, [1000.0])
    inside = cities_in_reach(areas)
    assert set(inside["reached"]) == {REACHED_ANYWHERE, REACHED_PART}
    sample = inside.iloc[:: max(1, len(inside) // 60)]
    for r in sample.itertuples():
        lo, hi = distance_span_km(square, r.lon, r.lat)
        assert lo <= 1000.0 + 1.0
        if r.reached == REACHED_ANYWHERE:
            assert hi <= 1000.0 + 1.0
        else:
            assert hi >= 1000.0 - 1.0


def test_distance_span_against_brute_force() -> None:
    square = Polygon([(126.0, 39.0), (127.0, 39.0), (127.0, 40.0), (126.0, 40.0)])
    grid = np.array([(x, y) for x in np.linspace(126, 127, 101) for y in np.linspace(39, 40, 101)])
    for lon, lat in [(139.69, 35.69), (144.75, 13.48), (-77.04, 38.90), (126.5, 39.5)]:
        lo, hi = distance_span_km(square, lon, lat)
        d = distance_km(lon, lat, grid[:, 0], grid[:, 1])
        assert lo == pytest.approx(d.min(), abs=0.05)
        assert hi == pytest.approx(d.max(), abs=0.05)


def test_systems_reaching_uses_the_catalogue_estimates() -> None:
    systems = load_systems()
    assert {"max_range_km", "range_basis", "range_source", "range_source_date"} <= set(systems.columns)
    # every system says something: a number with a source and date, or why there is none
    for r in systems.itertuples():
        if r.max_range_km:
            assert float(r.max_range_km) > 0
            assert r.range_source
            assert r.range_source_date
        else:
            assert r.range_basis
    # Guam from North Korea, about 3,300 to 3,700 km
    hit = systems_reaching(systems, 3300.0, 3700.0)
    ids = set(hit["system_id"])
    assert {"hwasong-12", "hwasong-15", "hwasong-17", "musudan"} <= ids
    assert "scud-b" not in ids
    assert "nodong" not in ids
    assert (hit["max_range_km"] >= 3300.0).all()
    part = hit[hit["reached"] == REACHED_PART]
    assert (part["max_range_km"] < 3700.0).all()
    with pytest.raises(ValueError, match="finite"):
        systems_reaching(systems, float("nan"), 1.0)


def test_cli_prints_the_issue_json_shape(capsys) -> None:
    code, out, err = run_cli(capsys, "--event", "2021-09-11-c1", "--ranges", "800,1500")
    assert code == 0, err
    doc = json.loads(out)
    assert doc["event"] == "2021-09-11-c1"
    assert [r["range_km"] for r in doc["ranges"]] == [800.0, 1500.0]
    for r in doc["ranges"]:
        assert set(r) == {"range_km", "accuracy_km", "population", "cities"}
        assert r["accuracy_km"] == default_tolerance_km(r["range_km"])
        assert r["cities"]
        for c in r["cities"][:50]:
            assert set(c) == CITY_KEYS
            assert c["reached"] in (REACHED_ANYWHERE, REACHED_PART)
            assert len(c["country"]) == 2
    assert doc["ranges"][0]["population"] < doc["ranges"][1]["population"]


def test_cli_geojson_one_feature_per_range_and_limit(capsys) -> None:
    code, out, err = run_cli(capsys, "--event", "2021-09-15-1", "--ranges", "800,13000", "--geojson")
    assert code == 0, err
    fc = json.loads(out)
    assert validate_rfc7946(fc) == []
    props = [(f["properties"]["range_km"], f["properties"]["limit"]) for f in fc["features"]]
    assert props == [(800.0, "outer"), (800.0, "inner"), (13000.0, "outer"), (13000.0, "inner")]
    assert [f["properties"]["accuracy_km"] for f in fc["features"]] == [0.8, 0.8, 1.0, 1.0]
    outer13 = shapely.geometry.shape(fc["features"][2]["geometry"])
    assert shapely.contains_xy(outer13, 0.0, 89.99)
    assert shapely.contains_xy(outer13, -77.04, 38.90)
    assert not shapely.contains_xy(outer13, 0.0, -89.99)


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["--event", "no-such-launch", "--ranges", "800"], "no launch with id"),
        (["--event", "2021-09-11-c1", "--ranges", "abc"], "number of km"),
        (["--event", "2021-09-11-c1", "--ranges", "0"], "from 1 to"),
        (["--event", "2021-09-11-c1", "--ranges", "nan"], "from 1 to"),
        (["--event", "2021-09-11-c1", "--ranges", "25000"], "from 1 to"),
        (["--event", "2021-09-11-c1", "--ranges", ","], "separated by commas"),
    ],
)
def test_cli_errors_are_clear_exit_2(capsys, args, fragment) -> None:
    code, out, err = run_cli(capsys, *args)
    assert code == 2
    assert fragment in err
    assert "Traceback" not in err
    assert out == ""


def test_feature_collection_inner_empty_is_null_geometry() -> None:
    areas = reach_areas(Polygon([(124.0, 38.0), (130.0, 38.0), (130.0, 42.0), (124.0, 42.0)]), [100.0])
    fc = reach_feature_collection(areas)
    assert fc["features"][1]["properties"] == {"range_km": 100.0, "limit": "inner"}
    assert fc["features"][1]["geometry"] is None
    assert validate_rfc7946(fc) == []


def test_point_region_every_city_reached_wherever_launched() -> None:
    areas = reach_areas(Point(125.75, 39.03), [1000.0])
    inside = cities_in_reach(areas)
    assert (inside["reached"] == REACHED_ANYWHERE).all()
    d = distance_km(125.75, 39.03, inside["lon"].to_numpy(), inside["lat"].to_numpy())
    assert d.max() <= 1000.0 + default_tolerance_km(1000.0)
