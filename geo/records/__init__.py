"""Launch records: the catalogue schema, validation, reading, loading and writing.

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

One concept per module:

:mod:`~geo.records.schema`
    the columns (:data:`RECORD_FIELDS`), their vocabularies and the typed frame of valid rows;
:mod:`~geo.records.validation`
    :func:`validate_records`: values parsed, cross-field rules, good rows kept, bad rows reported;
:mod:`~geo.records.result`
    :class:`ValidationResult`, :class:`RecordError`, :class:`RecordsFileError`;
:mod:`~geo.records.reading`
    a user's CSV or GeoJSON bytes, bounded, through the validator;
:mod:`~geo.records.catalogue`
    the shipped catalogue, facilities and systems;
:mod:`~geo.records.writing`
    records as CSV in the catalogue format;
:mod:`~geo.records.cells`
    cell text made inert (formulas, invisible characters) for reports and CSV;
:mod:`~geo.records.ids` / :mod:`~geo.records.dateforms`
    ids made for a user's rows that have none; dates as typed in a spreadsheet.

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

from geo.records.catalogue import (
    CATALOGUE_PATH,
    FACILITIES_PATH,
    SYSTEMS_PATH,
    load_catalogue,
    load_facilities,
    load_systems,
)
from geo.records.cells import (
    MAX_REPORT_CELL_CHARS,
    MAX_REPORT_LINES,
    csv_safe_text,
    is_formula_like,
    report_cell,
    visible_text,
)
from geo.records.dateforms import ambiguous_date, upload_date
from geo.records.ids import GENERATED_ID_PATTERN, generated_id, is_generated_id, unique_id
from geo.records.reading import MAX_UPLOAD_BYTES, MAX_UPLOAD_ROWS, read_records_csv, read_records_geojson
from geo.records.result import RecordError, RecordsFileError, ValidationResult
from geo.records.schema import (
    CATALOGUE_COLUMNS,
    DATE_PRECISIONS,
    LANDING_AREAS,
    LANDING_LABELS,
    LOCATION_PRECISIONS,
    MAX_TEXT_CHARS,
    OUTCOMES,
    PLATFORMS,
    RECORD_FIELDS,
    SYSTEM_TYPES,
    TRAJECTORIES,
    FieldSpec,
    records_schema_table,
)
from geo.records.validation import validate_records
from geo.records.writing import records_to_csv

__all__ = [
    "CATALOGUE_COLUMNS",
    "CATALOGUE_PATH",
    "DATE_PRECISIONS",
    "FACILITIES_PATH",
    "GENERATED_ID_PATTERN",
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
    "ambiguous_date",
    "csv_safe_text",
    "generated_id",
    "is_formula_like",
    "is_generated_id",
    "load_catalogue",
    "load_facilities",
    "load_systems",
    "read_records_csv",
    "read_records_geojson",
    "records_schema_table",
    "records_to_csv",
    "report_cell",
    "unique_id",
    "upload_date",
    "validate_records",
    "visible_text",
]
