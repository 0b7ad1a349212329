"""The map view's state and its shareable URL (``st.query_params``).

A view is: the selected event, a date range, system types, a search text, range-ring radii, visible
layers and presentation mode. :func:`parse_query_params` turns URL parameters into a valid :class:`ViewState`
plus a list of warnings (a bad value never crashes the app: it is reported and replaced by the
default); :func:`to_query_params` writes the state back, so a copied link reopens the same view.

The online basemap is deliberately *not* part of the URL: opening a shared link must never make the
recipient's browser contact a tile server without their own choice.

Pure functions (no Streamlit import) so they are unit-testable.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field, replace

__all__ = [
    "DEFAULT_LAYERS",
    "DEFAULT_RANGES_KM",
    "LAYER_LABELS",
    "MAX_QUERY_CHARS",
    "MAX_RANGE_KM",
    "MAX_RINGS",
    "ViewState",
    "clean_query",
    "md_escape",
    "parse_query_params",
    "parse_ranges_km",
    "to_query_params",
]

DEFAULT_RANGES_KM: tuple[float, ...] = (800.0, 1500.0)
#: Largest ring radius accepted (km): half the Earth's circumference is about 20,004 km.
MAX_RANGE_KM = 20000.0
MAX_RINGS = 6

#: Layer keys (URL values) and their labels in the sidebar.
LAYER_LABELS: dict[str, str] = {
    "land": "Land",
    "coastline": "Coastlines",
    "borders": "Country borders",
    "eez": "EEZ outlines (200 nautical miles)",
    "territorial_sea": "Territorial sea (12 nautical miles)",
    "seas": "Sea names",
}
DEFAULT_LAYERS: tuple[str, ...] = ("land", "coastline", "borders", "eez", "seas")

_MAX_PARAM_CHARS = 400
#: Longest search text kept from a URL (characters).
MAX_QUERY_CHARS = 100


@dataclass(frozen=True, slots=True)
class ViewState:
    """Everything a shared link restores."""

    event_id: str | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    system_types: tuple[str, ...] = ()
    ranges_km: tuple[float, ...] = DEFAULT_RANGES_KM
    layers: tuple[str, ...] = DEFAULT_LAYERS
    presentation: bool = False
    #: Search words narrowing the launches (see :func:`geo.search.match_records`); "" for none.
    query: str = ""
    warnings: tuple[str, ...] = field(default=(), compare=False)


def md_escape(text: object, *, limit: int = 60) -> str:
    """A user-supplied value made safe to show inside Streamlit markdown (shortened, no markup; control
    and bidirectional characters shown as ``\\uXXXX``, see :func:`geo.records.visible_text`)."""
    from geo.records import visible_text

    s = str(text)
    if len(s) > limit:
        s = s[:limit] + "…"
    s = visible_text(s.replace("\n", " ").replace("\r", " ").replace("\t", " "))
    return re.sub(r"([\\`*_{}\[\]()#+\-.!|<>~$:])", r"\\\1", s)


def parse_ranges_km(text: str) -> tuple[tuple[float, ...], list[str]]:
    """Parse ``"800, 1500"`` into radii in km; return (radii, problems).

    Radii must be numbers in (0, 20000] km; at most 6 are kept; duplicates are dropped; order is kept.

    >>> parse_ranges_km("800, 1500")
    ((800.0, 1500.0), [])
    >>> parse_ranges_km("800, abc, -5")[0]
    (800.0,)
    """
    out: list[float] = []
    problems: list[str] = []
    for raw in re.split(r"[,;\s]+", text.strip()):
        if not raw:
            continue
        try:
            v = float(raw.replace("_", ""))
        except ValueError:
            problems.append(f"range {md_escape(raw)} is not a number of kilometres")
            continue
        if not (0.0 < v <= MAX_RANGE_KM) or v != v:
            problems.append(f"range {md_escape(raw)} km is outside 1 to {MAX_RANGE_KM:,.0f} km")
            continue
        if v not in out:
            out.append(v)
    if len(out) > MAX_RINGS:
        problems.append(f"only the first {MAX_RINGS} ranges are drawn")
        out = out[:MAX_RINGS]
    return tuple(out), problems


def clean_query(text: str) -> str:
    """A search text fit for the URL and the page: printable, single-spaced, at most 100 characters.

    >>> clean_query("  rail\n  2021\x00 ")
    'rail 2021'
    """
    printable = "".join(ch if ch.isprintable() else " " for ch in text)
    return " ".join(printable.split())[:MAX_QUERY_CHARS].strip()


def _first(qp: Mapping[str, object], key: str) -> str | None:
    v = qp.get(key)
    if v is None:
        return None
    if isinstance(v, list | tuple):
        v = v[-1] if v else None
        if v is None:
            return None
    s = str(v)
    return s[:_MAX_PARAM_CHARS]


def _date(s: str) -> dt.date:
    return dt.date.fromisoformat(s.strip())


def parse_query_params(
    qp: Mapping[str, object],
    *,
    event_ids: Collection[str],
    date_min: dt.date,
    date_max: dt.date,
    system_types: Collection[str],
    layers: Collection[str] = tuple(LAYER_LABELS),
) -> ViewState:
    """Validate URL parameters; every bad value becomes a warning and the default.

    Parameters
    ----------
    qp : mapping
        ``st.query_params`` (or any str → str mapping).
    event_ids : collection of str
        Valid event ids (catalogue).
    date_min, date_max : date
        The catalogue's date span; dates outside are clamped (with a warning).
    system_types : collection of str
        Valid system types.
    layers : collection of str
        Valid layer keys.

    Returns
    -------
    ViewState
        With ``warnings`` listing (markdown-escaped) what was wrong.
    """
    warns: list[str] = []
    state = ViewState(date_from=date_min, date_to=date_max)

    ev = _first(qp, "event")
    if ev is not None and ev != "":
        if ev in event_ids:
            state = replace(state, event_id=ev)
        else:
            from geo.records import is_generated_id

            # A visitor's own launch lives in their browser tab only: a link to it opens elsewhere empty.
            own = " (a launch added in another browser tab is not shared: download it and import it)"
            warns.append(
                f"No event with id {md_escape(ev)}: showing no selected event"
                f"{own if is_generated_id(ev) else ''}."
            )

    dfrom, dto = date_min, date_max
    for key in ("from", "to"):
        raw = _first(qp, key)
        if raw is None or raw == "":
            continue
        try:
            d = _date(raw)
        except ValueError:
            warns.append(f"URL parameter {key}={md_escape(raw)} is not a date YYYY-MM-DD: using the default.")
            continue
        if d < date_min or d > date_max:
            warns.append(
                f"Date {md_escape(raw)} is outside the catalogue ({date_min} to {date_max}): clamped."
            )
            d = min(max(d, date_min), date_max)
        if key == "from":
            dfrom = d
        else:
            dto = d
    if dfrom > dto:
        warns.append("The start date was after the end date: they were swapped.")
        dfrom, dto = dto, dfrom
    state = replace(state, date_from=dfrom, date_to=dto)

    raw = _first(qp, "types")
    if raw:
        wanted = [t for t in raw.split(",") if t]
        good = tuple(t for t in wanted if t in system_types)
        bad = [t for t in wanted if t not in system_types]
        if bad:
            warns.append(f"Unknown system type(s) {md_escape(', '.join(bad))}: ignored.")
        state = replace(state, system_types=good)

    raw = _first(qp, "ranges")
    if raw is not None:
        radii, problems = parse_ranges_km(raw)
        warns += [f"URL parameter ranges: {p}." for p in problems]
        if radii or raw.strip() == "":
            state = replace(state, ranges_km=radii)

    raw = _first(qp, "layers")
    if raw is not None:
        wanted = [t for t in raw.split(",") if t]
        good_layers = tuple(t for t in wanted if t in layers)
        bad = [t for t in wanted if t not in layers]
        if bad:
            warns.append(f"Unknown layer(s) {md_escape(', '.join(bad))}: ignored.")
        state = replace(state, layers=good_layers)

    raw = _first(qp, "q")
    if raw:
        state = replace(state, query=clean_query(raw))

    raw = _first(qp, "present")
    if raw is not None:
        if raw.lower() in ("1", "true", "yes", "on"):
            state = replace(state, presentation=True)
        elif raw.lower() not in ("0", "false", "no", "off", ""):
            warns.append(f"URL parameter present={md_escape(raw)} should be 1 or 0: presentation mode off.")
    return replace(state, warnings=tuple(warns))


def _fmt_km(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else f"{v:g}"


def to_query_params(state: ViewState, *, date_min: dt.date, date_max: dt.date) -> dict[str, str]:
    """URL parameters for a state; defaults are left out so links stay short.

    >>> import datetime as dt
    >>> to_query_params(ViewState(event_id="2021-09-15-1"), date_min=dt.date(1984, 1, 1),
    ...                 date_max=dt.date(2026, 1, 1))
    {'event': '2021-09-15-1'}
    """
    out: dict[str, str] = {}
    if state.event_id:
        out["event"] = state.event_id
    if state.date_from and state.date_from != date_min:
        out["from"] = state.date_from.isoformat()
    if state.date_to and state.date_to != date_max:
        out["to"] = state.date_to.isoformat()
    if state.system_types:
        out["types"] = ",".join(state.system_types)
    if tuple(state.ranges_km) != DEFAULT_RANGES_KM:
        out["ranges"] = ",".join(_fmt_km(r) for r in state.ranges_km)
    if tuple(state.layers) != DEFAULT_LAYERS:
        out["layers"] = ",".join(state.layers)
    if state.query:
        out["q"] = state.query
    if state.presentation:
        out["present"] = "1"
    return out
