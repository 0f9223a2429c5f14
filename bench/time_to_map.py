#!/usr/bin/env python3
"""Time to map, filter to map and map payload: the dashboard against the floor, in one run.

The floor (bench/floor_app.py) is the simplest app that shows the same map: streamlit, folium and
streamlit_folium only, 26 CircleMarkers at fixed coordinates, Leaflet served locally. With FILTER=1
it adds a search box and swaps the markers as a feature group, as the dashboard does.

Method: Debian's headless Chromium at 1400x900, every server warm (one load each first), loads
alternating between the apps. What is timed is what a person sees, measured inside the browser
(tests/browser.py, PAINT_OBSERVER): from the page's navigation start to the first paint with a
marker in the map's frame; for a filter change, from the Enter key to the first paint with the new
markers. Each filter change is a search whose result differs from every other one, so no answer
is a repeat the browser or Streamlit could have kept.

Cold start runs from starting the server process to the first marker painted in a browser that
opens the page as soon as the server answers. Filter changes are also measured with Streamlit's
message cache off (STREAMLIT_GLOBAL_MIN_CACHED_MESSAGE_SIZE set past any message), so no figure
leans on repeats sent as references.

Usage: python bench/time_to_map.py [--runs 15] [--changes 15] [--cold 3]
Targets: time to map <= 1.1 x the floor; filter to map median <= 200 ms; map payload <= 170 KB.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.revision import commit  # noqa: E402
from itclusters.assets import install_static_assets  # noqa: E402
from itclusters.data import load_dataset  # noqa: E402
from tests.browser import (  # noqa: E402
    APP_IDLE,
    change_painted,
    expect_markers,
    first_marker_painted,
    launch,
    running_app,
    watch_paints,
)

VIEWPORT = {"width": 1400, "height": 900}
COLD_APPS = {"dashboard": "app.py", "floor": "bench/floor_app.py"}


class Traffic:
    """Bytes the page receives: the map's own files over HTTP (Leaflet, the streamlit-folium
    component, the boundaries) and WebSocket frames (the page and the map's script)."""

    MAP_FILES = ("/app/static/", "/component/streamlit_folium")

    def __init__(self, page):
        self.map_http = self.other_http = self.ws = 0
        page.on("requestfinished", self._finished)
        page.on("websocket", lambda ws: ws.on("framereceived", self._frame))

    def _finished(self, request):
        try:
            sizes = request.sizes()
        except PlaywrightError:  # the page closed while a late request finished: not counted
            return
        size = sizes["responseBodySize"] + sizes["responseHeadersSize"]
        if any(part in request.url for part in self.MAP_FILES):
            self.map_http += size
        else:
            self.other_http += size

    def _frame(self, payload):
        self.ws += len(payload) if payload else 0


def time_to_map(browser, url: str) -> tuple[float, Traffic]:
    context = browser.new_context(viewport=VIEWPORT)
    watch_paints(context)
    page = context.new_page()
    traffic = Traffic(page)
    page.goto(url)
    seconds = first_marker_painted(page)
    page.wait_for_selector(APP_IDLE)
    page.wait_for_timeout(300)  # late requests (the boundaries) still count as payload
    context.close()
    return seconds, traffic


def distinct_searches(n: int) -> list[tuple[str, int]]:
    """Searches (one or two letters) whose results all differ, each with its number of clusters,
    ordered so that consecutive counts differ (the observer waits for a count)."""
    clusters = load_dataset().dataset.clusters
    text = (clusters["name"] + " " + clusters["city"]).str.casefold()
    letters = "abcdefghijklmnopqrstuvwxyz"
    seen, found = {frozenset(clusters["id"])}, []
    for q in [*letters, *(a + b for a in letters for b in letters)]:
        ids = frozenset(clusters["id"][text.str.contains(q, regex=False)])
        if ids and ids not in seen:
            seen.add(ids)
            found.append((q, len(ids)))
    ordered, last = [], len(clusters)
    while found and len(ordered) < n:
        pick = next((s for s in found if s[1] != last), None)
        if pick is None:
            break
        found.remove(pick)
        ordered.append(pick)
        last = pick[1]
    return ordered


def filter_changes(browser, url: str, searches: list[tuple[str, int]]) -> list[float]:
    context = browser.new_context(viewport=VIEWPORT)
    watch_paints(context)
    page = context.new_page()
    page.goto(url)
    first_marker_painted(page)
    page.wait_for_selector(APP_IDLE)
    box = page.get_by_label("Search name or city")
    times = []
    for q, count in searches:
        box.fill(q)
        expect_markers(page, count)
        box.press("Enter")
        times.append(change_painted(page))
        page.wait_for_selector(APP_IDLE)
    context.close()
    return times


NO_MESSAGE_CACHE = {"STREAMLIT_GLOBAL_MIN_CACHED_MESSAGE_SIZE": "1e15"}


def cold_start(browser, app: str, env: dict | None = None) -> float:
    """Seconds from starting the server process to the first marker painted."""
    context = browser.new_context(viewport=VIEWPORT)
    watch_paints(context)
    page = context.new_page()
    started = time.time()
    with running_app(app=app, env=env) as url:
        page.goto(url)
        first_marker_painted(page)
        painted = page.evaluate("window.__itcFirstMarker") / 1000  # epoch seconds, the same clock
        page.wait_for_selector(APP_IDLE)
    context.close()
    return painted - started


def p95(values):
    return statistics.quantiles(values, n=20, method="inclusive")[-1] if len(values) > 1 else values[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--runs", type=int, default=15, help="alternating loads per app (single loads vary by 0.2-0.4 s)"
    )
    parser.add_argument("--changes", type=int, default=15)
    parser.add_argument("--cold", type=int, default=3, help="cold starts per app")
    args = parser.parse_args()

    install_static_assets(ROOT / "bench" / "static" / "vendor")  # the floor serves its own copy
    searches = distinct_searches(args.changes)
    loads = {"dashboard": [], "floor": []}
    payload = {}
    with (
        running_app() as dashboard,
        running_app(env=NO_MESSAGE_CACHE) as dashboard_no_cache,
        running_app(app="bench/floor_app.py") as floor,
        running_app(app="bench/floor_app.py", env={**os.environ, "FILTER": "1"}) as floor_filter,
        sync_playwright() as p,
    ):
        browser = launch(p)
        urls = {"dashboard": dashboard, "floor": floor}
        for url in [*urls.values(), floor_filter, dashboard_no_cache]:  # warm-up: imports done, caches filled
            time_to_map(browser, url)
        for _ in range(args.runs):
            for name, url in urls.items():
                seconds, traffic = time_to_map(browser, url)
                loads[name].append(seconds)
                payload[name] = traffic
        changes = {
            "dashboard": filter_changes(browser, dashboard, searches),
            "dashboard, message cache off": filter_changes(browser, dashboard_no_cache, searches),
            "floor (layer swap)": filter_changes(browser, floor_filter, searches),
        }
    with sync_playwright() as p:  # cold starts: nothing else running
        browser = launch(p)
        cold = {name: [cold_start(browser, app) for _ in range(args.cold)] for name, app in COLD_APPS.items()}
        browser.close()

    print(f"commit {commit()}, Chromium at {VIEWPORT['width']}x{VIEWPORT['height']}, warm servers")
    dash, ref = statistics.median(loads["dashboard"]), statistics.median(loads["floor"])
    print(
        f"time to map, first marker painted (median of {args.runs} alternating loads): "
        f"dashboard {dash:.2f} s, floor {ref:.2f} s, ratio {dash / ref:.2f} (target <= 1.1)"
    )
    print("  dashboard loads: " + ", ".join(f"{t:.2f}" for t in loads["dashboard"]))
    print("  floor loads:     " + ", ".join(f"{t:.2f}" for t in loads["floor"]))
    for name, times in changes.items():
        if not times:  # --changes 0
            continue
        print(
            f"filter to map, {name} ({len(times)} distinct searches): median {statistics.median(times) * 1000:.0f} ms, "
            f"p95 {p95(times) * 1000:.0f} ms (target: dashboard median <= 200 ms)"
        )
    for name, seconds in cold.items():
        if not seconds:  # --cold 0
            continue
        print(
            f"cold start, process start to first marker painted, {name} (median of {args.cold}): "
            f"{statistics.median(seconds):.2f} s ({', '.join(f'{s:.2f}' for s in seconds)})"
        )
    for name, traffic in payload.items():
        print(
            f"first load, {name}: map payload {(traffic.map_http + traffic.ws) / 1024:.0f} KB (map files "
            f"{traffic.map_http / 1024:.0f} KB over HTTP, page and map script {traffic.ws / 1024:.0f} KB over the "
            f"WebSocket); Streamlit's own files {traffic.other_http / 1024:.0f} KB (target: dashboard <= 170 KB)"
        )


if __name__ == "__main__":
    main()
