"""Impact estimates: where a ballistic missile probably came down, from launch region + bearing + range.

There are no impact coordinates in the sources. A report gives a launch area, a flight direction
(bearing, clockwise from true north; Japan's Ministry of Defense publishes one for many launches)
and a distance flown. This module turns those into an **estimate**: a point (the geodesic
destination, ``Geod.fwd`` on WGS84) and an **impact zone**, the geodesic sector
``bearing ± bearing_sigma`` x ``distance ± distance_sigma`` from the launch point, grown by the
launch region's uncertainty (a geodesic buffer). Everything returned is labelled an estimate and
carries its uncertainty. Coordinates are lon/lat degrees (x = lon, y = lat), distances km,
angles degrees.

Default uncertainties (used when the caller gives none)
-------------------------------------------------------
``bearing_sigma_deg`` = :data:`DEFAULT_BEARING_SIGMA_DEG` (5°)
    Published bearings are whole degrees read off a map of the track, or a compass word
    ("towards the east-north-east"): the rounding is ±0.5° but the reading of the track and the
    difference between the initial azimuth and the launch-to-impact azimuth of a lofted or
    manoeuvring flight are a few degrees, so ±5° is a conservative half-width.
``distance_sigma_km`` = max(:data:`DEFAULT_DISTANCE_SIGMA_FRACTION` x distance, :data:`MIN_DISTANCE_SIGMA_KM`)
    (5 %, at least 10 km): reported ranges are rounded ("about 800 km") and sources differ
    (Japan and South Korea often differ by 5 to 10 %).
``launch_uncertainty_km``
    From the launch :class:`~geo.geocoding.GeocodeResult` (its ``uncertainty_km``), or the
    enclosing radius of a launch polygon around its centroid, or 0 for a bare (lon, lat).

What is *not* estimated
-----------------------
* A placeholder bearing (the source's 90° when no bearing was reported): no estimate, with that
  reason (a sector of ±90° or more says nothing).
* Cruise missiles: their reported distance is the length of a path flown along ovals and
  figure-eights over North Korea and its waters (2021-09, 2022-01 tests), not the ground range,
  and no bearing is reported: no estimate, with that reason.
* Ballistic flights: the reported distance is the ground range (Japan's MoD reports the flight
  distance along the ground track), so the destination point is the estimate; a glide vehicle's
  manoeuvre adds uncertainty the sigmas above do not model (the explanation says so).

Examples
--------
>>> est = estimate_impact((126.804867, 39.275721), bearing_deg=80, distance_km=800)
>>> est.is_estimate, round(est.lon, 2), round(est.lat, 2)
(True, 136.07, 40.16)
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pandas as pd
from shapely.geometry import MultiPolygon, Polygon

from geo.geocoding.records import _num
from geo.geocoding.regions import clean_region as _clean_region
from geo.geocoding.regions import enclosing_radius_km
from geo.geocoding.regions import rep_point as _rep_point
from geo.geocoding.result import GeocodeResult
from geo.geodesy import buffer_region, destination, sector

if TYPE_CHECKING:
    import geopandas as gpd

__all__ = [
    "DEFAULT_BEARING_SIGMA_DEG",
    "DEFAULT_DISTANCE_SIGMA_FRACTION",
    "MIN_DISTANCE_SIGMA_KM",
    "ImpactEstimate",
    "ImpactNotEstimable",
    "estimate_impact",
    "estimate_impacts",
]

#: Default half-width (degrees) of the bearing: see the module docstring.
DEFAULT_BEARING_SIGMA_DEG: float = 5.0
#: Default distance half-width as a fraction of the reported distance.
DEFAULT_DISTANCE_SIGMA_FRACTION: float = 0.05
#: Smallest default distance half-width (km).
MIN_DISTANCE_SIGMA_KM: float = 10.0
#: The zone's far edge (distance + sigma, km) stays below this: just short of the antipode
#: (19,990 to 20,004 km away), where a sector degenerates.
_MAX_FAR_EDGE_KM = 19_900.0
#: Largest launch uncertainty (km) a zone can be grown by (geo.geodesy.buffer_region's limit).
_MAX_LAUNCH_UNCERTAINTY_KM = 10_000.0


class ImpactNotEstimable(ValueError):
    """The inputs do not support an impact estimate; ``reason`` says why in plain words."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


@dataclass(frozen=True)
class ImpactEstimate:
    """An estimated impact point and zone (never a measured one).

    Attributes
    ----------
    lon, lat : float
        Estimated impact point (degrees): geodesic destination from the launch point.
    zone : shapely.Polygon | shapely.MultiPolygon
        Impact zone in lon/lat, split at the antimeridian: geodesic sector bearing ± sigma x
        distance ± sigma, grown by the launch uncertainty.
    uncertainty_km : float
        Radius (km) of the geodesic circle centred on (lon, lat) that contains the zone.
    label : str
        "Estimated impact (from bearing 80° and range 800 km)".
    explanation : str
        Inputs, defaults used and method, in plain words.
    inputs : dict
        The numbers used: launch_lon, launch_lat, launch_uncertainty_km, bearing_deg,
        bearing_sigma_deg, distance_km, distance_sigma_km and which of them were defaults.
    is_estimate : bool
        Always ``True``.
    """

    lon: float
    lat: float
    zone: Polygon | MultiPolygon
    uncertainty_km: float
    label: str
    explanation: str
    inputs: dict[str, Any] = field(default_factory=dict)
    is_estimate: bool = True


def _num_or_nan(value: Any) -> float:
    """``value`` as a finite float, or NaN (which every range check then rejects)."""
    x = _num(value)
    return math.nan if x is None else x


def _launch_point(
    launch: GeocodeResult | tuple[float, float] | Polygon | MultiPolygon,
) -> tuple[float, float, float, str]:
    if isinstance(launch, GeocodeResult):
        return (
            launch.lon,
            launch.lat,
            launch.uncertainty_km,
            f"{launch.label} (±{launch.uncertainty_km:g} km)",
        )
    if isinstance(launch, (Polygon, MultiPolygon)):
        if launch.is_empty:
            raise ValueError("launch region is empty: give a polygon with an area, or (lon, lat)")
        x, y = _rep_point(launch)
        r = enclosing_radius_km(x, y, launch)
        return x, y, r, f"a launch region around {y:.4f}N {x:.4f}E (±{r:.0f} km)"
    try:
        lon, lat = (float(v) for v in launch)
    except (TypeError, ValueError) as err:
        raise ValueError(f"launch must be a GeocodeResult, (lon, lat) or a polygon, got {launch!r}") from err
    if not (math.isfinite(lon) and -180.0 <= lon <= 180.0 and math.isfinite(lat) and -90.0 <= lat <= 90.0):
        raise ValueError(
            f"launch point must be (lon, lat) in degrees with lon in [-180, 180] and lat in [-90, 90]"
            f" (x = lon first), got ({lon!r}, {lat!r})"
        )
    return lon, lat, 0.0, f"{lat:.4f}N {lon:.4f}E"


def estimate_impact(
    launch: GeocodeResult | tuple[float, float] | Polygon | MultiPolygon,
    *,
    bearing_deg: float,
    distance_km: float,
    bearing_sigma_deg: float | None = None,
    distance_sigma_km: float | None = None,
    launch_uncertainty_km: float | None = None,
    bearing_is_placeholder: bool = False,
    system_type: str | None = None,
) -> ImpactEstimate:
    """Estimate the impact point and zone of a ballistic flight.

    Parameters
    ----------
    launch : GeocodeResult | (lon, lat) | Polygon | MultiPolygon
        Launch place (degrees, WGS84, x = lon first: ``(lon, lat)``).
    bearing_deg : float
        Flight bearing, degrees clockwise from true north (reported); taken modulo 360.
    distance_km : float
        Reported ground range, km (0 < distance; distance + distance sigma under 19,900 km, short
        of the antipode).
    bearing_sigma_deg, distance_sigma_km, launch_uncertainty_km : float, optional
        Half-widths (degrees, km, km); defaults in the module docstring (5°, max(5 %, 10 km), the
        launch's own). The launch uncertainty must be under 10,000 km.
    bearing_is_placeholder : bool
        The bearing is a source's stand-in for "not reported": raises :class:`ImpactNotEstimable`.
    system_type : str, optional
        ``"cruise"`` raises :class:`ImpactNotEstimable` (a cruise path is not bearing + range).

    Returns
    -------
    ImpactEstimate
        Point (lon, lat degrees), zone (lon/lat polygon), uncertainty (km), label and explanation.

    Raises
    ------
    ImpactNotEstimable
        Placeholder bearing, cruise missile.
    ValueError
        Values out of range (negative distance, non-finite bearing, sigma of 180° or more...).

    Examples
    --------
    >>> est = estimate_impact((126.8, 39.3), bearing_deg=80, distance_km=800, bearing_sigma_deg=2)
    >>> est.inputs["bearing_sigma_deg"], est.inputs["distance_sigma_km"], est.inputs["distance_sigma_default"]
    (2.0, 40.0, True)
    """
    system = "" if system_type is None else str(system_type).strip().lower()
    if system == "cruise":
        raise ImpactNotEstimable(
            "cruise missile: the reported distance is the length of a winding path (ovals and "
            "figure-eights), not a ground range along a bearing, so no impact point is estimated"
        )
    if bearing_is_placeholder:
        raise ImpactNotEstimable(
            "no bearing reported (the source's 90° is a placeholder), so no impact point is estimated"
        )
    b, d = _num(bearing_deg), _num(distance_km)
    if b is None:
        raise ValueError(
            f"bearing_deg must be a finite number of degrees clockwise from north, got {bearing_deg!r}"
        )
    b = b % 360.0  # 450 -> 90, -10 -> 350, -0 -> 0
    if d is None or not 0.0 < d < _MAX_FAR_EDGE_KM:
        raise ValueError(
            f"distance_km must be a number of km above 0 and below {_MAX_FAR_EDGE_KM:,.0f},"
            f" got {distance_km!r}"
        )
    lon0, lat0, launch_unc, launch_txt = _launch_point(launch)
    defaults: list[str] = []
    if launch_uncertainty_km is not None:
        launch_unc = _num_or_nan(launch_uncertainty_km)
    if not (math.isfinite(launch_unc) and 0 <= launch_unc < _MAX_LAUNCH_UNCERTAINTY_KM):
        raise ValueError(
            f"launch_uncertainty_km must be a number of km >= 0 and below {_MAX_LAUNCH_UNCERTAINTY_KM:,.0f},"
            f" got {launch_uncertainty_km if launch_uncertainty_km is not None else launch_unc!r}"
        )
    if bearing_sigma_deg is None:
        bsig = DEFAULT_BEARING_SIGMA_DEG
        defaults.append(f"bearing ±{bsig:g}° (default: whole-degree bearings read off a track)")
    else:
        bsig = _num_or_nan(bearing_sigma_deg)
    if not (math.isfinite(bsig) and 0.0 < bsig < 180.0):
        raise ValueError(
            f"bearing_sigma_deg must be a number of degrees above 0 and below 180, got {bearing_sigma_deg!r}"
        )
    if distance_sigma_km is None:
        dsig = max(DEFAULT_DISTANCE_SIGMA_FRACTION * d, MIN_DISTANCE_SIGMA_KM)
        defaults.append(
            f"distance ±{dsig:.0f} km (default: {DEFAULT_DISTANCE_SIGMA_FRACTION:.0%} of the range, "
            f"at least {MIN_DISTANCE_SIGMA_KM:g} km)"
        )
    else:
        dsig = _num_or_nan(distance_sigma_km)
    if not (math.isfinite(dsig) and dsig > 0.0):
        raise ValueError(
            f"distance_sigma_km must be a positive number of km (e.g. 1 for a precisely known range), "
            f"got {distance_sigma_km!r}"
        )
    if d + dsig >= _MAX_FAR_EDGE_KM:
        raise ValueError(
            f"distance_km + distance_sigma_km must stay below {_MAX_FAR_EDGE_KM:,.0f} km (the zone's far"
            f" edge, short of the antipode), got {d:g} + {dsig:g} km: give a smaller distance_sigma_km"
        )
    lon, lat = destination(lon0, lat0, azimuth_deg=b, distance_km=d)
    lon, lat = float(lon), float(lat)
    zone: Polygon | MultiPolygon = sector(
        lon0, lat0, bearing_deg=b, spread_deg=bsig, min_km=max(d - dsig, 0.0), max_km=d + dsig
    )
    if launch_unc > 0:
        zone = _clean_region(buffer_region(zone, launch_unc))
    unc = enclosing_radius_km(lon, lat, zone)
    label = f"Estimated impact (from bearing {b:g}° and range {d:g} km)"
    explanation = (
        f"ESTIMATE, not a reported impact point. Launch: {launch_txt}. Point = geodesic destination "
        f"(WGS84) {d:g} km along bearing {b:g}°. Zone = bearings {b - bsig:g}° to {b + bsig:g}°, "
        f"distances {max(d - dsig, 0):.0f} to {d + dsig:.0f} km, grown by the launch uncertainty "
        f"{launch_unc:g} km. "
        + (f"Defaults used: {'; '.join(defaults)}. " if defaults else "")
        + "Assumes the reported distance is the ground range of a ballistic flight."
        + (
            " A glide vehicle manoeuvres after release: its impact may lie outside this zone."
            if system == "hgv"
            else ""
        )
    )
    inputs: dict[str, Any] = {
        "launch_lon": lon0,
        "launch_lat": lat0,
        "launch_uncertainty_km": launch_unc,
        "bearing_deg": b,
        "bearing_sigma_deg": bsig,
        "distance_km": d,
        "distance_sigma_km": dsig,
        "bearing_sigma_default": bearing_sigma_deg is None,
        "distance_sigma_default": distance_sigma_km is None,
    }
    return ImpactEstimate(
        lon=lon,
        lat=lat,
        zone=zone,
        uncertainty_km=round(unc, 3),
        label=label,
        explanation=explanation,
        inputs=inputs,
    )


def _truthy(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in ("true", "1", "yes", "y", "t")
    try:
        return bool(value) and not (isinstance(value, float) and math.isnan(value))
    except (TypeError, ValueError):
        return False


def estimate_impacts(records: pd.DataFrame) -> gpd.GeoDataFrame:
    """Impact estimates for a table of launch records, one output row per input row (none dropped).

    Needs ``launch_lon``/``launch_lat`` (e.g. from :func:`geo.geocoding.geocode_records`),
    ``bearing_deg`` and ``distance_km``; uses ``launch_uncertainty_km``, ``bearing_is_placeholder``,
    ``system_type``, ``bearing_sigma_deg`` and ``distance_sigma_km`` when present. No estimate (and
    the reason instead) for cruise missiles, placeholder bearings, missing values, and launch sites
    that were not reported (``location_precision`` placeholder/unreported: a bearing from a stand-in
    point would place the impact wrongly).

    Parameters
    ----------
    records : pandas.DataFrame
        Launch records; ``launch_lon`` / ``launch_lat`` in degrees (WGS84), ``bearing_deg`` in degrees
        clockwise from north, ``distance_km`` / sigmas / ``launch_uncertainty_km`` in km.

    Returns
    -------
    geopandas.GeoDataFrame
        The input columns plus ``impact_lon``, ``impact_lat`` (degrees), ``impact_uncertainty_km`` (km),
        ``impact_label``, ``impact_explanation`` (for rows without an estimate: the reason),
        ``impact_is_estimate`` (True where an estimate was made) and the active geometry column
        ``impact_zone`` (EPSG:4326; ``None`` where no estimate).
    """
    import geopandas as gpd

    cols = set(records.columns)

    def get(row: pd.Series, name: str) -> Any:
        return row[name] if name in cols else None

    out_lon: list[float | None] = []
    out_lat: list[float | None] = []
    out_unc: list[float | None] = []
    out_label: list[str] = []
    out_expl: list[str] = []
    out_ok: list[bool] = []
    zones: list[Any] = []
    done: dict[tuple[str | float | None, ...], tuple[ImpactEstimate | None, str]] = {}
    for _, row in records.iterrows():
        lon, lat = _num(get(row, "launch_lon")), _num(get(row, "launch_lat"))
        bearing, dist = _num(get(row, "bearing_deg")), _num(get(row, "distance_km"))
        reason = ""
        est: ImpactEstimate | None = None
        system = str(get(row, "system_type") or "").strip()
        if system.lower() == "cruise":
            reason = (
                "cruise missile: the reported distance is the length of a winding path, "
                "not a ground range along a bearing"
            )
        elif str(get(row, "location_precision") or "").strip().lower() in (
            "placeholder",
            "unreported",
        ) or str(get(row, "geocode_rule") or "") in ("placeholder-country", "unreported-country"):
            reason = "launch site not reported (only the launching country is known)"
        elif lon is None or lat is None:
            reason = "no launch point (geocode the launch place first)"
        elif dist is None:
            reason = "no reported distance"
        elif _truthy(get(row, "bearing_is_placeholder")):
            reason = "no bearing reported (the source's 90° is a placeholder)"
        elif bearing is None:
            reason = "no reported bearing"
        else:
            args = (
                system,
                lon,
                lat,
                bearing,
                dist,
                _num(get(row, "bearing_sigma_deg")),
                _num(get(row, "distance_sigma_km")),
                _num(get(row, "launch_uncertainty_km")),
            )
            if args in done:  # salvos share launch point, bearing and range: compute once
                est, reason = done[args]
            else:
                try:
                    est = estimate_impact(
                        (lon, lat),
                        bearing_deg=bearing,
                        distance_km=dist,
                        bearing_sigma_deg=args[5],
                        distance_sigma_km=args[6],
                        launch_uncertainty_km=args[7],
                        system_type=system or None,
                    )
                except ValueError as err:  # includes ImpactNotEstimable
                    reason = str(err)
                done[args] = (est, reason)
        if est is None:
            out_lon.append(None)
            out_lat.append(None)
            out_unc.append(None)
            out_label.append("No impact estimate")
            out_expl.append(f"No impact estimate: {reason}.")
            out_ok.append(False)
            zones.append(None)
        else:
            out_lon.append(est.lon)
            out_lat.append(est.lat)
            out_unc.append(est.uncertainty_km)
            out_label.append(est.label)
            out_expl.append(est.explanation)
            out_ok.append(True)
            zones.append(est.zone)
    out = gpd.GeoDataFrame(records.copy()) if not isinstance(records, gpd.GeoDataFrame) else records.copy()
    out["impact_lon"] = pd.Series(out_lon, index=out.index, dtype=float)
    out["impact_lat"] = pd.Series(out_lat, index=out.index, dtype=float)
    out["impact_uncertainty_km"] = pd.Series(out_unc, index=out.index, dtype=float)
    out["impact_label"] = out_label
    out["impact_explanation"] = out_expl
    out["impact_is_estimate"] = out_ok
    out["impact_zone"] = gpd.GeoSeries(zones, index=out.index, crs="EPSG:4326")
    return out.set_geometry("impact_zone")
