"""Keyboard and clicker stepping, and launches picked on the map, reaching the page.

A small Streamlit component (``st.components.v2``: it runs in the page itself, not in an iframe) listens
for keys on the page: Right / PageDown step to the next launch, Left / PageUp to the previous one,
Home / End to the first and last (a presentation clicker sends PageDown / PageUp). Keys typed into a
text box, a slider or a list are left alone. The map runs in its own frame; its runtime forwards the same
keys to the page (``la-key`` events) when the map has the focus, except arrows, which pan the map then,
and reports a launch clicked in a place's popup (``la-select``). Each becomes a trigger value whose
callback changes the selection before the page reruns.

The component's code is static text: nothing from data or visitors goes into it.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import streamlit as st

from ui.mappage.keys import K_EVENT

__all__ = ["KEY_HELP", "render_keyboard"]

KEY_HELP = "Keys: → or PageDown next, ← or PageUp previous, Home first, End last (a clicker works too)."
K_BRIDGE = "m_keys"

_JS = """
export default function (component) {
  const w = window;
  w.__laSend = component.setTriggerValue;
  if (!w.__laKeysInstalled) {
    w.__laKeysInstalled = true;
    const ACTIONS = {PageDown: "next", ArrowRight: "next", PageUp: "prev", ArrowLeft: "prev",
                     Home: "first", End: "last"};
    const send = (name, value) => { if (w.__laSend) w.__laSend(name, value); };
    const busy = "input, textarea, select, [contenteditable], [role=slider], [role=combobox], " +
                 "[role=listbox], [role=option], [role=grid], [role=menu], [role=dialog], [role=tab]";
    document.addEventListener("keydown", (e) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey || e.repeat) return;
      const action = ACTIONS[e.key];
      if (!action || !w.__laSend) return;
      const t = e.target && e.target.closest ? e.target : document.body;
      // A clicker's PageDown works anywhere but in a multi-line text or a table; arrows and Home/End
      // keep their meaning in text boxes, sliders and lists.
      const clicker = e.key === "PageDown" || e.key === "PageUp";
      if (t.closest(clicker ? "textarea, [role=grid], [role=listbox]" : busy)) return;
      e.preventDefault();
      send("key", action);
    }, true);
    document.addEventListener("la-key", (e) => {
      const action = e.detail && ACTIONS[e.detail.key];
      if (action) send("key", action);
    });
    document.addEventListener("la-select", (e) => {
      if (e.detail && typeof e.detail.id === "string") send("select", e.detail.id);
    });
  }
  const mine = component.setTriggerValue;
  return () => { if (w.__laSend === mine) w.__laSend = null; };
}
"""

_component = st.components.v2.component("launch_atlas.keys", js=_JS)


def _value(name: str) -> object:
    state = st.session_state.get(K_BRIDGE)
    return state.get(name) if state is not None else None


def _on_key(step: Callable[[str], None]) -> None:
    action = _value("key")
    if isinstance(action, str):
        step(action)


def _on_select(selectable: frozenset[str]) -> None:
    rid = _value("select")
    if isinstance(rid, str) and rid in selectable:
        st.session_state[K_EVENT] = rid


def render_keyboard(step: Callable[[str], None], selectable: frozenset[str]) -> None:
    """Mount the key listener: ``step("next" | "prev" | "first" | "last")`` on a key; a launch picked on
    the map becomes the selection if its id is in ``selectable``."""
    _component(
        key=K_BRIDGE,
        on_key_change=partial(_on_key, step),
        on_select_change=partial(_on_select, selectable),
        height=0,
    )
