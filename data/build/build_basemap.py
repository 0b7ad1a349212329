"""Build the offline basemap layers in ``data/basemap/`` from Natural Earth (public domain).

Usage::

    python data/build/build_basemap.py [--shared ../shared/data]

Writes four small GeoJSON files (WGS84 lon/lat, RFC 7946 ordering, coordinates rounded to 3 decimals,
about 110 m, which is far below what a screen shows at the scales the app uses):

- ``land.geojson``: land polygons: Natural Earth **10m** inside the East Asia box (lon 100..170,
  lat 10..65: Korea, Japan, China's coast, the Russian Far East) and **50m** everywhere else, so the
  Korea/Japan view is detailed and the whole-world view (ICBM ranges reach the Americas) stays light.
- ``coastline.geojson``: coastlines, same composite (10m + 10m minor islands in the box, 50m outside).
- ``borders.geojson``: land boundaries between countries (10m in the box, 50m outside).
- ``seas.geojson``: one label point per named sea/ocean/gulf/strait (Natural Earth marine polygons:
  ``name``, ``featurecla``, ``scalerank``), placed at a point inside each polygon.

Every line/polygon is simplified with Douglas-Peucker (topology preserved) in degrees: this is display
generalisation of an outline, never a distance computation (ranges and buffers are geodesic, elsewhere).
The output is deterministic: same inputs, same bytes.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from pathlib import Path
from typing import Any

import geopandas as gpd
import shapely
from shapely.geometry import box, mapping

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "data" / "basemap"
DEFAULT_SHARED = ROOT.parent / "shared" / "data"

#: lon_min, lat_min, lon_max, lat_max of the detailed (10m) region.
DETAIL_BOX = (100.0, 10.0, 170.0, 65.0)
#: Douglas-Peucker tolerances in degrees (10m region / rest of the world).
TOL_DETAIL_DEG = 0.01
TOL_WORLD_DEG = 0.05
DECIMALS = 3


def _read(path: Path) -> gpd.GeoDataFrame:
    gdf = gpd.read_file(path)
    gdf = gdf[gdf.geometry.notna() & ~gdf.geometry.is_empty].copy()
    gdf.geometry = shapely.make_valid(gdf.geometry.values)
    return gdf


def _clip(gdf: gpd.GeoDataFrame, *, inside: bool) -> list[Any]:
    """Geometries clipped to the detail box (inside=True) or to the world minus the box."""
    detail = box(*DETAIL_BOX)
    out = []
    for geom in gdf.geometry:
        g = geom.intersection(detail) if inside else geom.difference(detail)
        if not g.is_empty:
            out.append(g)
    return out


def _keep_dim(geom: Any, dim: int) -> Any:
    """Drop parts of a lower dimension (clipping a polygon can leave slivers as lines or points)."""
    parts = shapely.get_parts(geom)
    kept = [p for p in parts if shapely.get_dimensions(p) == dim and not p.is_empty]
    if not kept:
        return None
    if dim == 2:
        return shapely.union_all(kept) if len(kept) > 1 else kept[0]
    return shapely.line_merge(shapely.MultiLineString(kept)) if len(kept) > 1 else kept[0]


def _simplify(geoms: list[Any], tol: float, dim: int) -> list[Any]:
    out = []
    for g in geoms:
        s = shapely.simplify(g, tol, preserve_topology=True)
        s = shapely.set_precision(s, 10**-DECIMALS)
        s = _keep_dim(s, dim)
        if s is None or s.is_empty:
            continue
        if dim == 2 and s.area < tol * tol:
            continue  # islands smaller than the tolerance vanish at this scale
        out.append(s)
    return out


def _round(obj: Any) -> Any:
    if isinstance(obj, dict):
        return {k: _round(v) for k, v in obj.items()}
    if isinstance(obj, float):
        return round(obj, DECIMALS)
    if isinstance(obj, list | tuple):
        return [_round(x) for x in obj]
    return obj


def _write(name: str, features: list[dict[str, Any]]) -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    fc = {"type": "FeatureCollection", "features": features}
    text = json.dumps(fc, separators=(",", ":"), ensure_ascii=False, sort_keys=True)
    (OUT / name).write_text(text + "\n", encoding="utf-8")
    return len(text)


def _features(geoms: list[Any], props: dict[str, Any]) -> list[dict[str, Any]]:
    feats = []
    for g in geoms:
        gm = mapping(shapely.geometry.polygon.orient(g, 1.0) if g.geom_type == "Polygon" else g)
        if g.geom_type == "MultiPolygon":
            gm = mapping(shapely.MultiPolygon([shapely.geometry.polygon.orient(p, 1.0) for p in g.geoms]))
        feats.append({"type": "Feature", "properties": dict(props), "geometry": _round(gm)})
    return feats


def _composite(detail: list[Path], world: list[Path], dim: int) -> list[dict[str, Any]]:
    feats: list[dict[str, Any]] = []
    d_geoms: list[Any] = []
    for p in detail:
        d_geoms += _clip(_read(p), inside=True)
    w_geoms: list[Any] = []
    for p in world:
        w_geoms += _clip(_read(p), inside=False)
    d_geoms = [x for x in (_keep_dim(g, dim) for g in d_geoms) if x is not None]
    w_geoms = [x for x in (_keep_dim(g, dim) for g in w_geoms) if x is not None]
    if dim == 2:  # one multipolygon per source: fewer features, smaller file
        d_geoms = [shapely.union_all(d_geoms)]
        w_geoms = [shapely.union_all(w_geoms)]
    feats += _features(_simplify(d_geoms, TOL_DETAIL_DEG, dim), {"detail": "10m"})
    feats += _features(_simplify(w_geoms, TOL_WORLD_DEG, dim), {"detail": "50m"})
    return feats


def _on_box_edge(a: tuple[float, float], b: tuple[float, float]) -> bool:
    """True when the segment a-b lies along an edge of the detail box (a clipping seam, not a coast)."""
    x0, y0, x1, y1 = DETAIL_BOX
    return any((a[i] == v and b[i] == v) for i, v in ((0, x0), (0, x1), (1, y0), (1, y1)))


def _coastline(land: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Coastlines as the outlines of the shipped land polygons, minus the seams along the detail box.

    Deriving them from the land layer (rather than shipping Natural Earth's coastline files too) keeps
    fill and outline exactly in register and halves the bytes sent to the browser.
    """
    feats = []
    for feat in land:
        lines: list[list[Any]] = []
        geom = shapely.geometry.shape(feat["geometry"])
        for ring in shapely.get_parts(shapely.boundary(geom)):
            coords = [tuple(c) for c in ring.coords]
            current: list[Any] = [coords[0]]
            for a, b in itertools.pairwise(coords):
                if _on_box_edge(a, b):
                    if len(current) > 1:
                        lines.append(current)
                    current = [b]
                else:
                    current.append(b)
            if len(current) > 1:
                lines.append(current)
        merged = shapely.line_merge(shapely.MultiLineString(lines))
        feats += _features([merged], dict(feat["properties"]))
    return feats


def build(shared: Path) -> dict[str, int]:
    ne = shared / "natural_earth"
    ea = ne / "10m_east_asia"
    sizes = {}
    land = _composite([ea / "ne_10m_land_100E-170E_10N-65N.geojson"], [ne / "50m" / "ne_50m_land.geojson"], 2)
    sizes["land.geojson"] = _write("land.geojson", land)
    sizes["coastline.geojson"] = _write("coastline.geojson", _coastline(land))
    sizes["borders.geojson"] = _write(
        "borders.geojson",
        _composite(
            [ea / "ne_10m_admin_0_boundary_lines_land_100E-170E_10N-65N.geojson"],
            [ne / "50m" / "ne_50m_admin_0_boundary_lines_land.geojson"],
            1,
        ),
    )
    seas = _read(ne / "10m_world" / "ne_10m_geography_marine_polys.geojson")
    seas = seas[seas["name"].notna() & seas["featurecla"].isin(["ocean", "sea", "gulf", "bay", "strait"])]
    # Several polygons can share a name (an ocean split at 180°): label the largest part only.
    seas = seas.assign(_area=shapely.area(seas.geometry.values)).sort_values(
        ["name", "_area"], ascending=[True, False]
    )
    seas = seas.drop_duplicates("name")
    feats = []
    for row in seas.itertuples():
        name = (
            " ".join(str(row.name).split()).title()
            if str(row.name).isupper()
            else " ".join(str(row.name).split())
        )
        pt = row.geometry.representative_point()
        feats.append(
            {
                "type": "Feature",
                "properties": {"name": name, "featurecla": row.featurecla, "scalerank": int(row.scalerank)},
                "geometry": _round(mapping(pt)),
            }
        )
    sizes["seas.geojson"] = _write("seas.geojson", feats)
    return sizes


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="the shared data folder")
    args = ap.parse_args(argv)
    if not (args.shared / "natural_earth").is_dir():
        print(f"no natural_earth folder under {args.shared}", file=sys.stderr)
        return 2
    for name, size in build(args.shared).items():
        print(f"{name}: {size / 1024:.0f} KiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
