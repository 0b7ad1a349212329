"""One state of the map, as the payload of ``LA.update`` (``runtime.js``): everything that changes.

What a rerun sends: which layers are on (same-origin URLs the browser fetches once), the launch places
of the filters (row numbers of a shared launch table), the selected launch and its overlays (encoded
geometries, escaped labels), the legend, the attribution, and where the selection is (so the browser
can say when it is outside the view the reader chose). Every text is escaped here with
:func:`geo.safetext.html_text`; the whole payload becomes one :func:`geo.safetext.js_literal`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import shapely
from shapely.geometry.base import BaseGeometry

from geo.mapview.elements import UpdateCall, UpdateGroup
from geo.mapview.features import (
    bounds_of,
    clean_value,
    display_lon,
    display_tolerance,
    encode_geometry,
    num,
    ring_outline,
)
from geo.mapview.legend import legend_entries, legend_html
from geo.mapview.sites import launch_table, site_groups
from geo.mapview.styles import (
    BASE_STYLES,
    IMPORTED_COLOUR,
    LABEL_KINDS,
    LAYER_ORDER,
    MARKER_PRESENTATION_SCALE,
    OVERLAY_STYLES,
    PRESENTATION_SCALE,
    RING_KINDS,
    SELECTED_COLOUR,
    SITE_COLOUR,
    Overlay,
)
from geo.safetext import check_map, html_text

__all__ = ["ONLINE_TILES", "map_update", "place_markers", "selection_drawing", "update_payload"]

#: The optional online basemap (the only thing the map can load from the internet, and only when asked).
ONLINE_TILES = {
    "url": "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
    "attribution": "&copy; OpenStreetMap contributors",
    "opacity": 0.6,
}
_NAMED_LAYERS = ("eez", "territorial_sea")


def _layer_specs(
    layers: Mapping[str, Mapping[str, Any] | str], *, lw: float, online: bool
) -> list[dict[str, Any]]:
    specs = []
    for z, name in enumerate(LAYER_ORDER):
        src = layers.get(name)
        if not src:
            continue
        style = dict(BASE_STYLES.get(name, {}))
        if "weight" in style:
            style["weight"] = round(style["weight"] * lw, 2)
        if name == "land" and online:
            style["fillOpacity"] = 0.5
        spec: dict[str, Any] = {
            "name": name,
            "z": 340 + 5 * z,
            "style": style,
            "named": name in _NAMED_LAYERS,
        }
        if isinstance(src, str):
            # A file on the app's own origin: fetched once, cached by the browser.
            if not src.startswith("/") or src.startswith("//"):
                raise ValueError(f"layer {name!r}: expected a same-origin path, got {src!r}")
            spec["url"] = src
        elif src.get("features"):
            spec["data"] = dict(src)  # already display-ready and escaped (prepare_layer)
        else:
            continue
        specs.append(spec)
    return specs


def _site_set(
    events: pd.DataFrame,
    *,
    table_url: str | None,
    table_ids: Sequence[str] | None,
    colour: str,
    prefix: str,
    scale: float,
) -> dict[str, Any] | None:
    groups = site_groups(events, table_ids=table_ids if table_url else None, scale=scale)
    if not groups:
        return None
    out: dict[str, Any] = {
        "groups": groups,
        "prefix": html_text(prefix),
        "style": {"color": "#ffffff", "weight": round(1.2 * scale, 2), "fill": True,
                  "fillColor": colour, "fillOpacity": 0.55},
    }  # fmt: skip
    if table_url:
        out["table_url"] = table_url
    else:
        out["table"] = launch_table(events)
    return out


def _selected(selected: Mapping[str, Any], scale: float) -> dict[str, Any] | None:
    lon, lat = num(selected.get("launch_lon")), num(selected.get("launch_lat"))
    if lon is None or lat is None:
        return None
    bits = [str(selected.get(k)) for k in ("date", "system_name") if selected.get(k) not in (None, "")]
    tip = "<b>Selected launch</b><br>" + html_text(" · ".join(bits))
    place = selected.get("launch_place")
    if place:
        tip += "<br>" + html_text(str(place))
    return {
        "id": str(selected.get("id") or ""),
        "lat": round(lat, 5),
        "lon": round(display_lon(lon), 5),
        "tip": tip,
        "style": {"radius": round(7 * scale, 2), "color": SELECTED_COLOUR, "weight": round(3 * scale, 2),
                  "fill": True, "fillColor": "#ffffff", "fillOpacity": 1.0},
    }  # fmt: skip


def _overlay(ov: Overlay, *, lw: float, event_id: str | None) -> dict[str, Any] | None:
    style = OVERLAY_STYLES.get(ov.kind, OVERLAY_STYLES["range_ring"])
    point = ov.geometry if isinstance(ov.geometry, shapely.Point) and not ov.geometry.is_empty else None
    if ov.kind in LABEL_KINDS and point is not None:
        at = [round(point.y, 5), round(display_lon(point.x), 5)]
        out: dict[str, Any] = {
            "k": ov.kind,
            "at": at,
            "label": html_text(ov.label),
            "label_class": "la-ring-label" if ov.kind == "ring_label" else "la-city",
            "priority": 0 if ov.kind == "ring_label" else 2,  # range labels first, seas (1), cities
        }
        if ov.kind == "reference_city":
            reach = str(ov.properties.get("reach", ""))
            out["tip"] = html_text(f"{ov.label}: {reach}".rstrip(": "))
            out["dot"] = 1  # a small dark dot under the name (style in runtime.js)
        return out
    if ov.kind == "impact_point" and point is not None:
        return {
            "k": ov.kind,
            "at": [round(point.y, 5), round(display_lon(point.x), 5)],
            "tip": html_text(ov.label),
            "marker": {"radius": round(5 * lw, 2), "color": style["color"], "weight": round(2 * lw, 2),
                       "fill": True, "fillColor": style["color"], "fillOpacity": style["fillOpacity"]},
        }  # fmt: skip
    is_ring = ov.kind in RING_KINDS
    # A ring is drawn as its outline only: the closing edges that split/pole-closed polygons carry
    # (along 180° or the poles) are not part of the ring and would draw as straight lines.
    geom = ring_outline(ov.geometry) if is_ring else ov.geometry
    enc = encode_geometry(geom, tolerance_deg=display_tolerance(geom))
    if enc is None:
        return None
    st: dict[str, Any] = {
        "color": style["color"],
        "weight": round(style["weight"] * lw, 2),
        "opacity": 0.95,
        "fill": style["fillOpacity"] > 0 and not is_ring,
        "fillColor": style["color"],
        "fillOpacity": style["fillOpacity"],
    }
    if style["dashArray"]:
        st["dashArray"] = style["dashArray"]
    props = {"kind": ov.kind, "label": ov.label, **dict(ov.properties)}
    if event_id and "event_id" not in props:
        props["event_id"] = event_id
    # The tooltip is the feature's escaped ``label`` property (sent once).
    return {"k": ov.kind, "g": enc, "style": st, "props": {str(k): clean_value(v) for k, v in props.items()}}


def place_markers(
    events: pd.DataFrame | None,
    *,
    table_url: str | None = None,
    table_ids: Sequence[str] | None = None,
    imported: pd.DataFrame | None = None,
    presentation: bool = False,
) -> list[dict[str, Any]]:
    """The launch-place marker sets of a map state: the records in the filters, then the visitor's own.

    Depends only on the records shown and the mode, not on the selection: the app can keep it while a
    class steps through launches. ``table_url`` / ``table_ids``: see :func:`update_payload`.
    """
    ms = MARKER_PRESENTATION_SCALE if presentation else 1.0
    out = []
    if events is not None and len(events):
        s = _site_set(
            events, table_url=table_url, table_ids=table_ids, colour=SITE_COLOUR, prefix="", scale=ms
        )
        if s:
            out.append({"set": "records", **s})
    if imported is not None and len(imported):
        s = _site_set(
            imported, table_url=None, table_ids=None, colour=IMPORTED_COLOUR, prefix="Yours: ", scale=ms
        )
        if s:
            out.append({"set": "imported", **s})
    return out


def selection_drawing(
    overlays: Sequence[Overlay],
    *,
    selected: Mapping[str, Any] | None = None,
    presentation: bool = False,
    fit_to_overlays: bool = True,
) -> dict[str, Any]:
    """What a map state draws for the selected launch: its marker, overlays, bounds and legend kinds."""
    lw = PRESENTATION_SCALE if presentation else 1.0
    ms = MARKER_PRESENTATION_SCALE if presentation else 1.0
    sel = _selected(selected, ms) if selected is not None else None
    event_id = str(selected.get("id")) if selected is not None and selected.get("id") is not None else None
    drawn = [d for d in (_overlay(o, lw=lw, event_id=event_id) for o in overlays) if d is not None]
    fit = None
    if fit_to_overlays and overlays:
        # landmarks and labels far away (Washington, London) must not zoom the map out to the world
        geoms: list[BaseGeometry] = [o.geometry for o in overlays if o.kind not in LABEL_KINDS]
        geoms = geoms or [o.geometry for o in overlays]
        if sel is not None and selected is not None:
            geoms.append(shapely.Point(float(selected["launch_lon"]), float(selected["launch_lat"])))
        fit = bounds_of(geoms)
    return {
        "selected": sel,
        "overlays": drawn,
        "fit": fit,
        "focus": [sel["lat"], sel["lon"]] if sel is not None else None,
        "kinds": list(dict.fromkeys(o.kind for o in overlays)),
    }


def update_payload(
    *,
    layers: Mapping[str, Mapping[str, Any] | str],
    events: pd.DataFrame | None = None,
    events_table_url: str | None = None,
    table_ids: Sequence[str] | None = None,
    imported: pd.DataFrame | None = None,
    selected: Mapping[str, Any] | None = None,
    overlays: Sequence[Overlay] = (),
    presentation: bool = False,
    online_basemap: bool = False,
    attribution: Sequence[str] = (),
    legend_note: str = "",
    fit_to_overlays: bool = True,
    places: list[dict[str, Any]] | None = None,
    drawing: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """The payload of one map state (parameters as :func:`geo.mapview.build_map`).

    ``events_table_url`` and ``table_ids``: a published :func:`geo.mapview.sites.launch_table` of the
    records whose ids are ``table_ids`` (e.g. the whole catalogue); the launch places then refer to its
    rows instead of carrying their launches' texts. Without them the table travels in the payload.

    ``places`` (:func:`place_markers`) and ``drawing`` (:func:`selection_drawing`), when given, are
    used instead of building them from ``events``/``imported`` and ``selected``/``overlays``: the app
    caches them (they are most of the work of a rerun).
    """
    lw = PRESENTATION_SCALE if presentation else 1.0
    if places is None:
        places = place_markers(
            events,
            table_url=events_table_url,
            table_ids=table_ids,
            imported=imported,
            presentation=presentation,
        )
    if drawing is None:
        drawing = selection_drawing(
            overlays, selected=selected, presentation=presentation, fit_to_overlays=fit_to_overlays
        )
    layer_specs = _layer_specs(layers, lw=lw, online=online_basemap)
    entries = legend_entries(
        layers=[s["name"] for s in layer_specs],
        sites=any(p.get("set") == "records" for p in places),
        imported=any(p.get("set") == "imported" for p in places),
        selected=drawing["selected"] is not None,
        kinds=drawing["kinds"],
    )
    return {
        "v": 1,
        "present": presentation,
        "tiles": dict(ONLINE_TILES) if online_basemap else None,
        "layers": layer_specs,
        "sites": places,
        "selected": drawing["selected"],
        "overlays": drawing["overlays"],
        "legend": {
            "html": legend_html(entries, "Legend", legend_note),
            # Presentation: folded in the top-right corner, so the rings and Japan stay visible.
            "corner": "topright" if presentation else "bottomleft",
            "folded": presentation,
            "key": "la-legend-" + ("present" if presentation else "normal"),
        },
        "attribution": " | ".join(html_text(a) for a in attribution if a),
        "fit": drawing["fit"],
        "focus": drawing["focus"],
    }


def map_update(**kwargs: Any) -> UpdateGroup:
    """The dynamic part of the map for ``st_folium(..., feature_group_to_add=...)``.

    Takes :func:`update_payload`'s parameters; returns a feature group whose only content is the
    ``LA.update`` call (checked by :func:`geo.safetext.check_map`: nothing in it compiles text).
    """
    # show=False: folium would add the group to the map through an element that compiles its output;
    # LA.update adds it (and streamlit-folium does too).
    group = UpdateGroup(name="Launch Atlas update", control=False, show=False)
    UpdateCall(update_payload(**kwargs)).add_to(group)
    check_map(group)
    return group
