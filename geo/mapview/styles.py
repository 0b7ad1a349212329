"""Colours, line styles and legend wording of everything the map draws (one place to change them)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from shapely.geometry.base import BaseGeometry

__all__ = [
    "DEFAULT_CENTER_LON_LAT",
    "DEFAULT_ZOOM",
    "LAND_COLOUR",
    "LEAFLET_URL_PREFIX",
    "OCEAN_COLOUR",
    "OVERLAY_STYLES",
    "Overlay",
]

#: Where the app serves Leaflet (Streamlit static serving of ``static/leaflet``).
LEAFLET_URL_PREFIX = "/app/static/leaflet"
#: Map centre (lon, lat) and zoom when nothing is selected: the Korean peninsula and Japan.
DEFAULT_CENTER_LON_LAT = (129.0, 38.5)
DEFAULT_ZOOM = 5
OCEAN_COLOUR = "#c6dcec"
LAND_COLOUR = "#f4f1e8"

LAYER_ORDER = ("land", "territorial_sea", "eez", "coastline", "borders", "seas")

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
    "reported_landing": {
        "color": "#00695c",
        "weight": 2.0,
        "dashArray": "2 5",
        "fillOpacity": 0.12,
        "legend": "Landing area the report names (geocoded, uncertainty)",
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

BASE_STYLES: dict[str, dict[str, Any]] = {
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
BASE_LEGEND = {
    "eez": ("EEZ outline (200 nautical miles)", "#1f77b4", "6 4"),
    "territorial_sea": ("Territorial sea (12 nautical miles)", "#17becf", None),
    "borders": ("Country border", "#8d7b68", "4 3"),
}

SITE_COLOUR = "#37474f"
IMPORTED_COLOUR = "#ef6c00"
SELECTED_COLOUR = "#b3261e"


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


#: Overlay kinds drawn as a ring line (their split/pole-closing edges are not drawn).
RING_KINDS = ("range_ring", "reported_distance", "reach_outer", "reach_inner", "system_range")
#: Point overlays drawn as text on the map (a permanent label), with a dot for cities.
LABEL_KINDS = ("ring_label", "reference_city")
#: Line weight and marker size factor in presentation mode (a projector at the back of a room).
PRESENTATION_SCALE = 1.8
MARKER_PRESENTATION_SCALE = 1.4
