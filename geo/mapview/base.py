"""The base map: created once per page and identical on every rerun (so the browser keeps it).

It holds only what never changes: Leaflet's map with the default view, Leaflet and the Launch Atlas map
runtime (``runtime.js`` / ``runtime.css``, static files of the app) and ``LA.init``. Everything that
changes arrives through :func:`geo.mapview.update.map_update`. streamlit-folium re-creates the map when
the base map's script changes; keeping it constant keeps the reader's zoom and position.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from geo.mapview.elements import MapElement, Script
from geo.mapview.styles import DEFAULT_CENTER_LON_LAT, DEFAULT_ZOOM, LEAFLET_URL_PREFIX
from geo.safetext import check_map, js_literal

__all__ = ["RUNTIME_URL_PREFIX", "base_map", "runtime_assets"]

#: Where the app serves the map runtime (Streamlit static serving of ``static/la``).
RUNTIME_URL_PREFIX = "/app/static/la"
_HERE = Path(__file__).resolve().parent


@cache
def runtime_assets() -> dict[str, str]:
    """The map runtime's files by their content-addressed names: ``{"map-runtime-<hash>.js": text, ...}``.

    The app writes them to ``static/la/`` (:func:`ui.assets.ensure_runtime_assets`); a changed runtime
    gets a new name, so no browser keeps a stale copy.
    """
    out = {}
    for name in ("runtime.js", "runtime.css"):
        text = (_HERE / name).read_text(encoding="utf-8")
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
        stem, ext = name.split(".")
        out[f"map-{stem}-{digest}.{ext}"] = text
    return out


def _runtime_url(ext: str, prefix: str) -> str:
    name = next(n for n in runtime_assets() if n.endswith("." + ext))
    return f"{prefix}/{name}"


def base_map(
    *, asset_prefix: str = LEAFLET_URL_PREFIX, runtime_prefix: str = RUNTIME_URL_PREFIX
) -> MapElement:
    """The constant part of the Launch Atlas map (no tiles, no data: see :func:`map_update`).

    Parameters
    ----------
    asset_prefix : str
        URL folder serving ``leaflet.js``, ``leaflet.css`` and ``images/``.
    runtime_prefix : str
        URL folder serving the files of :func:`runtime_assets`.

    Returns
    -------
    MapElement
        A ``folium.Map`` loading only Leaflet and the runtime, from those folders.
    """
    m = MapElement(
        location=[DEFAULT_CENTER_LON_LAT[1], DEFAULT_CENTER_LON_LAT[0]],
        zoom_start=DEFAULT_ZOOM,
        tiles=None,
        min_zoom=2,
        max_zoom=12,
        world_copy_jump=False,
        control_scale=True,
        prefer_canvas=False,
        zoomSnap=0.5,  # fits the selection more closely than whole zoom levels (+/- still step by 1)
        minZoom=2,  # (folium gives min_zoom/max_zoom to tile layers only; there are none)
        maxZoom=12,
    )
    # Only Leaflet and our runtime, from our own origin: no jQuery/Bootstrap/Font Awesome from CDNs.
    m.default_js = [
        ("leaflet", f"{asset_prefix}/leaflet.js"),
        ("la_runtime", _runtime_url("js", runtime_prefix)),
    ]
    m.default_css = [
        ("leaflet_css", f"{asset_prefix}/leaflet.css"),
        ("la_runtime_css", _runtime_url("css", runtime_prefix)),
    ]
    options = {
        "imagePath": asset_prefix + "/images/",
        "center": [DEFAULT_CENTER_LON_LAT[1], DEFAULT_CENTER_LON_LAT[0]],
        "zoom": DEFAULT_ZOOM,
    }
    Script(f"LA.init(map, {js_literal(options)});").add_to(m)
    check_map(m)
    return m
