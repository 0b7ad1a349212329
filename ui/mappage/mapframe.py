"""The map itself: which layers are shown (shipped, or the visitor's own EEZ), attribution, the component."""

from __future__ import annotations

from typing import Any

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


def render_map(ctx: MapContext, launch: SelectedLaunch | None) -> None:
    """Build the folium map of the context and show it (``returned_objects=[]``: panning never reruns)."""
    view = ctx.view
    no_place = int(view["launch_lon"].isna().sum())
    note = f"{no_place} launch(es) with no known place are not drawn." if no_place else ""
    fmap = mapview.build_map(
        layers=shown_layers(ctx.state.layers),
        events=view,
        imported=ctx.imported,
        selected=launch.rec.to_dict() if launch is not None else None,
        overlays=launch.overlays if launch is not None else (),
        presentation=ctx.presentation,
        online_basemap=ctx.online,
        attribution=attributions(ctx.state.layers, ctx.online),
        legend_note=note,
    )
    # Presentation: header (3 lines at 22 px) + map fit a 1280x720 projector without scrolling.
    height = 470 if ctx.presentation else 620
    st_folium(fmap, height=height, use_container_width=True, returned_objects=[], key="atlas_map")
