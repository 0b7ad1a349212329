"""The map itself: which layers are shown (shipped, or the visitor's own EEZ), attribution, the component."""

from __future__ import annotations

import hashlib
from typing import Any

import shapely
import streamlit as st
from streamlit_folium import st_folium

import geo
from geo import mapview
from ui import data
from ui.mappage.context import MapContext
from ui.mappage.selected import SelectedLaunch

__all__ = ["CATALOGUE_ATTRIBUTION", "ONLINE_ATTRIBUTION", "attributions", "render_map", "shown_layers"]

CATALOGUE_ATTRIBUTION = "Launch data: CNS North Korea Missile Test Database (CNS/NTI), via nk-missile-tests"
ONLINE_ATTRIBUTION = "Online basemap: © OpenStreetMap contributors"


def attributions(layers: tuple[str, ...], online: bool) -> list[str]:
    """Attribution lines for the data on the map (plain text; escaped by the map builder)."""
    maritime = data.maritime_layers()
    lines = [CATALOGUE_ATTRIBUTION, geo.layers.BASEMAP_ATTRIBUTION]
    user_eez = st.session_state.get("user_eez_name")
    for name in maritime:
        if name not in layers:
            continue
        if name == "eez" and user_eez:
            lines.append(
                f"EEZ: Flanders Marine Institute, Maritime Boundaries Geodatabase (your file {user_eez})"
            )
        elif name in geo.layers.MARITIME_DISPLAY_LAYERS:
            lines.append(geo.layers.MARITIME_DISPLAY_LAYERS[name][0].attribution)
    if online:
        lines.append(ONLINE_ATTRIBUTION)
    return lines


def shown_layers(layers: tuple[str, ...]) -> dict[str, Any]:
    """The layers to draw: a same-origin URL for the big shipped ones, inline data for the rest."""
    base = data.basemap_layers()
    maritime = data.maritime_layers()
    urls = data.layer_urls()
    shown: dict[str, Any] = {}
    user_eez = st.session_state.get("user_eez_fc")
    for name in layers:
        if name == "eez" and user_eez is not None:  # the user's own EEZ file (Import page), this session
            shown[name] = user_eez
        elif name in urls:  # big layers: fetched once by the browser, not resent on every rerun
            shown[name] = urls[name]
        elif name in base:
            shown[name] = base[name]
        elif name in maritime:
            shown[name] = maritime[name]
    return shown


def map_height(presentation: bool) -> int:
    """The map's height in pixels before the page's CSS stretches it to the window (see ui.style)."""
    return 520 if presentation else 620


@st.cache_data(show_spinner=False, max_entries=64)
def _record_places(view_ids: tuple[str, ...], presentation: bool) -> list[dict[str, Any]]:
    """Launch-place markers of the catalogue records with these ids (the same for every session)."""
    cat = data.catalogue()
    view = cat[cat["id"].isin(view_ids)]
    table_url, table_ids = data.launch_table_url()
    return mapview.place_markers(
        view, table_url=table_url, table_ids=table_ids if table_url else None, presentation=presentation
    )


def _overlays_key(overlays: tuple[mapview.Overlay, ...], selected: dict[str, Any] | None) -> str:
    """A digest of what the selection draws (kinds, labels, properties, exact geometries)."""
    h = hashlib.blake2b(digest_size=16)
    h.update(repr(sorted((selected or {}).items(), key=lambda kv: str(kv[0]))).encode())
    for o in overlays:
        h.update(repr((o.kind, o.label, sorted(o.properties.items(), key=lambda kv: str(kv[0])))).encode())
        h.update(shapely.to_wkb(o.geometry))
    return h.hexdigest()


@st.cache_data(show_spinner=False, max_entries=256)
def _drawing(
    key: str, presentation: bool, _overlays: tuple[mapview.Overlay, ...], _selected: dict[str, Any] | None
) -> dict[str, Any]:
    """The selection's drawing, kept by content (``key``): a class stepping through the same launches
    (or a teacher going back) gets it without encoding the rings again."""
    return mapview.selection_drawing(_overlays, selected=_selected, presentation=presentation)


def render_map(ctx: MapContext, launch: SelectedLaunch | None) -> None:
    """Show the map: the same base map on every rerun, and this rerun's state as an in-place update.

    streamlit-folium keeps the map (and the reader's zoom and position) as long as the base map's script
    is unchanged, and applies the update (``feature_group_to_add``) in place. ``returned_objects=[]``:
    panning and zooming never rerun the script. What does not change from one step to the next (the
    launch places of the filters) and what a class shares (the drawing of a launch) come from caches.
    """
    view = ctx.view
    no_place = int(view["launch_lon"].isna().sum())
    note = f"{no_place} launch(es) with no known place are not drawn." if no_place else ""
    shipped = view[view["origin"] == "catalogue"] if "origin" in view.columns else view
    places = list(_record_places(tuple(shipped["id"].astype(str)), ctx.presentation))
    if ctx.imported is not None:
        places += mapview.place_markers(None, imported=ctx.imported, presentation=ctx.presentation)
    selected = {str(k): v for k, v in launch.rec.to_dict().items()} if launch is not None else None
    overlays = tuple(launch.overlays) if launch is not None else ()
    drawing = _drawing(_overlays_key(overlays, selected), ctx.presentation, overlays, selected)
    update = mapview.map_update(
        layers=shown_layers(ctx.state.layers),
        places=places,
        drawing=drawing,
        presentation=ctx.presentation,
        online_basemap=ctx.online,
        attribution=attributions(ctx.state.layers, ctx.online),
        legend_note=note,
    )
    st_folium(
        mapview.base_map(),
        feature_group_to_add=update,
        height=map_height(ctx.presentation),
        width="stretch",
        returned_objects=[],
        key="atlas_map",
    )
