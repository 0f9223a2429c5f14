"""The map's layer controls. Their values are read before they are drawn, so the page can send
the map first and fill the controls in above it (see pages/map.py)."""

from __future__ import annotations

from collections.abc import MutableMapping

import streamlit as st

from itclusters.i18n import _
from itclusters.maps import MapOptions
from itclusters.stories import SHADING, Layers  # SHADING: 'none', not None (a selectbox shows None as empty)
from ui import address

DEFAULTS = address.layer_state(Layers()) | {address.BASEMAP_KEY: False}  # the plain address's layers
CONTROLS_KEY = "map_controls"
TITLE_KEY = "map_title"
FRAME_KEY = "map_frame"  # the map's container on the map page
MAP_TOP = "--itc-map-top"  # where the map's frame starts in the page, written by the frame's script
# The rooms above the map, in px: the page's title on one line and the controls' row (the layers'
# popover and a select box whose label is folded into its choice: one line at any width). The
# first screen keeps them free with spaces of these heights, and what is drawn there later never
# takes less, so the map stays put.
TITLE_HEIGHT = 48
CONTROLS_HEIGHT = 40
# Analysts' pages use the window: Streamlit's padding (6rem on top, 5rem a side) cut the map to
# half of a laptop's screen. The title keeps to one line of a fixed height at any width: its type
# shrinks with the room (container query units) rather than wrap. The map's frame fills the window
# below what is above it (itclusters.leaflet.FitWindowHeight reports where it starts); phones too.
ROOMS_CSS = f"""
[data-testid="stMain"] [data-testid="stMainBlockContainer"] {{ padding: 2.5rem 1.5rem 3rem; max-width: none; }}
[data-testid="stHeader"] {{ background: transparent; }}
.st-key-{TITLE_KEY} {{ min-height: {TITLE_HEIGHT}px; max-height: {TITLE_HEIGHT}px; container-type: inline-size;
  overflow: hidden; }}
.st-key-{TITLE_KEY} h1 {{ font-size: min(2rem, 5cqi); line-height: {TITLE_HEIGHT}px; padding: 0; margin: 0;
  white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }}
.st-key-{CONTROLS_KEY} {{ min-height: {CONTROLS_HEIGHT}px; }}
.st-key-{FRAME_KEY} iframe {{ width: 100% !important;
  height: max(22rem, calc(100dvh - var({MAP_TOP}, 12rem) - 1rem)) !important; }}
@media (max-width: 640px) {{  /* a phone: the map as tall as the country needs, the page scrolls on */
  .st-key-{FRAME_KEY} iframe {{ height: min(26rem, calc(100dvh - 5rem)) !important; }} }}
"""
ROOMS = f"<style>{ROOMS_CSS}</style>"


def map_options(state: MutableMapping, present: bool, focus=None, base_path: str = "") -> MapOptions:
    """The options the controls hold (their defaults in a new session); the view shows `focus`,
    and the map's files come from under the server's `base_path`."""
    for key, value in DEFAULTS.items():
        state.setdefault(key, value)
    return MapOptions(
        relocations=bool(state["map_relocations"]),
        hubs=bool(state["map_hubs"]),
        choropleth=state["map_shading"] if state["map_shading"] in SHADING[1:] else None,
        online_tiles=bool(state["map_online"]),
        labels=bool(state["map_labels"]),
        height=470 if present else 620,  # the page's CSS sets the height (here, and ui/frame.py presenting)
        focus=focus,
        fill_frame=present,
        fit_window=None if present else MAP_TOP,
        base_path=base_path,
        view_in_address=True,
    )


LAYERS = ("map_relocations", "map_hubs", "map_labels", "map_online")


def draw_layer_toggles() -> None:
    st.toggle(_("Relocations"), key="map_relocations", help=_("Arrows from home city to destination."))
    st.toggle(_("IT hubs"), key="map_hubs", help=_("Hubs and coworking spaces the source lists."))
    st.toggle(_("Labels"), key="map_labels", help=_("Each cluster's name beside its circle, where there is room."))
    st.toggle(
        _("Online basemap"),
        key="map_online",
        help=_("Adds OpenStreetMap tiles. This is the only part of the map that uses the internet."),
    )


def draw_shading(collapsed: bool) -> None:
    if collapsed:  # the choice says what it is: the row stays one line high at any width
        labels = {
            "none": _("Shading: none"),
            "clusters": _("Shading: number of clusters"),
            "members": _("Shading: member companies"),
        }
    else:
        labels = {"none": _("nothing"), "clusters": _("number of clusters"), "members": _("member companies")}
    st.selectbox(
        _("Shade oblasts by"),
        SHADING,
        key="map_shading",
        format_func=labels.get,
        label_visibility="collapsed" if collapsed else "visible",
        placeholder=_("Choose an option"),
    )


def draw_map_controls() -> None:
    """One row above the map: the layers in a popover that says how many are on, and the shading."""
    layers, shading, _spacer = st.columns([1.2, 1.8, 2.5], vertical_alignment="center")
    on = sum(bool(st.session_state.get(key, DEFAULTS[key])) for key in LAYERS)
    with layers.popover(_("Layers ({n} on)").format(n=on), width="stretch"):
        draw_layer_toggles()
    with shading:
        draw_shading(collapsed=True)


def draw_presenting_controls() -> None:
    """Presenting without a story: everything in one compact popover in the slim line."""
    with st.popover(_("Layers"), width="stretch"):
        draw_layer_toggles()
        draw_shading(collapsed=False)
