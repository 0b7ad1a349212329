"""Download controls: the Map page's view (five formats) and range map, the Events page's table.

The files are built only when a button is clicked (Streamlit's deferred download data): a rerun,
such as each ◀ / ▶ step, renders the controls without writing any file. The content is the core's
(:func:`geo.export.build_view_content`, :func:`geo.figure.range_map`); this module only chooses,
caches the base layers of the figure, and renders.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

import geo
from geo.export import FORMATS
from ui.exporting import view_content

__all__ = [
    "FIGURE_LABELS",
    "FORMAT_LABELS",
    "figure_builder",
    "render_table_downloads",
    "render_view_downloads",
    "view_builder",
]

#: Format choices as people know them (keys of :data:`geo.export.FORMATS`).
FORMAT_LABELS: dict[str, str] = {
    "geojson": "GeoJSON",
    "gpkg": "GeoPackage",
    "kml": "KML",
    "csv": "CSV",
    "fgb": "FlatGeobuf",
}
_FORMAT_HELP = (
    "GeoJSON: QGIS and web maps (RFC 7946). GeoPackage: QGIS and ArcGIS, one layer per kind with typed "
    "fields. KML: Google Earth, in the app's colours. CSV: spreadsheets, one row per feature with the "
    "geometry as WKT. FlatGeobuf: QGIS and GDAL. All in WGS84 longitude/latitude."
)
FIGURE_LABELS: dict[str, str] = {"png": "PNG (300 dpi)", "svg": "SVG", "pdf": "PDF"}


@st.cache_resource(show_spinner=False)
def _base_layers() -> geo.BaseLayers:
    """Land, coasts, borders and EEZ outlines for range maps, prepared once per server."""
    return geo.BaseLayers.load()


def view_builder(
    view: pd.DataFrame, rec: pd.Series | None, info: dict[str, Any], fmt: str
) -> Callable[[], bytes]:
    """A function that writes the Map page's view in ``fmt`` when called (on the click)."""

    def build() -> bytes:
        return geo.export_bytes(view_content(view, rec, info), fmt)

    return build


def figure_builder(
    rec: pd.Series, info: dict[str, Any], fmt: str, *, presentation: bool
) -> Callable[[], bytes]:
    """A function that draws the selected launch's range map in ``fmt`` when called."""

    def build() -> bytes:
        launch = geo.LaunchView(
            record={str(k): v for k, v in rec.items()},
            rings=tuple(info.get("rings") or ()),
            launch_region=info.get("geocode"),
            impact=info.get("impact"),
            verdict=info.get("verdict"),
            notes=tuple(info.get("notes") or ()),
            reach=info.get("reach"),
        )
        rmap = geo.range_map(launch, presentation=presentation, basemap=_base_layers())
        try:
            return geo.range_map_bytes(rmap, fmt, dpi=300)
        finally:
            rmap.figure.clear()

    return build


def render_view_downloads(
    view: pd.DataFrame, rec: pd.Series | None, info: dict[str, Any], *, presentation: bool = False
) -> None:
    """The Map page's downloads: the view in a chosen format, and the selected launch's range map."""
    has_place = bool(view[["launch_lon", "launch_lat"]].notna().all(axis=1).any())
    if rec is None and not has_place:
        return  # nothing with a place to export
    c1, c2, c3, c4 = st.columns([1.2, 2.2, 1.0, 2.2], vertical_alignment="bottom")
    fmt = c1.selectbox(
        "File format",
        list(FORMAT_LABELS),
        format_func=FORMAT_LABELS.__getitem__,
        key="m_export_format",
        help=_FORMAT_HELP,
    )
    label = FORMAT_LABELS[fmt]
    stem = f"launch-atlas-{rec['id']}" if rec is not None else "launch-atlas-view"
    c2.download_button(
        f"Download this view as {label}",
        view_builder(view, rec, info, fmt),
        file_name=stem + FORMATS[fmt].suffix,
        mime=FORMATS[fmt].mime,
        on_click="ignore",
        help="The launches in the current filters with every attribute and, for the selected launch, its "
        "geodesic rings, the reach bands drawn from its launch area (outer limit, inner limit, band; "
        "each system's range when compared), estimated launch area, estimated impact area and maritime "
        "verdict (estimates marked as such, with their uncertainty). " + _FORMAT_HELP,
        key="m_download_view",
        width="stretch",
    )
    if rec is None:
        return
    fig_fmt = c3.selectbox(
        "Range map file",
        list(FIGURE_LABELS),
        format_func=FIGURE_LABELS.__getitem__,
        key="m_figure_format",
        help="PNG for slides and documents (300 dpi), SVG or PDF for print (vector).",
    )
    c4.download_button(
        f"Download the range map ({fig_fmt.upper()})",
        figure_builder(rec, info, fig_fmt, presentation=presentation),
        file_name=f"{stem}-range-map.{fig_fmt}",
        mime=geo.FIGURE_FORMATS[fig_fmt],
        on_click="ignore",
        help="A map for print and slides where every ring is a true circle of its range (azimuthal "
        "equidistant projection centred on the launch point), with the reach bands of the launch area: a "
        "13,000 km ring is drawn whole, the North Pole inside it. Large type in presentation mode. Takes "
        "a few seconds.",
        key="m_download_figure",
        width="stretch",
    )


def render_table_downloads(view: pd.DataFrame) -> None:
    """The Events page's download: the filtered launches, every attribute, in a chosen format."""
    c1, c2 = st.columns([1.2, 3.0], vertical_alignment="bottom")
    fmt = c1.selectbox(
        "File format",
        list(FORMAT_LABELS),
        index=list(FORMAT_LABELS).index("csv"),
        format_func=FORMAT_LABELS.__getitem__,
        key="e_export_format",
        help=_FORMAT_HELP,
    )
    cols = [c for c in view.columns if not str(c).startswith("_")]

    def build() -> bytes:
        return geo.export_bytes(geo.build_view_content(view[cols]), fmt)

    c2.download_button(
        f"Download these {len(view)} launches ({FORMAT_LABELS[fmt]})",
        build,
        file_name=f"launch-atlas-events{FORMATS[fmt].suffix}",
        mime=FORMATS[fmt].mime,
        on_click="ignore",
        disabled=view.empty,
        help="Every attribute of the launches in the table (not only the columns shown), with their "
        "reported launch place as a point; spreadsheet formulas are neutralised in CSV. " + _FORMAT_HELP,
        key="e_download",
    )
