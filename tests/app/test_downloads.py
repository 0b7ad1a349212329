"""Download controls (AppTest): a format choice on the Map and Events pages, files built only on click.

AppTest cannot click a download, so the files themselves are built here with the same builders the
buttons hold (``ui.downloads.view_builder`` / ``figure_builder``) from what the page computed, and read
back by GDAL. The browser tests click the real buttons.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from shapely.geometry import Point

import geo
from tests.app.conftest import run_page
from tests.export_readback import areal, read_back

YANGDOK = "2021-09-15-1"


def _buttons(at: Any) -> dict[str, Any]:
    found: dict[str, Any] = {}

    def walk(node: Any) -> None:
        if getattr(node, "type", None) == "download_button":
            found[node.proto.id.rsplit("-", 1)[-1]] = node.proto
        children = getattr(node, "children", None)
        if isinstance(children, dict):
            for child in children.values():
                walk(child)

    walk(at._tree)
    return found


def test_map_page_offers_every_format_and_the_range_map(monkeypatch: pytest.MonkeyPatch) -> None:
    built: list[str] = []
    real = geo.export_bytes
    monkeypatch.setattr(geo, "export_bytes", lambda c, fmt: built.append(fmt) or real(c, fmt))
    at = run_page("map", {"event": YANGDOK})
    assert not at.exception
    fmt = at.selectbox(key="m_export_format")
    assert fmt.options == ["GeoJSON", "GeoPackage", "KML", "CSV", "FlatGeobuf"]
    buttons = _buttons(at)
    assert buttons["m_download_view"].label == "Download this view as GeoJSON"
    assert buttons["m_download_view"].deferred_file_id  # built on the click, not now
    assert buttons["m_download_figure"].label == "Download the range map (PNG)"
    fmt.select("kml").run()
    assert not at.exception
    assert _buttons(at)["m_download_view"].label == "Download this view as KML"
    at.selectbox(key="m_figure_format").select("pdf").run()
    assert _buttons(at)["m_download_figure"].label == "Download the range map (PDF)"
    assert built == []  # three reruns, no file written


def test_map_page_without_a_selection_has_no_range_map_download() -> None:
    at = run_page("map")
    assert not at.exception
    buttons = _buttons(at)
    assert "m_download_view" in buttons
    assert "m_download_figure" not in buttons


def test_events_page_downloads_the_filtered_table_in_a_chosen_format() -> None:
    at = run_page("events")
    assert not at.exception
    fmt = at.selectbox(key="e_export_format")
    assert fmt.value == "csv"
    at.text_input(key="e_search").input("Hwasong-15").run()
    assert _buttons(at)["e_download"].label == "Download these 3 launches (CSV)"
    at.selectbox(key="e_export_format").select("gpkg").run()
    assert _buttons(at)["e_download"].label == "Download these 3 launches (GeoPackage)"


@pytest.fixture(scope="module")
def page_view() -> tuple[Any, Any, dict[str, Any]]:
    """What the Map page holds for the rail launch view: the filtered launches, the record, its info."""
    from ui import data
    from ui.mappage.selected import selected_launch

    cat = data.catalogue()
    rec = cat.set_index("id", drop=False).loc[YANGDOK]
    launch = selected_launch(rec, (800.0, 1500.0))
    return cat, launch.rec, launch.info


@pytest.mark.parametrize("fmt", ["geojson", "gpkg", "kml", "csv", "fgb"])
def test_the_map_download_opens_in_gdal_with_launch_rings_region_and_impact(
    page_view: tuple[Any, Any, dict[str, Any]], fmt: str, tmp_path: Path
) -> None:
    from ui.downloads import view_builder

    view, rec, info = page_view
    path = tmp_path / f"view{geo.FORMATS[fmt].suffix}"
    path.write_bytes(view_builder(view, rec, info, fmt)())
    back = read_back(path, fmt)
    assert YANGDOK in set(back["launch_event"]["id"])
    assert sorted(float(r) for r in back["range_ring"]["radius_km"]) == [800.0, 1500.0]
    assert len(back["launch_region_estimate"]) == 1
    impact = back["impact_zone_estimate"].iloc[0]
    assert areal(impact.geometry).contains(Point(float(impact["impact_lon"]), float(impact["impact_lat"])))
    assert "exclusive economic zone" in str(impact["maritime_verdict"])


def test_the_range_map_download(page_view: tuple[Any, Any, dict[str, Any]]) -> None:
    from ui.downloads import figure_builder

    _, rec, info = page_view
    png = figure_builder(rec, info, "png", presentation=True)()
    im = Image.open(io.BytesIO(png))
    assert im.size == (4000, 2250)  # a 16:9 slide at 300 dpi in presentation mode
    assert figure_builder(rec, info, "svg", presentation=False)().startswith(b"<?xml")


def test_the_map_download_carries_the_reach_bands_the_map_draws(tmp_path: Path) -> None:
    """The cruise missile (no reported place, launch area North Korea): the download's reach layer is
    what the map draws, band, outer and inner limit, the same geometry read back by GDAL."""
    from ui import data
    from ui.downloads import figure_builder, view_builder
    from ui.mappage.selected import selected_launch

    cat = data.catalogue()
    rec = cat.set_index("id", drop=False).loc["2021-09-11-c1"]
    launch = selected_launch(rec, (1500.0,))
    drawn = {
        (o.properties["range_km"], o.kind): o.geometry
        for o in launch.overlays
        if o.kind in ("reach_band", "reach_outer", "reach_inner")
    }
    assert len(drawn) == 3
    path = tmp_path / "view.gpkg"
    path.write_bytes(view_builder(cat, launch.rec, launch.info, "gpkg")())
    back = read_back(path, "gpkg")["reach"]
    assert sorted(back["kind"]) == ["band", "inner", "outer"]
    for _, row in back.iterrows():
        mine = drawn[(float(row["range_km"]), f"reach_{row['kind']}")]
        assert areal(row.geometry).symmetric_difference(mine).area < 1e-6 * mine.area
        assert row["source"] == geo.VIEW_RANGE_SOURCE
        assert row["launch_area"] == "North Korea"
    svg = figure_builder(launch.rec, launch.info, "svg", presentation=False)()
    assert b"fill: #c62828" in svg  # the range map shades the band too (no ring: no reported place)
