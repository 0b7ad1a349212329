"""geo.export: one content, five formats, each read back by GDAL with the same features and attributes.

The views exported are the Map page's 2021-09-15 rail launch (Yangdok, 800 and 1,500 km rings, the
launch area and the impact estimate) and a hostile record launched from Pyongyang with a 13,000 km
ring: the ring crosses 180° and encloses the North Pole, and every text field holds markup, a
spreadsheet formula, a template expression or a Google Earth entity.
"""

from __future__ import annotations

import csv
import doctest
import html.parser
import io
import json
import sqlite3
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
import shapely
from lxml import etree
from pyproj import Geod
from shapely.geometry import Point

import geo
from geo.export import (
    FORMATS,
    LAYER_SPECS,
    build_view_content,
    export_bytes,
    format_for_path,
    kml_colour,
    launch_view,
    validate_rfc7946,
    write_export,
)
from geo.mapview import OVERLAY_STYLES
from tests.export_readback import areal, read_back

GEOD = Geod(ellps="WGS84")
YANGDOK = "2021-09-15-1"
PYONGYANG = (125.75, 39.03)
WASHINGTON = (-77.0365, 38.8977)
KML_NS = {"k": "http://www.opengis.net/kml/2.2"}

HOSTILE = {
    "system_name": '=HYPERLINK("http://evil.example/x","click")',
    "launch_place": "<script>alert('place')</script> {{ 7*7 }}",
    "notes": "<img src=x onerror=alert(1)> $[name] {% raw %}",
    "sources": "+cmd|' /C calc'!A0",
    "platform_basis": "@SUM(1+1)",
}


@pytest.fixture(scope="module")
def cat() -> gpd.GeoDataFrame:
    return geo.load_catalogue()


@pytest.fixture(scope="module")
def yangdok(cat: gpd.GeoDataFrame) -> geo.ExportContent:
    """The Map page's view: every launch, the 2021-09-15 rail launch selected, 800 and 1,500 km rings
    and the reach bands of its launch area."""
    rec = cat[cat["id"] == YANGDOK].iloc[0]
    ov = launch_view(rec, [800.0, 1500.0])
    return build_view_content(
        cat,
        selected=ov.record,
        rings=ov.rings,
        launch_region=ov.launch_region,
        impact=ov.impact,
        verdict=ov.verdict,
        reach=ov.reach,
    )


@pytest.fixture(scope="module")
def hostile(cat: gpd.GeoDataFrame) -> geo.ExportContent:
    """A user's record from Pyongyang with hostile text everywhere and a 13,000 km ring."""
    rec = cat[cat["id"] == YANGDOK].iloc[0].to_dict()
    rec.update(HOSTILE, id="evil-1", launch_lon=PYONGYANG[0], launch_lat=PYONGYANG[1])
    ov = launch_view(rec, [13000.0])
    frame = pd.DataFrame([ov.record])
    return build_view_content(
        frame,
        selected=ov.record,
        rings=ov.rings,
        launch_region=ov.launch_region,
        impact=ov.impact,
        verdict=ov.verdict,
        reach=ov.reach,
    )


def _write(content: geo.ExportContent, fmt: str, tmp_path: Path) -> Path:
    return write_export(content, tmp_path / f"view{FORMATS[fmt].suffix}", fmt)


def _counts(content: geo.ExportContent) -> dict[str, int]:
    return {layer.spec.kind: len(layer.frame) for layer in content.layers}


# ---------------------------------------------------------------------------------------------
# the content
# ---------------------------------------------------------------------------------------------


def test_content_of_the_rail_launch_view(yangdok: geo.ExportContent, cat: gpd.GeoDataFrame) -> None:
    counts = _counts(yangdok)
    assert counts == {
        "launch_event": len(cat),
        "range_ring": 2,
        "reported_distance": 1,
        "launch_region_estimate": 1,
        "reach": 6,  # band, outer and inner limit of each range
        "impact_zone_estimate": 1,
        "maritime_verdict": 1,
    }
    launches = yangdok.layer("launches").frame
    assert launches.crs.to_epsg() == 4326
    assert int(launches["selected"].sum()) == 1
    assert launches.loc[launches["selected"].astype(bool), "id"].item() == YANGDOK
    # Launches whose place was not reported stay in the export, without a geometry.
    no_place = cat["launch_lon"].isna()
    assert int(launches.geometry.isna().sum()) == int(no_place.sum()) > 0
    assert str(launches["salvo_size"].dtype) == "Int32"
    assert str(launches["bearing_is_placeholder"].dtype) == "boolean"
    assert str(launches["date_start"].dtype).startswith("datetime64")
    rings = yangdok.layer("range_rings").frame
    assert rings["radius_km"].tolist() == [800.0, 1500.0]
    verdict = yangdok.layer("maritime_verdicts").frame.iloc[0]
    assert (verdict["zone"], verdict["state"]) == ("eez", "Japan")
    assert bool(verdict["is_estimate"])


def test_selected_launch_outside_the_filters_is_still_exported(cat: gpd.GeoDataFrame) -> None:
    rec = cat[cat["id"] == YANGDOK].iloc[0]
    view = cat[cat["date"] < "2000"]
    content = build_view_content(view, selected=rec)
    ids = content.layer("launches").frame["id"].tolist()
    assert ids[-1] == YANGDOK
    assert len(ids) == len(view) + 1


def test_nothing_to_export_is_an_error() -> None:
    content = build_view_content(pd.DataFrame(columns=["id", "date", "launch_lon", "launch_lat"]))
    assert len(content) == 0
    for fmt in FORMATS:
        with pytest.raises(ValueError, match="nothing to export"):
            export_bytes(content, fmt)


# ---------------------------------------------------------------------------------------------
# every format, read back by GDAL
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_every_format_reads_back_with_the_same_features(
    fmt: str, yangdok: geo.ExportContent, tmp_path: Path
) -> None:
    back = read_back(_write(yangdok, fmt, tmp_path), fmt)
    assert {k: len(v) for k, v in back.items()} == _counts(yangdok)
    for kind, frame in back.items():
        if fmt != "csv":  # CSV has no CRS: its WKT is documented as WGS84 lon/lat
            assert frame.crs is not None, (fmt, kind)
            assert frame.crs.to_epsg() == 4326, (fmt, kind)
        geoms = [g for g in frame.geometry if g is not None and not g.is_empty]
        assert all(g.is_valid for g in geoms), (fmt, kind)
        for g in geoms:
            x0, y0, x1, y1 = g.bounds
            assert -180 <= x0 <= x1 <= 180
            assert -90 <= y0 <= y1 <= 90
    launches = back["launch_event"].set_index("id")
    ours = yangdok.layer("launches").frame.set_index("id")
    row = launches.loc[YANGDOK]
    assert row["system_name"] == "Rail-mobile KN-23"
    assert row["platform"] == "rail car"
    assert float(row["distance_km"]) == 800.0
    assert int(row["salvo_size"]) == 2
    assert str(row["date"]) == "2021-09-15"
    # every launch keeps its place: same point as exported, to 1e-6 degrees
    located = ours.geometry.notna()
    for event_id, point in ours.geometry[located].items():
        assert launches.loc[event_id].geometry.distance(point) < 2e-6
    region = back["launch_region_estimate"].iloc[0]
    assert float(region["uncertainty_km"]) == 20.0
    impact = back["impact_zone_estimate"].iloc[0]
    assert abs(float(impact["impact_lon"]) - 136.0688) < 1e-3
    assert "exclusive economic zone" in str(impact["maritime_verdict"])
    assert bool(impact["is_estimate"]) is True
    assert areal(impact.geometry).contains(Point(float(impact["impact_lon"]), float(impact["impact_lat"])))


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_ring_vertices_still_at_their_range_after_the_round_trip(
    fmt: str, yangdok: geo.ExportContent, tmp_path: Path
) -> None:
    back = read_back(_write(yangdok, fmt, tmp_path), fmt)
    rings = back["range_ring"]
    lon0, lat0 = yangdok.layer("range_rings").frame[["center_lon", "center_lat"]].iloc[0]
    assert sorted(float(r) for r in rings["radius_km"]) == [800.0, 1500.0]
    for _, ring in rings.iterrows():
        radius, tol = float(ring["radius_km"]), float(ring["tolerance_km"])
        xy = shapely.get_coordinates(areal(ring.geometry).boundary)
        assert len(xy) > 100
        _, _, d = GEOD.inv(np.full(len(xy), lon0), np.full(len(xy), lat0), xy[:, 0], xy[:, 1])
        err = np.abs(np.asarray(d) / 1000.0 - radius)
        assert err.max() <= tol + 1e-3, (fmt, radius, err.max())  # tolerance + 6-decimal rounding


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_13000_km_ring_from_pyongyang_contains_the_north_pole_and_washington(
    fmt: str, hostile: geo.ExportContent, tmp_path: Path
) -> None:
    """The ring crosses 180° and encloses the North Pole; read back it must still be that area."""
    back = read_back(_write(hostile, fmt, tmp_path), fmt)
    ring = areal(back["range_ring"].geometry.iloc[0])
    assert ring is not None
    assert ring.is_valid
    _, _, d_wash = GEOD.inv(*PYONGYANG, *WASHINGTON)
    assert d_wash / 1000 < 13000  # the geodesic truth the ring must agree with
    assert ring.covers(Point(0.0, 90.0))
    assert ring.contains(Point(45.0, 89.5))
    assert ring.contains(Point(*WASHINGTON))
    assert not ring.intersects(Point(0.0, -90.0))
    assert not ring.contains(Point(-60.0, -89.5))
    assert ring.bounds[0] == -180.0
    assert ring.bounds[2] == 180.0
    area = geo.geodesic_area_km2(ring)
    assert abs(area / float(back["range_ring"]["area_km2"].iloc[0]) - 1) < 1e-4


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_hostile_text_round_trips_as_inert_data(fmt: str, hostile: geo.ExportContent, tmp_path: Path) -> None:
    path = _write(hostile, fmt, tmp_path)
    raw = path.read_bytes()
    assert b"{{ 7*7 }}" in raw  # never rendered by a template
    back = read_back(path, fmt)["launch_event"].iloc[0]
    expected_place = HOSTILE["launch_place"]
    if fmt == "csv":
        # Spreadsheet safety: formula-like cells get a leading apostrophe, the rest is verbatim.
        assert back["system_name"] == "'" + HOSTILE["system_name"]
        assert back["sources"] == "'" + HOSTILE["sources"]
        assert back["platform_basis"] == "'" + HOSTILE["platform_basis"]
    else:
        assert back["system_name"] == HOSTILE["system_name"]
        assert back["sources"] == HOSTILE["sources"]
    assert back["launch_place"] == expected_place
    assert back["notes"] == HOSTILE["notes"]


def test_csv_cells_never_start_a_formula(hostile: geo.ExportContent) -> None:
    rows = list(csv.reader(io.StringIO(export_bytes(hostile, "csv").decode())))
    header = rows[0]
    assert header[0] == "layer"
    assert header[-1] == "WKT"
    for row in rows[1:]:
        assert len(row) == len(header)
        for cell in row:
            assert not geo.is_formula_like(cell), cell


class _Tags(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.attrs: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attrs.extend(attrs)


def test_kml_balloons_show_escaped_text_only(hostile: geo.ExportContent) -> None:
    """Google Earth renders <description> as HTML: only our table tags may be in it."""
    root = etree.fromstring(export_bytes(hostile, "kml"))
    descriptions = [d.text or "" for d in root.iterfind(".//k:Placemark/k:description", KML_NS)]
    assert len(descriptions) == len(hostile)
    for text in descriptions:
        parser = _Tags()
        parser.feed(text)
        assert parser.tags <= {"h3", "table", "tr", "th", "td", "p", "i"}, parser.tags
        assert all(name == "align" for name, _ in parser.attrs)
        assert "$[" not in text  # Google Earth's entity syntax cannot reach the balloon
    assert "&lt;script&gt;" in " ".join(descriptions)
    balloons = {b.text for b in root.iterfind(".//k:BalloonStyle/k:text", KML_NS)}
    assert balloons == {"$[description]"}  # ExtendedData values are never put into HTML


# ---------------------------------------------------------------------------------------------
# per-format details
# ---------------------------------------------------------------------------------------------


def test_geojson_is_rfc7946_and_byte_reproducible(yangdok: geo.ExportContent, cat: gpd.GeoDataFrame) -> None:
    a = export_bytes(yangdok, "geojson")
    assert a == export_bytes(yangdok, "geojson")
    fc = json.loads(a)
    assert validate_rfc7946(fc) == []
    layers = [f["properties"]["layer"] for f in fc["features"]]
    assert layers.count("launch_event") == len(cat)
    ring = next(f for f in fc["features"] if f["properties"].get("radius_km") == 1500.0)
    assert ring["properties"]["layer"] == "range_ring"
    assert ring["properties"]["is_estimate"] is False


@pytest.mark.parametrize("fmt", ["kml", "csv", "fgb"])
def test_text_formats_and_flatgeobuf_are_reproducible(fmt: str, yangdok: geo.ExportContent) -> None:
    assert export_bytes(yangdok, fmt) == export_bytes(yangdok, fmt)


def test_geopackage_layers_types_descriptions_and_crs(yangdok: geo.ExportContent, tmp_path: Path) -> None:
    """Read with sqlite3, a second reader besides GDAL: the GeoPackage tables themselves."""
    path = _write(yangdok, "gpkg", tmp_path)
    with sqlite3.connect(path) as db:
        contents = {
            name: (ident, desc, srs)
            for name, ident, desc, srs in db.execute(
                "SELECT table_name, identifier, description, srs_id FROM gpkg_contents"
            )
        }
        assert set(contents) == {layer.spec.name for layer in yangdok.layers}
        for spec in LAYER_SPECS:
            assert contents[spec.name] == (spec.title, spec.description, 4326)
        geom_types = dict(db.execute("SELECT table_name, geometry_type_name FROM gpkg_geometry_columns"))
        assert geom_types["launches"] == "POINT"
        assert geom_types["range_rings"] == "MULTIPOLYGON"
        cols = {row[1]: row[2] for row in db.execute("PRAGMA table_info(launches)")}
        assert cols["launch_lon"] == "REAL"
        assert cols["salvo_size"] in ("INTEGER", "MEDIUMINT")
        assert cols["bearing_is_placeholder"] == "BOOLEAN"
        assert cols["date_start"] == "DATETIME"
        assert cols["launch_place"] == "TEXT"
        n = db.execute("SELECT count(*) FROM launches").fetchone()[0]
        assert n == len(yangdok.layer("launches").frame)


def test_kml_folders_styles_times_and_globe_safe_pieces(yangdok: geo.ExportContent) -> None:
    root = etree.fromstring(export_bytes(yangdok, "kml"))
    folders = [f.findtext("k:name", namespaces=KML_NS) for f in root.iterfind(".//k:Folder", KML_NS)]
    assert folders == [layer.spec.title for layer in yangdok.layers]
    styles = {s.get("id"): s for s in root.iterfind(".//k:Style", KML_NS)}
    for kind in ("range_ring", "reported_distance", "launch_region", "impact_zone"):
        colour = styles[kind].findtext("k:LineStyle/k:color", namespaces=KML_NS)
        assert colour == kml_colour(OVERLAY_STYLES[kind]["color"], 0.95)
    when = {
        pm.findtext(
            "k:ExtendedData/k:SchemaData/k:SimpleData[@name='event_id']", namespaces=KML_NS
        ): pm.findtext("k:TimeStamp/k:when", namespaces=KML_NS)
        for pm in root.iterfind(".//k:Folder[@id='launches']/k:Placemark", KML_NS)
    }
    assert when[YANGDOK] == "2021-09-15T03:34:00+00:00"  # the UTC instant (12:34 local, UTC+9)
    day = next(i for i, w in when.items() if w and len(w) == 10)  # a day without a time: the local date
    assert day.startswith(when[day])
    month = next(i for i, w in when.items() if w and len(w) == 7)  # month-precision launches (1984-09)
    assert month.startswith(when[month])
    for poly in root.iterfind(".//k:Polygon", KML_NS):
        text = poly.findtext(".//k:coordinates", namespaces=KML_NS)
        xy = np.array([[float(v) for v in p.split(",")[:2]] for p in text.split()])
        assert np.ptp(xy[:, 0]) <= 90.0 + 1e-9
        assert np.ptp(xy[:, 1]) <= 90.0 + 1e-9
        assert np.all(np.abs(np.diff(xy[:, 0])) <= 90.0 + 1e-9)  # no edge jumps 180°


def test_kml_pole_ring_pieces_cover_the_ring_and_outline_has_no_cut_edges(hostile: geo.ExportContent) -> None:
    root = etree.fromstring(export_bytes(hostile, "kml"))
    placemark = root.find(".//k:Folder[@id='range_rings']/k:Placemark", KML_NS)
    lines = placemark.findall(".//k:LineString", KML_NS)
    assert lines
    assert all(ls.findtext("k:tessellate", namespaces=KML_NS) == "1" for ls in lines)
    for ls in lines:
        xy = np.array(
            [
                [float(v) for v in p.split(",")[:2]]
                for p in ls.findtext("k:coordinates", namespaces=KML_NS).split()
            ]
        )
        assert np.abs(xy[:, 1]).max() < 89.0  # the outline never runs up to the pole
        _, _, d = GEOD.inv(np.full(len(xy), PYONGYANG[0]), np.full(len(xy), PYONGYANG[1]), xy[:, 0], xy[:, 1])
        assert np.abs(np.asarray(d) / 1000 - 13000).max() < 1.0 + 1e-3


def test_write_export_refuses_to_overwrite_and_leaves_no_partial_file(
    yangdok: geo.ExportContent, tmp_path: Path
) -> None:
    target = tmp_path / "view.kml"
    target.write_text("keep me")
    with pytest.raises(FileExistsError):
        write_export(yangdok, target, "kml")
    assert target.read_text() == "keep me"
    write_export(yangdok, target, "kml", overwrite=True)
    assert target.read_bytes().startswith(b"<?xml")
    with pytest.raises(FileNotFoundError):
        write_export(yangdok, tmp_path / "no" / "such" / "x.csv", "csv")
    with pytest.raises(ValueError, match="unknown export format"):
        write_export(yangdok, tmp_path / "x.shp", "shp")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["view.kml"]


def test_format_for_path() -> None:
    assert format_for_path("a/b.GPKG") == "gpkg"
    assert format_for_path("x.json") == "geojson"
    assert format_for_path("x.fgb") == "fgb"
    assert format_for_path("x.shp") is None


def test_docstring_examples_run() -> None:
    import geo.export as pkg

    for mod in (pkg._geometry, pkg.content, pkg.launch, pkg.kml, pkg.formats, pkg.csv_wkt, pkg.ogr):
        result = doctest.testmod(mod, optionflags=doctest.ELLIPSIS)
        assert result.failed == 0, mod.__name__
