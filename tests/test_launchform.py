"""geo.launchform: the "add a launch" form's answers as a record (coordinates, directions)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.launchform import FORM_SOURCE, form_record, parse_coordinates, parse_direction_text
from geo.records import validate_records


@pytest.mark.parametrize(
    ("text", "lonlat"),
    [
        ("39.03N 125.75E", (125.75, 39.03)),
        ("39.03° N, 125.75° E", (125.75, 39.03)),
        ("125.75E 39.03N", (125.75, 39.03)),
        ("33.9S 151.2E", (151.2, -33.9)),
        ("21.3N 157.8W", (-157.8, 21.3)),
        ("39.03, 125.75", (125.75, 39.03)),
        ("125.75, 39.03", (125.75, 39.03)),
    ],
)
def test_coordinates(text: str, lonlat: tuple[float, float]) -> None:
    assert parse_coordinates(text) == pytest.approx(lonlat)


@pytest.mark.parametrize("text", ["39.03, 45.2", "39N 40N", "95N 125E", "39.0N 190E"])
def test_coordinates_never_guessed(text: str) -> None:
    with pytest.raises(ValueError, match="N"):
        parse_coordinates(text)


@pytest.mark.parametrize("text", ["Sinpo", "near Wonsan", "Sunan, Pyongyang", "", "1984"])
def test_place_words_are_not_coordinates(text: str) -> None:
    assert parse_coordinates(text) is None


@pytest.mark.parametrize(
    ("text", "deg"),
    [("80", 80.0), ("80°", 80.0), ("0", 0.0), ("ENE", 67.5), ("east-northeast", 67.5), ("eastward", 90.0),
     ("towards the north-northwest", 337.5), ("NE", 45.0)],
)  # fmt: skip
def test_directions(text: str, deg: float) -> None:
    assert parse_direction_text(text)[0] == deg


@pytest.mark.parametrize("text", ["360", "east sea", "up", "-5"])
def test_bad_directions(text: str) -> None:
    with pytest.raises(ValueError, match="direction"):
        parse_direction_text(text)


def test_form_answers_validate_like_an_import() -> None:
    row, problems = form_record(
        date=dt.date(2021, 9, 15), place="Yangdok county", country="North Korea", distance_km=800,
        direction="ENE", count=2, system_type="SRBM",
    )  # fmt: skip
    assert problems == []
    result = validate_records([row], source=FORM_SOURCE)
    assert result.ok, result.errors
    rec = result.records.iloc[0]
    assert (rec["date"], rec["country"], rec["launch_place"], rec["location_precision"]) == (
        "2021-09-15", "KP", "Yangdok county", "place name",
    )  # fmt: skip
    assert (rec["distance_km"], rec["bearing_deg"], rec["salvo_size"], rec["system_type"]) == (
        800,
        67.5,
        2,
        "SRBM",
    )
    assert rec["bearing_source"] == "added by hand: ENE = 67.5°"
    assert rec["sources"] == FORM_SOURCE


def test_form_with_coordinates_is_a_point() -> None:
    row, _ = form_record(date="2022-03-24", place="39.03N 125.75E")
    rec = validate_records([row]).records.iloc[0]
    assert (rec["launch_lon"], rec["launch_lat"], rec["location_precision"]) == (125.75, 39.03, "point")


def test_form_problems_name_the_field() -> None:
    _, problems = form_record(date="2022-03-24", place="39.03, 45.2", direction="sideways")
    assert [f for f, _ in problems] == ["launch_place", "bearing_deg"]


@settings(max_examples=300, derandomize=True, deadline=None)
@given(st.floats(-90, 90), st.floats(-180, 180), st.booleans())
def test_hemisphere_coordinates_round_trip(lat: float, lon: float, lon_first: bool) -> None:
    ns, ew = ("N" if lat >= 0 else "S"), ("E" if lon >= 0 else "W")
    a, b = f"{abs(lat):.4f}{ns}", f"{abs(lon):.4f}{ew}"
    got = parse_coordinates(f"{b} {a}" if lon_first else f"{a}, {b}")
    assert got == pytest.approx(
        (round(abs(lon), 4) * (1 if lon >= 0 else -1), round(abs(lat), 4) * (1 if lat >= 0 else -1))
    )
