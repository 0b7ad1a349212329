"""``python -m geo read``: GeoJSON with the issue's property names, catalogue CSV, exit 2 on bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import geo.cli.read
from geo.cli import main
from geo.geocoding import Gazetteer
from geo.records import read_records_csv

ROOT = Path(__file__).resolve().parent.parent
REPORT = (
    "SEOUL, Sept. 15 (Yonhap) -- North Korea fired two short-range ballistic missiles into the East Sea "
    "on Wednesday from Yangdok county, the Joint Chiefs of Staff said. They flew about 800 km at an apogee "
    "of 60 km and landed inside Japan's exclusive economic zone. Days earlier, on Sept. 12, the North "
    "tested a cruise missile that flew 1,500 km."
)
PROPERTIES = [
    "date", "time_utc", "country", "count", "count_min", "missile", "system_type", "launch_place",
    "launch_lon", "launch_lat", "launch_uncertainty_km", "distance_km", "apogee_km", "bearing_deg",
    "landing_place", "landing_lon", "landing_lat", "landing_uncertainty_km", "eez_reported", "eez_state",
    "background", "evidence",
]  # fmt: skip


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


@pytest.fixture(autouse=True)
def _one_gazetteer(monkeypatch: pytest.MonkeyPatch, gaz: Gazetteer) -> None:
    monkeypatch.setattr(geo.cli.read.Gazetteer, "load", lambda *_a, **_k: gaz)


def _file(tmp_path: Path, content: bytes, name: str = "report.txt") -> str:
    path = tmp_path / name
    path.write_bytes(content)
    return str(path)


def test_geojson_has_exactly_the_issue_properties(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["read", _file(tmp_path, REPORT.encode()), "--published", "2021-09-15"]) == 0
    fc = json.loads(capsys.readouterr().out)
    assert fc["type"] == "FeatureCollection"
    assert len(fc["features"]) == 2
    main_f, bg = fc["features"]
    for f in fc["features"]:
        assert list(f["properties"]) == PROPERTIES
    p = main_f["properties"]
    assert (p["date"], p["country"], p["count"], p["system_type"]) == ("2021-09-15", "KP", 2, "SRBM")
    assert (p["distance_km"], p["apogee_km"], p["eez_reported"], p["eez_state"]) == (
        800.0,
        60.0,
        "inside",
        "JP",
    )
    assert p["background"] is False
    assert main_f["geometry"]["type"] == "Polygon"
    assert REPORT[slice(*p["evidence"]["launch_place"])] == "Yangdok county"
    q = bg["properties"]
    assert (q["background"], q["date"], q["distance_km"], q["system_type"]) == (
        True,
        "2021-09-12",
        1500.0,
        "cruise",
    )
    assert bg["geometry"] is None  # no launch place: no fake point


def test_csv_is_the_catalogue_format_and_reads_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        main(["read", _file(tmp_path, REPORT.encode()), "--published", "2021-09-15", "--format", "csv"]) == 0
    )
    out = capsys.readouterr().out
    result = read_records_csv(out.encode(), source="read.csv")
    assert result.errors == []
    assert result.n_kept == 2
    rec = result.records.iloc[0]
    assert (rec["date"], rec["distance_km"], rec["salvo_size"]) == ("2021-09-15", 800.0, 2)


def test_stdin_and_html(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    page = f"<html><body><script>var a='{{{{x}}}}';</script><p>{REPORT}</p></body></html>".encode()

    class _Stdin:
        buffer = __import__("io").BytesIO(page)

    monkeypatch.setattr(sys, "stdin", _Stdin())
    assert main(["read", "-", "--published", "2021-09-15"]) == 0
    assert len(json.loads(capsys.readouterr().out)["features"]) == 2


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary"),
        (b"x" * 2_100_000, "at most"),
        ("北朝鮮がミサイルを発射".encode("euc_jp"), "not UTF-8"),
    ],
)
def test_bad_input_exits_2_with_a_reason(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, message: str
) -> None:
    assert main(["read", _file(tmp_path, content)]) == 2
    captured = capsys.readouterr()
    assert message in captured.err
    assert captured.out == ""


def test_missing_file_and_bad_date(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["read", "/nonexistent/report.txt"]) == 2
    assert "no such file" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exc:
        main(["read", "--published", "15/09/2021"])
    assert exc.value.code == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err


def test_no_launch_prints_an_empty_collection(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["read", _file(tmp_path, b"Markets rose in Tokyo on Monday.")]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out) == {"type": "FeatureCollection", "features": []}
    assert "no launch found" in captured.err


def test_real_process(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "geo", "read", _file(tmp_path, REPORT.encode()), "--published", "2021-09-15"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["features"][0]["properties"]["country"] == "KP"
