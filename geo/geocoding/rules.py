"""Regions the grammar derives from an anchor place: relative positions and offshore seas.

All geometry is geodesic (WGS84, GeographicLib through :mod:`geo.geodesy`), lon/lat degrees with
x = lon. Each function takes an already geocoded anchor (:class:`GeocodeResult`) and returns a new
result whose explanation says how it was derived.

``relative``
    "about D km <direction> of X": the point is ``Geod.fwd`` from X's point at the direction's
    azimuth and distance D; the region is the geodesic sector ``azimuth ± spread`` x
    ``D ± max(10 % of D, 5 km)``, grown by X's uncertainty.
``offshore``
    "off X": the sea within :data:`OFFSHORE_KM` of X's region (land removed with Natural Earth 10m
    land).
``offshore-coast``
    "off the east/west coast" (of North Korea): the sea part of the coastal strip.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

from geo.geocoding.regions import clean_region, enclosing_radius_km, rep_point
from geo.geocoding.result import GeocodeError, GeocodeResult
from geo.geodesy import azimuth_deg, buffer_region, destination, distance_km, sector

if TYPE_CHECKING:
    from geo.geocoding.index import Gazetteer

__all__ = ["MAX_RELATIVE_KM", "OFFSHORE_KM", "offshore", "offshore_coast", "relative"]

#: "off X": the sea within this many km (geodesic) of X's region.
OFFSHORE_KM: float = 50.0
#: Longest distance (km, exclusive) of a relative position "D km <direction> of X".
MAX_RELATIVE_KM: float = 5000.0


def relative(
    query: str,
    anchor: GeocodeResult,
    *,
    distance_km: float,
    azimuth_deg: float,
    spread_deg: float,
    direction_label: str,
    distance_text: str,
) -> GeocodeResult:
    """The region ``distance_km`` towards ``azimuth_deg`` from ``anchor``.

    Parameters
    ----------
    query : str
        The text as given (kept on the result).
    anchor : GeocodeResult
        The place measured from.
    distance_km : float
        Reported distance (km), more than 0 and under :data:`MAX_RELATIVE_KM`.
    azimuth_deg : float
        Direction, degrees clockwise from true north.
    spread_deg : float
        Half-width of the direction (22.5 for the 8 principal points, 11.25 for the intermediate
        16-point ones, 5 for "due").
    direction_label : str
        "W", "NNE"... (for the label).
    distance_text : str
        How the distance was read ("100 nautical miles = 185.2 km"), for the explanation.

    Returns
    -------
    GeocodeResult
        Rule ``relative``: point = geodesic destination, region = the sector grown by the anchor's
        uncertainty; ``uncertainty_km`` grows with the distance (10 % radially, D x tan(spread)
        sideways) and with the anchor's.

    Raises
    ------
    GeocodeError
        Distance out of range, or an anchor wider than the distance (a sea, a province for a short
        hop).
    """
    dist = distance_km
    if not (0.0 < dist < MAX_RELATIVE_KM):
        raise GeocodeError(
            query,
            f"distance {dist:g} km out of range: expected more than 0 and under {MAX_RELATIVE_KM:,.0f} km",
        )
    if anchor.uncertainty_km > dist:
        raise GeocodeError(
            query,
            f"{anchor.label} spans ±{anchor.uncertainty_km:.0f} km, more than the {dist:.0f} km of the "
            "relative position: measure from a smaller place (a town, island or cape)",
            [anchor.label],
        )
    az, half = azimuth_deg, spread_deg
    dsig = max(0.10 * dist, 5.0)
    lon, lat = destination(anchor.lon, anchor.lat, azimuth_deg=az, distance_km=dist)
    lon, lat = float(lon), float(lat)
    sect = sector(
        anchor.lon,
        anchor.lat,
        bearing_deg=az,
        spread_deg=half,
        min_km=max(dist - dsig, 0.0),
        max_km=dist + dsig,
    )
    region = clean_region(buffer_region(sect, anchor.uncertainty_km) if anchor.uncertainty_km > 0 else sect)
    unc = enclosing_radius_km(lon, lat, region)
    precision = "due direction" if half == 5.0 else ("16-point" if half == 11.25 else "8-point") + " compass"
    label = f"about {dist:.0f} km {direction_label} of {anchor.label}"
    expl = (
        f"Relative position: {distance_text} towards {direction_label} (azimuth {az:g}°) from "
        f"{anchor.label} ({anchor.lat:.4f}N {anchor.lon:.4f}E). Point = geodesic destination (WGS84, "
        f"Geod.fwd). Region = geodesic sector azimuth {az:g}° ± {half:g}° ({precision}), "
        f"distance {dist:.0f} ± {dsig:.0f} km (10 %, at least 5 km), grown by the anchor's uncertainty "
        f"{anchor.uncertainty_km:.1f} km. Anchor: {anchor.explanation}"
    )
    return GeocodeResult(
        query=query,
        label=label,
        kind="relative",
        region=region,
        lon=lon,
        lat=lat,
        uncertainty_km=round(unc, 3),
        explanation=expl,
        entry_id=anchor.entry_id,
        rule="relative",
        country="",
    )


def sea_part(gaz: Gazetteer, region: BaseGeometry) -> Polygon | MultiPolygon:
    """``region`` without land (the gazetteer's Natural Earth 10m land), lon/lat degrees."""
    return clean_region(shapely.difference(region, gaz.land))


def offshore(gaz: Gazetteer, query: str, anchor: GeocodeResult) -> GeocodeResult:
    """ "off X": the sea within :data:`OFFSHORE_KM` (geodesic) of ``anchor``'s region.

    A sea anchor is returned as it is ("off the Sea of Japan" is the sea itself).

    Raises
    ------
    GeocodeError
        The anchor is inland (no sea within the band).
    """
    if anchor.kind == "sea":
        return replace(anchor, query=query)
    sea = sea_part(gaz, clean_region(buffer_region(anchor.region, OFFSHORE_KM)))
    if sea.is_empty or sea.area < 1e-6:
        raise GeocodeError(
            query,
            f"{anchor.label} is more than {OFFSHORE_KM + anchor.uncertainty_km:g} km from the sea: "
            "'off' needs a coastal place (e.g. 'off Wonsan').",
            [anchor.label],
        )
    lon, lat = _nearest_sea_point(sea, anchor)
    unc = enclosing_radius_km(lon, lat, sea)
    return GeocodeResult(
        query=query,
        label=f"Sea off {anchor.label}",
        kind="sea",
        region=sea,
        lon=lon,
        lat=lat,
        uncertainty_km=round(unc, 3),
        explanation=(
            f"Offshore rule: the sea within {OFFSHORE_KM:g} km (geodesic) of {anchor.label}'s region, "
            f"land removed (Natural Earth 10m land); point = the sea point nearest to "
            f"{anchor.label} at the middle of that band. Anchor: {anchor.explanation}"
        ),
        entry_id=anchor.entry_id,
        rule="offshore",
        country=anchor.country,
    )


def _nearest_sea_point(sea: Polygon | MultiPolygon, anchor: GeocodeResult) -> tuple[float, float]:
    """A point of ``sea`` offshore of the anchor: from the anchor's point, along the geodesic
    to the nearest sea vertex, half the offshore band further out; falls back to a point on
    the sea region."""
    coords = shapely.get_coordinates(shapely.boundary(sea))  # outer edge and coastlines (holes)
    d = distance_km(
        np.full(len(coords), anchor.lon), np.full(len(coords), anchor.lat), coords[:, 0], coords[:, 1]
    )
    near = coords[int(np.argmin(d))]
    az = float(azimuth_deg(anchor.lon, anchor.lat, near[0], near[1]))
    for extra in (OFFSHORE_KM / 2, OFFSHORE_KM / 4, OFFSHORE_KM / 8):
        lon, lat = destination(anchor.lon, anchor.lat, azimuth_deg=az, distance_km=float(np.min(d)) + extra)
        if shapely.contains_xy(sea, float(lon), float(lat)):
            return float(lon), float(lat)
    return rep_point(sea)


def offshore_coast(gaz: Gazetteer, query: str, side: str) -> GeocodeResult:
    """ "off the east/west coast" of North Korea: the sea part of the curated coastal strip.

    Raises
    ------
    GeocodeError
        ``side`` is not ``"east"`` or ``"west"``.
    """
    if side not in ("east", "west"):
        raise GeocodeError(
            query,
            f"'{side} coast' is not in the gazetteer: North Korea has an east and a west coast",
            ["East coast of North Korea", "West coast of North Korea"],
        )
    idx = int(np.flatnonzero(gaz.entries["entry_id"] == f"kp-{side}-coast")[0])
    coast = gaz._result_from_entry(query, idx, rule="offshore-coast")
    sea = sea_part(gaz, coast.region)
    lon, lat = rep_point(sea)
    return GeocodeResult(
        query=query,
        label=f"Sea off the {side} coast of North Korea",
        kind="coast",
        region=sea,
        lon=lon,
        lat=lat,
        uncertainty_km=round(enclosing_radius_km(lon, lat, sea), 3),
        explanation="Sea part of the coastal strip (land removed). " + coast.explanation,
        entry_id=coast.entry_id,
        rule="offshore-coast",
        country="KP",
    )
