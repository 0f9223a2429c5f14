"""The first screen: on a session's first visit to the map, the map goes out alone.

A same-origin iframe shares the page's main thread, so while the browser builds the sidebar's and
the page's widgets (about 0.4 s on two cores) the map's frame waits. Measured by
bench/time_to_map.py: sending the map alone, and the rest once the browser has painted the map,
brings the first marker close to the floor of a bare app. The rest follows in the next run, which
the map's own frame asks for as soon as it has painted a marker or the empty-map notice
(itclusters.leaflet.FirstPaintSignal): nothing else goes on the first screen, since every element
there delays the map's frame. If that never comes, the page asks itself after three seconds. Any
other interaction also brings the full page.
"""

from __future__ import annotations

import streamlit as st

KEY = "first_screen"  # the sidebar's placeholder, on the page until the rest follows
MARK = f".st-key-{KEY}"  # its selector, which the map's frame looks for
DONE = "first_screen_done"  # this session has had its first screen
ARMED = "first_screen_give_up_armed"  # the fallback has been set off (its first call)
GIVE_UP_SECONDS = 3


def on_a_phone() -> bool:
    """Whether this run's browser is a phone's (its user agent, as `fits` reads it)."""
    return not fits(st.context.headers.get("User-Agent", ""))


def fits(user_agent: str) -> bool:
    """Whether the first screen suits this browser: not a phone's ("Mobi" in its user agent, as
    MDN advises). On a phone the columns stack and the controls take several rows, so the room
    kept for them above the map would be too small and the map would move when they came."""
    return "Mobi" not in user_agent


@st.fragment(run_every=GIVE_UP_SECONDS)
def give_up_later() -> None:
    """The fallback: called on the first screen, it draws nothing and reruns the whole app when
    the browser calls it again after a while. Any full run cancels that call (Streamlit clears
    its timers when a run of the whole app starts), so with the map's signal it never comes."""
    if st.session_state.pop(ARMED, False):
        st.rerun(scope="app")
    st.session_state[ARMED] = True
