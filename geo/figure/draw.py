"""Drawing one range-map frame into a matplotlib Axes: base layers, rings, estimates, labels.

Everything is drawn in the projected metres of a :class:`~geo.figure.projection.Projector`. Rings
are the geodesy module's own vertices (:func:`geo.geodesy.geodesic_ring_vertices`), projected: on an
azimuthal equidistant map centred on the ring's centre they fall on a circle of the ring's radius.
Record text is drawn with mathtext off (``parse_math=False``): a ``$`` in a place name is a dollar.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt
import shapely
from shapely.geometry import Point
from shapely.geometry.base import BaseGeometry

from geo.export._geometry import true_outline
from geo.export.launch import LaunchView
from geo.figure.projection import Projector, graticule

if TYPE_CHECKING:
    import geopandas as gpd
    from matplotlib.axes import Axes

__all__ = ["COLOURS", "BaseLayers", "draw_frame", "nice_km"]

#: The app's colours (geo.mapview.OVERLAY_STYLES and its base layers).
COLOURS: dict[str, str] = {
    "ocean": "#c6dcec",
    "land": "#f4f1e8",
    "coast": "#5b6b73",
    "border": "#8d7b68",
    "eez": "#1f77b4",
    "ring": "#b3261e",
    "reported": "#6a1b9a",
    "region": "#e65100",
    "band": "#c62828",
    "impact": "#0d47a1",
    "launch": "#b3261e",
    "graticule": "#8aa5b8",
    "text": "#263238",
}


@dataclass(frozen=True, slots=True)
class BaseLayers:
    """The shipped base layers in lon/lat, prepared once for every frame of a figure.

    ``land`` is one (Multi)Polygon; ``coast``, ``borders`` and ``eez`` are MultiLineStrings without
    the artificial edges along 180° and the poles (:func:`geo.export._geometry.true_outline`).
    """

    land: BaseGeometry
    coast: BaseGeometry
    borders: BaseGeometry
    eez: BaseGeometry

    @classmethod
    def load(cls, frames: Mapping[str, gpd.GeoDataFrame] | None = None) -> BaseLayers:
        """From ``frames`` (``land``, ``borders``, ``eez`` in EPSG:4326) or the shipped files."""
        import geo

        got = dict(frames or {})
        land_gdf = got["land"] if "land" in got else geo.load_basemap_layer("land")
        borders_gdf = got["borders"] if "borders" in got else geo.load_basemap_layer("borders")
        eez_gdf = got["eez"] if "eez" in got else geo.load_maritime_display_layer("eez")
        land = shapely.unary_union([g for g in land_gdf.geometry if g is not None])
        eez_lines = [line for g in eez_gdf.geometry if g is not None for line in true_outline(g)]
        border_lines = [part for g in borders_gdf.geometry if g is not None for part in shapely.get_parts(g)]
        return cls(
            land=land,
            coast=shapely.MultiLineString(true_outline(land)),
            borders=shapely.MultiLineString(border_lines),
            eez=shapely.MultiLineString(eez_lines),
        )


def nice_km(x: float) -> float:
    """A round distance near ``x`` km: 1, 2 or 5 times a power of ten.

    >>> nice_km(1400.0), nice_km(3300.0), nice_km(4.0)
    (1000.0, 2000.0, 5.0)
    """
    exp = 10.0 ** math.floor(math.log10(max(x, 1.0)))
    return float(min((m * exp for m in (1.0, 2.0, 5.0, 10.0)), key=lambda v: abs(v - x)))


def _num(value: Any) -> float | None:
    try:
        f = float(value)
    except (TypeError, ValueError):
        return None
    return f if math.isfinite(f) else None


def _polys(ax: Axes, geom: BaseGeometry, **kw: Any) -> None:
    from matplotlib.patches import PathPatch
    from matplotlib.path import Path as MplPath

    verts: list[npt.NDArray[np.float64]] = []
    codes: list[npt.NDArray[np.uint8]] = []
    for poly in shapely.get_parts(geom):
        if poly.geom_type != "Polygon" or poly.is_empty:
            continue
        for ring in (poly.exterior, *poly.interiors):
            c = np.asarray(ring.coords)[:, :2]
            code = np.full(len(c), MplPath.LINETO, dtype=np.uint8)
            code[0], code[-1] = MplPath.MOVETO, MplPath.CLOSEPOLY
            verts.append(c)
            codes.append(code)
    if verts:
        ax.add_patch(PathPatch(MplPath(np.concatenate(verts), np.concatenate(codes)), **kw))


def _lines(ax: Axes, geom: BaseGeometry, **kw: Any) -> None:
    from matplotlib.collections import LineCollection

    lines = [np.asarray(g.coords)[:, :2] for g in shapely.get_parts(geom) if g.geom_type == "LineString"]
    lines = [line for line in lines if len(line) > 1]
    if lines:
        ax.add_collection(LineCollection(lines, **kw))


def _label_azimuth(view: LaunchView) -> float:
    """Where ring labels go (degrees clockwise from north): south-west, unless the flight went there."""
    bearing = _num(view.record.get("bearing_deg"))
    if bearing is None:
        return 225.0
    return 225.0 if abs(((bearing - 225.0 + 180.0) % 360.0) - 180.0) > 60.0 else 315.0


def draw_frame(
    ax: Axes,
    view: LaunchView,
    proj: Projector,
    base: BaseLayers,
    *,
    extent_km: float,
    disc: bool,
    scale: float,
    font_size: float,
    label_ring: Callable[[float], bool] = lambda r: True,
    label_places: bool = True,
    show_scale_bar: bool = True,
) -> dict[float, npt.NDArray[np.float64]]:
    """Draw one map frame of ``view`` into ``ax``; return each ring's projected vertices by radius.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        The axes to draw in (limits set to ±``extent_km``).
    view : LaunchView
        The launch, its rings and estimates.
    proj : Projector
        Projection and clip disc, centred on the launch point.
    base : BaseLayers
        Land, coasts, borders and EEZ limits (lon/lat).
    extent_km : float
        Half-width of the frame in km.
    disc : bool
        Draw the clip disc as a round map on white (whole-world views) instead of filling the frame.
    scale, font_size : float
        Line-width factor and base font size (points).
    label_ring : callable
        Which ring radii (km) get a label in this frame.
    label_places : bool
        Label the launch place and the impact estimate.
    show_scale_bar : bool
        Draw a scale bar in the lower-left corner.
    """
    from matplotlib import patheffects
    from matplotlib.patches import Circle

    import geo

    c = COLOURS
    ext = extent_km * 1000.0
    ax.set_xlim(-ext, ext)
    ax.set_ylim(-ext, ext)
    ax.set_aspect("equal")
    ax.set_xticks([])
    ax.set_yticks([])
    if disc:
        ax.set_facecolor("white")
        r_disc = proj.clip_km * 1000.0
        ax.add_patch(Circle((0, 0), r_disc, facecolor=c["ocean"], edgecolor=c["coast"], lw=1.0, zorder=0))
        for spine in ax.spines.values():
            spine.set_visible(False)
    else:
        ax.set_facecolor(c["ocean"])
    step = 30.0 if extent_km > 4000 else 10.0 if extent_km > 1200 else 5.0
    thin = min(scale, 1.15)  # base layers stay fine lines on a slide; the rings get thick
    _lines(
        ax, proj.project(graticule(step)), colors=c["graticule"], linewidths=0.4 * thin, alpha=0.7, zorder=1
    )
    _polys(ax, proj.project(base.land), facecolor=c["land"], edgecolor="none", zorder=1.2)
    _lines(ax, proj.project(base.coast), colors=c["coast"], linewidths=0.6 * thin, zorder=2)
    _lines(
        ax,
        proj.project(base.borders),
        colors=c["border"],
        linewidths=0.5 * thin,
        linestyles=(0, (4, 3)),
        zorder=2,
    )
    _lines(
        ax,
        proj.project(base.eez),
        colors=c["eez"],
        linewidths=0.7 * thin,
        linestyles=(0, (6, 4)),
        alpha=0.85,
        zorder=3,
    )
    halo = [patheffects.withStroke(linewidth=3.5 * scale, foreground="white")]
    fs = font_size

    for pole_lat, name in ((90.0, "North Pole"), (-90.0, "South Pole")):
        if not proj.disc.covers(Point(0.0, pole_lat)):
            continue
        px, py = proj.xy([0.0], [pole_lat])[0]
        if math.hypot(px, py) > 0.93 * proj.clip_km * 1000.0 or max(abs(px), abs(py)) > 0.95 * ext:
            continue  # at the map's edge: no room for a label
        ax.plot([px], [py], marker="+", ms=9 * scale, mew=1.5 * scale, color=c["text"], zorder=6)
        ax.annotate(
            name,
            (px, py),
            xytext=(5, 4),
            textcoords="offset points",
            fontsize=fs * 0.85,
            color=c["text"],
            path_effects=halo,
            zorder=6,
        )

    region = (view.launch_region or {}).get("region")
    if isinstance(region, BaseGeometry) and not region.is_empty:
        _polys(
            ax,
            proj.project(region, step_deg=0.05),
            facecolor=c["region"],
            alpha=0.35,
            edgecolor=c["region"],
            lw=1.2 * scale,
            linestyle="--",
            zorder=4,
        )
    zone = (view.impact or {}).get("zone")
    if isinstance(zone, BaseGeometry) and not zone.is_empty:
        _polys(
            ax,
            proj.project(zone, step_deg=0.05),
            facecolor=c["impact"],
            alpha=0.28,
            edgecolor=c["impact"],
            lw=1.4 * scale,
            linestyle="--",
            zorder=4,
        )

    lon0, lat0 = proj.lon, proj.lat
    ring_xy: dict[float, npt.NDArray[np.float64]] = {}
    radii_ranges = {float(r) for k, r, _ in view.rings if k == "range_ring"}
    base_az = _label_azimuth(view)
    _draw_reach(ax, view, proj, scale=scale, font_size=fs, azimuth_deg=base_az, label_ring=label_ring)
    for kind, radius, _ in view.rings:
        r = float(radius)
        xs, ys = geo.geodesic_ring_vertices(lon0, lat0, r)
        xy = proj.xy(np.append(xs, xs[0]), np.append(ys, ys[0]))
        reported = kind == "reported_distance"
        ring_xy.setdefault(r, xy)
        colour = c["reported"] if reported else c["ring"]
        ax.plot(
            xy[:, 0],
            xy[:, 1],
            color=colour,
            lw=(2.4 if reported else 1.8) * scale,
            linestyle=(0, (5, 4)) if reported else "-",
            zorder=5.5 if reported else 5,
        )
        if not label_ring(r) or (not reported and r in radii_ranges and _is_reported(view, r)):
            continue  # one label for a range that is also the reported distance
        az = math.radians(base_az)
        text = f"{r:,.0f} km" + (" flown" if reported else "")
        # Anchored on the ring and running inwards, so a ring near the frame's edge keeps its label.
        ax.text(
            r * 1000.0 * math.sin(az),
            r * 1000.0 * math.cos(az),
            text,
            color=colour,
            fontsize=fs * 1.05,
            fontweight="bold",
            ha="left" if math.sin(az) < 0 else "right",
            va="bottom" if math.cos(az) < 0 else "top",
            path_effects=halo,
            zorder=7,
            parse_math=False,
            clip_on=True,
        )

    launch_xy = proj.xy([lon0], [lat0])[0]
    reported_point = geo.ring_centre(view.record) is not None  # a stand-in point is not a launch place
    if reported_point:
        ax.plot(
            *launch_xy, marker="^", ms=10 * scale, color=c["launch"], mec="white", mew=1.0 * scale, zorder=8
        )
    impact = view.impact or {}
    ilon, ilat = _num(impact.get("lon")), _num(impact.get("lat"))
    if ilon is not None and ilat is not None:
        ixy = proj.xy([ilon], [ilat])[0]
        ax.plot(*ixy, marker="X", ms=10 * scale, color=c["impact"], mec="white", mew=1.0 * scale, zorder=8)
    if label_places:
        place = str(view.record.get("launch_place") or "").strip()
        # The launch label goes on the side away from the impact; the impact label towards the centre.
        east = ilon is not None and ilat is not None and proj.xy([ilon], [ilat])[0][0] > launch_xy[0]
        if reported_point and place and place.lower() not in ("nan", "<na>"):
            ax.annotate(
                _short(place),
                launch_xy,
                xytext=(-9 if east else 9, -4),
                textcoords="offset points",
                ha="right" if east else "left",
                va="top",
                fontsize=fs * 0.95,
                fontweight="bold",
                color="#212121",
                path_effects=halo,
                zorder=8,
                parse_math=False,
                annotation_clip=True,
                clip_on=True,
            )
        if ilon is not None and ilat is not None:
            unc = _num(impact.get("uncertainty_km"))
            ixy = proj.xy([ilon], [ilat])[0]
            right_half = ixy[0] > 0.3 * ext
            ax.annotate(
                "Estimated impact" + (f"\n(±{unc:,.0f} km)" if unc else ""),
                ixy,
                xytext=(-9 if right_half else 9, 8),
                textcoords="offset points",
                ha="right" if right_half else "left",
                va="bottom",
                fontsize=fs * 0.9,
                color=c["impact"],
                fontweight="bold",
                path_effects=halo,
                zorder=8,
                clip_on=True,
            )

    if show_scale_bar:
        bar_km = nice_km(extent_km / 3.0)
        x0, y0 = -ext * 0.92, -ext * 0.9
        ax.plot(
            [x0, x0 + bar_km * 1000.0],
            [y0, y0],
            color="#212121",
            lw=3 * scale,
            solid_capstyle="butt",
            zorder=9,
        )
        for xt in (x0, x0 + bar_km * 1000.0):
            ax.plot([xt, xt], [y0 - ext * 0.015, y0 + ext * 0.015], color="#212121", lw=1.2 * scale, zorder=9)
        ax.text(
            x0,
            y0 + ext * 0.035,
            f"{bar_km:,.0f} km",
            fontsize=fs * 0.95,
            fontweight="bold",
            path_effects=halo,
            zorder=9,
            va="bottom",
        )
    return ring_xy


def _short(place: str, limit: int = 28) -> str:
    """A place name short enough to label a point: up to its first comma, cut at a word.

    >>> _short("Tonghae Satellite Launching Ground, Hwadae county")
    'Tonghae Satellite Launching…'
    """
    head = place.split(",")[0].strip() or place
    if len(head) <= limit:
        return head
    cut = head[:limit].rsplit(" ", 1)[0]
    return (cut if len(cut) > 3 else head[: limit - 1]) + "…"


def _is_reported(view: LaunchView, radius_km: float) -> bool:
    return any(k == "reported_distance" and float(r) == radius_km for k, r, _ in view.rings)


def _draw_reach(
    ax: Axes,
    view: LaunchView,
    proj: Projector,
    *,
    scale: float,
    font_size: float,
    azimuth_deg: float,
    label_ring: Callable[[float], bool],
) -> None:
    """The reach bands of ``view`` as the map draws them: the band filled, the outer limit as a line,
    the inner limit dashed; a range without a ring from the reported point is labelled on its outer
    limit, where a line from the map centre at ``azimuth_deg`` leaves it."""
    from matplotlib import patheffects

    if view.reach is None:
        return
    c = COLOURS
    rings = {float(r) for k, r, _ in view.rings if k == "range_ring"}
    halo = [patheffects.withStroke(linewidth=3.5 * scale, foreground="white")]
    for area in view.reach.areas:
        r = float(area.range_km)
        band = area.outer if area.inner.is_empty else area.outer.difference(area.inner)
        _polys(
            ax,
            proj.project(band, step_deg=0.25),
            facecolor=c["band"],
            alpha=0.16,
            edgecolor="none",
            zorder=4.2,
        )
        # the limits' own lines, without the seams along 180° and the poles
        outer = proj.project(shapely.MultiLineString(true_outline(area.outer)), step_deg=0.25)
        _lines(ax, outer, colors=c["ring"], linewidths=1.3 * scale, zorder=4.6)
        if not area.inner.is_empty:
            inner = proj.project(shapely.MultiLineString(true_outline(area.inner)), step_deg=0.25)
            _lines(ax, inner, colors=c["ring"], linewidths=1.0 * scale, linestyles=(0, (2, 3)), zorder=4.6)
        if r in rings or not label_ring(r):
            continue  # the ring from the reported point carries the label
        az = math.radians(azimuth_deg)
        far = 2.0 * proj.clip_km * 1000.0
        ray = shapely.LineString([(0.0, 0.0), (far * math.sin(az), far * math.cos(az))])
        hits = shapely.get_coordinates(shapely.intersection(ray, outer))
        if len(hits) == 0:
            continue
        x, y = hits[int(np.argmax(np.hypot(hits[:, 0], hits[:, 1])))]
        ax.text(
            x,
            y,
            f"{r:,.0f} km",
            color=c["ring"],
            fontsize=font_size * 1.05,
            fontweight="bold",
            ha="left" if math.sin(az) < 0 else "right",
            va="bottom" if math.cos(az) < 0 else "top",
            path_effects=halo,
            zorder=7,
            parse_math=False,
            clip_on=True,
        )
