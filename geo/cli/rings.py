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
import math
import sys
from typing import Any

from geo.export import dumps_geojson
from geo.geodesy import default_tolerance_km, geodesic_area_km2, geodesic_rings

__all__ = ["add_parser", "run"]

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


def _finite(kind: str) -> Any:
    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{kind} must be a number, got {text!r}") from None
        if not math.isfinite(value):
            raise argparse.ArgumentTypeError(f"{kind} must be a finite number, got {text!r}")
        return value

    return parse


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
        type=_finite("--lon"),
        help="longitude of the centre, degrees east (-180..180)",
    )
    p.add_argument(
        "--lat", required=True, type=_finite("--lat"), help="latitude of the centre, degrees north (-90..90)"
    )
    p.add_argument(
        "--km",
        required=True,
        action="append",
        type=_finite("--km"),
        metavar="KM",
        help="range in km (repeat for several rings); more than 0 and less than the distance to the "
        "antipode (about 20,000 km)",
    )
    p.add_argument(
        "--tolerance-km",
        type=_finite("--tolerance-km"),
        default=None,
        metavar="T",
        help="largest distance error allowed along ring edges, km (default: min(0.1%% of the range, 1 km))",
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
    problems = []
    if not -180.0 <= lon <= 180.0:
        problems.append(f"--lon must be within -180..180 degrees, got {lon:g}")
    if not -90.0 <= lat <= 90.0:
        problems.append(f"--lat must be within -90..90 degrees, got {lat:g}")
    if args.tolerance_km is not None and not args.tolerance_km > 0:
        problems.append(f"--tolerance-km must be greater than 0, got {args.tolerance_km:g}")
    problems.extend(f"--km must be greater than 0, got {r:g}" for r in radii if not r > 0)
    if problems:
        for msg in problems:
            print(f"python -m geo rings: error: {msg}", file=sys.stderr)
        return 2
    try:
        rings = geodesic_rings([lon], [lat], radii, tolerance_km=args.tolerance_km)[0]
    except ValueError as exc:
        print(f"python -m geo rings: error: {exc}", file=sys.stderr)
        return 2
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
    sys.stdout.write(dumps_geojson(features, precision=args.precision))
    return 0
