"""Maritime zones: whose waters is a point or an impact zone in?

Layers (shipped in ``data/maritime/``, built by ``data/build/build_maritime.py``):

* **EEZ**: Marine Regions World EEZ v10 (simplified; repaired), or a user's own v11/v12 download
  (:func:`read_user_eez`). Marine Regions polygons include internal and archipelagic waters, so an EEZ
  hit is only reported as "eez" when the point is neither on land nor inside a territorial sea.
* **Territorial seas**: 12 nautical miles (22.224 km) measured geodesically from the low-water
  coastline *as drawn by Natural Earth 10m* (normal baselines). Straight baselines and bay closing
  lines are **not** applied, so real territorial seas reach further where a state draws straight
  baselines (much of the Chinese, Korean and Japanese coasts). Where two states' 12 NM belts overlap
  both are reported; in parts of the Korea (Tsushima) Strait Japan and South Korea actually claim only
  3 NM. Computed for the coverage box only (:data:`COVERAGE_BBOX`, lon 100..170, lat 10..65).
* **Land**, **coastline** (per state, with the first-level region of the coast), **named seas**.
  Disputed land (southern Kurils, Liancourt Rocks, Senkaku Islands: where Marine Regions has a
  disputed area) and its territorial sea carry all claimants ("Japan / Russia"), never one of them;
  so do joint regimes and overlapping claims in the EEZ layer.

Analysis always runs on the full-resolution shipped geometry; :func:`simplified_for_display` and the
``*_display.geojson`` files are for drawing only. Coordinates are (lon, lat) in degrees on WGS84;
distances in km (geodesic, GeographicLib through ``pyproj.Geod``), areas in km² (geodesic).

Examples
--------
>>> mz = MaritimeZones.load()
>>> r = mz.analyse_point(136.07, 40.16)   # 800 km from Yangdok on bearing 80 degrees (2021-09-15)
>>> r.zone, r.state
('eez', 'Japan')
>>> mz.classify_points([138.2, 127.52], [36.2, 30.84])[["zone", "state", "joint"]].values.tolist()
[['land', 'Japan', False], ['eez', 'South Korea / Japan', True]]
"""

from __future__ import annotations

import io
import json
import math
import tempfile
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, Literal

import geopandas as gpd
import numpy as np
import numpy.typing as npt
import pandas as pd
import shapely
from pyproj import Geod
from shapely.geometry import shape

from geo.geodesy import geodesic_area_km2
from geo.paths import DATA_DIR

__all__ = [
    "COVERAGE_BBOX",
    "DEFAULT_MAX_USER_EEZ_BYTES",
    "EEZ_ATTRIBUTION",
    "NAUTICAL_MILE_KM",
    "POL_TYPES",
    "TERRITORIAL_SEA_CAVEAT",
    "TERRITORIAL_SEA_KM",
    "ZONES",
    "CoastDistance",
    "MaritimeDataError",
    "MaritimeZones",
    "ZoneReport",
    "ZoneShare",
    "load_coastline",
    "load_eez",
    "load_land",
    "load_named_seas",
    "load_territorial_seas",
    "normalize_eez",
    "polygon_from_geojson",
    "read_user_eez",
    "simplified_for_display",
]

#: One international nautical mile in km (exact).
NAUTICAL_MILE_KM: float = 1.852
#: Breadth of the territorial sea (UNCLOS art. 3): 12 NM = 22.224 km.
TERRITORIAL_SEA_KM: float = 12 * NAUTICAL_MILE_KM
#: Where land, coastline and territorial seas are complete: (lon_min, lat_min, lon_max, lat_max).
COVERAGE_BBOX: tuple[float, float, float, float] = (100.0, 10.0, 170.0, 65.0)
#: Zone categories, in order of precedence (a point on land is land, not EEZ).
ZONES: tuple[str, ...] = ("land", "territorial sea", "eez", "high seas")
#: Marine Regions polygon types (v11/v12 naming; v10's "Disputed" is read as "Overlapping claim").
POL_TYPES: tuple[str, ...] = ("200NM", "Joint regime", "Overlapping claim")
#: Upload limit for :func:`read_user_eez` (the full-resolution v12 GeoPackage zip is about 120 MB).
DEFAULT_MAX_USER_EEZ_BYTES: int = 300 * 1024 * 1024
#: Attribution of the shipped EEZ layer.
EEZ_ATTRIBUTION: str = (
    "Flanders Marine Institute (2018). Maritime Boundaries Geodatabase, version 10. marineregions.org"
)
#: Plain-language caveat that goes with every territorial-sea statement.
TERRITORIAL_SEA_CAVEAT: str = (
    "Territorial seas here are 12 nautical miles (22.2 km) measured from the coastline as drawn by "
    "Natural Earth 10m (normal baselines); the straight baselines many states draw are not applied, "
    "so real territorial seas can reach further out, and internal waters (bays, inland seas) are "
    "reported as territorial sea."
)
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

_GEOD = Geod(ellps="WGS84")
_SHP_MAGIC = b"\x00\x00\x27\x0a"
_DETECT: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (_SHP_MAGIC, "a bare .shp file (its .shx and .dbf companions are missing)"),
)
_REQUIRED = ("MRGID", "GEONAME", "POL_TYPE", "SOVEREIGN1")
_POL_TYPE_MAP = {
    "200nm": "200NM",
    "joint regime": "Joint regime",
    "overlapping claim": "Overlapping claim",
    "disputed": "Overlapping claim",
}
_SEP = " / "
_EEZ_COLUMNS = ("mrgid", "name", "sovereign", "sovereign_iso3", "pol_type", "joint", "disputed")
#: Zone pieces smaller than this (km²) are slivers between simplified polygons, not areas.
_SLIVER_KM2 = 0.01


class MaritimeDataError(ValueError):
    """A maritime boundary file that cannot be used, with what was found, what is expected and the fix."""


# ================================================================================================ helpers
def _normalize_lon(lon: npt.ArrayLike) -> npt.NDArray[np.float64]:
    """Longitudes wrapped to [-180, 180)."""
    a = np.asarray(lon, dtype=np.float64)
    return np.asarray(((a + 180.0) % 360.0) - 180.0, dtype=np.float64)


def _polygonal(geom: Any) -> Any:
    """The polygonal part of a geometry as a MultiPolygon (``make_valid`` may return collections)."""
    if geom is None or shapely.is_empty(geom):
        return shapely.MultiPolygon()
    polys: list[Any] = []
    for p in shapely.get_parts(geom):
        if p.geom_type == "Polygon":
            polys.append(p)
        elif p.geom_type in ("MultiPolygon", "GeometryCollection"):
            polys.extend(shapely.get_parts(_polygonal(p)))
    return shapely.MultiPolygon(polys)


def _repair(geom: Any) -> Any:
    if geom is None or shapely.is_empty(geom):
        return shapely.MultiPolygon()
    g = geom if shapely.is_valid(geom) else shapely.make_valid(geom)
    return _polygonal(_wrap_180(g))


def _wrap_180(geom: Any) -> Any:
    """Move parts beyond ±180° of longitude back into [-180, 180] (split at the antimeridian)."""
    xmin, _, xmax, _ = shapely.bounds(geom)
    if xmin >= -180.0 and xmax <= 180.0:
        return geom
    pieces = []
    for shift in (-720.0, -360.0, 0.0, 360.0, 720.0):
        lo, hi = -180.0 - shift, 180.0 - shift
        if xmax <= lo or xmin >= hi:
            continue
        clip = shapely.clip_by_rect(geom, lo, -90.0, hi, 90.0)
        if not shapely.is_empty(clip):
            pieces.append(_shift_lon(clip, shift))
    return shapely.union_all(pieces)


def _shift_lon(geom: Any, shift_deg: float) -> Any:
    offset = np.array([shift_deg, 0.0])

    def move(coords: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        return np.asarray(coords + offset, dtype=np.float64)

    return shapely.transform(geom, move)


def _area_km2(geom: Any) -> float:
    """Geodesic (WGS84) area in km² of the polygonal part of ``geom``; correct for zones larger than
    a hemisphere and for zones closed along a pole (:func:`geo.geodesy.geodesic_area_km2`)."""
    if geom is None or shapely.is_empty(geom):
        return 0.0
    poly = _polygonal(geom)
    return 0.0 if poly.is_empty else float(geodesic_area_km2(poly))


def _join(values: Iterable[Any]) -> str:
    out: list[str] = []
    for v in values:
        if isinstance(v, str) and v.strip() and v.strip() not in out:
            out.append(v.strip())
    return _SEP.join(out)


def _join_states(states: Iterable[str]) -> str:
    """Claimants of several overlapping areas, each state once, sorted: ["Japan", "Japan / Russia"]
    gives "Japan / Russia"."""
    parts = {p.strip() for st in states for p in st.split(_SEP) if p.strip()}
    return _SEP.join(sorted(parts))


def _read_layer(path: Path, *, what: str) -> gpd.GeoDataFrame:
    if not path.exists():
        raise MaritimeDataError(
            f"{what}: {path} is missing; regenerate it with `python data/build/build_maritime.py`"
        )
    gdf = gpd.read_file(path)
    if gdf.crs is None:
        gdf = gdf.set_crs("EPSG:4326")
    return gdf


# ================================================================================================ loaders
def normalize_eez(gdf: gpd.GeoDataFrame, *, source: str = "EEZ layer") -> gpd.GeoDataFrame:
    """Map a Marine Regions EEZ table (v10, v11 or v12 column names, any case) to the analysis schema.

    Parameters
    ----------
    gdf : GeoDataFrame
        Marine Regions polygons with at least ``MRGID``, ``GEONAME``, ``POL_TYPE`` and ``SOVEREIGN1``
        (case-insensitive); optional ``SOVEREIGN2/3``, ``ISO_SOV1..3``, ``ISO_TER1..3``, ``TERRITORY1..3``.
    source : str
        Name used in error messages (the file name).

    Returns
    -------
    GeoDataFrame
        Columns ``mrgid`` (int), ``name``, ``sovereign`` (claimants joined with " / " for joint and
        disputed areas), ``sovereign_iso3`` (joined the same way), ``territory``, ``pol_type``
        (one of :data:`POL_TYPES`), ``joint`` and ``disputed`` (bool), ``geometry`` (valid
        (Multi)Polygons in EPSG:4326, split at 180°).

    Raises
    ------
    MaritimeDataError
        Missing columns or an unknown polygon type, naming what was found and what is expected.
    """
    cols = {str(c).upper(): c for c in gdf.columns if c != gdf.geometry.name}
    missing = [c for c in _REQUIRED if c not in cols]
    if missing:
        found = ", ".join(sorted(cols)) or "no attribute columns"
        raise MaritimeDataError(
            f"{source}: missing column(s) {', '.join(missing)}. Found: {found}. Expected a Marine Regions "
            f"World EEZ layer (v11 or v12: eez_v11 / eez_v12) with columns {', '.join(_REQUIRED)}. "
            "Download 'World EEZ v12' (shapefile or GeoPackage) from marineregions.org/downloads.php and "
            "upload the zip or the .gpkg unchanged."
        )
    if gdf.crs is not None and not gdf.crs.equals("EPSG:4326"):
        gdf = gdf.to_crs("EPSG:4326")

    def col(name: str) -> pd.Series:
        return gdf[cols[name]] if name in cols else pd.Series([None] * len(gdf), index=gdf.index)

    raw_types = col("POL_TYPE").astype("string").str.strip()
    pol = raw_types.str.lower().map(_POL_TYPE_MAP)
    bad = pol.isna()
    if bad.any():
        examples = [
            f"MRGID {m}: {t!r}" for m, t in zip(col("MRGID")[bad][:5], raw_types[bad][:5], strict=True)
        ]
        raise MaritimeDataError(
            f"{source}: {int(bad.sum())} row(s) with an unknown POL_TYPE ({'; '.join(examples)}); "
            f"expected one of {', '.join(POL_TYPES)} (v10's 'Disputed' is accepted as 'Overlapping claim')."
        )
    mrgid = pd.to_numeric(col("MRGID"), errors="coerce")
    if mrgid.isna().any():
        rows = [str(i + 1) for i in np.flatnonzero(mrgid.isna().to_numpy())[:5]]
        raise MaritimeDataError(f"{source}: MRGID is not a number in row(s) {', '.join(rows)}")
    sov = [col(f"SOVEREIGN{k}") for k in "123"]
    iso_sov = [col(f"ISO_SOV{k}") if f"ISO_SOV{k}" in cols else col(f"ISO_TER{k}") for k in "123"]
    ter = [col(f"TERRITORY{k}") for k in "123"]
    out = gpd.GeoDataFrame(
        {
            "mrgid": mrgid.astype("int64").to_numpy(),
            "name": col("GEONAME").astype("string").fillna("").to_numpy(dtype=object),
            "sovereign": [_join(v) for v in zip(*sov, strict=True)],
            "sovereign_iso3": [_join(v) for v in zip(*iso_sov, strict=True)],
            "territory": [_join(v) for v in zip(*ter, strict=True)],
            "pol_type": pol.to_numpy(dtype=object),
        },
        geometry=[_repair(g) for g in gdf.geometry.values],
        crs="EPSG:4326",
    )
    out["joint"] = out["pol_type"] == "Joint regime"
    out["disputed"] = out["pol_type"] == "Overlapping claim"
    out = out[~out.geometry.is_empty].reset_index(drop=True)
    return out


def load_eez(path: Path | str | None = None) -> gpd.GeoDataFrame:
    """The EEZ layer, normalised by :func:`normalize_eez` (shipped Marine Regions v10 by default).

    ``path`` is for code and tests (a server-side file the project controls), never a user's input:
    for uploads use :func:`read_user_eez`.
    """
    p = Path(path) if path is not None else DATA_DIR / "maritime" / "eez_v10_world.geojson"
    return normalize_eez(_read_layer(p, what="EEZ layer"), source=p.name)


def load_territorial_seas(path: Path | str | None = None) -> gpd.GeoDataFrame:
    """12 NM territorial seas per state (columns ``state``, ``disputed``, ``geometry``), full resolution.

    Measured from the Natural Earth 10m low-water coastline (normal baselines, no straight baselines);
    land removed; overlapping belts of neighbouring states are kept (both features cover the overlap).
    """
    p = Path(path) if path is not None else DATA_DIR / "maritime" / "territorial_sea.geojson"
    return _read_layer(p, what="territorial seas")


def load_coastline(path: Path | str | None = None) -> gpd.GeoDataFrame:
    """Sea coast lines per state and first-level region (columns ``state``, ``region``, ``disputed``)."""
    p = Path(path) if path is not None else DATA_DIR / "maritime" / "coastline.geojson"
    return _read_layer(p, what="coastline")


def load_land(path: Path | str | None = None) -> gpd.GeoDataFrame:
    """Land polygons (``state``, ``admin``, ``claimants``, ``disputed``, ``resolution`` '10m' | '110m')."""
    p = Path(path) if path is not None else DATA_DIR / "maritime" / "land.geojson"
    return _read_layer(p, what="land")


def load_named_seas(path: Path | str | None = None) -> gpd.GeoDataFrame:
    """Named marine areas of the region (``name``, ``name_alt``, ``kind``, ``scalerank``)."""
    p = Path(path) if path is not None else DATA_DIR / "maritime" / "named_seas.geojson"
    return _read_layer(p, what="named seas")


def simplified_for_display(gdf: gpd.GeoDataFrame, *, zoom: float) -> gpd.GeoDataFrame:
    """A copy simplified for drawing at a Web-map ``zoom`` (half a screen pixel at the equator).

    Drawing only: never analyse the result. Topology is preserved per feature.

    >>> import geopandas as gpd, shapely
    >>> g = gpd.GeoDataFrame(geometry=[shapely.Point(0, 0).buffer(1, quad_segs=64)], crs="EPSG:4326")
    >>> n = lambda d: int(shapely.get_num_coordinates(d.geometry.values).sum())
    >>> n(simplified_for_display(g, zoom=3)) < n(g)
    True
    """
    if not math.isfinite(zoom) or zoom < 0 or zoom > 24:
        raise ValueError(f"zoom: expected a number in 0..24, got {zoom!r}")
    tol_deg = 0.5 * 360.0 / (256.0 * 2.0**zoom)
    out = gdf.copy()
    out["geometry"] = shapely.simplify(gdf.geometry.values, tol_deg, preserve_topology=True)
    return out


# ================================================================================================ user EEZ
def _what_is(data: bytes) -> str:
    for magic, label in _DETECT:
        if data.startswith(magic):
            return label
    head = data[:200].lstrip()
    if head.startswith((b"{", b"[")):
        return "a JSON / GeoJSON text file"
    if head.startswith(b"<"):
        return "an XML / KML / HTML text file"
    return "an unrecognised file"


def read_user_eez(
    data: bytes,
    *,
    filename: str,
    max_bytes: int = DEFAULT_MAX_USER_EEZ_BYTES,
    max_uncompressed_bytes: int = 2 * 1024 * 1024 * 1024,
) -> gpd.GeoDataFrame:
    """Read a user's Marine Regions World EEZ v11 / v12 download from bytes, in place of the shipped v10.

    Accepted: the shapefile zip (``World_EEZ_v12_20231025.zip`` holding ``eez_v12.shp/.shx/.dbf/.prj``),
    a zip holding the GeoPackage, or the ``.gpkg`` itself. The bytes are written to a temporary
    directory this function creates, under fixed names: nothing from the user names a server path.

    Parameters
    ----------
    data : bytes
        The uploaded file's content.
    filename : str
        The uploaded file's name (used for messages only).
    max_bytes : int
        Upload limit; larger input is refused before anything is parsed.
    max_uncompressed_bytes : int
        Limit on the members of a zip once unpacked (guards against zip bombs).

    Returns
    -------
    GeoDataFrame
        As :func:`normalize_eez`.

    Raises
    ------
    MaritimeDataError
        Anything else, saying what was found, what is expected and how to fix it.
    """
    name = PurePosixPath(filename.replace("\\", "/")).name or "upload"
    if len(data) > max_bytes:
        raise MaritimeDataError(
            f"{name}: {len(data) / 1e6:.1f} MB is over the {max_bytes / 1e6:.0f} MB limit for an EEZ "
            "upload. Upload the Marine Regions World EEZ zip or .gpkg (about 120 MB for v12); if yours is "
            "larger, clip it to your region in QGIS first."
        )
    if not data:
        raise MaritimeDataError(f"{name}: the file is empty")
    with tempfile.TemporaryDirectory(prefix="launch-atlas-eez-") as tmp:
        tmpdir = Path(tmp)
        if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
            candidate = _unzip_eez(data, name=name, into=tmpdir, max_uncompressed=max_uncompressed_bytes)
        elif data.startswith(b"SQLite format 3\x00"):
            candidate = tmpdir / "upload.gpkg"
            candidate.write_bytes(data)
        else:
            raise MaritimeDataError(
                f"{name}: this is {_what_is(data)}, not an EEZ file. Expected the Marine Regions World EEZ "
                "v11 or v12 download: the shapefile zip (with eez_v12.shp, .shx, .dbf, .prj inside) or the "
                "GeoPackage (.gpkg, or its zip)."
            )
        return _read_eez_dataset(candidate, name=name)


def _unzip_eez(data: bytes, *, name: str, into: Path, max_uncompressed: int) -> Path:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise MaritimeDataError(f"{name}: a damaged zip archive ({exc}); download it again") from exc
    with zf:
        infos = [i for i in zf.infolist() if not i.is_dir()]
        listing = ", ".join(PurePosixPath(i.filename).name for i in infos[:12]) or "nothing"
        if len(infos) > 12:
            listing += f", ... ({len(infos)} files)"
        total = sum(i.file_size for i in infos)
        if total > max_uncompressed:
            raise MaritimeDataError(
                f"{name}: the zip unpacks to {total / 1e6:.0f} MB, over the {max_uncompressed / 1e6:.0f} MB "
                "limit; upload only the EEZ polygons (eez_v12.*) or the .gpkg"
            )

        def stem_of(info: zipfile.ZipInfo) -> str:
            return PurePosixPath(info.filename).stem.lower()

        def ext_of(info: zipfile.ZipInfo) -> str:
            return PurePosixPath(info.filename).suffix.lower()

        gpkgs = [i for i in infos if ext_of(i) == ".gpkg"]
        shps = [i for i in infos if ext_of(i) == ".shp"]

        # Prefer the EEZ polygons over the boundary lines shipped in the same download.
        def rank(i: zipfile.ZipInfo) -> tuple[int, str]:
            s = stem_of(i)
            return (0 if s.startswith("eez_v") and "boundar" not in s else 1, s)

        if gpkgs:
            best = sorted(gpkgs, key=rank)[0]
            target = into / "upload.gpkg"
            with zf.open(best) as src, target.open("wb") as dst:
                _copy_limited(src, dst, max_uncompressed, name=name)
            return target
        if not shps:
            raise MaritimeDataError(
                f"{name}: the zip holds {listing}; expected a shapefile (.shp with its .shx, .dbf and .prj) "
                "or a GeoPackage (.gpkg). Upload the Marine Regions 'World EEZ v12' zip unchanged."
            )
        dirs: dict[str, list[Path]] = {}
        for k, shp in enumerate(sorted(shps, key=rank)):
            parent = PurePosixPath(shp.filename).parent
            stem = PurePosixPath(shp.filename).stem
            siblings = {
                ext_of(i): i
                for i in infos
                if PurePosixPath(i.filename).parent == parent and PurePosixPath(i.filename).stem == stem
            }
            lacking = [e for e in (".shx", ".dbf") if e not in siblings]
            if lacking:
                if k == len(shps) - 1 and not dirs:
                    raise MaritimeDataError(
                        f"{name}: {stem}.shp comes without {' and '.join(lacking)} "
                        f"(the zip holds {listing}); a shapefile needs its .shp, .shx, .dbf and .prj "
                        "together in the zip"
                    )
                continue
            d = into / f"shp{k}"
            d.mkdir()
            for ext, info in siblings.items():
                if ext in (".shp", ".shx", ".dbf", ".prj", ".cpg"):
                    with zf.open(info) as src, (d / f"layer{ext}").open("wb") as dst:
                        _copy_limited(src, dst, max_uncompressed, name=name)
            dirs[stem] = [d / "layer.shp"]
        # The first candidate that has the required columns wins (checked when reading).
        paths = [p for ps in dirs.values() for p in ps]
        for p in paths[:-1]:
            if _has_required_columns(p):
                return p
        return paths[-1]


def _copy_limited(src: Any, dst: Any, limit: int, *, name: str) -> None:
    copied = 0
    while chunk := src.read(1 << 20):
        copied += len(chunk)
        if copied > limit:
            raise MaritimeDataError(
                f"{name}: a file in the zip unpacks to more than {limit / 1e6:.0f} MB (damaged or not an "
                "EEZ download)"
            )
        dst.write(chunk)


def _has_required_columns(path: Path, layer: str | None = None) -> bool:
    import pyogrio

    try:
        info = pyogrio.read_info(path, layer=layer)
    except Exception:
        return False
    fields = {str(f).upper() for f in info["fields"]}
    return all(c in fields for c in _REQUIRED)


def _read_eez_dataset(path: Path, *, name: str) -> gpd.GeoDataFrame:
    import pyogrio

    try:
        layers = [str(row[0]) for row in pyogrio.list_layers(path)]
    except Exception as exc:
        raise MaritimeDataError(f"{name}: GDAL cannot open it as vector data ({exc})") from exc
    layer: str | None = None
    if len(layers) > 1:
        good = [ly for ly in layers if _has_required_columns(path, ly)]
        layer = (
            sorted(good, key=lambda s: (0 if s.lower().startswith("eez_v") else 1, s))[0] if good else None
        )
        if layer is None:
            layer = layers[0]
    try:
        gdf = gpd.read_file(path, layer=layer, engine="pyogrio")
    except Exception as exc:
        raise MaritimeDataError(f"{name}: GDAL cannot read it ({exc})") from exc
    if len(gdf) == 0:
        raise MaritimeDataError(f"{name}: the layer has no features")
    types = set(gdf.geom_type.dropna().unique().tolist())
    if not types <= {"Polygon", "MultiPolygon"}:
        raise MaritimeDataError(
            f"{name}: geometries are {', '.join(sorted(types))}; expected EEZ polygons (the eez_v12 "
            "layer, not eez_boundaries_v12 lines)"
        )
    if gdf.crs is None:
        raise MaritimeDataError(
            f"{name}: no coordinate reference system (.prj missing?); Marine Regions files are EPSG:4326"
        )
    return normalize_eez(gdf, source=name)


# ================================================================================================ reports
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


@dataclass(frozen=True, slots=True)
class ZoneShare:
    """Part of a zone's area in one category (zone + state / EEZ)."""

    zone: str
    state: str
    eez_name: str
    pol_type: str
    area_km2: float
    share: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "zone": self.zone,
            "state": self.state,
            "eez_name": self.eez_name,
            "pol_type": self.pol_type,
            "area_km2": round(self.area_km2, 3),
            "share": round(self.share, 6),
        }


@dataclass(frozen=True)
class ZoneReport:
    """Whose waters: the analysis of one point (``kind='point'``) or one impact zone (``kind='zone'``).

    For a zone, the point fields describe the zone's reference point (the estimated impact point
    when given, else a point inside the zone) and ``shares`` splits the zone's geodesic area.

    Attributes
    ----------
    kind : 'point' | 'zone'
    lon, lat : float
        The (reference) point, degrees.
    zone : str
        One of :data:`ZONES` for the point.
    state : str
        Whose zone it is ('' on the high seas); claimants joined with " / " when joint, disputed or
        where two territorial seas overlap.
    eez_name, eez_mrgid, pol_type, eez_sovereign : EEZ polygon at the point (Marine Regions), if any.
    joint, disputed, overlap : bool
        Joint regime; overlapping claim / disputed land; two states' territorial seas overlap.
    named_sea : str
        Named sea area at the point ('' if none).
    in_coverage : bool
        Inside :data:`COVERAGE_BBOX` (territorial seas and 10m land available).
    coasts : tuple of CoastDistance
        Nearest coast of each nearby state, nearest first.
    area_km2 : float or None
        Geodesic area of the zone (zones only).
    shares : tuple of ZoneShare
        Area split by category (zones only), largest first.
    caveats : tuple of str
    """

    kind: Literal["point", "zone"]
    lon: float
    lat: float
    zone: str
    state: str
    eez_name: str = ""
    eez_mrgid: int | None = None
    pol_type: str = ""
    eez_sovereign: str = ""
    joint: bool = False
    disputed: bool = False
    overlap: bool = False
    named_sea: str = ""
    in_coverage: bool = True
    coasts: tuple[CoastDistance, ...] = ()
    area_km2: float | None = None
    shares: tuple[ZoneShare, ...] = ()
    caveats: tuple[str, ...] = field(default_factory=tuple)

    @property
    def nearest_coast(self) -> CoastDistance | None:
        """The nearest coast of any state, or None when no coast is within reach."""
        return self.coasts[0] if self.coasts else None

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe dict (plain types; distances rounded to metres, coordinates to 1e-6 degrees)."""
        d: dict[str, Any] = {
            "kind": self.kind,
            "point": [round(self.lon, 6), round(self.lat, 6)],
            "zone": self.zone,
            "state": self.state,
            "eez": (
                {
                    "name": self.eez_name,
                    "mrgid": self.eez_mrgid,
                    "pol_type": self.pol_type,
                    "sovereign": self.eez_sovereign,
                }
                if self.eez_name
                else None
            ),
            "joint_regime": self.joint,
            "disputed": self.disputed,
            "territorial_seas_overlap": self.overlap,
            "named_sea": self.named_sea,
            "in_coverage": self.in_coverage,
            "coasts": [c.to_dict() for c in self.coasts],
            "caveats": list(self.caveats),
        }
        if self.kind == "zone":
            d["area_km2"] = None if self.area_km2 is None else round(self.area_km2, 3)
            d["shares"] = [s.to_dict() for s in self.shares]
        return d

    # ------------------------------------------------------------------------------------------ verdict
    def verdict(
        self, *, uncertainty_km: float | None = None, is_estimate: bool = True, caveat: bool = True
    ) -> str:
        """Plain-language sentences for students.

        Example: "Estimated impact about 290 km off Japan's coast (nearest: Niigata Prefecture) in the
        Sea of Japan (East Sea), inside Japan's exclusive economic zone, outside its territorial sea.
        Uncertainty about 60 km." For a zone, the other areas the uncertainty zone reaches are named
        with their share of its area. Joint regimes and overlapping claims are named as such, never
        given to one state.

        Parameters
        ----------
        uncertainty_km : float, optional
            Stated as "Uncertainty about N km."
        is_estimate : bool
            "Estimated impact" (derived, the default) or "Impact" (a reported position).
        caveat : bool
            When a territorial sea is at stake (inside one, a coast within 45 km, or a zone reaching
            one), add that it is measured from the mapped coastline with normal baselines.
        """
        what = "Estimated impact" if is_estimate else "Impact"
        sea = f" in the {_sea_label(self.named_sea)}" if self.named_sea else ""
        near = self.nearest_coast
        st = self.state
        if self.zone == "land":
            if self.disputed and st:
                body = f"{what} on land claimed by {_and(st)} (disputed)"
            elif st:
                body = f"{what} on land in {st}"
            else:
                body = f"{what} on land"
            if near and near.region and (not st or near.state == st):
                body += f" ({near.region})"
        else:
            off = ""
            if near is not None:
                reg = f" (nearest: {near.region})" if near.region else ""
                off = f" {_about_km(near.distance_km)} off {_coast_of(near.state)}{reg}"
            comma = ", " if (off or sea) else " "
            if self.zone == "territorial sea":
                if self.overlap:
                    where = f"inside the overlapping territorial seas of {_and(st)}"
                elif self.disputed:
                    where = f"inside the territorial sea around land claimed by {_and(st)} (disputed)"
                else:
                    where = f"inside {_poss(st)} territorial sea (12 nautical miles)"
                body = f"{what}{off}{sea}{comma}{where}"
            elif self.zone == "eez":
                if self.joint:
                    where = (
                        f"inside a joint regime area of {_and(st)} ({self.eez_name}), managed jointly "
                        "rather than part of either state's own exclusive economic zone"
                    )
                elif self.disputed and st:
                    where = (
                        f"inside an area claimed by {_and(st)} ({self.eez_name}), not settled between them"
                    )
                elif self.disputed:
                    where = f"inside a disputed area ({self.eez_name})"
                else:
                    where = f"inside {_poss(st)} exclusive economic zone, outside its territorial sea"
                body = f"{what}{off}{sea}{comma}{where}"
            else:
                where = "on the high seas (outside every state's exclusive economic zone)"
                body = f"{what}{off}{sea}{comma}{where}"
        parts = [body + "."]
        if uncertainty_km is not None:
            parts.append(f"Uncertainty {_about_km(uncertainty_km)}.")
        if self.kind == "zone" and self.shares:
            here = (self.zone, self.state)
            others = [s for s in self.shares if (s.zone, s.state) != here and s.share >= 0.005]
            if others:
                items = [f"{_share_label(s)} ({_pct(s.share)})" for s in others[:4]]
                parts.append(f"The uncertainty area also reaches {_and_list(items)}.")
            elif uncertainty_km is not None:
                parts.append("The whole uncertainty area lies in the same zone.")
        at_stake = (
            self.zone == "territorial sea"
            or (near is not None and near.distance_km < 2 * TERRITORIAL_SEA_KM and self.zone != "land")
            or any(s.zone == "territorial sea" for s in self.shares)
        )
        if caveat and at_stake:
            parts.append(
                "Territorial seas are measured 12 nautical miles from the coastline as mapped "
                "(normal baselines; straight baselines not applied)."
            )
        return " ".join(parts)


def _km(x: float) -> str:
    if x < 1:
        return "less than 1 km"
    if x < 20:
        return f"{x:.0f} km"
    return f"{round(x, -1):,.0f} km" if x < 1000 else f"{round(x, -2):,.0f} km"


def _about_km(x: float) -> str:
    return _km(x) if x < 1 else f"about {_km(x)}"


def _pct(x: float) -> str:
    return "under 1%" if x < 0.01 else f"{x * 100:.0f}%"


def _poss(state: str) -> str:
    if not state:
        return "the"
    if _SEP in state:
        return f"the {state.replace(_SEP, '/')}"
    return f"{state}'" if state.endswith("s") else f"{state}'s"


def _coast_of(state: str) -> str:
    if not state:
        return "the coast of land whose sovereignty is disputed"
    if _SEP in state:
        return f"the coast of land claimed by {_and(state)}"
    return f"{_poss(state)} coast"


def _and(state: str) -> str:
    return _and_list(state.split(_SEP)) if state else "no state"


def _and_list(items: Sequence[str]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _sea_label(name: str) -> str:
    return name


def _share_label(s: ZoneShare) -> str:
    if s.zone == "land":
        return f"land in {s.state}" if s.state and not s.state.count(_SEP) else "land"
    if s.zone == "territorial sea":
        return f"{_poss(s.state)} territorial sea"
    if s.zone == "eez":
        if s.pol_type == "Joint regime":
            return f"the {s.state.replace(_SEP, '/')} joint regime area"
        if s.pol_type == "Overlapping claim":
            return f"the area claimed by {_and(s.state)}"
        return f"{_poss(s.state)} exclusive economic zone"
    return "the high seas"


# ================================================================================================ engine
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
        self._init_coast()

    @staticmethod
    def _col(gdf: gpd.GeoDataFrame, name: str) -> npt.NDArray[Any]:
        if name not in gdf.columns:
            return np.full(len(gdf), "", dtype=object)
        return np.asarray(gdf[name].fillna("").astype(str).to_numpy(), dtype=object)

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
    def _init_coast(self) -> None:
        a_list: list[npt.NDArray[np.float64]] = []
        b_list: list[npt.NDArray[np.float64]] = []
        row_list: list[npt.NDArray[np.int64]] = []
        for i, geom in enumerate(self.coastline.geometry.values):
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
        self._coast_state = self._col(self.coastline, "state")
        self._coast_region = self._col(self.coastline, "region")
        seg_state = self._coast_state[self._crow]
        self._coast_by_state: dict[str, npt.NDArray[np.int64]] = {
            str(st): np.flatnonzero(seg_state == st) for st in sorted(set(seg_state.tolist()))
        }

    def nearest_coasts(
        self, lon: float, lat: float, *, states: Iterable[str] | None = None, max_km: float = 1000.0
    ) -> tuple[CoastDistance, ...]:
        """Nearest coast of each state within ``max_km`` of (lon, lat), nearest first.

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
            The estimated impact point; default a point inside the zone.

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


def _haversine_km(
    lon: float, lat: float, lons: npt.NDArray[np.float64], lats: npt.NDArray[np.float64]
) -> npt.NDArray[np.float64]:
    """Great-circle distance on a 6371 km sphere (a pre-filter only; within 0.6 % of the geodesic)."""
    p1, p2 = math.radians(lat), np.radians(lats)
    dl = np.radians(lons - lon)
    a = np.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return np.asarray(2 * 6371.0088 * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0))), dtype=np.float64)


def _check_lat(lat: float) -> None:
    if not (isinstance(lat, (int, float, np.floating)) and math.isfinite(float(lat)) and abs(lat) <= 90):
        raise ValueError(f"lat: expected a number in -90..90 degrees, got {lat!r}")


def polygon_from_geojson(obj: Any) -> Any:
    """Polygon / MultiPolygon (lon/lat) from a GeoJSON geometry, Feature or FeatureCollection (text or dict).

    Raises ValueError naming what came when it is not polygonal GeoJSON.
    """
    if isinstance(obj, str):
        obj = json.loads(obj)
    if not isinstance(obj, dict) or "type" not in obj:
        raise ValueError("expected a GeoJSON object with a 'type'")
    t = obj["type"]
    if t == "FeatureCollection":
        geoms = [polygon_from_geojson(f) for f in obj.get("features", [])]
        if not geoms:
            raise ValueError("the FeatureCollection has no features")
        return _polygonal(shapely.union_all(geoms))
    if t == "Feature":
        if obj.get("geometry") is None:
            raise ValueError("the Feature has no geometry")
        return polygon_from_geojson(obj["geometry"])
    geom = shape(obj)
    if geom.geom_type not in ("Polygon", "MultiPolygon"):
        raise ValueError(f"expected a Polygon or MultiPolygon, got a {geom.geom_type}")
    return geom
