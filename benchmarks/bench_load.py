"""A class at once: N sessions (default 30) press Next together, on the app before and after a change.

Command (from the project root)::

    .venv/bin/python benchmarks/bench_load.py                       # before = BASELINE, after = this tree
    .venv/bin/python benchmarks/bench_load.py --before <ref> --sessions 30 --steps 5

Each version runs on its own local server (127.0.0.1, free port), one after the other. Per version:

1. warm-up: one session steps through every launch of the window once (what the teacher's screen does
   first; the figures of this cold pass are reported too);
2. N sessions open the page (presentation mode, the window 2017-03-21..2017-12-31, first launch
   selected), then press Next together ``--steps`` times (a round starts when every session finished the
   previous one);
3. the sessions close; the server's memory is sampled until it is back within 5 % of its level after
   the warm-up. Streamlit keeps a closed session for 2 minutes (``server.disconnectedSessionTTL``) in
   case it reconnects, and drops the expired ones when another session comes or goes: after those 2
   minutes, a visitor opens and closes the page every sample (as the next student would).

Reported: median and p95 time from Next to the map element and to the end of the run (the protocol
client's view: server time plus local transfer, no painting), errors (tracebacks, timeouts, steps that
did not move), bytes per step, the server's CPU time per step (robust to other load on a shared
machine) and resident memory (after warm-up, peak, after close). Bounded: at most 60 sessions, 20 steps,
and ``--timeout`` seconds per version.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from apprun import exported, load_average, serve
from stclient import Session

#: The app before issue 12's work (main just before the stable map, c6301d7), measured side by side with
#: the working tree.
BASELINE = "b20dc41"
WINDOW = "from=2017-03-21&to=2017-12-31&present=1"
FIRST = "2017-03-21-1"
WINDOW_SIZE = 15


def _pct(xs: list[float], q: float) -> float:
    if not xs:
        return float("nan")
    s = sorted(xs)
    return s[min(len(s) - 1, round(q * (len(s) - 1)))]


async def _warm_up(url: str) -> dict[str, Any]:
    s = Session(url, f"event={FIRST}&{WINDOW}")
    first = await s.open()
    times = []
    for _ in range(WINDOW_SIZE - 1):
        r = await s.click("m_next")
        times.append(r.to_done_s)
    await s.close()
    return {"open_s": round(first.to_done_s, 2), "cold_step_median_s": round(statistics.median(times), 3)}


async def _class(url: str, n: int, steps: int, server: Any) -> dict[str, Any]:
    sessions = [Session(url, f"event={FIRST}&{WINDOW}") for _ in range(n)]
    t0 = time.perf_counter()
    opened = await asyncio.gather(*(s.open() for s in sessions), return_exceptions=True)
    open_wall = time.perf_counter() - t0
    errors: list[str] = [f"open: {o!r}" for o in opened if isinstance(o, BaseException)]
    live = [s for s, o in zip(sessions, opened, strict=True) if not isinstance(o, BaseException)]
    to_map: list[float] = []
    to_done: list[float] = []
    bytes_in: list[int] = []
    peak = server.rss_mb()
    cpu0 = server.cpu_s()
    for _ in range(steps):
        before = [s.query for s in live]
        results = await asyncio.gather(
            *(asyncio.wait_for(s.click("m_next"), 60) for s in live), return_exceptions=True
        )
        peak = max(peak, server.rss_mb())
        for s, q, r in zip(live, before, results, strict=True):
            if isinstance(r, BaseException):
                errors.append(f"step: {r!r}")
                continue
            if r.exceptions:
                errors.append(f"traceback shown: {r.exceptions[0][:200]}")
            if s.query == q:
                errors.append("Next did not move to another launch")
            if r.to_map_s is None:
                errors.append("no map in the run")
            else:
                to_map.append(r.to_map_s)
            to_done.append(r.to_done_s)
            bytes_in.append(r.bytes_in)
    cpu = server.cpu_s() - cpu0
    await asyncio.gather(*(s.close() for s in sessions), return_exceptions=True)
    return {
        "sessions": n,
        "steps_each": steps,
        "open_all_s": round(open_wall, 2),
        "next_to_map_median_s": round(statistics.median(to_map), 3) if to_map else None,
        "next_to_map_p95_s": round(_pct(to_map, 0.95), 3),
        "next_to_done_median_s": round(statistics.median(to_done), 3) if to_done else None,
        "next_to_done_p95_s": round(_pct(to_done, 0.95), 3),
        "errors": len(errors),
        "error_examples": sorted(set(errors))[:5],
        "bytes_per_step_median": int(statistics.median(bytes_in)) if bytes_in else None,
        "server_cpu_per_step_s": round(cpu / max(1, len(to_done)), 3),
        "rss_peak_mb": round(peak, 1),
    }


#: Streamlit's server.disconnectedSessionTTL (seconds): how long a closed session is kept.
SESSION_TTL_S = 120


async def _visit(url: str) -> None:
    s = Session(url, f"event={FIRST}&{WINDOW}")
    await s.open()
    await s.close()


def _settle(server: Any, start_mb: float, wait_s: float) -> tuple[float, float]:
    """Sample RSS until it is back within 5 % of ``start_mb`` or ``wait_s`` passed; (rss, seconds).

    Once the closed sessions have expired, each sample is preceded by a visit (see the module's doc).
    """
    t0 = time.monotonic()
    rss = server.rss_mb()
    while time.monotonic() - t0 < wait_s:
        if time.monotonic() - t0 > SESSION_TTL_S + 5:
            asyncio.run(_visit(server.url))
            time.sleep(2)
        rss = server.rss_mb()
        if rss <= start_mb * 1.05:
            break
        time.sleep(5)
    return round(rss, 1), round(time.monotonic() - t0, 1)


def run_version(label: str, ref: str | None, args: argparse.Namespace) -> dict[str, Any]:
    with exported(ref) as app_dir, serve(app_dir, label) as server:
        warm = asyncio.run(_warm_up(server.url))
        rss_start = server.rss_mb()
        result = asyncio.run(
            asyncio.wait_for(_class(server.url, args.sessions, args.steps, server), args.timeout)
        )
        rss_closed = server.rss_mb()
        rss_settled, waited = _settle(server, rss_start, args.settle)
        return {
            "version": label,
            "ref": ref or "working tree",
            **warm,
            **result,
            "rss_after_warmup_mb": round(rss_start, 1),
            "rss_at_close_mb": round(rss_closed, 1),
            "rss_settled_mb": rss_settled,
            "settle_waited_s": waited,
        }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--before", default=BASELINE, help="git ref of the 'before' app (default %(default)s)")
    p.add_argument("--only", choices=["before", "after"], help="measure one version only")
    p.add_argument("--sessions", type=int, default=30)
    p.add_argument("--steps", type=int, default=5)
    p.add_argument("--timeout", type=float, default=600, help="seconds per version (default %(default)s)")
    p.add_argument("--settle", type=float, default=240, help="seconds to wait for memory after closing")
    args = p.parse_args(argv)
    args.sessions = max(1, min(args.sessions, 60))
    args.steps = max(1, min(args.steps, min(20, WINDOW_SIZE - 1)))
    out = {"load_average_start": load_average(), "versions": []}
    for label, ref in (("before", args.before), ("after", None)):
        if args.only and args.only != label:
            continue
        out["versions"].append(run_version(label, ref, args))
        print(json.dumps(out["versions"][-1]), flush=True)
    out["load_average_end"] = load_average()
    print(json.dumps(out, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
