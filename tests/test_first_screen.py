"""The map's first screen (ui/first_screen.py): a session's first run of the map sends the map
alone and mounts the script that asks for the rest; the next run draws everything."""

import pytest

from ui import first_screen
from ui.run_queue import SERVED

from .apptest import new_app

SENTINEL = "bidi_component"


def sidebar_has_filters(at) -> bool:
    return any("clusters shown" in c.value for c in at.sidebar.caption)


def test_first_run_of_the_map_sends_title_and_map_only():
    at = new_app(first_screen_done=False, region="east").run()
    assert not at.exception
    assert at.title[0].value == "Ukraine's regional IT clusters"
    assert len(at.get("component_instance")) == 1  # the map
    assert len(at.get(SENTINEL)) == 1  # the script that asks for the rest once the map is painted
    assert not sidebar_has_filters(at)
    assert not at.toggle and not at.selectbox and not at.get("download_button")
    assert at.query_params["region"] == "east"  # the view is the one asked for
    assert at.session_state[first_screen.DONE] is True


def test_the_next_run_draws_everything_and_never_the_first_screen_again():
    at = new_app(first_screen_done=False, region="east").run()
    at.run()  # as the script's trigger (or any interaction) does
    assert not at.exception
    assert sidebar_has_filters(at) and "**7 of 26 clusters shown**" in [c.value for c in at.sidebar.caption]
    assert len(at.get(SENTINEL)) == 0
    assert [t.label for t in at.toggle] == ["Relocations", "IT hubs", "Online basemap", "Presentation mode"]
    assert len(at.get("download_button")) == 5  # map as HTML, PNG, SVG; slides; the pack
    at.sidebar.multiselect(key="f_status").select("relocated").run()
    assert len(at.get(SENTINEL)) == 0 and "**2 of 26 clusters shown**" in [c.value for c in at.sidebar.caption]
    assert at.session_state[SERVED] == 3  # every run took its turn in the run queue (ui/run_queue.py)


@pytest.mark.parametrize("page", ["pages/members.py", "pages/about.py"])
def test_other_pages_are_whole_from_the_first_run(page):
    at = new_app(first_screen_done=False)
    at.switch_page(page).run()
    assert not at.exception
    assert sidebar_has_filters(at) and len(at.get(SENTINEL)) == 0
