"""A launch needs a date and a place or coordinates: minimal files, generated ids, dates as typed.

Regression (issue 9, item 7): a CSV of ``date, place, distance`` was refused for lacking an ``id``
column; ids are now made from each row's content, deterministic and never a catalogue id.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.records import (
    GENERATED_ID_PATTERN,
    ambiguous_date,
    generated_id,
    is_generated_id,
    load_catalogue,
    read_records_csv,
    read_records_geojson,
    unique_id,
    upload_date,
    validate_records,
)

MINIMAL = b"date,place,distance\n2021-09-15,Yangdok county,800\n2022-03-24,Sunan,1090\n"


def test_minimal_csv_with_date_place_distance_is_kept_with_generated_ids() -> None:
    result = read_records_csv(MINIMAL, source="mine.csv")
    assert result.ok, result.errors
    recs = result.records
    assert recs["launch_place"].tolist() == ["Yangdok county", "Sunan"]
    assert recs["distance_km"].tolist() == [800.0, 1090.0]
    assert recs["location_precision"].tolist() == ["place name", "place name"]
    ids = recs["id"].tolist()
    assert ids[0].startswith("2021-09-15-u")
    assert ids[1].startswith("2022-03-24-u")
    assert all(is_generated_id(i) for i in ids)


def test_generated_ids_are_stable_across_reads_file_names_and_column_spellings() -> None:
    a = read_records_csv(MINIMAL, source="a.csv").records["id"].tolist()
    b = read_records_csv(MINIMAL, source="renamed.csv").records["id"].tolist()
    spelled = (
        b"Launch date,Launch place,Distance (km)\n2021-09-15,Yangdok county,800.0\n2022-03-24,Sunan,1090\n"
    )
    c = read_records_csv(spelled, source="other.csv").records["id"].tolist()
    assert a == b == c


def test_generated_id_depends_on_the_facts() -> None:
    one = read_records_csv(b"date,place,distance\n2021-09-15,Yangdok county,800\n").records["id"][0]
    other = read_records_csv(b"date,place,distance\n2021-09-15,Yangdok county,801\n").records["id"][0]
    assert one != other


def test_identical_rows_two_missiles_of_a_salvo_get_distinct_ids() -> None:
    data = b"date,place,distance\n2021-09-15,Yangdok county,800\n2021-09-15,Yangdok county,800\n"
    ids = read_records_csv(data).records["id"].tolist()
    assert len(set(ids)) == 2
    assert ids[1] == ids[0] + "-2"


def test_generated_id_never_takes_a_given_id_of_the_same_file() -> None:
    first = validate_records([{"date": "2021-09-15", "launch_place": "Sunan"}]).records["id"][0]
    rows = [
        {"date": "2021-09-15", "launch_place": "Sunan"},  # would get `first`...
        {"id": first, "date": "2021-09-15", "launch_place": "Sohae"},  # ...which this row names itself
    ]
    result = validate_records(rows)
    assert result.ok, result.errors
    assert sorted(result.records["id"]) == sorted([first, first + "-2"])
    assert result.records.set_index("id").loc[first, "launch_place"] == "Sohae"


def test_generated_ids_never_collide_with_the_catalogue() -> None:
    cat = load_catalogue()
    assert not any(is_generated_id(i) for i in cat["id"])
    rows = [
        {k: v for k, v in r.items() if k != "id"} for r in cat.drop(columns="geometry").to_dict("records")
    ]
    made = {generated_id(r) for r in rows}
    assert not made & set(cat["id"])
    assert len(made) == len(rows) - _identical_rows(rows)


def _identical_rows(rows: list[dict[str, object]]) -> int:
    keys = [json.dumps(sorted((k, str(v)) for k, v in r.items()), default=str) for r in rows]
    return len(keys) - len(set(keys))


def test_geojson_feature_without_id_gets_one() -> None:
    fc = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "geometry": {"type": "Point", "coordinates": [126.8, 39.3]},
             "properties": {"date": "2021-09-15"}},
        ],
    }  # fmt: skip
    result = read_records_geojson(json.dumps(fc).encode())
    assert result.ok
    assert GENERATED_ID_PATTERN.match(result.records["id"][0])


def test_a_place_is_still_needed() -> None:
    result = read_records_csv(b"date,place,distance\n2021-09-15,,800\n")
    assert [e.field for e in result.errors] == ["launch_lon/launch_lat/launch_place"]


def test_only_the_date_column_is_required() -> None:
    with pytest.raises(ValueError, match="no 'date' column"):
        read_records_csv(b"place,distance\nSunan,800\n")


@pytest.mark.parametrize(
    ("typed", "iso"),
    [
        ("2021/9/15", "2021-09-15"),
        ("2021.09.15", "2021-09-15"),
        ("20210915", "2021-09-15"),
        ("15 September 2021", "2021-09-15"),
        ("15th Sept. 2021", "2021-09-15"),
        ("Sep 15, 2021", "2021-09-15"),
        ("September 2021", "2021-09"),
        ("15/09/2021", "2021-09-15"),
        ("9/15/2021", "2021-09-15"),
        ("07/07/2021", "2021-07-07"),
    ],
)
def test_dates_as_typed_in_a_spreadsheet(typed: str, iso: str) -> None:
    assert upload_date(typed) == iso
    recs = read_records_csv(f'date,lon,lat\n"{typed}",126.8,39.3\n'.encode()).records
    assert recs["date"].tolist() == [iso]


@pytest.mark.parametrize("typed", ["05/09/2021", "1/2/2022"])
def test_day_month_order_is_never_guessed(typed: str) -> None:
    assert ambiguous_date(typed)
    result = read_records_csv(f"date,lon,lat\n{typed},126.8,39.3\n".encode())
    assert result.n_kept == 0
    assert "unambiguous" in result.errors[0].expected


def test_catalogue_mode_stays_strict() -> None:
    row = {
        "id": "x", "date": "2021/09/15", "date_precision": "day", "country": "KP", "system_type": "SRBM",
        "platform": "unknown", "location_precision": "unreported", "bearing_is_placeholder": "false",
        "outcome": "unknown", "landing_area": "unknown", "landing_label": "Unknown", "record_origin": "t",
        "sources": "t",
    }  # fmt: skip
    result = validate_records([row], mode="catalogue")
    assert [e.field for e in result.errors] == ["date"]
    unnamed = {**row, "id": "", "date": "2021-09-15"}
    assert [e.field for e in validate_records([unnamed], mode="catalogue").errors] == ["id"]


@settings(max_examples=200, derandomize=True, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["date", "launch_place", "distance_km", "notes", "salvo_size", "apogee_km"]),
        st.one_of(st.none(), st.text(max_size=20), st.floats(allow_nan=True), st.integers()),
    )
)
def test_generated_id_property(record: dict[str, object]) -> None:
    made = generated_id(record)
    assert GENERATED_ID_PATTERN.match(made)
    assert made == generated_id(dict(reversed(list(record.items()))))
    taken = {made, made + "-2"}
    assert unique_id(made, taken) == made + "-3"
