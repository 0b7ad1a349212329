"""A user's own Marine Regions World EEZ download (zip or GeoPackage), read from the uploaded bytes.

Nothing from the user names a path on the server: the bytes go to a temporary directory this module
creates, under fixed names; the uploaded file's name is used in messages only.
"""

from __future__ import annotations

import io
import re
import struct
import tempfile
import zipfile
import zlib
from pathlib import Path, PurePosixPath
from typing import Any

import geopandas as gpd

from geo.maritime.loading import _REQUIRED, MaritimeDataError, normalize_eez

__all__ = [
    "DEFAULT_MAX_USER_EEZ_BYTES",
    "DEFAULT_MAX_USER_EEZ_UNZIPPED_BYTES",
    "MAX_ZIP_MEMBERS",
    "read_user_eez",
]

#: Upload limit for :func:`read_user_eez`, bytes (Marine Regions' World EEZ v12 zip is 122 MB).
DEFAULT_MAX_USER_EEZ_BYTES: int = 300 * 1024 * 1024
#: Most bytes written when a zip is unpacked, all extracted members together, counted as they are
#: inflated (never trusting the sizes the zip declares): a few times the largest upload.
DEFAULT_MAX_USER_EEZ_UNZIPPED_BYTES: int = 1_000_000_000
#: Most entries a zip may list (a Marine Regions download holds about a dozen files). Checked from the
#: zip's end record before its directory is parsed: millions of tiny entries would exhaust memory.
MAX_ZIP_MEMBERS: int = 1000
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
    max_uncompressed_bytes: int = DEFAULT_MAX_USER_EEZ_UNZIPPED_BYTES,
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
        Upload limit in bytes; larger input is refused before anything is parsed.
    max_uncompressed_bytes : int
        Most bytes written to disk when a zip is unpacked, all members together, counted while they
        are inflated (a zip bomb is refused having written at most this much).

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
        return _read_eez_dataset(candidate, name=name, workdir=tmpdir)


def _zip_member_count(data: bytes) -> int | None:
    """Entries the zip's end-of-central-directory record declares, read without parsing the
    directory (0xFFFF stands for "more, see the zip64 record"); None when there is no such record."""
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - 22 - 0xFFFF))
    if end < 0 or end + 22 > len(data):
        return None
    return int(struct.unpack_from("<H", data, end + 10)[0])


class _InflateBudget:
    """Bytes that may still be written while unpacking a zip, shared by all its members."""

    def __init__(self, limit: int, *, name: str) -> None:
        self.left = limit
        self.limit = limit
        self.name = name

    def copy(self, src: Any, dst: Any) -> None:
        """Copy an opened zip member to ``dst`` as it inflates; refuse before writing past the limit."""
        while chunk := src.read(min(1 << 20, self.left + 1)):
            if len(chunk) > self.left:
                raise MaritimeDataError(
                    f"{self.name}: the zip unpacks to more than {self.limit / 1e6:.0f} MB (a damaged "
                    "file, or not an EEZ download); upload the Marine Regions zip unchanged, or only its "
                    "eez_v12.* files"
                )
            self.left -= len(chunk)
            dst.write(chunk)


def _unzip_eez(data: bytes, *, name: str, into: Path, max_uncompressed: int) -> Path:
    members = _zip_member_count(data)
    if members is not None and members > MAX_ZIP_MEMBERS:
        count = "more than 65,535" if members == 0xFFFF else f"{members:,}"
        raise MaritimeDataError(
            f"{name}: the zip lists {count} files; an EEZ download holds about a dozen "
            f"(at most {MAX_ZIP_MEMBERS:,} are read)"
        )
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise MaritimeDataError(f"{name}: a damaged zip archive ({exc}); download it again") from exc
    budget = _InflateBudget(max_uncompressed, name=name)
    with zf:
        infos = [i for i in zf.infolist() if not i.is_dir()]
        listing = ", ".join(PurePosixPath(i.filename).name for i in infos[:12]) or "nothing"
        if len(infos) > 12:
            listing += f", ... ({len(infos)} files)"
        # What the zip declares is only a first check: the budget counts what really comes out.
        total = sum(i.file_size for i in infos)
        if total > max_uncompressed:
            raise MaritimeDataError(
                f"{name}: the zip unpacks to {total / 1e6:.0f} MB, over the {max_uncompressed / 1e6:.0f} MB "
                "limit; upload only the EEZ polygons (eez_v12.*) or the .gpkg"
            )
        gpkgs = [i for i in infos if _ext(i) == ".gpkg"]
        shps = [i for i in infos if _ext(i) == ".shp"]
        try:
            if gpkgs:
                target = into / "upload.gpkg"
                with zf.open(sorted(gpkgs, key=_rank)[0]) as src, target.open("wb") as dst:
                    budget.copy(src, dst)
                return target
            if not shps:
                raise MaritimeDataError(
                    f"{name}: the zip holds {listing}; expected a shapefile (.shp with its .shx, .dbf and "
                    ".prj) or a GeoPackage (.gpkg). Upload the Marine Regions 'World EEZ v12' zip unchanged."
                )
            return _unzip_shapefiles(zf, infos, shps, budget=budget, name=name, into=into, listing=listing)
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as exc:
            raise MaritimeDataError(f"{name}: a damaged zip archive ({exc}); download it again") from exc


def _ext(info: zipfile.ZipInfo) -> str:
    return PurePosixPath(info.filename).suffix.lower()


def _rank(info: zipfile.ZipInfo) -> tuple[int, str]:
    """Sort key preferring the EEZ polygons over the boundary lines shipped in the same download."""
    s = PurePosixPath(info.filename).stem.lower()
    return (0 if s.startswith("eez_v") and "boundar" not in s else 1, s)


def _unzip_shapefiles(
    zf: zipfile.ZipFile,
    infos: list[zipfile.ZipInfo],
    shps: list[zipfile.ZipInfo],
    *,
    budget: _InflateBudget,
    name: str,
    into: Path,
    listing: str,
) -> Path:
    """Unpack the zip's complete shapefiles, EEZ polygons first, until one has the Marine Regions
    columns (returned); otherwise the last one is returned (reading it explains what is wrong)."""
    last: Path | None = None
    for k, shp in enumerate(sorted(shps, key=_rank)):
        parent = PurePosixPath(shp.filename).parent
        stem = PurePosixPath(shp.filename).stem
        siblings = {
            _ext(i): i
            for i in infos
            if PurePosixPath(i.filename).parent == parent and PurePosixPath(i.filename).stem == stem
        }
        lacking = [e for e in (".shx", ".dbf") if e not in siblings]
        if lacking:
            if k == len(shps) - 1 and last is None:
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
                    budget.copy(src, dst)
        last = d / "layer.shp"
        if _has_required_columns(last):
            return last  # the EEZ polygons: the other shapefiles need not be unpacked
    assert last is not None  # every .shp lacking companions raised above
    return last


def _has_required_columns(path: Path, layer: str | None = None) -> bool:
    import pyogrio

    try:
        info = pyogrio.read_info(path, layer=layer)
    except Exception:
        return False
    fields = {str(f).upper() for f in info["fields"]}
    return all(c in fields for c in _REQUIRED)


def _gdal_says(exc: Exception, *, workdir: Path, name: str) -> str:
    """GDAL's message about our temporary copy, told about the user's file: no server path in it.

    Regression (issue 8): "'/tmp/launch-atlas-eez-1pbo7gw5/upload.gpkg' not recognized as being in a
    supported file format" reached the visitor.
    """
    text = str(exc).split("; It might help to specify the correct driver")[0]
    return re.sub(re.escape(str(workdir)) + r"[^\s'\"]*", name, text)


def _read_eez_dataset(path: Path, *, name: str, workdir: Path) -> gpd.GeoDataFrame:
    import pyogrio

    try:
        layers = [str(row[0]) for row in pyogrio.list_layers(path)]
    except Exception as exc:
        why = _gdal_says(exc, workdir=workdir, name=name)
        raise MaritimeDataError(f"{name}: GDAL cannot open it as vector data ({why})") from exc
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
        why = _gdal_says(exc, workdir=workdir, name=name)
        raise MaritimeDataError(f"{name}: GDAL cannot read it ({why})") from exc
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
