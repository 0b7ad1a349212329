"""What validating records gives: the kept rows, one :class:`RecordError` per rejected value, and
:class:`RecordsFileError` for a file that cannot be read at all."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import geopandas as gpd
import pandas as pd

from geo.records.cells import MAX_REPORT_CELL_CHARS, MAX_REPORT_LINES, report_cell
from geo.records.schema import _to_frame

__all__ = ["RecordError", "RecordsFileError", "ValidationResult"]


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
    kept_rows : list of int
        The input row number of each row of ``records``, in order (so a later step, such as placing
        the records on the map, can name the row of the user's file).
    """

    records: gpd.GeoDataFrame = field(default_factory=_empty_frame)
    errors: list[RecordError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    rows_read: int = 0
    source: str = ""
    kept_rows: list[int] = field(default_factory=list)

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
