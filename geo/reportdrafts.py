"""Draft records of a read report that a reader corrects before adding them to the map.

:func:`draft_rows` turns the events of :func:`geo.read_report` into raw rows of the catalogue schema
(:func:`geo.geocoding.event_record`, ids left to the validator: ``<date>-u<6 hex>`` from the content);
a reader edits them in a table (:data:`DRAFT_COLUMNS`), :func:`edited_rows` merges the edits so that a
corrected place is placed again, and :func:`geo.records.validate_records` checks them like any import
before :func:`geo.recordset.admit_records` adds them to the session's records.

A launch place the gazetteer knows by name keeps ``location_precision = "place name"``, so the map
draws the place's own shape (a county, a region) with the point and radius the reader saw, rather than
a disc around the point.

Examples
--------
>>> from geo.geocoding import Gazetteer, read_report
>>> gaz = Gazetteer.load()
>>> text = "North Korea fired two missiles from Yangdok county on Sept. 15, 2021."
>>> events = read_report(text, gazetteer=gaz)
>>> rows = draft_rows(events, source="pasted text", gazetteer=gaz)
>>> rows[0]["launch_place"], rows[0]["location_precision"], rows[0]["salvo_size"]
('Yangdok County', 'place name', 2)
>>> fixed = edited_rows(rows, [{**rows[0], "launch_place": "Sinpo"}])
>>> fixed[0]["launch_place"], fixed[0]["launch_lon"], fixed[0]["location_precision"]
('Sinpo', None, 'place name')
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from geo.geocoding.drafts import event_record
from geo.geocoding.events import ReportEvent
from geo.geocoding.index import Gazetteer
from geo.geocoding.result import GeocodeError

__all__ = ["DRAFT_COLUMNS", "draft_rows", "edited_rows"]

#: Columns a reader sees and may correct, with their headings (catalogue column -> heading).
DRAFT_COLUMNS: dict[str, str] = {
    "date": "Date (local, YYYY-MM-DD)",
    "time_utc": "Time (UTC, HH:MM)",
    "country": "Country (ISO code)",
    "salvo_size": "Missiles",
    "system_type": "Type",
    "system_name": "Missile",
    "platform": "Vehicle",
    "launch_place": "Launch place",
    "launch_lon": "Launch lon (°E)",
    "launch_lat": "Launch lat (°N)",
    "launch_uncertainty_km": "± km",
    "distance_km": "Distance (km)",
    "apogee_km": "Apogee (km)",
    "bearing_deg": "Direction (° from north)",
    "landing_label": "Landing place",
    "eez_reported": "EEZ (report)",
}
_POINT = ("launch_lon", "launch_lat", "launch_uncertainty_km")


def _same_place(event: ReportEvent, gazetteer: Gazetteer) -> bool:
    """Whether the launch place's label geocodes to the very entry the reader found."""
    launch = event.launch
    if launch is None or not launch.entry_id or not launch.label:
        return False
    try:
        again = gazetteer.geocode(launch.label)
    except (GeocodeError, ValueError):
        return False
    return again.entry_id == launch.entry_id and again.rule == launch.rule


def draft_rows(events: Sequence[ReportEvent], *, source: str, gazetteer: Gazetteer) -> list[dict[str, Any]]:
    """One raw catalogue row per event, in report order (no ``id``: the validator makes one).

    Parameters
    ----------
    events : sequence of ReportEvent
        From :func:`geo.read_report`.
    source : str, keyword-only
        Where the report came from (a URL, a file name, "pasted text"): ``sources``.
    gazetteer : Gazetteer, keyword-only
        The loaded gazetteer (to tell whether a launch place is known by its name).
    """
    rows = []
    for ev in events:
        row = event_record(ev, record_id="", source=source)
        row.pop("id")
        row["record_origin"] = "read from a report in Launch Atlas"
        if row.get("location_precision") == "area" and _same_place(ev, gazetteer):
            row["location_precision"] = "place name"
        rows.append(row)
    return rows


def _blank(value: Any) -> bool:
    if value is None or value is pd.NA:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def _norm(value: Any) -> Any:
    if _blank(value):
        return None
    if isinstance(value, str):
        return " ".join(value.split()).casefold()
    try:
        return round(float(value), 6)
    except (TypeError, ValueError):
        return value


def edited_rows(
    original: Sequence[Mapping[str, Any]], edited: Sequence[Mapping[str, Any]]
) -> list[dict[str, Any]]:
    """The draft rows with a reader's edits (``edited``: rows of :data:`DRAFT_COLUMNS`, same order).

    Each edited value replaces the draft's (a cleared cell becomes None). A changed launch place is
    placed again: its point and radius are dropped and ``location_precision`` becomes ``"place name"``
    (the admission geocodes it; ``"unreported"`` when the place was cleared). Coordinates typed
    without a place change make it a ``"point"`` (the radius kept when given). Rows beyond
    ``original`` (added by the reader) start empty.
    """
    out = []
    for k, new in enumerate(edited):
        base = dict(original[k]) if k < len(original) else {}
        row = dict(base)
        for col in DRAFT_COLUMNS:
            if col in new:
                row[col] = None if _blank(new[col]) else new[col]
        place_changed = _norm(row.get("launch_place")) != _norm(base.get("launch_place"))
        point_changed = any(_norm(row.get(c)) != _norm(base.get(c)) for c in _POINT[:2])
        if place_changed and not point_changed:
            for c in _POINT:
                row[c] = None
            row["location_precision"] = "place name" if row.get("launch_place") else "unreported"
        elif point_changed:
            has_point = not (_blank(row.get("launch_lon")) or _blank(row.get("launch_lat")))
            row["location_precision"] = (
                "point" if has_point else ("place name" if row.get("launch_place") else "unreported")
            )
        out.append(row)
    return out
