"""Dates as people type them in a spreadsheet, turned into the catalogue's ``YYYY-MM-DD``.

Only unambiguous forms are read: ``2021/9/15``, ``2021.09.15``, ``15 September 2021``,
``Sept. 15, 2021``, ``September 2021``, and ``15/09/2021`` or ``9/15/2021`` when one of the two
numbers cannot be a month. ``05/09/2021`` could be the 5th of September or the 9th of May: it is
refused with that question (:func:`ambiguous_date`) rather than guessed. The shipped catalogue is
checked strictly (``YYYY-MM-DD`` only); these forms are for a user's rows.

Examples
--------
>>> [upload_date(t) for t in ("2021/9/15", "15 Sept. 2021", "Sept. 15, 2021", "September 2021")]
['2021-09-15', '2021-09-15', '2021-09-15', '2021-09']
>>> upload_date("15/09/2021"), upload_date("9/15/2021"), upload_date("05/09/2021")
('2021-09-15', '2021-09-15', None)
>>> ambiguous_date("05/09/2021")
True
"""

from __future__ import annotations

import re

__all__ = ["ambiguous_date", "upload_date"]

_MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
    "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}  # fmt: skip
_YMD = re.compile(r"^(\d{4})[-/.](\d{1,2})(?:[-/.](\d{1,2}))?$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_NUMERIC_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?[\s-]+([a-z]+)\.?,?[\s-]+(\d{4})$", re.I)
_MONTH_DAY_YEAR = re.compile(r"^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$", re.I)
_MONTH_YEAR = re.compile(r"^([a-z]+)\.?,?\s+(\d{4})$", re.I)


def _iso(year: int, month: int, day: int | None) -> str:
    return f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day is not None else "")


def upload_date(text: str) -> str | None:
    """``text`` as ``YYYY-MM-DD`` (or ``YYYY-MM``) when it is one of the unambiguous forms, else None.

    The result is not checked as a calendar date here (the validator does: ``2021-02-30`` is
    still refused there, naming the value as typed).
    """
    t = " ".join(text.split())
    if m := _YMD.match(t):
        return _iso(int(m[1]), int(m[2]), int(m[3]) if m[3] else None)
    if m := _COMPACT.match(t):
        return _iso(int(m[1]), int(m[2]), int(m[3]))
    if m := _NUMERIC_DMY.match(t):
        a, b = int(m[1]), int(m[2])
        if a > 12 >= b:
            return _iso(int(m[3]), b, a)
        if b > 12 >= a:
            return _iso(int(m[3]), a, b)
        if a == b:
            return _iso(int(m[3]), a, b)
        return None
    if (m := _DAY_MONTH_YEAR.match(t)) and m[2].lower() in _MONTHS:
        return _iso(int(m[3]), _MONTHS[m[2].lower()], int(m[1]))
    if (m := _MONTH_DAY_YEAR.match(t)) and m[1].lower() in _MONTHS:
        return _iso(int(m[3]), _MONTHS[m[1].lower()], int(m[2]))
    if (m := _MONTH_YEAR.match(t)) and m[1].lower() in _MONTHS:
        return _iso(int(m[2]), _MONTHS[m[1].lower()], None)
    return None


def ambiguous_date(text: str) -> bool:
    """True for ``05/09/2021``-like text: both numbers could be the month."""
    m = _NUMERIC_DMY.match(" ".join(text.split()))
    if m is None:
        return False
    a, b = int(m[1]), int(m[2])
    return a != b and a <= 12 and b <= 12
