"""geo.records: the shipped catalogue, its schema, and validation of user files.

Row-level cases assert the exact RecordError (row, id, field, expected, got) AND that the good rows
of the same file are kept; file-level cases assert the RecordsFileError message says what to fix.
"""

from __future__ import annotations

import csv
import datetime as dt
import doctest
import importlib.util
import io
import json
import math
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import geo.records
from geo.paths import DATA_DIR
from geo.records import (
    CATALOGUE_COLUMNS,
    LANDING_AREAS,
    OUTCOMES,
    PLATFORMS,
    RECORD_FIELDS,
    SYSTEM_TYPES,
    RecordError,
    RecordsFileError,
    ValidationResult,
    csv_safe_text,
    load_catalogue,
    load_facilities,
    load_systems,
    read_records_csv,
    read_records_geojson,
    records_schema_table,
    records_to_csv,
    validate_records,
)

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "data" / "records"
#: The catalogue's source data (read ../shared/data/SOURCES.md); LAUNCH_ATLAS_SOURCE points elsewhere
#: (a worktree whose parent has no shared/ folder).
SHARED = Path(
    os.environ.get("LAUNCH_ATLAS_SOURCE", "")
    or ROOT.parent / "shared" / "data" / "events" / "nk_missile_tests"
)
needs_shared = pytest.mark.skipif(not SHARED.is_dir(), reason="../shared source data not available")

LAUNCHES_CSV = DATA_DIR / "catalogue" / "launches.csv"


@pytest.fixture(scope="module")
def catalogue() -> pd.DataFrame:
    return load_catalogue()


@pytest.fixture(scope="module")
def by_id(catalogue: pd.DataFrame) -> pd.DataFrame:
    return catalogue.set_index("id")


# ---------------------------------------------------------------------------------------------
# the catalogue


def test_catalogue_has_at_least_345_launches_one_per_missile(catalogue: pd.DataFrame) -> None:
    assert len(catalogue) >= 345
    assert list(catalogue.columns[: len(CATALOGUE_COLUMNS)]) == list(CATALOGUE_COLUMNS)


def test_every_row_has_a_source_and_a_unique_id(catalogue: pd.DataFrame) -> None:
    assert catalogue["sources"].str.strip().ne("").all()
    assert catalogue["id"].is_unique
    assert catalogue["id"].str.fullmatch(r"\d{4}(-\d{2}){0,2}-c?\d+").all()


def test_all_339_source_records_present_once(catalogue: pd.DataFrame) -> None:
    src = catalogue[catalogue["record_origin"] == "nk-missile-tests"]
    assert len(src) == 339
    assert set(src["source_entry"]) == {f"test.en.json[{i}]" for i in range(339)}
    assert src["sources"].str.startswith("CNS North Korea Missile Test Database").all()


def test_catalogue_dtypes_and_geometry(catalogue: pd.DataFrame) -> None:
    assert catalogue.crs.to_epsg() == 4326
    for col in ("launch_lon", "launch_lat", "apogee_km", "distance_km", "bearing_deg"):
        assert catalogue[col].dtype == np.float64
    assert catalogue["bearing_is_placeholder"].dtype == bool
    assert str(catalogue["salvo_size"].dtype) == "Int64"
    assert catalogue["date_start"].is_monotonic_increasing
    located = catalogue[catalogue.geometry.notna()]
    # x = lon, y = lat
    assert np.allclose(located.geometry.x, located["launch_lon"])
    assert np.allclose(located.geometry.y, located["launch_lat"])
    unlocated = catalogue[catalogue.geometry.isna()]
    assert set(unlocated["location_precision"]) == {"unreported"}


def test_vocabularies_hold(catalogue: pd.DataFrame) -> None:
    assert set(catalogue["system_type"]) <= set(SYSTEM_TYPES)
    assert set(catalogue["platform"]) <= set(PLATFORMS)
    assert set(catalogue["outcome"]) <= set(OUTCOMES)
    assert set(catalogue["landing_area"]) <= set(LANDING_AREAS)
    assert set(catalogue["country"]) == {"KP"}


def test_partial_dates_keep_their_precision(by_id: pd.DataFrame) -> None:
    row = by_id.loc["1984-09-1"]
    assert row["date"] == "1984-09"
    assert row["date_precision"] == "month"
    assert row["date_start"] == pd.Timestamp("1984-09-01")


def test_yangdok_rail_launches_2021_09_15(by_id: pd.DataFrame) -> None:
    rows = by_id.loc[["2021-09-15-1", "2021-09-15-2"]]
    assert (rows["platform"] == "rail car").all()
    assert (rows["distance_km"] == 800).all()
    assert (rows["bearing_deg"] == 80).all()  # the source's bearing (Japan MoD)
    assert not rows["bearing_is_placeholder"].any()
    assert (rows["facility_id"] == "yangdok").all()
    assert (rows["launch_place"] == "Yangdok county").all()
    assert (rows["salvo_size"] == 2).all()


@needs_shared
def test_yangdok_bearing_is_the_sources(by_id: pd.DataFrame) -> None:
    tests = [r for tb in json.loads((SHARED / "test.en.json").read_text())["timeBins"] for r in tb["data"]]
    src = [r for r in tests if r["date"] == "2021-09-15"]
    assert [r["bearing"] for r in src] == by_id.loc[["2021-09-15-1", "2021-09-15-2"], "bearing_deg"].tolist()


def test_september_2021_cruise_missile_tests_added(catalogue: pd.DataFrame) -> None:
    sept = catalogue[catalogue["date"].isin(["2021-09-11", "2021-09-12"])]
    assert len(sept) == 2
    assert (sept["system_type"] == "cruise").all()
    assert (sept["distance_km"] == 1500).all()
    assert sept["sources"].str.contains("KCNA, 2021-09-13").all()
    assert (sept["record_origin"] == "curated").all()
    assert (sept["location_precision"] == "unreported").all()  # launch place not reported


def test_added_cruise_records_each_cite_a_report(catalogue: pd.DataFrame) -> None:
    cruise = catalogue[catalogue["system_type"] == "cruise"]
    assert len(cruise) >= 6
    assert cruise["sources"].str.contains(r"KCNA, \d{4}-\d{2}-\d{2}").all()
    assert set(cruise["id"].str.extract(r"-(c)\d+$")[0]) == {"c"}


@pytest.mark.parametrize(
    ("rid", "platform"),
    [
        ("2015-11-28-1", "submarine"),  # SLBM: failed ejection from the submarine
        ("2021-10-19-1", "submarine"),  # SLBM from the Gorae-class submarine
        ("2015-05-08-1", "ship"),  # SLBM from a submerged barge, not a submarine
        ("2019-10-01-1", "ship"),  # Pukguksong-3 from an underwater barge
        ("2023-03-19-1", "silo"),  # silo-based KN-23 (system id)
        ("2022-09-24-1", "silo"),  # underwater silo in a reservoir (description)
        ("2021-09-15-1", "rail car"),  # rail-mobile KN-23 (system id)
        ("2022-01-14-1", "rail car"),
        ("2012-12-12-1", "fixed pad"),  # Unha-3 from Sohae
        ("2024-09-11-1", "road-mobile launcher"),  # TEL named
        ("2023-03-12-c1", "submarine"),  # curated: 8.24 Yongung
        ("2017-07-28-1", "unknown"),  # a 'TEL maintenance facility' near the site is no launcher
        ("1984-04-09-1", "unknown"),
    ],
)
def test_platform_derivation(by_id: pd.DataFrame, rid: str, platform: str) -> None:
    assert by_id.loc[rid, "platform"] == platform


def test_bearing_90_is_flagged_as_placeholder(catalogue: pd.DataFrame) -> None:
    assert not (catalogue["bearing_deg"] == 90).any()
    flagged = catalogue[catalogue["bearing_is_placeholder"]]
    assert len(flagged) == 86
    assert flagged["bearing_deg"].isna().all()
    assert (flagged["bearing_source"] == "default 90 (source placeholder)").all()


def test_regression_yellow_sea_landings_never_point_east(catalogue: pd.DataFrame) -> None:
    """The source's placeholder 90 (due east) sat on Yellow Sea landings, which lie west."""
    ys = catalogue[(catalogue["landing_area"] == "yellow-sea") & catalogue["bearing_deg"].notna()]
    assert ((ys["bearing_deg"] > 90) & (ys["bearing_deg"] < 360)).all()


def test_unknown_facility_is_marked_placeholder(catalogue: pd.DataFrame) -> None:
    unk = catalogue[catalogue["facility_id"] == "unknown"]
    assert len(unk) == 1
    assert (unk["location_precision"] == "placeholder").all()
    assert (unk["launch_place"] == "").all()


def test_eez_statements_are_cited_facts(catalogue: pd.DataFrame, by_id: pd.DataFrame) -> None:
    stated = catalogue[catalogue["eez_reported"] != ""]
    assert len(stated) >= 160  # every event with a Japanese statement found in the reports (issue 13)
    assert stated["sources"].str.contains(r"EEZ.*https?://", regex=True).all()  # each cited, with its URL
    assert by_id.loc["2017-07-28-1", "eez_reported"] == "inside Japan EEZ"
    assert by_id.loc["2017-08-28-1", "eez_reported"] == "outside Japan EEZ"  # overflew Hokkaido
    assert by_id.loc["2017-08-28-1", "landing_area"] == "pacific-ocean"
    # The seed report's fact: both rail-launched missiles fell inside Japan's EEZ.
    assert by_id.loc["2021-09-15-1", "eez_reported"] == "inside Japan EEZ"
    assert by_id.loc["2021-09-15-2", "eez_reported"] == "inside Japan EEZ"
    assert by_id.loc["1984-04-09-1", "eez_reported"] == ""  # no statement: empty, not a guess


def test_no_cell_reads_like_prose() -> None:
    """Facts only: outside the citation column no cell is sentence-length."""
    with LAUNCHES_CSV.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            for col, cell in row.items():
                if col != "sources":
                    assert len(cell.split()) <= 24, (row["id"], col)


@needs_shared
def test_no_description_sentence_shipped() -> None:
    """No 12-word run of any source description appears in any shipped catalogue cell."""
    tests = [r for tb in json.loads((SHARED / "test.en.json").read_text())["timeBins"] for r in tb["data"]]
    runs: set[tuple[str, ...]] = set()
    for r in tests:
        words = re.findall(r"\w+", r["description"].lower())
        runs.update(tuple(words[i : i + 12]) for i in range(len(words) - 11))
    assert len(runs) > 10_000
    for path in (DATA_DIR / "catalogue").glob("*.csv"):
        text = re.findall(r"\w+", path.read_text(encoding="utf-8").lower())
        hits = [text[i : i + 12] for i in range(len(text) - 11) if tuple(text[i : i + 12]) in runs]
        assert not hits, (path.name, hits[:1])


@needs_shared
def test_build_is_reproducible(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "data" / "build" / "build_catalogue.py"),
            "--source",
            str(SHARED),
            "--out",
            str(tmp_path),
        ],
        check=True,
        capture_output=True,
    )
    for name in ("launches.csv", "facilities.csv", "systems.csv", "audit.csv", "LICENSE"):
        assert (tmp_path / name).read_bytes() == (DATA_DIR / "catalogue" / name).read_bytes(), name


def test_facilities_and_systems() -> None:
    fac = load_facilities()
    assert len(fac) == 56
    assert fac["id"].is_unique
    assert fac["name_ja"].str.len().gt(0).all()
    assert fac.crs.to_epsg() == 4326
    assert fac.set_index("id").loc["unknown", "is_placeholder"]
    assert fac["is_placeholder"].sum() == 1
    sohae = fac.set_index("id").loc["sohae"]
    assert (sohae["lon"], sohae["lat"]) == (124.7057, 39.6596)
    assert sohae.geometry.x == sohae["lon"]
    systems = load_systems()
    assert set(systems["type"]) <= set(SYSTEM_TYPES)
    cat = load_catalogue()
    assert set(cat["system_id"]) <= set(systems["system_id"])
    assert set(cat["facility_id"]) - {""} <= set(fac["id"])


def test_catalogue_round_trips_through_csv(catalogue: pd.DataFrame) -> None:
    text = records_to_csv(catalogue)
    again = read_records_csv(text.encode(), source="round trip")
    assert again.ok, again.errors[:3]
    cols = [c for c in CATALOGUE_COLUMNS if c != "record_origin"]
    pd.testing.assert_frame_equal(
        again.records[cols].reset_index(drop=True), catalogue[cols].reset_index(drop=True)
    )


def test_data_readme_lists_every_catalogue_column() -> None:
    readme = (DATA_DIR / "README.md").read_text(encoding="utf-8")
    missing = [c for c in CATALOGUE_COLUMNS if f"| `{c}` |" not in readme]
    assert missing == []


def test_schema_table_documents_every_column() -> None:
    table = records_schema_table()
    assert table["column"].tolist() == list(CATALOGUE_COLUMNS)
    assert table.set_index("column").loc["distance_km", "unit"] == "km"
    assert len(RECORD_FIELDS) == len(CATALOGUE_COLUMNS)


def _build_module() -> Any:
    spec = importlib.util.spec_from_file_location(
        "build_catalogue", ROOT / "data" / "build" / "build_catalogue.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("system_id", "system_type", "kind", "text", "platform"),
    [
        (
            "x",
            "SLBM",
            "shipyard",
            "It was not launched from a submarine, but from a submerged barge.",
            "ship",
        ),
        ("x", "SLBM", "shipyard", "The missile was launched from the Gorae-class submarine.", "submarine"),
        (
            "x",
            "SRBM",
            "county",
            "Several hours later, South Korea tested a submarine-launched missile.",
            "unknown",
        ),
        ("x", "SRBM", "county", "Two missiles were launched from a train in the county.", "rail car"),
        ("x", "SRBM", "county", "The rail-mobile missile launch two weeks earlier.", "unknown"),
        ("x", "SRBM", "reservoir", "Drill of the ballistic missile at the underwater silos.", "silo"),
        ("x", "ICBM", "area", "Launched near a TEL maintenance facility.", "unknown"),
        (
            "x",
            "ICBM",
            "area",
            "Cold launched from a 9-axle transporter-erector-launcher.",
            "road-mobile launcher",
        ),
        (
            "kn-25",
            "SRBM",
            "county",
            "A drill of super-large multiple rocket launchers.",
            "road-mobile launcher",
        ),
        ("x", "SLV", "satellite launching ground", "A satellite launch.", "fixed pad"),
        ("silo-based-kn-23", "SRBM", "satellite launching ground", "", "silo"),
    ],
)
def test_build_platform_rules(system_id: str, system_type: str, kind: str, text: str, platform: str) -> None:
    assert _build_module().derive_platform(system_id, system_type, kind, text)[0] == platform


_plain_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1, max_size=40
).filter(lambda t: t == t.strip() and t.strip() != "" and not t.startswith(("=", "+", "-", "@", "\uff1d")))


@settings(max_examples=50)  # each example builds two GeoDataFrames (~20 ms each)
@given(
    st.lists(
        st.fixed_dictionaries(
            {
                "date": st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)).map(str),
                "launch_lon": st.floats(-180, 180),
                "launch_lat": st.floats(-90, 90),
                "distance_km": st.floats(0, 20_000, exclude_min=True, exclude_max=True),
                "bearing_deg": st.floats(0, 360, exclude_max=True),
                "platform": st.sampled_from(PLATFORMS),
                "salvo_size": st.integers(1, 1000),
                "notes": _plain_text,
            }
        ),
        min_size=1,
        max_size=5,
    )
)
def test_valid_records_round_trip_exactly_through_csv(rows: list[dict[str, Any]]) -> None:
    rows = [{"id": f"r{i}", **r} for i, r in enumerate(rows)]
    first = validate_records(rows)
    assert first.ok, first.errors
    again = read_records_csv(records_to_csv(first.records).encode(), source="records")
    assert again.ok, again.errors
    pd.testing.assert_frame_equal(pd.DataFrame(again.records), pd.DataFrame(first.records))


# ---------------------------------------------------------------------------------------------
# row-level problems: exact error, good rows kept

GOOD_1 = {"id": "good-1", "date": "2021-09-15", "launch_lon": "126.8", "launch_lat": "39.3"}
GOOD_2 = {"id": "good-2", "date": "1984-09", "launch_place": "Tonghae"}
LOC = "launch_lon/launch_lat/launch_place"
NUM_LON = "a finite number >= -180 and <= 180 deg"
NUM_LAT = "a finite number >= -90 and <= 90 deg"
DATE = "a real calendar date YYYY-MM-DD, YYYY-MM or YYYY"
AMBIGUOUS = (
    "an unambiguous date YYYY-MM-DD (is 05/09/2021 the 5th of September or the 9th of May? Write 2021-09-05"
    " or 2021-05-09)"
)
DIST = "a finite number > 0 and < 20000 km"
BEAR = "a finite number >= 0 and < 360 deg"
ID_TEXT = "a text of at most 64 characters, without control characters"
PLACE_TEXT = "a text of at most 200 characters, without control characters"


def _csv_bytes(bad: dict[str, str]) -> bytes:
    """A CSV file: good row, bad row (row 2), good row."""
    rows = [GOOD_1, bad, GOOD_2]
    cols: list[str] = []
    for r in rows:
        cols += [k for k in r if k not in cols]
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=cols, lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    return buf.getvalue().encode("utf-8")


def _bad(**fields: str) -> dict[str, str]:
    row = {"id": "bad", "date": "2020-01-01", "launch_lon": "125.0", "launch_lat": "39.0"}
    row.update(fields)
    return row


ROW_CASES: list[tuple[str, dict[str, str], RecordError]] = [
    ("impossible-date", _bad(date="2021-02-30"), RecordError(2, "bad", "date", DATE, "2021-02-30")),
    ("ambiguous-day-month", _bad(date="05/09/2021"), RecordError(2, "bad", "date", AMBIGUOUS, "05/09/2021")),
    ("day-month-without-year", _bad(date="15/09"), RecordError(2, "bad", "date", DATE, "15/09")),
    ("month-13", _bad(date="2021-13"), RecordError(2, "bad", "date", DATE, "2021-13")),
    ("year-out-of-range", _bad(date="1850-01-01"), RecordError(2, "bad", "date", DATE, "1850-01-01")),
    ("empty-date", _bad(date=""), RecordError(2, "bad", "date", f"a value ({DATE})", "")),
    ("id-too-long", _bad(id="x" * 65), RecordError(2, "x" * 64 + "…", "id", ID_TEXT, "x" * 65)),
    ("lon-200", _bad(launch_lon="200"), RecordError(2, "bad", "launch_lon", NUM_LON, "200")),
    ("lon-below-180", _bad(launch_lon="-180.5"), RecordError(2, "bad", "launch_lon", NUM_LON, "-180.5")),
    ("lat-91", _bad(launch_lat="91"), RecordError(2, "bad", "launch_lat", NUM_LAT, "91")),
    ("lat-text", _bad(launch_lat="abc"), RecordError(2, "bad", "launch_lat", NUM_LAT, "abc")),
    ("lon-NaN", _bad(launch_lon="NaN"), RecordError(2, "bad", "launch_lon", NUM_LON, "NaN")),
    ("lat-Infinity", _bad(launch_lat="Infinity"), RecordError(2, "bad", "launch_lat", NUM_LAT, "Infinity")),
    ("lon-arabic-digits", _bad(launch_lon="١٢٦"), RecordError(2, "bad", "launch_lon", NUM_LON, "١٢٦")),
    (
        "lat-missing-for-lon",
        _bad(launch_lat=""),
        RecordError(2, "bad", "launch_lat", "a latitude to go with launch_lon (both or neither)", ""),
    ),
    (
        "no-location",
        _bad(launch_lon="", launch_lat=""),
        RecordError(
            2, "bad", LOC, "a launch location: launch_lon and launch_lat, or a launch_place name", None
        ),
    ),
    ("distance-zero", _bad(distance_km="0"), RecordError(2, "bad", "distance_km", DIST, "0")),
    ("distance-20000", _bad(distance_km="20000"), RecordError(2, "bad", "distance_km", DIST, "20000")),
    ("distance-negative", _bad(distance_km="-5"), RecordError(2, "bad", "distance_km", DIST, "-5")),
    (
        "distance-thousands-comma",
        _bad(distance_km="1,500"),
        RecordError(2, "bad", "distance_km", DIST, "1,500"),
    ),
    ("bearing-360", _bad(bearing_deg="360"), RecordError(2, "bad", "bearing_deg", BEAR, "360")),
    ("bearing-negative", _bad(bearing_deg="-1"), RecordError(2, "bad", "bearing_deg", BEAR, "-1")),
    (
        "apogee-negative",
        _bad(apogee_km="-0.5"),
        RecordError(2, "bad", "apogee_km", "a finite number >= 0 and <= 50000 km", "-0.5"),
    ),
    (
        "system-type-unknown-word",
        _bad(system_type="ballistic"),
        RecordError(
            2,
            "bad",
            "system_type",
            "one of 'SRBM', 'MRBM', 'IRBM', 'ICBM', 'SLBM', 'SLV', 'HGV', 'cruise', 'unknown'",
            "ballistic",
        ),
    ),
    (
        "platform-unknown-word",
        _bad(platform="horse"),
        RecordError(
            2,
            "bad",
            "platform",
            "one of 'rail car', 'road-mobile launcher', 'submarine', 'ship', 'fixed pad', 'silo', "
            "'aircraft', 'unknown'",
            "horse",
        ),
    ),
    (
        "outcome-unknown-word",
        _bad(outcome="maybe"),
        RecordError(2, "bad", "outcome", "one of 'success', 'failure', 'unknown'", "maybe"),
    ),
    (
        "landing-unknown-word",
        _bad(landing_area="atlantic"),
        RecordError(
            2,
            "bad",
            "landing_area",
            "one of 'sea-of-japan', 'yellow-sea', 'pacific-ocean', 'north-korea', 'unknown', 'n/a'",
            "atlantic",
        ),
    ),
    (
        "country-not-a-code",
        _bad(country="Atlantis"),
        RecordError(
            2, "bad", "country", "a 2-letter country code (ISO 3166-1 alpha-2, e.g. 'KP')", "Atlantis"
        ),
    ),
    ("time-25h", _bad(time_utc="25:00"), RecordError(2, "bad", "time_utc", "a UTC time HH:MM", "25:00")),
    (
        "salvo-fraction",
        _bad(salvo_size="2.5"),
        RecordError(2, "bad", "salvo_size", "a whole number >= 1 and <= 1000", "2.5"),
    ),
    (
        "duplicate-id",
        _bad(id="good-1"),
        RecordError(2, "good-1", "id", "a unique id (already used on row 1)", "good-1"),
    ),
    (
        "notes-too-long",
        _bad(notes="n" * 600),
        RecordError(
            2,
            "bad",
            "notes",
            "a text of at most 500 characters, without control characters",
            "n" * 200 + "… (600 characters)",
        ),
    ),
    (
        "place-control-character",
        _bad(launch_place="Sinpo\x07"),
        RecordError(2, "bad", "launch_place", PLACE_TEXT, "Sinpo\x07"),
    ),
    (
        "precision-contradicts-date",
        _bad(date_precision="month"),
        RecordError(2, "bad", "date_precision", "'day' (the precision of date '2020-01-01')", "month"),
    ),
    (
        "placeholder-not-bool",
        _bad(bearing_is_placeholder="maybe"),
        RecordError(2, "bad", "bearing_is_placeholder", "true or false", "maybe"),
    ),
    (
        "bearing-with-placeholder-flag",
        _bad(bearing_deg="90", bearing_is_placeholder="true"),
        RecordError(2, "bad", "bearing_deg", "empty when bearing_is_placeholder is true", "90"),
    ),
]


@pytest.mark.parametrize(("bad", "error"), [c[1:] for c in ROW_CASES], ids=[c[0] for c in ROW_CASES])
def test_csv_row_problem_is_reported_exactly_and_good_rows_kept(
    bad: dict[str, str], error: RecordError
) -> None:
    result = read_records_csv(_csv_bytes(bad))
    assert result.errors == [error]
    assert result.records["id"].tolist() == ["good-1", "good-2"]
    assert result.rows_read == 3
    assert result.summary == "3 rows read, 2 kept, 1 rejected"
    report = result.rejected_report()
    assert report[["row", "field", "expected"]].values.tolist() == [[2, error.field, error.expected]]


@pytest.mark.parametrize(("bad", "error"), [c[1:] for c in ROW_CASES], ids=[c[0] for c in ROW_CASES])
def test_geojson_property_problem_is_reported_exactly(bad: dict[str, str], error: RecordError) -> None:
    """The same problems as GeoJSON properties (geometry-less features) give the same errors."""
    feats = [{"type": "Feature", "geometry": None, "properties": dict(r)} for r in (GOOD_1, bad, GOOD_2)]
    data = json.dumps({"type": "FeatureCollection", "features": feats}).encode()
    result = read_records_geojson(data)
    assert result.errors == [error]
    assert result.records["id"].tolist() == ["good-1", "good-2"]


def test_csv_row_with_too_many_cells() -> None:
    data = (
        b"id,date,launch_lon,launch_lat\ngood-1,2021-09-15,126.8,39.3\n"
        b"bad,2021-09-15,126,39,extra\nz,2022,1,1\n"
    )
    result = read_records_csv(data)
    assert result.errors == [RecordError(2, "bad", "(row)", "at most 4 cells (one per column)", 5)]
    assert result.records["id"].tolist() == ["good-1", "z"]


def test_two_problems_in_one_row_are_both_reported() -> None:
    result = read_records_csv(_csv_bytes(_bad(date="2021-02-29", launch_lon="181")))
    assert [(e.row, e.field) for e in result.errors] == [(2, "date"), (2, "launch_lon")]
    assert result.n_rejected == 1
    assert result.n_kept == 2


def _fc(*features: Any) -> bytes:
    return json.dumps({"type": "FeatureCollection", "features": list(features)}).encode()


def _feat(geometry: Any, **props: Any) -> dict[str, Any]:
    return {"type": "Feature", "geometry": geometry, "properties": {"date": "2022-01-05", **props}}


GOOD_FEATURE = _feat({"type": "Point", "coordinates": [126.8, 39.3]}, id="good")

GEOJSON_CASES: list[tuple[str, Any, RecordError]] = [
    (
        "linestring",
        _feat({"type": "LineString", "coordinates": [[125, 39], [126, 40]]}, id="bad"),
        RecordError(2, "bad", "geometry", "a Point geometry (the launch site)", "LineString"),
    ),
    (
        "lon-out-of-range",
        _feat({"type": "Point", "coordinates": [200, 10]}, id="bad"),
        RecordError(2, "bad", "geometry", "a longitude (x) in [-180, 180] degrees", 200),
    ),
    (
        "lat-out-of-range",
        _feat({"type": "Point", "coordinates": [10, -95.5]}, id="bad"),
        RecordError(2, "bad", "geometry", "a latitude (y) in [-90, 90] degrees", -95.5),
    ),
    (
        "coordinates-not-numbers",
        _feat({"type": "Point", "coordinates": ["126", "39"]}, id="bad"),
        RecordError(2, "bad", "geometry", "Point coordinates [lon, lat] as numbers", ["126", "39"]),
    ),
    (
        "geometry-not-object",
        _feat("POINT (126 39)", id="bad"),
        RecordError(2, "bad", "geometry", "a GeoJSON Point object or null", "str"),
    ),
    (
        "properties-not-object",
        {"type": "Feature", "geometry": None, "properties": ["id", "bad"]},
        RecordError(2, None, "properties", "a JSON object (or null)", "list"),
    ),
    ("not-a-feature", "just text", RecordError(2, None, "type", "a GeoJSON Feature object", "str")),
    (
        "no-geometry-no-place",
        _feat(None, id="bad"),
        RecordError(
            2, "bad", LOC, "a launch location: launch_lon and launch_lat, or a launch_place name", None
        ),
    ),
    (
        "nested-property",
        _feat(None, id="bad", launch_place="x", distance_km={"value": 10}),
        RecordError(2, "bad", "distance_km", f"a single value ({DIST})", "dict"),
    ),
    (
        "lon-property-contradicts-geometry",
        _feat({"type": "Point", "coordinates": [126.0, 39.0]}, id="bad", launch_lon=127.5),
        RecordError(2, "bad", "launch_lon", "empty or equal to the geometry's 126.0", 127.5),
    ),
]


@pytest.mark.parametrize(
    ("feature", "error"), [c[1:] for c in GEOJSON_CASES], ids=[c[0] for c in GEOJSON_CASES]
)
def test_geojson_feature_problem_is_reported_exactly(feature: Any, error: RecordError) -> None:
    last = _feat({"type": "Point", "coordinates": [-179.9, -89.9]}, id="last")
    result = read_records_geojson(_fc(GOOD_FEATURE, feature, last))
    assert result.errors == [error]
    assert result.records["id"].tolist() == ["good", "last"]


def test_geojson_nan_literal_is_rejected_not_parsed() -> None:
    data = (
        b'{"type":"FeatureCollection","features":['
        b'{"type":"Feature","geometry":null,"properties":{"id":"a","date":"2021","launch_place":"x","apogee_km":NaN}},'
        b'{"type":"Feature","geometry":null,"properties":{"id":"b","date":"2021","launch_place":"x"}}]}'
    )
    result = read_records_geojson(data)
    assert result.errors == [
        RecordError(1, "a", "apogee_km", "a finite number >= 0 and <= 50000 km", "NaN"),
    ]
    assert result.records["id"].tolist() == ["b"]


def test_geojson_feature_without_geometry_keeps_place_for_geocoding() -> None:
    result = read_records_geojson((FIXTURES / "upload_mixed.geojson").read_bytes())
    assert result.records["id"].tolist() == ["g-1", "g-2", "g-4"]
    g2 = result.records.set_index("id").loc["g-2"]
    assert g2["launch_place"] == "Kimchaek"
    assert np.isnan(g2["launch_lon"])
    assert g2["location_precision"] == "place name"
    assert g2.geometry is None
    # the RFC 7946 Feature id is used when properties have none; the 3rd coordinate is ignored
    g1 = result.records.set_index("id").loc["g-1"]
    assert (g1["launch_lon"], g1["launch_lat"]) == (124.7057, 39.6596)
    assert result.errors == [
        RecordError(3, "g-3", "geometry", "a Point geometry (the launch site)", "LineString")
    ]


def test_mixed_upload_fixture() -> None:
    """Excel-style file: BOM, CRLF, headers with units and aliases, synonyms, an unknown column."""
    result = read_records_csv((FIXTURES / "upload_mixed.csv").read_bytes(), source="mixed.csv")
    assert result.records["id"].tolist() == ["u-1", "u-2", "u-4", "u-5"]
    assert [(e.row, e.field, e.got) for e in result.errors] == [
        (3, "date", "2022-11-31"),
        (3, "distance_km", "-10"),
        (3, "bearing_deg", "400"),
    ]
    assert result.warnings[0] == "unknown column(s) left out: ['Analyst comment']"
    rec = result.records.set_index("id")
    assert rec.loc["u-1", ["system_type", "platform", "outcome", "landing_area"]].tolist() == [
        "SRBM",
        "rail car",
        "success",
        "sea-of-japan",
    ]
    assert rec.loc["u-1", "distance_km"] == 800
    assert rec.loc["u-2", ["system_type", "platform", "location_precision"]].tolist() == [
        "cruise",
        "submarine",
        "place name",
    ]
    assert rec.loc["u-4", "date_precision"] == "month"
    assert rec.loc["u-1", "record_origin"] == "mixed.csv"
    assert result.summary == "5 rows read, 4 kept, 1 rejected (2 warnings)"


def test_html_is_kept_verbatim_as_text() -> None:
    result = read_records_csv((FIXTURES / "upload_mixed.csv").read_bytes())
    assert result.records.set_index("id").loc["u-4", "notes"] == "<b>bold</b> & co"


def test_formula_cells_are_kept_as_text_flagged_and_neutralised_on_export() -> None:
    result = read_records_csv((FIXTURES / "upload_mixed.csv").read_bytes())
    formula = '=HYPERLINK("http://example.invalid")'
    assert result.records.set_index("id").loc["u-5", "notes"] == formula
    assert any("row 5" in w and "formula" in w for w in result.warnings)
    exported = records_to_csv(result.records)
    assert "'" + formula.replace('"', '""') in exported
    assert "\n=" not in exported
    assert not re.search(r",=", exported)
    assert csv_safe_text("-12.5") == "-12.5"  # numbers stay numbers


def test_rejected_report_is_csv_safe() -> None:
    result = read_records_csv(_csv_bytes(_bad(date="=1+2")))
    report = result.rejected_report()
    assert report.loc[0, "got"] == "'=1+2"
    assert report.loc[0, "field"] == "date"
    assert result.rejected_report(csv_safe=False).loc[0, "got"] == "=1+2"


def test_blank_lines_are_skipped_not_counted() -> None:
    data = b"id,date,launch_place\n\na,2021,Sinpo\n,,\nb,2022,Sinpo\n"
    result = read_records_csv(data)
    assert result.records["id"].tolist() == ["a", "b"]
    assert result.rows_read == 2
    assert result.ok


def test_header_only_file_keeps_nothing_and_says_so() -> None:
    result = read_records_csv(b"id,date,launch_place\n")
    assert result.rows_read == 0
    assert result.records.empty
    assert result.warnings == ["the file has no records (only a header, or blank lines)"]
    assert list(result.records.columns[: len(CATALOGUE_COLUMNS)]) == list(CATALOGUE_COLUMNS)


def test_many_formula_cells_give_a_bounded_number_of_warnings() -> None:
    data = b"id,date,launch_place\n" + b"".join(b"f%d,2021,=cmd%d\n" % (i, i) for i in range(50))
    result = read_records_csv(data)
    assert result.n_kept == 50
    assert len(result.warnings) == 21
    assert result.warnings[-1] == "… and 30 more formula-like cells, kept as text"


def test_bom_and_column_aliases_are_accepted() -> None:
    data = "\ufeffID,Date,Lon,Lat\nk,2021-09-15,126.8,39.3\n".encode()
    result = read_records_csv(data)
    assert result.ok
    assert result.records.loc[0, "launch_lon"] == 126.8


@pytest.mark.parametrize(
    "header",
    [
        '"Longitude (deg)","Latitude (deg)"',  # spreadsheet headers with units
        "\ufefflon,lat",  # a second BOM (file saved twice), then stripped like the first
        "lon\u200b,\u200blat",  # zero-width spaces pasted from a web page
    ],
)
def test_header_spellings_with_units_bom_or_zero_width_spaces_are_recognised(header: str) -> None:
    # Regression: these headers were rejected with "no launch location columns" (or "no 'id' column").
    data = f"\ufeff\ufeffid,date,{header}\nk,2021-09-15,126.8,39.3\n".encode()
    result = read_records_csv(data)
    assert result.ok, result.errors
    assert result.records.loc[0, ["launch_lon", "launch_lat"]].tolist() == [126.8, 39.3]


def test_missing_location_columns_error_lists_the_columns_found() -> None:
    with pytest.raises(RecordsFileError, match=r"columns found: \['id', 'date', 'Ort'\]"):
        read_records_csv(b"id,date,Ort\na,2021,Sinpo\n")


def test_validate_records_accepts_python_values() -> None:
    rows = [
        {"id": 7, "date": "2023-03-12", "launch_lon": 128.18, "launch_lat": 40.04, "salvo_size": 2.0},
        {"id": "x", "date": "2023-03-12", "launch_lon": float("nan"), "launch_lat": 40.0},
        {"id": "y", "date": "2023-03-12", "launch_lon": True, "launch_lat": 40.0},
    ]
    result = validate_records(rows, source="python")
    assert result.records["id"].tolist() == ["7"]
    assert result.records.loc[0, "salvo_size"] == 2
    assert [(e.row, e.field) for e in result.errors] == [(2, "launch_lon"), (3, "launch_lon")]


def test_catalogue_mode_requires_what_the_catalogue_always_has() -> None:
    row = {"id": "a", "date": "2021-09-15", "launch_lon": "126.8", "launch_lat": "39.3", "country": "KP"}
    upload = validate_records([row], mode="upload")
    assert upload.ok
    assert upload.records.loc[0, "sources"] == "records"  # an upload's rows cite the upload
    strict = validate_records([row], mode="catalogue")
    assert [e.field for e in strict.errors] == [
        "system_type",
        "platform",
        "location_precision",
        "bearing_is_placeholder",
        "outcome",
        "landing_area",
        "sources",
    ]


def test_load_catalogue_refuses_a_broken_file(tmp_path: Path) -> None:
    text = LAUNCHES_CSV.read_text(encoding="utf-8").replace("2021-09-15,day", "2021-09-31,day", 1)
    broken = tmp_path / "launches.csv"
    broken.write_text(text, encoding="utf-8")
    with pytest.raises(
        ValueError, match=r"break the catalogue schema:\nrow \d+ \(id '2021-09-15-1'\): field 'date'"
    ):
        load_catalogue(broken)


@pytest.mark.parametrize(
    ("given", "kept"), [("kp", "KP"), ("North Korea", "KP"), ("DPRK", "KP"), ("Japan", "JP")]
)
def test_country_names_become_codes(given: str, kept: str) -> None:
    result = validate_records([{"id": "c", "date": "2021", "launch_place": "x", "country": given}])
    assert result.records.loc[0, "country"] == kept


@pytest.mark.parametrize(
    ("given", "kept"),
    [("03:34", "03:34"), ("03:34 (UTC)", "03:34"), ("23:59:59", "23:59"), ("03:34Z", "03:34")],
)
def test_time_utc_forms(given: str, kept: str) -> None:
    result = validate_records([{"id": "t", "date": "2021", "launch_place": "x", "time_utc": given}])
    assert result.records.loc[0, "time_utc"] == kept


# ---------------------------------------------------------------------------------------------
# file-level problems


FILE_CASES: list[tuple[str, bytes, str]] = [
    ("empty", b"", "empty"),
    ("whitespace", b" \r\n\n", "empty"),
    ("bom-only", b"\xef\xbb\xbf", "empty"),
    (
        "latin-1",
        (FIXTURES / "upload_cp1252.csv").read_bytes(),
        "not UTF-8 text .*byte 0xe9.*save it with UTF-8",
    ),
    ("utf-16", "id,date\n".encode("utf-16"), "UTF-16.*save it as UTF-8"),
    ("semicolons", (FIXTURES / "upload_semicolon.csv").read_bytes(), "separated by semicolons: use commas"),
    ("tabs", b"id\tdate\tlaunch_place\na\t2021\tx\n", "separated by tabs"),
    ("no-header", b"2021-09-15-1,2021-09-15,126.8,39.3\n", "no header row .*looks like data"),
    ("no-date-column", b"id,launch_place\na,x\n", "no 'date' column"),
    ("no-location-columns", b"id,date,notes\na,2021,x\n", "no launch location columns"),
    ("only-lon-column", b"id,date,launch_lon\na,2021,1\n", "no launch location columns"),
    ("duplicate-column", b"id,date,lon,longitude,lat\na,2021,1,1,1\n", "more than once"),
    ("nul-bytes", b"id,date,launch_place\na,2021,x\x00y\n", "NUL"),
    ("not-bytes", "id,date", "expected the CSV file's bytes"),
    ("too-many-columns", b"id,date,launch_place" + b",x" * 600 + b"\n", "at most 500 are read"),
]


@pytest.mark.parametrize(("data", "match"), [c[1:] for c in FILE_CASES], ids=[c[0] for c in FILE_CASES])
def test_csv_file_problem_raises_a_clear_error(data: bytes, match: str) -> None:
    with pytest.raises(RecordsFileError, match=match):
        read_records_csv(data)


def test_csv_too_big_names_the_limit() -> None:
    data = b"id,date,launch_place\n" + b"a,2021,x\n" * 20
    with pytest.raises(RecordsFileError, match=r"the limit is 100 bytes"):
        read_records_csv(data, max_bytes=100)


def test_csv_too_many_rows_names_the_limit() -> None:
    data = b"id,date,launch_place\n" + b"".join(b"a%d,2021,x\n" % i for i in range(11))
    with pytest.raises(RecordsFileError, match=r"more than 10 data rows"):
        read_records_csv(data, max_rows=10)


def test_huge_cell_is_a_row_error_not_a_file_error() -> None:
    data = b"id,date,launch_place\nbig,2021," + b"x" * 200_000 + b"\nok,2021,Sinpo\n"
    result = read_records_csv(data)
    assert result.records["id"].tolist() == ["ok"]
    (err,) = result.errors
    assert (err.row, err.field, err.expected) == (1, "launch_place", PLACE_TEXT)
    assert err.got.endswith("… (200000 characters)")


GEOJSON_FILE_CASES: list[tuple[str, bytes, str]] = [
    ("not-json", b"{'type': 'FeatureCollection'}", "not valid JSON"),
    ("array", b"[1, 2]", "must be a JSON object"),
    (
        "feature",
        b'{"type": "Feature", "geometry": null, "properties": {}}',
        "wrap the Feature in a FeatureCollection",
    ),
    ("point", b'{"type": "Point", "coordinates": [1, 2]}', "must be a FeatureCollection, got type 'Point'"),
    ("features-not-list", b'{"type": "FeatureCollection", "features": {}}', '"features" must be a list'),
    ("deep-nesting", b"[" * 100_000 + b"]" * 100_000, "nested too deeply|not valid JSON"),
    ("empty", b"", "empty"),
    (
        "latin-1",
        '{"type": "FeatureCollection", "features": [], "n": "Yangdök"}'.encode("latin-1"),
        "not UTF-8",
    ),
]


@pytest.mark.parametrize(
    ("data", "match"), [c[1:] for c in GEOJSON_FILE_CASES], ids=[c[0] for c in GEOJSON_FILE_CASES]
)
def test_geojson_file_problem_raises_a_clear_error(data: bytes, match: str) -> None:
    with pytest.raises(RecordsFileError, match=match):
        read_records_geojson(data)


def test_geojson_too_many_features() -> None:
    feats = [_feat(None, id=str(i), launch_place="x") for i in range(6)]
    with pytest.raises(RecordsFileError, match="the limit is 5"):
        read_records_geojson(_fc(*feats), max_rows=5)


def test_records_file_error_is_a_value_error() -> None:
    assert issubclass(RecordsFileError, ValueError)


# ---------------------------------------------------------------------------------------------
# fuzz: never crash


def _outcome(read: Any, data: bytes) -> None:
    """Either a well-formed ValidationResult or a RecordsFileError with a message: nothing else."""
    try:
        result = read(data)
    except RecordsFileError as exc:
        message = str(exc)
    else:
        _check_result(result)
        return
    assert message


def _check_result(result: ValidationResult) -> None:
    assert isinstance(result, ValidationResult)
    assert result.n_kept + result.n_rejected == result.rows_read
    assert result.records["id"].is_unique
    assert list(result.records.columns[: len(CATALOGUE_COLUMNS)]) == list(CATALOGUE_COLUMNS)
    for e in result.errors:
        assert e.row >= 1
        assert e.message


@given(st.binary(max_size=400))
def test_fuzz_csv_bytes_never_crash(data: bytes) -> None:
    _outcome(read_records_csv, data)


@given(st.binary(max_size=400))
def test_fuzz_geojson_bytes_never_crash(data: bytes) -> None:
    _outcome(read_records_geojson, data)


_cell = st.one_of(
    st.sampled_from(
        ["", "nan", "Infinity", "-0", "1e400", "=1+1", "2021-02-29", "2024-02-29", "90", "TEL", " "]
    ),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12),
)


@settings(max_examples=50)  # each example builds a GeoDataFrame; HYPOTHESIS_PROFILE=dev: fresh ones
@given(st.lists(st.lists(_cell, min_size=0, max_size=7), max_size=8))
def test_fuzz_csv_rows_never_crash(rows: list[list[str]]) -> None:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["id", "date", "launch_lon", "launch_lat", "launch_place", "bearing_deg", "platform"])
    w.writerows(rows)
    _outcome(read_records_csv, buf.getvalue().encode())


_json_value = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=10,
)


@settings(max_examples=50)
@given(
    st.lists(
        st.dictionaries(
            st.sampled_from(
                ["id", "date", "launch_lon", "launch_lat", "launch_place", "salvo_size", "extra"]
            ),
            _json_value,
        ),
        max_size=6,
    )
)
def test_fuzz_validate_records_python_values_never_crash(rows: list[dict[str, Any]]) -> None:
    _check_result(validate_records(rows))


@settings(max_examples=50)  # each example builds a GeoDataFrame; HYPOTHESIS_PROFILE=dev: fresh ones
@given(st.lists(_json_value, max_size=5), _json_value)
def test_fuzz_geojson_features_never_crash(features: list[Any], geometry: Any) -> None:
    feats = [*features, {"type": "Feature", "geometry": geometry, "properties": {"id": "a", "date": "2021"}}]
    _check_result(read_records_geojson(json.dumps({"type": "FeatureCollection", "features": feats}).encode()))


def test_docstring_examples_run() -> None:
    modules = [geo.records, *(getattr(geo.records, m) for m in _RECORDS_MODULES)]
    outcomes = [doctest.testmod(m, optionflags=doctest.ELLIPSIS) for m in modules]
    assert sum(o.attempted for o in outcomes) >= 8
    assert sum(o.failed for o in outcomes) == 0


_RECORDS_MODULES = (
    "catalogue",
    "cells",
    "dateforms",
    "ids",
    "reading",
    "result",
    "schema",
    "validation",
    "writing",
)


def test_geojson_huge_integer_coordinate_is_a_row_error_not_an_overflow_crash() -> None:
    # Regression: json parses 1e400 written as an integer into a Python int; float() raised OverflowError.
    huge = 10**400
    bad = _feat({"type": "Point", "coordinates": [huge, 39]}, id="bad")
    result = read_records_geojson(_fc(GOOD_FEATURE, bad))
    assert result.errors == [
        RecordError(2, "bad", "geometry", "a longitude (x) in [-180, 180] degrees", huge)
    ]
    assert result.records["id"].tolist() == ["good"]


@pytest.mark.parametrize(
    ("props", "column", "names"),
    [
        ({"id": "a", "ID": "b", "launch_place": "Sinpo"}, "id", ["id", "ID"]),
        ({"id": "a", "lon": 126.0, "launch_lon": 127.0, "lat": 39.0}, "launch_lon", ["lon", "launch_lon"]),
    ],
)
def test_geojson_two_properties_for_one_column_are_rejected_not_last_one_wins(
    props: dict[str, Any], column: str, names: list[str]
) -> None:
    # Regression: properties that name the same column after normalisation silently overwrote each other.
    bad = {"type": "Feature", "geometry": None, "properties": {"date": "2021", **props}}
    result = read_records_geojson(_fc(GOOD_FEATURE, bad))
    assert [(e.row, e.field, e.got) for e in result.errors] == [(2, column, names)]
    assert "one property per column" in result.errors[0].expected
    assert result.records["id"].tolist() == ["good"]


def test_negative_zero_is_stored_as_zero() -> None:
    # Regression: '-0' was kept as -0.0, which JSON/GeoJSON exports write as -0.0 and labels as '-0°'.
    data = b"id,date,launch_lon,launch_lat,bearing_deg\nz,2021-09-15,-0,-0.0,-0\n"
    rec = read_records_csv(data).records.iloc[0]
    for name in ("launch_lon", "launch_lat", "bearing_deg"):
        assert rec[name] == 0.0
        assert math.copysign(1.0, rec[name]) == 1.0, name
    assert json.dumps([rec["launch_lon"], rec["bearing_deg"]]) == "[0.0, 0.0]"
    point = _feat({"type": "Point", "coordinates": [-0.0, -0.0]}, id="z")
    geo_rec = read_records_geojson(_fc(point)).records.iloc[0]
    assert math.copysign(1.0, geo_rec["launch_lon"]) == 1.0


@pytest.mark.parametrize("char", ["\u202e", "\u2066", "\u202a"])
def test_bidi_override_characters_are_rejected_like_control_characters(char: str) -> None:
    # Regression: an id such as 'A\u202e1-2' was kept, and displays reversed ('A2-1') in every table.
    rows = [f"A{char}1-2,2021-09-15,Sinpo", f"B,2021-09-15,Sin{char}po", "C,2021-09-15,Sinpo"]
    data = "id,date,launch_place\n" + "\n".join(rows) + "\n"
    result = read_records_csv(data.encode())
    assert [(e.row, e.field) for e in result.errors] == [(1, "id"), (2, "launch_place")]
    assert "without control characters" in result.errors[0].expected
    assert result.records["id"].tolist() == ["C"]


def test_excel_separator_hint_line_is_skipped_or_explained() -> None:
    # Regression: Excel's 'sep=,' first line was taken as the header: "the CSV file has no header row".
    result = read_records_csv(b"sep=,\r\nid,date,launch_lon,launch_lat\r\nA,2021-09-15,126.8,39.3\r\n")
    assert result.ok
    assert result.records["id"].tolist() == ["A"]
    with pytest.raises(RecordsFileError, match=r"separated by ';' \(first line 'sep=;'\)"):
        read_records_csv(b"sep=;\nid;date;launch_lon;launch_lat\nA;2021-09-15;126,8;39,3\n")


@pytest.mark.parametrize(("given", "stored"), [("9:05", "09:05"), ("09:05", "09:05"), ("0:00:59Z", "00:00")])
def test_time_without_leading_zero_is_read_as_hh_mm(given: str, stored: str) -> None:
    # Regression: '9:05' (how spreadsheets write 09:05) was rejected as not a UTC time HH:MM.
    result = read_records_csv(f"id,date,launch_place,time_utc\nt,2021-09-15,Sinpo,{given}\n".encode())
    assert result.ok, result.errors
    assert result.records.loc[0, "time_utc"] == stored


def test_geojson_feature_id_may_be_any_number() -> None:
    # Regression: RFC 7946 allows a numeric Feature id; 17.5 was ignored and the row rejected with
    # "field 'id': expected a value, got None" although the feature has an id.
    feat = {"type": "Feature", "id": 17.5, "geometry": {"type": "Point", "coordinates": [126.8, 39.3]}}
    feat["properties"] = {"date": "2021-09-15"}
    result = read_records_geojson(_fc(feat, {**feat, "id": 18}))
    assert result.ok, result.errors
    assert result.records["id"].tolist() == ["17.5", "18"]
