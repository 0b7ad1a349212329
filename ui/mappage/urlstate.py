"""The Map page's widgets and its shareable URL: read a link into the widgets, write the view back."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection

import streamlit as st

from ui.mappage.keys import (
    K_DATES,
    K_EVENT,
    K_ONLINE,
    K_PRESENT,
    K_QUERY,
    K_RANGES,
    K_SAVED,
    K_SYNCED,
    K_TYPES,
    layer_key,
)
from ui.state import LAYER_LABELS, ViewState, clean_query, parse_query_params, to_query_params

__all__ = ["apply_state", "current_state", "sync_from_url", "write_url"]


def apply_state(state: ViewState) -> None:
    """Set every widget of the page from a view state."""
    st.session_state[K_DATES] = (state.date_from, state.date_to)
    st.session_state[K_TYPES] = list(state.system_types)
    st.session_state[K_QUERY] = state.query
    st.session_state[K_EVENT] = state.event_id or ""
    st.session_state[K_RANGES] = ", ".join(f"{r:g}" for r in state.ranges_km)
    for name in LAYER_LABELS:
        st.session_state[layer_key(name)] = name in state.layers
    st.session_state[K_PRESENT] = state.presentation
    st.session_state.setdefault(K_ONLINE, False)


def sync_from_url(
    event_ids: Collection[str], dmin: dt.date, dmax: dt.date, types: Collection[str]
) -> list[str]:
    """Apply the URL to the widgets when it changed from outside (a link, the Events page).

    Returns the (markdown-escaped) warnings about bad URL parameters, to show once.
    """
    current = st.query_params.to_dict()
    if st.session_state.get(K_SYNCED) == current and K_DATES in st.session_state:
        return []
    saved = st.session_state.get(K_SAVED)
    if not current and isinstance(saved, ViewState):
        # Back from another page (Streamlit drops a page's widget state and the URL): restore the view.
        apply_state(saved)
        return []
    state = parse_query_params(
        current, event_ids=set(event_ids), date_min=dmin, date_max=dmax, system_types=types
    )
    apply_state(state)
    return list(state.warnings)


def current_state(ranges: tuple[float, ...]) -> ViewState:
    """The view the widgets show now (``ranges``: the parsed range-ring radii, km)."""
    d0, d1 = st.session_state[K_DATES]
    return ViewState(
        event_id=st.session_state[K_EVENT] or None,
        date_from=d0,
        date_to=d1,
        system_types=tuple(st.session_state[K_TYPES]),
        ranges_km=ranges,
        layers=tuple(n for n in LAYER_LABELS if st.session_state.get(layer_key(n))),
        presentation=bool(st.session_state[K_PRESENT]),
        query=clean_query(str(st.session_state.get(K_QUERY) or "")),
    )


def write_url(state: ViewState, dmin: dt.date, dmax: dt.date) -> None:
    """Put the view in the address bar (a copied link reopens it) and remember it for coming back."""
    qp = to_query_params(state, date_min=dmin, date_max=dmax)
    if st.query_params.to_dict() != qp:
        st.query_params.from_dict(qp)
    st.session_state[K_SYNCED] = qp
    st.session_state[K_SAVED] = state
