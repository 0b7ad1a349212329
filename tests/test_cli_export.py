"""``python -m geo export`` and ``python -m geo figure``: the issue's cases, GDAL read-backs, clear errors.

The "done when" cases are here as written in the issue: the KML of 2017-11-28-1 with a 13,000 km ring
(GDAL reads back a ring containing the North Pole and Washington, not the South Pole) and the figure of
2021-09-15-1 with 800, 1,500 and 13,000 km rings.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import shapely
from PIL import Image
from shapely.geometry import Point

from geo.cli import main
from geo.export import validate_rfc7946
from tests.export_readback import areal, read_back

ROOT = Path(__file__).resolve().parent.parent
RECORDS = ROOT / "tests" / "data" / "records"
WASHINGTON = (-77.0365, 38.8977)


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        code = main([*args])
    except SystemExit as exc:  # argparse errors
        code = int(exc.code or 0)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_done_when_kml_13000_km_ring_contains_the_pole_and_washington(tmp_path: Path) -> None:
    """Exactly the issue's command, run as a process."""
    out = tmp_path / "x.kml"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "geo",
            "export",
            "--format",
            "kml",
            "--event",
            "2017-11-28-1",
            "--ranges",
            "13000",
            "-o",
            str(out),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert "Range rings: 1" in proc.stderr
    back = read_back(out, "kml")
    ring = areal(back["range_ring"].geometry.iloc[0])
    assert float(back["range_ring"]["radius_km"].iloc[0]) == 13000.0
    assert ring.covers(Point(0.0, 90.0))
    assert ring.contains(Point(*WASHINGTON))
    assert not ring.intersects(Point(0.0, -90.0))
    assert back["launch_event"]["id"].tolist() == [
        "2017-11-28-1"
    ]  # only the selected launch: no filter given


def test_done_when_figure_png_with_three_rings(tmp_path: Path) -> None:
    out = tmp_path / "x.png"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "geo",
            "figure",
            "--event",
            "2021-09-15-1",
            "--ranges",
            "800,1500,13000",
            "-o",
            str(out),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=180,
    )
    assert proc.returncode == 0, proc.stderr
    assert "800 km, 1,500 km, 13,000 km" in proc.stderr
    im = Image.open(out)
    assert im.size == (3600, 2700)
    assert round(im.info["dpi"][0]) == 300


@pytest.mark.parametrize("fmt", ["gpkg", "geojson", "csv", "fgb"])
def test_rail_launch_view_in_every_format(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, fmt: str
) -> None:
    out = tmp_path / f"view.{'geojson' if fmt == 'geojson' else fmt}"
    code, _, err = run_cli(
        capsys,
        "export",
        "--event",
        "2021-09-15-1",
        "--ranges",
        "800,1500",
        "--from",
        "2021-01-01",
        "-o",
        str(out),
    )
    assert code == 0, err
    back = read_back(out, fmt)
    assert sorted(float(r) for r in back["range_ring"]["radius_km"]) == [800.0, 1500.0]
    assert len(back["launch_region_estimate"]) == 1
    assert len(back["impact_zone_estimate"]) == 1
    reach = back["reach"]
    assert sorted(zip(reach["range_km"].astype(float), reach["kind"], strict=True)) == [
        (800.0, "band"),
        (800.0, "inner"),
        (800.0, "outer"),
        (1500.0, "band"),
        (1500.0, "inner"),
        (1500.0, "outer"),
    ]
    ids = set(back["launch_event"]["id"])
    assert "2021-09-15-1" in ids
    assert len(ids) > 10  # --from 2021-01-01: every launch since, not only the selected one
    assert all(str(d) >= "2021" for d in back["launch_event"]["date"])


def test_geojson_to_stdout_is_valid_and_filters_work(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(
        capsys, "export", "-f", "geojson", "--types", "ICBM", "--to", "2017-12-31", "-o", "-"
    )
    assert code == 0, err
    fc = json.loads(out)
    assert validate_rfc7946(fc) == []
    types = {f["properties"]["system_type"] for f in fc["features"]}
    assert types == {"ICBM"}
    assert max(f["properties"]["date"] for f in fc["features"]) <= "2017-12-31"
    assert "2017-11-28-1" in {f["properties"]["id"] for f in fc["features"]}


def test_records_from_the_users_csv_rejected_rows_reported(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "mine.gpkg"
    code, _, err = run_cli(
        capsys,
        "export",
        "--input",
        str(RECORDS / "upload_mixed.csv"),
        "--event",
        "u-1",
        "--ranges",
        "1000",
        "-o",
        str(out),
    )
    assert code == 0, err
    assert "rejected" in err
    assert "u-3" in err  # the bad row is named, with its field
    back = read_back(out, "gpkg")
    assert back["launch_event"]["id"].tolist() == ["u-1"]
    assert float(back["range_ring"]["radius_km"].iloc[0]) == 1000.0
    ring = areal(back["range_ring"].geometry.iloc[0])
    assert ring.contains(Point(126.804867, 39.275721))


def test_records_from_the_users_geojson(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out = tmp_path / "mine.kml"
    code, _, err = run_cli(capsys, "export", "--input", str(RECORDS / "upload_mixed.geojson"), "-o", str(out))
    assert code == 0, err
    assert len(read_back(out, "kml")["launch_event"]) >= 1


def test_refuses_to_overwrite_unless_forced(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out = tmp_path / "keep.csv"
    out.write_text("mine")
    code, _, err = run_cli(capsys, "export", "--event", "2021-09-15-1", "-o", str(out))
    assert code == 2
    assert "exists already; add --force" in err
    assert out.read_text() == "mine"
    code, _, err = run_cli(capsys, "export", "--event", "2021-09-15-1", "--force", "-o", str(out))
    assert code == 0, err
    assert out.read_text().startswith("layer,")
    code, _, err = run_cli(capsys, "figure", "--event", "2021-09-15-1", "-o", str(tmp_path / "keep.csv"))
    assert code == 2
    assert ".png, .svg or .pdf" in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["export", "--event", "nope", "-o", "{tmp}/a.gpkg"], "no launch with id 'nope'"),
        (["export", "--event", "2021-09-15", "-o", "{tmp}/a.gpkg"], "did you mean"),
        (["export", "--ranges", "800", "-o", "{tmp}/a.gpkg"], "--ranges needs --event"),
        (
            ["export", "--event", "2021-09-15-1", "--ranges", "800,abc", "-o", "{tmp}/a.gpkg"],
            "'abc' is not a number",
        ),
        (["export", "--event", "2021-09-15-1", "--ranges", "25000", "-o", "{tmp}/a.gpkg"], "antipode"),
        (["export", "--types", "ICBM,XYZ", "-o", "{tmp}/a.csv"], "unknown missile class 'XYZ'"),
        (["export", "--from", "2022-13-01", "-o", "{tmp}/a.csv"], "--from: expected a date"),
        (["export", "--from", "2022-01-01", "--to", "2021-01-01", "-o", "{tmp}/a.csv"], "is after --to"),
        (["export", "-o", "{tmp}/a.shp"], "cannot tell the format"),
        (["export", "-f", "csv", "-o", "{tmp}/a.gpkg"], "does not match the file name"),
        (["export", "-f", "gpkg", "-o", "-"], "binary"),
        (["export", "-o", "{tmp}/no/such/folder/a.csv"], "does not exist"),
        (["export", "--input", "{tmp}/missing.csv", "-o", "{tmp}/a.csv"], "cannot read"),
        (["export", "--input", "{root}/README.md", "-o", "{tmp}/a.csv"], "expected a .csv or .geojson"),
        (["export", "--from", "2099-01-01", "-o", "{tmp}/a.csv"], "no launch matches"),
        (["figure", "-o", "{tmp}/a.png"], "--event is required"),
        (["figure", "--event", "2021-09-15-1", "--types", "ICBM", "-o", "{tmp}/a.png"], "one --event"),
    ],
)
def test_bad_input_exits_2_with_a_clear_message(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, args: list[str], message: str
) -> None:
    argv = [a.format(tmp=tmp_path, root=ROOT) for a in args]
    code, out, err = run_cli(capsys, *argv)
    assert code == 2
    assert message in err, err
    assert "Traceback" not in err
    assert out == ""
    assert not any(p.suffix in (".gpkg", ".csv", ".png", ".part") for p in tmp_path.rglob("*"))


def test_figure_svg_and_pdf(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    for suffix, magic in ((".svg", b"<?xml"), (".pdf", b"%PDF")):
        out = tmp_path / f"map{suffix}"
        code, _, err = run_cli(
            capsys, "figure", "--event", "2017-11-28-1", "--ranges", "13000", "--presentation", "-o", str(out)
        )
        assert code == 0, err
        assert out.read_bytes().startswith(magic)


def test_export_placeholder_launch_notes_why_there_are_no_rings(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "p.geojson"
    code, _, err = run_cli(capsys, "export", "--event", "2019-04-17-1", "--ranges", "800", "-o", str(out))
    assert code == 0, err
    assert "note: The launch place was not reported: ranges are measured from every point" in err
    kinds = {f["properties"]["layer"] for f in json.loads(out.read_text())["features"]}
    assert "range_ring" not in kinds
    assert "launch_region_estimate" in kinds
    assert "reach" in kinds  # the 800 km reach of the whole country, as the map draws it
    assert shapely.is_valid(areal(read_back(out, "geojson")["launch_region_estimate"].geometry.iloc[0]))


@pytest.mark.parametrize("command", ["export", "figure"])
def test_reach_bands_of_a_whole_country_are_bounded(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, command: str
) -> None:
    """Bands from all of North Korea cost about 1,000 rings per range: three such ranges are refused
    with how many fit, so the call stays within seconds."""
    out = tmp_path / ("v.geojson" if command == "export" else "v.png")
    code, _, err = run_cli(
        capsys, command, "--event", "2021-09-11-c1", "--ranges", "800,1500,5000", "-o", str(out)
    )
    assert code == 2
    assert "expected ranges needing at most 2,500 geodesic rings for the reach bands, got 3 ranges" in err
    assert "ask for at most 2 of these ranges" in err
    assert not out.exists()
