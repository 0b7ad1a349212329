"""Server time of a Previous/Next step on the Map page with reach bands on (issue 11).

Opens the Map page (Streamlit AppTest, the real page script) on a launch with the default ranges
(800 and 1,500 km) drawn as reach bands of the launch area, then presses ▶ Next ``--steps`` times
and measures each rerun. Two passes over the same steps: the first computes every launch area's
bands (the app caches them per area and range, across sessions, in ``st.cache_data``), the second
is what every later visitor gets. Time is process CPU time (``time.process_time``: the machine is
shared), best of ``--repeat`` for the warm pass.

    .venv/bin/python benchmarks/bench_map_step.py                 # 20 steps from 2021-09-11
    .venv/bin/python benchmarks/bench_map_step.py --start 2022-01-05-1 --steps 30
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from streamlit.testing.v1 import AppTest  # noqa: E402


def _run(at: AppTest) -> float:
    t = time.process_time()
    at.run()
    dt = time.process_time() - t
    if at.exception:
        raise SystemExit(f"the page failed: {at.exception}")
    return dt


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--start", default="2021-09-11-c1", help="launch id to start from")
    p.add_argument("--steps", type=int, default=20)
    p.add_argument("--repeat", type=int, default=3, help="warm passes (best of)")
    args = p.parse_args()

    at = AppTest.from_file(str(ROOT / "pages" / "map.py"), default_timeout=300)
    at.query_params["event"] = args.start
    first = _run(at)
    ids = [str(at.session_state["m_event"])]
    cold = []
    for _ in range(args.steps):
        at.button(key="m_next").click()
        cold.append(_run(at))
        ids.append(str(at.session_state["m_event"]))
    warm_best = [float("inf")] * args.steps
    for _ in range(args.repeat):
        at.query_params["event"] = args.start
        at.session_state["m_event"] = args.start
        _run(at)
        for i in range(args.steps):
            at.button(key="m_next").click()
            warm_best[i] = min(warm_best[i], _run(at))
    print(f"first page load ({ids[0]}): {first:.2f} s CPU")
    print(
        f"{args.steps} steps ▶ from {ids[0]} to {ids[-1]}, bands on (800 and 1,500 km), CPU seconds per step:"
    )
    print(
        f"  first visit (bands computed): median {statistics.median(cold):.3f}, max {max(cold):.3f} "
        f"({sum(c > 0.5 for c in cold)} of {len(cold)} over 0.5 s)"
    )
    print(
        f"  cached (best of {args.repeat}):        median {statistics.median(warm_best):.3f}, "
        f"max {max(warm_best):.3f} ({sum(c > 0.5 for c in warm_best)} of {len(warm_best)} over 0.5 s)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
