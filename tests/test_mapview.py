"""geo.mapview: the map loads only local Leaflet, escapes every text, and draws geodesic rings as given."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pyproj import Geod
from shapely.geometry import Point, shape

from geo.geodesy import geodesic_ring
from geo.mapview import (
    LEAFLET_URL_PREFIX,
    RUNTIME_URL_PREFIX,
    Overlay,
    aggregate_events,
    base_map,
    build_map,
    external_urls,
    map_geojson_features,
    map_update,
    map_update_payloads,
    prepare_layer,
    runtime_assets,
)

GEOD = Geod(ellps="WGS84")
YANGDOK = (126.804867, 39.275721)
EVIL = "<img src=x onerror=alert(1)>${alert(2)}</script><script>alert(3)</script>`"


def _events(**extra: object) -> pd.DataFrame:
    base = {
        "id": ["a", "b", "c", "d"],
        "date": ["2017-07-04", "2017-07-28", "2021-09-15", "2022-01-01"],
        "launch_lon": [125.4, 125.4, YANGDOK[0], None],
        "launch_lat": [40.0, 40.0, YANGDOK[1], None],
        "facility_id": ["banghyon", "banghyon", "yangdok", None],
        "launch_place": ["Panghyon", "Panghyon", "Yangdok county", ""],
        "system_name": ["Hwasong-14", "Hwasong-14", "KN-23", "?"],
    }
    base.update(extra)  # type: ignore[arg-type]
    return pd.DataFrame(base)


def _script(m) -> str:  # type: ignore[no-untyped-def]
    """The Leaflet script as streamlit-folium sends it (it renders the figure first, as here)."""
    from streamlit_folium import _get_map_string

    m.get_root().render()
    return _get_map_string(m)


def test_map_loads_only_local_leaflet_and_no_tiles() -> None:
    m = build_map(layers={}, events=_events())
    js = [src for _, src in m.default_js]
    css = [href for _, href in m.default_css]
    assert js[0] == f"{LEAFLET_URL_PREFIX}/leaflet.js"
    assert css[0] == f"{LEAFLET_URL_PREFIX}/leaflet.css"
    # ...and the map runtime, from the app's own static folder, under its content-addressed name
    assert {u.rsplit("/", 1)[-1] for u in js[1:] + css[1:]} == set(runtime_assets())
    assert all(u.startswith(RUNTIME_URL_PREFIX + "/") for u in js[1:] + css[1:])
    html = m.get_root().render()
    assert external_urls(html) == []
    assert "tileLayer" not in html


def test_streamlit_folium_collects_only_local_assets() -> None:
    """st_folium loads every element's default_js/css: none may point to a CDN."""
    import branca
    import folium

    m = build_map(
        layers={}, events=_events(), overlays=[Overlay("range_ring", Point(125, 39).buffer(1), "r")]
    )
    links: list[str] = []

    def walk(el):  # type: ignore[no-untyped-def]
        if isinstance(el, branca.colormap.ColorMap):
            links.append("d3 from a CDN")
        if isinstance(el, folium.elements.JSCSSMixin) or el is m:
            links.extend(src for _, src in getattr(el, "default_js", []))
            links.extend(href for _, href in getattr(el, "default_css", []))
        for child in getattr(el, "_children", {}).values():
            walk(child)

    m.get_root().render()
    walk(m)
    assert links
    assert all(link.startswith((LEAFLET_URL_PREFIX, RUNTIME_URL_PREFIX)) for link in links), links


def test_online_basemap_is_the_only_network_source() -> None:
    m = build_map(layers={}, online_basemap=True)
    hosts = external_urls(m.get_root().render())
    assert hosts
    assert all("openstreetmap.org" in u for u in hosts)


def test_every_text_is_escaped() -> None:
    ev = _events(system_name=[EVIL] * 4, launch_place=[EVIL] * 4)
    layers = {"seas": prepare_layer(_sea(EVIL), keep=["name", "featurecla"])}
    m = build_map(
        layers=layers,
        events=ev,
        selected=ev.iloc[2].to_dict(),
        overlays=[Overlay("range_ring", Point(*YANGDOK).buffer(3), EVIL, {"note": EVIL})],
        attribution=[EVIL],
        legend_note=EVIL,
    )
    script = _script(m)
    # Outside JSON string literals (where text is inert), none of the payload may appear: no raw tag,
    # no template-literal interpolation, no backtick that could open one.
    import re

    code = re.sub(r'"(?:\\.|[^"\\])*"', '""', script)
    for raw in ("<img", "alert(", "${", "`"):
        assert raw not in code
    for raw in ("<img", "</script>"):
        assert raw not in script
    # The text is still there, escaped (as JSON-encoded HTML entities).
    assert "\\u0026lt;img" in script or "&lt;img" in script


def _sea(name: str):  # type: ignore[no-untyped-def]
    import geopandas as gpd

    return gpd.GeoDataFrame({"name": [name], "featurecla": ["sea"]}, geometry=[Point(134, 40)], crs=4326)


def test_aggregate_events_one_marker_per_place() -> None:
    sites = aggregate_events(_events()).set_index("place")
    assert sites.loc["Panghyon", "count"] == 2
    assert sites.loc["Yangdok county", "count"] == 1
    assert len(sites) == 2  # the row without coordinates is not drawn
    assert sites.loc["Panghyon", "listing"][0][0] == "2017-07-28"  # most recent first


def test_marker_area_grows_with_launch_count() -> None:
    m = build_map(layers={}, events=_events())
    radii = sorted(site[2] for site in _sites(_script(m)))
    assert len(radii) == 2
    assert radii[0] < radii[1]


def _sites(script: str) -> list[list]:
    """The launch-place markers of a map: [lat, lon, radius_px, place_html, rows of the launch table]."""
    (payload,) = map_update_payloads(script)
    return [g for s in payload["sites"] for g in s["groups"]]


def test_marker_counts_match_the_events() -> None:
    script = _script(build_map(layers={}, events=_events()))
    sites = _sites(script)
    assert sorted(len(site[4]) for site in sites) == [1, 2]
    (payload,) = map_update_payloads(script)
    table = payload["sites"][0]["table"]
    panghyon = next(s for s in sites if s[3] == "Panghyon")
    assert [table[r][1] for r in panghyon[4]] == ["2017-07-28", "2017-07-04"]  # most recent first


def test_places_refer_to_a_published_launch_table_by_row() -> None:
    """With the catalogue's table published, a rerun sends only row numbers, never the launches' texts."""
    ev = _events()
    script = _script(build_map(layers={}, events=ev.iloc[:2], events_table_url="/app/static/layers/t.json",
                               table_ids=list(ev["id"])))  # fmt: skip
    (payload,) = map_update_payloads(script)
    (site_set,) = payload["sites"]
    assert site_set["table_url"] == "/app/static/layers/t.json"
    assert "table" not in site_set
    assert [g[4] for g in site_set["groups"]] == [[1, 0]]
    assert "Hwasong-14" not in script


def _ring_vertices_km(feature: dict, centre: tuple[float, float]) -> list[float]:
    import shapely

    out = []
    for lon, lat in shapely.get_coordinates(shape(feature["geometry"])):
        lon = lon - 360 if lon > 180 else lon
        _, _, d = GEOD.inv(centre[0], centre[1], lon, lat)
        out.append(d / 1000)
    return out


def test_drawn_ring_vertices_lie_at_the_range() -> None:
    ring = geodesic_ring(*YANGDOK, 800.0)
    m = build_map(layers={}, overlays=[Overlay("range_ring", ring, "800 km", {"radius_km": 800.0})])
    feats = [f for f in map_geojson_features(_script(m)) if f["properties"].get("kind") == "range_ring"]
    assert len(feats) == 1
    d = _ring_vertices_km(feats[0], YANGDOK)
    assert len(d) > 30
    assert max(abs(x - 800.0) for x in d) <= 0.8  # 0.1 %


def test_ring_across_the_antimeridian_draws_as_one_shape() -> None:
    ring = geodesic_ring(*YANGDOK, 5200.0)
    assert ring.geom_type == "MultiPolygon"  # geodesy splits it at 180°
    m = build_map(layers={}, overlays=[Overlay("range_ring", ring, "5200 km")])
    (feat,) = [f for f in map_geojson_features(_script(m)) if f["properties"].get("kind") == "range_ring"]
    drawn = shape(feat["geometry"])
    assert drawn.geom_type == "LineString"  # one continuous line, closed
    assert drawn.is_ring
    assert drawn.bounds[2] > 180  # continues east of 180° instead of jumping to the far left
    d = _ring_vertices_km(feat, YANGDOK)
    assert max(abs(x - 5200.0) for x in d) <= 5.2


def test_prepare_layer_rounds_and_keeps_only_asked_properties() -> None:
    import geopandas as gpd

    g = gpd.GeoDataFrame({"name": ["x"], "secret": ["y"]}, geometry=[Point(-150.123456, 20.987654)], crs=4326)
    fc = prepare_layer(g, keep=["name"], decimals=3)
    (f,) = fc["features"]
    assert f["properties"] == {"name": "x"}
    assert f["geometry"]["coordinates"] == [209.877, 20.988]
    json.dumps(fc)  # plain JSON


@pytest.mark.parametrize("presentation", [False, True])
def test_presentation_mode_thickens_lines(presentation: bool) -> None:
    ring = geodesic_ring(*YANGDOK, 800.0)
    m = build_map(layers={}, overlays=[Overlay("range_ring", ring, "r")], presentation=presentation)
    script = _script(m)
    weights = [float(x) for x in __import__("re").findall(r'"weight":\s*([0-9.]+)', script)]
    assert (max(weights) >= 3.5) is presentation


def test_external_urls_finds_cdn_links() -> None:
    text = '<script src="https://cdn.jsdelivr.net/npm/leaflet.js"></script><a href="/app/static/x">'
    assert external_urls(text) == ["https://cdn.jsdelivr.net/npm/leaflet.js"]
    assert external_urls(text, allowed_hosts=["cdn.jsdelivr.net"]) == []


def test_ring_around_the_pole_draws_only_the_ring() -> None:
    """A 13,000 km ring from Pyongyang encloses the North Pole: no straight edges along 180° or 90°N."""
    ring = geodesic_ring(125.75, 39.03, 13000.0)
    m = build_map(layers={}, overlays=[Overlay("range_ring", ring, "13000 km")])
    (feat,) = [f for f in map_geojson_features(_script(m)) if f["properties"].get("kind") == "range_ring"]
    d = _ring_vertices_km(feat, (125.75, 39.03))
    # Vertices where the display frame cuts the line (its mid-Atlantic seam) are interpolated: 0.1 %.
    assert max(abs(x - 13000.0) for x in d) <= 13.0
    import shapely

    assert shapely.get_coordinates(shape(feat["geometry"]))[:, 1].max() < 89.0


def test_docstring_examples_run() -> None:
    import doctest

    import geo.mapview
    import geo.mapview.features
    import geo.mapview.sites

    for mod in (geo.mapview.features, geo.mapview.sites):
        result = doctest.testmod(mod, optionflags=doctest.ELLIPSIS)
        assert result.attempted > 0
        assert result.failed == 0


def test_presentation_legend_starts_folded_top_right_so_it_does_not_cover_the_rings() -> None:
    """Regression: in presentation mode the open legend covered about a third of a 1280x720 map."""
    ring = geodesic_ring(YANGDOK[0], YANGDOK[1], 800.0)
    ov = [Overlay("range_ring", ring, "800 km")]
    (shown,) = map_update_payloads(_script(build_map(layers={}, overlays=ov, presentation=True)))
    (normal,) = map_update_payloads(_script(build_map(layers={}, overlays=ov)))
    assert (shown["legend"]["corner"], shown["legend"]["folded"]) == ("topright", True)
    assert (normal["legend"]["corner"], normal["legend"]["folded"]) == ("bottomleft", False)
    # The reader's choice (folded / open) survives reruns (stepping) in the tab, per mode.
    assert shown["legend"]["key"] == "la-legend-present"
    assert normal["legend"]["key"] == "la-legend-normal"
    assert "sessionStorage" in next(iter(v for k, v in runtime_assets().items() if k.endswith(".js")))


def _base_string(**kw: object) -> str:
    from streamlit_folium import _get_map_string

    m = base_map(**kw)  # type: ignore[arg-type]
    m.get_root().render()
    return _get_map_string(m)


def test_base_map_is_the_same_on_every_rerun() -> None:
    """streamlit-folium re-creates the map (losing the reader's zoom) when the base script changes."""
    from streamlit_folium import generate_js_hash

    a, b = _base_string(), _base_string()
    assert a == b
    assert generate_js_hash(a, "atlas_map") == generate_js_hash(b, "atlas_map")
    assert "LA.init(map" in a


def test_update_is_what_changes_and_is_small() -> None:
    """A selection with two rings and an estimated area travels as a compact update (under 15 kB)."""
    from streamlit_folium import _get_feature_group_string

    rings = [
        Overlay("range_ring", geodesic_ring(*YANGDOK, r), f"{r} km", {"radius_km": r}) for r in (800, 1500)
    ]
    region = Overlay("launch_region", Point(*YANGDOK).buffer(0.3), "area")
    group = map_update(
        layers={}, events=_events(), selected=_events().iloc[2].to_dict(), overlays=[*rings, region]
    )
    text = _get_feature_group_string(group, base_map())
    assert len(text) < 15_000, len(text)
    (payload,) = map_update_payloads(text)
    assert payload["selected"]["id"] == "c"
    assert [o["props"]["event_id"] for o in payload["overlays"]] == ["c", "c", "c"]
    assert payload["focus"] == [round(YANGDOK[1], 5), round(YANGDOK[0], 5)]


@settings(max_examples=80, deadline=None, derandomize=True)
@given(st.lists(st.tuples(st.floats(-400, 400), st.floats(-90, 90)), min_size=1, max_size=40))
def test_encoded_coordinates_decode_within_the_quantum(coords: list[tuple[float, float]]) -> None:
    from geo.mapview.features import decode_coords, encode_coords

    back = decode_coords(encode_coords(coords))
    assert len(back) == len(coords)
    for (x0, y0), (x1, y1) in zip(coords, back, strict=True):
        assert abs(x0 - x1) <= 0.5e-4 + 1e-9
        assert abs(y0 - y1) <= 0.5e-4 + 1e-9
