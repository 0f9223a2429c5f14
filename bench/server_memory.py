#!/usr/bin/env python3
"""Server memory: hostile uploads and deck exports in real browser sessions, and what the server
keeps once the sessions are closed.

Starts the dashboard as `make run` does (`python -m ui.serve`, tests/browser.py's running_app) and
drives Debian's headless Chromium. Each upload is a session of its own: the Data page gets
clusters.csv's header plus 940,000 one-character lines (1.9 MB, 940,000 problems), and then, in a
second page load, the Stories page gets a story nested as deep as its size limit allows. Each deck
export is a session of its own that opens the map and downloads "Slides (PowerPoint)". Every
session's browser context is closed after its work. Then the script waits until Streamlit has let
go of the closed sessions (server.disconnectedSessionTTL seconds after their browsers left) and the
worker processes have ended (itclusters/worker.py: IDLE_SECONDS), and reads the memory again.

Resident memory is read from /proc: the server process alone, and its child processes (the workers
that validate uploads and make files) beside it; a worker is reused and ends after a minute without
work. Target: the server and its workers together back within 50 MB of where they started. With
--floor the same uploads and downloads go to a bare Streamlit app (bench/floor_memory_app.py: one
uploader, one download button), the reference.

Usage: python bench/server_memory.py [--uploads 20] [--decks 20] [--floor]
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import tempfile
import threading
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.revision import commit  # noqa: E402
from tests.browser import APP_IDLE, launch, running_app, wait_full_page, wait_idle  # noqa: E402

TARGET_MB = 50
WAIT = 300_000  # ms: an upload's verdict, a deck
HEADER = (ROOT / "data" / "clusters.csv").read_bytes().split(b"\n", 1)[0]
HOSTILE_CSV = HEADER + b"\n" + b"x\n" * 940_000
DEPTH = 99_000  # the story's size limit is 200,000 bytes
HOSTILE_STORY = b'{"id": "deep", "title": ' + b"[" * DEPTH + b"]" * DEPTH + b"}"


# -- Memory ------------------------------------------------------------------------------------------


def rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


class Memory:
    """The server's resident memory and its workers', sampled every half second for the peaks."""

    def __init__(self, pid: int):
        self.pid = pid
        self.peak_server = self.peak_workers = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def now(self) -> tuple[float, float, int]:
        """(server MB, workers MB, workers)."""
        workers = children(self.pid)
        return rss_mb(self.pid), sum(rss_mb(p) for p in workers), len(workers)

    def _sample(self) -> None:
        while not self._stop.wait(0.5):
            server, workers, _n = self.now()
            self.peak_server, self.peak_workers = max(self.peak_server, server), max(self.peak_workers, workers)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


def line(what: str, reading: tuple[float, float, int]) -> str:
    server, workers, n = reading
    return f"{what}: server {server:.0f} MB, workers {workers:.0f} MB ({n}), together {server + workers:.0f} MB"


# -- What the sessions do ------------------------------------------------------------------------------


def upload(page, url: str, path: str, name: str, data: bytes, verdict: str) -> None:
    page.goto(url + path)
    wait_full_page(page, 60_000)
    with tempfile.TemporaryDirectory() as folder:  # the browser reads the file as it sends it
        file = Path(folder) / name
        file.write_bytes(data)
        page.get_by_test_id("stFileUploader").first.locator("input[type=file]").set_input_files(str(file))
        page.get_by_text(verdict).first.wait_for(timeout=WAIT)
        page.wait_for_selector(APP_IDLE, timeout=WAIT)


def download(page, url: str, path: str, label: str) -> int:
    page.goto(url + path)
    wait_full_page(page, 60_000)
    with page.expect_download(timeout=WAIT) as started:
        page.get_by_role("button", name=label, exact=True).first.click()
    return Path(started.value.path()).stat().st_size


def dashboard_upload(browser, url: str, stories: bool) -> None:
    context = browser.new_context(viewport={"width": 1400, "height": 900}, accept_downloads=True)
    page = context.new_page()
    upload(page, url, "/data", "clusters.csv", HOSTILE_CSV, "and was not used")
    if stories:
        upload(page, url, "/stories", "deep.json", HOSTILE_STORY, "nests too deep")
    context.close()


def dashboard_deck(browser, url: str) -> int:
    context = browser.new_context(viewport={"width": 1400, "height": 900}, accept_downloads=True)
    size = download(context.new_page(), url, "/", "Slides (PowerPoint)")
    context.close()
    return size


def floor_upload(browser, url: str, stories: bool) -> None:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    page.goto(url)
    wait_idle(page, 60_000)
    with tempfile.TemporaryDirectory() as folder:
        file = Path(folder) / "clusters.csv"
        file.write_bytes(HOSTILE_CSV)
        page.get_by_test_id("stFileUploader").first.locator("input[type=file]").set_input_files(str(file))
        page.get_by_text("lines read").first.wait_for(timeout=WAIT)
        page.wait_for_selector(APP_IDLE, timeout=WAIT)
    context.close()


def floor_deck(browser, url: str) -> int:
    context = browser.new_context(viewport={"width": 1400, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.goto(url)
    wait_idle(page, 60_000)
    with page.expect_download(timeout=WAIT) as started:
        page.get_by_role("button", name="Slides (PowerPoint)", exact=True).first.click()
    size = Path(started.value.path()).stat().st_size
    context.close()
    return size


# -- The run -----------------------------------------------------------------------------------------


def settle(memory: Memory, seconds: float) -> tuple[float, float, int]:
    """Wait `seconds`, printing the memory each half minute; the last reading."""
    deadline = time.monotonic() + seconds
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return memory.now()
        time.sleep(min(30.0, left))
        print("  " + line(f"{seconds - max(0.0, deadline - time.monotonic()):.0f} s", memory.now()), flush=True)


def probe(url, signal_number: int = signal.SIGUSR1) -> None:
    """With --probe: the server writes where its memory is (bench/probe/sitecustomize.py)."""
    if PROBE_OUT:
        os.kill(url.process.pid, signal_number)
        time.sleep(3)


PROBE_OUT = ""


def measure(name: str, app: str, uploads: int, decks: int, stories: bool, wait: float, env: dict) -> float:
    do_upload, do_deck = (dashboard_upload, dashboard_deck) if app == "app.py" else (floor_upload, floor_deck)
    with running_app(app=app, timeout=120, env=env) as url, sync_playwright() as p:
        browser = launch(p)
        memory = Memory(url.process.pid)
        fresh = memory.now()
        # A first visit to the pages the sessions use (imports, caches), its session dropped as theirs are.
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        page = context.new_page()
        for path in ("/", "/data", "/stories") if app == "app.py" else ("",):
            page.goto(url + path)
            wait_full_page(page, 60_000) if app == "app.py" else wait_idle(page, 60_000)
        context.close()
        time.sleep(5)
        start = memory.now()
        probe(url)
        memory.peak_server, memory.peak_workers = start[0], start[1]
        began = time.monotonic()
        for _ in range(uploads):
            do_upload(browser, url, stories)
        uploaded = time.monotonic() - began
        sizes = [do_deck(browser, url) for _ in range(decks)]
        worked = time.monotonic() - began
        done = memory.now()
        probe(url)
        browser.close()
        decks_made = f" (decks of {min(sizes) / 1e6:.2f}-{max(sizes) / 1e6:.2f} MB)" if sizes else ""
        print(
            f"{name}: {uploads} upload sessions in {uploaded:.0f} s, {decks} deck sessions in "
            f"{worked - uploaded:.0f} s{decks_made}",
            flush=True,
        )
        print("  waiting for the closed sessions to be dropped and the workers to end", flush=True)
        after = settle(memory, wait)
        memory.stop()
        probe(url)
        probe(url, signal.SIGUSR2)
    print(
        f"commit {commit()}; {name}, {uploads} hostile uploads ({len(HOSTILE_CSV) / 1e6:.1f} MB clusters.csv"
        + (f", then a {len(HOSTILE_STORY) / 1e3:.0f} KB story" if stories else "")
        + f") and {decks} deck exports,"
        " one browser session each, every session closed"
    )
    print("  " + line("fresh", fresh))
    print("  " + line("start (after a first visit)", start))
    print(f"  peak: server {memory.peak_server:.0f} MB, workers {memory.peak_workers:.0f} MB")
    print("  " + line("sessions closed", done))
    print("  " + line(f"after {wait:.0f} s", after))
    grown = after[0] + after[1] - start[0] - start[1]
    print(
        f"  server and workers: {grown:+.0f} MB from the start; target: within {TARGET_MB} MB: "
        + ("met" if grown <= TARGET_MB else "NOT met"),
        flush=True,
    )
    return grown


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--uploads", type=int, default=20)
    parser.add_argument("--decks", type=int, default=20)
    parser.add_argument("--no-stories", action="store_true", help="upload sessions skip the story upload")
    parser.add_argument(
        "--wait",
        type=float,
        default=0,
        help="seconds to wait after the last session (default: session TTL + workers' idle time + 30)",
    )
    parser.add_argument("--probe", action="store_true", help="the server reports where its memory is")
    parser.add_argument("--floor", action="store_true", help="also the bare app, bench/floor_memory_app.py")
    args = parser.parse_args()
    from streamlit import config

    from itclusters.worker import IDLE_SECONDS

    ttl = config.get_option("server.disconnectedSessionTTL")
    wait = args.wait or ttl + IDLE_SECONDS + 30
    env = {k: v for k, v in os.environ.items() if k.startswith(("MALLOC_", "ITCLUSTERS_", "STREAMLIT_"))}
    if args.probe:
        global PROBE_OUT
        PROBE_OUT = str(Path(tempfile.mkdtemp()) / "probe.txt")
        env.update(ITCLUSTERS_PROBE_OUT=PROBE_OUT, PYTHONPATH=str(ROOT / "bench" / "probe"))
    measure("dashboard", "app.py", args.uploads, args.decks, not args.no_stories, wait, env)
    if args.floor:
        measure("floor", "bench/floor_memory_app.py", args.uploads, args.decks, False, wait, env)
    if PROBE_OUT:
        print(Path(PROBE_OUT).read_text())


if __name__ == "__main__":
    main()
