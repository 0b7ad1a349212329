"""The details panel of the selected launch, the one-line facts of the header, and the explainer."""

from __future__ import annotations

import html
import math
from typing import Any

import pandas as pd
import streamlit as st

from geo.launchtime import local_time_text
from geo.recordset import ORIGINS
from ui.state import md_escape

__all__ = [
    "EXPLAINER",
    "TYPE_HELP",
    "fmt",
    "headline_facts",
    "is_num",
    "landing_line",
    "launch_time_text",
    "render_details",
]

TYPE_HELP = (
    "SRBM/MRBM/IRBM/ICBM: short/medium/intermediate-range/intercontinental ballistic missile; "
    "SLBM: submarine-launched; SLV: satellite launch vehicle."
)


def fmt(v: Any, unit: str = "", *, digits: int = 0) -> str:
    """A value for the reader: numbers with thousands separators, ``not reported`` when missing."""
    if v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA or str(v) in ("", "nan", "<NA>"):
        return "not reported"
    if isinstance(v, int | float):
        return f"{v:,.{digits}f}{unit}"
    return f"{v}{unit}"


def is_num(v: Any) -> bool:
    """True for a number that is not NaN (strings of numbers included)."""
    try:
        return not math.isnan(float(v))
    except (TypeError, ValueError):
        return False


def _known(v: Any) -> bool:
    """False for a missing or unknown fact (None, NaN, "", "unknown", "not reported")."""
    if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)):
        return False
    return str(v).strip().lower() not in ("", "nan", "<na>", "none", "unknown", "not reported")


def headline_facts(rec: pd.Series) -> str:
    """One line of the key reported numbers (markdown-escaped); facts not known are left out."""
    bits = []
    if is_num(rec.get("apogee_km")):
        bits.append(f"apogee {float(rec['apogee_km']):,.0f} km")
    if is_num(rec.get("distance_km")):
        bits.append(f"flew {float(rec['distance_km']):,.0f} km")
    placeholder = str(rec.get("bearing_is_placeholder", "")).lower() == "true"
    if is_num(rec.get("bearing_deg")) and not placeholder:
        bits.append(f"bearing {float(rec['bearing_deg']):.0f}°")
    landing = rec.get("landing_label") if _known(rec.get("landing_label")) else rec.get("landing_area")
    if _known(landing):
        bits.append(f"landed: {landing}")
    if _known(rec.get("outcome")):
        bits.append(str(rec.get("outcome")))
    return md_escape(" · ".join(bits), limit=300) if bits else "no flight data reported"


def landing_line(info: dict[str, Any]) -> str:
    """Header line: whose waters the estimated impact is in, in plain words, with its uncertainty."""
    est = info.get("impact")
    if not est:
        return ""
    verdict = info.get("verdict") or {}
    where = str(verdict.get("headline") or "")
    if not where:
        return ""
    unc = est.get("uncertainty_km")
    pm = f" (±{float(unc):,.0f} km)" if is_num(unc) else ""
    return f"**Estimated landing{md_escape(pm)}:** {md_escape(where, limit=200)}"


def launch_time_text(rec: pd.Series) -> str:
    """``05:27 UTC+9 (2017-05-13 20:27 UTC)``: local time (the clock of ``date``) and the UTC instant."""
    time = str(rec.get("time_utc") or "")
    if not time or time == "nan":
        return ""
    local = local_time_text(str(rec.get("date") or ""), time, str(rec.get("country") or ""))
    stamp = str(rec.get("datetime_utc") or "")
    utc = f"{stamp[:10]} {stamp[11:16]} UTC" if len(stamp) >= 16 else f"{time} UTC"
    return f"{local} ({utc})" if local else utc


def render_details(rec: pd.Series, info: dict[str, Any]) -> None:
    """The facts table, the estimates with their uncertainty, the maritime verdict, notes and source."""
    st.subheader("Selected launch")
    rows = [
        ("Date (local)", rec.get("date")),
        ("Time", launch_time_text(rec)),
        ("System", f"{rec.get('system_name') or '?'} ({rec.get('system_type') or 'type not reported'})"),
        ("Platform", rec.get("platform")),
        ("Launch place (reported)", rec.get("launch_place")),
        ("Apogee", fmt(rec.get("apogee_km"), " km")),
        ("Distance flown", fmt(rec.get("distance_km"), " km")),
        ("Bearing", fmt(rec.get("bearing_deg"), "°")),
        ("Outcome", rec.get("outcome")),
        ("Landing area (reported)", rec.get("landing_label") or rec.get("landing_area")),
        ("Japan's EEZ (reported)", rec.get("eez_reported")),
        ("Missiles that day", fmt(rec.get("salvo_size"))),
    ]
    if str(rec.get("bearing_is_placeholder", "")).lower() == "true":
        rows[7] = ("Bearing", "not reported (the source's placeholder is not used)")
    body = "".join(
        f"<tr><td><b>{html.escape(k)}</b></td><td>{html.escape(fmt(v))}</td></tr>" for k, v in rows
    )
    st.html(f"<table class='la-facts'>{body}</table>")
    geoc = info.get("geocode")
    if geoc:
        st.markdown(
            f"**Where it was launched from (estimate):** within about "
            f"**±{md_escape(fmt(geoc.get('uncertainty_km'), ' km'))}** of the point shown."
        )
        if geoc.get("explanation"):
            st.caption(md_escape(geoc["explanation"], limit=600))
    est = info.get("impact")
    if est:
        st.markdown(
            "**Where it came down (ESTIMATE):** "
            f"{md_escape(est.get('label') or 'estimated impact area', limit=200)}"
            f" — uncertainty ±{md_escape(fmt(est.get('uncertainty_km'), ' km'))}."
        )
        if est.get("explanation"):
            st.caption(md_escape(est["explanation"], limit=800))
        verdict = info.get("verdict")
        if verdict and verdict.get("verdict"):
            st.info(
                f"**Whose waters? (ESTIMATE)** {md_escape(verdict['verdict'], limit=800)}",
                icon=":material/sailing:",
            )
        elif verdict and verdict.get("error"):
            st.caption(f"Maritime analysis unavailable: {md_escape(verdict['error'], limit=300)}")
    if info.get("eez_check"):
        st.markdown(f"**The report's EEZ claim and our estimate:** {md_escape(info['eez_check'], limit=300)}")
    for note in info.get("notes", []):
        st.caption(md_escape(note, limit=300))
    src = rec.get("sources")
    if src and str(src) != "nan":
        st.caption("Source: " + md_escape(src, limit=400))
    origin = str(rec.get("origin") or "catalogue")
    if origin != "catalogue":
        st.caption(
            f"One of your launches ({md_escape(ORIGINS.get(origin, origin))}): it stays in this browser tab "
            "only. Remove or download it on the Import page."
        )


EXPLAINER = """
- **Grey circles** are launch places. A bigger circle means more launches were reported from that place
  in the chosen dates. Hover over one for a summary; click it for the list of launches.
- **Select a launch** (sidebar, or ◀ / ▶) to see its facts and its **ranges** (e.g. 800 km), measured
  along the Earth's surface (*geodesic*). We rarely know the exact launch spot, only an area (a county,
  a coast, or the whole country when no place was reported). So a range is drawn as a **red band**, not
  one line: its outer edge is as far as the missile gets from the *best* spot in that area, the dotted
  inner edge as far as it gets from *any* spot in it. Places inside the inner edge are in range wherever
  it was launched; places in the band only if it was launched from the right part of the area. The wider
  the band, the less we know about the launch place. (Switch bands off in "What can it reach?" to see
  plain rings around the reported point.)
- On this flat map, ranges far from the equator look stretched. A long range (more than about 5,700 km from
  North Korea) goes **over the North Pole**: the shortest way from Korea to Washington is over the Arctic,
  not across the Pacific, so a 13,000 km range covers North America and reaches round to the other side
  of the map, where it shows up as curves at the map's edges. That is the map projection, not the missile.
- **What can it reach?** (beside the map) counts the cities of 15,000+ people in each range and their
  population, names the capitals and the largest cities, and answers "can it reach…?" for any city: how
  far it is from the launch area (nearest and farthest point) and which missiles' estimated maximum ranges
  reach it, each with its source. "Compare: range of each system" draws all those ranges at once.
- The **dashed purple ring** is the flight distance that was reported for that launch: the missile came
  down somewhere near it, in the direction reported (*bearing*, degrees clockwise from north).
- Anything marked **ESTIMATE** is worked out by this app, not reported, and comes with its uncertainty
  (± km): the **orange shaded area** is where the launch was probably made from, the **blue dashed area**
  is where it probably came down (from the reported bearing and distance, with their error margins).
  The header line says whose waters that estimate is in.
- **Blue dashed lines** are Exclusive Economic Zone (**EEZ**) limits: up to 200 nautical miles (370 km) from
  a coast. A missile landing in a country's EEZ lands in waters where that country has economic rights
  (fishing, oil, gas); it is not its territory. The **territorial sea** (12 nautical miles, 22 km; turn it
  on under Layers) is part of the country.
- Words in the facts: **apogee** is the highest point of the flight; **SRBM / MRBM / IRBM / ICBM** are
  short / medium / intermediate-range / intercontinental ballistic missiles, **SLBM** is launched from a
  submarine, **SLV** is a satellite launch vehicle.
- **Zoom and pan** as you like: the map keeps your view when you change layers, dates or ranges or step
  to another launch; **⤢ Fit** zooms back to the selected launch (it says **Show the launch** when the
  launch is off your view).
- The **legend** (on the map) can be folded by clicking its title. The map works with no internet: Leaflet,
  land, coasts and zones all come from this app.
"""
