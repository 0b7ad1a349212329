"""Shared helpers of the template-injection tests (issue 8): the payload corpus and where labels show.

Imported (``from tests.injection import ...``) by tests/test_template_injection.py,
tests/app/test_injection.py and tests/browser/test_upload_injection.py.
"""

from __future__ import annotations

import csv
import io
import json
import re
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(__file__).resolve().parent / "data" / "injection" / "payloads.json"


def new_marker() -> str:
    """A fresh identifier: the folder a successful payload would create (in the cwd or in /tmp)."""
    return f"la_pwned_{uuid.uuid4().hex[:12]}"


def payloads(marker: str) -> list[str]:
    """The corpus of tests/data/injection/payloads.json with ``MARKER`` replaced by ``marker``."""
    raw = json.loads(CORPUS.read_text(encoding="utf-8"))["payloads"]
    return [p.replace("MARKER", marker) for p in raw]


def marker_paths(marker: str, *cwds: Path) -> list[Path]:
    """Every place a successful payload of the corpus would create its folder."""
    return [Path("/tmp") / marker, *(Path(c) / marker for c in cwds)]


def assert_nothing_ran(marker: str, *cwds: Path) -> None:
    """No payload created its folder (removing any that did, so one failure does not leak)."""
    found = [p for p in marker_paths(marker, *cwds) if p.exists()]
    for p in found:
        p.rmdir()
    assert found == [], f"a template payload ran on the server and created {found}"


def json_literals_after(script: str, pattern: str) -> Iterator[Any]:
    """Each JSON value that follows a match of the regular expression ``pattern`` in ``script``."""
    dec = json.JSONDecoder()
    for m in re.finditer(pattern, script):
        try:
            yield dec.raw_decode(script, m.end())[0]
        except json.JSONDecodeError:
            continue


def shown_labels(script: str) -> list[str]:
    """Every label the map shows, as the HTML the browser receives (a payload shown as text appears
    in it as ``geo.safetext.html_text(payload)``: escaped, never as markup).

    Read from the map's update payloads by :func:`geo.mapview.shown_texts`: launch-place names and the
    launch table sent with them, tooltips, map labels, the legend, the attribution, and the ``name`` /
    ``label`` of drawn features (sea names, EEZ names, overlays).
    """
    from geo.mapview import shown_texts

    return shown_texts(script)


def catalogue_row(record_id: str = "2021-09-15-1") -> dict[str, str]:
    """One row of the shipped catalogue CSV, as text (default: Yangdok, 2021-09-15, 800 km)."""
    from geo.paths import DATA_DIR

    text = (DATA_DIR / "catalogue" / "launches.csv").read_text(encoding="utf-8")
    return next(r for r in csv.DictReader(io.StringIO(text)) if r["id"] == record_id)


def records_csv(rows: list[dict[str, str]]) -> bytes:
    """A records CSV file (UTF-8) of ``rows``, columns in the first row's order."""
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=list(rows[0]))
    w.writeheader()
    w.writerows(rows)
    return buf.getvalue().encode("utf-8")


def eez_gpkg(names: list[str], path: Path) -> bytes:
    """A Marine Regions-like EEZ GeoPackage: one Sea of Japan strip per name, every text attribute
    holding that name (the second and later ones as joint regimes, whose names the verdict quotes)."""
    import geopandas as gpd
    import shapely

    n = len(names)
    width = 9.0 / n
    gdf = gpd.GeoDataFrame(
        {
            "MRGID": list(range(1, n + 1)),
            "GEONAME": names,
            "POL_TYPE": ["200NM"] + ["Joint regime"] * (n - 1),
            "SOVEREIGN1": names,
            "SOVEREIGN2": [None] + ["Japan"] * (n - 1),
            "TERRITORY1": names,
            "ISO_SOV1": names,
        },
        geometry=[shapely.box(132 + k * width, 37, 132 + (k + 1) * width, 43) for k in range(n)],
        crs="EPSG:4326",
    )
    gdf.to_file(path, driver="GPKG", layer="eez_v12")
    return path.read_bytes()
