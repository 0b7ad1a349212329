"""The map's legend: which entries (from what is drawn) and their HTML (escaped, static symbols)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from geo.mapview.styles import (
    BASE_LEGEND,
    IMPORTED_COLOUR,
    OVERLAY_STYLES,
    SELECTED_COLOUR,
    SITE_COLOUR,
)
from geo.safetext import html_text

#: Used by :mod:`geo.mapview.update` only (not re-exported by :mod:`geo`).
__all__: list[str] = []

#: (label, colour, dash pattern or None, symbol: "line" | "dot" | "area" | "fill")
LegendEntry = tuple[str, str, str | None, str]


def legend_entries(
    *,
    layers: Iterable[str],
    sites: bool,
    imported: bool,
    selected: bool,
    kinds: Iterable[str],
) -> list[LegendEntry]:
    """Legend rows for what the map shows, in reading order (markers, layers, overlay kinds)."""
    out: list[LegendEntry] = []
    if sites:
        out.append(("Launch place (size = number of launches)", SITE_COLOUR, None, "dot"))
    if selected:
        out.append(("Selected launch", SELECTED_COLOUR, None, "dot"))
    if imported:
        out.append(("Your launches (import, report, form)", IMPORTED_COLOUR, None, "dot"))
    shown = set(layers)
    for name in ("territorial_sea", "eez", "borders"):
        if name in shown and name in BASE_LEGEND:
            label, colour, dash = BASE_LEGEND[name]
            out.append((label, colour, dash, "area" if name == "territorial_sea" else "line"))
    seen: set[str] = set()
    for kind in kinds:
        style = OVERLAY_STYLES.get(kind)
        if kind in seen or style is None or not style["legend"]:
            continue
        seen.add(kind)
        sym = "dot" if kind == "impact_point" else ("area" if style["fillOpacity"] > 0 else "line")
        out.append((style["legend"], style["color"], style["dashArray"], sym))
    return out


def legend_html(entries: Sequence[tuple[str, str, str | None, str]], title: str, note: str) -> str:
    """Legend rows: (label, colour, dash pattern, symbol) with symbol one of line/dot/area/fill."""
    rows = []
    for label, colour, dash, symbol in entries:
        c = html_text(colour)
        if symbol == "dot":
            sym = (
                f'<svg width="26" height="14"><circle cx="13" cy="7" r="5" fill="{c}" '
                f'fill-opacity="0.6" stroke="{c}"/></svg>'
            )
        elif symbol == "area":
            da = f' stroke-dasharray="{html_text(dash)}"' if dash else ""
            sym = (
                f'<svg width="26" height="14"><rect x="2" y="2" width="22" height="10" fill="{c}" '
                f'fill-opacity="0.25" stroke="{c}" stroke-width="2"{da}/></svg>'
            )
        elif symbol == "fill":
            sym = (
                f'<svg width="26" height="14"><rect x="2" y="2" width="22" height="10" fill="{c}" '
                'stroke="#5b6b73" stroke-width="1"/></svg>'
            )
        else:
            da = f' stroke-dasharray="{html_text(dash)}"' if dash else ""
            sym = (
                f'<svg width="26" height="14"><line x1="1" y1="7" x2="25" y2="7" stroke="{c}" '
                f'stroke-width="3"{da}/></svg>'
            )
        rows.append(f'<div class="la-row">{sym}<span>{html_text(label)}</span></div>')
    note_html = f'<div class="la-note">{html_text(note)}</div>' if note else ""
    return f'<div class="la-title">{html_text(title)}</div>{"".join(rows)}{note_html}'
