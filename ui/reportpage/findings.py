"""What was found in a report: the text with the evidence highlighted, each launch's fields in words."""

from __future__ import annotations

import streamlit as st

import geo
from ui.reportpage.drafts import Checked
from ui.reportpage.preview import render_preview
from ui.reportpage.reading import Reading
from ui.state import md_escape

__all__ = ["NO_LAUNCH", "render_findings", "titles"]

NO_LAUNCH = (
    "No launch was found in this text. Launch Atlas looks for a missile launch (fired, launched, test-fired, "
    "発射, 발사…) with at least a date, a place, a distance or a missile type. Paste the article itself "
    "(not a list of headlines), or add the launch by hand on the Import page."
)


def titles(reading: Reading) -> list[str]:
    """Plain titles of the launches found (``Launch 1: 2021-09-15 · 2 × SRBM · …``)."""
    return [geo.event_title(ev, n) for n, ev in enumerate(reading.events, start=1)]


def _summary(reading: Reading) -> str:
    n = len(reading.events)
    bg = sum(1 for ev in reading.events if ev.background)
    main = n - bg
    parts = [f"{main} launch{'es' if main != 1 else ''} reported"] if main else []
    if bg:
        parts.append(f"{bg} earlier launch{'es' if bg != 1 else ''} it mentions as background")
    return f"Found **{n} launch event{'s' if n != 1 else ''}** in {md_escape(reading.source, limit=80)}: " + (
        " and ".join(parts) + "."
    )


def render_findings(reading: Reading, checked: Checked) -> None:
    """The highlighted report, then for each launch: its fields, what was not found, its map preview."""
    st.markdown(_summary(reading))
    with st.expander("The report, with the words each fact came from", expanded=True):
        st.html(
            f"<style>{geo.HIGHLIGHT_CSS}</style>"
            + geo.legend_html()
            + geo.highlight_html(reading.text, reading.events)
        )
    for k, (event, title) in enumerate(zip(reading.events, titles(reading), strict=True)):
        st.subheader(title)
        rows = geo.field_rows(event)
        st.dataframe(
            rows,
            hide_index=True,
            width="stretch",
            height=min(460, 38 + 35 * len(rows)),
            column_config={"Field": st.column_config.TextColumn(width="small")},
            placeholder="",
        )
        missing = geo.not_found(event)
        if missing:
            st.caption("Not found in the report: " + md_escape(", ".join(missing), limit=300) + ".")
        if event.background:
            st.caption(
                "A background launch: the report mentions it as an earlier launch; its facts are kept apart "
                "from the main launch's."
            )
        render_preview(event, checked.by_event.get(k), k)
