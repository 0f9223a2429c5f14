#!/usr/bin/env python3
"""Upload memory: hostile uploads one after another, and the memory the server keeps afterwards.

Each upload is clusters.csv's header plus 940,000 one-character lines (1.9 MB, 940,000 problems),
sent to the Data page in a session of its own (Streamlit's AppTest, in this process, which plays
the server). Prints the process's resident memory before, at its peak and after the sessions are
gone, with the commit. Target: back within 50 MB of where it started.

Usage: python bench/upload_memory.py [--uploads 20]
"""

from __future__ import annotations

import argparse
import gc
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.revision import commit  # noqa: E402
from tests.apptest import new_app, pages_folder_flag_as_on_a_server  # noqa: E402


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in /proc/self/status")


def upload(data: bytes) -> int:
    """One session opens the Data page and uploads the file; returns the problems listed."""
    at = new_app().run(timeout=120)
    at.switch_page("pages/data.py").run(timeout=120)
    at.file_uploader(key="upload_clusters").set_value(("clusters.csv", data, "text/csv")).run(timeout=300)
    return len(at.dataframe[-1].value) if at.dataframe else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--uploads", type=int, default=20)
    args = parser.parse_args()
    header = (ROOT / "data" / "clusters.csv").read_bytes().split(b"\n", 1)[0]
    hostile = header + b"\n" + b"x\n" * 940_000
    with pages_folder_flag_as_on_a_server():
        upload((ROOT / "data" / "clusters.csv").read_bytes())  # warm-up: imports and caches
        gc.collect()
        start = peak = rss_mb()
        for _ in range(args.uploads):
            listed = upload(hostile)
            peak = max(peak, rss_mb())
        gc.collect()
        end = rss_mb()
    print(f"commit {commit()}; {args.uploads} uploads of {len(hostile) / 1e6:.1f} MB, {listed} problems listed each")
    print(f"resident memory: start {start:.0f} MB, peak {peak:.0f} MB, after {end:.0f} MB ({end - start:+.0f} MB)")
    print(f"target: back within 50 MB of the start: {'met' if end - start <= 50 else 'NOT met'}")


if __name__ == "__main__":
    main()
