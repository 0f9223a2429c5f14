#!/usr/bin/env python3
"""Time to map, filter to map, payload and cold start: the dashboard against a bare reference.

The reference (bench/reference_app.py) is one st_folium map with 26 circle markers and locally
served Leaflet: the floor that Streamlit and Leaflet themselves set. Both apps run at once and are
measured alternately in one headless Chromium, so machine noise hits both alike.

Usage: python bench/time_to_map.py [--runs 7] [--changes 15] [--data-dir DIR]
Targets: time to map <= 1.3 x the reference; filter to map median <= 400 ms and <= 1.5 x the
reference's bare rerun; map payload on first load <= 250 KB.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.browser import APP_IDLE, MAP_FRAME, free_port, launch, running_app  # noqa: E402

MARKER = "path.itc-cluster, canvas.leaflet-zoom-animated, .itc-aggregate"


class Traffic:
    """Bytes the page receives: HTTP as transferred (compressed), split into the map's own files
    (Leaflet, the streamlit-folium component, the boundaries) and the rest of Streamlit, plus
    WebSocket frames, where Streamlit sends the map's script on every run."""

    MAP_FILES = ("/app/static/", "/component/streamlit_folium")

    def __init__(self, page):
        self.map_http = 0
        self.other_http = 0
        self.ws = 0
        page.on("requestfinished", self._finished)
        page.on("websocket", lambda ws: ws.on("framereceived", self._frame))

    def _finished(self, request):
        sizes = request.sizes()
        size = sizes["responseBodySize"] + sizes["responseHeadersSize"]
        if any(part in request.url for part in self.MAP_FILES):
            self.map_http += size
        else:
            self.other_http += size

    def _frame(self, payload):
        self.ws += len(payload) if payload else 0

    @property
    def http(self):
        return self.map_http + self.other_http

    def total(self):
        return self.http + self.ws


def first_map(browser, url: str) -> tuple[float, Traffic]:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    traffic = Traffic(page)
    start = time.perf_counter()
    page.goto(url)
    page.frame_locator(MAP_FRAME).locator(MARKER).first.wait_for(timeout=60_000)
    elapsed = time.perf_counter() - start
    page.wait_for_timeout(300)
    context.close()
    return elapsed, traffic


def filter_changes(browser, url: str, changes: int) -> tuple[list[float], int]:
    """Type a search, wait until the map shows the new markers; alternate with an empty search."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    traffic = Traffic(page)
    page.goto(url)
    page.wait_for_selector(APP_IDLE)
    markers = page.frame_locator(MAP_FRAME).locator("path.itc-cluster")
    markers.first.wait_for(timeout=60_000)
    total = markers.count()
    page.wait_for_timeout(300)
    traffic.ws = 0
    search = page.get_by_label("Search name or city")
    times = []
    for i in range(changes):
        text, expected = ("Lviv", 1) if i % 2 == 0 else ("", total)
        search.fill(text)
        start = time.perf_counter()
        search.press("Enter")
        deadline = start + 30
        while markers.count() != expected:
            if time.perf_counter() > deadline:
                raise TimeoutError(f"map did not update to {expected} markers")
            page.wait_for_timeout(5)
        times.append(time.perf_counter() - start)
    context.close()
    return times, traffic.ws // max(changes, 1)


def cold_start(env: dict | None = None) -> float:
    """From starting the server process to the first page served."""
    start = time.perf_counter()
    with running_app(free_port(), env=env) as url:
        with urllib.request.urlopen(url, timeout=30) as r:
            r.read()
        return time.perf_counter() - start


def p95(values):
    return statistics.quantiles(values, n=20, method="inclusive")[-1] if len(values) > 1 else values[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--changes", type=int, default=15)
    parser.add_argument("--data-dir", help="a data folder to load instead of ./data (e.g. a synthetic one)")
    args = parser.parse_args()
    env = {"ITCLUSTERS_DATA_DIR": args.data_dir} if args.data_dir else None

    results = {"dashboard": [], "reference": []}
    payload = {}
    with (
        running_app(env=env) as dashboard,
        running_app(app="bench/reference_app.py") as reference,
        sync_playwright() as p,
    ):
        browser = launch(p)
        urls = {"dashboard": dashboard, "reference": reference}
        for url in urls.values():  # warm-up: caches filled, as for every later visitor
            first_map(browser, url)
        for _ in range(args.runs):
            for name, url in urls.items():
                elapsed, traffic = first_map(browser, url)
                results[name].append(elapsed)
                payload[name] = traffic
        changes = {name: filter_changes(browser, url, args.changes) for name, url in urls.items()}
        browser.close()

    dash, ref = statistics.median(results["dashboard"]), statistics.median(results["reference"])
    print(
        f"time to map (median of {args.runs}): dashboard {dash:.2f} s, reference {ref:.2f} s, "
        f"ratio {dash / ref:.2f} (target <= 1.3)"
    )
    for name, (times, ws_bytes) in changes.items():
        print(
            f"filter to map, {name}: median {statistics.median(times) * 1000:.0f} ms, "
            f"p95 {p95(times) * 1000:.0f} ms, {ws_bytes / 1024:.0f} KB per change"
        )
    ratio = statistics.median(changes["dashboard"][0]) / statistics.median(changes["reference"][0])
    print(f"filter to map ratio: {ratio:.2f} (target median <= 400 ms and ratio <= 1.5)")
    for name, traffic in payload.items():
        print(
            f"first load, {name}: map {(traffic.map_http + traffic.ws) / 1024:.0f} KB (Leaflet, component and "
            f"boundaries {traffic.map_http / 1024:.0f} KB over HTTP, script and page "
            f"{traffic.ws / 1024:.0f} KB over the WebSocket); Streamlit's own files "
            f"{traffic.other_http / 1024:.0f} KB (target: map <= 250 KB)"
        )
    print(f"cold start to first page: {cold_start(env):.2f} s")


if __name__ == "__main__":
    main()
