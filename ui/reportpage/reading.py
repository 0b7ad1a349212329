"""The report's text: pasted or uploaded (bounded on the server before it is read), then read.

A pasted text is refused with a clear message when it is empty, longer than
:data:`geo.geocoding.MAX_REPORT_CHARS` characters or binary (:func:`geo.geocoding.check_report_text`);
an uploaded file is refused from its size before its bytes are read (:func:`ui.uploads.bytes_within`,
as on the Import page), then when it is binary or not UTF-8 text (:func:`geo.geocoding.report_text`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import streamlit as st

import geo
from geo.geocoding import ReportEvent, ReportInputError
from ui import data, records
from ui.errors import public_message
from ui.state import md_escape
from ui.uploads import bytes_within

__all__ = ["EXAMPLE", "K_READING", "REPORT_MAX_MB", "Reading", "current_reading", "render_input"]

#: The uploader's limit, MB (the browser's; the server checks geo.geocoding.MAX_REPORT_BYTES).
REPORT_MAX_MB = 2
#: Session key of the current :class:`Reading`.
K_READING = "_r_reading"
K_TEXT, K_FILE, K_PUBLISHED, K_SOURCE = "r_text", "r_file", "r_published", "r_source"
#: A sample report to try the page with, written for Launch Atlas in the style of a wire report (not
#: copied from any source; tests/data/reports/example_report.txt).
EXAMPLE = (
    "SEOUL, Sept. 15 -- North Korea fired two short-range ballistic missiles from rail cars in the "
    "mountainous central region early on Wednesday, the Joint Chiefs of Staff said. The missiles flew "
    "about 800 km at an apogee of 60 km and fell into the sea inside Japan's exclusive economic zone "
    "but outside its territorial waters, Japan's Defense Ministry said.\n\n"
    "Over the weekend the North also tested a new long-range cruise missile that flew 1,500 km."
)
EXAMPLE_PUBLISHED = dt.date(2021, 9, 15)


@dataclass
class Reading:
    """A report as read: its text (as shown, evidence spans index it), the events, where it came from."""

    text: str
    events: list[ReportEvent]
    source: str
    published: dt.date | None
    digest: str
    rows: list[dict[str, Any]] = field(default_factory=list)


def current_reading() -> Reading | None:
    """The report read last in this session, if any."""
    got = st.session_state.get(K_READING)
    return got if isinstance(got, Reading) else None


def _load_example() -> None:
    st.session_state[K_TEXT] = EXAMPLE
    st.session_state[K_PUBLISHED] = EXAMPLE_PUBLISHED
    st.session_state[K_SOURCE] = "Launch Atlas sample report"


def render_input() -> None:
    """The input form; on "Read the report" the text is read and kept as the session's reading."""
    st.button("Try it with a sample report", on_click=_load_example, key="r_example")
    with st.form("r_form", border=True):
        text = st.text_area(
            "Paste the text of a news report (English, Japanese or Korean)",
            key=K_TEXT,
            height=200,
            placeholder="e.g. SEOUL, Sept. 15 (Yonhap) -- North Korea fired two ballistic missiles …",
        )
        up = st.file_uploader(
            f"… or upload a saved page (.txt or .html, up to {REPORT_MAX_MB} MB)",
            type=["txt", "html", "htm"],
            max_upload_size=REPORT_MAX_MB,
            key=K_FILE,
        )
        c1, c2 = st.columns(2)
        published = c1.date_input(
            "Published on (optional)",
            value=None,
            min_value=dt.date(1950, 1, 1),
            max_value=dt.date(2100, 12, 31),
            format="YYYY-MM-DD",
            key=K_PUBLISHED,
            help="The report's date: needed to read 'on Wednesday', 'yesterday' or a date without a year.",
        )
        source = c2.text_input(
            "Source (optional)",
            key=K_SOURCE,
            max_chars=300,
            placeholder="a link or the report's name",
            help="Kept with the launches you add, as their source.",
        )
        submitted = st.form_submit_button("Read the report", type="primary")
    if submitted:
        _read(text, up, published, source)


def _text_of(text: str, up: Any) -> tuple[str, str] | None:
    """The report's text and a name for it, or None (with the reason shown)."""
    if up is not None:
        raw = bytes_within(up, max_bytes=geo.geocoding.MAX_REPORT_BYTES, what="The report file")
        if raw is None:
            return None
        if text.strip():
            st.info("Reading the uploaded file (the pasted text is left aside).")
        return geo.geocoding.report_text(raw), str(up.name)
    return text, "pasted text"


def _read(text: str, up: Any, published: dt.date | None, source: str) -> None:
    st.session_state.pop(K_READING, None)
    try:
        got = _text_of(text or "", up)
        if got is None:
            return
        body, name = got
        body = geo.geocoding.check_report_text(body)
        with st.spinner("Reading the report…"):
            events = geo.read_report(body, published=published, gazetteer=data._gazetteer())
    except ReportInputError as exc:  # says what is wrong and what to do
        st.error(f"Could not read this report: {md_escape(public_message(exc), limit=400)}.")
        return
    source = " ".join(source.split()) or name
    digest = records.content_digest(f"{published}\n{source}\n{body}")
    reading = Reading(body, events, source, published, digest)
    reading.rows = geo.draft_rows(events, source=source, gazetteer=data._gazetteer())
    st.session_state[K_READING] = reading
