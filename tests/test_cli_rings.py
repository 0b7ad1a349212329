"""``python -m geo rings``: the analysts' command line, and the golden ring files.

The golden files ``tests/golden/rings/<site>.geojson`` are the exact output of
``python -m geo rings --lon LON --lat LAT --km 300 --km 800 --km 1500 --km 5500 --km 13000
--km 19000`` for Pyongyang, Sinpo and Tonghae. They are checked twice: against fresh output
(regression), and on their own against GeographicLib (every vertex at its range, edges within
the tolerance, the pole facts), so a regenerated file cannot silently carry a wrong ring.
Regenerate with ``UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_cli_rings.py -k golden``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import shapely
from shapely.geometry import shape

from geo.cli import main
from geo.export import validate_rfc7946
from geo.geodesy import default_tolerance_km, distance_km

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden" / "rings"
SITES = {
    "pyongyang": (125.75, 39.03),
    "sinpo": (128.18, 40.03),
    "tonghae": (129.67, 40.85),
}
RANGES = ("300", "800", "1500", "5500", "13000", "19000")


def run_cli(capsys, *args: str) -> tuple[int, str, str]:
    try:
        code = main(["rings", *args])
    except SystemExit as exc:  # argparse errors and --help
        code = int(exc.code or 0)
    out = capsys.readouterr()
    return code, out.out, out.err


def site_args(name: str) -> list[str]:
    lon, lat = SITES[name]
    args = ["--lon", str(lon), "--lat", str(lat)]
    for r in RANGES:
        args += ["--km", r]
    return args


def test_prints_one_feature_per_range(capsys):
    code, out, err = run_cli(capsys, "--lon", "125.75", "--lat", "39.03", "--km", "1500", "--km", "300")
    assert code == 0, err
    fc = json.loads(out)
    assert validate_rfc7946(fc) == []
    assert [f["properties"]["range_km"] for f in fc["features"]] == [1500.0, 300.0]
    props = fc["features"][0]["properties"]
    assert props["centre_lon"] == 125.75
    assert props["centre_lat"] == 39.03
    assert props["tolerance_km"] == 1.0
    assert fc["features"][1]["properties"]["tolerance_km"] == 0.3
    ring = shape(fc["features"][0]["geometry"])
    assert ring.contains(shapely.Point(139.69, 35.69))  # Tokyo, 1,288 km


def test_tolerance_option(capsys):
    code, out, _ = run_cli(capsys, "--lon", "0", "--lat", "0", "--km", "1000", "--tolerance-km", "5")
    assert code == 0
    feature = json.loads(out)["features"][0]
    assert feature["properties"]["tolerance_km"] == 5.0
    coarse = len(feature["geometry"]["coordinates"][0])
    _, out, _ = run_cli(capsys, "--lon", "0", "--lat", "0", "--km", "1000")
    assert coarse < len(json.loads(out)["features"][0]["geometry"]["coordinates"][0])


def test_help_explains(capsys):
    code, out, _ = run_cli(capsys, "--help")
    assert code == 0
    for words in ("--km", "--tolerance-km", "WGS84", "antimeridian", "GeoJSON", "example"):
        assert words.lower() in out.lower().replace("180th meridian", "antimeridian")


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["--lon", "125.75", "--lat", "39.03"], "--km"),
        (["--lon", "abc", "--lat", "39.03", "--km", "300"], "argument --lon: must be a number"),
        (["--lon", "125.75", "--lat", "39.03", "--km", "nan"], "finite"),
        (["--lon", "125.75", "--lat", "95", "--km", "300"], "argument --lat: must be within -90..90"),
        (["--lon", "190", "--lat", "39", "--km", "300"], "argument --lon: must be within -180..180"),
        (["--lon", "125.75", "--lat", "39.03", "--km", "0"], "argument --km: must be at least 0.01 km"),
        (["--lon", "125.75", "--lat", "39.03", "--km", "25000"], "antipode"),
        (["--lon", "125.75", "--lat", "39.03", "--km", "300", "--tolerance-km", "-1"], "--tolerance-km"),
    ],
)
def test_bad_arguments_fail_clearly(capsys, args, fragment):
    code, out, err = run_cli(capsys, *args)
    assert code != 0
    assert out == ""
    assert fragment in err


def test_module_entry_point_runs():
    proc = subprocess.run(
        [sys.executable, "-m", "geo", "rings", "--lon", "128.18", "--lat", "40.03", "--km", "5500"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    fc = json.loads(proc.stdout)
    assert validate_rfc7946(fc) == []
    bad = subprocess.run(
        [sys.executable, "-m", "geo", "rings", "--lon", "128.18", "--lat", "40.03", "--km", "-3"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert bad.returncode == 2
    assert "argument --km: must be at least 0.01 km" in bad.stderr


# ---------------------------------------------------------------------------------------------
# golden files
# ---------------------------------------------------------------------------------------------


def _ring_vertices(geom) -> np.ndarray:
    """Exterior/hole vertices that lie on the ring itself (not on the 180° seam or a pole)."""
    pts = []
    for part in shapely.get_parts(geom):
        for ring in [part.exterior, *part.interiors]:
            xy = np.asarray(ring.coords)
            pts.append(xy[(np.abs(xy[:, 0]) < 180.0) & (np.abs(xy[:, 1]) < 90.0)])
    return np.concatenate(pts)


@pytest.mark.parametrize("name", list(SITES))
def test_golden_matches_fresh_output(capsys, name):
    code, out, err = run_cli(capsys, *site_args(name))
    assert code == 0, err
    path = GOLDEN / f"{name}.geojson"
    if os.environ.get("UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(out, encoding="utf-8")
    golden = json.loads(path.read_text(encoding="utf-8"))
    fresh = json.loads(out)
    assert len(fresh["features"]) == len(golden["features"]) == len(RANGES)
    for f_new, f_old in zip(fresh["features"], golden["features"], strict=True):
        assert f_new["properties"] == f_old["properties"]
        g_new, g_old = shape(f_new["geometry"]), shape(f_old["geometry"])
        assert f_new["geometry"]["type"] == f_old["geometry"]["type"]
        # identical up to a last-decimal difference of the platform's maths library
        assert shapely.hausdorff_distance(g_new, g_old) <= 2e-6


@pytest.mark.parametrize("name", list(SITES))
def test_golden_rings_are_true(name):
    lon, lat = SITES[name]
    fc = json.loads((GOLDEN / f"{name}.geojson").read_text(encoding="utf-8"))
    assert validate_rfc7946(fc) == []
    for feature in fc["features"]:
        radius = feature["properties"]["range_km"]
        ring = shape(feature["geometry"])
        xy = _ring_vertices(ring)
        # 6 decimals move a vertex by at most ~0.08 m
        assert np.abs(distance_km(lon, lat, xy[:, 0], xy[:, 1]) - radius).max() < 1e-3
        assert ring.contains(shapely.Point(lon, lat))
        # midpoints of consecutive ring vertices (skipping seam jumps) within the tolerance
        n_edges = 0
        for part in shapely.get_parts(ring):
            for boundary in [part.exterior, *part.interiors]:
                c = np.asarray(boundary.coords)
                a, b = c[:-1], c[1:]
                on_ring = (np.abs(a[:, 1]) < 90) & (np.abs(b[:, 1]) < 90) & (np.abs(a[:, 0] - b[:, 0]) < 180)
                on_ring &= ~((np.abs(a[:, 0]) == 180) & (np.abs(b[:, 0]) == 180))
                mid = (a[on_ring] + b[on_ring]) / 2
                err = np.abs(distance_km(lon, lat, mid[:, 0], mid[:, 1]) - radius)
                assert (err <= default_tolerance_km(radius) + 1e-3).all()
                n_edges += int(on_ring.sum())
        assert n_edges > 100


def test_golden_pyongyang_13000_pole_and_washington():
    fc = json.loads((GOLDEN / "pyongyang.geojson").read_text(encoding="utf-8"))
    ring = shape(next(f for f in fc["features"] if f["properties"]["range_km"] == 13000)["geometry"])
    assert ring.contains(shapely.Point(0.0, 89.999))
    assert ring.contains(shapely.Point(-77.04, 38.90))
    assert not ring.contains(shapely.Point(0.0, -89.999))
    west, south, east, north = ring.bounds
    assert west >= -180
    assert east <= 180
    assert south >= -90
    assert north <= 90


@pytest.mark.parametrize("km", ["20000", "20003"])
def test_regression_issue8_rings_near_the_antipode_are_the_globe_less_a_small_cap(capsys, km):
    """``rings --lon 0 --lat 0 --km 20000`` printed a 223 km² patch near the antipode, and
    ``--km 20003`` a GeometryCollection of twice the Earth's area."""
    code, out, _ = run_cli(capsys, "--lon", "0", "--lat", "0", "--km", km)
    assert code == 0
    feature = json.loads(out)["features"][0]
    assert feature["geometry"]["type"] in ("Polygon", "MultiPolygon")
    globe_km2 = 510_065_621.7
    assert globe_km2 - 1_000.0 < feature["properties"]["area_km2"] < globe_km2
    geom = shapely.geometry.shape(feature["geometry"])
    assert geom.is_valid
    assert shapely.contains_xy(geom, 90.0, 45.0)
    assert not shapely.contains_xy(geom, 180.0 - 1e-4, 1e-4)  # the antipode (180, 0) is out of range
