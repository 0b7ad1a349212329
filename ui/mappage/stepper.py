"""Stepping through the launches in the filters: callbacks and the step-through header."""

from __future__ import annotations

import streamlit as st

from ui import data
from ui.mappage.context import MapContext
from ui.mappage.details import headline_facts, landing_line
from ui.mappage.keys import K_EVENT
from ui.mappage.selected import SelectedLaunch
from ui.state import md_escape

__all__ = ["clear_selection", "render_step_header", "step"]


def step(ids: list[str], delta: int) -> None:
    """Select the launch ``delta`` places after the current one in ``ids`` (clamped to the list)."""
    if not ids:
        return
    cur = st.session_state.get(K_EVENT) or ""
    i = min(max(ids.index(cur) + delta, 0), len(ids) - 1) if cur in ids else 0 if delta > 0 else len(ids) - 1
    st.session_state[K_EVENT] = ids[i]


def clear_selection() -> None:
    st.session_state[K_EVENT] = ""


def render_step_header(ctx: MapContext, launch: SelectedLaunch | None) -> None:
    """◀ Previous | the selected launch, its position and key facts | Next ▶."""
    ids = ctx.ids
    n1, n2, n3 = st.columns([1.2, 5, 1.2], vertical_alignment="center")
    n1.button(
        "◀ Previous",
        on_click=step,
        args=(ids, -1),
        use_container_width=True,
        key="m_prev",
        help="Previous launch in date order (within the filters)",
    )
    n3.button(
        "Next ▶",
        on_click=step,
        args=(ids, 1),
        use_container_width=True,
        key="m_next",
        help="Next launch in date order (within the filters)",
    )
    if launch is not None:
        rec = launch.rec
        pos = f" ({ids.index(rec['id']) + 1} of {len(ids)})" if rec["id"] in ids else " (outside the filters)"
        landing = landing_line(launch.info)
        n2.markdown(
            f"**{md_escape(data.event_label(rec), limit=200)}**{pos}  \n{headline_facts(rec)}"
            + (f"  \n{landing}" if landing else "")
        )
    else:
        n2.markdown("**Pick a launch** in the sidebar, or step through them with ◀ Previous / Next ▶.")
