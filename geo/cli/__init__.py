"""Command line for analysts: ``python -m geo {rings,geocode,zones,read,reach,export,figure} ...``.

Each subcommand lives in its own module with two functions: ``add_parser(subparsers)`` and
``run(args) -> int``. Output goes to stdout (GeoJSON or JSON); errors go to stderr with a
non-zero exit code.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from geo.cli import export, figure, geocode, reach, read, rings, zones

__all__ = ["build_parser", "main"]

_COMMANDS = (rings, geocode, zones, read, reach, export, figure)


def build_parser() -> argparse.ArgumentParser:
    """The ``python -m geo`` argument parser with every subcommand registered."""
    parser = argparse.ArgumentParser(
        prog="python -m geo",
        description="Launch Atlas command line: geodesic range rings, geocoding of launch places, "
        "maritime-zone analysis, reading news reports, exports (GeoPackage, KML, GeoJSON, CSV, "
        "FlatGeobuf) and range maps. Coordinates are longitude/latitude in degrees (WGS84); distances in km.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in _COMMANDS:
        command.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the process exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    code: int = args.run(args)
    sys.stdout.flush()
    return code
