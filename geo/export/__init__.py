"""Export a view of Launch Atlas for other tools: GeoJSON, GeoPackage, KML, CSV and FlatGeobuf.

One content, many formats::

    content = build_view_content(launches, selected=rec, rings=..., launch_region=..., impact=...)
    data = export_bytes(content, "gpkg")          # or "geojson", "kml", "csv", "fgb"
    write_export(content, "view.kml", "kml")

Modules, one per concept:

* :mod:`geo.export.schema`: the layers (names, descriptions, typed columns: :data:`LAYER_SPECS`);
* :mod:`geo.export.content`: what a view exports (:class:`ExportContent`), built once;
* :mod:`geo.export.launch`: a selected launch's rings, estimates and verdict from the core;
* :mod:`geo.export.bands`: the reach bands of the launch area as a layer;
* :mod:`geo.export.geojson`: RFC 7946 writer and validator (byte-reproducible);
* :mod:`geo.export.ogr`: GeoPackage and FlatGeobuf through GDAL (pyogrio);
* :mod:`geo.export.kml`: KML for Google Earth (fastkml);
* :mod:`geo.export.csv_wkt`: CSV with WKT geometry, formula-safe;
* :mod:`geo.export.formats`: the formats by name, :func:`export_bytes`, :func:`write_export`.

Coordinates are WGS84 longitude/latitude (EPSG:4326) everywhere; distances in km.
"""

from __future__ import annotations

from geo.export import bands, content, csv_wkt, formats, geojson, kml, launch, ogr, schema
from geo.export.bands import *  # noqa: F403
from geo.export.content import *  # noqa: F403
from geo.export.csv_wkt import *  # noqa: F403
from geo.export.formats import *  # noqa: F403
from geo.export.geojson import *  # noqa: F403
from geo.export.kml import *  # noqa: F403
from geo.export.launch import *  # noqa: F403
from geo.export.ogr import *  # noqa: F403
from geo.export.schema import *  # noqa: F403

__all__ = [
    *bands.__all__,
    *content.__all__,
    *csv_wkt.__all__,
    *formats.__all__,
    *geojson.__all__,
    *kml.__all__,
    *launch.__all__,
    *ogr.__all__,
    *schema.__all__,
]
