"""A real dashboard server and Debian's headless Chromium, for the browser tests and benchmarks."""

from __future__ import annotations

import contextlib
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
APP_IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
LOCAL_HOSTS = {"localhost", "127.0.0.1", "[::1]", "::1"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def running_app(
    port: int | None = None,
    app: str = "app.py",
    cwd: Path = ROOT,
    timeout: float = 60,
    env: dict[str, str] | None = None,
):
    """Start `streamlit run` and yield its base URL once it answers; stop it afterwards."""
    port = port or free_port()
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        app,
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
        "--server.fileWatcherType",
        "none",
    ]
    process = subprocess.Popen(
        cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env={**os.environ, **(env or {})}
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    output = process.stdout.read().decode(errors="replace") if process.stdout else ""
                    raise RuntimeError(f"streamlit did not start:\n{output}") from None
                time.sleep(0.3)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def launch(playwright):
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)


def wait_idle(page, timeout: float = 30_000) -> None:
    """The app has finished its run (Streamlit marks the root element)."""
    page.wait_for_selector(APP_IDLE, timeout=timeout)


def map_frame(page):
    return page.frame_locator(MAP_FRAME)


def wait_markers(page, count: int | None = None, timeout: float = 30_000):
    """The cluster markers drawn in the map iframe (SVG paths of class itc-cluster)."""
    frame = map_frame(page)
    markers = frame.locator("path.itc-cluster")
    if count is None:
        markers.first.wait_for(timeout=timeout)
    else:
        deadline = time.monotonic() + timeout / 1000
        while markers.count() != count:
            if time.monotonic() > deadline:
                raise AssertionError(f"expected {count} markers, found {markers.count()}")
            time.sleep(0.2)
    return markers


class Session:
    """One page with a log of every request and console error it caused."""

    def __init__(self, browser, base_url):
        self.context = browser.new_context(viewport={"width": 1400, "height": 900})
        self.page = self.context.new_page()
        self.base_url = base_url
        self.requests: list[str] = []
        self.console_errors: list[str] = []
        self.page_errors: list[str] = []
        self.failed_responses: list[str] = []
        self.context.on("request", lambda r: self.requests.append(r.url))
        self.context.on("response", lambda r: self.failed_responses.append(r.url) if r.status >= 400 else None)
        self.page.on("console", lambda m: self.console_errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.page_errors.append(str(e)))

    def open(self, path=""):
        self.page.goto(self.base_url + path)
        wait_idle(self.page)
        return self.page

    def errors(self):
        """Console and page errors, less Streamlit's own base-path probe: opened at /members, its
        frontend first asks /members/_stcore/health and host-config (404), then the real root."""
        probes = [u for u in self.failed_responses if re.search(r"/[\w-]+/_stcore/(health|host-config)$", u)]
        unexplained = [u for u in self.failed_responses if u not in probes]
        console = [m for m in self.console_errors if not m.startswith("Failed to load resource")]
        return console + self.page_errors + unexplained

    def foreign_requests(self):
        hosts = {urlparse(u).hostname for u in self.requests if urlparse(u).scheme in ("http", "https", "ws", "wss")}
        return sorted(hosts - LOCAL_HOSTS)
