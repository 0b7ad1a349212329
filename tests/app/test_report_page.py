"""The "Read a report" page (AppTest): paste or upload, evidence, drafts, add to the map, bad input.

Issue 9 item 6. The seed report (``../shared/data/reports/``) is read when it is beside the clone.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from tests.app.conftest import ROOT, run_page

SEED = ROOT.parent / "shared" / "data" / "reports" / "2021-09-16_rail-borne-missiles.txt"
_BATCHES = "la_user_batches"


def _shown(markdown: str) -> str:
    """Markdown as read: backslash escapes and bold markers removed."""
    return re.sub(r"\\(.)", r"\1", markdown.replace("**", ""))


def _text(at: AppTest) -> str:
    parts: list[Any] = [
        *at.markdown, *at.success, *at.error, *at.warning, *at.info, *at.caption, *at.subheader,
    ]  # fmt: skip
    return _shown(" ".join(str(getattr(p, "value", "")) for p in parts))


def _html(at: AppTest) -> str:
    return " ".join(str(h.proto.body) for h in at.get("html"))


def _click(at: AppTest, label: str) -> AppTest:
    return next(b for b in at.button if b.label == label).click().run()


@pytest.fixture(scope="module")
def sample() -> AppTest:
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(st, "switch_page", lambda *a, **k: None)
        at = run_page("report")
        _click(at, "Try it with a sample report")
        _click(at, "Read the report")
        assert not at.exception
        yield at


def test_sample_reads_as_two_launches_with_their_evidence(sample: AppTest) -> None:
    text = _text(sample)
    assert "Found 2 launch events in Launch Atlas sample report: 1 launch reported and 1 earlier" in text
    assert "Launch 1: 2021-09-15 · 2 × SRBM · from Mountainous central region of North Korea · 800 km" in text
    assert "Background launch 2: 2021-09 · 1 × cruise · 1,500 km" in text
    page = _html(sample)
    assert '<mark class="la-ev la-ev-flight" title="launch 1: distance flown">about 800 km' in page
    assert "Not found in the report: Direction, Landing place." in text
    fields = sample.dataframe[0].value
    assert fields.set_index("Field").loc["Distance flown", "Words in the report"] == "about 800 km"


def test_facts_not_reported_are_empty_cells_not_none(sample: AppTest) -> None:
    """Regression: the background launch's Vehicle, coordinates and apogee showed "None" in the drafts."""
    drafts = sample.dataframe[-1]
    assert drafts.proto.editing_mode != 0  # the editable drafts table
    assert drafts.value.loc["Background launch 2", ["platform", "apogee_km"]].isna().tolist() == [False, True]
    for table in sample.dataframe:  # what the grid shows for a missing value (its default is "None")
        assert table.proto.HasField("placeholder")
        assert table.proto.placeholder == ""


def test_sample_preview_maps_and_eez_claim(sample: AppTest) -> None:
    from geo.mapview import map_update_payloads

    text = _text(sample)
    assert (
        "EEZ: report: inside Japan's EEZ; our estimate: none (the report gives no direction and no landing "
        "place)" in text
    )
    scripts = _folium_scripts(sample)
    assert len(scripts) == 2  # one preview per launch
    (first,) = map_update_payloads(scripts[0])
    kinds = {o["k"] for o in first["overlays"]}
    assert {"launch_region", "reported_distance"} <= kinds
    ring = next(o for o in first["overlays"] if o["k"] == "reported_distance")
    assert "800 km" in ring["props"]["label"]


def _folium_scripts(at: AppTest) -> list[str]:
    import json

    found: list[str] = []

    def walk(node: Any) -> None:
        proto = getattr(node, "proto", None)
        if proto is not None and getattr(proto, "component_name", "") == "streamlit_folium.st_folium":
            args = json.loads(proto.json_args)
            found.append(args["script"] + "\n" + (args.get("feature_group") or ""))
        children = getattr(node, "children", None)
        if isinstance(children, dict):
            for child in children.values():
                walk(child)

    walk(at._tree)
    return found


def test_adding_puts_them_on_the_map_and_the_events_page(sample: AppTest) -> None:
    _click(sample, "Add 2 launches to the map")
    assert not sample.exception
    assert "2 launches are on the map" in _text(sample)
    batches = sample.session_state[_BATCHES]
    mine = batches[0].records
    assert mine["origin"].tolist() == ["report", "report"]
    assert mine["date"].tolist() == ["2021-09-15", "2021-09"]
    ev = run_page("events", session={_BATCHES: batches})
    ev.multiselect(key="e_sources").set_value(["report"]).run()
    table = ev.dataframe[0].value
    assert sorted(table["Id"]) == sorted(mine["id"])
    assert set(table["Source"]) == {"from a report"}
    rid = str(mine["id"].iloc[0])
    mp = run_page("map", {"event": rid}, session={_BATCHES: batches})
    assert not mp.exception
    assert "One of your launches (from a report)" in _text(mp)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("   \n ", "Could not read this report: the report is empty: paste the text of a news report."),
        ("x" * 20_000_000, "Could not read this report: the report is 20,000,000 characters long"),
        ("North Korea\x00\x01\x02 fired" * 10, "this looks like a binary file, not text"),
    ],
    ids=["empty", "20MB", "binary"],
)
def test_bad_text_gets_a_clear_message(text: str, message: str) -> None:
    at = run_page("report")
    at.text_area(key="r_text").input(text)
    _click(at, "Read the report")
    assert not at.exception
    assert message in _shown(" ".join(e.value for e in at.error))
    assert "_r_reading" not in at.session_state


def test_a_text_with_no_launch_says_so() -> None:
    at = run_page("report")
    at.text_area(key="r_text").input("The weather in Seoul was sunny on Monday, the agency said.")
    _click(at, "Read the report")
    assert not at.exception
    assert "No launch was found in this text" in " ".join(w.value for w in at.warning)
    assert not at.get("arrow_data_frame")


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("photo.txt", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "this is a binary file"),
        ("big.html", b"<p>" + b"a" * 2_100_000, "larger than the 2.0 MB this page accepts"),
        ("latin1.txt", "Pyongyang fired \xe9".encode("latin-1"), "the file is not UTF-8 text"),
    ],
)
def test_bad_files_get_a_clear_message(name: str, data: bytes, message: str) -> None:
    at = run_page("report")
    at.file_uploader(key="r_file").set_value((name, data, "text/plain"))
    _click(at, "Read the report")
    assert not at.exception
    assert message in _shown(" ".join(e.value for e in at.error))


def test_an_html_page_is_read_as_its_visible_text() -> None:
    page = (
        b"<html><head><script>var a = '{{ 7*7 }}';</script></head><body><p>SEOUL, Sept. 15 -- North Korea "
        b"fired two ballistic missiles from Yangdok county on Sept. 15, 2021. They flew 800 km.</p>"
        b"</body></html>"
    )
    at = run_page("report")
    at.file_uploader(key="r_file").set_value(("story.html", page, "text/html"))
    _click(at, "Read the report")
    assert not at.exception
    assert "Found 1 launch event in story.html" in _text(at)
    assert "{{" not in _html(at)
    assert "var a" not in _html(at)


@pytest.mark.skipif(not SEED.exists(), reason="../shared/data/reports is not beside the clone")
def test_the_seed_report_reads_as_two_events() -> None:
    at = run_page("report")
    at.file_uploader(key="r_file").set_value((SEED.name, SEED.read_bytes(), "text/plain"))
    at.date_input(key="r_published").set_value(Path(SEED.name).name[:10])
    _click(at, "Read the report")
    assert not at.exception
    text = _text(at)
    assert f"Found 2 launch events in {SEED.name}" in text
    assert "Launch 1: 2021-09-15 · 2 × SRBM · from Mountainous central region of North Korea · 800 km" in text
    assert "Background launch 2:" in text
    assert "1,500 km" in text


def test_a_precise_landing_place_gives_our_estimate_beside_the_claim() -> None:
    """A Japan MoD style landing ("about 200 km west of Okushiri Island") is drawn and, with no
    direction to estimate from, is our landing estimate for the EEZ comparison."""
    from geo.mapview import map_update_payloads

    at = run_page("report")
    at.text_area(key="r_text").input(
        "TOKYO, May 25 -- North Korea launched a ballistic missile from the vicinity of Sunan on Wednesday "
        "morning. It flew about 750 km and fell outside Japan's exclusive economic zone, about 200 km west "
        "of Okushiri Island, the Defense Ministry said."
    )
    at.date_input(key="r_published").set_value("2022-05-25")
    _click(at, "Read the report")
    assert not at.exception
    text = _text(at)
    assert "EEZ: report: outside Japan's EEZ; our estimate (from the landing place the report names):" in text
    (payload,) = map_update_payloads(_folium_scripts(at)[0])
    landing = next(o for o in payload["overlays"] if o["k"] == "reported_landing")
    assert "Okushiri" in landing["props"]["label"]


def test_regression_report_text_and_source_payloads_stay_text_through_the_map() -> None:
    """Template text in a pasted report and in its Source field is shown literally on the report page,
    travels with the launches added to the map, and never runs when the Map page renders them."""
    import datetime as dt

    from tests.injection import assert_nothing_ran, new_marker, payloads

    marker = new_marker()
    attack = payloads(marker)
    source = attack[0][:300]  # the Source field holds at most 300 characters
    text = (
        "SEOUL, Sept. 15 (Yonhap) -- North Korea fired two ballistic missiles from Yangdok county "
        f"{' '.join(attack)} that flew about 800 km, the Joint Chiefs of Staff said."
    )
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(st, "switch_page", lambda *a, **k: None)
        at = run_page("report")
        at.text_area[0].set_value(text)
        at.text_input[0].set_value(source)
        at.date_input[0].set_value(dt.date(2021, 9, 15))
        _click(at, "Read the report")
        assert not at.exception
        page = _html(at)
        assert "{{" not in page  # braces are shown as entities, never as template source
        assert "{%" not in page
        assert "<script" not in page.lower()
        add = next(b for b in at.button if b.label.startswith("Add ") and b.label.endswith(" to the map"))
        add.click().run()
        assert not at.exception
        batches = at.session_state[_BATCHES]
        mine = batches[0].records
        assert source in mine.iloc[0].astype(str).tolist()  # kept as typed, escaped only where shown
        rid = str(mine["id"].iloc[0])
    shown = run_page("map", {"event": rid}, session={_BATCHES: batches})
    assert not shown.exception
    assert_nothing_ran(marker, ROOT)
