"""Report reader: per-field accuracy on the real-report excerpts, and reading speed.

    .venv/bin/python benchmarks/bench_reader.py            # accuracy table + speed
    .venv/bin/python benchmarks/bench_reader.py --verbose  # every wrong field

Accuracy: every stated field of every expected event of ``tests/data/reports/excerpts.json`` is
scored (date, time_utc, country, count / count_min, missile class, named missile, launch place,
distance, apogee, bearing, landing place, EEZ claim and whose EEZ). A place is right when the read
point lies within the expected place's size (``km``) of the expected point; a distance or apogee
when it is within 1 % (or 1 km); the rest must be equal. The main event is the first event read
that is not background; background events are matched by date, then in order. Extra events read
are counted separately.

Speed: process CPU time (``time.process_time``, the machine is shared) of :func:`read_report` on
a 5 kB report (the seed report padded with the excerpts), best of N, after the gazetteer is loaded
and its mention index built.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from pyproj import Geod

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.geocoding import Gazetteer  # noqa: E402
from geo.geocoding.report import ReportEvent, read_report  # noqa: E402

EXCERPTS = ROOT / "tests" / "data" / "reports" / "excerpts.json"
SEED = ROOT.parent / "shared" / "data" / "reports" / "2021-09-16_rail-borne-missiles.txt"
GEOD = Geod(ellps="WGS84")
SCORED = (
    "date", "time_utc", "country", "count", "count_min", "system_type", "missile", "launch", "distance_km",
    "apogee_km", "bearing_deg", "landing", "eez_reported", "eez_state",
)  # fmt: skip


def load_excerpts(path: Path = EXCERPTS) -> list[dict[str, Any]]:
    """The excerpt set: id, url, lang, published, text, events (expected fields)."""
    data: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))
    return data


def _km(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    return float(GEOD.inv(lon1, lat1, lon2, lat2)[2]) / 1000.0


def field_ok(name: str, want: Any, ev: ReportEvent | None) -> bool:
    """Whether event ``ev`` read field ``name`` as ``want`` (see the module docstring)."""
    if ev is None:
        return False
    if name in ("launch", "landing"):
        lon, lat = ev.value(f"{name}_lon"), ev.value(f"{name}_lat")
        if lon is None or lat is None:
            return False
        return _km(lon, lat, want["lon"], want["lat"]) <= want["km"]
    got = ev.value(name)
    if name in ("distance_km", "apogee_km"):
        return got is not None and abs(float(got) - float(want)) <= max(1.0, 0.01 * float(want))
    if name == "bearing_deg":
        return got is not None and abs(float(got) - float(want)) < 1e-6
    return bool(got == want)


def match_events(expected: list[dict[str, Any]], read: list[ReportEvent]) -> list[ReportEvent | None]:
    """The read event matched to each expected one (``None`` when none matches)."""
    main = next((e for e in read if not e.background), None)
    bgs = [e for e in read if e.background]
    out: list[ReportEvent | None] = []
    used: set[int] = set()
    for exp in expected:
        if not exp.get("background"):
            out.append(main)
            continue
        pick = None
        for i, e in enumerate(bgs):
            if i not in used and exp.get("date") and e.value("date") == exp.get("date"):
                pick = i
                break
        if pick is None:
            pick = next((i for i in range(len(bgs)) if i not in used), None)
        if pick is not None:
            used.add(pick)
            out.append(bgs[pick])
        else:
            out.append(None)
    return out


def score(gaz: Gazetteer, excerpts: list[dict[str, Any]], *, verbose: bool = False) -> dict[str, Any]:
    """Per-field right/total over the excerpts, extra events, crashes, and the wrong fields."""
    right: dict[str, int] = dict.fromkeys(SCORED, 0)
    total: dict[str, int] = dict.fromkeys(SCORED, 0)
    wrong: list[str] = []
    extra = 0
    crashes: list[str] = []
    for doc in excerpts:
        try:
            read = read_report(doc["text"], published=doc["published"], gazetteer=gaz)
        except Exception as exc:
            crashes.append(f"{doc['id']}: {type(exc).__name__}: {exc}")
            read = []
        matched = match_events(doc["events"], read)
        extra += max(0, len(read) - sum(1 for m in matched if m is not None))
        for exp, ev in zip(doc["events"], matched, strict=True):
            for name in SCORED:
                if name not in exp:
                    continue
                total[name] += 1
                if field_ok(name, exp[name], ev):
                    right[name] += 1
                else:
                    got: Any = None
                    if ev is not None:
                        got = (
                            (ev.value(f"{name}_lon"), ev.value(f"{name}_lat"), ev.value(f"{name}_place"))
                            if name in ("launch", "landing")
                            else ev.value(name)
                        )
                    tag = "bg " if exp.get("background") else ""
                    wrong.append(f"{doc['id']}: {tag}{name}: expected {exp[name]!r}, read {got!r}")
    n_right, n_total = sum(right.values()), sum(total.values())
    return {
        "right": right,
        "total": total,
        "accuracy": n_right / n_total if n_total else 1.0,
        "fields": n_total,
        "extra_events": extra,
        "crashes": crashes,
        "wrong": wrong,
    }


def speed(gaz: Gazetteer, *, repeat: int = 7) -> tuple[float, int]:
    """Best CPU time (s) of reading a 5 kB report, and its size in bytes."""
    parts = [SEED.read_text(encoding="utf-8")] if SEED.exists() else []
    for doc in load_excerpts():
        if doc["lang"] == "en":
            parts.append(doc["text"])
    text = "\n\n".join(parts)
    while len(text.encode("utf-8")) < 5000:
        text += "\n\n" + text
    data = text.encode("utf-8")[:5000].decode("utf-8", errors="ignore")
    read_report(data, published="2021-09-16", gazetteer=gaz)  # warm caches (regexes, systems table)
    best = float("inf")
    for _ in range(repeat):
        t0 = time.process_time()
        read_report(data, published="2021-09-16", gazetteer=gaz)
        best = min(best, time.process_time() - t0)
    return best, len(data.encode("utf-8"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--verbose", action="store_true", help="list every wrong field")
    args = ap.parse_args()
    t0 = time.process_time()
    gaz = Gazetteer.load()
    gaz.mentions("warm up")
    load_s = time.process_time() - t0
    excerpts = load_excerpts()
    res = score(gaz, excerpts)
    print(f"excerpts: {len(excerpts)}, expected events: {sum(len(d['events']) for d in excerpts)}")
    print(f"{'field':16} {'right':>6} {'total':>6} {'%':>6}")
    for name in SCORED:
        if res["total"][name]:
            pct = 100 * res["right"][name] / res["total"][name]
            print(f"{name:16} {res['right'][name]:6d} {res['total'][name]:6d} {pct:6.1f}")
    print(
        f"{'all stated':16} {sum(res['right'].values()):6d} {res['fields']:6d} {100 * res['accuracy']:6.1f}"
    )
    print(f"extra events read: {res['extra_events']}; crashes: {len(res['crashes'])}")
    for c in res["crashes"]:
        print("  CRASH", c)
    if args.verbose:
        for w in res["wrong"]:
            print("  WRONG", w)
    best, size = speed(gaz)
    print(f"gazetteer load + mention index: {load_s:.2f} s CPU")
    print(f"read_report on a {size:,}-byte report: {1000 * best:.1f} ms CPU (best of 7)")


if __name__ == "__main__":
    main()
