"""Finding launches by the words people use: systems, platforms, places, years, landing areas.

A student types "train", "submarine 2021", "hwasong15" or "japan eez": every word of the query must
match the record. What a record can be found by (:func:`search_text`): its id, date and year, system
name and type (with the type's meaning: "ICBM" is also "intercontinental"), platform with its everyday
words ("rail car" is also "rail", "railway", "train"; "submarine" also "sub", "underwater"; a road-mobile
launcher also "truck", "TEL"), how the platform is known, the launch place, the landing area, the
reported EEZ remark and the outcome.

Matching (:func:`match_records`): case-insensitive; a 4-digit word (``2017``) matches the year exactly,
``2017-03`` a date prefix, another number a whole number ("kn 23" finds "KN-23", not every 2023 launch);
any other word matches a part of the text, with hyphens and spaces ignored too ("hwasong15" finds
"Hwasong-15"). Words that, written together, are a name ("hwasong 15", "scud b") find that name only.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import pandas as pd

__all__ = ["PLATFORM_WORDS", "SYSTEM_TYPE_WORDS", "match_records", "search_text"]

#: Everyday words for the catalogue's platforms (what students type).
PLATFORM_WORDS: dict[str, tuple[str, ...]] = {
    "rail car": ("rail", "railway", "train", "rail-mobile"),
    "submarine": ("sub", "underwater", "submarine-launched", "slbm"),
    "road-mobile launcher": ("road", "truck", "vehicle", "tel", "launcher", "mobile"),
    "fixed pad": ("pad", "launch pad", "fixed"),
    "ship": ("ship", "barge", "boat", "sea-based"),
    "silo": ("silo", "underground"),
}
#: What the system-type abbreviations stand for.
SYSTEM_TYPE_WORDS: dict[str, str] = {
    "SRBM": "short-range ballistic missile",
    "MRBM": "medium-range ballistic missile",
    "IRBM": "intermediate-range ballistic missile",
    "ICBM": "intercontinental ballistic missile",
    "SLBM": "submarine-launched ballistic missile",
    "SLV": "satellite launch vehicle rocket space",
    "HGV": "hypersonic glide vehicle",
    "cruise": "cruise missile",
}
_FIELDS = (
    "id",
    "date",
    "system_name",
    "system_type",
    "platform",
    "platform_basis",
    "launch_place",
    "facility_id",
    "landing_label",
    "landing_area",
    "eez_reported",
    "outcome",
)
_MISSING = {"", "nan", "<na>", "none", "unknown"}
_YEAR = re.compile(r"\d{4}")
_DATE_PREFIX = re.compile(r"\d{4}-\d{2}(-\d{2})?")


def _text(v: Any) -> str:
    s = "" if v is None else str(v).strip()
    return "" if s.lower() in _MISSING else s


def search_text(rec: Mapping[str, Any]) -> str:
    """Everything a record can be found by, lower-case, separated by `` | ``.

    >>> search_text({"id": "x", "date": "2021-09-15", "system_type": "SRBM", "platform": "rail car"})
    'x | 2021-09-15 | srbm | short-range ballistic missile | rail car | rail railway train rail-mobile'
    """
    parts: list[str] = []
    for name in _FIELDS:
        s = _text(rec.get(name))
        if not s:
            continue
        parts.append(s)
        if name == "system_type" and s in SYSTEM_TYPE_WORDS:
            parts.append(SYSTEM_TYPE_WORDS[s])
        elif name == "platform" and s in PLATFORM_WORDS:
            parts.append(" ".join(PLATFORM_WORDS[s]))
    return " | ".join(parts).lower()


def _compact(s: str) -> str:
    return re.sub(r"[\s\-_/.,()]+", "", s)


def _words(query: str) -> list[str]:
    return [w for w in re.split(r"[\s,;]+", query.lower().strip()) if w]


def match_records(records: pd.DataFrame, query: str) -> pd.Series:
    """A boolean mask of the records matching every word of ``query`` (all True for an empty query).

    Parameters
    ----------
    records : DataFrame
        Catalogue-like rows (``id``, ``date``, ``system_name``, ``platform``, ``launch_place``...;
        missing columns are ignored).
    query : str
        Words separated by spaces or commas.

    Returns
    -------
    Series of bool
        Indexed like ``records``.

    Examples
    --------
    >>> df = pd.DataFrame({"id": ["a", "b"], "date": ["2017-07-04", "2021-09-15"],
    ...                    "system_name": ["Hwasong-14", "Rail-mobile KN-23"],
    ...                    "platform": ["road-mobile launcher", "rail car"]})
    >>> match_records(df, "train").tolist(), match_records(df, "hwasong14 2017").tolist()
    ([False, True], [True, False])
    >>> match_records(df, "kn 23").tolist()
    [False, True]
    """
    words = _words(query)
    keep = pd.Series(True, index=records.index)
    if not words or records.empty:
        return keep
    rows: list[dict[str, Any]] = [{str(k): v for k, v in r.items()} for r in records.to_dict("records")]
    texts = pd.Series([search_text(r) for r in rows], index=records.index)
    compact = texts.map(_compact)
    if len(words) > 1 and not any(_YEAR.fullmatch(w) or _DATE_PREFIX.fullmatch(w) for w in words):
        phrase = compact.str.contains(_compact("".join(words)), regex=False)
        if phrase.any():  # "kn 23", "hwasong 15", "scud b": the words written together are a name
            return phrase
    dates = pd.Series([_text(r.get("date")) for r in rows], index=records.index)
    for w in words:
        if _YEAR.fullmatch(w) or _DATE_PREFIX.fullmatch(w):
            keep &= dates.str.startswith(w)
        elif w.isdigit():  # "23" in "kn 23": a whole number, not part of 2023
            keep &= texts.str.contains(rf"(?<![0-9]){w}(?![0-9])", regex=True)
        else:
            cw = _compact(w)
            hit = texts.str.contains(w, regex=False)
            if cw:
                hit |= compact.str.contains(cw, regex=False)
            keep &= hit
    return keep
