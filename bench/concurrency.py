#!/usr/bin/env python3
"""Many users at once: N browser sessions (one headless Chromium, N pages) load the dashboard and
change a filter over and over for a while. Prints failed sessions and p50/p95 timings.

Usage: python bench/concurrency.py [--sessions 10] [--seconds 60] [--url http://127.0.0.1:8501]
Without --url it starts its own server on a free local port. Target: 0 failed sessions.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path

from playwright.async_api import async_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.revision import commit  # noqa: E402
from tests.browser import APP_IDLE, CHROMIUM, CHROMIUM_ARGS, MAP_FRAME, running_app  # noqa: E402

# Alternate between a search that leaves one marker and an empty search (all markers).
STEPS = (("Lviv", 1), ("", None))


async def marker_count(page) -> int:
    return await page.frame_locator(MAP_FRAME).locator("path.itc-cluster").count()


async def wait_for_markers(page, expected: int | None, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while True:
        n = await marker_count(page)
        if (expected is None and n > 1) or n == expected:
            return
        if time.monotonic() > deadline:
            raise TimeoutError(f"expected {expected} markers, saw {n}")
        await asyncio.sleep(0.02)


async def session(browser, url: str, seconds: float, loads: list, changes: list) -> str | None:
    context = await browser.new_context(viewport={"width": 1280, "height": 800})
    page = await context.new_page()
    try:
        start = time.monotonic()
        await page.goto(url)
        await page.wait_for_selector(APP_IDLE, timeout=60_000)
        await wait_for_markers(page, None, timeout=60)
        total = await marker_count(page)
        loads.append(time.monotonic() - start)
        search = page.get_by_label("Search name or city")
        step = 0
        while time.monotonic() - start < seconds:
            text, expected = STEPS[step % len(STEPS)]
            await search.fill(text)
            began = time.monotonic()
            await search.press("Enter")
            await wait_for_markers(page, expected if expected is not None else total)
            changes.append(time.monotonic() - began)
            step += 1
        return None
    except Exception as e:  # a failed session is a result, not a crash of the benchmark
        return f"{type(e).__name__}: {e}".splitlines()[0]
    finally:
        await context.close()


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 else values[0]


async def run(url: str, sessions: int, seconds: float) -> int:
    loads: list[float] = []
    changes: list[float] = []
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        results = await asyncio.gather(*(session(browser, url, seconds, loads, changes) for _ in range(sessions)))
        await browser.close()
    failed = [r for r in results if r]
    print(f"commit {commit()}")
    print(f"sessions: {sessions}, duration: {seconds:.0f} s")
    print(f"failed sessions: {len(failed)}")
    for reason in failed:
        print(f"  - {reason}")
    print(f"initial load to markers: p50 {percentile(loads, 50):.2f} s, p95 {percentile(loads, 95):.2f} s")
    print(
        f"filter change to updated map: p50 {percentile(changes, 50) * 1000:.0f} ms, "
        f"p95 {percentile(changes, 95) * 1000:.0f} ms ({len(changes)} changes)"
    )
    return 1 if failed else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sessions", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--url")
    args = parser.parse_args()
    if args.url:
        sys.exit(asyncio.run(run(args.url, args.sessions, args.seconds)))
    with running_app() as url:
        code = asyncio.run(run(url, args.sessions, args.seconds))
    sys.exit(code)


if __name__ == "__main__":
    main()
