#!/usr/bin/env python3
"""Where the time to map goes, phase by phase: the dashboard against the floor, in one run.

Timed inside the page (Debian's headless Chromium at 1400x900, warm servers, alternating loads):
the WebSocket opening, its first message, the map's message (the largest before the first
marker), the insertion of the map's frame into the page, and the first marker painted
(tests/browser.py, PAINT_OBSERVER). A message's time is when the page's main thread handles it,
so work the browser does for earlier elements shows up as a later map message.

Usage: python bench/first_screen_phases.py [--runs 15]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.revision import commit  # noqa: E402
from itclusters.assets import install_static_assets  # noqa: E402
from tests.browser import APP_IDLE, MAP_FRAME, first_marker_painted, launch, running_app, watch_paints  # noqa: E402

# Each WebSocket message's time and size, and the moment the map's frame enters the page.
TIMELINE = """
(() => {
  if (window !== window.top) { return; }
  window.__itcSocket = [];
  const Native = window.WebSocket;
  window.WebSocket = function (...args) {
    const socket = new Native(...args);
    socket.addEventListener("open", () => window.__itcSocket.push([performance.now(), 0]));
    socket.addEventListener("message", (e) => window.__itcSocket.push([performance.now(), e.data.byteLength || 0]));
    return socket;
  };
  window.WebSocket.prototype = Native.prototype;
  Object.assign(window.WebSocket, Native);
  new MutationObserver(() => {
    if (!window.__itcFrameIn && document.querySelector(__FRAME__)) { window.__itcFrameIn = performance.now(); }
  }).observe(document, {subtree: true, childList: true});
})();
""".replace("__FRAME__", json.dumps(MAP_FRAME))

PHASES = ("WebSocket open", "first message", "map message", "frame inserted", "first marker")


def phases(browser, url: str) -> list[float]:
    """Milliseconds: navigation start to the WebSocket's opening, then each phase from the last."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    watch_paints(context)
    context.add_init_script(TIMELINE)
    page = context.new_page()
    page.goto(url)
    marker = first_marker_painted(page) * 1000
    page.wait_for_selector(APP_IDLE)
    socket, frame_in = page.evaluate("window.__itcSocket"), page.evaluate("window.__itcFrameIn")
    context.close()
    opened, messages = socket[0][0], [m for m in socket[1:] if m[0] < marker]
    map_message = max(messages, key=lambda m: m[1])[0]
    points = [opened, messages[0][0], map_message, frame_in, marker]
    return [points[0]] + [b - a for a, b in zip(points, points[1:])]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    install_static_assets(ROOT / "bench" / "static" / "vendor")  # the floor serves its own copy
    results = {"dashboard": [], "floor": []}
    with running_app() as dashboard, running_app(app="bench/floor_app.py") as floor, sync_playwright() as p:
        browser = launch(p)
        urls = {"dashboard": dashboard, "floor": floor}
        for url in urls.values():  # warm-up
            phases(browser, url)
        for _ in range(args.runs):
            for name, url in urls.items():
                results[name].append(phases(browser, url))
        browser.close()
    print(f"commit {commit()}; medians of {args.runs} alternating loads, ms, each phase from the one before")
    print("| app | " + " | ".join(PHASES) + " | total |")
    print("| --- " * (len(PHASES) + 2) + "|")
    for name, rows in results.items():
        medians = [statistics.median(column) for column in zip(*rows)]
        total = statistics.median(sum(row) for row in rows)
        print(f"| {name} | " + " | ".join(f"{m:.0f}" for m in medians) + f" | {total:.0f} |")


if __name__ == "__main__":
    main()
