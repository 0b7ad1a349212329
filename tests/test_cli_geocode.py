"""``python -m geo geocode``: a valid GeoJSON Feature on stdout, or a clear error and exit code 2."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import shapely
from shapely.geometry import shape

import geo.cli.geocode
from geo.cli import main
from geo.gazetteer import Gazetteer

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


@pytest.fixture(autouse=True)
def _one_gazetteer(monkeypatch: pytest.MonkeyPatch, gaz: Gazetteer) -> None:
    """In-process runs share one loaded gazetteer (each load is about 1 s); the real-process test
    below still loads it the way a user's command does."""
    monkeypatch.setattr(geo.cli.geocode.Gazetteer, "load", lambda *_args, **_kwargs: gaz)


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
    # Both commands run at once (each process imports geo and loads the gazetteer: seconds on a busy machine).
    def start(text: str) -> subprocess.Popen[str]:
        return subprocess.Popen(
            [sys.executable, "-m", "geo", "geocode", text],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    good_proc, bad_proc = start("about 200 km west of Okushiri Island"), start("Qwxzzy")
    out, err = good_proc.communicate(timeout=60)
    assert good_proc.returncode == 0, err
    props = json.loads(out)["properties"]
    assert props["rule"] == "relative"
    assert props["lon"] == pytest.approx(137.051, abs=0.01)
    bad_out, bad_err = bad_proc.communicate(timeout=60)
    assert bad_proc.returncode == 2
    assert "unknown place" in bad_err
    assert bad_out == ""


def test_lowercase_country_is_accepted(capsys: pytest.CaptureFixture[str]) -> None:
    # Regression: '--country kp' was a usage error although the API accepts 'kp'.
    assert main(["geocode", "강원도", "--country", "kp"]) == 0
    assert json.loads(capsys.readouterr().out)["properties"]["country"] == "KP"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        # Regression: --limit -5 silently became 1; --indent 99999 wrote megabytes of spaces per line.
        (["--search", "--limit", "-5", "Sin"], "from 1 to 100, got -5"),
        (["--indent", "99999", "Sinpo"], "from 0 to 8, got 99999"),
        (["--indent", "two", "Sinpo"], "expected a whole number, got 'two'"),
    ],
)
def test_out_of_range_options_are_usage_errors(
    capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["geocode", *args])
    assert exc.value.code == 2
    captured = capsys.readouterr()
    assert message in captured.err
    assert captured.out == ""
