"""Launch records: the catalogue schema, validation and loading.

TODO(records owner): the rest of this module. ``RecordError`` below is a shared contract used by
other modules (geocoding of records, uploads); extend it, do not rename its fields.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["RecordError"]


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
