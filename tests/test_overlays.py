"""geo.overlays: which overlays a selected launch gets, and how they are labelled."""

from __future__ import annotations

import doctest

import shapely

import geo.overlays
from geo.geodesy import geodesic_rings
from geo.overlays import launch_overlays, ring_centre, ring_radii

YANGDOK = {
    "id": "2021-09-15-1",
    "launch_lon": 126.804867,
    "launch_lat": 39.275721,
    "launch_place": "Yangdok county",
    "distance_km": 800.0,
}


def _rings(rec: dict[str, object], ranges: tuple[float, ...]) -> dict[float, object]:
    centre = ring_centre(rec)
    assert centre is not None
    radii = ring_radii(rec, ranges)
    (geoms,) = geodesic_rings([centre[0]], [centre[1]], list(radii))
    return dict(zip(radii, geoms, strict=True))


def test_one_ring_per_range_and_the_reported_distance_as_its_own_ring() -> None:
    rec = {**YANGDOK, "distance_km": 650.0}
    out = launch_overlays(rec, ranges_km=(800.0, 1500.0), rings=_rings(rec, (800.0, 1500.0)))
    kinds = [(o.kind, o.properties.get("radius_km")) for o in out.overlays]
    assert kinds == [("range_ring", 800.0), ("range_ring", 1500.0), ("reported_distance", 650.0)]
    assert [r[:2] for r in out.rings] == [
        ("range_ring", 800.0),
        ("range_ring", 1500.0),
        ("reported_distance", 650.0),
    ]
    assert out.overlays[0].label == "800 km from Yangdok county (geodesic range ring)"
    assert "direction not implied" in out.overlays[2].label


def test_reported_distance_equal_to_a_range_is_drawn_as_both() -> None:
    out = launch_overlays(YANGDOK, ranges_km=(800.0,), rings=_rings(YANGDOK, (800.0,)))
    assert [o.kind for o in out.overlays] == ["range_ring", "reported_distance"]


def test_regression_stand_in_point_gets_no_rings_and_says_why() -> None:
    """A source's placeholder point is not a launch place: rings around it would mislead."""
    rec = {**YANGDOK, "location_precision": "placeholder"}
    assert ring_centre(rec) is None
    region = shapely.box(124, 37, 131, 43)
    out = launch_overlays(
        rec, ranges_km=(800.0,), rings={}, geocode={"region": region, "uncertainty_km": 300.0}
    )
    assert [o.kind for o in out.overlays] == ["launch_region"]
    assert out.rings == ()
    assert any("not reported" in n for n in out.notes)


def test_no_coordinates_note() -> None:
    out = launch_overlays({"id": "x", "launch_lon": None}, ranges_km=(800.0,), rings={})
    assert out.overlays == ()
    assert out.notes == ("No launch coordinates: no rings can be drawn.",)


def test_estimates_are_labelled_as_such_with_their_uncertainty() -> None:
    zone = shapely.Point(135, 40).buffer(1)
    out = launch_overlays(
        YANGDOK,
        ranges_km=(),
        rings=_rings(YANGDOK, ()),
        geocode={"region": shapely.Point(126.8, 39.3).buffer(0.2), "uncertainty_km": 12.4},
        impact={"zone": zone, "lon": 135.0, "lat": 40.0, "uncertainty_km": 102.0, "label": "Sea of Japan"},
    )
    labels = {o.kind: o.label for o in out.overlays}
    assert labels["launch_region"] == "Estimated launch area for “Yangdok county” (±12 km)"
    assert labels["impact_zone"] == "ESTIMATE: Sea of Japan (±102 km)"
    assert labels["impact_point"] == "ESTIMATE: impact point (±102 km)"
    assert any("±12 km" in n for n in out.notes)


def test_errors_become_notes() -> None:
    out = launch_overlays(
        YANGDOK, ranges_km=(), rings={}, geocode={"error": "unknown place"}, impact={"error": "no bearing"}
    )
    assert out.notes == ("Geocoding: unknown place", "Impact estimate: no bearing")


def test_doctests() -> None:
    assert doctest.testmod(geo.overlays).failed == 0
