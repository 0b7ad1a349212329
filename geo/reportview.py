"""What a reader sees of a report read by :func:`geo.read_report`: fields in words, evidence highlighted.

The "Read a report" page shows, for each launch event found, the value of each field with the words it
came from, what was not found, and the report's text with those words highlighted. This module makes
those from :class:`~geo.geocoding.ReportEvent` values, as plain values and as HTML in which every piece
of the report's text has gone through :func:`geo.safetext.html_text` (markup and template delimiters
escaped) after :func:`geo.records.visible_text` (invisible and reordering characters shown as
``\\uXXXX``): a report is never markup and never template source. The only HTML written here is this
module's own fixed tags and class names.

Examples
--------
>>> from geo.geocoding import Gazetteer, read_report
>>> text = "North Korea fired two ballistic missiles on Sept. 15, 2021 that flew 800 km <b>{{x}}</b>."
>>> events = read_report(text, gazetteer=Gazetteer.load())
>>> [r["Value"] for r in field_rows(events[0])][:3]
['2021-09-15', 'North Korea (KP)', '2']
>>> html = highlight_html(text, events)
>>> "<b>" in html, "{{" in html, 'class="la-ev la-ev-flight"' in html
(False, False, True)
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from geo.geocoding.events import ReadField, ReportEvent
from geo.records import visible_text
from geo.safetext import html_text

__all__ = [
    "FIELD_LABELS",
    "GROUPS",
    "HIGHLIGHT_CSS",
    "event_title",
    "field_rows",
    "highlight_html",
    "legend_html",
    "not_found",
    "value_text",
]

#: Field -> the words a reader knows (the fields of :data:`geo.geocoding.REPORT_FIELDS`).
FIELD_LABELS: dict[str, str] = {
    "date": "Date (local)",
    "time_utc": "Time (UTC)",
    "country": "Launched by",
    "count": "Number of missiles",
    "count_min": "At least (missiles)",
    "missile": "Missile",
    "system_type": "Type",
    "platform": "Launched from (vehicle)",
    "launch_place": "Launch place",
    "launch_lon": "Launch longitude",
    "launch_lat": "Launch latitude",
    "launch_uncertainty_km": "Launch place uncertainty",
    "distance_km": "Distance flown",
    "apogee_km": "Apogee (highest point)",
    "bearing_deg": "Direction",
    "landing_place": "Landing place",
    "landing_lon": "Landing longitude",
    "landing_lat": "Landing latitude",
    "landing_uncertainty_km": "Landing place uncertainty",
    "eez_reported": "EEZ (the report's claim)",
    "eez_state": "Whose EEZ",
}

#: Highlight groups: (class suffix, short tag shown after the words, what it marks, fields).
GROUPS: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    ("when", "when", "date and time", ("date", "time_utc")),
    ("who", "who", "launching country", ("country",)),
    ("what", "what", "how many missiles, of which type, from which vehicle",
     ("count", "count_min", "missile", "system_type", "platform")),
    ("from", "from", "launch place", ("launch_place", "launch_lon", "launch_lat", "launch_uncertainty_km")),
    ("flight", "flight", "distance, apogee, direction", ("distance_km", "apogee_km", "bearing_deg")),
    ("landing", "landing", "landing place",
     ("landing_place", "landing_lon", "landing_lat", "landing_uncertainty_km")),
    ("eez", "EEZ", "the report's EEZ claim", ("eez_reported", "eez_state")),
)  # fmt: skip
_GROUP_OF = {f: g for g, _, _, fields in GROUPS for f in fields}
_TAG_OF = {g: tag for g, tag, _, _ in GROUPS}
#: Fields a reader is told were not found (the derived coordinates follow their place).
_EXPECTED = (
    "date", "country", "count", "system_type", "launch_place", "distance_km", "apogee_km",
    "bearing_deg", "landing_place", "eez_reported",
)  # fmt: skip
#: Rows of :func:`field_rows`: the coordinates are shown with their place, not on rows of their own.
_SHOWN = tuple(
    f for f in FIELD_LABELS if not f.endswith(("_lon", "_lat", "_uncertainty_km")) and f != "eez_state"
)
_COUNTRY_NAMES = {
    "KP": "North Korea", "KR": "South Korea", "JP": "Japan", "CN": "China", "RU": "Russia",
    "IR": "Iran", "US": "United States", "IN": "India", "PK": "Pakistan", "TW": "Taiwan",
}  # fmt: skip

#: Stylesheet of :func:`highlight_html` and :func:`legend_html` (fixed text; nothing from a report).
HIGHLIGHT_CSS = """
.la-report{white-space:pre-wrap;line-height:1.7;font-size:1rem;max-height:32rem;overflow:auto;
  padding:.75rem 1rem;border:1px solid #d0d7de;border-radius:.5rem;background:#fff;color:#1f2328}
.la-ev{border-radius:.2rem;padding:0 .1rem;color:inherit}
.la-ev-bg{outline:1px dashed #6e7781}
.la-tag{font-size:.7rem;font-weight:600;color:#57606a;margin-left:.15rem;vertical-align:super}
.la-ev-when{background:#fff1a8}.la-ev-who{background:#e4e4e7}.la-ev-what{background:#cfe5ff}
.la-ev-from{background:#c9f0cf}.la-ev-flight{background:#ffd8bd}.la-ev-landing{background:#e7d4ff}
.la-ev-eez{background:#ffd3de}
.la-legend{display:flex;flex-wrap:wrap;gap:.35rem .9rem;font-size:.9rem;margin:.25rem 0 .5rem}
.la-legend span{padding:0 .3rem;border-radius:.2rem}
"""


def _country(code: Any) -> str:
    name = _COUNTRY_NAMES.get(str(code))
    return f"{name} ({code})" if name else str(code)


def value_text(event: ReportEvent, name: str) -> str:
    """The value of field ``name`` of ``event`` in words ("800 km", "67.5° (ENE)"), or "" if missing.

    The launch and landing places carry their point and uncertainty:
    ``Yangdok County (39.17°N 126.89°E, ±20 km)``.
    """
    f = event.fields[name]
    v = f.value
    if v is None:
        return ""
    if name == "country":
        return _country(v)
    if name in ("distance_km", "apogee_km", "launch_uncertainty_km", "landing_uncertainty_km"):
        return f"{float(v):,.0f} km"
    if name == "bearing_deg":
        return f"{float(v):g}° from north" + (f" ({f.evidence.strip()})" if f.evidence.strip() else "")
    if name in ("launch_place", "landing_place"):
        prefix = name.split("_")[0]
        lon, lat = event.value(f"{prefix}_lon"), event.value(f"{prefix}_lat")
        unc = event.value(f"{prefix}_uncertainty_km")
        if lon is not None and lat is not None:
            where = f"{abs(lat):.2f}°{'N' if lat >= 0 else 'S'} {abs(lon):.2f}°{'E' if lon >= 0 else 'W'}"
            extra = f", ±{unc:,.0f} km" if unc is not None else ""
            return f"{v} ({where}{extra})"
        return str(v)
    if name == "eez_reported":
        whose = _COUNTRY_NAMES.get(str(event.value("eez_state")), "")
        return f"{'partly inside' if v == 'partly' else v} {whose + chr(39) + 's ' if whose else ''}EEZ"
    if name == "background":
        return "yes" if v else "no"
    return str(v)


def _how(f: ReadField) -> str:
    if f.status == "stated":
        return "stated in the report"
    if f.status == "derived":
        return f"worked out: {f.how}" if f.how else "worked out from the report"
    return "not found"


def field_rows(event: ReportEvent) -> list[dict[str, str]]:
    """One row per field found: ``Field``, ``Value`` (words), ``How we know``, ``Words in the report``.

    Plain text for a table (a table widget shows text, not markup). Missing fields are left out (see
    :func:`not_found`).
    """
    rows = []
    for name in _SHOWN:
        f = event.fields[name]
        if f.status == "missing":
            continue
        rows.append(
            {
                "Field": FIELD_LABELS[name],
                "Value": visible_text(value_text(event, name)),
                "How we know": visible_text(_how(f)),
                "Words in the report": visible_text(" ".join(f.evidence.split())),
            }
        )
    return rows


def not_found(event: ReportEvent) -> list[str]:
    """The fields a launch record usually has that the report does not give (reader's words)."""
    return [FIELD_LABELS[n] for n in _EXPECTED if event.fields[n].status == "missing"]


def event_title(event: ReportEvent, number: int) -> str:
    """``Launch 1: 2021-09-15 · 2 × SRBM · from Mountainous central region of North Korea`` (plain)."""
    v = event.value
    kind = "Background launch" if event.background else "Launch"
    bits = [str(v("date") or "date not found")]
    count = v("count") if v("count") is not None else v("count_min")
    what = str(v("missile") or v("system_type") or "missile")
    bits.append(f"{count} × {what}" if count else what)
    if v("launch_place"):
        bits.append(f"from {v('launch_place')}")
    if v("distance_km") is not None:
        bits.append(f"{float(v('distance_km')):,.0f} km")
    return f"{kind} {number}: " + " · ".join(bits)


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    event: int  # 1-based
    name: str
    background: bool

    @property
    def group(self) -> str:
        return _GROUP_OF.get(self.name, "what")


def _spans(text: str, events: Sequence[ReportEvent]) -> list[_Span]:
    out: list[_Span] = []
    for n, ev in enumerate(events, start=1):
        for name, f in ev.fields.items():
            if f.status == "missing" or f.start is None or f.end is None:
                continue
            a, b = max(0, f.start), min(len(text), f.end)
            if a < b:
                out.append(_Span(a, b, n, name, ev.background))
    return out


def _piece(text: str) -> str:
    """Report text as HTML text: line breaks and tabs kept (the block keeps white space), other
    invisible characters shown (:func:`geo.records.visible_text`), everything escaped."""
    return "".join(p if p in ("\n", "\t") else html_text(visible_text(p)) for p in re.split(r"(\n|\t)", text))


def highlight_html(text: str, events: Sequence[ReportEvent]) -> str:
    """The report as HTML with the words each field came from highlighted, by kind of field.

    Every highlighted run is a ``<mark class="la-ev la-ev-<group>">`` (:data:`GROUPS`) whose ``title``
    names the launch and the fields; a small tag after the words says the kind (``flight``, and the
    launch's number when the report has several). Background launches are outlined. Style it with
    :data:`HIGHLIGHT_CSS`. All of the report's text is escaped (see the module docstring).
    """
    spans = _spans(text, events)
    several = len(events) > 1
    cuts = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    parts = ['<div class="la-report">']
    for a, b in itertools.pairwise(cuts):
        covering = [s for s in spans if s.start <= a and b <= s.end]
        chunk = _piece(text[a:b])
        if not covering:
            parts.append(chunk)
            continue
        first = min(covering, key=lambda s: (s.end - s.start, s.event))
        names = dict.fromkeys(
            f"launch {s.event}: {FIELD_LABELS[s.name].lower()}" if several else FIELD_LABELS[s.name]
            for s in covering
        )
        cls = f"la-ev la-ev-{first.group}" + (" la-ev-bg" if first.background else "")
        parts.append(f'<mark class="{cls}" title="{html_text("; ".join(names))}">{chunk}')
        ending = dict.fromkeys((s.group, s.event) for s in covering if s.end == b and s.name in _TAG_FIELDS)
        for group, ev in ending:
            tag = _TAG_OF[group] + (f" {ev}" if several else "")
            parts.append(f'<span class="la-tag">{html_text(tag)}</span>')
        parts.append("</mark>")
    parts.append("</div>")
    return "".join(parts)


#: Fields whose highlight ends with a tag (one per place: its coordinates share its words).
_TAG_FIELDS = frozenset(
    n for n in FIELD_LABELS if not n.endswith(("_lon", "_lat", "_uncertainty_km")) and n != "eez_state"
)


def legend_html() -> str:
    """The colours of :func:`highlight_html`, as a one-line legend (fixed text)."""
    items = "".join(f'<span class="la-ev-{g}">{html_text(what)}</span>' for g, _, what, _ in GROUPS)
    return f'<div class="la-legend">{items}<span class="la-ev-bg">background launch</span></div>'
