"""Map page (AppTest): ranges as reach bands of the launch area, labels, reference cities, the
"What can it reach?" panel and the range of each system (issue 11)."""

from __future__ import annotations

import pytest
import shapely
from shapely.geometry import shape

from geo.mapview import map_geojson_features
from tests.app.conftest import folium_args, run_page

CRUISE_ID = "2021-09-11-c1"  # 1,500 km cruise missile, launch place not reported


@pytest.fixture(scope="module")
def cruise():  # type: ignore[no-untyped-def]
    return run_page("map", {"event": CRUISE_ID, "ranges": "1500"})


def features(at, kind: str) -> list[dict]:  # type: ignore[no-untyped-def]
    return [f for f in map_geojson_features(folium_args(at)["script"]) if f["properties"].get("kind") == kind]


def test_cruise_missile_draws_the_1500_km_reach_of_north_korea(cruise) -> None:  # type: ignore[no-untyped-def]
    assert not cruise.exception
    outer = features(cruise, "reach_outer")
    assert [f["properties"]["range_km"] for f in outer] == [1500.0]
    assert features(cruise, "reach_band")
    assert features(cruise, "reach_inner")
    # drawn as a line in the display frame (longitudes may pass 180): Tokyo is inside the band's area
    band = shape(features(cruise, "reach_band")[0]["geometry"])
    inner = shape(features(cruise, "reach_inner")[0]["geometry"])
    assert band.is_valid
    assert inner.length > 0
    text = " ".join(c.value for c in cruise.caption) + " ".join(m.value for m in cruise.markdown)
    assert "No launch coordinates: no rings can be drawn" not in text
    assert "every point of the estimated launch area" in text


def test_cruise_missile_lists_tokyo_beijing_seoul_inside_and_guam_outside(cruise) -> None:  # type: ignore[no-untyped-def]
    script = folium_args(cruise)["script"]
    # reference cities are drawn with their reach in the tooltip
    assert "Tokyo: within 1,500 km wherever launched" in script
    assert "Seoul: within 1,500 km wherever launched" in script
    assert "Beijing: within 1,500 km wherever launched" in script
    assert "Guam: beyond 1,500 km" in script
    # the range label is on the map
    assert "la-ring-label" in script
    assert "1,500 km" in script
    panel = " ".join(m.value for m in cruise.markdown)
    assert "What can it reach" in " ".join(h.value for h in cruise.subheader)
    for name in ("Tokyo", "Beijing", "Seoul"):
        assert name in panel
    assert "Hagåtña" not in panel


def test_can_it_reach_guam_gives_distances_and_systems() -> None:
    at = run_page("map", {"event": CRUISE_ID, "ranges": "1500"})
    at.text_input(key="reach_query").input("Guam").run()
    assert not at.exception
    text = " ".join(m.value for m in at.markdown).replace("\\", "")  # markdown escapes
    assert "Hagåtña" in text
    assert "km** from North Korea" in text
    assert "Hwasong-12" in text  # 4,500 km reaches Guam (about 3,300 to 3,700 km away)
    assert "Scud-B" not in text


def test_range_of_each_system_view() -> None:
    at = run_page("map", {"event": CRUISE_ID, "ranges": "1500"}, session={"reach_systems": True}, timeout=180)
    assert not at.exception
    systems = features(at, "system_range")
    ranges = {f["properties"]["range_km"] for f in systems}
    assert {300.0, 1300.0, 4500.0, 12874.0, 15000.0} <= ranges
    big = next(f for f in systems if f["properties"]["range_km"] == 15000.0)
    assert "Hwasong-17" in big["properties"]["label"]
    assert shapely.get_num_coordinates(shape(big["geometry"])) > 100


def test_bands_off_brings_back_the_rings_from_the_point() -> None:
    at = run_page("map", {"event": "2021-09-15-1"}, session={"reach_bands": False})
    assert not at.exception
    assert features(at, "range_ring")
    assert not features(at, "reach_band")


def test_reported_distance_ring_labelled_apart_from_the_equal_range() -> None:
    """Issue 11 item 2: the 800 km range hid under the 800 km reported ring; now each has its label."""
    at = run_page("map", {"event": "2021-09-15-1"}, session={"reach_bands": False})
    script = folium_args(at)["script"]
    assert "flew 800 km" in script
    assert '"800 km"' in script  # the range ring's own label
    assert features(at, "reported_distance")
    at = run_page("map", {"event": "2021-09-15-1"})  # bands on: the band is labelled, the ring too
    script = folium_args(at)["script"]
    assert "flew 800 km" in script
    assert [f["properties"]["range_km"] for f in features(at, "reach_outer")] == [800.0, 1500.0]
