"""Issue 8, item 1 (regression): uploaded text never becomes template source on the server.

Before the fix, a records CSV whose ``launch_place`` was ``{% set o=lipsum.__globals__.os %}{{ ... }}``
was accepted, and rendering the map ran it (branca compiles each element's rendered text as a Jinja
template); ``{{ 'x' }}`` broke the render with a TemplateSyntaxError traceback. Here every payload of
``tests/data/injection/payloads.json`` goes into every text field of a records CSV and a GeoJSON file,
into the attributes of an EEZ GeoPackage and into the uploaded files' names, is read by the real readers
and drawn by the real map builder (:func:`geo.mapview.build_map`) with the labels the Map page writes,
then rendered exactly as ``st_folium`` renders it. Nothing may run (the folder a payload would create
must not exist) and the payload must be shown literally, escaped, where its label shows.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from geo.geodesy import geodesic_ring
from geo.mapview import Overlay, build_map, prepare_layer
from geo.maritime import MaritimeZones, read_user_eez, simplified_for_display
from geo.records import RECORD_FIELDS, read_records_csv, read_records_geojson
from geo.safetext import html_text, unsafe_elements
from tests.injection import (
    assert_nothing_ran,
    catalogue_row,
    eez_gpkg,
    new_marker,
    payloads,
    records_csv,
    shown_labels,
)

YANGDOK_ID = "2021-09-15-1"
#: Free-text columns of the record schema (the others are numbers, dates or vocabularies).
TEXT_FIELDS = [f.name for f in RECORD_FIELDS if f.kind == "str" and f.allowed is None and f.kind_hint is None]
MARKER = new_marker()
PAYLOADS = payloads(MARKER)


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    """Run in a scratch folder: a payload that ran would create its marker folder here (or in /tmp)."""
    monkeypatch.chdir(tmp_path)
    yield
    assert_nothing_ran(MARKER, tmp_path)


def _rows(payload: str) -> list[dict[str, str]]:
    """One row per text field holding ``payload``, then one row holding it in every other text field."""
    base = catalogue_row(YANGDOK_ID)
    rows = []
    for k, name in enumerate(TEXT_FIELDS):
        rows.append({**base, "id": f"u-{k}", name: payload})
    rows.append({**base, **dict.fromkeys(TEXT_FIELDS, payload), "id": "u-all"})  # the id row has it
    return rows


def _geojson(rows: list[dict[str, str]], payload: str) -> bytes:
    feats = []
    for r in rows:
        props: dict[str, Any] = {k: v for k, v in r.items() if k not in ("launch_lon", "launch_lat")}
        props[payload] = payload  # an unknown column named by the payload: dropped with a warning
        geom = {"type": "Point", "coordinates": [float(r["launch_lon"]), float(r["launch_lat"])]}
        feats.append({"type": "Feature", "properties": props, "geometry": geom})
    return json.dumps({"type": "FeatureCollection", "features": feats}).encode("utf-8")


def _render(m: Any) -> tuple[str, str]:
    """The page and the Leaflet script, produced exactly as streamlit-folium's st_folium does."""
    from streamlit_folium import _get_map_string

    page = m.get_root().render()
    m.render()
    return page, _get_map_string(m)


def _map_of_records(kept: pd.DataFrame, file_name: str, legend_note: str) -> Any:
    """The map the Map page draws for imported records, the last one selected, with its ring labels."""
    rec = kept[kept["launch_place"] == kept["launch_place"].iloc[-1]].iloc[-1].to_dict()
    place = str(rec.get("launch_place") or "the launch place")
    ring = geodesic_ring(float(rec["launch_lon"]), float(rec["launch_lat"]), 800.0)
    region = shapely.Point(float(rec["launch_lon"]), float(rec["launch_lat"])).buffer(0.3)
    overlays = [
        Overlay("range_ring", ring, f"800 km from {place} (geodesic range ring)", {"event_id": rec["id"]}),
        Overlay("launch_region", region, f"Estimated launch area for “{place}” (±25 km)", {"note": place}),
        Overlay("impact_point", shapely.Point(136.07, 40.16), f"ESTIMATE: impact point of {place}"),
    ]
    seas = gpd.GeoDataFrame({"name": [place], "featurecla": ["sea"]}, geometry=[shapely.Point(134, 40)])
    return build_map(
        layers={"seas": prepare_layer(seas, keep=["name", "featurecla"])},
        imported=pd.DataFrame(kept.drop(columns="geometry")),
        selected=rec,
        overlays=overlays,
        attribution=[f"Your records: {file_name}"],
        legend_note=legend_note,
    )


def _kept_with_payload_shown(result: Any, payload: str) -> pd.DataFrame:
    """The kept rows, with the rows that put the payload in a shown column (the others may be rejected
    only for its length: a text is data, whatever it looks like), the payload row selected last."""
    kept = result.records
    for f in RECORD_FIELDS:
        if f.name in TEXT_FIELDS and len(payload) <= f.max_chars:
            assert (kept[f.name] == payload).any(), f"the row with the payload in {f.name} was rejected"
    assert all(e.expected.startswith("a text of at most") for e in result.errors), result.errors
    return kept.sort_values("launch_place", key=lambda s: s == payload, kind="stable")


def _check_shown(payload: str, labels: list[str], page: str) -> None:
    escaped = html_text(payload)
    assert any(escaped in label for label in labels), f"{payload!r} is not shown escaped in {labels[:6]}"
    if any(c in payload for c in "{}<>"):
        assert payload not in page  # never raw in the page (escaped in HTML, \\u-escaped in scripts)


@pytest.mark.parametrize("payload", PAYLOADS, ids=range(len(PAYLOADS)))
def test_regression_template_payload_in_a_records_csv_never_runs(payload: str) -> None:
    name = f"{payload}.csv"
    result = read_records_csv(records_csv(_rows(payload)), source=name)
    kept = _kept_with_payload_shown(result, payload)
    m = _map_of_records(kept, name, legend_note=payload)
    assert unsafe_elements(m) == []
    page, script = _render(m)
    labels = shown_labels(script)
    _check_shown(payload, labels, page)
    assert any(html_text(f"Your records: {name}") in label for label in labels)


@pytest.mark.parametrize("payload", PAYLOADS, ids=range(len(PAYLOADS)))
def test_regression_template_payload_in_a_records_geojson_never_runs(payload: str) -> None:
    name = f"{payload}.geojson"
    result = read_records_geojson(_geojson(_rows(payload), payload), source=name)
    kept = _kept_with_payload_shown(result, payload)
    page, script = _render(_map_of_records(kept, name, legend_note=payload))
    _check_shown(payload, shown_labels(script), page)


@pytest.mark.parametrize("payload", PAYLOADS, ids=range(len(PAYLOADS)))
def test_regression_template_payload_in_an_eez_file_and_its_name_never_runs(
    payload: str, tmp_path: Path
) -> None:
    name = f"{payload}.gpkg"
    gdf = read_user_eez(eez_gpkg([payload, f"Joint regime {payload}"], tmp_path / "eez.gpkg"), filename=name)
    zones = MaritimeZones(eez=gdf)
    verdict = zones.analyse_point(136.07, 40.16).verdict(uncertainty_km=50)
    assert payload in verdict  # plain text: the page shows it through md_escape, never as HTML
    joint = zones.analyse_point(138.0, 40.0).verdict()
    assert f"Joint regime {payload}" in joint
    fc = prepare_layer(simplified_for_display(gdf, zoom=6.0), keep=["name"], decimals=3)
    m = build_map(
        layers={"eez": fc},
        attribution=[f"EEZ: Flanders Marine Institute, Maritime Boundaries Geodatabase (your file {name})"],
    )
    page, script = _render(m)
    labels = shown_labels(script)
    _check_shown(payload, labels, page)
    assert any(html_text(f"(your file {name})") in label for label in labels)
