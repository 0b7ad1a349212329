"""Reading a rendered map back (tests, payload checks): its update payloads, features, outside URLs."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlparse

from geo.mapview.features import decode_geometry

__all__ = ["external_urls", "map_geojson_features", "map_update_payloads", "shown_texts"]


def map_update_payloads(script: str) -> list[dict[str, Any]]:
    """Every ``LA.update`` payload in a rendered map script, in order.

    Parameters
    ----------
    script : str
        The Leaflet JavaScript of a map (streamlit-folium's ``script`` and ``feature_group`` arguments,
        or ``folium.Map.get_root().render()``).
    """
    dec = json.JSONDecoder()
    out = []
    for match in re.finditer(r"LA\.update\(", script):
        try:
            obj, _ = dec.raw_decode(script, match.end())
        except json.JSONDecodeError:
            continue
        if isinstance(obj, dict):
            out.append(obj)
    return out


def map_geojson_features(script: str) -> list[dict[str, Any]]:
    """Every GeoJSON feature a rendered map draws: inline layers and the selection's overlays.

    Returns
    -------
    list of dict
        Features in drawing order, coordinates as drawn (display frame: longitudes may exceed 180;
        overlays quantised to 1e-4 degree).
    """
    feats: list[dict[str, Any]] = []
    for p in map_update_payloads(script):
        for spec in p.get("layers", []):
            if isinstance(spec.get("data"), dict):
                feats.extend(spec["data"].get("features", []))
        for o in p.get("overlays", []):
            if "g" in o:
                feats.append(
                    {"type": "Feature", "properties": o.get("props", {}), "geometry": decode_geometry(o["g"])}
                )
    return feats


def shown_texts(script: str) -> list[str]:
    """Every text the map shows, as the HTML the browser receives (escaped, never markup).

    Launch-place names, launch dates and systems of the tables sent, tooltips, map labels, the
    legend, the attribution, sea names and the ``name`` / ``label`` of inline layer features.
    """
    out: list[str] = []
    for p in map_update_payloads(script):
        for s in p.get("sites", []):
            out.append(s.get("prefix", ""))
            out += [g[3] for g in s.get("groups", [])]
            for row in s.get("table", []):
                out += [str(x) for x in row[1:]]
        for o in p.get("overlays", []):
            out += [str(o[k]) for k in ("tip", "label") if o.get(k)]  # (drawn shapes: props.label below)
        if p.get("selected"):
            out.append(p["selected"]["tip"])
        if p.get("legend"):
            out.append(p["legend"]["html"])
        if p.get("attribution"):
            out.append(p["attribution"])
    for f in map_geojson_features(script):
        props = f.get("properties") or {}
        out += [str(props[k]) for k in ("name", "label") if props.get(k)]
    return out


def external_urls(text: str, *, allowed_hosts: Iterable[str] = ()) -> list[str]:
    """The http(s) URLs in ``text`` whose host is not in ``allowed_hosts`` (protocol-relative too)."""
    allowed = {h.lower() for h in allowed_hosts}
    out = []
    for url in re.findall(r"""(?:https?:)?//[A-Za-z0-9.\-]+(?::\d+)?[^\s"'<>)]*""", text):
        full = url if url.startswith("http") else "http:" + url
        host = (urlparse(full).hostname or "").lower()
        if host and "." in host and host not in allowed:
            out.append(url)
    return out
