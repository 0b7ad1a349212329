"""The Map page's sidebar: launch filters and selector, range rings, layers, display options."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo.search import match_records
from ui import data, records
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
    labels = {**known, **(_own_labels(cat[cat["id"].isin(missing)]) if missing else {})}
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


def _own_labels(recs: pd.DataFrame) -> dict[str, str]:
    """Selector labels of records that are not the catalogue's: the launch, then where it came from."""
    labels = data.event_labels(recs)
    for rid, origin in zip(recs["id"].astype(str), recs[records.ORIGIN_COLUMN], strict=True):
        if origin != "catalogue":
            labels[rid] += f" · {records.origin_label(origin)}"
    return labels


def _layer_toggles() -> None:
    """Layer checkboxes."""
    sb = st.sidebar
    sb.header("Layers")
    maritime = data.maritime_layers()
    for name, label in LAYER_LABELS.items():
        missing = name in ("eez", "territorial_sea") and name not in maritime
        sb.checkbox(label + (" (not available)" if missing else ""), key=layer_key(name), disabled=missing)


def _yours_shown(cat: pd.DataFrame) -> bool:
    """The "Show your launches" choice (only when the visitor added launches): whether they are in the
    view, like the catalogue's (selectable, stepped through, downloaded)."""
    n = int((cat[records.ORIGIN_COLUMN] != "catalogue").sum())
    if not n:
        return False
    return bool(
        st.sidebar.checkbox(
            f"Show your launches ({n})",
            value=True,
            key="m_yours",
            help="The launches you imported, read from a report or added by hand (this browser tab "
            "only). They are drawn in orange and can be selected like the catalogue's.",
        )
    )


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
    own = view[records.ORIGIN_COLUMN] != "catalogue"
    if not _yours_shown(cat):
        view = view[~own]
        own = own[~own]
    ids = view["id"].tolist()
    _launch_selector(cat, ids)

    sb.header("Ranges")
    sb.text_input(
        "Range rings (km, comma-separated)",
        key=K_RANGES,
        help="Distances drawn around the selected launch place as geodesic rings, e.g. 800, 1500.",
    )
    radii, range_problems = parse_ranges_km(st.session_state[K_RANGES])
    _layer_toggles()
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
        imported=view[own] if bool(own.any()) else None,
        online=bool(st.session_state[K_ONLINE]),
        url_warnings=url_warnings,
        range_problems=range_problems,
    )
