"""Records a visitor adds (Import file, "add a launch" form) are the session's records on every page.

Issue 9 item 7: a minimal CSV (date, place, distance) is accepted with generated ids, a launch typed
into the form is placed by the geocoder, and both are listed on the Events page beside the catalogue,
inside its date range and in its download.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

import geo
from tests.app.conftest import run_page

_BATCHES = "la_user_batches"


def _text(at: AppTest) -> str:
    parts: list[Any] = [*at.markdown, *at.success, *at.error, *at.warning, *at.info, *at.caption]
    return _shown(" ".join(str(getattr(p, "value", "")) for p in parts))


def _shown(markdown: str) -> str:
    """Markdown as the visitor reads it: backslash escapes removed."""
    return re.sub(r"\\(.)", r"\1", markdown)


@pytest.fixture
def no_page_links(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pages run on their own (no st.navigation registry), so page links cannot resolve."""
    monkeypatch.setattr(st, "page_link", lambda *a, **k: None)


def _events(batches: Any) -> AppTest:
    return run_page("events", session={_BATCHES: batches})


def test_minimal_csv_gets_ids_a_place_and_joins_the_events_table(no_page_links: None) -> None:
    at = run_page("import")
    csv = b"date,place,distance\n2021-09-15,Yangdok county,800\n2030-06-01,Sinpo,1200\n"
    at.file_uploader(key="i_file").set_value(("mine.csv", csv, "text/csv")).run()
    assert not at.exception
    assert "2 rows read, 2 added to the map, 0 already there, 0 rejected" in _text(at)
    batches = at.session_state[_BATCHES]
    mine = batches[0].records
    assert all(geo.records.is_generated_id(i) for i in mine["id"])
    assert mine[["launch_lon", "launch_lat", "launch_uncertainty_km"]].notna().all().all()

    ev = _events(batches)
    assert not ev.exception
    cap = " ".join(c.value for c in ev.caption)
    n_cat = len(geo.records.load_catalogue())
    assert f"{n_cat + 2} of {n_cat + 2} launches, 2 of them yours" in cap
    # 2030 lies after the catalogue's last launch: the date range grows to hold it
    assert ev.slider(key="e_dates").value[1] == dt.date(2030, 6, 1)
    ev.text_input(key="e_search").input("Sinpo 2030").run()
    table = ev.dataframe[0].value
    assert table["Id"].tolist() == [mine["id"].iloc[1]]
    assert table["Source"].tolist() == ["your import"]


def test_the_form_adds_a_placed_launch_that_events_lists(no_page_links: None) -> None:
    at = run_page("import")
    at.date_input(key="f_date").set_value(dt.date(2031, 1, 2))
    at.text_input(key="f_place").input("Sunan, Pyongyang")
    at.number_input(key="f_distance").set_value(950.0)
    at.text_input(key="f_direction").input("east-northeast")
    at.number_input(key="f_count").set_value(2)
    at.selectbox(key="f_type").set_value("IRBM")
    next(b for b in at.button if b.label == "Add this launch to the map").click().run()
    assert not at.exception
    assert "Added: **2031-01-02**" in _text(at)
    rec = at.session_state[_BATCHES][0].records.iloc[0]
    sunan = geo.Gazetteer.load().geocode("Sunan, Pyongyang")
    assert (rec["launch_lon"], rec["launch_lat"]) == pytest.approx((sunan.lon, sunan.lat))
    assert (rec["bearing_deg"], rec["salvo_size"], rec["system_type"]) == (67.5, 2, "IRBM")

    ev = _events(at.session_state[_BATCHES])
    ev.multiselect(key="e_sources").set_value(["form"]).run()
    table = ev.dataframe[0].value
    assert table["Id"].tolist() == [rec["id"]]
    assert table["Source"].tolist() == ["added by you"]


def test_form_problems_are_said_and_nothing_is_added() -> None:
    at = run_page("import")
    at.text_input(key="f_place").input("Xyzzyville")
    at.text_input(key="f_direction").input("sideways")
    next(b for b in at.button if b.label == "Add this launch to the map").click().run()
    assert not at.exception
    errors = _shown(" ".join(e.value for e in at.error))
    assert "Give the date of the launch" in errors
    assert "Direction: 'sideways' is not a direction" in errors
    assert _BATCHES not in at.session_state or not at.session_state[_BATCHES]
    at.date_input(key="f_date").set_value(dt.date(2031, 1, 2))
    at.text_input(key="f_direction").input("")
    next(b for b in at.button if b.label == "Add this launch to the map").click().run()
    assert "not one the app knows" in _shown(" ".join(e.value for e in at.error))


def test_events_csv_download_of_a_session_reads_back_on_import(no_page_links: None) -> None:
    """The Events page's CSV (catalogue + the visitor's launch) imported in a new session: every row
    kept, every placed row with coordinates, and the catalogue recognised (not added twice)."""
    at = run_page("import")
    at.file_uploader(key="i_file").set_value(
        ("mine.csv", b"date,place,distance\n2021-09-15,Yangdok county,800\n", "text/csv")
    ).run()
    # what the Events page downloads with no filter: the session's records through geo.export
    records = geo.combine_records(geo.records.load_catalogue(), [at.session_state[_BATCHES][0].records])
    data = geo.export_bytes(geo.build_view_content(records), "csv")
    again = run_page("import")
    again.file_uploader(key="i_file").set_value(("events.csv", data, "text/csv")).run()
    assert not again.exception
    n = len(records)
    assert f"{n} rows read, 1 added to the map, {n - 1} already there, 0 rejected" in _text(again)
    got = pd.read_csv(io.BytesIO(data))
    assert len(got) == n


# ---------------------------------------------------------------------------------------------
# the Map page: a visitor's launch is selectable, with rings, estimates and the maritime verdict
# ---------------------------------------------------------------------------------------------

#: A launch as a reader would add it: place words, distance and bearing (2030: after the catalogue).
_OWN_CSV = b"date,place,distance,bearing,type,eez\n2030-06-01,Sinpo,800,80,SRBM,inside Japan EEZ\n"


@pytest.fixture(scope="module")
def own_batches() -> Any:
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(st, "page_link", lambda *a, **k: None)
        at = run_page("import")
        at.file_uploader(key="i_file").set_value(("mine.csv", _OWN_CSV, "text/csv")).run()
    assert not at.exception
    return at.session_state[_BATCHES]


def test_own_launch_is_selectable_on_the_map_with_rings_estimate_and_verdict(own_batches: Any) -> None:
    from geo.mapview import map_geojson_features, map_update_payloads
    from tests.app.conftest import folium_args

    rec = own_batches[0].records.iloc[0]
    rid = str(rec["id"])
    at = run_page("map", {"event": rid}, session={_BATCHES: own_batches, "reach_bands": False})
    assert not at.exception
    # inside the date range: the slider reaches the launch's date, the launch is in the view
    text = _text(at)
    assert "349 in the catalogue, 1 of your own" in text
    assert "Launch 350 of 350" in text
    assert "2030-06-01 · unknown system (SRBM) · Sinpo · your import" in at.selectbox(key="m_event").options
    # drawn: selected marker, the reported distance as a geodesic ring, the estimate and the verdict
    script = folium_args(at)["script"]
    (payload,) = map_update_payloads(script)
    assert payload["selected"]["id"] == rid
    feats = map_geojson_features(script)
    kinds = {o["k"] for o in payload["overlays"]}
    assert {"reported_distance", "impact_zone", "impact_point", "launch_region"} <= kinds
    ring = next(f for f in feats if f["properties"].get("kind") == "reported_distance")
    assert ring["properties"]["radius_km"] == 800.0
    assert "Whose waters? (ESTIMATE)" in text
    assert "EEZ claim and our estimate:** report: inside Japan's EEZ; our estimate: inside" in text
    assert "One of your launches (your import)" in text
    # its place marker is in the visitor's own set (orange), listing it for a click
    own = [s for s in payload["sites"] if s["set"] == "imported"]
    assert len(own) == 1
    assert own[0]["table"][0][0] == rid


def test_own_launch_can_be_hidden_from_the_map(own_batches: Any) -> None:
    at = run_page("map", session={_BATCHES: own_batches})
    assert not at.exception
    assert any(o.endswith("your import") for o in at.selectbox(key="m_event").options)
    at.checkbox(key="m_yours").uncheck().run()
    assert not at.exception
    assert any(o.endswith("your import") for o in at.selectbox(key="m_event").options) is False
