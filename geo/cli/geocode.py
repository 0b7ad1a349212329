"""``python -m geo geocode "TEXT"``: a place description -> a GeoJSON Feature of its region.

Prints one RFC 7946 Feature (the region; properties: label, kind, lon/lat of a representative
point, uncertainty_km, explanation, entry_id, rule, country, query) on stdout and exits 0.
Unknown or ambiguous text prints the reason and the candidate places on stderr and exits 2.
With ``--search`` it prints the candidates (autocomplete) as a JSON list instead.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from geo.gazetteer import Gazetteer, GeocodeError

__all__ = ["add_parser", "run"]


def add_parser(subparsers: Any) -> None:
    """Register the ``geocode`` subcommand."""
    p: argparse.ArgumentParser = subparsers.add_parser(
        "geocode",
        help="place description -> GeoJSON Feature of its region (with uncertainty and explanation)",
        description=(
            "Geocode a place description as news reports write it, offline: 'Yangdok county', "
            "'Sunan in Pyongyang', 'off the east coast near Wonsan', 'about 200 km west of Okushiri "
            "Island', '평안남도', '奥尻島の西約200km'. Prints a GeoJSON Feature (RFC 7946, lon/lat WGS84). "
            "Exit code 2 with the candidate places on stderr when the text is unknown or ambiguous."
        ),
    )
    p.add_argument("text", help="the place description (quote it)")
    p.add_argument(
        "--country",
        choices=("KP", "KR", "JP"),
        help="keep only places in this country (disambiguation hint)",
    )
    p.add_argument("--search", action="store_true", help="print candidate place names (JSON list) instead")
    p.add_argument("--limit", type=int, default=10, help="number of candidates with --search (default 10)")
    p.add_argument("--indent", type=int, default=None, help="indent the JSON output")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Geocode ``args.text``; 0 on success, 2 when the text is unknown or ambiguous."""
    gaz = Gazetteer.load()
    if args.search:
        print(json.dumps(gaz.search(args.text, limit=max(1, args.limit)), ensure_ascii=False))
        return 0
    try:
        result = gaz.geocode(args.text, country=args.country)
    except GeocodeError as err:
        print(f"python -m geo geocode: {err}", file=sys.stderr)
        if err.candidates:
            print("candidates:", file=sys.stderr)
            for c in err.candidates:
                print(f"  {c}", file=sys.stderr)
        return 2
    print(json.dumps(result.to_feature(), ensure_ascii=False, indent=args.indent))
    return 0
