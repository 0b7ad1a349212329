"""``python -m geo reach --event ID --ranges 800,1500``: what a catalogue launch can reach.

Prints JSON on stdout: ``{"event": ID, "launch_region": {...}, "ranges": [...]}`` where each range
has ``range_km``, ``accuracy_km`` (how far the limits may stray from the truth), ``population``
(people in the places within range of some point of the launch region, summed) and ``cities``
(each with ``name``, ``country`` ISO alpha-2, ``population``, ``lon``, ``lat`` and ``reached``:
"wherever launched" or "from part of the launch region"). With ``--geojson`` it prints an RFC 7946
FeatureCollection of the reach areas instead: one Feature per range and limit, properties
``range_km``, ``limit`` ("outer" or "inner") and ``accuracy_km``.

Bounded: at most 10 ranges, and at most :data:`MAX_RINGS` geodesic rings in all
(:func:`geo.geodesy.reach_cost`; a range of a few thousand km from a whole country traces about
1,000), so every call ends within a few seconds and a few hundred MB; more is a usage error (exit
2) that says how many ranges fit. The JSON is written range by range.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from typing import Any

from geo.cities import world_cities
from geo.geocoding import Gazetteer, geocode_records
from geo.geodesy import reach_accuracy_km, reach_cost
from geo.reach import reach_areas, reach_feature_collection, reach_report
from geo.records import load_catalogue

__all__ = ["MAX_RINGS", "add_parser", "run"]

_MAX_RANGES = 10
_MAX_KM = 20_000.0
#: Most geodesic rings one call may trace (about 0.6 ms each at a few thousand km; 5 ranges from a
#: whole country, 10 from a county or a point).
MAX_RINGS = 5_000

_DESCRIPTION = """\
What a launch of the catalogue can reach. The launch region is where the launch was, as geocoded
(the reported place, or the country when no place was reported). For each range N (km, geodesic on
the WGS84 ellipsoid) the outer limit holds everything within N of some point of the region, the
inner limit everything within N of every point of it: exact to min(0.1 % of N, 1 km), to 0.1 % of N
from 19,950 km on (accuracy_km says how far for each range). Places are GeoNames cities of at least
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
        help=(
            "ranges in km separated by commas, e.g. 800,1500 (1 to 20,000 km, at most 10, and at most 5 "
            "costly ones from a whole country: 5,000 rings in all)"
        ),
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
    costs = [reach_cost(region, r) for r in args.ranges]
    if sum(costs) > MAX_RINGS:
        fit = max(1, MAX_RINGS // max(costs))
        print(
            f"python -m geo reach: expected ranges needing at most {MAX_RINGS:,} geodesic rings in one call, "
            f"got {len(costs)} ranges needing {sum(costs):,} (up to {max(costs):,} each around the "
            f"launch region of {args.event!r}): ask for at most {fit} of these ranges per call",
            file=sys.stderr,
        )
        return 2
    row = located.iloc[0]
    write = sys.stdout.write
    if args.geojson:
        fc = reach_feature_collection(reach_areas(region, args.ranges))
        for f in fc["features"]:
            f["properties"]["accuracy_km"] = _accuracy(region, f["properties"]["range_km"])
        write(_dumps(fc) + "\n")
        return 0
    head = {
        "event": args.event,
        "launch_region": {
            "label": str(row.get("geocode_label") or ""),
            "rule": str(row.get("geocode_rule") or ""),
            "uncertainty_km": float(row.get("launch_uncertainty_km") or 0.0),
        },
    }
    # one write per range (a range of 20,000 km lists all 34,000 places): memory stays bounded
    cities = world_cities()
    write(_dumps(head)[:-1] + ', "ranges": [')
    for i, r in enumerate(args.ranges):
        report = reach_report(reach_areas(region, [r]), cities)[0]
        report = {"range_km": report["range_km"], "accuracy_km": _accuracy(region, r), **report}
        write((", " if i else "") + _dumps(report))
    write("]}\n")
    return 0


def _accuracy(region: Any, range_km: float) -> float:
    return round(reach_accuracy_km(region, range_km), 3)


def _dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, allow_nan=False)
