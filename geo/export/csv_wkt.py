"""CSV for spreadsheets and GIS: one row per feature, every attribute, geometry as WKT.

One table like the GeoJSON: a ``layer`` column names each row's kind (``launch_event``,
``range_ring``, ...), then every attribute of every layer (empty where a kind lacks it), then
``WKT``: the geometry as Well-Known Text in WGS84 longitude/latitude (EPSG:4326), 6 decimals,
polygons split at 180° like the GeoJSON. GDAL (QGIS "Add delimited text layer", ``ogrinfo``)
reads the ``WKT`` column as the geometry.

Spreadsheet safety: a text cell a spreadsheet would run as a formula (starting with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return, and not a plain number) gets a leading ``'``
(:func:`geo.records.csv_safe_text`), so ``=HYPERLINK(...)`` from a user's file shows as text.
Numbers are written exactly (``repr``), flags as ``true``/``false``, times as ISO 8601.

Note: a cell holds at most 32,767 characters in Excel; a 13,000 km ring is about 20,000.
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import math
from typing import Any

import pandas as pd
import shapely
from shapely.geometry.base import BaseGeometry

from geo.export._geometry import check_geometry, round_geometry
from geo.export.content import ExportContent
from geo.records import csv_safe_text

__all__ = ["dumps_csv"]


def _cell(value: Any) -> str:
    if value is None or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, pd.Timestamp | _dt.datetime | _dt.date):
        return value.isoformat()
    return csv_safe_text(value)


def _wkt(geom: BaseGeometry | None, precision: int, where: str) -> str:
    if geom is None or geom.is_empty:
        return ""
    check_geometry(geom, where)
    return str(shapely.to_wkt(round_geometry(geom, precision), rounding_precision=precision, trim=True))


def dumps_csv(content: ExportContent, *, precision: int = 6) -> str:
    """``content`` as CSV text: header row, one row per feature, ``WKT`` last (deterministic).

    Raises
    ------
    ValueError
        When ``content`` is empty.
    """
    if not len(content):
        raise ValueError("nothing to export: the view has no launch and no overlay")
    table = content.table()
    columns = [c for c in table.columns if c != table.geometry.name]
    values = table[columns].astype(object).where(table[columns].notna(), None)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow([*columns, "WKT"])
    rows = values.itertuples(index=False, name=None)
    for i, (row, geom) in enumerate(zip(rows, table.geometry, strict=True)):
        writer.writerow([*(_cell(v) for v in row), _wkt(geom, precision, f"row {i + 1}")])
    return buf.getvalue()
