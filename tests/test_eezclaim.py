"""geo.eezclaim: a report's EEZ claim beside our estimate, with the distance to the EEZ's limit."""

from __future__ import annotations

import doctest

import numpy as np
import pytest
import shapely
from shapely.geometry import Point
from shapely.ops import nearest_points

import geo.eezclaim
from geo.eezclaim import check_eez_claim, eez_area, parse_eez_claim
from geo.geodesy import azimuth_deg, destination, distance_km
from geo.maritime import MaritimeZones
from geo.records import load_catalogue


@pytest.fixture(scope="module")
def zones() -> MaritimeZones:
    return MaritimeZones.load()


def test_docstring_examples_run() -> None:
    result = doctest.testmod(geo.eezclaim)
    assert result.attempted >= 4
    assert result.failed == 0


def test_every_catalogue_claim_is_understood() -> None:
    said = load_catalogue()["eez_reported"].dropna()
    said = said[said.str.strip() != ""]
    parsed = {text: parse_eez_claim(text) for text in said.unique()}
    assert all(p is not None for p in parsed.values()), parsed
    assert parsed["outside Japan EEZ"] == ("outside", "JP")
    assert parsed["not confirmed inside Japan EEZ"] == ("unconfirmed", "JP")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("inside Japan EEZ (report)", ("inside", "JP")),
        ("partly inside Japan EEZ (report)", ("partly", "JP")),
        ("outside South Korea EEZ (report)", ("outside", "KR")),
        ("inside Japan's exclusive economic zone", ("inside", "JP")),
        ("inside Atlantis EEZ", None),
        ("fell in the sea", None),
        (None, None),
    ],
)
def test_parse_claims(text: str | None, expected: tuple[str, str] | None) -> None:
    assert parse_eez_claim(text) == expected


def _crossing(zones: MaritimeZones, inside: tuple[float, float], km_beyond: float) -> tuple[float, float]:
    """A point ``km_beyond`` km past the limit, on the geodesic from ``inside`` through its nearest
    point of the limit (negative: that far before the limit, inside)."""
    area = eez_area(zones.eez, "JP")
    assert area is not None
    near = nearest_points(area.boundary, Point(inside))[0]
    az = float(azimuth_deg(inside[0], inside[1], near.x, near.y))
    d = float(distance_km(inside[0], inside[1], near.x, near.y))
    lon, lat = destination(inside[0], inside[1], azimuth_deg=az, distance_km=d + km_beyond)
    return float(lon), float(lat)


def _brute_limit_km(zones: MaritimeZones, lon: float, lat: float) -> float:
    """Reference: the geodesic distance to every vertex of the limit densified to about 0.5 km."""
    area = eez_area(zones.eez, "JP")
    assert area is not None
    coords = shapely.get_coordinates(shapely.segmentize(area.boundary, 0.005))
    return float(np.min(distance_km(lon, lat, coords[:, 0], coords[:, 1])))


@pytest.mark.parametrize("beyond_km", [1.0, -1.0, 5.0, -20.0])
def test_a_point_1_km_past_the_limit_is_outside(zones: MaritimeZones, beyond_km: float) -> None:
    lon, lat = _crossing(zones, (136.07, 40.16), beyond_km)
    check = check_eez_claim(zones, "inside", "JP", lon=lon, lat=lat)
    assert check.estimate == ("outside" if beyond_km > 0 else "inside")
    assert check.limit_km is not None
    assert check.limit_km <= abs(beyond_km) + 0.05  # a corner of the limit may be nearer
    assert check.limit_km == pytest.approx(_brute_limit_km(zones, lon, lat), abs=0.3)


@pytest.mark.parametrize(("lon", "lat"), [(136.07, 40.16), (131.5, 38.5), (134.5, 39.0), (141.0, 33.0)])
def test_the_distance_to_the_limit_is_geodesic(zones: MaritimeZones, lon: float, lat: float) -> None:
    check = check_eez_claim(zones, None, "JP", lon=lon, lat=lat)
    assert check.limit_km == pytest.approx(_brute_limit_km(zones, lon, lat), abs=0.3)


def test_islands_are_not_the_limit(zones: MaritimeZones) -> None:
    """Regression guard: the EEZ polygons have holes where islands are; a point 30 km off Sado is
    far from the EEZ's limit, not 30 km from it."""
    check = check_eez_claim(zones, None, "JP", lon=138.1, lat=38.3)
    assert check.estimate == "inside"
    assert check.limit_km is not None
    assert check.limit_km > 150


def test_the_sentence_a_reader_sees(zones: MaritimeZones) -> None:
    inside = check_eez_claim(zones, "inside", "JP", lon=139.3, lat=40.9, uncertainty_km=50)
    assert inside.text() == "report: inside Japan's EEZ; our estimate: inside, 244 km from the limit"
    assert inside.agrees is True
    assert inside.text(basis="from the landing place").startswith(
        "report: inside Japan's EEZ; our estimate (from the landing place): inside, 244 km"
    )
    disagree = check_eez_claim(zones, "outside", "JP", lon=139.3, lat=40.9)
    assert disagree.agrees is False
    near = check_eez_claim(zones, "inside", "JP", lon=134.0, lat=39.7, uncertainty_km=60)
    assert near.uncertain
    assert near.text().endswith("(within the estimate's uncertainty: it could be either side)")
    none = check_eez_claim(zones, "inside", "JP", lon=None, lat=None)
    assert none.text() == "report: inside Japan's EEZ; our estimate: none (no estimated landing point)"
    assert none.agrees is None
    silent = check_eez_claim(zones, None, None, lon=139.3, lat=40.9)
    assert silent.text().startswith("report: says nothing on the EEZ; our estimate: inside")


def test_a_state_missing_from_the_layer_gives_no_estimate(zones: MaritimeZones) -> None:
    check = check_eez_claim(zones, "inside", "XX", lon=139.3, lat=40.9)
    assert check.estimate is None
    assert "XX's EEZ" in check.text()
    assert not shapely.is_empty(eez_area(zones.eez, "JP"))
