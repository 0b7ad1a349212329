"""Issue 8, item 5 (regressions): the CLI cases that crashed, ran away or answered twice.

Each runs ``python -m geo`` as a process limited to 1 GB of address space and 10 s, as a user would
run it, and must exit 2 with a clear message on stderr (no traceback) or 0 with the right answer.
Before the fix: ``rings --km 1e-6`` raised a ValueError traceback, ``--km 1e-9`` took 57 s and 13 GB,
``--tolerance-km 1e-9`` over 60 s and 2.5 GB; ``zones`` crashed on NaN coordinates (GEOSException)
and deeply nested JSON (RecursionError), read ``--eez /dev/zero`` forever, accepted coordinates given
as strings and ``--lon 540``, said "about nan km", printed 22 MB of spaces for ``--indent 100000``,
and with ``--point 0,0`` said "high seas" for a zone 86 % in Japan's EEZ.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import threading
from pathlib import Path
from typing import IO

import pytest

ROOT = Path(__file__).resolve().parent.parent
LIMIT_BYTES = 1024**3
LIMIT_SECONDS = 10.0
SEA_OF_JAPAN = {"type": "Polygon", "coordinates": [[[133, 38], [135, 38], [135, 40], [133, 40], [133, 38]]]}


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (LIMIT_BYTES, LIMIT_BYTES))


def _run_boxed(argv: list[str], stdin: bytes) -> tuple[int, bytes, bytes, resource.struct_rusage]:
    """Run ``argv`` in the 1 GB box and return its exit code, output and its own resource usage.

    The usage is the child's own (``os.wait4``), not ``RUSAGE_CHILDREN``: that one is the peak of every
    child this test process ever had, and an app server or browser started earlier by another test in
    the same worker made these tests fail (1.4 GB 'peak' of a child that was not the CLI).
    """
    proc = subprocess.Popen(
        argv,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        preexec_fn=_limit_memory,
    )
    out: dict[str, bytes] = {}

    def _drain(name: str, stream: IO[bytes]) -> None:
        out[name] = stream.read()

    readers = [
        threading.Thread(target=_drain, args=("out", proc.stdout), daemon=True),
        threading.Thread(target=_drain, args=("err", proc.stderr), daemon=True),
    ]
    for reader in readers:
        reader.start()
    assert proc.stdin is not None
    try:
        proc.stdin.write(stdin)
        proc.stdin.close()
    except BrokenPipeError:  # the CLI may refuse before reading all of its input
        pass
    # the machine is shared: the 10 s are checked as CPU time; the wall clock only ends a runaway
    killer = threading.Timer(LIMIT_SECONDS * 3, proc.kill)
    killer.start()
    try:
        _pid, status, usage = os.wait4(proc.pid, 0)
    finally:
        killer.cancel()
    proc.returncode = os.waitstatus_to_exitcode(status)
    for reader in readers:
        reader.join()
    return proc.returncode, out.get("out", b""), out.get("err", b""), usage


def geo(*args: str, stdin: bytes = b"") -> tuple[int, str, str]:
    """Run ``python -m geo ARGS`` in a 1 GB, 10 s box; return (exit code, stdout, stderr)."""
    code, stdout, stderr, usage = _run_boxed([sys.executable, "-m", "geo", *args], stdin)
    assert code != -9, f"{args}: still running after {LIMIT_SECONDS * 3:.0f} s"
    cpu = usage.ru_utime + usage.ru_stime
    assert cpu < LIMIT_SECONDS, f"{args}: {cpu:.1f} s of CPU"
    assert usage.ru_maxrss * 1024 < LIMIT_BYTES, f"{args}: peak {usage.ru_maxrss / 1024:.0f} MB"
    err = stderr.decode("utf-8", "replace")
    assert "Traceback" not in err, err
    return code, stdout.decode("utf-8", "replace"), err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--km", "1e-6"], "argument --km: must be at least 0.01 km, got 1e-6"),
        (["--km", "1e-9"], "argument --km: must be at least 0.01 km, got 1e-9"),
        (["--km", "800", "--tolerance-km", "1e-9"], "argument --tolerance-km: must be at least 0.001 km"),
        (["--km", "0.01", "--precision", "3"], "collapses when rounded to 3 decimals: use a larger --km"),
        (
            [arg for k in range(11) for arg in ("--km", str(100 + k))],
            "at most 10 --km values in one call, got 11",
        ),
    ],
    ids=["km-1e-6", "km-1e-9", "tolerance-1e-9", "below-precision", "eleven-rings"],
)
def test_regression_rings_floors(args: list[str], message: str) -> None:
    code, out, err = geo("rings", "--lon", "125.75", "--lat", "39.03", *args)
    assert code == 2
    assert out == ""
    assert message in err


def test_rings_at_the_floors_work() -> None:
    code, out, _ = geo(
        "rings", "--lon", "125.75", "--lat", "39.03", "--km", "0.01", "--km", "800", "--tolerance-km", "0.001"
    )
    assert code == 0
    assert [f["properties"]["range_km"] for f in json.loads(out)["features"]] == [0.01, 800]


def _nested(depth: int) -> bytes:
    return b"[" * depth + b"]" * depth


@pytest.mark.parametrize(
    ("args", "stdin", "message"),
    [
        ([], b'{"type":"Polygon","coordinates":[[[NaN,38],[135,38],[135,40],[133,38]]]}', "got [nan, 38]"),
        ([], _nested(100_000), "nested far too deeply"),
        (
            [],
            b'{"type":"Polygon","coordinates":[[["133","38"],[135,38],[135,40],[133,38]]]}',
            "got ['133', '38']",
        ),
        (
            ["--eez", "/dev/zero", "--lon", "130", "--lat", "40"],
            b"",
            "--eez: /dev/zero is not a regular file",
        ),
        (["--lon", "540", "--lat", "40"], b"", "argument --lon: must be within -180..180 degrees, got 540"),
        (
            ["--lon", "130", "--lat", "40", "--uncertainty-km", "nan"],
            b"",
            "--uncertainty-km: must be a finite number",
        ),
        (
            ["--lon", "130", "--lat", "40", "--uncertainty-km", "-5"],
            b"",
            "--uncertainty-km: must be within 0..20004",
        ),
        (
            ["--lon", "130", "--lat", "40", "--max-coast-km", "-1"],
            b"",
            "--max-coast-km: must be within 0..20004",
        ),
        (
            ["--lon", "130", "--lat", "40", "--indent", "100000"],
            b"",
            "--indent: must be a whole number from 0 to 8",
        ),
        (["--point", "0,0"], json.dumps(SEA_OF_JAPAN).encode(), "point (0, 0) is outside the zone"),
        ([], b"\x00" * 17_000_000, "stdin is larger than 16 MB"),
    ],
    ids=[
        "nan",
        "nested",
        "strings",
        "dev-zero",
        "lon-540",
        "unc-nan",
        "unc-negative",
        "coast-negative",
        "indent",
        "point-outside",
        "endless-stdin",
    ],
)
def test_regression_zones_edge_cases(args: list[str], stdin: bytes, message: str) -> None:
    code, out, err = geo("zones", *args, stdin=stdin)
    assert code == 2, err
    assert out == ""
    assert message in err


def test_regression_one_zone_one_answer() -> None:
    """The point inside the zone: the verdict's zone and state are those of one of the zone's shares."""
    code, out, err = geo("zones", "--point", "134,39", stdin=json.dumps(SEA_OF_JAPAN).encode())
    assert code == 0, err
    report = json.loads(out)
    assert report["kind"] == "zone"
    assert (report["zone"], report["state"]) in {(s["zone"], s["state"]) for s in report["shares"]}
    assert report["point"] == [134, 39]


# ------------------------------------------------------------------------------------------ reach
# Issue 11 follow-up: `reach --ranges 1,5000,10000,15000,20000` took 65 s and 2.9 GB, `reach --event
# 2021-09-15-1 --ranges 20000` 18.8 s (a 1 km reach of a country traced 50,000 rings; from 19,950 km
# every boundary point got a cap traced by 30+ bisections).

COUNTRY_EVENT = "2021-09-11-c1"  # cruise missile, no reported place: the launch region is North Korea


@pytest.mark.parametrize(
    ("event", "ranges"),
    [
        ("2021-09-15-1", "20000"),
        (COUNTRY_EVENT, "1,5000,10000,15000,20000"),
        (COUNTRY_EVENT, "5000,9500,10500,13000,19900"),  # the costliest five: about 1,000 rings each
        ("2021-09-15-1", "1,300,800,1500,5000,9500,10500,13000,19000,20000"),  # ten from a county
    ],
    ids=["county-20000", "country-issue-ranges", "country-five-costliest", "county-ten"],
)
def test_regression_reach_within_the_box(event: str, ranges: str) -> None:
    code, out, err = geo("reach", "--event", event, "--ranges", ranges)
    assert code == 0, err
    doc = json.loads(out)
    wanted = [float(r) for r in ranges.split(",")]
    assert [r["range_km"] for r in doc["ranges"]] == wanted
    for r in doc["ranges"]:
        n = r["range_km"]
        # min(0.1 % of N, 1 km); up to 0.1 % of N from 19,950 km on (limits from the antipodal image)
        assert 0.0 < r["accuracy_km"] <= (0.001 * n if n >= 19_950.0 else min(0.001 * n, 1.0))
    by_range = {r["range_km"]: r for r in doc["ranges"]}
    if 20_000.0 in by_range:  # everyone lives within 20,000 km of some point of the region
        assert len(by_range[20_000.0]["cities"]) > 30_000
        assert by_range[20_000.0]["population"] > 3e9


def test_reach_too_many_costly_ranges_says_how_many_fit() -> None:
    ranges = ",".join(str(4000 + 500 * k) for k in range(10))
    code, out, err = geo("reach", "--event", COUNTRY_EVENT, "--ranges", ranges)
    assert code == 2
    assert out == ""
    assert "expected ranges needing at most 5,000 geodesic rings in one call, got 10 ranges" in err
    assert "ask for at most 5 of these ranges per call" in err
