"""Benchmark: classify 10,000 random points in the region against every EEZ (and the full stack).

Run: ``.venv/bin/python benchmarks/bench_zones.py`` (prints medians of 7 runs; the target is < 1 s
for 10,000 points against all 281 EEZ polygons).
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from geo.maritime import MaritimeZones, load_eez

N = 10_000
RUNS = 7


def _median_s(fn: object) -> float:
    times = []
    for _ in range(RUNS):
        t = time.perf_counter()
        fn()  # type: ignore[operator]
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> int:
    rng = np.random.default_rng(20210915)
    lons = rng.uniform(115.0, 150.0, N)  # Yellow Sea, Sea of Japan, East China Sea, NW Pacific
    lats = rng.uniform(20.0, 50.0, N)
    t = time.perf_counter()
    eez_only = MaritimeZones(eez=load_eez())
    build_eez = time.perf_counter() - t
    t = time.perf_counter()
    full = MaritimeZones.load()
    build_full = time.perf_counter() - t
    s_eez = _median_s(lambda: eez_only.classify_points(lons, lats))
    s_full = _median_s(lambda: full.classify_points(lons, lats))
    zones = full.classify_points(lons, lats).zone.value_counts().to_dict()
    one = _median_s(lambda: full.analyse_point(136.07, 40.16))
    print(f"build: EEZ only {build_eez:.2f} s, all layers {build_full:.2f} s (load + index)")
    n_eez = len(eez_only.eez)
    print(f"classify {N:,} points against all {n_eez} EEZ polygons: {s_eez:.3f} s (median of {RUNS})")
    print(f"classify {N:,} points, land + territorial seas + EEZ: {s_full:.3f} s  {zones}")
    print(f"analyse_point (zone + named sea + geodesic coast distances): {one * 1000:.0f} ms")
    return 0 if s_eez < 1.0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
