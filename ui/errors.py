"""What a visitor sees when something fails: a plain message, never a traceback or a server path.

Streamlit's own error display is off (``client.showErrorDetails = "none"`` in ``.streamlit/config.toml``:
an uncaught exception shows only a generic notice). On top of that every page runs its body inside
:func:`page_guard`, which turns an unexpected exception into a short message saying what failed and
what to try, with a reference the visitor can quote; the traceback goes to the server log under that
reference. Messages the app does show from an exception (a file that cannot be read, say) go through
:func:`public_message`, which removes server paths.
"""

from __future__ import annotations

import logging
import re
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st

__all__ = ["LOG", "failure_note", "log_unexpected", "page_guard", "public_message"]

#: The app's logger (stderr of the Streamlit server, next to Streamlit's own log).
LOG = logging.getLogger("launch_atlas")
if not LOG.handlers:
    _handler = logging.StreamHandler(sys.stderr)
    _handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    LOG.addHandler(_handler)
    LOG.setLevel(logging.INFO)
    LOG.propagate = False

# An absolute POSIX or Windows path (not the "//host/..." of a URL, not "km/h"): keep its last part.
_PATH = re.compile(r"(?<![\w:/\\.])(?:[A-Za-z]:[\\/]|/)(?:[^\s'\"<>|:*?/\\]+[\\/])+([^\s'\"<>|:*?/\\]*)")


def public_message(error: object, *, limit: int = 600) -> str:
    """The text of ``error`` fit to show a visitor: absolute server paths reduced to their last part.

    ``"/tmp/launch-atlas-eez-1x2/upload.gpkg: not a GeoPackage"`` becomes ``"upload.gpkg: not a
    GeoPackage"``. Shortened to ``limit`` characters. Markup is *not* escaped here (use
    ``ui.state.md_escape`` or ``html.escape`` for where it is shown).

    >>> public_message("cannot open /srv/app/data/x.gpkg, see http://example.org/a/b")
    'cannot open x.gpkg, see http://example.org/a/b'
    """
    text = _PATH.sub(lambda m: m.group(1) or "…", str(error))
    return text if len(text) <= limit else text[:limit] + "…"


def log_unexpected(what: str) -> str:
    """Log the exception being handled, with a new reference; return that reference (8 hex digits)."""
    ref = uuid.uuid4().hex[:8]
    LOG.exception("unexpected error %s (ref %s)", what, ref)
    return ref


def failure_note(what: str, error: BaseException) -> str:
    """A short note for a result the page could not compute, from inside the ``except`` block.

    A ``ValueError`` from the core says what is wrong with the input: its message is shown (server
    paths removed). Anything else is unexpected: it is logged with a reference and the note only says
    that ``what`` is not available, quoting the reference.
    """
    if isinstance(error, ValueError):
        return public_message(error, limit=300)
    return f"{what} is not available (reference {log_unexpected(what)})"


@contextmanager
def page_guard(what: str, advice: str) -> Iterator[None]:
    """Run a page body; an unexpected exception becomes a plain message, its details go to the log.

    Parameters
    ----------
    what : str
        What was being done, for the message: ``"drawing the map"``.
    advice : str
        What the visitor can try: ``"Pick another launch, or reload the page."``

    Streamlit's control flow (``st.rerun``, ``st.stop``, ``st.switch_page``) is not an ``Exception``
    and passes through.
    """
    try:
        yield
    except Exception:
        ref = log_unexpected(what)
        st.error(
            f"Something went wrong while {what}. {advice} If it keeps happening, please report it "
            f"with the reference **{ref}** (the details are in the server log).",
            icon=":material/error:",
        )
