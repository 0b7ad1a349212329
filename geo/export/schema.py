"""The exported layers: their names, titles, descriptions, geometry types and typed columns.

Every writer of :mod:`geo.export` takes its layer names, folder titles, layer descriptions and field
types from :data:`LAYER_SPECS`; :func:`typed_column` gives a column its pandas dtype (``string``,
``float64``, nullable ``Int32``, ``boolean``, ``datetime64[ms]``), which GDAL writes as TEXT, REAL,
INTEGER, BOOLEAN and DATETIME fields.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import geopandas as gpd
import numpy as np
import pandas as pd
from shapely.geometry.base import BaseGeometry

from geo.records import RECORD_FIELDS

__all__ = ["LAYER_SPECS", "ColumnKind", "LayerSpec"]

ColumnKind = Literal["str", "float", "int", "bool", "datetime"]


@dataclass(frozen=True, slots=True)
class LayerSpec:
    """One kind of exported feature.

    Attributes
    ----------
    name : str
        Layer name in GeoPackage / KML folder id, e.g. ``"range_rings"``.
    kind : str
        The ``layer`` value of these features in single-table formats, e.g. ``"range_ring"``.
    title : str
        Human title (KML folder name, GeoPackage identifier).
    description : str
        What the layer holds, in plain words (GeoPackage layer description, KML folder description).
    geometry_type : {"Point", "MultiPolygon"}
        Geometry type of the layer in typed formats (polygons are promoted to MultiPolygon there).
    style : str
        Key of :data:`geo.mapview.OVERLAY_STYLES` giving the layer's colours, or ``"launch"``.
    columns : tuple of (str, str)
        Attribute columns and their kinds (``str``, ``float``, ``int``, ``bool``, ``datetime``).
    """

    name: str
    kind: str
    title: str
    description: str
    geometry_type: Literal["Point", "MultiPolygon"]
    style: str
    columns: tuple[tuple[str, ColumnKind], ...]


_KINDS: dict[str, ColumnKind] = {
    "str": "str",
    "float": "float",
    "int": "int",
    "bool": "bool",
    "date": "str",  # as reported: "1984-09" has month precision; date_start is the typed value
    "time": "str",
    "datetime": "str",  # datetime_utc as stored: ISO 8601 UTC text ("2017-05-13T20:27Z")
}

_LAUNCH_COLUMNS: tuple[tuple[str, ColumnKind], ...] = (
    *((f.name, _KINDS[f.kind]) for f in RECORD_FIELDS),
    ("date_start", "datetime"),
    ("label", "str"),
    ("selected", "bool"),
    ("is_estimate", "bool"),
)
_RING_COLUMNS: tuple[tuple[str, ColumnKind], ...] = (
    ("event_id", "str"),
    ("label", "str"),
    ("radius_km", "float"),
    ("center_lon", "float"),
    ("center_lat", "float"),
    ("tolerance_km", "float"),
    ("area_km2", "float"),
    ("method", "str"),
    ("is_estimate", "bool"),
)
_REGION_COLUMNS: tuple[tuple[str, ColumnKind], ...] = (
    ("event_id", "str"),
    ("label", "str"),
    ("uncertainty_km", "float"),
    ("rule", "str"),
    ("explanation", "str"),
    ("is_estimate", "bool"),
)
_REACH_COLUMNS: tuple[tuple[str, ColumnKind], ...] = (
    ("event_id", "str"),
    ("label", "str"),
    ("range_km", "float"),
    ("system", "str"),
    ("kind", "str"),
    ("source", "str"),
    ("launch_area", "str"),
    ("accuracy_km", "float"),
    ("area_km2", "float"),
    ("method", "str"),
    ("is_estimate", "bool"),
)
_IMPACT_COLUMNS: tuple[tuple[str, ColumnKind], ...] = (
    ("event_id", "str"),
    ("label", "str"),
    ("uncertainty_km", "float"),
    ("impact_lon", "float"),
    ("impact_lat", "float"),
    ("explanation", "str"),
    ("maritime_verdict", "str"),
    ("is_estimate", "bool"),
)
_VERDICT_COLUMNS: tuple[tuple[str, ColumnKind], ...] = (
    ("event_id", "str"),
    ("label", "str"),
    ("zone", "str"),
    ("state", "str"),
    ("verdict", "str"),
    ("caveats", "str"),
    ("uncertainty_km", "float"),
    ("is_estimate", "bool"),
)

#: The exported layers, in drawing order (launches first; estimates after the reported facts).
LAYER_SPECS: tuple[LayerSpec, ...] = (
    LayerSpec(
        "launches",
        "launch_event",
        "Launches",
        "Reported launches of this view, one point per missile at the reported launch place (the "
        "source's point for the site or area: see location_precision). Every catalogue attribute is "
        "kept; a launch whose place was not reported has no geometry.",
        "Point",
        "launch",
        _LAUNCH_COLUMNS,
    ),
    LayerSpec(
        "range_rings",
        "range_ring",
        "Range rings",
        "Everything within radius_km of the reported launch point, measured along the WGS84 "
        "ellipsoid (geodesic), not on a flat map. Edges stay within tolerance_km of the true "
        "distance; rings are split at 180° and closed over a pole they enclose.",
        "MultiPolygon",
        "range_ring",
        _RING_COLUMNS,
    ),
    LayerSpec(
        "reported_distance_rings",
        "reported_distance",
        "Reported flight distance",
        "A geodesic ring at the distance the missile was reported to fly, around the reported "
        "launch point: it came down near this ring. The ring implies no direction.",
        "MultiPolygon",
        "reported_distance",
        _RING_COLUMNS,
    ),
    LayerSpec(
        "launch_regions",
        "launch_region_estimate",
        "Estimated launch area",
        "ESTIMATE: where the launch was probably made from, within uncertainty_km of the point "
        "used for the rings (from the gazetteer; rule and explanation say how).",
        "MultiPolygon",
        "launch_region",
        _REGION_COLUMNS,
    ),
    LayerSpec(
        "reach",
        "reach",
        "Reach of the launch area",
        "ESTIMATE: what each range reaches from the estimated launch area, measured along the WGS84 "
        "ellipsoid. kind 'outer': within range_km of some point of the area; 'inner': within range_km "
        "of every point of it (reached wherever it was launched); 'band': between the two, its width "
        "showing how uncertain the launch place is. Features with a system are that system's estimated "
        "maximum range (source cites it). Limits stray at most accuracy_km from the truth.",
        "MultiPolygon",
        "reach_band",
        _REACH_COLUMNS,
    ),
    LayerSpec(
        "impact_zones",
        "impact_zone_estimate",
        "Estimated impact area",
        "ESTIMATE, not a reported impact point: the geodesic sector of the reported bearing and "
        "distance, each with its uncertainty, from the launch point, grown by the launch "
        "uncertainty. impact_lon/impact_lat is the estimated point.",
        "MultiPolygon",
        "impact_zone",
        _IMPACT_COLUMNS,
    ),
    LayerSpec(
        "maritime_verdicts",
        "maritime_verdict",
        "Whose waters (estimate)",
        "ESTIMATE: the maritime zone of the estimated impact point (land, territorial sea of 12 "
        "nautical miles, exclusive economic zone or high seas) and whose it is, with the share of "
        "the impact area in each zone in plain words.",
        "Point",
        "impact_point",
        _VERDICT_COLUMNS,
    ),
)
_SPEC_BY_NAME = {s.name: s for s in LAYER_SPECS}
SPEC_BY_NAME = _SPEC_BY_NAME


# ---------------------------------------------------------------------------------------------
# typed columns
# ---------------------------------------------------------------------------------------------


def missing(value: Any) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    try:
        return bool(isinstance(value, float | np.floating) and math.isnan(value))
    except TypeError:  # pragma: no cover - defensive
        return False


def text_or_none(value: Any) -> str | None:
    if missing(value):
        return None
    text = str(value)
    return text if text.strip() else None


def truthy(value: Any) -> bool:
    if missing(value):
        return False
    if isinstance(value, str):
        return value.strip().lower() in ("true", "t", "yes", "y", "1")
    return bool(value)


def typed_column(values: Iterable[Any] | pd.Series, kind: ColumnKind) -> pd.Series:
    """``values`` as a column of ``kind``: string, float64, Int32, boolean or datetime64 (naive UTC)."""
    s = values if isinstance(values, pd.Series) else pd.Series(list(values), dtype=object)
    s = s.reset_index(drop=True)
    if kind == "str":
        return pd.Series([text_or_none(v) for v in s], dtype="string")
    if kind == "float":
        return pd.to_numeric(s, errors="coerce").astype("float64")
    if kind == "int":
        num = pd.to_numeric(s, errors="coerce").astype("float64")
        whole = num.where(np.isfinite(num) & (num == np.round(num)))
        return whole.astype("Int32")
    if kind == "bool":
        if s.dtype == bool:
            return s.astype("boolean")
        return pd.Series([None if missing(v) else truthy(v) for v in s], dtype="boolean")
    out = pd.to_datetime(s, errors="coerce", utc=True)
    return out.dt.tz_localize(None).astype("datetime64[ms]")


def typed_frame(
    spec: LayerSpec, rows: Sequence[Mapping[str, Any]], geoms: Sequence[BaseGeometry | None]
) -> gpd.GeoDataFrame:
    data = {name: typed_column([row.get(name) for row in rows], kind) for name, kind in spec.columns}
    return gpd.GeoDataFrame(data, geometry=gpd.GeoSeries(list(geoms), crs="EPSG:4326"), crs="EPSG:4326")
