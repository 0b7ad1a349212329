"""Guard against Streamlit's legacy multipage mode on a freshly started server.

The app declares its pages with ``st.navigation`` in ``app.py``; the page scripts live in ``pages/``,
which Streamlit also recognises as the legacy (v1) pages folder. Until ``app.py`` has run once in the
server process, the very first visitor who opens a page URL directly (``/events``, ``/import``,
``/about``) gets that script run on its own, with the legacy sidebar navigation and without the app's
configuration. :func:`ensure_app_navigation` detects that case and sends the visitor through
``app.py`` to the same page (URL query parameters kept).
"""

from __future__ import annotations

import streamlit as st

__all__ = ["PAGE_PARAM", "ensure_app_navigation"]

#: Query parameter carrying the page to open after the detour through app.py.
PAGE_PARAM = "page"


def _legacy_mode() -> bool:
    try:
        from streamlit.runtime.pages_manager import PagesManager
    except ImportError:  # internal API moved: assume the normal (st.navigation) mode
        return False
    return bool(PagesManager.uses_pages_directory)


def ensure_app_navigation(url_path: str) -> None:
    """Call first in every page script: re-enter through app.py when run as a legacy page."""
    if not _legacy_mode():
        return
    params = {k: v for k, v in st.query_params.to_dict().items() if k != PAGE_PARAM}
    params[PAGE_PARAM] = url_path
    st.switch_page("app.py", query_params=params)
