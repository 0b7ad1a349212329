"""Build the maritime layers in ``data/maritime/`` from the public sources in ``../shared/data``.

Run from the repository root (or anywhere)::

    .venv/bin/python data/build/build_maritime.py            # every layer
    .venv/bin/python data/build/build_maritime.py --only eez  # one step

Steps and outputs (all WGS84 lon/lat GeoJSON, RFC 7946 ring orientation, 6 decimals ~ 0.1 m):

``eez``
    ``eez_v10_world.geojson``: Marine Regions World EEZ v10 (simplified, 281 features), geometry
    repaired with ``shapely.make_valid`` (the Canadian EEZ self-intersects), the one mojibake name fixed,
    and the sovereigns' ISO 3166 alpha-3 codes added as ``ISO_Sov1..3`` (v10 has territory codes only;
    v11/v12 ship ``ISO_SOV1..3``). Original column names are kept so the shipped file goes through the
    same loader as a user's v11/v12 download.
``land``
    ``land.geojson``: Natural Earth 10m land per state inside the coverage box (lon 100..170, lat
    10..65), minor islands included (polygonised from the minor-islands coastline), plus Natural Earth
    110m countries outside the box (coarse fallback so that no continent reads as sea). Land inside a
    Marine Regions *disputed* area (southern Kurils, Liancourt Rocks, Senkaku Islands) carries all the
    claimants and ``disputed = true``.
``coastline``
    ``coastline.geojson``: the sea coast of each state (land boundary minus land borders), with the
    first-level region (prefecture / province) of the coast for plain-language verdicts.
``territorial``
    ``territorial_sea.geojson``: 12 nautical miles (22.224 km) measured geodesically from the
    low-water line as drawn by Natural Earth 10m (normal baselines; no straight baselines, no closing
    lines of bays), one feature per state (disputed islands: one feature per claimant group), minus land.
    Computed with ``geo.geodesy.buffer_region``. Where two states' 12 NM belts overlap (Tsushima / Korea
    Strait) both features keep the overlap: the analysis reports both. Also writes
    ``territorial_sea_osm_comparison.json`` (figures against OpenStreetMap's territorial waters).
``seas``
    ``named_seas.geojson``: Natural Earth 10m marine areas clipped to the region.
``display``
    ``eez_display.geojson``, ``territorial_sea_display.geojson``: simplified copies for drawing only.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from pyproj import Geod
from shapely.geometry import box, mapping

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

SHARED = ROOT.parent / "shared" / "data"
OUT = ROOT / "data" / "maritime"

#: Where Natural Earth 10m land, coastline and territorial seas are complete
#: (lon_min, lat_min, lon_max, lat_max).
COVER = (100.0, 10.0, 170.0, 65.0)
#: Land is taken a little beyond the box so that the 12 NM belts near the box edge are complete.
EXT = (99.0, 9.0, 171.0, 66.0)
TERRITORIAL_SEA_KM = 12 * 1.852
GEOD = Geod(ellps="WGS84")

# Natural Earth sovereign names -> Marine Regions sovereign names (the names the analysis reports).
NE_TO_MR = {"United States of America": "United States"}
# The one corrupted name in the v10 simplified file (U+FFFD replacement characters in the source).
NAME_FIXES = {
    "Disputed area Pe\ufffd\ufffdn de V\ufffdlez de la Gomera: Spain / Morocco": (
        "Disputed area Peñón de Vélez de la Gomera: Spain / Morocco"
    ),
}


# ----------------------------------------------------------------------------------------------- helpers
def polygonal(geom: Any) -> Any:
    """Keep only the polygonal part of a geometry (make_valid may return collections)."""
    if geom is None or geom.is_empty:
        return shapely.MultiPolygon()
    parts = [p for p in shapely.get_parts(geom) if p.geom_type in ("Polygon", "MultiPolygon")]
    polys: list[Any] = []
    for p in parts:
        polys.extend(shapely.get_parts(p))
    return shapely.MultiPolygon(polys) if polys else shapely.MultiPolygon()


def lineal(geom: Any) -> Any:
    """Keep only the lines of a geometry, merged."""
    parts = [p for p in shapely.get_parts(geom) if p.geom_type in ("LineString", "MultiLineString")]
    lines: list[Any] = []
    for p in parts:
        lines.extend(shapely.get_parts(p))
    if not lines:
        return shapely.MultiLineString()
    merged = shapely.line_merge(shapely.MultiLineString(lines))
    if merged.geom_type == "LineString":
        merged = shapely.MultiLineString([merged])
    return merged


def round_geom(geom: Any, decimals: int = 6) -> Any:
    """Round coordinates; repair and orient rings counter-clockwise (RFC 7946) for polygons."""
    if geom is None or geom.is_empty:
        return geom
    out = shapely.transform(geom, lambda c: np.round(c, decimals))
    if out.geom_type in ("Polygon", "MultiPolygon", "GeometryCollection"):
        if not out.is_valid:
            out = polygonal(shapely.make_valid(out))
        out = shapely.orient_polygons(out, exterior_cw=False)
    return out


def write_geojson(gdf: gpd.GeoDataFrame, path: Path, *, decimals: int = 6, meta: dict[str, Any]) -> None:
    """Deterministic, compact GeoJSON FeatureCollection (top-level ``metadata`` with provenance)."""
    feats = []
    for row in gdf.itertuples(index=False):
        d = row._asdict()
        geom = round_geom(d.pop("geometry"), decimals)
        props = {k: _jsonable(v) for k, v in d.items()}
        if geom is None or geom.is_empty:
            continue
        feats.append({"type": "Feature", "properties": props, "geometry": mapping(geom)})
    fc = {"type": "FeatureCollection", "metadata": meta, "features": feats}
    text = json.dumps(fc, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    path.write_text(text + "\n", encoding="utf-8")
    print(f"  wrote {path.relative_to(ROOT)}: {len(feats)} features, {path.stat().st_size / 1e6:.2f} MB")


def _jsonable(v: Any) -> Any:
    if v is None:
        return None
    if isinstance(v, (np.bool_, bool)):
        return bool(v)
    if isinstance(v, (np.integer,)):
        return int(v)
    if isinstance(v, (float, np.floating)):
        return None if math.isnan(float(v)) else float(v)
    if v is pd.NA:
        return None
    return v


def read(rel: str) -> gpd.GeoDataFrame:
    path = SHARED / rel
    if not path.exists():
        raise SystemExit(f"missing source file {path} (this script reads ../shared/data; see SOURCES.md)")
    return gpd.read_file(path)


def geodesic_area_km2(geom: Any) -> float:
    return abs(GEOD.geometry_area_perimeter(geom)[0]) / 1e6


# ----------------------------------------------------------------------------------------------- eez
def build_eez() -> gpd.GeoDataFrame:
    print("eez: Marine Regions v10 simplified")
    g = read("maritime/eez_v10_world_simplified.geojson")
    invalid = [str(n) for n, ok in zip(g.GeoName, g.is_valid, strict=True) if not ok]
    print(f"  invalid before repair: {invalid}")
    g["geometry"] = [polygonal(shapely.make_valid(x)) for x in g.geometry.values]
    assert g.is_valid.all()
    g["GeoName"] = g["GeoName"].replace(NAME_FIXES)
    # Sovereign ISO3: the territory code of the rows where the territory is the sovereign itself.
    sov_iso: dict[str, str] = {}
    for k in ("1", "2", "3"):
        same = g[g[f"Territory{k}"] == g[f"Sovereign{k}"]]
        for s, iso in zip(same[f"Sovereign{k}"], same[f"ISO_Ter{k}"], strict=True):
            if isinstance(s, str) and isinstance(iso, str):
                sov_iso.setdefault(s, iso)
    for k in ("1", "2", "3"):
        g[f"ISO_Sov{k}"] = [
            sov_iso.get(s, t if isinstance(t, str) else None) if isinstance(s, str) else None
            for s, t in zip(g[f"Sovereign{k}"], g[f"ISO_Ter{k}"], strict=True)
        ]
    keep = [
        "MRGID", "GeoName", "Pol_type",
        "Territory1", "Sovereign1", "ISO_Ter1", "ISO_Sov1",
        "Territory2", "Sovereign2", "ISO_Ter2", "ISO_Sov2",
        "Territory3", "Sovereign3", "ISO_Ter3", "ISO_Sov3",
        "Area_km2", "geometry",
    ]  # fmt: skip
    g = g[keep].sort_values("MRGID", kind="stable").reset_index(drop=True)
    write_geojson(
        g,
        OUT / "eez_v10_world.geojson",
        meta={
            "source": "Marine Regions World EEZ v10 (2018-02-21), simplified; geometry repaired (make_valid)",
            "attribution": "Flanders Marine Institute (2018). Maritime Boundaries Geodatabase, version 10. "
            "marineregions.org",
            "licence": "CC BY 4.0 (Marine Regions)",
            "built_by": "data/build/build_maritime.py",
        },
    )
    return g


def _eez() -> gpd.GeoDataFrame:
    return gpd.read_file(OUT / "eez_v10_world.geojson")


# ----------------------------------------------------------------------------------------------- land
def _claimants(row: Any) -> list[str]:
    out = []
    for k in ("1", "2", "3"):
        s = row[f"Sovereign{k}"]
        if isinstance(s, str) and s and s not in out:
            out.append(s)
    return out


def _disputed_claim(part: Any, eez: gpd.GeoDataFrame, tree: shapely.STRtree) -> tuple[str, ...] | None:
    """Claimants when most of the sea ring around ``part`` lies in a Marine Regions disputed area."""
    ring = shapely.buffer(part, 0.03).exterior
    n = max(16, min(400, int(ring.length / 0.01)))
    pts = shapely.line_interpolate_point(ring, np.linspace(0, 1, n, endpoint=False), normalized=True)
    idx_pts, idx_eez = tree.query(pts, predicate="intersects")
    if len(idx_pts) == 0:
        return None
    disputed = eez.Pol_type.to_numpy()[idx_eez] == "Disputed"
    n_hit = len(set(idx_pts.tolist()))
    n_disp = len(set(idx_pts[disputed].tolist()))
    if n_disp * 2 <= n_hit:
        return None
    rows = pd.Series(idx_eez[disputed]).value_counts().index[0]
    return tuple(sorted(_claimants(eez.iloc[rows])))


def land_10m_ext() -> gpd.GeoDataFrame:
    """Natural Earth 10m land per state inside the extended box (countries + minor islands)."""
    eez = _eez()
    tree = shapely.STRtree(eez.geometry.values)
    c = read("natural_earth/10m_east_asia/ne_10m_admin_0_countries_deu_east_asia_whole.geojson")
    ext = box(*EXT)
    rows: list[dict[str, Any]] = []
    for _, r in c.iterrows():
        geom = polygonal(shapely.make_valid(r.geometry).intersection(ext))
        for part in shapely.get_parts(geom):
            state = NE_TO_MR.get(r.SOVEREIGNT, r.SOVEREIGNT)
            admin = r.ADMIN
            claim = _disputed_claim(part, eez, tree)
            if r.TYPE == "Indeterminate" and claim is None:
                claim = ("",)
            rows.append(_land_row(part, state, admin, claim))
    countries = shapely.union_all([x["geometry"] for x in rows])
    mi = read("natural_earth/10m_east_asia/ne_10m_minor_islands_coastline_100E-170E_10N-65N.geojson")
    n_minor = 0
    for line in mi.geometry.values:
        coords = shapely.get_coordinates(line)
        if len(coords) < 4 or not shapely.is_closed(line):
            continue
        poly = polygonal(shapely.make_valid(shapely.Polygon(coords)))
        if poly.is_empty or countries.contains(poly.representative_point()):
            continue
        for part in shapely.get_parts(poly):
            claim = _disputed_claim(part, eez, tree)
            if claim is None:
                hits = tree.query(part.representative_point(), predicate="intersects")
                if len(hits) == 0:
                    hits = tree.query_nearest(part.representative_point())
                e = eez.iloc[int(hits[0])]
                state = e.Sovereign1 if isinstance(e.Sovereign1, str) else ""
                rows.append(_land_row(part, state, state, None))
            else:
                rows.append(_land_row(part, claim[0] if claim else "", "", claim))
            n_minor += 1
    print(f"  {n_minor} minor islands added")
    return gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")


def build_land() -> gpd.GeoDataFrame:
    print("land: Natural Earth 10m (box) + 110m (rest of the world)")
    land = land_10m_ext()
    # Outside the coverage box: Natural Earth 110m countries, coarse.
    w = read("natural_earth/110m/ne_110m_admin_0_countries.geojson")
    cover = box(*COVER)
    out_rows = []
    for _, r in w.iterrows():
        geom = polygonal(shapely.make_valid(r.geometry).difference(cover))
        if geom.is_empty:
            continue
        state = NE_TO_MR.get(r.SOVEREIGNT, r.SOVEREIGNT)
        out_rows.append(_land_row(geom, state, r.ADMIN, None, resolution="110m"))
    inner = land.copy()
    inner["geometry"] = [polygonal(shapely.clip_by_rect(g, *COVER)) for g in inner.geometry.values]
    inner = inner[~inner.geometry.is_empty]
    # Dissolve per (state, admin, claimants, disputed, resolution) to keep the file compact.
    allrows = pd.concat([inner, gpd.GeoDataFrame(out_rows, geometry="geometry", crs="EPSG:4326")])
    keys = ["state", "admin", "claimants", "disputed", "resolution"]
    allrows = allrows.dissolve(by=keys, as_index=False, sort=True)[[*keys, "geometry"]]
    write_geojson(
        allrows,
        OUT / "land.geojson",
        meta={
            "source": "Natural Earth 10m countries (NE 5.1.1, German point of view) and minor islands "
            f"inside lon {COVER[0]}..{COVER[2]}, lat {COVER[1]}..{COVER[3]}; Natural Earth 110m outside",
            "attribution": "Made with Natural Earth. Free vector and raster map data @ naturalearthdata.com.",
            "licence": "public domain",
            "coverage_bbox": list(COVER),
            "built_by": "data/build/build_maritime.py",
        },
    )
    return allrows


def _land_row(
    geom: Any, state: str, admin: str, claim: tuple[str, ...] | None, *, resolution: str = "10m"
) -> dict[str, Any]:
    """``state`` is the one state, or all claimants joined with " / " where the land is disputed."""
    disputed = claim is not None and len([c for c in claim if c]) != 1
    claimants = " / ".join(c for c in claim if c) if claim is not None else state
    return {
        "state": claimants if disputed else state,
        "admin": admin,
        "claimants": claimants,
        "disputed": disputed,
        "resolution": resolution,
        "geometry": geom,
    }


# ----------------------------------------------------------------------------------------------- coast
def coast_lines(land: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Sea coast per state: land boundary minus land borders and minus the extended box's cut edges."""
    inner = (EXT[0] + 0.01, EXT[1] + 0.01, EXT[2] - 0.01, EXT[3] - 0.01)
    by_state = land.dissolve(by="state", as_index=False, sort=True)
    rows = []
    for i, r in by_state.iterrows():
        others = shapely.union_all(by_state.geometry.drop(index=i).values)
        line = shapely.boundary(r.geometry).difference(others)
        line = lineal(shapely.clip_by_rect(line, *inner))
        if not line.is_empty:
            rows.append({"state": r.state, "disputed": bool(r.disputed), "geometry": line})
    return gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")


def build_coastline() -> gpd.GeoDataFrame:
    print("coastline: per state and first-level region, from the 10m land")
    coast = coast_lines(land_10m_ext())
    prov = read("natural_earth/10m_east_asia/ne_10m_admin_1_states_provinces_east_asia.geojson")
    prov_state = np.array([NE_TO_MR.get(a, a) for a in prov.admin], dtype=object)
    rows = []
    for r in coast.itertuples(index=False):
        mine = prov[prov_state == r.state]
        ptree = shapely.STRtree(mine.geometry.values)
        segs = []
        for line in shapely.get_parts(r.geometry):
            c = shapely.get_coordinates(line)
            segs.append(np.stack([c[:-1], c[1:]], axis=1))
        seg = np.concatenate(segs)
        mid = shapely.points(seg.mean(axis=1))
        qi, pi = ptree.query_nearest(mid, max_distance=0.3, all_matches=False)
        region = np.full(len(seg), "", dtype=object)
        region[qi] = mine.name_en.to_numpy()[pi]
        for name in sorted(set(region.tolist())):
            sel = seg[region == name]
            line = lineal(shapely.multilinestrings(list(sel)))
            rows.append({"state": r.state, "region": name, "disputed": r.disputed, "geometry": line})
    out = gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")
    out["geometry"] = [lineal(shapely.clip_by_rect(g, *COVER)) for g in out.geometry.values]
    out = out[~out.geometry.is_empty].reset_index(drop=True)
    write_geojson(
        out,
        OUT / "coastline.geojson",
        meta={
            "source": "Natural Earth 10m countries and minor islands (coast = land boundary minus land "
            "borders); regions from Natural Earth 10m admin-1",
            "attribution": "Made with Natural Earth. Free vector and raster map data @ naturalearthdata.com.",
            "licence": "public domain",
            "coverage_bbox": list(COVER),
            "built_by": "data/build/build_maritime.py",
        },
    )
    return out


# ------------------------------------------------------------------------------------- territorial seas
def _aeqd_buffer(geom: Any, distance_km: float) -> Any:
    """Geodesic buffer of a small lon/lat geometry (≲ 300 km across) in an azimuthal equidistant
    projection centred on it. Scale error at d km from the centre is about (d/6371)^2/6: < 1e-4
    (2 m on 22 km) for d < 150 km. Used only when ``geo.geodesy.buffer_region`` is unavailable."""
    from pyproj import Transformer

    c = geom.envelope.centroid
    crs = f"+proj=aeqd +lat_0={c.y} +lon_0={c.x} +datum=WGS84 +units=m"
    fwd = Transformer.from_crs("EPSG:4326", crs, always_xy=True)
    inv = Transformer.from_crs(crs, "EPSG:4326", always_xy=True)
    g = shapely.transform(geom, lambda xy: np.column_stack(fwd.transform(xy[:, 0], xy[:, 1])))
    b = shapely.buffer(g, distance_km * 1000.0, quad_segs=16)
    return shapely.transform(b, lambda xy: np.column_stack(inv.transform(xy[:, 0], xy[:, 1])))


def geodesic_buffer(geom: Any, distance_km: float, *, tile_deg: float = 2.0) -> tuple[Any, str]:
    """Union of geodesic buffers; ``geo.geodesy.buffer_region`` when it exists, else tiled AEQD buffers.

    Tiling is exact for a buffer: buffer(A ∪ B) = buffer(A) ∪ buffer(B), and cut edges lie inside land.
    """
    try:
        from geo.geodesy import buffer_region  # type: ignore[attr-defined]
    except ImportError:
        buffer_region = None
    if buffer_region is not None:
        return buffer_region(geom, distance_km, tolerance_km=0.05), "geo.geodesy.buffer_region"
    x0, y0, x1, y1 = geom.bounds
    out = []
    for tx in np.arange(math.floor(x0 / tile_deg) * tile_deg, x1, tile_deg):
        for ty in np.arange(math.floor(y0 / tile_deg) * tile_deg, y1, tile_deg):
            piece = shapely.clip_by_rect(geom, tx, ty, tx + tile_deg, ty + tile_deg)
            piece = polygonal(piece)
            if piece.is_empty:
                continue
            out.append(_aeqd_buffer(piece, distance_km))
    return shapely.union_all(out), "tiled azimuthal-equidistant buffers (build_maritime.geodesic_buffer)"


def build_territorial() -> gpd.GeoDataFrame:
    print("territorial: 12 NM from the Natural Earth 10m coastline (normal baselines)")
    land = land_10m_ext()
    all_land = shapely.union_all(land.geometry.values)
    by_state = land.dissolve(by=["state", "disputed"], as_index=False, sort=True)
    rows = []
    method = ""
    for r in by_state.itertuples(index=False):
        t = time.perf_counter()
        buf, method = geodesic_buffer(r.geometry, TERRITORIAL_SEA_KM)
        ts = polygonal(shapely.clip_by_rect(shapely.difference(buf, all_land), *COVER))
        if ts.is_empty:
            continue
        rows.append({"state": r.state, "disputed": bool(r.disputed), "geometry": ts})
        took = time.perf_counter() - t
        print(f"  {r.state or '(unassigned)'}: {geodesic_area_km2(ts):,.0f} km², {took:.1f} s")
    out = gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")
    write_geojson(
        out,
        OUT / "territorial_sea.geojson",
        meta={
            "source": "12 nautical miles (22.224 km) measured geodesically (WGS84) from the Natural Earth "
            "10m low-water coastline (countries NE 5.1.1 + minor islands); normal baselines only, "
            "no straight baselines; land removed; overlapping belts of neighbours kept in both features",
            "method": method,
            "attribution": "Computed by Launch Atlas from Natural Earth (public domain)",
            "licence": "public domain (derived from Natural Earth)",
            "coverage_bbox": list(COVER),
            "built_by": "data/build/build_maritime.py",
        },
    )
    return out


# ------------------------------------------------------------------------------------- OSM comparison
OSM_STATES = {
    "Japan": "JPN",
    "South Korea": "KOR",
    "North Korea": "PRK",
    "China": "CHN",
    "Russia": "RUS",
    "Taiwan": "TWN",
    "Philippines": "PHL",
}


def _boundary_samples(geom: Any, step_deg: float = 0.02) -> Any:
    pts = []
    for ring in shapely.get_parts(shapely.boundary(geom)):
        n = max(2, int(ring.length / step_deg))
        where = np.linspace(0, 1, n, endpoint=False)
        pts.append(shapely.line_interpolate_point(ring, where, normalized=True))
    return np.concatenate(pts) if pts else np.array([])


def _to_km(samples: Any, target: Any) -> np.ndarray:
    """Geodesic distance (km) from each sample point to its nearest point on ``target`` (nearest in
    lon/lat, distance measured geodesically)."""
    near = shapely.shortest_line(samples, target)
    c = shapely.get_coordinates(near).reshape(-1, 2, 2)
    _, _, d = GEOD.inv(c[:, 0, 0], c[:, 0, 1], c[:, 1, 0], c[:, 1, 1])
    return np.asarray(d) / 1000.0


def build_osm_comparison() -> dict[str, Any]:
    """Compare land + 12 NM per state with OpenStreetMap's "countries with territorial waters"."""
    print("osm: compare the computed territorial seas with OpenStreetMap")
    osm = read("maritime/osm_countries_with_territorial_waters.geojson")
    ts = gpd.read_file(OUT / "territorial_sea.geojson")
    land = gpd.read_file(OUT / "land.geojson")
    cover = box(*COVER)
    # Sea-facing outer boundary only: drop the parts on the coverage box edges.
    inner = shapely.buffer(cover.exterior, 0.05)
    figures: dict[str, Any] = {}
    for state, iso in OSM_STATES.items():
        mine = shapely.union_all(
            [*ts[ts.state == state].geometry.values, *land[(land.state == state)].geometry.values]
        )
        mine = polygonal(shapely.intersection(mine, cover))
        theirs = polygonal(shapely.intersection(shapely.make_valid(osm[osm.isoA3 == iso].union_all()), cover))
        if mine.is_empty or theirs.is_empty:
            continue
        sym = polygonal(shapely.symmetric_difference(mine, theirs))
        a_osm = geodesic_area_km2(theirs)
        a_sym = geodesic_area_km2(sym)
        s_mine = _boundary_samples(mine)
        s_mine = s_mine[~shapely.intersects(inner, s_mine)]
        d = _to_km(s_mine, shapely.boundary(theirs))
        s_osm = _boundary_samples(theirs)
        s_osm = s_osm[~shapely.intersects(inner, s_osm)]
        d2 = _to_km(s_osm, shapely.boundary(mine))
        figures[state] = {
            "osm_area_km2": round(a_osm),
            "computed_area_km2": round(geodesic_area_km2(mine)),
            "symmetric_difference_km2": round(a_sym),
            "symmetric_difference_share": round(a_sym / a_osm, 4),
            "computed_to_osm_boundary_km": {
                "median": round(float(np.median(d)), 2),
                "p95": round(float(np.percentile(d, 95)), 2),
                "max": round(float(d.max()), 2),
            },
            "osm_to_computed_boundary_km": {
                "median": round(float(np.median(d2)), 2),
                "p95": round(float(np.percentile(d2, 95)), 2),
                "max": round(float(d2.max()), 2),
            },
        }
        print(f"  {state}: {figures[state]}")
    doc = {
        "what": "Land + computed 12 NM territorial sea per state vs OpenStreetMap countries with territorial "
        f"waters, both clipped to lon {COVER[0]}..{COVER[2]}, lat {COVER[1]}..{COVER[3]}. Differences come "
        "mostly from straight baselines (OSM measures from them; we use the Natural Earth coastline) and "
        "from coastline generalisation. Boundary distances sample the outer boundaries every 0.02 degrees.",
        "osm_source": "osm_countries_with_territorial_waters.geojson, "
        "© OpenStreetMap contributors (ODbL 1.0)",
        "states": figures,
    }
    path = OUT / "territorial_sea_osm_comparison.json"
    path.write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"  wrote {path.relative_to(ROOT)}")
    return doc


# ----------------------------------------------------------------------------------------------- seas
SEAS_BBOXES = ((100.0, 0.0, 180.0, 66.0), (-180.0, 0.0, -150.0, 66.0))


def build_seas() -> gpd.GeoDataFrame:
    print("seas: Natural Earth 10m marine areas")
    m = read("natural_earth/10m_world/ne_10m_geography_marine_polys.geojson")
    m = m[m.name.notna()].copy()
    m["geometry"] = [
        polygonal(shapely.union_all([shapely.clip_by_rect(shapely.make_valid(g), *b) for b in SEAS_BBOXES]))
        for g in m.geometry
    ]
    m = m[~m.geometry.is_empty]
    m["name"] = [n.title() if n.isupper() else n for n in m.name]
    m["name_alt"] = m.namealt.where(m.namealt.notna(), "")
    out = m[["name", "name_alt", "featurecla", "scalerank", "geometry"]].rename(
        columns={"featurecla": "kind"}
    )
    out = out.sort_values(["scalerank", "name"], kind="stable").reset_index(drop=True)
    write_geojson(
        out,
        OUT / "named_seas.geojson",
        decimals=4,
        meta={
            "source": "Natural Earth 10m geography marine polygons (v4.0), clipped to lon 100..180 and "
            "-180..-150, lat 0..66",
            "attribution": "Made with Natural Earth. Free vector and raster map data @ naturalearthdata.com.",
            "licence": "public domain",
            "built_by": "data/build/build_maritime.py",
        },
    )
    return out


# ----------------------------------------------------------------------------------------------- display
def build_display() -> None:
    """Simplified copies for drawing (never for analysis): EEZ at ~1 km, territorial seas at ~200 m."""
    print("display: simplified outlines for drawing")
    from geo.maritime import load_eez

    eez = load_eez(OUT / "eez_v10_world.geojson")
    eez["geometry"] = shapely.simplify(eez.geometry.values, 0.01, preserve_topology=True)
    eez = eez[["mrgid", "name", "sovereign", "sovereign_iso3", "pol_type", "joint", "disputed", "geometry"]]
    write_geojson(
        eez,
        OUT / "eez_display.geojson",
        decimals=4,
        meta={
            "use": "drawing only (simplified 0.01 degree); analysis uses eez_v10_world.geojson",
            "attribution": "Flanders Marine Institute (2018). Maritime Boundaries Geodatabase, version 10. "
            "marineregions.org",
            "licence": "CC BY 4.0 (Marine Regions)",
            "built_by": "data/build/build_maritime.py",
        },
    )
    ts = gpd.read_file(OUT / "territorial_sea.geojson")
    ts["geometry"] = shapely.simplify(ts.geometry.values, 0.002, preserve_topology=True)
    write_geojson(
        ts,
        OUT / "territorial_sea_display.geojson",
        decimals=4,
        meta={
            "use": "drawing only (simplified 0.002 degree); analysis uses territorial_sea.geojson",
            "attribution": "Computed by Launch Atlas from Natural Earth (public domain)",
            "licence": "public domain (derived from Natural Earth)",
            "built_by": "data/build/build_maritime.py",
        },
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--only", choices=sorted(STEPS), action="append")
    args = ap.parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    for name in args.only or list(STEPS):
        t = time.perf_counter()
        STEPS[name]()
        print(f"  {name}: {time.perf_counter() - t:.1f} s")
    return 0


STEPS: dict[str, Callable[[], Any]] = {
    "eez": build_eez,
    "land": build_land,
    "coastline": build_coastline,
    "territorial": build_territorial,
    "seas": build_seas,
    "osm": build_osm_comparison,
    "display": build_display,
}

if __name__ == "__main__":
    raise SystemExit(main())
