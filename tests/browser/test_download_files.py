"""Downloads in a real browser: the Map page's format choice and range map, the Events page's table.

The issue's case: from the Map page with the 2021-09-15 rail launch selected, each format downloads
and opens in GDAL with the launch, the 800 and 1,500 km rings, the launch region and the impact
estimate. How long each takes is measured by benchmarks/bench_export.py (CPU time; a timed assertion
here would fail on a busy machine); the wall-clock times seen here are written to
artifacts/download-seconds.txt for reference.
"""

from __future__ import annotations

import io
import time
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from tests.browser.test_offline_map import YANGDOK, _open, _wait_for_map
from tests.export_readback import read_back

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LABELS = {"geojson": "GeoJSON", "gpkg": "GeoPackage", "kml": "KML", "csv": "CSV", "fgb": "FlatGeobuf"}


def _choose(page: Any, select_label: str, option: str) -> None:
    """Pick ``option`` in a Streamlit selectbox by typing it, as a keyboard user would."""
    box = page.get_by_role("combobox", name=select_label)
    box.click()
    box.fill(option)
    page.keyboard.press("Enter")


def test_map_page_downloads_each_format_and_the_range_map(
    browser: Any, app_url: str, artifacts_dir: Path, tmp_path: Path
) -> None:
    ctx, page, foreign, _ = _open(browser, f"{app_url}/?event={YANGDOK}", width=1440, height=900)
    seconds: dict[str, float] = {}
    files: dict[str, Path] = {}
    try:
        _wait_for_map(page, min_paths=20)
        for fmt, label in LABELS.items():
            if fmt != "geojson":
                _choose(page, "File format", label)
            button = page.get_by_role("button", name=f"Download this view as {label}")
            button.wait_for(timeout=30_000)
            t = time.monotonic()
            with page.expect_download(timeout=60_000) as dl:
                button.click()
            path = tmp_path / dl.value.suggested_filename
            dl.value.save_as(path)
            seconds[fmt] = time.monotonic() - t
            files[fmt] = path
        page.get_by_role("button", name="Download the range map (PNG)").scroll_into_view_if_needed()
        page.screenshot(path=str(artifacts_dir / "map-downloads.png"))
        with page.expect_download(timeout=120_000) as dl:
            page.get_by_role("button", name="Download the range map (PNG)").click()
        png = tmp_path / dl.value.suggested_filename
        dl.value.save_as(png)
    finally:
        ctx.close()
    assert foreign == []
    for fmt, path in files.items():
        assert path.name == f"launch-atlas-{YANGDOK}.{'geojson' if fmt == 'geojson' else fmt}"
        back = read_back(path, fmt)
        assert YANGDOK in set(back["launch_event"]["id"])
        assert sorted(float(r) for r in back["range_ring"]["radius_km"]) == [800.0, 1500.0]
        assert len(back["launch_region_estimate"]) == 1
        assert len(back["impact_zone_estimate"]) == 1
    (artifacts_dir / "download-seconds.txt").write_text(
        "".join(f"{fmt}\t{s:.2f}\n" for fmt, s in seconds.items()), encoding="utf-8"
    )
    assert png.name == f"launch-atlas-{YANGDOK}-range-map.png"
    im = Image.open(io.BytesIO(png.read_bytes()))
    assert im.size == (3600, 2700)


def test_events_page_downloads_the_filtered_launches(browser: Any, app_url: str, tmp_path: Path) -> None:
    ctx, page, foreign, _ = _open(browser, f"{app_url}/events", width=1280, height=720)
    try:
        search = page.get_by_role("textbox", name="Search")
        search.wait_for(timeout=30_000)
        search.fill("Hwasong-15")
        search.press("Enter")
        page.get_by_text("3 of ").wait_for(timeout=30_000)
        _choose(page, "File format", "GeoPackage")
        with page.expect_download(timeout=60_000) as dl:
            page.get_by_role("button", name="Download these 3 launches (GeoPackage)").click()
        path = tmp_path / dl.value.suggested_filename
        dl.value.save_as(path)
    finally:
        ctx.close()
    assert foreign == []
    assert path.name == "launch-atlas-events.gpkg"
    launches = read_back(path, "gpkg")["launch_event"]
    assert len(launches) == 3
    assert set(launches["system_name"]) == {"Hwasong-15"}
