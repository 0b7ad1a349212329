"""ui.heap: the app's shared data is frozen once per process, the rest is collected on a timer."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

_FREEZE = """
import gc, time
from ui import heap
heap.start_housekeeping = lambda *a, **k: False  # (tested below)
shared = [[i, {"x": [float(i)]}] for i in range(300_000)]  # long-lived data, as the app's caches
t0 = time.process_time(); gc.collect(); before = time.process_time() - t0
first, again = heap.freeze_shared_heap(), heap.freeze_shared_heap()
t0 = time.process_time(); gc.collect(); after = time.process_time() - t0
print(first, again, gc.get_freeze_count() >= 300_000, after < before / 5)
"""

_HOUSEKEEPING = """
import gc, time, weakref
from ui.heap import start_housekeeping
gc.disable()  # no automatic collection: only the housekeeper can free the cycle below
class Node: pass
n = Node(); n.self = n; ref = weakref.ref(n); del n
print(ref() is not None, start_housekeeping(0.1), start_housekeeping(0.1))
time.sleep(1.0)
print(ref() is None)
"""


def _run(script: str) -> list[str]:
    return subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True, timeout=120
    ).stdout.split()


def test_the_shared_heap_is_frozen_once_and_collections_then_skip_it() -> None:
    assert _run(_FREEZE) == ["True", "False", "True", "True"]


def test_the_housekeeper_collects_garbage_made_after_the_freeze() -> None:
    assert _run(_HOUSEKEEPING) == ["True", "True", "False", "True"]


def test_streamlit_does_not_collect_after_every_rerun() -> None:
    """The housekeeping replaces Streamlit's collection after each rerun (config.toml)."""
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["runner"]["postScriptGC"] is False
