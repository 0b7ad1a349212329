"""Benchmark: geodesic range rings, ours vs the bare Geod.fwd floor vs a naive geopandas pipeline.

Run from the project root::

    .venv/bin/python benchmarks/bench_rings.py            # full run (the naive pipeline takes a while)
    .venv/bin/python benchmarks/bench_rings.py --quick    # naive pipeline timed on a subset, scaled

Two workloads, each ``events x 5 ranges`` (300, 800, 1,500, 5,500 and 13,000 km):

* the catalogue: launch points from ``data/catalogue/launches.csv`` (read directly with the csv
  module, no geo.records), or the 56 facilities of the nk-missile-tests data repeated to 339
  events if the catalogue is missing;
* 1,000 synthetic events uniform on the globe (fixed seed): antimeridian, poles, both-pole rings.

Pipelines, timed in the same run as CPU time of the process (``time.process_time``: all of them
are single-threaded, and CPU time is not inflated by other processes on a busy machine); ours
and the floors: best of ``--repeat`` interleaved runs (medians are printed too):

* ``ours``: ``geo.geodesy.geodesic_rings`` — adaptive vertices, split at 180°, pole-closed,
  shapely geometries;
* ``floor 360``: one vectorized ``Geod.fwd`` call for 360 azimuths per ring (no polygons, no
  splitting, edges up to 12 km off near the pole);
* ``floor same-N``: one vectorized ``Geod.fwd`` call for exactly as many vertices as ours output;
* ``naive``: per event, geopandas ``to_crs`` to an azimuthal-equidistant CRS at the event, GEOS
  ``buffer`` (360 vertices), back to EPSG:4326, then ``antimeridian.fix_polygon``.

Figures go to stdout; nothing is asserted (timings never belong in tests).
"""

from __future__ import annotations

import argparse
import csv
import json
import statistics
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pyproj import Geod  # noqa: E402

from geo.geodesy import geodesic_rings  # noqa: E402

RANGES_KM = (300.0, 800.0, 1500.0, 5500.0, 13000.0)
GEOD = Geod(ellps="WGS84")


def catalogue_events() -> tuple[np.ndarray, np.ndarray, str]:
    path = ROOT / "data" / "catalogue" / "launches.csv"
    if path.exists():
        lons, lats = [], []
        with path.open(newline="", encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                try:
                    lon, lat = float(row["launch_lon"]), float(row["launch_lat"])
                except (KeyError, TypeError, ValueError):
                    continue
                lons.append(lon)
                lats.append(lat)
        if lons:
            return np.array(lons), np.array(lats), f"catalogue ({path.relative_to(ROOT)})"
    shared = ROOT.parent / "shared" / "data" / "events" / "nk_missile_tests" / "facility.en.json"
    fac = json.loads(shared.read_text(encoding="utf-8"))["facilities"]
    pts = [(v["lon"], v["lat"]) for v in fac.values() if v.get("lon") is not None]
    reps = [pts[i % len(pts)] for i in range(339)]
    return np.array([p[0] for p in reps]), np.array([p[1] for p in reps]), "56 facilities repeated to 339"


def synthetic_events(n: int = 1000) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(2026)
    return rng.uniform(-180.0, 180.0, n), np.degrees(np.arcsin(rng.uniform(-1.0, 1.0, n)))


def ours(lons: np.ndarray, lats: np.ndarray) -> list[list[object]]:
    return geodesic_rings(lons, lats, RANGES_KM)


def floor_360(lons: np.ndarray, lats: np.ndarray) -> None:
    n = lons.size * len(RANGES_KM)
    az = np.tile(np.arange(360.0, 0.0, -1.0), n)
    GEOD.fwd(
        np.repeat(lons, len(RANGES_KM) * 360),
        np.repeat(lats, len(RANGES_KM) * 360),
        az,
        np.tile(np.repeat(np.array(RANGES_KM) * 1000.0, 360), lons.size),
        return_back_azimuth=False,
    )


def make_floor_same_n(lons: np.ndarray, lats: np.ndarray, verts_per_ring: np.ndarray) -> Callable[[], None]:
    reps = np.asarray(verts_per_ring)
    lon_r = np.repeat(np.repeat(lons, len(RANGES_KM)), reps)
    lat_r = np.repeat(np.repeat(lats, len(RANGES_KM)), reps)
    dist = np.repeat(np.tile(np.array(RANGES_KM) * 1000.0, lons.size), reps)
    az = np.concatenate([np.linspace(360.0, 0.0, k, endpoint=False) for k in reps])

    def run() -> None:
        GEOD.fwd(lon_r, lat_r, az, dist, return_back_azimuth=False)

    return run


def naive(lons: np.ndarray, lats: np.ndarray) -> list[object]:
    import antimeridian
    import geopandas as gpd
    from shapely.geometry import Point

    out = []
    for lon, lat in zip(lons, lats, strict=True):
        aeqd = f"+proj=aeqd +lat_0={lat} +lon_0={lon} +datum=WGS84 +units=m +no_defs"
        pt = gpd.GeoSeries([Point(lon, lat)], crs="EPSG:4326").to_crs(aeqd)
        for r in RANGES_KM:
            ring = pt.buffer(r * 1000.0, quad_segs=90).to_crs("EPSG:4326").iloc[0]
            out.append(antimeridian.fix_polygon(ring))
    return out


def vertex_counts(rings: list[list[object]]) -> np.ndarray:
    import shapely

    counts = []
    for row in rings:
        for g in row:
            counts.append(int(sum(len(p.exterior.coords) - 1 for p in shapely.get_parts(g))))
    return np.array(counts)


def timed(fn: Callable[[], object]) -> float:
    """CPU seconds of this process (all the work is single-threaded): unlike wall time it does
    not count the time other processes on a busy machine hold the CPU."""
    t = time.process_time()
    fn()
    return time.process_time() - t


def bench(label: str, lons: np.ndarray, lats: np.ndarray, *, repeat: int, naive_subset: int | None) -> None:
    rings = ours(lons, lats)  # warm-up, and the vertex counts for the same-N floor
    counts = vertex_counts(rings)
    floor_n = make_floor_same_n(lons, lats, counts)
    t_ours, t_f360, t_fn = [], [], []
    for _ in range(repeat):  # interleaved so that machine load hits all alike
        t_ours.append(timed(lambda: ours(lons, lats)))
        t_f360.append(timed(lambda: floor_360(lons, lats)))
        t_fn.append(timed(floor_n))
    m_ours, m_f360, m_fn = (min(t) for t in (t_ours, t_f360, t_fn))
    med = [statistics.median(t) for t in (t_ours, t_f360, t_fn)]
    if naive_subset == 0:
        t_naive = float("nan")
        naive_note = " (skipped)"
    elif naive_subset is not None and naive_subset < lons.size:
        t_naive = timed(lambda: naive(lons[:naive_subset], lats[:naive_subset])) * lons.size / naive_subset
        naive_note = f" (timed on {naive_subset} events, scaled)"
    else:
        t_naive = timed(lambda: naive(lons, lats))
        naive_note = ""
    n_rings = lons.size * len(RANGES_KM)
    print(f"\n{label}: {lons.size} events x {len(RANGES_KM)} ranges = {n_rings} rings")
    print(
        f"  vertices per ring: median {int(np.median(counts))}, mean {counts.mean():.0f}, max {counts.max()}"
    )
    print(f"  ours (geodesic_rings)        {m_ours:8.3f} s   ({1e3 * m_ours / n_rings:.3f} ms/ring)")
    print(f"  floor: Geod.fwd 360/ring     {m_f360:8.3f} s")
    print(f"  floor: Geod.fwd same N       {m_fn:8.3f} s")
    print(f"  naive: geopandas+antimeridian{t_naive:8.3f} s{naive_note}")
    print(f"  ratios: naive / ours = {t_naive / m_ours:.1f} (ours is that many times faster)")
    print(f"          ours / floor-360 = {m_ours / m_f360:.2f};  ours / floor-same-N = {m_ours / m_fn:.2f}")
    print(f"          (medians instead of best runs: {med[0] / med[1]:.2f} and {med[0] / med[2]:.2f})")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--repeat", type=int, default=3, help="interleaved runs of ours and the floors (median)"
    )
    parser.add_argument(
        "--quick", action="store_true", help="time the naive pipeline on 100 events and scale"
    )
    parser.add_argument("--no-naive", action="store_true", help="skip the naive pipeline")
    args = parser.parse_args()
    warnings.simplefilter("ignore")  # antimeridian warns on every clockwise GEOS buffer
    subset = 0 if args.no_naive else (100 if args.quick else None)
    import numpy
    import pyproj
    import shapely

    print(f"numpy {numpy.__version__}, shapely {shapely.__version__}, pyproj {pyproj.__version__}")
    lons, lats, what = catalogue_events()
    bench(f"catalogue: {what}", lons, lats, repeat=args.repeat, naive_subset=subset)
    slons, slats = synthetic_events()
    bench("synthetic: uniform on the globe", slons, slats, repeat=args.repeat, naive_subset=subset)


if __name__ == "__main__":
    main()
