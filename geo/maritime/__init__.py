"""Maritime zones: whose waters is a point or an impact zone in?

Layers (shipped in ``data/maritime/``, built by ``data/build/build_maritime.py``):

* **EEZ**: Marine Regions World EEZ v10 (simplified; repaired), or a user's own v11/v12 download
  (:func:`read_user_eez`). Marine Regions polygons include internal and archipelagic waters, so an EEZ
  hit is only reported as "eez" when the point is neither on land nor inside a territorial sea.
* **Territorial seas**: 12 nautical miles (22.224 km) measured geodesically from the low-water
  coastline *as drawn by Natural Earth 10m* (normal baselines). Straight baselines and bay closing
  lines are **not** applied, so real territorial seas reach further where a state draws straight
  baselines (much of the Chinese, Korean and Japanese coasts). Where two states' 12 NM belts overlap
  both are reported; in parts of the Korea (Tsushima) Strait Japan and South Korea actually claim only
  3 NM. Computed for the coverage box only (:data:`COVERAGE_BBOX`, lon 100..170, lat 10..65).
* **Land**, **coastline** (per state, with the first-level region of the coast), **named seas**.
  Disputed land (southern Kurils, Liancourt Rocks, Senkaku Islands: where Marine Regions has a
  disputed area) and its territorial sea carry all claimants ("Japan / Russia"), never one of them;
  so do joint regimes and overlapping claims in the EEZ layer.

Analysis always runs on the full-resolution shipped geometry; :func:`simplified_for_display` and the
``*_display.geojson`` files are for drawing only. Coordinates are (lon, lat) in degrees on WGS84;
distances in km (geodesic, GeographicLib through ``pyproj.Geod``), areas in km² (geodesic).

Examples
--------
>>> mz = MaritimeZones.load()
>>> r = mz.analyse_point(136.07, 40.16)   # 800 km from Yangdok on bearing 80 degrees (2021-09-15)
>>> r.zone, r.state
('eez', 'Japan')
>>> mz.classify_points([138.2, 127.52], [36.2, 30.84])[["zone", "state", "joint"]].values.tolist()
[['land', 'Japan', False], ['eez', 'South Korea / Japan', True]]
"""

from __future__ import annotations

from geo.maritime.coasts import CoastDistance
from geo.maritime.loading import (
    COVERAGE_BBOX,
    EEZ_ATTRIBUTION,
    MAX_ZONE_PARTS,
    MAX_ZONE_VERTICES,
    NAUTICAL_MILE_KM,
    POL_TYPES,
    TERRITORIAL_SEA_KM,
    ZONES,
    MaritimeDataError,
    load_coastline,
    load_eez,
    load_land,
    load_named_seas,
    load_territorial_seas,
    normalize_eez,
    polygon_from_geojson,
    simplified_for_display,
)
from geo.maritime.report import TERRITORIAL_SEA_CAVEAT, ZoneReport, ZoneShare
from geo.maritime.upload import (
    DEFAULT_MAX_USER_EEZ_BYTES,
    DEFAULT_MAX_USER_EEZ_UNZIPPED_BYTES,
    MAX_ZIP_MEMBERS,
    read_user_eez,
)
from geo.maritime.zones import MaritimeZones

__all__ = [
    "COVERAGE_BBOX",
    "DEFAULT_MAX_USER_EEZ_BYTES",
    "DEFAULT_MAX_USER_EEZ_UNZIPPED_BYTES",
    "EEZ_ATTRIBUTION",
    "MAX_ZIP_MEMBERS",
    "MAX_ZONE_PARTS",
    "MAX_ZONE_VERTICES",
    "NAUTICAL_MILE_KM",
    "POL_TYPES",
    "TERRITORIAL_SEA_CAVEAT",
    "TERRITORIAL_SEA_KM",
    "ZONES",
    "CoastDistance",
    "MaritimeDataError",
    "MaritimeZones",
    "ZoneReport",
    "ZoneShare",
    "load_coastline",
    "load_eez",
    "load_land",
    "load_named_seas",
    "load_territorial_seas",
    "normalize_eez",
    "polygon_from_geojson",
    "read_user_eez",
    "simplified_for_display",
]
