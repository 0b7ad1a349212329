"""``python -m geo figure``: a print-ready range map of one launch (PNG, SVG or PDF).

Example::

    python -m geo figure --event 2021-09-15-1 --ranges 800,1500,13000 -o rail-launch.png

draws the launch's range rings as true circles on an azimuthal equidistant map centred on the launch
point (the 13,000 km ring whole, the North Pole inside), with land, coasts, EEZ limits, the launch area
and the impact estimate, a legend, a scale and the attribution. See :mod:`geo.figure`.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from geo.cli._views import (
    MAX_REACH_RINGS,
    UsageProblem,
    add_record_arguments,
    check_output,
    find_event,
    parse_ranges,
    read_records,
)

__all__ = ["add_parser", "run"]

_PROG = "python -m geo figure"

_DESCRIPTION = """\
Draw a static range map of one launch for print and slides: an azimuthal equidistant map centred on the
launch point, where every range ring is a circle of its range (distances measured along the WGS84
ellipsoid) and a 13,000 km ring is drawn whole with the pole inside. Land, coasts, borders and EEZ limits
come from the shipped data; the launch area and the impact estimate are drawn and labelled ESTIMATE.

The format comes from the file name: .png (--dpi, 300 by default), .svg or .pdf. The file is written
only where -o says, atomically; an existing file is replaced only with --force.
"""

_EPILOG = """\
examples:
  python -m geo figure --event 2021-09-15-1 --ranges 800,1500,13000 -o rail-launch.png
  python -m geo figure --event 2017-11-28-1 --ranges 13000 --presentation -o hwasong15-slide.pdf
  python -m geo figure --input my_launches.csv --event my-1 --ranges 1000 -o mine.svg
"""


def _dpi(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number of dots per inch, got {text!r}") from None
    if not 72 <= value <= 1200:
        raise argparse.ArgumentTypeError(f"expected 72 to 1200 dots per inch, got {value}")
    return value


def add_parser(subparsers: Any) -> None:
    """Register the ``figure`` subcommand."""
    p: argparse.ArgumentParser = subparsers.add_parser(
        "figure",
        help="a print-ready range map of one launch (PNG, SVG, PDF)",
        description=_DESCRIPTION,
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "-o", "--output", required=True, metavar="FILE", help="the .png, .svg or .pdf file to write"
    )
    p.add_argument("--force", action="store_true", help="replace FILE if it exists")
    p.add_argument("--dpi", type=_dpi, default=300, help="resolution of a PNG, dots per inch (default 300)")
    p.add_argument("--presentation", action="store_true", help="a 16:9 slide with large type and thick lines")
    p.add_argument("--title", help="title instead of the launch's date, system and place")
    add_record_arguments(p)
    p.set_defaults(run=run)


def _fail(msg: str) -> int:
    print(f"{_PROG}: error: {msg}", file=sys.stderr)
    return 2


def run(args: argparse.Namespace) -> int:
    """Draw the map and write it; 0 on success, 2 on bad input."""
    from geo.export import launch_view
    from geo.figure import FIGURE_FORMATS, range_map, range_map_bytes

    try:
        fmt = Path(args.output).suffix.lower().lstrip(".")
        if fmt not in FIGURE_FORMATS:
            raise UsageProblem(f"-o: the file name must end in .png, .svg or .pdf, got {args.output!r}")
        out = check_output(args.output, force=args.force, allow_stdout=False)
        if not args.event:
            raise UsageProblem("--event is required: the map is drawn around one launch")
        if args.date_from or args.date_to or args.types:
            raise UsageProblem(
                "--from, --to and --types select launches for export; a figure shows one --event"
            )
        ranges = parse_ranges(args.ranges)
        records = read_records(args.input, _PROG)
        selected = find_event(records, args.event)
    except UsageProblem as exc:
        return _fail(str(exc))
    assert out is not None  # check_output returns None only for "-", refused above
    try:
        view = launch_view(selected, ranges, max_reach_rings=MAX_REACH_RINGS)
        rmap = range_map(
            view, presentation=args.presentation, title=args.title or None, attribution=(records.attribution,)
        )
        data = range_map_bytes(rmap, fmt, dpi=args.dpi)
    except ValueError as exc:
        return _fail(f"--event {args.event}: {exc}")
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".part", dir=out.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, out)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        return _fail(f"-o: cannot write {out}: {exc.strerror}")
    rings = ", ".join(f"{r:,.0f} km" for r in dict.fromkeys(r for _, r, _ in view.rings)) or "no rings"
    print(
        f"{_PROG}: wrote {out} ({fmt.upper()}, {len(data) / 1e6:,.1f} MB): {rmap.title}; {rings}",
        file=sys.stderr,
    )
    for note in view.notes:
        if "uncertain by about" not in note:
            print(f"{_PROG}: note: {note}", file=sys.stderr)
    return 0
