"""What a view exports: its launches and the selected launch's rings and estimates, as typed layers.

:func:`build_view_content` assembles the content once; every writer (GeoJSON, GeoPackage, KML,
CSV, FlatGeobuf) and the static range map take the same :class:`ExportContent`. It holds up to
seven layers (:data:`LAYER_SPECS`), each a GeoDataFrame in EPSG:4326 (x = lon, y = lat, degrees)
with typed columns (text, float64, nullable Int32, bool, datetime64):

``launches`` (Point)
    One row per missile of the view, every catalogue column (:data:`geo.records.RECORD_FIELDS`),
    plus ``date_start`` (first day of ``date``, a datetime), ``label`` and ``selected``. A launch
    whose place was not reported has no geometry (it is still a launch of the view).
``range_rings`` / ``reported_distance_rings`` (Polygon or MultiPolygon)
    Geodesic rings around the selected launch's reported point: ``radius_km``, ``center_lon``,
    ``center_lat``, ``tolerance_km``, ``area_km2`` (ellipsoidal), ``method``, ``label``.
``launch_regions`` / ``impact_zones`` (Polygon or MultiPolygon)
    ESTIMATES with ``uncertainty_km`` and ``explanation``; the impact zone also has
    ``impact_lon``/``impact_lat`` and ``maritime_verdict``.
``reach`` (Polygon or MultiPolygon)
    ESTIMATE: the reach of each range from the launch area, as the map draws it: ``kind`` outer,
    inner or band, ``range_km``, ``system``, ``source``, ``accuracy_km`` (:mod:`geo.export.bands`).
``maritime_verdicts`` (Point, at the estimated impact point)
    ESTIMATE: ``zone`` (land, territorial sea, eez, high seas), ``state``, ``verdict`` (plain words).

Geometries are the geodesy module's own (split at 180°, closed over an enclosed pole), never the
map's display copies. Single-table formats (GeoJSON, CSV, FlatGeobuf) get :meth:`ExportContent.table`:
all layers in one table whose ``layer`` column names each feature's kind (``launch_event``,
``range_ring``, ``reported_distance``, ``launch_region_estimate``, ``reach``, ``impact_zone_estimate``,
``maritime_verdict``).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import geopandas as gpd
import pandas as pd
import shapely
from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry

from geo.export.bands import ReachBands, reach_band_rows
from geo.export.schema import (
    LAYER_SPECS,
    SPEC_BY_NAME,
    ColumnKind,
    LayerSpec,
    text_or_none,
    typed_column,
    typed_frame,
)
from geo.launchtime import local_time_text

__all__ = [
    "CATALOGUE_ATTRIBUTION",
    "EXPORT_ATTRIBUTION",
    "ExportContent",
    "ExportLayer",
    "build_view_content",
    "launch_label",
]

CATALOGUE_ATTRIBUTION = "Launch data: CNS North Korea Missile Test Database (CNS/NTI), via nk-missile-tests"
#: Attribution of the overlays and the method, added to every export.
EXPORT_ATTRIBUTION: tuple[str, ...] = (
    "Geodesic rings and estimates: Launch Atlas, WGS84 ellipsoid (GeographicLib via pyproj)",
    "EEZ: Flanders Marine Institute (2018). Maritime Boundaries Geodatabase, version 10. marineregions.org",
    "Coastlines and land: Natural Earth (public domain)",
)

_RING_METHOD = "geodesic circle on the WGS84 ellipsoid (GeographicLib via pyproj), split at 180°"


@dataclass(frozen=True, slots=True)
class ExportLayer:
    """One non-empty layer of an export: its :class:`LayerSpec` and its features.

    ``frame`` is a GeoDataFrame in EPSG:4326 with exactly the spec's columns (typed) plus
    ``geometry``.
    """

    spec: LayerSpec
    frame: gpd.GeoDataFrame


@dataclass(frozen=True, slots=True)
class ExportContent:
    """Everything one view exports, built once for every format.

    Attributes
    ----------
    layers : tuple of ExportLayer
        The non-empty layers, in :data:`LAYER_SPECS` order.
    title : str
        Plain-text title naming the view or the selected launch.
    description : str
        Plain-text summary of what the file holds and how it was made.
    attribution : tuple of str
        Data sources to credit (shown in KML, GeoPackage metadata and the figure).
    selected_id : str or None
        Id of the selected launch, if any.
    """

    layers: tuple[ExportLayer, ...]
    title: str
    description: str
    attribution: tuple[str, ...] = field(default=())
    selected_id: str | None = None

    def __len__(self) -> int:
        """Number of features in all layers."""
        return sum(len(layer.frame) for layer in self.layers)

    def layer(self, name: str) -> ExportLayer | None:
        """The layer called ``name`` (e.g. ``"range_rings"``), or None when the view has none."""
        return next((layer for layer in self.layers if layer.spec.name == name), None)

    def table(self) -> gpd.GeoDataFrame:
        """All layers as one GeoDataFrame (EPSG:4326) with a leading ``layer`` column.

        Columns are the union of the layers' columns, in first-seen order, with their types kept
        (nullable where a layer lacks the column).
        """
        kinds: dict[str, ColumnKind] = {"layer": "str"}
        for lay in self.layers:
            for name, kind in lay.spec.columns:
                kinds.setdefault(name, kind)
        frames = [
            pd.DataFrame(lay.frame.drop(columns="geometry")).assign(layer=lay.spec.kind)
            for lay in self.layers
        ]
        geoms = [g for lay in self.layers for g in lay.frame.geometry]
        if not frames:
            return gpd.GeoDataFrame({k: [] for k in kinds}, geometry=[], crs="EPSG:4326")
        joined = pd.concat([f.reindex(columns=list(kinds)) for f in frames], ignore_index=True)
        data = {name: typed_column(joined[name], kind) for name, kind in kinds.items()}
        return gpd.GeoDataFrame(data, geometry=gpd.GeoSeries(geoms, crs="EPSG:4326"), crs="EPSG:4326")


# ---------------------------------------------------------------------------------------------
# launches
# ---------------------------------------------------------------------------------------------


def _num(value: Any) -> float | None:
    try:
        f = float(value)
    except (TypeError, ValueError):
        return None
    return f if math.isfinite(f) else None


def launch_label(record: Mapping[str, Any] | pd.Series) -> str:
    """``2021-09-15 12:34 UTC+9 · Rail-mobile KN-23 (SRBM) · Yangdok county`` (plain text).

    ``date`` is the local date at the launch site (:mod:`geo.launchtime`), so the time shown with it
    is the local time too; where the site's time zone is unknown, the time is given in UTC.

    >>> launch_label({"date": "2017-11-28", "system_name": "Hwasong-15", "system_type": "ICBM"})
    '2017-11-28 · Hwasong-15 (ICBM)'
    """
    get = record.get
    date = text_or_none(get("date")) or "date not reported"
    time = text_or_none(get("time_utc"))
    local = local_time_text(date, time, text_or_none(get("country")) or "") if time else ""
    when = f"{date} {local or f'{time} UTC'}" if time else date
    system = text_or_none(get("system_name")) or "unknown system"
    stype = text_or_none(get("system_type"))
    bits = [when, f"{system} ({stype})" if stype else system]
    place = text_or_none(get("launch_place"))
    if place:
        bits.append(place)
    return " · ".join(bits)


def _launch_frame(launches: pd.DataFrame, selected: Mapping[str, Any] | None) -> gpd.GeoDataFrame:
    spec = SPEC_BY_NAME["launches"]
    df = pd.DataFrame(launches).reset_index(drop=True)
    if df.columns.duplicated().any():
        df = df.loc[:, ~df.columns.duplicated()]
    sel_id = None if selected is None else text_or_none(selected.get("id"))
    known = set(df["id"].astype(str)) if "id" in df else set()
    if selected is not None and sel_id is not None and sel_id not in known:
        # The selected launch is part of the view even when the filters leave it out (the map shows it).
        keys = dict.fromkeys([*df.columns, *(c for c, _ in spec.columns)])
        extra = pd.DataFrame([{k: selected.get(k) for k in keys}])
        df = pd.concat([df, extra], ignore_index=True) if len(df) else extra
    n = len(df)
    rows: dict[str, pd.Series] = {}
    for name, kind in spec.columns:
        if name in ("label", "selected", "is_estimate", "date_start"):
            continue
        rows[name] = typed_column(df[name] if name in df else pd.Series([None] * n, dtype=object), kind)
    # date_start: the record's own where given, else the first day of the reported date
    # (YYYY, YYYY-MM or YYYY-MM-DD): user records may lack the column.
    start = (
        typed_column(df["date_start"], "datetime")
        if "date_start" in df
        else pd.Series([pd.NaT] * n, dtype="datetime64[ms]")
    )
    fallback = pd.Series([_date_start(v) for v in rows["date"]], dtype="datetime64[ms]")
    start = start.fillna(fallback)
    rows["date_start"] = start
    records = df.to_dict("records")
    rows["label"] = typed_column([launch_label({str(k): v for k, v in r.items()}) for r in records], "str")
    ids = rows["id"].astype(object)
    rows["selected"] = typed_column([sel_id is not None and i == sel_id for i in ids], "bool")
    rows["is_estimate"] = typed_column([False] * n, "bool")
    geoms: list[BaseGeometry | None] = []
    for lon, lat in zip(rows["launch_lon"], rows["launch_lat"], strict=True):
        ok = not (pd.isna(lon) or pd.isna(lat))
        geoms.append(Point(float(lon), float(lat)) if ok else None)
    data = {name: rows[name] for name, _ in spec.columns}
    return gpd.GeoDataFrame(data, geometry=gpd.GeoSeries(geoms, crs="EPSG:4326"), crs="EPSG:4326")


def _date_start(value: Any) -> Any:
    text = text_or_none(value)
    if text is None:
        return pd.NaT
    parts = text.split("-")
    try:
        y = int(parts[0])
        m = int(parts[1]) if len(parts) > 1 else 1
        d = int(parts[2]) if len(parts) > 2 else 1
        return pd.Timestamp(year=y, month=m, day=d)
    except (ValueError, IndexError):
        return pd.NaT


# ---------------------------------------------------------------------------------------------
# overlays of the selected launch
# ---------------------------------------------------------------------------------------------


def _ring_rows(
    event_id: str | None,
    centre: tuple[float | None, float | None],
    place: str,
    rings: Iterable[tuple[str, float, BaseGeometry]],
) -> dict[str, tuple[list[dict[str, Any]], list[BaseGeometry]]]:
    import geo  # late: public names only (geo.geodesy may be reorganised)

    out: dict[str, tuple[list[dict[str, Any]], list[BaseGeometry]]] = {
        "range_rings": ([], []),
        "reported_distance_rings": ([], []),
    }
    for kind, radius, geom in rings:
        if geom is None or geom.is_empty:
            continue
        r = float(radius)
        name = "reported_distance_rings" if kind == "reported_distance" else "range_rings"
        what = "reported flight distance" if kind == "reported_distance" else "range ring"
        label = f"{r:,.0f} km {what} (geodesic, WGS84) around the reported launch point"
        if place:
            label += f" ({place})"
        rows, geoms = out[name]
        rows.append(
            {
                "event_id": event_id,
                "label": label,
                "radius_km": r,
                "center_lon": centre[0],
                "center_lat": centre[1],
                "tolerance_km": float(geo.default_tolerance_km(r)),
                "area_km2": round(float(geo.geodesic_area_km2(geom)), 1),
                "method": _RING_METHOD,
                "is_estimate": False,
            }
        )
        geoms.append(geom)
    return out


def _areal(geom: Any) -> BaseGeometry | None:
    if not isinstance(geom, BaseGeometry) or geom.is_empty:
        return None
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    polys = [p for p in shapely.get_parts(geom) if p.geom_type == "Polygon"]
    return shapely.MultiPolygon(polys) if polys else None


def build_view_content(
    launches: pd.DataFrame,
    *,
    selected: Mapping[str, Any] | pd.Series | None = None,
    rings: Iterable[tuple[str, float, BaseGeometry]] = (),
    launch_region: Mapping[str, Any] | None = None,
    impact: Mapping[str, Any] | None = None,
    verdict: Mapping[str, Any] | None = None,
    reach: ReachBands | None = None,
    title: str | None = None,
    attribution: Sequence[str] = (CATALOGUE_ATTRIBUTION, *EXPORT_ATTRIBUTION),
) -> ExportContent:
    """The content of a view: its launches and, for the selected launch, rings and estimates.

    Parameters
    ----------
    launches : pandas.DataFrame
        The view's launch records (catalogue columns; ``launch_lon``/``launch_lat`` in degrees,
        WGS84). A GeoDataFrame is fine; its geometry is ignored in favour of lon/lat.
    selected : mapping or pandas.Series, optional
        The selected launch record (added to the launches when the filters leave it out).
    rings : iterable of (kind, radius_km, geometry)
        Rings around the selected launch's reported point: ``kind`` is ``"range_ring"`` or
        ``"reported_distance"``, geometries lon/lat from :func:`geo.geodesy.geodesic_rings`.
    launch_region : mapping, optional
        The estimated launch area: ``region`` (geometry), ``uncertainty_km``, ``label``,
        ``rule``, ``explanation`` (the shape of :func:`geo.export.launch_view` and of the app).
    impact : mapping, optional
        The impact estimate: ``zone`` (geometry), ``lon``, ``lat``, ``uncertainty_km``,
        ``label``, ``explanation``.
    verdict : mapping, optional
        The maritime verdict of the impact estimate: ``verdict`` (plain words), and when known
        ``zone``, ``state``, ``headline``, ``caveats``.
    reach : geo.export.ReachBands, optional
        The reach drawn from the launch area (bands, limits, systems' ranges): the ``reach`` layer.
    title : str, optional
        Title of the export; default names the selected launch or the view's dates.
    attribution : sequence of str
        Data sources to credit.

    Returns
    -------
    ExportContent
        Empty (``len() == 0``) when there is nothing to export.

    Examples
    --------
    >>> import geo
    >>> cat = geo.load_catalogue()
    >>> rec = cat[cat["id"] == "2021-09-15-1"].iloc[0]
    >>> (ring,) = geo.geodesic_rings([rec["launch_lon"]], [rec["launch_lat"]], [800.0])[0]
    >>> content = build_view_content(cat, selected=rec, rings=[("range_ring", 800.0, ring)])
    >>> [layer.spec.name for layer in content.layers]
    ['launches', 'range_rings']
    >>> content.layer("range_rings").frame["radius_km"].tolist()
    [800.0]
    """
    sel: Mapping[str, Any] | None = None
    if selected is not None:
        sel = {str(k): v for k, v in selected.items()}
    layers: list[ExportLayer] = []
    frame = _launch_frame(launches, sel)
    if len(frame):
        layers.append(ExportLayer(SPEC_BY_NAME["launches"], frame))
    overlay_frames: dict[str, gpd.GeoDataFrame] = {}
    if sel is not None:
        event_id = text_or_none(sel.get("id"))
        centre = (_num(sel.get("launch_lon")), _num(sel.get("launch_lat")))
        place = text_or_none(sel.get("launch_place")) or ""
        for name, (rows, geoms) in _ring_rows(event_id, centre, place, rings).items():
            if rows:
                overlay_frames[name] = typed_frame(SPEC_BY_NAME[name], rows, geoms)
        region = _areal((launch_region or {}).get("region"))
        if launch_region and region is not None:
            row = {
                "event_id": event_id,
                "label": text_or_none(launch_region.get("label")) or "Estimated launch area",
                "uncertainty_km": launch_region.get("uncertainty_km"),
                "rule": launch_region.get("rule"),
                "explanation": launch_region.get("explanation"),
                "is_estimate": True,
            }
            overlay_frames["launch_regions"] = typed_frame(SPEC_BY_NAME["launch_regions"], [row], [region])
        if reach is not None:
            reach_rows, reach_geoms = reach_band_rows(reach, event_id)
            if reach_rows:
                overlay_frames["reach"] = typed_frame(SPEC_BY_NAME["reach"], reach_rows, reach_geoms)
        zone = _areal((impact or {}).get("zone"))
        words = text_or_none((verdict or {}).get("verdict"))
        if impact and zone is not None:
            row = {
                "event_id": event_id,
                "label": text_or_none(impact.get("label")) or "Estimated impact area",
                "uncertainty_km": impact.get("uncertainty_km"),
                "impact_lon": impact.get("lon"),
                "impact_lat": impact.get("lat"),
                "explanation": impact.get("explanation"),
                "maritime_verdict": words,
                "is_estimate": True,
            }
            overlay_frames["impact_zones"] = typed_frame(SPEC_BY_NAME["impact_zones"], [row], [zone])
        ilon, ilat = _num((impact or {}).get("lon")), _num((impact or {}).get("lat"))
        if impact and verdict and words and ilon is not None and ilat is not None:
            caveats = verdict.get("caveats") or ()
            headline = text_or_none(verdict.get("headline"))
            row = {
                "event_id": event_id,
                "label": "ESTIMATE: " + (headline or words.split(". ")[0]),
                "zone": verdict.get("zone"),
                "state": verdict.get("state"),
                "verdict": words,
                "caveats": " | ".join(str(c) for c in caveats) if not isinstance(caveats, str) else caveats,
                "uncertainty_km": impact.get("uncertainty_km"),
                "is_estimate": True,
            }
            overlay_frames["maritime_verdicts"] = typed_frame(
                SPEC_BY_NAME["maritime_verdicts"], [row], [Point(ilon, ilat)]
            )
    for spec in LAYER_SPECS[1:]:
        if spec.name in overlay_frames:
            layers.append(ExportLayer(spec, overlay_frames[spec.name]))
    n_launch = len(frame)
    if title is None:
        if sel is not None:
            title = f"Launch Atlas: {launch_label(sel)}"
        else:
            dates = frame["date"].dropna()
            span = f", {dates.min()} to {dates.max()}" if len(dates) else ""
            title = f"Launch Atlas: {n_launch} launch{'es' if n_launch != 1 else ''}{span}"
    counts = "; ".join(f"{lay.spec.title}: {len(lay.frame)}" for lay in layers)
    description = (
        f"Features by layer: {counts or 'none'}. Coordinates are WGS84 longitude/latitude (EPSG:4326). "
        "Distances are geodesic (measured on the ellipsoid). Anything marked ESTIMATE is computed by "
        "Launch Atlas from the reported facts and carries its uncertainty; it is not a reported fact."
    )
    return ExportContent(
        layers=tuple(layers),
        title=title,
        description=description,
        attribution=tuple(dict.fromkeys(str(a) for a in attribution if a)),
        selected_id=None if sel is None else text_or_none(sel.get("id")),
    )
