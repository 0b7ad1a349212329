"""Fuzz every ``python -m geo`` command with hostile arguments and stdin (issue 8, item 5).

For each command, hypothesis builds argument lists from the command's options with hostile values
(NaN, infinities, huge and tiny numbers, negative zero, words, empty strings, other scripts) plus stray
tokens, and stdin from valid, broken, deeply nested and binary inputs. Whatever comes, the command
must end with exit code 0 (and well-formed output) or 2 (and a one-line ``error`` message, no
traceback), within 10 s of CPU time. The commands run in-process (one example costs milliseconds);
the shipped maritime layers and gazetteer are loaded once for all examples.
"""

from __future__ import annotations

import argparse
import functools
import io
import json
import sys
import time
from contextlib import redirect_stderr, redirect_stdout
from typing import Any
from unittest import mock

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from geo.cli import main
from geo.maritime import MaritimeZones

SECONDS = 10.0
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

NUMBERS = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.floats(min_value=-200, max_value=200).map(lambda x: f"{x:.6f}"),
    st.sampled_from(
        [
            "nan",
            "NaN",
            "inf",
            "-inf",
            "1e400",
            "-1e400",
            "-0",
            "0",
            "",
            " ",
            "1_000",
            "0x10",
            "١٢٣",
            "1e-300",
            "1e-9",
        ]
    ),
    st.text(max_size=8),
)
TOKENS = st.one_of(
    st.sampled_from(["--", "-", "--help", "-x", "--lon=", "--km=5", "==", "\x00"]), st.text(max_size=6)
)


def _argv(
    options: dict[str, st.SearchStrategy[str]], flags: tuple[str, ...] = ()
) -> st.SearchStrategy[list[str]]:
    pair = st.sampled_from(sorted(options)).flatmap(lambda o: st.tuples(st.just(o), options[o]))
    item = st.one_of(pair.map(list), st.sampled_from(flags).map(lambda f: [f]) if flags else pair.map(list))
    return st.lists(st.one_of(item, item, item, TOKENS.map(lambda t: [t])), max_size=8).map(
        lambda parts: [x for p in parts for x in p]
    )


def _run(argv: list[str], stdin: bytes = b"") -> tuple[int, str, str, float]:
    out, err = io.StringIO(), io.StringIO()
    fake_stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8", errors="surrogateescape")
    start = time.process_time()
    with mock.patch.object(sys, "stdin", fake_stdin), redirect_stdout(out), redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as exc:  # argparse: 2 for usage errors, 0 for --help
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    return code, out.getvalue(), err.getvalue(), time.process_time() - start


def _check(argv: list[str], code: int, out: str, err: str, seconds: float) -> None:
    event(f"exit {code}")
    assert seconds < SECONDS, f"{argv}: {seconds:.1f} s"
    assert code in (0, 2), f"{argv}: exit {code}: {err[-500:]}"
    assert "Traceback" not in err, err
    if code == 2:
        assert "error" in err or "python -m geo" in err, f"{argv}: exit 2 without a message"


# ---------------------------------------------------------------------------------------------- rings

RINGS = {
    "--lon": NUMBERS,
    "--lat": NUMBERS,
    "--km": NUMBERS,
    "--tolerance-km": NUMBERS,
    "--precision": NUMBERS,
}


@FUZZ
@given(_argv(RINGS))
def test_fuzz_rings(extra: list[str]) -> None:
    argv = ["rings", *extra]
    code, out, err, seconds = _run(argv)
    _check(argv, code, out, err, seconds)
    if code == 0 and "--help" not in argv and out.strip():
        assert json.loads(out)["type"] == "FeatureCollection"


@FUZZ
@given(
    lon=st.floats(-180, 180),
    lat=st.floats(-90, 90),
    km=st.lists(st.floats(0.001, 21_000), min_size=1, max_size=3),
    tol=st.one_of(st.none(), st.floats(0.0001, 50)),
)
def test_fuzz_rings_with_numbers_in_range(lon: float, lat: float, km: list[float], tol: float | None) -> None:
    """Plausible numbers: exit 0 with one valid feature per range, or 2 saying why (e.g. the antipode)."""
    argv = ["rings", "--lon", repr(lon), "--lat", repr(lat)]
    for k in km:
        argv += ["--km", repr(k)]
    if tol is not None:
        argv += ["--tolerance-km", repr(tol)]
    code, out, err, seconds = _run(argv)
    _check(argv, code, out, err, seconds)
    if code == 0:
        assert len(json.loads(out)["features"]) == len(km)


# ---------------------------------------------------------------------------------------------- zones


_LOAD = MaritimeZones.load  # the real loader, kept before the tests patch it


@functools.cache
def _zones() -> Any:
    return _LOAD()


def _cached_load(*, eez: Any = None) -> Any:
    z = _zones()
    if eez is None:
        return z
    return MaritimeZones(
        eez=eez, territorial=z.territorial, land=z.land, coastline=z.coastline, named_seas=z.named_seas
    )


POSITIONS = st.lists(
    st.one_of(
        st.tuples(
            st.floats(allow_nan=True, allow_infinity=True), st.floats(allow_nan=True, allow_infinity=True)
        ).map(list),
        st.tuples(st.floats(120, 150), st.floats(25, 50)).map(list),
        st.lists(st.one_of(st.integers(), st.text(max_size=3), st.none(), st.booleans()), max_size=4),
    ),
    max_size=8,
)
JSON_LEAVES = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=6))
ANY_JSON = st.recursive(
    JSON_LEAVES,
    lambda c: st.lists(c, max_size=4) | st.dictionaries(st.text(max_size=5), c, max_size=4),
    max_leaves=15,
)
GEOJSON = st.one_of(
    POSITIONS.map(lambda ring: {"type": "Polygon", "coordinates": [ring]}),
    st.lists(POSITIONS, max_size=3).map(lambda rings: {"type": "MultiPolygon", "coordinates": [rings]}),
    POSITIONS.map(lambda ring: {"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [ring]}}),
    st.lists(ANY_JSON, max_size=3).map(lambda fs: {"type": "FeatureCollection", "features": fs}),
    st.fixed_dictionaries(
        {"type": st.sampled_from(["Polygon", "Point", "Feature", "x", ""])},
        optional={"coordinates": ANY_JSON, "geometry": ANY_JSON},
    ),
    ANY_JSON,
)
STDIN = st.one_of(
    GEOJSON.map(lambda d: json.dumps(d, allow_nan=True).encode()),
    st.binary(max_size=64),
    st.integers(1, 200_000).map(lambda n: b"[" * n + b"]" * n),
    st.just(b""),
    st.just(b"   \n"),
)
ZONES = {
    "--lon": NUMBERS,
    "--lat": NUMBERS,
    "--point": st.one_of(st.tuples(NUMBERS, NUMBERS).map(",".join), st.text(max_size=10)),
    "--uncertainty-km": NUMBERS,
    "--max-coast-km": NUMBERS,
    "--indent": NUMBERS,
    "--eez": st.sampled_from(["/dev/zero", "/dev/null", "/nonexistent/eez.zip", "/tmp", "/etc/hostname", ""]),
}


@FUZZ
@given(_argv(ZONES), STDIN)
def test_fuzz_zones(extra: list[str], stdin: bytes) -> None:
    argv = ["zones", *extra]
    with mock.patch("geo.maritime.MaritimeZones.load", _cached_load):
        code, out, err, seconds = _run(argv, stdin)
    _check(argv, code, out, err, seconds)
    if code == 0 and "--help" not in argv:
        report = json.loads(out)
        assert report["zone"] in ("land", "territorial sea", "eez", "high seas")
        assert report["verdict"]


@FUZZ
@given(
    cx=st.floats(120, 150),
    cy=st.floats(25, 48),
    r=st.floats(0.05, 5),
    inside=st.booleans(),
)
def test_fuzz_zones_one_input_one_answer(cx: float, cy: float, r: float, inside: bool) -> None:
    """A zone with --point: refused when the point is outside it; inside, the verdict's zone and state
    are those of one of the zone's shares (the point's own piece of the zone)."""
    ring = [[cx - r, cy - r], [cx + r, cy - r], [cx + r, cy + r], [cx - r, cy + r], [cx - r, cy - r]]
    point = (cx, cy) if inside else (cx + 3 * r, cy)
    stdin = json.dumps({"type": "Polygon", "coordinates": [ring]}).encode()
    argv = ["zones", "--point", f"{point[0]!r},{point[1]!r}"]
    with mock.patch("geo.maritime.MaritimeZones.load", _cached_load):
        code, out, err, seconds = _run(argv, stdin)
    _check(argv, code, out, err, seconds)
    if not inside:
        assert code == 2
        assert "outside the zone" in err
        return
    assert code == 0, err
    report = json.loads(out)
    kinds = {(s["zone"], s["state"]) for s in report["shares"]}
    assert (report["zone"], report["state"]) in kinds or not report["shares"], (report["zone"], kinds)


# ---------------------------------------------------------------------------------------------- geocode, read

GEOCODE = {
    "--country": st.one_of(st.sampled_from(["KP", "kp", "JP", "kr"]), st.text(max_size=3)),
    "--limit": NUMBERS,
    "--indent": NUMBERS,
}
PLACES = st.one_of(
    st.sampled_from(
        [
            "Yangdok county",
            "평안남도",
            "奥尻島の西約200km",
            "about 200 km west of Okushiri Island",
            "off Wonsan",
            "",
        ]
    ),
    st.text(max_size=40),
)


@FUZZ
@given(PLACES, _argv(GEOCODE, flags=("--search",)))
def test_fuzz_geocode(text: str, extra: list[str]) -> None:
    argv = ["geocode", text, *extra]
    code, out, err, seconds = _run(argv)
    _check(argv, code, out, err, seconds)
    if code == 0 and "--help" not in argv:
        json.loads(out)


REPORT_WORDS = st.sampled_from(
    [
        "North Korea",
        "fired",
        "two",
        "ballistic missiles",
        "from",
        "Yangdok",
        "county",
        "flew",
        "800 km",
        "landed",
        "in",
        "Japan's",
        "EEZ",
        "on Wednesday",
        "北朝鮮",
        "弾道ミサイル",
        "発射",
        "約800キロ",
        "북한",
        "탄도미사일",
        "<p>",
        "</p>",
        "<script>",
        "{{ 7*7 }}",
        "\u202e",
        "\x00",
        "1e400",
        "-",
        "km",
        "nautical miles",
    ]
)
REPORTS = st.one_of(
    st.lists(REPORT_WORDS, max_size=60).map(lambda w: " ".join(w).encode()),
    st.text(max_size=400).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.binary(max_size=200),
)
READ = {
    "--published": st.one_of(st.dates().map(str), NUMBERS),
    "--format": st.sampled_from(["geojson", "csv", "xml", ""]),
}


@FUZZ
@given(REPORTS, _argv(READ))
def test_fuzz_read(report: bytes, extra: list[str]) -> None:
    argv = ["read", *extra]
    code, out, err, seconds = _run(argv, report)
    _check(argv, code, out, err, seconds)
    if code == 0 and "--help" not in argv and "csv" not in argv:
        json.loads(out)


# ------------------------------------------------------------------------------ reach, export, figure
# These compute for seconds when the input is good: fewer examples, and reach's ranges stay under
# 300 km when they are numbers (large ranges are reach's own tests and benchmarks).

FEW = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
EVENTS = st.one_of(
    st.sampled_from(["2021-09-15-1", "2021-09-11-c1", "1984-04-09-1", "nope", ""]), st.text(max_size=12)
)
SHORT_RANGES = st.one_of(
    st.lists(st.floats(0.5, 300).map(lambda x: f"{x:.1f}"), min_size=1, max_size=3).map(",".join),
    st.sampled_from(["", ",", "0", "-5", "nan", "inf", "1e400", "20001", "1,2,3,4,5,6,7,8,9,10,11", "abc"]),
    st.text(max_size=8),
)
DATES = st.one_of(
    st.dates().map(str), st.sampled_from(["2099-99-99", "2021-02-30", "", "yesterday"]), st.text(max_size=10)
)


@FEW
@given(_argv({"--event": EVENTS, "--ranges": SHORT_RANGES}, flags=("--geojson",)))
def test_fuzz_reach(extra: list[str]) -> None:
    argv = ["reach", *extra]
    code, out, err, seconds = _run(argv)
    _check(argv, code, out, err, seconds)


def _view_options(tmp: str) -> dict[str, st.SearchStrategy[str]]:
    return {
        "--event": EVENTS,
        "--from": DATES,
        "--to": DATES,
        "--types": st.one_of(st.sampled_from(["SRBM", "ICBM,SRBM", "srbm", "xx"]), st.text(max_size=6)),
        "--ranges": SHORT_RANGES,
        "--input": st.sampled_from(["/dev/zero", "/nonexistent.csv", tmp, "/etc/hostname", ""]),
    }


@FEW
@given(st.data())
def test_fuzz_export(data: st.DataObject) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        options = {
            **_view_options(tmp),
            "--format": st.sampled_from(["geojson", "gpkg", "kml", "csv", "fgb", "xml", ""]),
            "--output": st.sampled_from(
                [f"{tmp}/v.geojson", f"{tmp}/v.gpkg", f"{tmp}/v.kml", f"{tmp}/v.txt", "-", tmp]
            ),
        }
        argv = ["export", *data.draw(_argv(options, flags=("--force",)))]
        code, out, err, seconds = _run(argv)
        _check(argv, code, out, err, seconds)


@FEW
@given(st.data())
def test_fuzz_figure(data: st.DataObject) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        options = {
            **_view_options(tmp),
            "--output": st.sampled_from([f"{tmp}/f.png", f"{tmp}/f.svg", f"{tmp}/f.gif", "-", tmp]),
            "--dpi": NUMBERS,
            "--title": st.text(max_size=30),
        }
        argv = ["figure", *data.draw(_argv(options, flags=("--force", "--presentation")))]
        code, out, err, seconds = _run(argv)
        _check(argv, code, out, err, seconds)


def test_every_command_is_fuzzed() -> None:
    """A new subcommand gets a fuzz test here too (its name: test_fuzz_<command>)."""
    from geo.cli import build_parser

    sub = next(a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction))
    missing = [name for name in sub.choices if f"test_fuzz_{name}" not in globals()]
    assert missing == []
