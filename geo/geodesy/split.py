"""Closed boundaries on the globe to RFC 7946-ready polygons: split at the antimeridian, closed
along latitude +-90 over an enclosed pole, or the globe minus a cap when both poles are enclosed.

Coordinates are (lon, lat) degrees; boundaries are counter-clockwise seen from above the region.
"""

from __future__ import annotations

import math

import numpy as np
import numpy.typing as npt
import shapely
from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry.base import BaseGeometry

from geo.geodesy._core import _WORLD, ArrayLike, FloatArray, _areal, _wrap180

__all__ = [
    "split_boundary",
]


def _shift(geoms: npt.NDArray[np.object_], dx: float) -> npt.NDArray[np.object_]:
    return np.asarray(shapely.transform(geoms, lambda c: c + np.array([dx, 0.0])), dtype=object)


def _pole_polygon(x: FloatArray, y: FloatArray, winding: int) -> BaseGeometry:
    """Close an unwrapped boundary that winds once around a pole (+1: north, -1: south).

    ``x`` runs monotonically (in practice) over exactly 360 degrees; the boundary is rotated to
    start where it crosses the antimeridian so the polygon spans [-180, 180] and is closed along
    latitude +90 (north) or -90 (south).
    """
    xs = np.append(x, x[0] + 360.0 * winding)
    ys = np.append(y, y[0])
    edge = 180.0 if winding > 0 else -180.0
    # shift so the seam value `edge` is crossed: bring x[0] into [-180, 180)
    base = float(xs[0])
    shift = -360.0 * math.floor((base + 180.0) / 360.0)
    xs = xs + shift
    if winding > 0:
        j = int(np.flatnonzero((xs[:-1] < edge) & (xs[1:] >= edge))[0])
    else:
        j = int(np.flatnonzero((xs[:-1] > edge) & (xs[1:] <= edge))[0])
    x1, x2, y1, y2 = xs[j], xs[j + 1], ys[j], ys[j + 1]
    t = (edge - x1) / (x2 - x1)
    yc = float(y1 + t * (y2 - y1))
    after_x = xs[j + 1 : -1] - 360.0 * winding
    after_y = ys[j + 1 : -1]
    before_x, before_y = xs[: j + 1], ys[: j + 1]
    pole = 90.0 if winding > 0 else -90.0
    px = np.concatenate(([-edge], after_x, before_x, [edge, edge, -edge]))
    py = np.concatenate(([yc], after_y, before_y, [yc, pole, pole]))
    # drop a duplicate of the seam point if a vertex lies exactly on the antimeridian
    poly = Polygon(np.column_stack((px, py)))
    if px.min() < -180.0 or px.max() > 180.0 or not poly.is_valid:
        # not monotonic in longitude: fall back to clipping the unwrapped shape
        ux = np.concatenate((xs, [xs[-1], xs[0]]))
        uy = np.concatenate((ys, [pole, pole]))
        raw = shapely.make_valid(Polygon(np.column_stack((ux, uy))))
        parts = [
            shapely.clip_by_rect(shapely.affinity.translate(raw, 360.0 * k), -180, -90, 180, 90)
            for k in (-2, -1, 0, 1, 2)
        ]
        return shapely.union_all(parts)
    return poly


def _pole_polygons(
    x: FloatArray,
    y: FloatArray,
    dl: FloatArray,
    offsets: npt.NDArray[np.intp],
    winding: npt.NDArray[np.intp],
    which: npt.NDArray[np.bool_],
) -> npt.NDArray[np.object_]:
    """Vectorized :func:`_pole_polygon` for the boundaries flagged in ``which``.

    Each boundary is rotated to start where it crosses the antimeridian and closed along
    latitude +-90. Returns one polygon per flagged boundary, or None where the boundary is not
    monotonic in longitude (those take the general path).
    """
    sel = np.flatnonzero(which)
    starts, ends = offsets[:-1][sel], offsets[1:][sel]
    counts = ends - starts
    w = winding[sel].astype(np.float64)
    owner = np.repeat(np.arange(sel.size), counts)
    idx = (
        np.concatenate([np.arange(a, b) for a, b in zip(starts, ends, strict=True)])
        if sel.size
        else np.empty(0, np.intp)
    )
    xs = x[idx]
    ys = y[idx]
    # bring each boundary's first vertex into [-180, 180) (w > 0) or (-180, 180] (w < 0)
    x0 = xs[np.concatenate(([0], np.cumsum(counts)[:-1]))]
    shift = np.where(w > 0, -360.0 * np.floor((x0 + 180.0) / 360.0), -360.0 * np.ceil((x0 - 180.0) / 360.0))
    xs = xs + np.repeat(shift, counts)
    ws = np.repeat(w, counts)
    xn = xs + dl[idx]  # the next vertex (the last one's next is the first, shifted by 360 w)
    cross = (ws * xs < 180.0) & (ws * xn >= 180.0)
    pos = np.arange(xs.size)
    local_first = np.concatenate(([0], np.cumsum(counts)[:-1]))
    first_cross = np.minimum.reduceat(np.where(cross, pos, xs.size), local_first)
    if np.any(first_cross >= xs.size):  # pragma: no cover - cannot happen for winding +-1
        return np.full(sel.size, None, dtype=object)
    j = first_cross  # global (within xs) index of the crossing edge's start
    seam = 180.0 * w
    x1, x2, y1 = xs[j], xn[j], ys[j]
    y2 = ys[np.where(j + 1 < local_first + counts, j + 1, local_first)]
    t = (seam - x1) / (x2 - x1)
    yc = y1 + t * (y2 - y1)
    # rotate: vertices after the crossing (shifted by -360 w), then those up to it
    k = pos - np.repeat(local_first, counts)  # position within the boundary
    rot = (j - local_first + 1)[owner]
    src = np.repeat(local_first, counts) + (k + rot) % np.repeat(counts, counts)
    after = src > np.repeat(j, counts)
    rx = xs[src] - np.where(after, 360.0 * ws, 0.0)
    ry = ys[src]
    n_out = counts + 4
    out_first = np.concatenate(([0], np.cumsum(n_out)[:-1]))
    ox = np.empty(n_out.sum())
    oy = np.empty(n_out.sum())
    ox[out_first], oy[out_first] = -seam, yc
    body = np.repeat(out_first + 1, counts) + k
    ox[body], oy[body] = rx, ry
    last = out_first + counts + 1
    ox[last], oy[last] = seam, yc
    ox[last + 1], oy[last + 1] = seam, 90.0 * w
    ox[last + 2], oy[last + 2] = -seam, 90.0 * w
    lo = np.minimum.reduceat(ox, out_first)
    hi = np.maximum.reduceat(ox, out_first)
    good = (lo >= -180.0) & (hi <= 180.0)
    res = np.full(sel.size, None, dtype=object)
    if good.any():
        rank = np.cumsum(good) - 1
        owner_out = np.repeat(np.arange(sel.size), n_out)
        m = good[owner_out]
        rings = shapely.linearrings(np.column_stack((ox[m], oy[m])), indices=rank[owner_out[m]])
        res[good] = shapely.polygons(rings)
    return res


def _complements(holes: npt.NDArray[np.object_]) -> npt.NDArray[np.object_]:
    """The globe minus each hole (for shapes enclosing both poles), vectorized.

    Within a few tens of km of the antipodal distance the traced circle folds over itself near
    the antipode's cut locus (on the ellipsoid geodesics stop being shortest there); such a
    left-out cap is repaired with ``make_valid``: it is tiny, and the error stays within that fold.
    """
    bad = ~shapely.is_valid(holes)
    if bad.any():
        holes = holes.copy()
        holes[bad] = [_areal(shapely.make_valid(h)) for h in holes[bad]]
    return np.asarray(shapely.difference(_WORLD, holes), dtype=object)


def split_boundary(lons: ArrayLike, lats: ArrayLike) -> Polygon | MultiPolygon:
    """Turn one closed boundary on the globe into an RFC 7946-ready (Multi)Polygon.

    Parameters
    ----------
    lons, lats
        The boundary's vertices in degrees (x = lon, y = lat), in COUNTER-CLOCKWISE order as seen
        from above the enclosed region (the region is on the left), not repeating the first
        vertex. Consecutive vertices are joined by straight lon/lat edges across the shorter
        way in longitude, so an edge may cross the antimeridian.

    Returns
    -------
    Polygon or MultiPolygon
        Split at the antimeridian, exteriors counter-clockwise, closed along latitude +-90 when
        the boundary winds around a pole, or the globe minus the cap left outside when the
        region encloses both poles.

    Examples
    --------
    >>> square = split_boundary([179.0, -179.0, -179.0, 179.0], [-1.0, -1.0, 1.0, 1.0])
    >>> square.geom_type, sorted(round(g.area, 6) for g in square.geoms)
    ('MultiPolygon', [2.0, 2.0])
    """
    x = np.asarray(lons, dtype=np.float64)
    y = np.asarray(lats, dtype=np.float64)
    geoms = _polygons_from_boundaries(x, y, np.array([0, x.size], dtype=np.intp))
    g = geoms[0]
    assert isinstance(g, Polygon | MultiPolygon)
    return g


def _polygons_from_boundaries(
    lon: FloatArray, lat: FloatArray, offsets: npt.NDArray[np.intp]
) -> npt.NDArray[np.object_]:
    """Vectorized :func:`split_boundary` for many boundaries given as flat arrays + offsets."""
    n = offsets.size - 1
    counts = np.diff(offsets)
    if np.any(counts < 3):
        raise ValueError("a boundary needs at least 3 vertices")
    ring_of = np.repeat(np.arange(n), counts)
    idx = np.arange(lon.size)
    nxt = idx + 1
    nxt[offsets[1:] - 1] = offsets[:-1]
    dl = _wrap180(lon[nxt] - lon)
    # exclusive cumulative sum within each boundary
    cs = np.cumsum(dl)
    excl = cs - dl
    excl -= np.repeat(excl[offsets[:-1]], counts)
    x = np.repeat(lon[offsets[:-1]], counts) + excl
    # keep the exact input value wherever no unwrapping was needed (shared vertices stay shared)
    x = lon + 360.0 * np.rint((x - lon) / 360.0)
    total = np.add.reduceat(dl, offsets[:-1])
    winding = np.rint(total / 360.0).astype(np.intp)
    x_next = x + dl
    area2 = np.add.reduceat(x * lat[nxt] - x_next * lat, offsets[:-1])
    xmin = np.minimum.reduceat(x, offsets[:-1])
    xmax = np.maximum.reduceat(x, offsets[:-1])
    out = np.empty(n, dtype=object)

    simple = (winding == 0) & (area2 > 0)
    inside = simple & (xmin >= -180.0) & (xmax <= 180.0)
    sel = np.flatnonzero(inside)
    if sel.size:
        mask = inside[ring_of]
        rank = np.cumsum(inside) - 1
        rings = shapely.linearrings(np.column_stack((x[mask], lat[mask])), indices=rank[ring_of[mask]])
        out[sel] = shapely.polygons(rings)

    crossing = simple & ~inside
    sel = np.flatnonzero(crossing)
    if sel.size:
        mask = crossing[ring_of]
        # bring every crossing boundary to start within [-180, 180)
        shift = -360.0 * np.floor((xmin + 180.0) / 360.0)
        xs = x + np.repeat(shift, counts)
        rank = np.cumsum(crossing) - 1
        rings = shapely.linearrings(np.column_stack((xs[mask], lat[mask])), indices=rank[ring_of[mask]])
        polys = np.asarray(shapely.polygons(rings), dtype=object)
        west = np.asarray(shapely.clip_by_rect(polys, -180.0, -90.0, 180.0, 90.0), dtype=object)
        east = np.asarray(
            shapely.clip_by_rect(_shift(polys, -360.0), -180.0, -90.0, 180.0, 90.0), dtype=object
        )
        parts, owner = shapely.get_parts(np.concatenate((west, east)), return_index=True)
        owner = np.concatenate((np.arange(sel.size), np.arange(sel.size)))[owner]
        keep = ~shapely.is_empty(parts) & (shapely.area(parts) > 0.0)
        parts, owner = parts[keep], owner[keep]
        parts = np.asarray(shapely.get_parts(parts), dtype=object)
        order = np.argsort(owner, kind="stable")
        multis = np.asarray(shapely.multipolygons(parts[order], indices=owner[order]), dtype=object)
        single = shapely.get_num_geometries(multis) == 1
        multis[single] = shapely.get_geometry(multis[single], 0)
        out[sel] = multis

    pole = np.abs(winding) == 1
    if pole.any():
        done = _pole_polygons(x, lat, dl, offsets, winding, pole)
        sel = np.flatnonzero(pole)
        ok = np.array([g is not None for g in done], dtype=bool)
        out[sel[ok]] = done[ok]
        pole[sel[~ok]] = False  # left to the general (per-boundary) path below

    both = (winding == 0) & ~simple
    if both.any():
        # clockwise in the plane while counter-clockwise on the globe: encloses both poles.
        # The reversed boundaries are ordinary counter-clockwise caps; the globe minus each.
        sel = np.flatnonzero(both)
        mask = both[ring_of]
        rev_idx = np.flatnonzero(mask)
        # reverse the vertex order within each selected boundary
        sel_counts = counts[sel]
        sel_off = np.concatenate(([0], np.cumsum(sel_counts))).astype(np.intp)
        local = np.arange(rev_idx.size) - np.repeat(sel_off[:-1], sel_counts)
        src = rev_idx[np.repeat(sel_off[:-1], sel_counts) + np.repeat(sel_counts, sel_counts) - 1 - local]
        holes = _polygons_from_boundaries(lon[src], lat[src], sel_off)
        out[sel] = _complements(holes)

    for i in np.flatnonzero(~simple & ~pole & ~both):
        s = slice(offsets[i], offsets[i + 1])
        w = int(winding[i])
        if abs(w) == 1:
            out[i] = _pole_polygon(x[s], lat[s], w)
        else:
            raise ValueError(f"boundary {i} winds {w} times around a pole: not a simple ring")
    return np.asarray(shapely.orient_polygons(out, exterior_cw=False), dtype=object)


def _small_polygons(x: FloatArray, y: FloatArray, offsets: npt.NDArray[np.intp]) -> npt.NDArray[np.object_]:
    """Small shapes (quads; any orientation, never around a pole) as split polygons, one each.

    Each shape is unwrapped near its first vertex, made counter-clockwise, and split at the
    antimeridian only when it crosses it. Degenerate shapes give empty polygons.
    """
    counts = np.diff(offsets)
    n = counts.size
    owner = np.repeat(np.arange(n), counts)
    first = np.repeat(x[offsets[:-1]], counts)
    ux = x + 360.0 * np.rint((first + _wrap180(x - first) - x) / 360.0)
    nxt = np.arange(x.size) + 1
    nxt[offsets[1:] - 1] = offsets[:-1]
    area2 = np.add.reduceat(ux * y[nxt] - ux[nxt] * y, offsets[:-1])
    rev = offsets[:-1][owner] + offsets[1:][owner] - 1 - np.arange(x.size)
    order = np.where((area2 < 0)[owner], rev, np.arange(x.size))
    ux, uy = ux[order], y[order]
    lo = np.minimum.reduceat(ux, offsets[:-1])
    hi = np.maximum.reduceat(ux, offsets[:-1])
    inside = (lo >= -180.0) & (hi <= 180.0)
    out = np.empty(n, dtype=object)
    m = inside[owner]
    if m.any():
        rank = np.cumsum(inside) - 1
        rings = shapely.linearrings(np.column_stack((ux[m], uy[m])), indices=rank[owner[m]])
        out[inside] = shapely.polygons(rings)
    for i in np.flatnonzero(~inside):
        s = slice(offsets[i], offsets[i + 1])
        out[i] = split_boundary(ux[s], uy[s])
    return out
