"""What the page computes for the selected launch: geocoded region, rings, impact estimate, verdict."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import streamlit as st

import geo
from geo.mapview import Overlay
from ui import data, reach
from ui.errors import failure_note

__all__ = ["SelectedLaunch", "selected_launch"]


@dataclass(frozen=True)
class SelectedLaunch:
    """The selected record and everything derived from it for the map, the panels and the export.

    ``info`` is the dictionary :func:`ui.exporting.view_content` reads: ``rings`` (kind, radius_km,
    geometry), ``notes``, and when available ``geocode``, ``impact`` and ``verdict``.
    """

    rec: pd.Series
    overlays: tuple[Overlay, ...] = ()
    info: dict[str, Any] = field(default_factory=lambda: {"rings": [], "notes": []})


def _verdict(event_id: str, est: dict[str, Any]) -> dict[str, Any] | None:
    """Maritime verdict with the shipped EEZ layer, or with the user's own (Import page) if loaded.

    ``event_id`` is the record's :func:`ui.data.record_key`."""
    zones = st.session_state.get("user_zones")
    if zones is None:
        return data.maritime_verdict(event_id)
    cache = st.session_state.setdefault("user_verdicts", {})
    if event_id not in cache:
        try:
            cache[event_id] = data.verdict_for(zones, est)
        except Exception as exc:
            cache[event_id] = {"error": failure_note("the maritime analysis", exc)}
    return dict(cache[event_id])


def _eez_check(rec: pd.Series, est: dict[str, Any] | None) -> str | None:
    """The record's reported EEZ claim beside our estimate (:func:`geo.check_eez_claim`), plain text."""
    claim = geo.parse_eez_claim(rec.get("eez_reported"))
    if claim is None:
        return None
    zones = st.session_state.get("user_zones") or data.maritime_zones()
    lon = est.get("lon") if est else None
    lat = est.get("lat") if est else None
    try:
        check = geo.check_eez_claim(
            zones,
            claim[0],
            claim[1],
            lon=lon,
            lat=lat,
            uncertainty_km=est.get("uncertainty_km") if est else None,
        )
    except Exception as exc:  # a comparison that fails must not take the panel down
        return failure_note("the EEZ comparison", exc)
    return check.text()


def selected_launch(rec: pd.Series, ranges_km: tuple[float, ...]) -> SelectedLaunch:
    """Rings (geodesic, cached), estimates and the maritime verdict of the selected record (the
    catalogue's or the visitor's: the caches are keyed by :func:`ui.data.record_key`)."""
    event_id = data.record_key(rec)
    geoc = data.geocoded(event_id)
    centre = geo.overlays.ring_centre(rec)
    rings: dict[float, Any] = {}
    est = None
    if centre is not None:
        radii = geo.overlays.ring_radii(rec, ranges_km)
        geoms = data.rings(centre[0], centre[1], radii) or []
        rings = dict(zip(radii, geoms, strict=False))
        est = data.impact_for(event_id)
    drawn = geo.overlays.launch_overlays(rec, ranges_km=ranges_km, rings=rings, geocode=geoc, impact=est)
    info: dict[str, Any] = {"rings": list(drawn.rings), "notes": list(drawn.notes)}
    if geoc and not geoc.get("error"):
        info["geocode"] = geoc
    if est and not est.get("error"):
        info["impact"] = est
        info["verdict"] = _verdict(event_id, est)
    check = _eez_check(rec, est if est and not est.get("error") else None)
    if check is not None:
        info["eez_check"] = check
    overlays = drawn.overlays
    if reach.bands_on() and info.get("geocode"):  # ranges as bands from the launch area (issue 11)
        overlays = tuple(o for o in overlays if o.kind != "range_ring")
        dropped = ("No launch coordinates", "The launch place", "Range rings are measured")
        notes = [n for n in info["notes"] if not n.startswith(dropped)]
        if geo.overlays.ring_centre(rec) is None:
            notes.append(
                "The launch place was not reported: ranges are measured from every point of the "
                f"estimated launch area ({info['geocode'].get('label') or 'the country'})."
            )
        info["notes"] = notes
    overlays += reach.reach_overlays_for(rec, info, ranges_km)
    return SelectedLaunch(rec=rec, overlays=overlays, info=info)
