"""On a phone the map's sources fold to a button, so the scale bar and the sources are both readable.

Regression: at 390x844 the attribution (five lines at 9 px) sat beside the scale bar and covered the
bottom of the map; before that it covered the scale itself ("1(" / "5("). Screenshots:
``artifacts/phone-sources-folded.png``, ``artifacts/phone-sources-open.png``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.browser.test_classroom import MAP_FRAME, YANGDOK, _open, _wait_for_map

pytestmark = [pytest.mark.browser, pytest.mark.slow]

_CONTROLS = """(sel) => {
  const f = [...document.querySelectorAll(sel)].find(f => f.contentWindow && f.contentWindow.map);
  const d = f.contentDocument, c = d.querySelector('.leaflet-container');
  const box = e => { const b = e.getBoundingClientRect(); return [b.left, b.top, b.right, b.bottom]; };
  const a = d.querySelector('.leaflet-control-attribution');
  // what a reader sees at the middle of each scale line: the line itself, not something over it
  const lines = [...d.querySelectorAll('.leaflet-control-scale-line')].map(l => {
    const [x0, y0, x1, y1] = box(l), hit = d.elementFromPoint((x0 + x1) / 2, (y0 + y1) / 2);
    return {text: l.textContent, box: box(l), visible: hit === l || l.contains(hit)};
  });
  return {map: box(c), lines: lines, attribution: box(a), text: a.innerText,
          label: a.getAttribute('aria-label'), expanded: a.getAttribute('aria-expanded'),
          fontPx: parseFloat(getComputedStyle(a).fontSize)};
}"""


def _apart(a: list[float], b: list[float]) -> bool:
    return a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]


def test_on_a_phone_the_sources_fold_and_the_scale_bar_stays_readable(
    browser: Any, app_url: str, artifacts_dir: Path
) -> None:
    ctx, page, foreign = _open(browser, f"{app_url}/?event={YANGDOK}", width=390, height=844, phone=True)
    try:
        _wait_for_map(page)
        frame = page.frame_locator(MAP_FRAME).first
        sources = frame.locator(".leaflet-control-attribution")
        sources.scroll_into_view_if_needed()
        folded = page.evaluate(_CONTROLS, MAP_FRAME)
        page.screenshot(path=str(artifacts_dir / "phone-sources-folded.png"))
        sources.tap()
        page.wait_for_timeout(300)
        opened = page.evaluate(_CONTROLS, MAP_FRAME)
        page.screenshot(path=str(artifacts_dir / "phone-sources-open.png"))
        sources.press("Escape")
        page.wait_for_timeout(300)
        closed = page.evaluate(_CONTROLS, MAP_FRAME)
    finally:
        ctx.close()
    for state in (folded, opened, closed):
        assert [bool(re.fullmatch(r"\d[\d,]* (km|m|mi|ft)", line["text"])) for line in state["lines"]] == [
            True,
            True,
        ]
        assert all(line["visible"] for line in state["lines"]), state
        assert all(_apart(line["box"], state["attribution"]) for line in state["lines"]), state
    # folded: a small "Sources" button in the corner, named for screen readers
    top, bottom = folded["attribution"][1], folded["attribution"][3]
    assert bottom - top < 30
    assert folded["label"]
    assert "Sources" in folded["label"]
    assert folded["expanded"] == "false"
    # opened: every source, at a readable size, inside the map
    assert "Natural Earth" in opened["text"]
    assert "marineregions.org" in opened["text"]
    assert opened["fontPx"] >= 11
    assert opened["attribution"][0] >= opened["map"][0]
    assert opened["attribution"][2] <= opened["map"][2] + 1
    # Escape folds it again
    assert closed["expanded"] == "false"
    assert closed["attribution"][3] - closed["attribution"][1] < 30
    assert foreign == []
