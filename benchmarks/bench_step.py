"""A Next step in presentation mode, in a real browser: time until the new launch is painted, bytes sent.

Command (from the project root)::

    .venv/bin/python benchmarks/bench_step.py                  # before = BASELINE, after = this tree
    .venv/bin/python benchmarks/bench_step.py --before <ref> --steps 12

Both versions run at once on their own local servers (127.0.0.1), each open in headless Debian chromium
at 1280x720 in presentation mode on the window 2017-03-21..2017-12-31; the steps alternate between the
two (before, after, before, after...) so both see the same machine load. Server caches are warmed first
(one pass over the window with the protocol client), as on the teacher's screen before the class.

One step: a click on the header's Next button (``page.evaluate``, no test-driver delay), then, in the
page, every animation frame: is the address bar on the next launch, and does the map show it, with the
land layer drawn? "Shows it": after (the map updated in place by ``LA.update``) the map's container says
``la_event`` = the new launch, set once its drawing is in the document; before (no map runtime: every
rerun builds a new map) the frame holds a new Leaflet map, built with the new launch's drawing. The time
is from the click to the first frame where it does (one more frame to paint). Bytes: the
websocket frames received and the HTTP responses (body sizes) from the click until the page has been
quiet for 0.5 s. Server CPU time per step from /proc (robust to other load on a shared machine; the wall
times are not: compare before and after within one run, and see the load average printed).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from apprun import exported, load_average, serve
from bench_load import BASELINE, FIRST, WINDOW, WINDOW_SIZE
from stclient import Session

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'

_STEP_JS = """
async ([frameSel, keySel]) => {
  const eventOf = () => new URLSearchParams(location.search).get('event');
  const old = eventOf();
  const oldMaps = new Set([...document.querySelectorAll(frameSel)]
    .map(f => f.contentWindow && f.contentWindow.map).filter(Boolean));
  const drawn = (id) => {
    for (const f of document.querySelectorAll(frameSel)) {
      const w = f.contentWindow; const m = w && w.map;
      if (!m || !m._layers || f.getBoundingClientRect().height < 10) continue;
      const box = m.getContainer();
      if (box.dataset.la_land !== 'drawn') continue;
      if (box.dataset.la_event === id) return true;  // updated in place (after)
      if (box.dataset.la_event === undefined && !oldMaps.has(m)) return true;  // a new map (before)
    }
    return false;
  };
  const button = document.querySelector('[data-testid=stMain] ' + keySel + ' button');
  const t0 = performance.now();
  button.click();
  return await new Promise((resolve, reject) => {
    const limit = setTimeout(() => reject(new Error('no new map within 60 s')), 60000);
    const tick = () => {
      const id = eventOf();
      if (id && id !== old && drawn(id)) {
        requestAnimationFrame(() => { clearTimeout(limit); resolve({ms: performance.now() - t0, id: id}); });
      } else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}
"""


class Tab:
    """One version of the app open in a browser tab, with its traffic counted."""

    def __init__(self, browser: Any, server: Any) -> None:
        self.server = server
        self.ctx = browser.new_context(viewport={"width": 1280, "height": 720})
        self.page = self.ctx.new_page()
        self.ws_bytes = 0
        self.http_bytes = 0
        self.last_traffic = time.monotonic()
        self.page.on("websocket", self._on_ws)
        self.page.on("requestfinished", self._on_http)

    def _on_ws(self, ws: Any) -> None:
        def frame(payload: Any) -> None:
            self.ws_bytes += len(payload)
            self.last_traffic = time.monotonic()

        ws.on("framereceived", frame)

    def _on_http(self, req: Any) -> None:
        with contextlib.suppress(Exception):
            sizes = req.sizes()
            self.http_bytes += int(sizes["responseBodySize"]) + int(sizes["responseHeadersSize"])
        self.last_traffic = time.monotonic()

    def open(self) -> None:
        self.page.goto(f"{self.server.url}/?event={FIRST}&{WINDOW}", wait_until="domcontentloaded")
        self.page.wait_for_function(
            """(sel) => [...document.querySelectorAll(sel)].some(f => f.contentWindow && f.contentWindow.map
                 && f.contentWindow.map.getContainer().dataset.la_land === 'drawn')""",
            arg=MAP_FRAME,
            timeout=60_000,
        )
        self.page.wait_for_timeout(1500)

    def step(self) -> dict[str, Any]:
        ws0, http0, cpu0 = self.ws_bytes, self.http_bytes, self.server.cpu_s()
        res = self.page.evaluate(_STEP_JS, [MAP_FRAME, ".st-key-m_next"])
        while time.monotonic() - self.last_traffic < 0.5:  # let the run finish (script_finished...)
            self.page.wait_for_timeout(100)
        return {
            "id": res["id"],
            "paint_ms": res["ms"],
            "ws_bytes": self.ws_bytes - ws0,
            "http_bytes": self.http_bytes - http0,
            "server_cpu_s": self.server.cpu_s() - cpu0,
        }


async def _warm(url: str) -> None:
    s = Session(url, f"event={FIRST}&{WINDOW}")
    await s.open()
    for _ in range(WINDOW_SIZE - 1):
        await s.click("m_next")
    await s.close()


def _summary(rows: list[dict[str, Any]]) -> dict[str, Any]:
    def med(k: str) -> float:
        return statistics.median(r[k] for r in rows)

    return {
        "steps": len(rows),
        "paint_ms_median": round(med("paint_ms")),
        "paint_ms_min": round(min(r["paint_ms"] for r in rows)),
        "paint_ms_max": round(max(r["paint_ms"] for r in rows)),
        "ws_kB_median": round(med("ws_bytes") / 1000, 1),
        "http_kB_median": round(med("http_bytes") / 1000, 1),
        "sent_kB_median": round(statistics.median((r["ws_bytes"] + r["http_bytes"]) for r in rows) / 1000, 1),
        "server_cpu_ms_median": round(1000 * med("server_cpu_s")),
    }


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--before", default=BASELINE, help="git ref of the 'before' app (default %(default)s)")
    p.add_argument("--only", choices=["before", "after"], help="measure one version only")
    p.add_argument("--steps", type=int, default=10, help=f"steps per version (max {WINDOW_SIZE - 1})")
    args = p.parse_args(argv)
    steps = max(1, min(args.steps, WINDOW_SIZE - 1))
    from playwright.sync_api import sync_playwright

    versions = [("before", args.before), ("after", None)]
    versions = [v for v in versions if not args.only or v[0] == args.only]
    out: dict[str, Any] = {"load_average_start": load_average()}
    with contextlib.ExitStack() as stack:
        servers = {}
        for label, ref in versions:
            app_dir = stack.enter_context(exported(ref))
            servers[label] = stack.enter_context(serve(app_dir, label))
        for server in servers.values():
            asyncio.run(_warm(server.url))
        pw = stack.enter_context(sync_playwright())
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        stack.callback(browser.close)
        tabs = {label: Tab(browser, server) for label, server in servers.items()}
        for tab in tabs.values():
            tab.open()
        rows: dict[str, list[dict[str, Any]]] = {label: [] for label in tabs}
        for _ in range(steps):
            for label, tab in tabs.items():
                rows[label].append(tab.step())
        for label in tabs:
            out[label] = {"ref": dict(versions)[label] or "working tree", **_summary(rows[label])}
            out[label + "_steps"] = [
                {k: (round(v, 3) if isinstance(v, float) else v) for k, v in r.items()} for r in rows[label]
            ]
    out["load_average_end"] = load_average()
    if "before" in out and "after" in out:
        ratio = out["after"]["paint_ms_median"] / out["before"]["paint_ms_median"]
        out["paint_after_over_before"] = round(ratio, 3)
    print(json.dumps(out, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
