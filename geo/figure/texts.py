"""The words of the range map: its subtitle, legend entries and the facts beside it (plain text,
drawn with mathtext off)."""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence
from typing import Any

from geo.export.launch import LaunchView
from geo.figure.draw import COLOURS

__all__: list[str] = []  # private to geo.figure


def _num(value: Any) -> float | None:
    try:
        f = float(value)
    except (TypeError, ValueError):
        return None
    return f if math.isfinite(f) else None


def subtitle(view: LaunchView, radii: Sequence[float]) -> str:
    """The line under the title: what the rings and the reach bands are."""

    def listed(values: Sequence[float]) -> str:
        names = [f"{r:,.0f}" for r in values]
        return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]

    bands = sorted(float(a.range_km) for a in (view.reach.areas if view.reach else ()))
    place = view.reach.place if view.reach else ""
    if radii:
        what = f"Rings at {listed(radii)} km from the launch point"
        if bands:
            what += f", bands from anywhere in the launch area ({place})"
        return what + ": true distances along the Earth's surface (geodesic, WGS84)."
    if bands:
        return (
            f"Ranges of {listed(bands)} km from anywhere in the estimated launch area ({place}), along "
            "the Earth's surface (geodesic, WGS84)."
        )
    return "No range rings: the launch place was not reported (see the note)."


def facts(view: LaunchView) -> list[str]:
    rec = view.record
    out: list[str] = []
    text = {k: str(rec.get(k) or "").strip() for k in ("platform", "outcome")}
    if text["platform"] and text["platform"] not in ("nan", "unknown"):
        out.append(f"Platform: {text['platform'][:60]}")
    for key, label, unit in (
        ("apogee_km", "Apogee", " km"),
        ("distance_km", "Distance flown", " km"),
        ("bearing_deg", "Bearing", "° from north"),
        ("salvo_size", "Missiles that day", ""),
    ):
        if key == "bearing_deg" and str(rec.get("bearing_is_placeholder", "")).lower() == "true":
            continue
        v = _num(rec.get(key))
        if v is not None:
            out.append(f"{label}: {v:,.0f}{unit}")
    if text["outcome"] and text["outcome"] not in ("nan", "unknown"):
        out.append(f"Outcome: {text['outcome'][:40]}")
    if view.impact:
        unc = _num(view.impact.get("uncertainty_km"))
        out.append("")
        out.append("Impact ESTIMATE" + (f" (±{unc:,.0f} km):" if unc else ":"))
        verdict = str((view.verdict or {}).get("verdict") or "")
        out.append(
            verdict.split(". ")[0].rstrip(".") + "." if verdict else str(view.impact.get("label") or "")
        )
    for note in view.notes:
        if "uncertain by about" in note:
            continue  # the legend's launch area says it
        out += ["", note.replace("Impact estimate: No impact estimate", "No impact estimate")]
    return out


def wrap(lines: Sequence[str], width: int) -> str:
    return "\n".join(textwrap.fill(line, width=width) if line else "" for line in lines)


def legend_handles(view: LaunchView, scale: float) -> list[Any]:
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    c = COLOURS
    kinds = {k for k, _, _ in view.rings}
    handles: list[Any] = []
    if "range_ring" in kinds:
        handles.append(Line2D([], [], color=c["ring"], lw=1.8 * scale, label="Range ring (geodesic)"))
    if "reported_distance" in kinds:
        handles.append(
            Line2D(
                [], [], color=c["reported"], lw=2.4 * scale, ls=(0, (5, 4)), label="Reported distance flown"
            )
        )
    import geo

    if geo.ring_centre(view.record) is not None:
        handles.append(
            Line2D(
                [], [], color=c["launch"], marker="^", ls="", ms=10 * scale, label="Launch point (reported)"
            )
        )
    if view.reach is not None and view.reach.areas:
        handles.append(
            Patch(
                facecolor=c["band"],
                alpha=0.16,
                edgecolor="none",
                label="Reach band: from part of the launch area",
            )
        )
        handles.append(
            Line2D([], [], color=c["ring"], lw=1.3 * scale, label="Outer limit: from some point of it")
        )
        if any(not a.inner.is_empty for a in view.reach.areas):
            handles.append(
                Line2D(
                    [],
                    [],
                    color=c["ring"],
                    lw=1.0 * scale,
                    ls=(0, (2, 3)),
                    label="Inner limit: from every point",
                )
            )
    if (view.launch_region or {}).get("region") is not None:
        unc = _num((view.launch_region or {}).get("uncertainty_km"))
        label = "Launch area, ESTIMATE" + (f" (±{unc:,.0f} km)" if unc else "")
        handles.append(Patch(facecolor=c["region"], alpha=0.4, edgecolor=c["region"], label=label))
    if view.impact:
        handles.append(
            Patch(facecolor=c["impact"], alpha=0.35, edgecolor=c["impact"], label="Impact area, ESTIMATE")
        )
        handles.append(
            Line2D(
                [], [], color=c["impact"], marker="X", ls="", ms=10 * scale, label="Impact point, ESTIMATE"
            )
        )
    handles.append(Line2D([], [], color=c["eez"], lw=1.0 * scale, ls=(0, (6, 4)), label="EEZ limit (200 NM)"))
    handles.append(Line2D([], [], color=c["border"], lw=0.8 * scale, ls=(0, (4, 3)), label="Country border"))
    return handles
