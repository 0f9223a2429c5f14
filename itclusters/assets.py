"""Leaflet served from this machine, so the map never depends on a CDN.

The files come from pinned PyPI packages in the XStatic standard and are copied into
./static/vendor at start-up; Streamlit serves ./static at app/static under the server's base path
(enableStaticServing; `--server.baseUrlPath` behind a proxy). Nothing is committed: a new Leaflet
arrives by bumping the pin in requirements.txt.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path

import xstatic.pkg.leaflet as xleaflet

from .schema import ROOT

STATIC_DIR = ROOT / "static"
VENDOR_DIR = STATIC_DIR / "vendor"
LEAFLET_DIR = f"leaflet-{xleaflet.VERSION}"


def static_url(path: str, base_path: str = "") -> str:
    """The URL of a file in ./static, under the server's base path ('' at the root, or e.g.
    'dashboards/clusters' behind a proxy): absolute from the host, so it is the same from the
    page and from the map's frame."""
    return "/" + "/".join(part for part in (base_path.strip("/"), "app/static", path) if part)


def install_static_assets(target: Path = VENDOR_DIR) -> Path:
    """Copy Leaflet (script, stylesheet, images) once per version; cheap when already there."""
    destination = target / LEAFLET_DIR
    if (destination / "leaflet.js").exists():
        return destination
    target.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=target, prefix=".leaflet-"))
    shutil.copytree(
        xleaflet.BASE_DIR, tmp, dirs_exist_ok=True, ignore=shutil.ignore_patterns("*.map", "*esm*", "leaflet-src.js")
    )
    try:
        tmp.rename(destination)  # atomic: a concurrent start-up never sees half a copy
    except OSError:  # another process won the race
        shutil.rmtree(tmp, ignore_errors=True)
    return destination


def local_assets(base_path: str = "") -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """folium's default_js / default_css pointing at the local copies."""
    leaflet = f"vendor/{LEAFLET_DIR}/leaflet"
    return [("leaflet", static_url(f"{leaflet}.js", base_path))], [
        ("leaflet_css", static_url(f"{leaflet}.css", base_path))
    ]


def publish_boundaries(source: Path, target: Path = STATIC_DIR / "geo") -> str:
    """Copy the boundaries into ./static/geo under a content-hashed name; return its path in ./static
    (`static_url` makes it a URL).

    The browser then caches the file: a rerun sends the map's markers, not 66 KB of borders.
    The hash changes with the content, so an edited file is never served stale.
    """
    data = Path(source).read_bytes()
    name = f"oblasts-{hashlib.sha256(data).hexdigest()[:12]}.geojson"
    target.mkdir(parents=True, exist_ok=True)
    destination = target / name
    if not destination.exists():
        tmp = target / f".{name}.{os.getpid()}.tmp"
        tmp.write_bytes(data)
        tmp.replace(destination)
    return f"geo/{name}"


def leaflet_inline() -> tuple[str, str]:
    """Leaflet's script and stylesheet as text, for a map file that needs no server at all."""
    base = Path(xleaflet.BASE_DIR)
    return (base / "leaflet.js").read_text(encoding="utf-8"), (base / "leaflet.css").read_text(encoding="utf-8")
