"""The current map view as export content (``geo.export``): the app layer only adapts and renders.

The page computes, through its caches, the selected launch's rings, launch area, impact estimate and
maritime verdict (``info``); :func:`view_content` hands them to :func:`geo.export.build_view_content`,
the same assembly the command line and the static range map use.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

import geo

__all__ = ["view_content", "view_geojson"]


def view_content(view: pd.DataFrame, rec: pd.Series | None, info: dict[str, Any]) -> geo.ExportContent:
    """Export content of a Map page view: ``view`` (filtered launches), ``rec`` (selected) and ``info``.

    ``info`` is what the page computed for the selected launch: ``rings`` (list of (kind, radius_km,
    geometry)), ``geocode`` (launch area), ``impact``, ``verdict`` and ``reach`` (the bands drawn:
    :class:`geo.export.ReachBands`, left there by :func:`ui.reach.reach_overlays_for`).
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
        reach=info.get("reach") if selected else None,
    )


def view_geojson(view: pd.DataFrame, rec: pd.Series | None, info: dict[str, Any]) -> str | None:
    """The view as RFC 7946 GeoJSON text (see :mod:`geo.export.content` for the layers), or None if empty."""
    content = view_content(view, rec, info)
    if not len(content):
        return None
    return geo.export_bytes(content, "geojson").decode("utf-8")
