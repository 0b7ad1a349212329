"""``python -m geo zones``: whose waters is a point or an impact zone in (JSON on stdout).

Examples::

    python -m geo zones --lon 136.069 --lat 40.161 --uncertainty-km 50
    python -m geo zones --point 136.069,40.161 < impact_zone.geojson     # zone on stdin
    python -m geo rings --lon 136.069 --lat 40.161 --km 60 | python -m geo zones --point 136.069,40.161
    python -m geo zones --eez World_EEZ_v12_20231025.zip --lon 127.5 --lat 30.8

A FeatureCollection on stdin is analysed as the union of its polygons (pipe one ring or one
impact zone at a time).

Output: the :class:`geo.maritime.ZoneReport` as JSON (``zone``, ``state``, ``eez``, ``coasts``,
``shares`` for a zone, ``caveats``) plus a plain-language ``verdict``. Errors go to stderr, exit code 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from geo.cli._args import InputError, lon_lat_pair, number, read_bounded, read_regular_file, whole_number

__all__ = ["MAX_STDIN_BYTES", "add_parser", "run"]

#: Most bytes read from stdin: a GeoJSON zone of the largest accepted size (100,000 vertices) is
#: about 4 MB.
MAX_STDIN_BYTES = 16_000_000
#: Largest distance (km) that makes sense on the Earth: about the distance to the antipode.
_EARTH_KM = 20_004.0


def add_parser(subparsers: Any) -> None:
    """Register the ``zones`` subcommand."""
    p: argparse.ArgumentParser = subparsers.add_parser(
        "zones",
        help="maritime zone of a point or of a GeoJSON impact zone on stdin (EEZ, territorial sea, land)",
        description="Classify a point (--lon/--lat) or a GeoJSON Polygon/MultiPolygon/Feature read from "
        "stdin: land, territorial sea (12 NM from the Natural Earth coastline, normal baselines), EEZ "
        "(Marine Regions; joint regimes and overlapping claims named as such) or high seas; geodesic "
        "distance to the nearest coast of each nearby state; for a zone, the share of its area in each. "
        "Longitude/latitude in degrees (WGS84). Bad input exits with code 2 and says why.",
    )
    p.add_argument(
        "--lon",
        type=number(minimum=-180.0, maximum=180.0, unit="degrees"),
        help="longitude in degrees, -180..180 (east positive)",
    )
    p.add_argument(
        "--lat",
        type=number(minimum=-90.0, maximum=90.0, unit="degrees"),
        help="latitude in degrees, -90..90 (north positive)",
    )
    p.add_argument(
        "--point",
        metavar="LON,LAT",
        type=lon_lat_pair(),
        help="with a zone on stdin: the estimated impact point, inside the zone (default: a point inside it)",
    )
    p.add_argument(
        "--uncertainty-km",
        type=number(minimum=0.0, maximum=_EARTH_KM, unit="km"),
        default=None,
        help="uncertainty to state in the verdict, km (0..20,004)",
    )
    p.add_argument(
        "--eez",
        metavar="FILE",
        type=Path,
        help="your own Marine Regions World EEZ v11/v12 download (shapefile zip or .gpkg) instead of v10",
    )
    p.add_argument(
        "--max-coast-km",
        type=number(minimum=0.0, maximum=_EARTH_KM, unit="km"),
        default=1000.0,
        help="ignore coasts further than this, km (0..20,004; default 1000)",
    )
    p.add_argument(
        "--indent", type=whole_number(0, 8), default=2, help="JSON indentation, 0..8 (0 for one line)"
    )
    p.set_defaults(run=run)


def _fail(msg: str) -> int:
    print(f"python -m geo zones: error: {msg}", file=sys.stderr)
    return 2


def run(args: argparse.Namespace) -> int:
    """Run the analysis and print the JSON report; 0 on success, 2 on bad input."""
    from geo.maritime import (
        DEFAULT_MAX_USER_EEZ_BYTES,
        MaritimeDataError,
        MaritimeZones,
        polygon_from_geojson,
        read_user_eez,
    )

    has_point = args.lon is not None or args.lat is not None
    if has_point and (args.lon is None or args.lat is None):
        return _fail("give both --lon and --lat")
    if has_point and args.point is not None:
        return _fail("--point goes with a zone on stdin; for a point alone give only --lon and --lat")
    zone_geom = None
    if not has_point:
        if sys.stdin is None or sys.stdin.isatty():
            return _fail("give --lon and --lat, or a GeoJSON zone on stdin")
        try:
            data = read_bounded(sys.stdin, limit=MAX_STDIN_BYTES, what="stdin")
        except InputError as exc:
            return _fail(f"{exc}: pipe one GeoJSON zone of at most 100,000 vertices")
        if not data.strip():
            return _fail("stdin is empty: give --lon and --lat, or pipe a GeoJSON zone")
        try:
            zone_geom = polygon_from_geojson(data)
        except ValueError as exc:
            return _fail(
                f"stdin: expected a GeoJSON Polygon, MultiPolygon, Feature or FeatureCollection: {exc}"
            )
    eez = None
    if args.eez is not None:
        try:
            raw = read_regular_file(args.eez, limit=DEFAULT_MAX_USER_EEZ_BYTES, what="--eez")
            eez = read_user_eez(raw, filename=args.eez.name)
        except (InputError, MaritimeDataError) as exc:
            return _fail(str(exc))
    try:
        mz = MaritimeZones.load(eez=eez)
        if zone_geom is not None:
            report = mz.analyse_zone(zone_geom, point=args.point)
        else:
            report = mz.analyse_point(args.lon, args.lat, max_coast_km=args.max_coast_km)
    except (ValueError, MaritimeDataError) as exc:
        return _fail(str(exc))
    out = report.to_dict()
    out["verdict"] = report.verdict(uncertainty_km=args.uncertainty_km)
    json.dump(out, sys.stdout, ensure_ascii=False, indent=args.indent or None, allow_nan=False)
    sys.stdout.write("\n")
    return 0
