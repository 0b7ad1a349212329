"""``python -m geo rings``: geodesic range rings around a launch point as GeoJSON on stdout.

Example::

    python -m geo rings --lon 125.75 --lat 39.03 --km 1500 --km 5500 > rings.geojson

prints an RFC 7946 FeatureCollection with one Feature per range (in the order given), each a
Polygon or MultiPolygon split at the antimeridian and closed over an enclosed pole, ready for
QGIS. Properties: ``range_km``, ``centre_lon``, ``centre_lat``, ``tolerance_km``,
``area_km2`` (ellipsoidal) and ``method``.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from geo.cli._args import number
from geo.export import dumps_geojson
from geo.geodesy import default_tolerance_km, geodesic_area_km2, geodesic_rings

__all__ = ["MAX_RINGS", "MIN_RANGE_KM", "MIN_TOLERANCE_KM", "add_parser", "run"]

#: Smallest range, km (10 m): smaller rings are below what the printed coordinates can show.
MIN_RANGE_KM = 0.01
#: Smallest ``--tolerance-km``, km (1 m): a finer edge tolerance costs time and memory (the vertex
#: count grows as sqrt(range / tolerance); 1e-9 km took 57 s and 13 GB) for nothing a map can show.
MIN_TOLERANCE_KM = 0.001
#: Most ``--km`` values in one call (each ring of 10,000 km at the 1 m floor costs about 0.2 s).
MAX_RINGS = 10

_DESCRIPTION = """\
Print geodesic range rings around one point as a GeoJSON FeatureCollection (RFC 7946) on stdout:
one Feature per --km value, holding everything within that distance of the point, measured
along the surface of the WGS84 ellipsoid (GeographicLib), not on a flat map.

Rings are counter-clockwise, split at the 180th meridian, and closed over the North or South
Pole when they enclose it; a ring larger than the distance to a pole really does contain it.
Each ring edge stays within the tolerance of the true distance (default: 0.1 % of the range,
at most 1 km). Coordinates have 6 decimals (about 0.1 m).
"""

_EPILOG = """\
examples:
  python -m geo rings --lon 125.75 --lat 39.03 --km 1500
  python -m geo rings --lon 128.18 --lat 40.03 --km 300 --km 1500 --km 5500 > sinpo.geojson
  python -m geo rings --lon 129.67 --lat 40.85 --km 13000 --tolerance-km 0.5
"""


def add_parser(subparsers: Any) -> None:
    """Register the ``rings`` subcommand."""
    p: argparse.ArgumentParser = subparsers.add_parser(
        "rings",
        help="geodesic range rings around a point, as GeoJSON",
        description=_DESCRIPTION,
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "--lon",
        required=True,
        type=number(minimum=-180.0, maximum=180.0, unit="degrees"),
        help="longitude of the centre, degrees east (-180..180)",
    )
    p.add_argument(
        "--lat",
        required=True,
        type=number(minimum=-90.0, maximum=90.0, unit="degrees"),
        help="latitude of the centre, degrees north (-90..90)",
    )
    p.add_argument(
        "--km",
        required=True,
        action="append",
        type=number(minimum=MIN_RANGE_KM, unit="km"),
        metavar="KM",
        help=f"range in km (repeat for up to {MAX_RINGS} rings); at least {MIN_RANGE_KM:g} km and less than "
        "the distance to the antipode (about 20,000 km)",
    )
    p.add_argument(
        "--tolerance-km",
        type=number(minimum=MIN_TOLERANCE_KM, unit="km"),
        default=None,
        metavar="T",
        help="largest distance error allowed along ring edges, km, at least "
        f"{MIN_TOLERANCE_KM:g} (default: min(0.1%% of the range, 1 km))",
    )
    p.add_argument(
        "--precision",
        type=int,
        default=6,
        choices=range(3, 10),
        metavar="N",
        help="decimals in coordinates, 3..9 (default 6, about 0.1 m)",
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Compute the rings and print the FeatureCollection; errors go to stderr with exit code 2."""
    lon, lat, radii = float(args.lon), float(args.lat), [float(k) for k in args.km]
    if len(radii) > MAX_RINGS:
        return _fail(f"at most {MAX_RINGS} --km values in one call, got {len(radii)}")
    try:
        rings = geodesic_rings([lon], [lat], radii, tolerance_km=args.tolerance_km)[0]
    except ValueError as exc:
        return _fail(str(exc))
    features = []
    for radius, ring in zip(radii, rings, strict=True):
        tol = args.tolerance_km if args.tolerance_km is not None else default_tolerance_km(radius)
        features.append(
            {
                "geometry": ring,
                "properties": {
                    "range_km": radius,
                    "centre_lon": lon,
                    "centre_lat": lat,
                    "tolerance_km": tol,
                    "area_km2": round(geodesic_area_km2(ring), 1),
                    "method": "geodesic circle on WGS84 (GeographicLib via pyproj)",
                },
            }
        )
    try:
        text = dumps_geojson(features, precision=args.precision)
    except ValueError as exc:  # a ring too small for the coordinates' decimals
        return _fail(f"{exc}: use a larger --km or more --precision decimals")
    sys.stdout.write(text)
    return 0


def _fail(message: str) -> int:
    print(f"python -m geo rings: error: {message}", file=sys.stderr)
    return 2
