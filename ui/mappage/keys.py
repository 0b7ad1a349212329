"""Session-state keys of the Map page's widgets (one place, so callbacks and tests agree)."""

from __future__ import annotations

__all__ = [
    "K_DATES",
    "K_EVENT",
    "K_ONLINE",
    "K_PRESENT",
    "K_QUERY",
    "K_RANGES",
    "K_SAVED",
    "K_SYNCED",
    "K_TYPES",
    "layer_key",
]

K_DATES, K_TYPES, K_EVENT, K_RANGES = "m_dates", "m_types", "m_event", "m_ranges"
K_PRESENT, K_ONLINE, K_QUERY = "m_present", "m_online", "m_query"
#: The query parameters last written by the page (to tell our own URL updates from a pasted link).
K_SYNCED = "_m_synced_qp"
#: The last view, restored when the visitor comes back from another page.
K_SAVED = "_m_saved_view"


def layer_key(name: str) -> str:
    """Key of the checkbox of layer ``name``."""
    return f"m_layer_{name}"
