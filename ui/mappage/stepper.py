"""Stepping through the launches in the filters: the step actions and the step-through header.

The header says which launch is shown, where it is in the list ("Launch 3 of 12", and "the last one in
these filters" at the end) and its key facts; ◀ / ▶ buttons, keys and a clicker step through the list
(:mod:`ui.mappage.keyboard`). Trying to go past either end says so instead of doing nothing.
"""

from __future__ import annotations

import streamlit as st

from ui import data
from ui.mappage.context import MapContext
from ui.mappage.details import headline_facts, landing_line
from ui.mappage.keys import K_EVENT
from ui.mappage.selected import SelectedLaunch
from ui.state import md_escape

__all__ = ["K_EDGE", "STEPS", "clear_selection", "render_step_header", "step", "step_to"]

#: The step actions: how far each moves in the list (first and last go to the ends).
STEPS = {"next": 1, "prev": -1, "first": "first", "last": "last"}
#: Set when a step tried to go past an end of the list ("first" / "last"): said once by the header.
K_EDGE = "_m_edge"


def step_to(ids: list[str], current: str, action: str) -> tuple[str, str | None]:
    """The launch ``action`` leads to from ``current`` in ``ids``, and the end it bumped into, if any.

    >>> step_to(["a", "b", "c"], "b", "next"), step_to(["a", "b", "c"], "c", "next")
    (('c', None), ('c', 'last'))
    >>> step_to(["a", "b", "c"], "x", "prev"), step_to(["a", "b", "c"], "b", "first")
    (('c', None), ('a', None))
    """
    move = STEPS[action]
    if move == "first":
        return ids[0], None
    if move == "last":
        return ids[-1], None
    assert isinstance(move, int)
    if current not in ids:  # nothing selected, or a launch outside the filters: start at an end
        return (ids[0] if move > 0 else ids[-1]), None
    i = ids.index(current) + move
    if i >= len(ids):
        return ids[-1], "last"
    if i < 0:
        return ids[0], "first"
    return ids[i], None


def step(ids: list[str], action: str | int) -> None:
    """Callback: apply a step action (``"next"``, ``"prev"``, ``"first"``, ``"last"``; or +1 / -1)."""
    if not ids:
        return
    if isinstance(action, int):
        action = "next" if action > 0 else "prev"
    target, edge = step_to(ids, st.session_state.get(K_EVENT) or "", action)
    st.session_state[K_EVENT] = target
    if edge:
        st.session_state[K_EDGE] = edge


def clear_selection() -> None:
    st.session_state[K_EVENT] = ""


def _position(ids: list[str], rid: str) -> str:
    """``Launch 3 of 12``, with the ends said in words (markdown)."""
    if rid not in ids:
        return "**Outside the filters** (Next goes to the first launch in them)"
    i, n = ids.index(rid) + 1, len(ids)
    where = f"**Launch {i} of {n}**"
    if n == 1:
        return where + " · the only launch in these filters"
    if i == n:
        return where + " · **the last launch in these filters**"
    if i == 1:
        return where + " · the first launch in these filters"
    return where


def render_step_header(ctx: MapContext, launch: SelectedLaunch | None) -> None:
    """◀ Previous | the selected launch, its position in the list and key facts | Next ▶."""
    ids = ctx.ids
    edge = st.session_state.pop(K_EDGE, None)
    with st.container(key="m_header"):
        n1, n2, n3 = st.columns([1.2, 5, 1.2], vertical_alignment="center")
        n1.button(
            "◀ Previous",
            on_click=step,
            args=(ids, "prev"),
            width="stretch",
            key="m_prev",
            help="Previous launch in date order (within the filters). Keys: ← or PageUp; Home: first.",
        )
        n3.button(
            "Next ▶",
            on_click=step,
            args=(ids, "next"),
            width="stretch",
            key="m_next",
            help="Next launch in date order (within the filters). Keys: → or PageDown; End: last.",
        )
        if launch is not None:
            rec = launch.rec
            landing = landing_line(launch.info)
            n2.markdown(f"**{md_escape(data.event_label(rec), limit=200)}**")
            n2.markdown(
                f"{_position(ids, str(rec['id']))}  \n{headline_facts(rec)}"
                + (f"  \n{landing}" if landing else "")
            )
        else:
            n2.markdown(
                f"**Pick a launch** in the sidebar or on the map, or step through the {len(ids)} launches "
                "with ◀ Previous / Next ▶ (or the arrow keys)."
            )
    if edge == "last":
        st.toast(
            "That was the last launch in these filters. Home goes back to the first.",
            icon=":material/last_page:",
        )
    elif edge == "first":
        st.toast(
            "That is the first launch in these filters. End goes to the last.", icon=":material/first_page:"
        )
