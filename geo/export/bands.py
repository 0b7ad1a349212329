"""The reach of a selected launch as an exported layer: the bands, limits and system ranges the Map
page draws (:mod:`geo.reachview`), with their attributes.

For each range ``N`` of the view, from the estimated launch area (:func:`geo.geodesy.reach_limits`):

* ``kind = "outer"``: everything within ``N`` of some point of the launch area (the outer limit);
* ``kind = "inner"``: everything within ``N`` of every point of it (omitted when no point is);
* ``kind = "band"``: the area between them, whose width shows how uncertain the launch place is.

With the "range of each system" comparison, one ``outer`` feature per distinct estimated maximum
range of the catalogue's systems (``system`` names them, ``source`` cites the estimate), from the
country's launch region, as the map draws it.

Every feature carries ``range_km``, ``system`` (empty for the view's own ranges), ``kind``,
``source``, ``launch_area`` (plain-text name of the region), ``accuracy_km`` (how far the limit
may stray from the truth: :func:`geo.geodesy.reach_accuracy_km`), ``area_km2`` (ellipsoidal) and
``method``. Geometries are the geodesy module's: split at 180°, counter-clockwise, closed over an
enclosed pole. Coordinates are (lon, lat) degrees, WGS84; distances are km.

Examples
--------
>>> from shapely.geometry import Polygon
>>> county = Polygon([(126.6, 39.1), (127.0, 39.1), (127.0, 39.45), (126.6, 39.45)])
>>> bands = reach_bands(county, [800.0], place="Yangdok county")
>>> rows, geoms = reach_band_rows(bands, "2021-09-15-1")
>>> [(r["range_km"], r["kind"]) for r in rows]
[(800.0, 'band'), (800.0, 'outer'), (800.0, 'inner')]
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
import shapely
from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

__all__ = [
    "VIEW_RANGE_SOURCE",
    "ReachBands",
    "SystemReach",
    "reach_band_rows",
    "reach_bands",
    "system_reaches",
]

#: ``source`` of the view's own ranges (the ranges chosen on the map or on the command line).
VIEW_RANGE_SOURCE = "range chosen for this view"
_METHOD = (
    "geodesic reach of the estimated launch area on the WGS84 ellipsoid (GeographicLib via pyproj): "
    "union (outer) and intersection (inner) of exact rings around its boundary, split at 180°"
)


@dataclass(frozen=True, slots=True)
class SystemReach:
    """One estimated maximum range of the "range of each system" comparison.

    ``name`` joins the systems sharing the range (``"Hwasong-12 / Musudan"``), ``outer`` is the
    outer limit from the country's launch region, ``source`` cites the estimate(s).
    """

    name: str
    range_km: float
    outer: BaseGeometry
    source: str


@dataclass(frozen=True, slots=True)
class ReachBands:
    """The reach drawn for a selected launch: one :class:`geo.reach.ReachArea` per range of the view
    from ``region`` (called ``place``), and the systems' maximum ranges from ``systems_region``."""

    areas: tuple[Any, ...] = ()
    region: BaseGeometry | None = None
    place: str = ""
    systems: tuple[SystemReach, ...] = ()
    systems_region: BaseGeometry | None = None
    systems_place: str = ""


def system_reaches(
    systems: pd.DataFrame, outer_of: Callable[[float], BaseGeometry]
) -> tuple[SystemReach, ...]:
    """One :class:`SystemReach` per distinct estimated maximum range of ``systems`` (``systems.csv``),
    shortest first, as the map's comparison draws them: names joined with " / ", sources cited with
    their dates and joined with "; ". ``outer_of(range_km)`` gives the outer limit (cached by the app).

    >>> table = pd.DataFrame({"name": ["A", "B", "C"], "max_range_km": ["900", "", "900"],
    ...     "range_source": ["CSIS", "", "JCS"], "range_source_date": ["2017-05-14", "", ""]})
    >>> [(s.name, s.range_km, s.source) for s in system_reaches(table, lambda r: Polygon())]
    [('A / C', 900.0, 'CSIS (2017-05-14); JCS')]
    """
    from geo.reach import system_ranges

    table = system_ranges(systems)
    out = []
    for key, group in table.groupby("max_range_km", sort=True):
        r = float(str(key))
        cites = []
        for src, date in zip(group.get("range_source", ""), group.get("range_source_date", ""), strict=False):
            text = _text(src)
            if text:
                when = _text(date)
                cites.append(f"{text} ({when})" if when and when not in text else text)
        source = "; ".join(dict.fromkeys(cites)) or "systems.csv (no source given)"
        names = " / ".join(str(n) for n in group["name"])
        out.append(SystemReach(names, r, outer_of(r), source))
    return tuple(out)


def reach_bands(
    region: BaseGeometry,
    ranges_km: Sequence[float],
    *,
    place: str,
    systems: pd.DataFrame | None = None,
    systems_region: BaseGeometry | None = None,
    systems_place: str = "",
) -> ReachBands:
    """Compute the reach the Map page draws: the view's ranges from ``region`` and, when
    ``systems`` is given, each system's maximum range from ``systems_region`` (default ``region``).

    The app computes the same areas through its caches and builds :class:`ReachBands` itself.
    """
    from geo.geodesy import reach_outer
    from geo.reach import reach_areas

    areas = tuple(reach_areas(region, [float(r) for r in ranges_km]))
    home = systems_region if systems_region is not None else region
    found: tuple[SystemReach, ...] = ()
    if systems is not None:
        found = system_reaches(systems, lambda r: reach_outer(home, r))
    return ReachBands(areas, region, place, found, home if found else None, systems_place or place)


def _text(value: Any) -> str:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value).strip()


def _areal(geom: BaseGeometry | None) -> Polygon | MultiPolygon | None:
    if geom is None or geom.is_empty:
        return None
    polys = [p for p in shapely.get_parts(geom) if isinstance(p, Polygon) and not p.is_empty]
    if not polys:
        return None
    out = polys[0] if len(polys) == 1 else MultiPolygon(polys)
    return shapely.orient_polygons(out, exterior_cw=False)


def _km(v: float) -> str:
    return f"{v:,.0f} km"


def reach_band_rows(
    bands: ReachBands, event_id: str | None
) -> tuple[list[dict[str, Any]], list[BaseGeometry]]:
    """Rows (the ``reach`` layer's attributes) and geometries of ``bands``: for each range band,
    outer and inner (when not empty), then each system's outer limit."""
    from geo.geodesy import geodesic_area_km2, reach_accuracy_km

    rows: list[dict[str, Any]] = []
    geoms: list[BaseGeometry] = []

    def add(geom: BaseGeometry | None, region: BaseGeometry | None, **row: Any) -> None:
        shape = _areal(geom)
        if shape is None:
            return
        r = float(row["range_km"])
        acc = reach_accuracy_km(region, r) if region is not None and not region.is_empty else None
        row.update(
            event_id=event_id,
            accuracy_km=None if acc is None else round(acc, 3),
            area_km2=round(float(geodesic_area_km2(shape)), 1),
            method=_METHOD,
            is_estimate=True,
        )
        rows.append(row)
        geoms.append(shape)

    place = bands.place or "the launch area"
    for a in bands.areas:
        r = float(a.range_km)
        band = a.outer if a.inner.is_empty else shapely.difference(a.outer, a.inner)
        common = {"range_km": r, "system": None, "source": VIEW_RANGE_SOURCE, "launch_area": bands.place}
        add(
            band,
            bands.region,
            kind="band",
            label=f"{_km(r)} from {place}: reached from part of the launch area (the band's width is how "
            "uncertain the launch place is)",
            **common,
        )
        add(
            a.outer,
            bands.region,
            kind="outer",
            label=f"{_km(r)} from some point of {place} (outer limit)",
            **common,
        )
        add(
            a.inner,
            bands.region,
            kind="inner",
            label=f"{_km(r)} from every point of {place} (inner limit: reached wherever it was launched)",
            **common,
        )
    home = bands.systems_place or place
    for s in bands.systems:
        add(
            s.outer,
            bands.systems_region,
            kind="outer",
            label=f"{s.name}: estimated maximum range {_km(s.range_km)} from {home} (outer limit)",
            range_km=float(s.range_km),
            system=s.name,
            source=s.source,
            launch_area=bands.systems_place,
        )
    return rows, geoms
