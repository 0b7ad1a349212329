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

from geo.geocoding import Gazetteer, GeocodeError

__all__ = ["add_parser", "run"]


def _int_in(lo: int, hi: int) -> Any:
    """argparse type: a whole number in [lo, hi], else a usage error that says so."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
        if not lo <= value <= hi:
            raise argparse.ArgumentTypeError(f"expected a whole number from {lo} to {hi}, got {value}")
        return value

    return parse


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
        type=str.upper,  # 'kp' as well as 'KP'
        choices=("KP", "KR", "JP"),
        help="keep only places in this country (disambiguation hint)",
    )
    p.add_argument("--search", action="store_true", help="print candidate place names (JSON list) instead")
    p.add_argument(
        "--limit",
        type=_int_in(1, 100),
        default=10,
        help="number of candidates with --search (1-100, default 10)",
    )
    p.add_argument(
        "--indent",
        type=_int_in(0, 8),
        default=None,
        help="indent the JSON output by 0-8 spaces (default: one line)",
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Geocode ``args.text``; 0 on success, 2 when the text is unknown or ambiguous."""
    gaz = Gazetteer.load()
    if args.search:
        print(json.dumps(gaz.search(args.text, limit=args.limit), ensure_ascii=False))
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
