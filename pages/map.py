"""Map page (default): launch places, the selected launch with its geodesic ranges and estimates."""

from __future__ import annotations

import datetime as dt
import html
import math
from typing import Any

import pandas as pd
import shapely
import streamlit as st
from streamlit_folium import st_folium

import geo
from geo import mapview
from ui import data
from ui.nav import ensure_app_navigation
from ui.state import (
    LAYER_LABELS,
    ViewState,
    md_escape,
    parse_query_params,
    parse_ranges_km,
    to_query_params,
)
from ui.style import apply_style

CATALOGUE_ATTRIBUTION = "Launch data: CNS North Korea Missile Test Database (CNS/NTI), via nk-missile-tests"
ONLINE_ATTRIBUTION = "Online basemap: © OpenStreetMap contributors"

K_DATES, K_TYPES, K_EVENT, K_RANGES = "m_dates", "m_types", "m_event", "m_ranges"
K_PRESENT, K_ONLINE = "m_present", "m_online"
K_SYNCED = "_m_synced_qp"
K_SAVED = "_m_saved_view"


def _layer_key(name: str) -> str:
    return f"m_layer_{name}"


# --------------------------------------------------------------------------- state <-> URL


def _apply_state(state: ViewState) -> None:
    st.session_state[K_DATES] = (state.date_from, state.date_to)
    st.session_state[K_TYPES] = list(state.system_types)
    st.session_state[K_EVENT] = state.event_id or ""
    st.session_state[K_RANGES] = ", ".join(f"{r:g}" for r in state.ranges_km)
    for name in LAYER_LABELS:
        st.session_state[_layer_key(name)] = name in state.layers
    st.session_state[K_PRESENT] = state.presentation
    st.session_state.setdefault(K_ONLINE, False)


def _sync_from_url(cat: pd.DataFrame, dmin: dt.date, dmax: dt.date, types: list[str]) -> list[str]:
    """Apply the URL to the widgets when the URL changed from outside (a link, the Events page)."""
    current = st.query_params.to_dict()
    if st.session_state.get(K_SYNCED) == current and K_DATES in st.session_state:
        return []
    saved = st.session_state.get(K_SAVED)
    if not current and isinstance(saved, ViewState):
        # Back from another page (Streamlit drops a page's widget state and the URL): restore the view.
        _apply_state(saved)
        return []
    state = parse_query_params(
        current, event_ids=set(cat["id"]), date_min=dmin, date_max=dmax, system_types=types
    )
    _apply_state(state)
    return list(state.warnings)


def _current_state(ranges: tuple[float, ...]) -> ViewState:
    d0, d1 = st.session_state[K_DATES]
    return ViewState(
        event_id=st.session_state[K_EVENT] or None,
        date_from=d0,
        date_to=d1,
        system_types=tuple(st.session_state[K_TYPES]),
        ranges_km=ranges,
        layers=tuple(n for n in LAYER_LABELS if st.session_state.get(_layer_key(n))),
        presentation=bool(st.session_state[K_PRESENT]),
    )


def _write_url(state: ViewState, dmin: dt.date, dmax: dt.date) -> None:
    qp = to_query_params(state, date_min=dmin, date_max=dmax)
    if st.query_params.to_dict() != qp:
        st.query_params.from_dict(qp)
    st.session_state[K_SYNCED] = qp
    st.session_state[K_SAVED] = state


# --------------------------------------------------------------------------- callbacks


def _step(ids: list[str], delta: int) -> None:
    if not ids:
        return
    cur = st.session_state.get(K_EVENT) or ""
    i = min(max(ids.index(cur) + delta, 0), len(ids) - 1) if cur in ids else 0 if delta > 0 else len(ids) - 1
    st.session_state[K_EVENT] = ids[i]


def _clear_selection() -> None:
    st.session_state[K_EVENT] = ""


# --------------------------------------------------------------------------- helpers


def _fmt(v: Any, unit: str = "", *, digits: int = 0) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA or str(v) in ("", "nan", "<NA>"):
        return "not reported"
    if isinstance(v, int | float):
        return f"{v:,.{digits}f}{unit}"
    return f"{v}{unit}"


def _is_num(v: Any) -> bool:
    try:
        return not math.isnan(float(v))
    except (TypeError, ValueError):
        return False


def _attributions(maritime: dict[str, Any], online: bool) -> list[str]:
    lines = [CATALOGUE_ATTRIBUTION, geo.layers.BASEMAP_ATTRIBUTION]
    user_eez = st.session_state.get("user_eez_name")
    for name in maritime:
        if name == "eez" and user_eez:
            lines.append(
                f"EEZ: Flanders Marine Institute, Maritime Boundaries Geodatabase (your file {user_eez})"
            )
        elif name in geo.layers.MARITIME_DISPLAY_LAYERS:
            lines.append(geo.layers.MARITIME_DISPLAY_LAYERS[name][0].attribution)
    if online:
        lines.append(ONLINE_ATTRIBUTION)
    return lines


def _filter(cat: pd.DataFrame, state: ViewState) -> pd.DataFrame:
    d = cat["date"]
    keep = (d >= state.date_from.isoformat()) & (d <= state.date_to.isoformat())  # type: ignore[union-attr]
    if state.system_types:
        keep &= cat["system_type"].isin(state.system_types)
    return cat[keep]


def _overlays(rec: pd.Series, state: ViewState) -> tuple[list[mapview.Overlay], dict[str, Any]]:
    """Overlays for the selected launch, and what was computed (for the details panel / export)."""
    info: dict[str, Any] = {"rings": [], "notes": []}
    ovs: list[mapview.Overlay] = []
    lon, lat = rec.get("launch_lon"), rec.get("launch_lat")
    place = str(rec.get("launch_place") or "the launch place")
    geoc = data.geocoded(str(rec["id"]))
    if geoc and not geoc.get("error"):
        info["geocode"] = geoc
        region = geoc.get("region")
        unc = geoc.get("uncertainty_km")
        if region is not None and getattr(region, "geom_type", "") in ("Polygon", "MultiPolygon"):
            label = f"Estimated launch area for “{place}” (±{_fmt(unc, ' km')})"
            ovs.append(mapview.Overlay("launch_region", region, label, {"uncertainty_km": unc}))
    elif geoc and geoc.get("error"):
        info["notes"].append(f"Geocoding: {geoc['error']}")
    if not (_is_num(lon) and _is_num(lat)):
        info["notes"].append("No launch coordinates: no rings can be drawn.")
        return ovs, info
    if str(rec.get("location_precision") or "") in ("placeholder", "unreported"):
        # The source's stand-in point is not a launch place: rings around it would mislead.
        info["notes"].append(
            "The launch place was not reported (the source gives a stand-in point), so no range rings "
            "are drawn; the estimated launch area is the whole country."
        )
        return ovs, info
    if geoc and _is_num(geoc.get("uncertainty_km")):
        info["notes"].append(
            f"Range rings are measured from the reported launch point; the launch place itself is "
            f"uncertain by about ±{float(geoc['uncertainty_km']):,.0f} km."
        )
    lon, lat = float(lon), float(lat)
    radii = tuple(state.ranges_km)
    dist = rec.get("distance_km")
    has_dist = _is_num(dist) and float(dist) > 0
    all_radii = tuple(dict.fromkeys(radii + ((float(dist),) if has_dist else ())))
    geoms = data.rings(lon, lat, all_radii) or []
    by_r = dict(zip(all_radii, geoms, strict=False))
    for r in radii:
        g = by_r.get(r)
        if g is None:
            continue
        label = f"{r:,.0f} km from {place} (geodesic range ring)"
        ovs.append(mapview.Overlay("range_ring", g, label, {"radius_km": r, "event_id": rec["id"]}))
        info["rings"].append(("range_ring", r, g))
    if has_dist and by_r.get(float(dist)) is not None:
        r = float(dist)
        label = f"Reported flight distance: {r:,.0f} km from {place} (geodesic ring; direction not implied)"
        ovs.append(
            mapview.Overlay("reported_distance", by_r[r], label, {"radius_km": r, "event_id": rec["id"]})
        )
        info["rings"].append(("reported_distance", r, by_r[r]))
    est = data.impact_for(str(rec["id"]))
    if est and not est.get("error"):
        info["impact"] = est
        unc = est.get("uncertainty_km")
        label = str(est.get("label") or "Estimated impact area")
        zone = est.get("zone")
        if zone is not None and getattr(zone, "is_empty", True) is False:
            ovs.append(
                mapview.Overlay(
                    "impact_zone", zone, f"ESTIMATE: {label} (±{_fmt(unc, ' km')})", {"uncertainty_km": unc}
                )
            )
        if _is_num(est.get("lon")) and _is_num(est.get("lat")):
            ovs.append(
                mapview.Overlay(
                    "impact_point",
                    shapely.Point(float(est["lon"]), float(est["lat"])),
                    f"ESTIMATE: impact point (±{_fmt(unc, ' km')})",
                    {"uncertainty_km": unc},
                )
            )
    elif est and est.get("error"):
        info["notes"].append(f"Impact estimate: {est['error']}")
    return ovs, info


# --------------------------------------------------------------------------- details panel


def _headline_facts(rec: pd.Series) -> str:
    """One line of the key reported numbers (markdown-escaped)."""
    bits = []
    if _is_num(rec.get("apogee_km")):
        bits.append(f"apogee {float(rec['apogee_km']):,.0f} km")
    if _is_num(rec.get("distance_km")):
        bits.append(f"flew {float(rec['distance_km']):,.0f} km")
    placeholder = str(rec.get("bearing_is_placeholder", "")).lower() == "true"
    if _is_num(rec.get("bearing_deg")) and not placeholder:
        bits.append(f"bearing {float(rec['bearing_deg']):.0f}°")
    landing = rec.get("landing_label") or rec.get("landing_area")
    if landing and str(landing) not in ("nan", "Unknown", "unknown"):
        bits.append(f"landed: {landing}")
    if rec.get("outcome") and str(rec.get("outcome")) != "nan":
        bits.append(str(rec.get("outcome")))
    return md_escape(" · ".join(bits), limit=300) if bits else "no flight data reported"


def _verdict(event_id: str, est: dict[str, Any]) -> dict[str, Any] | None:
    """Maritime verdict with the shipped EEZ layer, or with the user's own (Import page) if loaded."""
    zones = st.session_state.get("user_zones")
    if zones is None:
        return data.maritime_verdict(event_id)
    cache = st.session_state.setdefault("user_verdicts", {})
    if event_id not in cache:
        try:
            cache[event_id] = data.verdict_for(zones, est)
        except Exception as exc:
            cache[event_id] = {"error": f"{type(exc).__name__}: {exc}"}
    return dict(cache[event_id])


def _landing_line(rec: pd.Series, info: dict[str, Any]) -> str:
    """Header line: whose waters the estimated impact is in, in plain words, with its uncertainty."""
    est = info.get("impact")
    if not est:
        return ""
    verdict = info.get("verdict") or {}
    where = str(verdict.get("headline") or "")
    if not where:
        return ""
    unc = est.get("uncertainty_km")
    pm = f" (±{float(unc):,.0f} km)" if _is_num(unc) else ""
    return f"**Estimated landing{md_escape(pm)}:** {md_escape(where, limit=200)}"


def _details(rec: pd.Series, info: dict[str, Any]) -> None:
    st.subheader("Selected launch")
    rows = [
        ("Date", rec.get("date")),
        ("Time (UTC)", rec.get("time_utc")),
        ("System", f"{rec.get('system_name') or '?'} ({rec.get('system_type') or 'type not reported'})"),
        ("Platform", rec.get("platform")),
        ("Launch place (reported)", rec.get("launch_place")),
        ("Apogee", _fmt(rec.get("apogee_km"), " km")),
        ("Distance flown", _fmt(rec.get("distance_km"), " km")),
        ("Bearing", _fmt(rec.get("bearing_deg"), "°")),
        ("Outcome", rec.get("outcome")),
        ("Landing area (reported)", rec.get("landing_label") or rec.get("landing_area")),
        ("Japan's EEZ (reported)", rec.get("eez_reported")),
        ("Missiles that day", _fmt(rec.get("salvo_size"))),
    ]
    if str(rec.get("bearing_is_placeholder", "")).lower() == "true":
        rows[7] = ("Bearing", "not reported (the source's placeholder is not used)")
    body = "".join(
        f"<tr><td><b>{html.escape(k)}</b></td><td>{html.escape(_fmt(v))}</td></tr>" for k, v in rows
    )
    st.html(f"<table class='la-facts'>{body}</table>")
    geoc = info.get("geocode")
    if geoc:
        st.markdown(
            f"**Where it was launched from (estimate):** within about "
            f"**±{md_escape(_fmt(geoc.get('uncertainty_km'), ' km'))}** of the point shown."
        )
        if geoc.get("explanation"):
            st.caption(md_escape(geoc["explanation"], limit=600))
    est = info.get("impact")
    if est:
        st.markdown(
            "**Where it came down (ESTIMATE):** "
            f"{md_escape(est.get('label') or 'estimated impact area', limit=200)}"
            f" — uncertainty ±{md_escape(_fmt(est.get('uncertainty_km'), ' km'))}."
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
    for note in info.get("notes", []):
        st.caption(md_escape(note, limit=300))
    src = rec.get("sources")
    if src and str(src) != "nan":
        st.caption("Source: " + md_escape(src, limit=400))


# --------------------------------------------------------------------------- export


def _export_button(view: pd.DataFrame, rec: pd.Series | None, info: dict[str, Any]) -> None:
    from ui.exporting import view_geojson

    if rec is None and not view[["launch_lon", "launch_lat"]].notna().all(axis=1).any():
        return  # nothing with a place to export

    def build() -> str:
        # Built when the button is clicked, not on every rerun: writing all the launches of the view
        # took 0.3-0.9 s of each rerun (each ◀ / ▶ step) for a file most people never download.
        text = view_geojson(view, rec, info)
        if text is None:  # pragma: no cover - guarded above
            raise ValueError("nothing to export in this view")
        return text

    name = f"launch-atlas-{rec['id']}.geojson" if rec is not None else "launch-atlas-view.geojson"
    st.download_button(
        "Download this view as GeoJSON",
        build,
        file_name=name,
        mime="application/geo+json",
        help="Launches in the current filters with all attributes, and the selected launch's rings, "
        "estimated launch area and estimated impact area (RFC 7946, WGS84 lon/lat; opens in QGIS).",
        key="m_geojson",
    )


# --------------------------------------------------------------------------- page


def render() -> None:
    cat = data.catalogue()
    if cat.empty:
        st.error("The launch catalogue is empty or missing (data/catalogue/launches.csv).")
        return
    dmin, dmax = data.date_bounds(cat)
    types = sorted(t for t in cat["system_type"].dropna().unique() if t)
    url_warnings = _sync_from_url(cat, dmin, dmax, types)

    sb = st.sidebar
    sb.header("Launches")
    sb.slider("Dates", min_value=dmin, max_value=dmax, key=K_DATES, format="YYYY-MM-DD")
    sb.multiselect("System types", types, key=K_TYPES, placeholder="All types", help=_TYPE_HELP)
    d0, d1 = st.session_state[K_DATES]
    fstate = ViewState(date_from=d0, date_to=d1, system_types=tuple(st.session_state[K_TYPES]))
    view = _filter(cat, fstate)
    ids = view["id"].tolist()
    sel = st.session_state.get(K_EVENT) or ""
    options = ["", *ids]
    if sel and sel not in ids:
        if sel in set(cat["id"]):
            options.append(sel)
        else:
            st.session_state[K_EVENT] = ""
    labels = {r["id"]: data.event_label(r) for r in cat[cat["id"].isin(options)].to_dict("records")}
    sb.selectbox(
        "Selected launch (type to search)",
        options,
        key=K_EVENT,
        format_func=lambda i: (
            "— none —" if i == "" else labels.get(i, i) + ("" if i in ids else " (outside filters)")
        ),
    )
    c1, c2 = sb.columns(2)
    c1.button("◀ Previous", on_click=_step, args=(ids, -1), use_container_width=True, key="m_prev_sb")
    c2.button("Next ▶", on_click=_step, args=(ids, 1), use_container_width=True, key="m_next_sb")

    sb.header("Ranges")
    sb.text_input(
        "Range rings (km, comma-separated)",
        key=K_RANGES,
        help="Distances drawn around the selected launch place as geodesic rings, e.g. 800, 1500.",
    )
    radii, range_problems = parse_ranges_km(st.session_state[K_RANGES])

    sb.header("Layers")
    maritime = data.maritime_layers()
    for name, label in LAYER_LABELS.items():
        missing = name in ("eez", "territorial_sea") and name not in maritime
        sb.checkbox(label + (" (not available)" if missing else ""), key=_layer_key(name), disabled=missing)
    imported = st.session_state.get("imported_records")
    show_imported = False
    if imported is not None and len(imported):
        show_imported = sb.checkbox(
            f"Show my imported records ({len(imported)})", value=True, key="m_imported"
        )
    sb.toggle(
        "Online basemap (OpenStreetMap)",
        key=K_ONLINE,
        help="Off by default. When on, your browser downloads map tiles from tile.openstreetmap.org: "
        "the only thing in this app that uses the internet. Not saved in shared links.",
    )
    sb.header("Display")
    sb.toggle("Presentation mode", key=K_PRESENT, help="Large text and thick lines for a projector.")

    state = _current_state(radii)
    _write_url(state, dmin, dmax)
    presentation = state.presentation
    online = bool(st.session_state[K_ONLINE])
    apply_style(presentation=presentation)

    # ---------------------------------------------------------------- main area
    if not presentation:
        st.title("Launch Atlas")
        st.markdown(
            f"**{len(view)}** reported North Korean missile launches from **{d0}** to **{d1}**"
            + (f" ({md_escape(', '.join(state.system_types))})" if state.system_types else "")
            + f" — {len(cat)} in the catalogue."
        )
    for w in url_warnings:
        st.warning(w, icon="⚠️")
    for p in range_problems:
        st.warning(f"Range rings: {p}.", icon="⚠️")
    # With nothing selected, the explainer fills the panel beside the map instead.
    if state.event_id and not presentation:
        with st.expander("What am I looking at?"):
            st.markdown(_EXPLAINER)

    rec: pd.Series | None = None
    if state.event_id:
        rec = cat[cat["id"] == state.event_id].iloc[0]
    overlays: list[mapview.Overlay] = []
    info: dict[str, Any] = {"rings": [], "notes": []}
    if rec is not None:
        overlays, info = _overlays(rec, state)
        if info.get("impact"):
            info["verdict"] = _verdict(str(rec["id"]), info["impact"])
    n1, n2, n3 = st.columns([1.2, 5, 1.2], vertical_alignment="center")
    n1.button(
        "◀ Previous",
        on_click=_step,
        args=(ids, -1),
        use_container_width=True,
        key="m_prev",
        help="Previous launch in date order (within the filters)",
    )
    n3.button(
        "Next ▶",
        on_click=_step,
        args=(ids, 1),
        use_container_width=True,
        key="m_next",
        help="Next launch in date order (within the filters)",
    )
    if rec is not None:
        pos = f" ({ids.index(rec['id']) + 1} of {len(ids)})" if rec["id"] in ids else " (outside the filters)"
        landing = _landing_line(rec, info)
        n2.markdown(
            f"**{md_escape(data.event_label(rec), limit=200)}**{pos}  \n{_headline_facts(rec)}"
            + (f"  \n{landing}" if landing else "")
        )
    else:
        n2.markdown("**Pick a launch** in the sidebar, or step through them with ◀ Previous / Next ▶.")

    base = data.basemap_layers()
    urls = data.layer_urls()
    shown: dict[str, Any] = {}
    user_eez = st.session_state.get("user_eez_fc")
    for name in state.layers:
        if name == "eez" and user_eez is not None:  # the user's own EEZ file (Import page), this session
            shown[name] = user_eez
        elif name in urls:  # big layers: fetched once by the browser, not resent on every rerun
            shown[name] = urls[name]
        elif name in base:
            shown[name] = base[name]
        elif name in maritime:
            shown[name] = maritime[name]
    no_place = int(view["launch_lon"].isna().sum())
    note = f"{no_place} launch(es) with no known place are not drawn." if no_place else ""
    fmap = mapview.build_map(
        layers=shown,
        events=view,
        imported=imported if show_imported else None,
        selected=rec.to_dict() if rec is not None else None,
        overlays=overlays,
        presentation=presentation,
        online_basemap=online,
        attribution=_attributions({k: v for k, v in maritime.items() if k in state.layers}, online),
        legend_note=note,
    )
    # Presentation: header (3 lines at 22 px) + map fit a 1280x720 projector without scrolling.
    height = 470 if presentation else 620
    if presentation:
        st_folium(fmap, height=height, use_container_width=True, returned_objects=[], key="atlas_map")
        if rec is not None:
            _details(rec, info)
    else:
        left, right = st.columns([7, 3])
        with left:
            st_folium(fmap, height=height, use_container_width=True, returned_objects=[], key="atlas_map")
        with right:
            if rec is not None:
                _details(rec, info)
                st.button("Clear selection", on_click=_clear_selection, key="m_clear")
            else:
                st.subheader("What am I looking at?")
                st.markdown(_EXPLAINER)
    _export_button(view, rec, info)
    st.caption("Share this view: copy the address bar, it reopens the same launch, dates, ranges and layers.")


_TYPE_HELP = (
    "SRBM/MRBM/IRBM/ICBM: short/medium/intermediate-range/intercontinental ballistic missile; "
    "SLBM: submarine-launched; SLV: satellite launch vehicle."
)

_EXPLAINER = """
- **Grey circles** are launch places. A bigger circle means more launches were reported from that place
  in the chosen dates. Hover over one for a summary; click it for the list of launches.
- **Select a launch** (sidebar, or ◀ / ▶) to see its facts and draw **range rings** (solid red): every
  point on a ring is the same distance (e.g. 800 km) from the launch place, measured along the Earth's
  surface (*geodesic*). On this flat map, rings far from the equator look stretched, and a very large ring
  (over about 10,000 km) goes over the North Pole and shows up as curves at the map's edges: that is the
  map projection, not the missile.
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
- The **legend** (on the map) can be folded by clicking its title. The map works with no internet: Leaflet,
  land, coasts and zones all come from this app.
"""


ensure_app_navigation("map")
render()
