"""What the map draws for the reach of a launch: bands, their limits, labels, reference cities, and the
"range of each system" comparison.

Pure: takes the reach areas of :mod:`geo.reach` (computed and cached by the app) and returns
:class:`geo.mapview.Overlay` objects with plain-text labels (escaped when drawn):

- ``reach_band``: the area between the inner and the outer limit, filled: its width is the
  launch-place uncertainty;
- ``reach_outer`` / ``reach_inner``: the two limits as lines;
- ``ring_label``: a point on the band with the range as text ("1,500 km"), drawn as a permanent label;
- ``reference_city``: landmark places (Seoul, Tokyo, Guam...) with whether the range reaches them;
- ``system_range``: one system's estimated maximum range from the launch region.

Coordinates are (lon, lat) degrees, WGS84; distances are km.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
import shapely
from shapely.geometry.base import BaseGeometry

from geo.geodesy import destination
from geo.mapview import Overlay
from geo.reach import REACHED_ANYWHERE, REACHED_PART, ReachArea, cities_in_reach

__all__ = [
    "LABEL_AZIMUTH_DEG",
    "point_ring_labels",
    "reach_overlays",
    "reference_city_overlays",
    "system_range_overlays",
]

#: Direction (degrees from north, clockwise) from the launch region at which range labels sit:
#: south-east, over the open Pacific for launches from Korea.
LABEL_AZIMUTH_DEG = 135.0


def _km(v: float) -> str:
    return f"{v:,.0f} km"


def _anchor(region: BaseGeometry) -> tuple[float, float]:
    p = region.representative_point()
    return float(p.x), float(p.y)


def reach_overlays(
    areas: Sequence[ReachArea],
    region: BaseGeometry,
    *,
    place: str,
    label_azimuth_deg: float = LABEL_AZIMUTH_DEG,
) -> tuple[Overlay, ...]:
    """Band, limits and a label for each reach area.

    Parameters
    ----------
    areas : sequence of ReachArea
        From :func:`geo.reach.reach_areas`.
    region : shapely geometry
        The launch region the areas were computed from (lon/lat).
    place : str
        How the launch region is called ("Yangdok county", "North Korea"), plain text.
    label_azimuth_deg : float
        Direction from the region in which the range labels are placed.

    Returns
    -------
    tuple of Overlay
        For each range: ``reach_band``, ``reach_outer``, ``reach_inner`` (when not empty) and a
        ``ring_label`` point whose label is the range ("1,500 km").

    Examples
    --------
    >>> from shapely.geometry import Polygon
    >>> from geo.reach import reach_areas
    >>> county = Polygon([(126.6, 39.1), (127.0, 39.1), (127.0, 39.45), (126.6, 39.45)])
    >>> ovs = reach_overlays(reach_areas(county, [800.0]), county, place="Yangdok county")
    >>> [o.kind for o in ovs], ovs[-1].label
    (['reach_band', 'reach_outer', 'reach_inner', 'ring_label'], '800 km')
    """
    lon0, lat0 = _anchor(region)
    out: list[Overlay] = []
    for a in areas:
        r = a.range_km
        props = {"range_km": r}
        band = a.outer if a.inner.is_empty else a.outer.difference(a.inner)
        out.append(
            Overlay(
                "reach_band",
                band,
                f"{_km(r)} from {place}: reached from part of the launch area (the band's width is how "
                "uncertain the launch place is)",
                {**props, "limit": "band"},
            )
        )
        out.append(
            Overlay(
                "reach_outer",
                a.outer,
                f"{_km(r)} from some point of {place} (outer limit, geodesic)",
                {**props, "limit": "outer"},
            )
        )
        if not a.inner.is_empty:
            out.append(
                Overlay(
                    "reach_inner",
                    a.inner,
                    f"{_km(r)} from every point of {place} (inner limit: reached wherever it was launched)",
                    {**props, "limit": "inner"},
                )
            )
        lx, ly = destination(lon0, lat0, azimuth_deg=label_azimuth_deg, distance_km=min(r, 19_000.0))
        ly = float(np.clip(ly, -80.0, 84.0))  # keep the label on the map Leaflet can show
        out.append(Overlay("ring_label", shapely.Point(lx, ly), _km(r), props))
    return tuple(out)


def reference_city_overlays(areas: Sequence[ReachArea], cities: pd.DataFrame) -> tuple[Overlay, ...]:
    """Landmark places with whether the largest range reaches them.

    Parameters
    ----------
    areas : sequence of ReachArea
        The reach areas (the largest range decides the label).
    cities : DataFrame
        :func:`geo.cities.reference_cities` (``label``, ``lon``, ``lat``...).

    Returns
    -------
    tuple of Overlay
        One ``reference_city`` point per place, labelled with its name; the tooltip property
        ``reach`` says "within 1,500 km wherever launched", "within 1,500 km from part of the launch
        area" or "beyond 1,500 km".

    Examples
    --------
    >>> from shapely.geometry import Point
    >>> from geo.cities import reference_cities
    >>> from geo.reach import reach_areas
    >>> ovs = reference_city_overlays(reach_areas(Point(125.75, 39.03), [1500.0]), reference_cities())
    >>> {o.label: o.properties["reach"] for o in ovs if o.label in ("Tokyo", "Guam")}
    {'Tokyo': 'within 1,500 km wherever launched', 'Guam': 'beyond 1,500 km'}
    """
    if not areas:
        return ()
    big = max(areas, key=lambda a: a.range_km)
    inside = cities_in_reach([big], cities)
    how = dict(zip(inside["label"], inside["reached"], strict=True)) if len(inside) else {}
    out = []
    for label, lon, lat in zip(cities["label"], cities["lon"], cities["lat"], strict=True):
        reached = how.get(label)
        if reached == REACHED_ANYWHERE:
            text = f"within {_km(big.range_km)} wherever launched"
        elif reached == REACHED_PART:
            text = f"within {_km(big.range_km)} from part of the launch area"
        else:
            text = f"beyond {_km(big.range_km)}"
        out.append(
            Overlay(
                "reference_city",
                shapely.Point(float(lon), float(lat)),
                str(label),
                {"reach": text, "in_reach": reached is not None},
            )
        )
    return tuple(out)


def system_range_overlays(
    outers: Sequence[tuple[str, float, BaseGeometry]], region: BaseGeometry, *, place: str
) -> tuple[Overlay, ...]:
    """The "range of each system" picture: each system's maximum range from the launch region.

    Parameters
    ----------
    outers : sequence of (system name, max_range_km, outer limit)
        Outer limits of :func:`geo.geodesy.reach_outer` at each system's estimated maximum range.
    region : shapely geometry
        The launch region (for the label positions).
    place : str
        How the launch region is called.

    Returns
    -------
    tuple of Overlay
        A ``system_range`` outline and a ``ring_label`` ("Hwasong-12 4,500 km") per system, labels
        fanned out in direction so that neighbouring ranges do not overlap.
    """
    lon0, lat0 = _anchor(region)
    out: list[Overlay] = []
    n = len(outers)
    for i, (name, r, geom) in enumerate(outers):
        out.append(
            Overlay(
                "system_range",
                geom,
                f"{name}: estimated maximum range {_km(r)} from {place} (geodesic)",
                {"system": name, "range_km": r},
            )
        )
        az = 100.0 + (80.0 * i / max(n - 1, 1))  # east to south
        lx, ly = destination(lon0, lat0, azimuth_deg=az, distance_km=min(r, 19_000.0))
        out.append(
            Overlay(
                "ring_label",
                shapely.Point(lx, float(np.clip(ly, -80.0, 84.0))),
                f"{name} {_km(r)}",
                {"system": name, "range_km": r},
            )
        )
    return tuple(out)


def point_ring_labels(
    lon: float,
    lat: float,
    ranges_km: Sequence[float],
    *,
    reported_km: float | None = None,
    label_azimuth_deg: float = LABEL_AZIMUTH_DEG,
) -> tuple[Overlay, ...]:
    """Labels for rings around a point: "800 km" on each range ring, and "flew 800 km" on the
    reported-distance ring, placed in another direction so the two stay apart when they coincide.

    Examples
    --------
    >>> [o.label for o in point_ring_labels(126.8, 39.3, [800.0, 1500.0], reported_km=800.0)]
    ['800 km', '1,500 km', 'flew 800 km']
    """
    out = []
    for r, az, text in [
        *((float(r), label_azimuth_deg, _km(float(r))) for r in ranges_km),
        *(
            ((float(reported_km), label_azimuth_deg - 70.0, f"flew {_km(float(reported_km))}"),)
            if reported_km
            else ()
        ),
    ]:
        lx, ly = destination(lon, lat, azimuth_deg=az, distance_km=min(r, 19_000.0))
        out.append(
            Overlay("ring_label", shapely.Point(lx, float(np.clip(ly, -80.0, 84.0))), text, {"range_km": r})
        )
    return tuple(out)
