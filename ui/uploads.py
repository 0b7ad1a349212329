"""Uploads, bounded on the server: a file's size is checked before it is read, big reads take turns.

Streamlit enforces a ``file_uploader``'s ``max_upload_size`` in the browser only; on the server every
upload request is bounded by ``server.maxUploadSize`` (``.streamlit/config.toml``), which is therefore
set to the largest file the app needs (:data:`SERVER_MAX_UPLOAD_MB`). Each uploader's own limit is
checked here from the uploaded file's size, before its bytes are read or copied.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import streamlit as st

from ui.state import md_escape

__all__ = ["EEZ_MAX_MB", "RECORDS_MAX_MB", "SERVER_MAX_UPLOAD_MB", "bytes_within", "one_at_a_time"]

#: The records uploader's limit, MB (the browser's; the server checks geo.records.MAX_UPLOAD_BYTES).
RECORDS_MAX_MB = 5
#: The EEZ uploader's limit, MB (Marine Regions' World EEZ v12 zip is 122 MB; its .gpkg unzipped more).
EEZ_MAX_MB = 300
#: ``server.maxUploadSize`` must be this: the largest upload any page accepts.
SERVER_MAX_UPLOAD_MB = max(RECORDS_MAX_MB, EEZ_MAX_MB)


def bytes_within(up: Any, *, max_bytes: int, what: str) -> bytes | None:
    """The uploaded file's bytes, or None (with an error shown) when it is larger than ``max_bytes``.

    The size is taken from the upload's record (``UploadedFile.size``) before anything is read, so an
    oversized file sent around the browser's check costs no copy and no parsing.
    """
    size = int(getattr(up, "size", 0) or 0)
    if size > max_bytes:
        st.error(
            f"{what} {md_escape(up.name, limit=80)} is {size / 1e6:,.1f} MB, larger than the "
            f"{max_bytes / 1e6:,.1f} MB this page accepts."
        )
        return None
    data: bytes = up.getvalue()
    return data


_TURNS: dict[str, threading.BoundedSemaphore] = {"eez": threading.BoundedSemaphore(1)}


@contextmanager
def one_at_a_time(kind: str) -> Iterator[bool]:
    """Whether this session may do a ``kind`` of heavy work now (True), or another session is (False).

    Reading an EEZ upload unpacks up to 1 GB to disk and parses it into memory: one at a time per
    server process keeps two visitors (or one, twice) from doubling that.
    """
    turn = _TURNS[kind]
    got = turn.acquire(blocking=False)
    try:
        yield got
    finally:
        if got:
            turn.release()
