"""geo.maritime.upload: a user's EEZ file is read from its bytes, bounded, and errors name no server path."""

from __future__ import annotations

import io
import struct
import time
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from geo.maritime import MAX_ZIP_MEMBERS, MaritimeDataError, read_user_eez


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (_zip({"eez_v12.gpkg": b"junk" * 10}), "World_EEZ_v12.zip"),
        (b"SQLite format 3\x00" + b"\x01" * 200, "eez_v12.gpkg"),
        (
            _zip(
                {"eez_v12.shp": b"\x00\x00\x27\x0a" + b"junk" * 10, "eez_v12.shx": b"x", "eez_v12.dbf": b"y"}
            ),
            "s.zip",
        ),
    ],
)
@pytest.mark.filterwarnings("ignore:GPKG. bad application_id:RuntimeWarning")
def test_regression_eez_errors_named_the_server_temp_directory(data: bytes, name: str) -> None:
    """Issue 8: "'/tmp/launch-atlas-eez-1pbo7gw5/upload.gpkg' not recognized ..." reached visitors."""
    with pytest.raises(MaritimeDataError) as err:
        read_user_eez(data, filename=name)
    message = str(err.value)
    assert message.startswith(f"{name}: ")
    assert "/tmp" not in message
    assert "launch-atlas-eez" not in message
    assert "upload.gpkg" not in message


@pytest.fixture
def kept_workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The temporary directory read_user_eez unpacks into, kept after the call to measure it."""
    import contextlib

    import geo.maritime.upload as upload

    work = tmp_path / "work"
    work.mkdir()

    @contextlib.contextmanager
    def fixed(*args: object, **kwargs: object) -> Iterator[str]:
        yield str(work)

    monkeypatch.setattr(upload.tempfile, "TemporaryDirectory", fixed)
    return work


def _written(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def _zeros_zip(name: str, mib: int, *, declare_mib: int | None = None) -> bytes:
    """A one-member zip of ``mib`` MiB of zeros, built without compressing them all (each MiB is an
    identical fully flushed deflate block), declaring ``declare_mib`` MiB (default: the truth)."""
    chunk = bytes(1 << 20)
    co = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = co.compress(chunk) + co.flush(zlib.Z_FULL_FLUSH)
    body = block * mib + co.flush(zlib.Z_FINISH)
    crc = 0
    for _ in range(mib):
        crc = zlib.crc32(chunk, crc)
    size = (mib if declare_mib is None else declare_mib) << 20
    fn = name.encode()
    head = (b"PK\x03\x04", 20, 0, 8, 0, 0, crc, len(body), size, len(fn), 0)
    local = struct.pack("<4sHHHHHIIIHH", *head) + fn
    entry = (b"PK\x01\x02", 20, 20, 0, 8, 0, 0, crc, len(body), size, len(fn), 0, 0, 0, 0, 0, 0)
    central = struct.pack("<4sHHHHHHIIIHHHHHII", *entry) + fn
    end = struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, 1, 1, len(central), len(local) + len(body), 0)
    return local + body + central + end


def test_regression_a_2_mb_zip_of_1_9_gb_of_zeros_writes_nothing(kept_workdir: Path) -> None:
    """Issue 8: a 1.8 MB zip holding a 1.9 GB file of zeros wrote 1.6-1.7 GB to disk before it was
    refused. Now the default limit (DEFAULT_MAX_USER_EEZ_UNZIPPED_BYTES) refuses it from its directory."""
    data = _zeros_zip("eez_v12.gpkg", 1900)
    assert len(data) < 2_100_000
    start = time.process_time()
    with pytest.raises(MaritimeDataError, match=r"bomb.zip: the zip unpacks to 1992 MB, over the 1000 MB"):
        read_user_eez(data, filename="bomb.zip")
    assert time.process_time() - start < 2.0
    assert _written(kept_workdir) == 0


@pytest.mark.parametrize("declared_mib", [0, 1, 8])
def test_a_zip_lying_about_its_size_writes_no_more_than_the_limit(
    declared_mib: int, kept_workdir: Path
) -> None:
    """Declaring less than the member inflates to: refused, having written at most the limit."""
    data = _zeros_zip("eez_v12.gpkg", 64, declare_mib=declared_mib)
    with pytest.raises(MaritimeDataError, match=r"(damaged zip|unpacks to more than)"):
        read_user_eez(data, filename="liar.zip", max_uncompressed_bytes=8 << 20)
    assert _written(kept_workdir) <= 8 << 20


def test_the_inflate_budget_is_shared_and_never_overshoots() -> None:
    """What stops any zip in the end: the bytes written, all members together, never pass the limit."""
    from geo.maritime.upload import _InflateBudget

    budget = _InflateBudget(5_000_000, name="x.zip")
    out = io.BytesIO()
    budget.copy(io.BytesIO(bytes(3_000_000)), out)
    with pytest.raises(MaritimeDataError, match=r"x\.zip: the zip unpacks to more than 5 MB"):
        budget.copy(io.BytesIO(bytes(3_000_000)), out)
    assert len(out.getvalue()) <= 5_000_000


def test_a_zip_listing_too_many_files_is_refused_before_its_directory_is_read() -> None:
    data = _zip({f"f{k}.txt": b"" for k in range(MAX_ZIP_MEMBERS + 1)})
    with pytest.raises(MaritimeDataError, match=f"lists {MAX_ZIP_MEMBERS + 1:,} files"):
        read_user_eez(data, filename="many.zip")


def test_a_shapefile_zip_inside_the_limit_is_read(tmp_path: Path) -> None:
    """The budget is shared, not a per-file cap: a real shapefile zip still reads under it."""
    import geopandas as gpd
    import shapely

    gdf = gpd.GeoDataFrame(
        {
            "MRGID": [1],
            "GEONAME": ["Japanese Exclusive Economic Zone"],
            "POL_TYPE": ["200NM"],
            "SOVEREIGN1": ["Japan"],
        },
        geometry=[shapely.box(132, 37, 139, 43)],
        crs="EPSG:4326",
    )
    gdf.to_file(tmp_path / "eez_v12.shp")
    files = {
        f"World_EEZ_v12/eez_v12{ext}": (tmp_path / f"eez_v12{ext}").read_bytes()
        for ext in (".shp", ".shx", ".dbf", ".prj", ".cpg")
    }
    eez = read_user_eez(_zip(files), filename="World_EEZ_v12.zip", max_uncompressed_bytes=8 << 20)
    assert list(eez["sovereign"]) == ["Japan"]
