"""About & sources: attribution for every data source, method notes, tips for teachers."""

from __future__ import annotations

import streamlit as st

from geo.audit import CATALOGUE_COMPLETE_THROUGH, REPORTS_SEARCHED_THROUGH
from ui import data
from ui.errors import page_guard
from ui.nav import ensure_app_navigation
from ui.state import md_escape
from ui.style import apply_style


def render() -> None:
    apply_style(presentation=False)
    st.title("About Launch Atlas")
    st.markdown(
        "Launch Atlas maps **reported** North Korean missile launches: where they were launched from, "
        "how far "
        "they flew, the ranges around a launch place and estimates of where they came down, over coastlines, "
        "Exclusive Economic Zones (EEZ) and territorial seas. It runs entirely offline: the map library "
        "(Leaflet) and every layer are served by this app."
    )
    st.header("The launch catalogue")
    st.markdown(_catalogue_note())
    st.header("Data sources and attribution")
    lines = data.attribution_lines()
    if lines:
        st.markdown("\n".join(f"- {md_escape(line, limit=400)}" for line in lines))
        st.caption("Every shipped file, its source, licence, version and how it was built:")
    sections = data.data_sources()
    if not sections:
        st.info("data/README.md is missing: see the repository for sources.")
    for heading, body in sections:
        with st.expander(heading):
            st.markdown(body)
    st.header("Method")
    st.markdown(_METHOD)
    st.header("Tips for teachers")
    st.markdown(_TIPS)


def _catalogue_note() -> str:
    """Completeness and the date convention of the catalogue, from the constants the tests pin."""
    return (
        f"- **Complete through {CATALOGUE_COMPLETE_THROUGH.isoformat()}**: the catalogue holds every "
        "North Korean ballistic missile and satellite launch that the CNS North Korea Missile Test Database "
        f"records up to that day (its last launch). News reports searched up to "
        f"{REPORTS_SEARCHED_THROUGH.isoformat()} show no later launch, but they are sparse after April 2026. "
        "Cruise missile tests are included only for 2021 to 2023 (reported by KCNA).\n"
        "- **Dates and times**: *Date* is the local date at the launch site (UTC+9, the clock of the "
        "South Korean and Japanese reports, also for 2015 to 2018 when Pyongyang's own clock was UTC+8:30); "
        "times are shown on that clock and in UTC.\n"
        "- **Checked against a second source**: dates, times, apogees and distances were compared with news "
        "reports of South Korean, Japanese and US statements; corrections and every check are listed, with "
        "their sources, in `data/catalogue/audit.csv` (see data/README.md)."
    )


_METHOD = """
- **Range rings are geodesic**: every vertex is computed on the WGS84 ellipsoid (GeographicLib, via
  pyproj) at exactly the stated distance from the launch point, so a ring is what "800 km away" really
  means on the Earth. Rings that cross the 180° meridian are split there in the data (and exported that
  way, RFC 7946) and drawn as one shape on the map. The map itself uses Web Mercator, which stretches
  shapes far from the equator.
- **Launch places** are as reported (a facility or a county); the app geocodes them and shows the
  uncertainty of that position as an estimated launch area.
- **Impact points are estimates**: from the launch place, the reported bearing and the reported distance.
  Their uncertainty combines the launch-place uncertainty, the rounding of the reported distance and of
  the bearing. They are labelled ESTIMATE everywhere with their ±km.
- **Maritime zones**: EEZ limits from Marine Regions (v10, 2018, simplified); territorial seas 12
  nautical miles from the coast. A verdict such as "inside Japan's EEZ" is about the estimate, with its
  uncertainty.
- **Downloads** (Map page) are RFC 7946 GeoJSON: WGS84 longitude/latitude, counter-clockwise polygons,
  with every attribute; they open directly in QGIS.
"""

_TIPS = """
- Turn on **Presentation mode** (sidebar) for large text and thick lines on a projector.
- Step through launches in date order with **◀ Previous launch / Next launch ▶**; narrow the dates first
  to tell a story (e.g. 2017 or 2022).
- The address bar always holds the current view (launch, dates, system types, ranges, layers,
  presentation mode): copy it into your slides or send it to students to reopen exactly that view.
- Change the **range rings** (e.g. `1000, 5500, 13000`) to compare a launch with other systems' ranges.
- On the map: scroll or +/- to zoom, drag to pan; hover a circle for a summary, click it for the list.
- Keyboard: Tab moves between the controls; on the map (click it first) the arrow keys pan and + / - zoom;
  in the launch selector, type part of a name or date (e.g. "Hwasong-17" or "2017-07") to jump to it.
- A newer EEZ layer (Marine Regions v11/v12) can be loaded on the Import page for your session.
"""


ensure_app_navigation("about")
with page_guard("showing this page", "Reload the page."):
    render()
