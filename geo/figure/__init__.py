"""A static range map for print and slides: true distances in an azimuthal equidistant projection.

The Leaflet map is Web Mercator: it cuts every ring at 85° N and stretches large rings into curves at
its edges. The range map is centred on the launch point in the azimuthal equidistant projection (PROJ
``aeqd`` on the WGS84 ellipsoid), which keeps the distance and the direction from the centre true
everywhere: every range ring is a circle of its range, and a 13,000 km ring is drawn whole, the North
Pole inside it. Land, coasts and borders come from ``data/basemap`` (Natural Earth), EEZ limits from
``data/maritime`` (Marine Regions): nothing is downloaded.

:func:`range_map` draws a :class:`geo.export.LaunchView` (rings, launch area, impact estimate) with a
title naming the launch, ring labels, a legend, a scale bar, a close-up of the launch area when the
rings differ a lot in size, the key facts and the attribution; ``presentation=True`` gives a 16:9
slide with large type and thick lines. :func:`range_map_bytes` renders PNG (300 dpi by default),
SVG or PDF, reproducibly.

Record text (names, places) is drawn as plain text (mathtext off), and SVG/PDF hold text as glyph
outlines, so nothing in a record becomes markup. matplotlib is imported when a map is drawn, not with
:mod:`geo`.

Modules: :mod:`~geo.figure.projection` (projection and clipping), :mod:`~geo.figure.draw` (one map
frame), :mod:`~geo.figure.rangemap` (page layout and files). Coordinates are (lon, lat) degrees on
WGS84; distances in km; projected coordinates in metres.
"""

from __future__ import annotations

from geo.figure import draw, projection, rangemap
from geo.figure.draw import *  # noqa: F403
from geo.figure.projection import *  # noqa: F403
from geo.figure.rangemap import *  # noqa: F403

__all__ = [*draw.__all__, *projection.__all__, *rangemap.__all__]
