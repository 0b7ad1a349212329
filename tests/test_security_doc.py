"""SECURITY.md kept honest: the limits it states are the ones the code enforces."""

from __future__ import annotations

import tomllib
from pathlib import Path

from geo.cli import rings, zones
from geo.maritime import (
    DEFAULT_MAX_USER_EEZ_BYTES,
    DEFAULT_MAX_USER_EEZ_UNZIPPED_BYTES,
    MAX_ZIP_MEMBERS,
    MAX_ZONE_PARTS,
    MAX_ZONE_VERTICES,
)
from geo.records import (
    MAX_REPORT_CELL_CHARS,
    MAX_REPORT_LINES,
    MAX_TEXT_CHARS,
    MAX_UPLOAD_BYTES,
    MAX_UPLOAD_ROWS,
)

ROOT = Path(__file__).resolve().parent.parent
DOC = (ROOT / "SECURITY.md").read_text(encoding="utf-8")


def test_security_md_states_the_enforced_limits() -> None:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    stated = [
        f"{config['server']['maxUploadSize']} MB, the largest upload",
        f"{MAX_UPLOAD_BYTES // 1_000_000} MB, {MAX_UPLOAD_ROWS:,} rows",
        f"{MAX_TEXT_CHARS:,} characters a cell",
        f"{DEFAULT_MAX_USER_EEZ_BYTES // 2**20} MB uploaded",
        f"{DEFAULT_MAX_USER_EEZ_UNZIPPED_BYTES // 10**9} GB written in all",
        f"at most {MAX_ZIP_MEMBERS:,} entries",
        f"{MAX_REPORT_LINES:,} problems listed, {MAX_REPORT_CELL_CHARS} characters a value",
        f"at most {rings.MAX_RINGS} ranges, each at least {rings.MIN_RANGE_KM:g} km",
        f"tolerance at least {rings.MIN_TOLERANCE_KM:g} km",
        f"{zones.MAX_STDIN_BYTES // 10**6} MB of stdin",
        f"at most {MAX_ZONE_VERTICES:,} vertices and {MAX_ZONE_PARTS:,} polygons",
    ]
    missing = [text for text in stated if text not in DOC]
    assert missing == []


def test_security_md_names_the_modules_that_enforce_it() -> None:
    for name in (
        "geo/safetext.py",
        "VerbatimMacroElement",
        "check_map",
        "html_text",
        "js_literal",
        "page_guard",
    ):
        assert name in DOC, name
    assert "Reporting a problem" in DOC
