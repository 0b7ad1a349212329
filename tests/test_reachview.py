"""geo.reachview: reach overlays (bands, limits, labels, reference cities, system ranges) and how the
map builder draws them (escaped labels, bands filled, limits as lines)."""

from __future__ import annotations

import doctest

import shapely
from shapely.geometry import Polygon

import geo.reachview
from geo.cities import reference_cities
from geo.geodesy import distance_km, reach_outer
from geo.mapview import build_map, map_geojson_features
from geo.reach import reach_areas
from geo.reachview import reach_overlays, reference_city_overlays, system_range_overlays

COUNTY = Polygon([(126.6, 39.1), (127.0, 39.1), (127.0, 39.45), (126.6, 39.45)])


def test_docstring_examples_run() -> None:
    result = doctest.testmod(geo.reachview, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
    assert result.attempted >= 5


def test_band_is_outer_minus_inner_and_label_sits_on_it() -> None:
    areas = reach_areas(COUNTY, [800.0, 1500.0])
    ovs = reach_overlays(areas, COUNTY, place="Yangdok county")
    kinds = [o.kind for o in ovs]
    assert kinds.count("reach_band") == 2
    assert kinds.count("ring_label") == 2
    for a, band in zip(areas, [o for o in ovs if o.kind == "reach_band"], strict=True):
        assert band.geometry.symmetric_difference(a.outer.difference(a.inner)).area < 1e-9
    labels = [o for o in ovs if o.kind == "ring_label"]
    assert [o.label for o in labels] == ["800 km", "1,500 km"]
    c = COUNTY.representative_point()
    for o, r in zip(labels, (800.0, 1500.0), strict=True):
        assert abs(distance_km(c.x, c.y, o.geometry.x, o.geometry.y) - r) < 1.0


def test_reference_cities_say_whether_in_reach() -> None:
    areas = reach_areas(COUNTY, [1000.0])
    ovs = {o.label: o.properties for o in reference_city_overlays(areas, reference_cities())}
    assert ovs["Seoul"]["in_reach"] is True
    assert ovs["Seoul"]["reach"] == "within 1,000 km wherever launched"
    assert ovs["Guam"]["in_reach"] is False
    assert ovs["Washington"]["reach"] == "beyond 1,000 km"


def test_map_draws_bands_filled_limits_as_lines_and_labels_escaped() -> None:
    areas = reach_areas(COUNTY, [800.0])
    ovs = reach_overlays(areas, COUNTY, place="<script>alert(1)</script>")
    outers = [(n, r, reach_outer(COUNTY, r)) for n, r in [("Evil <b>{{ 7*7 }}</b>", 500.0)]]
    ovs += system_range_overlays(outers, COUNTY, place="North Korea")
    ovs += reference_city_overlays(areas, reference_cities())
    m = build_map(layers={}, events=None, overlays=ovs)
    html = m.get_root().render()
    assert "<script>alert(1)</script>" not in html
    assert "<b>{{ 7*7 }}</b>" not in html
    assert "49" not in html.split("Evil")[1][:80]  # the label was not run as a template
    assert "la-ring-label" in html
    assert "800 km" in html
    feats = map_geojson_features(html)
    kinds = {f["properties"]["kind"] for f in feats}
    assert {"reach_band", "reach_outer", "reach_inner", "system_range"} <= kinds
    # limits are drawn as lines (no fill), the band as an area
    outer = next(f for f in feats if f["properties"]["kind"] == "reach_outer")
    assert outer["geometry"]["type"] in ("LineString", "MultiLineString")
    band = next(f for f in feats if f["properties"]["kind"] == "reach_band")
    assert band["geometry"]["type"] in ("Polygon", "MultiPolygon")
    assert shapely.geometry.shape(band["geometry"]).area > 0
