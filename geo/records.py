"""Launch records: the catalogue schema, validation and loading.

A *launch record* is one missile (not one event): its date, system, platform, launch location
(longitude/latitude in degrees, WGS84, x=lon, y=lat), reported apogee / distance (km) and bearing
(degrees clockwise from true north), outcome, landing area and its citations.

The schema is code: :data:`RECORD_FIELDS` lists every column with its type, unit, allowed values and
whether it is required; :func:`validate_records` checks rows against it and :func:`load_catalogue`
reads the shipped catalogue (``data/catalogue/launches.csv``) through the same checks.

User files (CSV or GeoJSON) go through :func:`read_records_csv` / :func:`read_records_geojson`: a
problem with the whole file raises :class:`RecordsFileError` (a ``ValueError`` whose message says how to
fix it); a problem with one row becomes a :class:`RecordError` naming the row, the field, what was
expected and what came, and the row is rejected while every good row is kept.

Text from files is kept as text: nothing is evaluated, nothing is escaped here (the map escapes
HTML); cells that a spreadsheet would run as a formula (``=cmd|...``) are flagged, and
:func:`records_to_csv` neutralises them when writing CSV.

Examples
--------
>>> result = read_records_csv(b"id,date,launch_lon,launch_lat\\nA,2021-09-15,126.8,39.3\\nB,2021-02-30,1,1")
>>> result.summary
'2 rows read, 1 kept, 1 rejected'
>>> print(result.errors[0])
row 2 (id 'B'): field 'date': expected a real calendar date YYYY-MM-DD, YYYY-MM or YYYY, got '2021-02-30'
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date as _date
from pathlib import Path
from typing import Any, Literal

import geopandas as gpd
import numpy as np
import pandas as pd
from shapely.geometry import Point

from geo.launchtime import reconcile_launch_time
from geo.paths import DATA_DIR

__all__ = [
    "CATALOGUE_COLUMNS",
    "CATALOGUE_PATH",
    "DATE_PRECISIONS",
    "FACILITIES_PATH",
    "LANDING_AREAS",
    "LANDING_LABELS",
    "LOCATION_PRECISIONS",
    "MAX_REPORT_CELL_CHARS",
    "MAX_REPORT_LINES",
    "MAX_TEXT_CHARS",
    "MAX_UPLOAD_BYTES",
    "MAX_UPLOAD_ROWS",
    "OUTCOMES",
    "PLATFORMS",
    "RECORD_FIELDS",
    "SYSTEMS_PATH",
    "SYSTEM_TYPES",
    "TRAJECTORIES",
    "FieldSpec",
    "RecordError",
    "RecordsFileError",
    "ValidationResult",
    "csv_safe_text",
    "is_formula_like",
    "load_catalogue",
    "load_facilities",
    "load_systems",
    "read_records_csv",
    "read_records_geojson",
    "records_schema_table",
    "records_to_csv",
    "report_cell",
    "validate_records",
    "visible_text",
]

#: The shipped catalogue, one row per missile (built by ``data/build/build_catalogue.py``).
CATALOGUE_PATH: Path = DATA_DIR / "catalogue" / "launches.csv"
#: Launch facilities of the source (id, name, name_ja, lon, lat, kind, launch_place, is_placeholder).
FACILITIES_PATH: Path = DATA_DIR / "catalogue" / "facilities.csv"
#: Missile systems (system_id, name, type, name_ja, maneuver, origin).
SYSTEMS_PATH: Path = DATA_DIR / "catalogue" / "systems.csv"

#: Upload size limit (bytes) used when a caller does not pass ``max_bytes``: 5 MB.
MAX_UPLOAD_BYTES: int = 5_000_000
#: Most data rows / features read from one upload.
MAX_UPLOAD_ROWS: int = 20_000
#: Longest text accepted in any one cell (characters) unless a field says less.
MAX_TEXT_CHARS: int = 1_000
#: Most problems the rejected-rows report lists (one more line counts the rest), and the longest text
#: it quotes from a cell: a report holds at most about 1.1 million characters, whatever the upload.
MAX_REPORT_LINES: int = 1_000
MAX_REPORT_CELL_CHARS: int = 120

#: Missile classes (``system_type``).
SYSTEM_TYPES: tuple[str, ...] = ("SRBM", "MRBM", "IRBM", "ICBM", "SLBM", "SLV", "HGV", "cruise", "unknown")
#: Launch platforms (``platform``).
PLATFORMS: tuple[str, ...] = (
    "rail car",
    "road-mobile launcher",
    "submarine",
    "ship",
    "fixed pad",
    "silo",
    "aircraft",
    "unknown",
)
#: Reported outcome (``outcome``).
OUTCOMES: tuple[str, ...] = ("success", "failure", "unknown")
#: Reported landing area (``landing_area``); readable labels in :data:`LANDING_LABELS`.
LANDING_AREAS: tuple[str, ...] = (
    "sea-of-japan",
    "yellow-sea",
    "pacific-ocean",
    "north-korea",
    "unknown",
    "n/a",
)
#: Readable label of each landing area.
LANDING_LABELS: dict[str, str] = {
    "sea-of-japan": "Sea of Japan (East Sea)",
    "yellow-sea": "Yellow Sea (West Sea)",
    "pacific-ocean": "Pacific Ocean",
    "north-korea": "North Korea (land or territorial waters)",
    "unknown": "Unknown",
    "n/a": "Not applicable (no flight / failure)",
}
#: Reported trajectory type (``trajectory``): ``lofted`` (steeper than a range-maximising flight, apogee
#: at least half the distance), ``standard``, ``depressed`` (flatter, low apogee) or ``irregular`` (a
#: pull-up or other manoeuvre reported).
TRAJECTORIES: tuple[str, ...] = ("lofted", "standard", "depressed", "irregular")
#: Precision of ``date``: a day ``YYYY-MM-DD``, a month ``YYYY-MM`` or a year ``YYYY``.
DATE_PRECISIONS: tuple[str, ...] = ("day", "month", "year")
#: What ``launch_lon``/``launch_lat`` stand for: a named installation (``site``), a county / city /
#: district (``area``), a point given as such by the user (``point``), a place name still to be
#: geocoded (``place name``), the source's stand-in point for an unknown site (``placeholder``), or no
#: location reported at all (``unreported``, the only case where lon/lat and launch_place may be empty).
LOCATION_PRECISIONS: tuple[str, ...] = ("site", "area", "point", "place name", "placeholder", "unreported")

Kind = Literal["str", "float", "int", "bool", "date", "time", "datetime"]


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One column of the launch-record schema.

    Attributes
    ----------
    name : str
        Column name (exact, lower case).
    kind : {"str", "float", "int", "bool", "date", "time", "datetime"}
        Value type. ``date`` is ``YYYY-MM-DD`` / ``YYYY-MM`` / ``YYYY``; ``time`` is ``HH:MM`` (UTC);
        ``datetime`` is ``YYYY-MM-DDTHH:MMZ`` (UTC). The date/time convention: :mod:`geo.launchtime`.
    description : str
        What the column holds, in plain words.
    unit : str
        Unit of a number (``"km"``, ``"deg"``), else ``""``.
    catalogue_required : bool
        Every row of the shipped catalogue has a value.
    upload_required : bool
        A user's file must have it (``id`` and ``date``; the launch location is checked separately:
        ``launch_lon`` + ``launch_lat`` or ``launch_place``).
    allowed : tuple of str or None
        Allowed values of a vocabulary column (matched case-insensitively, with synonyms).
    minimum, maximum : float or None
        Inclusive bounds of a number, unless ``exclusive_minimum`` / ``exclusive_maximum``.
    exclusive_minimum, exclusive_maximum : bool
        Whether the bound itself is excluded.
    max_chars : int
        Longest accepted text.
    kind_hint : str or None
        Plain-words form of a text column with a fixed shape (``country``: a 2-letter code).
    """

    name: str
    kind: Kind
    description: str
    unit: str = ""
    catalogue_required: bool = False
    upload_required: bool = False
    allowed: tuple[str, ...] | None = None
    minimum: float | None = None
    maximum: float | None = None
    exclusive_minimum: bool = False
    exclusive_maximum: bool = False
    max_chars: int = 200
    kind_hint: str | None = None

    @property
    def expected(self) -> str:
        """What a valid value looks like, in plain words (used in error messages)."""
        if self.kind_hint is not None:
            return self.kind_hint
        if self.allowed is not None:
            return "one of " + ", ".join(repr(a) for a in self.allowed)
        if self.kind == "date":
            return "a real calendar date YYYY-MM-DD, YYYY-MM or YYYY"
        if self.kind == "time":
            return "a UTC time HH:MM"
        if self.kind == "datetime":
            return "a UTC date-time YYYY-MM-DDTHH:MMZ"
        if self.kind == "bool":
            return "true or false"
        if self.kind in ("float", "int"):
            word = "a whole number" if self.kind == "int" else "a finite number"
            parts = []
            if self.minimum is not None:
                parts.append(f"{'>' if self.exclusive_minimum else '>='} {self.minimum:g}")
            if self.maximum is not None:
                parts.append(f"{'<' if self.exclusive_maximum else '<='} {self.maximum:g}")
            unit = f" {self.unit}" if self.unit else ""
            return word + (" " + " and ".join(parts) if parts else "") + unit
        return f"a text of at most {self.max_chars} characters, without control characters"


#: The launch-record schema, column by column, in catalogue order.
RECORD_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec(
        "id",
        "str",
        "Stable unique id: YYYY-MM-DD-N (N = missile's number that day), curated additions YYYY-MM-DD-cN",
        catalogue_required=True,
        upload_required=True,
        max_chars=64,
    ),
    FieldSpec(
        "date",
        "date",
        "Launch date, local date at the launch site (UTC+9 for KP/KR/JP: see geo.launchtime); possibly"
        " only a month or a year",
        catalogue_required=True,
        upload_required=True,
    ),
    FieldSpec(
        "date_precision",
        "str",
        "Precision of date: day, month or year (derived from date when empty)",
        catalogue_required=True,
        allowed=DATE_PRECISIONS,
    ),
    FieldSpec("time_utc", "time", "Launch time (UTC), empty when unknown"),
    FieldSpec(
        "datetime_utc",
        "datetime",
        "Launch instant (UTC), derived from date (local) + time_utc; empty when either is unknown",
    ),
    FieldSpec(
        "country",
        "str",
        "Launching country, ISO 3166-1 alpha-2 code (names such as 'North Korea' / 'DPRK' are accepted)",
        catalogue_required=True,
        max_chars=40,
        kind_hint="a 2-letter country code (ISO 3166-1 alpha-2, e.g. 'KP')",
    ),
    FieldSpec("system_id", "str", "Missile system id (see systems.csv)", max_chars=80),
    FieldSpec("system_name", "str", "Missile system name", max_chars=120),
    FieldSpec("system_type", "str", "Missile class", catalogue_required=True, allowed=SYSTEM_TYPES),
    FieldSpec("platform", "str", "Launch platform", catalogue_required=True, allowed=PLATFORMS),
    FieldSpec("platform_basis", "str", "How the platform was derived (rule / evidence)", max_chars=120),
    FieldSpec("facility_id", "str", "Launch facility id (see facilities.csv)", max_chars=80),
    FieldSpec("launch_place", "str", "Launch location as reported, a short place phrase", max_chars=200),
    FieldSpec(
        "launch_lon",
        "float",
        "Launch longitude (WGS84), the facility point of the source",
        unit="deg",
        minimum=-180,
        maximum=180,
    ),
    FieldSpec(
        "launch_lat",
        "float",
        "Launch latitude (WGS84), the facility point of the source",
        unit="deg",
        minimum=-90,
        maximum=90,
    ),
    FieldSpec(
        "location_precision",
        "str",
        "What the launch point stands for (see LOCATION_PRECISIONS)",
        catalogue_required=True,
        allowed=LOCATION_PRECISIONS,
    ),
    FieldSpec(
        "launch_uncertainty_km",
        "float",
        "Launch location uncertainty radius; empty: the gazetteer derives it from location_precision",
        unit="km",
        minimum=0,
        maximum=2_000,
        exclusive_minimum=True,
    ),
    FieldSpec("apogee_km", "float", "Reported apogee", unit="km", minimum=0, maximum=50_000),
    FieldSpec(
        "distance_km",
        "float",
        "Reported distance flown",
        unit="km",
        minimum=0,
        maximum=20_000,
        exclusive_minimum=True,
        exclusive_maximum=True,
    ),
    FieldSpec(
        "trajectory",
        "str",
        "Reported trajectory type (lofted, standard, depressed, irregular), empty when not reported",
        allowed=TRAJECTORIES,
    ),
    FieldSpec(
        "bearing_deg",
        "float",
        "Reported flight bearing, clockwise from true north; empty when unknown",
        unit="deg",
        minimum=0,
        maximum=360,
        exclusive_maximum=True,
    ),
    FieldSpec("bearing_source", "str", "Where the bearing comes from", max_chars=120),
    FieldSpec(
        "bearing_is_placeholder",
        "bool",
        "True when the source gave its default 90 deg, i.e. no bearing was reported",
        catalogue_required=True,
    ),
    FieldSpec("outcome", "str", "Reported outcome", catalogue_required=True, allowed=OUTCOMES),
    FieldSpec("landing_area", "str", "Reported landing area", catalogue_required=True, allowed=LANDING_AREAS),
    FieldSpec("landing_label", "str", "Readable landing area", catalogue_required=True, max_chars=120),
    FieldSpec(
        "eez_reported",
        "str",
        "What a source states about Japan's EEZ (e.g. 'inside Japan EEZ', cited in sources), else empty",
        max_chars=120,
    ),
    FieldSpec(
        "salvo_size",
        "int",
        "Missiles in the same event (reported count, else the source's entries that day)",
        minimum=1,
        maximum=1_000,
    ),
    FieldSpec(
        "record_origin", "str", "nk-missile-tests, curated, or the upload's name", catalogue_required=True
    ),
    FieldSpec("source_entry", "str", "Entry of the source file the row comes from", max_chars=120),
    FieldSpec("sources", "str", "Citations", catalogue_required=True, max_chars=MAX_TEXT_CHARS),
    FieldSpec("notes", "str", "Short factual notes (our words)", max_chars=500),
)

#: Column names of the catalogue, in order (``load_catalogue`` adds ``date_start`` and ``geometry``).
CATALOGUE_COLUMNS: tuple[str, ...] = tuple(f.name for f in RECORD_FIELDS)
_SPECS: dict[str, FieldSpec] = {f.name: f for f in RECORD_FIELDS}
_FLOAT_COLUMNS = tuple(f.name for f in RECORD_FIELDS if f.kind == "float")

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
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d")
_MIN_YEAR, _MAX_YEAR = 1900, 2100
_MAX_COLUMNS = 500  # a CSV header wider than this is not a record table
_MAX_FORMULA_WARNINGS = 20  # one warning per formula-like cell up to this many, then a count
_STRUCTURAL_FIELDS = frozenset({"(row)", "type", "properties"})  # reader errors about a row's shape
_LOCATION_FIELD = "launch_lon/launch_lat/launch_place"  # field named when no location at all is given


class RecordsFileError(ValueError):
    """The whole file cannot be read as launch records; the message says what to fix.

    Raised for problems no single row is to blame for: empty file, file too big, not UTF-8 text,
    no header row, wrong delimiter, required column missing, not JSON, not a GeoJSON
    FeatureCollection. Row-level problems never raise: they become :class:`RecordError` entries.
    """


@dataclass(frozen=True, slots=True)
class RecordError:
    """One rejected value in one input row.

    Attributes
    ----------
    row : int
        1-based row number in the input as the user sees it (CSV: the line's data-row number;
        GeoJSON: the feature's position, starting at 1).
    record_id : str | None
        The row's ``id`` value when it has one, else ``None``.
    field : str
        Column / property name the problem is in.
    expected : str
        What was expected, in plain words (``"a date YYYY-MM-DD"``).
    got : Any
        What came (the raw value, ``None`` if missing).
    """

    row: int
    record_id: str | None
    field: str
    expected: str
    got: Any

    @property
    def message(self) -> str:
        """One line naming the record, the field, what was expected and what came."""
        who = f"row {self.row}" + (f" (id {self.record_id!r})" if self.record_id else "")
        return f"{who}: field {self.field!r}: expected {self.expected}, got {self.got!r}"

    def __str__(self) -> str:
        return self.message


def _empty_frame() -> gpd.GeoDataFrame:
    return _to_frame([])


@dataclass(slots=True)
class ValidationResult:
    """The outcome of validating launch records: the good rows, and why the others were rejected.

    Attributes
    ----------
    records : geopandas.GeoDataFrame
        The valid rows, with the catalogue columns (:data:`CATALOGUE_COLUMNS`) plus ``date_start`` and
        ``geometry`` (Point(lon, lat), EPSG:4326; ``None`` where the location is a place name still to
        be geocoded or unreported). See :func:`load_catalogue` for the dtypes.
    errors : list of RecordError
        Every problem of every rejected row (a row with two bad fields has two errors).
    warnings : list of str
        Problems that lose nothing: unknown columns left out, formula-like text kept as text.
    rows_read : int
        Data rows (CSV) or features (GeoJSON) read.
    source : str
        Name of the input, as given by the caller (never used as a path).
    """

    records: gpd.GeoDataFrame = field(default_factory=_empty_frame)
    errors: list[RecordError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    rows_read: int = 0
    source: str = ""

    @property
    def rejected_rows(self) -> list[int]:
        """Row numbers (1-based) of the rejected rows, in order."""
        return sorted({e.row for e in self.errors})

    @property
    def n_kept(self) -> int:
        """Number of valid rows."""
        return len(self.records)

    @property
    def n_rejected(self) -> int:
        """Number of rejected rows."""
        return len(self.rejected_rows)

    @property
    def ok(self) -> bool:
        """True when no row was rejected."""
        return not self.errors

    @property
    def summary(self) -> str:
        """One line, e.g. ``"341 rows read, 339 kept, 2 rejected"`` (plus warnings, if any)."""
        noun = "row" if self.rows_read == 1 else "rows"
        text = f"{self.rows_read} {noun} read, {self.n_kept} kept, {self.n_rejected} rejected"
        if self.warnings:
            text += f" ({len(self.warnings)} warning{'s' if len(self.warnings) != 1 else ''})"
        return text

    def rejected_report(self, *, csv_safe: bool = True) -> pd.DataFrame:
        """One line per error: ``row, id, field, expected, got, message``; shown and offered as CSV.

        Text from the upload is made inert (:func:`report_cell`): control and bidirectional
        characters are written as visible ``\\uXXXX`` escapes (so a cell reads as it is stored) and
        each cell is cut at :data:`MAX_REPORT_CELL_CHARS` characters. At most
        :data:`MAX_REPORT_LINES` problems are listed; one last line (empty ``row``) counts the rest.

        Parameters
        ----------
        csv_safe : bool, default True
            Neutralise cells a spreadsheet would run as a formula (see :func:`csv_safe_text`), so the
            frame can be offered for download as CSV.

        Returns
        -------
        pandas.DataFrame
            Sorted by row (``Int64``); ``got`` is the value as it came, as text (``""`` when missing).
        """

        def fix(value: Any) -> str:
            return report_cell(value, csv_safe=csv_safe)

        errors = sorted(self.errors, key=lambda e: e.row)
        data: list[dict[str, Any]] = []
        for e in errors[:MAX_REPORT_LINES]:
            got = fix("" if e.got is None else e.got)
            who = f"row {e.row}" + (f" (id '{fix(e.record_id)}')" if e.record_id else "")
            said = f"{who}: field '{fix(e.field)}': expected {e.expected}, got " + (
                f"'{got}'" if got else "nothing"
            )
            data.append(
                {
                    "row": e.row,
                    "id": fix(e.record_id or ""),
                    "field": fix(e.field),
                    "expected": e.expected,
                    "got": got,
                    "message": report_cell(said, limit=4 * MAX_REPORT_CELL_CHARS, csv_safe=csv_safe),
                }
            )
        if len(errors) > MAX_REPORT_LINES:
            rest = errors[MAX_REPORT_LINES:]
            rows = len({e.row for e in rest})
            more = f"… and {len(rest):,} more problems in {rows:,} more rows, not listed"
            data.append({"row": None, "message": more + ": fix the ones above and upload the file again"})
        columns = ["row", "id", "field", "expected", "got", "message"]
        frame = pd.DataFrame(data, columns=columns).astype({"row": "Int64"})
        return frame.fillna({c: "" for c in columns[1:]})


# ---------------------------------------------------------------------------------------------
# formula injection


def is_formula_like(text: str) -> bool:
    """True if a spreadsheet would treat ``text`` as a formula (starts with ``= + - @``, tab or CR).

    Plain numbers such as ``"-12.5"`` are not formulas.

    >>> is_formula_like("=cmd|' /C calc'!A0"), is_formula_like("-12.5"), is_formula_like("Sinpo")
    (True, False, False)
    """
    if not text or not text.startswith(_FORMULA_START):
        return False
    try:
        float(text)
    except ValueError:
        return True
    return False


#: Characters shown as ``\\uXXXX`` in reports: C0/C1 controls, DEL, line and paragraph separators,
#: zero-width characters and every bidirectional mark, embedding, override and isolate.
_RE_REPORT_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")


_RE_CLIPPED = re.compile(r"… \((\d[\d,]{0,20}) characters\)$")


def visible_text(text: str) -> str:
    """``text`` with its invisible and reordering characters written as ``\\uXXXX`` escapes, so it
    reads as it is stored (no hidden control codes, no right-to-left override turning ``exe.png``
    around).

    >>> visible_text("report\u202egnp.exe")
    'report\\\\u202egnp.exe'
    """
    return _RE_REPORT_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def report_cell(value: Any, *, limit: int = MAX_REPORT_CELL_CHARS, csv_safe: bool = True) -> str:
    """``value`` as inert text for a report cell: invisible and reordering characters made visible,
    cut at ``limit`` characters, and (``csv_safe``) formula-like text neutralised.

    >>> report_cell("ab\u202ecd\x07", limit=20)
    'ab\\\\u202ecd\\\\u0007'
    >>> report_cell("x" * 30, limit=10)
    'xxxxxxxxxx… (30 characters)'
    """
    text = "" if value is None else str(value)
    length = len(text)
    clipped = _RE_CLIPPED.search(text)  # already cut by the validator: keep the original length
    if clipped:
        text, length = text[: clipped.start()], int(clipped.group(1).replace(",", ""))
    shown = visible_text(text)
    if len(shown) > limit or clipped:
        cut = shown[:limit]
        escape = cut.rfind("\\u", limit - 5)  # never leave half an escape
        shown = (cut[:escape] if escape >= 0 else cut) + f"… ({length:,} characters)"
    return csv_safe_text(shown) if csv_safe else shown


def csv_safe_text(value: Any) -> str:
    """``value`` as text that a spreadsheet shows as text: formula-like text gets a leading ``'``.

    >>> csv_safe_text("=HYPERLINK(\\"http://x\\")")
    '\\'=HYPERLINK("http://x")'
    """
    text = "" if value is None else str(value)
    return "'" + text if is_formula_like(text) else text


def records_to_csv(records: pd.DataFrame) -> str:
    """Write records as CSV text (catalogue columns; no geometry), formula-like cells neutralised.

    Parameters
    ----------
    records : pandas.DataFrame
        A frame from :func:`load_catalogue` or :attr:`ValidationResult.records`.

    Returns
    -------
    str
        UTF-8-ready CSV text with a header row; numbers unchanged, empty cells for missing values.
    """
    cols = [c for c in CATALOGUE_COLUMNS if c in records.columns]
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(cols)
    for row in records[cols].itertuples(index=False, name=None):
        w.writerow([_cell_text(v) for v in row])
    return buf.getvalue()


def _cell_text(value: Any) -> str:
    if value is None or value is pd.NA:
        return ""
    if isinstance(value, bool | np.bool_):
        return "true" if value else "false"
    if isinstance(value, float | np.floating):
        v = float(value)
        if math.isnan(v):
            return ""
        return str(int(v)) if v.is_integer() and abs(v) < 1e15 else repr(v)  # exact round trip
    return csv_safe_text(value)


# ---------------------------------------------------------------------------------------------
# value parsing


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


def _date_start(text: str) -> str:
    parts = text.split("-")
    while len(parts) < 3:
        parts.append("01")
    return "-".join(parts)


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


def _to_frame(rows: list[dict[str, Any]]) -> gpd.GeoDataFrame:
    """Valid parsed rows → GeoDataFrame with the catalogue dtypes."""
    data: dict[str, Any] = {}
    for spec in RECORD_FIELDS:
        values = [r.get(spec.name) for r in rows]
        if spec.kind == "float":
            data[spec.name] = np.array([np.nan if v is None else float(v) for v in values], dtype="float64")
        elif spec.kind == "int":
            data[spec.name] = pd.array(values, dtype="Int64")
        elif spec.kind == "bool":
            data[spec.name] = np.array([bool(v) for v in values], dtype=bool)
        else:
            data[spec.name] = pd.array(["" if v is None else str(v) for v in values], dtype="str")
    frame = pd.DataFrame(data, columns=list(CATALOGUE_COLUMNS))
    frame["date_start"] = pd.to_datetime(
        pd.Series([_date_start(d) for d in frame["date"]], dtype="str"), format="%Y-%m-%d"
    ).astype("datetime64[ns]")
    geometry = [
        None if (math.isnan(x) or math.isnan(y)) else Point(x, y)
        for x, y in zip(frame["launch_lon"], frame["launch_lat"], strict=True)
    ]
    return gpd.GeoDataFrame(frame, geometry=geometry, crs="EPSG:4326")


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
        ``"upload"``: only ``id``, ``date`` and a launch location (``launch_lon`` + ``launch_lat``, or
        ``launch_place``) are required. ``"catalogue"``: every column the shipped catalogue always
        fills is required too.
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
        rid = str(parsed["id"])
        if rid in seen:
            errors.append(RecordError(n, rid, "id", f"a unique id (already used on row {seen[rid]})", rid))
            continue
        seen[rid] = n
        for name, value in parsed.items():
            if isinstance(value, str) and is_formula_like(value):
                formulas += 1
                if formulas <= _MAX_FORMULA_WARNINGS:
                    warnings.append(
                        f"row {n} (id {rid!r}): field {name!r} starts like a spreadsheet formula; kept as"
                        " text, written with a leading ' when exported as CSV"
                    )
        kept.append(parsed)
    if formulas > _MAX_FORMULA_WARNINGS:
        warnings.append(f"… and {formulas - _MAX_FORMULA_WARNINGS} more formula-like cells, kept as text")
    if rows_read == 0:
        warnings.append("the file has no records (only a header, or blank lines)")
    return ValidationResult(
        records=_to_frame(kept), errors=errors, warnings=warnings, rows_read=rows_read, source=source
    )


# ---------------------------------------------------------------------------------------------
# files


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

    Required columns: ``id``, ``date`` and a launch location, either ``launch_lon`` + ``launch_lat``
    (degrees, WGS84) or ``launch_place`` (a place name, geocoded later by :mod:`geo.gazetteer`; its
    lon/lat stay empty here). Every other catalogue column is optional and checked when present.
    Column names are matched case-insensitively, with aliases (``lon``, ``longitude`` → ``launch_lon``).

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
            f" 'id,date,launch_lon,launch_lat' or 'id,date,launch_place'; got {first!r}"
        )
    dupes = sorted(h for h, n in Counter(header).items() if h and n > 1)
    if dupes:
        raise RecordsFileError(f"the CSV header names column(s) {dupes} more than once: keep one of each")
    missing = [c for c in ("id", "date") if c not in header]
    if missing:
        raise RecordsFileError(
            f"the CSV file has no {' or '.join(repr(c) for c in missing)} column (required):"
            f" add it; columns found: {header_raw}"
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

    id_col = header.index("id")

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
                    rid = cells[id_col].strip() if len(cells) > id_col and cells[id_col].strip() else None
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


# ---------------------------------------------------------------------------------------------
# shipped data


def _read_csv_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def load_catalogue(path: Path | str | None = None) -> gpd.GeoDataFrame:
    """Load the launch catalogue, one row per missile, validated against :data:`RECORD_FIELDS`.

    Parameters
    ----------
    path : path-like, optional
        Catalogue CSV; default :data:`CATALOGUE_PATH` (``data/catalogue/launches.csv``). For the
        project's own files only: never pass a path that came from a user.

    Returns
    -------
    geopandas.GeoDataFrame
        Columns :data:`CATALOGUE_COLUMNS` + ``date_start`` + ``geometry``, sorted by date. dtypes:
        numbers (``launch_lon``, ``launch_lat``, ``apogee_km``, ``distance_km``, ``bearing_deg``) are
        ``float64`` with NaN for unknown; ``salvo_size`` is nullable ``Int64``;
        ``bearing_is_placeholder`` is ``bool``; text columns are strings, ``""`` when empty; ``date``
        stays text (``"1984-09"`` for month precision) and ``date_start`` is its first day as
        ``datetime64[ns]`` (sortable). ``geometry`` is ``Point(launch_lon, launch_lat)`` (x=lon, y=lat)
        in EPSG:4326, or ``None`` when no launch location was reported.

    Raises
    ------
    ValueError
        When a row of the file breaks the schema (the shipped file never does; tests check it).

    Examples
    --------
    >>> cat = load_catalogue()
    >>> len(cat) >= 345, cat.crs.to_epsg()
    (True, 4326)
    """
    p = Path(path) if path is not None else CATALOGUE_PATH
    result = validate_records(_read_csv_rows(p), source=p.name, mode="catalogue")
    if result.errors:
        lines = "\n".join(e.message for e in result.errors[:10])
        raise ValueError(f"{p.name}: {result.n_rejected} row(s) break the catalogue schema:\n{lines}")
    return result.records


def load_facilities(path: Path | str | None = None) -> gpd.GeoDataFrame:
    """Load the launch facilities of the source.

    Parameters
    ----------
    path : path-like, optional
        Default :data:`FACILITIES_PATH` (``data/catalogue/facilities.csv``).

    Returns
    -------
    geopandas.GeoDataFrame
        Columns ``id, name, name_ja, lon, lat, kind, launch_place, is_placeholder, geometry``
        (Point(lon, lat), EPSG:4326). ``is_placeholder`` marks the source's ``unknown`` facility, whose
        point is a stand-in (Pyongyang International Airport), not a reported site.

    Examples
    --------
    >>> fac = load_facilities()
    >>> fac.set_index("id").loc["sohae", "kind"]
    'satellite launching ground'
    """
    p = Path(path) if path is not None else FACILITIES_PATH
    df = pd.read_csv(p, dtype="str", keep_default_na=False, encoding="utf-8")
    df["lon"] = df["lon"].astype("float64")
    df["lat"] = df["lat"].astype("float64")
    df["is_placeholder"] = df["is_placeholder"].str.lower().eq("true")
    return gpd.GeoDataFrame(df, geometry=gpd.points_from_xy(df["lon"], df["lat"]), crs="EPSG:4326")


def load_systems(path: Path | str | None = None) -> pd.DataFrame:
    """Load the missile systems table (``system_id, name, type, name_ja, maneuver, origin``).

    Parameters
    ----------
    path : path-like, optional
        Default :data:`SYSTEMS_PATH` (``data/catalogue/systems.csv``).

    Returns
    -------
    pandas.DataFrame
        Text columns, ``""`` when empty.
    """
    p = Path(path) if path is not None else SYSTEMS_PATH
    return pd.read_csv(p, dtype="str", keep_default_na=False, encoding="utf-8")


def records_schema_table() -> pd.DataFrame:
    """The schema as a table (for documentation and the app's help): one line per column.

    Returns
    -------
    pandas.DataFrame
        ``column, type, unit, required_in_upload, always_in_catalogue, allowed, description``.
    """
    return pd.DataFrame(
        [
            {
                "column": f.name,
                "type": f.kind,
                "unit": f.unit,
                "required_in_upload": f.upload_required
                or (f.name in ("launch_lon", "launch_lat", "launch_place")),
                "always_in_catalogue": f.catalogue_required,
                "allowed": f.expected,
                "description": f.description,
            }
            for f in RECORD_FIELDS
        ]
    )
