#!/usr/bin/env python3
"""Scale: synthetic datasets of 1,000, 10,000 and 100,000 clusters (bench/make_synthetic.py).

For each size: time to map in headless Chromium on a cold server (validation included) and on a
warm one, how the map drew them (SVG markers, one canvas, or one circle per oblast), whether the
page survived, and the server's time per rerun (Streamlit's AppTest, in this process).

Usage: python bench/scale.py [--sizes 1000 10000 100000] [--reruns 6]
Target: 10,000 points on the map within 3 s; 100,000 crash neither browser nor server.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.revision import commit  # noqa: E402
from tests.browser import APP_IDLE, MAP_FRAME, first_marker_painted, launch, running_app, watch_paints  # noqa: E402

SHAPES = {"svg": "path.itc-cluster", "canvas": "canvas.leaflet-zoom-animated", "aggregate": "path.itc-aggregate"}


def time_to_map(browser, url: str) -> tuple[float, str]:
    """Navigation start to the first marker painted (tests/browser.py), and how they were drawn."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    watch_paints(context)
    page = context.new_page()
    page.goto(url, timeout=120_000)
    elapsed = first_marker_painted(page)
    frame = page.frame_locator(MAP_FRAME)
    mode = next(name for name, selector in SHAPES.items() if frame.locator(selector).count())
    page.wait_for_selector(APP_IDLE, timeout=120_000)
    alive = page.evaluate("1 + 1") == 2
    context.close()
    return elapsed, mode if alive else f"{mode} (page died)"


def server_rerun_seconds(data_dir: Path, reruns: int) -> float:
    """Median script time of a filter change, measured with AppTest in a child process."""
    code = f"""
import statistics, time
from tests.apptest import new_app, pages_folder_flag_as_on_a_server
pages_folder_flag_as_on_a_server().__enter__()
at = new_app().run(timeout=300)
times = []
for i in range({reruns}):
    box = at.sidebar.text_input(key="f_q").input("1" if i % 2 == 0 else "")
    start = time.perf_counter(); box.run(); times.append(time.perf_counter() - start)
print(statistics.median(times))
"""
    env = {**os.environ, "ITCLUSTERS_DATA_DIR": str(data_dir)}
    out = subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--reruns", type=int, default=6, help="filter changes timed in AppTest; 0 to skip")
    args = parser.parse_args()
    print(f"commit {commit()}; time to map = navigation start to the first marker painted")
    print("| clusters | drawn as | time to map, cold server | time to map, warm | server time per rerun |")
    print("| --- | --- | --- | --- | --- |")
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = launch(p)
        for n in args.sizes:
            folder = Path(tmp) / f"synthetic-{n}"
            subprocess.run(
                [sys.executable, str(ROOT / "bench" / "make_synthetic.py"), str(n), str(folder)],
                check=True,
                capture_output=True,
            )
            with running_app(env={"ITCLUSTERS_DATA_DIR": str(folder)}, timeout=120) as url:
                cold, mode = time_to_map(browser, url)
                warm = statistics.median(time_to_map(browser, url)[0] for _ in range(3))
            rerun = f"{server_rerun_seconds(folder, args.reruns) * 1000:.0f} ms" if args.reruns else "not measured"
            print(f"| {n:,} | {mode} | {cold:.2f} s | {warm:.2f} s | {rerun} |", flush=True)
        browser.close()


if __name__ == "__main__":
    main()
