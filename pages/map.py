"""Map page (default): launch places, the selected launch with its geodesic ranges and estimates.

The page composes the parts in :mod:`ui.mappage` (see there for what each does and how to add a panel).
"""

from __future__ import annotations

from functools import partial

import streamlit as st

from ui import records
from ui.downloads import render_view_downloads
from ui.errors import page_guard
from ui.mappage.context import MapContext
from ui.mappage.details import EXPLAINER, render_details
from ui.mappage.keyboard import KEY_HELP, render_keyboard
from ui.mappage.mapframe import render_map
from ui.mappage.selected import SelectedLaunch, selected_launch
from ui.mappage.sidebar import render_sidebar
from ui.mappage.stepper import clear_selection, render_step_header, step
from ui.mappage.timeline import render_timeline
from ui.nav import ensure_app_navigation
from ui.reach import render_reach_panel
from ui.state import md_escape
from ui.style import apply_style


def _title(ctx: MapContext) -> None:
    """Title, one-line summary and the explainer (folded); hidden on phones, where the map comes first."""
    state = ctx.state
    with st.container(key="m_title"):
        st.title("Launch Atlas")
        st.markdown(
            f"**{len(ctx.view)}** reported North Korean missile launches from **{state.date_from}** to "
            f"**{state.date_to}**"
            + (f" ({md_escape(', '.join(state.system_types))})" if state.system_types else "")
            + (f" matching “{md_escape(state.query, limit=100)}”" if state.query else "")
            + f" — {_in_catalogue(ctx)}."
        )
        # With nothing selected, the explainer fills the panel beside the map instead.
        if state.event_id:
            with st.expander("What am I looking at?"):
                st.markdown(EXPLAINER)


def _in_catalogue(ctx: MapContext) -> str:
    """``349 in the catalogue`` (and ``, 2 of your own`` when the visitor added launches)."""
    mine = int((ctx.catalogue[records.ORIGIN_COLUMN] != "catalogue").sum())
    return f"{len(ctx.catalogue) - mine} in the catalogue" + (f", {mine} of your own" if mine else "")


def _intro(ctx: MapContext) -> None:
    """Title and summary (not in presentation mode), then URL and range warnings."""
    if not ctx.presentation:
        _title(ctx)
    for w in ctx.url_warnings:
        st.warning(w, icon="⚠️")
    for p in ctx.range_problems:
        st.warning(f"Range rings: {p}.", icon="⚠️")


def _panels(ctx: MapContext, launch: SelectedLaunch | None) -> None:
    """What sits beside the map (under it in presentation mode): the selected launch's panels."""
    if launch is not None:
        render_details(launch.rec, launch.info)
        render_reach_panel(launch.rec, launch.info, ctx.state.ranges_km)
        if not ctx.presentation:
            st.button("Clear selection", on_click=clear_selection, key="m_clear")
    elif not ctx.presentation:
        st.subheader("What am I looking at?")
        st.markdown(EXPLAINER)


def render() -> None:
    cat = records.session_records()
    if cat.empty:
        st.error("The launch catalogue is empty or missing (data/catalogue/launches.csv).")
        return
    ctx = render_sidebar(cat)
    apply_style(presentation=ctx.presentation)
    # The page keeps one structure in both modes (same containers, the map always in the first column),
    # so switching presentation mode on or off updates the map instead of creating a new one.
    with st.container(key="m_intro"):
        _intro(ctx)
    launch = selected_launch(ctx.rec, ctx.state.ranges_km) if ctx.rec is not None else None
    render_step_header(ctx, launch)
    render_keyboard(partial(step, ctx.ids), frozenset(ctx.catalogue["id"]))
    with st.container(key="m_body"):
        body = st.columns(1) if ctx.presentation else st.columns([7, 3])
    with body[0]:
        render_map(ctx, launch)
    with body[-1] if not ctx.presentation else st.container(key="m_below"):
        _panels(ctx, launch)
    with st.container(key="m_timeline_box"):
        render_timeline(
            ctx.state.date_from or ctx.date_min,
            ctx.state.date_to or ctx.date_max,
            full=(ctx.date_min, ctx.date_max),
            presentation=ctx.presentation,
            records=ctx.catalogue,
        )
    render_view_downloads(
        ctx.view,
        launch.rec if launch else None,
        launch.info if launch else {"rings": []},
        presentation=ctx.presentation,
    )
    st.caption(
        "Share this view: copy the address bar, it reopens the same launch, dates, ranges and layers. "
        + KEY_HELP
    )


ensure_app_navigation("map")
with page_guard("drawing the map", "Pick another launch or change the filters, or reload the page."):
    render()
