"""geo.gazetteer: the offline geocoder turns report phrases into regions, never silent guesses."""

from __future__ import annotations

import contextlib
import csv
import json
import math
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st
from pyproj import Geod
from shapely.geometry import shape

from geo.gazetteer import (
    COUNTY_RADIUS_KM,
    KINDS,
    Gazetteer,
    GeocodeError,
    enclosing_radius_km,
    geocode,
    geocode_records,
    normalize_name,
)
from geo.geocoding import grammar
from geo.geodesy import distance_to_region_km
from geo.records import RecordError, load_catalogue

GEOD = Geod(ellps="WGS84")
PHRASES = Path(__file__).parent / "data" / "geocoder_phrases.csv"


def _km(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    return float(GEOD.inv(lon1, lat1, lon2, lat2)[2]) / 1000.0


def _phrases() -> list[dict[str, str]]:
    with PHRASES.open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="session")
def gaz() -> Gazetteer:
    return Gazetteer.load()


# ---------------------------------------------------------------------------------------------
# the phrase set
# ---------------------------------------------------------------------------------------------


def test_phrase_set_covers_every_form() -> None:
    rows = _phrases()
    assert len(rows) >= 60
    forms = {r["form"] for r in rows}
    expected_forms = {"facility", "airport", "city", "county", "context", "province", "sea", "island"}
    assert expected_forms | {"coast", "offshore", "region", "relative"} <= forms
    kinds = {r["expected_kind"] for r in rows}
    assert {"facility", "airport", "city", "county", "province", "coast", "sea", "region", "island"} <= kinds
    assert "relative" in kinds


@pytest.mark.parametrize("row", _phrases(), ids=lambda r: r["phrase"])
def test_phrase_resolves_to_expected_place(gaz: Gazetteer, row: dict[str, str]) -> None:
    res = gaz.geocode(row["phrase"])
    lon, lat, tol = float(row["expected_lon"]), float(row["expected_lat"]), float(row["tolerance_km"])
    assert res.kind == row["expected_kind"], res.explanation
    d = _km(res.lon, res.lat, lon, lat)
    assert d <= tol, f"{row['phrase']!r}: point {d:.1f} km from expected ({row['truth']}); {res.explanation}"
    if row["contains"] == "1":
        # the true place lies in the returned region (coast/sea regions: within 1 km of it)
        gap = float(distance_to_region_km([lon], [lat], res.region)[0])
        assert gap <= 1.0, f"{row['phrase']!r}: expected point {gap:.1f} km outside the region"


@pytest.mark.parametrize("row", _phrases()[::7], ids=lambda r: r["phrase"])
def test_result_invariants(gaz: Gazetteer, row: dict[str, str]) -> None:
    """Region valid and non-empty; every region vertex within uncertainty_km of the point."""
    res = gaz.geocode(row["phrase"])
    assert res.region.is_valid
    assert not res.region.is_empty
    assert res.region.geom_type in ("Polygon", "MultiPolygon")
    assert enclosing_radius_km(res.lon, res.lat, res.region) <= res.uncertainty_km + 1e-3
    assert res.explanation
    assert res.rule


def test_okushiri_200_km_west_is_the_true_geodesic_point(gaz: Gazetteer) -> None:
    res = gaz.geocode("about 200 km west of Okushiri Island")
    island = gaz.geocode("Okushiri Island")
    lon, lat, _ = GEOD.fwd(island.lon, island.lat, 270.0, 200_000.0)
    assert _km(res.lon, res.lat, lon, lat) < 0.01
    # and against the island's published position (42.15N 139.47E), independent of the gazetteer
    lon2, lat2, _ = GEOD.fwd(139.47, 42.15, 270.0, 200_000.0)
    assert _km(res.lon, res.lat, lon2, lat2) < 10.0
    assert res.rule == "relative"
    assert "Okushiri" in res.explanation
    assert shapely.contains_xy(res.region, lon2, lat2)


_POINTS = "N NNE NE ENE E ESE SE SSE S SSW SW WSW W WNW NW NNW".split()  # noqa: SIM905
_COMPASS = {name: 22.5 * i for i, name in enumerate(_POINTS)}


@settings(max_examples=30)
@given(direction=st.sampled_from(sorted(_COMPASS)), km=st.integers(20, 1500))
def test_relative_point_is_the_geodesic_destination(gaz: Gazetteer, direction: str, km: int) -> None:
    island = gaz.geocode("Okushiri Island")
    res = gaz.geocode(f"about {km} km {direction} of Okushiri Island")
    lon, lat, _ = GEOD.fwd(island.lon, island.lat, _COMPASS[direction], km * 1000.0)
    assert _km(res.lon, res.lat, lon, lat) < 0.001
    assert shapely.contains_xy(res.region, res.lon, res.lat)
    # the region reaches at least 10 % of the distance beyond the point, along the direction
    far = GEOD.fwd(island.lon, island.lat, _COMPASS[direction], km * 1000.0 * 1.099)[:2]
    assert shapely.contains_xy(res.region, *far)


def test_relative_uncertainty_grows_with_distance(gaz: Gazetteer) -> None:
    near = gaz.geocode("100 km west of Okushiri Island")
    far = gaz.geocode("400 km west of Okushiri Island")
    assert far.uncertainty_km > near.uncertainty_km
    assert far.uncertainty_km > 0.1 * 400


def test_relative_position_from_a_huge_anchor_is_refused(gaz: Gazetteer) -> None:
    with pytest.raises(GeocodeError, match="smaller place"):
        gaz.geocode("200 km west of the Sea of Japan")


def test_relative_units_convert(gaz: Gazetteer) -> None:
    nm = gaz.geocode("100 nautical miles west of Okushiri Island")
    km = gaz.geocode("185.2 km west of Okushiri Island")
    assert _km(nm.lon, nm.lat, km.lon, km.lat) < 0.01


def test_relative_spread_depends_on_compass_precision(gaz: Gazetteer) -> None:
    eight = gaz.geocode("300 km west of Okushiri Island")
    sixteen = gaz.geocode("300 km west-north-west of Okushiri Island")
    due = gaz.geocode("300 km due west of Okushiri Island")
    assert due.uncertainty_km < sixteen.uncertainty_km < eight.uncertainty_km


# ---------------------------------------------------------------------------------------------
# errors: unknown and ambiguous text never resolves silently
# ---------------------------------------------------------------------------------------------


def test_unknown_text_lists_candidates(gaz: Gazetteer) -> None:
    with pytest.raises(GeocodeError) as exc:
        gaz.geocode("Okushri Island")
    assert "Okushiri Island" in exc.value.candidates
    assert "did you mean" in str(exc.value).lower()
    assert exc.value.query == "Okushri Island"


def test_nonsense_text_is_an_error_with_guidance(gaz: Gazetteer) -> None:
    with pytest.raises(GeocodeError, match="unknown place") as exc:
        gaz.geocode("Qwxzzy plateau")
    assert "about 200 km west of" in str(exc.value)


def test_ambiguous_name_lists_both_places(gaz: Gazetteer) -> None:
    with pytest.raises(GeocodeError, match="ambiguous") as exc:
        gaz.geocode("Fuchu")
    assert len(exc.value.candidates) == 2
    assert all("Fuch" in c for c in exc.value.candidates)
    assert "disambiguate" in str(exc.value)


def test_name_shared_by_both_koreas_is_ambiguous_until_disambiguated(gaz: Gazetteer) -> None:
    with pytest.raises(GeocodeError, match="ambiguous") as exc:
        gaz.geocode("강원도")
    assert any("North Korea" in c for c in exc.value.candidates)
    assert any("South Korea" in c for c in exc.value.candidates)
    assert gaz.geocode("강원도", country="KR").label.startswith("Gangwon")
    assert gaz.geocode("강원도", country="KP").label.startswith("Kangwon")
    assert gaz.geocode("강원도, South Korea").country == "KR"


def test_province_name_without_north_or_south_is_ambiguous(gaz: Gazetteer) -> None:
    with pytest.raises(GeocodeError, match="ambiguous") as exc:
        gaz.geocode("Pyongan")
    assert sorted(exc.value.candidates) == [
        "North Pyongan (North Korea) (province, North Pyongan, KP)",
        "South Pyongan (North Korea) (province, South Pyongan, KP)",
    ]


@pytest.mark.parametrize("text", ["-0 km east of Sinpo", "1e309 km east of Sinpo", "NaN km east of Sinpo"])
def test_malformed_distance_is_named_not_read_as_an_unknown_place(gaz: Gazetteer, text: str) -> None:
    # Regression: these fell through to the place grammar: "unknown place '-0 km east' (in Sinpo Shipyard)".
    with pytest.raises(GeocodeError, match=r"distance '(-0|1e309|nan)' is not a plain positive") as exc:
        gaz.geocode(text)
    assert "about 200 km east of <place>" in str(exc.value)


def test_direction_without_distance_asks_for_a_distance(gaz: Gazetteer) -> None:
    with pytest.raises(GeocodeError, match="no distance"):
        gaz.geocode("east of Hokkaido")


def test_two_nested_contexts(gaz: Gazetteer) -> None:
    res = gaz.geocode("Sunan, Pyongyang, North Korea")
    assert res.entry_id == "fac-sunan"
    assert res.rule == "context"


def test_long_comma_lists_stay_fast_and_fail_cleanly(gaz: Gazetteer) -> None:
    """Regression: each context split re-parsed its right side with all of its splits (2^n work)."""
    with pytest.raises(GeocodeError):
        gaz.geocode(", ".join(["qq"] * 24))


@pytest.mark.parametrize("text", [", " * 150, " in" * 100, "x in y, " * 37])
def test_many_separators_parse_a_bounded_number_of_contexts(
    gaz: Gazetteer, monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    # Regression: every separator was tried at every level (", , , ..." took 5 s: ~20,000 sub-parses).
    calls = 0
    inner = grammar._parse

    def counting(*args: Any, **kwargs: Any) -> Any:
        nonlocal calls
        calls += 1
        return inner(*args, **kwargs)

    monkeypatch.setattr(grammar, "_parse", counting)
    with pytest.raises(GeocodeError, match="unknown place"):
        gaz.geocode(text[:300])
    assert calls <= 1 + 2 * 6 * (1 + 2 * 6)  # two forms x six splits per level, two levels


def test_context_far_from_a_county_seat_is_flagged_not_silent(gaz: Gazetteer) -> None:
    res = gaz.geocode("Chihari, Anbyon county")
    assert res.entry_id == "fac-chihari"
    assert "NOT confirmed" in res.explanation


def test_context_in_another_country_is_an_error(gaz: Gazetteer) -> None:
    with pytest.raises(GeocodeError, match="no place called"):
        gaz.geocode("Sunan in Tokyo")


def test_offshore_of_an_inland_place_is_an_error(gaz: Gazetteer) -> None:
    with pytest.raises(GeocodeError, match="from the sea"):
        gaz.geocode("off Kanggye")


@pytest.mark.parametrize("text", ["", "   ", "x" * 301])
def test_empty_or_oversized_text_is_an_error(gaz: Gazetteer, text: str) -> None:
    with pytest.raises(GeocodeError):
        gaz.geocode(text)


def test_name_that_exists_only_in_another_country_says_so(gaz: Gazetteer) -> None:
    # Regression: with country="JP", "Sinpo" said "no gazetteer entry has this name. Did you mean: Sinpo
    # Shipyard" although that is exactly the entry: the hint, not the name, was wrong.
    with pytest.raises(GeocodeError, match=r"'Sinpo' is Sinpo Shipyard \(KP\), which is not in JP") as exc:
        gaz.geocode("Sinpo", country="JP")
    assert exc.value.candidates == ["Sinpo Shipyard"]
    with pytest.raises(GeocodeError, match="unknown place 'Qwxzzy'"):  # a truly unknown name stays unknown
        gaz.geocode("Qwxzzy", country="KP")


def test_bad_country_hint_is_rejected(gaz: Gazetteer) -> None:
    with pytest.raises(ValueError, match="country"):
        gaz.geocode("Wonsan", country="US")


# ---------------------------------------------------------------------------------------------
# names and rules
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("P'yŏngan-namdo", "Pyongan namdo"),
        ("Hamgyŏng-bukto", "HAMGYONG BUKTO"),
        ("Sunch’ŏn", "sunchon"),
        ("Ōita", "oita"),
    ],
)
def test_normalize_name_ignores_case_diacritics_apostrophes(a: str, b: str) -> None:
    assert normalize_name(a) == normalize_name(b)


def test_normalize_keeps_japanese_voicing_marks() -> None:
    assert normalize_name("ガ") != normalize_name("カ")


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=12), st.data())
def test_normalize_ignores_inserted_separators_and_case(word: str, data: st.DataObject) -> None:
    pos = data.draw(st.integers(0, len(word)))
    sep = data.draw(st.sampled_from(["-", " ", "'", "’", ".", "  "]))
    mixed = (word[:pos] + sep + word[pos:]).upper()
    assert normalize_name(mixed) == normalize_name(word)


@pytest.mark.parametrize(
    ("text", "seat"), [("Sinpo county", (128.1943, 40.03971)), ("Kusong county", (125.2529, 39.97969))]
)
def test_county_named_like_a_launch_site_is_the_county_not_the_site(
    gaz: Gazetteer, text: str, seat: tuple[float, float]
) -> None:
    # Regression: "Sinpo county" gave the 5 km disc of Sinpo Shipyard (a facility beats a town at equal
    # match quality), understating a county's extent; the town is the county's seat.
    res = gaz.geocode(text)
    assert (res.rule, res.kind) == ("county-from-seat", "county")
    assert res.uncertainty_km == pytest.approx(COUNTY_RADIUS_KM)
    assert _km(res.lon, res.lat, *seat) < 0.01


def test_county_of_a_town_is_a_disc_around_its_seat(gaz: Gazetteer) -> None:
    res = gaz.geocode("Kaechon county")
    assert res.rule == "county-from-seat"
    assert res.uncertainty_km == pytest.approx(COUNTY_RADIUS_KM)
    assert "seat" in res.explanation


def test_same_place_matches_resolve_to_one_entry_and_say_so(gaz: Gazetteer) -> None:
    res = gaz.geocode("Yangdok")
    assert res.kind == "county"  # the county region contains the facility point of the same name
    assert "also matches" in res.explanation


def test_facility_nicknames(gaz: Gazetteer) -> None:
    assert gaz.geocode("Tongchang-ri").entry_id == gaz.geocode("Sohae").entry_id == "fac-sohae"
    assert gaz.geocode("Kalma").entry_id == "fac-wonsan"


def test_offshore_region_is_sea_only(gaz: Gazetteer) -> None:
    res = gaz.geocode("off the east coast near Wonsan")
    assert res.rule == "offshore"
    assert shapely.contains_xy(res.region, res.lon, res.lat)
    # Wonsan itself (on land) is not in the offshore region
    assert not shapely.contains_xy(res.region, 127.44361, 39.15278)
    assert shapely.intersection(res.region, gaz.land).area < 1e-9


def test_relative_and_offshore_regions_have_no_degenerate_holes(gaz: Gazetteer) -> None:
    """Regression: buffer_region unions left zero-area holes (slivers drawn as spikes on the map)."""
    for text in ("300 km north of the Oki Islands", "about 200 km west of Okushiri Island", "off Wonsan"):
        region = gaz.geocode(text).region
        holes = [h for p in shapely.get_parts(region) for h in p.interiors]
        assert holes == [], text


@pytest.mark.parametrize(
    "text",
    [
        "off Okushiri Island",
        "奥尻島沖",
        "off Sado",
        "off Cape Erimo",
        "from a submarine off Sinpo",
        "off Wonsan",
    ],
)
def test_offshore_point_is_at_sea(gaz: Gazetteer, text: str) -> None:
    """Regression: around an island the point fell back to a spot on the island itself."""
    res = gaz.geocode(text)
    assert shapely.contains_xy(res.region, res.lon, res.lat)
    assert not shapely.contains_xy(gaz.land, res.lon, res.lat)


def test_search_autocompletes(gaz: Gazetteer) -> None:
    assert gaz.search("okushiri")[0] == "Okushiri Island"
    assert len(gaz.search("s", limit=5)) == 5
    assert gaz.search("") == []


def test_search_with_zero_or_negative_limit_returns_nothing(gaz: Gazetteer) -> None:
    # Regression: limit=-3 sliced [:-3] and returned about twenty labels.
    assert gaz.search("Sin", limit=0) == []
    assert gaz.search("Sin", limit=-3) == []
    # the first labels do not depend on how many are asked for
    assert gaz.search("Sin", limit=3) == gaz.search("Sin", limit=6)[:3]


def test_every_entry_has_a_valid_region(gaz: Gazetteer) -> None:
    e = gaz.entries
    assert e["entry_id"].is_unique
    assert np.isfinite(e["uncertainty_km"]).all()
    assert (e["uncertainty_km"] > 0).all()
    # Every stored entry is of a documented kind; 'relative' is a rule's result, never an entry.
    assert set(e["kind"]) <= set(KINDS) - {"relative"}
    for eid in gaz.polygons:
        idx = int(np.flatnonzero(e["entry_id"] == eid)[0])
        reg = gaz.region_of(idx)
        assert reg.is_valid, eid
        assert not reg.is_empty, eid


def test_feature_is_rfc7946(gaz: Gazetteer) -> None:
    res = gaz.geocode("Yangdok county")
    feat = json.loads(json.dumps(res.to_feature()))
    assert feat["type"] == "Feature"
    assert feat["geometry"]["type"] == "Polygon"
    props = feat["properties"]
    for key in ("label", "lon", "lat", "uncertainty_km", "explanation"):
        assert key in props
    ring = np.array(feat["geometry"]["coordinates"][0])
    assert (ring[0] == ring[-1]).all()
    # exterior counter-clockwise (positive shoelace area)
    x, y = ring[:, 0], ring[:, 1]
    assert 0.5 * float(np.sum(x[:-1] * y[1:] - x[1:] * y[:-1])) > 0
    assert shape(feat["geometry"]).symmetric_difference(res.region).area < 1e-5 * res.region.area
    # a ring vertex is the county radius away from the seat
    assert _km(props["lon"], props["lat"], *ring[0]) == pytest.approx(COUNTY_RADIUS_KM, abs=0.01)


def test_feature_of_a_province_is_counter_clockwise(gaz: Gazetteer) -> None:
    feat = gaz.geocode("South Hamgyong").to_feature()
    polys = (
        [feat["geometry"]["coordinates"]]
        if feat["geometry"]["type"] == "Polygon"
        else feat["geometry"]["coordinates"]
    )
    for poly in polys:
        ring = np.array(poly[0])
        x, y = ring[:, 0], ring[:, 1]
        assert float(np.sum(x[:-1] * y[1:] - x[1:] * y[:-1])) > 0


def test_geocode_convenience_loads_default(gaz: Gazetteer) -> None:
    # without a gazetteer it loads the shipped one: same answer as the loaded instance
    res = geocode("Sunan in Pyongyang")
    ref = gaz.geocode("Sunan in Pyongyang")
    assert (res.rule, res.entry_id, res.lon, res.lat) == ("context", ref.entry_id, ref.lon, ref.lat)
    assert res.region.equals(ref.region)
    assert geocode("강원도", gazetteer=gaz, country="KP").country == "KP"  # the hint is passed on


# ---------------------------------------------------------------------------------------------
# catalogue records
# ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def catalogue() -> pd.DataFrame:
    return load_catalogue()


@pytest.fixture(scope="module")
def geocoded(gaz: Gazetteer, catalogue: pd.DataFrame) -> tuple[pd.DataFrame, list[RecordError]]:
    return geocode_records(catalogue, gazetteer=gaz)


def test_every_catalogue_record_geocodes_to_a_region(
    catalogue: pd.DataFrame, geocoded: tuple[pd.DataFrame, list[RecordError]]
) -> None:
    gdf, errors = geocoded
    assert errors == []
    assert len(gdf) == len(catalogue)
    assert gdf.geometry.name == "launch_region"
    assert gdf.crs.to_epsg() == 4326
    assert gdf.geometry.is_valid.all()
    assert (~gdf.geometry.is_empty).all()
    assert (gdf["launch_uncertainty_km"] > 0).all()
    # each region contains its launch point
    inside = shapely.contains_xy(
        gdf.geometry.values, gdf["launch_lon"].to_numpy(float), gdf["launch_lat"].to_numpy(float)
    )
    assert inside.all()


def test_unreported_and_placeholder_sites_become_the_country(
    geocoded: tuple[pd.DataFrame, list[RecordError]],
) -> None:
    gdf, _ = geocoded
    odd = gdf[gdf["location_precision"].isin(["unreported", "placeholder"])]
    assert len(odd) >= 1
    assert set(odd["geocode_rule"]) <= {"unreported-country", "placeholder-country"}
    assert (odd["launch_uncertainty_km"] > 300).all()


def test_every_catalogue_launch_place_text_geocodes_near_its_record(
    gaz: Gazetteer, catalogue: pd.DataFrame
) -> None:
    rows = catalogue.dropna(subset=["launch_place", "launch_lon"])
    rows = rows[rows["launch_place"].astype(str).str.strip() != ""].drop_duplicates("launch_place")
    assert len(rows) > 40
    for _, r in rows.iterrows():
        res = gaz.geocode(str(r["launch_place"]))
        gap = float(distance_to_region_km([r["launch_lon"]], [r["launch_lat"]], res.region)[0])
        assert gap <= 30.0, f"{r['launch_place']!r}: record point {gap:.0f} km from the region ({res.label})"


def test_geocode_records_rejects_bad_rows_and_keeps_good_ones(gaz: Gazetteer) -> None:
    df = pd.DataFrame(
        {
            "id": ["a", "b", "c", "d"],
            "launch_place": ["Yangdok county", "Atlantis", None, "off the east coast near Wonsan"],
            "launch_lon": [None, None, 126.8, None],
            "launch_lat": [None, None, 39.3, None],
        }
    )
    gdf, errors = geocode_records(df, gazetteer=gaz)
    assert list(gdf["id"]) == ["a", "c", "d"]
    assert len(errors) == 1
    err = errors[0]
    assert isinstance(err, RecordError)
    assert (err.row, err.record_id, err.field, err.got) == (2, "b", "launch_place", "Atlantis")
    assert "a place the gazetteer knows" in err.expected
    # geocoded rows get their representative point
    a = gdf[gdf["id"] == "a"].iloc[0]
    assert _km(a["launch_lon"], a["launch_lat"], 126.88556, 39.16944) < 0.01
    c = gdf[gdf["id"] == "c"].iloc[0]
    assert c["geocode_rule"] == "coordinates"
    assert c["launch_uncertainty_km"] == 5.0


def test_geocode_records_uses_stated_uncertainty(gaz: Gazetteer) -> None:
    df = pd.DataFrame(
        {"id": ["x"], "launch_lon": [125.0], "launch_lat": [39.0], "launch_uncertainty_km": [12.5]}
    )
    gdf, errors = geocode_records(df, gazetteer=gaz)
    assert not errors
    ring = np.array(gdf.geometry.iloc[0].exterior.coords)
    d = np.array([_km(125.0, 39.0, x, y) for x, y in ring])
    assert np.allclose(d, 12.5, atol=1e-6)
    assert math.isclose(gdf["launch_uncertainty_km"].iloc[0], 12.5)


def test_geocode_records_bad_uncertainty_is_a_row_error_not_a_crash_of_the_table(gaz: Gazetteer) -> None:
    # Regression: 30,000 km raised ValueError from geo.geodesy after the row loop, losing every row;
    # -5 km was silently replaced by the 5 km default.
    df = pd.DataFrame(
        {
            "id": ["big", "neg", "ok"],
            "launch_lon": [125.0, 125.0, 126.0],
            "launch_lat": [39.0, 39.0, 39.0],
            "launch_uncertainty_km": [30_000.0, -5.0, 3.0],
        }
    )
    gdf, errors = geocode_records(df, gazetteer=gaz)
    assert list(gdf["id"]) == ["ok"]
    assert gdf["launch_uncertainty_km"].tolist() == [3.0]
    assert [(e.row, e.record_id, e.field, e.got) for e in errors] == [
        (1, "big", "launch_uncertainty_km", 30_000.0),
        (2, "neg", "launch_uncertainty_km", -5.0),
    ]
    assert "above 0 and below 10,000" in errors[0].expected


def test_geocode_records_errors_name_the_field_to_fix(gaz: Gazetteer) -> None:
    # Regression: every problem was reported on 'launch_place' (e.g. "no launch_lon/launch_lat and no
    # launch_place" for a row that has launch_lon), so the user was sent to the wrong column.
    df = pd.DataFrame(
        {
            "id": ["lon-only", "far", "no-country", "wrong-country"],
            "launch_lon": [126.0, 500.0, None, None],
            "launch_lat": [None, 39.0, None, None],
            "launch_place": ["", "", "", "Sinpo"],
            "country": ["KP", "KP", "", "JP"],
        }
    )
    gdf, errors = geocode_records(df, gazetteer=gaz)
    assert gdf.empty
    assert [(e.row, e.field) for e in errors] == [
        (1, "launch_lat"),
        (2, "launch_lon/launch_lat"),
        (3, "country"),
        (4, "launch_place"),
    ]
    assert "to go with launch_lon" in errors[0].expected
    assert "lon first" in errors[1].expected
    assert "'KP', 'KR' or 'JP'" in errors[2].expected
    # the name exists, in another country: said so, instead of "no gazetteer entry has this name"
    assert "Sinpo Shipyard (KP), which is not in JP" in errors[3].expected


_WORDS = st.sampled_from(
    [
        "about",
        "km",
        "west",
        "of",
        "off",
        "the",
        "coast",
        "near",
        "in",
        ",",
        "Wonsan",
        "Okushiri",
        "Island",
        "Oki",
        "county",
        "200",
        "0",
        "99999",
        "nm",
        "north-west",
        "East",
        "Sea",
        "평안",
        "島",
        "の",
        "西",
        "約",
        "-",
        "'",
        "area",
        "due",
    ]
)


@settings(max_examples=30)
@given(text=st.lists(_WORDS, min_size=1, max_size=8).map(" ".join))
def test_any_phrase_of_report_words_resolves_or_raises_geocode_error(gaz: Gazetteer, text: str) -> None:
    """Whatever the words, the geocoder answers with a region or a GeocodeError, nothing else."""
    try:
        res = gaz.geocode(text)
    except GeocodeError:
        return
    assert res.region.is_valid
    assert not res.region.is_empty
    assert res.uncertainty_km > 0


@settings(max_examples=30)
@given(text=st.text(max_size=60))
def test_arbitrary_text_resolves_or_raises_geocode_error(gaz: Gazetteer, text: str) -> None:
    with contextlib.suppress(GeocodeError):
        gaz.geocode(text)


def test_geocode_records_with_a_repeated_index_label_keeps_rows_apart(gaz: Gazetteer) -> None:
    # Regression: rows were selected by index label, so two rows labelled 0 came back four times
    # ("Length of values (2) does not match length of index (4)").
    df = pd.DataFrame(
        {
            "id": ["a", "b", "c"],
            "launch_lon": [126.0, 127.0, None],
            "launch_lat": [39.0, 39.5, None],
            "launch_place": ["", "", "Atlantis"],
        },
        index=[0, 0, 1],
    )
    gdf, errors = geocode_records(df, gazetteer=gaz)
    assert gdf["id"].tolist() == ["a", "b"]
    assert gdf.index.tolist() == [0, 0]
    assert gdf[["launch_lon", "launch_lat"]].to_numpy().tolist() == [[126.0, 39.0], [127.0, 39.5]]
    assert [(e.row, e.record_id) for e in errors] == [(3, "c")]


@pytest.mark.parametrize("text", ["P'yŏngyang", "Pyeongyang", "평양", "PYONGYANG"])
def test_spellings_of_pyongyang_are_one_place(gaz: Gazetteer, text: str) -> None:
    res = gaz.geocode(text)
    assert res.country == "KP"
    assert _km(res.lon, res.lat, 125.75432, 39.03385) < 1.0  # GeoNames Pyongyang
    assert res.uncertainty_km >= 20.0  # a city of 3 million is not a point


def test_near_tokyo_is_the_japanese_capital_not_a_guess(gaz: Gazetteer) -> None:
    res = gaz.geocode("near Tokyo")
    assert (res.country, res.kind) == ("JP", "city")
    assert _km(res.lon, res.lat, 139.69171, 35.6895) < 1.0
    with pytest.raises(GeocodeError, match="which is not in KP"):
        gaz.geocode("near Tokyo", country="KP")


def test_500_km_north_north_east_of_sinpo(gaz: Gazetteer) -> None:
    res = gaz.geocode("500 km north-north-east of Sinpo")
    anchor = gaz.geocode("Sinpo")
    x, y, _ = GEOD.fwd(anchor.lon, anchor.lat, 22.5, 500_000.0)
    assert _km(res.lon, res.lat, float(x), float(y)) < 1e-6
    # a 16-point direction: ±11.25°, grown by Sinpo's 5 km; 13° off is 15 km beyond the edge
    for off, inside in ((11.0, True), (-11.0, True), (13.0, False), (-13.0, False)):
        px, py, _ = GEOD.fwd(anchor.lon, anchor.lat, 22.5 + off, 500_000.0)
        assert bool(shapely.contains_xy(res.region, float(px), float(py))) is inside, off


@pytest.mark.parametrize("text", ["奥尻島西方約200km", "奥尻島西約200km", "北海道奥尻島西方約200km"])
def test_japanese_relative_phrase_without_no_particle(gaz: Gazetteer, text: str) -> None:
    # Regression: without 'の' ("奥尻島西方約200km", a common headline form) the text was an unknown place.
    res = gaz.geocode(text)
    ref = gaz.geocode("奥尻島の西約200km")
    assert res.rule == "relative"
    assert (res.lon, res.lat) == pytest.approx((ref.lon, ref.lat), abs=1e-9)


@pytest.mark.parametrize(
    "module",
    ["names", "regions", "index", "grammar", "records", "mentions", "quantities", "compass", "dates",
     "vocabulary", "segments", "report", "drafts", "world"],
)  # fmt: skip
def test_docstring_examples_run(module: str) -> None:
    import doctest
    import importlib

    mod = importlib.import_module(f"geo.geocoding.{module}")
    outcome = doctest.testmod(mod, optionflags=doctest.ELLIPSIS)
    assert outcome.failed == 0
