"""Garbage collection for a server a class uses at once (once per server process).

Streamlit collects garbage after every script run by default, and a full collection walks every
object the process holds: with the catalogue, the basemap and maritime layers, the gazetteer and the
world's cities loaded, that was 0.15 s of CPU per rerun (two thirds of a Next step), and with 30
sessions stepping at once each collection also walked the other 29 runs' objects (0.13 s per step).
So ``.streamlit/config.toml`` turns that off (``runner.postScriptGC``) and, after the first page run:

- what is alive then is the app's shared data (modules, caches): :func:`gc.freeze` moves it to the
  permanent generation, so no collection walks it again;
- a housekeeping thread collects the rest every :data:`HOUSEKEEPING_S` seconds and gives freed memory
  back to the system (``malloc_trim``), so the server's memory returns after a class, even when no
  one is using the app any more (Python's own collector only runs while objects are being made).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import threading
import time

__all__ = ["HOUSEKEEPING_S", "freeze_shared_heap", "start_housekeeping"]

#: Seconds between two housekeeping collections.
HOUSEKEEPING_S = 20.0

_lock = threading.Lock()
_frozen = False
_housekeeper: threading.Thread | None = None


def _malloc_trim() -> None:
    """Return freed heap memory to the system (glibc; nothing elsewhere)."""
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name) if name else None
        trim = getattr(libc, "malloc_trim", None)
        if trim is not None:
            trim(0)
    except OSError:
        pass


def _housekeep(interval_s: float) -> None:
    while True:
        time.sleep(interval_s)
        gc.collect()
        _malloc_trim()


def start_housekeeping(interval_s: float = HOUSEKEEPING_S) -> bool:
    """Start the housekeeping thread (once per process); True when this call started it."""
    global _housekeeper
    with _lock:
        if _housekeeper is not None:
            return False
        _housekeeper = threading.Thread(
            target=_housekeep, args=(interval_s,), name="launch-atlas-gc", daemon=True
        )
        _housekeeper.start()
        return True


def freeze_shared_heap() -> bool:
    """Collect, freeze everything alive and start the housekeeping, the first time it is called.

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
    start_housekeeping()
    return True
