"""Validation of launch records against :data:`~geo.records.schema.RECORD_FIELDS`: values parsed
one by one, cross-field rules (date precision, launch time, location), good rows kept, every
problem of a rejected row reported as a :class:`~geo.records.result.RecordError`."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from datetime import date as _date
from typing import Any, Literal

import numpy as np
import pandas as pd

from geo.launchtime import reconcile_launch_time
from geo.records.cells import is_formula_like
from geo.records.dateforms import ambiguous_date, upload_date
from geo.records.ids import generated_id, unique_id
from geo.records.result import RecordError, ValidationResult
from geo.records.schema import LANDING_LABELS, RECORD_FIELDS, FieldSpec, _to_frame

__all__ = ["validate_records"]

# Tolerated spellings of vocabulary values (keys lower case, spaces/underscores folded to '-').
_SYNONYMS: dict[str, dict[str, str]] = {
    "system_type": {
        "cruise-missile": "cruise",
        "lacm": "cruise",
        "slcm": "cruise",
        "hypersonic": "HGV",
        "space-launch-vehicle": "SLV",
        "satellite-launch-vehicle": "SLV",
        "?": "unknown",
        "n/a": "unknown",
    },
    "platform": {
        "rail": "rail car",
        "railcar": "rail car",
        "rail-car": "rail car",
        "train": "rail car",
        "rail-mobile": "rail car",
        "tel": "road-mobile launcher",
        "road-mobile": "road-mobile launcher",
        "road-mobile-launcher": "road-mobile launcher",
        "mobile-launcher": "road-mobile launcher",
        "transporter-erector-launcher": "road-mobile launcher",
        "mel": "road-mobile launcher",
        "sub": "submarine",
        "barge": "ship",
        "vessel": "ship",
        "pad": "fixed pad",
        "fixed-pad": "fixed pad",
        "launch-pad": "fixed pad",
        "plane": "aircraft",
        "?": "unknown",
    },
    "outcome": {
        "successful": "success",
        "succeeded": "success",
        "ok": "success",
        "fail": "failure",
        "failed": "failure",
        "?": "unknown",
    },
    "landing_area": {
        "japan-sea": "sea-of-japan",
        "east-sea": "sea-of-japan",
        "west-sea": "yellow-sea",
        "pacific": "pacific-ocean",
        "na": "n/a",
        "none": "n/a",
        "?": "unknown",
    },
    "date_precision": {},
    "location_precision": {"place-name": "place name"},
}


_RE_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$", re.ASCII)
# 'HH:MM', also 'H:MM' (spreadsheets drop the leading zero), optional seconds, 'UTC' or 'Z'
_RE_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?(?:\s*\(?UTC\)?|Z)?$", re.I | re.ASCII)
_RE_ISO2 = re.compile(r"^[A-Za-z]{2}$", re.ASCII)
_COUNTRIES = {  # names → ISO 3166-1 alpha-2, for the countries this atlas is about
    "north-korea": "KP",
    "dprk": "KP",
    "prk": "KP",
    "democratic-people's-republic-of-korea": "KP",
    "south-korea": "KR",
    "republic-of-korea": "KR",
    "rok": "KR",
    "kor": "KR",
    "japan": "JP",
    "jpn": "JP",
}
# C0 controls and DEL, and the bidirectional embedding/override/isolate controls, which make a
# table show text in another order than it is stored ("Trojan Source"): an id or a note that reads
# one way and sorts, matches and exports another.
_RE_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")
_TRUE = {"true", "t", "yes", "y", "1"}
_FALSE = {"false", "f", "no", "n", "0"}
_RE_NUMBER = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$", re.ASCII)  # ASCII decimal only


_MIN_YEAR, _MAX_YEAR = 1900, 2100


_MAX_FORMULA_WARNINGS = 20  # one warning per formula-like cell up to this many, then a count
_STRUCTURAL_FIELDS = frozenset({"(row)", "type", "properties"})  # reader errors about a row's shape
_AMBIGUOUS = "is 05/09/2021 the 5th of September or the 9th of May? Write 2021-09-05 or 2021-05-09"
_LOCATION_FIELD = "launch_lon/launch_lat/launch_place"  # field named when no location at all is given


def _as_text(value: Any) -> str | None:
    """Raw cell → stripped text ('' for empty); None when the value is not a single scalar."""
    if isinstance(value, str):  # the common case first
        return value.strip()
    if value is None or value is pd.NA:
        return ""
    if isinstance(value, bool | np.bool_):
        return "true" if value else "false"
    if isinstance(value, int | np.integer):
        return str(int(value))
    if isinstance(value, float | np.floating):
        v = float(value)
        if math.isnan(v):
            return ""
        return repr(v) if math.isfinite(v) else ("inf" if v > 0 else "-inf")
    return None


def _fold(text: str) -> str:
    """Vocabulary key: lower case, runs of spaces/underscores as one '-'."""
    return "-".join(text.lower().replace("_", " ").split())


# Accepted spelling (folded) → vocabulary value, per vocabulary column: the values, then synonyms.
_VOCAB: dict[str, dict[str, str]] = {
    f.name: {**{_fold(a): a for a in f.allowed}, **_SYNONYMS.get(f.name, {})}
    for f in RECORD_FIELDS
    if f.allowed is not None
}


def _parse_date(text: str) -> tuple[str, str] | None:
    """'2021-09-15' → ('2021-09-15', 'day'); invalid → None."""
    m = _RE_DATE.match(text)
    if not m:
        return None
    y, mo, d = m.group(1), m.group(2), m.group(3)
    year = int(y)
    if not _MIN_YEAR <= year <= _MAX_YEAR:
        return None
    try:
        if d is not None:
            _date(year, int(mo), int(d))
            return text, "day"
        if mo is not None:
            _date(year, int(mo), 1)
            return text, "month"
    except ValueError:
        return None
    return text, "year"


def _check_value(spec: FieldSpec, text: str) -> tuple[bool, Any]:
    """Parse one non-empty cell; (True, value) or (False, None)."""
    if len(text) > spec.max_chars:
        return False, None
    if spec.allowed is not None:
        value = _VOCAB[spec.name].get(_fold(text))
        return (True, value) if value is not None else (False, None)
    if spec.name == "country":
        code = _COUNTRIES.get(_fold(text), text.upper() if _RE_ISO2.match(text) else None)
        return (True, code) if code else (False, None)
    if spec.kind == "str":
        if _RE_CONTROL.search(text):
            return False, None
        return True, text
    if spec.kind == "bool":
        low = text.lower()
        if low in _TRUE:
            return True, True
        if low in _FALSE:
            return True, False
        return False, None
    if spec.kind == "date":
        parsed = _parse_date(text)
        return (True, parsed[0]) if parsed else (False, None)
    if spec.kind == "time":
        m = _RE_TIME.match(text)
        return (True, f"{int(m.group(1)):02d}:{m.group(2)}") if m else (False, None)
    if spec.kind == "datetime":
        _, stamp, problems = reconcile_launch_time(None, None, text, None)
        return (False, None) if problems else (True, stamp)
    # numbers
    if not _RE_NUMBER.match(text):  # no NaN/Infinity, no '1_000', no non-ASCII digits
        return False, None
    num = float(text) + 0.0  # + 0.0 turns '-0' into 0.0: no '-0' in exports, no bearing of -0°
    if not math.isfinite(num):
        return False, None
    if spec.kind == "int":
        if num != int(num):
            return False, None
        num = int(num)
    if spec.minimum is not None and (num < spec.minimum or (spec.exclusive_minimum and num == spec.minimum)):
        return False, None
    if spec.maximum is not None and (num > spec.maximum or (spec.exclusive_maximum and num == spec.maximum)):
        return False, None
    return True, num


def _row_id(raw: Mapping[str, Any]) -> str | None:
    text = _as_text(raw.get("id"))
    if not text:
        return None
    return text[:64] + ("…" if len(text) > 64 else "")


def _validate_row(
    rownum: int,
    raw: Mapping[str, Any],
    *,
    mode: Literal["upload", "catalogue"],
    origin: str,
) -> tuple[dict[str, Any] | None, list[RecordError]]:
    rid = _row_id(raw)
    errors: list[RecordError] = []
    out: dict[str, Any] = {}

    def err(name: str, expected: str, got: Any) -> None:
        errors.append(RecordError(rownum, rid, name, expected, got))

    for spec in RECORD_FIELDS:
        value = raw.get(spec.name)
        text = _as_text(value)
        if text is None:
            err(spec.name, f"a single value ({spec.expected})", type(value).__name__)
            continue
        if text == "":
            required = spec.upload_required or (mode == "catalogue" and spec.catalogue_required)
            if required and spec.name not in ("date_precision", "landing_label", "record_origin"):
                err(spec.name, f"a value ({spec.expected})", None if value is None else value)
            out[spec.name] = None
            continue
        if spec.kind == "date" and mode == "upload" and not _RE_DATE.match(text):
            if ambiguous_date(text):
                err(spec.name, f"an unambiguous date YYYY-MM-DD ({_AMBIGUOUS})", value)
                continue
            text = upload_date(text) or text
        ok, parsed = _check_value(spec, text)
        if not ok:
            got: Any = value
            if isinstance(value, str) and len(value) > 200:
                got = value[:200] + f"… ({len(value)} characters)"
            err(spec.name, spec.expected, got)
            continue
        out[spec.name] = parsed

    # cross-field rules
    date = out.get("date")
    if date:
        precision = _parse_date(date)
        assert precision is not None
        if out.get("date_precision") and out["date_precision"] != precision[1]:
            err(
                "date_precision",
                f"{precision[1]!r} (the precision of date {date!r})",
                raw.get("date_precision"),
            )
        out["date_precision"] = precision[1]
    _check_launch_time(out, raw, mode=mode, err=err, errors=errors)
    lon, lat, place = out.get("launch_lon"), out.get("launch_lat"), out.get("launch_place")
    lon_bad = any(e.field == "launch_lon" for e in errors)
    lat_bad = any(e.field == "launch_lat" for e in errors)
    if lon is None and lat is not None and not lon_bad:
        err("launch_lon", "a longitude to go with launch_lat (both or neither)", raw.get("launch_lon"))
    elif lat is None and lon is not None and not lat_bad:
        err("launch_lat", "a latitude to go with launch_lon (both or neither)", raw.get("launch_lat"))
    elif (
        lon is None
        and lat is None
        and not place
        and not (lon_bad or lat_bad)
        and out.get("location_precision") != "unreported"
        and not any(e.field == "launch_place" for e in errors)
    ):
        err(
            _LOCATION_FIELD,
            "a launch location: launch_lon and launch_lat, or a launch_place name",
            None,
        )
    if not out.get("location_precision"):
        if lon is not None and lat is not None:
            out["location_precision"] = "point"
        elif place:
            out["location_precision"] = "place name"
        else:
            out["location_precision"] = "unreported"
    if out.get("bearing_is_placeholder") is None:
        out["bearing_is_placeholder"] = False
    if out["bearing_is_placeholder"] and out.get("bearing_deg") is not None:
        err("bearing_deg", "empty when bearing_is_placeholder is true", raw.get("bearing_deg"))
    for name, default in (
        ("system_type", "unknown"),
        ("platform", "unknown"),
        ("outcome", "unknown"),
        ("landing_area", "unknown"),
    ):
        if out.get(name) is None:
            out[name] = default
    if not out.get("landing_label"):
        out["landing_label"] = LANDING_LABELS[out["landing_area"]]
    if not out.get("record_origin"):
        out["record_origin"] = origin
    if mode == "upload" and not out.get("sources"):
        out["sources"] = origin
    if errors:
        return None, errors
    return out, []


def _check_launch_time(
    out: dict[str, Any],
    raw: Mapping[str, Any],
    *,
    mode: Literal["upload", "catalogue"],
    err: Any,
    errors: list[RecordError],
) -> None:
    """Date/time convention (:mod:`geo.launchtime`): ``date`` local; ``time_utc``, ``datetime_utc`` UTC.

    Fills ``datetime_utc`` from a full local date + ``time_utc`` (and ``time_utc`` from ``datetime_utc``);
    reports a ``datetime_utc`` whose local date or time disagrees with ``date`` / ``time_utc``. The
    catalogue must store ``datetime_utc`` wherever it can be derived, so that an edit of ``date`` or
    ``time_utc`` alone is caught.
    """
    if any(e.field in ("date", "time_utc", "datetime_utc", "country") for e in errors):
        return
    given = out.get("datetime_utc")
    day = out.get("date") if out.get("date_precision") == "day" else None
    time_utc, stamp, problems = reconcile_launch_time(day, out.get("time_utc"), given, out.get("country"))
    for name, expected in problems:
        err(name, expected, raw.get(name))
    if mode == "catalogue" and stamp and not given:
        err("datetime_utc", f"{stamp} (the catalogue stores the UTC instant of date + time_utc)", None)
    out["time_utc"], out["datetime_utc"] = time_utc, stamp


def validate_records(
    rows: Iterable[Mapping[str, Any]],
    *,
    source: str = "records",
    mode: Literal["upload", "catalogue"] = "upload",
    first_row: int = 1,
) -> ValidationResult:
    """Check launch records against :data:`RECORD_FIELDS`; keep the good rows, report the others.

    Parameters
    ----------
    rows : iterable of mapping
        One mapping per row, column name → raw value (text, number, bool or ``None``). Column names
        must already be the schema's (see :data:`CATALOGUE_COLUMNS`); other keys are ignored.
    source : str, keyword-only
        Name of the input, used in the summary and as ``record_origin`` / ``sources`` of rows that
        have none. Never opened as a path.
    mode : {"upload", "catalogue"}, keyword-only
        ``"upload"``: only ``date`` and a launch location (``launch_lon`` + ``launch_lat``, or
        ``launch_place``) are required; a row without ``id`` gets one made from its content
        (:func:`geo.records.ids.generated_id`, ``2021-09-15-u3f9a1c``); dates may also be written
        ``2021/9/15``, ``15 September 2021``... (:func:`geo.records.dateforms.upload_date`).
        ``"catalogue"``: every column the shipped catalogue always fills is required too, ``date``
        only as ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``.
    first_row : int, keyword-only
        Number of the first row in error messages.

    Returns
    -------
    ValidationResult
        ``records`` (valid rows, catalogue schema), ``errors`` (every problem of every rejected row),
        ``summary``.

    Notes
    -----
    Vocabulary values match case-insensitively and with synonyms (``"TEL"`` → ``"road-mobile
    launcher"``, ``"East Sea"`` → ``"sea-of-japan"``). A second row with an id already used is
    rejected. Numbers must be finite (``NaN``/``Infinity`` are rejected). Text is kept as text.

    Examples
    --------
    >>> r = validate_records([{"id": "a", "date": "2023-03-12", "launch_place": "Sinpo", "platform": "sub"}])
    >>> r.records.loc[0, ["platform", "location_precision"]].tolist()
    ['submarine', 'place name']
    """
    no_errors: list[RecordError] = []
    items = ((n, raw, no_errors) for n, raw in enumerate(rows, start=first_row))
    return _validate_items(items, source=source, mode=mode)


def _validate_items(
    items: Iterable[tuple[int, Mapping[str, Any], list[RecordError]]],
    *,
    source: str,
    mode: Literal["upload", "catalogue"],
) -> ValidationResult:
    """Core of validation: ``(row number, raw row, problems the reader already found)`` items.

    A row with reader problems (too many cells, bad geometry) is rejected with those problems and
    every problem of its values; blank rows (no value at all) are skipped and not counted.
    """
    kept: list[dict[str, Any]] = []
    errors: list[RecordError] = []
    warnings: list[str] = []
    seen: dict[str, int] = {}
    unnamed: list[dict[str, Any]] = []
    kept_rows: list[int] = []
    rows_read = 0
    formulas = 0
    for n, raw, pre in items:
        if not pre and not any(_as_text(v) != "" for v in raw.values()):
            continue  # blank line
        rows_read += 1
        if any(e.field in _STRUCTURAL_FIELDS for e in pre):
            errors.extend(pre)  # the row's shape is wrong: its values cannot be read one by one
            continue
        try:
            parsed, row_errors = _validate_row(n, raw, mode=mode, origin=source)
        except Exception as exc:  # a guard: one unreadable row never loses the others
            parsed, row_errors = None, [RecordError(n, None, "(row)", "a readable row", type(exc).__name__)]
        if any(e.field == "geometry" for e in pre):  # the bad geometry is the location problem
            row_errors = [e for e in row_errors if e.field != _LOCATION_FIELD]
        row_errors = [*pre, *row_errors]
        if row_errors:
            errors.extend(row_errors)
            continue
        assert parsed is not None
        if parsed["id"] is None:  # no id given: one is made from the content once all given ids are known
            unnamed.append(parsed)
        else:
            rid = str(parsed["id"])
            if rid in seen:
                errors.append(
                    RecordError(n, rid, "id", f"a unique id (already used on row {seen[rid]})", rid)
                )
                continue
            seen[rid] = n
        who = f"row {n}" + (f" (id {str(parsed['id'])!r})" if parsed["id"] is not None else "")
        for name, value in parsed.items():
            if isinstance(value, str) and is_formula_like(value):
                formulas += 1
                if formulas <= _MAX_FORMULA_WARNINGS:
                    warnings.append(
                        f"{who}: field {name!r} starts like a spreadsheet formula; kept as"
                        " text, written with a leading ' when exported as CSV"
                    )
        kept.append(parsed)
        kept_rows.append(n)
    taken = set(seen)
    for parsed in unnamed:
        ignore = ("sources",) if parsed.get("sources") == source else ()
        parsed["id"] = unique_id(generated_id(parsed, ignore=ignore), taken)
        taken.add(parsed["id"])
    if formulas > _MAX_FORMULA_WARNINGS:
        warnings.append(f"… and {formulas - _MAX_FORMULA_WARNINGS} more formula-like cells, kept as text")
    if rows_read == 0:
        warnings.append("the file has no records (only a header, or blank lines)")
    return ValidationResult(
        records=_to_frame(kept),
        errors=errors,
        warnings=warnings,
        rows_read=rows_read,
        source=source,
        kept_rows=kept_rows,
    )
