"""``python -m geo read [FILE|-] [--published YYYY-MM-DD] [--format geojson|csv]``: a news report ->
its launch events.

GeoJSON (default): a FeatureCollection on stdout, one Feature per launch event, geometry = the
launch region (lon/lat, RFC 7946) or null; properties ``date``, ``time_utc``, ``country``,
``count``, ``count_min``, ``missile``, ``system_type``, ``launch_place``, ``launch_lon``,
``launch_lat``, ``launch_uncertainty_km``, ``distance_km``, ``apogee_km``, ``bearing_deg``,
``landing_place``, ``landing_lon``, ``landing_lat``, ``landing_uncertainty_km``, ``eez_reported``,
``eez_state``, ``background``, ``evidence`` ({field: [start, end]} in the report text).
CSV: the catalogue format (the Import page reads it back), drafts checked like any import; drafts
that cannot be records (no date) are listed on stderr.

Bad input (missing file, empty, binary, too big, a bad date) prints why on stderr and exits 2. A
report in which no launch is found prints an empty collection (or a header-only CSV), says so on
stderr and exits 0.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import Any

from geo.geocoding import Gazetteer
from geo.geocoding.drafts import events_geojson, report_records
from geo.geocoding.report import MAX_REPORT_BYTES, ReportInputError, read_report, report_text
from geo.records import CATALOGUE_COLUMNS, records_to_csv

__all__ = ["add_parser", "run"]


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date YYYY-MM-DD, got {text!r}") from None


def add_parser(subparsers: Any) -> None:
    """Register the ``read`` subcommand."""
    p: argparse.ArgumentParser = subparsers.add_parser(
        "read",
        help="news report (text or HTML) -> its launch events as GeoJSON or catalogue CSV",
        description=(
            "Read a news report (English, Japanese or Korean; plain text or a saved HTML page) and print "
            "its launch events: GeoJSON (one Feature per event, with the evidence span of every field) "
            "or CSV in the catalogue format. Offline. Exit code 2 on bad input."
        ),
    )
    p.add_argument("file", nargs="?", default="-", help="the report file, or - for standard input (default)")
    p.add_argument(
        "--published",
        type=_date,
        help="publication date YYYY-MM-DD: resolves 'on Thursday', 'yesterday', '14日'",
    )
    p.add_argument("--format", choices=("geojson", "csv"), default="geojson", help="output format")
    p.set_defaults(run=run)


def _read_input(name: str) -> bytes:
    if name == "-":
        data = sys.stdin.buffer.read(MAX_REPORT_BYTES + 1)
    else:
        path = Path(name)
        if not path.is_file():
            raise ReportInputError(f"no such file: {name}")
        with path.open("rb") as f:
            data = f.read(MAX_REPORT_BYTES + 1)
    return data


def run(args: argparse.Namespace) -> int:
    """Read the report; 0 on success (even when no launch is found), 2 on bad input."""
    try:
        text = report_text(_read_input(args.file))
        events = read_report(text, published=args.published, gazetteer=Gazetteer.load())
    except ReportInputError as err:
        print(f"python -m geo read: {err}", file=sys.stderr)
        return 2
    if not events:
        print("python -m geo read: no launch found in this report", file=sys.stderr)
    source = "report" if args.file == "-" else Path(args.file).name
    if args.format == "csv":
        result = report_records(events, source=source)
        for problem in result.errors:
            print(f"python -m geo read: draft not written: {problem}", file=sys.stderr)
        if len(result.records):
            sys.stdout.write(records_to_csv(result.records))
        else:
            sys.stdout.write(",".join(CATALOGUE_COLUMNS) + "\n")
        return 0
    print(json.dumps(events_geojson(events), ensure_ascii=False))
    return 0
