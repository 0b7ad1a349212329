"""geo.figure: the static range map, checked by its projection maths and by its pixels.

The case of the issue: the 2021-09-15 rail launch with 800, 1,500 and 13,000 km rings. Every ring must
be a circle of its range on the azimuthal equidistant map, the 13,000 km ring whole with the North Pole
inside, and the PNG must show the rings where the maths puts them. The screenshot-quality PNGs are
saved in artifacts/ for people to look at.
"""

from __future__ import annotations

import io
import math
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from pyproj import Transformer

import geo
from geo.figure import BaseLayers, range_map, range_map_bytes

YANGDOK = "2021-09-15-1"
RING_RED = (0xB3, 0x26, 0x1E)


@pytest.fixture(scope="module")
def base() -> BaseLayers:
    return BaseLayers.load()


@pytest.fixture(scope="module")
def view() -> geo.LaunchView:
    cat = geo.load_catalogue()
    return geo.launch_view(cat[cat["id"] == YANGDOK].iloc[0], [800.0, 1500.0, 13000.0])


@pytest.fixture(scope="module")
def rmap(view: geo.LaunchView, base: BaseLayers) -> geo.RangeMap:
    return range_map(view, basemap=base)


@pytest.fixture(scope="module")
def png(rmap: geo.RangeMap, artifacts_dir: Path) -> bytes:
    data = range_map_bytes(rmap, "png", dpi=300)
    (artifacts_dir / f"range-map-{YANGDOK}.png").write_bytes(data)
    return data


def test_every_ring_is_a_circle_of_its_range(rmap: geo.RangeMap) -> None:
    assert sorted(rmap.ring_xy) == [800.0, 1500.0, 13000.0]
    for radius, xy in rmap.ring_xy.items():
        r = np.hypot(xy[:, 0], xy[:, 1]) / 1000.0
        assert len(xy) > 300
        assert np.abs(r - radius).max() < 1e-6 * radius, radius  # equal projected radius = the range


def test_13000_km_ring_is_whole_with_the_north_pole_inside(rmap: geo.RangeMap) -> None:
    xy = rmap.ring_xy[13000.0]
    azimuths = np.sort(np.degrees(np.arctan2(xy[:, 0], xy[:, 1])) % 360.0)
    gaps = np.diff(np.concatenate([azimuths, [azimuths[0] + 360.0]]))
    assert gaps.max() < 3.0  # the ring goes all the way round: nothing cut at 85° N or at 180°
    assert np.abs(xy).max() / 1000.0 < rmap.extent_km  # and it is inside the frame
    to_map = Transformer.from_crs("EPSG:4326", rmap.crs, always_xy=True)
    px, py = to_map.transform(0.0, 90.0)
    d_pole = math.hypot(px, py) / 1000.0
    assert d_pole == pytest.approx(float(geo.distance_km(*rmap.centre, 0.0, 90.0)), rel=1e-9)
    assert d_pole < 13000.0
    wx, wy = to_map.transform(-77.0365, 38.8977)  # Washington is inside the ring on the map as on Earth
    assert math.hypot(wx, wy) / 1000.0 < 13000.0


def test_png_is_print_quality_and_shows_the_rings_where_the_maths_puts_them(
    rmap: geo.RangeMap, png: bytes
) -> None:
    im = Image.open(io.BytesIO(png)).convert("RGB")
    assert im.size == (3600, 2700)  # 12 x 9 in at 300 dpi
    assert round(Image.open(io.BytesIO(png)).info["dpi"][0]) == 300
    pixels = np.asarray(im)
    assert len(np.unique(pixels.reshape(-1, 3), axis=0)) > 200  # a drawn map, not a blank page
    fig = rmap.figure
    fig.set_dpi(300)
    ax = fig.axes[0]
    height = pixels.shape[0]

    def red_near(x_m: float, y_m: float) -> bool:
        px, py = ax.transData.transform((x_m, y_m))
        col, row = round(float(px)), round(float(height - py))
        patch = pixels[max(row - 4, 0) : row + 5, max(col - 4, 0) : col + 5].reshape(-1, 3).astype(int)
        return bool((np.abs(patch - RING_RED).sum(axis=1) < 60).any())

    for radius in (1500.0, 13000.0):
        hits = [
            red_near(radius * 1000 * math.sin(math.radians(a)), radius * 1000 * math.cos(math.radians(a)))
            for a in range(0, 360, 5)
        ]
        assert sum(hits) >= 0.85 * len(hits), (radius, sum(hits))  # labels may cover a few points
        assert not red_near(radius * 1000 * 0.9, 0.0) or radius < 2000  # not a filled disc
    # Between the rings there is map, not ring colour.
    assert not red_near(0.0, 7000e3)


def test_close_up_holds_the_small_rings_and_the_impact(rmap: geo.RangeMap) -> None:
    assert rmap.close_up_km is not None
    assert 1500.0 < rmap.close_up_km < 2500.0
    assert len(rmap.figure.axes) == 2


def test_svg_and_pdf_are_vectors_reproducible_and_hold_no_markup(base: BaseLayers) -> None:
    cat = geo.load_catalogue()
    rec = cat[cat["id"] == YANGDOK].iloc[0].to_dict()
    rec.update(
        launch_place="<script>alert(1)</script> $\\frac{1}{2}$ {{ 7*7 }}",
        system_name='=HYPERLINK("http://evil.example")',
    )
    hostile = geo.launch_view(rec, [800.0], maritime=False)
    first = range_map(hostile, basemap=base)
    svg = range_map_bytes(first, "svg")
    pdf = range_map_bytes(first, "pdf")
    assert svg.startswith(b"<?xml")
    assert pdf.startswith(b"%PDF")
    assert b"<script" not in svg  # text is drawn as glyph outlines; the title metadata is escaped
    assert b"&lt;script&gt;" in svg
    again = range_map(hostile, basemap=base)
    assert range_map_bytes(again, "svg") == svg
    assert range_map_bytes(again, "pdf") == pdf
    assert first.title.startswith("2021-09-15 12:34 UTC+9 · =HYPERLINK")


def test_presentation_mode_is_a_16_9_slide_with_larger_type(
    view: geo.LaunchView, base: BaseLayers, artifacts_dir: Path
) -> None:
    slide = range_map(view, presentation=True, basemap=base)
    w, h = slide.figure.get_size_inches()
    assert w / h == pytest.approx(16 / 9, rel=1e-3)
    title_sizes = [t.get_fontsize() for t in slide.figure.texts if t.get_text() == slide.title]
    assert title_sizes
    assert min(title_sizes) >= 18
    data = range_map_bytes(slide, "png", dpi=150)
    (artifacts_dir / f"range-map-{YANGDOK}-presentation.png").write_bytes(data)
    assert Image.open(io.BytesIO(data)).size == (2000, 1125)


def test_a_stand_in_launch_point_gets_no_rings_and_no_launch_marker(base: BaseLayers) -> None:
    cat = geo.load_catalogue()
    view = geo.launch_view(cat[cat["id"] == "2019-04-17-1"].iloc[0], [800.0], maritime=False)
    rmap = range_map(view, basemap=base)
    assert rmap.ring_xy == {}
    markers = [line for line in rmap.figure.axes[0].lines if line.get_marker() == "^"]
    assert markers == []
    assert any("not reported" in t.get_text() for t in rmap.figure.texts)


def test_a_record_with_no_place_is_refused_with_a_reason(base: BaseLayers) -> None:
    view = geo.LaunchView(record={"id": "x-1", "date": "2020-01-01"})
    with pytest.raises(ValueError, match=r"x-1.*nothing to centre the map on"):
        range_map(view, basemap=base)


def test_bad_format_and_dpi(rmap: geo.RangeMap) -> None:
    with pytest.raises(ValueError, match="format"):
        range_map_bytes(rmap, "jpg")
    with pytest.raises(ValueError, match="dpi"):
        range_map_bytes(rmap, "png", dpi=20)
