"""Rings that reach close to the antipode: traced as the small cap they leave out.

On the WGS84 ellipsoid a geodesic stops being the shortest path once it passes the cut locus,
which for a centre on the equator begins 19,970 km out (``pi * b``, along the equator) and for
every centre lies within about 70 km of the antipode. A ring traced with ``Geod.fwd`` at all
azimuths is therefore only the boundary of the area within range while the range stays below
about 19,975 km; beyond, some traced points are nearer than the range and the traced curve folds
near the antipode (issue 8: a 20,000 km ring from (0, 0) came out as a 223 km² patch, and a
20,003 km one as a GeometryCollection of twice the Earth's area).

Here the boundary is traced from the other side instead. The points farther than ``r`` from
the centre ``c`` form a small cap around the antipode ``A`` (every centre's antipode is its
farthest point, 20,003.93 km away on WGS84), and along each geodesic leaving ``A`` the distance
from ``c`` (``Geod.inv``, the true shortest distance) falls steadily for the first few hundred
km (checked by the tests for every latitude). So for each azimuth ``t`` at ``A`` the boundary
point ``fwd(A, t, rho)`` with ``inv(c, .) == r`` is found by bisection on ``rho`` (bracketed
below by ``D - r``: ``d(c, p) >= d(c, A) - d(p, A)``), and edges are bisected in ``t`` until
their chord is within the tolerance, as for ordinary rings. The ring is the globe minus that
cap.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from geo.geodesy._core import _GEOD, FloatArray, _upper_short_km, _wrap180

__all__: list[str] = []  # private: used by geo.geodesy.rings and geo.geodesy.limits

#: Ranges at or above this (km) are traced from the antipode. The first traced point past the cut
#: locus appears at 19,975 km (equator); 25 km of margin.
NEAR_ANTIPODE_KM = 19_950.0

# The root on the distance from the antipode is found to this accuracy of the distance (km).
_RHO_EPS_KM = 1e-7

# Initial azimuths per cap; edges are then bisected until their chords are within the tolerance.
_N_AZIMUTHS = 64


def _boundary_rho(
    lon_c: FloatArray,
    lat_c: FloatArray,
    lon_a: FloatArray,
    lat_a: FloatArray,
    d_anti_km: FloatArray,
    r_km: FloatArray,
    az: FloatArray,
) -> tuple[FloatArray, FloatArray]:
    """For each row, the point at azimuth ``az`` from the antipode that is ``r_km`` from the centre.

    Returns its (lon, lat), within ``_RHO_EPS_KM`` of ``r_km`` from the centre. Vectorized over
    rows. The distance falls steadily along the geodesic leaving the antipode, so the root is
    bracketed (below by ``D - r``: ``d(c, p) >= d(c, A) - d(p, A)``) and found by regula falsi with
    the Illinois modification (superlinear: 5 to 8 evaluations instead of 30 bisections).
    """

    def excess(rows: npt.NDArray[np.intp], rho: FloatArray) -> tuple[FloatArray, FloatArray, FloatArray]:
        x, y, _ = _GEOD.fwd(lon_a[rows], lat_a[rows], az[rows], rho * 1000.0, return_back_azimuth=False)
        x = np.asarray(x, dtype=np.float64)
        y = np.asarray(y, dtype=np.float64)
        _, _, d = _GEOD.inv(lon_c[rows], lat_c[rows], x, y)
        return x, y, np.asarray(d, dtype=np.float64) / 1000.0 - r_km[rows]

    every = np.arange(az.size)
    lo = np.maximum(d_anti_km - r_km, 0.0)  # d(c, p) >= D - rho: nothing nearer to A is in range
    hi = 2.0 * lo + 1.0
    for _ in range(40):  # widen until the far end is within range
        _, _, f_hi = excess(every, hi)
        out = f_hi > 0.0
        if not out.any():
            break
        lo = np.where(out, hi, lo)
        hi = np.where(out, 2.0 * hi, hi)
    x_lo, y_lo, f_lo = excess(every, lo)
    x_hi, y_hi, _ = excess(every, hi)
    # best estimate so far: the end nearer the range
    use_lo = np.abs(f_lo) <= np.abs(f_hi)
    x_best = np.where(use_lo, x_lo, x_hi)
    y_best = np.where(use_lo, y_lo, y_hi)
    f_best = np.where(use_lo, f_lo, f_hi)
    side = np.zeros(az.size, dtype=np.int8)  # which end moved last: +1 lo, -1 hi
    active = np.flatnonzero((np.abs(f_best) > _RHO_EPS_KM) & (hi - lo > 1e-12))
    for _ in range(200):
        if active.size == 0:
            break
        a, b, fa, fb = lo[active], hi[active], f_lo[active], f_hi[active]
        denom = fa - fb
        mid = np.where(denom > 0.0, a + fa * (b - a) / np.where(denom > 0.0, denom, 1.0), 0.5 * (a + b))
        mid = np.clip(mid, a, b)
        x, y, f = excess(active, mid)
        far = f > 0.0
        lo[active] = np.where(far, mid, a)
        hi[active] = np.where(far, b, mid)
        # Illinois: when the same end moves twice, halve the other end's value
        f_lo[active] = np.where(far, f, np.where(side[active] == -1, 0.5 * fa, fa))
        f_hi[active] = np.where(far, np.where(side[active] == 1, 0.5 * fb, fb), f)
        side[active] = np.where(far, 1, -1)
        better = np.abs(f) < np.abs(f_best[active])
        x_best[active] = np.where(better, x, x_best[active])
        y_best[active] = np.where(better, y, y_best[active])
        f_best[active] = np.where(better, f, f_best[active])
        active = active[(np.abs(f_best[active]) > _RHO_EPS_KM) & (hi[active] - lo[active] > 1e-12)]
    return x_best, y_best


def far_cap_boundaries(
    lon_c: FloatArray,
    lat_c: FloatArray,
    r_km: FloatArray,
    target_km: FloatArray,
) -> tuple[FloatArray, FloatArray, npt.NDArray[np.intp]]:
    """Boundaries of the caps left out by rings that reach close to the antipode.

    Parameters
    ----------
    lon_c, lat_c : ndarray
        Ring centres (degrees, lon before lat).
    r_km : ndarray
        Ring ranges (km), each below the antipodal distance.
    target_km : ndarray
        Largest allowed distance (km) between each straight lon/lat edge's midpoint and the
        true boundary.

    Returns
    -------
    lons, lats, offsets
        Vertices of cap ``k`` are ``offsets[k]:offsets[k + 1]``: counter-clockwise around the
        cap (decreasing azimuth seen from the antipode), first vertex not repeated, each within
        1e-7 km of ``r_km[k]`` from the centre.
    """
    n = lon_c.size
    lon_a = lon_c + 180.0
    lon_a = lon_a - 360.0 * np.rint(lon_a / 360.0)
    lat_a = -lat_c
    _, _, d = _GEOD.inv(lon_c, lat_c, lon_a, lat_a)
    d_anti = np.asarray(d, dtype=np.float64) / 1000.0

    n0 = _N_AZIMUTHS
    owner = np.repeat(np.arange(n), n0)
    az = np.tile(360.0 - 360.0 * np.arange(n0) / n0, n)  # decreasing: counter-clockwise
    x, y = _boundary_rho(
        lon_c[owner], lat_c[owner], lon_a[owner], lat_a[owner], d_anti[owner], r_km[owner], az
    )
    own, azs, xs, ys = [owner], [az], [x], [y]

    # edges (i -> i + 1) of each cap, closing back to the first vertex at azimuth - 360
    nxt = np.arange(owner.size) + 1
    nxt[n0 - 1 :: n0] -= n0
    az_a, az_b = az, np.where(np.arange(owner.size) % n0 == n0 - 1, az[nxt] - 360.0, az[nxt])
    e_own, xa, ya, xb, yb = owner, x, y, x[nxt], y[nxt]
    for _ in range(30):
        az_m = 0.5 * (az_a + az_b)
        xm, ym = _boundary_rho(
            lon_c[e_own], lat_c[e_own], lon_a[e_own], lat_a[e_own], d_anti[e_own], r_km[e_own], az_m
        )
        own.append(e_own)
        azs.append(az_m)
        xs.append(xm)
        ys.append(ym)
        xc = xa + 0.5 * _wrap180(xb - xa)
        yc = 0.5 * (ya + yb)
        bad = (_upper_short_km(xc, yc, xm, ym) > target_km[e_own]) & ((az_a - az_b) > 1e-7)
        if not bad.any():
            break
        i = np.flatnonzero(bad)
        two = np.concatenate((i, i))
        e_own = e_own[two]
        az_a, az_b = np.concatenate((az_a[i], az_m[i])), np.concatenate((az_m[i], az_b[i]))
        xa, xb = np.concatenate((xa[i], xm[i])), np.concatenate((xm[i], xb[i]))
        ya, yb = np.concatenate((ya[i], ym[i])), np.concatenate((ym[i], yb[i]))

    all_own = np.concatenate(own)
    all_az = np.concatenate(azs)
    order = np.lexsort((-all_az, all_own))
    all_own = all_own[order]
    offsets = np.searchsorted(all_own, np.arange(n + 1)).astype(np.intp)
    return np.concatenate(xs)[order], np.concatenate(ys)[order], offsets


#: Distance (km) from any point to its antipode on WGS84: half a meridian, the same for every point.
ANTIPODAL_KM = 20_003.931_46


def largest_cap_radius_km(abs_lats: FloatArray, r_km: float) -> float:
    """The largest distance (km) from an antipode to the boundary of the cap that a ring of
    ``r_km`` (at least :data:`NEAR_ANTIPODE_KM`) leaves out, over centres at the latitudes
    ``abs_lats`` (the cap's shape depends on the latitude only). The cap holds every point within
    ``ANTIPODAL_KM - r_km`` of the antipode and none farther than this.
    """
    lats = np.asarray(abs_lats, dtype=np.float64)
    n = lats.size
    target = np.full(n, 0.01)
    x, y, offsets = far_cap_boundaries(np.zeros(n), lats, np.full(n, float(r_km)), target)
    owner_lat = np.repeat(lats, np.diff(offsets))
    _, _, d = _GEOD.inv(np.full(x.size, 180.0), -owner_lat, x, y)
    return float(np.max(np.asarray(d, dtype=np.float64))) / 1000.0 + 0.01
