"""What the map draws for a selected launch: range rings, the reported distance, estimated areas.

The drawing itself is :mod:`geo.mapview`'s; this module decides *which* overlays a record gets and
labels them, from values the caller computed (geodesic rings from :mod:`geo.geodesy`, a geocoded launch
region, an impact estimate), so that the rules live in one pure, testable place:

- no launch coordinates, or a stand-in point (``location_precision`` ``placeholder``/``unreported``):
  no rings, with a note saying why (rings around a stand-in point would mislead);
- one ring per requested range (km), plus the reported flight distance as its own dashed ring;
- the estimated launch area and the estimated impact area and point, each labelled ``ESTIMATE`` with
  their uncertainty (± km).

Coordinates are (lon, lat) degrees, WGS84; radii and uncertainties are kilometres.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import shapely
from shapely.geometry.base import BaseGeometry

from geo.mapview import Overlay

__all__ = ["LaunchOverlays", "launch_overlays", "ring_centre", "ring_radii"]

_NO_PLACE = ("placeholder", "unreported")


@dataclass(frozen=True, slots=True)
class LaunchOverlays:
    """The overlays of one selected launch, and what went into them.

    Attributes
    ----------
    overlays : tuple of Overlay
        In drawing order (launch area, rings, reported distance, impact area, impact point).
    rings : tuple of (kind, radius_km, geometry)
        The rings drawn, ``kind`` ``"range_ring"`` or ``"reported_distance"`` (for exports).
    notes : tuple of str
        Plain-text remarks for the reader (why no rings, how uncertain the launch place is...).
    """

    overlays: tuple[Overlay, ...]
    rings: tuple[tuple[str, float, BaseGeometry], ...]
    notes: tuple[str, ...]


def _num(v: Any) -> float | None:
    try:
        f = float(v)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(f) else f


def _pm_km(v: Any) -> str:
    f = _num(v)
    return "not reported" if f is None else f"{f:,.0f} km"


def ring_centre(rec: Mapping[str, Any]) -> tuple[float, float] | None:
    """The (lon, lat) rings are drawn around, or None when the record has no real launch point.

    >>> ring_centre({"launch_lon": 126.8, "launch_lat": 39.3})
    (126.8, 39.3)
    >>> ring_centre({"launch_lon": 126.8, "launch_lat": 39.3, "location_precision": "placeholder"})
    """
    lon, lat = _num(rec.get("launch_lon")), _num(rec.get("launch_lat"))
    if lon is None or lat is None:
        return None
    if str(rec.get("location_precision") or "") in _NO_PLACE:
        return None
    return lon, lat


def ring_radii(rec: Mapping[str, Any], ranges_km: Sequence[float]) -> tuple[float, ...]:
    """Radii (km) to compute rings for: the requested ranges, then the reported distance if new.

    >>> ring_radii({"distance_km": 800.0}, (800.0, 1500.0))
    (800.0, 1500.0)
    >>> ring_radii({"distance_km": 650.0}, (800.0,))
    (800.0, 650.0)
    """
    dist = _num(rec.get("distance_km"))
    extra = (dist,) if dist is not None and dist > 0 else ()
    return tuple(dict.fromkeys((*(float(r) for r in ranges_km), *extra)))


def launch_overlays(
    rec: Mapping[str, Any],
    *,
    ranges_km: Sequence[float],
    rings: Mapping[float, BaseGeometry],
    geocode: Mapping[str, Any] | None = None,
    impact: Mapping[str, Any] | None = None,
) -> LaunchOverlays:
    """The overlays of a selected launch.

    Parameters
    ----------
    rec : mapping
        The record (``id``, ``launch_lon``, ``launch_lat``, ``launch_place``, ``distance_km``,
        ``location_precision``...).
    ranges_km : sequence of float
        Requested range-ring radii, km.
    rings : mapping of float to geometry
        Geodesic ring polygons (lon/lat, split at 180°) by radius in km, for the radii of
        :func:`ring_radii`; missing radii are not drawn.
    geocode : mapping, optional
        The geocoded launch region (``region``, ``uncertainty_km``) or ``{"error": ...}``.
    impact : mapping, optional
        The impact estimate (``zone``, ``lon``, ``lat``, ``uncertainty_km``, ``label``) or
        ``{"error": ...}``.

    Returns
    -------
    LaunchOverlays
    """
    ovs: list[Overlay] = []
    drawn: list[tuple[str, float, BaseGeometry]] = []
    notes: list[str] = []
    place = str(rec.get("launch_place") or "the launch place")
    if geocode and not geocode.get("error"):
        region = geocode.get("region")
        unc = geocode.get("uncertainty_km")
        if region is not None and getattr(region, "geom_type", "") in ("Polygon", "MultiPolygon"):
            label = f"Estimated launch area for “{place}” (±{_pm_km(unc)})"
            ovs.append(Overlay("launch_region", region, label, {"uncertainty_km": unc}))
    elif geocode and geocode.get("error"):
        notes.append(f"Geocoding: {geocode['error']}")
    centre = ring_centre(rec)
    if centre is None:
        if _num(rec.get("launch_lon")) is None or _num(rec.get("launch_lat")) is None:
            notes.append("No launch coordinates: no rings can be drawn.")
        else:
            notes.append(
                "The launch place was not reported (the source gives a stand-in point), so no range "
                "rings are drawn; the estimated launch area is the whole country."
            )
        return LaunchOverlays(tuple(ovs), (), tuple(notes))
    if geocode and _num(geocode.get("uncertainty_km")) is not None:
        notes.append(
            f"Range rings are measured from the reported launch point; the launch place itself is "
            f"uncertain by about ±{_num(geocode['uncertainty_km']):,.0f} km."
        )
    for r in (float(x) for x in ranges_km):
        g = rings.get(r)
        if g is None:
            continue
        label = f"{r:,.0f} km from {place} (geodesic range ring)"
        ovs.append(Overlay("range_ring", g, label, {"radius_km": r, "event_id": rec.get("id")}))
        drawn.append(("range_ring", r, g))
    dist = _num(rec.get("distance_km"))
    if dist is not None and dist > 0 and rings.get(dist) is not None:
        g = rings[dist]
        label = (
            f"Reported flight distance: {dist:,.0f} km from {place} (geodesic ring; direction not implied)"
        )
        ovs.append(Overlay("reported_distance", g, label, {"radius_km": dist, "event_id": rec.get("id")}))
        drawn.append(("reported_distance", dist, g))
    if impact and not impact.get("error"):
        unc = impact.get("uncertainty_km")
        label = str(impact.get("label") or "Estimated impact area")
        zone = impact.get("zone")
        if zone is not None and getattr(zone, "is_empty", True) is False:
            ovs.append(
                Overlay("impact_zone", zone, f"ESTIMATE: {label} (±{_pm_km(unc)})", {"uncertainty_km": unc})
            )
        lon, lat = _num(impact.get("lon")), _num(impact.get("lat"))
        if lon is not None and lat is not None:
            ovs.append(
                Overlay(
                    "impact_point",
                    shapely.Point(lon, lat),
                    f"ESTIMATE: impact point (±{_pm_km(unc)})",
                    {"uncertainty_km": unc},
                )
            )
    elif impact and impact.get("error"):
        notes.append(f"Impact estimate: {impact['error']}")
    return LaunchOverlays(tuple(ovs), tuple(drawn), tuple(notes))
