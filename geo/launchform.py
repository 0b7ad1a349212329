"""One launch typed into the app's short "add a launch" form, as a raw record for the validator.

The form asks what a news item gives: a date, the place in words (or coordinates), the distance
flown, the direction, the number of missiles and their type. :func:`form_record` turns the answers
into one raw row of the catalogue schema; :func:`geo.records.validate_records` then checks it like
any imported row and :func:`geo.recordset.admit_records` places it (the words are geocoded by the
map's geocoder). Nothing here is evaluated or formatted as markup.

Coordinates typed as the place: ``39.03N 125.75E`` (hemisphere letters, any order, optional ``°``),
or a bare pair when one number cannot be a latitude (``39.03, 125.75`` is read as 39.03°N
125.75°E because 125.75 is not a latitude). Two numbers that could both be latitudes are refused
with a question rather than guessed.

Examples
--------
>>> row, problems = form_record(date="2021-09-15", place="Yangdok county", distance_km=800,
...                             direction="ENE", count=2, system_type="SRBM")
>>> row["launch_place"], row["bearing_deg"], row["salvo_size"], problems
('Yangdok county', 67.5, 2, [])
>>> form_record(date="2021-09-15", place="39.03N 125.75E")[0]["launch_lon"]
125.75
>>> parse_direction_text("80")
(80.0, '80°')
"""

from __future__ import annotations

import math
import re
from typing import Any

from geo.geocoding.compass import parse_direction

__all__ = ["FORM_SOURCE", "form_record", "parse_coordinates", "parse_direction_text"]

#: ``record_origin`` and default ``sources`` of a launch added by hand.
FORM_SOURCE = "added by hand in Launch Atlas"
_NUM = r"[+-]?\d{1,3}(?:\.\d+)?"
_HEMI = re.compile(rf"^\s*({_NUM})\s*°?\s*([NSEW])\s*[,;/ ]\s*({_NUM})\s*°?\s*([NSEW])\s*$", re.I)
_PAIR = re.compile(rf"^\s*({_NUM})\s*°?\s*[,; ]\s*({_NUM})\s*°?\s*$")


def parse_coordinates(text: str) -> tuple[float, float] | None:
    """``(lon, lat)`` in degrees from ``39.03N 125.75E`` / ``125.75E, 39.03N`` / ``39.03, 125.75``.

    Returns None when ``text`` is not coordinates (a place name, to geocode).

    Raises
    ------
    ValueError
        Coordinates out of range, two latitudes or two longitudes, or a pair whose order cannot be
        told (both numbers could be latitudes); the message says how to write them.
    """
    m = _HEMI.match(text)
    if m:
        values = {m[2].upper(): float(m[1]), m[4].upper(): float(m[3])}
        lat_keys = [k for k in values if k in "NS"]
        lon_keys = [k for k in values if k in "EW"]
        if len(lat_keys) != 1 or len(lon_keys) != 1:
            raise ValueError("give one latitude (N or S) and one longitude (E or W), e.g. 39.03N 125.75E")
        lat = values[lat_keys[0]] * (-1 if lat_keys[0] == "S" else 1)
        lon = values[lon_keys[0]] * (-1 if lon_keys[0] == "W" else 1)
    else:
        m = _PAIR.match(text)
        if not m:
            return None
        a, b = float(m[1]), float(m[2])
        if abs(a) <= 90 < abs(b):
            lat, lon = a, b
        elif abs(b) <= 90 < abs(a):
            lat, lon = b, a
        else:
            raise ValueError(
                f"{text.strip()!r} could be latitude, longitude or longitude, latitude: write it with "
                "N/S and E/W, e.g. 39.03N 125.75E"
            )
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise ValueError("latitude must be within 90° N/S and longitude within 180° E/W")
    return lon + 0.0, lat + 0.0


def parse_direction_text(text: str) -> tuple[float, str]:
    """A flight direction as degrees clockwise from true north, and how it was read.

    Numbers are degrees (``80``, ``80°``, ``80 deg``); words are compass points in any spelling
    (``ENE``, ``east-northeast``, ``eastward``; see :func:`geo.geocoding.parse_direction`).

    Raises
    ------
    ValueError
        Neither a number of degrees in [0, 360) nor a compass direction.
    """
    t = text.strip()
    m = re.fullmatch(r"(\d{1,3}(?:\.\d+)?)\s*(?:°|deg|degrees?)?", t, re.I)
    if m:
        value = float(m[1])
        if not 0 <= value < 360:
            raise ValueError(f"a direction in degrees is from 0 (north) to below 360, got {t!r}")
        return value, f"{value:g}°"
    word = re.sub(r"(?i)^(?:to(?:wards?)?\s+the\s+|to\s+)|(?:wards?|erly)$", "", t).strip()
    try:
        d = parse_direction(word or t)
    except ValueError:
        raise ValueError(
            f"{t[:40]!r} is not a direction: give degrees from north (80) or a compass point (ENE, east)"
        ) from None
    return d.azimuth_deg, f"{d.code} = {d.azimuth_deg:g}°"


def form_record(
    *,
    date: Any,
    place: str,
    country: str = "",
    distance_km: float | None = None,
    direction: str = "",
    count: int | None = None,
    system_type: str = "",
    apogee_km: float | None = None,
    source: str = "",
) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """The form's answers as one raw record, and the problems found (``(field, message)``).

    Parameters
    ----------
    date : str or datetime.date
        Local launch date (``YYYY-MM-DD``).
    place : str
        Place words ("Sunan, Pyongyang", "off Wonsan") or coordinates (see :func:`parse_coordinates`).
    country : str
        Launching country (ISO code or name), optional.
    distance_km, apogee_km : float, optional
        Reported distance flown and apogee (km).
    direction : str
        Degrees or a compass point (see :func:`parse_direction_text`).
    count : int, optional
        Number of missiles (``salvo_size``).
    system_type : str
        Missile class (``SRBM``, ``cruise``...).
    source : str
        Where the facts come from (a link or a name); default :data:`FORM_SOURCE`.

    Returns
    -------
    (dict, list of (str, str))
        The row (columns of :data:`geo.records.CATALOGUE_COLUMNS`, raw values) and problems that
        the validator would not explain as well (coordinates, direction words).
    """
    problems: list[tuple[str, str]] = []
    row: dict[str, Any] = {
        "date": date.isoformat() if hasattr(date, "isoformat") else str(date or ""),
        "country": country or None,
        "system_type": system_type or None,
        "salvo_size": count,
        "distance_km": _number(distance_km),
        "apogee_km": _number(apogee_km),
        "record_origin": FORM_SOURCE,
        "sources": source.strip() or FORM_SOURCE,
        "notes": "added by hand",
    }
    text = " ".join(str(place or "").split())
    try:
        point = parse_coordinates(text)
    except ValueError as exc:
        problems.append(("launch_place", str(exc)))
        point = None
    if point is not None:
        row["launch_lon"], row["launch_lat"] = point
        row["location_precision"] = "point"
    else:
        row["launch_place"] = text or None
    if direction.strip():
        try:
            row["bearing_deg"], how = parse_direction_text(direction)
            row["bearing_source"] = f"added by hand: {how}"
        except ValueError as exc:
            problems.append(("bearing_deg", str(exc)))
    return row, problems


def _number(value: float | None) -> float | None:
    if value is None:
        return None
    v = float(value)
    return None if math.isnan(v) else v
