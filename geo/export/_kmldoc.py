"""KML document building with fastkml (imported only when a KML is written; see :mod:`geo.export.kml`)."""

from __future__ import annotations

import datetime as _dt
import html
import math
import warnings
from collections.abc import Iterable, Mapping
from typing import Any, cast

import pandas as pd
import pygeoif
from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry

with warnings.catch_warnings():  # fastkml warns at import when lxml is missing (it is a pinned dependency)
    warnings.simplefilter("ignore", UserWarning)
    from fastkml import (
        KML,
        BalloonStyle,
        Data,
        Document,
        ExtendedData,
        Folder,
        IconStyle,
        KmlDateTime,
        LabelStyle,
        LineStyle,
        LookAt,
        Placemark,
        PolyStyle,
        Schema,
        SchemaData,
        SimpleData,
        SimpleField,
        Style,
        StyleUrl,
        TimeStamp,
    )
    from fastkml.enums import AltitudeMode, DataType, DateTimeResolution
    from fastkml.geometry import create_kml_geometry

from geo.export._geometry import globe_tiles, round_geometry, true_outline
from geo.export.content import ExportContent, ExportLayer
from geo.export.kml import kml_colour
from geo.launchtime import parse_datetime_utc
from geo.mapview import OVERLAY_STYLES

__all__ = ["build_kml"]

#: Launch pins: the map's launch-place grey, and its selected-launch red.
_LAUNCH_COLOUR = "#37474f"
_SELECTED_COLOUR = "#b3261e"
_KML_TYPES = {"str": DataType.string, "float": DataType.double, "int": DataType.int_, "bool": DataType.bool_}
#: GDAL's KML readers keep ``id`` for the placemark's own XML id (and would rename ours ``id2``), so a
#: launch's id is written as ``event_id``, the name every overlay uses for it too.
_RENAMED = {"id": "event_id"}
_BALLOON = "$[description]"  # no $[name], no ExtendedData table: only the escaped description
#: Google Earth's own round pin (shipped with Google Earth; tinted by the style's colour).
_ICON = "http://maps.google.com/mapfiles/kml/shapes/placemark_circle.png"


def _text(value: Any) -> str:
    """Balloon-safe HTML text: escaped, and Google Earth's ``$[entity]`` syntax made literal."""
    return html.escape(str(value), quote=True).replace("$[", "&#36;[")


def _missing(value: Any) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def _value_text(value: Any) -> str:
    """An attribute value as SchemaData text (round-trips through GDAL)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, pd.Timestamp | _dt.datetime):
        return value.isoformat()
    return str(value)


_REACH_STYLES = {"band": "reach_band", "outer": "reach_outer", "inner": "reach_inner"}


def _styles() -> list[Style]:
    balloon = BalloonStyle(text=_BALLOON)
    pin = IconStyle(color=kml_colour(_LAUNCH_COLOUR), scale=0.8, icon_href=_ICON)
    selected_pin = IconStyle(color=kml_colour(_SELECTED_COLOUR), scale=1.4, icon_href=_ICON)
    out = [
        Style(id="launch", styles=[pin, LabelStyle(scale=0.0), balloon]),  # 349 labels would bury the map
        Style(id="launch_selected", styles=[selected_pin, LabelStyle(scale=1.0), balloon]),
    ]
    for kind, st in OVERLAY_STYLES.items():
        fill = float(st.get("fillOpacity") or 0.0)
        styles: list[Any] = [
            LineStyle(color=kml_colour(st["color"], 0.95), width=float(st["weight"]) * 1.5),
            PolyStyle(color=kml_colour(st["color"], fill), fill=fill > 0, outline=False),
            IconStyle(color=kml_colour(st["color"]), scale=1.2, icon_href=_ICON),
            balloon,
        ]
        out.append(Style(id=kind, styles=styles))
    return out


def _schema(layer: ExportLayer) -> Schema:
    fields = [
        SimpleField(name=_RENAMED.get(name, name), type_=_KML_TYPES.get(kind, DataType.string))
        for name, kind in layer.spec.columns
    ]
    return Schema(id=f"{layer.spec.name}_schema", name=layer.spec.name, fields=fields)


def _description(row: Mapping[str, Any], layer: ExportLayer) -> str:
    cells = "".join(
        f"<tr><th align='left'>{_text(_RENAMED.get(name, name))}</th>"
        f"<td>{_text(_value_text(row[name]))}</td></tr>"
        for name, _ in layer.spec.columns
        if name != "label" and not _missing(row.get(name))
    )
    return (
        f"<h3>{_text(row.get('label') or layer.spec.title)}</h3>"
        f"<table>{cells}</table><p><i>{_text(layer.spec.description)}</i></p>"
    )


def _timestamp(date_text: Any, instant_text: Any = None) -> TimeStamp | None:
    """The launch's instant (UTC) when known, else its local date at the precision reported."""
    instant = None if _missing(instant_text) else parse_datetime_utc(str(instant_text))
    if instant is not None:
        return TimeStamp(timestamp=KmlDateTime(instant, DateTimeResolution.datetime))
    if _missing(date_text):
        return None
    resolutions = (DateTimeResolution.year, DateTimeResolution.year_month, DateTimeResolution.date)
    try:
        nums = [int(p) for p in str(date_text).split("-")]
        day = _dt.date(nums[0], nums[1] if len(nums) > 1 else 1, nums[2] if len(nums) > 2 else 1)
        return TimeStamp(timestamp=KmlDateTime(day, resolutions[min(len(nums), 3) - 1]))
    except (ValueError, IndexError):
        return None


def _geometry(geom: BaseGeometry | None, precision: int) -> Any:
    if geom is None or geom.is_empty:
        return None
    if isinstance(geom, Point):
        return create_kml_geometry(pygeoif.shape(cast(Any, round_geometry(geom, precision))))
    pieces: list[BaseGeometry] = [round_geometry(p, precision) for p in globe_tiles(geom)]
    lines: list[BaseGeometry] = [round_geometry(line, precision) for line in true_outline(geom)]
    parts = [g for g in (*pieces, *lines) if not g.is_empty]
    collection = pygeoif.GeometryCollection([pygeoif.shape(cast(Any, g)) for g in parts])
    return create_kml_geometry(collection, tessellate=True)


def _placemarks(layer: ExportLayer, precision: int) -> Iterable[Placemark]:
    frame = layer.frame
    columns = [name for name, _ in layer.spec.columns]
    schema_url = f"#{layer.spec.name}_schema"
    is_launch = layer.spec.name == "launches"
    records = frame[columns].astype(object).where(frame[columns].notna(), None).to_dict("records")
    for row, geom in zip(records, frame.geometry, strict=True):
        data = [
            SimpleData(name=_RENAMED.get(name, name), value=_value_text(row[name]))
            for name in columns
            if not _missing(row[name])
        ]
        style = layer.spec.style
        if is_launch:
            style = "launch_selected" if row.get("selected") is True else "launch"
        elif layer.spec.name == "reach":  # the map's styles: a filled band, the limits as lines
            style = (
                _REACH_STYLES.get(str(row.get("kind")), style) if not row.get("system") else "system_range"
            )
        yield Placemark(
            name=str(row.get("label") or layer.spec.title),
            description=_description(row, layer),
            times=_timestamp(row.get("date"), row.get("datetime_utc")) if is_launch else None,
            style_url=StyleUrl(url=f"#{style}"),
            extended_data=ExtendedData(elements=[SchemaData(schema_url=schema_url, data=data)]),
            kml_geometry=_geometry(geom, precision),
        )


def _look_at(content: ExportContent) -> LookAt | None:
    launches = content.layer("launches")
    if launches is None:
        return None
    frame = launches.frame
    chosen = frame[frame["selected"].fillna(False).astype(bool)]
    if chosen.empty or chosen.geometry.iloc[0] is None:
        return None
    point = chosen.geometry.iloc[0]
    reach_km = 1000.0
    for name in ("range_rings", "reported_distance_rings"):
        lay = content.layer(name)
        if lay is not None:
            reach_km = max(reach_km, float(lay.frame["radius_km"].max()))
    return LookAt(
        longitude=round(float(point.x), 6),
        latitude=round(float(point.y), 6),
        altitude=0.0,
        heading=0.0,
        tilt=0.0,
        range=min(max(reach_km * 2_600.0, 500_000.0), 30_000_000.0),
        altitude_mode=AltitudeMode.relative_to_ground,
    )


def build_kml(content: ExportContent, *, precision: int = 6) -> str:
    """``content`` as KML text; see :func:`geo.export.kml.dumps_kml`."""
    folders = [
        Folder(
            id=layer.spec.name,
            name=layer.spec.title,
            description=_text(layer.spec.description),
            features=list(_placemarks(layer, precision)),
        )
        for layer in content.layers
    ]
    about = "".join(f"<p>{_text(line)}</p>" for line in (content.description, *content.attribution))
    doc = Document(
        id="launch_atlas",
        name=content.title,
        isopen=True,
        description=about,
        view=_look_at(content),
        styles=_styles(),
        schemata=[_schema(layer) for layer in content.layers],
        features=folders,
        extended_data=ExtendedData(elements=[Data(name="generator", value="Launch Atlas")]),
    )
    text = KML(features=[doc]).to_string(prettyprint=True, precision=precision)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + text + ("" if text.endswith("\n") else "\n")
