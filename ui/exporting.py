"""GeoJSON of the current map view for analysts (RFC 7946 through :mod:`geo.export`)."""

from __future__ import annotations

from typing import Any

import geopandas as gpd
import pandas as pd

import geo

__all__ = ["view_geojson"]


def _num(v: Any) -> float | None:
    try:
        f = float(v)
    except (TypeError, ValueError):
        return None
    return None if f != f else f


def view_geojson(view: pd.DataFrame, rec: pd.Series | None, info: dict[str, Any]) -> str | None:
    """One FeatureCollection: the filtered launch events (points, every catalogue attribute, ``layer =
    "launch_event"``) and, for the selected launch, its rings (``range_ring`` / ``reported_distance``
    with ``radius_km``, ``center_lon``/``center_lat``, ``label``), estimated launch region and estimated
    impact zone (with ``uncertainty_km``, ``is_estimate`` and, for the impact zone, ``maritime_verdict``).

    Geometries are the geodesy module's (lon/lat, split at 180°), not the map's display copies.
    Returns None when there is nothing to export.
    """
    frames = []
    ev = view.dropna(subset=["launch_lon", "launch_lat"])
    if len(ev):
        cols = [c for c in ev.columns if not str(c).startswith("_")]
        frames.append(
            gpd.GeoDataFrame(
                ev[cols].assign(layer="launch_event"),
                geometry=gpd.points_from_xy(ev["launch_lon"], ev["launch_lat"]),
                crs="EPSG:4326",
            )
        )
    if rec is not None:
        extra: list[dict[str, Any]] = []
        centre = {"center_lon": _num(rec.get("launch_lon")), "center_lat": _num(rec.get("launch_lat"))}
        for kind, radius, geom in info.get("rings", []):
            what = "reported flight distance" if kind == "reported_distance" else "range ring"
            extra.append(
                {
                    "layer": kind,
                    "event_id": rec["id"],
                    "radius_km": radius,
                    **centre,
                    "label": f"{radius:,.0f} km {what} (geodesic, WGS84) around the reported launch point",
                    "is_estimate": False,
                    "geometry": geom,
                }
            )
        geoc = info.get("geocode") or {}
        if geoc.get("region") is not None:
            extra.append(
                {
                    "layer": "launch_region_estimate",
                    "event_id": rec["id"],
                    "uncertainty_km": geoc.get("uncertainty_km"),
                    "label": geoc.get("label"),
                    "explanation": geoc.get("explanation"),
                    "is_estimate": True,
                    "geometry": geoc["region"],
                }
            )
        est = info.get("impact") or {}
        if est.get("zone") is not None:
            extra.append(
                {
                    "layer": "impact_zone_estimate",
                    "event_id": rec["id"],
                    "uncertainty_km": est.get("uncertainty_km"),
                    "label": est.get("label"),
                    "explanation": est.get("explanation"),
                    "impact_lon": est.get("lon"),
                    "impact_lat": est.get("lat"),
                    "is_estimate": True,
                    "maritime_verdict": (info.get("verdict") or {}).get("verdict"),
                    "geometry": est["zone"],
                }
            )
        if extra:
            frames.append(gpd.GeoDataFrame(extra, geometry="geometry", crs="EPSG:4326"))
    if not frames:
        return None
    allf = gpd.GeoDataFrame(pd.concat(frames, ignore_index=True), geometry="geometry", crs="EPSG:4326")
    return str(geo.export.dumps_geojson(allf))
