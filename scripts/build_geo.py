#!/usr/bin/env python3
"""Build data/geo/oblasts.geojson: Ukraine's 27 first-level units, small and offline.

Source: Natural Earth 1:10m admin-1 states and provinces (public domain,
https://www.naturalearthdata.com/), as Debian's `qgis-common` package ships it in
/usr/share/qgis/resources/data/world_map.gpkg, layer `states_provinces`.

Steps
1. Load: fetch the .deb with `apt-get download` (no root needed) and extract the GeoPackage,
   unless QGIS is installed or a path is given.
2. Process: take the 27 units by their FIPS code (UP01-UP27). Natural Earth files Crimea and
   Sevastopol under Russia; this project shows Ukraine's internationally recognised borders
   (UN General Assembly resolution 68/262), so they are mapped to UA-43 and UA-40 like every
   other unit. Names and macro-regions come from data/regions.csv (official national
   transliteration and Ukrainian). Borders are simplified as one coverage, so neighbours keep
   a shared edge (no gaps or overlaps), then coordinates are rounded to 3 decimals (~100 m).
3. Save: compact GeoJSON sorted by ISO code. The output depends only on the inputs, so running
   the script again reproduces the committed file byte for byte (tests/test_geo.py checks).

Usage: python scripts/build_geo.py [--source world_map.gpkg] [--output data/geo/oblasts.geojson]
"""

from __future__ import annotations

import argparse
import csv
import json
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import shapely

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "data" / "geo" / "oblasts.geojson"
REGIONS = ROOT / "data" / "regions.csv"
CACHE = ROOT / ".cache"
SYSTEM_GPKG = Path("/usr/share/qgis/resources/data/world_map.gpkg")
GPKG_IN_DEB = "./usr/share/qgis/resources/data/world_map.gpkg"
TOLERANCE_DEGREES = 0.01  # ~1 km: invisible at zoom 5-8, halves the vertices
DECIMALS = 3

# FIPS 10-4 code (Natural Earth's `fips` column) -> ISO 3166-2:UA.
FIPS_TO_ISO = {
    "UP01": "UA-71",
    "UP02": "UA-74",
    "UP03": "UA-77",
    "UP04": "UA-12",
    "UP05": "UA-14",
    "UP06": "UA-26",
    "UP07": "UA-63",
    "UP08": "UA-65",
    "UP09": "UA-68",
    "UP10": "UA-35",
    "UP11": "UA-43",
    "UP12": "UA-30",
    "UP13": "UA-32",
    "UP14": "UA-09",
    "UP15": "UA-46",
    "UP16": "UA-48",
    "UP17": "UA-51",
    "UP18": "UA-53",
    "UP19": "UA-56",
    "UP20": "UA-40",
    "UP21": "UA-59",
    "UP22": "UA-61",
    "UP23": "UA-05",
    "UP24": "UA-07",
    "UP25": "UA-21",
    "UP26": "UA-23",
    "UP27": "UA-18",
}


def find_source() -> Path:
    """The GeoPackage from an installed QGIS, or from the qgis-common .deb (downloaded once)."""
    if SYSTEM_GPKG.exists():
        return SYSTEM_GPKG
    cached = CACHE / "world_map.gpkg"
    if not cached.exists():
        CACHE.mkdir(exist_ok=True)
        with tempfile.TemporaryDirectory() as tmp:
            download = ["apt-get", "download", "qgis-common"]
            if subprocess.run(download, cwd=tmp, capture_output=True).returncode != 0:
                # A machine that never refreshed its package lists knows no qgis-common yet.
                subprocess.run(["apt-get", "update", "-qq"], check=True, capture_output=True)
                subprocess.run(download, cwd=tmp, check=True, capture_output=True)
            deb = next(Path(tmp).glob("qgis-common_*.deb"))
            tar = subprocess.run(["dpkg-deb", "--fsys-tarfile", str(deb)], check=True, capture_output=True).stdout
            subprocess.run(["tar", "-x", "-C", tmp, GPKG_IN_DEB], input=tar, check=True)
            (Path(tmp) / GPKG_IN_DEB).replace(cached)
    return cached


def gpkg_geometry(blob: bytes) -> shapely.Geometry:
    """GeoPackage geometry: 'GP', version, flags, srs_id (8 bytes), an envelope, then WKB."""
    envelope_bytes = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}[(blob[3] >> 1) & 0b111]
    return shapely.from_wkb(bytes(blob[8 + envelope_bytes :]))


def read_units(gpkg: Path) -> dict[str, shapely.Geometry]:
    with sqlite3.connect(f"file:{gpkg}?mode=ro", uri=True) as db:
        rows = db.execute("SELECT fips, geom FROM states_provinces WHERE fips LIKE 'UP%'").fetchall()
    units = {FIPS_TO_ISO[fips]: gpkg_geometry(geom) for fips, geom in rows}
    if sorted(units) != sorted(FIPS_TO_ISO.values()):
        sys.exit(f"expected 27 Ukrainian units in {gpkg}, found {sorted(units)}")
    return units


def read_regions() -> dict[str, dict]:
    with REGIONS.open(encoding="utf-8") as f:
        return {row["iso"]: row for row in csv.DictReader(f)}


def simplify(units: dict[str, shapely.Geometry]) -> dict[str, shapely.Geometry]:
    codes = sorted(units)
    geoms = shapely.coverage_simplify([units[c] for c in codes], TOLERANCE_DEGREES, simplify_boundary=True)
    rounded = shapely.set_precision(geoms, 10**-DECIMALS, mode="pointwise")
    return {c: shapely.make_valid(g) if not g.is_valid else g for c, g in zip(codes, rounded)}


def feature_collection(units: dict[str, shapely.Geometry], regions: dict[str, dict]) -> dict:
    features = []
    for iso in sorted(units):
        geometry = json.loads(shapely.to_geojson(units[iso]))
        region = regions[iso]
        properties = {k: region[k] for k in ("iso", "name_en", "name_uk", "macro_region")}
        features.append({"type": "Feature", "properties": properties, "geometry": geometry})
    return {
        "type": "FeatureCollection",
        "name": "ukraine_oblasts",
        "source": "Natural Earth 1:10m admin-1 (public domain); Crimea and Sevastopol shown as part of Ukraine",
        "features": features,
    }


def build(gpkg: Path) -> str:
    collection = feature_collection(simplify(read_units(gpkg)), read_regions())
    return json.dumps(collection, ensure_ascii=False, separators=(",", ":")) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--source", type=Path, help="world_map.gpkg (default: QGIS's, or the qgis-common .deb)")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    text = build(args.source or find_source())
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    print(f"wrote {args.output} ({len(text.encode()):,} bytes)")


if __name__ == "__main__":
    main()
