"""Issue 8 in a real browser: template payloads uploaded on the Import page never run on the server.

The attack as it was found: upload, through Chromium and the real Import page, a records CSV whose
launch places are template payloads (tests/data/injection/payloads.json), named after one of them,
and a Marine Regions-like EEZ GeoPackage named after another; then open the Map page. Nothing may run
on the server (the folder a payload would create does not exist), no page may show a traceback, no
script may run in the page, and every payload must show literally in the map's tooltips and
attribution.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest

from tests.browser.test_offline_map import MAP_FRAME, _open, _wait_for_map
from tests.injection import ROOT, assert_nothing_ran, catalogue_row, eez_gpkg, new_marker, payloads

pytestmark = [pytest.mark.browser, pytest.mark.slow]

#: Tooltip text of every launch-place marker, as the browser renders it (what a visitor reads).
_TOOLTIPS_JS = """(sel) => {
  const w = document.querySelector(sel).contentWindow;
  const map = Object.values(w).find(v => v instanceof w.L.Map);
  const out = [];
  map.eachLayer(l => { const t = l.getTooltip && l.getTooltip();
    if (t) { const d = w.document.createElement('div'); d.innerHTML = t.getContent();
             out.push(d.textContent); } });
  return out; }"""


def _records(corpus: list[str]) -> bytes:
    """One launch per payload, each at its own place (one marker each), payload as place and system."""
    base = catalogue_row()
    rows = []
    for k, p in enumerate(corpus):
        rows.append(
            {
                **base,
                "id": f"u-{k}",
                "facility_id": "",
                "launch_place": p,
                "system_name": p if len(p) <= 120 else "KN-23",
                "launch_lon": f"{124.6 + 0.9 * (k % 6):.3f}",
                "launch_lat": f"{37.6 + 0.9 * (k // 6):.3f}",
            }
        )
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=list(rows[0]))
    w.writeheader()
    w.writerows(rows)
    return buf.getvalue().encode("utf-8")


def test_regression_template_payloads_uploaded_in_chromium_never_run_and_show_literally(
    browser: Any, app_url: str, artifacts_dir: Path, tmp_path: Path
) -> None:
    marker = new_marker()
    corpus = payloads(marker)
    records = tmp_path / f"{corpus[0]}.csv"  # a file *named* by a payload that creates the marker
    records.write_bytes(_records(corpus))
    eez = tmp_path / f"{corpus[6]}.gpkg"  # {{ 'x' }}: used to break the map with a traceback
    eez_gpkg(corpus, tmp_path / "eez.gpkg")
    (tmp_path / "eez.gpkg").rename(eez)
    ctx, page, foreign, _ = _open(browser, f"{app_url}/import", width=1280, height=900)
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        page.get_by_text("CSV or GeoJSON file (up to").wait_for(timeout=30_000)
        page.locator('input[type="file"]').nth(0).set_input_files(str(records))
        page.get_by_text("rows read,").wait_for(timeout=60_000)
        page.locator('input[type="file"]').nth(1).set_input_files(str(eez))
        page.get_by_text("EEZ polygons read from").wait_for(timeout=90_000)
        import_text = page.locator('[data-testid="stMain"]').inner_text()
        page.screenshot(path=str(artifacts_dir / "injection-import.png"), full_page=True)
        page.get_by_role("link", name="Map").first.click()
        frame = _wait_for_map(page, min_paths=20)
        attribution = frame.locator(".leaflet-control-attribution").inner_text()
        tooltips = page.evaluate(_TOOLTIPS_JS, MAP_FRAME)
        # Show one payload's tooltip for the screenshot: hover the first imported (orange) marker.
        frame.locator('path[fill="#ef6c00"]').first.hover(force=True)
        frame.locator(".leaflet-tooltip").first.wait_for(timeout=10_000)
        shown = frame.locator(".leaflet-tooltip").first.inner_text()
        map_text = page.locator('[data-testid="stMain"]').inner_text()
        page.screenshot(path=str(artifacts_dir / "injection-map.png"), full_page=False)
    finally:
        ctx.close()
    n = len(corpus)
    assert f"{n} rows read, {n} added to the map, 0 already there, 0 rejected" in import_text
    for text in (import_text, map_text):
        assert "Traceback" not in text
        assert "jinja2" not in text.lower()
    assert eez.name in attribution  # the file name, literally
    assert "Yours: " in shown
    imported = [t for t in tooltips if t.startswith("Yours: ")]
    assert len(imported) == len(corpus)
    for p in corpus:
        assert any(p in t for t in imported), f"{p!r} is not shown literally in a tooltip"
    assert dialogs == []  # no <script>, onerror or ${...} ran in the page
    assert foreign == []
    assert_nothing_ran(marker, ROOT)
