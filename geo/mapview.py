"""Build the Launch Atlas folium (Leaflet) map: offline, escaped, geodesic.

The map loads **only** Leaflet's own JS/CSS, from the app's origin (``/app/static/leaflet``, copied from
the installed ``xstatic-leaflet`` package): folium's default jQuery/Bootstrap/Font-Awesome CDN assets are
removed, there is no tile layer unless the caller asks for the optional online basemap, and the ocean is
the map's background colour under land drawn from shipped data.

Every text that reaches HTML (tooltips, popups, legend, attribution, labels) is passed through
:func:`geo.safetext.html_text`, and every value that reaches the map's JavaScript through
:func:`geo.safetext.js_literal`, so data and uploads cannot inject markup or script. Every element of
the map renders through :class:`geo.safetext.VerbatimMacroElement`, so no text is ever compiled as a
Jinja template (branca compiles the rendered text of ordinary folium elements a second time, which
made ``{{ ... }}`` in a launch place run on the server); :func:`build_map` checks that with
:func:`geo.safetext.check_map` before returning.

Coordinates in and out are (lon, lat) degrees, WGS84. Geometries are moved into the display frame of
:func:`geo.layers.to_display_frame` (longitudes in [-30, 330)) so that rings split at 180° by the geodesy
module draw as one shape on a Pacific-centred map. Ring geometries are drawn as given: they must come
from :mod:`geo.geodesy` (geodesic); this module never computes a circle itself.
"""

from __future__ import annotations

import itertools
import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from jinja2 import Template
from shapely.geometry import mapping
from shapely.geometry.base import BaseGeometry

from geo.layers import DISPLAY_WEST_LON, to_display_frame
from geo.safetext import VerbatimMacroElement, check_map, html_text, js_literal

__all__ = [
    "DEFAULT_CENTER_LON_LAT",
    "DEFAULT_ZOOM",
    "LEAFLET_URL_PREFIX",
    "OCEAN_COLOUR",
    "OVERLAY_STYLES",
    "Overlay",
    "aggregate_events",
    "build_map",
    "external_urls",
    "map_geojson_features",
    "prepare_layer",
]

#: Where the app serves Leaflet (Streamlit static serving of ``static/leaflet``).
LEAFLET_URL_PREFIX = "/app/static/leaflet"
#: Map centre (lon, lat) and zoom when nothing is selected: the Korean peninsula and Japan.
DEFAULT_CENTER_LON_LAT = (129.0, 38.5)
DEFAULT_ZOOM = 5
OCEAN_COLOUR = "#c6dcec"
LAND_COLOUR = "#f4f1e8"

_LAYER_ORDER = ("land", "territorial_sea", "eez", "coastline", "borders", "seas")

#: Style of each overlay kind: stroke colour, weight (px), dash pattern, fill opacity, legend label.
OVERLAY_STYLES: dict[str, dict[str, Any]] = {
    "range_ring": {
        "color": "#b3261e",
        "weight": 2.0,
        "dashArray": None,
        "fillOpacity": 0.0,
        "legend": "Range ring (geodesic)",
    },
    "reported_distance": {
        "color": "#6a1b9a",
        "weight": 2.5,
        "dashArray": "8 6",
        "fillOpacity": 0.0,
        "legend": "Reported flight distance (geodesic ring)",
    },
    "launch_region": {
        "color": "#e65100",
        "weight": 1.5,
        "dashArray": "3 4",
        "fillOpacity": 0.15,
        "legend": "Estimated launch area (uncertainty)",
    },
    "impact_zone": {
        "color": "#0d47a1",
        "weight": 2.0,
        "dashArray": "4 4",
        "fillOpacity": 0.2,
        "legend": "Estimated impact area (uncertainty)",
    },
    "impact_point": {
        "color": "#0d47a1",
        "weight": 2.0,
        "dashArray": None,
        "fillOpacity": 0.9,
        "legend": "Estimated impact point",
    },
    "reach_band": {
        "color": "#c62828",
        "weight": 0.0,
        "dashArray": None,
        "fillOpacity": 0.18,
        "legend": "Reach band: reached from part of the launch area",
    },
    "reach_outer": {
        "color": "#b3261e",
        "weight": 2.0,
        "dashArray": None,
        "fillOpacity": 0.0,
        "legend": "Range from some point of the launch area (outer limit)",
    },
    "reach_inner": {
        "color": "#b3261e",
        "weight": 1.5,
        "dashArray": "2 4",
        "fillOpacity": 0.0,
        "legend": "Range from every point of the launch area (inner limit)",
    },
    "system_range": {
        "color": "#37474f",
        "weight": 1.5,
        "dashArray": None,
        "fillOpacity": 0.0,
        "legend": "Estimated maximum range of a system (geodesic)",
    },
    "reference_city": {
        "color": "#263238",
        "weight": 1.0,
        "dashArray": None,
        "fillOpacity": 1.0,
        "legend": "Reference city",
    },
    "ring_label": {
        "color": "#b3261e",
        "weight": 0.0,
        "dashArray": None,
        "fillOpacity": 0.0,
        "legend": None,
    },
    "flight_path": {
        "color": "#0d47a1",
        "weight": 1.5,
        "dashArray": "2 6",
        "fillOpacity": 0.0,
        "legend": "Estimated ground track (geodesic)",
    },
}

_BASE_STYLES: dict[str, dict[str, Any]] = {
    "land": {"stroke": False, "fillColor": LAND_COLOUR, "fillOpacity": 1.0},
    "coastline": {"color": "#5b6b73", "weight": 0.8, "opacity": 1.0},
    "borders": {"color": "#8d7b68", "weight": 0.8, "opacity": 0.9, "dashArray": "4 3"},
    "eez": {"color": "#1f77b4", "weight": 1.2, "opacity": 0.85, "fill": False, "dashArray": "6 4"},
    "territorial_sea": {
        "color": "#17becf",
        "weight": 1.0,
        "opacity": 0.9,
        "fillColor": "#17becf",
        "fillOpacity": 0.15,
    },
}
_BASE_LEGEND = {
    "eez": ("EEZ outline (200 nautical miles)", "#1f77b4", "6 4"),
    "territorial_sea": ("Territorial sea (12 nautical miles)", "#17becf", None),
    "borders": ("Country border", "#8d7b68", "4 3"),
}

_SITE_COLOUR = "#37474f"
_IMPORTED_COLOUR = "#ef6c00"
_SELECTED_COLOUR = "#b3261e"


@dataclass(frozen=True, slots=True)
class Overlay:
    """One thing drawn for the selected event: a ring, an estimated area, a point.

    Attributes
    ----------
    kind : str
        A key of :data:`OVERLAY_STYLES` (``"range_ring"``, ``"reported_distance"``, ``"launch_region"``,
        ``"impact_zone"``, ``"impact_point"``, ``"flight_path"``).
    geometry : shapely geometry
        (lon, lat) degrees, longitudes in [-180, 180] (rings may be split at 180°).
    label : str
        Plain-text tooltip (escaped when drawn), e.g. ``"800 km from Yangdok (geodesic)"``.
    properties : dict
        Extra attributes kept on the drawn GeoJSON feature (numbers/strings; strings are escaped).
    """

    kind: str
    geometry: BaseGeometry
    label: str
    properties: Mapping[str, Any] = field(default_factory=dict)


# --------------------------------------------------------------------------- GeoJSON preparation


def _round_coords(obj: Any, decimals: int) -> Any:
    if isinstance(obj, dict):
        return {k: _round_coords(v, decimals) for k, v in obj.items()}
    if isinstance(obj, float):
        r = round(obj, decimals)
        return 0.0 if r == 0 else r
    if isinstance(obj, list | tuple):
        return [_round_coords(x, decimals) for x in obj]
    return obj


def _clean_value(v: Any) -> Any:
    """A JSON-safe, HTML-escaped property value."""
    if v is None:
        return None
    if isinstance(v, bool | np.bool_):
        return bool(v)
    if isinstance(v, int | np.integer):
        return int(v)
    if isinstance(v, float | np.floating):
        f = float(v)
        return None if math.isnan(f) or math.isinf(f) else f
    try:
        if pd.isna(v):
            return None
    except (TypeError, ValueError):
        pass
    return html_text(v)


def _feature(geom: BaseGeometry, props: Mapping[str, Any], decimals: int) -> dict[str, Any] | None:
    if geom is None or geom.is_empty:
        return None
    disp = to_display_frame(geom, west_lon=DISPLAY_WEST_LON)
    if disp is None or disp.is_empty:
        return None
    return {
        "type": "Feature",
        "properties": {str(k): _clean_value(v) for k, v in props.items()},
        "geometry": _round_coords(mapping(disp), decimals),
    }


def prepare_layer(gdf: gpd.GeoDataFrame, *, keep: Sequence[str] = (), decimals: int = 3) -> dict[str, Any]:
    """A display-ready GeoJSON FeatureCollection of a layer (what the map embeds).

    Geometries are moved into the display frame (longitudes in [-30, 330): *not* RFC 7946, display only),
    coordinates rounded to ``decimals`` (3 = about 110 m), only the ``keep`` properties kept and their
    text HTML-escaped (Leaflet tooltips insert text as HTML).

    Parameters
    ----------
    gdf : GeoDataFrame
        Layer in lon/lat (EPSG:4326).
    keep : sequence of str
        Property columns to keep (missing columns are ignored).
    decimals : int
        Decimal places of the coordinates.

    Examples
    --------
    >>> from shapely.geometry import Point
    >>> g = gpd.GeoDataFrame({"name": ["<b>Sea</b>"]}, geometry=[Point(-150.12345, 20)], crs=4326)
    >>> fc = prepare_layer(g, keep=["name"])
    >>> fc["features"][0]["properties"]["name"], fc["features"][0]["geometry"]["coordinates"]
    ('&lt;b&gt;Sea&lt;/b&gt;', [209.877, 20.0])
    """
    cols = [c for c in keep if c in gdf.columns]
    feats = []
    for geom, (_, row) in zip(gdf.geometry, gdf[cols].iterrows(), strict=True):
        f = _feature(geom, row.to_dict(), decimals)
        if f is not None:
            feats.append(f)
    return {"type": "FeatureCollection", "features": feats}


# --------------------------------------------------------------------------- events


def aggregate_events(events: pd.DataFrame, *, max_listed: int = 12) -> pd.DataFrame:
    """One row per launch place: where, how many launches, when, which systems.

    Parameters
    ----------
    events : DataFrame
        Catalogue rows with at least ``launch_lon``, ``launch_lat`` (degrees) and ``date``; optional
        ``facility_id``, ``launch_place``, ``system_name``, ``id``.
    max_listed : int
        How many of the most recent launches to list per place (for the popup).

    Returns
    -------
    DataFrame
        Columns ``lon``, ``lat``, ``place``, ``count``, ``first_date``, ``last_date``, ``ids`` (list),
        ``listing`` (list of ``(date, system, id)`` tuples, most recent first). Rows without coordinates
        are left out (the caller reports how many).

    Examples
    --------
    >>> ev = pd.DataFrame({"launch_lon": [125.0, 125.0, 127.0], "launch_lat": [39.0, 39.0, 40.0],
    ...                    "date": ["2020-01-01", "2021-01-01", "2022-01-01"],
    ...                    "facility_id": ["a", "a", "b"]})
    >>> aggregate_events(ev)[["place", "count"]].values.tolist()
    [['a', 2], ['b', 1]]
    """
    cols = ["lon", "lat", "place", "count", "first_date", "last_date", "ids", "listing"]
    if events is None or len(events) == 0:
        return pd.DataFrame(columns=cols)
    lon = pd.to_numeric(pd.Series(events["launch_lon"]), errors="coerce")
    lat = pd.to_numeric(pd.Series(events["launch_lat"]), errors="coerce")
    ok = (lon.notna() & lat.notna()).to_numpy()
    if not ok.any():
        return pd.DataFrame(columns=cols)
    n = int(ok.sum())

    def col(name: str) -> pd.Series:
        if name in events.columns:
            return pd.Series(events[name]).astype("string").fillna("").reset_index(drop=True)[ok]
        return pd.Series([""] * len(events), dtype="string")[ok]

    ev = pd.DataFrame(
        {
            "_lon": lon.to_numpy()[ok],
            "_lat": lat.to_numpy()[ok],
            "_date": col("date").to_numpy(),
            "_place": col("launch_place").to_numpy(),
            "_system": col("system_name").to_numpy(),
            "_id": col("id").to_numpy(),
            "_fac": col("facility_id").to_numpy(),
        },
        index=range(n),
    )
    loc_key = ev["_lon"].round(2).astype(str) + "," + ev["_lat"].round(2).astype(str)
    ev["_key"] = ev["_fac"].where(ev["_fac"] != "", loc_key)
    ev = ev.sort_values(["_key", "_date"], ascending=[True, False], kind="stable")
    g = ev.groupby("_key", sort=True)
    out = g.agg(
        lon=("_lon", "median"),
        lat=("_lat", "median"),
        count=("_lon", "size"),
        first_date=("_date", "min"),
        last_date=("_date", "max"),
    )
    # Most frequent reported place name per group (ties: the most recent); else the group key.
    named = ev[ev["_place"] != ""]
    counts = named.groupby(["_key", "_place"], sort=False).size().rename("n").reset_index()
    counts = counts.sort_values(["_key", "n"], ascending=[True, False], kind="stable")
    place = counts.drop_duplicates("_key").set_index("_key")["_place"]
    out["place"] = place.reindex(out.index).fillna(pd.Series(out.index, index=out.index)).astype(str)
    ids: dict[str, list[str]] = {}
    listing: dict[str, list[tuple[str, str, str]]] = {}
    for key, date, system, rid in zip(ev["_key"], ev["_date"], ev["_system"], ev["_id"], strict=True):
        ids.setdefault(key, []).append(str(rid))
        lst = listing.setdefault(key, [])
        if len(lst) < max_listed:
            lst.append((str(date), str(system), str(rid)))
    out["ids"] = [ids[k] for k in out.index]
    out["listing"] = pd.Series([listing[k] for k in out.index], index=out.index, dtype=object)
    out["lon"] = out["lon"].astype(float)
    out["lat"] = out["lat"].astype(float)
    out["count"] = out["count"].astype(int)
    return out.reset_index(drop=True)[cols]


def _site_radius_px(count: int, *, scale: float) -> float:
    """Marker radius in screen pixels: area proportional to the number of launches."""
    return scale * (3.0 + 2.2 * math.sqrt(max(count, 1)))


# --------------------------------------------------------------------------- custom Leaflet elements
# Every element renders verbatim (geo.safetext): its output is never compiled as a Jinja template.


class _Map(folium.Map, VerbatimMacroElement):
    """``folium.Map`` whose rendered text is never recompiled (see :mod:`geo.safetext`)."""


class _GeoJson(folium.GeoJson, VerbatimMacroElement):
    """``folium.GeoJson`` whose rendered text (the embedded data) is never recompiled."""


class _CircleMarker(folium.CircleMarker, VerbatimMacroElement):  # type: ignore[misc]  # Marker.render()
    """``folium.CircleMarker`` whose rendered text is never recompiled."""


class _TileLayer(folium.TileLayer, VerbatimMacroElement):
    """``folium.TileLayer`` whose rendered text is never recompiled."""


class _Script(VerbatimMacroElement):
    """A bit of JavaScript run after the map exists (``map`` is the Leaflet map variable)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function(map) {
        {{ this.code }}
        })({{ this._parent.get_name() }});
        {% endmacro %}
        """
    )

    def __init__(self, code: str) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "Script"
        self.code = code


class _Bind(VerbatimMacroElement):
    """``layer.bindTooltip(...)`` / ``layer.bindPopup(...)`` with content as a JSON string literal.

    Used instead of folium's Tooltip/Popup: folium's Popup needs jQuery (a CDN asset) and both put the
    text inside a JavaScript template literal, where a ``${...}`` in data would run as code. Here the
    (already HTML-escaped) text travels as a JSON string, or as a property lookup for GeoJSON layers.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this._parent.get_name() }}.{{ this.method }}({{ this.content }}, {{ this.options }});
        {% endmacro %}
        """
    )

    def __init__(self, method: str, content_js: str, options: Mapping[str, Any]) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "Bind"
        self.method = method
        self.content = content_js
        self.options = _js(dict(options))


def _tooltip(text_html: str, *, sticky: bool = True) -> _Bind:
    return _Bind("bindTooltip", _js(text_html), {"sticky": sticky, "direction": "top", "opacity": 0.95})


def _popup(text_html: str) -> _Bind:
    return _Bind("bindPopup", _js(text_html), {"maxWidth": 360})


#: Every value that enters the map's JavaScript goes through this (see :mod:`geo.safetext`).
_js = js_literal


def _legend_html(entries: Sequence[tuple[str, str, str | None, str]], title: str, note: str) -> str:
    """Legend rows: (label, colour, dash pattern, symbol) with symbol one of line/dot/area/fill."""
    rows = []
    for label, colour, dash, symbol in entries:
        c = html_text(colour)
        if symbol == "dot":
            sym = (
                f'<svg width="26" height="14"><circle cx="13" cy="7" r="5" fill="{c}" '
                f'fill-opacity="0.6" stroke="{c}"/></svg>'
            )
        elif symbol == "area":
            da = f' stroke-dasharray="{html_text(dash)}"' if dash else ""
            sym = (
                f'<svg width="26" height="14"><rect x="2" y="2" width="22" height="10" fill="{c}" '
                f'fill-opacity="0.25" stroke="{c}" stroke-width="2"{da}/></svg>'
            )
        elif symbol == "fill":
            sym = (
                f'<svg width="26" height="14"><rect x="2" y="2" width="22" height="10" fill="{c}" '
                'stroke="#5b6b73" stroke-width="1"/></svg>'
            )
        else:
            da = f' stroke-dasharray="{html_text(dash)}"' if dash else ""
            sym = (
                f'<svg width="26" height="14"><line x1="1" y1="7" x2="25" y2="7" stroke="{c}" '
                f'stroke-width="3"{da}/></svg>'
            )
        rows.append(f'<div class="la-row">{sym}<span>{html_text(label)}</span></div>')
    note_html = f'<div class="la-note">{html_text(note)}</div>' if note else ""
    return f'<div class="la-title">{html_text(title)}</div>{"".join(rows)}{note_html}'


def _css(presentation: bool) -> str:
    fs = 20 if presentation else 12
    lfs = 15 if presentation else 12  # legend: readable but not covering the map
    return f"""
.leaflet-container {{ background: {OCEAN_COLOUR}; font-family: "Source Sans Pro", Arial, sans-serif; }}
.la-legend {{ background: rgba(255,255,255,0.93); padding: 6px 9px; border-radius: 6px; font-size: {lfs}px;
  line-height: 1.35; box-shadow: 0 1px 4px rgba(0,0,0,0.3); max-width: {380 if presentation else 300}px; }}
.la-legend .la-title {{ font-weight: 700; margin-bottom: 4px; cursor: pointer; }}
.la-legend .la-title::after {{ content: " ▾"; color: #666; }}
.la-legend.la-collapsed .la-title::after {{ content: " ▸"; }}
.la-legend.la-collapsed .la-row, .la-legend.la-collapsed .la-note {{ display: none; }}
.la-legend .la-row {{ display: flex; align-items: center; gap: 6px; }}
.la-legend .la-note {{ margin-top: 4px; color: #444; font-size: {lfs - 1}px; }}
.leaflet-tooltip, .leaflet-popup-content {{ font-size: {fs}px; }}
.leaflet-control-attribution {{ font-size: {12 if presentation else 11}px; max-width: 64vw; }}
.la-legend.la-collapsed .la-title {{ margin-bottom: 0; }}
.la-sea {{ color: #3d6e8f; font-style: italic; font-size: {fs - 1}px; white-space: nowrap;
  text-shadow: 0 0 3px {OCEAN_COLOUR}, 0 0 3px {OCEAN_COLOUR}; pointer-events: none; }}
.la-sea.la-ocean {{ font-size: {fs + 2}px; letter-spacing: 0.12em; }}
.la-z-world .la-sea:not(.la-ocean):not(.la-major) {{ display: none; }}
.la-z-close .la-sea.la-ocean {{ display: none; }}
.la-ring-label {{ color: #8e1b14; font-weight: 700; font-size: {fs + 1}px; white-space: nowrap;
  text-shadow: 0 0 3px #fff, 0 0 3px #fff, 0 0 2px #fff; pointer-events: none; }}
.la-city {{ color: #263238; font-size: {fs - 1}px; white-space: nowrap; margin: -18px 0 0 6px;
  text-shadow: 0 0 3px #fff, 0 0 3px #fff; pointer-events: none; }}
.la-popup-list {{ margin: 4px 0 0 0; padding-left: 16px; max-height: 240px; overflow-y: auto; }}
"""


# --------------------------------------------------------------------------- the map


def _bounds_of(geoms: Iterable[BaseGeometry]) -> list[list[float]] | None:
    disp = [to_display_frame(g) for g in geoms if g is not None and not g.is_empty]
    if not disp:
        return None
    minx, miny, maxx, maxy = shapely.GeometryCollection(disp).bounds
    miny, maxy = max(miny, -85.0), min(maxy, 85.0)
    return [[miny, minx], [maxy, maxx]]


def build_map(
    *,
    layers: Mapping[str, Mapping[str, Any] | str],
    events: pd.DataFrame | None = None,
    imported: pd.DataFrame | None = None,
    selected: Mapping[str, Any] | None = None,
    overlays: Sequence[Overlay] = (),
    presentation: bool = False,
    online_basemap: bool = False,
    attribution: Sequence[str] = (),
    legend_note: str = "",
    fit_to_overlays: bool = True,
    asset_prefix: str = LEAFLET_URL_PREFIX,
) -> folium.Map:
    """The Launch Atlas map.

    Parameters
    ----------
    layers : mapping of str to GeoJSON dict or URL
        Display layers from :func:`prepare_layer`, by name: any of ``"land"``, ``"coastline"``,
        ``"borders"``, ``"eez"``, ``"territorial_sea"`` (FeatureCollections; EEZ/territorial-sea features
        may carry an escaped ``name`` shown as tooltip) and ``"seas"`` (points with ``name``,
        ``featurecla``). Absent names are not drawn. A value may instead be a same-origin URL path
        (``"/app/static/layers/land-<hash>.json"``) of such a FeatureCollection: the browser then fetches
        it (and caches it) instead of receiving it inside the map script on every rerun.
    events : DataFrame, optional
        Catalogue rows to show (already filtered); aggregated per launch place by
        :func:`aggregate_events`: one marker per place, area proportional to the number of launches.
    imported : DataFrame, optional
        A user's uploaded records (same columns), drawn like ``events`` in another colour.
    selected : mapping, optional
        The selected event's record (``id``, ``date``, ``system_name``, ``launch_lon``, ``launch_lat``,
        ``launch_place``...): drawn as a highlighted marker.
    overlays : sequence of Overlay
        Rings (from :mod:`geo.geodesy`), estimated launch/impact areas, etc. for the selected event.
    presentation : bool
        Larger text, thicker lines and markers (for a projector).
    online_basemap : bool
        Add OpenStreetMap tiles (the only network access the map can make). Off by default.
    attribution : sequence of str
        Plain-text attribution lines for the map's attribution control (escaped here).
    legend_note : str
        A short plain-text note under the legend (e.g. how many launches have no known place).
    fit_to_overlays : bool
        Zoom to the overlays when there are any (else the default Korea/Japan view).
    asset_prefix : str
        URL folder serving ``leaflet.js``, ``leaflet.css`` and ``images/``.

    Returns
    -------
    folium.Map
        Ready for ``streamlit_folium.st_folium``; loads only ``{asset_prefix}/leaflet.js`` and
        ``{asset_prefix}/leaflet.css``.
    """
    lw = 1.8 if presentation else 1.0  # line-weight factor
    m = _Map(
        location=[DEFAULT_CENTER_LON_LAT[1], DEFAULT_CENTER_LON_LAT[0]],
        zoom_start=DEFAULT_ZOOM,
        tiles=None,
        min_zoom=2,
        max_zoom=12,
        world_copy_jump=False,
        control_scale=True,
        prefer_canvas=False,
    )
    # Only Leaflet, from our own origin: no jQuery/Bootstrap/Font Awesome from CDNs.
    m.default_js = [("leaflet", f"{asset_prefix}/leaflet.js")]
    m.default_css = [("leaflet_css", f"{asset_prefix}/leaflet.css")]

    css = _css(presentation)
    _Script(
        f"L.Icon.Default.imagePath = {_js(asset_prefix + '/images/')};\n"
        f"var st = document.createElement('style'); st.textContent = {_js(css)};"
        " document.head.appendChild(st);\n"
        f"map.getContainer().style.background = {_js(OCEAN_COLOUR)};\n"
        # The component's iframe can be laid out after the map is created (columns, tabs): re-measure,
        # or the vector renderer keeps the first (too small) size and clips land and rings.
        "function la_resize() { map.invalidateSize({animate: false}); }\n"
        "setTimeout(la_resize, 50); setTimeout(la_resize, 400);\n"
        "window.addEventListener('resize', la_resize);"
    ).add_to(m)

    if online_basemap:
        _TileLayer(
            "OpenStreetMap",
            attr="&copy; OpenStreetMap contributors",
            opacity=0.6,
            name="Online basemap (OpenStreetMap)",
        ).add_to(m)

    legend: list[tuple[str, str, str | None, str]] = []
    for z, name in enumerate(_LAYER_ORDER):
        src = layers.get(name)
        if not src:
            continue
        style = dict(_BASE_STYLES.get(name, {}))
        if "weight" in style:
            style["weight"] = style["weight"] * lw
        if name == "land" and online_basemap:
            style["fillOpacity"] = 0.5
        named = name in ("eez", "territorial_sea")
        if isinstance(src, str):
            # A URL on the app's own origin: fetched once by the browser (cached), drawn in its own pane
            # so the drawing order stays land < zones < coasts < markers whatever arrives first.
            _fetched_layer(m, name, src, style, z_index=340 + 5 * z, named=named)
        elif name == "seas":
            if src.get("features"):
                _add_sea_labels(m, src)
        elif src.get("features"):
            has_names = named and any(f.get("properties", {}).get("name") for f in src["features"])
            gj = _GeoJson(
                src,
                name=name,
                style_function=_const_style(style),
                interactive=has_names,
                control=False,
                smooth_factor=1.0,
            )
            if has_names:
                # ``name`` was HTML-escaped by prepare_layer.
                _Bind(
                    "bindTooltip",
                    "function(l) { return (l.feature && l.feature.properties.name) || ''; }",
                    {"sticky": True},
                ).add_to(gj)
            gj.add_to(m)
        else:
            continue
        if name in _BASE_LEGEND:
            label, colour, dash = _BASE_LEGEND[name]
            legend.append((label, colour, dash, "area" if name == "territorial_sea" else "line"))

    n_sites = _add_event_markers(m, events, scale=1.4 if presentation else 1.0)
    if n_sites:
        legend.insert(0, ("Launch place (size = number of launches)", _SITE_COLOUR, None, "dot"))
    if imported is not None and _add_event_markers(
        m, imported, scale=1.4 if presentation else 1.0, colour=_IMPORTED_COLOUR, prefix="Your import: "
    ):
        legend.insert(1 if n_sites else 0, ("Your imported records", _IMPORTED_COLOUR, None, "dot"))

    if selected is not None:
        _add_selected_marker(m, selected, scale=1.4 if presentation else 1.0)
        legend.insert(1 if n_sites else 0, ("Selected launch", _SELECTED_COLOUR, None, "dot"))

    seen: set[str] = set()
    for ov in overlays:
        _add_overlay(m, ov, lw=lw)
        if ov.kind not in seen and ov.kind in OVERLAY_STYLES and OVERLAY_STYLES[ov.kind]["legend"]:
            seen.add(ov.kind)
            st = OVERLAY_STYLES[ov.kind]
            sym = "area" if st["fillOpacity"] > 0 and ov.kind != "impact_point" else "line"
            if ov.kind == "impact_point":
                sym = "dot"
            legend.append((st["legend"], st["color"], st["dashArray"], sym))

    legend_html = _legend_html(legend, "Legend", legend_note)
    # Presentation mode: the legend starts folded in the top-right corner (one click opens it), so the
    # rings and Japan stay visible on a projector. Whether the reader folded or opened it is kept for
    # the browser tab (sessionStorage), so stepping through launches does not undo their choice.
    corner, folded = ("topright", "true") if presentation else ("bottomleft", "false")
    store_key = _js("la-legend-" + ("present" if presentation else "normal"))
    _Script(
        f"var lg = L.control({{position: {_js(corner)}}});\n"
        "lg.onAdd = function() { var d = L.DomUtil.create('div', 'la-legend');"
        f" d.innerHTML = {_js(legend_html)}; L.DomEvent.disableScrollPropagation(d);"
        " L.DomEvent.disableClickPropagation(d);"
        f" var key = {store_key}, folded = {folded};"
        " try { var s = window.sessionStorage.getItem(key); if (s !== null) folded = s === '1'; }"
        " catch (e) {}\n"
        " d.classList.toggle('la-collapsed', folded);"
        " var t = d.querySelector('.la-title'); t.title = 'Click to hide or show the legend';"
        " t.setAttribute('role', 'button'); t.tabIndex = 0;"
        " function flip() { var f = d.classList.toggle('la-collapsed');"
        " try { window.sessionStorage.setItem(key, f ? '1' : '0'); } catch (e) {} }"
        " t.addEventListener('click', flip);"
        " t.addEventListener('keydown', function(e) { if (e.key === 'Enter' || e.key === ' ') {"
        " e.preventDefault(); flip(); } });"
        " return d; };\n"
        "lg.addTo(map);"
    ).add_to(m)

    attr_text = " | ".join(html_text(a) for a in attribution if a)
    if attr_text:
        _Script(f"map.attributionControl.addAttribution({_js(attr_text)});").add_to(m)

    if fit_to_overlays and overlays:
        # landmarks and labels far away (Washington, London) must not zoom the map out to the world
        fit = [o.geometry for o in overlays if o.kind not in _LABEL_KINDS] or [o.geometry for o in overlays]
        b = _bounds_of(fit + _selected_points(selected))
        if b is not None:
            _Script(
                f"var b = {_js(b)}; var fitted = false;\n"
                "function la_fit() { if (fitted) return; map.invalidateSize({animate: false});"
                " map.fitBounds(b, {padding: [20, 20], maxZoom: 7, animate: false}); }\n"
                "la_fit(); setTimeout(la_fit, 60); setTimeout(la_fit, 450);\n"
                "['mousedown', 'wheel', 'touchstart', 'keydown'].forEach(function(e) {"
                " map.getContainer().addEventListener(e, function() { fitted = true; }); });"
            ).add_to(m)
    check_map(m)  # no element may compile rendered text as a template (geo.safetext)
    return m


def _fetched_layer(
    m: folium.Map, name: str, url: str, style: Mapping[str, Any], *, z_index: int, named: bool
) -> None:
    """Draw a display layer fetched from ``url`` (a same-origin path written by the app)."""
    if not url.startswith("/") or url.startswith("//"):
        raise ValueError(f"layer {name!r}: expected a same-origin path, got {url!r}")
    pane = f"la-{name}"
    tooltip = (
        " lyr.bindTooltip(function(l) { return (l.feature && l.feature.properties.name) || ''; },"
        " {sticky: true});"
        if named
        else ""
    )
    _Script(
        f"var pane = map.getPane({_js(pane)}) || map.createPane({_js(pane)});"
        f" pane.style.zIndex = {int(z_index)};\n"
        f"fetch({_js(url)}).then(function(r) {{ return r.json(); }}).then(function(d) {{\n"
        f"  var lyr = L.geoJSON(d, {{pane: {_js(pane)}, interactive: {'true' if named else 'false'},"
        f" style: function() {{ return {_js(dict(style))}; }}}});{tooltip}\n"
        f"  lyr.addTo(map); map.getContainer().dataset[{_js('la_' + name)}] = 'drawn';\n"
        f"}}).catch(function(e) {{ console.error({_js('layer ' + name)}, e); }});"
    ).add_to(m)


def _const_style(style: Mapping[str, Any]) -> Any:
    frozen = dict(style)

    def fn(_feature: Any) -> dict[str, Any]:
        return frozen

    return fn


def _selected_points(selected: Mapping[str, Any] | None) -> list[BaseGeometry]:
    if not selected:
        return []
    lon, lat = _num(selected.get("launch_lon")), _num(selected.get("launch_lat"))
    if lon is None or lat is None:
        return []
    return [shapely.Point(lon, lat)]


def _num(v: Any) -> float | None:
    try:
        f = float(v)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(f) else f


def _display_lon(lon: float) -> float:
    return lon + 360.0 if lon < DISPLAY_WEST_LON else lon


def _add_sea_labels(m: folium.Map, fc: Mapping[str, Any]) -> None:
    labels = []
    for f in fc["features"]:
        props = f.get("properties", {})
        x, y = f["geometry"]["coordinates"][:2]
        rank = props.get("scalerank")
        kind = "la-ocean" if props.get("featurecla") == "ocean" else ("la-major" if (rank or 9) <= 1 else "")
        labels.append([y, x, props.get("name") or "", kind])
    # Names are escaped by prepare_layer; they go into the divIcon HTML as text. Zoomed out, only oceans
    # and major seas are named; zoomed in, the ocean names give way to the local ones.
    _Script(
        f"var seas = {_js(labels)}; var g = L.layerGroup();\n"
        "seas.forEach(function(s) { L.marker([s[0], s[1]], {interactive: false, keyboard: false,"
        " icon: L.divIcon({className: 'la-sea ' + s[3], html: s[2], iconSize: null})}).addTo(g); });\n"
        "g.addTo(map);\n"
        "function la_zoom_class() { var z = map.getZoom(), c = map.getContainer();"
        " c.classList.toggle('la-z-world', z < 4); c.classList.toggle('la-z-close', z > 6); }\n"
        "map.on('zoomend', la_zoom_class); la_zoom_class();"
    ).add_to(m)


def _add_event_markers(
    m: folium.Map,
    events: pd.DataFrame | None,
    *,
    scale: float,
    colour: str = _SITE_COLOUR,
    prefix: str = "",
) -> int:
    if events is None or len(events) == 0:
        return 0
    sites = aggregate_events(events)
    if len(sites) == 0:
        return 0
    markers = []
    for row in sites.to_dict("records"):
        place = html_text(str(row["place"]))
        n = int(row["count"])
        listing: list[tuple[str, str, str]] = list(row["listing"])
        first, last = str(row["first_date"]), str(row["last_date"])
        span = html_text(first) if first == last else f"{html_text(first)} to {html_text(last)}"
        tip = f"{html_text(prefix)}<b>{place}</b><br>{n} launch{'es' if n != 1 else ''} ({span})"
        items = "".join(f"<li>{html_text(str(d))}: {html_text(str(s))}</li>" for d, s, _ in listing)
        more = f"<div>… and {n - len(listing)} earlier</div>" if n > len(listing) else ""
        popup_html = (
            f"{html_text(prefix)}<b>{place}</b><br>{n} launch{'es' if n != 1 else ''}"
            f"<ul class='la-popup-list'>{items}</ul>{more}"
        )
        markers.append(
            [
                round(float(row["lat"]), 5),
                round(_display_lon(float(row["lon"])), 5),
                round(_site_radius_px(n, scale=scale), 2),
                tip,
                popup_html,
                n,
            ]
        )
    style = {"color": "#ffffff", "weight": 1.2 * scale, "fill": True, "fillColor": colour}
    style["fillOpacity"] = 0.55
    # One compact script for all places (one folium element per marker was ~10x slower to render and
    # sent ~4x more bytes). Texts are escaped above and travel as JSON strings.
    _Script(
        f"var sites = {_js(markers)}; var style = {_js(style)};"
        " var g = L.featureGroup();\n"
        "sites.forEach(function(s) { var o = Object.assign({radius: s[2]}, style);"
        " L.circleMarker([s[0], s[1]], o).bindTooltip(s[3], {direction: 'top', opacity: 0.95})"
        ".bindPopup(s[4], {maxWidth: 360}).addTo(g); });\n"
        "g.addTo(map); map.getContainer().dataset.la_sites = String(sites.length);"
    ).add_to(m)
    return len(sites)


def _add_selected_marker(m: folium.Map, selected: Mapping[str, Any], *, scale: float) -> None:
    lon, lat = _num(selected.get("launch_lon")), _num(selected.get("launch_lat"))
    if lon is None or lat is None:
        return
    bits = [str(selected.get(k)) for k in ("date", "system_name") if selected.get(k) not in (None, "")]
    place = selected.get("launch_place")
    tip = "<b>Selected launch</b><br>" + html_text(" · ".join(bits))
    if place:
        tip += "<br>" + html_text(str(place))
    marker = _CircleMarker(
        location=[lat, _display_lon(lon)],
        radius=7 * scale,
        color=_SELECTED_COLOUR,
        weight=3 * scale,
        fill=True,
        fill_color="#ffffff",
        fill_opacity=1.0,
    )
    _tooltip(tip).add_to(marker)
    marker.add_to(m)


_RING_KINDS = ("range_ring", "reported_distance", "reach_outer", "reach_inner", "system_range")
#: Point overlays drawn as text on the map (a permanent label, escaped), with a dot for cities.
_LABEL_KINDS = ("ring_label", "reference_city")


def _ring_outline(geom: BaseGeometry) -> BaseGeometry:
    """The ring line of a (split, possibly pole-closed) ring polygon, without its artificial edges.

    Drops edges running along the ±180° meridian (where the geodesy module splits rings) or along a
    pole (where a ring enclosing the pole is closed); what is left are the true ring vertices, in order.
    """
    lines: list[list[tuple[float, float]]] = []
    for poly in shapely.get_parts(geom):
        if not isinstance(poly, shapely.Polygon):
            continue
        for ring in (poly.exterior, *poly.interiors):
            coords = [(float(x), float(y)) for x, y in ring.coords]
            current = [coords[0]]
            for a, b in itertools.pairwise(coords):
                seam = abs(a[0]) == 180.0 and a[0] == b[0]
                pole = abs(a[1]) >= 89.9999 and abs(b[1]) >= 89.9999
                if seam or pole:
                    if len(current) > 1:
                        lines.append(current)
                    current = [b]
                else:
                    current.append(b)
            if len(current) > 1:
                lines.append(current)
    if not lines:
        return geom.boundary
    return shapely.line_merge(shapely.MultiLineString(lines))


def _add_overlay(m: folium.Map, ov: Overlay, *, lw: float) -> None:
    style = OVERLAY_STYLES.get(ov.kind, OVERLAY_STYLES["range_ring"])
    props = {"kind": ov.kind, "label": ov.label, **dict(ov.properties)}
    if ov.kind == "impact_point" and isinstance(ov.geometry, shapely.Point):
        marker = _CircleMarker(
            location=[ov.geometry.y, _display_lon(ov.geometry.x)],
            radius=5 * lw,
            color=style["color"],
            weight=2 * lw,
            fill=True,
            fill_color=style["color"],
            fill_opacity=style["fillOpacity"],
        )
        _tooltip(html_text(ov.label)).add_to(marker)
        marker.add_to(m)
        return
    if ov.kind in _LABEL_KINDS and isinstance(ov.geometry, shapely.Point):
        _add_label(m, ov, style)
        return
    is_ring = ov.kind in _RING_KINDS
    # A ring is drawn as its outline only: the closing edges that split/pole-closed polygons carry
    # (along 180° or the poles) are not part of the ring and would draw as straight lines.
    geom = _ring_outline(ov.geometry) if is_ring else ov.geometry
    feat = _feature(geom, props, 6)
    if feat is None:
        return
    st = {
        "color": style["color"],
        "weight": style["weight"] * lw,
        "opacity": 0.95,
        "fill": style["fillOpacity"] > 0 and not is_ring,
        "fillColor": style["color"],
        "fillOpacity": style["fillOpacity"],
    }
    if style["dashArray"]:
        st["dashArray"] = style["dashArray"]
    gj = _GeoJson(
        {"type": "FeatureCollection", "features": [feat]},
        name=ov.kind,
        style_function=_const_style(st),
        control=False,
    )
    _tooltip(html_text(ov.label)).add_to(gj)
    gj.add_to(m)


def _add_label(m: folium.Map, ov: Overlay, style: Mapping[str, Any]) -> None:
    """A text label on the map (range labels, reference cities); the text is escaped HTML."""
    pt = ov.geometry
    assert isinstance(pt, shapely.Point)
    lat, lon = float(pt.y), _display_lon(float(pt.x))
    cls = "la-ring-label" if ov.kind == "ring_label" else "la-city"
    tip = ov.label
    if ov.kind == "reference_city":
        tip = f"{ov.label}: {ov.properties.get('reach', '')}".rstrip(": ")
        dot = _CircleMarker(
            location=[lat, lon],
            radius=3.5,
            color="#ffffff",
            weight=1.0,
            fill=True,
            fill_color=style["color"],
            fill_opacity=1.0,
        )
        _tooltip(html_text(tip)).add_to(dot)
        dot.add_to(m)
    html_label = html_text(ov.label)
    _Script(
        f"L.marker([{lat!r}, {lon!r}], {{interactive: false, keyboard: false, icon: L.divIcon("
        f"{{className: {_js(cls)}, html: {_js(html_label)}, iconSize: null}})}}).addTo(map);"
    ).add_to(m)


# --------------------------------------------------------------------------- inspection helpers


def map_geojson_features(script: str) -> list[dict[str, Any]]:
    """Every GeoJSON feature embedded in a rendered map script (for tests and payload checks).

    Parameters
    ----------
    script : str
        The Leaflet JavaScript of a map (e.g. streamlit-folium's ``script`` argument or
        ``folium.Map.get_root().render()``).

    Returns
    -------
    list of dict
        Features in drawing order, coordinates as drawn (display frame: longitudes may exceed 180).
    """
    import re

    dec = json.JSONDecoder()
    feats: list[dict[str, Any]] = []
    for match in re.finditer(r"geo_json_\w*_add\(", script):
        try:
            obj, _ = dec.raw_decode(script, match.end())
        except json.JSONDecodeError:
            continue
        if isinstance(obj, dict):
            feats.extend(obj.get("features", []) if obj.get("type") == "FeatureCollection" else [obj])
    return feats


def external_urls(text: str, *, allowed_hosts: Iterable[str] = ()) -> list[str]:
    """The http(s) URLs in ``text`` whose host is not in ``allowed_hosts`` (protocol-relative too)."""
    import re
    from urllib.parse import urlparse

    allowed = {h.lower() for h in allowed_hosts}
    out = []
    for url in re.findall(r"""(?:https?:)?//[A-Za-z0-9.\-]+(?::\d+)?[^\s"'<>)]*""", text):
        full = url if url.startswith("http") else "http:" + url
        host = (urlparse(full).hostname or "").lower()
        if host and "." in host and host not in allowed:
            out.append(url)
    return out
