"""The first screen: on a session's first visit to the map, the map goes out alone.

A same-origin iframe shares the page's main thread, so while the browser builds the sidebar's and
the page's widgets (about 0.4 s on two cores) the map's frame waits. Measured by
bench/time_to_map.py: sending the map alone, and the rest once the browser has painted the map,
brings the first marker close to the floor of a bare app. The rest follows in the next run, which
a small script in the page triggers as soon as a marker (or the empty-map notice) is painted, or
after three seconds whatever happens. Any other interaction also brings the full page.
"""

from __future__ import annotations

import json

import streamlit as st

from itclusters.leaflet import FIRST_PAINT_SELECTOR

KEY = "first_paint"  # the script's element; the page shows `.st-key-first_paint` until the rest follows
DONE = "first_screen_done"  # this session has had its first screen
NOW = "first_screen_now"  # this run is the first screen: the frame leaves out the sidebar
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
GIVE_UP_MS = 3000

FIRST_PAINT_JS = """
export default function ({ setTriggerValue }) {
  const started = performance.now();
  let frame = 0, sent = false;
  const send = () => { if (!sent) { sent = true; setTriggerValue("painted", true); } };
  const check = () => {
    const map = document.querySelector(__FRAME__);
    const doc = map && map.contentDocument;
    if (doc && doc.querySelector(__PAINTED__)) {
      requestAnimationFrame(() => requestAnimationFrame(send));  // after that frame is painted
      return;
    }
    if (performance.now() - started > __GIVE_UP_MS__) { send(); return; }
    frame = requestAnimationFrame(check);
  };
  frame = requestAnimationFrame(check);
  return () => cancelAnimationFrame(frame);
}
"""
for name, value in {"__FRAME__": MAP_FRAME, "__PAINTED__": FIRST_PAINT_SELECTOR, "__GIVE_UP_MS__": GIVE_UP_MS}.items():
    FIRST_PAINT_JS = FIRST_PAINT_JS.replace(name, json.dumps(value))

_first_paint = st.components.v2.component("itclusters.first_paint", js=FIRST_PAINT_JS)


def begin() -> bool:
    """True on this session's first run of the map page, which then sends the map alone."""
    state = st.session_state
    if state.get(DONE):
        return False
    state[DONE] = state[NOW] = True  # whatever triggers the next run, it draws everything
    return True


def await_first_paint() -> None:
    """Mount the script that reruns the app once the map is painted."""
    _first_paint(key=KEY, on_painted_change=lambda: None)


def is_this_run() -> bool:
    """Whether this run is the first screen (asked once, by the frame, at the end of the run)."""
    return bool(st.session_state.pop(NOW, False))
