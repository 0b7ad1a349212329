"""The reach of the selected launch on the Map page: bands on the map, "what is in range", "can it
reach X?", and the range of each system. Caching of the geodesy lives here (never in ``geo/``).

The page reads :func:`bands_on` / :func:`systems_on` when it builds the overlays (before the panel
is drawn; the toggles' values arrive with the rerun they trigger) and calls :func:`render_reach_panel`
beside the map.
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd
import streamlit as st
from shapely import wkb
from shapely.geometry.base import BaseGeometry

import geo
from geo.mapview import Overlay
from geo.reach import REACHED_ANYWHERE, ReachArea
from ui.state import md_escape

__all__ = [
    "BANDS_KEY",
    "SYSTEMS_KEY",
    "bands_on",
    "reach_areas",
    "reach_overlays_for",
    "render_reach_panel",
    "systems_on",
]

BANDS_KEY = "reach_bands"
SYSTEMS_KEY = "reach_systems"


def bands_on() -> bool:
    """Ranges drawn as bands from the launch area (default) rather than rings from one point."""
    return bool(st.session_state.get(BANDS_KEY, True))


def systems_on() -> bool:
    """The "range of each system" comparison is shown."""
    return bool(st.session_state.get(SYSTEMS_KEY, False))


# cache_resource: shapely geometries are immutable, so every session can share them (cache_data
# unpickled a copy of each band on every rerun).
@st.cache_resource(show_spinner=False, max_entries=512)
def _reach_one(region_wkb: bytes, range_km: float) -> tuple[Any, Any]:
    outer, inner = geo.geodesy.reach_limits(wkb.loads(region_wkb), range_km)
    return outer, inner


def reach_areas(region: BaseGeometry, ranges_km: tuple[float, ...]) -> list[ReachArea]:
    """Reach areas of a region (cached per region and range, across sessions)."""
    key = wkb.dumps(region)
    out = []
    for r in ranges_km:
        outer, inner = _reach_one(key, float(r))
        out.append(ReachArea(float(r), outer, inner))
    return out


@st.cache_resource(show_spinner=False)
def _reference_cities() -> pd.DataFrame:
    return geo.cities.reference_cities()


@st.cache_resource(show_spinner="Loading the world's cities…")
def _cities() -> pd.DataFrame:
    return geo.cities.world_cities()


@st.cache_data(show_spinner=False)
def _systems() -> pd.DataFrame:
    return geo.records.load_systems()


@st.cache_resource(show_spinner=False)
def _country_region(country: str) -> BaseGeometry | None:
    """The country's launch region (the gazetteer's country polygon), for the systems comparison."""
    names = {"KP": "North Korea"}
    try:
        res = geo.Gazetteer.load().geocode(names.get(country, country), country=country)
    except Exception:
        return None
    region: BaseGeometry = res.region
    return region


def _region_of(info: dict[str, Any]) -> tuple[BaseGeometry, str] | None:
    g = info.get("geocode") or {}
    region = g.get("region")
    if region is None or getattr(region, "is_empty", True):
        return None
    return region, str(g.get("label") or "the launch area")


def reach_overlays_for(
    rec: pd.Series, info: dict[str, Any], ranges_km: tuple[float, ...]
) -> tuple[Overlay, ...]:
    """Overlays of the reach of the selected launch: bands (if on), reference cities, system ranges.

    What is drawn is also left in ``info["reach"]`` (a :class:`geo.export.ReachBands`), which the
    view's download exports as its ``reach`` layer.
    """
    out: list[Overlay] = []
    centre = geo.overlays.ring_centre(rec)
    flew = pd.to_numeric(pd.Series([rec.get("distance_km")]), errors="coerce").iloc[0]
    reported = float(flew) if pd.notna(flew) and flew > 0 else None
    if centre is not None:  # labels on the rings around the reported point (and on the reported distance)
        shown = () if bands_on() and _region_of(info) else ranges_km
        out += geo.reachview.point_ring_labels(centre[0], centre[1], shown, reported_km=reported)
    info.pop("reach", None)
    got = _region_of(info)
    if got is None:
        return tuple(out)
    region, place = got
    areas: list[ReachArea] = []
    if bands_on() and ranges_km:
        areas = reach_areas(region, ranges_km)
        out += geo.reachview.reach_overlays(areas, region, place=place)
    systems: tuple[geo.export.SystemReach, ...] = ()
    home, home_place = region, place
    if systems_on():
        country = str(rec.get("country") or "KP")
        home = _country_region(country) or region
        home_place = geo.cities.country_names().get(country, country)
        key = wkb.dumps(home)
        # one line per distinct range, as geo.export.system_reaches groups them (sources cited)
        systems = geo.export.system_reaches(_systems(), lambda r: _reach_one(key, r)[0])
        outers = [(s.name, s.range_km, s.outer) for s in systems]
        out += geo.reachview.system_range_overlays(outers, home, place=home_place)
    if areas or systems:
        info["reach"] = geo.export.ReachBands(
            tuple(areas), region, place, systems, home if systems else None, home_place
        )
    if areas:
        out += _reference_city_overlays(wkb.dumps(region), tuple(a.range_km for a in areas))
    return tuple(out)


@st.cache_resource(show_spinner=False, max_entries=256)
def _reference_city_overlays(region_wkb: bytes, ranges_km: tuple[float, ...]) -> tuple[Overlay, ...]:
    """The reference cities and whether each is in reach (the same for every launch from this area)."""
    areas = reach_areas(wkb.loads(region_wkb), ranges_km)
    return tuple(geo.reachview.reference_city_overlays(areas, _reference_cities()))


def _fmt_people(n: float) -> str:
    if n >= 1e9:
        return f"{n / 1e9:.2f} billion"
    if n >= 1e6:
        return f"{n / 1e6:,.0f} million"
    return f"{n:,.0f}"


def _city_list(rows: pd.DataFrame, countries: dict[str, str], n: int) -> str:
    bits = [f"{r['name']} ({countries.get(r['country'], r['country'])})" for _, r in rows.head(n).iterrows()]
    return md_escape(", ".join(bits), limit=600) if bits else "none"


def _in_range_section(region: BaseGeometry, place: str, ranges_km: tuple[float, ...]) -> None:
    for line in _in_range_lines(wkb.dumps(region), place, ranges_km):
        st.markdown(line)


@st.cache_data(show_spinner=False, max_entries=256)
def _in_range_lines(region_wkb: bytes, place: str, ranges_km: tuple[float, ...]) -> list[str]:
    """The "in range" lines of a launch area (markdown; the same for every launch from it, so a class
    stepping through launches does not count the world's cities again on every rerun)."""
    areas = reach_areas(wkb.loads(region_wkb), ranges_km)
    inside = geo.reach.cities_in_reach(areas, _cities())
    countries = geo.cities.country_names()
    lines = []
    for a in areas:
        rows = inside[inside["range_km"] == a.range_km]
        every = rows[rows["reached"] == REACHED_ANYWHERE]
        caps = rows[rows["is_capital"]]
        lines.append(
            f"**{a.range_km:,.0f} km** — {len(rows):,} cities of 15,000+ people, about "
            f"**{_fmt_people(float(rows['population'].sum()))}** people "
            f"({_fmt_people(float(every['population'].sum()))} wherever in {md_escape(place)} "
            "it was launched).  \n"
            f"Capitals: {_city_list(caps, countries, 8)}.  \n"
            f"Largest: {_city_list(rows, countries, 6)}."
        )
    return lines


def _can_it_reach(region: BaseGeometry, place: str, rec: pd.Series) -> None:
    query = st.text_input(
        "Can it reach…? (any city)", key="reach_query", max_chars=80, placeholder="Guam, Tokyo, 서울…"
    )
    if not query.strip():
        return
    hits = geo.cities.find_cities(query, limit=8)
    if hits.empty:
        st.caption(f"No city called “{md_escape(query, limit=80)}” in the list (GeoNames, 15,000+ people).")
        return
    countries = geo.cities.country_names()
    labels = [
        f"{n} ({countries.get(c, c)}, {p:,} people)"
        for n, c, p in zip(hits["name"], hits["country"], hits["population"], strict=True)
    ]
    pick = st.selectbox("City", range(len(labels)), format_func=lambda i: labels[i], key="reach_pick")
    city = hits.iloc[int(pick or 0)]
    lo, hi = geo.reach.distance_span_km(region, float(city["lon"]), float(city["lat"]))
    name = md_escape(str(city["name"]), limit=80)
    st.markdown(
        f"**{name}** is between **{lo:,.0f}** and **{hi:,.0f} km** from {md_escape(place)} (geodesic)."
    )
    reach = geo.reach.systems_reaching(_systems(), lo, hi)
    flew = rec.get("distance_km")
    if flew is not None and not (isinstance(flew, float) and math.isnan(flew)):
        try:
            d = float(flew)
            verdict = "farther than" if lo > d else ("within" if hi <= d else "partly within")
            st.caption(f"This launch flew {d:,.0f} km: {name} is {verdict} that distance.")
        except (TypeError, ValueError):
            pass
    if reach.empty:
        st.markdown("No system of the catalogue has a published maximum range that reaches it.")
        return
    lines = [
        f"- {md_escape(str(r['name']), limit=80)}: {r['max_range_km']:,.0f} km "
        f"({md_escape(str(r['range_basis']), limit=80)}; "
        f"{md_escape(str(r['range_source']), limit=160)}, {md_escape(str(r['range_source_date']), limit=20)})"
        + ("" if r["reached"] == REACHED_ANYWHERE else " — only from part of the launch area")
        for _, r in reach.iterrows()
    ]
    st.markdown("Systems whose estimated maximum range reaches it:\n" + "\n".join(lines))


def render_reach_panel(rec: pd.Series, info: dict[str, Any], ranges_km: tuple[float, ...]) -> None:
    """The "What can it reach?" panel of the selected launch (beside the map)."""
    st.subheader("What can it reach?")
    st.toggle(
        "Ranges as bands from the launch area",
        value=True,
        key=BANDS_KEY,
        help="On: each range is drawn from every possible launch point of the estimated launch area "
        "(a band). Off: rings around the reported point only.",
    )
    st.toggle(
        "Compare: range of each system",
        value=False,
        key=SYSTEMS_KEY,
        help="The estimated maximum range of every missile system of the catalogue, from the country.",
    )
    got = _region_of(info)
    if got is None:
        st.caption("No launch area is known for this launch, so nothing can be measured from it.")
        return
    region, place = got
    if ranges_km:
        _in_range_section(region, place, ranges_km)
    _can_it_reach(region, place, rec)
    st.caption(
        "Cities: GeoNames, geonames.org (CC BY 4.0). Ranges: systems.csv, each with its source and date."
    )
