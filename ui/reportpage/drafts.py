"""The drafts of a read report: an editable table, checked like an import, added to the map, downloaded.

Each launch found is one row of the catalogue's format (:func:`geo.draft_rows`). The reader corrects
any cell; the rows are merged (:func:`geo.edited_rows`: a corrected place is placed again) and checked by
:func:`geo.validate_records` like an imported file, so a draft without a date is rejected with the field
named, never dropped. "Add to the map" admits the valid ones through :func:`ui.records.add_records` (the
path of every imported record); the download is the catalogue's CSV, ready for the Import page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import streamlit as st

import geo
from geo.records import PLATFORMS, SYSTEM_TYPES
from ui import data, records
from ui.reportpage.reading import Reading
from ui.state import md_escape

__all__ = ["Checked", "render_drafts"]

_K_ADDED = "_r_added"


@dataclass
class Checked:
    """The drafts after the reader's edits, as the validator sees them.

    Attributes
    ----------
    result : geo.records.ValidationResult
        Valid records (catalogue columns) and the problems of the others.
    by_event : dict of int to Series
        The valid record of each event (0-based event number), placed, with ``origin`` = ``"report"``.
    records : DataFrame
        The valid records, placed (launch point and radius of the place), one per launch.
    """

    result: Any
    by_event: dict[int, pd.Series] = field(default_factory=dict)
    records: pd.DataFrame = field(default_factory=pd.DataFrame)


def _editor_frame(rows: list[dict[str, Any]], titles: list[str]) -> pd.DataFrame:
    frame = pd.DataFrame(
        [{c: r.get(c) for c in geo.DRAFT_COLUMNS} for r in rows], columns=list(geo.DRAFT_COLUMNS)
    )
    for c in ("salvo_size", "launch_lon", "launch_lat", "launch_uncertainty_km", "distance_km", "apogee_km",
              "bearing_deg"):  # fmt: skip
        frame[c] = pd.to_numeric(frame[c], errors="coerce")
    for c in ("date", "time_utc", "country", "system_type", "system_name", "platform", "launch_place",
              "landing_label", "eez_reported"):  # fmt: skip
        frame[c] = frame[c].astype("string").fillna("")
    frame.index = pd.Index(titles, name="Launch")
    return frame


def _column_config() -> dict[str, Any]:
    cc = st.column_config
    num = {"min_value": 0.0, "format": "%.1f"}
    return {
        "date": cc.TextColumn(geo.DRAFT_COLUMNS["date"], help="YYYY-MM-DD (or YYYY-MM) at the launch site"),
        "time_utc": cc.TextColumn(geo.DRAFT_COLUMNS["time_utc"], help="HH:MM in UTC"),
        "country": cc.TextColumn(geo.DRAFT_COLUMNS["country"], help="KP, CN, IR, RU… or the name"),
        "salvo_size": cc.NumberColumn(geo.DRAFT_COLUMNS["salvo_size"], min_value=1, max_value=100, step=1),
        "system_type": cc.SelectboxColumn(geo.DRAFT_COLUMNS["system_type"], options=list(SYSTEM_TYPES)),
        "system_name": cc.TextColumn(geo.DRAFT_COLUMNS["system_name"]),
        "platform": cc.SelectboxColumn(geo.DRAFT_COLUMNS["platform"], options=list(PLATFORMS)),
        "launch_place": cc.TextColumn(
            geo.DRAFT_COLUMNS["launch_place"],
            help="Change it to place the launch again (a name the app knows)",
        ),
        "launch_lon": cc.NumberColumn(geo.DRAFT_COLUMNS["launch_lon"], min_value=-180.0, max_value=180.0),
        "launch_lat": cc.NumberColumn(geo.DRAFT_COLUMNS["launch_lat"], min_value=-90.0, max_value=90.0),
        "launch_uncertainty_km": cc.NumberColumn(geo.DRAFT_COLUMNS["launch_uncertainty_km"], **num),
        "distance_km": cc.NumberColumn(geo.DRAFT_COLUMNS["distance_km"], **num),
        "apogee_km": cc.NumberColumn(geo.DRAFT_COLUMNS["apogee_km"], **num),
        "bearing_deg": cc.NumberColumn(geo.DRAFT_COLUMNS["bearing_deg"], min_value=0.0, max_value=359.9),
        "landing_label": cc.TextColumn(geo.DRAFT_COLUMNS["landing_label"]),
        "eez_reported": cc.TextColumn(geo.DRAFT_COLUMNS["eez_reported"], help="e.g. inside Japan EEZ"),
    }


def _records_from(edited: pd.DataFrame) -> list[dict[str, Any]]:
    out = []
    for row in edited.to_dict("records"):
        out.append(
            {str(k): (None if v is pd.NA or (isinstance(v, float) and v != v) else v) for k, v in row.items()}
        )
    return out


def check_drafts(reading: Reading, edited: pd.DataFrame | None) -> Checked:
    """The reading's drafts with the edits of ``edited`` (None: as read), validated."""
    rows = geo.edited_rows(reading.rows, _records_from(edited)) if edited is not None else reading.rows
    result = geo.validate_records(rows, source=reading.source, mode="upload")
    # Placed as the map will place them (a corrected place geocoded), so that the preview draws the
    # distance ring from the new place and the download carries coordinates; an unknown place is a
    # problem of its row like any other.
    nothing = pd.DataFrame(columns=list(geo.CATALOGUE_COLUMNS))
    placed = geo.admit_records(
        result.records, origin="report", existing=nothing, gazetteer=data._gazetteer(), rows=result.kept_rows
    )
    result.errors = sorted([*result.errors, *placed.errors], key=lambda e: e.row)
    by_id = {str(rec["id"]): rec for _, rec in placed.records.iterrows()}
    by_event: dict[int, pd.Series] = {}
    for row, rid in zip(result.kept_rows, result.records["id"].astype(str), strict=True):
        if rid in by_id:  # two events with the same facts share one record
            by_event[row - 1] = by_id[rid]
    return Checked(result, by_event, placed.records)


def render_drafts(reading: Reading, titles: list[str]) -> Checked:
    """The editable drafts, their problems, "Add to the map" and the download; returns what was checked."""
    st.header("Correct the drafts, then add them to the map")
    st.markdown(
        "One row per launch found above, in the catalogue's format. Correct any cell: a changed **launch "
        "place** is placed again on the map (use a name the app knows, e.g. *Sinpo*, *Sunan*, *off Wonsan*). "
        "Empty cells mean *not reported*."
    )
    edited = st.data_editor(
        _editor_frame(reading.rows, [_short(t) for t in titles]),
        key=f"r_drafts_{reading.digest}",
        num_rows="fixed",
        width="stretch",
        column_config=_column_config(),
        placeholder="",  # a fact the report does not give is an empty cell, not "None"
    )
    checked = check_drafts(reading, edited)
    result = checked.result
    if result.errors:
        lines = "\n".join(
            f"- **{md_escape(_row_title(titles, e.row), limit=120)}**: {md_escape(e.message, limit=400)}"
            for e in result.errors
        )
        st.warning(f"Not ready to add (correct the cells named):\n{lines}", icon="✏️")
    _actions(reading, checked)
    return checked


def _short(title: str) -> str:
    """``Launch 1`` / ``Background launch 2`` (the row names of the table)."""
    return title.split(":", 1)[0]


def _row_title(titles: list[str], row: int) -> str:
    return titles[row - 1] if 0 < row <= len(titles) else f"row {row}"


def _actions(reading: Reading, checked: Checked) -> None:
    n = len(checked.records)
    c1, c2 = st.columns(2)
    add = c1.button(
        f"Add {n} launch{'es' if n != 1 else ''} to the map",
        type="primary",
        disabled=n == 0,
        key="r_add",
        width="stretch",
        help="They join the catalogue's launches on the Map and Events pages and in every download, for "
        "this browser tab only: nothing is stored on the server. Adding again replaces them.",
    )
    c2.download_button(
        f"Download {n} launch{'es' if n != 1 else ''} (CSV, the catalogue's format)",
        geo.records_to_csv(checked.records),
        file_name="launch-atlas-report.csv",
        mime="text/csv",
        disabled=n == 0,
        key="r_download",
        width="stretch",
        help="Every column of the catalogue, ready for the Import page of any session.",
    )
    if add:
        name = " ".join(reading.text.split()[:8])[:60] + "…"
        key = f"report:{reading.digest}"
        admitted = records.add_records(checked.records, origin="report", key=key, name=name)
        st.session_state[_K_ADDED] = {
            "digest": reading.digest,
            "ids": admitted.records["id"].astype(str).tolist(),
            "notes": admitted.notes + [e.message for e in admitted.errors],
        }
    _added(reading)


def _added(reading: Reading) -> None:
    done = st.session_state.get(_K_ADDED)
    if not isinstance(done, dict) or done.get("digest") != reading.digest:
        return
    ids: list[str] = done["ids"]
    for note in done["notes"]:
        st.info(md_escape(note, limit=400))
    if not ids:
        return
    st.success(
        f"{len(ids)} launch{'es are' if len(ids) != 1 else ' is'} on the map, on the Events page and in "
        "every download (this browser tab only)."
    )
    if st.button("Open it on the map" if len(ids) == 1 else "Open the first on the map", key="r_open"):
        st.session_state.pop("_m_saved_view", None)
        st.switch_page("pages/map.py", query_params={"event": ids[0]})
