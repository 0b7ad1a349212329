"""Events page: every launch of the session (catalogue and the visitor's own) as a searchable,
filterable table, linked to the map."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from geo.search import match_records
from ui import data, records
from ui.downloads import render_table_downloads
from ui.errors import page_guard
from ui.nav import ensure_app_navigation
from ui.state import md_escape
from ui.style import apply_style

COLUMNS = {
    "id": "Id",
    "date": "Date (local)",
    "time_utc": "Time (UTC)",
    "system_name": "System",
    "system_type": "Type",
    "platform": "Platform",
    "launch_place": "Launch place",
    "apogee_km": "Apogee (km)",
    "distance_km": "Distance (km)",
    "bearing_deg": "Bearing (°)",
    "outcome": "Outcome",
    "landing_label": "Landing area",
    "eez_reported": "Japan EEZ (reported)",
    "source": "Source",
}


def _search(df: pd.DataFrame, text: str) -> pd.DataFrame:
    """Rows matching every word of ``text`` (systems, platforms, places, years, landing areas)."""
    return df[match_records(df, text)]


def _source_filter(cat: pd.DataFrame, where: DeltaGenerator) -> list[str]:
    """The "Sources" choice (only when the visitor has launches of their own): origins to show."""
    present = [o for o in records.ORIGINS if o in set(cat[records.ORIGIN_COLUMN])]
    picked: list[str] = where.multiselect(
        "Sources",
        present,
        format_func=records.origin_label,
        key="e_sources",
        placeholder="All sources",
        help="The catalogue, or the launches you added: imported from a file, read from a report, or "
        "added by hand (they stay in this browser tab only).",
    )
    return picked


def render() -> None:
    apply_style(presentation=False)
    st.title("Events")
    cat = records.session_records()
    mine = cat[cat[records.ORIGIN_COLUMN] != "catalogue"]
    dmin, dmax = data.date_bounds(cat)
    c1, c2, c3, *c4 = st.columns([2, 2, 2, 2] if len(mine) else [2, 2, 2])
    text = c1.text_input(
        "Search", key="e_search", placeholder="e.g. Hwasong-15, rail, submarine, Sohae, 2022, Japan EEZ"
    )
    types = sorted(t for t in cat["system_type"].dropna().unique() if t)
    picked = c2.multiselect("System types", types, key="e_types", placeholder="All types")
    d0, d1 = c3.slider("Dates", min_value=dmin, max_value=dmax, value=(dmin, dmax), key="e_dates")
    view = cat[(cat["date"] >= d0.isoformat()) & (cat["date"] <= d1.isoformat())]
    if picked:
        view = view[view["system_type"].isin(picked)]
    if c4:
        sources = _source_filter(cat, c4[0])
        if sources:
            view = view[view[records.ORIGIN_COLUMN].isin(sources)]
    view = _search(view, text)
    yours = f", {len(mine)} of them yours" if len(mine) else ""
    st.caption(
        f"{len(view)} of {len(cat)} launches{yours}. "
        "Select a row (tick box on the left) to open it on the map."
    )
    # The selected launch and its button sit above the table, so they are on screen right after a click
    # (below a 520 px table they were under the fold of a 1280x720 screen).
    action = st.container()
    shown = view.assign(source=[records.origin_label(o) for o in view[records.ORIGIN_COLUMN]])
    cols = [c for c in COLUMNS if c in shown.columns and (c != "source" or len(mine))]
    event = st.dataframe(
        shown[cols].rename(columns=COLUMNS),
        hide_index=True,
        width="stretch",
        height=min(520, 38 + 35 * max(len(view), 1)),  # no tall empty grid under a short result
        on_select="rerun",
        selection_mode="single-row",
        key="e_table",
    )
    rows = event.selection.rows if event is not None and hasattr(event, "selection") else []
    if rows and rows[0] < len(view):
        rec = view.iloc[rows[0]]
        a1, a2 = action.columns([3, 1], vertical_alignment="center")
        a1.markdown(f"Selected: **{md_escape(data.event_label(rec), limit=200)}**")
        if a2.button("Open this launch on the map", type="primary", key="e_open", width="stretch"):
            st.session_state.pop("_m_saved_view", None)
            st.switch_page("pages/map.py", query_params={"event": str(rec["id"])})
    render_table_downloads(view)


ensure_app_navigation("events")
with page_guard("showing the launch table", "Clear the search and filters, or reload the page."):
    render()
