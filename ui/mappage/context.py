"""Everything the Map page's parts need, read once from the sidebar and the URL."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from ui.state import ViewState

__all__ = ["MapContext"]


@dataclass(frozen=True)
class MapContext:
    """The page's inputs after the sidebar ran.

    Attributes
    ----------
    catalogue : DataFrame
        Every selectable record, in date order: the catalogue's and the visitor's own
        (:func:`ui.records.session_records`, ``origin`` column).
    view : DataFrame
        The records inside the filters (dates, system types), in date order.
    ids : list of str
        ``view``'s ids: the order of ◀ / ▶ stepping.
    state : ViewState
        What the URL carries (selected launch, dates, types, ranges, layers, presentation).
    date_min, date_max : date
        The catalogue's date span.
    rec : Series or None
        The selected record (it may lie outside the filters when opened from a link).
    imported : DataFrame or None
        The visitor's own records in the view (imported, read from a report, added by hand), drawn in
        their own colour; None when there are none or they are hidden.
    online : bool
        Whether the optional online basemap is on (never part of the URL).
    url_warnings, range_problems : list of str
        Markdown-escaped messages to show above the map.
    """

    catalogue: pd.DataFrame
    view: pd.DataFrame
    ids: list[str]
    state: ViewState
    date_min: dt.date
    date_max: dt.date
    rec: pd.Series | None
    imported: pd.DataFrame | None
    online: bool
    url_warnings: list[str]
    range_problems: list[str]

    @property
    def presentation(self) -> bool:
        return self.state.presentation
