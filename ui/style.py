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
/* The step-through header: the launch's name stands out; no gap under the (invisible) key listener. */
.st-key-m_header [data-testid="stColumn"]:nth-child(2) [data-testid="stElementContainer"]:first-child p {
  font-size: 1.15rem; margin-bottom: 0.2rem; }
.st-key-m_keys { display: none; }
/* The launch selector's list shows whole labels (date, system and place), on two lines if needed. */
[data-baseweb="popover"] li[role="option"] { white-space: normal; line-height: 1.3; }
/* Phones: the map first (title and summary hidden); the step-through header becomes a bar pinned to
   the bottom of the screen: ◀ | launch and position | ▶ on one row. */
@media (max-width: 640px) {
  .st-key-m_title { display: none; }
  [data-testid="stMainBlockContainer"] > div > div:has(> .st-key-m_body) { order: -1; }
  .block-container { padding-top: 3rem; }
  [data-testid="stMainBlockContainer"] > div > div:has(> .st-key-m_header) {
    order: 1; position: sticky; bottom: 0; z-index: 50; background: #ffffff;
    box-shadow: 0 -2px 8px rgba(0,0,0,0.18); padding: 6px 4px; margin: 0 -1rem; }
  .st-key-m_header { background: #ffffff; }
  .st-key-m_header [data-testid="stHorizontalBlock"] { flex-wrap: nowrap !important; gap: 6px; }
  .st-key-m_header [data-testid="stColumn"] {
    min-width: 0 !important; width: auto !important; flex: 0 0 auto !important; }
  .st-key-m_header [data-testid="stColumn"]:nth-child(2) { flex: 1 1 auto !important; }
  .st-key-m_header [data-testid="stColumn"]:nth-child(2) [data-testid="stElementContainer"]:nth-child(2) p {
    font-size: 0.85rem; line-height: 1.25; max-height: 2.6em; overflow: hidden; }
  .st-key-m_header [data-testid="stColumn"]:nth-child(2) [data-testid="stElementContainer"]:first-child p {
    font-size: 0.9rem; margin: 0; }
  .st-key-m_header button { padding: 0.4rem 0.5rem; min-height: 3rem; }
}
</style>
"""

_PRESENTATION = """
<style>
.stMarkdown p, .stMarkdown li, .stCaption, td, [data-testid="stWidgetLabel"] p { font-size: 22px !important; }
.stMarkdown h2, h2 { font-size: 1.7rem !important; }
.stMarkdown h3, h3 { font-size: 1.45rem !important; }
.block-container { padding-top: 4.2rem; padding-left: 1.5rem; padding-right: 1.5rem; max-width: 100%; }
.stButton button p { font-size: 22px !important; font-weight: 600; }
.st-key-m_header [data-testid="stColumn"]:nth-child(2) [data-testid="stElementContainer"]:first-child p {
  font-size: 30px !important; line-height: 1.25; }
.st-key-m_header button { min-height: 64px; }
/* "That was the last launch" read from the back of the room too */
[data-testid="stToast"] p { font-size: 22px !important; line-height: 1.3; }
</style>
"""


def apply_style(*, presentation: bool) -> None:
    """Inject the app's CSS (static strings only: nothing user-supplied goes in here)."""
    st.html(_BASE + (_PRESENTATION if presentation else ""))
