"""Maritime layers: the shipped files, Marine Regions EEZ tables normalised, zones read from GeoJSON.

Coordinates are (lon, lat) degrees on WGS84. ``path`` arguments are for code and tests (server-side
files the project controls), never a user's input: uploads go through :mod:`geo.maritime.upload`.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry import shape

from geo.maritime._geometry import _join, _polygonal, _repair
from geo.paths import DATA_DIR

__all__ = [
    "COVERAGE_BBOX",
    "EEZ_ATTRIBUTION",
    "NAUTICAL_MILE_KM",
    "POL_TYPES",
    "TERRITORIAL_SEA_KM",
    "ZONES",
    "MaritimeDataError",
    "load_coastline",
    "load_eez",
    "load_land",
    "load_named_seas",
    "load_territorial_seas",
    "normalize_eez",
    "polygon_from_geojson",
    "simplified_for_display",
]

NAUTICAL_MILE_KM: float = 1.852
#: Breadth of the territorial sea (UNCLOS art. 3): 12 NM = 22.224 km.
TERRITORIAL_SEA_KM: float = 12 * NAUTICAL_MILE_KM
#: Where land, coastline and territorial seas are complete: (lon_min, lat_min, lon_max, lat_max).
COVERAGE_BBOX: tuple[float, float, float, float] = (100.0, 10.0, 170.0, 65.0)
#: Zone categories, in order of precedence (a point on land is land, not EEZ).
ZONES: tuple[str, ...] = ("land", "territorial sea", "eez", "high seas")
#: Marine Regions polygon types (v11/v12 naming; v10's "Disputed" is read as "Overlapping claim").
POL_TYPES: tuple[str, ...] = ("200NM", "Joint regime", "Overlapping claim")
#: Attribution of the shipped EEZ layer.
EEZ_ATTRIBUTION: str = (
    "Flanders Marine Institute (2018). Maritime Boundaries Geodatabase, version 10. marineregions.org"
)
_REQUIRED = ("MRGID", "GEONAME", "POL_TYPE", "SOVEREIGN1")
_POL_TYPE_MAP = {
    "200nm": "200NM",
    "joint regime": "Joint regime",
    "overlapping claim": "Overlapping claim",
    "disputed": "Overlapping claim",
}
_EEZ_COLUMNS = ("mrgid", "name", "sovereign", "sovereign_iso3", "pol_type", "joint", "disputed")


class MaritimeDataError(ValueError):
    """A maritime boundary file that cannot be used, with what was found, what is expected and the fix."""


def _read_layer(path: Path, *, what: str) -> gpd.GeoDataFrame:
    if not path.exists():
        raise MaritimeDataError(
            f"{what}: {path} is missing; regenerate it with `python data/build/build_maritime.py`"
        )
    gdf = gpd.read_file(path)
    if gdf.crs is None:
        gdf = gdf.set_crs("EPSG:4326")
    return gdf


def normalize_eez(gdf: gpd.GeoDataFrame, *, source: str = "EEZ layer") -> gpd.GeoDataFrame:
    """Map a Marine Regions EEZ table (v10, v11 or v12 column names, any case) to the analysis schema.

    Parameters
    ----------
    gdf : GeoDataFrame
        Marine Regions polygons with at least ``MRGID``, ``GEONAME``, ``POL_TYPE`` and ``SOVEREIGN1``
        (case-insensitive); optional ``SOVEREIGN2/3``, ``ISO_SOV1..3``, ``ISO_TER1..3``, ``TERRITORY1..3``.
    source : str
        Name used in error messages (the file name).

    Returns
    -------
    GeoDataFrame
        Columns ``mrgid`` (int), ``name``, ``sovereign`` (claimants joined with " / " for joint and
        disputed areas), ``sovereign_iso3`` (joined the same way), ``territory``, ``pol_type``
        (one of :data:`POL_TYPES`), ``joint`` and ``disputed`` (bool), ``geometry`` (valid
        (Multi)Polygons in EPSG:4326, split at 180°).

    Raises
    ------
    MaritimeDataError
        Missing columns or an unknown polygon type, naming what was found and what is expected.
    """
    cols = {str(c).upper(): c for c in gdf.columns if c != gdf.geometry.name}
    missing = [c for c in _REQUIRED if c not in cols]
    if missing:
        found = ", ".join(sorted(cols)) or "no attribute columns"
        raise MaritimeDataError(
            f"{source}: missing column(s) {', '.join(missing)}. Found: {found}. Expected a Marine Regions "
            f"World EEZ layer (v11 or v12: eez_v11 / eez_v12) with columns {', '.join(_REQUIRED)}. "
            "Download 'World EEZ v12' (shapefile or GeoPackage) from marineregions.org/downloads.php and "
            "upload the zip or the .gpkg unchanged."
        )
    if gdf.crs is not None and not gdf.crs.equals("EPSG:4326"):
        gdf = gdf.to_crs("EPSG:4326")

    def col(name: str) -> pd.Series:
        return gdf[cols[name]] if name in cols else pd.Series([None] * len(gdf), index=gdf.index)

    raw_types = col("POL_TYPE").astype("string").str.strip()
    pol = raw_types.str.lower().map(_POL_TYPE_MAP)
    bad = pol.isna()
    if bad.any():
        examples = [
            f"MRGID {m}: {t!r}" for m, t in zip(col("MRGID")[bad][:5], raw_types[bad][:5], strict=True)
        ]
        raise MaritimeDataError(
            f"{source}: {int(bad.sum())} row(s) with an unknown POL_TYPE ({'; '.join(examples)}); "
            f"expected one of {', '.join(POL_TYPES)} (v10's 'Disputed' is accepted as 'Overlapping claim')."
        )
    mrgid = pd.to_numeric(col("MRGID"), errors="coerce")
    if mrgid.isna().any():
        rows = [str(i + 1) for i in np.flatnonzero(mrgid.isna().to_numpy())[:5]]
        raise MaritimeDataError(f"{source}: MRGID is not a number in row(s) {', '.join(rows)}")
    sov = [col(f"SOVEREIGN{k}") for k in "123"]
    iso_sov = [col(f"ISO_SOV{k}") if f"ISO_SOV{k}" in cols else col(f"ISO_TER{k}") for k in "123"]
    ter = [col(f"TERRITORY{k}") for k in "123"]
    out = gpd.GeoDataFrame(
        {
            "mrgid": mrgid.astype("int64").to_numpy(),
            "name": col("GEONAME").astype("string").fillna("").to_numpy(dtype=object),
            "sovereign": [_join(v) for v in zip(*sov, strict=True)],
            "sovereign_iso3": [_join(v) for v in zip(*iso_sov, strict=True)],
            "territory": [_join(v) for v in zip(*ter, strict=True)],
            "pol_type": pol.to_numpy(dtype=object),
        },
        geometry=[_repair(g) for g in gdf.geometry.values],
        crs="EPSG:4326",
    )
    out["joint"] = out["pol_type"] == "Joint regime"
    out["disputed"] = out["pol_type"] == "Overlapping claim"
    out = out[~out.geometry.is_empty].reset_index(drop=True)
    return out


def load_eez(path: Path | str | None = None) -> gpd.GeoDataFrame:
    """The EEZ layer, normalised by :func:`normalize_eez` (shipped Marine Regions v10 by default).

    ``path`` is for code and tests (a server-side file the project controls), never a user's input:
    for uploads use :func:`read_user_eez`.
    """
    p = Path(path) if path is not None else DATA_DIR / "maritime" / "eez_v10_world.geojson"
    return normalize_eez(_read_layer(p, what="EEZ layer"), source=p.name)


def load_territorial_seas(path: Path | str | None = None) -> gpd.GeoDataFrame:
    """12 NM territorial seas per state (columns ``state``, ``disputed``, ``geometry``), full resolution.

    Measured from the Natural Earth 10m low-water coastline (normal baselines, no straight baselines);
    land removed; overlapping belts of neighbouring states are kept (both features cover the overlap).
    """
    p = Path(path) if path is not None else DATA_DIR / "maritime" / "territorial_sea.geojson"
    return _read_layer(p, what="territorial seas")


def load_coastline(path: Path | str | None = None) -> gpd.GeoDataFrame:
    """Sea coast lines per state and first-level region (columns ``state``, ``region``, ``disputed``)."""
    p = Path(path) if path is not None else DATA_DIR / "maritime" / "coastline.geojson"
    return _read_layer(p, what="coastline")


def load_land(path: Path | str | None = None) -> gpd.GeoDataFrame:
    """Land polygons (``state``, ``admin``, ``claimants``, ``disputed``, ``resolution`` '10m' | '110m')."""
    p = Path(path) if path is not None else DATA_DIR / "maritime" / "land.geojson"
    return _read_layer(p, what="land")


def load_named_seas(path: Path | str | None = None) -> gpd.GeoDataFrame:
    """Named marine areas of the region (``name``, ``name_alt``, ``kind``, ``scalerank``)."""
    p = Path(path) if path is not None else DATA_DIR / "maritime" / "named_seas.geojson"
    return _read_layer(p, what="named seas")


def simplified_for_display(gdf: gpd.GeoDataFrame, *, zoom: float) -> gpd.GeoDataFrame:
    """A copy simplified for drawing at a Web-map ``zoom`` (half a screen pixel at the equator).

    Drawing only: never analyse the result. Topology is preserved per feature.

    >>> import geopandas as gpd, shapely
    >>> g = gpd.GeoDataFrame(geometry=[shapely.Point(0, 0).buffer(1, quad_segs=64)], crs="EPSG:4326")
    >>> n = lambda d: int(shapely.get_num_coordinates(d.geometry.values).sum())
    >>> n(simplified_for_display(g, zoom=3)) < n(g)
    True
    """
    if not math.isfinite(zoom) or zoom < 0 or zoom > 24:
        raise ValueError(f"zoom: expected a number in 0..24, got {zoom!r}")
    tol_deg = 0.5 * 360.0 / (256.0 * 2.0**zoom)
    out = gdf.copy()
    out["geometry"] = shapely.simplify(gdf.geometry.values, tol_deg, preserve_topology=True)
    return out


def polygon_from_geojson(obj: Any) -> Any:
    """Polygon / MultiPolygon (lon/lat) from a GeoJSON geometry, Feature or FeatureCollection (text or dict).

    Raises ValueError naming what came when it is not polygonal GeoJSON.
    """
    if isinstance(obj, str):
        obj = json.loads(obj)
    if not isinstance(obj, dict) or "type" not in obj:
        raise ValueError("expected a GeoJSON object with a 'type'")
    t = obj["type"]
    if t == "FeatureCollection":
        geoms = [polygon_from_geojson(f) for f in obj.get("features", [])]
        if not geoms:
            raise ValueError("the FeatureCollection has no features")
        return _polygonal(shapely.union_all(geoms))
    if t == "Feature":
        if obj.get("geometry") is None:
            raise ValueError("the Feature has no geometry")
        return polygon_from_geojson(obj["geometry"])
    geom = shape(obj)
    if geom.geom_type not in ("Polygon", "MultiPolygon"):
        raise ValueError(f"expected a Polygon or MultiPolygon, got a {geom.geom_type}")
    return geom
