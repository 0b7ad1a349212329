"""ui.heap: the app's shared data is frozen once per process, so collections after a rerun are cheap."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

_SCRIPT = """
import gc, time
from ui.heap import freeze_shared_heap
shared = [[i, {"x": [float(i)]}] for i in range(300_000)]  # long-lived data, as the app's caches
t0 = time.process_time(); gc.collect(); before = time.process_time() - t0
first, again = freeze_shared_heap(), freeze_shared_heap()
t0 = time.process_time(); gc.collect(); after = time.process_time() - t0
import weakref
class Node: pass  # a cycle made after the freeze is still collected
n = Node(); n.self = n; ref = weakref.ref(n); del n; gc.collect()
print(first, again, gc.get_freeze_count() >= 300_000, after < before / 5, ref() is None)
"""


def test_the_shared_heap_is_frozen_once_and_later_garbage_is_still_collected() -> None:
    out = subprocess.run(
        [sys.executable, "-c", _SCRIPT], cwd=ROOT, capture_output=True, text=True, check=True, timeout=120
    ).stdout.split()
    assert out == ["True", "False", "True", "True", "True"]
