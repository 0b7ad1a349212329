"""What the view of one selected launch shows, computed from the core: rings, estimates, verdict.

The Map page computes the same things through its caches; the command line and the static range
map call :func:`launch_overlays`, which takes one launch record from any source (the catalogue, a
user's CSV/GeoJSON read by :mod:`geo.records`, a report) and follows the page's rules:

* the launch region comes from the geocoder (the record's coordinates with their uncertainty, or
  its place name); a record with only a place name gets the region's point as its launch point;
* rings (every requested range and the reported flight distance) are geodesic rings around the
  reported launch point, and none are drawn when the source gives only a stand-in point
  (``location_precision`` placeholder / unreported): rings around it would mislead;
* the impact estimate (:func:`geo.impact.estimate_impacts`) and its maritime verdict
  (:class:`geo.maritime.MaritimeZones`) when the record supports one; otherwise a note says why.

Coordinates are (lon, lat) degrees on WGS84; distances in km.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from shapely.geometry.base import BaseGeometry

__all__ = ["LaunchOverlays", "launch_overlays", "launch_rings", "maritime_verdict"]

RingSpec = tuple[str, float, BaseGeometry]


@dataclass(frozen=True, slots=True)
class LaunchOverlays:
    """Everything drawn for one selected launch.

    Attributes
    ----------
    record : dict
        The launch record; ``launch_lon``/``launch_lat`` filled from the geocoder when the record
        gave only a place name.
    rings : tuple of (kind, radius_km, geometry)
        ``kind`` is ``"range_ring"`` or ``"reported_distance"``; geometries in lon/lat, split at 180°.
    launch_region : dict or None
        ``region`` (geometry), ``uncertainty_km``, ``label``, ``rule``, ``explanation``, ``lon``, ``lat``.
    impact : dict or None
        ``zone`` (geometry), ``lon``, ``lat``, ``uncertainty_km``, ``label``, ``explanation``.
    verdict : dict or None
        ``verdict`` (plain words), ``zone``, ``state``, ``caveats``.
    notes : tuple of str
        Why something is missing (no coordinates, stand-in launch point, no impact estimate).
    """

    record: dict[str, Any]
    rings: tuple[RingSpec, ...] = ()
    launch_region: dict[str, Any] | None = None
    impact: dict[str, Any] | None = None
    verdict: dict[str, Any] | None = None
    notes: tuple[str, ...] = field(default=())


def _num(value: Any) -> float | None:
    try:
        f = float(value)
    except (TypeError, ValueError):
        return None
    return f if math.isfinite(f) else None


def _text(value: Any) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value).strip()


def launch_rings(record: Mapping[str, Any], ranges_km: Sequence[float]) -> tuple[list[RingSpec], list[str]]:
    """Geodesic rings around a record's reported launch point, following the map's rules.

    Parameters
    ----------
    record : mapping
        A launch record: ``launch_lon``/``launch_lat`` (degrees, WGS84), ``distance_km``,
        ``location_precision``.
    ranges_km : sequence of float
        Ranges to draw (km), each above 0 and below the distance to the antipode.

    Returns
    -------
    (rings, notes)
        ``rings``: ``("range_ring", r, geometry)`` for each range, then
        ``("reported_distance", distance_km, geometry)`` when the record reports a distance flown.
        ``notes``: why no ring is drawn, if so.

    Raises
    ------
    ValueError
        A range that is not above 0 km or not below the antipodal distance (from
        :func:`geo.geodesy.geodesic_rings`).
    """
    import geo  # late: public names only (geo.geodesy may be reorganised)

    lon, lat = _num(record.get("launch_lon")), _num(record.get("launch_lat"))
    if lon is None or lat is None:
        return [], ["No launch coordinates: no rings can be drawn."]
    if _text(record.get("location_precision")) in ("placeholder", "unreported"):
        return [], [
            "The launch place was not reported (the source gives a stand-in point), so no range rings "
            "are drawn; the estimated launch area is the whole country."
        ]
    radii = [float(r) for r in ranges_km]
    dist = _num(record.get("distance_km"))
    has_dist = dist is not None and dist > 0
    all_radii = list(dict.fromkeys(radii + ([float(dist)] if has_dist and dist is not None else [])))
    if not all_radii:
        return [], []
    geoms = geo.geodesic_rings([lon], [lat], all_radii)[0]
    by_r = dict(zip(all_radii, geoms, strict=True))
    rings: list[RingSpec] = [("range_ring", r, by_r[r]) for r in dict.fromkeys(radii)]
    if has_dist and dist is not None:
        rings.append(("reported_distance", float(dist), by_r[float(dist)]))
    return rings, []


def _geocode(record: Mapping[str, Any], gazetteer: Any) -> tuple[dict[str, Any] | None, pd.DataFrame, str]:
    """(launch region dict, geocoded one-row frame, error) for one record."""
    import geo

    frame = pd.DataFrame([dict(record)])
    try:
        res, errors = geo.geocode_records(frame, gazetteer=gazetteer)
    except ValueError as exc:
        return None, frame, str(exc)
    if len(res) == 0:
        return None, frame, "; ".join(str(e) for e in errors) or "the launch place could not be geocoded"
    row = res.iloc[0]
    region = {
        "region": res.geometry.iloc[0],
        "uncertainty_km": _num(row.get("launch_uncertainty_km")),
        "label": _text(row.get("geocode_label")) or None,
        "rule": _text(row.get("geocode_rule")) or None,
        "explanation": _text(row.get("geocode_explanation")) or None,
        "lon": _num(row.get("launch_lon")),
        "lat": _num(row.get("launch_lat")),
    }
    return region, pd.DataFrame(res.drop(columns=res.geometry.name)), ""


def _impact(frame: pd.DataFrame) -> tuple[dict[str, Any] | None, str]:
    import geo

    try:
        res = geo.estimate_impacts(frame)
    except ValueError as exc:
        return None, str(exc)
    if len(res) == 0:
        return None, ""
    row = res.iloc[0]
    if not bool(row.get("impact_is_estimate")):
        return None, _text(row.get("impact_explanation")) or "no estimate for this record"
    return {
        "zone": res.geometry.iloc[0],
        "lon": _num(row.get("impact_lon")),
        "lat": _num(row.get("impact_lat")),
        "uncertainty_km": _num(row.get("impact_uncertainty_km")),
        "label": _text(row.get("impact_label")) or None,
        "explanation": _text(row.get("impact_explanation")) or None,
    }, ""


def maritime_verdict(zones: Any, impact: Mapping[str, Any]) -> dict[str, Any]:
    """Maritime verdict of an impact estimate against a :class:`geo.maritime.MaritimeZones`.

    Returns ``verdict`` (plain words with the uncertainty), ``zone`` (``land``, ``territorial
    sea``, ``eez``, ``high seas``), ``state`` and ``caveats``.
    """
    zone = impact.get("zone")
    lon, lat = _num(impact.get("lon")), _num(impact.get("lat"))
    point = (lon, lat) if lon is not None and lat is not None else None
    if zone is not None and not zone.is_empty:
        report = zones.analyse_zone(zone, point=point)
    elif point is not None:
        report = zones.analyse_point(point[0], point[1])
    else:
        raise ValueError("the impact estimate has neither a zone nor a point")
    return {
        "verdict": str(report.verdict(uncertainty_km=impact.get("uncertainty_km"))),
        "zone": _text(getattr(report, "zone", "")) or None,
        "state": _text(getattr(report, "state", "")) or None,
        "caveats": [str(c) for c in getattr(report, "caveats", ())],
    }


def launch_overlays(
    record: Mapping[str, Any] | pd.Series,
    ranges_km: Sequence[float] = (),
    *,
    gazetteer: Any = None,
    zones: Any = None,
    maritime: bool = True,
) -> LaunchOverlays:
    """Rings, estimated launch area, impact estimate and maritime verdict of one launch record.

    Parameters
    ----------
    record : mapping or pandas.Series
        One launch record (catalogue columns; see :data:`geo.records.RECORD_FIELDS`).
    ranges_km : sequence of float
        Range rings to draw (km).
    gazetteer : geo.gazetteer.Gazetteer, optional
        Loaded once by the caller for many calls; default :meth:`Gazetteer.load`.
    zones : geo.maritime.MaritimeZones, optional
        Maritime zones for the verdict (e.g. with the user's own EEZ); default the shipped ones.
    maritime : bool
        Compute the maritime verdict (loading the zones takes about 0.4 s).

    Returns
    -------
    LaunchOverlays

    Raises
    ------
    ValueError
        A range outside (0, antipodal distance) km.

    Examples
    --------
    >>> import geo
    >>> cat = geo.load_catalogue()
    >>> ov = launch_overlays(cat[cat["id"] == "2021-09-15-1"].iloc[0], [1500.0], maritime=False)
    >>> [(kind, r) for kind, r, _ in ov.rings]
    [('range_ring', 1500.0), ('reported_distance', 800.0)]
    >>> round(ov.impact["lon"], 2), round(ov.impact["lat"], 2)
    (136.07, 40.16)
    """
    import geo

    rec: dict[str, Any] = {str(k): v for k, v in record.items()}
    notes: list[str] = []
    gaz = gazetteer if gazetteer is not None else geo.Gazetteer.load()
    region, frame, error = _geocode(rec, gaz)
    if error:
        notes.append(f"Geocoding: {error}")
    if region is not None and _num(rec.get("launch_lon")) is None and region.get("lon") is not None:
        # A record with only a place name: the geocoder's point stands for the launch point.
        rec["launch_lon"], rec["launch_lat"] = region["lon"], region["lat"]
    rings, ring_notes = launch_rings(rec, ranges_km)
    notes.extend(ring_notes)
    if rings and region is not None and _num(region.get("uncertainty_km")) is not None:
        notes.append(
            "Range rings are measured from the reported launch point; the launch place itself is "
            f"uncertain by about ±{float(region['uncertainty_km']):,.0f} km."
        )
    impact, why = _impact(frame)
    if why:
        notes.append(f"Impact estimate: {why}")
    verdict = None
    if impact is not None and maritime:
        mz = zones if zones is not None else geo.MaritimeZones.load()
        try:
            verdict = maritime_verdict(mz, impact)
        except ValueError as exc:
            notes.append(f"Maritime analysis: {exc}")
    return LaunchOverlays(
        record=rec,
        rings=tuple(rings),
        launch_region=region,
        impact=impact,
        verdict=verdict,
        notes=tuple(notes),
    )
