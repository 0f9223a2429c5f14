"""A real dashboard server and Debian's headless Chromium, for the browser tests and benchmarks."""

from __future__ import annotations

import contextlib
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

from playwright.sync_api import Error as PlaywrightError

from ui import first_screen

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


def wait_healthy(url: str, process: subprocess.Popen, timeout: float, why) -> None:
    """Until `url`/_stcore/health answers; once `process` has stopped or `timeout` seconds have
    passed, fail with the message `why()` gives (the server's output, nginx's error log)."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(why())
        time.sleep(0.3)


class Served(str):
    """A running server's base URL, which also carries its process (benchmarks read its memory)."""

    process: subprocess.Popen


@contextlib.contextmanager
def running_app(
    port: int | None = None,
    app: str = "app.py",
    cwd: Path = ROOT,
    timeout: float = 60,
    env: dict[str, str] | None = None,
    base_path: str = "",
):
    """Start the app as `make run` does (any other script with `streamlit run`) and yield its base
    URL (under `base_path`, as behind a proxy) once it answers; stop it afterwards."""
    port = port or free_port()
    start = ["ui.serve"] if app == "app.py" else ["streamlit", "run", app]
    cmd = [
        sys.executable,
        "-m",
        *start,
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
        "--server.fileWatcherType",
        "none",
        *(["--server.baseUrlPath", base_path] if base_path else []),
    ]
    process = subprocess.Popen(
        cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env={**os.environ, **(env or {})}
    )
    url = f"http://127.0.0.1:{port}" + (f"/{base_path}" if base_path else "")
    try:
        wait_healthy(
            url, process, timeout, lambda: "streamlit did not start:\n" + process.stdout.read().decode(errors="replace")
        )
        served = Served(url)
        served.process = process
        yield served
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


def wait_full_page(page, timeout: float = 30_000) -> None:
    """The app has finished its run, the map's first screen (if any) has given way to the full
    page, and the page's style is in (an st.html block, drawn once its code has loaded: a test that
    measured a focus ring or a caption's contrast before that failed now and then)."""
    wait_idle(page, timeout)
    page.wait_for_selector(first_screen.MARK, state="detached", timeout=timeout)
    wait_idle(page, timeout)
    page.wait_for_function(
        "() => getComputedStyle(document.documentElement).getPropertyValue('--itc-frame').trim() === '1'",
        timeout=timeout,
    )


def map_frame(page):
    return page.frame_locator(MAP_FRAME)


def count_in_map(page, selector: str) -> int | None:
    """How many `selector` the map iframe holds, or None while a rerun shows a second, stale
    map iframe beside the new one (Streamlit keeps the old element until the run ends)."""
    if page.locator(MAP_FRAME).count() != 1:
        return None
    try:
        return map_frame(page).locator(selector).count()
    except PlaywrightError:  # the frame was swapped between the two calls
        return None


def wait_in_map(page, selector: str, count: int | None = None, timeout: float = 30_000):
    """Wait until the one map iframe holds `count` of `selector` (at least one if None)."""
    deadline = time.monotonic() + timeout / 1000
    while True:
        found = count_in_map(page, selector)
        if found is not None and (found == count if count is not None else found > 0):
            return map_frame(page).locator(selector)
        if time.monotonic() > deadline:
            raise AssertionError(f"expected {count or 'some'} {selector} in the map, found {found}")
        time.sleep(0.2)


def wait_markers(page, count: int | None = None, timeout: float = 30_000):
    """The cluster markers drawn in the map iframe (SVG paths of class itc-cluster)."""
    return wait_in_map(page, "path.itc-cluster", count, timeout)


class Session:
    """One page with a log of every request and console error it caused."""

    def __init__(self, browser, base_url, **context_options):
        self.context = browser.new_context(**{"viewport": {"width": 1400, "height": 900}, **context_options})
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
        wait_full_page(self.page)
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


# Times what a person sees, measured inside the browser: the first frame painted with a cluster
# marker (SVG circle, canvas layer or per-oblast circle) in the map's frame, and after a filter
# change the first frame painted with the expected number of markers. The page checks the map's
# frame (same origin) on every animation frame and stamps the next one, which follows the paint.
# Stamps are epoch milliseconds (timeOrigin + now), on the same clock as navigation start.
MARKERS = "path.itc-cluster, canvas.leaflet-zoom-animated, path.itc-aggregate"
PAINT_OBSERVER = """
(() => {
  if (window !== window.top) { return; }
  const now = () => performance.timeOrigin + performance.now();
  addEventListener("keydown", (e) => {  // the key press that starts a filter change
    if (e.key === "Enter") { window.__itcPressed = performance.timeOrigin + e.timeStamp; }
  }, true);
  let stampNext = null;
  const tick = () => {
    if (stampNext) { stampNext(now()); stampNext = null; }
    if (!window.__itcFilters && document.querySelector('[data-testid="stSidebar"] [data-testid="stSlider"]')) {
      window.__itcFilters = now();  // the sidebar's filters are on screen
    }
    const frame = document.querySelector(__FRAME__);
    const doc = frame && frame.contentDocument;
    if (doc && !window.__itcFirstMarker && doc.querySelector(__MARKERS__)) {
      stampNext = (t) => { window.__itcFirstMarker = t; };
    } else if (doc && window.__itcExpect != null
               && doc.querySelectorAll("path.itc-cluster").length === window.__itcExpect) {
      window.__itcExpect = null;
      stampNext = (t) => { window.__itcChanged = t; };
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();
""".replace("__MARKERS__", json.dumps(MARKERS)).replace("__FRAME__", json.dumps(MAP_FRAME))


def watch_paints(context) -> None:
    """Install the observer in every frame the context opens (before any page script runs)."""
    context.add_init_script(PAINT_OBSERVER)


def first_marker_painted(page, timeout: float = 120_000) -> float:
    """Seconds from the page's navigation start to the first marker painted."""
    page.wait_for_function("window.__itcFirstMarker", timeout=timeout)
    return page.evaluate("(window.__itcFirstMarker - performance.timeOrigin) / 1000")


def expect_markers(page, count: int) -> None:
    """Arm the observer for a filter change that should leave `count` markers on the map."""
    page.evaluate(f"window.__itcChanged = window.__itcPressed = null; window.__itcExpect = {int(count)}")


def change_painted(page, timeout: float = 30_000) -> float:
    """Seconds from the Enter key press to the paint that showed the expected markers."""
    page.wait_for_function("window.__itcChanged && window.__itcPressed", timeout=timeout)
    return page.evaluate("(window.__itcChanged - window.__itcPressed) / 1000")
