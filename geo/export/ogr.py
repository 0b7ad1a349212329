"""GeoPackage and FlatGeobuf through GDAL (pyogrio): typed fields, EPSG:4326, layer descriptions.

GeoPackage (``.gpkg``): one file, one layer per kind of feature (``launches``, ``range_rings``,
``reported_distance_rings``, ``launch_regions``, ``impact_zones``, ``maritime_verdicts``; only the
kinds the view has). Launches and verdicts are Points, areas MultiPolygons (a ring split at 180°
is one MultiPolygon). Fields are typed: REAL for numbers, INTEGER for counts, BOOLEAN for flags,
DATETIME for ``date_start``, TEXT otherwise. Each layer's description (``gpkg_contents``) says what
it holds; the title and attribution are in the dataset metadata. EPSG:4326, lon/lat.

FlatGeobuf (``.fgb``) holds one layer per file: the whole view goes in one file, like the GeoJSON,
with a ``layer`` column naming each feature's kind (geometry type "Unknown": points and polygons
mixed). FlatGeobuf's spatial index cannot hold a feature without geometry, so a view with
launches whose place was not reported is written without the index.

Coordinates are written as computed (full double precision), not rounded.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import cast

import geopandas as gpd
import pyogrio
import shapely
from shapely.geometry import Polygon
from shapely.geometry.base import BaseGeometry

from geo.export.content import ExportContent

__all__ = ["fgb_bytes", "gpkg_bytes", "write_fgb", "write_gpkg"]


def _multi(geom: BaseGeometry | None) -> BaseGeometry | None:
    if geom is None or geom.is_empty:
        return None
    return geom if geom.geom_type == "MultiPolygon" else shapely.MultiPolygon([cast(Polygon, geom)])


def _prepare(frame: gpd.GeoDataFrame, geometry_type: str) -> gpd.GeoDataFrame:
    out = frame.copy()
    if geometry_type == "MultiPolygon":
        geoms = [_multi(g) for g in out.geometry]
        out = out.set_geometry(gpd.GeoSeries(geoms, index=out.index, crs=out.crs))
    return out


def _metadata(content: ExportContent) -> dict[str, str]:
    return {
        "TITLE": content.title,
        "DESCRIPTION": content.description,
        "ATTRIBUTION": "; ".join(content.attribution),
    }


def write_gpkg(content: ExportContent, path: str | Path) -> Path:
    """Write ``content`` as a GeoPackage at ``path`` (which must not exist yet); return the path.

    Raises
    ------
    ValueError
        When ``content`` is empty.
    FileExistsError
        When ``path`` exists (GDAL would add layers to it instead of replacing it).
    """
    p = Path(path)
    if not len(content):
        raise ValueError("nothing to export: the view has no launch and no overlay")
    if p.exists():
        raise FileExistsError(f"{p} exists already")
    for i, layer in enumerate(content.layers):
        pyogrio.write_dataframe(
            _prepare(layer.frame, layer.spec.geometry_type),
            p,
            layer=layer.spec.name,
            driver="GPKG",
            geometry_type=layer.spec.geometry_type,
            layer_options={"IDENTIFIER": layer.spec.title, "DESCRIPTION": layer.spec.description},
            dataset_metadata=_metadata(content) if i == 0 else None,
            append=i > 0,
        )
    return p


def write_fgb(content: ExportContent, path: str | Path) -> Path:
    """Write ``content`` as one FlatGeobuf file at ``path`` (replaced if it exists); return the path.

    Raises
    ------
    ValueError
        When ``content`` is empty.
    """
    p = Path(path)
    if not len(content):
        raise ValueError("nothing to export: the view has no launch and no overlay")
    table = content.table()
    has_null = bool(table.geometry.isna().any() or table.geometry.is_empty.any())
    pyogrio.write_dataframe(
        table,
        p,
        layer="launch_atlas",
        driver="FlatGeobuf",
        geometry_type="Unknown",
        layer_options={
            "SPATIAL_INDEX": "NO" if has_null else "YES",
            "TITLE": content.title,
            "DESCRIPTION": content.description,
        },
    )
    return p


def _via_tempfile(content: ExportContent, suffix: str, writer: object) -> bytes:
    with tempfile.TemporaryDirectory(prefix="launch-atlas-") as tmp:
        target = Path(tmp) / f"export{suffix}"
        writer(content, target)  # type: ignore[operator]
        return target.read_bytes()


def gpkg_bytes(content: ExportContent) -> bytes:
    """The GeoPackage of ``content`` as bytes (written in a private temporary folder)."""
    return _via_tempfile(content, ".gpkg", write_gpkg)


def fgb_bytes(content: ExportContent) -> bytes:
    """The FlatGeobuf file of ``content`` as bytes (written in a private temporary folder)."""
    return _via_tempfile(content, ".fgb", write_fgb)
