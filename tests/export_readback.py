"""Read an exported file back with GDAL (pyogrio), a reader independent of the writers.

GeoJSON, GeoPackage, FlatGeobuf and CSV are written by Launch Atlas (GDAL writes the GeoPackage and
FlatGeobuf) and KML by fastkml; all are read back here by GDAL's own drivers, the way QGIS opens them.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pyogrio
import shapely
from shapely.geometry.base import BaseGeometry

from geo.export import LAYER_SPECS

KIND_OF_NAME = {s.name: s.kind for s in LAYER_SPECS}
KIND_OF_TITLE = {s.title: s.kind for s in LAYER_SPECS}


def areal(geom: BaseGeometry | None) -> BaseGeometry | None:
    """The polygonal part of a geometry read back (KML areas are polygon pieces plus outline lines)."""
    if geom is None or geom.is_empty:
        return None
    polys = [p for p in shapely.get_parts(geom) if p.geom_type in ("Polygon", "MultiPolygon")]
    if not polys:
        return None
    return shapely.unary_union(polys)


def read_back(path: Path, fmt: str) -> dict[str, gpd.GeoDataFrame]:
    """Features of an export by kind (``launch_event``, ``range_ring``, ...), read by GDAL."""
    out: dict[str, gpd.GeoDataFrame] = {}
    if fmt in ("gpkg", "kml"):
        for name, _ in pyogrio.list_layers(path):
            frame = pyogrio.read_dataframe(path, layer=name)
            kind = KIND_OF_NAME.get(name) or KIND_OF_TITLE[name]
            if fmt == "kml" and kind == "launch_event":  # KML names a launch's id event_id
                frame = frame.drop(columns="id").rename(columns={"event_id": "id"})
            out[kind] = frame
        return out
    frame = pyogrio.read_dataframe(path, **({"AUTODETECT_TYPE": "YES"} if fmt == "csv" else {}))
    for kind, group in frame.groupby("layer", sort=False):
        out[str(kind)] = group.reset_index(drop=True)
    return out
