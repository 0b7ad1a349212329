"""The export formats by name, and one way to write any of them to bytes or to a file.

=========  ==========  ==========================================  ==============================
name       suffix      content                                      opens in
=========  ==========  ==========================================  ==============================
geojson    .geojson    one FeatureCollection (RFC 7946), ``layer``   QGIS, GDAL, geopandas, web maps
gpkg       .gpkg       one layer per kind, typed fields, EPSG:4326  QGIS, ArcGIS, GDAL
kml        .kml        a folder per layer, the app's colours         Google Earth, QGIS
csv        .csv        one row per feature, WKT geometry             spreadsheets, QGIS, GDAL
fgb        .fgb        one FlatGeobuf layer, ``layer`` column        QGIS, GDAL, web (streaming)
=========  ==========  ==========================================  ==============================
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from geo.export.content import ExportContent
from geo.export.csv_wkt import dumps_csv
from geo.export.geojson import dumps_geojson
from geo.export.kml import dumps_kml
from geo.export.ogr import fgb_bytes, gpkg_bytes

__all__ = ["FORMATS", "ExportFormat", "export_bytes", "format_for_path", "write_export"]


@dataclass(frozen=True, slots=True)
class ExportFormat:
    """One output format: its name, file suffix, MIME type and a label for people."""

    name: str
    suffix: str
    mime: str
    label: str
    text: bool


#: The formats, by name, in the order offered to users.
FORMATS: dict[str, ExportFormat] = {
    f.name: f
    for f in (
        ExportFormat("geojson", ".geojson", "application/geo+json", "GeoJSON (QGIS, web maps)", True),
        ExportFormat("gpkg", ".gpkg", "application/geopackage+sqlite3", "GeoPackage (QGIS, ArcGIS)", False),
        ExportFormat("kml", ".kml", "application/vnd.google-earth.kml+xml", "KML (Google Earth)", True),
        ExportFormat("csv", ".csv", "text/csv", "CSV with WKT (spreadsheets)", True),
        ExportFormat("fgb", ".fgb", "application/flatgeobuf", "FlatGeobuf (QGIS, GDAL)", False),
    )
}

_SUFFIXES = {f.suffix: f.name for f in FORMATS.values()} | {".json": "geojson"}


def _check(fmt: str) -> ExportFormat:
    try:
        return FORMATS[fmt]
    except KeyError:
        raise ValueError(f"unknown export format {fmt!r}; expected one of {', '.join(FORMATS)}") from None


def export_bytes(content: ExportContent, fmt: str) -> bytes:
    """``content`` in format ``fmt`` (a key of :data:`FORMATS`) as the bytes of a file.

    Raises
    ------
    ValueError
        An unknown format, or empty content.
    """
    _check(fmt)
    if fmt == "gpkg":
        return gpkg_bytes(content)
    if fmt == "fgb":
        return fgb_bytes(content)
    if not len(content):
        raise ValueError("nothing to export: the view has no launch and no overlay")
    writers: dict[str, Callable[[ExportContent], str]] = {
        "geojson": lambda c: dumps_geojson(c.table()),
        "kml": dumps_kml,
        "csv": dumps_csv,
    }
    return writers[fmt](content).encode("utf-8")


def format_for_path(path: str | Path) -> str | None:
    """The format a file name asks for by its suffix (``x.gpkg`` → ``"gpkg"``), or None."""
    return _SUFFIXES.get(Path(path).suffix.lower())


def write_export(content: ExportContent, path: str | Path, fmt: str, *, overwrite: bool = False) -> Path:
    """Write ``content`` in format ``fmt`` to ``path``, atomically; return the path.

    The file is written next to ``path`` under a temporary name and renamed into place, so a
    failed export never leaves a half-written file, and an existing file is replaced only with
    ``overwrite=True``.

    Raises
    ------
    FileExistsError
        ``path`` exists and ``overwrite`` is false.
    FileNotFoundError
        The folder of ``path`` does not exist.
    ValueError
        An unknown format, or empty content.
    """
    p = Path(path)
    _check(fmt)
    if p.exists() and not overwrite:
        raise FileExistsError(f"{p} exists already")
    if not p.parent.is_dir():
        raise FileNotFoundError(f"folder {p.parent} does not exist")
    data = export_bytes(content, fmt)
    fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".part", dir=p.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, p)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return p
