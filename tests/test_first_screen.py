"""The map's first screen (ui/first_screen.py): a session's first run of the map sends the map
alone, marked so its frame asks for the rest once painted; the next run draws everything around
the same map. The frame's side is tested in a browser (tests/test_browser.py)."""

import pytest

from ui import first_screen
from ui.frame import FRAME_CSS
from ui.map_controls import CONTROLS_HEIGHT, CONTROLS_ROOM
from ui.run_queue import SERVED

from .apptest import new_app


def sidebar_has_filters(at) -> bool:
    return any("clusters shown" in c.value for c in at.sidebar.caption)


def on_first_screen(at) -> bool:
    """The sidebar holds the first screen's placeholder, the mark the map's frame looks for."""
    return any(
        getattr(child.proto, "id", "").endswith("-" + first_screen.KEY) for child in at.sidebar.children.values()
    )


def map_element(at):
    (element,) = at.get("component_instance")
    return element.proto


def test_first_run_of_the_map_sends_title_and_map_only():
    at = new_app(first_screen_done=False, region="east").run()
    assert not at.exception
    assert at.title[0].value == "Ukraine's regional IT clusters"
    assert map_element(at).component_name == "streamlit_folium.st_folium"
    assert on_first_screen(at)
    assert not sidebar_has_filters(at)
    assert not at.toggle and not at.selectbox and not at.get("download_button")
    # A plain space holds the controls' room, so the map does not move when they come; the style
    # that keeps that room for them is the one style block, sent after the map (the browser loads
    # the code for it, which would delay the map's frame), and the frame's own styles wait.
    assert [s.value for s in at.get("space")] == [CONTROLS_HEIGHT]
    assert [h.proto.body for h in at.get("html")] == [CONTROLS_ROOM]
    assert at.query_params["region"] == "east"  # the view is the one asked for
    assert at.session_state[first_screen.DONE] is True
    # The map carries the script that looks for the mark and asks for the rest.
    assert f"querySelector({first_screen.MARK!r}".replace("'", '\\"') in map_element(at).json_args


def test_the_next_run_draws_everything_around_the_same_map():
    at = new_app(first_screen_done=False, region="east").run()
    first_map = map_element(at)
    at.run()  # as the map's signal (or any interaction) does
    assert not at.exception
    assert not on_first_screen(at)
    assert sidebar_has_filters(at) and "**7 of 26 clusters shown**" in [c.value for c in at.sidebar.caption]
    # The same element with the same arguments: the browser keeps the map's frame as it is, and
    # Streamlit can send the map as a reference to the copy the browser already has.
    assert map_element(at).id == first_map.id and map_element(at).json_args == first_map.json_args
    assert [t.label for t in at.toggle] == ["Relocations", "IT hubs", "Online basemap", "Presentation mode"]
    assert len(at.get("download_button")) == 5  # map as HTML, PNG, SVG; slides; the pack
    styles = [h.proto.body for h in at.get("html")]
    assert FRAME_CSS in styles and CONTROLS_ROOM in styles and not at.get("space")
    at.sidebar.multiselect(key="f_status").select("relocated").run()
    assert not on_first_screen(at) and "**2 of 26 clusters shown**" in [c.value for c in at.sidebar.caption]
    assert at.session_state[SERVED] == 3  # every run took its turn in the run queue (ui/run_queue.py)


@pytest.mark.parametrize("page", ["pages/members.py", "pages/about.py"])
def test_other_pages_are_whole_from_the_first_run_and_so_is_the_map_after_them(page):
    at = new_app(first_screen_done=False)
    at.switch_page(page).run()
    assert not at.exception
    assert sidebar_has_filters(at) and not on_first_screen(at)
    # The first screen is a session's first run only: the map, opened later, comes whole at once
    # (sent alone, with no mark for its frame to find, it would wait for the three-second fallback).
    at.switch_page("pages/map.py").run()
    assert not at.exception
    assert sidebar_has_filters(at) and not on_first_screen(at) and [s.value for s in at.get("space")] == []
    assert len(at.get("download_button")) == 5
