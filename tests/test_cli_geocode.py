"""``python -m geo geocode``: a valid GeoJSON Feature on stdout, or a clear error and exit code 2."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import shapely
from shapely.geometry import shape

from geo.cli import main

ROOT = Path(__file__).resolve().parent.parent


def test_geocode_prints_a_feature(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["geocode", "Yangdok county"]) == 0
    feat = json.loads(capsys.readouterr().out)
    assert feat["type"] == "Feature"
    geom = shape(feat["geometry"])
    assert geom.is_valid
    props = feat["properties"]
    assert props["label"] == "Yangdok County"
    assert props["uncertainty_km"] == pytest.approx(20.0)
    assert shapely.contains_xy(geom, props["lon"], props["lat"])
    assert "seat" in props["explanation"]


def test_unknown_text_exits_2_with_candidates_on_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["geocode", "Okushri Island"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "unknown place" in captured.err
    assert "Okushiri Island" in captured.err


def test_ambiguous_text_exits_2_and_country_resolves(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["geocode", "강원도"]) == 2
    assert "ambiguous" in capsys.readouterr().err
    assert main(["geocode", "강원도", "--country", "KP"]) == 0
    assert json.loads(capsys.readouterr().out)["properties"]["country"] == "KP"


def test_search_lists_candidates(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["geocode", "--search", "okushiri", "--limit", "3"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out[0] == "Okushiri Island"
    assert len(out) <= 3


def test_real_process_relative_phrase() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "geo", "geocode", "about 200 km west of Okushiri Island"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    props = json.loads(proc.stdout)["properties"]
    assert props["rule"] == "relative"
    assert props["lon"] == pytest.approx(137.051, abs=0.01)
    bad = subprocess.run(
        [sys.executable, "-m", "geo", "geocode", "Qwxzzy"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert bad.returncode == 2
    assert "unknown place" in bad.stderr
    assert bad.stdout == ""
