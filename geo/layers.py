"""Display layers for the map: land, coastline, country borders, named seas, maritime outlines.

Everything here is for *drawing*: the layers come from ``data/basemap/`` (Natural Earth, generalised
by ``data/build/build_basemap.py``) and from the maritime display files in ``data/maritime/``. No
analysis runs on them (zone tests use :mod:`geo.maritime`; distances use :mod:`geo.geodesy`).

Coordinates are (lon, lat) in degrees, WGS84. Shipped files keep longitudes in [-180, 180] (RFC 7946);
:func:`to_display_frame` shifts a geometry into the map's *display frame*, longitudes in
``[west_lon, west_lon + 360)``, so that a map centred on the western Pacific (Korea, Japan, Guam, Hawaii,
the Americas) draws everything - including range rings that the geodesy module splits at 180° - as
one continuous shape instead of two halves at opposite edges of the world.

Nothing here caches: the app layer does (``st.cache_data``). Nothing here takes a file path from a user:
layers are chosen by name from :data:`BASEMAP_LAYERS` / :data:`MARITIME_DISPLAY_LAYERS`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import geopandas as gpd
import shapely
from shapely import affinity
from shapely.geometry.base import BaseGeometry

from geo.paths import DATA_DIR

__all__ = [
    "BASEMAP_ATTRIBUTION",
    "BASEMAP_DIR",
    "BASEMAP_LAYERS",
    "DISPLAY_WEST_LON",
    "MARITIME_DISPLAY_LAYERS",
    "LayerInfo",
    "available_maritime_layers",
    "geojson_size_bytes",
    "load_basemap_layer",
    "load_maritime_display_layer",
    "sea_labels",
    "to_display_frame",
    "to_display_frame_gdf",
]

#: Folder of the shipped basemap layers.
BASEMAP_DIR: Path = DATA_DIR / "basemap"

#: Attribution line for the basemap layers (shown in the map's attribution control).
BASEMAP_ATTRIBUTION = "Basemap: Natural Earth (public domain)"

#: Western edge of the display frame in degrees of longitude: the map shows lon in [-30, 330),
#: i.e. the seam sits in the mid-Atlantic, far from anything the app draws around Korea.
DISPLAY_WEST_LON = -30.0


@dataclass(frozen=True, slots=True)
class LayerInfo:
    """A named display layer: its file, what it shows and where it comes from."""

    name: str
    filename: str
    label: str
    description: str
    attribution: str


#: The basemap layers by name (all in :data:`BASEMAP_DIR`).
BASEMAP_LAYERS: dict[str, LayerInfo] = {
    "land": LayerInfo(
        "land",
        "land.geojson",
        "Land",
        "Land areas (Natural Earth 10m around Korea and Japan, 50m elsewhere).",
        BASEMAP_ATTRIBUTION,
    ),
    "coastline": LayerInfo(
        "coastline",
        "coastline.geojson",
        "Coastline",
        "Coastlines: the outline of the land layer.",
        BASEMAP_ATTRIBUTION,
    ),
    "borders": LayerInfo(
        "borders",
        "borders.geojson",
        "Country borders",
        "Land borders between countries (as Natural Earth draws them; not a position on any dispute).",
        BASEMAP_ATTRIBUTION,
    ),
    "seas": LayerInfo(
        "seas",
        "seas.geojson",
        "Sea names",
        "Names of oceans, seas, gulfs and straits (Natural Earth marine areas).",
        BASEMAP_ATTRIBUTION,
    ),
}

_MARINE_REGIONS = (
    "EEZ: Flanders Marine Institute (2018). Maritime Boundaries Geodatabase, version 10. marineregions.org"
)
_TERRITORIAL = "Territorial sea: 12 NM computed from the Natural Earth 10m coastline"

#: Display files of the maritime layers (shipped by the maritime module in ``data/maritime/``).
#: The first existing filename of each entry is used; a missing file means "layer not available".
MARITIME_DISPLAY_LAYERS: dict[str, tuple[LayerInfo, ...]] = {
    "eez": (
        LayerInfo(
            "eez",
            "eez_display.geojson",
            "EEZ outlines",
            "Exclusive economic zones (200 nautical miles, or median lines where neighbours are closer).",
            _MARINE_REGIONS,
        ),
    ),
    "territorial_sea": (
        LayerInfo(
            "territorial_sea",
            "territorial_sea_display.geojson",
            "Territorial sea",
            "Territorial sea: 12 nautical miles from the coastline as mapped "
            "(normal baselines; straight baselines not applied).",
            _TERRITORIAL,
        ),
    ),
}


def _read(path: Path) -> gpd.GeoDataFrame:
    gdf = gpd.read_file(path)
    if gdf.crs is None:
        gdf = gdf.set_crs("EPSG:4326")
    return gdf


def load_basemap_layer(name: str, *, directory: Path | None = None) -> gpd.GeoDataFrame:
    """Read one shipped basemap layer (lon/lat, EPSG:4326).

    Parameters
    ----------
    name : str
        One of the keys of :data:`BASEMAP_LAYERS` (``"land"``, ``"coastline"``, ``"borders"``, ``"seas"``).
    directory : Path, optional
        Folder holding the files (default :data:`BASEMAP_DIR`); tests point this at a fixture folder.

    Raises
    ------
    KeyError
        For an unknown layer name (names never come from a user as paths).
    FileNotFoundError
        When the file has not been built (run ``python data/build/build_basemap.py``).

    Examples
    --------
    >>> land = load_basemap_layer("land")
    >>> land.geom_type.isin(["Polygon", "MultiPolygon"]).all()
    np.True_
    """
    if name not in BASEMAP_LAYERS:
        raise KeyError(f"unknown basemap layer {name!r}; expected one of {sorted(BASEMAP_LAYERS)}")
    path = (directory or BASEMAP_DIR) / BASEMAP_LAYERS[name].filename
    if not path.is_file():
        raise FileNotFoundError(f"{path} is missing: run python data/build/build_basemap.py")
    return _read(path)


def available_maritime_layers(*, directory: Path | None = None) -> dict[str, LayerInfo]:
    """The maritime display layers whose files exist, by name (``"eez"``, ``"territorial_sea"``)."""
    folder = directory or (DATA_DIR / "maritime")
    out: dict[str, LayerInfo] = {}
    for name, candidates in MARITIME_DISPLAY_LAYERS.items():
        for info in candidates:
            if (folder / info.filename).is_file():
                out[name] = info
                break
    return out


def load_maritime_display_layer(name: str, *, directory: Path | None = None) -> gpd.GeoDataFrame:
    """Read the display version of a maritime layer (``"eez"`` or ``"territorial_sea"``), lon/lat.

    Raises
    ------
    KeyError
        For an unknown name.
    FileNotFoundError
        When no display file for that layer is shipped.
    """
    if name not in MARITIME_DISPLAY_LAYERS:
        raise KeyError(f"unknown maritime layer {name!r}; expected one of {sorted(MARITIME_DISPLAY_LAYERS)}")
    found = available_maritime_layers(directory=directory)
    if name not in found:
        raise FileNotFoundError(f"no display file for maritime layer {name!r}")
    return _read((directory or (DATA_DIR / "maritime")) / found[name].filename)


def sea_labels(seas: gpd.GeoDataFrame, *, max_scalerank: int = 4) -> gpd.GeoDataFrame:
    """The sea-name points worth labelling at a regional/world scale (``scalerank <= max_scalerank``)."""
    keep = seas["scalerank"].astype(int) <= max_scalerank
    return seas.loc[keep].reset_index(drop=True)


def to_display_frame(geom: BaseGeometry, *, west_lon: float = DISPLAY_WEST_LON) -> BaseGeometry:
    """Shift a lon/lat geometry so its longitudes lie in ``[west_lon, west_lon + 360]``.

    Parts west of ``west_lon`` move east by 360°; a part straddling ``west_lon`` is cut there. Polygon
    parts that the geodesy module split at the antimeridian (one part ending at +180, the other starting
    at -180) come out touching at 180 and are merged, so a ring around a launch site near 130°E that
    reaches past Hawaii draws as one closed shape.

    For display only: the shifted geometry is not valid RFC 7946 (longitudes beyond 180) and is never
    exported.

    Parameters
    ----------
    geom : shapely geometry
        Coordinates (lon, lat) in degrees, longitudes in [-180, 180].
    west_lon : float
        Western edge of the display frame, degrees (default :data:`DISPLAY_WEST_LON`).

    Examples
    --------
    >>> from shapely.geometry import Point, box, MultiPolygon
    >>> to_display_frame(Point(-150, 20)).x
    210.0
    >>> split = MultiPolygon([box(170, 0, 180, 10), box(-180, 0, -170, 10)])
    >>> merged = to_display_frame(split)
    >>> merged.geom_type, merged.bounds
    ('Polygon', (170.0, 0.0, 190.0, 10.0))
    """
    if geom is None or geom.is_empty:
        return geom
    minx, _, maxx, _ = geom.bounds
    if minx >= west_lon:
        return geom
    if maxx < west_lon:
        return affinity.translate(geom, xoff=360.0)
    west = shapely.clip_by_rect(geom, -360.0, -90.0, west_lon, 90.0)
    east = shapely.clip_by_rect(geom, west_lon, -90.0, 360.0, 90.0)
    parts = [affinity.translate(west, xoff=360.0), east]
    parts = [p for p in parts if not p.is_empty]
    dim = max(shapely.get_dimensions(p) for p in parts)
    if dim == 2:
        polys = [
            q for p in parts for q in shapely.get_parts(p) if q.geom_type == "Polygon" and not q.is_empty
        ]
        # Parts that touch along the seam (a ring split at 180°) become one polygon again.
        return shapely.union_all(shapely.make_valid(shapely.MultiPolygon(polys)), grid_size=None)
    if dim == 1:
        lines = [q for p in parts for q in shapely.get_parts(p) if q.geom_type == "LineString"]
        return shapely.line_merge(shapely.MultiLineString(lines))
    pts = [q for p in parts for q in shapely.get_parts(p)]
    return shapely.MultiPoint(pts) if len(pts) > 1 else pts[0]


def to_display_frame_gdf(gdf: gpd.GeoDataFrame, *, west_lon: float = DISPLAY_WEST_LON) -> gpd.GeoDataFrame:
    """Copy of ``gdf`` with every geometry passed through :func:`to_display_frame`."""
    out = gdf.copy()
    out.geometry = [to_display_frame(g, west_lon=west_lon) for g in gdf.geometry]
    return out


def geojson_size_bytes(features: Iterable[dict[str, Any]] | gpd.GeoDataFrame) -> int:
    """Size in bytes of the compact GeoJSON text of a layer (what the map sends to the browser)."""
    import json

    if isinstance(features, gpd.GeoDataFrame):
        return len(features.to_json(drop_id=True).encode("utf-8"))
    fc = {"type": "FeatureCollection", "features": list(features)}
    return len(json.dumps(fc, separators=(",", ":")).encode("utf-8"))
