"""The draft launch events a report reader returns: :class:`ReportEvent` made of :class:`ReadField`.

Every field holds plain data (str, int, float, bool or None), the character span of its evidence
in the report, the evidence words as plain text, and whether it was ``stated``, ``derived`` (with
how) or ``missing``: ready to show in a table, to correct, and to turn into a catalogue record
(:mod:`geo.geocoding.drafts`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from geo.geocoding.result import GeocodeResult

__all__ = ["REPORT_FIELDS", "ReadField", "ReportEvent", "Status"]

REPORT_FIELDS: tuple[str, ...] = (
    "date",
    "time_utc",
    "country",
    "count",
    "count_min",
    "missile",
    "system_type",
    "platform",
    "launch_place",
    "launch_lon",
    "launch_lat",
    "launch_uncertainty_km",
    "distance_km",
    "apogee_km",
    "bearing_deg",
    "landing_place",
    "landing_lon",
    "landing_lat",
    "landing_uncertainty_km",
    "eez_reported",
    "eez_state",
)


Status = Literal["stated", "derived", "missing"]


@dataclass(frozen=True)
class ReadField:
    """One field of a launch event as read from a report.

    Attributes
    ----------
    name : str
        Field name (one of :data:`REPORT_FIELDS`).
    value : str, int, float, bool or None
        The value in the catalogue's units (km, degrees, ISO codes, YYYY-MM-DD); ``None`` when missing.
    status : {"stated", "derived", "missing"}
        ``stated``: the report says it (``start``/``end`` point at the words); ``derived``: computed
        from what it says (``how`` says how, ``start``/``end`` point at the words it came from);
        ``missing``: the report does not say.
    start, end : int or None
        Character span of the evidence in the report text (``text[start:end]``), ``None`` if missing.
    evidence : str
        The evidence words (``text[start:end]``), plain text, never markup.
    how : str
        How a derived value was obtained, or a note on a stated one; plain text.
    """

    name: str
    value: str | int | float | bool | None
    status: Status
    start: int | None = None
    end: int | None = None
    evidence: str = ""
    how: str = ""


def _missing(name: str) -> ReadField:
    return ReadField(name, None, "missing")


@dataclass
class ReportEvent:
    """One launch event read from a report: a group of missiles that share the reported facts.

    Attributes
    ----------
    fields : dict of str to ReadField
        Every field of :data:`REPORT_FIELDS`, in that order.
    background : bool
        A launch the report only mentions as background (an earlier launch).
    launch : GeocodeResult or None
        The geocoded launch place (region lon/lat, x = lon, with its uncertainty).
    landing : GeocodeResult or None
        The geocoded landing place.
    sentences : list of (int, int)
        Spans of the sentences the event was read from.
    system_id : str
        ``systems.csv`` id of the named missile (``""`` when none, or not in the catalogue).
    """

    fields: dict[str, ReadField]
    background: bool = False
    launch: GeocodeResult | None = None
    landing: GeocodeResult | None = None
    sentences: list[tuple[int, int]] = field(default_factory=list)
    system_id: str = ""

    def value(self, name: str) -> Any:
        """The value of field ``name`` (``None`` when missing)."""
        return self.fields[name].value

    @property
    def evidence(self) -> dict[str, tuple[int, int]]:
        """``{field: (start, end)}`` for every field with evidence in the text."""
        return {
            k: (f.start, f.end) for k, f in self.fields.items() if f.start is not None and f.end is not None
        }

    def table(self) -> list[dict[str, Any]]:
        """One row per field (for an editable table): field, value, status, start, end, evidence, how."""
        return [
            {
                "field": f.name,
                "value": f.value,
                "status": f.status,
                "start": f.start,
                "end": f.end,
                "evidence": f.evidence,
                "how": f.how,
            }
            for f in self.fields.values()
        ]
