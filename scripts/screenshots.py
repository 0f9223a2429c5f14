#!/usr/bin/env python3
"""Screenshots for the README, taken from the running dashboard in headless Chromium.

Usage: python scripts/screenshots.py   (writes docs/*.png)
"""

import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.browser import MAP_FRAME, launch, running_app, wait_full_page, wait_markers  # noqa: E402
from tests.office import pptx_to_pdf  # noqa: E402

LAPTOP, PROJECTOR, PHONE = (1366, 768), (1280, 720), (390, 844)
SHOTS = {  # file -> (path and query, screen, what to wait for: "map", "chart" or "table")
    "map.png": ("/", LAPTOP, "map"),  # with the largest cluster's tooltip showing
    "regions.png": ("/regions", LAPTOP, "table"),
    "members.png": ("/members", LAPTOP, "chart"),
    "wartime-status.png": ("/wartime_status?region=east,south", LAPTOP, "chart"),
    "presentation.png": ("/?present=1&story=overview&slide=2", PROJECTOR, "map"),
    "map-uk.png": ("/?lang=uk", LAPTOP, "map"),
    "members-uk.png": ("/members?lang=uk", LAPTOP, "chart"),
    "phone.png": ("/?region=east", PHONE, "map"),
    "chart-slide.png": ("/?present=1&story=overview&slide=5", (1920, 1080), "slide"),
}
PHONE_AGENT = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148 Safari/604.1"


def printed(fmt: str, name: str, number: int = 1, query: str = "", band: tuple[float, float] = (0, 1)) -> None:
    """One page of an exported file as its user's program shows it: made by `python -m itclusters
    export` (the buttons' code), converted to PDF by LibreOffice, and that page rendered by pdftoppm
    (only the `band` of its height, as fractions from the top: a short table's page is mostly empty)."""
    width = 1280 if band == (0, 1) else 2000
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        made = out / f"export.{fmt}"
        subprocess.run(
            [sys.executable, "-m", "itclusters", "export", "--format", fmt, "--query", query, "--out", str(made)],
            cwd=ROOT,
            check=True,
        )
        pdf = pptx_to_pdf(made, out)
        target = ROOT / "docs" / name
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-singlefile",
                "-f",
                str(number),
                "-l",
                str(number),
                "-scale-to-x",
                str(width),
                "-scale-to-y",
                "-1",
                *crop(width, band),
                str(pdf),
                str(target),
            ],
            check=True,
        )
    print("wrote", target.with_suffix(".png"))


def crop(width: int, band: tuple[float, float]) -> list[str]:
    if band == (0, 1):
        return []
    height = round(width / 297 * 210)  # A4 landscape
    top, bottom = (round(f * height) for f in band)
    return ["-x", "0", "-y", str(top), "-W", str(width), "-H", str(bottom - top)]


def hover_the_largest_cluster(page) -> None:
    frame = page.frame(url=lambda u: "streamlit_folium" in u)
    box = page.locator(MAP_FRAME).bounding_box()
    x, y = frame.evaluate(
        """() => { const circles = Object.values(map._layers).filter(l => (l.options.className || '')
             .includes('itc-cluster')).sort((a, b) => b.getRadius() - a.getRadius());
           const p = map.latLngToContainerPoint(circles[0].getLatLng()); return [p.x, p.y]; }"""
    )
    page.mouse.move(box["x"] + x - 4, box["y"] + y)
    page.mouse.move(box["x"] + x, box["y"] + y, steps=4)
    page.wait_for_timeout(600)


def main() -> None:
    with running_app() as url, sync_playwright() as p:
        browser = launch(p)
        for name, (path, (width, height), wait_for) in SHOTS.items():
            phone = (width, height) == PHONE
            options = {"is_mobile": True, "has_touch": True, "user_agent": PHONE_AGENT} if phone else {}
            context = browser.new_context(viewport={"width": width, "height": height}, **options)
            page = context.new_page()
            page.goto(url + path)
            wait_full_page(page)
            if wait_for == "map":
                wait_markers(page)
                page.wait_for_timeout(800)  # let the fit animation settle
                if name == "map.png":
                    hover_the_largest_cluster(page)
            elif wait_for == "slide":
                page.wait_for_function("() => document.querySelector('.st-key-slide_chart img')?.naturalWidth > 0")
                page.wait_for_timeout(500)
            elif wait_for == "chart":
                page.locator(".vega-embed").first.wait_for()
                page.wait_for_timeout(800)
            else:
                page.get_by_test_id("stDataFrame").first.wait_for()
                page.wait_for_timeout(800)
            page.screenshot(path=ROOT / "docs" / name)
            print("wrote", ROOT / "docs" / name)
            context.close()
        browser.close()
    printed("pptx", "slide", number=3)
    printed("pptx", "deck-chart", number=6)  # the story's fifth slide: the same as chart-slide.png
    printed("xlsx", "spreadsheet", number=2, query="region=east", band=(0.1, 0.24))  # page 1: the About sheet


if __name__ == "__main__":
    main()
