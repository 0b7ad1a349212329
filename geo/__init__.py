"""Launch Atlas core: records, geocoding, geodesic buffers, maritime zones, layers, export, maps.

Pure Python: no Streamlit import anywhere below this package (ruff's banned-api rule enforces it).
Coordinates are always (lon, lat) in degrees on WGS84 unless a name says otherwise; distances are
in kilometres and carry ``_km`` in their names.

Every public name of every module is re-exported here, so ``from geo import geodesic_rings`` works
as well as ``from geo.geodesy import geodesic_rings``.
"""

from __future__ import annotations

from geo import (
    audit,
    cities,
    eezclaim,
    export,
    figure,
    geocoding,
    geodesy,
    impact,
    launchform,
    launchtime,
    layers,
    mapview,
    maritime,
    overlays,
    paths,
    reach,
    reachview,
    records,
    recordset,
    reportdrafts,
    reportview,
    safetext,
    search,
)
from geo import gazetteer as gazetteer  # the pre-package module name, kept for callers of geo.gazetteer
from geo.audit import *  # noqa: F403
from geo.cities import *  # noqa: F403
from geo.eezclaim import *  # noqa: F403
from geo.export import *  # noqa: F403
from geo.figure import *  # noqa: F403
from geo.geocoding import *  # noqa: F403
from geo.geodesy import *  # noqa: F403
from geo.impact import *  # noqa: F403
from geo.launchform import *  # noqa: F403
from geo.launchtime import *  # noqa: F403
from geo.layers import *  # noqa: F403
from geo.mapview import *  # noqa: F403
from geo.maritime import *  # noqa: F403
from geo.overlays import *  # noqa: F403
from geo.paths import *  # noqa: F403
from geo.reach import *  # noqa: F403
from geo.reachview import *  # noqa: F403
from geo.records import *  # noqa: F403
from geo.recordset import *  # noqa: F403
from geo.reportdrafts import *  # noqa: F403
from geo.reportview import *  # noqa: F403
from geo.safetext import *  # noqa: F403
from geo.search import *  # noqa: F403

__all__ = [
    *audit.__all__,
    *cities.__all__,
    *eezclaim.__all__,
    *export.__all__,
    *figure.__all__,
    *geocoding.__all__,
    *geodesy.__all__,
    *impact.__all__,
    *launchform.__all__,
    *launchtime.__all__,
    *layers.__all__,
    *mapview.__all__,
    *maritime.__all__,
    *overlays.__all__,
    *paths.__all__,
    *reach.__all__,
    *reachview.__all__,
    *records.__all__,
    *recordset.__all__,
    *reportdrafts.__all__,
    *reportview.__all__,
    *safetext.__all__,
    *search.__all__,
]
