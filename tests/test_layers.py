"""geo.layers: the shipped basemap and the display frame (rings split at 180° drawn as one shape)."""

from __future__ import annotations

import itertools
import json

import pytest
import shapely
from hypothesis import given
from hypothesis import strategies as st
from shapely.geometry import LineString, MultiPolygon, Point, box

from geo.layers import (
    BASEMAP_DIR,
    BASEMAP_LAYERS,
    DISPLAY_WEST_LON,
    load_basemap_layer,
    load_maritime_display_layer,
    sea_labels,
    to_display_frame,
)


@pytest.mark.parametrize("name", sorted(BASEMAP_LAYERS))
def test_basemap_layer_is_valid_rfc7946_lonlat(name: str) -> None:
    gdf = load_basemap_layer(name)
    assert len(gdf) > 0
    assert gdf.crs.to_epsg() == 4326
    minx, miny, maxx, maxy = gdf.total_bounds
    assert minx >= -180
    assert maxx <= 180
    assert miny >= -90
    assert maxy <= 90
    assert gdf.geometry.is_valid.all()


def test_basemap_files_stay_small() -> None:
    """The whole basemap is sent to the browser on every rerun: keep it to a couple of MB."""
    total = sum((BASEMAP_DIR / info.filename).stat().st_size for info in BASEMAP_LAYERS.values())
    assert total < 2_000_000


def test_land_covers_korea_japan_and_the_americas() -> None:
    """10m detail where the launches are, and land far away too (ICBM ranges reach the US)."""
    land = shapely.union_all(load_basemap_layer("land").geometry.values)
    for lon, lat, place in [
        (125.75, 39.03, "Pyongyang"),
        (139.69, 35.69, "Tokyo"),
        (129.0, 35.1, "Busan"),
        (-77.04, 38.9, "Washington DC"),
        (-157.86, 21.31, "Honolulu"),
        (144.79, 13.44, "Guam"),
    ]:
        assert land.contains(Point(lon, lat)), place
    for lon, lat, sea in [
        (134.0, 40.0, "Sea of Japan"),
        (124.0, 36.0, "Yellow Sea"),
        (-150.0, 30.0, "Pacific"),
    ]:
        assert not land.contains(Point(lon, lat)), sea


def test_coastline_has_no_seams_along_the_detail_box() -> None:
    """The 10m/50m join must not draw straight 'coasts' along lon 100/170 or lat 10/65."""
    coast = load_basemap_layer("coastline")
    for geom in coast.geometry:
        for line in shapely.get_parts(geom):
            xy = list(line.coords)
            for (x0, y0), (x1, y1) in itertools.pairwise(xy):
                on_meridian = x0 == x1 and x0 in (100.0, 170.0)
                on_parallel = y0 == y1 and y0 in (10.0, 65.0)
                assert not on_meridian, (x0, y0, x1, y1)
                assert not on_parallel, (x0, y0, x1, y1)


def test_sea_labels_include_the_seas_around_korea() -> None:
    names = set(sea_labels(load_basemap_layer("seas"), max_scalerank=4)["name"])
    assert {"Sea Of Japan", "Yellow Sea", "East China Sea"} <= {n.title() for n in names}


def test_unknown_layer_names_are_refused() -> None:
    with pytest.raises(KeyError):
        load_basemap_layer("../../etc/passwd")
    with pytest.raises(KeyError):
        load_maritime_display_layer("land.geojson")


def test_ring_split_at_antimeridian_is_drawn_as_one_polygon() -> None:
    split = MultiPolygon([box(170, -5, 180, 5), box(-180, -5, -170, 5)])
    merged = to_display_frame(split)
    assert merged.geom_type == "Polygon"
    assert merged.bounds == (170.0, -5.0, 190.0, 5.0)
    assert merged.area == pytest.approx(split.area)


def test_display_frame_keeps_east_asia_untouched() -> None:
    g = box(120, 30, 140, 45)
    assert to_display_frame(g) is g


def test_display_frame_cuts_geometries_across_the_seam() -> None:
    line = LineString([(-40, 60), (-20, 60)])
    out = to_display_frame(line)
    xs = [x for part in shapely.get_parts(out) for x, _ in part.coords]
    assert min(xs) >= DISPLAY_WEST_LON
    assert max(xs) <= DISPLAY_WEST_LON + 360
    assert shapely.length(out) == pytest.approx(20.0)


@given(
    lon=st.floats(-180, 180, allow_nan=False),
    lat=st.floats(-80, 80, allow_nan=False),
    w=st.floats(0.01, 40),
    h=st.floats(0.01, 9),
)
def test_display_frame_preserves_area_and_range(lon: float, lat: float, w: float, h: float) -> None:
    """Any lon/lat box (split at 180° the way geodesy does it) keeps its area and lands in the frame."""
    x0, x1 = lon, lon + w
    if x1 > 180:
        g = MultiPolygon([box(x0, lat, 180, lat + h), box(-180, lat, x1 - 360, lat + h)])
    else:
        g = box(x0, lat, x1, lat + h)
    out = to_display_frame(g)
    assert out.area == pytest.approx(g.area, rel=1e-9, abs=1e-9)
    minx, _, maxx, _ = out.bounds
    assert minx >= DISPLAY_WEST_LON - 1e-9
    assert maxx <= DISPLAY_WEST_LON + 360 + 1e-9


def test_basemap_build_is_reproducible(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Files are compact JSON with sorted keys: same inputs, same bytes (checked on the shipped file)."""
    text = (BASEMAP_DIR / "seas.geojson").read_text(encoding="utf-8")
    obj = json.loads(text)
    assert text == json.dumps(obj, separators=(",", ":"), ensure_ascii=False, sort_keys=True) + "\n"


def test_docstring_examples_run() -> None:
    import doctest

    import geo.layers

    result = doctest.testmod(geo.layers, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0
    assert result.failed == 0
