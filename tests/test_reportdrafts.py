"""geo.reportdrafts: a read report's drafts, corrected by a reader, travel the path of any import."""

from __future__ import annotations

import doctest
from pathlib import Path

import pandas as pd
import pytest

import geo.reportdrafts
from geo.geocoding import Gazetteer, read_report
from geo.records import is_generated_id, load_catalogue, validate_records
from geo.recordset import admit_records
from geo.reportdrafts import DRAFT_COLUMNS, draft_rows, edited_rows

EXAMPLE = Path(__file__).parent / "data" / "reports" / "example_report.txt"


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


@pytest.fixture(scope="module")
def rows(gaz: Gazetteer) -> list[dict]:  # type: ignore[type-arg]
    events = read_report(EXAMPLE.read_text(encoding="utf-8"), published="2021-09-16", gazetteer=gaz)
    return draft_rows(events, source="example.txt", gazetteer=gaz)


def test_docstring_examples_run() -> None:
    result = doctest.testmod(geo.reportdrafts)
    assert result.attempted >= 4
    assert result.failed == 0


def test_drafts_are_catalogue_rows_that_validate_with_content_ids(rows: list[dict]) -> None:  # type: ignore[type-arg]
    assert len(rows) == 2
    assert "id" not in rows[0]
    assert set(DRAFT_COLUMNS) <= set(rows[0])
    main, bg = rows
    assert main["location_precision"] == "place name"  # the region keeps its shape on the map
    assert main["launch_place"] == "Mountainous central region of North Korea"
    assert bg["location_precision"] == "unreported"
    result = validate_records(rows, source="example.txt", mode="upload")
    assert result.n_kept == 2, result.errors
    assert all(is_generated_id(i) for i in result.records["id"])
    assert result.records["sources"].tolist() == ["example.txt", "example.txt"]


def test_a_corrected_place_is_placed_again(gaz: Gazetteer, rows: list[dict]) -> None:  # type: ignore[type-arg]
    edited = [{c: r.get(c) for c in DRAFT_COLUMNS} for r in rows]
    edited[0]["launch_place"] = "Sinpo"
    fixed = edited_rows(rows, edited)
    assert (fixed[0]["launch_lon"], fixed[0]["launch_lat"], fixed[0]["launch_uncertainty_km"]) == (None,) * 3
    assert fixed[0]["location_precision"] == "place name"
    assert fixed[1] == {**rows[1], **{c: rows[1].get(c) for c in DRAFT_COLUMNS}}
    result = validate_records(fixed, source="example.txt", mode="upload")
    admitted = admit_records(result.records, origin="report", existing=load_catalogue(), gazetteer=gaz)
    sinpo = gaz.geocode("Sinpo")
    rec = admitted.records.iloc[0]
    assert (rec["launch_lon"], rec["launch_lat"]) == pytest.approx((sinpo.lon, sinpo.lat))


def test_typed_coordinates_make_a_point_and_cleared_cells_are_missing(rows: list[dict]) -> None:  # type: ignore[type-arg]
    edited = [{c: r.get(c) for c in DRAFT_COLUMNS} for r in rows]
    edited[0].update(launch_lon=127.5, launch_lat=39.8, distance_km=float("nan"), system_name="  ")
    edited[1].update(launch_place="", date="2021-09-12")
    fixed = edited_rows(rows, edited)
    assert (fixed[0]["location_precision"], fixed[0]["launch_lon"]) == ("point", 127.5)
    assert fixed[0]["distance_km"] is None
    assert fixed[0]["system_name"] is None
    assert fixed[1]["location_precision"] == "unreported"
    assert fixed[1]["date"] == "2021-09-12"
    result = validate_records(fixed, mode="upload")
    assert result.n_kept == 2


def test_a_draft_without_a_date_is_rejected_naming_the_field(rows: list[dict]) -> None:  # type: ignore[type-arg]
    edited = [{c: r.get(c) for c in DRAFT_COLUMNS} for r in rows]
    edited[1]["date"] = pd.NA
    result = validate_records(edited_rows(rows, edited), mode="upload")
    assert result.n_kept == 1
    assert [(e.row, e.field) for e in result.errors] == [(2, "date")]
