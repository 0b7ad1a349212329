"""The Map page's sidebar: launch filters and selector, range rings, layers, display options."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo.search import match_records
from ui import data
from ui.mappage.context import MapContext
from ui.mappage.details import TYPE_HELP
from ui.mappage.keys import K_DATES, K_EVENT, K_ONLINE, K_PRESENT, K_QUERY, K_RANGES, K_TYPES, layer_key
from ui.mappage.stepper import step
from ui.mappage.timeline import render_presets
from ui.mappage.urlstate import current_state, sync_from_url, write_url
from ui.state import LAYER_LABELS, ViewState, clean_query, parse_ranges_km

__all__ = ["filter_records", "render_sidebar"]


def filter_records(cat: pd.DataFrame, state: ViewState) -> pd.DataFrame:
    """Records inside the state's dates (inclusive; month-precision dates compare as text), types and
    search words (:func:`geo.search.match_records`)."""
    d = cat["date"]
    keep = (d >= state.date_from.isoformat()) & (d <= state.date_to.isoformat())  # type: ignore[union-attr]
    if state.system_types:
        keep &= cat["system_type"].isin(state.system_types)
    if state.query:
        keep &= match_records(cat, state.query)
    return cat[keep]


def _launch_selector(cat: pd.DataFrame, ids: list[str]) -> None:
    sb = st.sidebar
    sel = st.session_state.get(K_EVENT) or ""
    options = ["", *ids]
    if sel and sel not in ids:
        if sel in set(cat["id"]):
            options.append(sel)
        else:
            st.session_state[K_EVENT] = ""
    known = data.catalogue_labels()
    missing = [i for i in options if i and i not in known]
    labels = {**known, **(data.event_labels(cat[cat["id"].isin(missing)]) if missing else {})}
    sb.selectbox(
        "Selected launch (type to search)",
        options,
        key=K_EVENT,
        format_func=lambda i: (
            "— none —" if i == "" else labels.get(i, i) + ("" if i in ids else " (outside filters)")
        ),
    )
    c1, c2 = sb.columns(2)
    c1.button("◀ Previous", on_click=step, args=(ids, "prev"), width="stretch", key="m_prev_sb")
    c2.button("Next ▶", on_click=step, args=(ids, "next"), width="stretch", key="m_next_sb")


def _layer_toggles() -> pd.DataFrame | None:
    """Layer checkboxes; returns the imported records to draw, if any and shown."""
    sb = st.sidebar
    sb.header("Layers")
    maritime = data.maritime_layers()
    for name, label in LAYER_LABELS.items():
        missing = name in ("eez", "territorial_sea") and name not in maritime
        sb.checkbox(label + (" (not available)" if missing else ""), key=layer_key(name), disabled=missing)
    imported = st.session_state.get("imported_records")
    if imported is None or not len(imported):
        return None
    shown = sb.checkbox(f"Show my imported records ({len(imported)})", value=True, key="m_imported")
    return imported if shown else None  # type: ignore[no-any-return]


def render_sidebar(cat: pd.DataFrame) -> MapContext:
    """Draw the sidebar, keep the URL in step with it, and return the page's context."""
    dmin, dmax = data.date_bounds(cat)
    types = sorted(t for t in cat["system_type"].dropna().unique() if t)
    url_warnings = sync_from_url(cat["id"], dmin, dmax, types)

    sb = st.sidebar
    sb.header("Launches")
    sb.slider("Dates", min_value=dmin, max_value=dmax, key=K_DATES, format="YYYY-MM-DD")
    render_presets(cat, dmin, dmax)
    sb.multiselect("System types", types, key=K_TYPES, placeholder="All types", help=TYPE_HELP)
    sb.text_input(
        "Search",
        key=K_QUERY,
        placeholder="e.g. rail, submarine, Hwasong-15, 2017",
        help="Narrows the launches to those matching every word: system names, platforms (rail, train, "
        "submarine, truck), places, years (2017) and landing areas (Japan EEZ, Yellow Sea).",
    )
    d0, d1 = st.session_state[K_DATES]
    filters = ViewState(
        date_from=d0,
        date_to=d1,
        system_types=tuple(st.session_state[K_TYPES]),
        query=clean_query(str(st.session_state.get(K_QUERY) or "")),
    )
    view = filter_records(cat, filters)
    ids = view["id"].tolist()
    _launch_selector(cat, ids)

    sb.header("Ranges")
    sb.text_input(
        "Range rings (km, comma-separated)",
        key=K_RANGES,
        help="Distances drawn around the selected launch place as geodesic rings, e.g. 800, 1500.",
    )
    radii, range_problems = parse_ranges_km(st.session_state[K_RANGES])
    imported = _layer_toggles()
    sb.toggle(
        "Online basemap (OpenStreetMap)",
        key=K_ONLINE,
        help="Off by default. When on, your browser downloads map tiles from tile.openstreetmap.org: "
        "the only thing in this app that uses the internet. Not saved in shared links.",
    )
    sb.header("Display")
    sb.toggle("Presentation mode", key=K_PRESENT, help="Large text and thick lines for a projector.")

    state = current_state(radii)
    write_url(state, dmin, dmax)
    rec = cat[cat["id"] == state.event_id].iloc[0] if state.event_id else None
    return MapContext(
        catalogue=cat,
        view=view,
        ids=ids,
        state=state,
        date_min=dmin,
        date_max=dmax,
        rec=rec,
        imported=imported,
        online=bool(st.session_state[K_ONLINE]),
        url_warnings=url_warnings,
        range_problems=range_problems,
    )
