"""Cached access to the core (``geo``) for the pages: catalogue, display layers, rings, estimates.

All Streamlit caching lives here (never in ``geo/``).
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from typing import Any

import numpy as np
import pandas as pd
import streamlit as st

import geo
from geo import layers as glayers
from geo import mapview
from geo.paths import DATA_DIR
from ui.errors import failure_note

__all__ = [
    "attribution_lines",
    "basemap_layers",
    "catalogue",
    "catalogue_labels",
    "data_sources",
    "event_label",
    "event_labels",
    "geocoded",
    "impact_for",
    "launch_table_url",
    "layer_urls",
    "maritime_layers",
    "maritime_verdict",
    "maritime_zones",
    "record_key",
    "rings",
    "verdict_for",
]


_NUMERIC = ("launch_lon", "launch_lat", "apogee_km", "distance_km", "bearing_deg", "salvo_size")


def _normalise(df: pd.DataFrame) -> pd.DataFrame:
    df = pd.DataFrame(df).copy()
    for c in _NUMERIC:
        if c in df.columns:
            df[c] = pd.to_numeric(df[c], errors="coerce")
    # ``date`` stays as reported ("1984-09" has month precision); ``date_start`` (first day of it)
    # sorts and bounds. Regression: parsing ``date`` itself turned partial dates into NaT and the
    # rows were dropped from the map without a word (341 of 349 launches shown).
    df["date"] = df["date"].astype(str)
    if "date_start" not in df.columns:
        df["date_start"] = pd.to_datetime(df["date"], format="mixed", errors="coerce")
    df["id"] = df["id"].astype(str)
    for c in ("system_type", "system_name", "launch_place", "platform", "outcome", "landing_area"):
        if c in df.columns:
            df[c] = df[c].astype("string").fillna("")
    # Within a local date, the UTC instant orders the launches (a 23:00 UTC launch is 08:00 local, the
    # morning of the local date, before a 01:00 UTC one); rows without one come after those with one.
    if "datetime_utc" in df.columns:
        instant = df["datetime_utc"].astype("string").fillna("")
        time_col = instant.where(instant != "", "~")
    else:
        time_col = df["time_utc"].astype("string").fillna("") if "time_utc" in df.columns else ""
    df["_sort"] = df["date_start"].dt.strftime("%Y-%m-%d").fillna("9999") + " " + time_col + " " + df["id"]
    df = df.sort_values("_sort", kind="stable").drop(columns="_sort").reset_index(drop=True)
    return df


@st.cache_data(show_spinner="Loading the launch catalogue…")
def catalogue() -> pd.DataFrame:
    """The launch catalogue as a plain DataFrame sorted by date and time (geometry dropped)."""
    gdf = geo.records.load_catalogue()
    return _normalise(pd.DataFrame(gdf.drop(columns="geometry", errors="ignore")))


def event_label(row: Any) -> str:
    """``2021-09-15 12:34 UTC+9 · Rail-mobile KN-23 (SRBM) · Yangdok county``.

    ``date`` is the local date (geo.launchtime), so the time shown with it is the local time too.
    """
    time = str(row.get("time_utc") or "")
    local = geo.launchtime.local_time_text(str(row["date"]), time, str(row.get("country") or ""))
    when = f"{row['date']} {local}" if local else str(row["date"])
    system = str(row.get("system_name") or "unknown system")
    stype = str(row.get("system_type") or "")
    place = str(row.get("launch_place") or "")
    bits = [when, f"{system} ({stype})" if stype else system]
    if place:
        bits.append(place)
    return " · ".join(bits)


def event_labels(records: pd.DataFrame) -> dict[str, str]:
    """:func:`event_label` of each record by id, made unique: launches of one salvo (same time, system
    and place) get ``· missile 2 of 5``. The selector needs distinct labels: it keeps its value as the
    label, and five identical labels made Next jump over four launches of a salvo.
    """
    base = {str(r["id"]): event_label(r) for r in records.to_dict("records")}
    groups: dict[str, list[str]] = {}
    for rid, label in base.items():
        groups.setdefault(label, []).append(rid)
    out = dict(base)
    for label, rids in groups.items():
        if len(rids) > 1:
            for k, rid in enumerate(rids, start=1):
                out[rid] = f"{label} · missile {k} of {len(rids)}"
    return out


@st.cache_resource(show_spinner=False)
def catalogue_labels() -> dict[str, str]:
    """:func:`event_labels` of the whole catalogue (computed once; the selector looks labels up)."""
    return event_labels(catalogue())


@st.cache_resource(show_spinner="Preparing the basemap…")
def basemap_layers() -> dict[str, dict[str, Any]]:
    """Display-ready FeatureCollections of the shipped basemap (land, coastline, borders, seas)."""
    out: dict[str, dict[str, Any]] = {}
    for name in glayers.BASEMAP_LAYERS:
        try:
            gdf = glayers.load_basemap_layer(name)
        except FileNotFoundError:
            continue
        if name == "seas":
            gdf = _sea_label_subset(gdf)
            out[name] = mapview.prepare_layer(gdf, keep=["name", "featurecla", "scalerank"], decimals=2)
        else:
            out[name] = mapview.prepare_layer(gdf, decimals=3)
    return out


def _sea_label_subset(seas: Any) -> Any:
    """Oceans and major seas worldwide, smaller seas/straits near Korea and Japan."""
    ranks = seas["scalerank"].astype(int)
    x, y = seas.geometry.x, seas.geometry.y
    near = (x > 110) & (x < 155) & (y > 20) & (y < 55)
    korea = seas["name"].astype(str).str.contains("Korea|Bo Hai|Tsugaru|Tatar", regex=True)
    regional = near & (ranks <= 4) & (seas["featurecla"] != "bay")
    return seas[(ranks <= 1) | regional | (near & korea)]


#: Web-map zoom the maritime outlines are simplified for (half a pixel at zoom 6: about 0.7 km).
DISPLAY_ZOOM = 6.0

_NAME_COLUMNS = ("name", "GeoName", "geoname", "NAME", "name_en", "territory", "state")


@st.cache_resource(show_spinner="Preparing the maritime layers…")
def maritime_layers() -> dict[str, dict[str, Any]]:
    """Display-ready EEZ / territorial-sea outlines (only those the maritime module ships)."""
    out: dict[str, dict[str, Any]] = {}
    shipped = glayers.available_maritime_layers()
    for name in ("eez", "territorial_sea"):
        if name in shipped:
            gdf = glayers.load_maritime_display_layer(name)
        elif name == "eez":
            gdf = geo.maritime.simplified_for_display(geo.maritime.load_eez(), zoom=DISPLAY_ZOOM)
        elif name == "territorial_sea":
            gdf = geo.maritime.simplified_for_display(geo.maritime.load_territorial_seas(), zoom=DISPLAY_ZOOM)
        else:
            continue
        col = next((c for c in _NAME_COLUMNS if c in gdf.columns), None)
        if col is not None:
            gdf = gdf.assign(name=gdf[col].astype("string").fillna(""))
        out[name] = mapview.prepare_layer(gdf, keep=["name"], decimals=3)
    return out


#: Layers served as static files (fetched once by the browser, never resent on a rerun).
STATIC_LAYERS = ("land", "coastline", "borders", "eez", "territorial_sea", "seas")


@st.cache_resource(show_spinner=False)
def layer_urls() -> dict[str, str]:
    """Same-origin URLs of the big display layers, written once per data version into ``static/``."""
    from ui.assets import publish_layer

    out: dict[str, str] = {}
    layers = {**basemap_layers(), **maritime_layers()}
    for name in STATIC_LAYERS:
        if name in layers:
            url = publish_layer(name, layers[name])
            if url is not None:
                out[name] = url
    return out


@st.cache_resource(show_spinner=False)
def launch_table_url() -> tuple[str | None, tuple[str, ...]]:
    """The catalogue's launch table for the map's places, published once: (URL or None, ids in order).

    The map's launch places then only send row numbers of it on a rerun (see :mod:`geo.mapview.sites`).
    """
    from ui.assets import ensure_runtime_assets, publish_json

    ensure_runtime_assets()  # the map runtime, in case the app did not start through app.py (tests)
    cat = catalogue()
    url = publish_json("launches", mapview.launch_table(cat))
    return url, tuple(cat["id"].astype(str))


@st.cache_data(show_spinner=False, max_entries=256)
def rings(lon: float, lat: float, radii_km: tuple[float, ...]) -> list[Any] | None:
    """Geodesic rings (shapely, lon/lat, split at 180°) around one point, or None if not available."""
    if not radii_km:
        return None
    out = geo.geodesy.geodesic_rings([lon], [lat], list(radii_km))
    return list(out[0])


@st.cache_resource(show_spinner="Loading the gazetteer…")
def _gazetteer() -> Any:
    return geo.gazetteer.Gazetteer.load()


#: Prefix of :func:`record_key` for a record that is not the catalogue's.
_RECORD_KEY = "record:"


def record_key(rec: Any) -> str:
    """What the per-launch caches below are keyed by: a catalogue launch's id, or a visitor's record's
    facts (JSON of its catalogue columns), so that the caches, shared by every session, can never give one
    visitor's launch the area or estimate of another's with the same id.

    >>> record_key({"id": "2021-09-15-1", "origin": "catalogue"})
    '2021-09-15-1'
    >>> record_key({"id": "x", "origin": "report", "date": "2031-01-02"})[:40]
    'record:{"apogee_km": null, "bearing_deg"'
    """
    get = rec.get
    if str(get("origin") or "catalogue") == "catalogue":
        return str(get("id"))
    facts = {c: _plain(get(c)) for c in sorted(geo.CATALOGUE_COLUMNS)}
    return _RECORD_KEY + json.dumps(facts, sort_keys=True, ensure_ascii=False)


def _plain(v: Any) -> Any:
    if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)):
        return None
    if isinstance(v, bool | np.bool_):
        return bool(v)
    if isinstance(v, int | np.integer):
        return int(v)
    if isinstance(v, float | np.floating):
        return float(v)
    return str(v)


def _record(key: str) -> pd.DataFrame:
    """The one-row table of the record with this :func:`record_key`."""
    if key.startswith(_RECORD_KEY):
        return pd.DataFrame([json.loads(key[len(_RECORD_KEY) :])])
    cat = catalogue()
    return cat[cat["id"] == key].reset_index(drop=True)


@st.cache_data(show_spinner=False, max_entries=128)
def geocoded(event_id: str) -> dict[str, Any] | None:
    """Launch region of one event (``geo.gazetteer``): region geometry, uncertainty_km, explanation.

    ``event_id`` is a catalogue id or any record's :func:`record_key`; so for the functions below."""
    rec = _record(event_id)
    if rec.empty:
        return None
    try:
        res, errors = geo.gazetteer.geocode_records(rec, gazetteer=_gazetteer())
    except Exception as exc:  # a geocoder failure must not take the page down
        return {"error": failure_note("the launch area", exc)}
    if len(res) == 0:
        return {"error": "; ".join(str(e) for e in errors) or "not geocoded"}
    row = res.iloc[0]
    return {
        "region": res.geometry.iloc[0],
        "uncertainty_km": _float(row.get("launch_uncertainty_km")),
        "label": row.get("geocode_label"),
        "rule": row.get("geocode_rule"),
        "explanation": row.get("geocode_explanation"),
        "lon": _float(row.get("launch_lon")),
        "lat": _float(row.get("launch_lat")),
        "_frame": pd.DataFrame(res.drop(columns=res.geometry.name)),
    }


def _float(v: Any) -> float | None:
    try:
        f = float(v)
    except (TypeError, ValueError):
        return None
    return None if f != f else f


@st.cache_data(show_spinner=False, max_entries=128)
def impact_for(event_id: str) -> dict[str, Any] | None:
    """Impact estimate of one event (``geo.impact`` on the geocoded record), or None if not available."""
    g = geocoded(event_id)
    frame = g["_frame"] if g and "_frame" in g else _record(event_id)
    if frame.empty:
        return None
    try:
        res = geo.impact.estimate_impacts(frame)
    except Exception as exc:
        return {"error": failure_note("the impact estimate", exc)}
    if len(res) == 0:
        return None
    row = res.iloc[0]
    if not bool(row.get("impact_is_estimate")):
        return {"error": str(row.get("impact_explanation") or "no estimate for this record")}
    return {
        "lon": _float(row.get("impact_lon")),
        "lat": _float(row.get("impact_lat")),
        "zone": res.geometry.iloc[0],
        "uncertainty_km": _float(row.get("impact_uncertainty_km")),
        "label": row.get("impact_label"),
        "explanation": row.get("impact_explanation"),
    }


@st.cache_resource(show_spinner="Loading maritime zones…")
def _zones() -> Any:
    return geo.maritime.MaritimeZones.load()


def maritime_zones() -> Any:
    """The shipped maritime layers for analysis (:class:`geo.maritime.MaritimeZones`), loaded once."""
    return _zones()


@st.cache_data(show_spinner=False, max_entries=128)
def maritime_verdict(event_id: str) -> dict[str, Any] | None:
    """Maritime analysis (``geo.maritime``, shipped EEZ) of the estimated impact zone of one event."""
    est = impact_for(event_id)
    if not est or est.get("error"):
        return None
    try:
        return verdict_for(_zones(), est)
    except Exception as exc:
        return {"error": failure_note("the maritime analysis", exc)}


def verdict_for(zones: Any, est: dict[str, Any]) -> dict[str, Any]:
    """Plain-language verdict of an impact estimate against a :class:`geo.maritime.MaritimeZones`."""
    zone = est.get("zone")
    point = (est["lon"], est["lat"]) if est.get("lon") is not None else None
    if zone is not None and not zone.is_empty:
        report = zones.analyse_zone(zone, point=point)
    else:
        report = zones.analyse_point(est["lon"], est["lat"])
    verdict = report.verdict(uncertainty_km=est.get("uncertainty_km"))
    return {
        "verdict": str(verdict),
        "headline": verdict_headline(report),
        "caveats": [str(c) for c in getattr(report, "caveats", ())],
    }


def verdict_headline(report: Any) -> str:
    """A few plain words on whose waters the estimated impact point is in, for the map's header line.

    E.g. "inside Japan's EEZ, outside its territorial sea". Joint regimes and disputed areas are named
    as such (never given to one state); '' when the report is not understood (the full verdict is
    shown in the details anyway).
    """
    zone, state = str(getattr(report, "zone", "")), str(getattr(report, "state", ""))
    joint, disputed = bool(getattr(report, "joint", False)), bool(getattr(report, "disputed", False))
    whose = f"{state}'s" if state and not (joint or disputed or " / " in state) else ""
    if zone == "eez":
        if joint:
            return f"inside a joint regime area ({state})" if state else "inside a joint regime area"
        if disputed:
            return f"inside a disputed area ({state})" if state else "inside a disputed area"
        return f"inside {whose or 'an'} EEZ, outside {'its' if whose else 'the'} territorial sea"
    if zone == "territorial sea":
        return f"inside {whose} territorial sea (12 nautical miles)" if whose else "inside a territorial sea"
    if zone == "high seas":
        return "on the high seas (outside every EEZ)"
    if zone == "land":
        return f"on land ({state})" if state else "on land"
    return ""


@st.cache_data(show_spinner=False)
def data_sources() -> list[tuple[str, str]]:
    """(heading, body) of each section of ``data/README.md`` (the provenance index)."""
    path = DATA_DIR / "README.md"
    if not path.is_file():
        return []
    text = path.read_text(encoding="utf-8")
    parts = re.split(r"^##\s+(.+)$", text, flags=re.MULTILINE)
    out = []
    for i in range(1, len(parts) - 1, 2):
        out.append((parts[i].strip(), parts[i + 1].strip()))
    return out


def attribution_lines() -> list[str]:
    """The attribution line(s) each data section of ``data/README.md`` asks the app to show."""
    out: list[str] = []
    for _, body in data_sources():
        for m in re.finditer(r"Attribution[^:\n]*:\**\s*(.+?)(?=\n- |\n\n|\Z)", body, flags=re.DOTALL):
            text = " ".join(m.group(1).split())
            for part in re.findall(r'"([^"]+)"', text) or [text]:
                part = part.strip().strip(";").strip()
                if part and part not in out:
                    out.append(part)
    return out


def date_bounds(df: pd.DataFrame) -> tuple[dt.date, dt.date]:
    """First and last event date of a catalogue."""
    d = pd.to_datetime(df["date_start"]) if "date_start" in df.columns else pd.to_datetime(df["date"])
    return d.min().date(), d.max().date()
