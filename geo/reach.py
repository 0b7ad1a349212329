"""What a launch can reach: reach areas of its launch region, the places inside, and which systems
reach a given place.

For a launch region (where the launch was, as geocoded: a county, a coast, or the whole country
when no place was reported) and a range ``N`` km, :func:`reach_areas` gives the two limits of
:func:`geo.geodesy.reach_limits`: the **outer** limit (within ``N`` of some point of the region)
and the **inner** one (within ``N`` of every point of it). A place inside the inner limit is
reached "wherever launched"; one between the limits "from part of the launch region".

:func:`cities_in_reach` classifies the world's places (:func:`geo.cities.world_cities`, GeoNames
cities of at least 15,000 people) by those limits; :func:`reach_report` is the JSON shape of
``python -m geo reach``; :func:`distance_span_km` gives the nearest and farthest distance from
the region to any place ("between 1,050 and 1,210 km"), and :func:`systems_reaching` which
missile systems of the catalogue reach it, by their estimated maximum range (``systems.csv``).

Coordinates are (lon, lat) degrees, WGS84; distances are km.

Examples
--------
>>> from shapely.geometry import Point
>>> areas = reach_areas(Point(125.75, 39.03), [1500.0])
>>> report = reach_report(areas)
>>> r = report[0]
>>> r["range_km"], "Tokyo" in {c["name"] for c in r["cities"]}, r["population"] > 100_000_000
(1500.0, True, True)
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import shapely
from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

from geo.cities import world_cities
from geo.geodesy import distance_km, distance_to_region_km, reach_limits, region_samples

__all__ = [
    "REACHED_ANYWHERE",
    "REACHED_PART",
    "ReachArea",
    "cities_in_reach",
    "distance_span_km",
    "reach_areas",
    "reach_feature_collection",
    "reach_report",
    "system_ranges",
    "systems_reaching",
]

#: ``reached`` value of a place within range of every point of the launch region.
REACHED_ANYWHERE = "wherever launched"
#: ``reached`` value of a place within range of some, not all, points of the launch region.
REACHED_PART = "from part of the launch region"


@dataclass(frozen=True, slots=True)
class ReachArea:
    """The reach of one range from one launch region.

    Attributes
    ----------
    range_km : float
        The range (km).
    outer : Polygon or MultiPolygon
        Within ``range_km`` of some point of the region (lon/lat, split at 180°, CCW).
    inner : Polygon or MultiPolygon
        Within ``range_km`` of every point of the region; empty when no point is.
    """

    range_km: float
    outer: Polygon | MultiPolygon
    inner: Polygon | MultiPolygon


def reach_areas(region: BaseGeometry, ranges_km: Iterable[float]) -> list[ReachArea]:
    """Outer and inner reach of each range from a launch region (see :func:`geo.geodesy.reach_limits`).

    Parameters
    ----------
    region : shapely geometry
        The launch region in lon/lat degrees (a Point for an exactly known site).
    ranges_km : iterable of float
        Ranges (km), each greater than 0 and below 20,002.9 km.

    Returns
    -------
    list of ReachArea
        In the order of ``ranges_km``.
    """
    out = []
    for r in ranges_km:
        outer, inner = reach_limits(region, float(r))
        out.append(ReachArea(float(r), outer, inner))
    return out


def _inside(geom: BaseGeometry, lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    if geom.is_empty:
        return np.zeros(lon.shape, dtype=bool)
    return np.asarray(shapely.intersects_xy(geom, lon, lat), dtype=bool)


def cities_in_reach(areas: Sequence[ReachArea], cities: pd.DataFrame | None = None) -> pd.DataFrame:
    """The places inside each reach area, with how they are reached.

    Parameters
    ----------
    areas : sequence of ReachArea
        From :func:`reach_areas`.
    cities : DataFrame, optional
        Places with ``lon``, ``lat`` columns (default :func:`geo.cities.world_cities`).

    Returns
    -------
    pandas.DataFrame
        One row per (range, place inside its outer limit): the place's columns plus ``range_km``
        and ``reached`` (:data:`REACHED_ANYWHERE` or :data:`REACHED_PART`), by range then
        descending population.
    """
    table = world_cities() if cities is None else cities
    lon = table["lon"].to_numpy(dtype=np.float64)
    lat = table["lat"].to_numpy(dtype=np.float64)
    parts = []
    for a in areas:
        outer = _inside(a.outer, lon, lat)
        inner = _inside(a.inner, lon, lat) & outer
        sel = pd.DataFrame(table[outer]).copy()
        sel["range_km"] = a.range_km
        sel["reached"] = np.where(inner[outer], REACHED_ANYWHERE, REACHED_PART)
        parts.append(sel)
    if not parts:
        return pd.DataFrame(columns=[*table.columns, "range_km", "reached"])
    out = pd.concat(parts)
    if "population" in out.columns:
        out = out.sort_values(["range_km", "population"], ascending=[True, False], kind="stable")
    return out.reset_index(drop=True)


def reach_report(areas: Sequence[ReachArea], cities: pd.DataFrame | None = None) -> list[dict[str, Any]]:
    """What is in range, as ``python -m geo reach`` prints it (one dict per range).

    Each dict has ``range_km``, ``population`` (people in the places inside the outer limit, summed)
    and ``cities``: every such place, largest first, with ``name``, ``country`` (ISO alpha-2),
    ``population``, ``lon``, ``lat`` (degrees) and ``reached`` (:data:`REACHED_ANYWHERE` or
    :data:`REACHED_PART`).
    """
    inside = cities_in_reach(areas, cities)
    out = []
    for a in areas:
        rows = inside[inside["range_km"] == a.range_km]
        out.append(
            {
                "range_km": a.range_km,
                "population": int(rows["population"].sum()),
                "cities": [
                    {
                        "name": str(name),
                        "country": str(country),
                        "population": int(pop),
                        "lon": float(x),
                        "lat": float(y),
                        "reached": str(reached),
                    }
                    for name, country, pop, x, y, reached in zip(
                        rows["name"].tolist(),
                        rows["country"].tolist(),
                        rows["population"].to_numpy(dtype=np.int64).tolist(),
                        rows["lon"].to_numpy(dtype=np.float64).tolist(),
                        rows["lat"].to_numpy(dtype=np.float64).tolist(),
                        rows["reached"].tolist(),
                        strict=True,
                    )
                ],
            }
        )
    return out


def reach_feature_collection(areas: Sequence[ReachArea], *, precision: int = 6) -> dict[str, Any]:
    """The reach areas as an RFC 7946 FeatureCollection: one Feature per range and limit.

    Properties: ``range_km`` and ``limit`` (``"outer"`` or ``"inner"``). An empty inner limit is a
    Feature with a null geometry. Coordinates are rounded to ``precision`` decimals (6: 0.1 m).
    """
    features = []
    for a in areas:
        for limit, geom in (("outer", a.outer), ("inner", a.inner)):
            geometry = None
            if not geom.is_empty:
                geometry = shapely.geometry.mapping(shapely.set_precision(geom, 0.0))
                geometry = _round(geometry, precision)
            features.append(
                {
                    "type": "Feature",
                    "geometry": geometry,
                    "properties": {"range_km": a.range_km, "limit": limit},
                }
            )
    return {"type": "FeatureCollection", "features": features}


def _round(obj: Any, precision: int) -> Any:
    if isinstance(obj, float):
        return round(obj, precision)
    if isinstance(obj, list | tuple):
        return [_round(v, precision) for v in obj]
    if isinstance(obj, dict):
        return {k: _round(v, precision) for k, v in obj.items()}
    return obj


def distance_span_km(region: BaseGeometry, lon: float, lat: float) -> tuple[float, float]:
    """Nearest and farthest geodesic distance (km) from a launch region to a place (lon, lat).

    The nearest is :func:`geo.geodesy.distance_to_region_km` (0 inside the region); the farthest
    is the largest distance to the region's boundary sampled every 1 km (farther than any
    interior point unless the place's antipode is in the region; error under 0.01 km).

    Examples
    --------
    >>> from shapely.geometry import Polygon
    >>> square = Polygon([(126.0, 39.0), (127.0, 39.0), (127.0, 40.0), (126.0, 40.0)])
    >>> lo, hi = distance_span_km(square, 139.69, 35.69)  # Tokyo
    >>> round(lo), round(hi)
    (1182, 1295)
    """
    nearest = float(distance_to_region_km([lon], [lat], region)[0])
    x, y = region_samples(region, 1.0)
    farthest = float(np.max(distance_km(lon, lat, x, y)))
    return nearest, max(farthest, nearest)


def system_ranges(systems: pd.DataFrame) -> pd.DataFrame:
    """Systems with a numeric ``max_range_km`` (rows of ``systems.csv`` without one dropped)."""
    rng = pd.to_numeric(systems.get("max_range_km", pd.Series(dtype="str")), errors="coerce")
    out = systems.assign(max_range_km=rng)
    return out[out["max_range_km"].notna()].sort_values("max_range_km", kind="stable").reset_index(drop=True)


def systems_reaching(systems: pd.DataFrame, nearest_km: float, farthest_km: float) -> pd.DataFrame:
    """Which systems reach a place ``nearest_km``..``farthest_km`` from the launch region.

    Parameters
    ----------
    systems : DataFrame
        ``systems.csv`` (``geo.records.load_systems()``): ``max_range_km`` may be empty.
    nearest_km, farthest_km : float
        From :func:`distance_span_km`.

    Returns
    -------
    pandas.DataFrame
        Systems with an estimate at least ``nearest_km``, shortest range first, plus ``reached``:
        :data:`REACHED_ANYWHERE` when the estimate is at least ``farthest_km``, else
        :data:`REACHED_PART`.

    Examples
    --------
    >>> sys = pd.DataFrame({"system_id": ["a", "b", "c"], "max_range_km": ["300", "1300", ""]})
    >>> systems_reaching(sys, 1050.0, 1210.0)[["system_id", "reached"]].values.tolist()
    [['b', 'wherever launched']]
    """
    if not (math.isfinite(nearest_km) and math.isfinite(farthest_km)):
        raise ValueError(f"distances must be finite, got {nearest_km!r} and {farthest_km!r}")
    table = system_ranges(systems)
    hit = table[table["max_range_km"] >= nearest_km].copy()
    hit["reached"] = np.where(hit["max_range_km"] >= farthest_km, REACHED_ANYWHERE, REACHED_PART)
    return hit.reset_index(drop=True)
