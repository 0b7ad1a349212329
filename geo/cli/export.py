"""``python -m geo export``: launches, rings and estimates as GeoPackage, KML, GeoJSON, CSV, FlatGeobuf.

Examples::

    python -m geo export --format kml --event 2017-11-28-1 --ranges 13000 -o hwasong15.kml
    python -m geo export --event 2021-09-15-1 --ranges 800,1500 -o rail-launch.gpkg
    python -m geo export --from 2022-01-01 --to 2022-12-31 --types ICBM IRBM -o 2022.csv
    python -m geo export --input my_launches.csv --event my-1 --ranges 1000 -o mine.geojson
    python -m geo export --event 2021-09-15-1 --format geojson -o - | jq .

The file holds the same content as the Map page's download: the launches (every catalogue attribute),
and for the selected launch (``--event``) its range rings, the reported-distance ring, the reach of
each range from the estimated launch area (bands, outer and inner limits: layer ``reach``), the
estimated launch area, the estimated impact area and the maritime verdict. Which launches: those matching
``--from``/``--to``/``--types``; with no filter, only the selected launch when there is one, else all.

The format comes from ``--format`` or from the file name (.gpkg, .kml, .geojson/.json, .csv, .fgb).
The file is written only where ``-o`` says, atomically (a temporary file beside it, renamed into
place), and an existing file is replaced only with ``--force``. ``-o -`` writes GeoJSON, KML or CSV
to stdout. Errors go to stderr with exit code 2.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from geo.cli._views import (
    MAX_REACH_RINGS,
    UsageProblem,
    add_record_arguments,
    check_output,
    describe,
    filter_launches,
    find_event,
    parse_ranges,
    read_records,
)

__all__ = ["add_parser", "run"]

_PROG = "python -m geo export"

_DESCRIPTION = """\
Write a view of Launch Atlas to a file for QGIS, ArcGIS, Google Earth or a spreadsheet: the launches
(every catalogue attribute) and, for the selected launch (--event), its geodesic range rings, the
reported-distance ring, the estimated launch area, the estimated impact area and the maritime verdict
(estimates are marked as such and carry their uncertainty). Coordinates are WGS84 longitude/latitude.

Launches: those matching --from/--to/--types; with no filter, only the selected launch if there is one,
else all of them. The format comes from --format or from the file name (.gpkg, .kml, .geojson, .csv,
.fgb). The file is written only where -o says, atomically; an existing file is replaced only with
--force. -o - writes GeoJSON, KML or CSV to stdout.
"""

_EPILOG = """\
examples:
  python -m geo export --format kml --event 2017-11-28-1 --ranges 13000 -o hwasong15.kml
  python -m geo export --event 2021-09-15-1 --ranges 800,1500 -o rail-launch.gpkg
  python -m geo export --from 2022-01-01 --to 2022-12-31 --types ICBM IRBM -o 2022.csv
  python -m geo export --input my_launches.csv --event my-1 --ranges 1000 -o mine.geojson
  python -m geo export --event 2021-09-15-1 -f geojson -o - > view.geojson
"""


def add_parser(subparsers: Any) -> None:
    """Register the ``export`` subcommand."""
    from geo.export import FORMATS

    p: argparse.ArgumentParser = subparsers.add_parser(
        "export",
        help="launches, rings and estimates as GeoPackage, KML, GeoJSON, CSV or FlatGeobuf",
        description=_DESCRIPTION,
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "-f",
        "--format",
        choices=list(FORMATS),
        help="output format (default: from the file name's suffix)",
    )
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="file to write, or - for stdout")
    p.add_argument("--force", action="store_true", help="replace FILE if it exists")
    add_record_arguments(p)
    p.set_defaults(run=run)


def _fail(msg: str) -> int:
    print(f"{_PROG}: error: {msg}", file=sys.stderr)
    return 2


def _format(args: argparse.Namespace) -> str:
    from geo.export import FORMATS, format_for_path

    by_name = format_for_path(args.output) if args.output != "-" else None
    if args.format and by_name and args.format != by_name:
        raise UsageProblem(
            f"--format {args.format} does not match the file name {args.output!r} (a {by_name} suffix); "
            f"use a {FORMATS[args.format].suffix} file name"
        )
    fmt = args.format or by_name
    if fmt is None:
        raise UsageProblem(
            f"cannot tell the format from {args.output!r}: add --format ({', '.join(FORMATS)}) "
            "or use a .gpkg, .kml, .geojson, .csv or .fgb file name"
        )
    return fmt


def run(args: argparse.Namespace) -> int:
    """Build the view and write it; 0 on success, 2 on bad input."""
    from geo.export import (
        EXPORT_ATTRIBUTION,
        FORMATS,
        build_view_content,
        export_bytes,
        launch_view,
        write_export,
    )

    try:
        fmt = _format(args)
        out = check_output(args.output, force=args.force, allow_stdout=FORMATS[fmt].text)
        ranges = parse_ranges(args.ranges)
        if ranges and not args.event:
            raise UsageProblem("--ranges needs --event: rings are drawn around the selected launch")
        records = read_records(args.input, _PROG)
        launches, filtered = filter_launches(records, args)
        selected = find_event(records, args.event) if args.event else None
    except UsageProblem as exc:
        return _fail(str(exc))
    notes: list[str] = []
    kwargs: dict[str, Any] = {}
    if selected is not None:
        if not filtered:
            launches = records.frame[records.frame["id"].astype(str) == str(args.event)]
        try:
            view = launch_view(selected, ranges, max_reach_rings=MAX_REACH_RINGS)
        except ValueError as exc:
            return _fail(f"--event {args.event}: {exc}")
        notes = [n for n in view.notes if "uncertain by about" not in n]
        kwargs = {
            "selected": view.record,
            "rings": view.rings,
            "launch_region": view.launch_region,
            "impact": view.impact,
            "verdict": view.verdict,
            "reach": view.reach,
        }
    content = build_view_content(launches, attribution=(records.attribution, *EXPORT_ATTRIBUTION), **kwargs)
    if not len(content):
        return _fail("nothing to export: no launch matches the filters")
    try:
        if out is None:
            sys.stdout.buffer.write(export_bytes(content, fmt))
            sys.stdout.flush()
        else:
            write_export(content, out, fmt, overwrite=args.force)
    except (OSError, ValueError) as exc:
        return _fail(str(exc))
    where = "stdout" if out is None else str(out)
    print(f"{_PROG}: wrote {where} ({FORMATS[fmt].label}): {describe(content)}", file=sys.stderr)
    for note in notes:
        print(f"{_PROG}: note: {note}", file=sys.stderr)
    return 0
