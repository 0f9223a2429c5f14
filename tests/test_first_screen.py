"""The map's first screen (ui/first_screen.py): a session's first run of the map sends the map
alone, marked so its frame asks for the rest once painted; the next run draws everything around
the same map. The frame's side is tested in a browser (tests/test_browser.py)."""

import json
import re

import pytest

from ui import first_screen
from ui.frame import FRAME_CSS, FRAME_RULES
from ui.map_controls import CONTROLS_HEIGHT, ROOMS, ROOMS_CSS, TITLE_HEIGHT, TITLE_KEY
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


def styles(at) -> list[str]:
    sidebar = {h.proto.body for h in at.sidebar.get("html")}  # its own: Copy link
    return [h.proto.body for h in at.get("html") if h.proto.body not in sidebar]


def title_room(at) -> str:
    """The id of the page's first element, the title's room."""
    return at.main.children[0].proto.id


def test_first_run_of_the_map_sends_the_map_and_keeps_room_for_the_rest():
    at = new_app(first_screen_done=False, region="east").run()
    assert not at.exception
    assert map_element(at).component_name == "streamlit_folium.st_folium"
    assert on_first_screen(at)
    assert not sidebar_has_filters(at)
    assert not at.toggle and not at.selectbox and not at.get("download_button")
    # The title and the controls come with the rest (the title's Markdown alone took the browser
    # longer than the map's frame): plain spaces keep their rooms, so the map does not move when
    # they come. No style block (its code would delay the map): the map's frame adds the rooms'
    # style to the page before it asks for the rest.
    assert not at.title
    assert [s.value for s in at.get("space")] == [TITLE_HEIGHT, CONTROLS_HEIGHT]
    assert styles(at) == []
    script = json.loads(map_element(at).json_args)["script"]
    [page_css] = re.findall(r'style.textContent = ("(?:[^"\\]|\\.)*");', script)
    assert json.loads(page_css) == FRAME_RULES + ROOMS_CSS  # the page's style, before the map paints
    assert title_room(at).endswith("-" + TITLE_KEY)
    assert at.query_params["region"] == "east"  # the view is the one asked for
    assert at.session_state[first_screen.DONE] is True
    # The map carries the script that looks for the mark and asks for the rest.
    assert f"querySelector({first_screen.MARK!r}".replace("'", '\\"') in map_element(at).json_args


def test_the_next_run_draws_everything_around_the_same_map():
    at = new_app(first_screen_done=False, region="east").run()
    first_map, first_room = map_element(at), title_room(at)
    at.run()  # as the map's signal (or any interaction) does
    assert not at.exception
    assert not on_first_screen(at)
    assert sidebar_has_filters(at) and "**7 of 26 clusters shown**" in [c.value for c in at.sidebar.caption]
    # The same element with the same arguments: the browser keeps the map's frame as it is, and
    # Streamlit can send the map as a reference to the copy the browser already has.
    assert map_element(at).id == first_map.id and map_element(at).json_args == first_map.json_args
    assert [t.label for t in at.toggle] == ["Relocations", "IT hubs", "Labels", "Online basemap", "Presentation mode"]
    assert len(at.get("download_button")) == 5  # map as HTML, PNG, SVG; slides; the pack
    assert at.title[0].value == "Ukraine's regional IT clusters" and not at.get("space")
    # The style block first, the rooms' style in it (style blocks go in a list of their own, where
    # a block sent first only now would take a later block's place for a moment), and the title's
    # room where it was: the browser keeps it, and the map stays put.
    assert styles(at)[0] == FRAME_CSS + ROOMS and title_room(at) == first_room
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


@pytest.mark.parametrize(
    ("user_agent", "fits"),
    [
        ("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36", True),
        (
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0 Safari/537.36",
            True,
        ),
        (
            "Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
            "Version/17.5 Safari/604.1",
            True,
        ),
        (
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
            "Version/17.5 Mobile/15E148 Safari/604.1",
            False,
        ),
        (
            "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
            "Chrome/131.0 Mobile Safari/537.36",
            False,
        ),
        ("Mozilla/5.0 (Android 14; Mobile; rv:133.0) Gecko/133.0 Firefox/133.0", False),
        ("", True),  # no header (AppTest): the first screen
    ],
)
def test_phones_get_the_whole_page_at_once(user_agent, fits):
    """On a phone the columns stack and the controls take several rows: no room kept above the
    map would fit, so the page comes whole (the browser test checks the map never moves there)."""
    assert first_screen.fits(user_agent) is fits
