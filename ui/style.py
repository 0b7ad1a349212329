"""Page styling: normal and presentation mode (large text, readable from the back of a room)."""

from __future__ import annotations

import streamlit as st

__all__ = ["apply_style"]

_BASE = """
<style>
.block-container { padding-top: 2.2rem; padding-bottom: 1rem; }
.la-facts td { padding: 1px 8px 1px 0; vertical-align: top; }
.la-estimate { border-left: 4px solid #0d47a1; padding-left: 8px; }
</style>
"""

_PRESENTATION = """
<style>
html, body, [class*="st-"], .stMarkdown p, .stMarkdown li { font-size: 21px; }
.stMarkdown h1, h1 { font-size: 2.0rem !important; }
.stMarkdown h2, h2 { font-size: 1.6rem !important; }
.stMarkdown h3, h3 { font-size: 1.35rem !important; }
.block-container { padding-top: 1.4rem; max-width: 100%; }
button[kind] p { font-size: 21px; }
</style>
"""


def apply_style(*, presentation: bool) -> None:
    """Inject the app's CSS (static strings only: nothing user-supplied goes in here)."""
    st.html(_BASE + (_PRESENTATION if presentation else ""))
