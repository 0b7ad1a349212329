"""Map page (AppTest): offline assets, the selected launch's geodesic rings, URL state and its validation."""

from __future__ import annotations

import pytest
from pyproj import Geod
from shapely.geometry import shape

from geo.mapview import external_urls, map_geojson_features, map_update_payloads
from tests.app.conftest import folium_args, run_page

GEOD = Geod(ellps="WGS84")
YANGDOK_ID = "2021-09-15-1"


def _sites(at: object) -> list[list]:  # type: ignore[type-arg]
    """The launch-place markers of the page's map: [lat, lon, radius_px, place_html, table rows]."""
    (payload,) = map_update_payloads(folium_args(at)["script"])
    return [g for s in payload["sites"] for g in s["groups"]]


@pytest.fixture(scope="module")
def yangdok():  # type: ignore[no-untyped-def]
    return run_page("map", {"event": YANGDOK_ID})


@pytest.fixture(scope="module")
def yangdok_rings():  # type: ignore[no-untyped-def]
    """Ranges as rings around the reported point (the reach bands switched off)."""
    return run_page("map", {"event": YANGDOK_ID}, session={"reach_bands": False})


def test_default_view_loads_only_local_assets() -> None:
    at = run_page("map")
    assert not at.exception
    args = folium_args(at)
    from geo.mapview import runtime_assets

    # map-runtime-<hash>.js, .css (by extension: sorted names order by their hashes)
    js, css = (next(n for n in runtime_assets() if n.endswith(ext)) for ext in (".js", ".css"))
    assert args["js_links"] == ["/app/static/leaflet/leaflet.js", f"/app/static/la/{js}"]
    assert args["css_links"] == ["/app/static/leaflet/leaflet.css", f"/app/static/la/{css}"]
    assert args["returned_objects"] == []  # panning never reruns the script
    assert external_urls(args["script"] + args["header"] + args["html"]) == []
    assert "tileLayer" not in args["script"]
    # Land, coastlines (same-origin files) and many launch places are drawn.
    (payload,) = map_update_payloads(args["script"])
    assert {spec["name"] for spec in payload["layers"]} >= {"land", "coastline"}
    assert all(spec["url"].startswith("/app/static/layers/") for spec in payload["layers"])
    sites = _sites(at)
    assert len(sites) > 20  # one marker per launch place
    assert sum(len(site[4]) for site in sites) >= 330  # ...standing for every launch with a known place


def test_yangdok_800_km_ring_vertices_are_800_km_from_the_launch_point(yangdok_rings) -> None:  # type: ignore[no-untyped-def]
    """The 2021-09-15 rail-launched test: every drawn vertex of the 800 km ring is 800 km (±0.1 %) away."""
    yangdok = yangdok_rings
    assert not yangdok.exception
    from ui.data import catalogue

    rec = catalogue().set_index("id").loc[YANGDOK_ID]
    assert rec["platform"] == "rail car"
    lon0, lat0 = float(rec["launch_lon"]), float(rec["launch_lat"])
    feats = map_geojson_features(folium_args(yangdok)["script"])
    rings = [
        f
        for f in feats
        if f["properties"].get("kind") == "range_ring" and f["properties"].get("radius_km") == 800.0
    ]
    assert len(rings) == 1
    import shapely

    coords = shapely.get_coordinates(shape(rings[0]["geometry"]))
    assert len(coords) >= 32
    for lon, lat in coords:
        _, _, d = GEOD.inv(lon0, lat0, lon - 360 if lon > 180 else lon, lat)
        assert abs(d / 1000 - 800.0) <= 0.8, (lon, lat, d)
    radii = {f["properties"].get("radius_km") for f in feats if f["properties"].get("kind") == "range_ring"}
    assert radii == {800.0, 1500.0}


def test_selected_launch_details_and_estimates_are_labelled(yangdok) -> None:  # type: ignore[no-untyped-def]
    text = " ".join(m.value for m in yangdok.markdown)
    assert "Yangdok" in text
    assert "ESTIMATE" in text
    assert "±" in text


def test_yangdok_header_says_in_plain_words_whose_waters_the_estimate_is_in(yangdok) -> None:  # type: ignore[no-untyped-def]
    text = " ".join(m.value for m in yangdok.markdown)
    assert "Estimated landing" in text
    assert "inside Japan's EEZ, outside its territorial sea" in text.replace("\\", "")
    assert "km)" in text  # with its uncertainty (± km)


def test_verdict_headline_names_joint_and_disputed_areas_as_such() -> None:
    from types import SimpleNamespace

    from ui.data import verdict_headline

    def rep(**kw: object) -> object:
        return SimpleNamespace(**{"zone": "eez", "state": "", "joint": False, "disputed": False, **kw})

    assert verdict_headline(rep(state="Japan")) == "inside Japan's EEZ, outside its territorial sea"
    assert verdict_headline(rep(zone="territorial sea", state="Japan")).startswith(
        "inside Japan's territorial sea"
    )
    assert "joint regime" in verdict_headline(rep(state="Japan / South Korea", joint=True))
    assert "Japan's" not in verdict_headline(rep(state="Japan / South Korea", joint=True))
    assert "disputed" in verdict_headline(rep(state="Japan / South Korea", disputed=True))
    assert verdict_headline(rep(zone="high seas")).startswith("on the high seas")
    assert verdict_headline(rep(zone="???")) == ""


def test_url_reflects_the_view(yangdok) -> None:  # type: ignore[no-untyped-def]
    assert yangdok.query_params["event"] == YANGDOK_ID


def test_bad_query_params_warn_and_fall_back() -> None:
    at = run_page(
        "map",
        {
            "event": "<script>alert(1)</script>",
            "from": "yesterday",
            "ranges": "800,abc,-5,99999",
            "layers": "land,<b>x</b>",
            "present": "maybe",
        },
    )
    assert not at.exception
    warnings = " ".join(w.value for w in at.warning)
    assert "No event with id" in warnings
    assert "not a date" in warnings
    assert "not a number" in warnings
    assert "Unknown layer" in warnings
    assert "<script>" not in warnings  # shown escaped, never as markup
    assert "<b>" not in warnings
    args = folium_args(at)
    assert "<script>alert" not in args["script"]
    kinds = {f["properties"].get("kind") for f in map_geojson_features(args["script"])}
    assert "range_ring" not in kinds  # no event selected


def test_next_and_previous_step_in_date_order() -> None:
    at = run_page("map", {"event": YANGDOK_ID})
    at.button(key="m_next").click().run()
    nxt = at.session_state["m_event"]
    at.button(key="m_prev").click().run()
    assert at.session_state["m_event"] == YANGDOK_ID
    from ui.data import catalogue

    ids = catalogue()["id"].tolist()
    assert ids.index(nxt) == ids.index(YANGDOK_ID) + 1


def test_presentation_mode_and_custom_ranges_from_the_url() -> None:
    at = run_page(
        "map", {"event": YANGDOK_ID, "present": "1", "ranges": "1000,13000", "layers": "land,coastline"}
    )
    assert not at.exception
    assert at.session_state["m_present"] is True
    feats = map_geojson_features(folium_args(at)["script"])
    radii = {f["properties"].get("range_km") for f in feats if f["properties"].get("kind") == "reach_outer"}
    assert radii == {1000.0, 13000.0}  # drawn as reach bands of the launch area
    assert at.query_params["present"] == "1"
    assert at.query_params["ranges"] == "1000,13000"


def test_view_export_is_valid_rfc7946_with_rings_and_estimates() -> None:
    """The GeoJSON the download button offers for the Yangdok view: valid RFC 7946, exact rings."""
    import json

    from geo.export import validate_rfc7946
    from geo.geodesy import geodesic_rings
    from ui import data
    from ui.exporting import view_geojson

    cat = data.catalogue()
    rec = cat.set_index("id", drop=False).loc[YANGDOK_ID]
    lon0, lat0 = float(rec["launch_lon"]), float(rec["launch_lat"])
    (rings,) = geodesic_rings([lon0], [lat0], [800.0, 1500.0])
    info = {
        "rings": [("range_ring", 800.0, rings[0]), ("range_ring", 1500.0, rings[1])],
        "geocode": data.geocoded(YANGDOK_ID),
        "impact": data.impact_for(YANGDOK_ID),
    }
    text = view_geojson(cat, rec, info)
    assert text is not None
    fc = json.loads(text)
    assert validate_rfc7946(fc) == []
    layers = [f["properties"]["layer"] for f in fc["features"]]
    assert layers.count("launch_event") == len(cat)  # unlocated launches too, with a null geometry
    located = [f for f in fc["features"] if f["properties"]["layer"] == "launch_event" and f["geometry"]]
    assert len(located) == int(cat["launch_lon"].notna().sum())
    assert layers.count("range_ring") == 2
    assert "launch_region_estimate" in layers
    assert "impact_zone_estimate" in layers
    ring800 = next(f for f in fc["features"] if f["properties"].get("radius_km") == 800.0)
    for lon, lat in shape(ring800["geometry"]).exterior.coords:
        _, _, d = GEOD.inv(lon0, lat0, lon, lat)
        assert abs(d / 1000 - 800.0) <= 0.8
    assert text == view_geojson(cat, rec, info)  # reproducible


def test_placeholder_launch_place_draws_no_rings() -> None:
    """2019-04-17: the source gives a stand-in point, not a launch place; rings around it would mislead."""
    at = run_page("map", {"event": "2019-04-17-1"})
    assert not at.exception
    kinds = [f["properties"].get("kind") for f in map_geojson_features(folium_args(at)["script"])]
    assert "range_ring" not in kinds
    assert "launch_region" in kinds  # the whole country, as the estimated launch area
    assert any("not reported" in c.value for c in at.caption)


def test_view_export_attributes_for_qgis_and_a_13000_km_ring_over_the_pole() -> None:
    """Rings say where they are centred and what they are; estimates say so and carry the verdict.

    A 13,000 km ring around Pyongyang encloses the North Pole and crosses 180°: the export stays valid
    RFC 7946 and geopandas reads it back with every attribute.
    """
    import io
    import json

    import geopandas as gpd
    import shapely

    from geo.export import validate_rfc7946
    from geo.geodesy import geodesic_rings
    from ui import data
    from ui.exporting import view_geojson

    cat = data.catalogue()
    rec = cat.set_index("id", drop=False).loc[YANGDOK_ID]
    pyongyang = (125.7625, 39.0392)
    (rings,) = geodesic_rings([pyongyang[0]], [pyongyang[1]], [13000.0])
    rec = rec.copy()
    rec["launch_lon"], rec["launch_lat"] = pyongyang
    verdict = {"verdict": "Estimated impact … inside Japan's exclusive economic zone", "headline": "x"}
    info = {
        "rings": [("range_ring", 13000.0, rings[0])],
        "geocode": data.geocoded(YANGDOK_ID),
        "impact": data.impact_for(YANGDOK_ID),
        "verdict": verdict,
    }
    text = view_geojson(cat[cat["id"] == YANGDOK_ID], rec, info)
    assert text is not None
    assert validate_rfc7946(json.loads(text)) == []
    gdf = gpd.read_file(io.StringIO(text))
    ring = gdf[gdf["layer"] == "range_ring"].iloc[0]
    assert ring["radius_km"] == 13000.0
    assert (ring["center_lon"], ring["center_lat"]) == pyongyang
    assert "13,000 km range ring" in ring["label"]
    assert not ring["is_estimate"]
    assert ring.geometry.covers(shapely.Point(0.0, 89.9))  # encloses the North Pole
    assert ring.geometry.bounds[0] == -180.0
    assert ring.geometry.bounds[2] == 180.0  # split at 180°, no edge jumps it
    region = gdf[gdf["layer"] == "launch_region_estimate"].iloc[0]
    assert region["is_estimate"]
    impact = gdf[gdf["layer"] == "impact_zone_estimate"].iloc[0]
    assert impact["is_estimate"]
    assert impact["uncertainty_km"] > 0
    assert impact["maritime_verdict"] == verdict["verdict"]


def test_regression_month_precision_dates_were_dropped_from_the_map() -> None:
    """'1984-09' (month precision) parsed to NaT and 8 launches vanished from the map without a word."""

    import geo

    full = geo.load_catalogue()
    at = run_page("map")
    assert not at.exception
    headline = " ".join(m.value for m in at.markdown)
    assert f"**{len(full)}** reported" in headline
    assert sum(len(site[4]) for site in _sites(at)) == int(full.geometry.notna().sum())


def test_regression_next_visits_every_launch_of_a_salvo() -> None:
    """Five launches of 2017-03-05 had one label; the selector keeps its value as the label, so Next
    jumped from the first to the next day (156 of 349 launches shared a label with another)."""
    at = run_page("map", {"event": "2017-02-11-1", "from": "2017-01-01", "to": "2017-12-31"})
    seen = []
    for _ in range(6):
        at.button(key="m_next").click().run()
        seen.append(at.session_state["m_event"])
    assert seen == [f"2017-03-05-{k}" for k in range(1, 6)] + ["2017-03-21-1"]
    labels = at.selectbox(key="m_event").options
    assert len(labels) == len(set(labels))
    assert any(label.endswith("missile 2 of 5") for label in labels)


def test_search_words_from_the_url_filter_the_map() -> None:
    """?q=train: the rail-car launches only, on the map and in the stepping order."""

    at = run_page("map", {"q": "train"})
    assert not at.exception
    assert at.text_input(key="m_query").value == "train"
    from ui.data import catalogue

    rail = catalogue()[catalogue()["platform"] == "rail car"]
    assert sum(len(site[4]) for site in _sites(at)) == len(rail) > 0
    at.button(key="m_next").click().run()
    assert at.session_state["m_event"] == rail["id"].iloc[0]
    assert at.query_params["q"] == "train"
