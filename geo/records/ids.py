"""Record ids for rows that come without one: stable, deterministic, never a catalogue id.

A user's file, a report read by :func:`geo.read_report` or a launch added by hand need no ``id``:
:func:`generated_id` derives one from the record's content, ``<date>-u<6 hex digits>``
(``2021-09-15-u3f9a1c``). The same record always gets the same id (importing a file twice gives the
same ids, so a record is recognised when it comes back), and the catalogue's ids
(``YYYY-MM-DD-N``, curated ``YYYY-MM-DD-cN``) never have a ``u`` after the date, so a generated
id cannot be one of them. Two rows with the same content (two missiles of a salvo given as two
identical lines) are told apart by :func:`unique_id`: ``…-u3f9a1c``, ``…-u3f9a1c-2``.

Examples
--------
>>> a = generated_id({"date": "2021-09-15", "launch_place": "Sohae", "distance_km": 800.0})
>>> a == generated_id({"distance_km": 800.0, "launch_place": "Sohae", "date": "2021-09-15"})
True
>>> a.startswith("2021-09-15-u"), is_generated_id(a), is_generated_id("2021-09-15-1")
(True, True, False)
>>> unique_id(a, {a}) == a + "-2"
True
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections.abc import Collection, Mapping
from typing import Any

__all__ = ["GENERATED_ID_PATTERN", "generated_id", "is_generated_id", "unique_id"]

#: What a generated id looks like: the record's date (day, month or year), ``-u``, six hex digits,
#: and ``-N`` when several records share the content.
GENERATED_ID_PATTERN = re.compile(r"^(?:\d{4}(?:-\d{2}){0,2}|undated)-u[0-9a-f]{6}(?:-\d+)?$")
_IGNORED = frozenset({"id", "record_origin", "date_start", "geometry"})


def _canonical(value: Any) -> str | None:
    """A value as stable text (``None`` for empty): numbers by value, so 800, 800.0 and '800' agree."""
    if value is None or value is Ellipsis:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        v = float(value)
        if math.isnan(v):
            return None
        return repr(int(v)) if v.is_integer() and abs(v) < 1e15 else repr(v)
    text = str(value).strip()
    if text in ("", "nan", "<NA>", "None"):
        return None
    return text


def generated_id(record: Mapping[str, Any], *, ignore: Collection[str] = ()) -> str:
    """The id a record without one gets: ``<date>-u<first 6 hex digits of a digest of its content>``.

    Parameters
    ----------
    record : mapping
        Column -> value (the catalogue's columns; others count too). ``id``, ``record_origin``,
        ``date_start`` and ``geometry`` never count, nor empty values, so an id does not depend on
        the file's name or on columns left empty.
    ignore : collection of str, keyword-only
        More columns to leave out (e.g. ``sources`` when it only repeats the file's name).

    Returns
    -------
    str
        ``YYYY-MM-DD-uXXXXXX`` (or ``YYYY-MM-…`` / ``YYYY-…`` for a month or a year, ``undated-…``).
    """
    date = _canonical(record.get("date")) or "undated"
    if not re.fullmatch(r"\d{4}(?:-\d{2}){0,2}", date):
        date = "undated"
    skip = _IGNORED | set(ignore)
    items = sorted(
        (str(k), text)
        for k, v in record.items()
        if str(k) not in skip and (text := _canonical(v)) is not None
    )
    payload = json.dumps(items, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return f"{date}-u{hashlib.blake2b(payload, digest_size=8).hexdigest()[:6]}"


def is_generated_id(record_id: str) -> bool:
    """True for an id made by :func:`generated_id` / :func:`unique_id` (never a catalogue id)."""
    return bool(GENERATED_ID_PATTERN.match(record_id))


def unique_id(base: str, taken: Collection[str]) -> str:
    """``base`` if it is not taken, else ``base-2``, ``base-3``… (the first one free)."""
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"
