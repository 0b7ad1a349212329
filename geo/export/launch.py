"""What the view of one selected launch shows, computed from the core: rings, estimates, verdict.

The Map page computes the same things through its caches; the command line and the static range
map call :func:`launch_view`, which takes one launch record from any source (the catalogue, a
user's CSV/GeoJSON read by :mod:`geo.records`, a report), computes what the page computes, and
lets :func:`geo.overlays.launch_overlays` apply the page's rules to it:

* the launch region comes from the geocoder (the record's coordinates with their uncertainty, or
  its place name); a record with only a place name gets the region's point as its launch point;
* rings (every requested range and the reported flight distance) are geodesic rings around the
  reported launch point, and none are drawn when the source gives only a stand-in point
  (``location_precision`` placeholder / unreported): rings around it would mislead;
* the impact estimate (:func:`geo.impact.estimate_impacts`) and its maritime verdict
  (:class:`geo.maritime.MaritimeZones`) when the record supports one; otherwise a note says why;
* the reach of every requested range from the launch area (:mod:`geo.export.bands`): the bands,
  outer and inner limits the map draws, also for a launch whose place was not reported (its area
  is the country).

Coordinates are (lon, lat) degrees on WGS84; distances in km.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from shapely.geometry.base import BaseGeometry

from geo.export.bands import ReachBands, reach_bands

__all__ = ["LaunchView", "launch_view", "maritime_verdict"]

#: Ranges (km) from which no reach is computed: the limit of :func:`geo.geodesy.reach_limits`.
_REACH_MAX_KM = 20_002.9

RingSpec = tuple[str, float, BaseGeometry]


@dataclass(frozen=True, slots=True)
class LaunchView:
    """Everything drawn and exported for one selected launch.

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
    overlays : tuple of geo.mapview.Overlay
        What the map draws, labelled (from :func:`geo.overlays.launch_overlays`).
    reach : geo.export.ReachBands or None
        The reach of each range from the launch area (bands, outer and inner limits).
    notes : tuple of str
        Why something is missing (no coordinates, stand-in launch point, no impact estimate).
    """

    record: dict[str, Any]
    rings: tuple[RingSpec, ...] = ()
    launch_region: dict[str, Any] | None = None
    impact: dict[str, Any] | None = None
    verdict: dict[str, Any] | None = None
    overlays: tuple[Any, ...] = ()
    notes: tuple[str, ...] = field(default=())
    reach: ReachBands | None = None


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


def _geocode(record: Mapping[str, Any], gazetteer: Any) -> tuple[dict[str, Any] | None, pd.DataFrame, str]:
    """(launch region dict, geocoded one-row frame, error) for one record."""
    from geo.geocoding import geocode_records

    frame = pd.DataFrame([dict(record)])
    try:
        res, errors = geocode_records(frame, gazetteer=gazetteer)
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


def launch_view(
    record: Mapping[str, Any] | pd.Series,
    ranges_km: Sequence[float] = (),
    *,
    gazetteer: Any = None,
    zones: Any = None,
    maritime: bool = True,
    reach: bool = True,
    max_reach_rings: int | None = None,
) -> LaunchView:
    """Rings, estimated launch area, impact estimate and maritime verdict of one launch record.

    Parameters
    ----------
    record : mapping or pandas.Series
        One launch record (catalogue columns; see :data:`geo.records.RECORD_FIELDS`).
    ranges_km : sequence of float
        Range rings to draw (km), each above 0 and below the distance to the antipode.
    gazetteer : geo.geocoding.Gazetteer, optional
        Loaded once by the caller for many calls; default :meth:`Gazetteer.load`.
    zones : geo.maritime.MaritimeZones, optional
        Maritime zones for the verdict (e.g. with the user's own EEZ); default the shipped ones.
    maritime : bool
        Compute the maritime verdict (loading the zones takes about 0.4 s).
    reach : bool
        Compute the reach of each range from the launch area (:func:`geo.export.reach_bands`).
    max_reach_rings : int, optional
        Refuse (ValueError) ranges whose reach would trace more geodesic rings than this
        (:func:`geo.geodesy.reach_cost`; about 1,000 per range from a whole country).

    Returns
    -------
    LaunchView

    Raises
    ------
    ValueError
        A range outside (0, antipodal distance) km (from :func:`geo.geodesy.geodesic_rings`), or
        ranges whose reach costs more than ``max_reach_rings``.

    Examples
    --------
    >>> import geo
    >>> cat = geo.load_catalogue()
    >>> view = launch_view(cat[cat["id"] == "2021-09-15-1"].iloc[0], [1500.0], maritime=False)
    >>> [(kind, r) for kind, r, _ in view.rings]
    [('range_ring', 1500.0), ('reported_distance', 800.0)]
    >>> round(view.impact["lon"], 2), round(view.impact["lat"], 2)
    (136.07, 40.16)
    """
    import geo  # late: public names only (geo.geodesy and geo.geocoding may be reorganised)
    from geo.geocoding import Gazetteer

    rec: dict[str, Any] = {str(k): v for k, v in record.items()}
    gaz = gazetteer if gazetteer is not None else Gazetteer.load()
    region, frame, error = _geocode(rec, gaz)
    if region is not None and _num(rec.get("launch_lon")) is None and region.get("lon") is not None:
        # A record with only a place name: the geocoder's point stands for the launch point.
        rec["launch_lon"], rec["launch_lat"] = region["lon"], region["lat"]
    impact, why = _impact(frame)
    centre = geo.ring_centre(rec)
    radii = geo.ring_radii(rec, ranges_km) if centre is not None else ()
    rings = (
        dict(zip(radii, geo.geodesic_rings([centre[0]], [centre[1]], list(radii))[0], strict=True))
        if centre and radii
        else {}
    )
    drawn = geo.launch_overlays(
        rec,
        ranges_km=ranges_km,
        rings=rings,
        geocode=region if region is not None else ({"error": error} if error else None),
        impact=impact if impact is not None else ({"error": why} if why else None),
    )
    notes = list(drawn.notes)
    bands = None
    if reach and region is not None and ranges_km:
        bands = _reach(region, ranges_km, max_reach_rings, notes)
    if bands is not None and bands.areas and centre is None:
        # as on the map with bands on: the ranges are drawn, from the whole launch area
        notes = [n for n in notes if not n.startswith(("No launch coordinates", "The launch place"))]
        notes.append(
            "The launch place was not reported: ranges are measured from every point of the estimated "
            f"launch area ({bands.place})."
        )
    verdict = None
    if impact is not None and maritime:
        mz = zones if zones is not None else geo.MaritimeZones.load()
        try:
            verdict = maritime_verdict(mz, impact)
        except ValueError as exc:
            notes.append(f"Maritime analysis: {exc}")
    return LaunchView(
        record=rec,
        rings=tuple(drawn.rings),
        launch_region=region,
        impact=impact,
        verdict=verdict,
        overlays=tuple(drawn.overlays),
        notes=tuple(notes),
        reach=bands,
    )


def _reach(
    region: Mapping[str, Any], ranges_km: Sequence[float], max_rings: int | None, notes: list[str]
) -> ReachBands | None:
    from geo.geodesy import reach_cost

    area = region.get("region")
    if not isinstance(area, BaseGeometry) or area.is_empty:
        return None
    ranges = [float(r) for r in ranges_km if 0.0 < float(r) < _REACH_MAX_KM]
    if len(ranges) < len(ranges_km):
        notes.append(f"No reach band beyond {_REACH_MAX_KM:,.1f} km (the antipode of the launch area).")
    if max_rings is not None:
        costs = [reach_cost(area, r) for r in ranges]
        if sum(costs) > max_rings:
            fit = max(1, max_rings // max(costs))
            raise ValueError(
                f"expected ranges needing at most {max_rings:,} geodesic rings for the reach bands, got "
                f"{len(ranges)} ranges needing {sum(costs):,} (up to {max(costs):,} each around "
                f"{region.get('label') or 'the launch area'}): ask for at most {fit} of these ranges"
            )
    return reach_bands(area, ranges, place=_text(region.get("label")) or "the launch area")
