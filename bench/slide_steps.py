#!/usr/bin/env python3
"""How long a step to the next (or previous) slide takes to be drawn while presenting the shipped
story at 1920x1080, against the floor (bench/floor_step_app.py: a Streamlit app that steps a
counter with the same key and shows one small picture per step).

A step is timed in the browser from the key press to the first frame after the counter shows the
new slide, the app is idle, and the slide is drawn: the map's markers in its one frame, or the chart
slide's picture decoded. The first step onto each chart slide in a new server is reported
apart (its picture is drawn then; later steps find it cached).

Usage: python bench/slide_steps.py [--rounds 3]   Target: median <= 0.5 s, worst <= 1 s.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.revision import commit  # noqa: E402
from tests.browser import MAP_FRAME, launch, running_app, wait_full_page  # noqa: E402

SLIDES = 6
SCREEN = {"width": 1920, "height": 1080}
# Drawn: the counter says `wanted`, Streamlit is idle, and the slide's content is on screen.
DRAWN = """([wanted, frame]) => {
  const counter = document.querySelector('[data-testid="itc-counter"]');
  if (!counter || counter.textContent.trim() !== wanted) return false;
  if (document.querySelector('[data-test-script-state="running"]')) return false;
  const picture = document.querySelector('.st-key-slide_chart img');
  if (picture) return picture.complete && picture.naturalWidth > 0;
  const frames = document.querySelectorAll(frame);
  if (frames.length !== 1 || !frames[0].contentDocument) return false;
  return frames[0].contentDocument.querySelectorAll('path.itc-cluster').length > 0;
}"""


def step_times(page, rounds: int) -> tuple[list[float], list[float]]:
    """Seconds per step: (first steps onto each slide, the rest)."""
    first, later, seen = [], [], {1}
    slide = 1
    for _round in range(rounds):
        for key, by in [("PageDown", 1)] * (SLIDES - 1) + [("PageUp", -1)] * (SLIDES - 1):
            slide += by
            start = page.evaluate("() => performance.now()")
            page.keyboard.press(key)
            page.wait_for_function(DRAWN, arg=[f"{slide} / {SLIDES}", MAP_FRAME], polling="raf", timeout=30_000)
            took = page.evaluate("() => new Promise(r => requestAnimationFrame(() => r(performance.now())))") - start
            (later if slide in seen else first).append(took / 1000)
            if slide not in seen:
                print(f"    first visit to slide {slide}: {took / 1000:.2f} s", flush=True)
            seen.add(slide)
    return first, later


def run(url: str, path: str, rounds: int, browser) -> tuple[list[float], list[float]]:
    context = browser.new_context(viewport=SCREEN)
    page = context.new_page()
    page.goto(url + path)
    wait_full_page(page, 60_000) if "story" in path else page.wait_for_selector('[data-testid="itc-counter"]')
    page.wait_for_function(DRAWN, arg=[f"1 / {SLIDES}", MAP_FRAME], timeout=60_000)
    times = step_times(page, rounds)
    context.close()
    return times


def summary(name: str, times: list[float]) -> str:
    if not times:
        return f"  {name}: none"
    return (
        f"  {name}: median {statistics.median(times):.2f} s, worst {max(times):.2f} s, "
        f"best {min(times):.2f} s ({len(times)} steps)"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with sync_playwright() as playwright:
        browser = launch(playwright)
        with running_app(app="bench/floor_step_app.py") as floor_url:
            floor_first, floor_later = run(floor_url, "/", args.rounds, browser)
        with running_app() as url:
            first, later = run(url, "/?present=1&story=overview&slide=1", args.rounds, browser)
        browser.close()
    print(f"commit {commit()}: a step between the overview's slides at 1920x1080, Debian Chromium")
    print(summary("dashboard, first visit to a slide", first))
    print(summary("dashboard, every later step", later))
    print(summary("floor (bench/floor_step_app.py)", floor_first + floor_later))
    print("  target: median <= 0.50 s, worst <= 1.00 s")


if __name__ == "__main__":
    main()
