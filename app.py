"""Launch Atlas: the Streamlit entry point (``streamlit run app.py``).

Pages: Map (default), Events, Read a report, Import, About & sources. Leaflet is served by this app
from ``static/`` (copied from the installed xstatic-leaflet package), so the map works with no internet.
"""

from __future__ import annotations

import streamlit as st

from ui.assets import ensure_leaflet_assets, ensure_runtime_assets
from ui.errors import page_guard
from ui.heap import freeze_shared_heap
from ui.nav import PAGE_PARAM


@st.cache_resource(show_spinner=False)
def _leaflet_ready() -> str:
    ensure_runtime_assets()
    return str(ensure_leaflet_assets())


# The sidebar's first state, decided once per visit: folded when a shared link opens in presentation
# mode (the map gets the screen), Streamlit's "auto" otherwise (open on a wide screen, folded on a
# phone). Deciding it on every run folded the sidebar on the first click after presentation mode was
# switched on; after the first run it stays as the visitor left it.
if "_sidebar_initial" not in st.session_state:
    _present = str(st.query_params.get("present", "")).lower() in ("1", "true", "yes", "on")
    st.session_state["_sidebar_initial"] = "collapsed" if _present else "auto"
st.set_page_config(
    page_title="Launch Atlas",
    page_icon="🌏",
    layout="wide",
    initial_sidebar_state=st.session_state["_sidebar_initial"],
)
_leaflet_ready()

pages = [
    st.Page("pages/map.py", title="Map", icon=":material/map:", default=True, url_path="map"),
    st.Page("pages/events.py", title="Events", icon=":material/table_rows:", url_path="events"),
    st.Page("pages/report.py", title="Read a report", icon=":material/article:", url_path="report"),
    st.Page("pages/import.py", title="Import", icon=":material/upload_file:", url_path="import"),
    st.Page("pages/about.py", title="About & sources", icon=":material/info:", url_path="about"),
]
current = st.navigation(pages, position="top")
# Arrived through ui.nav's detour (a page URL opened on a freshly started server): go to that page.
wanted = st.query_params.get(PAGE_PARAM)
if wanted is not None:
    target = next((p for p in pages if p.url_path == wanted), None)
    rest = {k: v for k, v in st.query_params.to_dict().items() if k != PAGE_PARAM}
    if target is not None and target.url_path != current.url_path:
        st.switch_page(target, query_params=rest)
    st.query_params.from_dict(rest)
with page_guard("opening this page", "Reload the page, or open the Map."):  # pages guard their own too
    current.run()
freeze_shared_heap()  # once per process: later garbage collections skip the app's shared data
