"""The heaviest valid data an upload can carry: facts.csv filled to the upload limit with short,
valid facts, all on one cluster (issue #31). Used by the tests and by bench/stall.py."""

from __future__ import annotations

import shutil
from pathlib import Path

from itclusters.facts import TOPIC_LABELS
from itclusters.schema import DATA_DIR

LIMIT = 2_000_000  # the app's upload limit (ui/uploads.py)
CLUSTER = "lviv-it-cluster"
HEADER = b"fact_id,cluster_id,topic,measure,subject,value,value_bound,unit,period,scope,note,source_section"
# Every few rows a number with its bound and unit, a scope other than the cluster's or a period, so
# each way a fact is written is exercised; the rest as short as the schema allows.
SHAPES = (
    b"h%x,%s,%s,,,,,,,cluster,x,1",
    b"h%x,%s,%s,,,,,,,city,x,1",
    b"h%x,%s,%s,,,,,,,national,x,1",
    b"h%x,%s,%s,,,5,at_least,people,2023,cluster,x,1",
    b"h%x,%s,%s,,,,,,,region,x,1",
    b"h%x,%s,%s,,,12,exact,percent,,cluster,x,1",
    b"h%x,%s,%s,,,,,,,cluster,x,1",
    b"h%x,%s,%s,,,,,,,city,x,1",
)


def heaviest_facts(cluster: str = CLUSTER, limit: int = LIMIT) -> bytes:
    """facts.csv with as many valid facts on `cluster` as fit in `limit` bytes, every topic used."""
    topics = [t.encode() for t in TOPIC_LABELS]
    rows, size, n = [HEADER], len(HEADER) + 1, 0
    while True:
        row = SHAPES[n % len(SHAPES)] % (n, cluster.encode(), topics[n % len(topics)])
        if size + len(row) + 1 > limit:
            return b"\n".join(rows) + b"\n"
        rows.append(row)
        size, n = size + len(row) + 1, n + 1


def heavy_data_folder(folder: Path) -> Path:
    """A copy of the published data whose facts are heaviest_facts(): the shipped clusters, moves
    and everything else as published."""
    shutil.copytree(DATA_DIR, folder)
    (folder / "facts.csv").write_bytes(heaviest_facts())
    return folder
