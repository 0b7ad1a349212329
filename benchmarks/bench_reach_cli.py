"""Benchmark: ``python -m geo reach`` as a user runs it, in the box the CLI tests use (1 GB of
address space), issue 11 follow-up.

Run from the project root::

    .venv/bin/python benchmarks/bench_reach_cli.py            # best of 3
    .venv/bin/python benchmarks/bench_reach_cli.py --repeat 1

Each case is a fresh process (imports, catalogue, gazetteer, geocoding, world cities, the reach
areas, the JSON on stdout to /dev/null). Figures: process CPU time (user + system, from the
children's rusage: not inflated by other processes on a shared machine), best of ``--repeat``, and
peak resident memory. Nothing is asserted (timings never belong in tests; the tests hold the 10 s
and 1 GB bounds in tests/test_cli_edges.py).
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIMIT_BYTES = 1024**3

CASES = [
    ("rail launch (county), 20,000 km", ["--event", "2021-09-15-1", "--ranges", "20000"]),
    ("rail launch, the issue's ranges", ["--event", "2021-09-15-1", "--ranges", "1,5000,10000,15000,20000"]),
    (
        "cruise missile (all of North Korea), the issue's ranges",
        ["--event", "2021-09-11-c1", "--ranges", "1,5000,10000,15000,20000"],
    ),
    ("North Korea, 20,000 km", ["--event", "2021-09-11-c1", "--ranges", "20000"]),
    (
        "North Korea, the five costliest ranges allowed",
        ["--event", "2021-09-11-c1", "--ranges", "5000,9500,10500,13000,19900"],
    ),
    (
        "North Korea, ten ranges from 19,940 km",
        [
            "--event",
            "2021-09-11-c1",
            "--ranges",
            "19940,19941,19950,19960,19970,19980,19990,19995,19999,20000",
        ],
    ),
    (
        "North Korea, ten ranges 4,000-8,500 km (refused: 9,890 rings)",
        ["--event", "2021-09-11-c1", "--ranges", "4000,4500,5000,5500,6000,6500,7000,7500,8000,8500"],
    ),
]


def _limit() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (LIMIT_BYTES, LIMIT_BYTES))


def run_once(args: list[str]) -> tuple[int, float, float | str]:
    """(exit code, CPU seconds, peak RSS MB of this child, or why it died)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    code = f"import resource, runpy, sys; sys.argv = ['geo', 'reach', *{args!r}]\n"
    code += (
        "try:\n    runpy.run_module('geo', run_name='__main__')\nexcept SystemExit as e:\n    rc = e.code\n"
    )
    code += "else:\n    rc = 0\n"
    code += "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr); sys.exit(rc)\n"
    proc = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        preexec_fn=_limit,
        check=False,
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    last = (proc.stderr.decode("utf-8", "replace").strip().splitlines() or [""])[-1]
    try:
        return proc.returncode, cpu, float(last) / 1024.0
    except ValueError:  # died before printing it (MemoryError in the 1 GB box, say)
        return proc.returncode, cpu, last.split(":")[0].rsplit(".", 1)[-1] or "no output"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    opts = parser.parse_args()
    print("| case | exit | CPU (best) | peak memory |")
    print("|---|---|---|---|")
    for label, args in CASES:
        runs = [run_once(args) for _ in range(opts.repeat)]
        code = runs[0][0]
        cpu = min(r[1] for r in runs)
        rss = runs[0][2]
        memory = f"{max(float(r[2]) for r in runs):.0f} MB" if isinstance(rss, float) else f"died: {rss}"
        print(f"| {label} | {code} | {cpu:.1f} s | {memory} |", flush=True)


if __name__ == "__main__":
    main()
