"""Page styling: normal and presentation mode (large text, readable from the back of a room)."""

from __future__ import annotations

import streamlit as st

__all__ = ["apply_style"]

_BASE = """
<style>
.block-container { padding-top: 2.2rem; padding-bottom: 1rem; }
/* A smaller page title: at 1280x720 the default 2.75rem title pushed the map half below the fold. */
.stMainBlockContainer h1 { font-size: 2.1rem; }
.la-facts td { padding: 1px 8px 1px 0; vertical-align: top; }
.la-estimate { border-left: 4px solid #0d47a1; padding-left: 8px; }
</style>
"""

_PRESENTATION = """
<style>
.stMarkdown p, .stMarkdown li, .stCaption, td, [data-testid="stWidgetLabel"] p { font-size: 22px !important; }
.stMarkdown h2, h2 { font-size: 1.7rem !important; }
.stMarkdown h3, h3 { font-size: 1.45rem !important; }
.block-container { padding-top: 4.2rem; padding-left: 1.5rem; padding-right: 1.5rem; max-width: 100%; }
.stButton button p { font-size: 22px !important; font-weight: 600; }
</style>
"""


def apply_style(*, presentation: bool) -> None:
    """Inject the app's CSS (static strings only: nothing user-supplied goes in here)."""
    st.html(_BASE + (_PRESENTATION if presentation else ""))
