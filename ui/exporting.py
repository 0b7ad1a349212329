"""The current map view as export content (``geo.export``): the app layer only adapts and renders.

The page computes, through its caches, the selected launch's rings, launch area, impact estimate and
maritime verdict (``info``); :func:`view_content` hands them to :func:`geo.export.build_view_content`,
the same assembly the command line and the static range map use.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

import geo

__all__ = ["download_view_button", "view_content", "view_geojson"]


def view_content(view: pd.DataFrame, rec: pd.Series | None, info: dict[str, Any]) -> geo.ExportContent:
    """Export content of a Map page view: ``view`` (filtered launches), ``rec`` (selected) and ``info``.

    ``info`` is what the page computed for the selected launch: ``rings`` (list of (kind, radius_km,
    geometry)), ``geocode`` (launch area), ``impact`` and ``verdict``.
    """
    cols = [c for c in view.columns if not str(c).startswith("_")]
    selected = rec is not None
    return geo.build_view_content(
        view[cols],
        selected=rec,
        rings=info.get("rings", []) if selected else [],
        launch_region=info.get("geocode") if selected else None,
        impact=info.get("impact") if selected else None,
        verdict=info.get("verdict") if selected else None,
    )


def view_geojson(view: pd.DataFrame, rec: pd.Series | None, info: dict[str, Any]) -> str | None:
    """The view as RFC 7946 GeoJSON text (see :mod:`geo.export.content` for the layers), or None if empty."""
    content = view_content(view, rec, info)
    if not len(content):
        return None
    return geo.export_bytes(content, "geojson").decode("utf-8")


def download_view_button(view: pd.DataFrame, rec: pd.Series | None, info: dict[str, Any]) -> None:
    """The Map page's "Download this view as GeoJSON" button (nothing when no launch has a place)."""
    if rec is None and not view[["launch_lon", "launch_lat"]].notna().all(axis=1).any():
        return  # nothing with a place to export

    def build() -> str:
        # Built when the button is clicked, not on every rerun: writing all the launches of the view
        # took 0.3-0.9 s of each rerun (each ◀ / ▶ step) for a file most people never download.
        text = view_geojson(view, rec, info)
        if text is None:  # pragma: no cover - guarded above
            raise ValueError("nothing to export in this view")
        return text

    name = f"launch-atlas-{rec['id']}.geojson" if rec is not None else "launch-atlas-view.geojson"
    st.download_button(
        "Download this view as GeoJSON",
        build,
        file_name=name,
        mime="application/geo+json",
        help="Launches in the current filters with all attributes, and the selected launch's rings, "
        "estimated launch area and estimated impact area (RFC 7946, WGS84 lon/lat; opens in QGIS).",
        key="m_geojson",
    )
