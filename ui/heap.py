"""The app's long-lived data kept out of the garbage collector's way (once per server process).

Streamlit collects garbage after every script run (``runner.postScriptGC``), and a full collection
walks every object the process holds: with the catalogue, the basemap and maritime layers, the
gazetteer and the world's cities loaded, that was 0.15 s of CPU per rerun, two thirds of a Next step,
and 30 students pressing Next together waited for 30 of them. After the first page run, what is alive
is the app's shared data (modules, caches): :func:`gc.freeze` moves it to the permanent generation, so
later collections only walk what sessions create, and still free it (memory returns after a class).
"""

from __future__ import annotations

import gc
import threading

__all__ = ["freeze_shared_heap"]

_lock = threading.Lock()
_frozen = False


def freeze_shared_heap() -> bool:
    """Collect, then freeze everything alive, the first time it is called in this process.

    Call it after a page has run (the shared data is loaded by then). Returns True when this call
    froze the heap. Objects alive at that moment are never collected as cycles afterwards (they are
    still freed when their reference count drops): the first session's share of them is small and
    left once per process.
    """
    global _frozen
    with _lock:
        if _frozen:
            return False
        gc.collect()
        gc.freeze()
        _frozen = True
        return True
