"""Geocoding of launch records: every record gets a launch region, or a row error saying why not.

:func:`geocode_records` decides per row which of three sources gives the region (the launching
country, the record's coordinates, or its place phrase through the grammar), collects the
coordinate discs to build them in one vectorized call per radius, and assembles the GeoDataFrame.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from shapely.geometry import Polygon
from shapely.geometry.base import BaseGeometry

from geo.geocoding.grammar import geocode_text
from geo.geocoding.index import Gazetteer
from geo.geocoding.regions import areal
from geo.geocoding.result import GeocodeError
from geo.geodesy import geodesic_rings
from geo.records import RecordError

if TYPE_CHECKING:
    import geopandas as gpd

__all__ = ["SITE_RADIUS_KM", "geocode_records"]

#: Radii (km) of launch-point discs in :func:`geocode_records`, by ``location_precision``:
#: a named installation (site), a county/city/district (area), a user's point (point).
SITE_RADIUS_KM: dict[str, float] = {"site": 5.0, "area": 20.0, "point": 1.0}
#: Largest launch_uncertainty_km a record may state (km): beyond it a disc says nothing about the site
#: (and geo.impact cannot grow a zone by it).
_MAX_RECORD_UNCERTAINTY_KM = 10_000.0
_COUNTRIES = ("KP", "KR", "JP")


def _num(value: Any) -> float | None:
    """A finite float, or ``None`` (empty, text, NaN, infinite)."""
    try:
        x = float(value)
    except (TypeError, ValueError):
        return None
    return x if math.isfinite(x) else None


def _text(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return ""
    return str(value).strip()


class _RowProblem(Exception):
    """A record that cannot get a launch region: the field to blame, what was expected, what came."""

    def __init__(self, field: str, expected: str, got: Any) -> None:
        super().__init__(expected)
        self.field, self.expected, self.got = field, expected, got


@dataclass
class _Row:
    """The location fields of one record, parsed."""

    rid: str
    lon: float | None
    lat: float | None
    place: str
    precision: str
    country: str
    given_unc: float | None
    raw: Any  # the pandas row, for quoting what came

    def get(self, name: str) -> Any:
        return self.raw[name] if name in self.raw.index else None


@dataclass
class _Located:
    """A row's launch region (``region`` is empty for a coordinate disc not built yet)."""

    region: BaseGeometry
    uncertainty_km: float
    rule: str
    label: str
    explanation: str
    lon: float
    lat: float
    disc_km: float | None = None  # radius of the coordinate disc still to build


def _parse_row(row: Any, cols: set[str]) -> _Row:
    def get(name: str) -> Any:
        return row[name] if name in cols else None

    return _Row(
        rid=_text(get("id")),
        lon=_num(get("launch_lon")),
        lat=_num(get("launch_lat")),
        place=_text(get("launch_place")),
        precision=_text(get("location_precision")).lower(),
        country=_text(get("country")).upper(),
        given_unc=_num(get("launch_uncertainty_km")),
        raw=row,
    )


def _from_country(gaz: Gazetteer, r: _Row) -> _Located:
    """No site (placeholder or unreported): the launching country is the region."""
    if r.country not in _COUNTRIES:
        raise _RowProblem(
            "country",
            "'KP', 'KR' or 'JP': with no launch site reported, the launching country is the launch region",
            r.get("country"),
        )
    placeholder = r.precision == "placeholder"
    why = (
        "the source gives a stand-in point for an unknown launch site"
        if placeholder
        else "the launch site was not reported"
    )
    idx = int(np.flatnonzero(gaz.entries["entry_id"] == f"{r.country.lower()}-country")[0])
    res = gaz._result_from_entry(
        r.place or r.country,
        idx,
        rule="placeholder-country" if placeholder else "unreported-country",
        note=f"Used because {why}: the region is the whole launching country.",
    )
    lon, lat = (r.lon, r.lat) if r.lon is not None and r.lat is not None else (res.lon, res.lat)
    return _Located(res.region, res.uncertainty_km, res.rule, res.label, res.explanation, lon, lat)


def _from_coordinates(r: _Row, lon: float, lat: float) -> _Located:
    """The record's own point: a geodesic disc (built later, vectorized)."""
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        raise _RowProblem(
            "launch_lon/launch_lat",
            "lon in [-180, 180] and lat in [-90, 90] degrees (WGS84, lon first)",
            f"lon {lon!r}, lat {lat!r}",
        )
    if r.given_unc is not None and not 0 < r.given_unc < _MAX_RECORD_UNCERTAINTY_KM:
        raise _RowProblem(
            "launch_uncertainty_km",
            f"a radius in km above 0 and below {_MAX_RECORD_UNCERTAINTY_KM:,.0f}, or empty",
            r.get("launch_uncertainty_km"),
        )
    radius = r.given_unc if r.given_unc is not None else SITE_RADIUS_KM.get(r.precision, 5.0)
    why = (
        "the record's launch_uncertainty_km"
        if r.given_unc is not None
        else f"location_precision {r.precision!r}"
        if r.precision in SITE_RADIUS_KM
        else "default for coordinates of a named site"
    )
    return _Located(
        region=Polygon(),
        uncertainty_km=radius,
        rule="coordinates",
        label=r.place or f"{lat:.4f}N {lon:.4f}E",
        explanation=(
            f"Launch coordinates of the record ({lat:.5f}N, {lon:.5f}E); region = {radius:g} km "
            f"geodesic disc ({why})."
        ),
        lon=lon,
        lat=lat,
        disc_km=radius,
    )


def _from_place(gaz: Gazetteer, r: _Row) -> _Located:
    """The record's place phrase through the grammar (country hint when it is KP/KR/JP)."""
    res = geocode_text(gaz, r.place, country=r.country if r.country in _COUNTRIES else None)
    return _Located(res.region, res.uncertainty_km, res.rule, res.label, res.explanation, res.lon, res.lat)


def _locate(gaz: Gazetteer, r: _Row) -> _Located:
    """Which source gives the row's region (see :func:`geocode_records`), or :class:`_RowProblem`."""
    if (r.lon is None) != (r.lat is None):
        have, need = ("launch_lon", "launch_lat") if r.lat is None else ("launch_lat", "launch_lon")
        raise _RowProblem(
            need, f"a finite number of degrees to go with {have} (give both or neither)", r.get(need)
        )
    if r.precision == "placeholder" or (r.lon is None and r.lat is None and not r.place):
        return _from_country(gaz, r)
    if r.precision == "place name" and r.place:  # the place decides; lon/lat are its point, if filled
        return _from_place(gaz, r)
    if r.lon is not None and r.lat is not None:
        return _from_coordinates(r, r.lon, r.lat)
    return _from_place(gaz, r)


def _place_error(pos: int, r: _Row, err: GeocodeError) -> RecordError:
    example = "; ".join(err.candidates[:3]) or "Yangdok county, Sohae, Sunan in Pyongyang"
    return RecordError(
        row=pos,
        record_id=r.rid or None,
        field="launch_place",
        expected=f"a place the gazetteer knows (e.g. {example}) or launch_lon/launch_lat ({err})",
        got=r.place or None,
    )


def _build_discs(located: list[_Located]) -> None:
    """Fill the coordinate discs in place: one vectorized ring call per radius, one ring per centre."""
    pending = [loc for loc in located if loc.disc_km is not None]
    for radius in sorted({loc.disc_km for loc in pending if loc.disc_km is not None}):
        todo = [loc for loc in pending if loc.disc_km == radius]
        centres = sorted({(loc.lon, loc.lat) for loc in todo})
        rings = geodesic_rings([c[0] for c in centres], [c[1] for c in centres], [radius])
        disc = {c: areal(ring[0]) for c, ring in zip(centres, rings, strict=True)}
        for loc in todo:
            loc.region = disc[(loc.lon, loc.lat)]


def geocode_records(
    records: pd.DataFrame, *, gazetteer: Gazetteer
) -> tuple[gpd.GeoDataFrame, list[RecordError]]:
    """Give every launch record a launch region; reject (and report) rows that cannot have one.

    Per row, in order:

    1. ``location_precision == "placeholder"`` (the source's stand-in point for an unknown site) or
       no ``launch_lon``/``launch_lat`` and no ``launch_place`` (``"unreported"``): the region is the
       launching ``country`` (North Korea), rule ``placeholder-country`` / ``unreported-country``.
    2. ``location_precision == "place name"`` with a ``launch_place``: the place is geocoded as in 4,
       whatever ``launch_lon``/``launch_lat`` say (they are the place's representative point, filled
       when a user's record was placed on the map; the region keeps the place's own shape).
    3. ``launch_lon`` + ``launch_lat`` present: a geodesic disc around them, rule ``coordinates``.
       Radius: the row's ``launch_uncertainty_km`` if given, else by ``location_precision``
       (:data:`SITE_RADIUS_KM`: site 5 km, area 20 km, point 1 km), else 5 km.
    4. Otherwise ``launch_place`` is geocoded (:meth:`Gazetteer.geocode`, with the row's
       ``country`` as hint when it is KP/KR/JP) and, when the row lacks them, ``launch_lon`` /
       ``launch_lat`` are filled with the result's representative point.

    Parameters
    ----------
    records : pandas.DataFrame
        Launch records (catalogue columns; only the location columns are read).
    gazetteer : Gazetteer, keyword-only
        The loaded gazetteer.

    Returns
    -------
    (GeoDataFrame, list of RecordError)
        The good rows (input columns kept, index kept) plus ``launch_region`` (the active geometry
        column, EPSG:4326, lon/lat), ``launch_uncertainty_km``, ``geocode_rule``, ``geocode_label``
        and ``geocode_explanation``; rejected rows as :class:`geo.records.RecordError` naming the
        field to fix: ``launch_place`` (unknown or ambiguous place), ``launch_lon`` / ``launch_lat``
        (one without the other), ``launch_lon/launch_lat`` (out of range), ``launch_uncertainty_km``
        (not above 0 and below 10,000 km) or ``country`` (no site and no KP/KR/JP country). Row
        numbers are 1-based positions in ``records``.
    """
    cols = set(records.columns)
    keep: list[int] = []  # positions, not index labels: an index may repeat a label
    located: list[_Located] = []
    errors: list[RecordError] = []
    for pos, (_, raw) in enumerate(records.iterrows(), start=1):
        r = _parse_row(raw, cols)
        try:
            loc = _locate(gazetteer, r)
        except _RowProblem as prob:
            errors.append(RecordError(pos, r.rid or None, prob.field, prob.expected, prob.got))
            continue
        except GeocodeError as err:
            errors.append(_place_error(pos, r, err))
            continue
        keep.append(pos - 1)
        located.append(loc)
    _build_discs(located)
    return _assemble(records.iloc[keep], located), errors


def _assemble(rows: pd.DataFrame, located: list[_Located]) -> gpd.GeoDataFrame:
    """The kept rows with their regions as the ``launch_region`` geometry column (EPSG:4326)."""
    import geopandas as gpd

    out = rows.copy()
    out["launch_lon"] = [loc.lon for loc in located]
    out["launch_lat"] = [loc.lat for loc in located]
    out["launch_uncertainty_km"] = [float(loc.uncertainty_km) for loc in located]
    out["geocode_rule"] = [loc.rule for loc in located]
    out["geocode_label"] = [loc.label for loc in located]
    out["geocode_explanation"] = [loc.explanation for loc in located]
    if "geometry" in out.columns:
        out = out.drop(columns=["geometry"])
    regions = [loc.region for loc in located]
    gdf = gpd.GeoDataFrame(
        pd.DataFrame(out), geometry=gpd.GeoSeries(regions, index=out.index, crs="EPSG:4326")
    )
    return gdf.rename_geometry("launch_region")
