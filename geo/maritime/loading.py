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

from geo.maritime._geometry import _join, _polygonal, _repair
from geo.paths import DATA_DIR

__all__ = [
    "COVERAGE_BBOX",
    "EEZ_ATTRIBUTION",
    "MAX_ZONE_PARTS",
    "MAX_ZONE_VERTICES",
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


#: Most vertices and polygon parts :func:`polygon_from_geojson` accepts: an impact zone has a few
#: hundred vertices in one or two parts, and analysing 100,000 vertices takes about 2 s (25,000 tiny
#: parts took 14 s).
MAX_ZONE_VERTICES = 100_000
MAX_ZONE_PARTS = 1_000


def polygon_from_geojson(
    obj: Any, *, max_vertices: int = MAX_ZONE_VERTICES, max_parts: int = MAX_ZONE_PARTS
) -> Any:
    """Polygon / MultiPolygon (lon/lat degrees) from a GeoJSON Polygon, MultiPolygon, Feature or
    FeatureCollection (given as a dict, JSON text or UTF-8 bytes).

    Strict: every position is ``[lon, lat]`` (optionally an altitude) of finite numbers, latitude
    within -90..90 and longitude within -540..540 (beyond ±180 only for a zone drawn across the
    antimeridian without being split); a FeatureCollection holds Features; nothing is nested deeper.
    A FeatureCollection's polygons are united.

    Parameters
    ----------
    obj : dict, str or bytes
        The GeoJSON object or its text.
    max_vertices, max_parts : int
        Most positions and polygons accepted, all features together.

    Returns
    -------
    shapely Polygon or MultiPolygon

    Raises
    ------
    ValueError
        Naming where the problem is (feature, polygon, ring, position), what was expected and what came.

    Examples
    --------
    >>> text = '{"type": "Polygon", "coordinates": [[[130, 38], [131, 38], [131, 39], [130, 38]]]}'
    >>> polygon_from_geojson(text).area
    0.5
    >>> polygon_from_geojson({"type": "Polygon", "coordinates": [[[130, 38], ["131", 38], [131, 39]]]})
    Traceback (most recent call last):
    ValueError: polygon 1, ring 1, position 2: expected [lon, lat] as finite numbers, got ['131', 38]
    """
    if isinstance(obj, str | bytes | bytearray):
        try:
            obj = json.loads(obj)
        except RecursionError:
            raise ValueError("the JSON is nested far too deeply to be a GeoJSON zone") from None
        except UnicodeDecodeError:
            raise ValueError("not UTF-8 text") from None
        except json.JSONDecodeError as exc:
            raise ValueError(f"not JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})") from None
    budget = _ZoneBudget(max_vertices=max_vertices, max_parts=max_parts)
    if not isinstance(obj, dict):
        raise ValueError(f"expected a GeoJSON object, got {_json_kind(obj)}")
    kind = obj.get("type")
    if kind == "FeatureCollection":
        features = obj.get("features")
        if not isinstance(features, list):
            raise ValueError(
                f'the FeatureCollection\'s "features" must be a list, got {_json_kind(features)}'
            )
        if not features:
            raise ValueError("the FeatureCollection has no features")
        geoms = [_feature_geometry(f, f"feature {k}", budget) for k, f in enumerate(features, 1)]
        return geoms[0] if len(geoms) == 1 else _polygonal(shapely.union_all(geoms))
    if kind == "Feature":
        return _feature_geometry(obj, "the Feature", budget)
    return _geometry(obj, "", budget)


class _ZoneBudget:
    def __init__(self, *, max_vertices: int, max_parts: int) -> None:
        self.vertices, self.parts = max_vertices, max_parts
        self.max_vertices, self.max_parts = max_vertices, max_parts

    def take(self, *, vertices: int = 0, parts: int = 0) -> None:
        self.vertices -= vertices
        self.parts -= parts
        if self.vertices < 0:
            raise ValueError(f"the zone has more than {self.max_vertices:,} vertices; simplify it first")
        if self.parts < 0:
            raise ValueError(
                f"the zone has more than {self.max_parts:,} polygons; merge or simplify them first"
            )


def _json_kind(value: Any) -> str:
    if isinstance(value, dict):
        return f"an object with type {str(value.get('type'))[:40]!r}"
    if isinstance(value, list | tuple):
        return "a list"
    return f"{type(value).__name__} {str(value)[:40]!r}"


def _feature_geometry(feature: Any, where: str, budget: _ZoneBudget) -> Any:
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        raise ValueError(f"{where}: expected a GeoJSON Feature, got {_json_kind(feature)}")
    if feature.get("geometry") is None:
        raise ValueError(f"{where}: the Feature has no geometry")
    return _geometry(feature["geometry"], f"{where}, ", budget)


def _geometry(geom: Any, where: str, budget: _ZoneBudget) -> Any:
    if not isinstance(geom, dict):
        raise ValueError(f"{where}geometry: expected a GeoJSON geometry object, got {_json_kind(geom)}")
    kind, coords = geom.get("type"), geom.get("coordinates")
    if kind == "Polygon":
        return _polygon(coords, f"{where}polygon 1", budget)
    if kind == "MultiPolygon":
        if not isinstance(coords, list | tuple) or not coords:
            raise ValueError(f"{where}MultiPolygon: expected a list of polygons, got {_json_kind(coords)}")
        return shapely.MultiPolygon(
            [_polygon(c, f"{where}polygon {k}", budget) for k, c in enumerate(coords, 1)]
        )
    raise ValueError(f"{where}expected a Polygon or MultiPolygon, got {_json_kind(geom)}")


def _polygon(rings: Any, where: str, budget: _ZoneBudget) -> Any:
    budget.take(parts=1)
    if not isinstance(rings, list | tuple) or not rings:
        raise ValueError(f"{where}: expected a list of rings, got {_json_kind(rings)}")
    shells = [_ring(r, f"{where}, ring {j}", budget) for j, r in enumerate(rings, 1)]
    return shapely.Polygon(shells[0], shells[1:])


def _ring(ring: Any, where: str, budget: _ZoneBudget) -> list[tuple[float, float]]:
    if not isinstance(ring, list | tuple) or len(ring) < 3:
        raise ValueError(f"{where}: expected a list of at least 4 positions, got {_json_kind(ring)}")
    budget.take(vertices=len(ring))
    out = []
    for i, pos in enumerate(ring, 1):
        ok = isinstance(pos, list | tuple) and 2 <= len(pos) <= 3
        ok = ok and all(isinstance(v, int | float) and not isinstance(v, bool) for v in pos)
        if not ok or not all(math.isfinite(v) for v in pos):
            raise ValueError(
                f"{where}, position {i}: expected [lon, lat] as finite numbers, got {str(pos)[:60]}"
            )
        lon, lat = float(pos[0]), float(pos[1])
        if not (-540.0 <= lon <= 540.0 and -90.0 <= lat <= 90.0):
            raise ValueError(
                f"{where}, position {i}: expected lon within -540..540 and lat within -90..90 degrees, "
                f"got [{lon:g}, {lat:g}]"
            )
        out.append((lon, lat))
    return out
