"""Nearest coasts: geodesic distance from a point to the coast of each nearby state (WGS84, km)."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import geopandas as gpd
import numpy as np
import numpy.typing as npt
import shapely

from geo.maritime._geometry import _GEOD, _check_lat, _haversine_km, _normalize_lon, _text_column

__all__ = ["CoastDistance"]


@dataclass(frozen=True, slots=True)
class CoastDistance:
    """Geodesic distance from a point to the nearest coast of one state.

    ``lon``/``lat`` is the nearest coast point; ``region`` the first-level region of that coast
    (prefecture / province; '' where unknown).
    """

    state: str
    distance_km: float
    region: str
    lon: float
    lat: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "state": self.state,
            "distance_km": round(self.distance_km, 3),
            "region": self.region,
            "nearest_coast_point": [round(self.lon, 6), round(self.lat, 6)],
        }


class _CoastIndex:
    """The segments of a coastline layer (``state``, ``region`` columns), for nearest-coast queries.

    Only the coastline inside ``coverage_bbox`` (lon_min, lat_min, lon_max, lat_max) is known: results
    further than the box edge are not trusted.
    """

    def __init__(self, coastline: gpd.GeoDataFrame, coverage_bbox: tuple[float, float, float, float]) -> None:
        self.coverage_bbox = coverage_bbox
        a_list: list[npt.NDArray[np.float64]] = []
        b_list: list[npt.NDArray[np.float64]] = []
        row_list: list[npt.NDArray[np.int64]] = []
        for i, geom in enumerate(coastline.geometry.values):
            if geom is None:
                continue
            for line in shapely.get_parts(geom):
                c = shapely.get_coordinates(line)
                if len(c) < 2:
                    continue
                a_list.append(c[:-1])
                b_list.append(c[1:])
                row_list.append(np.full(len(c) - 1, i, dtype=np.int64))
        if a_list:
            self._ca = np.concatenate(a_list)
            self._cb = np.concatenate(b_list)
            self._crow = np.concatenate(row_list)
            _, _, seg = _GEOD.inv(self._ca[:, 0], self._ca[:, 1], self._cb[:, 0], self._cb[:, 1])
            self._clen_km = np.asarray(seg, dtype=np.float64) / 1000.0
        else:
            self._ca = self._cb = np.zeros((0, 2))
            self._crow = np.zeros(0, dtype=np.int64)
            self._clen_km = np.zeros(0)
        self._coast_state = _text_column(coastline, "state")
        self._coast_region = _text_column(coastline, "region")
        seg_state = self._coast_state[self._crow]
        self._coast_by_state: dict[str, npt.NDArray[np.int64]] = {
            str(st): np.flatnonzero(seg_state == st) for st in sorted(set(seg_state.tolist()))
        }

    def nearest(
        self, lon: float, lat: float, *, states: Iterable[str] | None = None, max_km: float = 1000.0
    ) -> tuple[CoastDistance, ...]:
        """Nearest coast of each state within ``max_km`` of (lon, lat), nearest first (see
        :meth:`geo.maritime.MaritimeZones.nearest_coasts`).

        Geodesic (WGS84). The candidate coast segments are found from geodesic vertex distances, then
        measured exactly in an azimuthal equidistant projection centred on the point, where distances
        from the centre are true geodesic distances: error well under 0.01 km for coast segments of a
        few km. Only the coastline inside :data:`COVERAGE_BBOX` is known.
        """
        if len(self._ca) == 0:
            return ()
        lon = float(_normalize_lon(lon))
        _check_lat(lat)
        want = None if states is None else set(states)
        # Coasts outside the coverage box are unknown: only trust results nearer than the box edge.
        trust_km = self._coverage_edge_km(lon, lat)
        # Spherical (haversine) pre-selection; exact geodesic distances come from the AEQD step below.
        d_km = _haversine_km(lon, lat, self._ca[:, 0], self._ca[:, 1])
        out: list[CoastDistance] = []
        for state, idx in self._coast_by_state.items():
            if want is not None and state not in want:
                continue
            ds = d_km[idx]
            dmin = float(ds.min())
            lens = self._clen_km[idx]
            if dmin - float(lens.max(initial=0.0)) > 1.01 * max_km + 1.0:
                continue
            # Any segment's nearest point is at least (vertex distance - segment length) away; 1.2 %
            # covers sphere-vs-ellipsoid differences.
            cand = idx[ds - lens <= dmin * 1.012 + 1.0]
            # Ellipsoidal azimuthal equidistant coordinates centred on the point, from the geodesic
            # azimuth and distance (what PROJ's aeqd computes): distances from the centre are exact.
            ax, ay = self._aeqd(lon, lat, self._ca[cand])
            bx, by = self._aeqd(lon, lat, self._cb[cand])
            dx, dy = bx - ax, by - ay
            L2 = dx * dx + dy * dy
            t = np.where(L2 > 0, np.clip(-(ax * dx + ay * dy) / np.where(L2 > 0, L2, 1.0), 0.0, 1.0), 0.0)
            px, py = ax + t * dx, ay + t * dy
            dist = np.hypot(px, py)
            k = int(np.argmin(dist))
            km = float(dist[k]) / 1000.0
            if km > max_km or km > trust_km:
                continue
            az = math.degrees(math.atan2(float(px[k]), float(py[k])))
            plon, plat, _ = _GEOD.fwd(lon, lat, az, float(dist[k]))
            seg = int(cand[k])
            out.append(
                CoastDistance(
                    state=state,
                    distance_km=km,
                    region=str(self._coast_region[self._crow[seg]]),
                    lon=float(plon),
                    lat=float(plat),
                )
            )
        out.sort(key=lambda c: c.distance_km)
        return tuple(out)

    @staticmethod
    def _aeqd(
        lon: float, lat: float, pts: npt.NDArray[np.float64]
    ) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
        n = len(pts)
        az, _, d = _GEOD.inv(np.full(n, lon), np.full(n, lat), pts[:, 0], pts[:, 1])
        a = np.radians(np.asarray(az, dtype=np.float64))
        dd = np.asarray(d, dtype=np.float64)
        return dd * np.sin(a), dd * np.cos(a)

    def _coverage_edge_km(self, lon: float, lat: float) -> float:
        """Geodesic distance (km) from a point inside the coverage box to its edge (0 outside)."""
        x0, y0, x1, y1 = self.coverage_bbox
        if not (x0 <= lon <= x1 and y0 <= lat <= y1):
            return 0.0
        n = 721
        xs = np.linspace(x0, x1, n)
        ys = np.linspace(y0, y1, n)
        ex = np.concatenate([xs, xs, np.full(n, x0), np.full(n, x1)])
        ey = np.concatenate([np.full(n, y0), np.full(n, y1), ys, ys])
        _, _, d = _GEOD.inv(np.full(ex.size, lon), np.full(ex.size, lat), ex, ey)
        # Edges between samples are at most ~0.1 degree: subtract their half-length as a margin.
        return max(0.0, float(np.min(d)) / 1000.0 - 6.0)
