"""Import page: the visitor's own launches, from a CSV / GeoJSON file or the "add a launch" form.

Both go through the validator and :func:`ui.records.add_records` (places located, ids unique, origin
marked), so they become records of the session like the catalogue's. A file's rows that cannot be
used are listed with the field, what was expected and what came, and offered as a report.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from geo import mapview
from ui import data, records
from ui.errors import page_guard, public_message
from ui.launchform import render_launch_form
from ui.nav import ensure_app_navigation
from ui.state import md_escape
from ui.style import apply_style
from ui.uploads import EEZ_MAX_MB, RECORDS_MAX_MB, bytes_within, one_at_a_time

#: Largest accepted uploads (MB). Streamlit enforces them in the browser only: the page checks each
#: file's size before reading it (ui.uploads), the server caps every request at the larger one.
MAX_UPLOAD_MB = RECORDS_MAX_MB
MAX_EEZ_MB = EEZ_MAX_MB


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
    st.title("Add your own launches")
    st.markdown(
        "Launches you add here join the catalogue's everywhere: you can select them on the **Map** (with "
        "their ranges, estimates and whose waters they came down in), find them on the **Events** page "
        "and download them. They stay in this browser tab only: nothing is stored on the server. "
        "To read a news report instead, use **Read a report**."
    )
    with page_guard("reading your records file", "Check that it is a CSV or GeoJSON file of launch records."):
        _file_section()
    with page_guard("adding your launch", "Check the date and the place, or reload the page."):
        st.header("Add one launch by hand")
        render_launch_form()
    with page_guard("listing your launches", "Reload the page."):
        _your_launches()


def _file_section() -> None:
    st.header("Import a file")
    st.markdown(
        "A **CSV** or **GeoJSON** file, one launch per row. It needs only a **date** and a **place** "
        "(a name the app knows, or `lon`/`lat` columns); every other column of the catalogue's format is "
        "optional (the Events page's download is an example). A minimal CSV:"
    )
    st.code("date,place,distance\n2021-09-15,Yangdok county,800\n2022-03-24,Sunan,1090", language="csv")
    up = st.file_uploader(
        f"CSV or GeoJSON file (up to {MAX_UPLOAD_MB} MB)",
        type=["csv", "geojson", "json"],
        max_upload_size=MAX_UPLOAD_MB,
        key="i_file" if not _uploader_round() else f"i_file_{_uploader_round()}",
    )
    if up is None:
        return
    import geo

    raw = bytes_within(up, max_bytes=geo.records.MAX_UPLOAD_BYTES, what="The file")
    if raw is None:
        return
    digest = records.content_digest(raw)
    done = st.session_state.get(_K_IMPORTED)
    if not (isinstance(done, dict) and done.get("digest") == digest and done.get("name") == up.name):
        is_csv = up.name.lower().endswith(".csv")
        reader = geo.records.read_records_csv if is_csv else geo.records.read_records_geojson
        try:
            result = reader(raw, source=up.name)
        except ValueError as exc:  # a broken file is reported (anything else: page_guard)
            st.error(f"Could not read the file: {md_escape(public_message(exc), limit=400)}")
            return
        with st.spinner("Placing your launches on the map…"):
            admitted = records.add_records(
                result.records,
                origin="import",
                key=f"import:{up.name}",
                name=up.name,
                digest=digest,
                rows=result.kept_rows,
            )
        done = {"name": up.name, "digest": digest, "result": result, "admitted": admitted}
        st.session_state[_K_IMPORTED] = done
        st.session_state["imported_name"] = up.name
    _show_outcome(done["result"], done["admitted"])


def _show_outcome(result: Any, admitted: Any) -> None:
    """What became of each row: added, already there, rejected (with the report to download)."""
    import geo

    errors = [*result.errors, *admitted.errors]
    report = geo.ValidationResult(errors=errors, rows_read=result.rows_read, source=result.source)
    n_warn = len(result.warnings)
    st.markdown(
        md_escape(
            f"{result.rows_read} rows read, {len(admitted.records)} added to the map, "
            f"{len(admitted.duplicates)} already there, {report.n_rejected} rejected"
            + (f" ({n_warn} warning{'s' if n_warn != 1 else ''})" if n_warn else ""),
            limit=300,
        )
    )
    warnings = [str(w) for w in result.warnings] + admitted.notes
    if warnings:
        shown = "\n".join(f"- {md_escape(w, limit=300)}" for w in warnings[:50])
        more = f"\n- … and {len(warnings) - 50} more" if len(warnings) > 50 else ""
        st.warning(f"**Warnings** (nothing was lost):\n\n{shown}{more}", icon="⚠️")
    c1, c2, c3 = st.columns(3)
    c1.metric("Added to the map", len(admitted.records))
    c2.metric("Already on the map", len(admitted.duplicates))
    c3.metric("Rows rejected", report.n_rejected)
    added = admitted.records
    if len(added):
        st.subheader("Added")
        cols = [c for c in _ADDED_COLUMNS if c in added.columns]
        st.dataframe(added[cols], hide_index=True, width="stretch", height=min(320, 40 + 35 * len(added)))
        st.success(f"{len(added)} launch(es) added: select them on the map or find them on the Events page.")
        st.page_link("pages/map.py", label="Open the map", icon=":material/map:")
    if errors:
        st.subheader("Rejected rows")
        table = report.rejected_report()
        st.dataframe(table, hide_index=True, width="stretch", height=min(320, 40 + 35 * len(table)))
        st.download_button(
            "Download the rejected-rows report (CSV)",
            table.to_csv(index=False),
            file_name="rejected-rows.csv",
            mime="text/csv",
            key="i_report",
        )


def _uploader_round() -> int:
    """Changes when the visitor removes an imported file, so the uploader forgets it too."""
    return int(st.session_state.get("_i_round", 0))


def _your_launches() -> None:
    """The visitor's batches: what each holds, remove it, download all in the catalogue's format."""
    items = records.batches()
    if not items:
        return
    import geo

    st.header("Your launches in this session")
    for batch in items:
        c1, c2 = st.columns([4, 1], vertical_alignment="center")
        n = len(batch.records)
        c1.markdown(
            f"**{md_escape(batch.name, limit=80)}** — {n} launch{'es' if n != 1 else ''}, "
            f"{md_escape(records.origin_label(batch.origin))}"
        )
        if c2.button("Remove", key=f"i_remove_{records.content_digest(batch.key)}", width="stretch"):
            records.remove_batch(batch.key)
            if batch.origin == "import":
                st.session_state.pop(_K_IMPORTED, None)
                st.session_state["_i_round"] = _uploader_round() + 1
            st.rerun()
    mine = records.user_records()
    st.download_button(
        f"Download your {len(mine)} launch(es) (CSV, the catalogue's format)",
        geo.records_to_csv(mine),
        file_name="launch-atlas-my-launches.csv",
        mime="text/csv",
        key="i_download_mine",
        help="Every column of the catalogue, ready to import again in another session.",
    )


_K_IMPORTED = "_i_imported"
_ADDED_COLUMNS = (
    "id",
    "date",
    "launch_place",
    "launch_lon",
    "launch_lat",
    "launch_uncertainty_km",
    "distance_km",
    "apogee_km",
    "bearing_deg",
    "system_type",
    "system_name",
    "salvo_size",
)


ensure_app_navigation("import")
with page_guard("showing your launches", "Reload the page."):
    render()
with page_guard("reading your EEZ file", "Check that it is the Marine Regions download, unchanged."):
    _eez_section()
