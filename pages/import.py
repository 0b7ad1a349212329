"""Import page: check a user's CSV / GeoJSON of launch records; kept rows and a rejected-rows report."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from geo import mapview
from ui import data
from ui.errors import page_guard, public_message
from ui.nav import ensure_app_navigation
from ui.state import md_escape
from ui.style import apply_style
from ui.uploads import EEZ_MAX_MB, RECORDS_MAX_MB, bytes_within, one_at_a_time

#: Largest accepted uploads (MB). Streamlit enforces them in the browser only: the page checks each
#: file's size before reading it (ui.uploads), the server caps every request at the larger one.
MAX_UPLOAD_MB = RECORDS_MAX_MB
MAX_EEZ_MB = EEZ_MAX_MB


def _as_frame(obj: Any) -> pd.DataFrame:
    if obj is None:
        return pd.DataFrame()
    if isinstance(obj, pd.DataFrame):
        return pd.DataFrame(obj.drop(columns="geometry", errors="ignore"))
    if isinstance(obj, str):
        from io import StringIO

        try:
            return pd.read_csv(StringIO(obj), dtype=str)
        except Exception:
            return pd.DataFrame({"report": obj.splitlines()})
    return pd.DataFrame(obj)


def _eez_section() -> None:
    """Replace the shipped EEZ layer (Marine Regions v10, 2018) by the user's v11/v12 download."""
    st.header("Use a newer EEZ layer")
    st.markdown(
        "The app ships the Marine Regions **World EEZ v10** (2018). If you have downloaded **v11 or v12** "
        "from marineregions.org (the shapefile zip or the GeoPackage, unchanged), upload it here: the map "
        "and the maritime verdicts of your session then use it. It is unpacked in a temporary folder "
        "that is deleted as soon as it is read, and never kept."
    )
    current = st.session_state.get("user_eez_name")
    if current:
        st.success(f"Your session uses the EEZ layer from {md_escape(current, limit=120)}.")
        if st.button("Go back to the shipped v10 layer", key="i_eez_clear"):
            for k in ("user_eez_name", "user_eez_fc", "user_zones", "user_verdicts"):
                st.session_state.pop(k, None)
            st.rerun()
    up = st.file_uploader(
        f"Marine Regions World EEZ zip or .gpkg (up to {MAX_EEZ_MB} MB)",
        type=["zip", "gpkg"],
        max_upload_size=MAX_EEZ_MB,
        key="i_eez",
    )
    if up is None or up.name == current:
        return
    import geo

    raw = bytes_within(up, max_bytes=geo.maritime.DEFAULT_MAX_USER_EEZ_BYTES, what="The EEZ file")
    if raw is None:
        return
    with one_at_a_time("eez") as my_turn, st.spinner("Reading the EEZ layer…"):
        if not my_turn:
            st.warning("Another EEZ file is being read on this server: try again in a minute.")
            return
        try:
            gdf = geo.maritime.read_user_eez(raw, filename=up.name)
            zones = geo.maritime.MaritimeZones.load(eez=gdf)
            display = geo.maritime.simplified_for_display(gdf, zoom=data.DISPLAY_ZOOM)
            fc = mapview.prepare_layer(display, keep=["name"], decimals=3)
        except geo.maritime.MaritimeDataError as exc:  # says what was found, what is expected, the fix
            st.error(md_escape(public_message(exc), limit=800))
            return
    st.session_state["user_eez_name"] = up.name
    st.session_state["user_eez_fc"] = fc
    st.session_state["user_zones"] = zones
    st.session_state["user_verdicts"] = {}
    st.success(f"{len(gdf)} EEZ polygons read from {md_escape(up.name, limit=120)}: the map now uses them.")


def render() -> None:
    apply_style(presentation=False)
    st.title("Import your own records")
    st.markdown(
        "Upload a **CSV** or **GeoJSON** file of launch records in the catalogue's format "
        "(the same columns as "
        "the Events page's CSV download). Each row is checked: good rows are kept, every rejected row is "
        "listed with the field, what was expected and what was found. Nothing is stored on the server."
    )
    up = st.file_uploader(
        f"CSV or GeoJSON file (up to {MAX_UPLOAD_MB} MB)",
        type=["csv", "geojson", "json"],
        max_upload_size=MAX_UPLOAD_MB,
        key="i_file",
    )
    if up is None:
        kept_before = st.session_state.get("imported_records")
        if kept_before is not None and len(kept_before):
            name = md_escape(st.session_state.get("imported_name", "your file"), limit=80)
            st.info(f"{len(kept_before)} record(s) from {name} are available on the map.")
            if st.button("Remove them from the map", key="i_clear"):
                st.session_state.pop("imported_records", None)
                st.rerun()
        return
    import geo

    raw = bytes_within(up, max_bytes=geo.records.MAX_UPLOAD_BYTES, what="The file")
    if raw is None:
        return
    is_csv = up.name.lower().endswith(".csv")

    try:
        result = geo.records.read_records_csv(raw) if is_csv else geo.records.read_records_geojson(raw)
    except ValueError as exc:  # a broken file is reported (anything else: page_guard)
        st.error(f"Could not read the file: {md_escape(public_message(exc), limit=400)}")
        return
    kept = _as_frame(getattr(result, "records", None))
    errors = list(getattr(result, "errors", []) or [])
    summary = getattr(result, "summary", None)
    if callable(summary):
        summary = summary()
    if summary:
        st.markdown(md_escape(str(summary), limit=600))
    warnings = [str(w) for w in (getattr(result, "warnings", None) or [])]
    if warnings:
        # The summary counts them ("2 warnings"): say what they are (kept rows, nothing rejected).
        shown = "\n".join(f"- {md_escape(w, limit=300)}" for w in warnings[:50])
        more = f"\n- … and {len(warnings) - 50} more" if len(warnings) > 50 else ""
        st.warning(f"**Warnings** (the rows were kept):\n{shown}{more}", icon="⚠️")
    c1, c2 = st.columns(2)
    c1.metric("Rows kept", len(kept))
    report_fn = getattr(result, "rejected_report", None)
    report = _as_frame(report_fn() if callable(report_fn) else None)
    n_rejected = len({(getattr(e, "row", i)) for i, e in enumerate(errors)}) if errors else len(report)
    c2.metric("Rows rejected", n_rejected)
    if len(kept):
        st.subheader("Kept rows")
        st.dataframe(kept, hide_index=True, use_container_width=True, height=min(320, 40 + 35 * len(kept)))
        with_place = kept.dropna(subset=["launch_lon", "launch_lat"]) if "launch_lon" in kept else kept[:0]
        st.session_state["imported_records"] = with_place
        st.session_state["imported_name"] = up.name
        if len(with_place):
            st.success(
                f"{len(with_place)} record(s) with coordinates can be shown on the map "
                "(sidebar: Layers → Show my imported records)."
            )
            st.page_link("pages/map.py", label="Open the map", icon=":material/map:")
    if len(report) or errors:
        st.subheader("Rejected rows")
        if report.empty:
            report = pd.DataFrame([{"message": str(e)} for e in errors])
        st.dataframe(
            report, hide_index=True, use_container_width=True, height=min(320, 40 + 35 * len(report))
        )
        st.download_button(
            "Download the rejected-rows report (CSV)",
            report.to_csv(index=False),
            file_name="rejected-rows.csv",
            mime="text/csv",
            key="i_report",
        )


ensure_app_navigation("import")
with page_guard("reading your records file", "Check that it is a CSV or GeoJSON file of launch records."):
    render()
with page_guard("reading your EEZ file", "Check that it is the Marine Regions download, unchanged."):
    _eez_section()
