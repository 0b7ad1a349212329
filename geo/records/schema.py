"""The launch-record schema: every column with its type, unit, vocabulary and whether it is required.

:data:`RECORD_FIELDS` is the schema as code (one :class:`FieldSpec` per column, in catalogue order);
the vocabularies (:data:`SYSTEM_TYPES`, :data:`PLATFORMS`, ...) are the values a column accepts.
A *launch record* is one missile (not one event): longitude/latitude in degrees (WGS84, x=lon,
y=lat), apogee and distance in km, bearing in degrees clockwise from true north.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Literal

import geopandas as gpd
import numpy as np
import pandas as pd
from shapely.geometry import Point

__all__ = [
    "CATALOGUE_COLUMNS",
    "DATE_PRECISIONS",
    "LANDING_AREAS",
    "LANDING_LABELS",
    "LOCATION_PRECISIONS",
    "MAX_TEXT_CHARS",
    "OUTCOMES",
    "PLATFORMS",
    "RECORD_FIELDS",
    "SYSTEM_TYPES",
    "TRAJECTORIES",
    "FieldSpec",
    "records_schema_table",
]

#: Longest text accepted in any one cell (characters) unless a field says less.
MAX_TEXT_CHARS: int = 1_000


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
        A user's file must have it (``date``; the launch location is checked separately:
        ``launch_lon`` + ``launch_lat`` or ``launch_place``; an ``id`` is made when missing).
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
        "Stable unique id: YYYY-MM-DD-N (N = missile's number that day), curated additions YYYY-MM-DD-cN;"
        " a user's record without one gets YYYY-MM-DD-uXXXXXX, made from its content",
        catalogue_required=True,
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


def _date_start(text: str) -> str:
    parts = text.split("-")
    while len(parts) < 3:
        parts.append("01")
    return "-".join(parts)


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
