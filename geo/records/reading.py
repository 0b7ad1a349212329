"""Reading a user's launch records from CSV or GeoJSON bytes, bounded, through the validator.

A problem with the whole file raises :class:`~geo.records.result.RecordsFileError` (a
``ValueError`` whose message says how to fix it); a problem with one row becomes a
:class:`~geo.records.result.RecordError` and the row is rejected while every good row is kept.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections import Counter
from collections.abc import Iterable
from typing import Any

from geo.records.result import RecordError, RecordsFileError, ValidationResult
from geo.records.schema import CATALOGUE_COLUMNS
from geo.records.validation import _as_text, _validate_items

__all__ = ["MAX_UPLOAD_BYTES", "MAX_UPLOAD_ROWS", "read_records_csv", "read_records_geojson"]

#: Upload size limit (bytes) used when a caller does not pass ``max_bytes``: 5 MB.
MAX_UPLOAD_BYTES: int = 5_000_000
#: Most data rows / features read from one upload.
MAX_UPLOAD_ROWS: int = 20_000


# Tolerated column-name spellings in uploads (after lower-casing and folding spaces/hyphens to '_').
_COLUMN_ALIASES: dict[str, str] = {
    "lon": "launch_lon",
    "lng": "launch_lon",
    "long": "launch_lon",
    "longitude": "launch_lon",
    "lon_deg": "launch_lon",
    "longitude_deg": "launch_lon",
    "x": "launch_lon",
    "lat": "launch_lat",
    "latitude": "launch_lat",
    "lat_deg": "launch_lat",
    "latitude_deg": "launch_lat",
    "y": "launch_lat",
    "place": "launch_place",
    "location": "launch_place",
    "launch_site": "launch_place",
    "launch_location": "launch_place",
    "apogee": "apogee_km",
    "distance": "distance_km",
    "range_km": "distance_km",
    "bearing": "bearing_deg",
    "azimuth": "bearing_deg",
    "azimuth_deg": "bearing_deg",
    "type": "system_type",
    "missile": "system_id",
    "missile_type": "system_type",
    "source": "sources",
    "time": "time_utc",
    "datetime": "datetime_utc",
    "landing": "landing_area",
    "salvo": "salvo_size",
    "count": "salvo_size",
    "missiles": "salvo_size",
    "number_of_missiles": "salvo_size",
    "launch_date": "date",
    "local_date": "date",
    "date_local": "date",
    "site": "launch_place",
    "launch_area": "launch_place",
    "place_name": "launch_place",
    "distance_flown": "distance_km",
    "flight_distance": "distance_km",
    "flight_distance_km": "distance_km",
    "range": "distance_km",
    "altitude": "apogee_km",
    "max_altitude": "apogee_km",
    "apogee_altitude": "apogee_km",
    "system": "system_name",
    "country_code": "country",
    "note": "notes",
    "url": "sources",
    "link": "sources",
    "eez": "eez_reported",
    "eez_claim": "eez_reported",
}


_MAX_COLUMNS = 500  # a CSV header wider than this is not a record table


def _decode(data: bytes, *, max_bytes: int, what: str) -> str:
    if not isinstance(data, bytes | bytearray | memoryview):
        raise RecordsFileError(f"expected the {what} file's bytes, got {type(data).__name__}")
    data = bytes(data)
    if len(data) > max_bytes:
        raise RecordsFileError(
            f"the {what} file is {len(data):,} bytes; the limit is {max_bytes:,} bytes"
            f" ({max_bytes / 1e6:g} MB): split it into smaller files"
        )
    if not data.strip(b" \t\r\n\xef\xbb\xbf"):
        raise RecordsFileError(f"the {what} file is empty: it needs a header row and at least one record")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise RecordsFileError(
            f"the {what} file is UTF-16 text; save it as UTF-8 (e.g. Excel: 'CSV UTF-8 (Comma delimited)')"
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RecordsFileError(
            f"the {what} file is not UTF-8 text (byte 0x{data[exc.start]:02x} at position {exc.start}):"
            " save it with UTF-8 encoding (e.g. Excel: 'CSV UTF-8 (Comma delimited)')"
        ) from None
    if "\x00" in text:
        raise RecordsFileError(f"the {what} file contains NUL bytes: it is not a text file")
    return text


def _normalise_column(name: str) -> str:
    name = name.replace("\ufeff", "").replace("\u200b", "")  # a second BOM, zero-width spaces
    key = re.sub(r"\s*\((\w+)\)", r"_\1", name.strip().lower())  # 'Distance (km)' → 'distance_km'
    key = re.sub(r"[\s\-]+", "_", key).strip("_")
    return _COLUMN_ALIASES.get(key, key)


def read_records_csv(
    data: bytes,
    *,
    max_bytes: int = MAX_UPLOAD_BYTES,
    max_rows: int = MAX_UPLOAD_ROWS,
    source: str = "uploaded CSV",
) -> ValidationResult:
    """Read and validate launch records from CSV bytes (UTF-8, comma-separated, header row).

    Required columns: ``date`` and a launch location, either ``launch_lon`` + ``launch_lat``
    (degrees, WGS84) or ``launch_place`` (a place name, geocoded later by :mod:`geo.geocoding`; its
    lon/lat stay empty here). Every other catalogue column is optional and checked when present; a
    row without ``id`` gets one made from its content (``2021-09-15-u3f9a1c``, see
    :mod:`geo.records.ids`). Column names are matched case-insensitively, with aliases (``lon``,
    ``longitude`` → ``launch_lon``; ``place`` → ``launch_place``; ``distance`` → ``distance_km``).

    Parameters
    ----------
    data : bytes
        The file's content (UTF-8; a BOM is accepted).
    max_bytes : int, keyword-only
        Size limit in bytes (default :data:`MAX_UPLOAD_BYTES`).
    max_rows : int, keyword-only
        Most data rows read (default :data:`MAX_UPLOAD_ROWS`).
    source : str, keyword-only
        Name shown in messages and stored as ``record_origin`` (never opened as a path).

    Returns
    -------
    ValidationResult
        Valid rows in ``records``; every problem of every rejected row in ``errors``; unknown columns
        (left out) and formula-like cells in ``warnings``.

    Raises
    ------
    RecordsFileError
        The file as a whole cannot be read (empty, too big, not UTF-8, no header, not comma-separated,
        a required column missing, too many rows); the message says how to fix it.

    Examples
    --------
    >>> r = read_records_csv(b"id,date,launch_place\\nX1,2021-09-11,Yangdok county\\n")
    >>> r.summary, r.records.loc[0, "location_precision"], r.records.geometry[0] is None
    ('1 row read, 1 kept, 0 rejected', 'place name', True)
    >>> r = read_records_csv(b"Date,Place,Distance (km)\\n15 Sept. 2021,Yangdok county,800\\n")
    >>> rec = r.records.iloc[0]
    >>> rec["date"], rec["launch_place"], float(rec["distance_km"]), rec["id"][:12]
    ('2021-09-15', 'Yangdok county', 800.0, '2021-09-15-u')
    """
    text = _decode(data, max_bytes=max_bytes, what="CSV")
    # One cell may be as long as the file allows: over-long cells are then rejected per row (max_chars)
    # rather than failing the whole file. The limit is process-wide and only ever raised.
    if csv.field_size_limit() < max_bytes + 1:
        csv.field_size_limit(max_bytes + 1)
    try:
        reader = csv.reader(io.StringIO(text, newline=""), strict=False)
        header_raw = next(reader, None)
        while header_raw is not None and not any(c.strip() for c in header_raw):
            header_raw = next(reader, None)
        # Excel's separator hint line ("sep=," / "sep=;") comes before the header
        hint = ",".join(header_raw).strip().lower() if header_raw is not None else ""
        if re.fullmatch(r"sep=.,?", hint):
            if hint[4] != ",":
                raise RecordsFileError(
                    f"the CSV file says it is separated by {hint[4]!r} (first line {hint!r}): save it"
                    " comma-separated (e.g. Excel: 'CSV UTF-8 (Comma delimited)')"
                )
            header_raw = next(reader, None)
    except csv.Error as exc:
        raise RecordsFileError(f"the CSV file cannot be parsed ({exc}): check quoting") from None
    if header_raw is None:
        raise RecordsFileError("the CSV file is empty: it needs a header row and at least one record")
    if len(header_raw) > _MAX_COLUMNS:
        raise RecordsFileError(
            f"the CSV header has {len(header_raw):,} columns; at most {_MAX_COLUMNS} are read:"
            " keep the record columns (see the schema) and remove the others"
        )
    header = [_normalise_column(h) for h in header_raw]
    known = set(CATALOGUE_COLUMNS)
    if len(header) == 1 and not (set(header) & {"id"}):
        for sep, label in ((";", "semicolons"), ("\t", "tabs"), ("|", "'|' characters")):
            if sep in header_raw[0]:
                raise RecordsFileError(
                    f"the CSV header has one column; the file seems to be separated by {label}:"
                    " use commas (e.g. Excel: 'CSV UTF-8 (Comma delimited)')"
                )
    if not set(header) & known:
        first = ",".join(header_raw)[:80]
        looks_like_data = bool(re.search(r"\d{4}-\d{2}", first))
        hint = " (the first line looks like data)" if looks_like_data else ""
        raise RecordsFileError(
            f"the CSV file has no header row{hint}: its first line must name the columns, e.g."
            f" 'date,launch_lon,launch_lat' or 'date,launch_place,distance_km'; got {first!r}"
        )
    dupes = sorted(h for h, n in Counter(header).items() if h and n > 1)
    if dupes:
        raise RecordsFileError(f"the CSV header names column(s) {dupes} more than once: keep one of each")
    if "date" not in header:
        raise RecordsFileError(
            "the CSV file has no 'date' column (required: the launch date, e.g. 2021-09-15):"
            f" add it; columns found: {header_raw[:20]}"
        )
    if not (("launch_lon" in header and "launch_lat" in header) or "launch_place" in header):
        raise RecordsFileError(
            "the CSV file has no launch location columns: add 'launch_lon' and 'launch_lat' (degrees,"
            f" WGS84) or 'launch_place' (a place name); columns found: {header_raw[:20]}"
        )
    warnings: list[str] = []
    shown = [
        r or f"(unnamed column {i})"
        for i, (h, r) in enumerate(zip(header, header_raw, strict=True), 1)
        if h not in known
    ]
    if shown:
        warnings.append(f"unknown column(s) left out: {shown[:20]}")

    id_col = header.index("id") if "id" in header else None

    def items() -> Iterable[tuple[int, dict[str, Any], list[RecordError]]]:
        count = 0
        try:
            for count, cells in enumerate(reader, start=1):
                if count > max_rows:
                    raise RecordsFileError(
                        f"the CSV file has more than {max_rows:,} data rows: split it into smaller files"
                    )
                row = {h: c for h, c in zip(header, cells, strict=False) if h in known}
                pre: list[RecordError] = []
                if len(cells) > len(header) and any(c.strip() for c in cells[len(header) :]):
                    rid = (
                        cells[id_col].strip() or None if id_col is not None and len(cells) > id_col else None
                    )
                    pre.append(
                        RecordError(
                            count, rid, "(row)", f"at most {len(header)} cells (one per column)", len(cells)
                        )
                    )
                yield count, row, pre
        except csv.Error as exc:
            raise RecordsFileError(f"the CSV file cannot be parsed at data row {count + 1} ({exc})") from None

    result = _validate_items(items(), source=source, mode="upload")
    result.warnings[:0] = warnings
    return result


def _reject_constant(name: str) -> str:
    return name  # 'NaN' / 'Infinity' literals stay text, so the number check rejects them


def read_records_geojson(
    data: bytes,
    *,
    max_bytes: int = MAX_UPLOAD_BYTES,
    max_rows: int = MAX_UPLOAD_ROWS,
    source: str = "uploaded GeoJSON",
) -> ValidationResult:
    """Read and validate launch records from a GeoJSON FeatureCollection (UTF-8 bytes).

    Each Feature is one record: its ``properties`` hold the columns (see :func:`read_records_csv`),
    its geometry, when present, must be a Point ``[lon, lat]`` (RFC 7946 order, WGS84) and gives
    ``launch_lon``/``launch_lat``. A feature without geometry is valid when it names a
    ``launch_place`` (to be geocoded) or has ``launch_lon``/``launch_lat`` properties.

    Parameters
    ----------
    data : bytes
        The file's content (UTF-8 JSON).
    max_bytes : int, keyword-only
        Size limit in bytes (default :data:`MAX_UPLOAD_BYTES`).
    max_rows : int, keyword-only
        Most features read (default :data:`MAX_UPLOAD_ROWS`).
    source : str, keyword-only
        Name shown in messages and stored as ``record_origin`` (never opened as a path).

    Returns
    -------
    ValidationResult
        Row numbers are feature positions, starting at 1.

    Raises
    ------
    RecordsFileError
        Not UTF-8, not JSON, not a FeatureCollection, ``features`` not a list, too big, too many features.

    Examples
    --------
    >>> fc = b'{"type": "FeatureCollection", "features": [{"type": "Feature", '
    >>> fc += b'"geometry": {"type": "Point", "coordinates": [126.8, 39.3]}, '
    >>> fc += b'"properties": {"id": "a", "date": "2021-09-15"}}]}'
    >>> read_records_geojson(fc).records.loc[0, ["launch_lon", "launch_lat"]].tolist()
    [126.8, 39.3]
    """
    text = _decode(data, max_bytes=max_bytes, what="GeoJSON")
    try:
        doc = json.loads(text, parse_constant=_reject_constant)
    except RecursionError:
        raise RecordsFileError("the GeoJSON file is nested too deeply to be a FeatureCollection") from None
    except ValueError as exc:
        raise RecordsFileError(
            f"the GeoJSON file is not valid JSON ({exc}): check it with a JSON validator"
        ) from None
    if not isinstance(doc, dict):
        raise RecordsFileError(
            'the GeoJSON file must be a JSON object with "type": "FeatureCollection",'
            f" got a {type(doc).__name__}"
        )
    gtype = doc.get("type")
    if gtype != "FeatureCollection":
        hint = " (wrap the Feature in a FeatureCollection)" if gtype == "Feature" else ""
        raise RecordsFileError(
            f"the GeoJSON file must be a FeatureCollection, got type {str(gtype)[:40]!r}{hint}"
        )
    features = doc.get("features")
    if not isinstance(features, list):
        raise RecordsFileError(
            f'the GeoJSON FeatureCollection\'s "features" must be a list, got {type(features).__name__}'
        )
    if len(features) > max_rows:
        raise RecordsFileError(
            f"the GeoJSON file has {len(features):,} features; the limit is {max_rows:,}: split it"
        )
    unknown: set[str] = set()
    known = set(CATALOGUE_COLUMNS)
    items = ((i, *_feature_row(i, feat, known, unknown)) for i, feat in enumerate(features, start=1))
    result = _validate_items(items, source=source, mode="upload")
    if unknown:
        noun = "property" if len(unknown) == 1 else "properties"
        result.warnings.insert(0, f"unknown {noun} left out: {sorted(unknown)[:20]}")
    return result


def _feature_row(
    i: int, feat: Any, known: set[str], unknown: set[str]
) -> tuple[dict[str, Any], list[RecordError]]:
    errors: list[RecordError] = []
    if not isinstance(feat, dict) or feat.get("type") != "Feature":
        got = feat.get("type") if isinstance(feat, dict) else type(feat).__name__
        return {}, [RecordError(i, None, "type", "a GeoJSON Feature object", got)]
    props = feat.get("properties")
    if props is None:
        props = {}
    if not isinstance(props, dict):
        return {}, [RecordError(i, None, "properties", "a JSON object (or null)", type(props).__name__)]
    row: dict[str, Any] = {}
    spelled: dict[str, str] = {}  # column -> the property name that gave it
    clashes: list[tuple[str, str, str]] = []
    for k, v in props.items():
        name = _normalise_column(str(k))
        if name in known:
            if name in spelled:  # "id" and "ID", "lon" and "launch_lon": which one is meant?
                clashes.append((name, spelled[name], str(k)[:60]))
            spelled[name] = str(k)[:60]
            row[name] = v
        else:
            unknown.add(str(k)[:60])
    if (
        not _as_text(row.get("id"))
        and isinstance(feat.get("id"), str | int | float)  # RFC 7946 3.2: a string or a number
        and not isinstance(feat["id"], bool)
    ):
        row["id"] = feat["id"]  # the Feature id, when properties have none
    rid = _as_text(row.get("id")) or None
    for name, first, second in clashes:
        errors.append(
            RecordError(i, rid, name, "one property per column (keep one of them)", [first, second])
        )
    geom = feat.get("geometry")
    if geom is None:
        return row, errors
    if not isinstance(geom, dict):
        return row, [
            *errors,
            RecordError(i, rid, "geometry", "a GeoJSON Point object or null", type(geom).__name__),
        ]
    if geom.get("type") != "Point":
        return row, [
            *errors,
            RecordError(i, rid, "geometry", "a Point geometry (the launch site)", geom.get("type")),
        ]
    coords = geom.get("coordinates")
    if (
        not isinstance(coords, list)
        or len(coords) not in (2, 3)
        or not all(isinstance(c, int | float) and not isinstance(c, bool) for c in coords)
    ):
        return row, [
            *errors,
            RecordError(i, rid, "geometry", "Point coordinates [lon, lat] as numbers", coords),
        ]
    x, y = _finite_float(coords[0]), _finite_float(coords[1])
    bad_point = len(errors)
    if not (math.isfinite(x) and -180 <= x <= 180):
        errors.append(RecordError(i, rid, "geometry", "a longitude (x) in [-180, 180] degrees", coords[0]))
    if not (math.isfinite(y) and -90 <= y <= 90):
        errors.append(RecordError(i, rid, "geometry", "a latitude (y) in [-90, 90] degrees", coords[1]))
    if len(errors) > bad_point:
        return row, errors
    for name, value in (("launch_lon", x), ("launch_lat", y)):
        given = row.get(name)
        text = _as_text(given)
        if text:
            try:
                same = abs(float(text) - value) <= 1e-7
            except ValueError:
                same = False
            if not same:
                errors.append(RecordError(i, rid, name, f"empty or equal to the geometry's {value!r}", given))
        row[name] = value
    return row, errors


def _finite_float(value: int | float) -> float:
    """``float(value)`` (``-0.0`` as ``0.0``); a JSON integer too big for a float (``1`` and 400 zeros)
    becomes ``inf``."""
    try:
        return float(value) + 0.0  # -0.0 -> 0.0, as for CSV numbers
    except OverflowError:
        return math.inf
