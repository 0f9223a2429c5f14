"""Oblast boundaries: loaded once, checked, and reported as a Problem when unusable."""

from __future__ import annotations

import json
from pathlib import Path

from .schema import DATA_DIR, data_dir
from .validation import Problem

# A view of the map an address may hold (at=lat,lon,zoom): around Ukraine, at zooms the map draws.
VIEW_BOUNDS = ((40.0, 16.0), (56.0, 46.0))
VIEW_ZOOM = (3.0, 14.0)

OBLASTS_FILE = Path("geo") / "oblasts.geojson"
OBLASTS_PATH = DATA_DIR / OBLASTS_FILE  # the published file
PROPERTIES = ("iso", "name_en", "name_uk", "macro_region")


def load_oblasts(path: Path | None = None) -> tuple[dict | None, list[Problem]]:
    """The FeatureCollection, or None and a problem naming the file; the map then draws without it."""
    path = path or data_dir() / OBLASTS_FILE
    file = f"geo/{Path(path).name}"
    try:
        collection = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None, [Problem(file, None, None, None, "the file is missing; the map is drawn without boundaries")]
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        return None, [Problem(file, None, None, None, f"cannot be read ({e}); the map is drawn without boundaries")]
    features = collection.get("features") if isinstance(collection, dict) else None
    if not features:
        return None, [Problem(file, None, None, None, "has no features; the map is drawn without boundaries")]
    for n, feature in enumerate(features, start=1):
        props = feature.get("properties") or {}
        missing = [p for p in PROPERTIES if not props.get(p)]
        if missing or not feature.get("geometry"):
            what = ", ".join(missing) if missing else "geometry"
            return None, [
                Problem(file, None, None, None, f"feature {n} lacks {what}; the map is drawn without boundaries")
            ]
    return collection, []


def _inside_ring(ring: list, lon: float, lat: float) -> bool:
    """Ray casting: whether the point is inside one linear ring of [lon, lat] positions."""
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1]):
        if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def _inside(geometry: dict, lon: float, lat: float) -> bool:
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    for outer, *holes in polygons:
        if _inside_ring(outer, lon, lat) and not any(_inside_ring(hole, lon, lat) for hole in holes):
            return True
    return False


def oblast_at(collection: dict | None, lat: float, lon: float) -> str | None:
    """The ISO code of the unit a point (a click on the map) falls in, or None outside Ukraine."""
    for feature in (collection or {}).get("features", []):
        if _inside(feature["geometry"], float(lon), float(lat)):
            return feature["properties"]["iso"]
    return None


def bounds_of(collection: dict | None, isos: set[str]) -> tuple[tuple[float, float], tuple[float, float]] | None:
    """The (south-west, north-east) corners of these units' outlines; None if none is found."""
    lats, lons = [], []
    for feature in (collection or {}).get("features", []):
        if feature["properties"]["iso"] in isos:
            geometry = feature["geometry"]
            polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
            for polygon in polygons:
                for lon, lat in polygon[0]:
                    lats.append(lat)
                    lons.append(lon)
    if not lats:
        return None
    return (min(lats), min(lons)), (max(lats), max(lons))
