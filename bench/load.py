#!/usr/bin/env python3
"""Load: many concurrent sessions, each doing what a reader's browser does, over Streamlit's own
WebSocket protocol (the frontend's protobuf messages), against one process and against two
replicas behind nginx (deploy/nginx/itclusters.conf, as tests/test_deploy.py runs it).

Sessions start at the same moment (`--arrival 0`, the worst case), or spread evenly over
`--arrival` seconds (an audience following a link from a slide). Each fetches the page
(which gives it nginx's sticky cookie), opens the WebSocket and asks for the map page; the first
run sends the map alone, and the session asks for the rest as the browser does once the map is
painted. Then it changes the search filter `--changes` times, each to a different term, with
2-6 s between changes (a person reading the result), and stays connected until all have finished.

Reported: sessions held to the end; failures (a timeout, a lost connection, a run that did not
finish cleanly or showed an exception); p50 and p95 of the time from asking for the page to the
map's element arriving and to the end of the whole page's run (the sidebar), and of a filter
change from the request to the end of its run (server work and transfer; the browser's drawing is
what bench/time_to_map.py measures); and the server's resident memory per held session (growth
while all are held, divided by the sessions).

Usage: python bench/load.py [--sessions 100] [--changes 4] [--arrival 0]
Target: 100 concurrent sessions on one process, p95 rerun <= 1 s, no failures.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.revision import commit  # noqa: E402
from tests.browser import free_port, running_app  # noqa: E402
from tests.proxy import BASE_PATH, running_nginx  # noqa: E402

TERMS = ["Lviv", "Kyiv", "Kharkiv", "Odesa", "Dnipro", "IT", "Cluster", "Ternopil", "Rivne", ""]
TIMEOUT = 120  # seconds a run may take before the session counts as failed


@dataclass
class Results:
    to_map: list[float] = field(default_factory=list)
    to_page: list[float] = field(default_factory=list)  # from arriving to the whole page (the sidebar)
    reruns: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    held: int = 0


def rerun(widgets: dict[str, str]) -> bytes:
    message = BackMsg()
    message.rerun_script.query_string = ""
    message.rerun_script.page_name = ""
    for widget_id, value in widgets.items():
        state = message.rerun_script.widget_states.widgets.add()
        state.id, state.string_value = widget_id, value
    return message.SerializeToString()


async def one_run(ws, started: float) -> tuple[float | None, str | None]:
    """Read one script run to its end: when the map's element arrived, and the search box's id."""
    map_at, search_id = None, None
    while True:
        message = ForwardMsg()
        message.ParseFromString(await asyncio.wait_for(ws.recv(), TIMEOUT))
        kind = message.WhichOneof("type")
        if kind == "delta" and message.delta.WhichOneof("type") == "new_element":
            element = message.delta.new_element
            what = element.WhichOneof("type")
            if what == "exception":
                raise RuntimeError(f"the run showed an exception: {element.exception.message[:200]}")
            if what == "component_instance" and element.component_instance.component_name.endswith("st_folium"):
                map_at = map_at or time.perf_counter() - started
            if what == "text_input" and element.text_input.id.endswith("-f_q"):
                search_id = element.text_input.id
        elif kind == "script_finished":
            if message.script_finished != ForwardMsg.FINISHED_SUCCESSFULLY:
                raise RuntimeError(f"the run ended with status {message.script_finished}")
            return map_at, search_id


async def reader(n: int, base_url: str, changes: int, delay: float, results: Results, all_done: asyncio.Event) -> None:
    await asyncio.sleep(delay)
    try:
        started = time.perf_counter()
        page = await asyncio.to_thread(urllib.request.urlopen, base_url + "/", timeout=TIMEOUT)
        cookie = (page.headers.get("Set-Cookie") or "").split(";", 1)[0]
        headers = {"Cookie": cookie} if cookie else {}
        url = base_url.replace("http://", "ws://") + "/_stcore/stream"
        async with connect(url, subprotocols=["streamlit"], additional_headers=headers, max_size=None) as ws:
            await ws.send(rerun({}))
            map_at, _ = await one_run(ws, started)  # the first screen: the map alone
            if map_at is None:
                raise RuntimeError("the first run sent no map")
            results.to_map.append(map_at)
            await ws.send(rerun({}))  # the map is painted: the rest of the page
            _, search_id = await one_run(ws, time.perf_counter())
            if search_id is None:
                raise RuntimeError("the full page has no search box")
            results.to_page.append(time.perf_counter() - started)
            for i in range(changes):
                await asyncio.sleep(random.uniform(2, 6))
                asked = time.perf_counter()
                await ws.send(rerun({search_id: TERMS[(n + i) % len(TERMS)]}))
                await one_run(ws, asked)
                results.reruns.append(time.perf_counter() - asked)
            results.held += 1
            await all_done.wait()  # stay connected until every reader has finished
    except Exception as e:  # noqa: BLE001 - every failure is counted and reported
        results.failures.append(f"session {n}: {type(e).__name__}: {e}"[:300])


def rss_mb(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
    return total / 1024


async def crowd(
    base_url: str, sessions: int, changes: int, pids: list[int], arrival: float = 0
) -> tuple[Results, float, float]:
    results, all_done = Results(), asyncio.Event()
    before = rss_mb(pids)
    delays = [arrival * n / sessions for n in range(sessions)]
    tasks = [asyncio.create_task(reader(n, base_url, changes, delays[n], results, all_done)) for n in range(sessions)]
    while results.held + len(results.failures) < sessions:
        await asyncio.sleep(0.2)
    held = rss_mb(pids)  # every session still connected
    all_done.set()
    await asyncio.gather(*tasks)
    return results, before, held


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 else values[0]


def report(label: str, results: Results, sessions: int, before: float, held: float) -> None:
    print(f"{label}: {results.held} of {sessions} sessions held, {len(results.failures)} failed")
    for failure in results.failures[:5]:
        print(f"  {failure}")
    if results.to_map:
        print(
            f"  time to the map's element: p50 {statistics.median(results.to_map):.2f} s, "
            f"p95 {percentile(results.to_map, 95):.2f} s"
        )
    if results.to_page:
        print(
            f"  time to the whole page (the sidebar's filters): p50 {statistics.median(results.to_page):.2f} s, "
            f"p95 {percentile(results.to_page, 95):.2f} s"
        )
    if results.reruns:
        print(
            f"  filter change to the end of its run ({len(results.reruns)} changes): "
            f"p50 {statistics.median(results.reruns) * 1000:.0f} ms, p95 {percentile(results.reruns, 95) * 1000:.0f} ms"
            " (target: p95 <= 1000 ms)"
        )
    per_session = (held - before) / max(results.held, 1)
    print(f"  server memory: {before:.0f} MB before, {held:.0f} MB with all held: {per_session:.1f} MB per session")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sessions", type=int, default=100)
    parser.add_argument("--changes", type=int, default=4)
    parser.add_argument("--arrival", type=float, default=0, help="seconds over which sessions start (0: at once)")
    parser.add_argument("--skip-nginx", action="store_true")
    args = parser.parse_args()
    random.seed(1)
    start = f"over {args.arrival:g} s" if args.arrival else "at once"
    print(
        f"commit {commit()}; {args.sessions} sessions starting {start}, {args.changes} filter changes each, 2-6 s apart"
    )

    with running_app() as url:
        results, before, held = asyncio.run(crowd(url, args.sessions, args.changes, [url.process.pid], args.arrival))
    report("one process", results, args.sessions, before, held)

    if args.skip_nginx:
        return
    ports = [free_port(), free_port()]
    with (
        running_app(port=ports[0], base_path=BASE_PATH) as first,
        running_app(port=ports[1], base_path=BASE_PATH) as second,
        tempfile.TemporaryDirectory() as tmp,
        running_nginx(ports, Path(tmp)) as (url, _log),
    ):
        pids = [first.process.pid, second.process.pid]
        results, before, held = asyncio.run(crowd(url, args.sessions, args.changes, pids, args.arrival))
    report("two replicas behind nginx", results, args.sessions, before, held)


if __name__ == "__main__":
    main()
