"""Geometries and properties made ready for the browser: display frame, rounding, escaping, encoding.

Display layers (land, coasts, zones) become GeoJSON FeatureCollections with :func:`prepare_layer`.
What changes with every step (rings, estimated areas) travels in the compact form of
:func:`encode_geometry`: coordinates quantised to 1e-4 degree (about 11 m), delta- and varint-encoded
into URL-safe text, five to eight characters a vertex instead of about eighteen in JSON, after a
display simplification far below a pixel at the zooms the map allows
(:data:`DISPLAY_TOLERANCE_DEG`). The browser decodes it (``runtime.js``: ``LA.decode``);
:func:`decode_geometry` is the same in Python, for tests.

Coordinates are (lon, lat) degrees; geometries are moved into the display frame of
:func:`geo.layers.to_display_frame` (longitudes in [-30, 330), not RFC 7946: display only).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry import mapping
from shapely.geometry.base import BaseGeometry

from geo.layers import DISPLAY_WEST_LON, to_display_frame
from geo.safetext import html_text

__all__ = [
    "COORD_SCALE",
    "DISPLAY_TOLERANCE_DEG",
    "decode_coords",
    "decode_geometry",
    "display_tolerance",
    "encode_coords",
    "encode_geometry",
    "prepare_layer",
]

#: Quantisation of encoded coordinates: 1e-4 degree (about 11 m on the ground).
COORD_SCALE = 10_000
#: Default simplification of overlays for display, degrees (about 110 m; under a pixel below zoom 11).
DISPLAY_TOLERANCE_DEG = 0.001
#: Display simplification relative to an overlay's size (see :func:`display_tolerance`).
RELATIVE_TOLERANCE = 1e-4
_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
_INDEX = {c: i for i, c in enumerate(_ALPHABET)}


# --------------------------------------------------------------------------- values


def num(v: Any) -> float | None:
    """A finite float, or None (for missing, NaN or non-numeric values)."""
    try:
        f = float(v)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(f) or math.isinf(f) else f


def clean_value(v: Any) -> Any:
    """A JSON-safe property value; text is HTML-escaped (:func:`geo.safetext.html_text`)."""
    if v is None:
        return None
    if isinstance(v, bool | np.bool_):
        return bool(v)
    if isinstance(v, int | np.integer):
        return int(v)
    if isinstance(v, float | np.floating):
        return num(v)
    try:
        if pd.isna(v):
            return None
    except (TypeError, ValueError):
        pass
    return html_text(v)


def display_lon(lon: float) -> float:
    """A longitude in the display frame ([-30, 330))."""
    return lon + 360.0 if lon < DISPLAY_WEST_LON else lon


def round_coords(obj: Any, decimals: int) -> Any:
    """Every float of a nested GeoJSON coordinate structure rounded (no ``-0.0``)."""
    if isinstance(obj, dict):
        return {k: round_coords(v, decimals) for k, v in obj.items()}
    if isinstance(obj, float):
        r = round(obj, decimals)
        return 0.0 if r == 0 else r
    if isinstance(obj, list | tuple):
        return [round_coords(x, decimals) for x in obj]
    return obj


# --------------------------------------------------------------------------- GeoJSON layers


def feature(geom: BaseGeometry, props: Mapping[str, Any], decimals: int) -> dict[str, Any] | None:
    """A display-frame GeoJSON Feature with escaped properties, or None for an empty geometry."""
    if geom is None or geom.is_empty:
        return None
    disp = to_display_frame(geom, west_lon=DISPLAY_WEST_LON)
    if disp is None or disp.is_empty:
        return None
    return {
        "type": "Feature",
        "properties": {str(k): clean_value(v) for k, v in props.items()},
        "geometry": round_coords(mapping(disp), decimals),
    }


def prepare_layer(gdf: gpd.GeoDataFrame, *, keep: Sequence[str] = (), decimals: int = 3) -> dict[str, Any]:
    """A display-ready GeoJSON FeatureCollection of a layer (what the map draws).

    Geometries are moved into the display frame (longitudes in [-30, 330): *not* RFC 7946, display only),
    coordinates rounded to ``decimals`` (3 = about 110 m), only the ``keep`` properties kept and their
    text HTML-escaped (Leaflet tooltips insert text as HTML).

    Parameters
    ----------
    gdf : GeoDataFrame
        Layer in lon/lat (EPSG:4326).
    keep : sequence of str
        Property columns to keep (missing columns are ignored).
    decimals : int
        Decimal places of the coordinates.

    Examples
    --------
    >>> from shapely.geometry import Point
    >>> g = gpd.GeoDataFrame({"name": ["<b>Sea</b>"]}, geometry=[Point(-150.12345, 20)], crs=4326)
    >>> fc = prepare_layer(g, keep=["name"])
    >>> fc["features"][0]["properties"]["name"], fc["features"][0]["geometry"]["coordinates"]
    ('&lt;b&gt;Sea&lt;/b&gt;', [209.877, 20.0])
    """
    cols = [c for c in keep if c in gdf.columns]
    feats = []
    for geom, (_, row) in zip(gdf.geometry, gdf[cols].iterrows(), strict=True):
        f = feature(geom, row.to_dict(), decimals)
        if f is not None:
            feats.append(f)
    return {"type": "FeatureCollection", "features": feats}


# --------------------------------------------------------------------------- rings and bounds


def ring_outline(geom: BaseGeometry) -> BaseGeometry:
    """The ring line of a (split, possibly pole-closed) ring polygon, without its artificial edges.

    Drops edges running along the ±180° meridian (where the geodesy module splits rings) or along a
    pole (where a ring enclosing the pole is closed); what is left are the true ring vertices, in order.
    """
    lines: list[list[tuple[float, float]]] = []
    for poly in shapely.get_parts(geom):
        if not isinstance(poly, shapely.Polygon):
            continue
        for ring in (poly.exterior, *poly.interiors):
            coords = [(float(x), float(y)) for x, y in ring.coords]
            current = [coords[0]]
            for a, b in itertools.pairwise(coords):
                seam = abs(a[0]) == 180.0 and a[0] == b[0]
                pole = abs(a[1]) >= 89.9999 and abs(b[1]) >= 89.9999
                if seam or pole:
                    if len(current) > 1:
                        lines.append(current)
                    current = [b]
                else:
                    current.append(b)
            if len(current) > 1:
                lines.append(current)
    if not lines:
        return geom.boundary
    return shapely.line_merge(shapely.MultiLineString(lines))


def bounds_of(geoms: Iterable[BaseGeometry]) -> list[list[float]] | None:
    """``[[south, west], [north, east]]`` of geometries in the display frame (Leaflet's order)."""
    disp = [to_display_frame(g) for g in geoms if g is not None and not g.is_empty]
    if not disp:
        return None
    minx, miny, maxx, maxy = shapely.GeometryCollection(disp).bounds
    miny, maxy = max(miny, -85.0), min(maxy, 85.0)
    return [[round(miny, 4), round(minx, 4)], [round(maxy, 4), round(maxx, 4)]]


def display_tolerance(geom: BaseGeometry) -> float:
    """Simplification tolerance (degrees) for drawing ``geom``: 1/10,000 of its extent, 0.0005 to 0.005.

    A shape is drawn no more than a ten-thousandth of its own size off: a 1,500 km ring (27 degrees
    across) within 0.0027 degree (about 300 m, a third of a pixel when the ring fills a 3,000-pixel
    screen), a launch county within 0.0005 degree (55 m).

    >>> display_tolerance(shapely.box(120, 30, 147, 50)), display_tolerance(shapely.box(126, 39, 127, 40))
    (0.0027, 0.0005)
    """
    if geom is None or geom.is_empty:
        return DISPLAY_TOLERANCE_DEG
    minx, miny, maxx, maxy = geom.bounds
    return round(min(0.005, max(0.0005, RELATIVE_TOLERANCE * max(maxx - minx, maxy - miny))), 6)


# --------------------------------------------------------------------------- compact encoding


def encode_coords(coords: Sequence[Sequence[float]]) -> str:
    """(x, y) pairs as text: quantised to 1e-4, delta, zigzag, 5-bit varint chunks in a URL-safe alphabet.

    >>> decode_coords(encode_coords([(126.80487, 39.27572), (-0.00004, 89.99999)]))
    [[126.8049, 39.2757], [0.0, 90.0]]
    """
    out: list[str] = []
    px = py = 0
    for c in coords:
        x, y = round(float(c[0]) * COORD_SCALE), round(float(c[1]) * COORD_SCALE)
        for d in (x - px, y - py):
            v = d * 2 if d >= 0 else -d * 2 - 1
            while v >= 32:
                out.append(_ALPHABET[(v & 31) | 32])
                v >>= 5
            out.append(_ALPHABET[v])
        px, py = x, y
    return "".join(out)


def decode_coords(text: str) -> list[list[float]]:
    """The (x, y) pairs of :func:`encode_coords` (to 1e-4)."""
    values: list[int] = []
    v = shift = 0
    for ch in text:
        c = _INDEX[ch]
        v |= (c & 31) << shift
        if c & 32:
            shift += 5
            continue
        values.append(-((v + 1) >> 1) if v & 1 else v >> 1)
        v = shift = 0
    if len(values) % 2:
        raise ValueError("encoded coordinates: odd number of values")
    out: list[list[float]] = []
    x = y = 0
    for dx, dy in zip(values[0::2], values[1::2], strict=True):
        x, y = x + dx, y + dy
        out.append([x / COORD_SCALE, y / COORD_SCALE])
    return out


def _nest(obj: Any, depth: int, fn: Any) -> Any:
    return fn(obj) if depth == 0 else [_nest(o, depth - 1, fn) for o in obj]


_DEPTH = {"LineString": 0, "MultiLineString": 1, "Polygon": 1, "MultiPolygon": 2}


def encode_geometry(
    geom: BaseGeometry, *, tolerance_deg: float = DISPLAY_TOLERANCE_DEG
) -> dict[str, Any] | None:
    """A display geometry as ``{"t": type, "c": encoded coordinates}`` (None if empty).

    The geometry is moved into the display frame, simplified by ``tolerance_deg`` (0 to keep every
    vertex; kept vertices are original ones) and quantised to 1e-4 degree. A Point is ``[lon, lat]``;
    each coordinate sequence of the other types is one string.

    Examples
    --------
    >>> from shapely.geometry import LineString
    >>> enc = encode_geometry(LineString([(126.8, 39.3), (127.5, 40.0)]))
    >>> enc
    {'t': 'LineString', 'c': 'gystCwy_Xw1Nw1N'}
    >>> decode_geometry(enc)
    {'type': 'LineString', 'coordinates': [[126.8, 39.3], [127.5, 40.0]]}
    """
    if geom is None or geom.is_empty:
        return None
    disp = to_display_frame(geom, west_lon=DISPLAY_WEST_LON)
    if disp is None or disp.is_empty:
        return None
    if tolerance_deg > 0 and not isinstance(disp, shapely.Point | shapely.MultiPoint):
        simple = disp.simplify(
            tolerance_deg, preserve_topology=isinstance(disp, shapely.Polygon | shapely.MultiPolygon)
        )
        if not simple.is_empty:
            disp = simple
    gj = mapping(disp)
    kind = gj["type"]
    if kind == "Point":
        return {
            "t": "Point",
            "c": [round(float(gj["coordinates"][0]), 4), round(float(gj["coordinates"][1]), 4)],
        }
    if kind == "GeometryCollection":
        parts = [p for p in shapely.get_parts(disp) if not p.is_empty]
        lines = [p for p in parts if isinstance(p, shapely.LineString | shapely.MultiLineString)]
        polys = [p for p in parts if isinstance(p, shapely.Polygon | shapely.MultiPolygon)]
        merged = (
            shapely.union_all(polys)
            if polys
            else shapely.MultiLineString([*shapely.get_parts(shapely.union_all(lines))])
        )
        return encode_geometry(merged, tolerance_deg=0)
    if kind not in _DEPTH:
        raise ValueError(f"cannot encode a {kind}")
    return {"t": kind, "c": _nest(gj["coordinates"], _DEPTH[kind], encode_coords)}


def decode_geometry(enc: Mapping[str, Any]) -> dict[str, Any]:
    """The GeoJSON geometry (display frame) of :func:`encode_geometry`'s output."""
    kind = str(enc["t"])
    if kind == "Point":
        return {"type": "Point", "coordinates": [float(enc["c"][0]), float(enc["c"][1])]}
    if kind not in _DEPTH:
        raise ValueError(f"cannot decode a {kind}")
    return {"type": kind, "coordinates": _nest(enc["c"], _DEPTH[kind], decode_coords)}
