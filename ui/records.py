"""The session's records: the catalogue and the visitor's own launches, one table for every page.

A visitor adds launches from a file (Import), a report (Read a report) or the "add a launch" form;
each addition is a *batch* kept in ``st.session_state`` (this visitor's session only: nothing is
written on the server, and it is gone when the tab is closed). :func:`session_records` is the one
table the pages use: the catalogue plus every batch, admitted by :func:`geo.recordset.admit_records`
(places located, ids unique, the origin marked), sorted like the catalogue.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

import pandas as pd
import streamlit as st

import geo
from geo.recordset import ORIGIN_COLUMN, ORIGINS, Admission, Origin
from ui import data

__all__ = [
    "ORIGIN_COLUMN",
    "Batch",
    "add_records",
    "batches",
    "content_digest",
    "find_record",
    "origin_label",
    "remove_batch",
    "session_records",
    "user_records",
]

_K_BATCHES = "la_user_batches"
_K_CACHE = "_la_session_records"
#: Most records a session may hold besides the catalogue (a file is at most 20,000 rows).
MAX_SESSION_RECORDS = 20_000


@dataclass(frozen=True)
class Batch:
    """Launches the visitor added in one go.

    Attributes
    ----------
    key : str
        Unique in the session: ``import:<file name>``, ``report:<digest of the text>``, ``form``.
        Adding a batch with the key of an earlier one replaces it (a corrected file, a report read
        again with corrections).
    origin : {"import", "report", "form"}
    name : str
        What the visitor sees (the file's name, the report's first words, "added by hand").
    records : DataFrame
        The admitted records (catalogue columns, ``date_start``, ``origin``).
    digest : str
        Digest of what the batch was made from, to skip re-reading the same upload on a rerun.
    """

    key: str
    origin: str
    name: str
    records: pd.DataFrame
    digest: str = ""


def content_digest(data: bytes | str) -> str:
    """A short digest of an upload or a text (identifies "the same content again")."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return hashlib.blake2b(raw, digest_size=12).hexdigest()


def batches() -> list[Batch]:
    """The visitor's batches, in the order they were added."""
    found = st.session_state.get(_K_BATCHES)
    return list(found) if isinstance(found, list) else []


def _store(items: list[Batch]) -> None:
    st.session_state[_K_BATCHES] = items
    st.session_state.pop(_K_CACHE, None)


def user_records() -> pd.DataFrame:
    """Every launch the visitor added (all batches), or an empty frame."""
    parts = [b.records for b in batches() if len(b.records)]
    if not parts:
        return pd.DataFrame(columns=[*geo.CATALOGUE_COLUMNS, "date_start", ORIGIN_COLUMN])
    return pd.concat(parts, ignore_index=True)


def session_records() -> pd.DataFrame:
    """The catalogue and the visitor's launches as one table, sorted by date and time.

    Columns: the catalogue's, ``date_start`` and ``origin`` (a key of :data:`geo.recordset.ORIGINS`).
    Kept per session until a batch is added or removed.
    """
    cached = st.session_state.get(_K_CACHE)
    if isinstance(cached, pd.DataFrame):
        return cached
    items = batches()
    cat = data.catalogue()
    if not items:
        frame = cat.assign(**{ORIGIN_COLUMN: "catalogue"})
    else:
        base = cat.drop(columns=[ORIGIN_COLUMN], errors="ignore")
        frame = data._normalise(geo.combine_records(base, [b.records for b in items]))
    st.session_state[_K_CACHE] = frame
    return frame


def find_record(record_id: str) -> pd.Series | None:
    """The session's record with this id, or None."""
    frame = session_records()
    hit = frame[frame["id"] == record_id]
    return None if hit.empty else hit.iloc[0]


def origin_label(origin: Any, name: str = "") -> str:
    """Where a record came from, in the app's words ("your import", "from a report", ...)."""
    label = ORIGINS.get(str(origin), "catalogue")
    return f"{label} ({name})" if name and origin != "catalogue" else label


def add_records(
    records: pd.DataFrame,
    *,
    origin: Origin,
    key: str,
    name: str,
    digest: str = "",
    rows: list[int] | None = None,
    append: bool = False,
) -> Admission:
    """Admit ``records`` (valid, from :func:`geo.validate_records` or a reader) as the batch ``key``.

    The batch ``key`` is replaced (``append``: extended) by the admitted records; records already in
    the session are recognised and not added twice (see :func:`geo.recordset.admit_records`).
    """
    items = batches()
    old = next((b for b in items if b.key == key), None)
    rest = [b for b in items if b.key != key]
    kept_before = old.records if (append and old is not None) else None
    existing = geo.combine_records(
        data.catalogue().drop(columns=[ORIGIN_COLUMN], errors="ignore"),
        [b.records for b in rest] + ([kept_before] if kept_before is not None else []),
    )
    room = MAX_SESSION_RECORDS - (len(existing) - len(data.catalogue()))
    admitted = geo.admit_records(
        records.iloc[: max(room, 0)], origin=origin, existing=existing, gazetteer=data._gazetteer(), rows=rows
    )
    if len(records) > room:
        admitted.errors.append(
            geo.RecordError(
                0,
                None,
                "(session)",
                f"at most {MAX_SESSION_RECORDS:,} records of your own in one session",
                f"{len(records) - max(room, 0):,} more",
            )
        )
    new = admitted.records
    if kept_before is not None and len(kept_before):
        new = pd.concat([kept_before, new], ignore_index=True)
    batch = Batch(key=key, origin=origin, name=name, records=new, digest=digest)
    position = next((i for i, b in enumerate(items) if b.key == key), len(rest))
    _store([*rest[:position], batch, *rest[position:]] if len(new) else rest)
    return admitted


def remove_batch(key: str) -> None:
    """Forget the batch ``key`` (its records leave every page)."""
    _store([b for b in batches() if b.key != key])
