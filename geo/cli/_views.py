"""What ``export`` and ``figure`` share: reading records, choosing launches, parsing ranges, output files.

Records come from the shipped catalogue or from the user's own CSV / GeoJSON file (read and validated
by :mod:`geo.records`: rejected rows are listed on stderr and the good ones kept). Problems with the
command line are raised as :class:`UsageProblem`; the subcommand prints them and exits with code 2.
"""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import math
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

__all__ = [
    "MAX_INPUT_BYTES",
    "MAX_REACH_RINGS",
    "Records",
    "UsageProblem",
    "add_record_arguments",
    "check_output",
    "filter_launches",
    "find_event",
    "parse_date",
    "parse_ranges",
    "read_records",
]

#: Largest records file read from the command line (the app's upload limit is smaller).
MAX_INPUT_BYTES = 50_000_000
_MAX_RINGS = 12
#: Most geodesic rings the reach bands of one export or figure may trace (about 0.6 ms each at a few
#: thousand km; 2 ranges from a whole country, 12 from a county or a point): the call stays in 10 s.
MAX_REACH_RINGS = 2_500
_MAX_ERRORS_SHOWN = 20


class UsageProblem(ValueError):
    """A command-line value that cannot be used; the message says which and why."""


@dataclass(frozen=True, slots=True)
class Records:
    """Launch records to export, with where they came from."""

    frame: pd.DataFrame
    source: str
    attribution: str


def add_record_arguments(p: argparse.ArgumentParser) -> None:
    """``--input``, ``--event``, ``--from``, ``--to``, ``--types``, ``--ranges``."""
    p.add_argument(
        "--input",
        metavar="FILE",
        type=Path,
        help="your own launch records, a CSV or GeoJSON file (the same columns as the app's Import page); "
        "default: the shipped catalogue",
    )
    p.add_argument("--event", metavar="ID", help="the selected launch, e.g. 2021-09-15-1")
    p.add_argument(
        "--from", dest="date_from", metavar="DATE", help="first launch date, YYYY-MM-DD (inclusive)"
    )
    p.add_argument("--to", dest="date_to", metavar="DATE", help="last launch date, YYYY-MM-DD (inclusive)")
    p.add_argument(
        "--types",
        metavar="TYPE",
        nargs="+",
        action="extend",
        help="missile classes to keep, e.g. --types SRBM ICBM (or SRBM,ICBM)",
    )
    p.add_argument(
        "--ranges",
        metavar="KM",
        help="range rings around the selected launch, km, comma-separated, e.g. 800,1500 (needs --event)",
    )


def parse_date(text: str, option: str) -> dt.date:
    """``YYYY-MM-DD`` as a date, else a :class:`UsageProblem` naming ``option``."""
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise UsageProblem(f"{option}: expected a date YYYY-MM-DD, got {text!r}") from None


def parse_ranges(text: str | None) -> list[float]:
    """``"800,1500"`` as ranges in km: each a number above 0 and below 20,000 km, no repeats.

    >>> parse_ranges("800, 1500,13000")
    [800.0, 1500.0, 13000.0]
    """
    import geo

    if text is None:
        return []
    out: list[float] = []
    for raw in re.split(r"[,\s]+", text.strip()):
        if not raw:
            continue
        try:
            value = float(raw.replace("_", ""))
        except ValueError:
            raise UsageProblem(f"--ranges: {raw!r} is not a number of kilometres") from None
        if not (math.isfinite(value) and 0.0 < value < geo.MAX_RADIUS_KM):
            raise UsageProblem(
                f"--ranges: {raw} km is outside the possible ranges (more than 0 and less than "
                f"{geo.MAX_RADIUS_KM:,.0f} km, the distance to the antipode)"
            )
        if value not in out:
            out.append(value)
    if not out:
        raise UsageProblem(f"--ranges: expected distances in km such as 800,1500, got {text!r}")
    if len(out) > _MAX_RINGS:
        raise UsageProblem(f"--ranges: at most {_MAX_RINGS} rings, got {len(out)}")
    return out


def read_records(path: Path | None, prog: str) -> Records:
    """The shipped catalogue, or the records of the user's CSV / GeoJSON file.

    Rejected rows are printed on stderr (record, field, what was expected, what came); a file with
    no valid row at all, or that cannot be read, is a :class:`UsageProblem`.
    """
    import geo

    if path is None:
        from geo.export import CATALOGUE_ATTRIBUTION

        return Records(pd.DataFrame(geo.load_catalogue()), "the catalogue", CATALOGUE_ATTRIBUTION)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".geojson", ".json"):
        raise UsageProblem(f"--input: expected a .csv or .geojson file of launch records, got {path.name!r}")
    try:
        size = path.stat().st_size
        if size > MAX_INPUT_BYTES:
            raise UsageProblem(
                f"--input: {path} is {size / 1e6:,.1f} MB; the limit is {MAX_INPUT_BYTES / 1e6:,.0f} MB"
            )
        data = path.read_bytes()
    except OSError as exc:
        raise UsageProblem(f"--input: cannot read {path}: {exc.strerror}") from None
    reader = geo.read_records_csv if suffix == ".csv" else geo.read_records_geojson
    try:
        result = reader(data, max_bytes=MAX_INPUT_BYTES, source=path.name)
    except geo.RecordsFileError as exc:
        raise UsageProblem(f"--input: {path.name}: {exc}") from None
    for warning in result.warnings:
        print(f"{prog}: warning: {path.name}: {warning}", file=sys.stderr)
    if result.errors:
        print(
            f"{prog}: {result.n_rejected} row(s) of {path.name} rejected (the others are used):",
            file=sys.stderr,
        )
        for err in result.errors[:_MAX_ERRORS_SHOWN]:
            print(f"  {err.message}", file=sys.stderr)
        if len(result.errors) > _MAX_ERRORS_SHOWN:
            print(f"  ... and {len(result.errors) - _MAX_ERRORS_SHOWN} more problem(s)", file=sys.stderr)
    frame = pd.DataFrame(result.records)
    if frame.empty:
        raise UsageProblem(f"--input: {path.name} has no valid launch record")
    return Records(frame, path.name, f"Launch data: {path.name} (your file)")


def find_event(records: Records, event_id: str) -> pd.Series:
    """The record with ``id == event_id``; else a :class:`UsageProblem` with the nearest ids."""
    ids = records.frame["id"].astype(str)
    hit = records.frame[ids == event_id]
    if len(hit):
        return hit.iloc[0]
    close = difflib.get_close_matches(event_id, ids.tolist(), n=5, cutoff=0.6)
    hint = (
        f"; did you mean {', '.join(close)}?" if close else "; ids look like 2021-09-15-1 (date and number)"
    )
    raise UsageProblem(f"--event: no launch with id {event_id!r} in {records.source}{hint}")


def filter_launches(records: Records, args: argparse.Namespace) -> tuple[pd.DataFrame, bool]:
    """Launches of the view: (frame, whether any filter was given). Raises :class:`UsageProblem`."""
    import geo

    frame = records.frame
    filtered = False
    start = pd.to_datetime(frame["date_start"], errors="coerce") if "date_start" in frame else None
    if start is None:
        start = pd.to_datetime(frame["date"].astype(str), format="mixed", errors="coerce")
    keep = pd.Series(True, index=frame.index)
    d0 = parse_date(args.date_from, "--from") if args.date_from else None
    d1 = parse_date(args.date_to, "--to") if args.date_to else None
    if d0 and d1 and d0 > d1:
        raise UsageProblem(f"--from {d0} is after --to {d1}")
    if d0:
        keep &= start >= pd.Timestamp(d0)
        filtered = True
    if d1:
        keep &= start <= pd.Timestamp(d1)
        filtered = True
    if args.types:
        wanted = [t.strip() for item in args.types for t in item.split(",") if t.strip()]
        by_fold = {t.lower(): t for t in geo.SYSTEM_TYPES}
        unknown = [t for t in wanted if t.lower() not in by_fold]
        if unknown:
            raise UsageProblem(
                f"--types: unknown missile class {', '.join(map(repr, unknown))}; "
                f"expected some of {', '.join(geo.SYSTEM_TYPES)}"
            )
        keep &= frame["system_type"].astype(str).isin([by_fold[t.lower()] for t in wanted])
        filtered = True
    return frame[keep], filtered


def check_output(path_text: str, *, force: bool, allow_stdout: bool) -> Path | None:
    """The output path (None for ``-``, stdout); refuse to replace a file unless ``force``."""
    if path_text == "-":
        if not allow_stdout:
            raise UsageProblem("-o -: this format is binary; give a file name")
        return None
    path = Path(path_text)
    if path.is_dir():
        raise UsageProblem(f"-o: {path} is a folder; give a file name")
    if not path.parent.is_dir():
        raise UsageProblem(f"-o: folder {path.parent} does not exist")
    if path.exists() and not force:
        raise UsageProblem(f"-o: {path} exists already; add --force to replace it")
    return path


def describe(content: Any) -> str:
    """``Launches: 1; Range rings: 2; ...`` for a summary line."""
    return "; ".join(f"{layer.spec.title}: {len(layer.frame)}" for layer in content.layers)
