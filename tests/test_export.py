"""geo.export: RFC 7946 GeoJSON that QGIS/GDAL read back exactly, byte-identical on every run."""

from __future__ import annotations

import json
import math

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from shapely.geometry import LineString, MultiPolygon, Point, Polygon, shape

from geo.export import dumps_geojson, json_safe, to_feature_collection, validate_rfc7946, write_geojson
from geo.geodesy import geodesic_ring

CW_SQUARE = Polygon([(0, 0), (0, 1), (1, 1), (1, 0)])  # clockwise exterior
SQUARE_WITH_CCW_HOLE = Polygon(
    [(0, 0), (4, 0), (4, 4), (0, 4)], [[(1, 1), (2, 1), (2, 2), (1, 2)]]
)  # exterior CCW, hole CCW (wrong for RFC 7946)


def _frame() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {
            "name": ["Pyongyang 1,500 km", "Sinpo 5,500 km", "Tonghae 13,000 km"],
            "range_km": np.array([1500.0, 5500.0, 13000.0]),
            "count": np.array([1, 2, 3], dtype=np.int64),
            "flag": np.array([True, False, True]),
            "note": [None, float("nan"), "ok"],
            "when": pd.to_datetime(["2017-07-28 14:41:00", None, "2022-11-03 00:00:00"], utc=True),
        },
        geometry=[
            geodesic_ring(125.75, 39.03, 1500.0),
            geodesic_ring(128.18, 40.03, 5500.0),
            geodesic_ring(129.67, 40.85, 13000.0),
        ],
        crs="EPSG:4326",
    )


def test_output_is_valid_and_byte_identical_across_runs():
    a = dumps_geojson(_frame())
    b = dumps_geojson(_frame())
    assert a == b
    assert a.endswith("\n")
    obj = json.loads(a)
    assert validate_rfc7946(obj) == []
    assert "crs" not in obj
    assert [f["properties"]["name"] for f in obj["features"]] == list(_frame()["name"])


def test_properties_json_safe():
    props = json.loads(dumps_geojson(_frame()))["features"]
    assert props[0]["properties"]["count"] == 1
    assert props[0]["properties"]["flag"] is True
    assert props[1]["properties"]["note"] is None  # NaN -> null
    assert props[0]["properties"]["note"] is None
    assert props[1]["properties"]["when"] is None  # NaT -> null
    assert props[0]["properties"]["when"] == "2017-07-28T14:41:00+00:00"
    assert json_safe(np.float32(1.5)) == 1.5
    assert json_safe(float("inf")) is None
    assert json_safe(pd.NA) is None
    assert json_safe({"a": [np.int8(1), np.nan]}) == {"a": [1, None]}


def test_coordinates_rounded_to_precision():
    fc = to_feature_collection([Point(125.123456789, 39.987654321)], precision=4)
    assert fc["features"][0]["geometry"]["coordinates"] == [125.1235, 39.9877]
    text = dumps_geojson([geodesic_ring(125.75, 39.03, 800.0)], precision=6)
    numbers = [
        float(t)
        for t in text.replace("[", " ").replace("]", " ").replace(",", " ").split()
        if t[0] in "-0123456789"
    ]
    assert all(round(v, 6) == v for v in numbers)


def test_orientation_right_hand_rule():
    fc = to_feature_collection([CW_SQUARE, SQUARE_WITH_CCW_HOLE])
    assert validate_rfc7946(fc) == []
    outer = shape(fc["features"][1]["geometry"])
    assert outer.exterior.is_ccw
    assert not outer.interiors[0].is_ccw
    assert shape(fc["features"][0]["geometry"]).exterior.is_ccw


def test_rounding_never_makes_a_polygon_invalid():
    # two holes 3e-7 degrees apart: naive rounding to 6 decimals makes them share an edge
    shell = [(0, 0), (1, 0), (1, 1), (0, 1)]
    h1 = [(0.2, 0.2), (0.2, 0.5), (0.5000001, 0.5), (0.5000001, 0.2)]
    h2 = [(0.5000004, 0.2), (0.5000004, 0.5), (0.8, 0.5), (0.8, 0.2)]
    poly = Polygon(shell, [h1, h2])
    assert poly.is_valid
    naive = shapely.transform(poly, lambda c: np.round(c, 6))
    assert not naive.is_valid  # the trap exists
    fc = to_feature_collection([poly], precision=6)
    assert validate_rfc7946(fc) == []
    assert shape(fc["features"][0]["geometry"]).is_valid


def test_refuses_unsplit_antimeridian_crossing_and_out_of_range():
    crossing = Polygon([(179.0, 0.0), (-179.0, 0.0), (-179.0, 1.0), (179.0, 1.0)])
    with pytest.raises(ValueError, match=r"feature 0.*antimeridian"):
        to_feature_collection([crossing])
    with pytest.raises(ValueError, match=r"feature 1.*\[-180, 180\]"):
        to_feature_collection([Point(0, 0), Point(181.0, 0.0)])
    with pytest.raises(ValueError, match="antimeridian"):
        to_feature_collection([LineString([(170.0, 0.0), (-170.0, 0.0)])])


def test_pole_closed_and_split_rings_are_accepted():
    ring = geodesic_ring(125.75, 39.03, 13000.0)  # pole-closed, touches both ±180
    fc = to_feature_collection([ring])
    assert validate_rfc7946(fc) == []
    assert shape(fc["features"][0]["geometry"]).contains(Point(0.0, 89.99))


def test_other_crs_is_converted_to_wgs84():
    frame = gpd.GeoDataFrame({"a": [1]}, geometry=[Point(125.75, 39.03)], crs="EPSG:4326").to_crs("EPSG:3857")
    fc = to_feature_collection(frame)
    assert fc["features"][0]["geometry"]["coordinates"] == [125.75, 39.03]


def test_bbox_and_ids():
    fc = to_feature_collection(
        [
            {"geometry": Point(1, 2), "properties": {"k": "a"}, "id": "x1"},
            {"geometry": Point(3, 4), "properties": {}},
        ],
        bbox=True,
    )
    assert fc["bbox"] == [1.0, 2.0, 3.0, 4.0]
    assert fc["features"][0]["bbox"] == [1.0, 2.0, 1.0, 2.0]
    assert fc["features"][0]["id"] == "x1"
    assert "id" not in fc["features"][1]
    assert validate_rfc7946(fc) == []
    by_field = to_feature_collection(_frame(), id_field="name")
    assert by_field["features"][2]["id"] == "Tonghae 13,000 km"


def test_null_geometry_allowed():
    fc = to_feature_collection([{"geometry": None, "properties": {"why": "not located"}}])
    assert fc["features"][0]["geometry"] is None
    assert validate_rfc7946(fc) == []


def test_file_reads_back_with_pyogrio_same_attributes_and_geometry(tmp_path):
    frame = _frame()
    path = write_geojson(frame, tmp_path / "rings.geojson")
    back = gpd.read_file(path, engine="pyogrio")
    assert list(back["name"]) == list(frame["name"])
    assert list(back["count"]) == [1, 2, 3]
    assert list(back["range_km"]) == [1500.0, 5500.0, 13000.0]
    assert list(back["flag"]) == [True, False, True]
    assert back.crs.to_epsg() == 4326
    for ours, theirs in zip(frame.geometry, back.geometry, strict=True):
        assert theirs.is_valid
        assert shapely.hausdorff_distance(ours, theirs) < 1e-6 + 1e-9
        assert theirs.contains(ours.representative_point())
    # writing the read-back data again changes no coordinate (the round trip is stable)
    again = json.loads(write_geojson(back, tmp_path / "again.geojson").read_text())
    first = json.loads(path.read_text())
    for f1, f2 in zip(first["features"], again["features"], strict=True):
        g1, g2 = shape(f1["geometry"]), shape(f2["geometry"])
        assert shapely.hausdorff_distance(g1, g2) == 0.0
        assert f1["properties"] == f2["properties"]


# ---------------------------------------------------------------------------------------------
# the validator
# ---------------------------------------------------------------------------------------------


def _poly(coords):
    return {"type": "Feature", "properties": {}, "geometry": {"type": "Polygon", "coordinates": coords}}


@pytest.mark.parametrize(
    ("obj", "fragment"),
    [
        ({"type": "Point", "coordinates": [0, 91]}, "latitude 91"),
        ({"type": "Point", "coordinates": [0]}, "position"),
        ({"type": "Point", "coordinates": [0, float("nan")]}, "finite"),
        ({"type": "Feature", "geometry": None}, "properties"),
        ({"type": "FeatureCollection", "features": [], "crs": {}}, "crs"),
        ({"type": "Nope"}, "unknown"),
        (_poly([[[0, 0], [0, 1], [1, 1], [1, 0], [0, 0]]]), "clockwise"),
        (_poly([[[0, 0], [1, 0], [1, 1], [0, 1]]]), "first position"),
        (_poly([[[0, 0], [1, 0], [0, 0]]]), "at least 4"),
        (_poly([[[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]], [[1, 1], [2, 1], [2, 2], [1, 2], [1, 1]]]), "hole"),
        (_poly([[[0, 0], [2, 2], [2, 0], [0, 2], [0, 0]]]), "invalid Polygon"),
        (_poly([[[179, 0], [-179, 0], [-179, 1], [179, 1], [179, 0]]]), "antimeridian"),
        ({"type": "Feature", "properties": [], "geometry": None}, "properties"),
        ({"type": "Feature", "properties": {}, "geometry": None, "id": True}, "id"),
        ({"type": "FeatureCollection", "features": [], "bbox": [0, 5, 1, 2]}, "bbox"),
    ],
)
def test_validator_reports_problems(obj, fragment):
    problems = validate_rfc7946(obj)
    assert problems, obj
    assert any(fragment in p for p in problems), problems


def test_validator_accepts_every_geometry_type():
    geoms = [
        Point(1, 2),
        LineString([(0, 0), (1, 1)]),
        MultiPolygon([CW_SQUARE.reverse(), Polygon([(5, 5), (6, 5), (6, 6)])]),
        shapely.MultiPoint([(0, 0), (1, 1)]),
        shapely.MultiLineString([[(0, 0), (1, 1)], [(2, 2), (3, 3)]]),
    ]
    fc = to_feature_collection(geoms)
    assert validate_rfc7946(fc) == []
    assert (
        validate_rfc7946({"type": "GeometryCollection", "geometries": [fc["features"][0]["geometry"]]}) == []
    )


def test_invalid_precision():
    with pytest.raises(ValueError, match="precision"):
        to_feature_collection([Point(0, 0)], precision=-1)
    assert not math.isnan(
        to_feature_collection([Point(0, 0)], precision=0)["features"][0]["geometry"]["coordinates"][0]
    )
