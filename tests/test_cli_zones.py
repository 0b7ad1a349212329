"""``python -m geo zones``: the maritime analysis as JSON on stdout, errors on stderr."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import shapely
from pyproj import Geod

from geo.cli import main

GEOD = Geod(ellps="WGS84")


def _run(capsys: pytest.CaptureFixture[str], argv: list[str]) -> tuple[int, dict, str]:
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse usage errors: exit code 2, message on stderr
        code = int(exc.code or 0)
    out = capsys.readouterr()
    return code, (json.loads(out.out) if out.out.strip() else {}), out.err


def test_point_2021_09_15_estimate_prints_json_with_verdict(capsys: pytest.CaptureFixture[str]) -> None:
    lon, lat, _ = GEOD.fwd(126.8049, 39.2757, 80.0, 800_000.0)
    code, doc, _ = _run(capsys, ["zones", "--lon", str(lon), "--lat", str(lat), "--uncertainty-km", "50"])
    assert code == 0
    assert doc["zone"] == "eez"
    assert doc["state"] == "Japan"
    assert doc["eez"]["mrgid"] == 8487
    assert doc["coasts"][0]["state"] == "Japan"
    assert "inside Japan's exclusive economic zone, outside its territorial sea" in doc["verdict"]
    assert doc["verdict"].endswith("Uncertainty about 50 km.")


def test_zone_geojson_on_stdin(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    az = np.linspace(360, 0, 120, endpoint=False)
    lons, lats, _ = GEOD.fwd(np.full(120, 127.52), np.full(120, 30.84), az, np.full(120, 80_000.0))
    feature = {
        "type": "Feature",
        "properties": {"id": "test"},
        "geometry": shapely.geometry.mapping(shapely.Polygon(zip(lons, lats, strict=True))),
    }
    monkeypatch.setattr(sys, "stdin", io.StringIO(json.dumps(feature)))
    code, doc, _ = _run(capsys, ["zones", "--point", "127.52,30.84"])
    assert code == 0
    assert doc["kind"] == "zone"
    assert doc["joint_regime"] is True
    assert doc["area_km2"] == pytest.approx(np.pi * 80.0**2, rel=0.01)
    assert sum(s["share"] for s in doc["shares"]) == pytest.approx(1.0, abs=1e-4)
    assert any(s["pol_type"] == "Joint regime" for s in doc["shares"])


def test_bad_stdin_is_an_error_on_stderr(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO('{"type": "Point", "coordinates": [130, 35]}'))
    code, doc, err = _run(capsys, ["zones"])
    assert code == 2
    assert doc == {}
    assert "expected a Polygon or MultiPolygon, got an object with type 'Point'" in err


def test_half_a_point_is_an_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, ["zones", "--lon", "130"])
    assert code == 2
    assert "give both --lon and --lat" in err


def test_bad_latitude_is_an_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, ["zones", "--lon", "130", "--lat", "95"])
    assert code == 2
    assert "argument --lat: must be within -90..90 degrees, got 95" in err


def test_user_eez_that_is_not_an_eez_file(capsys: pytest.CaptureFixture[str], tmp_path) -> None:
    bad = tmp_path / "picture.png"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 32)
    code, _, err = _run(capsys, ["zones", "--eez", str(bad), "--lon", "130", "--lat", "35"])
    assert code == 2
    assert "picture.png: this is a PNG image, not an EEZ file" in err


def test_module_entry_point_runs_as_a_process() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "geo", "zones", "--lon", "138.2", "--lat", "36.2", "--indent", "0"],
        capture_output=True,
        text=True,
        check=True,
    )
    doc = json.loads(out.stdout)
    assert (doc["zone"], doc["state"]) == ("land", "Japan")


GOLDEN = Path(__file__).resolve().parent / "golden" / "zones_2021-09-15_yangdok.json"


def test_golden_2021_09_15_point_report(capsys: pytest.CaptureFixture[str]) -> None:
    """The full JSON for the seed event's estimated impact (800 km from Yangdok on bearing 80°).
    Regenerate after an intended change: UPDATE_GOLDEN=1 pytest tests/test_cli_zones.py."""
    lon, lat, _ = GEOD.fwd(126.8049, 39.2757, 80.0, 800_000.0)
    code, doc, _ = _run(
        capsys, ["zones", "--lon", f"{lon:.6f}", "--lat", f"{lat:.6f}", "--uncertainty-km", "50"]
    )
    assert code == 0
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    assert doc == json.loads(GOLDEN.read_text(encoding="utf-8"))


def test_empty_stdin_says_what_to_give(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    code, _, err = _run(capsys, ["zones"])
    assert code == 2
    assert "stdin is empty: give --lon and --lat, or pipe a GeoJSON zone" in err
