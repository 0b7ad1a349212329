"""``python -m geo reach --event ID --ranges 800,1500``: what a catalogue launch can reach.

Prints JSON on stdout: ``{"event": ID, "launch_region": {...}, "ranges": [...]}`` where each range
has ``range_km``, ``population`` (people in the places within range of some point of the launch
region, summed) and ``cities`` (each with ``name``, ``country`` ISO alpha-2, ``population``,
``lon``, ``lat`` and ``reached``: "wherever launched" or "from part of the launch region").
With ``--geojson`` it prints an RFC 7946 FeatureCollection of the reach areas instead: one
Feature per range and limit, properties ``range_km`` and ``limit`` ("outer" or "inner").
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from typing import Any

from geo.geocoding import Gazetteer, geocode_records
from geo.reach import reach_areas, reach_feature_collection, reach_report
from geo.records import load_catalogue

__all__ = ["add_parser", "run"]

_MAX_RANGES = 10
_MAX_KM = 20_000.0

_DESCRIPTION = """\
What a launch of the catalogue can reach. The launch region is where the launch was, as geocoded
(the reported place, or the country when no place was reported). For each range N (km, geodesic on
the WGS84 ellipsoid) the outer limit holds everything within N of some point of the region, the
inner limit everything within N of every point of it. Places are GeoNames cities of at least
15,000 people (CC BY 4.0).
"""

_EPILOG = """\
examples:
  python -m geo reach --event 2021-09-11-c1 --ranges 1500
  python -m geo reach --event 2021-09-15-1 --ranges 800,1500 --geojson > reach.geojson
"""


def _ranges(text: str) -> list[float]:
    parts = [p.strip() for p in text.split(",") if p.strip()]
    if not parts:
        raise argparse.ArgumentTypeError(f"expected ranges in km separated by commas, got {text!r}")
    if len(parts) > _MAX_RANGES:
        raise argparse.ArgumentTypeError(f"at most {_MAX_RANGES} ranges, got {len(parts)}")
    out = []
    for p in parts:
        try:
            v = float(p)
        except ValueError:
            raise argparse.ArgumentTypeError(f"a range must be a number of km, got {p!r}") from None
        if not (math.isfinite(v) and 1.0 <= v <= _MAX_KM):
            raise argparse.ArgumentTypeError(f"a range must be from 1 to {_MAX_KM:,.0f} km, got {p!r}")
        out.append(v)
    return out


def add_parser(subparsers: Any) -> None:
    """Register the ``reach`` subcommand."""
    p: argparse.ArgumentParser = subparsers.add_parser(
        "reach",
        help="what a catalogue launch can reach: places within each range of its launch region (JSON)",
        description=_DESCRIPTION,
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--event", required=True, help="launch id from data/catalogue/launches.csv")
    p.add_argument(
        "--ranges",
        required=True,
        type=_ranges,
        help="ranges in km separated by commas, e.g. 800,1500 (1 to 20,000 km, at most 10)",
    )
    p.add_argument("--geojson", action="store_true", help="print the reach areas as GeoJSON instead")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print the reach of ``args.event``; 2 for an unknown event or one without a launch region."""
    cat = load_catalogue()
    rec = cat[cat["id"].astype(str) == args.event]
    if rec.empty:
        print(f"python -m geo reach: no launch with id {args.event!r} in the catalogue", file=sys.stderr)
        return 2
    located, errors = geocode_records(rec, gazetteer=Gazetteer.load())
    if len(located) == 0 or located.geometry.iloc[0] is None or located.geometry.iloc[0].is_empty:
        why = "; ".join(str(e) for e in errors) or "no launch region"
        print(f"python -m geo reach: launch {args.event!r} has no launch region: {why}", file=sys.stderr)
        return 2
    region = located.geometry.iloc[0]
    areas = reach_areas(region, args.ranges)
    if args.geojson:
        out: Any = reach_feature_collection(areas)
    else:
        row = located.iloc[0]
        out = {
            "event": args.event,
            "launch_region": {
                "label": str(row.get("geocode_label") or ""),
                "rule": str(row.get("geocode_rule") or ""),
                "uncertainty_km": float(row.get("launch_uncertainty_km") or 0.0),
            },
            "ranges": reach_report(areas),
        }
    json.dump(out, sys.stdout, ensure_ascii=False, allow_nan=False)
    print()
    return 0
