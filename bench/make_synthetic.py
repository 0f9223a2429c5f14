#!/usr/bin/env python3
"""A synthetic data folder of N clusters with the published schema, for the scale benchmark.

Points are spread at random inside Ukraine's oblasts (each point inside the unit it names),
with statuses, years and member counts drawn like the real ones, some left unstated.

Usage: python bench/make_synthetic.py 10000 /tmp/synthetic-10k [--seed 1]
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import shutil
from pathlib import Path

import shapely
from shapely.geometry import Point, shape

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("n", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)

    shutil.rmtree(args.out, ignore_errors=True)
    shutil.copytree(DATA, args.out)
    units = {
        f["properties"]["iso"]: shape(f["geometry"])
        for f in json.loads((DATA / "geo" / "oblasts.geojson").read_text())["features"]
    }
    codes = sorted(units)
    weights = [units[c].area for c in codes]
    for geom in units.values():
        shapely.prepare(geom)

    header = next(csv.reader((DATA / "clusters.csv").open(encoding="utf-8")))
    rows = []
    for i in range(args.n):
        iso = rng.choices(codes, weights)[0]
        unit = units[iso]
        lon_lo, lat_lo, lon_hi, lat_hi = unit.bounds
        while True:
            lon, lat = rng.uniform(lon_lo, lon_hi), rng.uniform(lat_lo, lat_hi)
            if unit.contains(Point(lon, lat)):
                break
        year = rng.choice([None, *range(2011, 2025)])
        members = rng.choice([None, None, *[int(rng.lognormvariate(2.8, 1.1)) + 2 for _ in range(6)]])
        row = dict.fromkeys(header, "")
        row.update(
            {
                "id": f"synthetic-{i:06d}",
                "name": f"Synthetic cluster {i}",
                "city": f"Town {i}",
                "city_uk": f"Місто {i}",
                "oblast_iso": iso,
                "lat": f"{lat:.5f}",
                "lon": f"{lon:.5f}",
                "founded_year": year or "",
                "founded_basis": "stated" if year else "",
                "member_companies": members or "",
                "member_companies_bound": rng.choice(["exact", "at_least"]) if members else "",
                "counts_period": "current" if members else "",
                "status_evidence": rng.choices(
                    ["activity_reported", "relocation_reported", "profile_only"], [20, 2, 4]
                )[0],
                "status_note": "Synthetic row for the scale benchmark.",
                "source_section": rng.randint(1, 26),
            }
        )
        # The status follows from its evidence, by the rule in datapackage.json.
        row["status"] = {"activity_reported": "active", "relocation_reported": "relocated"}.get(
            row["status_evidence"], "no_recent_info"
        )
        rows.append(row)
    with (args.out / "clusters.csv").open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=header)
        writer.writeheader()
        writer.writerows(rows)
    # The published facts name published clusters: keep only the national ones (no cluster_id).
    facts_path = args.out / "facts.csv"
    with facts_path.open(encoding="utf-8", newline="") as f:
        facts = list(csv.reader(f))
    cluster_column = facts[0].index("cluster_id")
    with facts_path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows([facts[0], *(r for r in facts[1:] if not r[cluster_column])])
    moved = [r for r in rows if r["status"] == "relocated"][:50]
    with (args.out / "relocations.csv").open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(
            [
                "cluster_id",
                "from_city",
                "to_city",
                "to_city_uk",
                "to_oblast_iso",
                "to_lat",
                "to_lon",
                "year",
                "note",
                "source_section",
            ]
        )
        for r in moved:
            writer.writerow(
                [
                    r["id"],
                    r["city"],
                    "Lviv",
                    "Львів",
                    "UA-46",
                    "49.8397",
                    "24.0297",
                    2022,
                    "Synthetic move.",
                    r["source_section"],
                ]
            )
    print(f"wrote {args.n:,} clusters to {args.out}")


if __name__ == "__main__":
    main()
