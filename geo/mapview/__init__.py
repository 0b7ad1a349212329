"""Build the Launch Atlas folium (Leaflet) map: offline, escaped, geodesic, updated in place.

The map has two parts (streamlit-folium's dynamic updates):

- the **base map** (:func:`base_map`), identical on every rerun, so the browser creates it once and the
  reader's zoom and position survive every change of selection, ranges or layers;
- the **update** (:func:`map_update`): one ``LA.update(payload)`` call with everything that changes
  (:func:`update_payload`), applied in place by the map runtime (``runtime.js``, served by the app).

:func:`build_map` puts both in one map, for a stand-alone page or a test.

The map loads **only** Leaflet's own JS/CSS and the runtime, from the app's origin (``/app/static/...``):
folium's default jQuery/Bootstrap/Font-Awesome CDN assets are removed, there are no tiles unless the
caller asks for the optional online basemap, the ocean is the map's background colour under land drawn
from shipped data, and the big layers are same-origin files the browser fetches once.

Every text that reaches HTML (tooltips, popups, legend, attribution, labels) is passed through
:func:`geo.safetext.html_text`, and the payload through :func:`geo.safetext.js_literal`; every element
renders through :class:`geo.safetext.VerbatimMacroElement`, so no text is ever compiled as a Jinja
template (:func:`geo.safetext.check_map` checks every map and update built here).

Coordinates in and out are (lon, lat) degrees, WGS84. Geometries are moved into the display frame of
:func:`geo.layers.to_display_frame` (longitudes in [-30, 330)) so that rings split at 180° by the geodesy
module draw as one shape on a Pacific-centred map. Ring geometries are drawn as given: they must come
from :mod:`geo.geodesy` (geodesic); this package never computes a circle itself.

Modules: :mod:`~geo.mapview.styles` (colours, legend words), :mod:`~geo.mapview.features` (display
geometries, encoding), :mod:`~geo.mapview.sites` (launch places), :mod:`~geo.mapview.legend`,
:mod:`~geo.mapview.elements` (the folium elements), :mod:`~geo.mapview.base`,
:mod:`~geo.mapview.update`, :mod:`~geo.mapview.inspect` (reading a rendered map back).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import folium
import pandas as pd

from geo.mapview.base import RUNTIME_URL_PREFIX, base_map, runtime_assets
from geo.mapview.features import (
    COORD_SCALE,
    DISPLAY_TOLERANCE_DEG,
    decode_coords,
    decode_geometry,
    display_tolerance,
    encode_coords,
    encode_geometry,
    prepare_layer,
)
from geo.mapview.inspect import external_urls, map_geojson_features, map_update_payloads, shown_texts
from geo.mapview.sites import aggregate_events, launch_table, site_groups
from geo.mapview.styles import (
    DEFAULT_CENTER_LON_LAT,
    DEFAULT_ZOOM,
    LAND_COLOUR,
    LEAFLET_URL_PREFIX,
    OCEAN_COLOUR,
    OVERLAY_STYLES,
    Overlay,
)
from geo.mapview.update import ONLINE_TILES, map_update, place_markers, selection_drawing, update_payload
from geo.safetext import check_map

__all__ = [
    "COORD_SCALE",
    "DEFAULT_CENTER_LON_LAT",
    "DEFAULT_ZOOM",
    "DISPLAY_TOLERANCE_DEG",
    "LAND_COLOUR",
    "LEAFLET_URL_PREFIX",
    "OCEAN_COLOUR",
    "ONLINE_TILES",
    "OVERLAY_STYLES",
    "RUNTIME_URL_PREFIX",
    "Overlay",
    "aggregate_events",
    "base_map",
    "build_map",
    "decode_coords",
    "decode_geometry",
    "display_tolerance",
    "encode_coords",
    "encode_geometry",
    "external_urls",
    "launch_table",
    "map_geojson_features",
    "map_update",
    "map_update_payloads",
    "place_markers",
    "prepare_layer",
    "runtime_assets",
    "selection_drawing",
    "shown_texts",
    "site_groups",
    "update_payload",
]


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
    runtime_prefix: str = RUNTIME_URL_PREFIX,
    events_table_url: str | None = None,
    table_ids: Sequence[str] | None = None,
) -> folium.Map:
    """The whole Launch Atlas map in one (base map + one update), e.g. for a stand-alone page.

    Parameters
    ----------
    layers : mapping of str to GeoJSON dict or URL
        Display layers from :func:`prepare_layer`, by name: any of ``"land"``, ``"coastline"``,
        ``"borders"``, ``"eez"``, ``"territorial_sea"`` (FeatureCollections; EEZ/territorial-sea features
        may carry an escaped ``name`` shown as tooltip) and ``"seas"`` (points with ``name``,
        ``featurecla``, ``scalerank``). Absent names are not drawn. A value may instead be a same-origin
        URL path (``"/app/static/layers/land-<hash>.json"``) of such a FeatureCollection: the browser
        then fetches it once (and caches it) instead of receiving it on every rerun.
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
        Larger text (at least 20 px), thicker lines and markers (for a projector).
    online_basemap : bool
        Add OpenStreetMap tiles (the only network access the map can make). Off by default.
    attribution : sequence of str
        Plain-text attribution lines for the map's attribution control (escaped here).
    legend_note : str
        A short plain-text note under the legend (e.g. how many launches have no known place).
    fit_to_overlays : bool
        Zoom to the overlays until the reader moves the map (else the default Korea/Japan view).
    asset_prefix, runtime_prefix : str
        URL folders serving Leaflet and the map runtime.
    events_table_url, table_ids : str and sequence of str, optional
        A published launch table (see :func:`update_payload`).

    Returns
    -------
    folium.Map
        Loads only ``{asset_prefix}/leaflet.*`` and the runtime from ``{runtime_prefix}``.
    """
    m = base_map(asset_prefix=asset_prefix, runtime_prefix=runtime_prefix)
    map_update(
        layers=layers,
        events=events,
        events_table_url=events_table_url,
        table_ids=table_ids,
        imported=imported,
        selected=selected,
        overlays=overlays,
        presentation=presentation,
        online_basemap=online_basemap,
        attribution=attribution,
        legend_note=legend_note,
        fit_to_overlays=fit_to_overlays,
    ).add_to(m)
    check_map(m)  # no element may compile rendered text as a template (geo.safetext)
    return m
