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
from tests.browser import launch, running_app, wait_full_page, wait_markers  # noqa: E402
from tests.office import pptx_to_pdf  # noqa: E402

SHOTS = {  # file -> (path and query, wait for markers)
    "map.png": ("/", True),
    "members.png": ("/members", False),
    "wartime-status.png": ("/wartime_status?region=east,south", False),
    "presentation.png": ("/?present=1&story=overview&slide=2", True),
    "map-uk.png": ("/?lang=uk", True),
    "members-uk.png": ("/members?lang=uk", False),
}


def deck_slide(number: int = 3) -> None:
    """One slide of the shipped deck, as PowerPoint would show it: built by `python -m itclusters
    export`, converted to PDF by LibreOffice, and that page rendered by pdftoppm."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        subprocess.run(
            [sys.executable, "-m", "itclusters", "export", "--format", "pptx", "--out", str(out / "deck.pptx")],
            cwd=ROOT,
            check=True,
        )
        pdf = pptx_to_pdf(out / "deck.pptx", out)
        target = ROOT / "docs" / "slide"
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-singlefile",
                "-f",
                str(number),
                "-l",
                str(number),
                "-scale-to",
                "1280",
                str(pdf),
                str(target),
            ],
            check=True,
        )
    print("wrote", target.with_suffix(".png"))


def main() -> None:
    with running_app() as url, sync_playwright() as p:
        browser = launch(p)
        for name, (path, has_map) in SHOTS.items():
            size = {"width": 1280, "height": 720} if "present=1" in path else {"width": 1400, "height": 900}
            page = browser.new_page(viewport=size)
            page.goto(url + path)
            wait_full_page(page)
            if has_map:
                wait_markers(page)
                page.wait_for_timeout(800)  # let the fit animation settle
            else:
                page.locator(".vega-embed").first.wait_for()
                page.wait_for_timeout(800)
            page.screenshot(path=ROOT / "docs" / name)
            print("wrote", ROOT / "docs" / name)
            page.close()
        browser.close()
    deck_slide()


if __name__ == "__main__":
    main()
