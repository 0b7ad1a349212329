"""geo.maritime.upload: a user's EEZ file is read from its bytes, bounded, and errors name no server path."""

from __future__ import annotations

import io
import zipfile

import pytest

from geo.maritime import MaritimeDataError, read_user_eez


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
