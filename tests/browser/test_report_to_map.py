"""A report read in a real browser becomes a launch of the map (issue 9, items 6 and 7).

Paste (the sample report) -> read -> add to the map -> the launch is selected on the Map page with its
reported distance ring -> it is in the Map page's GeoJSON download -> it is listed on the Events page and
in its CSV download. All in one browser session (nothing is stored on the server). Screenshots of each
step go to artifacts/ (report-read.png, report-on-map.png, report-in-events.png).
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest

from tests.browser.test_offline_map import MAP_FRAME, _open, _wait_for_map

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _download(page: Any, button_name: str, tmp_path: Path) -> Path:
    button = page.get_by_role("button", name=button_name)
    button.wait_for(timeout=30_000)
    with page.expect_download(timeout=60_000) as dl:
        button.click()
    path = tmp_path / dl.value.suggested_filename
    dl.value.save_as(path)
    return path


def _correct_launch_place(page: Any, place: str, *, was: str) -> None:
    """Type ``place`` into the first draft's "Launch place" cell, as a reader does (the grid is a canvas:
    click the first row, move right to the column with the keyboard, open it, type, Enter).

    Under load a key press can reach the grid before it has the focus and be lost, which opened another
    column's editor (the Country): the editor must open on the cell that holds ``was``, else it is closed
    and the walk starts again from the first column.
    """
    grid = page.locator('[data-testid="stDataFrame"]').last
    editor = page.locator("textarea.gdg-input")
    for _attempt in range(4):
        box = grid.bounding_box()
        assert box is not None
        page.mouse.click(box["x"] + 60, box["y"] + 35 + 17)  # the first row's name (header row 35 px)
        page.wait_for_timeout(300)
        for _ in range(8):  # date, time, country, missiles, type, missile, vehicle, launch place
            page.keyboard.press("ArrowRight", delay=30)
            page.wait_for_timeout(60)
        page.keyboard.press("Enter")  # opens the cell's editor
        editor.wait_for(timeout=10_000)
        if editor.input_value() == was:
            break
        editor.press("Escape")
        editor.wait_for(state="detached", timeout=10_000)
    else:
        raise AssertionError(f"the Launch place editor (holding {was!r}) never opened")
    editor.fill(place)
    editor.press("Enter")
    # the rerun with the correction: the grid's accessible copy holds the new value
    page.locator('td[role="gridcell"]', has_text=place).first.wait_for(state="attached", timeout=30_000)
    page.get_by_text("Running...").wait_for(state="detached", timeout=30_000)


def test_pasted_report_goes_to_the_map_the_events_and_the_downloads(
    browser: Any, app_url: str, artifacts_dir: Path, tmp_path: Path
) -> None:
    ctx, page, foreign, console_errors = _open(browser, f"{app_url}/report", width=1440, height=900)
    try:
        page.get_by_role("button", name="Try it with a sample report").click()
        page.get_by_role("textbox", name="Paste the text of a news report").wait_for(timeout=30_000)
        page.wait_for_function(
            "() => [...document.querySelectorAll('textarea')].some(t => t.value.includes('rail cars'))",
            timeout=30_000,
        )
        page.get_by_role("button", name="Read the report").click()
        page.get_by_text("Found 2 launch events").wait_for(timeout=60_000)
        # the evidence is highlighted in the text, escaped, with its kind
        mark = page.locator("mark.la-ev-flight", has_text="about 800 km")
        mark.wait_for(timeout=30_000)
        assert mark.get_attribute("title") == "launch 1: distance flown"
        page.locator(MAP_FRAME).first.wait_for(timeout=30_000)
        page.wait_for_timeout(1500)
        mark.scroll_into_view_if_needed()
        page.screenshot(path=str(artifacts_dir / "report-read.png"))
        page.get_by_role("heading", name="Launch 1: 2021-09-15").scroll_into_view_if_needed()
        page.wait_for_timeout(1500)
        page.screenshot(path=str(artifacts_dir / "report-launch-1.png"))
        page.locator(MAP_FRAME).first.scroll_into_view_if_needed()
        page.wait_for_timeout(1000)
        page.screenshot(path=str(artifacts_dir / "report-preview.png"))
        page.get_by_role("button", name="Add 2 launches to the map").scroll_into_view_if_needed()
        _correct_launch_place(page, "Sinpo", was="Mountainous central region of North Korea")
        page.screenshot(path=str(artifacts_dir / "report-drafts.png"))
        drafts_csv = _download(page, "Download 2 launches (CSV, the catalogue's format)", tmp_path)

        page.get_by_role("button", name="Add 2 launches to the map").click()
        page.get_by_text("2 launches are on the map").wait_for(timeout=60_000)
        page.get_by_role("button", name="Open the first on the map").click()
        page.wait_for_url(re.compile(r"/(map)?\?event=2021-09-15-u"), timeout=30_000)
        page.get_by_text("Selected launch", exact=True).wait_for(timeout=60_000)
        frame = _wait_for_map(page, min_paths=20)
        header = page.locator(".st-key-m_header")
        header.get_by_text("Sinpo").first.wait_for(timeout=30_000)  # the corrected place
        page.get_by_text("One of your launches (from a report)").wait_for(timeout=30_000)
        rid = frame.locator(".leaflet-container").first.get_attribute("data-la_event", timeout=30_000)
        assert str(rid).startswith("2021-09-15-u")
        page.screenshot(path=str(artifacts_dir / "report-on-map.png"))
        geojson = json.loads(_download(page, "Download this view as GeoJSON", tmp_path).read_text("utf-8"))

        page.get_by_role("link", name="Events").click()
        page.get_by_text("2 of them yours").wait_for(timeout=30_000)
        page.screenshot(path=str(artifacts_dir / "report-in-events.png"))
        events_csv = _download(page, "Download these 351 launches (CSV)", tmp_path).read_text("utf-8")
    finally:
        ctx.close()
    assert foreign == []
    drafts = list(csv.DictReader(io.StringIO(drafts_csv.read_text("utf-8"))))
    assert drafts[0]["launch_place"] == "Sinpo"
    assert abs(float(drafts[0]["launch_lon"]) - 128.2) < 0.3  # placed again, at Sinpo
    launches = [f for f in geojson["features"] if f["properties"].get("layer") == "launch_event"]
    mine = [f for f in launches if f["properties"]["id"] == rid]
    assert len(mine) == 1
    assert mine[0]["properties"]["selected"] is True
    assert mine[0]["properties"]["distance_km"] == 800.0
    rings = [f for f in geojson["features"] if f["properties"].get("layer") == "reported_distance"]
    assert [r["properties"]["radius_km"] for r in rings] == [800.0]
    rows = list(csv.DictReader(io.StringIO(events_csv)))
    assert len(rows) == 351
    assert {r["id"] for r in rows} >= {rid}
    assert not [e for e in console_errors if "Error" in e and "favicon" not in e]


def test_a_launch_typed_into_the_form_is_selectable_on_the_map(
    browser: Any, app_url: str, artifacts_dir: Path
) -> None:
    """The Import page's "add a launch" form: the launch is placed, then selected on the Map page."""
    ctx, page, foreign, _ = _open(browser, f"{app_url}/import", width=1280, height=900)
    try:
        year = page.get_by_role("spinbutton", name="year, Date of the launch (local date)")
        year.wait_for(timeout=30_000)
        year.click()
        page.keyboard.type("20310102")  # year, month, day: the field moves on by itself
        page.get_by_role("textbox", name="Launched from (place words or coordinates)").fill("Sinpo")
        page.get_by_role("spinbutton", name="Distance flown (km)").fill("800")
        page.get_by_role("textbox", name="Direction").fill("east-northeast")
        page.get_by_role("button", name="Add this launch to the map").click()
        added = page.get_by_text("It is on the map, on the Events page and in every download.")
        added.wait_for(timeout=60_000)
        added.scroll_into_view_if_needed()
        page.screenshot(path=str(artifacts_dir / "form-added.png"))
        page.get_by_role("button", name="Open the launch you added on the map").click()
        _wait_for_map(page, min_paths=20)
        page.get_by_text("349 in the catalogue, 1 of your own").wait_for(timeout=30_000)
        page.locator(".st-key-m_header").get_by_text("2031-01-02").first.wait_for(timeout=30_000)
        page.get_by_text("One of your launches (added by you)").wait_for(timeout=30_000)
        page.wait_for_timeout(1000)
        page.screenshot(path=str(artifacts_dir / "form-on-map.png"))
    finally:
        ctx.close()
    assert foreign == []
