"""The analysis engine: maritime layers with spatial indexes, classifying points and impact zones."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import geopandas as gpd
import numpy as np
import numpy.typing as npt
import pandas as pd
import shapely

from geo.maritime._geometry import (
    _SEP,
    _area_km2,
    _check_lat,
    _join_states,
    _normalize_lon,
    _polygonal,
    _repair,
    _text_column,
)
from geo.maritime.coasts import CoastDistance, _CoastIndex
from geo.maritime.loading import (
    _EEZ_COLUMNS,
    COVERAGE_BBOX,
    EEZ_ATTRIBUTION,
    MaritimeDataError,
    load_coastline,
    load_eez,
    load_land,
    load_named_seas,
    load_territorial_seas,
)
from geo.maritime.report import TERRITORIAL_SEA_CAVEAT, ZoneReport, ZoneShare

__all__ = ["MaritimeZones"]

_KOREA_STRAIT_CAVEAT = (
    "In the Korea (Tsushima) Strait Japan and South Korea claim only 3 nautical miles in places, "
    "leaving a high-seas corridor: the 12-mile belts shown there are wider than the real ones."
)
#: Where the Korea (Tsushima) Strait caveat applies (lon_min, lat_min, lon_max, lat_max).
_KOREA_STRAIT_BOX = (128.0, 33.4, 130.6, 35.4)
_COVERAGE_CAVEAT = (
    "Outside lon 100..170, lat 10..65 territorial seas are not computed and land is coarse "
    "(Natural Earth 110m)."
)
#: Zone pieces smaller than this (km²) are slivers between simplified polygons, not areas.
_SLIVER_KM2 = 0.01


@dataclass
class _PolyLayer:
    """Polygon parts with the row each came from, prepared, plus an STRtree."""

    parts: npt.NDArray[Any]
    row: npt.NDArray[np.int64]
    tree: shapely.STRtree

    @classmethod
    def of(cls, geoms: Sequence[Any]) -> _PolyLayer:
        parts, idx = shapely.get_parts(np.asarray(geoms, dtype=object), return_index=True)
        parts = np.asarray(parts, dtype=object)
        shapely.prepare(parts)
        return cls(parts=parts, row=np.asarray(idx, dtype=np.int64), tree=shapely.STRtree(parts))

    def hits(
        self, x: npt.NDArray[np.float64], y: npt.NDArray[np.float64]
    ) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
        """(point index, layer row) pairs for every point covered by (inside or on) a polygon."""
        if len(x) == 0 or len(self.parts) == 0:
            e = np.zeros(0, dtype=np.int64)
            return e, e
        if len(x) < 64:
            pi, parti = self.tree.query(shapely.points(x, y), predicate="intersects")
        else:
            # Many points: index the points, query with the (prepared) polygons.
            pts: npt.NDArray[Any] = np.asarray(shapely.points(x, y), dtype=object)
            ptree = shapely.STRtree(pts)
            parti, pi = ptree.query(self.parts, predicate="intersects")
        return np.asarray(pi, dtype=np.int64), self.row[np.asarray(parti, dtype=np.int64)]


class MaritimeZones:
    """Maritime layers with spatial indexes, for classifying points and analysing impact zones.

    Parameters
    ----------
    eez : GeoDataFrame
        As returned by :func:`load_eez` / :func:`read_user_eez` / :func:`normalize_eez`.
    territorial, land, coastline, named_seas : GeoDataFrame, optional
        As returned by the loaders of the same name. Missing layers are treated as empty.
    coverage_bbox : tuple
        Where territorial seas / 10m land / coastline are complete.

    Notes
    -----
    Build once and keep (the app layer caches it); all queries are read-only. Analysis uses the
    geometry as given (full resolution).
    """

    def __init__(
        self,
        *,
        eez: gpd.GeoDataFrame,
        territorial: gpd.GeoDataFrame | None = None,
        land: gpd.GeoDataFrame | None = None,
        coastline: gpd.GeoDataFrame | None = None,
        named_seas: gpd.GeoDataFrame | None = None,
        coverage_bbox: tuple[float, float, float, float] = COVERAGE_BBOX,
    ) -> None:
        empty = gpd.GeoDataFrame({"state": []}, geometry=[], crs="EPSG:4326")
        lacking = [c for c in _EEZ_COLUMNS if c not in eez.columns]
        if lacking:
            raise MaritimeDataError(
                f"eez: missing column(s) {', '.join(lacking)}; pass Marine Regions data through "
                "normalize_eez() (or load it with load_eez() / read_user_eez())"
            )
        self.eez = eez.reset_index(drop=True)
        self.territorial = (territorial if territorial is not None else empty).reset_index(drop=True)
        self.land = (land if land is not None else empty).reset_index(drop=True)
        self.coastline = (coastline if coastline is not None else empty).reset_index(drop=True)
        self.named_seas = (
            named_seas if named_seas is not None else gpd.GeoDataFrame({"name": []}, geometry=[])
        ).reset_index(drop=True)
        self.coverage_bbox = coverage_bbox
        self._eez = _PolyLayer.of(self.eez.geometry.values)
        self._ts = _PolyLayer.of(self.territorial.geometry.values)
        self._land = _PolyLayer.of(self.land.geometry.values)
        self._seas = _PolyLayer.of(self.named_seas.geometry.values)
        # EEZ priority: joint regimes and overlapping claims first (never silently given to one side).
        self._eez_overlaps: dict[tuple[int, int], bool] = {}
        self._eez_bounds = np.asarray(shapely.bounds(self.eez.geometry.values), dtype=np.float64)
        self._eez_rank = np.where(self.eez["pol_type"].to_numpy() == "200NM", 1, 0).astype(np.int64)
        self._ts_state = self._col(self.territorial, "state")
        self._ts_disputed = self._bool(self.territorial, "disputed")
        self._land_state = self._col(self.land, "state")
        self._land_disputed = self._bool(self.land, "disputed")
        self._coasts = _CoastIndex(self.coastline, coverage_bbox)

    @staticmethod
    def _col(gdf: gpd.GeoDataFrame, name: str) -> npt.NDArray[Any]:
        return _text_column(gdf, name)

    @staticmethod
    def _bool(gdf: gpd.GeoDataFrame, name: str) -> npt.NDArray[np.bool_]:
        if name not in gdf.columns:
            return np.zeros(len(gdf), dtype=bool)
        return np.asarray(gdf[name].fillna(False).astype(bool).to_numpy(), dtype=bool)

    @classmethod
    def load(cls, *, eez: gpd.GeoDataFrame | None = None) -> MaritimeZones:
        """Every shipped layer; ``eez`` replaces the shipped EEZ (e.g. from :func:`read_user_eez`)."""
        return cls(
            eez=eez if eez is not None else load_eez(),
            territorial=load_territorial_seas(),
            land=load_land(),
            coastline=load_coastline(),
            named_seas=load_named_seas(),
        )

    # ------------------------------------------------------------------------------------------ coast
    def nearest_coasts(
        self, lon: float, lat: float, *, states: Iterable[str] | None = None, max_km: float = 1000.0
    ) -> tuple[CoastDistance, ...]:
        """Nearest coast of each state within ``max_km`` of (lon, lat), nearest first.

        Geodesic (WGS84). The candidate coast segments are found from geodesic vertex distances, then
        measured exactly in an azimuthal equidistant projection centred on the point, where distances
        from the centre are true geodesic distances: error well under 0.01 km for coast segments of a
        few km. Only the coastline inside :data:`COVERAGE_BBOX` is known.
        """
        return self._coasts.nearest(lon, lat, states=states, max_km=max_km)

    def distance_to_coast_km(
        self, lon: float, lat: float, *, states: Iterable[str] | None = None, max_km: float = 1000.0
    ) -> dict[str, float]:
        """Geodesic distance (km) from (lon, lat) to the nearest coast of each nearby state.

        Parameters
        ----------
        lon, lat : float
            The point, degrees (WGS84).
        states : iterable of str, optional
            Only these states (names as in the coastline layer, e.g. "Japan", "South Korea");
            default every state whose coast is within ``max_km``.
        max_km : float
            Ignore states whose coast is further than this.

        Returns
        -------
        dict
            ``{state: km}``, nearest first. Disputed islands appear under their claimants,
            e.g. "Japan / South Korea".
        """
        return {c.state: c.distance_km for c in self.nearest_coasts(lon, lat, states=states, max_km=max_km)}

    # ------------------------------------------------------------------------------------------ points
    def classify_points(self, lons: npt.ArrayLike, lats: npt.ArrayLike) -> pd.DataFrame:
        """Classify many points at once (vectorised).

        Parameters
        ----------
        lons, lats : array-like of float
            Longitudes (any range; wrapped to [-180, 180)) and latitudes (-90..90), degrees.

        Returns
        -------
        DataFrame
            One row per point: ``lon``, ``lat``, ``zone`` (one of :data:`ZONES`: land beats territorial
            sea beats EEZ), ``state`` (whose: land state, territorial-sea state(s), EEZ sovereign(s);
            joined with " / " for joint, disputed or overlapping), ``eez_name``, ``eez_mrgid``,
            ``pol_type``, ``eez_sovereign``, ``sovereign_iso3``, ``joint``, ``disputed``, ``overlap``
            (two territorial seas), ``in_coverage``.
        """
        x = _normalize_lon(lons).ravel()
        y = np.asarray(lats, dtype=np.float64).ravel()
        if x.shape != y.shape:
            raise ValueError(f"lons and lats: expected the same length, got {x.size} and {y.size}")
        if not (np.isfinite(x).all() and np.isfinite(y).all()):
            bad = int(np.flatnonzero(~(np.isfinite(x) & np.isfinite(y)))[0])
            raise ValueError(f"point {bad + 1}: expected finite lon/lat, got ({x[bad]}, {y[bad]})")
        if (np.abs(y) > 90).any():
            bad = int(np.flatnonzero(np.abs(y) > 90)[0])
            raise ValueError(f"point {bad + 1}: lat: expected -90..90 degrees, got {y[bad]}")
        n = x.size
        zone = np.full(n, "high seas", dtype=object)
        state = np.full(n, "", dtype=object)
        disputed = np.zeros(n, dtype=bool)
        overlap = np.zeros(n, dtype=bool)

        # EEZ (lowest precedence; also reported under land / territorial sea).
        eez_row = np.full(n, -1, dtype=np.int64)
        pi, ri = self._eez.hits(x, y)
        if len(pi):
            order = np.lexsort((ri, self._eez_rank[ri], pi))
            pi, ri = pi[order], ri[order]
            first = np.unique(pi, return_index=True)[1]
            eez_row[pi[first]] = ri[first]
        has_eez = eez_row >= 0
        er = eez_row[has_eez]
        eez_sov = np.full(n, "", dtype=object)
        eez_name = np.full(n, "", dtype=object)
        eez_iso = np.full(n, "", dtype=object)
        pol = np.full(n, "", dtype=object)
        mrgid = np.full(n, -1, dtype=np.int64)
        joint = np.zeros(n, dtype=bool)
        eez_disp = np.zeros(n, dtype=bool)
        if has_eez.any():
            eez_sov[has_eez] = self.eez["sovereign"].to_numpy(dtype=object)[er]
            eez_name[has_eez] = self.eez["name"].to_numpy(dtype=object)[er]
            eez_iso[has_eez] = self.eez["sovereign_iso3"].to_numpy(dtype=object)[er]
            pol[has_eez] = self.eez["pol_type"].to_numpy(dtype=object)[er]
            mrgid[has_eez] = self.eez["mrgid"].to_numpy(dtype=np.int64)[er]
            joint[has_eez] = self.eez["joint"].to_numpy(dtype=bool)[er]
            eez_disp[has_eez] = self.eez["disputed"].to_numpy(dtype=bool)[er]
        zone[has_eez] = "eez"
        state[has_eez] = eez_sov[has_eez]
        disputed[has_eez] = eez_disp[has_eez]

        # Territorial seas (several states where belts overlap).
        pi, ri = self._ts.hits(x, y)
        if len(pi):
            ts_states: dict[int, list[str]] = {}
            ts_disp: dict[int, bool] = {}
            for p, r in zip(pi.tolist(), ri.tolist(), strict=True):
                lst = ts_states.setdefault(p, [])
                s = str(self._ts_state[r])
                if s not in lst:
                    lst.append(s)
                ts_disp[p] = ts_disp.get(p, False) or bool(self._ts_disputed[r])
            idx = np.fromiter(ts_states, dtype=np.int64)
            zone[idx] = "territorial sea"
            state[idx] = [_join_states(ts_states[i]) for i in idx.tolist()]
            overlap[idx] = [len(ts_states[i]) > 1 for i in idx.tolist()]
            # several belts of the same claimants (e.g. an island's and the mainland's) are no overlap
            overlap[idx] &= np.array([_SEP in str(state[i]) for i in idx.tolist()], dtype=bool)
            disputed[idx] = [ts_disp[i] for i in idx.tolist()]

        # Land (highest precedence).
        pi, ri = self._land.hits(x, y)
        if len(pi):
            _, first = np.unique(pi, return_index=True)
            lp, lr = pi[first], ri[first]
            zone[lp] = "land"
            state[lp] = self._land_state[lr]
            disputed[lp] = self._land_disputed[lr]
            overlap[lp] = False

        not_eez = zone != "eez"
        joint_out = joint & ~not_eez
        x0, y0, x1, y1 = self.coverage_bbox
        return pd.DataFrame(
            {
                "lon": x,
                "lat": y,
                "zone": zone,
                "state": state,
                "eez_name": eez_name,
                "eez_mrgid": pd.Series(mrgid).where(mrgid >= 0).astype("Int64").to_numpy(),
                "pol_type": pol,
                "eez_sovereign": eez_sov,
                "sovereign_iso3": eez_iso,
                "joint": joint_out,
                "disputed": disputed,
                "overlap": overlap,
                "in_coverage": (x >= x0) & (x <= x1) & (y >= y0) & (y <= y1),
            }
        )

    def _named_sea(self, lon: float, lat: float) -> str:
        pi, ri = self._seas.hits(np.array([lon]), np.array([lat]))
        if not len(pi):
            return ""
        # The most specific (highest scalerank, then smallest) named area wins over the ocean.
        rows = sorted(
            set(ri.tolist()),
            key=lambda r: (
                -float(self.named_seas["scalerank"].iloc[r]) if "scalerank" in self.named_seas else 0.0,
                float(shapely.area(self.named_seas.geometry.iloc[r])),
            ),
        )
        r = rows[0]
        name = str(self.named_seas["name"].iloc[r])
        alt = str(self.named_seas["name_alt"].iloc[r]) if "name_alt" in self.named_seas else ""
        return f"{name} ({alt})" if alt and alt not in ("nan", "None") else name

    def analyse_point(self, lon: float, lat: float, *, max_coast_km: float = 1000.0) -> ZoneReport:
        """Full analysis of one point: zone, state, EEZ, named sea, nearest coasts, caveats.

        >>> mz = MaritimeZones.load()
        >>> v = mz.analyse_point(136.07, 40.16).verdict(uncertainty_km=50)
        >>> v.startswith("Estimated impact about 290 km off Japan's coast (nearest: Niigata Prefecture)")
        True
        >>> v.endswith("outside its territorial sea. Uncertainty about 50 km.")
        True
        """
        _check_lat(lat)
        row = self.classify_points([lon], [lat]).iloc[0]
        coasts = self.nearest_coasts(float(row.lon), float(row.lat), max_km=max_coast_km)
        sea = self._named_sea(float(row.lon), float(row.lat))
        caveats = self._caveats(
            lon=float(row.lon),
            lat=float(row.lat),
            zone=str(row.zone),
            overlap=bool(row.overlap),
            coasts=coasts,
            cov=bool(row.in_coverage),
        )
        mr = row.eez_mrgid
        return ZoneReport(
            kind="point",
            lon=float(row.lon),
            lat=float(row.lat),
            zone=str(row.zone),
            state=str(row.state),
            eez_name=str(row.eez_name),
            eez_mrgid=None if pd.isna(mr) else int(mr),
            pol_type=str(row.pol_type),
            eez_sovereign=str(row.eez_sovereign),
            joint=bool(row.joint),
            disputed=bool(row.disputed),
            overlap=bool(row.overlap),
            named_sea=sea,
            in_coverage=bool(row.in_coverage),
            coasts=coasts,
            caveats=caveats,
        )

    def _caveats(
        self,
        *,
        lon: float,
        lat: float,
        zone: str,
        overlap: bool,
        coasts: Sequence[CoastDistance],
        cov: bool,
    ) -> tuple[str, ...]:
        out: list[str] = []
        near_ts = zone == "territorial sea" or any(c.distance_km < 60 for c in coasts)
        if near_ts:
            out.append(TERRITORIAL_SEA_CAVEAT)
        if overlap or shapely.intersects_xy(shapely.box(*_KOREA_STRAIT_BOX), lon, lat):
            out.append(_KOREA_STRAIT_CAVEAT)
        if not cov:
            out.append(_COVERAGE_CAVEAT)
        out.append(f"EEZ: {EEZ_ATTRIBUTION} (simplified polygons; boundaries approximate near coasts).")
        return tuple(out)

    # ------------------------------------------------------------------------------------------ zones
    def analyse_zone(self, polygon: Any, *, point: tuple[float, float] | None = None) -> ZoneReport:
        """Analyse an impact zone: its reference point as :meth:`analyse_point`, plus area shares.

        Parameters
        ----------
        polygon : shapely Polygon or MultiPolygon
            lon/lat degrees; split at 180° (parts beyond ±180 are wrapped).
        point : (lon, lat), optional
            The estimated impact point, degrees; it must lie in the zone (else ValueError: the verdict
            would describe another place than the shares). Default: a point inside the zone.

        Returns
        -------
        ZoneReport
            ``kind='zone'``, ``area_km2`` (geodesic) and ``shares`` by (zone, state / EEZ), largest first.
            Land and territorial seas beat EEZ, as for points; overlapping territorial seas form their
            own share (state "A / B").
        """
        if polygon is None or not hasattr(polygon, "geom_type"):
            raise ValueError(f"polygon: expected a shapely Polygon or MultiPolygon, got {polygon!r}")
        if polygon.geom_type not in ("Polygon", "MultiPolygon"):
            raise ValueError(f"polygon: expected a Polygon or MultiPolygon, got a {polygon.geom_type}")
        if not np.isfinite(shapely.get_coordinates(polygon)).all():
            raise ValueError("polygon: every coordinate must be a finite number (found NaN or infinity)")
        for ring in shapely.get_rings(shapely.get_parts(polygon)):
            xy = shapely.get_coordinates(ring)
            jump = np.abs(np.diff(xy[:, 0])) > 180.0
            # an edge along a pole (lat ±90, how split rings that enclose a pole are closed) is fine
            at_pole = (np.abs(xy[:-1, 1]) >= 90.0 - 1e-9) & (np.abs(xy[1:, 1]) >= 90.0 - 1e-9)
            if bool(np.any(jump & ~at_pole)):
                raise ValueError(
                    "polygon: an edge jumps more than 180 degrees of longitude: the zone crosses the "
                    "antimeridian without being split; split it at 180° (RFC 7946) or use longitudes "
                    "beyond 180 consistently"
                )
        zone_geom = _repair(polygon)
        if zone_geom.is_empty:
            raise ValueError("polygon: the zone is empty")
        if point is None:
            rp = shapely.point_on_surface(zone_geom)
            point = (float(rp.x), float(rp.y))
        else:
            # One zone, one answer: the verdict describes the reference point and the shares describe
            # the zone, so a point outside the zone would give two answers (regression: "high seas"
            # for (0, 0) beside "86 % Japan's EEZ" for a zone in the Sea of Japan).
            plon, plat = float(point[0]), float(point[1])
            _check_lat(plat)
            if not math.isfinite(plon):
                raise ValueError(f"point: expected a finite longitude, got {point[0]!r}")
            wrapped = float(_normalize_lon(plon))
            if not any(shapely.intersects_xy(zone_geom, x, plat) for x in (wrapped, wrapped + 360.0)):
                raise ValueError(
                    f"point ({plon:g}, {plat:g}) is outside the zone: give the estimated impact point, "
                    "inside the zone, or no point (then a point inside the zone is used)"
                )
            point = (wrapped, plat)
        base = self.analyse_point(point[0], point[1])
        total = _area_km2(zone_geom)
        shares = self._shares(zone_geom, total)
        cov_box = shapely.box(*self.coverage_bbox)
        caveats = list(base.caveats)
        if not shapely.covers(cov_box, zone_geom) and _COVERAGE_CAVEAT not in caveats:
            caveats.insert(-1, _COVERAGE_CAVEAT)
        if any(s.zone == "territorial sea" for s in shares) and TERRITORIAL_SEA_CAVEAT not in caveats:
            caveats.insert(0, TERRITORIAL_SEA_CAVEAT)
        strait = any(s.zone == "territorial sea" and _SEP in s.state for s in shares) or shapely.intersects(
            shapely.box(*_KOREA_STRAIT_BOX), zone_geom
        )
        if strait and _KOREA_STRAIT_CAVEAT not in caveats:
            caveats.insert(1, _KOREA_STRAIT_CAVEAT)
        return ZoneReport(
            kind="zone",
            lon=base.lon,
            lat=base.lat,
            zone=base.zone,
            state=base.state,
            eez_name=base.eez_name,
            eez_mrgid=base.eez_mrgid,
            pol_type=base.pol_type,
            eez_sovereign=base.eez_sovereign,
            joint=base.joint,
            disputed=base.disputed,
            overlap=base.overlap,
            named_sea=base.named_sea,
            in_coverage=base.in_coverage,
            coasts=base.coasts,
            area_km2=total,
            shares=shares,
            caveats=tuple(caveats),
        )

    def _eez_overlap(self, a: int, b: int) -> bool:
        """Whether EEZ rows ``a`` and ``b`` share interior area (not just a boundary); memoised per
        instance because most neighbours only touch."""
        ba, bb = self._eez_bounds[a], self._eez_bounds[b]
        if ba[0] > bb[2] or bb[0] > ba[2] or ba[1] > bb[3] or bb[1] > ba[3]:
            return False
        key = (min(a, b), max(a, b))
        hit = self._eez_overlaps.get(key)
        if hit is None:
            ga, gb = self.eez.geometry.iloc[a], self.eez.geometry.iloc[b]
            hit = bool(shapely.intersects(ga, gb)) and bool(shapely.relate_pattern(ga, gb, "T********"))
            self._eez_overlaps[key] = hit
        return hit

    def _candidates(self, layer: _PolyLayer, geom: Any) -> list[int]:
        idx = layer.tree.query(geom, predicate="intersects")
        return sorted(set(layer.row[np.asarray(idx, dtype=np.int64)].tolist()))

    def _shares(self, zone_geom: Any, total: float) -> tuple[ZoneShare, ...]:
        pieces: list[tuple[str, str, str, str, Any]] = []
        bbox = shapely.bounds(zone_geom).tolist()

        def cut(layer_geom: Any, within: Any) -> Any:
            # clip to the zone's box first (cheap), then the exact intersection
            return _polygonal(shapely.intersection(shapely.clip_by_rect(layer_geom, *bbox), within))

        # land
        land_pieces = []
        for r in self._candidates(self._land, zone_geom):
            g = cut(self.land.geometry.iloc[r], zone_geom)
            if not g.is_empty:
                pieces.append(("land", str(self._land_state[r]), "", "", g))
                land_pieces.append(g)
        # territorial seas; where two states' belts overlap, the overlap is its own piece
        # (the territorial-sea layer is built with all land removed: no land subtraction needed)
        ts_geoms: list[tuple[str, Any]] = []
        for r in self._candidates(self._ts, zone_geom):
            g = cut(self.territorial.geometry.iloc[r], zone_geom)
            if not g.is_empty:
                ts_geoms.append((str(self._ts_state[r]), g))
        overlaps: list[tuple[int, int, Any]] = []
        for i, (s1, g1) in enumerate(ts_geoms):
            for j in range(i + 1, len(ts_geoms)):
                s2, g2 = ts_geoms[j]
                if not shapely.intersects(g1, g2):
                    continue
                ov = _polygonal(shapely.intersection(g1, g2))
                prior = [o for _, _, o in overlaps if shapely.intersects(o, ov)]
                if prior:
                    ov = _polygonal(shapely.difference(ov, shapely.union_all(prior)))
                if not ov.is_empty:
                    overlaps.append((i, j, ov))
                    pieces.append(("territorial sea", _join_states([s1, s2]), "", "", ov))
        for st, g in ts_geoms:
            mine = [o for _, _, o in overlaps if shapely.intersects(o, g)]
            own = _polygonal(shapely.difference(g, shapely.union_all(mine))) if mine else g
            if not own.is_empty:
                pieces.append(("territorial sea", st, "", "", own))
        masked = land_pieces + [g for _, g in ts_geoms]
        mask = shapely.union_all(masked) if masked else shapely.MultiPolygon()
        # EEZ: joint regimes / overlapping claims first, so that where simplified polygons overlap
        # the area is never handed to one state. Marine Regions EEZs include internal waters: the
        # land and territorial seas found above are cut out (clipped to each piece's box: cheap).
        eez_rows = sorted(self._candidates(self._eez, zone_geom), key=lambda r: (self._eez_rank[r], r))
        eez_pieces: list[tuple[int, Any]] = []
        for r in eez_rows:
            g = cut(self.eez.geometry.iloc[r], zone_geom)
            if g.is_empty:
                continue
            if not mask.is_empty:
                local = shapely.clip_by_rect(mask, *shapely.bounds(g).tolist())
                if not local.is_empty:
                    g = _polygonal(shapely.difference(g, local))
                    if g.is_empty:
                        continue
            # neighbours only touch; subtract earlier pieces only where the source polygons overlap
            prior = [p for q, p in eez_pieces if self._eez_overlap(q, r)]
            if prior:
                g = _polygonal(shapely.difference(g, shapely.union_all(prior)))
                if g.is_empty:
                    continue
            e = self.eez.iloc[r]
            pieces.append(("eez", str(e["sovereign"]), str(e["name"]), str(e["pol_type"]), g))
            eez_pieces.append((r, g))
        covered = shapely.union_all([mask, *(g for _, g in eez_pieces)])
        remaining = _polygonal(shapely.difference(zone_geom, covered))
        if not remaining.is_empty:
            pieces.append(("high seas", "", "", "", remaining))
        agg: dict[tuple[str, str, str, str], float] = {}
        for z, s, n, p, g in pieces:
            a = _area_km2(g)
            if a > _SLIVER_KM2:
                agg[(z, s, n, p)] = agg.get((z, s, n, p), 0.0) + a
        denom = total if total > 0 else 1.0
        out = [
            ZoneShare(zone=z, state=s, eez_name=n, pol_type=p, area_km2=a, share=a / denom)
            for (z, s, n, p), a in agg.items()
        ]
        out.sort(key=lambda s: -s.area_km2)
        return tuple(out)
