"""Writing launch records as CSV in the catalogue format (formula-like cells neutralised)."""

from __future__ import annotations

import csv
import io
import math
from typing import Any

import numpy as np
import pandas as pd

from geo.records.cells import csv_safe_text
from geo.records.schema import CATALOGUE_COLUMNS

__all__ = ["records_to_csv"]


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
