"""The geodesic buffer of a lon/lat region by offsets: quadrilaterals at right angles to its
boundary, fans at sharp corners and rings at line ends, unioned (ranges below 10,000 km).

Private engine of :func:`geo.geodesy.buffer_region` (see its docstring for the method and the
accuracy) and of :func:`geo.geodesy.reach_limits` when a range is too short to reach across the
region, where rings around dense boundary samples would cost far more.
"""

from __future__ import annotations

import math

import numpy as np
import shapely
from shapely.geometry import LineString, MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

from geo.geodesy._core import _GEOD, _R_MEAN_KM, FloatArray, _areal, _boundary_lines, _wrap180
from geo.geodesy.arcs import _densify_arcs
from geo.geodesy.rings import geodesic_rings
from geo.geodesy.split import _polygons_from_boundaries, _small_polygons

__all__: list[str] = []


def offset_buffer(region: BaseGeometry, d: float, tol: float) -> Polygon | MultiPolygon:
    """Everything within ``d`` km (0 < d < 10,000) of a non-empty lon/lat region, edges within
    ``tol`` km; see :func:`geo.geodesy.buffer_region`."""
    lines, points, closed = _boundary_lines(region)

    # Max segment length: the straight lon/lat chord of a segment of length L strays from the
    # geodesic by about L² tan(lat) / (8 R); keep that and the offset-curve sag well under tol.
    seg_km = float(np.clip(math.sqrt(8.0 * _R_MEAN_KM * tol / 4.0), 0.5, 100.0))
    seg_deg = seg_km / 111.32

    ring_lon: list[float] = [float(p[0, 0]) for p in points]
    ring_lat: list[float] = [float(p[0, 1]) for p in points]
    quads: list[BaseGeometry] = []
    # corners turning by more than this get a fan (circle arc); gentler ones share one offset
    # point on the bisector, whose chords stay within d (1 - cos(turn / 2)) <= tol / 2 of the
    # true offset
    turn_max = math.degrees(math.sqrt(4.0 * tol / d))
    d_m = d * 1000.0

    for coords, is_closed in zip(lines, closed, strict=True):
        dense = np.asarray(shapely.segmentize(LineString(coords), seg_deg).coords, dtype=np.float64)
        keep = np.ones(len(dense), dtype=bool)
        keep[1:] = np.any(np.diff(dense, axis=0) != 0.0, axis=1)
        dense = dense[keep]
        if is_closed and len(dense) > 1 and np.all(dense[0] == dense[-1]):
            dense = dense[:-1]
        if len(dense) == 1 or (is_closed and len(dense) < 3):
            ring_lon.extend(dense[:, 0].tolist())
            ring_lat.extend(dense[:, 1].tolist())
            continue
        ax, ay = dense[:, 0], dense[:, 1]
        if is_closed:
            bxs, bys = np.roll(ax, -1), np.roll(ay, -1)
        else:
            ax, ay, bxs, bys = ax[:-1], ay[:-1], ax[1:], ay[1:]
        n_seg = ax.size
        az12, az21, _ = _GEOD.inv(ax, ay, bxs, bys)
        az12 = np.asarray(az12, dtype=np.float64)
        fwd_end = np.asarray(az21, dtype=np.float64) + 180.0  # direction of travel at B
        # joint j joins segment j (ending at B_j) to segment j + 1
        n_joint = n_seg if is_closed else n_seg - 1
        joint = np.arange(n_joint)
        nxt = (joint + 1) % n_seg
        turn = _wrap180(az12[nxt] - fwd_end[joint])
        gentle = np.abs(turn) <= turn_max
        if not is_closed:
            ring_lon.extend([float(ax[0]), float(bxs[-1])])
            ring_lat.extend([float(ay[0]), float(bys[-1])])
        for side in (1.0,) if is_closed else (1.0, -1.0):  # +1: right-hand (outward) side
            full = np.full(n_seg, d_m)
            a_start = az12 + 90.0 * side  # offset azimuth at each segment's start
            a_end = fwd_end + 90.0 * side  # ... and at its end
            # sharp corners bulging out on this side get a fan: the circle arc between the two
            # offsets; the next segment's start offset is computed from the very same azimuth
            convex = ~gentle & (turn * side < 0.0)
            cj = joint[convex]
            a_start[nxt[convex]] = a_end[cj] + turn[convex]
            pax, pay, _ = _GEOD.fwd(ax, ay, a_start, full)
            pbx, pby, _ = _GEOD.fwd(bxs, bys, a_end, full)
            jx, jy, _ = _GEOD.fwd(
                bxs[joint], bys[joint], fwd_end[joint] + 0.5 * turn + 90.0 * side, np.full(n_joint, d_m)
            )
            sx, sy = np.array(pax, dtype=np.float64), np.array(pay, dtype=np.float64)
            ex, ey = np.array(pbx, dtype=np.float64), np.array(pby, dtype=np.float64)
            g = joint[gentle]
            ex[g], ey[g] = np.asarray(jx)[gentle], np.asarray(jy)[gentle]
            sx[nxt[gentle]], sy[nxt[gentle]] = np.asarray(jx)[gentle], np.asarray(jy)[gentle]
            qx = np.column_stack((ax, bxs, ex, sx))
            qy = np.column_stack((ay, bys, ey, sy))
            if side < 0:
                qx, qy = qx[:, ::-1], qy[:, ::-1]
            polys = _small_polygons(qx.ravel(), qy.ravel(), np.arange(0, 4 * n_seg + 1, 4, dtype=np.intp))
            bad = ~shapely.is_valid(polys)
            if bad.any():
                # twisted quads (offsets crossing on a tight concave bend): perpendicular offsets
                # and full rings at both ends instead
                bi = np.flatnonzero(bad)
                px0, py0, _ = _GEOD.fwd(ax[bi], ay[bi], az12[bi] + 90.0 * side, full[bi])
                fx = np.column_stack((ax[bi], bxs[bi], np.asarray(pbx)[bi], np.asarray(px0)))
                fy = np.column_stack((ay[bi], bys[bi], np.asarray(pby)[bi], np.asarray(py0)))
                if side < 0:
                    fx, fy = fx[:, ::-1], fy[:, ::-1]
                fixed = _small_polygons(
                    fx.ravel(), fy.ravel(), np.arange(0, 4 * bi.size + 1, 4, dtype=np.intp)
                )
                polys = np.concatenate((polys[~bad], fixed))
                ring_lon.extend(np.concatenate((ax[bi], bxs[bi])).tolist())
                ring_lat.extend(np.concatenate((ay[bi], bys[bi])).tolist())
            quads.extend(polys.tolist())
            if cj.size:
                t_arc = a_end[cj] + turn[convex]
                hi_az = np.where(side > 0, a_end[cj], t_arc)
                lo_az = np.where(side > 0, t_arc, a_end[cj])
                n_fan = cj.size
                fxs, fys, _, foff = _densify_arcs(
                    bxs[cj], bys[cj], np.full(n_fan, d), hi_az, lo_az, np.full(n_fan, tol / 2.0), closed=False
                )
                counts = np.diff(foff) + 1
                boff = np.concatenate(([0], np.cumsum(counts))).astype(np.intp)
                bxv = np.empty(boff[-1])
                byv = np.empty(boff[-1])
                bxv[boff[:-1]], byv[boff[:-1]] = bxs[cj], bys[cj]
                body = np.flatnonzero(~np.isin(np.arange(boff[-1]), boff[:-1]))
                bxv[body], byv[body] = fxs, fys
                quads.extend(_polygons_from_boundaries(bxv, byv, boff).tolist())

    pieces: list[BaseGeometry] = [
        p for p in shapely.get_parts(region) if isinstance(p, Polygon) and not p.is_empty
    ]
    if ring_lon:
        rings = geodesic_rings(np.array(ring_lon), np.array(ring_lat), [d], tolerance_km=tol)
        pieces.extend(r[0] for r in rings)
    pieces.extend(quads)
    # the region's own edges and the quads' inner edges (the same lines, densified) leave sliver
    # holes of ~1e-15 square degrees along them: a hole smaller than a tol x tol square is noise
    min_hole = 2.0 * (tol / 111.32) ** 2
    merged = _remove_spikes(shapely.union_all(np.asarray(pieces, dtype=object)), min_hole)
    return _areal(shapely.orient_polygons(merged, exterior_cw=False))


def _despike_ring(xy: FloatArray) -> FloatArray:
    """Drop zero-width spikes (… P, X, P …, P within 1e-9°) and repeated vertices from a ring.

    GEOS overlay can leave such zero-area spikes where many long, nearly collinear edges are
    unioned; they change no area or containment but are not clean GeoJSON.
    """
    pts = xy[:-1]
    changed = True
    while changed and len(pts) > 3:
        changed = False
        keep = np.ones(len(pts), dtype=bool)
        keep[1:] = np.any(np.abs(pts[1:] - pts[:-1]) > 1e-9, axis=1)
        if np.all(np.abs(pts[0] - pts[-1]) <= 1e-9):
            keep[-1] = False
        if not keep.all():
            pts = pts[keep]
            changed = True
            continue
        prev, nxt = np.roll(pts, 1, axis=0), np.roll(pts, -1, axis=0)
        spike = np.all(np.abs(prev - nxt) <= 1e-9, axis=1)
        if spike.any():
            i = int(np.flatnonzero(spike)[0])
            pts = np.delete(pts, [i, (i + 1) % len(pts)], axis=0)
            changed = True
    return np.vstack((pts, pts[:1]))


def _ring_area2(xy: FloatArray) -> float:
    """Twice the planar signed area of a closed coordinate ring."""
    x, y = xy[:, 0], xy[:, 1]
    return float(np.sum(x[:-1] * y[1:] - x[1:] * y[:-1]))


def _remove_spikes(geom: BaseGeometry, min_hole_area2: float) -> BaseGeometry:
    """Spikes out of every ring; holes of less than ``min_hole_area2`` (twice the area, deg²) dropped."""
    polys = []
    for part in shapely.get_parts(geom):
        if not isinstance(part, Polygon) or part.is_empty:
            continue
        shell = _despike_ring(np.asarray(part.exterior.coords))
        holes = [_despike_ring(np.asarray(h.coords)) for h in part.interiors]
        holes = [h for h in holes if len(h) >= 4 and abs(_ring_area2(h)) >= min_hole_area2]
        if len(shell) >= 4 and _ring_area2(shell) != 0.0:
            polys.append(Polygon(shell, holes))
    if len(polys) == 1:
        return polys[0]
    return MultiPolygon(polys)
