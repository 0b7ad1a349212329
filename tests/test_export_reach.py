"""geo.export.bands: the reach bands the Map page draws, exported as a layer, in every format.

The views: the 2021-09-15 rail launch (launch area: Yangdok county) with 800 and 13,000 km, and the
2021-09-11 cruise missile (no reported place: the launch area is North Korea) with 1,500 km. Truth is
the geodesic distance (pyproj.Geod, GeographicLib) from dense points of the launch area: a vertex of an
outer limit is at the range from the nearest point of the area, a vertex of an inner limit at the range
from the farthest. The golden file ``tests/golden/reach/yangdok.geojson`` pins the layer; regenerate it
with ``UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_export_reach.py -k golden``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from pyproj import Geod
from shapely.geometry import Point, Polygon, shape

import geo
from geo.export import (
    FORMATS,
    VIEW_RANGE_SOURCE,
    build_view_content,
    dumps_geojson,
    export_bytes,
    launch_view,
    reach_band_rows,
    reach_bands,
    validate_rfc7946,
    write_export,
)
from geo.geodesy import destination, reach_accuracy_km, region_samples
from tests.export_readback import areal, read_back

GEOD = Geod(ellps="WGS84")
ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden" / "reach" / "yangdok.geojson"
YANGDOK = "2021-09-15-1"
CRUISE = "2021-09-11-c1"
KML_NS = {"k": "http://www.opengis.net/kml/2.2"}
ROUNDING_KM = 1e-3  # 6 decimals of a degree move a vertex by at most ~0.1 m; margin for the readers


@pytest.fixture(scope="module")
def cat() -> gpd.GeoDataFrame:
    return geo.load_catalogue()


def _content(view: geo.LaunchView) -> geo.ExportContent:
    return build_view_content(
        pd.DataFrame([view.record]),
        selected=view.record,
        rings=view.rings,
        launch_region=view.launch_region,
        impact=view.impact,
        verdict=view.verdict,
        reach=view.reach,
    )


@pytest.fixture(scope="module")
def county(cat: gpd.GeoDataFrame) -> geo.LaunchView:
    return launch_view(cat[cat["id"] == YANGDOK].iloc[0], [800.0, 13000.0], maritime=False)


@pytest.fixture(scope="module")
def country(cat: gpd.GeoDataFrame) -> geo.LaunchView:
    return launch_view(cat[cat["id"] == CRUISE].iloc[0], [1500.0], maritime=False)


def _truth_points(region) -> tuple[np.ndarray, np.ndarray]:
    """The launch area's boundary every 0.5 km (and its vertices): where its nearest and farthest
    points from anything outside lie."""
    return region_samples(region, 0.5)


def _limit_vertices(geom, n: int = 250) -> np.ndarray:
    """Up to ``n`` vertices of the limit itself, not of the 180° seam or of the pole closure."""
    xy = np.concatenate(
        [np.asarray(r.coords) for p in shapely.get_parts(geom) for r in [p.exterior, *p.interiors]]
    )
    xy = xy[(np.abs(xy[:, 0]) < 180.0 - 1e-9) & (np.abs(xy[:, 1]) < 90.0 - 1e-9)]
    return xy[:: max(1, len(xy) // n)]


def _near_far_km(region, xy: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    bx, by = _truth_points(region)
    near, far = np.empty(len(xy)), np.empty(len(xy))
    for i, (x, y) in enumerate(xy):
        _, _, d = GEOD.inv(np.full(bx.size, x), np.full(bx.size, y), bx, by)
        near[i], far[i] = d.min() / 1000.0, d.max() / 1000.0
    return near, far


def _check_vertices(region, kind: str, range_km: float, accuracy_km: float, geom) -> None:
    xy = _limit_vertices(geom)
    assert len(xy) > 50, (kind, range_km)
    near, far = _near_far_km(region, xy)
    slack = accuracy_km + ROUNDING_KM + 0.01  # the truth samples the boundary every 0.5 km
    if kind == "outer":
        assert np.abs(near - range_km).max() <= slack, (range_km, np.abs(near - range_km).max())
    elif kind == "inner":
        assert np.abs(far - range_km).max() <= slack, (range_km, np.abs(far - range_km).max())
    else:  # a band's boundary is made of the two limits
        on_limit = (np.abs(near - range_km) <= slack) | (np.abs(far - range_km) <= slack)
        assert on_limit.all(), (range_km, xy[~on_limit][:3])


# ---------------------------------------------------------------------------------------------
# the layer
# ---------------------------------------------------------------------------------------------


def test_reach_layer_attributes_and_band_is_outer_less_inner(county: geo.LaunchView) -> None:
    layer = _content(county).layer("reach")
    assert layer is not None
    frame = layer.frame
    assert list(zip(frame["range_km"], frame["kind"], strict=True)) == [
        (800.0, "band"),
        (800.0, "outer"),
        (800.0, "inner"),
        (13000.0, "band"),
        (13000.0, "outer"),
        (13000.0, "inner"),
    ]
    assert frame["system"].isna().all()
    assert (frame["source"] == VIEW_RANGE_SOURCE).all()
    assert (frame["launch_area"] == "Yangdok county").all()
    assert frame["is_estimate"].all()
    assert frame["accuracy_km"].tolist() == [0.8, 0.8, 0.8, 1.0, 1.0, 1.0]
    assert frame.crs.to_epsg() == 4326
    for r in (800.0, 13000.0):
        area = dict(
            zip(
                frame.loc[frame["range_km"] == r, "kind"],
                frame.loc[frame["range_km"] == r, "area_km2"],
                strict=False,
            )
        )
        assert area["band"] == pytest.approx(area["outer"] - area["inner"], rel=1e-4)
        assert area["band"] > 0.0


def test_same_reach_as_the_map_draws(county: geo.LaunchView) -> None:
    """The exported band is the map's reach_band overlay (geo.reachview), the limits its lines."""
    bands = county.reach
    assert bands is not None
    drawn = geo.reachview.reach_overlays(bands.areas, bands.region, place=bands.place)
    frame = _content(county).layer("reach").frame
    for ov in drawn:
        if ov.kind not in ("reach_band", "reach_outer", "reach_inner"):
            continue
        kind = ov.kind.removeprefix("reach_")
        row = frame[(frame["range_km"] == ov.properties["range_km"]) & (frame["kind"] == kind)]
        assert len(row) == 1
        assert row.geometry.iloc[0].symmetric_difference(ov.geometry).area < 1e-9


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_every_format_keeps_the_limits_at_their_range(
    fmt: str, county: geo.LaunchView, tmp_path: Path
) -> None:
    """Read back by GDAL: every outer vertex at the range from the nearest point of the launch area,
    every inner vertex at the range from its farthest point, band vertices on one of the two."""
    path = write_export(_content(county), tmp_path / f"view{FORMATS[fmt].suffix}", fmt)
    back = read_back(path, fmt)["reach"]
    region = county.launch_region["region"]
    assert len(back) == 6
    for _, row in back.iterrows():
        r = float(row["range_km"])
        geom = areal(row.geometry)
        assert geom is not None
        assert geom.is_valid
        if fmt == "kml" and r > 10_000.0:
            continue  # KML cuts large areas into globe-safe tiles: their edges are not the limit
        _check_vertices(region, str(row["kind"]), r, float(row["accuracy_km"]), geom)


def test_country_launch_area_reach_and_the_cities_it_names(country: geo.LaunchView) -> None:
    """The cruise missile with no reported place: 1,500 km from anywhere in North Korea."""
    frame = _content(country).layer("reach").frame
    assert frame["kind"].tolist() == ["band", "outer", "inner"]
    by_kind = dict(zip(frame["kind"], frame.geometry, strict=True))
    tokyo, guam = Point(139.69, 35.69), Point(144.79, 13.44)
    assert by_kind["outer"].contains(tokyo)
    assert not by_kind["outer"].contains(guam)
    region = country.launch_region["region"]
    _check_vertices(region, "outer", 1500.0, float(frame["accuracy_km"].iloc[1]), by_kind["outer"])
    _check_vertices(region, "inner", 1500.0, float(frame["accuracy_km"].iloc[2]), by_kind["inner"])
    assert any("every point of the estimated launch area (North Korea)" in n for n in country.notes)


# ---------------------------------------------------------------------------------------------
# GeoJSON: RFC 7946, split, counter-clockwise, reproducible, golden
# ---------------------------------------------------------------------------------------------


def _reach_features(data: bytes) -> list[dict]:
    fc = json.loads(data)
    assert validate_rfc7946(fc) == []
    return [f for f in fc["features"] if f["properties"]["layer"] == "reach"]


def test_geojson_is_rfc7946_split_at_180_and_reproducible(county: geo.LaunchView) -> None:
    content = _content(county)
    data = export_bytes(content, "geojson")
    assert export_bytes(_content(county), "geojson") == data
    features = _reach_features(data)
    big = [f for f in features if f["properties"]["range_km"] == 13000]
    outer = shape(next(f for f in big if f["properties"]["kind"] == "outer")["geometry"])
    assert outer.bounds[0] == -180.0
    assert outer.bounds[2] == 180.0
    assert outer.covers(Point(0.0, 90.0))  # closed over the North Pole
    assert outer.contains(Point(-77.04, 38.90))  # Washington
    assert not outer.intersects(Point(0.0, -90.0))
    for f in features:
        for part in shapely.get_parts(shape(f["geometry"])):
            assert part.exterior.is_ccw
            assert all(not h.is_ccw for h in part.interiors)
            xy = np.asarray(part.exterior.coords)
            jumps = np.abs(np.diff(xy[:, 0])) > 180.0
            polar = (np.abs(xy[:-1, 1]) == 90.0) & (np.abs(xy[1:, 1]) == 90.0)
            assert not (jumps & ~polar).any()  # only the closure along a pole spans the map


@pytest.mark.parametrize("fmt", ["csv", "kml", "fgb"])
def test_other_formats_are_byte_reproducible(fmt: str, county: geo.LaunchView) -> None:
    assert export_bytes(_content(county), fmt) == export_bytes(_content(county), fmt)


def test_golden_reach_layer(county: geo.LaunchView) -> None:
    layer = _content(county).layer("reach")
    fresh = json.loads(dumps_geojson(layer.frame))
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text(dumps_geojson(layer.frame), encoding="utf-8")
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert validate_rfc7946(golden) == []
    assert len(fresh["features"]) == len(golden["features"]) == 6
    for new, old in zip(fresh["features"], golden["features"], strict=True):
        assert new["properties"] == old["properties"]
        assert new["geometry"]["type"] == old["geometry"]["type"]
        # identical up to a last-decimal difference of the platform's maths library
        assert shapely.hausdorff_distance(shape(new["geometry"]), shape(old["geometry"])) <= 2e-6


def test_golden_reach_is_true(county: geo.LaunchView) -> None:
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    region = county.launch_region["region"]
    for f in golden["features"]:
        p = f["properties"]
        _check_vertices(region, p["kind"], p["range_km"], p["accuracy_km"], shape(f["geometry"]))


# ---------------------------------------------------------------------------------------------
# property: any small launch area anywhere
# ---------------------------------------------------------------------------------------------


@settings(max_examples=12, deadline=None)
@given(
    lon=st.floats(-180.0, 180.0, allow_nan=False),
    lat=st.floats(-80.0, 80.0, allow_nan=False),
    size_km=st.floats(5.0, 200.0, allow_nan=False),
    range_km=st.sampled_from([300.0, 2_500.0, 13_000.0, 19_000.0]),
)
def test_property_bands_anywhere_are_valid_geojson_at_their_range(lon, lat, size_km, range_km) -> None:
    pts = [destination(lon, lat, azimuth_deg=a, distance_km=size_km) for a in (0.0, 130.0, 250.0)]
    xs = np.array([p[0] for p in pts])
    if xs.max() - xs.min() > 180.0:  # the triangle itself crosses 180°: keep to a simple region
        return
    region = Polygon(pts)
    rows, geoms = reach_band_rows(reach_bands(region, [range_km], place="a triangle"), "x-1")
    assert [r["kind"] for r in rows][:2] == ["band", "outer"]
    fc = json.loads(
        dumps_geojson([{"geometry": g, "properties": r} for r, g in zip(rows, geoms, strict=True)])
    )
    assert validate_rfc7946(fc) == []
    acc = reach_accuracy_km(region, range_km)
    area = {r["kind"]: r["area_km2"] for r in rows}
    assert area["band"] == pytest.approx(area["outer"] - area.get("inner", 0.0), rel=1e-3, abs=1.0)
    for r, g in zip(rows, geoms, strict=True):
        assert g.is_valid
        xy = _limit_vertices(g, 40)
        near, far = _near_far_km(region, xy)
        truth = near if r["kind"] == "outer" else far
        if r["kind"] == "band":
            truth = np.where(np.abs(near - range_km) < np.abs(far - range_km), near, far)
        assert np.abs(truth - range_km).max() <= acc + 0.02


# ---------------------------------------------------------------------------------------------
# systems, KML styles, the range map
# ---------------------------------------------------------------------------------------------


def test_system_ranges_carry_their_system_and_source(country: geo.LaunchView) -> None:
    region = country.launch_region["region"]
    bands = reach_bands(region, [], place="North Korea", systems=geo.load_systems())
    rows, geoms = reach_band_rows(bands, CRUISE)
    assert rows
    assert all(r["kind"] == "outer" and r["system"] for r in rows)
    ranges = [r["range_km"] for r in rows]
    assert ranges == sorted(set(ranges))
    hw12 = next(i for i, r in enumerate(rows) if "Hwasong-12" in r["system"])
    assert rows[hw12]["range_km"] == 4500.0
    assert "CSIS Missile Threat" in rows[hw12]["source"]
    assert "2017-05-14" in rows[hw12]["source"]
    assert geoms[hw12].contains(Point(144.79, 13.44))  # Guam, about 3,400 km from North Korea
    scud = next(i for i, r in enumerate(rows) if r["system"].startswith("Scud-B"))
    assert not geoms[scud].contains(Point(139.69, 35.69))  # Tokyo is beyond 300 km


def test_kml_styles_each_kind_as_the_map_does(county: geo.LaunchView) -> None:
    root = etree.fromstring(export_bytes(_content(county), "kml"))
    styles = [
        pm.findtext("k:styleUrl", namespaces=KML_NS)
        for pm in root.iterfind(".//k:Folder[@id='reach']/k:Placemark", KML_NS)
    ]
    assert styles == ["#reach_band", "#reach_outer", "#reach_inner"] * 2


def test_range_map_draws_the_bands(country: geo.LaunchView) -> None:
    """No reported place, no rings: the range map still shows the 1,500 km band, labelled."""
    rmap = geo.range_map(country)
    assert rmap.reach_ranges == (1500.0,)
    assert rmap.ring_xy == {}
    ax = rmap.figure.axes[0]
    band_rgb = tuple(int(geo.figure.draw.COLOURS["band"][i : i + 2], 16) / 255 for i in (1, 3, 5))
    want = tuple(round(v, 3) for v in band_rgb)
    fills = [p for p in ax.patches if tuple(round(v, 3) for v in p.get_facecolor()[:3]) == want]
    assert fills
    assert any(t.get_text() == "1,500 km" for t in ax.texts)
    legend = [t.get_text() for t in rmap.figure.legends[0].get_texts()]
    assert "Reach band: from part of the launch area" in legend
    rmap.figure.clear()
