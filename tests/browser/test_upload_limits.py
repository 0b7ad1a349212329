"""Issue 8, items 2 and 3 in Chromium: hostile EEZ files on the real Import page.

A 2 MB zip that would inflate to 1.9 GB is refused from its directory (nothing unpacked), a damaged
GeoPackage inside a zip is refused naming the uploaded file only (no server path), and neither shows
a traceback.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest

from tests.browser.test_offline_map import _open
from tests.test_maritime_upload import _zeros_zip

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_hostile_eez_files_are_refused_with_plain_messages(
    browser: Any, app_url: str, artifacts_dir: Path, tmp_path: Path
) -> None:
    bomb = tmp_path / "World_EEZ_v12_bomb.zip"
    bomb.write_bytes(_zeros_zip("eez_v12.gpkg", 1900))
    broken = tmp_path / "World_EEZ_v12_broken.zip"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("eez_v12.gpkg", b"not a geopackage " * 100)
    broken.write_bytes(buf.getvalue())
    ctx, page, foreign, _ = _open(browser, f"{app_url}/import", width=1280, height=900)
    try:
        page.get_by_text("Marine Regions World EEZ zip").wait_for(timeout=30_000)
        upload = page.locator('input[type="file"]').nth(1)
        upload.set_input_files(str(bomb))
        page.get_by_text("the zip unpacks to 1992 MB").wait_for(timeout=30_000)
        bomb_text = page.locator('[data-testid="stMain"]').inner_text()
        page.screenshot(path=str(artifacts_dir / "import-eez-zip-bomb.png"), full_page=True)
        upload.set_input_files(str(broken))
        page.get_by_text("GDAL cannot open it").wait_for(timeout=30_000)
        broken_text = page.locator('[data-testid="stMain"]').inner_text()
    finally:
        ctx.close()
    assert "World_EEZ_v12_bomb.zip: the zip unpacks to 1992 MB, over the 1000 MB limit" in bomb_text
    assert "World_EEZ_v12_broken.zip: GDAL cannot open it as vector data" in broken_text
    for text in (bomb_text, broken_text):
        assert "/tmp" not in text
        assert "launch-atlas-eez" not in text
        assert "Traceback" not in text
    assert foreign == []
