"""From report events to the catalogue's records and to GeoJSON.

Read events (:class:`~geo.geocoding.events.ReportEvent`) become *draft records* in the catalogue
schema (:data:`geo.records.CATALOGUE_COLUMNS`) and travel the same path as any import: they go
through :func:`geo.records.validate_records`, so a draft without a date (or with a bad value) is
rejected with a :class:`~geo.records.RecordError` naming the field, never silently dropped.
:func:`events_geojson` writes the ``python -m geo read`` FeatureCollection: one Feature per event,
geometry = the launch region (lon/lat, RFC 7946, counter-clockwise) or ``null``.

Examples
--------
>>> from geo.geocoding.index import Gazetteer
>>> from geo.geocoding.report import read_report
>>> events = read_report("North Korea fired two ballistic missiles on Sept. 15, 2021, from Yangdok county.",
...                      gazetteer=Gazetteer.load())
>>> result = report_records(events, source="example")
>>> rec = result.records.iloc[0]
>>> rec["date"], rec["country"], int(rec["salvo_size"]), rec["launch_place"]
('2021-09-15', 'KP', 2, 'Yangdok County')
>>> events_geojson(events)["features"][0]["properties"]["evidence"]["date"]
[44, 58]
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from geo.geocoding.events import REPORT_FIELDS, ReportEvent
from geo.geocoding.regions import round_coords
from geo.records import LANDING_AREAS, ValidationResult, validate_records

__all__ = ["GEOJSON_PROPERTIES", "event_feature", "event_record", "events_geojson", "report_records"]

#: Properties of each Feature written by :func:`events_geojson`, in order.
GEOJSON_PROPERTIES: tuple[str, ...] = (
    "date", "time_utc", "country", "count", "count_min", "missile", "system_type", "launch_place",
    "launch_lon", "launch_lat", "launch_uncertainty_km", "distance_km", "apogee_km", "bearing_deg",
    "landing_place", "landing_lon", "landing_lat", "landing_uncertainty_km", "eez_reported", "eez_state",
    "background", "evidence",
)  # fmt: skip
_EEZ_NAMES = {
    "JP": "Japan",
    "KR": "South Korea",
    "CN": "China",
    "RU": "Russia",
    "TW": "Taiwan",
    "PH": "Philippines",
}


def _clean(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def event_record(event: ReportEvent, *, record_id: str, source: str = "report") -> dict[str, Any]:
    """One event as a draft record in the catalogue schema (raw values, not yet validated).

    Parameters
    ----------
    event : ReportEvent
        A read event.
    record_id : str, keyword-only
        The record's ``id``.
    source : str, keyword-only
        Where the report came from (a URL or a file name): ``sources`` and ``record_origin``.

    Returns
    -------
    dict
        Catalogue column -> value (``None`` where the report says nothing). The launch point is
        ``launch_lon``/``launch_lat`` (degrees) with ``launch_uncertainty_km`` (the geocoded
        region's radius); ``location_precision`` is ``"area"`` (a region, not a point).
    """
    v = event.value
    count = v("count") if v("count") is not None else v("count_min")
    landing = event.landing
    eez = v("eez_reported")
    eez_text = None
    if eez is not None:
        state = _EEZ_NAMES.get(str(v("eez_state")), str(v("eez_state") or "Japan"))
        eez_text = f"{'partly inside' if eez == 'partly' else eez} {state} EEZ (report)"
    bearing = event.fields["bearing_deg"]
    notes = "read from a report" + ("; background launch mentioned in the report" if event.background else "")
    if v("count") is None and v("count_min") is not None:
        notes += f"; at least {v('count_min')} missiles"
    has_point = v("launch_lon") is not None and v("launch_lat") is not None
    return {
        "id": record_id,
        "date": v("date"),
        "time_utc": v("time_utc"),
        "country": v("country"),
        "system_id": event.system_id or None,
        "system_name": v("missile"),
        "system_type": v("system_type"),
        "platform": v("platform"),
        "platform_basis": f"report: {event.fields['platform'].evidence}" if v("platform") else None,
        "launch_place": v("launch_place"),
        "launch_lon": v("launch_lon"),
        "launch_lat": v("launch_lat"),
        "location_precision": "area" if has_point else ("unreported" if not v("launch_place") else None),
        "launch_uncertainty_km": v("launch_uncertainty_km"),
        "apogee_km": _clean(v("apogee_km")),
        "distance_km": _clean(v("distance_km")),
        "bearing_deg": v("bearing_deg"),
        "bearing_source": f"report: {bearing.evidence}" if bearing.value is not None else None,
        "bearing_is_placeholder": False,
        "outcome": "unknown",
        "landing_area": landing.entry_id
        if landing is not None and landing.entry_id in LANDING_AREAS
        else None,
        "landing_label": v("landing_place"),
        "eez_reported": eez_text,
        "salvo_size": count,
        "record_origin": "report",
        "sources": source,
        "notes": notes,
    }


def report_records(
    events: Sequence[ReportEvent], *, source: str = "report", id_prefix: str = "report"
) -> ValidationResult:
    """Draft records of ``events`` checked by :func:`geo.records.validate_records`, like any import.

    Ids are ``<id_prefix>-<date>-<n>`` (``n`` = the event's position in the report, from 1).
    Drafts with problems (no date, a value out of range) are rejected with errors naming the field.

    Returns
    -------
    geo.records.ValidationResult
        ``records`` (the valid drafts, catalogue schema), ``errors``, ``summary``.
    """
    rows = [
        event_record(ev, record_id=f"{id_prefix}-{ev.value('date') or 'undated'}-{n}", source=source)
        for n, ev in enumerate(events, start=1)
    ]
    return validate_records(rows, source=source, mode="upload")


def event_feature(event: ReportEvent) -> dict[str, Any]:
    """One event as an RFC 7946 Feature: geometry = the launch region (lon/lat) or ``None``.

    Properties are :data:`GEOJSON_PROPERTIES`: ``date`` is the local launch date ``YYYY-MM-DD``
    (``null`` when the report gives no day), ``evidence`` maps each field with evidence to its
    ``[start, end]`` character span in the report.
    """
    props: dict[str, Any] = {}
    for name in GEOJSON_PROPERTIES:
        if name == "background":
            props[name] = event.background
        elif name == "evidence":
            props[name] = {k: [a, b] for k, (a, b) in event.evidence.items()}
        elif name == "date":
            d = event.value("date")
            props[name] = d if isinstance(d, str) and len(d) == 10 else None
        else:
            props[name] = _clean(event.value(name)) if name in REPORT_FIELDS else None
    geometry = event.launch.to_feature()["geometry"] if event.launch is not None else None
    return {"type": "Feature", "geometry": round_coords(geometry), "properties": props}


def events_geojson(events: Sequence[ReportEvent]) -> dict[str, Any]:
    """A FeatureCollection with one Feature per event (:func:`event_feature`), in report order."""
    return {"type": "FeatureCollection", "features": [event_feature(ev) for ev in events]}
