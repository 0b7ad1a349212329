"""geo.recordset: records from a file, a report or the form join the catalogue on one path."""

from __future__ import annotations

import pandas as pd
import pytest
import shapely

import geo
from geo.geocoding import Gazetteer, geocode_records, read_report, report_records
from geo.records import is_generated_id, load_catalogue, read_records_csv, read_records_geojson
from geo.recordset import ORIGIN_COLUMN, admit_records, combine_records, same_launch


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


@pytest.fixture(scope="module")
def cat() -> pd.DataFrame:
    return load_catalogue()


def test_place_only_records_are_placed_with_the_place_point_and_radius(
    gaz: Gazetteer, cat: pd.DataFrame
) -> None:
    batch = read_records_csv(
        b"date,place,distance\n2021-09-15,Yangdok county,800\n2017-07-28,Mupyong-ni,998\n"
    )
    adm = admit_records(batch.records, origin="import", existing=cat, gazetteer=gaz, rows=batch.kept_rows)
    assert not adm.errors
    recs = adm.records
    assert recs[ORIGIN_COLUMN].tolist() == ["import", "import"]
    assert recs[["launch_lon", "launch_lat", "launch_uncertainty_km"]].notna().all().all()
    yangdok = gaz.geocode("Yangdok county")
    first = recs.iloc[0]
    assert (first["launch_lon"], first["launch_lat"]) == pytest.approx((yangdok.lon, yangdok.lat))
    assert first["launch_uncertainty_km"] == pytest.approx(yangdok.uncertainty_km, abs=0.05)
    assert first["location_precision"] == "place name"


def test_the_map_region_of_a_placed_record_is_the_place_not_a_disc(gaz: Gazetteer, cat: pd.DataFrame) -> None:
    """Regression guard: once lon/lat are filled, geocoding the record again must give the place's own
    region (a county's shape), not a disc around its point."""
    batch = read_records_csv(b"date,place\n2021-09-15,Yangdok county\n")
    rec = admit_records(batch.records, origin="import", existing=cat, gazetteer=gaz).records
    regions, errors = geocode_records(rec, gazetteer=gaz)
    assert not errors
    assert shapely.equals_exact(
        regions.geometry.iloc[0], gaz.geocode("Yangdok county").region, tolerance=1e-9
    )
    assert regions["geocode_rule"].iloc[0] != "coordinates"


def test_an_unknown_place_rejects_its_row_naming_the_file_row(gaz: Gazetteer, cat: pd.DataFrame) -> None:
    data = b"date,place\n2021-09-15,Yangdok county\n\n2021-09-16,Xyzzyville\n2021-09-17,Sinpo\n"
    batch = read_records_csv(data)
    adm = admit_records(batch.records, origin="import", existing=cat, gazetteer=gaz, rows=batch.kept_rows)
    assert [(e.row, e.field, e.got) for e in adm.errors] == [(3, "launch_place", "Xyzzyville")]
    assert adm.records["launch_place"].tolist() == ["Yangdok county", "Sinpo"]


@pytest.mark.parametrize("fmt", ["csv", "geojson"])
def test_the_events_download_reads_back_whole_and_is_recognised(
    gaz: Gazetteer, cat: pd.DataFrame, fmt: str
) -> None:
    """Issue 9 item 7: the Events page's download reads back through Import with every row kept, with
    coordinates wherever a place was reported, and the catalogue's launches are not added twice."""
    table = pd.DataFrame(cat.drop(columns="geometry"))
    data = geo.export_bytes(geo.build_view_content(table), fmt)
    reader = read_records_csv if fmt == "csv" else read_records_geojson
    result = reader(data, max_bytes=50_000_000)
    assert (result.rows_read, result.n_kept, result.n_rejected) == (len(cat), len(cat), 0)
    placed = result.records["location_precision"] != "unreported"
    assert result.records.loc[placed, ["launch_lon", "launch_lat"]].notna().all().all()
    assert int((~placed).sum()) == int(cat["launch_lon"].isna().sum())
    adm = admit_records(result.records, origin="import", existing=cat, gazetteer=gaz)
    assert len(adm.records) == 0
    assert len(adm.duplicates) == len(cat)
    assert not adm.renamed


def test_a_session_download_reads_back_as_the_same_records(gaz: Gazetteer, cat: pd.DataFrame) -> None:
    batch = read_records_csv(b"date,place,distance\n2021-09-15,Yangdok county,800\n", source="mine.csv")
    mine = admit_records(batch.records, origin="import", existing=cat, gazetteer=gaz).records
    session = combine_records(cat, [mine])
    again = read_records_csv(geo.export_bytes(geo.build_view_content(session), "csv"), max_bytes=50_000_000)
    adm = admit_records(again.records, origin="import", existing=session, gazetteer=gaz)
    assert len(adm.records) == 0
    assert len(adm.duplicates) == len(session)


def test_an_id_taken_by_another_launch_gets_a_content_id(gaz: Gazetteer, cat: pd.DataFrame) -> None:
    taken = str(cat["id"].iloc[0])
    data = f"id,date,lon,lat\n{taken},2030-01-01,126.8,39.3\n".encode()
    batch = read_records_csv(data)
    adm = admit_records(batch.records, origin="import", existing=cat, gazetteer=gaz)
    new = adm.records["id"].tolist()
    assert len(new) == 1
    assert new[0] != taken
    assert is_generated_id(new[0])
    assert adm.renamed == [(taken, new[0])]
    assert "already another launch's" in adm.notes[0]
    again = admit_records(batch.records, origin="import", existing=cat, gazetteer=gaz)
    assert again.records["id"].tolist() == new  # deterministic


def test_importing_a_file_twice_adds_it_once(gaz: Gazetteer, cat: pd.DataFrame) -> None:
    batch = read_records_csv(b"date,lon,lat,distance\n2030-01-01,126.8,39.3,800\n")
    first = admit_records(batch.records, origin="import", existing=cat, gazetteer=gaz).records
    session = combine_records(cat, [first])
    second = admit_records(batch.records, origin="import", existing=session, gazetteer=gaz)
    assert len(second.records) == 0
    assert second.duplicates == first["id"].tolist()
    assert "already on the map" in second.notes[0]


def test_combined_table_keeps_the_catalogue_dtypes_and_marks_origins(
    gaz: Gazetteer, cat: pd.DataFrame
) -> None:
    batch = read_records_csv(b"date,lon,lat,count\n2030-01-01,126.8,39.3,2\n")
    mine = admit_records(batch.records, origin="form", existing=cat, gazetteer=gaz).records
    both = combine_records(cat, [mine])
    plain = pd.DataFrame(cat.drop(columns="geometry"))
    for c in plain.columns:
        assert both[c].dtype == plain[c].dtype, c
    assert both[ORIGIN_COLUMN].value_counts().to_dict() == {"catalogue": len(cat), "form": 1}
    assert both["salvo_size"].iloc[-1] == 2
    assert both["id"].is_unique


def test_report_drafts_travel_the_same_path(gaz: Gazetteer, cat: pd.DataFrame) -> None:
    text = (
        "SEOUL, Sept. 15 (Yonhap) -- North Korea fired two short-range ballistic missiles from Yangdok "
        "county into the East Sea on Wednesday, the Joint Chiefs of Staff said. They flew about 800 km."
    )
    events = read_report(text, published="2021-09-15", gazetteer=gaz)
    drafts = report_records(events, source="pasted text")
    adm = admit_records(drafts.records, origin="report", existing=cat, gazetteer=gaz)
    rec = adm.records.iloc[0]
    assert (rec["date"], rec["distance_km"], rec[ORIGIN_COLUMN]) == ("2021-09-15", 800.0, "report")
    assert not same_launch(rec, cat.set_index("id").loc["2021-09-15-1"].rename("2021-09-15-1"))
