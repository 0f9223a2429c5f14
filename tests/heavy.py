"""The heaviest valid data an upload can carry: facts.csv filled to the upload limit with short,
valid facts, all on one cluster (issue #31). Used by the tests and by bench/stall.py."""

from __future__ import annotations

import shutil
from pathlib import Path

from itclusters.facts import TOPIC_LABELS
from itclusters.schema import DATA_DIR

LIMIT = 2_000_000  # the app's upload limit (ui/uploads.py)
CLUSTER = "lviv-it-cluster"
# The published file's columns; a cell not named in a shape stays empty.
HEADER = (DATA_DIR / "facts.csv").read_text(encoding="utf-8").split("\n", 1)[0].strip().split(",")
# Every few rows a number with its bound and unit, a scope other than the cluster's or a period, so
# each way a fact is written is exercised; the rest as short as the schema allows.
PLAIN = {"scope": "cluster", "note": "x", "source_section": "1"}
SHAPES = (
    PLAIN,
    PLAIN | {"scope": "city"},
    PLAIN | {"scope": "national"},
    PLAIN | {"value": "5", "value_bound": "at_least", "unit": "people", "period_kind": "on", "period_date": "2023"},
    PLAIN | {"scope": "region"},
    PLAIN | {"value": "12", "value_bound": "exact", "unit": "percent"},
    PLAIN,
    PLAIN | {"scope": "city"},
)


def heaviest_facts(cluster: str = CLUSTER, limit: int = LIMIT) -> bytes:
    """facts.csv with as many valid facts on `cluster` as fit in `limit` bytes, every topic used."""
    topics = list(TOPIC_LABELS)
    rows, size, n = [",".join(HEADER)], len(",".join(HEADER)) + 1, 0
    while True:
        named = {"fact_id": f"h{n:x}", "cluster_id": cluster, "topic": topics[n % len(topics)]}
        cells = SHAPES[n % len(SHAPES)] | named
        row = ",".join(cells.get(column, "") for column in HEADER)
        if size + len(row) + 1 > limit:
            return ("\n".join(rows) + "\n").encode()
        rows.append(row)
        size, n = size + len(row) + 1, n + 1


def heavy_data_folder(folder: Path) -> Path:
    """A copy of the published data whose facts are heaviest_facts(): the shipped clusters, moves
    and everything else as published."""
    shutil.copytree(DATA_DIR, folder)
    (folder / "facts.csv").write_bytes(heaviest_facts())
    return folder
