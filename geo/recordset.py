"""Records from every source in one table: the catalogue, a visitor's files, reports, hand-added launches.

A launch the visitor brings (an imported CSV/GeoJSON, a report read by :func:`geo.read_report`, the
"add a launch" form) travels the path of the catalogue's own launches: validated by
:func:`geo.records.validate_records`, then *admitted* here (:func:`admit_records`) into the records
the app works with, so every feature (selection, rings, estimates, maritime verdict, search, tables,
downloads) sees one table. Admitting a batch:

1. places it: a record that names only a place (``location_precision == "place name"``) is geocoded
   (:func:`geo.geocoding.geocode_records`, the map's own path) and gets that place's representative
   point as ``launch_lon``/``launch_lat`` and its radius as ``launch_uncertainty_km``; a place the
   gazetteer does not know rejects the row with a :class:`~geo.records.RecordError` naming it;
2. keeps ids unique among all records: a record whose id is already taken by the same launch (the
   catalogue's own CSV read back, a file imported twice) is a *duplicate* and is not added twice;
   a record whose id is taken by a different launch gets an id made from its content
   (:func:`geo.records.generated_id`), and the change is reported;
3. marks where it came from in :data:`ORIGIN_COLUMN` (:data:`ORIGINS`).

:func:`combine_records` then joins the catalogue and the admitted batches. Nothing here is stored:
the caller (the app's session) keeps the batches, and only for the visitor who brought them.

Examples
--------
>>> from geo.geocoding import Gazetteer
>>> from geo.records import load_catalogue, read_records_csv
>>> cat = load_catalogue()
>>> batch = read_records_csv(b"date,place,distance\\n2021-09-15,Yangdok county,800\\n", source="mine.csv")
>>> admitted = admit_records(batch.records, origin="import", existing=cat, gazetteer=Gazetteer.load())
>>> rec = admitted.records.iloc[0]
>>> rec["origin"], rec["location_precision"], float(rec["launch_lon"]), float(rec["launch_lat"])
('import', 'place name', 126.88556, 39.16944)
>>> both = combine_records(cat, [admitted.records])
>>> len(both) == len(cat) + 1, int((both["origin"] == "catalogue").sum()) == len(cat)
(True, True)
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import pandas as pd

from geo.geocoding.index import Gazetteer
from geo.geocoding.records import geocode_records
from geo.records import CATALOGUE_COLUMNS, RecordError, generated_id, unique_id
from geo.records.schema import _to_frame

__all__ = [
    "ORIGINS",
    "ORIGIN_COLUMN",
    "Admission",
    "Origin",
    "admit_records",
    "combine_records",
    "same_launch",
]

Origin = Literal["catalogue", "import", "report", "form"]
#: Where a record came from, as the app names it: the shipped catalogue, the visitor's file
#: (Import page), a report read on the "Read a report" page, the "add a launch" form.
ORIGINS: dict[str, str] = {
    "catalogue": "catalogue",
    "import": "your import",
    "report": "from a report",
    "form": "added by you",
}
#: Column of the combined table holding each record's :data:`ORIGINS` key.
ORIGIN_COLUMN = "origin"
_FLOAT_DIGITS = 6  # floats compare to 1e-6 (0.1 m in degrees; exports round coordinates to 6 digits)


@dataclass
class Admission:
    """What :func:`admit_records` did with a batch.

    Attributes
    ----------
    records : pandas.DataFrame
        The records to add (catalogue columns, ``date_start``, :data:`ORIGIN_COLUMN`), ids unique
        among all records, every place located.
    errors : list of RecordError
        Rows that cannot be placed (a place the gazetteer does not know), naming the row and field.
    duplicates : list of str
        Ids of records left out because the very same launch is already there.
    renamed : list of (str, str)
        ``(id given, id used)`` for records whose id was already another launch's.
    """

    records: pd.DataFrame
    errors: list[RecordError] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    renamed: list[tuple[str, str]] = field(default_factory=list)

    @property
    def notes(self) -> list[str]:
        """What happened, in plain words (one line each; ids quoted as they are)."""
        out: list[str] = []
        if self.duplicates:
            n = len(self.duplicates)
            out.append(
                f"{n} record{'s' if n != 1 else ''} {'are' if n != 1 else 'is'} already on the map"
                f" (same id, same facts) and {'were' if n != 1 else 'was'} not added twice"
                f" (e.g. {self.duplicates[0]!r})."
            )
        for old, new in self.renamed[:20]:
            out.append(f"Id {old!r} is already another launch's: this record is {new!r}.")
        if len(self.renamed) > 20:
            out.append(f"… and {len(self.renamed) - 20} more records with a new id.")
        return out


def _canonical(value: Any) -> Any:
    if value is None or value is pd.NA:
        return None
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, int | float | np.integer | np.floating):
        v = float(value)
        return None if math.isnan(v) else round(v, _FLOAT_DIGITS)
    text = str(value).strip()
    return text or None


def _fact_key(row: pd.Series | dict[str, Any]) -> tuple[Any, ...]:
    get = row.get
    return tuple(_canonical(get(c)) for c in CATALOGUE_COLUMNS if c != "id")


def _rows(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [{str(k): v for k, v in r.items()} for r in frame.to_dict("records")]


def same_launch(a: pd.Series | dict[str, Any], b: pd.Series | dict[str, Any]) -> bool:
    """True when two records state the same facts in every catalogue column but ``id`` (numbers to
    1e-6, so coordinates rounded by an export still match)."""
    return _fact_key(a) == _fact_key(b)


def _place(
    records: pd.DataFrame, rows: Sequence[int], gazetteer: Gazetteer
) -> tuple[pd.DataFrame, list[RecordError]]:
    """Geocode the records that name only a place; drop (and report) those the gazetteer cannot place."""
    todo = records["location_precision"].eq("place name") & records["launch_place"].astype(str).ne("")
    if not bool(todo.any()):
        return records, []
    subset = records[todo.to_numpy()]
    located, problems = geocode_records(subset, gazetteer=gazetteer)
    positions = np.flatnonzero(todo.to_numpy())
    errors = [
        RecordError(rows[positions[e.row - 1]], e.record_id, e.field, e.expected, e.got) for e in problems
    ]
    out = records.copy()
    out.loc[located.index, "launch_lon"] = located["launch_lon"].astype(float)
    out.loc[located.index, "launch_lat"] = located["launch_lat"].astype(float)
    given = out.loc[located.index, "launch_uncertainty_km"]
    out.loc[located.index, "launch_uncertainty_km"] = given.where(
        given.notna(), located["launch_uncertainty_km"].round(1)
    )
    failed = subset.index.difference(located.index)
    return out.drop(index=failed), errors


def admit_records(
    records: pd.DataFrame,
    *,
    origin: Origin,
    existing: pd.DataFrame,
    gazetteer: Gazetteer,
    rows: Sequence[int] | None = None,
) -> Admission:
    """Make validated records ready to join ``existing`` (see the module docstring for the steps).

    Parameters
    ----------
    records : pandas.DataFrame
        Valid records (:attr:`geo.records.ValidationResult.records`: catalogue columns).
    origin : {"import", "report", "form"}, keyword-only
        Where they came from (stored in :data:`ORIGIN_COLUMN`).
    existing : pandas.DataFrame, keyword-only
        The records already there (the catalogue and earlier batches): ids and facts are compared.
    gazetteer : Gazetteer, keyword-only
        The loaded gazetteer, for records that name only a place.
    rows : sequence of int, keyword-only, optional
        The input row number of each record (:attr:`geo.records.ValidationResult.kept_rows`), for
        error messages; default: 1, 2, 3…

    Returns
    -------
    Admission
    """
    frame = pd.DataFrame(records.drop(columns="geometry", errors="ignore")).reset_index(drop=True)
    row_numbers = list(rows) if rows is not None else list(range(1, len(frame) + 1))
    frame, errors = _place(frame, row_numbers, gazetteer)
    known = {str(r["id"]): _fact_key(r) for r in _rows(existing.reindex(columns=list(CATALOGUE_COLUMNS)))}
    keep: list[int] = []
    new_ids: list[str] = []
    duplicates: list[str] = []
    renamed: list[tuple[str, str]] = []
    for pos, row in zip(frame.index, _rows(frame), strict=True):
        rid = str(row["id"])
        key = _fact_key(row)
        if rid in known:
            if known[rid] == key:
                duplicates.append(rid)
                continue
            new = unique_id(generated_id(row), known)
            renamed.append((rid, new))
            rid = new
        known[rid] = key
        keep.append(pos)
        new_ids.append(rid)
    out = frame.loc[keep].copy()
    out["id"] = pd.array(new_ids, dtype="str")
    out[ORIGIN_COLUMN] = origin
    return Admission(
        records=out.reset_index(drop=True), errors=errors, duplicates=duplicates, renamed=renamed
    )


def combine_records(catalogue: pd.DataFrame, batches: Iterable[pd.DataFrame]) -> pd.DataFrame:
    """The catalogue (origin ``"catalogue"``) and the admitted batches as one table (no geometry).

    Columns: the catalogue's (:data:`geo.records.CATALOGUE_COLUMNS`, ``date_start``) and
    :data:`ORIGIN_COLUMN`; dtypes as :func:`geo.records.load_catalogue` gives them. Rows keep their
    order (catalogue first); sorting is the caller's.
    """
    base = pd.DataFrame(catalogue.drop(columns="geometry", errors="ignore"))
    if ORIGIN_COLUMN not in base.columns:
        base = base.assign(**{ORIGIN_COLUMN: "catalogue"})
    parts = [base, *(pd.DataFrame(b.drop(columns="geometry", errors="ignore")) for b in batches if len(b))]
    if len(parts) == 1:
        return base.reset_index(drop=True)
    typed = _to_frame([])  # the catalogue's dtypes, so concatenation keeps them
    columns = [*CATALOGUE_COLUMNS, "date_start", ORIGIN_COLUMN]
    joined = pd.concat([p.reindex(columns=columns) for p in parts], ignore_index=True)
    for c in CATALOGUE_COLUMNS:
        joined[c] = joined[c].astype(typed[c].dtype) if c in typed.columns else joined[c]
    return joined
