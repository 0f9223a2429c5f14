#!/usr/bin/env python3
"""Does one visitor's heavy work hold the others? A reader changes the search on the map every half
second while a second visitor, in the same server, does the heaviest thing each row names (the
worst-case corpus below). Prints, for each, how long the work took and the longest a reader's
filter change took while it ran, against the floor: the same reader, in the same run, with no one
else on the server.

Usage: python bench/stall.py [--only NAME ...] [--seconds-between 3]
Target: no change slower than 1 s while any of these runs.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.revision import commit  # noqa: E402
from tests.browser import APP_IDLE, CHROMIUM, CHROMIUM_ARGS, MAP_FRAME, running_app, wait_full_page  # noqa: E402
from tests.heavy import heaviest_facts  # noqa: E402

LIMIT = 2_000_000  # the app's upload limit (ui/uploads.py)
CLUSTERS = (ROOT / "data" / "clusters.csv").read_bytes()
FACTS = (ROOT / "data" / "facts.csv").read_bytes()
HEADER, BODY = CLUSTERS.split(b"\n", 1)


def widest_header() -> bytes:
    """The published file with as many extra columns in its header as the limit allows."""
    room = LIMIT - len(CLUSTERS) - 1
    return HEADER + b",x" * (room // 2) + b"\n" + BODY


def longest_line() -> bytes:
    """One row whose name is as long as the limit allows."""
    first, rest = BODY.split(b"\n", 1)
    cells = first.split(b",")
    room = LIMIT - len(CLUSTERS) - 3
    cells[1] = b'"' + b"x" * room + b'"'
    return HEADER + b"\n" + b",".join(cells) + b"\n" + rest


def most_rows() -> bytes:
    """facts.csv filled to the limit with valid rows (5,263 of the first fact's shape), not a byte over."""
    header, first = FACTS.split(b"\n")[:2]
    rows, size, n = [header], len(header), 0
    template = first.split(b",", 1)[1]
    while True:
        row = b"bench-fact-%06d," % n + template
        if size + len(row) + 2 > LIMIT:  # each row's newline and the last one: at most the limit
            return b"\n".join(rows) + b"\n"
        rows.append(row)
        size, n = size + len(row) + 1, n + 1


def most_problems() -> bytes:
    """clusters.csv with rows that break every rule until the limit: a thousand listed, the rest counted."""
    bad = b",".join([b"!"] * (HEADER.count(b",") + 1))
    rows = (LIMIT - len(HEADER) - 1) // (len(bad) + 1)
    return HEADER + b"\n" + (bad + b"\n") * rows


def deepest_story() -> bytes:
    """A story file as deep as its size limit (200,000 bytes) allows."""
    depth = 99_000
    return b'{"id": "deep", "title": ' + b"[" * depth + b"]" * depth + b"}"


def largest_story() -> bytes:
    """A valid story of 50 slides (the schema's limit), each with every filter and a 300-character caption."""
    slide = {
        "page": "members",
        "filters": {"region": "east,west,north,south,centre", "founded": "2000-2024", "members": "1-", "unknown": "1"},
        "layers": {"relocations": True, "hubs": True, "shading": "members"},
        "caption": {"en": "x" * 300, "uk": "ї" * 300},
    }
    story = {"id": "largest", "title": {"en": "Largest", "uk": "Найбільша"}, "slides": [slide] * 50}
    return json.dumps(story).encode()


def upload(page, url: str, key: str, name: str, data: bytes, verdict: str, path: str = "/data") -> None:
    """Upload the file and wait for the page's verdict on it (a text the page shows)."""
    page.goto(url + path)
    wait_full_page(page, 60_000)
    with tempfile.TemporaryDirectory() as folder:  # the browser reads the file as it sends it: kept till then
        file = Path(folder) / name
        file.write_bytes(data)
        page.get_by_test_id("stFileUploader").nth(UPLOADERS[key]).locator("input[type=file]").set_input_files(str(file))
        page.get_by_text(verdict).first.wait_for(timeout=WAIT)
        page.wait_for_selector(APP_IDLE, timeout=WAIT)


def download(page, url: str, label: str) -> None:
    page.goto(url)
    wait_full_page(page, 60_000)
    with page.expect_download(timeout=600_000):
        page.get_by_role("button", name=label, exact=True).first.click()


def heaviest_cluster(page, url: str) -> list[tuple[str, float, float]]:
    """A valid facts.csv as heavy as the limit allows, all on one cluster (tests/heavy.py), used in
    the session; then the Data page's facts table searched, and the cluster's profile opened on the
    map. Returns each step's window, so the reader's longest change is told for each."""
    steps = []
    began = time.monotonic()
    upload(page, url, "upload_facts", "facts.csv", heaviest_facts(), "The upload is valid")
    steps.append(("upload checked", began, time.monotonic()))
    began = time.monotonic()
    page.get_by_role("button", name="Use the uploaded data in this session").click(timeout=WAIT)
    page.get_by_text("Using uploaded data").first.wait_for(timeout=WAIT)
    page.wait_for_selector(APP_IDLE, timeout=WAIT)
    steps.append(("used: the Data page", began, time.monotonic()))
    began = time.monotonic()
    search = page.get_by_label("Search the facts")
    search.fill("x")
    search.press("Enter")
    page.get_by_text("search: x").first.wait_for(timeout=WAIT)
    page.wait_for_selector(APP_IDLE, timeout=WAIT)
    steps.append(("facts searched", began, time.monotonic()))
    began = time.monotonic()
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Map").click()
    page.wait_for_selector(APP_IDLE, timeout=WAIT)
    picker = page.get_by_role("combobox", name="Cluster profile")
    picker.click()
    picker.fill("Lviv IT Cluster")
    picker.press("Enter")
    page.locator(".itc-profile").first.wait_for(timeout=WAIT)
    page.wait_for_selector(APP_IDLE, timeout=WAIT)
    steps.append(("its profile on the map", began, time.monotonic()))
    return steps


REFUSED, STORIES = "and was not used", "/stories"
WAIT = 600_000
UPLOADERS = {"upload_clusters": 0, "upload_facts": 2, "story_upload": 0}  # their order on their pages
# name -> what the second visitor does in its page
CORPUS = {
    "widest header": lambda p, u: upload(p, u, "upload_clusters", "clusters.csv", widest_header(), REFUSED),
    "longest line": lambda p, u: upload(p, u, "upload_clusters", "clusters.csv", longest_line(), REFUSED),
    "most rows": lambda p, u: upload(p, u, "upload_facts", "facts.csv", most_rows(), "The upload is valid"),
    "most problems": lambda p, u: upload(p, u, "upload_clusters", "clusters.csv", most_problems(), REFUSED),
    "deepest story": lambda p, u: upload(p, u, "story_upload", "deep.json", deepest_story(), "nests too deep", STORIES),
    "largest story": lambda p, u: upload(p, u, "story_upload", "b.json", largest_story(), "Present this", STORIES),
    "largest deck": lambda p, u: download(p, u, "Slides (PowerPoint)"),
    "presentation pack": lambda p, u: download(p, u, "Presentation pack (zip)"),
    "heaviest valid cluster": heaviest_cluster,
}


class Reader:
    """A reader who changes the search every half second, timing each change to its map."""

    def __init__(self, browser, url: str):
        self.context = browser.new_context(viewport={"width": 1280, "height": 800})
        self.page = self.context.new_page()
        self.page.goto(url)
        wait_full_page(self.page, 60_000)
        self.changes: list[tuple[float, float]] = []  # (started, seconds)

    def markers(self) -> int:
        return self.page.frame_locator(MAP_FRAME).locator("path.itc-cluster").count()

    def change(self, text: str, expected: int | None) -> None:
        search = self.page.get_by_label("Search name or city")
        search.fill(text)
        started = time.monotonic()
        search.press("Enter")
        while True:
            n = self.markers()
            if (expected is None and n > 1) or n == expected:
                break
            if time.monotonic() - started > 120:
                raise TimeoutError(f"the map did not show {expected} markers in 120 s")
            self.page.wait_for_timeout(10)
        self.changes.append((started, time.monotonic() - started))

    def run_until(self, done: threading.Event) -> None:
        step = 0
        while not done.is_set():
            began = time.monotonic()
            self.change(*(("Lviv", 1), ("", None))[step % 2])
            step += 1
            self.page.wait_for_timeout(max(0, 500 - (time.monotonic() - began) * 1000))

    def longest(self, start: float, end: float) -> tuple[float, int]:
        during = [s for began, s in self.changes if began + s >= start and began <= end]
        return (max(during) if during else float("nan")), len(during)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", nargs="*", choices=list(CORPUS), default=list(CORPUS))
    parser.add_argument("--seconds-between", type=float, default=3.0)
    args = parser.parse_args()
    windows: list[tuple[str, float, float, str]] = []
    failures: list[str] = []
    reader_ready, done = threading.Event(), threading.Event()

    def visitor(url: str) -> None:
        """The second visitor, in a Playwright and a browser of its own (one per thread)."""
        try:
            with sync_playwright() as q:
                browser = q.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
                page = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
                reader_ready.wait()
                time.sleep(args.seconds_between)
                windows.append(
                    ("floor (no other visitor)", time.monotonic() - args.seconds_between, time.monotonic(), "")
                )
                for name in args.only:
                    start, note, steps = time.monotonic(), "", None
                    try:
                        steps = CORPUS[name](page, url)
                    except Exception as error:  # a result, not a crash of the benchmark
                        note = f"failed: {type(error).__name__}: {str(error).splitlines()[0][:80]}"
                        failures.append(name)
                    windows.append((name, start, time.monotonic(), note))
                    windows.extend((f"  {step}", began, ended, "") for step, began, ended in steps or ())
                    print(f"{name}: {time.monotonic() - start:.2f} s {note}", file=sys.stderr, flush=True)
                    time.sleep(args.seconds_between)
                browser.close()
        finally:
            done.set()

    with running_app() as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        reader = Reader(browser, url)
        thread = threading.Thread(target=visitor, args=(url,))  # started once this Playwright is up
        thread.start()
        reader_ready.set()
        reader.run_until(done)
        thread.join()
        browser.close()

    print(f"commit {commit()}")
    all_changes = [s for _b, s in reader.changes]
    print(f"reader: {len(all_changes)} filter changes, median {statistics.median(all_changes) * 1000:.0f} ms")
    print(f"{'work':<26} {'work took':>10} {'longest change':>15} {'changes':>8}")
    worst = 0.0
    for name, start, end, note in windows:
        longest, count = reader.longest(start, end)
        if name != windows[0][0]:
            worst = max(worst, longest if longest == longest else 0.0)
        print(f"{name:<26} {end - start:>9.2f}s {longest * 1000:>13.0f}ms {count:>8}  {note}")
    print(f"target: no change slower than 1 s while the work runs: {'met' if worst <= 1.0 else 'NOT met'}")
    sys.exit(1 if failures or worst > 1.0 else 0)


if __name__ == "__main__":
    main()
