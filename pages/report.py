"""Read a report: paste a news report or upload a saved page; its launches become records of the map.

The page composes :mod:`ui.reportpage` (see there for what each part does).
"""

from __future__ import annotations

import streamlit as st

from ui.errors import page_guard
from ui.nav import ensure_app_navigation
from ui.reportpage.drafts import render_drafts
from ui.reportpage.findings import NO_LAUNCH, render_findings, titles
from ui.reportpage.reading import current_reading, render_input
from ui.style import apply_style


def render() -> None:
    apply_style(presentation=False)
    st.title("Read a report")
    st.markdown(
        "Paste a news report on a missile launch (a Yonhap, Kyodo or NHK story, a Japan Ministry of Defense "
        "release; English, Japanese or Korean) or upload a saved page. Launch Atlas finds each launch in it "
        "and shows the words every fact came from. Correct what it got wrong, then add the launches to the "
        "map: they stay in this browser tab only, nothing is stored on the server."
    )
    with page_guard("reading the report", "Check the text, or paste a shorter part of the article."):
        render_input()
    reading = current_reading()
    if reading is None:
        return
    if not reading.events:
        st.warning(NO_LAUNCH, icon="🔎")
        return
    found = st.container()
    with page_guard("checking the drafts", "Correct the cells of the table, or read the report again."):
        checked = render_drafts(reading, titles(reading))
    with found, page_guard("showing what was found", "Read the report again, or reload the page."):
        render_findings(reading, checked)


ensure_app_navigation("report")
render()
