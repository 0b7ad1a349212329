"""A visitor's own launches: the cost of each step of the one path (issue 9, items 6 and 7).

    .venv/bin/python benchmarks/bench_records.py

Process CPU time (``time.process_time``; the machine is shared), best of N, after the gazetteer, the
catalogue and the maritime layers are loaded (the app keeps them). Steps:

- ``report -> drafts``: :func:`geo.read_report` of the sample report (or the seed report when
  ``../shared`` is beside the clone), :func:`geo.draft_rows` and :func:`geo.validate_records`;
- ``highlight``: the report's HTML with the evidence highlighted (:func:`geo.highlight_html`);
- ``admit 1``: :func:`geo.admit_records` of one launch that names only a place (geocoded);
- ``admit 351``: the Events page's CSV of the catalogue and two launches of a visitor, read back
  (:func:`geo.records.read_records_csv`) and admitted (every row recognised or added);
- ``combine``: the session's table (:func:`geo.combine_records`, catalogue and one batch);
- ``EEZ claim``: :func:`geo.check_eez_claim` of one estimated point (distance to the EEZ's limit).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import geo  # noqa: E402
from geo.geocoding import Gazetteer  # noqa: E402

SEED = ROOT.parent / "shared" / "data" / "reports" / "2021-09-16_rail-borne-missiles.txt"
SAMPLE = ROOT / "tests" / "data" / "reports" / "example_report.txt"


def best_cpu(fn: Callable[[], Any], n: int) -> float:
    """Best process CPU seconds of ``n`` calls of ``fn``."""
    best = float("inf")
    for _ in range(n):
        t = time.process_time()
        fn()
        best = min(best, time.process_time() - t)
    return best


def main() -> None:
    gaz = Gazetteer.load()
    cat = geo.records.load_catalogue()
    zones = geo.maritime.MaritimeZones.load()
    path = SEED if SEED.exists() else SAMPLE
    text = path.read_text(encoding="utf-8")
    gaz.mentions(text)  # builds the mention index once, as the app's first reading does

    def drafts() -> Any:
        events = geo.read_report(text, published="2021-09-16", gazetteer=gaz)
        return events, geo.validate_records(geo.draft_rows(events, source=path.name, gazetteer=gaz))

    events, checked = drafts()
    one = geo.records.read_records_csv(b"date,place,distance\n2030-06-01,Sinpo,800\n").records
    mine = geo.admit_records(checked.records, origin="report", existing=cat, gazetteer=gaz).records
    session = geo.combine_records(cat, [mine])
    csv = geo.export_bytes(geo.build_view_content(session), "csv")

    def admit_one() -> Any:
        return geo.admit_records(one, origin="form", existing=cat, gazetteer=gaz)

    def readback() -> Any:
        back = geo.records.read_records_csv(csv, max_bytes=50_000_000)
        return geo.admit_records(back.records, origin="import", existing=session, gazetteer=gaz)

    adm = readback()
    assert len(adm.duplicates) == len(session), "the Events CSV must read back whole"
    steps: list[tuple[str, Callable[[], Any], int]] = [
        (f"report -> drafts ({path.name}, {len(text):,} chars)", drafts, 10),
        ("highlight", lambda: geo.highlight_html(text, events), 20),
        (
            "admit 1 (place words)",
            lambda: geo.admit_records(one, origin="form", existing=cat, gazetteer=gaz),
            10,
        ),
        (f"admit {len(session)} (Events CSV read back)", readback, 5),
        ("combine (catalogue + batch)", lambda: geo.combine_records(cat, [mine]), 20),
        ("EEZ claim", lambda: geo.check_eez_claim(zones, "inside", "JP", lon=136.07, lat=40.16), 20),
    ]
    print(f"{'step':<66} {'best CPU s':>10}")
    for name, fn, n in steps:
        print(f"{name:<66} {best_cpu(fn, n):>10.4f}")


if __name__ == "__main__":
    main()
