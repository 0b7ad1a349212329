"""The map preview of one launch read from a report, and its maritime verdict beside the report's claim.

The preview draws what the Map page would draw for the launch once added (the same computation:
:func:`ui.mappage.selected.selected_launch`): the estimated launch area with its uncertainty, the reported
flight distance as a geodesic ring and, when a direction is known, the estimated impact area; plus the
landing place the report names (geocoded, with its uncertainty). The report's EEZ claim is put beside
our estimate (:func:`geo.check_eez_claim`): from the impact estimate, or else from the landing place the
report names when it is precise enough to tell.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

import geo
from geo import mapview
from geo.geocoding import ReportEvent
from ui import data
from ui.mappage.mapframe import attributions, shown_layers
from ui.mappage.selected import selected_launch
from ui.state import DEFAULT_LAYERS, md_escape

__all__ = ["LANDING_PRECISE_KM", "landing_estimate", "render_preview"]

#: A landing place the report names is used as our landing estimate when it is at most this uncertain
#: (km): "about 200 km west of Okushiri Island" is; "in the sea off the east coast" (±270 km) is not.
LANDING_PRECISE_KM = 150.0


def landing_estimate(event: ReportEvent) -> dict[str, Any] | None:
    """The landing place the report names as an estimate (lon, lat, zone, uncertainty_km, label), or None."""
    landing = event.landing
    if landing is None:
        return None
    return {
        "lon": landing.lon,
        "lat": landing.lat,
        "zone": landing.region,
        "uncertainty_km": landing.uncertainty_km,
        "label": landing.label,
    }


def _zones() -> Any:
    return st.session_state.get("user_zones") or data.maritime_zones()


def _claim_line(event: ReportEvent, info: dict[str, Any]) -> str:
    """``report: inside Japan's EEZ; our estimate: inside, 48 km from the limit`` (plain text), or ''."""
    claim, state = event.value("eez_reported"), event.value("eez_state")
    est = info.get("impact")
    how = "from the direction and distance"
    landing = landing_estimate(event)
    if not est and landing is not None and landing["uncertainty_km"] <= LANDING_PRECISE_KM:
        est, how = landing, "from the landing place the report names"
    if claim is None and est is None:
        return ""
    check = geo.check_eez_claim(
        _zones(),
        claim,
        state or "JP",
        lon=est.get("lon") if est else None,
        lat=est.get("lat") if est else None,
        uncertainty_km=est.get("uncertainty_km") if est else None,
    )
    if est is not None:
        return check.text(basis=how)
    if landing is not None:
        why = f"the landing place the report names is uncertain by ±{landing['uncertainty_km']:,.0f} km"
    else:
        why = "the report gives no direction and no landing place"
    return check.text(no_estimate=why)


def render_preview(event: ReportEvent, rec: pd.Series | None, number: int) -> None:
    """The preview map of event ``number`` (its valid record ``rec``, or None) and the verdict lines."""
    if rec is None:
        st.info("No map yet: correct this launch's draft below (its problems are listed there).")
        return
    launch = selected_launch(rec, ())
    overlays = tuple(launch.overlays)
    landing = landing_estimate(event)
    if landing is not None and landing["zone"] is not None and not landing["zone"].is_empty:
        label = f"Landing area the report names: {landing['label']} (±{landing['uncertainty_km']:,.0f} km)"
        overlays += (mapview.Overlay("reported_landing", landing["zone"], label),)
    selected = {str(k): v for k, v in rec.to_dict().items()}
    update = mapview.map_update(
        layers=shown_layers(DEFAULT_LAYERS),
        places=[],
        drawing=mapview.selection_drawing(overlays, selected=selected),
        attribution=attributions(DEFAULT_LAYERS, False),
    )
    st_folium(
        mapview.base_map(),
        feature_group_to_add=update,
        height=380,
        width="stretch",
        returned_objects=[],
        key=f"r_map_{number}",
    )
    info = launch.info
    line = _claim_line(event, info)
    if line:
        st.markdown(f"**EEZ:** {md_escape(line, limit=400)}")
    verdict = (info.get("verdict") or {}).get("verdict")
    if verdict:
        st.caption(f"Whose waters (ESTIMATE): {md_escape(verdict, limit=600)}")
    for note in info.get("notes", []):
        if not info.get("rings") and "ranges are measured" in note:
            continue  # no range is drawn in the preview (only the reported distance)
        st.caption(md_escape(note, limit=300))
