"""The range map's page layout (title, map, close-up, legend, facts, credits) and its files.

A page (12 x 9 in) or, in presentation mode, a 16:9 slide (13.33 x 7.5 in) with large type and
thick lines. When the largest ring dwarfs the others (800 and 1,500 km beside 13,000 km), a close-up
of the launch area with the small rings and the impact estimate sits beside the world map, whose
square outline on the main map shows where it is.
"""

from __future__ import annotations

import io
import math
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt
import shapely
from pyproj import CRS

from geo.export.content import CATALOGUE_ATTRIBUTION, launch_label
from geo.export.launch import LaunchView
from geo.figure import texts
from geo.figure.draw import COLOURS, BaseLayers, draw_frame
from geo.figure.projection import MAX_CLIP_KM, Projector

if TYPE_CHECKING:
    import geopandas as gpd
    from matplotlib.figure import Figure

__all__ = ["FIGURE_FORMATS", "RangeMap", "range_map", "range_map_bytes"]

#: Output formats of the figure and their MIME types.
FIGURE_FORMATS: dict[str, str] = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf"}

_BASE_CREDITS = (
    "Land, coasts, borders: Natural Earth (public domain)",
    "EEZ: Flanders Marine Institute (2018), Maritime Boundaries Geodatabase v10, marineregions.org",
    "Geodesy: GeographicLib (WGS84). Map: Launch Atlas",
)
_PROJECTION_NOTE = (
    "Azimuthal equidistant projection centred on the launch point: distances and directions from it are "
    "true everywhere, so every ring is a circle; shapes far from it are stretched. The scale bar is true "
    "along any line through the launch point."
)
#: A close-up is added when the smallest ring (or the impact estimate) is under this share of the map.
_CLOSE_UP_SHARE = 0.2


@dataclass(frozen=True, slots=True)
class RangeMap:
    """A drawn range map and the geometry it was drawn with.

    Attributes
    ----------
    figure : matplotlib.figure.Figure
        The figure (Agg canvas; no pyplot state).
    crs : pyproj.CRS
        The azimuthal equidistant projection, centred on ``centre``.
    centre : (float, float)
        Map centre (lon, lat), degrees: the rings' centre, else the launch area's point.
    extent_km : float
        Half-width of the main map frame (km from the centre to the frame's edge along x or y).
    close_up_km : float or None
        Half-width of the close-up frame, when there is one.
    ring_xy : dict of float to ndarray
        Each ring's drawn vertices in projected metres (n x 2), by radius in km.
    title : str
        The title drawn.
    reach_ranges : tuple of float
        The ranges (km) drawn as reach bands of the launch area.
    """

    figure: Figure
    crs: CRS
    centre: tuple[float, float]
    extent_km: float
    close_up_km: float | None = None
    ring_xy: dict[float, npt.NDArray[np.float64]] = field(default_factory=dict)
    title: str = ""
    reach_ranges: tuple[float, ...] = ()


def _num(value: Any) -> float | None:
    try:
        f = float(value)
    except (TypeError, ValueError):
        return None
    return f if math.isfinite(f) else None


def _centre(view: LaunchView) -> tuple[float, float]:
    import geo

    centre = geo.ring_centre(view.record)
    if centre is not None:
        return centre
    region = view.launch_region or {}
    lon, lat = _num(region.get("lon")), _num(region.get("lat"))
    if lon is None or lat is None:
        lon, lat = _num(view.record.get("launch_lon")), _num(view.record.get("launch_lat"))
    if lon is None or lat is None:
        raise ValueError(
            f"launch {view.record.get('id')!r} has no launch place and no launch area: "
            "there is nothing to centre the map on"
        )
    return lon, lat


def _impact_reach_km(view: LaunchView, lon0: float, lat0: float) -> float:
    import geo

    impact = view.impact or {}
    ilon, ilat = _num(impact.get("lon")), _num(impact.get("lat"))
    if ilon is None or ilat is None:
        return 0.0
    return float(geo.distance_km(lon0, lat0, ilon, ilat)) + float(_num(impact.get("uncertainty_km")) or 0.0)


def _reach_extent_km(view: LaunchView, lon0: float, lat0: float) -> list[float]:
    """How far from the centre each reach band's outer limit goes: the range plus the farthest point
    of the launch area."""
    import geo

    bands = view.reach
    if bands is None or not bands.areas or bands.region is None:
        return []
    xy = shapely.get_coordinates(bands.region)
    spread = float(np.max(geo.distance_km(lon0, lat0, xy[:, 0], xy[:, 1]))) if len(xy) else 0.0
    return [float(a.range_km) + spread for a in bands.areas]


def _frame_km(reach_km: float) -> float:
    return min(max(reach_km, 300.0) * 1.12, MAX_CLIP_KM)


def _fit_width(text: Any, canvas: Any, width: float) -> None:
    """Shrink a figure text (to 70 % at most, then cut it with an ellipsis) to fit ``width`` of the figure."""
    fig = text.get_figure()
    renderer = canvas.get_renderer()
    size = text.get_fontsize()
    for factor in (1.0, 0.9, 0.8, 0.7):
        text.set_fontsize(size * factor)
        if text.get_window_extent(renderer).width <= width * fig.bbox.width:
            return
    full = text.get_text()
    for n in range(len(full) - 1, 10, -4):
        text.set_text(full[:n].rstrip() + "…")
        if text.get_window_extent(renderer).width <= width * fig.bbox.width:
            return


def range_map(
    view: LaunchView,
    *,
    presentation: bool = False,
    basemap: Mapping[str, gpd.GeoDataFrame] | BaseLayers | None = None,
    title: str | None = None,
    attribution: Sequence[str] = (CATALOGUE_ATTRIBUTION,),
) -> RangeMap:
    """Draw the range map of one launch.

    Parameters
    ----------
    view : geo.export.LaunchView
        From :func:`geo.export.launch_view`: the record, its rings, launch area and impact estimate.
    presentation : bool
        A 16:9 slide (13.33 x 7.5 in) with large type and thick lines, instead of a 12 x 9 in page.
    basemap : BaseLayers or mapping, optional
        Prepared base layers (:meth:`BaseLayers.load`, reusable across figures), or ``land``,
        ``borders`` and ``eez`` GeoDataFrames (EPSG:4326); default the shipped files.
    title : str, optional
        Title; default names the launch (date, time, system, place).
    attribution : sequence of str
        Launch-data credit lines (the basemap's are always added).

    Returns
    -------
    RangeMap

    Raises
    ------
    ValueError
        The record has no launch place and no launch area.

    Examples
    --------
    >>> import geo
    >>> cat = geo.load_catalogue()
    >>> view = geo.launch_view(cat[cat["id"] == "2021-09-15-1"].iloc[0], [1500.0], maritime=False)
    >>> rmap = range_map(view)
    >>> rmap.title
    '2021-09-15 12:34 UTC+9 · Rail-mobile KN-23 (SRBM) · Yangdok county'
    >>> sorted(rmap.ring_xy), rmap.close_up_km is None
    ([800.0, 1500.0], True)
    """
    import matplotlib as mpl
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.patches import Rectangle

    lon0, lat0 = _centre(view)
    radii = sorted({float(r) for _, r, _ in view.rings})
    impact_reach = _impact_reach_km(view, lon0, lat0)
    band_reach = _reach_extent_km(view, lon0, lat0)
    extent_km = _frame_km(max([*radii, *band_reach, impact_reach, 600.0]))
    disc_mode = extent_km * math.sqrt(2.0) > 15_000.0
    proj = Projector(lon0, lat0, extent_km if disc_mode else min(extent_km * 1.415, MAX_CLIP_KM))
    small = [r for r in [*radii, *band_reach] if r < 0.35 * extent_km]
    near = min([*radii, *band_reach, impact_reach or math.inf])
    close_up_km: float | None = None
    if near < _CLOSE_UP_SHARE * extent_km:
        close_up_km = _frame_km(max([*small, impact_reach, 300.0]))
    base = basemap if isinstance(basemap, BaseLayers) else BaseLayers.load(basemap)

    scale = 1.6 if presentation else 1.0
    width_in, height_in = (40.0 / 3.0, 7.5) if presentation else (12.0, 9.0)
    fs = 15.0 if presentation else 10.5
    title = title or launch_label(view.record)
    with mpl.rc_context({"font.size": fs, "svg.hashsalt": "launch-atlas", "text.parse_math": False}):
        fig = Figure(figsize=(width_in, height_in))
        canvas: Any = FigureCanvasAgg(fig)  # get_renderer is untyped in matplotlib
        top, bottom = (0.87, 0.10) if presentation else (0.895, 0.085)
        map_h = top - bottom
        map_w = map_h * height_in / width_in
        ax = fig.add_axes((0.012, bottom, map_w, map_h))
        ring_xy = draw_frame(
            ax,
            view,
            proj,
            base,
            extent_km=extent_km,
            disc=disc_mode,
            scale=scale,
            font_size=fs,
            label_ring=(lambda r: close_up_km is None or r > close_up_km),
            label_places=close_up_km is None,
        )
        heading = fig.text(0.012, 0.985, title, fontsize=fs * 1.5, fontweight="bold", va="top")
        _fit_width(heading, canvas, 0.976)
        subtitle = texts.subtitle(view, radii)
        sub = fig.text(
            0.012,
            0.985 - (fs * 1.5 * 1.45) / 72.0 / height_in,
            subtitle,
            fontsize=fs * 0.95,
            va="top",
            color="#37474f",
        )
        _fit_width(sub, canvas, 0.976)

        # Right-hand panel. Page: legend, close-up, facts, top to bottom. Slide: close-up and legend
        # side by side, facts below. Sizes are measured, so nothing runs into the credits.
        px0 = 0.012 + map_w + 0.025
        pw = 0.988 - px0
        renderer = canvas.get_renderer()
        to_fig = fig.transFigure.inverted()
        leg_fs = fs * (0.78 if presentation else 0.92)
        facts_fs = fs * (0.8 if presentation else 0.85)
        chars = max(24, int(pw * width_in * 72.0 / (facts_fs * 0.56)))
        facts = texts.wrap(texts.facts(view), chars)
        facts_h = (facts.count("\n") + 1) * facts_fs * 1.3 / 72.0 / height_in
        side_w = side_h = 0.0
        if close_up_km is not None:
            if presentation:
                side_in = min(pw * width_in * 0.48, (top - bottom - facts_h - 0.06) * height_in)
            else:
                side_in = min(pw * width_in, (top - bottom - facts_h - 0.08) * height_in - 1.4)
            side_in = max(side_in, 1.6)
            side_h, side_w = side_in / height_in, side_in / width_in
        leg_x = px0 + side_w + 0.02 if presentation and close_up_km is not None else px0
        legend = fig.legend(
            handles=texts.legend_handles(view, scale),
            loc="upper left",
            bbox_to_anchor=(leg_x, top),
            frameon=False,
            fontsize=leg_fs,
            borderaxespad=0.0,
            handlelength=2.2,
        )
        leg_box = legend.get_window_extent(renderer).transformed(to_fig)
        y_free = leg_box.y0 - 0.025 if not (presentation and close_up_km is not None) else top
        if close_up_km is not None:
            label_h = fs * 1.4 / 72.0 / height_in
            fig.text(
                px0,
                y_free,
                "Close-up" if presentation else "Close-up around the launch point",
                fontsize=fs * 0.9,
                fontweight="bold",
                va="top",
            )
            inset = fig.add_axes((px0, y_free - label_h - side_h, side_w, side_h))
            inset_proj = Projector(lon0, lat0, min(close_up_km * 1.415, MAX_CLIP_KM))
            draw_frame(
                inset,
                view,
                inset_proj,
                base,
                extent_km=close_up_km,
                disc=False,
                scale=scale * 0.85,
                font_size=fs * 0.85,
                label_ring=lambda r: r <= close_up_km,
            )
            e = close_up_km * 1000.0
            ax.add_patch(
                Rectangle((-e, -e), 2 * e, 2 * e, fill=False, ec="#37474f", lw=1.0 * scale, zorder=9)
            )
            y_free = min(y_free - label_h - side_h, leg_box.y0) - 0.03
        fig.text(px0, y_free, facts, fontsize=facts_fs, va="top", color=COLOURS["text"], linespacing=1.3)
        credits = " ".join(
            [
                _PROJECTION_NOTE,
                *(a.rstrip(".") + "." for a in attribution if a),
                *(f"{a}." for a in _BASE_CREDITS),
            ]
        )
        fig.text(
            0.012,
            0.008,
            textwrap.fill(credits, width=int(width_in * 72.0 / (fs * 0.62 * 0.55))),
            fontsize=fs * 0.62,
            color="#546e7a",
            va="bottom",
            linespacing=1.25,
        )
    return RangeMap(
        figure=fig,
        crs=proj.crs,
        centre=(lon0, lat0),
        extent_km=extent_km,
        close_up_km=close_up_km,
        ring_xy=ring_xy,
        title=title,
        reach_ranges=tuple(float(a.range_km) for a in (view.reach.areas if view.reach else ())),
    )


def range_map_bytes(rmap: RangeMap, fmt: str, *, dpi: int = 300) -> bytes:
    """Render a :class:`RangeMap` as PNG, SVG or PDF bytes (reproducible: no timestamps).

    Parameters
    ----------
    rmap : RangeMap
        From :func:`range_map`.
    fmt : {"png", "svg", "pdf"}
        Output format.
    dpi : int
        Resolution of a PNG in dots per inch (300 by default: print quality). SVG and PDF are
        vector files (text as glyph outlines).

    Raises
    ------
    ValueError
        An unknown format or a dpi outside 72..1200.
    """
    import matplotlib as mpl

    if fmt not in FIGURE_FORMATS:
        raise ValueError(f"unknown figure format {fmt!r}; expected one of {', '.join(FIGURE_FORMATS)}")
    if not 72 <= int(dpi) <= 1200:
        raise ValueError(f"dpi must be within 72..1200, got {dpi!r}")
    meta: dict[str, Any] = {"Title": rmap.title}
    if fmt == "png":
        meta["Software"] = "Launch Atlas (matplotlib)"
    elif fmt == "svg":
        meta.update({"Creator": "Launch Atlas (matplotlib)", "Date": None})
    else:
        meta.update({"Creator": "Launch Atlas (matplotlib)", "CreationDate": None})
    buf = io.BytesIO()
    with mpl.rc_context({"svg.hashsalt": "launch-atlas", "svg.fonttype": "path", "pdf.fonttype": 42}):
        rmap.figure.savefig(buf, format=fmt, dpi=int(dpi), metadata=meta, facecolor="white")
    return buf.getvalue()
